//! `loam`: Loam's command line. Every user action of the loop from a terminal or a script.

use clap::{Args, Parser, Subcommand};
use loam_client::{
	cmd::{self, clean::StepArgs, dataset::Describe, market::Terms, Ctx, KeySource, Output},
	progress::Progress,
	units::Asset,
	Error,
};
use std::path::PathBuf;

/// Register, clean, score, sell, buy and fetch datasets on a Loam chain.
///
/// Keys: --suri (or LOAM_SURI) takes a secret phrase or a dev name like //Alice;
/// --key-file (or LOAM_KEY_FILE) a polkadot.js JSON key file, its password from
/// LOAM_KEY_PASSWORD or the terminal. Exit codes: 0 done, 1 other failure, 2 bad input or
/// key, 3 node unreachable, 4 gateway refused or unreachable, 5 the chain refused the
/// transaction, 6 data does not match the chain.
#[derive(Parser, Debug)]
#[command(name = "loam", version, propagate_version = true, after_help = EXAMPLES)]
struct Cli {
	/// The node's WebSocket RPC.
	#[arg(long, global = true, env = "LOAM_URL", default_value = "ws://127.0.0.1:9944")]
	url: String,
	/// The data gateway (uploads go here; downloads default to the version's endpoint).
	#[arg(long, global = true, env = "LOAM_GATEWAY")]
	gateway: Option<String>,
	/// Print JSON for scripts instead of text (and no progress bars).
	#[arg(long, global = true)]
	json: bool,
	/// The signing key as a secret URI: a phrase, 0x seed, or //Alice on a dev chain.
	#[arg(long, global = true, env = "LOAM_SURI", hide_env_values = true)]
	suri: Option<String>,
	/// The signing key as a polkadot.js JSON key file.
	#[arg(long, global = true, env = "LOAM_KEY_FILE")]
	key_file: Option<PathBuf>,
	/// The key file's password (asked on the terminal if not given).
	#[arg(long, global = true, env = "LOAM_KEY_PASSWORD", hide_env_values = true)]
	password: Option<String>,
	/// Where resumable work (downloads, proofs, dev proving keys) is kept.
	#[arg(long, global = true, env = "LOAM_STATE_DIR")]
	state_dir: Option<PathBuf>,
	#[command(subcommand)]
	command: Command,
}

const EXAMPLES: &str = "Examples (dev chain from scripts/dev.sh):
  loam dataset inspect data/sensors.csv
  loam --suri //Alice dataset register data/sensors.csv --name sensors --label site --royalty 5
  loam --suri //Bob clean 0 --step filter-range --column temp_c --lo -50 --hi 60
  loam score show 1
  loam --suri //Bob offer create 1 --price 100 --asset dusd
  loam --suri //Charlie buy 1
  loam --suri //Charlie fetch 1 -o clean.parquet";

#[derive(Subcommand, Debug)]
enum Command {
	/// Make and inspect keys.
	#[command(subcommand)]
	Keys(KeysCmd),
	/// Inspect, register, upload and browse dataset versions.
	#[command(subcommand)]
	Dataset(DatasetCmd),
	/// Clean a version with a proved step: fetch, apply, prove, register the child,
	/// upload, attest. Run it again to resume.
	Clean {
		/// The version to clean.
		version: u64,
		#[command(flatten)]
		step: StepOpts,
		/// Ask the chain for a sampled attestation (it draws the chunks to prove) instead
		/// of proving every chunk.
		#[arg(long)]
		sample: bool,
		/// The circuit's proving key (on a dev chain the insecure dev key is made and
		/// cached when this is not given).
		#[arg(long)]
		proving_key: Option<PathBuf>,
		#[command(flatten)]
		describe: DescribeOpts,
	},
	/// Put up, change, pause, resume, close and list offers.
	#[command(subcommand)]
	Offer(OfferCmd),
	/// Buy access to a version.
	Buy {
		/// The version.
		version: u64,
		/// The offer (default: the cheapest open one).
		#[arg(long)]
		offer: Option<u32>,
		/// Pay at most this (default: the price now).
		#[arg(long)]
		max_price: Option<String>,
		/// Show the price, the fee and who would be paid, without buying.
		#[arg(long)]
		dry_run: bool,
	},
	/// Download a version, check it against the chain, write CSV or Parquet. Resumes.
	Fetch {
		/// The version.
		version: u64,
		/// The output file: .csv or .parquet.
		#[arg(short, long)]
		out: PathBuf,
	},
	/// LOAM and dUSD balances of accounts (default: the key's account).
	Balance {
		/// SS58 addresses or 0x public keys.
		accounts: Vec<String>,
	},
	/// Quality scores.
	#[command(subcommand)]
	Score(ScoreCmd),
	/// The chain.
	#[command(subcommand)]
	Chain(ChainCmd),
}

