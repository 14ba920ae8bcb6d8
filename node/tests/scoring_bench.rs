//! Benchmark (ignored by `cargo test`; run by `scripts/bench/scoring.sh`): a Parquet file
//! (`LOAM_BENCH_PARQUET`) is registered on a dev node, uploaded through the node's
//! gateway, and scored by Alice's off-chain worker through the whole off-chain path:
//! HTTP fetch of every chunk, the check against the root, the metrics, in the runtime's
//! wasm. Prints the worker's own timing (from its log line) and rows per second.

mod common;

use std::time::{Duration, Instant};

use codec::{Decode, Encode};
use common::{
	chain::{commitment_value, metadata_value, registered_id, submit, Api},
	free_port, Node,
};
use futures::StreamExt;
use loam_data::{delivery::ChunkEnvelope, io};
use loam_gateway::client::Client;
use pallet_scoring::{FinalScore, Outcome};
use sp_core::Pair;
use subxt::dynamic::{self, Value};
use subxt_signer::sr25519::dev;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a benchmark: run scripts/bench/scoring.sh"]
async fn score_a_parquet_file_through_the_offchain_path() {
	let file = std::path::PathBuf::from(
		std::env::var("LOAM_BENCH_PARQUET").expect("LOAM_BENCH_PARQUET names the file"),
	);
	let dir = tempfile::tempdir().unwrap();
	let gateway = format!("127.0.0.1:{}", free_port());
	let node = Node::start("bench", dir.path(), &["--dev", "--gateway", &gateway]);
	node.wait_heads("block 1", Duration::from_secs(120), |b, _| b >= 1).await;
	let api = Api::from_insecure_url(node.ws_url()).await.expect("subxt connects");

	let t = Instant::now();
	let options = io::ReadOptions::default();
	let (schema, commitment) = io::commit_file(&file, &options).expect("commit the file");
	println!(
		"commit (client, all cores): {} rows, {} chunks, {} columns in {:.1} s",
		commitment.rows,
		commitment.chunks(),
		schema.width(),
		t.elapsed().as_secs_f64()
	);
	let endpoint = format!("http://{gateway}");
	let size = std::fs::metadata(&file).unwrap().len();
	let register = dynamic::transaction(
		"Datasets",
		"register",
		vec![
			commitment_value(&commitment, size),
			Value::from_bytes(schema.encode()),
			metadata_value("bench", &endpoint, &[b"bench"]),
			Value::u128(0),
		],
	);
	let version = registered_id(&submit(&api, &node, &register, &dev::alice()).await.unwrap());

	let t = Instant::now();
	let gw = Client::new(&endpoint);
	let owner = sp_core::sr25519::Pair::from_string("//Alice", None).unwrap();
	let reader = io::open(&file, &options).unwrap();
	let tree = commitment.tree();
	let uploads = futures::stream::iter(reader.enumerate().map(|(i, chunk)| {
		let envelope = ChunkEnvelope {
			index: i as u32,
			chunk: chunk.expect("chunk").encode(),
			path: tree.path(i).unwrap(),
		};
		let (gw, owner) = (&gw, &owner);
		async move { gw.upload(owner, version, &envelope).await.expect("upload") }
	}))
	.buffer_unordered(4)
	.count()
	.await;
	println!(
		"upload (gateway checks every chunk): {uploads} chunks in {:.1} s",
		t.elapsed().as_secs_f64()
	);

	let t = Instant::now();
	let score = loop {
		let at = api.at_current_block().await.unwrap();
		let out =
			at.runtime_apis().call_raw("ScoringApi_score", Some(&version.encode())).await.unwrap();
		if let Some(score) = Option::<FinalScore<u32>>::decode(&mut &out[..]).unwrap() {
			break score;
		}
		assert!(t.elapsed() < Duration::from_secs(1200), "no score\n{}", node.log_tail());
		tokio::time::sleep(Duration::from_secs(1)).await;
	};
	let Outcome::Scored(report) = &score.outcome else { panic!("not scored: {score:?}") };
	println!(
		"final {:.1} s after the upload; overall {} bp",
		t.elapsed().as_secs_f64(),
		report.overall_bp
	);
	let log = std::fs::read_to_string(&node.log).unwrap();
	let line = log
		.lines()
		.find(|l| l.contains(&format!("version {version}: scored")))
		.expect("the worker's timing line");
	let ms: f64 = line
		.split(" rows in ")
		.nth(1)
		.and_then(|s| s.split(' ').next())
		.and_then(|s| s.parse().ok())
		.expect("milliseconds in the line");
	let rows = report.rows as f64;
	println!("OCW_ROWS={} OCW_MS={ms}", report.rows);
	println!(
		"off-chain path (fetch, check, metrics, in wasm): {:.1} s, {:.0} rows/s",
		ms / 1000.0,
		rows / (ms / 1000.0)
	);
}
