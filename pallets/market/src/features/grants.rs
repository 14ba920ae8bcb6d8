//! Access grants: what a purchase records and the gateway checks.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_datasets::Datasets;
use sp_runtime::traits::CheckedAdd;

impl<T: Config> Pallet<T> {
	/// Whether `who` may fetch `version`'s data now: its owner, or a buyer whose grant has
	/// not expired.
	pub fn has_access(who: &T::AccountId, version: DatasetId) -> bool {
		if Datasets::<T>::get(version).is_some_and(|d| &d.owner == who) {
			return true;
		}
		let now = frame_system::Pallet::<T>::block_number();
		Grants::<T>::get(who, version).is_some_and(|g| g.expiry.active_at(&now))
	}

	/// `who`'s grants, expired ones included, in storage order, at most `max`.
	pub fn grants_of(who: &T::AccountId, max: u32) -> Vec<(DatasetId, Expiry<BlockNumberFor<T>>)> {
		Grants::<T>::iter_prefix(who).take(max as usize).map(|(v, g)| (v, g.expiry)).collect()
	}

	/// The access a purchase of `access` gives a buyer who has `current`: from the end of
	/// an active grant, or from `now`.
	pub(crate) fn extended(
		current: Option<Expiry<BlockNumberFor<T>>>,
		access: Access<BlockNumberFor<T>>,
		now: BlockNumberFor<T>,
	) -> Result<Expiry<BlockNumberFor<T>>, Error<T>> {
		let base = match current {
			Some(Expiry::Forever) => return Err(Error::<T>::AccessIsPermanent),
			Some(Expiry::Until(b)) if b > now => b,
			_ => now,
		};
		match access {
			Access::Forever => Ok(Expiry::Forever),
			Access::Blocks(n) => {
				base.checked_add(&n).map(Expiry::Until).ok_or(Error::<T>::Overflow)
			}
		}
	}

	pub(crate) fn do_prune_grant(who: T::AccountId, version: DatasetId) -> DispatchResult {
		let g = Grants::<T>::get(&who, version).ok_or(Error::<T>::NoGrant)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(!g.expiry.active_at(&now), Error::<T>::GrantActive);
		Self::release(HoldReason::GrantDeposit, &who, g.deposit)?;
		Grants::<T>::remove(&who, version);
		Self::deposit_event(Event::GrantPruned { who, version, released: g.deposit });
		Ok(())
	}
}