#[derive(Subcommand, Debug)]
enum KeysCmd {
	/// Generate a key: prints its phrase and address; --out writes an encrypted key file.
	New {
		/// Words of the phrase: 12 or 24.
		#[arg(long, default_value_t = 12)]
		words: usize,
		/// Write a polkadot.js JSON key file here (encrypted with --password or a prompt).
		#[arg(long)]
		out: Option<PathBuf>,
		/// The account's name in the key file.
		#[arg(long, default_value = "loam")]
		name: String,
	},
	/// Show the address and public key of --suri or --key-file.
	Inspect,
}

#[derive(Subcommand, Debug)]
enum DatasetCmd {
	/// Schema, rows, chunks and root of a CSV or Parquet file, offline.
	Inspect {
		/// The file.
		file: PathBuf,
		#[command(flatten)]
		types: TypeOpts,
	},
	/// Commit a file, register it (or a child version with --parent), upload its chunks.
	Register {
		/// The CSV or Parquet file.
		file: PathBuf,
		/// Register as a child version of this one.
		#[arg(long)]
		parent: Option<u64>,
		#[command(flatten)]
		types: TypeOpts,
		#[command(flatten)]
		describe: DescribeOpts,
	},
	/// Upload (or finish uploading) a registered version's chunks from its file.
	Upload {
		/// The version.
		version: u64,
		/// The file it was registered from.
		file: PathBuf,
		#[command(flatten)]
		types: TypeOpts,
	},
	/// A version: metadata, commitment, schema, score, attestation, offers.
	Show {
		/// The version.
		version: u64,
	},
	/// The newest versions.
	List {
		/// Only this owner's (SS58 address).
		#[arg(long)]
		owner: Option<String>,
		/// At most this many.
		#[arg(long, default_value_t = 50)]
		limit: usize,
	},
	/// The family tree of a version.
	Lineage {
		/// The version.
		version: u64,
	},
}

#[derive(Subcommand, Debug)]
enum OfferCmd {
	/// Offer access to a version you own.
	Create {
		/// The version.
		version: u64,
		#[command(flatten)]
		terms: TermsOpts,
		/// Paid in: loam, dusd, or an asset id.
		#[arg(long, default_value = "loam")]
		asset: String,
		/// Access for this many blocks (default: forever).
		#[arg(long)]
		blocks: Option<u32>,
	},
	/// Change an offer's price, allow-list and cap.
	Update {
		/// The version.
		version: u64,
		/// The offer.
		offer: u32,
		#[command(flatten)]
		terms: TermsOpts,
	},
	/// Pause an offer.
	Pause {
		/// The version.
		version: u64,
		/// The offer.
		offer: u32,
	},
	/// Resume a paused offer.
	Resume {
		/// The version.
		version: u64,
		/// The offer.
		offer: u32,
	},
	/// Close an offer (its deposit is released).
	Close {
		/// The version.
		version: u64,
		/// The offer.
		offer: u32,
	},
	/// The open offers on a version.
	List {
		/// The version.
		version: u64,
	},
}

