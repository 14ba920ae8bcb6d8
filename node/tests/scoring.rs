//! End to end on four validators (Alice, Bob, Charlie, Dave; Dave started with the
//! test-only `--unsafe-lie-about-scores`), with the data gateway inside Alice's node:
//! Alice registers a dataset and uploads its chunks through the gateway; every
//! validator's off-chain worker fetches, checks and profiles them; the score becomes final
//! on chain with the report the metrics compute natively (so the runtime's wasm and
//! native code agree, which the `ScoringApi::profile` dry run checks again directly);
//! Dave is outvoted and recorded as dissenting. A download without a grant is refused;
//! after Eve buys access, her download succeeds and checks against the root.

mod common;

use std::time::{Duration, Instant};

use codec::{Decode, Encode};
use common::{
	chain::{commit, commitment_value, metadata_value, registered_id, submit, Api},
	free_port, Node,
};
use loam_data::{
	metrics::{Profiler, QualityReport},
	Chunk, Column, ColumnData, ColumnType, Schema,
};
use loam_gateway::client::Client;
use pallet_scoring::{FinalScore, Outcome};
use sp_core::{sr25519, Pair};
use sp_keyring::Sr25519Keyring;
use subxt::dynamic::{self, Value};
use subxt_signer::sr25519::dev;

/// 2 500 rows in three chunks: an id, a temperature with nulls and outliers, a species
/// label (imbalanced), free text, a flag; the last row repeats the first.
fn table() -> (Schema, Vec<Chunk>) {
	let schema = Schema::new(vec![
		Column::new("id", ColumnType::Int64, false),
		Column::new("temp", ColumnType::Decimal { scale: 1 }, true),
		Column::new("species", ColumnType::Category, false),
		Column::new("note", ColumnType::Utf8, true),
		Column::new("ok", ColumnType::Bool, false),
	])
	.unwrap();
	let rows = 2_500i64;
	let row = |i: i64| {
		let i = if i == rows - 1 { 0 } else { i };
		let temp = match i % 50 {
			0 => None,
			7 => Some(9_000),
			_ => Some(150 + (i * 37) % 120),
		};
		let species = ["oak", "oak", "oak", "pine", "birch"][(i % 5) as usize];
		let note = (i % 3 != 0).then(|| format!("n{}", i % 40).into_bytes());
		(i, temp, species.as_bytes().to_vec(), note, i % 4 != 0)
	};
	let chunks = (0..rows)
		.collect::<Vec<_>>()
		.chunks(loam_data::CHUNK_ROWS)
		.map(|ids| {
			let rows: Vec<_> = ids.iter().map(|&i| row(i)).collect();
			Chunk {
				columns: vec![
					ColumnData::Int64(rows.iter().map(|r| Some(r.0)).collect()),
					ColumnData::Decimal(rows.iter().map(|r| r.1).collect()),
					ColumnData::Category(rows.iter().map(|r| Some(r.2.clone())).collect()),
					ColumnData::Utf8(rows.iter().map(|r| r.3.clone()).collect()),
					ColumnData::Bool(rows.iter().map(|r| Some(r.4)).collect()),
				],
			}
		})
		.collect();
	(schema, chunks)
}

async fn runtime_call<R: Decode>(api: &Api, method: &str, args: impl Encode) -> R {
	let at = api.at_current_block().await.expect("current block");
	let out = at.runtime_apis().call_raw(method, Some(&args.encode())).await.expect(method);
	R::decode(&mut &out[..]).expect("the answer decodes")
}

/// The scoring workers' log lines of every node, for failure messages.
fn worker_lines(nodes: &[Node]) -> String {
	nodes
		.iter()
		.flat_map(|n| {
			let log = std::fs::read_to_string(&n.log).unwrap_or_default();
			log.lines()
				.filter(|l| l.contains("scoring") || l.contains("gateway"))
				.map(|l| format!("{}: {l}", n.name))
				.collect::<Vec<_>>()
		})
		.collect::<Vec<_>>()
		.join("\n")
}

