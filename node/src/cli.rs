//! Command-line interface of `loam-node`.

/// Subcommands of `loam-node`; without one, the node runs.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect and insert keys, and node keys.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (use `export-chain-spec` for the newer form).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export the chain specification of `--chain`.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks to a file.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a block into a chain specification.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks from a file.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain database.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Runtime and node benchmarks (built only with `--features runtime-benchmarks`).
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Database metadata.
	ChainInfo(sc_cli::ChainInfoCmd),
}

/// `loam-node`: a validator or full node of the Loam chain.
#[derive(Debug, clap::Parser)]
#[command(
	propagate_version = true,
	args_conflicts_with_subcommands = true,
	subcommand_negates_reqs = true,
	after_help = "Chains: --chain dev (Alice alone, the default with --dev), --chain local \
	              (Alice, Bob, Charlie, Dave), or a path to a chain-spec JSON file.\n\
	              Examples:\n  loam-node --dev --tmp\n  loam-node --chain local --alice \
	              --base-path /var/lib/loam --network-backend libp2p"
)]
pub struct Cli {
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	#[clap(flatten)]
	pub run: sc_cli::RunCmd,

	#[clap(flatten)]
	pub loam: LoamArgs,
}

/// Loam's own options.
#[derive(Debug, clap::Args)]
pub struct LoamArgs {
	/// Run the data gateway inside the node, listening on this address (e.g.
	/// 127.0.0.1:9955): owners upload chunks, buyers and validators download them.
	#[arg(long, value_name = "ADDR")]
	pub gateway: Option<std::net::SocketAddr>,

	/// Where the in-node gateway keeps chunks: a directory, file:///dir, or
	/// s3://bucket/prefix (credentials and endpoint from AWS_* variables).
	/// [default: <base-path>/chunks]
	#[arg(long, value_name = "URL", requires = "gateway")]
	pub gateway_store: Option<String>,

	/// Serve the web app from this directory at the gateway's `/` (the output of
	/// `npm run build` in web/, i.e. web/dist). Open http://<gateway>/?rpc=ws://<node>:9944.
	#[arg(long, value_name = "DIR", requires = "gateway")]
	pub gateway_web: Option<std::path::PathBuf>,

	/// TEST ONLY: make this validator's scoring reports lie, so that tests can see it
	/// outvoted and recorded as dissenting. Never use on a real chain.
	#[arg(long, hide = true)]
	pub unsafe_lie_about_scores: bool,
}
