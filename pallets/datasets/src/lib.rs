//! # pallet-datasets: the registry of Loam's datasets
//!
//! The **register** stage of the loop. A dataset version is registered by its commitment
//! (`loam-data`'s dataset root, the Merkle root over its chunk commitments, the schema and
//! its hash, row and chunk counts), with metadata, a license, the provider's endpoint and
//! a royalty. The chain recomputes the schema hash and the root from what it is given, so
//! a registered root always is the root of *some* table with that schema and those
//! counts; the data itself stays off chain, and everyone who fetches it checks it against
//! the root.
//!
//! A version registered with a parent is a child in the lineage: cleaning (proved by
//! `pallet-attestations`) and sales (split along the lineage by the market) walk it.
//! Lineage is a forest by construction: a child is always new, its parent always exists,
//! so cycles cannot be formed; its depth is bounded by [`Config::MaxLineageDepth`].
//!
//! What a registration stores is paid for by a deposit held from the registering account
//! (fungible holds), released when the version is retired.
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

pub use features::validate;
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Inspect, Mutate, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::Permill;

	/// Balance of the deposit currency.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	/// A stored version.
	pub type DatasetOf<T> =
		Dataset<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Why funds are held.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for a registered version's storage.
		DatasetDeposit,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;
		/// The currency deposits are held in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;
		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;
		/// Deposit for a version's record.
		#[pallet::constant]
		type DepositBase: Get<BalanceOf<Self>>;
		/// Deposit for each byte of schema and metadata.
		#[pallet::constant]
		type DepositPerByte: Get<BalanceOf<Self>>;
		/// Highest royalty an owner may ask of downstream sales.
		#[pallet::constant]
		type MaxRoyalty: Get<Permill>;
		/// Longest lineage: a version at this depth cannot have children.
		#[pallet::constant]
		type MaxLineageDepth: Get<u32>;
		/// Most chunks a dataset may have.
		#[pallet::constant]
		type MaxChunks: Get<u32>;
		/// Bytes of a SCALE-encoded schema.
		#[pallet::constant]
		type MaxSchemaBytes: Get<u32>;
		/// Bytes of a name.
		#[pallet::constant]
		type MaxNameBytes: Get<u32>;
		/// Bytes of a description.
		#[pallet::constant]
		type MaxDescriptionBytes: Get<u32>;
		/// Number of tags.
		#[pallet::constant]
		type MaxTags: Get<u32>;
		/// Bytes of a tag.
		#[pallet::constant]
		type MaxTagBytes: Get<u32>;
		/// Bytes of a license.
		#[pallet::constant]
		type MaxLicenseBytes: Get<u32>;
		/// Bytes of an endpoint URL.
		#[pallet::constant]
		type MaxEndpointBytes: Get<u32>;
		/// Weights of the calls.
		type WeightInfo: WeightInfo;
	}

	/// The identifier the next registration gets.
	#[pallet::storage]
	pub type NextDatasetId<T> = StorageValue<_, DatasetId, ValueQuery>;

	/// Every registered version.
	#[pallet::storage]
	pub type Datasets<T: Config> = StorageMap<_, Twox64Concat, DatasetId, DatasetOf<T>>;

	/// The schema of each version (removed on retirement).
	#[pallet::storage]
	pub type Schemas<T: Config> = StorageMap<_, Twox64Concat, DatasetId, SchemaBytes<T>>;

	/// The metadata of each version (removed on retirement).
	#[pallet::storage]
	pub type Metadatas<T: Config> = StorageMap<_, Twox64Concat, DatasetId, Metadata<T>>;

	/// Lineage downward: `(parent, child)` for each child.
	#[pallet::storage]
	pub type Children<T> =
		StorageDoubleMap<_, Twox64Concat, DatasetId, Twox64Concat, DatasetId, (), OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A version was registered.
		Registered {
			/// Its identifier.
			id: DatasetId,
			/// Its owner.
			owner: T::AccountId,
			/// Its dataset root.
			root: [u8; 32],
			/// Its parent, for a child version.
			parent: Option<DatasetId>,
			/// The deposit held.
			deposit: BalanceOf<T>,
		},
		/// A version changed owner.
		OwnershipTransferred {
			/// The version.
			id: DatasetId,
			/// The former owner.
			from: T::AccountId,
			/// The new owner.
			to: T::AccountId,
		},
		/// A version's metadata changed.
		MetadataUpdated {
			/// The version.
			id: DatasetId,
			/// The deposit now held for it.
			deposit: BalanceOf<T>,
		},
		/// A version's provider endpoint changed.
		EndpointSet {
			/// The version.
			id: DatasetId,
			/// The new endpoint.
			endpoint: alloc::vec::Vec<u8>,
		},
		/// A version was deprecated.
		Deprecated {
			/// The version.
			id: DatasetId,
			/// The version to use instead.
			by: Option<DatasetId>,
		},
		/// A version was retired and its deposit released.
		Retired {
			/// The version.
			id: DatasetId,
			/// The deposit released.
			released: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No version has this identifier.
		UnknownDataset,
		/// Only the version's owner may do this.
		NotOwner,
		/// The schema bytes do not decode to a valid schema.
		InvalidSchema,
		/// The schema hash is not the hash of the schema.
		SchemaHashMismatch,
		/// A root is not a canonical field element.
		NonCanonicalRoot,
		/// The root is not `Poseidon(merkle_root, chunks, rows, schema_hash)`.
		RootMismatch,
		/// No chunks, more than `MaxChunks`, or more rows than the chunks can hold.
		InvalidCounts,
		/// The name is empty or not UTF-8, or text is not UTF-8.
		InvalidText,
		/// The license is neither an SPDX expression nor a URI.
		InvalidLicense,
		/// The endpoint is not an `http://` or `https://` URL.
		InvalidEndpoint,
		/// The royalty is above `MaxRoyalty`.
		RoyaltyTooHigh,
		/// The parent's lineage is already `MaxLineageDepth` deep.
		LineageTooDeep,
		/// The version is retired.
		Retired,
		/// A version cannot be deprecated in favour of itself or of an unknown version.
		InvalidReplacement,
		/// The new owner is the current owner.
		SameOwner,
		/// The deposit cannot be held: not enough free balance.
		CannotHoldDeposit,
		/// Identifiers are exhausted.
		Overflow,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a first version: its commitment, schema (SCALE-encoded
		/// `loam_data::Schema`), metadata and royalty. Holds the deposit.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register(schema.len() as u32))]
		pub fn register(
			origin: OriginFor<T>,
			commitment: Commitment,
			schema: SchemaBytes<T>,
			metadata: Metadata<T>,
			royalty: Permill,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register(who, None, commitment, schema, metadata, royalty).map(|_| ())
		}

		/// Registers a child version of `parent` (a cleaned or otherwise derived table).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::register_version(schema.len() as u32))]
		pub fn register_version(
			origin: OriginFor<T>,
			parent: DatasetId,
			commitment: Commitment,
			schema: SchemaBytes<T>,
			metadata: Metadata<T>,
			royalty: Permill,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register(who, Some(parent), commitment, schema, metadata, royalty).map(|_| ())
		}

		/// Gives a version to another account. The deposit stays held from whoever paid it
		/// until the new owner changes the metadata or retires the version.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::transfer_ownership())]
		pub fn transfer_ownership(
			origin: OriginFor<T>,
			id: DatasetId,
			new_owner: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_transfer_ownership(who, id, new_owner)
		}

		/// Replaces a version's metadata; the deposit is recomputed and held from the owner.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::update_metadata())]
		pub fn update_metadata(
			origin: OriginFor<T>,
			id: DatasetId,
			metadata: Metadata<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update_metadata(who, id, metadata)
		}

		/// Points a version at another provider endpoint.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_endpoint())]
		pub fn set_endpoint(
			origin: OriginFor<T>,
			id: DatasetId,
			endpoint: BoundedVec<u8, T::MaxEndpointBytes>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_endpoint(who, id, endpoint)
		}

		/// Marks a version deprecated, optionally naming the version to use instead.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::deprecate())]
		pub fn deprecate(
			origin: OriginFor<T>,
			id: DatasetId,
			by: Option<DatasetId>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deprecate(who, id, by)
		}

		/// Retires a version: removes its schema and metadata and releases the deposit.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::retire())]
		pub fn retire(origin: OriginFor<T>, id: DatasetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_retire(who, id)
		}
	}
}
