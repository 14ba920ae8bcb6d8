//! Dispatch of `loam-node`'s subcommands.

use crate::{
	chain_spec,
	cli::{Cli, Subcommand},
	service,
};
use sc_cli::SubstrateCli;
use sc_service::PartialComponents;

impl SubstrateCli for Cli {
	fn impl_name() -> String {
		"Loam Node".into()
	}

	fn impl_version() -> String {
		env!("SUBSTRATE_CLI_IMPL_VERSION").into()
	}

	fn description() -> String {
		env!("CARGO_PKG_DESCRIPTION").into()
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"https://github.com/loam-chain/loam/issues".into()
	}

	fn copyright_start_year() -> i32 {
		2026
	}

	fn load_spec(&self, id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
		chain_spec::load(id)
	}
}

/// One line for an error: the first line of its message, without Debug noise.
pub fn describe(error: &sc_cli::Error) -> String {
	let text = error.to_string();
	let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("unknown error");
	line.trim().to_string()
}

/// Parses the command line and runs what it asks for.
pub fn run() -> sc_cli::Result<()> {
	let cli = Cli::from_args();

	match &cli.subcommand {
		Some(Subcommand::Key(cmd)) => cmd.run(&cli),
		Some(Subcommand::BuildSpec(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.chain_spec, config.network))
		}
		Some(Subcommand::ExportChainSpec(cmd)) => {
			let chain_spec = cli.load_spec(&cmd.chain)?;
			cmd.run(chain_spec)
		}
		Some(Subcommand::CheckBlock(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		}
		Some(Subcommand::ExportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.database), task_manager))
			})
		}
		Some(Subcommand::ExportState(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.chain_spec), task_manager))
			})
		}
		Some(Subcommand::ImportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		}
		Some(Subcommand::PurgeChain(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.database))
		}
		Some(Subcommand::Revert(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, backend, .. } =
					service::new_partial(&config)?;
				let aux_revert = Box::new(|client, _, blocks| {
					sc_consensus_grandpa::revert(client, blocks)?;
					Ok(())
				});
				Ok((cmd.run(client, backend, Some(aux_revert)), task_manager))
			})
		}
		#[cfg(feature = "runtime-benchmarks")]
		Some(Subcommand::Benchmark(cmd)) => benchmark(&cli, cmd),
		Some(Subcommand::ChainInfo(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run::<loam_runtime::opaque::Block>(&config))
		}
		None => {
			let runner = cli.create_runner(&cli.run)?;
			let loam = &cli.loam;
			let lie_about_scores = loam.unsafe_lie_about_scores;
			let gateway_args = (loam.gateway, loam.gateway_store.clone(), loam.gateway_web.clone());
			if let Some(dir) = &gateway_args.2 {
				if !dir.join("index.html").is_file() {
					return Err(sc_cli::Error::Input(format!(
						"--gateway-web {}: no index.html there; build the web app first (cd web && npm ci && npm run build)",
						dir.display()
					)));
				}
			}
			runner.run_node_until_exit(|mut config| async move {
				let gateway = gateway_args.0.map(|listen| crate::gateway::GatewayConfig {
					listen,
					store: gateway_args.1.unwrap_or_else(|| {
						config.base_path.path().join("chunks").display().to_string()
					}),
					web: gateway_args.2,
				});
				let options = service::LoamOptions { gateway, lie_about_scores };
				check_p2p_ports(&config)?;
				// sc-cli would quietly move the RPC server to a random port when the asked one
				// is taken; a wallet pointed at that port would then talk to another node.
				for endpoint in config.rpc.addr.iter_mut().flatten() {
					endpoint.retry_random_port = false;
				}
				match config.network.network_backend {
					sc_network::config::NetworkBackendType::Libp2p => service::new_full::<
						sc_network::NetworkWorker<
							loam_runtime::opaque::Block,
							loam_runtime::opaque::Hash,
						>,
					>(config, options)
					.map_err(sc_cli::Error::Service),
					sc_network::config::NetworkBackendType::Litep2p => {
						service::new_full::<sc_network::Litep2pNetworkBackend>(config, options)
							.map_err(sc_cli::Error::Service)
					}
				}
			})
		}
	}
}

/// Refuses to start when a p2p listen port is taken. The libp2p backend only logs a
/// warning when it cannot listen, and a validator that nobody can reach is worse than one
/// that does not start.
fn check_p2p_ports(config: &sc_service::Configuration) -> sc_cli::Result<()> {
	use sc_network::multiaddr::Protocol;
	use std::net::{IpAddr, TcpListener};
	for addr in &config.network.listen_addresses {
		let (mut ip, mut port) = (None, None);
		for protocol in addr.iter() {
			match protocol {
				Protocol::Ip4(a) => ip = Some(IpAddr::from(a)),
				Protocol::Ip6(a) => ip = Some(IpAddr::from(a)),
				Protocol::Tcp(p) => port = Some(p),
				_ => {}
			}
		}
		if let (Some(ip), Some(port)) = (ip, port) {
			if port != 0 {
				TcpListener::bind((ip, port)).map_err(|e| {
					sc_cli::Error::Input(format!(
						"p2p address {addr}: {e}; is another node running? choose another port with --port or --listen-addr"
					))
				})?;
			}
		}
	}
	Ok(())
}

/// `loam-node benchmark ...`: pallet weights and machine figures.
#[cfg(feature = "runtime-benchmarks")]
fn benchmark(cli: &Cli, cmd: &frame_benchmarking_cli::BenchmarkCmd) -> sc_cli::Result<()> {
	use frame_benchmarking_cli::{BenchmarkCmd, SUBSTRATE_REFERENCE_HARDWARE};
	let runner = cli.create_runner(cmd)?;
	runner.sync_run(|config| {
		match cmd {
			BenchmarkCmd::Pallet(cmd) => cmd
				// The CLI brings the Substrate and benchmarking host functions; add the
				// BLS12-381 host calls the runtime also imports.
				.run_with_spec::<sp_runtime::traits::HashingFor<loam_runtime::Block>, (
					sp_crypto_ec_utils::bls12_381::host_calls::HostFunctions,
					loam_host::loam_data_host::HostFunctions,
				)>(Some(config.chain_spec)),
			BenchmarkCmd::Block(cmd) => {
				let PartialComponents { client, .. } = service::new_partial(&config)?;
				cmd.run(client)
			}
			BenchmarkCmd::Machine(cmd) => cmd.run(&config, SUBSTRATE_REFERENCE_HARDWARE.clone()),
			_ => Err("this benchmark is not supported by loam-node; use `benchmark pallet`, \
		          `benchmark block` or `benchmark machine`"
				.into()),
		}
	})
}
