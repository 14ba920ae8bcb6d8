//! The off-chain worker: pick a version, fetch its chunks, check them against the root,
//! profile them, report.
//!
//! One version per run (scoring is heavy; the next block's run takes the next). Chunks
//! come [`BATCH_CHUNKS`] at a time: fetched concurrently, their commitments computed by
//! the node on all cores (`loam_host`), then profiled here in order. Kept in
//! the node's persistent off-chain storage, per validator:
//!
//! - `loam/scoring/cursor`: every version below it is final or gone;
//! - `loam/scoring/lock/<id>`: a lock (block and time deadline) so that a long run and
//!   the next block's run never score the same version at once;
//! - `loam/scoring/try/<id>`: failed fetches and the block before which not to retry;
//!   backoff doubles from [`RETRY_BLOCKS`]; after [`MAX_ATTEMPTS`] the worker reports
//!   [`Outcome::Unreachable`]. An upload still in progress (the endpoint's status says not
//!   every chunk is stored) is no failure: the worker looks again every [`RETRY_BLOCKS`]
//!   without using an attempt, until [`UPLOAD_GRACE_BLOCKS`] after registration; from then
//!   on it counts as one (see [`next_try`]);
//! - `loam/scoring/sent/<id>`: when a report was submitted, so the worker waits
//!   [`RESEND_BLOCKS`] for it to land before scoring again.

use crate::{pallet::*, types::*, LIE_KEY};
use alloc::{format, string::String, vec::Vec};
use codec::{Decode, DecodeAll, Encode};
use frame_system::{
	offchain::{CreateBare, SubmitTransaction},
	pallet_prelude::BlockNumberFor,
};
use loam_data::{
	commitment::merkle_root,
	delivery::{self, Action, ChunkEnvelope, SignedRequest},
	field,
	metrics::{Profiler, SCORING_VERSION},
	Chunk, Schema, CHUNK_ROWS,
};
use pallet_datasets::{DatasetId, Status};
use sp_runtime::{
	offchain::{
		http,
		storage::StorageValueRef,
		storage_lock::{BlockAndTime, StorageLock},
		Duration,
	},
	traits::{AtLeast32BitUnsigned, Get, Saturating},
	RuntimeAppPublic,
};

/// Versions looked at per run, from the cursor up.
pub const MAX_SCAN: u64 = 256;
/// Fetch failures before the worker reports the data unreachable.
pub const MAX_ATTEMPTS: u32 = 4;
/// Blocks to wait after the first failure (doubling after each next one).
pub const RETRY_BLOCKS: u32 = 5;
/// Blocks after registration during which an incomplete upload costs no attempt
/// (a day of 6-second blocks: long enough for a large upload, short enough that a version
/// whose data never arrives is reported unreachable).
pub const UPLOAD_GRACE_BLOCKS: u32 = 14_400;
/// Blocks to wait for a submitted report to land before scoring the version again.
pub const RESEND_BLOCKS: u32 = 20;
/// Chunks fetched at once (concurrent HTTP requests) and checked with one host call, on
/// all the node's cores.
pub const BATCH_CHUNKS: u32 = 16;
/// Deadline of one HTTP request (or of one batch of them).
pub const HTTP_TIMEOUT: Duration = Duration::from_millis(30_000);
/// How long a signed gateway request stays valid, in seconds.
pub const REQUEST_LIFETIME_SECS: u64 = 300;
/// The scoring lock's deadlines: blocks, and time.
pub const LOCK_BLOCKS: u32 = 200;
/// See [`LOCK_BLOCKS`].
pub const LOCK_TIME: Duration = Duration::from_millis(30 * 60 * 1000);

const LOG: &str = "loam::scoring";

fn key(prefix: &[u8], id: DatasetId) -> Vec<u8> {
	(prefix, id).encode()
}

