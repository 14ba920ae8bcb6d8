//! Bad input to `loam-node` gets one clear line and a non-zero exit, never a panic trace.

mod common;

use std::time::Duration;

use common::{free_port, run_node, Node};

fn assert_clean_failure(args: &[&str], expect: &str) {
	let (code, _stdout, stderr) = run_node(args);
	assert!(matches!(code, Some(c) if c != 0), "{args:?} should fail, got {code:?}:\n{stderr}");
	assert!(!stderr.contains("panicked"), "{args:?} panicked:\n{stderr}");
	assert!(!stderr.contains("This is a bug"), "{args:?} printed a bug report:\n{stderr}");
	let error_lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with("Error:")).collect();
	assert_eq!(error_lines.len(), 1, "{args:?} should print one Error line:\n{stderr}");
	assert!(
		error_lines[0].to_lowercase().contains(expect),
		"{args:?}: expected '{expect}' in {:?}",
		error_lines[0]
	);
}

#[test]
fn unknown_chain_name_is_a_clear_error() {
	let dir = tempfile::tempdir().unwrap();
	let base = dir.path().display().to_string();
	assert_clean_failure(&["--chain", "no-such-preset", "--base-path", &base], "unknown chain");
	assert_clean_failure(&["build-spec", "--chain", "moonbase"], "unknown chain");
}

#[test]
fn malformed_chain_spec_is_a_clear_error() {
	let dir = tempfile::tempdir().unwrap();
	let spec = dir.path().join("broken.json");
	std::fs::write(&spec, b"{ \"name\": \"Loam\", \"id\": ").unwrap();
	let spec = spec.display().to_string();
	let base = dir.path().join("db").display().to_string();
	assert_clean_failure(&["--chain", &spec, "--base-path", &base], "cannot read chain spec");
}

/// Starts a dev node, then a second one whose ports `second_ports` takes from the first
/// (and otherwise free ones); the second must fail cleanly.
async fn second_node_on_taken_port(second_ports: impl Fn(&Node) -> (u16, u16)) {
	let dir = tempfile::tempdir().unwrap();
	let first = Node::start("first", dir.path(), &["--dev"]);
	first.wait_heads("RPC up", Duration::from_secs(60), |_, _| true).await;
	let (rpc, p2p) = second_ports(&first);
	let (rpc, p2p) = (rpc.to_string(), format!("/ip4/127.0.0.1/tcp/{p2p}"));
	let base = dir.path().join("second").display().to_string();
	assert_clean_failure(
		&[
			"--dev",
			"--base-path",
			&base,
			"--rpc-port",
			&rpc,
			"--listen-addr",
			&p2p,
			"--network-backend",
			"libp2p",
			"--no-prometheus",
		],
		"address already in use",
	);
}

#[tokio::test(flavor = "multi_thread")]
async fn occupied_rpc_port_is_a_clear_error() {
	second_node_on_taken_port(|first| (first.rpc_port, free_port())).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn occupied_p2p_port_is_a_clear_error() {
	second_node_on_taken_port(|first| (free_port(), first.p2p_port)).await;
}