#[derive(Subcommand, Debug)]
enum ScoreCmd {
	/// A version's final quality score and its metrics.
	Show {
		/// The version.
		version: u64,
	},
}

#[derive(Subcommand, Debug)]
enum ChainCmd {
	/// Chain, blocks, validators, and the key's balances.
	Status,
}

#[derive(Args, Debug)]
struct TypeOpts {
	/// Override an inferred column type: name=int64|decimal(S)|bool|utf8|category.
	#[arg(long = "type", value_name = "COLUMN=TYPE")]
	types: Vec<String>,
}

#[derive(Args, Debug)]
struct StepOpts {
	/// The step: drop-nulls, filter-range, clamp, fill-null, dedup, drop-columns.
	#[arg(long)]
	step: String,
	/// A column the step works on (repeat for drop-nulls and drop-columns).
	#[arg(long = "column")]
	columns: Vec<String>,
	/// Lowest value kept (filter-range) or the clamp's lower bound, in the column's units.
	#[arg(long, allow_hyphen_values = true)]
	lo: Option<String>,
	/// Highest value kept, or the clamp's upper bound.
	#[arg(long, allow_hyphen_values = true)]
	hi: Option<String>,
	/// The value nulls become (fill-null).
	#[arg(long, allow_hyphen_values = true)]
	value: Option<String>,
}

#[derive(Args, Debug)]
struct DescribeOpts {
	/// A short name (default: the file name, or the parent's name and the step).
	#[arg(long)]
	name: Option<String>,
	/// What the data is.
	#[arg(long, default_value = "")]
	description: String,
	/// A search tag (repeat).
	#[arg(long = "tag")]
	tags: Vec<String>,
	/// The label column, scored for class balance (recorded as the tag label=COLUMN).
	#[arg(long)]
	label: Option<String>,
	/// SPDX license expression or a URI (default for a cleaned version: the parent's).
	#[arg(long)]
	license: Option<String>,
	/// Share of every downstream sale owed to this version's owner, in percent.
	#[arg(long, default_value = "0")]
	royalty: String,
	/// Where the chunks are served (default: the gateway uploaded to).
	#[arg(long)]
	endpoint: Option<String>,
}

impl DescribeOpts {
	fn describe(&self, default_license: &str) -> Describe {
		Describe {
			name: self.name.clone(),
			description: self.description.clone(),
			tags: self.tags.clone(),
			label: self.label.clone(),
			license: self.license.clone().unwrap_or_else(|| default_license.to_string()),
			royalty: self.royalty.clone(),
			endpoint: self.endpoint.clone(),
		}
	}
}

#[derive(Args, Debug)]
struct TermsOpts {
	/// The price, e.g. 100 or 12.5, in the asset's units.
	#[arg(long)]
	price: String,
	/// Only these accounts may buy (repeat).
	#[arg(long = "allow")]
	allow: Vec<String>,
	/// At most this many purchases.
	#[arg(long)]
	cap: Option<u32>,
}

impl TermsOpts {
	fn terms(&self, asset: Asset, blocks: Option<u32>) -> Terms {
		Terms { price: self.price.clone(), asset, blocks, allow: self.allow.clone(), cap: self.cap }
	}
}

fn default_state_dir() -> PathBuf {
	std::env::var_os("HOME")
		.map(PathBuf::from)
		.unwrap_or_else(std::env::temp_dir)
		.join(".cache/loam/client")
}

