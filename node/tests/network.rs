//! Network: four validators (libp2p backend) on loopback reach finality; with one stopped
//! the other three keep producing and finalizing; restarted from its own database, the
//! stopped one catches up with their finalized head.

mod common;

use std::time::Duration;

use common::{run_node, Node};

/// Fixed libp2p keys of the four validators (a validator will not start without one), so
/// the others can name Alice as bootnode. Insecure: tests only.
fn node_key(i: usize) -> String {
	format!("{:064x}", i + 1)
}

fn peer_id(dir: &std::path::Path) -> String {
	let key_file = dir.join("alice-node-key");
	std::fs::write(&key_file, node_key(0)).unwrap();
	let (code, stdout, stderr) =
		run_node(&["key", "inspect-node-key", "--file", &key_file.display().to_string()]);
	assert_eq!(code, Some(0), "inspect-node-key failed: {stderr}");
	stdout.trim().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn four_validators_finalize_survive_a_stop_and_resync() {
	let dir = tempfile::tempdir().unwrap();
	let alice_peer = peer_id(dir.path());

	let alice_key = node_key(0);
	let alice = Node::start(
		"alice",
		dir.path(),
		&["--chain", "local", "--alice", "--node-key", &alice_key],
	);
	let bootnode = format!("/ip4/127.0.0.1/tcp/{}/p2p/{alice_peer}", alice.p2p_port);
	let mut nodes = vec![alice];
	for (i, who) in ["bob", "charlie", "dave"].iter().enumerate() {
		let (flag, key) = (format!("--{who}"), node_key(i + 1));
		let args = ["--chain", "local", &flag, "--node-key", &key, "--bootnodes", &bootnode];
		nodes.push(Node::start(who, dir.path(), &args));
	}

	// All four reach finality.
	for node in &nodes {
		node.wait_heads("finality with 4 validators", Duration::from_secs(180), |_, f| f >= 2)
			.await;
	}

	// Stop Dave: three of four validators are more than two thirds, so GRANDPA goes on.
	nodes[3].stop();
	let (best0, fin0) = nodes[0].heads().await.expect("alice answers");
	for node in &nodes[..3] {
		node.wait_heads("progress without dave", Duration::from_secs(180), |b, f| {
			b >= best0 + 3 && f >= fin0 + 3
		})
		.await;
	}

	// Restart Dave from his own database: he catches up with the others' finalized head.
	let (_, target) = nodes[0].heads().await.expect("alice answers");
	nodes[3].restart();
	nodes[3].wait_heads("dave catching up", Duration::from_secs(180), |_, f| f >= target).await;

	for node in nodes.iter_mut() {
		node.stop();
	}
}
