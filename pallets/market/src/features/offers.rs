//! Offers: create, update, pause and resume, close.

use crate::{pallet::*, types::*};
use frame_support::{pallet_prelude::*, traits::fungibles::Inspect};
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_datasets::{DatasetOf, Datasets, Status};
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// The version, if `who` owns it.
	pub(crate) fn owned(who: &T::AccountId, version: DatasetId) -> Result<DatasetOf<T>, Error<T>> {
		let d = Datasets::<T>::get(version).ok_or(Error::<T>::UnknownDataset)?;
		ensure!(&d.owner == who, Error::<T>::NotOwner);
		Ok(d)
	}

	/// An open offer; a closed one and one that never was get their own errors.
	pub(crate) fn offer(version: DatasetId, index: OfferIndex) -> Result<OfferOf<T>, Error<T>> {
		Offers::<T>::get(version, index).ok_or_else(|| {
			if index < NextOfferIndex::<T>::get(version) {
				Error::<T>::OfferClosed
			} else {
				Error::<T>::UnknownOffer
			}
		})
	}

	/// The deposit for an offer with an allow-list of `accounts`.
	pub fn offer_deposit(accounts: u32) -> DepositOf<T> {
		T::OfferDepositBase::get()
			.saturating_add(T::OfferDepositPerAccount::get().saturating_mul(accounts.into()))
	}

	fn check_terms(
		allow_list: &Option<AllowListOf<T>>,
		cap: Option<u32>,
		sold: u32,
	) -> Result<u32, Error<T>> {
		if let Some(cap) = cap {
			ensure!(cap >= sold && cap > 0, Error::<T>::CapBelowSold);
		}
		match allow_list {
			Some(l) if l.is_empty() => Err(Error::<T>::EmptyAllowList),
			Some(l) => Ok(l.len() as u32),
			None => Ok(0),
		}
	}

	pub(crate) fn do_create_offer(
		who: T::AccountId,
		version: DatasetId,
		asset: AssetKindOf<T>,
		price: PriceOf<T>,
		access: Access<BlockNumberFor<T>>,
		allow_list: Option<AllowListOf<T>>,
		cap: Option<u32>,
	) -> DispatchResult {
		let d = Self::owned(&who, version)?;
		ensure!(d.status != Status::Retired, Error::<T>::Retired);
		ensure!(T::Fungibles::asset_exists(asset.clone()), Error::<T>::UnknownAsset);
		ensure!(access != Access::Blocks(Zero::zero()), Error::<T>::ZeroDuration);
		let accounts = Self::check_terms(&allow_list, cap, 0)?;
		let count = OfferCount::<T>::get(version);
		ensure!(count < T::MaxOffersPerDataset::get(), Error::<T>::TooManyOffers);
		let index = NextOfferIndex::<T>::get(version);
		let next = index.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let deposit = Self::offer_deposit(accounts);
		Self::hold(HoldReason::OfferDeposit, &who, deposit)
			.map_err(|_| Error::<T>::CannotHoldDeposit)?;
		Offers::<T>::insert(
			version,
			index,
			Offer {
				asset: asset.clone(),
				price,
				access,
				allow_list,
				cap,
				sold: 0,
				paused: false,
				depositor: who,
				deposit,
				created: frame_system::Pallet::<T>::block_number(),
			},
		);
		NextOfferIndex::<T>::insert(version, next);
		OfferCount::<T>::insert(version, count + 1);
		Self::deposit_event(Event::OfferCreated { version, offer: index, asset, price, access });
		Ok(())
	}

	pub(crate) fn do_update_offer(
		who: T::AccountId,
		version: DatasetId,
		index: OfferIndex,
		price: PriceOf<T>,
		allow_list: Option<AllowListOf<T>>,
		cap: Option<u32>,
	) -> DispatchResult {
		let d = Self::owned(&who, version)?;
		ensure!(d.status != Status::Retired, Error::<T>::Retired);
		let mut o = Self::offer(version, index)?;
		let accounts = Self::check_terms(&allow_list, cap, o.sold)?;
		// The deposit moves to whoever owns the version now.
		Self::release(HoldReason::OfferDeposit, &o.depositor, o.deposit)?;
		let deposit = Self::offer_deposit(accounts);
		Self::hold(HoldReason::OfferDeposit, &who, deposit)
			.map_err(|_| Error::<T>::CannotHoldDeposit)?;
		o.price = price;
		o.allow_list = allow_list;
		o.cap = cap;
		o.depositor = who;
		o.deposit = deposit;
		Offers::<T>::insert(version, index, o);
		Self::deposit_event(Event::OfferUpdated { version, offer: index, price });
		Ok(())
	}

	pub(crate) fn do_set_paused(
		who: T::AccountId,
		version: DatasetId,
		index: OfferIndex,
		paused: bool,
	) -> DispatchResult {
		Self::owned(&who, version)?;
		let mut o = Self::offer(version, index)?;
		o.paused = paused;
		Offers::<T>::insert(version, index, o);
		Self::deposit_event(Event::OfferPaused { version, offer: index, paused });
		Ok(())
	}

	pub(crate) fn do_close_offer(
		who: T::AccountId,
		version: DatasetId,
		index: OfferIndex,
	) -> DispatchResult {
		Self::owned(&who, version)?;
		let o = Self::offer(version, index)?;
		Self::release(HoldReason::OfferDeposit, &o.depositor, o.deposit)?;
		Offers::<T>::remove(version, index);
		OfferCount::<T>::mutate(version, |c| *c = c.saturating_sub(1));
		Self::deposit_event(Event::OfferClosed { version, offer: index });
		Ok(())
	}
}
