//! # pallet-scoring: quality scores the validators agree on
//!
//! The **value** stage of the loop. Every registered version (in `pallet-datasets`) gets a
//! quality score computed off chain and agreed on chain:
//!
//! - **Off-chain worker** ([`features::offchain`]): each validator's worker picks versions
//!   it has not reported on, fetches their chunks from the provider's endpoint over the
//!   off-chain HTTP API (requests signed with the validator's key, which the gateway
//!   accepts from current validators), checks every chunk against the registered Merkle
//!   root (commitments computed natively through `loam-host`), profiles them chunk by
//!   chunk with [`loam_data::metrics::Profiler`], and submits a signed [`Report`] carrying
//!   [`loam_data::metrics::SCORING_VERSION`]. A lock in off-chain storage keeps two runs
//!   off the same version; HTTP requests have deadlines; an unreachable endpoint is retried
//!   with backoff and then reported [`Outcome::Unreachable`]; data that does not match the
//!   root is reported [`Outcome::Mismatch`].
//! - **Tally** ([`features::tally`]): reports arrive as unsigned transactions whose
//!   payload is signed by a current validator (Aura key); a non-validator's, a badly
//!   signed, a second report of the same validator on the same version, or one of another
//!   algorithm version are refused in the pool and in the block. When identical reports
//!   (compared by the hash of their outcome) reach two thirds of the current validators,
//!   the score is final ([`Scores`]); reporters that said otherwise, before or after, are
//!   recorded in [`Dissenters`] with an event. The agreeing reporters share
//!   [`Config::Reward`] from the scorers' pool (the market's account, filled by 4 % of
//!   every sale).
//!
//! Layout follows `pallet-nfts`: this file declares config, storage, events, errors and
//! calls; the logic is in `features/`.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod features;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod offchain_tests;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// Off-chain storage key of the test-only switch that makes a validator's worker lie
/// (`loam-node --unsafe-lie-about-scores`): its reports then disagree with everyone's.
pub const LIE_KEY: &[u8] = b"loam/scoring/lie";

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AuthorityId> {
	/// Makes `validators` the current validators.
	fn set_validators(validators: alloc::vec::Vec<AuthorityId>);
}

