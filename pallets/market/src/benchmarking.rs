//! FRAME benchmarks of every call of the market at its worst case. `purchase(d)` walks a
//! lineage of `d` steps in which every step is attested and every version has its own
//! owner and cleaner, all with a royalty, so every share is its own transfer; the buyer is
//! last on a full allow-list and buys for the first time (a grant deposit is held).

use super::*;
use crate::pallet::Pallet as Market;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungibles::{Inspect, Mutate},
		Get,
	},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::{traits::Zero, Permill};

fn native<T: Config>() -> AssetKindOf<T> {
	T::BenchmarkHelper::native()
}

/// `n` times the native minimum balance.
fn units<T: Config>(n: u32) -> PriceOf<T> {
	T::Fungibles::minimum_balance(native::<T>()) * n.into()
}

fn funded<T: Config>(name: &'static str, i: u32) -> T::AccountId {
	fund::<T>(account(name, i, 0))
}

fn fund<T: Config>(who: T::AccountId) -> T::AccountId {
	T::Fungibles::set_balance(native::<T>(), &who, units::<T>(1_000_000_000));
	who
}

/// The signer: its account is read and written by the transaction fee anyway, so, as in
/// every FRAME benchmark, it is whitelisted.
fn caller<T: Config>() -> T::AccountId {
	fund::<T>(whitelisted_caller())
}

/// A version owned by `owner` with a 1 % royalty, written straight into the registry.
fn version<T: Config>(owner: &T::AccountId, parent: Option<DatasetId>) -> DatasetId {
	pallet_datasets::Pallet::<T>::insert_unchecked(owner.clone(), parent, Permill::from_percent(1))
}

/// An allow-list of `n` accounts, `last` at the end.
fn allow_list<T: Config>(n: u32, last: &T::AccountId) -> Option<AllowListOf<T>> {
	if n == 0 {
		return None;
	}
	let mut l: Vec<T::AccountId> = (1..n).map(|i| account("allowed", i, 0)).collect();
	l.push(last.clone());
	Some(BoundedVec::try_from(l).expect("n <= MaxAllowList"))
}

fn offered<T: Config>(owner: &T::AccountId, v: DatasetId, list: Option<AllowListOf<T>>) {
	Market::<T>::do_create_offer(
		owner.clone(),
		v,
		native::<T>(),
		units::<T>(1_000_000),
		Access::Blocks(1000u32.into()),
		list,
		Some(u32::MAX),
	)
	.expect("benchmark offer");
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_offer(a: Linear<0, { T::MaxAllowList::get() }>) {
		let owner = caller::<T>();
		let v = version::<T>(&owner, None);
		let list = allow_list::<T>(a, &owner);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner),
			v,
			native::<T>(),
			units::<T>(100),
			Access::Blocks(1000u32.into()),
			list,
			Some(10),
		);
		assert!(Offers::<T>::contains_key(v, 0));
	}

	#[benchmark]
	fn update_offer(a: Linear<0, { T::MaxAllowList::get() }>) {
		let owner = caller::<T>();
		let v = version::<T>(&owner, None);
		offered::<T>(&owner, v, allow_list::<T>(T::MaxAllowList::get(), &owner));
		let list = allow_list::<T>(a, &owner);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), v, 0, units::<T>(7), list, Some(100));
		assert_eq!(Offers::<T>::get(v, 0).map(|o| o.price), Some(units::<T>(7)));
	}

	#[benchmark]
	fn set_paused() {
		let owner = caller::<T>();
		let v = version::<T>(&owner, None);
		offered::<T>(&owner, v, None);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), v, 0, true);
		assert_eq!(Offers::<T>::get(v, 0).map(|o| o.paused), Some(true));
	}

	#[benchmark]
	fn close_offer() {
		let owner = caller::<T>();
		let v = version::<T>(&owner, None);
		offered::<T>(&owner, v, allow_list::<T>(T::MaxAllowList::get(), &owner));
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), v, 0);
		assert!(!Offers::<T>::contains_key(v, 0));
	}

	#[benchmark]
	fn purchase(d: Linear<0, { T::MaxPayoutDepth::get() }>) {
		// The pool and the treasury exist, as on a live chain.
		T::Fungibles::set_balance(native::<T>(), &Market::<T>::scorers_pool(), units::<T>(1));
		T::Fungibles::set_balance(native::<T>(), &T::TreasuryAccount::get(), units::<T>(1));
		// `d` upstream versions, each step into them attested, then the version sold.
		let mut parent = None;
		for i in 0..d {
			let v = version::<T>(&funded::<T>("upstream", i), parent);
			if parent.is_some() {
				T::BenchmarkHelper::set_cleaner(v, funded::<T>("cleaner", i));
			}
			parent = Some(v);
		}
		let owner = funded::<T>("owner", 0);
		let sold = version::<T>(&owner, parent);
		if parent.is_some() {
			T::BenchmarkHelper::set_cleaner(sold, funded::<T>("cleaner", d));
		}
		let buyer = caller::<T>();
		offered::<T>(&owner, sold, allow_list::<T>(T::MaxAllowList::get(), &buyer));
		// A first purchase: the grant's deposit is held too.
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer.clone()), sold, 0, units::<T>(1_000_000));
		let now: BlockNumberFor<T> = frame_system::Pallet::<T>::block_number();
		assert_eq!(
			Grants::<T>::get(&buyer, sold).map(|g| g.expiry),
			Some(Expiry::Until(now + 1000u32.into()))
		);
	}

	#[benchmark]
	fn prune_grant() {
		let caller = caller::<T>();
		let buyer = funded::<T>("buyer", 0);
		let v = version::<T>(&caller, None);
		Market::<T>::hold(HoldReason::GrantDeposit, &buyer, T::GrantDeposit::get())
			.expect("funded");
		Grants::<T>::insert(
			&buyer,
			v,
			Grant { expiry: Expiry::Until(Zero::zero()), deposit: T::GrantDeposit::get() },
		);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), buyer.clone(), v);
		assert!(!Grants::<T>::contains_key(&buyer, v));
	}

	impl_benchmark_test_suite!(Market, crate::mock::new_test_ext(), crate::mock::Test);
}