/// One run of the worker at block `now`.
pub fn run<T: Config>(now: BlockNumberFor<T>) {
	let validators = T::Validators::get();
	let Some(me) = T::AuthorityId::all().into_iter().find(|k| validators.contains(k)) else {
		return;
	};
	let next = pallet_datasets::NextDatasetId::<T>::get();
	let cursor_ref = StorageValueRef::persistent(b"loam/scoring/cursor");
	let mut cursor: DatasetId = cursor_ref.get().ok().flatten().unwrap_or(0);
	while cursor < next && !needs_score::<T>(cursor) {
		cursor += 1;
	}
	cursor_ref.set(&cursor);

	for id in cursor..next.min(cursor.saturating_add(MAX_SCAN)) {
		if !needs_score::<T>(id) || Pallet::<T>::has_reported(id, &me) {
			continue;
		}
		let (sent_key, try_key) = (key(b"loam/scoring/sent/", id), key(b"loam/scoring/try/", id));
		let sent_ref = StorageValueRef::persistent(&sent_key);
		if let Ok(Some(sent)) = sent_ref.get::<BlockNumberFor<T>>() {
			if now < sent.saturating_add(RESEND_BLOCKS.into()) {
				continue;
			}
		}
		let try_ref = StorageValueRef::persistent(&try_key);
		let (attempts, not_before): (u32, BlockNumberFor<T>) =
			try_ref.get().ok().flatten().unwrap_or_default();
		if now < not_before {
			continue;
		}
		let lock_key = key(b"loam/scoring/lock/", id);
		let mut lock =
			StorageLock::<BlockAndTime<frame_system::Pallet<T>>>::with_block_and_time_deadline(
				&lock_key,
				LOCK_BLOCKS,
				LOCK_TIME,
			);
		let Ok(_guard) = lock.try_lock() else { continue };

		let started = sp_io::offchain::timestamp();
		let outcome = match score::<T>(id, &me) {
			Ok(outcome) => {
				let ms = sp_io::offchain::timestamp().diff(&started).millis();
				let rows = match &outcome {
					Outcome::Scored(r) => r.rows,
					_ => 0,
				};
				log::info!(
					target: LOG,
					"version {id}: scored {rows} rows in {ms} ms (fetch, check, metrics): {}",
					match &outcome {
						Outcome::Scored(r) => format!("{} bp", r.overall_bp),
						other => format!("{other:?}"),
					}
				);
				outcome
			}
			Err(why) => {
				let registered =
					pallet_datasets::Datasets::<T>::get(id).map_or(now, |d| d.registered);
				match next_try(&why, attempts, now, registered) {
					Some((next, not_before)) => {
						try_ref.set(&(next, not_before));
						if let NotScored::Uploading = why {
							log::debug!(target: LOG, "version {id}: {why}; looking again at block {not_before:?}");
							// Nothing was fetched: the next version may be ready.
							continue;
						}
						log::warn!(target: LOG, "version {id}: {why}; retry {next} at block {not_before:?}");
						return;
					}
					None => {
						log::warn!(target: LOG, "version {id}: {why}; reporting it unreachable");
						Outcome::Unreachable
					}
				}
			}
		};
		let outcome = if lying() { lie(outcome) } else { outcome };
		let report = Report { version: id, algorithm: SCORING_VERSION, reporter: me, outcome };
		match submit::<T>(report) {
			Ok(()) => {
				log::info!(target: LOG, "version {id}: report submitted");
				sent_ref.set(&now);
			}
			Err(why) => log::warn!(target: LOG, "version {id}: report not submitted: {why}"),
		}
		return;
	}
}

/// Why a run did not score a version.
#[derive(Debug, PartialEq, Eq)]
pub enum NotScored {
	/// The endpoint does not hold every chunk yet.
	Uploading,
	/// A fetch failed (worth a retry).
	Failed(String),
}

impl core::fmt::Display for NotScored {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match self {
			Self::Uploading => f.write_str("the endpoint does not hold every chunk yet"),
			Self::Failed(why) => f.write_str(why),
		}
	}
}

impl From<String> for NotScored {
	fn from(why: String) -> Self {
		Self::Failed(why)
	}
}