fn pair(seed: &str) -> sr25519::Pair {
	sr25519::Pair::from_string(&format!("//{seed}"), None).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn validators_agree_on_a_score_outvote_a_liar_and_the_gateway_serves_buyers_only() {
	let dir = tempfile::tempdir().unwrap();
	let gateway_port = free_port();
	let gateway = format!("127.0.0.1:{gateway_port}");
	let key = |i: usize| format!("{:064x}", i + 1);
	let alice = Node::start(
		"alice",
		dir.path(),
		&["--chain", "local", "--alice", "--node-key", &key(0), "--gateway", &gateway],
	);
	let peer = {
		let file = dir.path().join("alice-node-key");
		std::fs::write(&file, key(0)).unwrap();
		let (_, out, _) =
			common::run_node(&["key", "inspect-node-key", "--file", &file.display().to_string()]);
		out.trim().to_string()
	};
	let bootnode = format!("/ip4/127.0.0.1/tcp/{}/p2p/{peer}", alice.p2p_port);
	let mut nodes = vec![alice];
	for (i, who) in ["bob", "charlie", "dave"].iter().enumerate() {
		let (flag, k) = (format!("--{who}"), key(i + 1));
		let mut args = vec!["--chain", "local", &flag, "--node-key", &k, "--bootnodes", &bootnode];
		if *who == "dave" {
			args.push("--unsafe-lie-about-scores");
		}
		nodes.push(Node::start(who, dir.path(), &args));
	}
	for node in &nodes {
		node.wait_heads("finality", Duration::from_secs(180), |_, f| f >= 1).await;
	}
	let alice = &nodes[0];
	let api = Api::from_insecure_url(alice.ws_url()).await.expect("subxt connects");

	// Register, with the gateway as endpoint and `species` declared the label.
	let (schema, chunks) = table();
	let commitment = commit(&schema, &chunks);
	let endpoint = format!("http://{gateway}");
	let register = dynamic::transaction(
		"Datasets",
		"register",
		vec![
			commitment_value(&commitment, 60_000),
			Value::from_bytes(schema.encode()),
			metadata_value("forest plots", &endpoint, &[b"trees", b"label=species"]),
			Value::u128(0),
		],
	);
	let events = submit(&api, alice, &register, &dev::alice()).await.expect("register");
	let version = registered_id(&events);

	// Upload every chunk with its path, as the owner.
	let gw = Client::new(&endpoint);
	let owner = pair("Alice");
	for (i, chunk) in chunks.iter().enumerate() {
		let envelope = loam_data::delivery::ChunkEnvelope {
			index: i as u32,
			chunk: chunk.encode(),
			path: commitment.path(i).unwrap(),
		};
		assert!(gw.upload(&owner, version, &envelope).await.expect("upload"));
	}
	assert_eq!(gw.status(version).await.unwrap()["complete"], true);

	// What the metrics compute natively, and what the runtime's wasm computes.
	let native = {
		let mut p = Profiler::new(schema.clone(), schema.index_of("species")).unwrap();
		for c in &chunks {
			p.push(c).unwrap();
		}
		p.finish()
	};
	let wasm: Option<QualityReport> = runtime_call(
		&api,
		"ScoringApi_profile",
		(schema.encode(), Some(2u32), chunks.iter().map(Encode::encode).collect::<Vec<_>>()),
	)
	.await;
	assert_eq!(wasm.as_ref(), Some(&native), "the runtime's wasm and native code disagree");

	// The validators' workers score it; three honest reports make it final.
	let deadline = Instant::now() + Duration::from_secs(300);
	let score = loop {
		let score: Option<FinalScore<u32>> = runtime_call(&api, "ScoringApi_score", version).await;
		if let Some(score) = score {
			break score;
		}
		assert!(Instant::now() < deadline, "no final score in 300 s\n{}", alice.log_tail());
		tokio::time::sleep(Duration::from_secs(2)).await;
	};
	assert_eq!(score.outcome, Outcome::Scored(native.clone()), "{}", worker_lines(&nodes));
	assert!(score.agreeing >= 3 && score.validators == 4, "{score:?}");
	assert!(native.overall_bp > 5_000 && native.overall_bp < 10_000, "{native:?}");

	// Dave lies: outvoted and recorded (his report may land after the quorum).
	let dave = sp_consensus_aura::sr25519::AuthorityId::from(Sr25519Keyring::Dave.public());
	let deadline = Instant::now() + Duration::from_secs(120);
	loop {
		let dissenters: Vec<sp_consensus_aura::sr25519::AuthorityId> =
			runtime_call(&api, "ScoringApi_dissenters", version).await;
		if dissenters == vec![dave.clone()] {
			break;
		}
		assert!(dissenters.is_empty(), "only Dave lies: {dissenters:?}");
		assert!(Instant::now() < deadline, "Dave never recorded\n{}", nodes[3].log_tail());
		tokio::time::sleep(Duration::from_secs(2)).await;
	}

	// Eve (not a validator) has no grant: refused. She buys; then the chunk comes, and
	// checks out.
	let eve = pair("Eve");
	let refused = gw.download(&eve, version, 1).await.unwrap_err();
	assert_eq!(refused.status, Some(403), "{refused}");
	let none = || Value::unnamed_variant("None", []);
	let price = loam_runtime::UNIT;
	let offer = dynamic::transaction(
		"Market",
		"create_offer",
		vec![
			Value::u128(version.into()),
			Value::unnamed_variant("Native", []),
			Value::u128(price),
			Value::unnamed_variant("Forever", []),
			none(),
			none(),
		],
	);
	submit(&api, alice, &offer, &dev::alice()).await.expect("create offer");
	let buy = dynamic::transaction(
		"Market",
		"purchase",
		vec![Value::u128(version.into()), Value::u128(0), Value::u128(price)],
	);
	submit(&api, alice, &buy, &dev::eve()).await.expect("purchase");
	let got = gw.download(&eve, version, 1).await.expect("a buyer downloads");
	let chunk = Chunk::decode_for(&got.chunk, &schema, loam_data::CHUNK_ROWS).unwrap();
	assert_eq!(chunk, chunks[1]);
	let leaf = loam_data::commitment::chunk_commitment(&chunk, &schema).unwrap();
	assert!(got.path.verify(leaf, commitment.chunks(), commitment.merkle_root).unwrap());
}
