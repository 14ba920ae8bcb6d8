//! End to end: a `loam-node --dev` produces and finalizes blocks, and a signed balance
//! transfer submitted through subxt is included with its `Transfer` event. The litep2p
//! network backend runs a dev chain too.

mod common;

use std::time::Duration;

use common::Node;
use subxt::{dynamic, ext::codec::Decode, OnlineClient, PolkadotConfig};
use subxt_signer::sr25519::dev;

#[tokio::test(flavor = "multi_thread")]
async fn dev_chain_produces_finalizes_and_accepts_a_transfer() {
	let dir = tempfile::tempdir().unwrap();
	let node = Node::start("dev", dir.path(), &["--dev"]);

	node.wait_heads("block 3 imported and block 1 finalized", Duration::from_secs(120), |b, f| {
		b >= 3 && f >= 1
	})
	.await;

	let api = OnlineClient::<PolkadotConfig>::from_insecure_url(node.ws_url())
		.await
		.expect("subxt connects");
	let (alice, bob) = (dev::alice(), dev::bob());
	let amount: u128 = 1_234_000_000_000; // 1.234 LOAM
	let tx = dynamic::transaction(
		"Balances",
		"transfer_keep_alive",
		(bob.public_key().to_address::<()>(), amount),
	);
	let events = api
		.at_current_block()
		.await
		.expect("current block")
		.transactions()
		.sign_and_submit_then_watch_default(&tx, &alice)
		.await
		.expect("submitted")
		.wait_for_finalized_success()
		.await
		.unwrap_or_else(|e| panic!("transfer failed: {e}\n{}", node.log_tail()));

	let mut transfers = Vec::new();
	for event in events.iter() {
		let event = event.expect("event decodes");
		if event.pallet_name() == "Balances" && event.event_name() == "Transfer" {
			let fields = <([u8; 32], [u8; 32], u128)>::decode(&mut event.field_bytes())
				.expect("Transfer fields are (from, to, amount)");
			transfers.push(fields);
		}
	}
	assert_eq!(
		transfers,
		vec![(alice.public_key().0, bob.public_key().0, amount)],
		"exactly one Transfer event from Alice to Bob"
	);
}

#[tokio::test(flavor = "multi_thread")]
async fn dev_chain_runs_on_the_litep2p_backend() {
	let dir = tempfile::tempdir().unwrap();
	let node = Node::start("dev-litep2p", dir.path(), &["--dev", "--network-backend", "litep2p"]);
	node.wait_heads("block 2 imported and block 1 finalized", Duration::from_secs(120), |b, f| {
		b >= 2 && f >= 1
	})
	.await;
	let log = std::fs::read_to_string(&node.log).unwrap();
	assert!(log.contains("litep2p"), "the node should report the litep2p backend:\n{log}");
}