/// After a run that ended in `why` with `attempts` used so far, at block `now`, of a
/// version registered at block `registered`: `Some((attempts, not_before))` to look again,
/// `None` to report the version unreachable. An upload in progress within
/// [`UPLOAD_GRACE_BLOCKS`] of registration uses no attempt; a failure uses one and doubles
/// the wait from [`RETRY_BLOCKS`]; the [`MAX_ATTEMPTS`]th gives up.
pub fn next_try<N: AtLeast32BitUnsigned + Copy>(
	why: &NotScored,
	attempts: u32,
	now: N,
	registered: N,
) -> Option<(u32, N)> {
	let in_grace = now < registered.saturating_add(UPLOAD_GRACE_BLOCKS.into());
	if *why == NotScored::Uploading && in_grace {
		return Some((attempts, now.saturating_add(RETRY_BLOCKS.into())));
	}
	if attempts.saturating_add(1) >= MAX_ATTEMPTS {
		return None;
	}
	let wait = RETRY_BLOCKS.saturating_mul(1u32 << attempts.min(16));
	Some((attempts + 1, now.saturating_add(wait.into())))
}

/// Whether `id` is a live version without a final score.
fn needs_score<T: Config>(id: DatasetId) -> bool {
	!Scores::<T>::contains_key(id)
		&& pallet_datasets::Datasets::<T>::get(id).is_some_and(|d| d.status != Status::Retired)
}

fn lying() -> bool {
	StorageValueRef::persistent(LIE_KEY).get::<bool>().ok().flatten().unwrap_or(false)
}

/// What a lying validator reports: the score one basis point off, or the other failure.
fn lie(outcome: Outcome) -> Outcome {
	match outcome {
		Outcome::Scored(mut r) => {
			r.overall_bp = if r.overall_bp > 0 { r.overall_bp - 1 } else { 1 };
			Outcome::Scored(r)
		}
		Outcome::Unreachable => Outcome::Mismatch,
		Outcome::Mismatch => Outcome::Unreachable,
	}
}

fn submit<T: Config>(report: ReportOf<T>) -> Result<(), &'static str> {
	let signature = report.reporter.sign(&report.encode()).ok_or("the key cannot sign")?;
	let call = Call::<T>::submit_report { report, signature };
	let xt = <T as CreateBare<Call<T>>>::create_bare(call.into());
	SubmitTransaction::<T, Call<T>>::submit_transaction(xt).map_err(|()| "the pool refused it")
}

/// Fetches, checks and profiles version `id`. `Err` when the upload is not complete or a
/// chunk could not be fetched; anything wrong with the data itself is an `Ok` outcome.
pub fn score<T: Config>(id: DatasetId, me: &T::AuthorityId) -> Result<Outcome, NotScored> {
	let (Some(dataset), Some(schema_bytes), Some(meta)) = (
		pallet_datasets::Datasets::<T>::get(id),
		pallet_datasets::Schemas::<T>::get(id),
		pallet_datasets::Metadatas::<T>::get(id),
	) else {
		return Err(format!("version {id} is gone").into());
	};
	let Ok(schema) = Schema::decode(&mut &schema_bytes[..]) else {
		return Ok(Outcome::Mismatch);
	};
	let label = label_tag(&meta.tags)
		.and_then(|l| core::str::from_utf8(l).ok())
		.and_then(|l| schema.index_of(l));
	let Ok(mut profiler) = Profiler::new(schema.clone(), label) else {
		return Ok(Outcome::Mismatch);
	};
	let endpoint = core::str::from_utf8(&meta.endpoint)
		.map_err(|_| String::from("the endpoint is not UTF-8"))?
		.trim_end_matches('/');
	if endpoint.is_empty() {
		return Err(String::from("the version has no endpoint").into());
	}
	// Not every chunk uploaded yet: come back later rather than fetch half of it.
	let status = get(&format!("{endpoint}{}", delivery::dataset_path(id)), &[])?;
	if !delivery::status_complete(&status) {
		return Err(NotScored::Uploading);
	}
	let commitment = dataset.commitment;
	let mut leaves = Vec::with_capacity(commitment.chunks as usize);
	let mut start = 0;
	while start < commitment.chunks {
		let batch = start..commitment.chunks.min(start.saturating_add(BATCH_CHUNKS));
		start = batch.end;
		let mut chunks = Vec::with_capacity(batch.len());
		for (index, body) in batch.clone().zip(fetch_batch(endpoint, id, batch, me)?) {
			let Ok(envelope) = ChunkEnvelope::decode_all(&mut &body[..]) else {
				return Ok(Outcome::Mismatch);
			};
			if envelope.index != index {
				return Ok(Outcome::Mismatch);
			}
			chunks.push(envelope.chunk);
		}
		let mut decoded = Vec::with_capacity(chunks.len());
		for bytes in &chunks {
			let Ok(chunk) = Chunk::decode_shape(bytes, &schema, CHUNK_ROWS) else {
				return Ok(Outcome::Mismatch);
			};
			decoded.push(chunk);
		}
		// The commitments on the node's cores, then the metrics here, chunk by chunk.
		let commitments = loam_host::loam_data_host::chunk_commitments(&schema_bytes, chunks);
		for (leaf, chunk) in commitments.into_iter().zip(&decoded) {
			let leaf = leaf.map(|l| field::from_bytes(&l));
			let (Some(Ok(leaf)), Ok(())) = (leaf, profiler.push(chunk)) else {
				return Ok(Outcome::Mismatch);
			};
			leaves.push(leaf);
		}
	}
	if profiler.rows() != commitment.rows
		|| field::to_bytes(&merkle_root(&leaves)) != commitment.merkle_root
	{
		return Ok(Outcome::Mismatch);
	}
	Ok(Outcome::Scored(profiler.finish()))
}

