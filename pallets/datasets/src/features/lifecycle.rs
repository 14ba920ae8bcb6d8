//! Ownership, metadata, endpoint, deprecation and retirement.

use crate::{pallet::*, types::*};
use frame_support::{pallet_prelude::*, BoundedVec};

impl<T: Config> Pallet<T> {
	/// The version, if `who` owns it and it is not retired.
	fn owned(who: &T::AccountId, id: DatasetId) -> Result<DatasetOf<T>, DispatchError> {
		let d = Datasets::<T>::get(id).ok_or(Error::<T>::UnknownDataset)?;
		ensure!(&d.owner == who, Error::<T>::NotOwner);
		ensure!(d.status != Status::Retired, Error::<T>::Retired);
		Ok(d)
	}

	pub(crate) fn do_transfer_ownership(
		who: T::AccountId,
		id: DatasetId,
		to: T::AccountId,
	) -> DispatchResult {
		let mut d = Self::owned(&who, id)?;
		ensure!(to != who, Error::<T>::SameOwner);
		d.owner = to.clone();
		Datasets::<T>::insert(id, d);
		Self::deposit_event(Event::OwnershipTransferred { id, from: who, to });
		Ok(())
	}

	/// Stores new metadata and moves the deposit to the owner at the new amount.
	fn replace_metadata(who: T::AccountId, id: DatasetId, metadata: Metadata<T>) -> DispatchResult {
		let mut d = Self::owned(&who, id)?;
		Self::check_metadata(&metadata)?;
		let schema_len = Schemas::<T>::decode_len(id).unwrap_or(0);
		let deposit = Self::deposit_for(schema_len, &metadata);
		// Hold the new deposit first: if the owner cannot pay, nothing changes.
		if d.depositor == who {
			if deposit > d.deposit {
				Self::hold(&who, deposit - d.deposit)?;
			} else {
				Self::release(&who, d.deposit - deposit)?;
			}
		} else {
			Self::hold(&who, deposit)?;
			Self::release(&d.depositor, d.deposit)?;
		}
		d.depositor = who;
		d.deposit = deposit;
		Datasets::<T>::insert(id, d);
		Metadatas::<T>::insert(id, metadata);
		Self::deposit_event(Event::MetadataUpdated { id, deposit });
		Ok(())
	}

	pub(crate) fn do_update_metadata(
		who: T::AccountId,
		id: DatasetId,
		metadata: Metadata<T>,
	) -> DispatchResult {
		Self::replace_metadata(who, id, metadata)
	}

	pub(crate) fn do_set_endpoint(
		who: T::AccountId,
		id: DatasetId,
		endpoint: BoundedVec<u8, T::MaxEndpointBytes>,
	) -> DispatchResult {
		Self::owned(&who, id)?;
		let mut metadata = Metadatas::<T>::get(id).ok_or(Error::<T>::UnknownDataset)?;
		metadata.endpoint = endpoint.clone();
		Self::replace_metadata(who, id, metadata)?;
		Self::deposit_event(Event::EndpointSet { id, endpoint: endpoint.into_inner() });
		Ok(())
	}

	pub(crate) fn do_deprecate(
		who: T::AccountId,
		id: DatasetId,
		by: Option<DatasetId>,
	) -> DispatchResult {
		let mut d = Self::owned(&who, id)?;
		if let Some(b) = by {
			let replacement = Datasets::<T>::get(b).ok_or(Error::<T>::InvalidReplacement)?;
			ensure!(
				b != id && replacement.status != Status::Retired,
				Error::<T>::InvalidReplacement
			);
		}
		d.status = Status::Deprecated { by };
		Datasets::<T>::insert(id, d);
		Self::deposit_event(Event::Deprecated { id, by });
		Ok(())
	}

	pub(crate) fn do_retire(who: T::AccountId, id: DatasetId) -> DispatchResult {
		let mut d = Self::owned(&who, id)?;
		Self::release(&d.depositor, d.deposit)?;
		let released = d.deposit;
		d.deposit = Default::default();
		d.status = Status::Retired;
		Datasets::<T>::insert(id, d);
		Schemas::<T>::remove(id);
		Metadatas::<T>::remove(id);
		Self::deposit_event(Event::Retired { id, released });
		Ok(())
	}
}
