//! Registering first versions and child versions.

use super::validate::{self, CommitmentError};
use crate::{pallet::*, types::*};
use codec::Encode;
use frame_support::{pallet_prelude::*, traits::fungible::MutateHold};
use sp_runtime::{
	traits::{Saturating, Zero},
	Permill,
};

impl<T: Config> From<CommitmentError> for Error<T> {
	fn from(e: CommitmentError) -> Self {
		match e {
			CommitmentError::InvalidSchema => Error::InvalidSchema,
			CommitmentError::SchemaHashMismatch => Error::SchemaHashMismatch,
			CommitmentError::NonCanonicalRoot => Error::NonCanonicalRoot,
			CommitmentError::RootMismatch => Error::RootMismatch,
			CommitmentError::InvalidCounts => Error::InvalidCounts,
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Checks metadata: UTF-8 text, a non-empty name, a license, an endpoint.
	pub(crate) fn check_metadata(m: &Metadata<T>) -> DispatchResult {
		let texts_ok = validate::text(&m.name, true)
			&& validate::text(&m.description, false)
			&& m.tags.iter().all(|t| validate::text(t, true));
		ensure!(texts_ok, Error::<T>::InvalidText);
		ensure!(validate::license(&m.license), Error::<T>::InvalidLicense);
		ensure!(validate::endpoint(&m.endpoint), Error::<T>::InvalidEndpoint);
		Ok(())
	}

	/// The deposit for a version that stores `schema_bytes` of schema and this metadata.
	pub fn deposit_for(schema_bytes: usize, metadata: &Metadata<T>) -> BalanceOf<T> {
		let bytes = schema_bytes.saturating_add(metadata.encoded_size()) as u32;
		T::DepositBase::get().saturating_add(T::DepositPerByte::get().saturating_mul(bytes.into()))
	}

	/// Holds `amount` from `who` for a dataset.
	pub(crate) fn hold(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Currency::hold(&HoldReason::DatasetDeposit.into(), who, amount)
			.map_err(|_| Error::<T>::CannotHoldDeposit.into())
	}

	/// Releases `amount` held from `who` for a dataset.
	pub(crate) fn release(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Currency::release(
			&HoldReason::DatasetDeposit.into(),
			who,
			amount,
			frame_support::traits::tokens::Precision::BestEffort,
		)
		.map(|_| ())
	}

	/// Registers a version; the parent, if any, must exist, not be retired, and leave room
	/// in the lineage.
	pub fn do_register(
		who: T::AccountId,
		parent: Option<DatasetId>,
		commitment: Commitment,
		schema: SchemaBytes<T>,
		metadata: Metadata<T>,
		royalty: Permill,
	) -> Result<DatasetId, DispatchError> {
		ensure!(royalty <= T::MaxRoyalty::get(), Error::<T>::RoyaltyTooHigh);
		Self::check_metadata(&metadata)?;
		validate::commitment(&commitment, &schema, T::MaxChunks::get())
			.map_err(Error::<T>::from)?;
		let depth = match parent {
			None => 0,
			Some(p) => {
				let parent = Datasets::<T>::get(p).ok_or(Error::<T>::UnknownDataset)?;
				ensure!(parent.status != Status::Retired, Error::<T>::Retired);
				ensure!(parent.depth < T::MaxLineageDepth::get(), Error::<T>::LineageTooDeep);
				parent.depth + 1
			}
		};
		let id = NextDatasetId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let deposit = Self::deposit_for(schema.len(), &metadata);
		Self::hold(&who, deposit)?;

		NextDatasetId::<T>::put(next);
		Datasets::<T>::insert(
			id,
			Dataset {
				owner: who.clone(),
				commitment,
				parent,
				depth,
				royalty,
				depositor: who.clone(),
				deposit,
				status: Status::Active,
				registered: frame_system::Pallet::<T>::block_number(),
			},
		);
		Schemas::<T>::insert(id, schema);
		Metadatas::<T>::insert(id, metadata);
		if let Some(p) = parent {
			Children::<T>::insert(p, id, ());
		}
		Self::deposit_event(Event::Registered {
			id,
			owner: who,
			root: commitment.root,
			parent,
			deposit,
		});
		Ok(id)
	}
}
