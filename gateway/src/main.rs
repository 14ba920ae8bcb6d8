//! `loam-gateway`: the data gateway, standalone, against a node's RPC.

use clap::Parser;
use loam_gateway::{chain::RpcChain, store::Store, Gateway};
use std::net::SocketAddr;

/// Serves the chunks of registered Loam datasets: owners upload (checked against the
/// registered root), buyers, owners and validators download (checked against the market's
/// grants), every request signed with sr25519.
#[derive(Parser, Debug)]
#[command(
	version,
	after_help = "Examples:\n  loam-gateway --rpc ws://127.0.0.1:9944 --store ./chunks\n  \
	AWS_ENDPOINT=http://minio:9000 AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... \\\n    \
	loam-gateway --store s3://loam-chunks/mainnet --listen 0.0.0.0:9955"
)]
struct Args {
	/// The node whose chain the gateway checks against (WebSocket RPC).
	#[arg(long, default_value = "ws://127.0.0.1:9944")]
	rpc: String,
	/// Where to listen for HTTP.
	#[arg(long, default_value = "127.0.0.1:9955")]
	listen: SocketAddr,
	/// Where chunks are kept: a directory, `file:///dir`, or `s3://bucket/prefix` (any
	/// S3-compatible store; credentials and endpoint from `AWS_*` variables).
	#[arg(long, default_value = "./loam-chunks")]
	store: String,
	/// Also serve the web app (the output of `npm run build` in `web/`, i.e. `web/dist`)
	/// at `/`.
	#[arg(long, value_name = "DIR")]
	web: Option<std::path::PathBuf>,
}

#[tokio::main]
async fn main() {
	let args = Args::parse();
	if let Err(e) = run(args).await {
		eprintln!("loam-gateway: {e}");
		std::process::exit(1);
	}
}

async fn run(args: Args) -> Result<(), String> {
	let store = Store::from_url(&args.store)?;
	let chain = RpcChain::connect(&args.rpc).await?;
	let listener = tokio::net::TcpListener::bind(args.listen)
		.await
		.map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
	eprintln!(
		"loam-gateway: serving {} on http://{} (chain at {})",
		args.store, args.listen, args.rpc
	);
	let mut gateway = Gateway::new(chain, store);
	if let Some(dir) = args.web {
		if !dir.join("index.html").is_file() {
			return Err(format!("{} has no index.html: build the web app first", dir.display()));
		}
		gateway = gateway.with_web(dir);
	}
	loam_gateway::serve(listener, gateway).await.map_err(|e| e.to_string())
}
