//! # pallet-market: buying access to datasets
//!
//! The **transfer** stage of the loop. The owner of a registered version (in
//! `pallet-datasets`) puts up offers; a buyer pays from their wallet and is granted
//! access, which the data gateway checks through [`runtime_api::MarketApi`] before it
//! serves a chunk.
//!
//! - **Offers** ([`Pallet::create_offer`]): a price in native LOAM or in an asset (the
//!   runtime's [`Config::Fungibles`] joins `pallet-balances` and `pallet-assets`), access
//!   for a number of blocks or for good, an optional allow-list, an optional cap on sales.
//!   The owner can update the price, allow-list and cap, pause and resume, and close the
//!   offer. The asset and the access sold are fixed at creation, so the `max_price` a
//!   buyer signs covers everything that can change under them. An offer's storage is paid
//!   for by a deposit held from its creator.
//! - **Purchases** ([`Pallet::purchase`]): the price is taken from the buyer once (never
//!   below the existential deposit: a buyer is never reaped) and split in the same
//!   extrinsic ([`split`]): the treasury fee, the scorers' pool (this pallet's account,
//!   paid out by the scoring pallet), the cleaners of the attested steps that produced the
//!   version, each upstream owner's royalty — walking the lineage nearest first, at most
//!   [`Config::MaxPayoutDepth`] steps — and the remainder, rounding included, to the owner.
//!   Shares are floors of per-million rates of the price; when they exceed it, the nearer
//!   contributor is paid first. Shares to one account are paid as one transfer; a share
//!   that cannot be deposited (below the existential deposit of an empty account) goes to
//!   the owner. The payouts add up to the price exactly.
//! - **Grants**: `(buyer, version) → expiry`; buying again extends it. A version's owner
//!   always has access.
//!
//! Layout follows `pallet-nfts`: this file declares config, storage, events, errors and
//! calls; the logic is in `features/`.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use features::split;
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// Who cleaned what: the cleaner of the attested step that produced a version from its
/// parent. The runtime answers from `pallet-attestations`.
pub trait AttestedCleaners<AccountId> {
	/// The cleaner whose attested step produced `version`, if its attestation is complete.
	fn cleaner(version: DatasetId) -> Option<AccountId>;
}