async fn run(cli: Cli) -> Result<Output, Error> {
	let ctx = Ctx {
		url: cli.url.clone(),
		gateway: cli.gateway.clone(),
		key: KeySource {
			suri: cli.suri.clone(),
			key_file: cli.key_file.clone(),
			password: cli.password.clone(),
		},
		progress: Progress::new(cli.json),
		state_dir: cli.state_dir.clone().unwrap_or_else(default_state_dir),
	};
	match cli.command {
		Command::Keys(KeysCmd::New { words, out, name }) => {
			cmd::keys::new(words, out.as_deref(), cli.password.as_deref(), &name)
		}
		Command::Keys(KeysCmd::Inspect) => cmd::keys::inspect(&ctx.key),
		Command::Dataset(DatasetCmd::Inspect { file, types }) => {
			cmd::dataset::inspect(&file, &types.types, &ctx)
		}
		Command::Dataset(DatasetCmd::Register { file, parent, types, describe }) => {
			cmd::dataset::register(
				&file,
				&types.types,
				parent,
				&describe.describe("CC-BY-4.0"),
				&ctx,
			)
			.await
		}
		Command::Dataset(DatasetCmd::Upload { version, file, types }) => {
			cmd::dataset::upload(version, &file, &types.types, &ctx).await
		}
		Command::Dataset(DatasetCmd::Show { version }) => cmd::dataset::show(version, &ctx).await,
		Command::Dataset(DatasetCmd::List { owner, limit }) => {
			let owner = owner.as_deref().map(loam_client::keys::parse_account).transpose()?;
			cmd::dataset::list(limit, owner, &ctx).await
		}
		Command::Dataset(DatasetCmd::Lineage { version }) => {
			cmd::dataset::lineage(version, &ctx).await
		}
		Command::Clean { version, step, sample, proving_key, describe } => {
			let step = StepArgs {
				step: step.step,
				columns: step.columns,
				lo: step.lo,
				hi: step.hi,
				value: step.value,
			};
			let keys = cmd::clean::KeyArgs { proving_key };
			cmd::clean::clean(version, &step, sample, &describe.describe(""), &keys, &ctx).await
		}
		Command::Offer(OfferCmd::Create { version, terms, asset, blocks }) => {
			let asset: Asset = asset.parse()?;
			cmd::market::create(version, &terms.terms(asset, blocks), &ctx).await
		}
		Command::Offer(OfferCmd::Update { version, offer, terms }) => {
			cmd::market::update(version, offer, &terms.terms(Asset::Native, None), &ctx).await
		}
		Command::Offer(OfferCmd::Pause { version, offer }) => {
			cmd::market::set_paused(version, offer, true, &ctx).await
		}
		Command::Offer(OfferCmd::Resume { version, offer }) => {
			cmd::market::set_paused(version, offer, false, &ctx).await
		}
		Command::Offer(OfferCmd::Close { version, offer }) => {
			cmd::market::close(version, offer, &ctx).await
		}
		Command::Offer(OfferCmd::List { version }) => cmd::market::list(version, &ctx).await,
		Command::Buy { version, offer, max_price, dry_run } => {
			cmd::market::buy(version, offer, max_price.as_deref(), dry_run, &ctx).await
		}
		Command::Fetch { version, out } => cmd::fetch::fetch(version, &out, &ctx).await,
		Command::Balance { accounts } => cmd::info::balances(&accounts, &ctx).await,
		Command::Score(ScoreCmd::Show { version }) => cmd::info::score(version, &ctx).await,
		Command::Chain(ChainCmd::Status) => cmd::info::status(&ctx).await,
	}
}

#[tokio::main]
async fn main() {
	let cli = Cli::parse();
	let json = cli.json;
	match run(cli).await {
		Ok(out) => {
			if json {
				// Scripts that show people what they do (scripts/demo.sh) get both.
				if std::env::var_os("LOAM_ECHO_TEXT").is_some() {
					eprintln!(
						"{}",
						out.text.lines().map(|l| format!("  {l}")).collect::<Vec<_>>().join("\n")
					);
				}
				println!("{}", serde_json::to_string_pretty(&out.json).expect("JSON serializes"));
			} else {
				println!("{}", out.text);
			}
		}
		Err(e) => {
			if json {
				let body = serde_json::json!({
					"error": e.kind(),
					"chain_error": e.chain_error(),
					"message": e.to_string(),
				});
				println!("{}", serde_json::to_string_pretty(&body).expect("JSON serializes"));
			} else {
				eprintln!("error: {e}");
			}
			std::process::exit(e.exit_code());
		}
	}
}