/// GETs chunks `indices` of `id` from `endpoint` at once, each request signed by `me`,
/// within one [`HTTP_TIMEOUT`]; their bodies in order.
fn fetch_batch<A: RuntimeAppPublic + Encode>(
	endpoint: &str,
	id: DatasetId,
	indices: core::ops::Range<u32>,
	me: &A,
) -> Result<Vec<Vec<u8>>, String> {
	let now = sp_io::offchain::timestamp();
	let deadline = now.add(HTTP_TIMEOUT);
	let seed = sp_io::offchain::random_seed();
	let seed = u64::from_le_bytes(seed[..8].try_into().unwrap_or_default());
	let mut pending = Vec::with_capacity(indices.len());
	for index in indices.clone() {
		let request = SignedRequest {
			action: Action::Download,
			version: id,
			index,
			expiry: now.unix_millis() / 1000 + REQUEST_LIFETIME_SECS,
			nonce: seed ^ u64::from(index),
		};
		let signature = me.sign(&request.message()).ok_or("the key cannot sign")?;
		let headers = [
			(delivery::HEADER_SIGNER, delivery::to_hex(&me.encode())),
			(delivery::HEADER_EXPIRY, format!("{}", request.expiry)),
			(delivery::HEADER_NONCE, format!("{}", request.nonce)),
			(delivery::HEADER_SIGNATURE, delivery::to_hex(&signature.encode())),
		];
		let url = format!("{endpoint}{}", delivery::chunk_path(id, index));
		pending.push((send(&url, &headers, deadline)?, url));
	}
	let (requests, urls): (Vec<_>, Vec<_>) = pending.into_iter().unzip();
	http::PendingRequest::try_wait_all(requests, deadline)
		.into_iter()
		.zip(urls)
		.map(|(result, url)| body(&url, result.map_err(|_| format!("{url}: timed out"))?))
		.collect()
}

/// GETs `url` with `headers` within [`HTTP_TIMEOUT`]; the body of a 200 answer.
fn get(url: &str, headers: &[(&str, String)]) -> Result<Vec<u8>, String> {
	let deadline = sp_io::offchain::timestamp().add(HTTP_TIMEOUT);
	let pending = send(url, headers, deadline)?;
	body(url, pending.try_wait(deadline).map_err(|_| format!("{url}: timed out"))?)
}

fn send(
	url: &str,
	headers: &[(&str, String)],
	deadline: sp_runtime::offchain::Timestamp,
) -> Result<http::PendingRequest, String> {
	let mut request = http::Request::get(url);
	for (name, value) in headers {
		request = request.add_header(name, value);
	}
	request.deadline(deadline).send().map_err(|e| format!("{url}: cannot send ({e:?})"))
}

fn body(url: &str, result: http::HttpResult) -> Result<Vec<u8>, String> {
	let response = result.map_err(|e| format!("{url}: {e:?}"))?;
	if response.code != 200 {
		return Err(format!("{url}: HTTP {}", response.code));
	}
	Ok(response.body().collect())
}
