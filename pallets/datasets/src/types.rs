//! The types the registry stores and its calls take.

use crate::Config;
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use scale_info::TypeInfo;
use sp_runtime::Permill;

/// A dataset version's identifier: every registration, first version or child, gets the
/// next one.
pub type DatasetId = u64;

/// What binds a version's data to the chain (see `loam-data`): the chain recomputes
/// `root = Poseidon(merkle_root, chunks, rows, schema_hash)` and the schema hash from the
/// schema before it accepts them.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct Commitment {
	/// The dataset root (canonical field element, little-endian).
	pub root: [u8; 32],
	/// The Merkle root over the chunk commitments.
	pub merkle_root: [u8; 32],
	/// The Poseidon hash of the schema.
	pub schema_hash: [u8; 32],
	/// Rows in the dataset.
	pub rows: u64,
	/// Chunks of at most `CHUNK_ROWS` rows.
	pub chunks: u32,
	/// Size of the SCALE-encoded chunks in bytes (what a buyer downloads).
	pub bytes: u64,
}

/// Where a version is in its life.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum Status {
	/// Listed and usable.
	Active,
	/// Still usable, but the owner points buyers elsewhere.
	Deprecated {
		/// The version to use instead, if any.
		by: Option<DatasetId>,
	},
	/// Withdrawn: metadata and schema removed, deposit released. The record stays so that
	/// lineage and grants that name it keep their meaning.
	Retired,
}

/// A registered version.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug, TypeInfo, MaxEncodedLen)]
pub struct Dataset<AccountId, Balance, BlockNumber> {
	/// Who controls the version and is paid for it.
	pub owner: AccountId,
	/// The data's commitment.
	pub commitment: Commitment,
	/// The version this one was derived from.
	pub parent: Option<DatasetId>,
	/// Steps from the first version (0 for a first version).
	pub depth: u32,
	/// Share of every downstream sale owed to this version's owner.
	pub royalty: Permill,
	/// Who holds the deposit.
	pub depositor: AccountId,
	/// The deposit held.
	pub deposit: Balance,
	/// Life-cycle status.
	pub status: Status,
	/// Block of registration.
	pub registered: BlockNumber,
}

/// Text a version is described by. Every field is bounded; the chain checks that text is
/// UTF-8, the license is an SPDX expression or a URI and the endpoint an HTTP(S) URL.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Metadata<T: Config> {
	/// A short name.
	pub name: BoundedVec<u8, T::MaxNameBytes>,
	/// What the data is.
	pub description: BoundedVec<u8, T::MaxDescriptionBytes>,
	/// Search tags.
	pub tags: BoundedVec<BoundedVec<u8, T::MaxTagBytes>, T::MaxTags>,
	/// SPDX license expression (`MIT`, `CC-BY-4.0 OR MIT`) or a URI to the license.
	pub license: BoundedVec<u8, T::MaxLicenseBytes>,
	/// Where the provider serves the chunks: an `http://` or `https://` URL.
	pub endpoint: BoundedVec<u8, T::MaxEndpointBytes>,
}

/// A bounded schema: the SCALE encoding of `loam_data::Schema`.
pub type SchemaBytes<T> = BoundedVec<u8, <T as Config>::MaxSchemaBytes>;

/// Everything the runtime API tells about a version.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug, TypeInfo)]
pub struct DatasetDetails<AccountId, Balance, BlockNumber> {
	/// The identifier.
	pub id: DatasetId,
	/// The record.
	pub dataset: Dataset<AccountId, Balance, BlockNumber>,
	/// The schema's SCALE bytes (empty once retired).
	pub schema: Vec<u8>,
	/// Name, description, tags, license, endpoint, as bytes (empty once retired).
	pub name: Vec<u8>,
	/// Description.
	pub description: Vec<u8>,
	/// Tags.
	pub tags: Vec<Vec<u8>>,
	/// License.
	pub license: Vec<u8>,
	/// Endpoint.
	pub endpoint: Vec<u8>,
}
