//! What validators report and what the chain keeps once a score is final.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use loam_data::metrics::QualityReport;
use pallet_datasets::DatasetId;
use scale_info::TypeInfo;

/// The 32-byte BLAKE2 hash of an encoded [`Outcome`]; reports agree when these are equal.
pub type OutcomeHash = [u8; 32];

/// What a validator found when it scored a version.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub enum Outcome {
	/// Every chunk was fetched, matched the registered root, and was profiled.
	Scored(QualityReport),
	/// The provider's endpoint did not serve the chunks, through every retry.
	Unreachable,
	/// The served data does not match the registered root (or does not decode).
	Mismatch,
}

impl Outcome {
	/// The hash reports are compared by.
	pub fn hash(&self) -> OutcomeHash {
		sp_io::hashing::blake2_256(&self.encode())
	}

	/// The overall score, when the version was scored.
	pub fn overall_bp(&self) -> Option<u16> {
		match self {
			Outcome::Scored(r) => Some(r.overall_bp),
			_ => None,
		}
	}
}

/// A validator's signed report on one version.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct Report<AuthorityId> {
	/// The version scored.
	pub version: DatasetId,
	/// The scoring algorithm's version ([`loam_data::metrics::SCORING_VERSION`]).
	pub algorithm: u16,
	/// The reporting validator's key (its signature covers this whole report).
	pub reporter: AuthorityId,
	/// What it found.
	pub outcome: Outcome,
}

/// A final score.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct FinalScore<BlockNumber> {
	/// What two thirds of the validators agreed on.
	pub outcome: Outcome,
	/// The scoring algorithm's version.
	pub algorithm: u16,
	/// Identical reports when it became final.
	pub agreeing: u32,
	/// Validators at that time.
	pub validators: u32,
	/// The block it became final in.
	pub finalized: BlockNumber,
}

/// Whether `agreeing` identical reports are at least two thirds of `validators`.
pub fn is_quorum(agreeing: u32, validators: u32) -> bool {
	validators > 0 && 3 * u64::from(agreeing) >= 2 * u64::from(validators)
}

/// The label column a dataset declares with a tag `label=<column>`, if any.
pub fn label_tag(tags: &[impl AsRef<[u8]>]) -> Option<&[u8]> {
	tags.iter().find_map(|t| t.as_ref().strip_prefix(b"label="))
}
