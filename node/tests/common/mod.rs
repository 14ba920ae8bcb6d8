//! Helpers for the end-to-end tests: start `loam-node` processes on free loopback ports,
//! read their heads over JSON-RPC, and stop them cleanly.

#![allow(dead_code)]

pub mod chain;

use std::{
	fs::File,
	net::TcpListener,
	path::{Path, PathBuf},
	process::{Child, Command, ExitStatus, Stdio},
	sync::Mutex,
	time::{Duration, Instant},
};

use subxt::{
	config::RpcConfigFor,
	rpcs::{methods::legacy::LegacyRpcMethods, RpcClient},
	PolkadotConfig,
};

/// The node binary built by cargo for these tests.
pub const NODE: &str = env!("CARGO_BIN_EXE_loam-node");

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0").expect("bind loopback").local_addr().unwrap().port()
}

/// A running `loam-node`.
pub struct Node {
	pub name: String,
	child: Mutex<Option<Child>>,
	pub rpc_port: u16,
	pub p2p_port: u16,
	pub base_path: PathBuf,
	pub log: PathBuf,
	args: Vec<String>,
}

impl Node {
	/// Starts a node with its own base path under `dir`, free ports and `extra` arguments.
	pub fn start(name: &str, dir: &Path, extra: &[&str]) -> Node {
		let base_path = dir.join(name);
		std::fs::create_dir_all(&base_path).unwrap();
		let rpc_port = free_port();
		let p2p_port = free_port();
		let mut args: Vec<String> = vec![
			"--base-path".into(),
			base_path.display().to_string(),
			"--rpc-port".into(),
			rpc_port.to_string(),
			"--listen-addr".into(),
			format!("/ip4/127.0.0.1/tcp/{p2p_port}"),
			"--no-prometheus".into(),
			"--no-telemetry".into(),
			"--no-mdns".into(),
			"--name".into(),
			name.into(),
		];
		// libp2p is the backend our scripts run, unless the test picks one.
		if !extra.contains(&"--network-backend") {
			args.extend(["--network-backend".into(), "libp2p".into()]);
		}
		args.extend(extra.iter().map(|s| s.to_string()));
		let mut node = Node {
			name: name.into(),
			child: Mutex::new(None),
			rpc_port,
			p2p_port,
			base_path,
			log: dir.join(format!("{name}.log")),
			args,
		};
		node.spawn();
		node
	}

	fn spawn(&mut self) {
		let log = File::options().create(true).append(true).open(&self.log).unwrap();
		let child = Command::new(NODE)
			.args(&self.args)
			.stdin(Stdio::null())
			.stdout(log.try_clone().unwrap())
			.stderr(log)
			.spawn()
			.expect("start loam-node");
		*self.child.lock().unwrap() = Some(child);
	}

	/// Starts the node again with the same arguments, base path and ports.
	pub fn restart(&mut self) {
		assert!(self.child.lock().unwrap().is_none(), "{} is still running", self.name);
		self.spawn();
	}

	/// WebSocket URL of the node's RPC server.
	pub fn ws_url(&self) -> String {
		format!("ws://127.0.0.1:{}", self.rpc_port)
	}

	/// Stops the node with SIGINT, as Ctrl-C would, and waits for it to exit.
	pub fn stop(&mut self) {
		let Some(mut child) = self.child.lock().unwrap().take() else { return };
		let _ = Command::new("kill").args(["-INT", &child.id().to_string()]).status();
		let deadline = Instant::now() + Duration::from_secs(30);
		while Instant::now() < deadline {
			if let Ok(Some(_)) = child.try_wait() {
				return;
			}
			std::thread::sleep(Duration::from_millis(100));
		}
		let _ = child.kill();
		let _ = child.wait();
		panic!("{} did not stop within 30 s of SIGINT", self.name);
	}

	/// The exit status, if the node has exited.
	pub fn exited(&self) -> Option<ExitStatus> {
		self.child.lock().unwrap().as_mut().and_then(|c| c.try_wait().ok().flatten())
	}

	/// The last lines of the node's log, for failure messages.
	pub fn log_tail(&self) -> String {
		let text = std::fs::read_to_string(&self.log).unwrap_or_default();
		let lines: Vec<&str> = text.lines().collect();
		lines[lines.len().saturating_sub(40)..].join("\n")
	}

	/// Best and finalized block numbers, once the RPC server answers.
	pub async fn heads(&self) -> Option<(u64, u64)> {
		let client = RpcClient::from_insecure_url(self.ws_url()).await.ok()?;
		let rpc = LegacyRpcMethods::<RpcConfigFor<PolkadotConfig>>::new(client);
		let best = rpc.chain_get_header(None).await.ok()??.number;
		let finalized_hash = rpc.chain_get_finalized_head().await.ok()?;
		let finalized = rpc.chain_get_header(Some(finalized_hash)).await.ok()??.number;
		Some((best, finalized))
	}

	/// Waits until `pred(best, finalized)` holds, or fails with the node's log.
	pub async fn wait_heads(
		&self,
		what: &str,
		timeout: Duration,
		pred: impl Fn(u64, u64) -> bool,
	) -> (u64, u64) {
		let deadline = Instant::now() + timeout;
		let mut last = None;
		while Instant::now() < deadline {
			if let Some(status) = self.exited() {
				panic!(
					"{}: exited ({status}) while waiting for {what}\n--- log ---\n{}",
					self.name,
					self.log_tail()
				);
			}
			if let Some((best, finalized)) = self.heads().await {
				last = Some((best, finalized));
				if pred(best, finalized) {
					return (best, finalized);
				}
			}
			tokio::time::sleep(Duration::from_millis(500)).await;
		}
		panic!(
			"{}: timed out after {timeout:?} waiting for {what}; last heads (best, finalized) = {last:?}\n--- log ---\n{}",
			self.name,
			self.log_tail()
		);
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		if let Some(mut child) = self.child.lock().unwrap().take() {
			let _ = child.kill();
			let _ = child.wait();
		}
	}
}

/// Runs `loam-node` with `args` to completion: (exit code, stdout, stderr). A node that
/// has not exited after 60 s is killed and the test fails.
pub fn run_node(args: &[&str]) -> (Option<i32>, String, String) {
	let dir = tempfile::tempdir().unwrap();
	let (out_path, err_path) = (dir.path().join("stdout"), dir.path().join("stderr"));
	let mut child = Command::new(NODE)
		.args(args)
		.stdin(Stdio::null())
		.stdout(File::create(&out_path).unwrap())
		.stderr(File::create(&err_path).unwrap())
		.spawn()
		.expect("run loam-node");
	let deadline = Instant::now() + Duration::from_secs(60);
	let status = loop {
		if let Some(status) = child.try_wait().unwrap() {
			break status;
		}
		if Instant::now() > deadline {
			let _ = child.kill();
			let _ = child.wait();
			panic!(
				"loam-node {args:?} still running after 60 s:\n{}",
				std::fs::read_to_string(&err_path).unwrap_or_default()
			);
		}
		std::thread::sleep(Duration::from_millis(50));
	};
	(
		status.code(),
		std::fs::read_to_string(&out_path).unwrap_or_default(),
		std::fs::read_to_string(&err_path).unwrap_or_default(),
	)
}
