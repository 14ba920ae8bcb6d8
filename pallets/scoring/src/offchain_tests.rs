//! The off-chain worker against a scripted endpoint: an upload in progress waits without
//! using an attempt, a complete one is fetched, checked and reported, data that does not
//! match the root is reported so, and an endpoint that keeps failing is reported unreachable.

use crate::{
	features::offchain::{
		next_try, run, NotScored, MAX_ATTEMPTS, REQUEST_LIFETIME_SECS, RETRY_BLOCKS,
		UPLOAD_GRACE_BLOCKS,
	},
	mock::*,
	types::*,
	Call, ReportOf,
};
use codec::{Decode, Encode};
use loam_data::{
	commitment::{self, DatasetBuilder},
	delivery::{self, Action, ChunkEnvelope, SignedRequest},
	field,
	metrics::{Profiler, SCORING_VERSION},
	Chunk, Column, ColumnData, ColumnType, Schema,
};
use pallet_datasets::{Commitment, DatasetId, Metadata};
use sp_core::offchain::{
	testing::{OffchainState, PendingRequest, TestOffchainExt, TestTransactionPoolExt},
	OffchainDbExt, OffchainWorkerExt, Timestamp, TransactionPoolExt,
};
use sp_runtime::{testing::UintAuthorityId, RuntimeAppPublic};
use std::sync::Arc;

const ENDPOINT: &str = "http://gateway.test";
const NOW_MS: u64 = 1_800_000_000_000;
/// The validator whose worker runs.
const ME: u64 = 1;

type State = Arc<parking_lot::RwLock<OffchainState>>;
type Pool = Arc<parking_lot::RwLock<sp_core::offchain::testing::PoolState>>;

fn schema() -> Schema {
	Schema::new(vec![
		Column::new("x", ColumnType::Int64, false),
		Column::new("ok", ColumnType::Bool, true),
	])
	.unwrap()
}

fn chunk(rows: i64) -> Chunk {
	Chunk {
		columns: vec![
			ColumnData::Int64((0..rows).map(|i| Some(i * i % 7)).collect()),
			ColumnData::Bool((0..rows).map(|i| (i % 3 != 0).then_some(i % 2 == 0)).collect()),
		],
	}
}

/// A test externality with the worker's extensions, and version `v` registered with the
/// commitment of `chunks` and served from `endpoint`.
fn worker_ext(
	chunks: &[Chunk],
	endpoint: &str,
) -> (sp_io::TestExternalities, State, Pool, DatasetId) {
	let mut ext = new_test_ext();
	let (offchain, state) = TestOffchainExt::new();
	let (pool, pool_state) = TestTransactionPoolExt::new();
	ext.register_extension(OffchainWorkerExt::new(offchain.clone()));
	ext.register_extension(OffchainDbExt::new(offchain));
	ext.register_extension(TransactionPoolExt::new(pool));
	state.write().timestamp = Timestamp::from_unix_millis(NOW_MS);
	UintAuthorityId::set_all_keys(vec![UintAuthorityId(ME)]);
	let v = ext.execute_with(|| {
		let mut builder = DatasetBuilder::new(schema());
		for c in chunks {
			builder.push(c).unwrap();
		}
		let d = builder.finish().unwrap();
		let v = put_version();
		pallet_datasets::Datasets::<Test>::mutate(v, |r| {
			r.as_mut().unwrap().commitment = Commitment {
				root: field::to_bytes(&d.root),
				merkle_root: field::to_bytes(&d.merkle_root),
				schema_hash: field::to_bytes(&d.schema_hash),
				rows: d.rows,
				chunks: d.chunks(),
				bytes: chunks.iter().map(|c| c.encode().len() as u64).sum(),
			}
		});
		let schema_bytes: pallet_datasets::SchemaBytes<Test> =
			schema().encode().try_into().unwrap();
		pallet_datasets::Schemas::<Test>::insert(v, schema_bytes);
		pallet_datasets::Metadatas::<Test>::insert(
			v,
			Metadata::<Test> {
				name: b"t".to_vec().try_into().unwrap(),
				description: Default::default(),
				tags: Default::default(),
				license: b"MIT".to_vec().try_into().unwrap(),
				endpoint: endpoint.as_bytes().to_vec().try_into().unwrap(),
			},
		);
		v
	});
	(ext, state, pool_state, v)
}

