//! End to end on a dev node, the loop from registration to sale: register a dataset read
//! from a real CSV with nulls and outliers (`data/sensors.csv`), clean it with a filter
//! step, prove its chunks with loam-circuits at full size with the dev chain's (insecure,
//! public-seed) keys, register the child, attest it and see `Attested` (a tampered proof
//! gets the pallet's error); then sell the cleaned version in the dev stablecoin: a second
//! account buys through subxt, every payee's balance moves by its exact share, `has_access`
//! turns true, and a purchase with a stale `max_price` fails with the market's error.

mod common;

use std::time::Duration;

use codec::Encode;
use common::{
	chain::{
		bytes, commit, commitment_value, has_access, metadata_value, registered_id, submit, Api,
	},
	Node,
};
use loam_circuits::{circuit::Shape, insecure_dev_setup, keys, native, prover};
use loam_data::{
	io::{self, ReadOptions},
	DatasetCommitment, Step, CHUNK_ROWS,
};
use subxt::{
	dynamic::{self, Value},
	ext::codec::Decode,
};
use subxt_signer::sr25519::{dev, Keypair};

fn chunk_proof(
	raw: &DatasetCommitment,
	clean: &DatasetCommitment,
	i: usize,
	proof: &[u8],
) -> Value {
	let path = |c: &DatasetCommitment| {
		Value::unnamed_composite(c.path(i).expect("path").siblings.iter().map(|s| bytes(s)))
	};
	Value::named_composite([
		("raw", bytes(&loam_data::field::to_bytes(&raw.chunk_commitments[i]))),
		("raw_path", path(raw)),
		("clean", bytes(&loam_data::field::to_bytes(&clean.chunk_commitments[i]))),
		("clean_path", path(clean)),
		("proof", bytes(proof)),
	])
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dataset_is_cleaned_attested_and_sold_on_a_dev_chain() {
	let csv = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/sensors.csv");
	let options = ReadOptions {
		overrides: vec![("temp_c".into(), loam_data::ColumnType::Decimal { scale: 2 })],
		..ReadOptions::default()
	};
	let (schema, raw_chunks) = io::read_all(&csv, &options).expect("the sample CSV reads");
	let temp = schema.index_of("temp_c").expect("temp_c column") as u16;
	// Keep plausible temperatures: drops the -273.15 and 999.99 glitches and the nulls.
	let step = Step::FilterRange { column: temp, lo: -5000, hi: 6000 };
	let (circuit, clean_schema) = step.circuit(&schema).expect("the step applies");
	let shape = Shape {
		kind: circuit.step,
		capacity: CHUNK_ROWS,
		width: circuit.width as usize,
		clean_width: circuit.clean_width as usize,
	};
	let clean_chunks: Vec<_> =
		raw_chunks.iter().map(|c| native::apply(&step, &schema, c).expect("step")).collect();
	let raw = commit(&schema, &raw_chunks);
	let clean = commit(&clean_schema, &clean_chunks);
	assert!(clean.rows < raw.rows, "the filter drops the outliers and nulls");
	// Key setup and proving (about a minute and a half) run while the node starts and the
	// versions are registered.
	let proving = {
		let (step, schema, raw_chunks) = (step.clone(), schema.clone(), raw_chunks.clone());
		tokio::task::spawn_blocking(move || {
			let keys = insecure_dev_setup(shape, keys::DEV_CHAIN_SEED).expect("dev keys");
			raw_chunks
				.iter()
				.map(|c| {
					let p = prover::prove_chunk(&keys, &step, &schema, c).expect("proof");
					// Calls carry proofs uncompressed: the runtime then needs no square roots.
					loam_proof::proof_bytes_uncompressed(&p.proof).to_vec()
				})
				.collect::<Vec<Vec<u8>>>()
		})
	};

	let dir = tempfile::tempdir().unwrap();
	let node = Node::start("attest", dir.path(), &["--dev"]);
	node.wait_heads("block 1 imported", Duration::from_secs(120), |b, _| b >= 1).await;
	let api = Api::from_insecure_url(node.ws_url()).await.expect("subxt connects");
	let (alice, bob) = (dev::alice(), dev::bob());

	// Alice registers the raw data, Bob the cleaned version.
	let register = dynamic::transaction(
		"Datasets",
		"register",
		vec![
			commitment_value(&raw, 48_000),
			bytes(&schema.encode()),
			metadata_value("sensors", "http://127.0.0.1:8700", &[b"sensors", b"demo"]),
			Value::u128(50_000),
		],
	);
	let parent = registered_id(&submit(&api, &node, &register, &alice).await.expect("register"));
	let register_child = dynamic::transaction(
		"Datasets",
		"register_version",
		vec![
			Value::u128(parent.into()),
			commitment_value(&clean, 40_000),
			bytes(&clean_schema.encode()),
			metadata_value(
				"sensors, plausible temperatures",
				"http://127.0.0.1:8700",
				&[b"sensors", b"demo"],
			),
			Value::u128(20_000),
		],
	);
	let child =
		registered_id(&submit(&api, &node, &register_child, &bob).await.expect("register child"));

	let begin = dynamic::transaction(
		"Attestations",
		"begin_attestation",
		vec![
			Value::u128(child.into()),
			Value::u128(parent.into()),
			bytes(&step.encode()),
			Value::bool(false),
		],
	);
	submit(&api, &node, &begin, &bob).await.expect("begin attestation");
	let proofs = proving.await.expect("proving task");

	// A tampered proof: the pallet's error, nothing recorded.
	let mut tampered = proofs[0].clone();
	tampered[300] ^= 0x01;
	let attest = |proofs: &[Vec<u8>]| {
		dynamic::transaction(
			"Attestations",
			"attest_chunks",
			vec![
				Value::u128(child.into()),
				Value::u128(0),
				Value::unnamed_composite(
					proofs.iter().enumerate().map(|(i, p)| chunk_proof(&raw, &clean, i, p)),
				),
			],
		)
	};
	let err = submit(&api, &node, &attest(&[tampered]), &bob).await.expect_err("tampered proof");
	assert!(
		err.contains("Attestations::InvalidProof"),
		"expected the pallet's InvalidProof or InvalidProofPoint, got: {err}"
	);

	// The honest proofs: the child is attested.
	let events = submit(&api, &node, &attest(&proofs), &bob).await.expect("attest");
	let attested = events
		.iter()
		.find(|(p, e, _)| p == "Attestations" && e == "Attested")
		.unwrap_or_else(|| panic!("no Attested event in {events:?}"));
	let (c, p) = <(u64, u64)>::decode(&mut &attested.2[..]).expect("child, parent");
	assert_eq!((c, p), (child, parent));

	// Attesting it again is refused.
	let again = submit(&api, &node, &begin, &bob).await.expect_err("second attestation");
	assert!(again.contains("Attestations::AlreadyAttested"), "{again}");

	sell(&api, &node, parent, child).await;
}

/// The dev stablecoin (`loam_runtime::configs::DEV_STABLECOIN`, 6 decimals).
const DUSD: u128 = 1_000_000;

async fn dusd(api: &Api, who: &[u8; 32]) -> u128 {
	let at = api.at_current_block().await.expect("current block");
	let addr = dynamic::storage::<Vec<Value>, Value>("Assets", "Account");
	let key = vec![Value::u128(loam_runtime::configs::DEV_STABLECOIN.into()), bytes(who)];
	match at.storage().try_fetch(addr, key).await.expect("storage query") {
		// `AssetAccount` starts with its balance.
		Some(v) => u128::decode(&mut v.bytes()).expect("balance"),
		None => 0,
	}
}

/// Bob (the cleaner) gives the cleaned version to Dave, who sells it for 100 dUSD;
/// Charlie buys. Shares: treasury 1 %, scorers 4 %, Bob 5 % for the attested step, Alice
/// 5 % royalty as the parent's owner, Dave the remaining 85 %.
async fn sell(api: &Api, node: &Node, parent: u64, child: u64) {
	use sp_runtime::traits::AccountIdConversion;
	let (alice, bob, charlie, dave, eve) =
		(dev::alice(), dev::bob(), dev::charlie(), dev::dave(), dev::eve());
	let id = |k: &Keypair| k.public_key().0;
	let account = |a: loam_runtime::AccountId| -> [u8; 32] { a.into() };
	let treasury = account(loam_runtime::configs::TreasuryAccount::get());
	let pool = account(loam_runtime::configs::MarketPalletId::get().into_account_truncating());

	let give = dynamic::transaction(
		"Datasets",
		"transfer_ownership",
		vec![Value::u128(child.into()), bytes(&id(&dave))],
	);
	submit(api, node, &give, &bob).await.expect("transfer ownership");
	let price = 100 * DUSD;
	let none = || Value::unnamed_variant("None", []);
	let offer = dynamic::transaction(
		"Market",
		"create_offer",
		vec![
			Value::u128(child.into()),
			Value::unnamed_variant(
				"WithId",
				[Value::u128(loam_runtime::configs::DEV_STABLECOIN.into())],
			),
			Value::u128(price),
			Value::unnamed_variant("Blocks", [Value::u128(1_000)]),
			none(),
			none(),
		],
	);
	submit(api, node, &offer, &dave).await.expect("create offer");

	let payees = [id(&alice), id(&bob), id(&charlie), id(&dave), treasury, pool];
	let mut before = Vec::new();
	for p in &payees {
		before.push(dusd(api, p).await);
	}
	assert!(!has_access(api, &id(&charlie), child).await);
	let buy = |max: u128| {
		dynamic::transaction(
			"Market",
			"purchase",
			vec![Value::u128(child.into()), Value::u128(0), Value::u128(max)],
		)
	};
	let events = submit(api, node, &buy(price), &charlie).await.expect("purchase");
	assert!(
		events.iter().any(|(p, e, _)| p == "Market" && e == "Purchased"),
		"no Purchased event in {events:?}"
	);
	let mut after = Vec::new();
	for p in &payees {
		after.push(dusd(api, p).await);
	}
	let delta: Vec<i128> =
		after.iter().zip(&before).map(|(a, b)| *a as i128 - *b as i128).collect();
	let p = price as i128;
	assert_eq!(
		delta,
		vec![p * 5 / 100, p * 5 / 100, -p, p * 85 / 100, p / 100, p * 4 / 100],
		"dUSD changes of Alice (royalty), Bob (cleaner), Charlie (buyer), Dave (owner), \
		 the treasury and the scorers' pool; parent {parent}, child {child}"
	);
	assert!(has_access(api, &id(&charlie), child).await);

	// Dave raises the price; Eve signed for the old one and is refused, paying nothing.
	let update = dynamic::transaction(
		"Market",
		"update_offer",
		vec![Value::u128(child.into()), Value::u128(0), Value::u128(120 * DUSD), none(), none()],
	);
	submit(api, node, &update, &dave).await.expect("update offer");
	let eve_before = dusd(api, &id(&eve)).await;
	let err = submit(api, node, &buy(price), &eve).await.expect_err("stale max_price");
	assert!(err.contains("Market::PriceTooHigh"), "expected Market::PriceTooHigh, got: {err}");
	assert_eq!(dusd(api, &id(&eve)).await, eve_before);
	assert!(!has_access(api, &id(&eve), child).await);
}
