//! The runtime API: final scores, dissent, and a dry run of the metrics.

#![allow(clippy::multiple_bound_locations)]

use crate::FinalScore;
use alloc::vec::Vec;
use codec::Codec;
use loam_data::metrics::QualityReport;
use pallet_datasets::DatasetId;

sp_api::decl_runtime_apis! {
	/// What wallets, clients and tests ask the scoring pallet.
	pub trait ScoringApi<BlockNumber: Codec, AuthorityId: Codec> {
		/// The final score of `version`, if there is one.
		fn score(version: DatasetId) -> Option<FinalScore<BlockNumber>>;
		/// The validators whose reports on `version` disagreed with its final score.
		fn dissenters(version: DatasetId) -> Vec<AuthorityId>;
		/// Profiles chunks (SCALE bytes) of a schema (SCALE bytes) with the metrics the
		/// validators run, in the runtime: a preview of a score, and the check that the
		/// runtime's wasm computes what native code does. `None` when the schema or a
		/// chunk does not decode, or `label` is not a column.
		fn profile(schema: Vec<u8>, label: Option<u32>, chunks: Vec<Vec<u8>>) -> Option<QualityReport>;
	}
}

/// The body of [`ScoringApi::profile`].
pub fn profile(schema: &[u8], label: Option<u32>, chunks: &[Vec<u8>]) -> Option<QualityReport> {
	use codec::Decode;
	use loam_data::{metrics::Profiler, Chunk, Schema, CHUNK_ROWS};
	let schema = Schema::decode(&mut &schema[..]).ok()?;
	let mut profiler = Profiler::new(schema.clone(), label.map(|l| l as usize)).ok()?;
	for bytes in chunks {
		profiler.push(&Chunk::decode_shape(bytes, &schema, CHUNK_ROWS).ok()?).ok()?;
	}
	Some(profiler.finish())
}
