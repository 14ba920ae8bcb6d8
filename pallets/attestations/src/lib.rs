//! # pallet-attestations: cleaning proved on chain
//!
//! The **clean** stage of the loop. A cleaner registers a child version (in
//! `pallet-datasets`) and proves, chunk by chunk, that the child is a declared step
//! applied to its parent: for chunk *i*, a Groth16 proof (from `loam-circuits`) that the
//! child's chunk commitment is the step applied to the parent's, with both commitments
//! shown to be leaf *i* of the two registered roots by Merkle paths.
//!
//! - [`Pallet::register_circuit`]: a configured origin (root on dev chains) registers the
//!   verifying key of a step circuit; it is validated (points on the curve and in the
//!   subgroup, three public inputs) and stored prepared.
//! - [`Pallet::begin_attestation`]: the child's owner names the step; the chain checks
//!   that the step applies to the parent's schema and yields the child's schema, and that
//!   a key exists. *Full* mode then needs every chunk; *sampled* mode needs `k` chunks
//!   that the chain draws from the hash of a block `SampleDelay` blocks later, so the
//!   cleaner is committed to both roots before it learns which chunks it must prove.
//! - [`Pallet::attest_chunks`]: proofs for the next chunks, any number up to
//!   `MaxProofsPerCall` a call, batch-verified with random weights drawn from the parent
//!   block hash and the call itself; progress is stored, and the status becomes
//!   [`Status::Attested`] when every required chunk is done.
//!
//! Proofs are verified by `loam-proof` over `sp-crypto-ec-utils`' BLS12-381, whose
//! pairings and multiplications are host calls: native speed from the wasm runtime.
//!
//! **Randomness caveat (Aura).** The sample seed is a block hash. Its author can see it
//! before publishing and may withhold the block (losing its slot) to re-roll the draw,
//! or choose which transactions enter it. A cleaner that is also a validator thus gets a
//! few extra draws; the detection probabilities recorded with each sampled attestation
//! assume one draw. Full attestation has no such caveat.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use features::sampling;
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// BLS12-381 with host-call pairings: what proofs are verified with.
pub type Curve = sp_crypto_ec_utils::bls12_381::Bls12_381;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::ConstU32};
	use frame_system::pallet_prelude::*;
	use pallet_datasets::DatasetId;

	/// An attestation as stored.
	pub type AttestationOf<T> = Attestation<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		<T as Config>::MaxSampleSize,
		<T as Config>::MaxStepBytes,
	>;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config + pallet_datasets::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;
		/// Who may register verifying keys.
		type CircuitOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Most proofs in one `attest_chunks` call.
		#[pallet::constant]
		type MaxProofsPerCall: Get<u32>;
		/// Chunks a sampled attestation proves (`k`; fewer when the dataset is smaller).
		#[pallet::constant]
		type SampleSize: Get<u32>;
		/// Bound on `SampleSize`.
		#[pallet::constant]
		type MaxSampleSize: Get<u32>;
		/// Blocks between a sampled attestation's commitment and the block that seeds it
		/// (`D`).
		#[pallet::constant]
		type SampleDelay: Get<BlockNumberFor<Self>>;
		/// Bytes of a SCALE-encoded step.
		#[pallet::constant]
		type MaxStepBytes: Get<u32>;
		/// Weights of the calls.
		type WeightInfo: WeightInfo;
	}

	/// Prepared verifying key of each registered circuit.
	#[pallet::storage]
	pub type Circuits<T> = StorageMap<_, Twox64Concat, CircuitId, PreparedKey>;

	/// The attestation of each child version that has one.
	#[pallet::storage]
	pub type Attestations<T: Config> = StorageMap<_, Twox64Concat, DatasetId, AttestationOf<T>>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Verifying keys (compressed bytes) registered at genesis. Dev chains use the
		/// insecure deterministic dev keys; production chains register ceremony keys.
		pub circuits: alloc::vec::Vec<(CircuitId, alloc::vec::Vec<u8>)>,
		#[serde(skip)]
		#[allow(missing_docs)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (id, vk) in &self.circuits {
				// A bad genesis key must stop the chain from being built at all.
				let prepared = Pallet::<T>::prepare_key(vk).expect("invalid genesis verifying key");
				Circuits::<T>::insert(id, prepared);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A verifying key was registered (or replaced).
		CircuitRegistered {
			/// The circuit.
			circuit: CircuitId,
		},
		/// An attestation began.
		AttestationStarted {
			/// The child version.
			child: DatasetId,
			/// Its parent.
			parent: DatasetId,
			/// The cleaner.
			cleaner: T::AccountId,
			/// Full or sampled.
			mode: Mode,
			/// Chunks to prove (for a sampled attestation, `k`).
			chunks: u32,
		},
		/// The chain drew the chunks of a sampled attestation.
		SampleDrawn {
			/// The child version.
			child: DatasetId,
			/// Chunk indices, in the order they are proved.
			indices: alloc::vec::Vec<u32>,
		},
		/// Chunks verified.
		ChunksAttested {
			/// The child version.
			child: DatasetId,
			/// Chunks done so far.
			done: u32,
			/// Chunks to do.
			total: u32,
		},
		/// Every required chunk verified: the child is the step applied to the parent.
		Attested {
			/// The child version.
			child: DatasetId,
			/// The parent version.
			parent: DatasetId,
			/// The cleaner.
			cleaner: T::AccountId,
			/// Full or sampled.
			mode: Mode,
		},
		/// An attestation in progress was abandoned by its cleaner.
		AttestationCancelled {
			/// The child version.
			child: DatasetId,
		},
		/// A sampled attestation whose seed is gone can no longer complete.
		AttestationExpired {
			/// The child version.
			child: DatasetId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No version has this identifier.
		UnknownDataset,
		/// The version has no parent: only child versions are attested.
		NotAChild,
		/// The named parent is not the child's parent.
		WrongParent,
		/// Only the child's owner may attest it.
		NotOwner,
		/// The parent or the child is retired.
		Retired,
		/// The step bytes do not decode (or have bytes left over).
		MalformedStep,
		/// The step does not apply to the parent's schema.
		StepNotApplicable,
		/// No verifying key is registered for this step on schemas of this width: an
		/// unknown step.
		UnknownStep,
		/// The child's schema is not the step applied to the parent's.
		SchemaMismatch,
		/// A step keeps chunk boundaries: the child must have the parent's chunk count.
		ChunkCountMismatch,
		/// The verifying key bytes are malformed, not canonical, or have trailing bytes.
		MalformedKey,
		/// The verifying key's points are not on the curve or not in the subgroup.
		InvalidKeyPoint,
		/// The key is not for three public inputs.
		WrongKeyInputs,
		/// The version already has an attestation in progress.
		AttestationInProgress,
		/// The version is already attested.
		AlreadyAttested,
		/// The version has no attestation in progress.
		NoAttestation,
		/// Only the cleaner who began the attestation may continue it.
		NotCleaner,
		/// `start` is not the next chunk to prove.
		WrongPosition,
		/// No proofs, or more than remain.
		WrongProofCount,
		/// A sampled attestation's seed block is not yet in the chain.
		SampleNotReady,
		/// A sampled attestation's seed block hash is no longer available.
		SampleExpired,
		/// The sample is drawn: a sampled attestation can no longer be cancelled.
		SampleDrawn,
		/// A proof has the wrong length.
		MalformedProof,
		/// A proof's points are not on the curve, not in the subgroup, or not canonical.
		InvalidProofPoint,
		/// A chunk commitment is not a canonical field element.
		NonCanonicalInput,
		/// A chunk commitment is not the leaf its Merkle path claims in the parent's or
		/// the child's root: the public inputs do not match the roots.
		RootMismatch,
		/// The proofs do not verify.
		InvalidProof,
	}

	impl<T: Config> Pallet<T> {
		/// `attest_chunks` as benchmarked (paths of `BENCHMARK_PATH_DEPTH`), plus one
		/// Poseidon permutation for every path level beyond those.
		pub fn attest_weight(proofs: &[ChunkProof]) -> Weight {
			let n = proofs.len() as u32;
			let levels: u32 =
				proofs.iter().map(|p| (p.raw_path.len() + p.clean_path.len()) as u32).sum();
			let covered = n.saturating_mul(2 * BENCHMARK_PATH_DEPTH);
			<T as Config>::WeightInfo::attest_chunks(n).saturating_add(
				<T as Config>::WeightInfo::merkle_levels(levels.saturating_sub(covered)),
			)
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers (or replaces) the verifying key of a step circuit.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::register_circuit())]
		pub fn register_circuit(
			origin: OriginFor<T>,
			circuit: CircuitId,
			verifying_key: BoundedVec<u8, ConstU32<MAX_KEY_BYTES>>,
		) -> DispatchResult {
			T::CircuitOrigin::ensure_origin(origin)?;
			let prepared = Self::prepare_key(&verifying_key)?;
			Circuits::<T>::insert(circuit, prepared);
			Self::deposit_event(Event::CircuitRegistered { circuit });
			Ok(())
		}

		/// Begins the attestation of `child` as `step` (SCALE-encoded `loam_data::Step`)
		/// applied to `parent`, proving every chunk or, with `sampled`, a sample the chain
		/// draws `SampleDelay` blocks from now.
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::begin_attestation())]
		pub fn begin_attestation(
			origin: OriginFor<T>,
			child: DatasetId,
			parent: DatasetId,
			step: BoundedVec<u8, T::MaxStepBytes>,
			sampled: bool,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_begin(
				who,
				child,
				parent,
				step,
				if sampled { Mode::Sampled } else { Mode::Full },
			)
		}

		/// Proofs for the next chunks of `child`'s attestation, from position `start`.
		#[pallet::call_index(2)]
		#[pallet::weight(Pallet::<T>::attest_weight(proofs))]
		pub fn attest_chunks(
			origin: OriginFor<T>,
			child: DatasetId,
			start: u32,
			proofs: BoundedVec<ChunkProof, T::MaxProofsPerCall>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_attest(who, child, start, proofs)
		}

		/// Abandons an attestation in progress (not a sampled one whose sample is known).
		#[pallet::call_index(3)]
		#[pallet::weight(<T as Config>::WeightInfo::cancel_attestation())]
		pub fn cancel_attestation(origin: OriginFor<T>, child: DatasetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel(who, child)
		}
	}
}
