//! What the attestation pallet stores and takes.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::ConstU32, BoundedVec};
pub use loam_data::CircuitId;
use pallet_datasets::DatasetId;
use scale_info::TypeInfo;
use sp_runtime::{Perbill, Percent};

/// Longest Merkle path: `MaxChunks` of the registry is at most `2^MAX_PATH_DEPTH`.
pub const MAX_PATH_DEPTH: u32 = 20;

/// Depth of the trees `attest_chunks` is benchmarked on: its weight already covers
/// `2 × BENCHMARK_PATH_DEPTH` path levels per proof, and only levels beyond those are
/// charged with `merkle_levels`.
pub const BENCHMARK_PATH_DEPTH: u32 = 4;

/// Most bytes of a verifying key as `register_circuit` takes it (a step key has 536).
pub const MAX_KEY_BYTES: u32 = 1024;

/// Most bytes of a stored prepared key (a step key's is 2 040).
pub const MAX_PREPARED_KEY_BYTES: u32 = 4096;

/// Most bytes of a proof as a call carries it (an uncompressed proof has 384; other
/// lengths are refused).
pub const MAX_PROOF_BYTES: u32 = 512;

/// A stored prepared verifying key.
pub type PreparedKey = BoundedVec<u8, ConstU32<MAX_PREPARED_KEY_BYTES>>;

/// A Merkle path: siblings from the leaf up.
pub type Path = BoundedVec<[u8; 32], ConstU32<MAX_PATH_DEPTH>>;

/// The proof for one chunk: its raw and clean commitments, each with its Merkle path
/// to the parent's and the child's root, and the Groth16 proof that
/// `clean = step(raw)`.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct ChunkProof {
	/// Commitment of the parent's chunk.
	pub raw: [u8; 32],
	/// Its path in the parent's chunk tree.
	pub raw_path: Path,
	/// Commitment of the child's chunk.
	pub clean: [u8; 32],
	/// Its path in the child's chunk tree.
	pub clean_path: Path,
	/// The proof, uncompressed canonical `ark-serialize` (384 bytes): decompressing points
	/// would cost the runtime square roots in wasm.
	pub proof: BoundedVec<u8, ConstU32<MAX_PROOF_BYTES>>,
}

/// Full or sampled.
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
pub enum Mode {
	/// Every chunk is proved.
	Full,
	/// `k` chunks drawn by the chain after the cleaner committed.
	Sampled,
}

/// What a sampled attestation guarantees: if this share of the child's chunks were not
/// the step applied to the parent's, a sample of `k` would have caught one with this
/// probability.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, Debug, TypeInfo, MaxEncodedLen)]
pub struct Detection {
	/// Share of corrupted chunks.
	pub corrupted: Percent,
	/// Probability that the sample contains at least one of them.
	pub caught: Perbill,
}

/// The chain's draw for a sampled attestation.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug, TypeInfo, MaxEncodedLen)]
#[scale_info(skip_type_params(S))]
pub struct Sample<BlockNumber, S: frame_support::traits::Get<u32>> {
	/// Chunks to prove.
	pub k: u32,
	/// The block whose hash seeds the draw, `SampleDelay` blocks after the commitment.
	pub seed_block: BlockNumber,
	/// The drawn chunk indices, in the order they are proved (empty until drawn).
	pub indices: BoundedVec<u32, S>,
	/// Detection guarantees for 1 %, 5 % and 10 % corrupted chunks.
	pub detection: BoundedVec<Detection, ConstU32<3>>,
}

/// Where an attestation stands.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, Debug, TypeInfo, MaxEncodedLen)]
pub enum Status {
	/// Chunks are being proved; `done` of `total` so far.
	InProgress {
		/// Chunks proved.
		done: u32,
		/// Chunks to prove.
		total: u32,
	},
	/// Every required chunk verified: `child = step(parent)`.
	Attested,
	/// A sampled attestation whose seed block's hash is no longer available: it can never
	/// complete, and the version cannot be attested again.
	Expired,
}

/// The record of a version's attestation.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug, TypeInfo, MaxEncodedLen)]
#[scale_info(skip_type_params(S, B))]
pub struct Attestation<
	AccountId,
	BlockNumber,
	S: frame_support::traits::Get<u32>,
	B: frame_support::traits::Get<u32>,
> {
	/// Who proves (the child's owner when the attestation began).
	pub cleaner: AccountId,
	/// The parent version.
	pub parent: DatasetId,
	/// The step, SCALE-encoded `loam_data::Step`.
	pub step: BoundedVec<u8, B>,
	/// The circuit that proves it.
	pub circuit: CircuitId,
	/// Hash of the step's parameters (the third public input).
	pub params_hash: [u8; 32],
	/// Full or sampled.
	pub mode: Mode,
	/// The draw, for a sampled attestation.
	pub sample: Option<Sample<BlockNumber, S>>,
	/// Progress.
	pub status: Status,
	/// Block the attestation began.
	pub started: BlockNumber,
}