impl<AccountId> AttestedCleaners<AccountId> for () {
	fn cleaner(_: DatasetId) -> Option<AccountId> {
		None
	}
}

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, AssetKind> {
	/// The native currency as an asset kind.
	fn native() -> AssetKind;
	/// Records `cleaner` as the attested cleaner of `version`.
	fn set_cleaner(version: DatasetId, cleaner: AccountId);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::MutateHold,
			fungibles::{self, Inspect},
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::Permill;

	/// What prices are paid in.
	pub type AssetKindOf<T> = <T as Config>::AssetKind;
	/// Balance of prices.
	pub type PriceOf<T> =
		<<T as Config>::Fungibles as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
	/// Balance of offer deposits (the native currency of `pallet-datasets`).
	pub type DepositOf<T> = pallet_datasets::BalanceOf<T>;
	/// An offer as stored.
	pub type OfferOf<T> = Offer<
		<T as frame_system::Config>::AccountId,
		AssetKindOf<T>,
		PriceOf<T>,
		DepositOf<T>,
		BlockNumberFor<T>,
		<T as Config>::MaxAllowList,
	>;
	/// An allow-list.
	pub type AllowListOf<T> =
		BoundedVec<<T as frame_system::Config>::AccountId, <T as Config>::MaxAllowList>;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Why funds are held.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for an offer's storage.
		OfferDeposit,
		/// The deposit for a grant's storage, held from the buyer until the grant expires
		/// and is pruned.
		GrantDeposit,
	}

	#[pallet::config]
	pub trait Config:
		frame_system::Config + pallet_datasets::Config<RuntimeHoldReason: From<HoldReason>>
	{
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;
		/// What prices are paid in: the native currency or an asset.
		type AssetKind: Parameter + MaxEncodedLen;
		/// Balances of every asset kind, native included.
		type Fungibles: fungibles::Inspect<Self::AccountId, AssetId = Self::AssetKind>
			+ fungibles::Balanced<Self::AccountId>
			+ fungibles::Mutate<Self::AccountId>;
		/// Who cleaned what (`pallet-attestations`).
		type Cleaners: AttestedCleaners<Self::AccountId>;
		/// The pallet's identifier: its account is the scorers' pool.
		#[pallet::constant]
		type PalletId: Get<PalletId>;
		/// Where the treasury fee goes.
		type TreasuryAccount: Get<Self::AccountId>;
		/// The treasury's share of every sale.
		#[pallet::constant]
		type TreasuryFee: Get<Permill>;
		/// The scorers' share of every sale.
		#[pallet::constant]
		type ScorersShare: Get<Permill>;
		/// Each attested step's cleaner's share of a sale of a version it produced or that
		/// descends from one.
		#[pallet::constant]
		type CleanerShare: Get<Permill>;
		/// Most lineage steps a sale pays along: the cleaners of the last this many steps
		/// and the owners of the versions they start from.
		#[pallet::constant]
		type MaxPayoutDepth: Get<u32>;
		/// Most offers a version may have open.
		#[pallet::constant]
		type MaxOffersPerDataset: Get<u32>;
		/// Most accounts in an allow-list.
		#[pallet::constant]
		type MaxAllowList: Get<u32>;
		/// Deposit for an offer.
		#[pallet::constant]
		type OfferDepositBase: Get<DepositOf<Self>>;
		/// Deposit for each account of an allow-list.
		#[pallet::constant]
		type OfferDepositPerAccount: Get<DepositOf<Self>>;
		/// Deposit for a grant, held from the buyer on their first purchase of a version and
		/// released when the expired grant is pruned.
		#[pallet::constant]
		type GrantDeposit: Get<DepositOf<Self>>;
		/// Weights of the calls.
		type WeightInfo: WeightInfo;
		/// Sets up what the benchmarks need.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, Self::AssetKind>;
	}

	/// The offers of each version.
	#[pallet::storage]
	pub type Offers<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DatasetId, Twox64Concat, OfferIndex, OfferOf<T>>;

	/// The number the next offer on a version gets.
	#[pallet::storage]
	pub type NextOfferIndex<T> = StorageMap<_, Twox64Concat, DatasetId, OfferIndex, ValueQuery>;

	/// Open offers of each version (bounded by `MaxOffersPerDataset`).
	#[pallet::storage]
	pub type OfferCount<T> = StorageMap<_, Twox64Concat, DatasetId, u32, ValueQuery>;

	/// Access bought: `(buyer, version) → expiry` and the deposit held for the record.
	#[pallet::storage]
	pub type Grants<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		DatasetId,
		Grant<BlockNumberFor<T>, DepositOf<T>>,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An offer was put up.
		OfferCreated {
			/// The version.
			version: DatasetId,
			/// The offer.
			offer: OfferIndex,
			/// What it is paid in.
			asset: AssetKindOf<T>,
			/// Its price.
			price: PriceOf<T>,
			/// What it sells.
			access: Access<BlockNumberFor<T>>,
		},
		/// An offer's price, allow-list or cap changed.
		OfferUpdated {
			/// The version.
			version: DatasetId,
			/// The offer.
			offer: OfferIndex,
			/// Its price now.
			price: PriceOf<T>,
		},
		/// An offer was paused or resumed.
		OfferPaused {
			/// The version.
			version: DatasetId,
			/// The offer.
			offer: OfferIndex,
			/// Whether it is paused now.
			paused: bool,
		},
		/// An offer was closed and its deposit released.
		OfferClosed {
			/// The version.
			version: DatasetId,
			/// The offer.
			offer: OfferIndex,
		},
		/// Access was bought and the price paid out.
		Purchased {
			/// The version.
			version: DatasetId,
			/// The offer.
			offer: OfferIndex,
			/// The buyer.
			buyer: T::AccountId,
			/// What was paid in.
			asset: AssetKindOf<T>,
			/// The price paid.
			price: PriceOf<T>,
			/// The buyer's access now.
			expiry: Expiry<BlockNumberFor<T>>,
			/// The transfers made, one per account; they add up to the price.
			payouts: alloc::vec::Vec<(T::AccountId, PriceOf<T>)>,
		},
		/// An expired grant was removed and its deposit released.
		GrantPruned {
			/// The former buyer.
			who: T::AccountId,
			/// The version.
			version: DatasetId,
			/// The deposit released to the former buyer.
			released: DepositOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No version has this identifier.
		UnknownDataset,
		/// Only the version's owner may do this.
		NotOwner,
		/// The version is retired: it cannot be offered or bought.
		Retired,
		/// The version has no offer with this number.
		UnknownOffer,
		/// The offer was closed.
		OfferClosed,
		/// The offer is paused.
		OfferPaused,
		/// The version already has `MaxOffersPerDataset` open offers.
		TooManyOffers,
		/// No asset of this kind exists.
		UnknownAsset,
		/// Access for zero blocks sells nothing.
		ZeroDuration,
		/// An allow-list must name at least one account (leave it out to allow anyone).
		EmptyAllowList,
		/// A cap must be positive and at least the number already sold.
		CapBelowSold,
		/// The price is above the buyer's `max_price`.
		PriceTooHigh,
		/// The buyer cannot pay the price (and, on a first purchase, the grant deposit) and
		/// keep their account alive.
		InsufficientFunds,
		/// The buyer is not on the offer's allow-list.
		NotAllowed,
		/// The offer's cap is reached.
		SoldOut,
		/// The owner of a version always has access to it.
		OwnerHasAccess,
		/// The buyer's access never expires: there is nothing to buy.
		AccessIsPermanent,
		/// The owner's share cannot be deposited to the owner's account.
		PayeeCannotReceive,
		/// The offer's deposit cannot be held: not enough free balance.
		CannotHoldDeposit,
		/// The account has no grant for this version.
		NoGrant,
		/// The grant has not expired.
		GrantActive,
		/// A counter or an expiry would overflow.
		Overflow,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Puts up an offer on `version`, which the caller owns: `price` in `asset`, buying
		/// `access`, for the accounts of `allow_list` (anyone if `None`), at most `cap`
		/// times (no limit if `None`). Holds the offer's deposit.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::create_offer(
			allow_list.as_ref().map_or(0, |l| l.len() as u32)
		))]
		pub fn create_offer(
			origin: OriginFor<T>,
			version: DatasetId,
			asset: AssetKindOf<T>,
			price: PriceOf<T>,
			access: Access<BlockNumberFor<T>>,
			allow_list: Option<AllowListOf<T>>,
			cap: Option<u32>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_create_offer(who, version, asset, price, access, allow_list, cap)
		}

		/// Changes an offer's price, allow-list and cap. The deposit follows the
		/// allow-list's length.
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::update_offer(
			allow_list.as_ref().map_or(0, |l| l.len() as u32)
		))]
		pub fn update_offer(
			origin: OriginFor<T>,
			version: DatasetId,
			offer: OfferIndex,
			price: PriceOf<T>,
			allow_list: Option<AllowListOf<T>>,
			cap: Option<u32>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update_offer(who, version, offer, price, allow_list, cap)
		}

		/// Pauses (`paused = true`) or resumes an offer.
		#[pallet::call_index(2)]
		#[pallet::weight(<T as Config>::WeightInfo::set_paused())]
		pub fn set_paused(
			origin: OriginFor<T>,
			version: DatasetId,
			offer: OfferIndex,
			paused: bool,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_paused(who, version, offer, paused)
		}

		/// Closes an offer and releases its deposit. Grants it sold stay.
		#[pallet::call_index(3)]
		#[pallet::weight(<T as Config>::WeightInfo::close_offer())]
		pub fn close_offer(
			origin: OriginFor<T>,
			version: DatasetId,
			offer: OfferIndex,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_close_offer(who, version, offer)
		}

		/// Buys access to `version` through `offer`, paying at most `max_price`; the price
		/// is split along the lineage in this call.
		#[pallet::call_index(4)]
		#[pallet::weight(<T as Config>::WeightInfo::purchase(T::MaxPayoutDepth::get()))]
		pub fn purchase(
			origin: OriginFor<T>,
			version: DatasetId,
			offer: OfferIndex,
			max_price: PriceOf<T>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let depth = Self::do_purchase(who, version, offer, max_price)?;
			Ok(Some(<T as Config>::WeightInfo::purchase(depth)).into())
		}

		/// Removes an expired grant; anyone may call it.
		#[pallet::call_index(5)]
		#[pallet::weight(<T as Config>::WeightInfo::prune_grant())]
		pub fn prune_grant(
			origin: OriginFor<T>,
			who: T::AccountId,
			version: DatasetId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_prune_grant(who, version)
		}
	}

	impl<T: Config> Pallet<T> {
		/// The scorers' pool: this pallet's account.
		pub fn scorers_pool() -> T::AccountId {
			use sp_runtime::traits::AccountIdConversion;
			T::PalletId::get().into_account_truncating()
		}

		/// Holds a deposit.
		pub(crate) fn hold(
			reason: HoldReason,
			who: &T::AccountId,
			amount: DepositOf<T>,
		) -> Result<(), DispatchError> {
			if amount.is_zero() {
				return Ok(());
			}
			<T as pallet_datasets::Config>::Currency::hold(&reason.into(), who, amount)
		}

		/// Releases a deposit.
		pub(crate) fn release(
			reason: HoldReason,
			who: &T::AccountId,
			amount: DepositOf<T>,
		) -> DispatchResult {
			if amount.is_zero() {
				return Ok(());
			}
			<T as pallet_datasets::Config>::Currency::release(
				&reason.into(),
				who,
				amount,
				frame_support::traits::tokens::Precision::BestEffort,
			)
			.map(|_| ())
		}
	}
}
