//! Purchases: the lineage walk, the split, the payouts and the grant.

use crate::{
	pallet::*,
	split::{self, Claim},
	types::*,
	AttestedCleaners,
};
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungibles::{Balanced, Inspect},
		tokens::{DepositConsequence, Fortitude, Precision, Preservation, Provenance},
	},
};
use pallet_datasets::{DatasetOf, Datasets, Status};
use sp_runtime::traits::Zero;

/// A purchase worked out: the shares, the transfers, and the lineage steps walked.
pub(crate) struct Plan<T: Config> {
	pub shares: Vec<Share<T::AccountId, PriceOf<T>>>,
	pub payouts: Vec<(T::AccountId, PriceOf<T>)>,
	pub depth: u32,
}

impl<T: Config> Pallet<T> {
	/// The claims on a sale of `version`, in priority order: the treasury, the scorers,
	/// then along the lineage, nearest first, the cleaner of each attested step and the
	/// owner of the version it started from, for at most `MaxPayoutDepth` steps. Also
	/// returns the number of steps walked.
	pub(crate) fn claims(
		version: DatasetId,
		dataset: &DatasetOf<T>,
	) -> (Vec<Claim<T::AccountId>>, u32) {
		let max = T::MaxPayoutDepth::get();
		let mut claims = Vec::with_capacity(2 + 2 * max as usize);
		claims.push(Claim {
			who: T::TreasuryAccount::get(),
			rate: T::TreasuryFee::get(),
			role: Role::Treasury,
		});
		claims.push(Claim {
			who: Self::scorers_pool(),
			rate: T::ScorersShare::get(),
			role: Role::Scorers,
		});
		let (mut child, mut parent, mut depth) = (version, dataset.parent, 0u32);
		while let Some(p) = parent {
			if depth >= max {
				break;
			}
			if let Some(cleaner) = T::Cleaners::cleaner(child) {
				claims.push(Claim {
					who: cleaner,
					rate: T::CleanerShare::get(),
					role: Role::Cleaner { version: child },
				});
			}
			let Some(up) = Datasets::<T>::get(p) else { break };
			claims.push(Claim {
				who: up.owner,
				rate: up.royalty,
				role: Role::Royalty { version: p },
			});
			depth += 1;
			child = p;
			parent = up.parent;
		}
		(claims, depth)
	}

	/// Works out how `price` in `asset` is paid for `version`. Fails only if the owner
	/// cannot receive their share.
	pub(crate) fn plan(
		version: DatasetId,
		dataset: &DatasetOf<T>,
		asset: &AssetKindOf<T>,
		price: PriceOf<T>,
	) -> Result<Plan<T>, Error<T>> {
		let can_receive = |who: &T::AccountId, amount: PriceOf<T>| {
			T::Fungibles::can_deposit(asset.clone(), who, amount, Provenance::Extant)
				== DepositConsequence::Success
		};
		let (claims, depth) = Self::claims(version, dataset);
		let shares = split::shares(price, &claims, &dataset.owner);
		let payouts = split::payouts(&shares, &dataset.owner, can_receive);
		if let Some((who, amount)) = payouts.last() {
			ensure!(
				who != &dataset.owner || can_receive(who, *amount),
				Error::<T>::PayeeCannotReceive
			);
		}
		Ok(Plan { shares, payouts, depth })
	}

	/// How a purchase through `offer` would be paid now.
	pub fn quote(
		version: DatasetId,
		offer: OfferIndex,
	) -> Option<Quote<T::AccountId, AssetKindOf<T>, PriceOf<T>>> {
		let dataset = Datasets::<T>::get(version)?;
		let o = Offers::<T>::get(version, offer)?;
		let plan = Self::plan(version, &dataset, &o.asset, o.price).ok()?;
		Some(Quote { asset: o.asset, price: o.price, shares: plan.shares, payouts: plan.payouts })
	}

	/// Buys access; returns the lineage steps walked (what the weight is refunded to).
	pub(crate) fn do_purchase(
		buyer: T::AccountId,
		version: DatasetId,
		index: OfferIndex,
		max_price: PriceOf<T>,
	) -> Result<u32, DispatchError> {
		let dataset = Datasets::<T>::get(version).ok_or(Error::<T>::UnknownDataset)?;
		ensure!(dataset.status != Status::Retired, Error::<T>::Retired);
		let mut o = Self::offer(version, index)?;
		ensure!(!o.paused, Error::<T>::OfferPaused);
		ensure!(buyer != dataset.owner, Error::<T>::OwnerHasAccess);
		if let Some(list) = &o.allow_list {
			ensure!(list.contains(&buyer), Error::<T>::NotAllowed);
		}
		ensure!(o.cap.is_none_or(|cap| o.sold < cap), Error::<T>::SoldOut);
		ensure!(o.price <= max_price, Error::<T>::PriceTooHigh);
		let now = frame_system::Pallet::<T>::block_number();
		let current = Grants::<T>::get(&buyer, version);
		let expiry = Self::extended(current.map(|g| g.expiry), o.access, now)?;
		let sold = o.sold.checked_add(1).ok_or(Error::<T>::Overflow)?;
		// A first purchase holds the grant's deposit (before the price is taken, so both
		// must fit in what the buyer can spend).
		let deposit = match current {
			Some(g) => g.deposit,
			None => {
				let d = T::GrantDeposit::get();
				Self::hold(HoldReason::GrantDeposit, &buyer, d)
					.map_err(|_| Error::<T>::InsufficientFunds)?;
				d
			}
		};
		let spendable = T::Fungibles::reducible_balance(
			o.asset.clone(),
			&buyer,
			Preservation::Preserve,
			Fortitude::Polite,
		);
		ensure!(spendable >= o.price, Error::<T>::InsufficientFunds);

		let plan = Self::plan(version, &dataset, &o.asset, o.price)?;
		if !o.price.is_zero() {
			let mut credit = T::Fungibles::withdraw(
				o.asset.clone(),
				&buyer,
				o.price,
				Precision::Exact,
				Preservation::Preserve,
				Fortitude::Polite,
			)
			.map_err(|_| Error::<T>::InsufficientFunds)?;
			for (who, amount) in &plan.payouts {
				let (part, rest) = credit.split(*amount);
				credit = rest;
				T::Fungibles::resolve(who, part).map_err(|_| Error::<T>::PayeeCannotReceive)?;
			}
			// The payouts add up to the price: nothing is left to drop.
			debug_assert!(credit.peek().is_zero());
		}

		o.sold = sold;
		let (asset, price) = (o.asset.clone(), o.price);
		Offers::<T>::insert(version, index, o);
		Grants::<T>::insert(&buyer, version, Grant { expiry, deposit });
		Self::deposit_event(Event::Purchased {
			version,
			offer: index,
			buyer,
			asset,
			price,
			expiry,
			payouts: plan.payouts,
		});
		Ok(plan.depth)
	}
}