fn expect_status(state: &State, v: DatasetId, complete: bool) {
	let body =
		format!(r#"{{"chunks":1,"complete":{complete},"missing":[],"stored":1,"version":{v}}}"#);
	state.write().expect_request(PendingRequest {
		method: "GET".into(),
		uri: format!("{ENDPOINT}{}", delivery::dataset_path(v)),
		response: Some(body.into_bytes()),
		sent: true,
		..Default::default()
	});
}

/// The signed download the worker must send for chunk `index`, answered with `chunk`.
fn expect_chunk(state: &State, v: DatasetId, index: u32, chunk: &Chunk) {
	let me = UintAuthorityId(ME);
	// The test's random seed is zeros, so the nonce is the index.
	let request = SignedRequest {
		action: Action::Download,
		version: v,
		index,
		expiry: NOW_MS / 1000 + REQUEST_LIFETIME_SECS,
		nonce: u64::from(index),
	};
	let signature = me.sign(&request.message()).unwrap();
	// The worker does not read the path (it rebuilds the whole tree); a one-leaf path.
	let leaf = commitment::chunk_commitment(chunk, &schema()).unwrap();
	let path = commitment::MerklePath::new(&[leaf], 0).unwrap();
	let envelope = ChunkEnvelope { index, chunk: chunk.encode(), path };
	state.write().expect_request(PendingRequest {
		method: "GET".into(),
		uri: format!("{ENDPOINT}{}", delivery::chunk_path(v, index)),
		headers: vec![
			(delivery::HEADER_SIGNER.into(), delivery::to_hex(&me.encode())),
			(delivery::HEADER_EXPIRY.into(), request.expiry.to_string()),
			(delivery::HEADER_NONCE.into(), request.nonce.to_string()),
			(delivery::HEADER_SIGNATURE.into(), delivery::to_hex(&signature.encode())),
		],
		response: Some(envelope.encode()),
		sent: true,
		..Default::default()
	});
}

/// The reports the worker put in the pool.
fn submitted(pool: &Pool) -> Vec<ReportOf<Test>> {
	pool.read()
		.transactions
		.iter()
		.map(|tx| match Extrinsic::decode(&mut &tx[..]).unwrap().function {
			RuntimeCall::Scoring(Call::submit_report { report, .. }) => report,
			other => panic!("unexpected call {other:?}"),
		})
		.collect()
}

fn run_at(block: u64) {
	System::set_block_number(block);
	run::<Test>(block);
}

fn profile(chunks: &[Chunk]) -> Outcome {
	let mut p = Profiler::new(schema(), None).unwrap();
	for c in chunks {
		p.push(c).unwrap();
	}
	Outcome::Scored(p.finish())
}

#[test]
fn a_complete_upload_is_fetched_checked_and_reported() {
	let chunks = [chunk(10)];
	let (mut ext, state, pool, v) = worker_ext(&chunks, ENDPOINT);
	ext.execute_with(|| {
		expect_status(&state, v, true);
		expect_chunk(&state, v, 0, &chunks[0]);
		run_at(2);
		let reports = submitted(&pool);
		assert_eq!(reports.len(), 1);
		let r = &reports[0];
		assert_eq!((r.version, r.algorithm, r.reporter.0), (v, SCORING_VERSION, ME));
		assert_eq!(r.outcome, profile(&chunks));
		// Sent: not scored again while the report is on its way.
		run_at(3);
		assert_eq!(submitted(&pool).len(), 1);
	});
}

#[test]
fn an_upload_in_progress_waits_without_using_an_attempt() {
	let chunks = [chunk(10)];
	let (mut ext, state, pool, v) = worker_ext(&chunks, ENDPOINT);
	ext.execute_with(|| {
		// Far more looks than MAX_ATTEMPTS: none of them is a failure.
		let mut block = 2;
		for _ in 0..3 * MAX_ATTEMPTS {
			expect_status(&state, v, false);
			run_at(block);
			// Within the wait nothing is asked (an unexpected request would panic).
			run_at(block + u64::from(RETRY_BLOCKS) - 1);
			block += u64::from(RETRY_BLOCKS);
		}
		assert!(submitted(&pool).is_empty(), "no report while the upload goes on");
		expect_status(&state, v, true);
		expect_chunk(&state, v, 0, &chunks[0]);
		run_at(block);
		assert_eq!(
			submitted(&pool).iter().map(|r| &r.outcome).collect::<Vec<_>>(),
			[&profile(&chunks)]
		);
	});
}

#[test]
fn data_that_does_not_match_the_root_is_reported_mismatch() {
	let chunks = [chunk(10)];
	let (mut ext, state, pool, v) = worker_ext(&chunks, ENDPOINT);
	ext.execute_with(|| {
		expect_status(&state, v, true);
		expect_chunk(&state, v, 0, &chunk(9));
		run_at(2);
		assert_eq!(
			submitted(&pool).iter().map(|r| &r.outcome).collect::<Vec<_>>(),
			[&Outcome::Mismatch]
		);
	});
}

#[test]
fn a_failing_endpoint_is_reported_unreachable_after_the_retries() {
	// Not a URL the worker can ask: every run fails before any request.
	let (mut ext, _state, pool, v) = worker_ext(&[chunk(3)], "");
	ext.execute_with(|| {
		let mut block = 2;
		for attempt in 0..MAX_ATTEMPTS - 1 {
			run_at(block);
			assert!(submitted(&pool).is_empty(), "attempt {attempt} is retried");
			block += u64::from(RETRY_BLOCKS << attempt);
		}
		run_at(block);
		let reports = submitted(&pool);
		assert_eq!(reports.len(), 1);
		assert_eq!((reports[0].version, &reports[0].outcome), (v, &Outcome::Unreachable));
	});
}

#[test]
fn the_retry_policy() {
	let up = NotScored::Uploading;
	let fail = NotScored::Failed("HTTP 503".into());
	// Uploading within the grace: same attempts, the shortest wait.
	assert_eq!(next_try(&up, 0, 100u64, 90), Some((0, 100 + u64::from(RETRY_BLOCKS))));
	assert_eq!(next_try(&up, 3, 100u64, 90), Some((3, 100 + u64::from(RETRY_BLOCKS))));
	// A failure uses an attempt, the wait doubles, the last one gives up.
	assert_eq!(next_try(&fail, 0, 100u64, 90), Some((1, 100 + u64::from(RETRY_BLOCKS))));
	assert_eq!(next_try(&fail, 2, 100u64, 90), Some((3, 100 + 4 * u64::from(RETRY_BLOCKS))));
	assert_eq!(next_try(&fail, MAX_ATTEMPTS - 1, 100u64, 90), None);
	// Past the grace an upload that never completes is a failure like any other.
	let late = 90 + u64::from(UPLOAD_GRACE_BLOCKS);
	assert_eq!(next_try(&up, 0, late, 90), Some((1, late + u64::from(RETRY_BLOCKS))));
	assert_eq!(next_try(&up, MAX_ATTEMPTS - 1, late, 90), None);
}