// `ValidateUnsigned` is deprecated in favour of `#[pallet::authorize]`, which needs
// `frame_system::AuthorizeCall` in the transaction extensions that wallets and subxt sign;
// see the README.
#[allow(deprecated)]
// frame's `validate_unsigned` expansion binds a unit value (clippy 1.95's let_unit_value).
#[allow(clippy::let_unit_value)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::pallet_prelude::*;
	use frame_system::{offchain::CreateBare, pallet_prelude::*};
	use pallet_datasets::DatasetId;
	use sp_runtime::{traits::Convert, RuntimeAppPublic};

	/// A validator's signature.
	pub type SignatureOf<T> = <<T as Config>::AuthorityId as RuntimeAppPublic>::Signature;
	/// A report as submitted.
	pub type ReportOf<T> = Report<<T as Config>::AuthorityId>;
	/// Native balance (the currency of `pallet-datasets`).
	pub type BalanceOf<T> = pallet_datasets::BalanceOf<T>;
	/// Who reported what on a version.
	pub type ReportsOf<T> =
		BoundedVec<(<T as Config>::AuthorityId, OutcomeHash), <T as Config>::MaxValidators>;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config:
		frame_system::Config + pallet_datasets::Config + CreateBare<Call<Self>>
	{
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;
		/// A validator's key: it signs gateway requests and reports.
		type AuthorityId: Member + Parameter + RuntimeAppPublic + Ord + MaxEncodedLen;
		/// The current validators.
		type Validators: Get<Vec<Self::AuthorityId>>;
		/// Most validators (bounds the reports stored per version).
		#[pallet::constant]
		type MaxValidators: Get<u32>;
		/// The account a validator is paid to.
		type ScorerAccount: Convert<Self::AuthorityId, Self::AccountId>;
		/// The scorers' pool rewards are paid from.
		type RewardPool: Get<Self::AccountId>;
		/// Paid for each final score, shared equally by the agreeing reporters (less when
		/// the pool holds less).
		#[pallet::constant]
		type Reward: Get<BalanceOf<Self>>;
		/// The priority of report transactions.
		#[pallet::constant]
		type UnsignedPriority: Get<TransactionPriority>;
		/// Weights of the calls.
		type WeightInfo: WeightInfo;
		/// Sets up what the benchmarks need.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AuthorityId>;
	}

	/// Reports on versions not yet final, and on final ones after: who said what.
	#[pallet::storage]
	pub type Reports<T: Config> = StorageMap<_, Twox64Concat, DatasetId, ReportsOf<T>, ValueQuery>;

	/// The outcomes reported on versions not yet final, by hash.
	#[pallet::storage]
	pub type Outcomes<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DatasetId, Identity, OutcomeHash, Outcome>;

	/// Final scores.
	#[pallet::storage]
	pub type Scores<T: Config> =
		StorageMap<_, Twox64Concat, DatasetId, FinalScore<BlockNumberFor<T>>>;

	/// Validators whose report on a version disagreed with its final score.
	#[pallet::storage]
	pub type Dissenters<T: Config> = StorageMap<
		_,
		Twox64Concat,
		DatasetId,
		BoundedVec<T::AuthorityId, T::MaxValidators>,
		ValueQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A validator reported on a version.
		Reported {
			/// The version.
			version: DatasetId,
			/// The validator.
			reporter: T::AuthorityId,
			/// The hash of what it reported.
			outcome: OutcomeHash,
		},
		/// Two thirds of the validators agreed: the score is final.
		ScoreFinal {
			/// The version.
			version: DatasetId,
			/// The hash of the agreed outcome.
			outcome: OutcomeHash,
			/// The overall score in basis points, when the data was scored.
			overall_bp: Option<u16>,
			/// Identical reports.
			agreeing: u32,
		},
		/// A validator's report disagrees with the final score.
		Dissented {
			/// The version.
			version: DatasetId,
			/// The validator.
			reporter: T::AuthorityId,
			/// The hash of what it reported.
			outcome: OutcomeHash,
		},
		/// A scorer was paid from the pool.
		ScorerPaid {
			/// The version.
			version: DatasetId,
			/// The account paid.
			scorer: T::AccountId,
			/// The amount.
			amount: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No such version.
		UnknownVersion,
		/// The reporter is not a current validator.
		NotValidator,
		/// The signature does not match the report.
		BadSignature,
		/// The validator already reported on this version.
		DuplicateReport,
		/// The report is of another scoring algorithm version.
		WrongAlgorithm,
		/// More reports than validators can be stored.
		TooManyReports,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn offchain_worker(now: BlockNumberFor<T>) {
			features::offchain::run::<T>(now);
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Submits a validator's report on a version (an unsigned transaction carrying the
		/// validator's signature over the report). Makes the score final when two thirds
		/// of the validators agree, and records dissent.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::submit_report(T::MaxValidators::get()))]
		pub fn submit_report(
			origin: OriginFor<T>,
			report: ReportOf<T>,
			signature: SignatureOf<T>,
		) -> DispatchResultWithPostInfo {
			ensure_none(origin)?;
			Self::check_report(&report, &signature)?;
			let reports = Self::do_report(report)?;
			Ok(Some(<T as Config>::WeightInfo::submit_report(reports)).into())
		}
	}

	#[pallet::validate_unsigned]
	impl<T: Config> ValidateUnsigned for Pallet<T> {
		type Call = Call<T>;

		fn validate_unsigned(_source: TransactionSource, call: &Self::Call) -> TransactionValidity {
			let Call::submit_report { report, signature } = call else {
				return InvalidTransaction::Call.into();
			};
			Self::check_report(report, signature).map_err(|e| {
				let code = match e {
					Error::<T>::UnknownVersion => 1,
					Error::<T>::NotValidator => 2,
					Error::<T>::BadSignature => 3,
					Error::<T>::DuplicateReport => 4,
					Error::<T>::WrongAlgorithm => 5,
					_ => 0,
				};
				InvalidTransaction::Custom(code)
			})?;
			ValidTransaction::with_tag_prefix("LoamScoring")
				.priority(T::UnsignedPriority::get())
				.and_provides((report.version, report.reporter.clone()))
				.longevity(64)
				.propagate(true)
				.build()
		}
	}
}
