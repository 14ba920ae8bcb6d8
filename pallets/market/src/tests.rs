//! Unit tests of every call and error, and property tests over random lineages, offers and
//! purchases.

use crate::{mock::*, pallet::*, types::*, Error};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::InspectHold,
		fungibles::Inspect,
		tokens::{Fortitude, Preservation},
	},
	BoundedVec,
};
use pallet_datasets::{Datasets as Records, Status};
use sp_runtime::Permill;

type Fungibles = <Test as Config>::Fungibles;
type MarketError = Error<Test>;

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn bal(asset: AssetKindOf<Test>, who: AccountId) -> Balance {
	<Fungibles as Inspect<AccountId>>::balance(asset, &who)
}

fn allow(list: &[AccountId]) -> Option<AllowListOf<Test>> {
	Some(BoundedVec::try_from(list.to_vec()).unwrap())
}

fn offer(owner: AccountId, version: DatasetId, asset: AssetKindOf<Test>, price: Balance) {
	assert_ok!(Market::create_offer(
		signed(owner),
		version,
		asset,
		price,
		Access::Blocks(100),
		None,
		None
	));
}

/// What `who` has on hold for `reason` (offer or grant deposits).
fn held(reason: HoldReason, who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Market(reason), &who)
}

fn last_purchase() -> (Balance, Vec<(AccountId, Balance)>) {
	System::events()
		.into_iter()
		.rev()
		.find_map(|r| match r.event {
			RuntimeEvent::Market(Event::Purchased { price, payouts, .. }) => Some((price, payouts)),
			_ => None,
		})
		.expect("a Purchased event")
}

#[test]
fn create_offer_stores_it_and_holds_the_deposit() {
	new_test_ext().execute_with(|| {
		let v = put_version(ALICE, None, Permill::zero());
		assert_ok!(Market::create_offer(
			signed(ALICE),
			v,
			USD,
			1_000,
			Access::Forever,
			allow(&[BOB, CAROL]),
			Some(5)
		));
		let o = Offers::<Test>::get(v, 0).unwrap();
		assert_eq!(
			(o.asset, o.price, o.access, o.cap, o.sold),
			(USD, 1_000, Access::Forever, Some(5), 0)
		);
		assert_eq!(o.deposit, 50 + 2 * 5);
		assert_eq!(held(HoldReason::OfferDeposit, ALICE), 60);
		assert_eq!((NextOfferIndex::<Test>::get(v), OfferCount::<Test>::get(v)), (1, 1));
		System::assert_last_event(
			Event::OfferCreated {
				version: v,
				offer: 0,
				asset: USD,
				price: 1_000,
				access: Access::Forever,
			}
			.into(),
		);
	});
}

#[test]
fn bad_offers_get_specific_errors_and_change_nothing() {
	new_test_ext().execute_with(|| {
		let v = put_version(ALICE, None, Permill::zero());
		const BROKE: AccountId = 8;
		let broke = put_version(BROKE, None, Permill::zero());
		let create = |who, v, asset, access, list, cap| {
			Market::create_offer(signed(who), v, asset, 10, access, list, cap)
		};
		let day = Access::Blocks(14_400);
		assert_noop!(create(ALICE, 99, NATIVE, day, None, None), MarketError::UnknownDataset);
		assert_noop!(create(BOB, v, NATIVE, day, None, None), MarketError::NotOwner);
		let unknown = frame_support::traits::fungible::NativeOrWithId::WithId(7);
		assert_noop!(create(ALICE, v, unknown, day, None, None), MarketError::UnknownAsset);
		assert_noop!(
			create(ALICE, v, NATIVE, Access::Blocks(0), None, None),
			MarketError::ZeroDuration
		);
		assert_noop!(create(ALICE, v, NATIVE, day, allow(&[]), None), MarketError::EmptyAllowList);
		assert_noop!(create(ALICE, v, NATIVE, day, None, Some(0)), MarketError::CapBelowSold);
		assert_noop!(create(BROKE, broke, NATIVE, day, None, None), MarketError::CannotHoldDeposit);
		for _ in 0..3 {
			assert_ok!(create(ALICE, v, NATIVE, day, None, None));
		}
		assert_noop!(create(ALICE, v, NATIVE, day, None, None), MarketError::TooManyOffers);
		Records::<Test>::mutate(v, |d| d.as_mut().unwrap().status = Status::Retired);
		assert_ok!(Market::close_offer(signed(ALICE), v, 0));
		assert_noop!(create(ALICE, v, NATIVE, day, None, None), MarketError::Retired);
	});
}

#[test]
fn owner_updates_pauses_and_closes_offers() {
	new_test_ext().execute_with(|| {
		let v = put_version(ALICE, None, Permill::zero());
		assert_ok!(Market::create_offer(
			signed(ALICE),
			v,
			NATIVE,
			100,
			Access::Blocks(10),
			None,
			Some(3)
		));
		assert_ok!(Market::purchase(signed(BOB), v, 0, 100));
		assert_ok!(Market::purchase(signed(CAROL), v, 0, 100));

		// Update: price, allow-list (deposit follows), cap; not below what was sold.
		assert_noop!(Market::update_offer(signed(BOB), v, 0, 5, None, None), MarketError::NotOwner);
		assert_noop!(
			Market::update_offer(signed(ALICE), v, 0, 5, None, Some(1)),
			MarketError::CapBelowSold
		);
		assert_noop!(
			Market::update_offer(signed(ALICE), v, 1, 5, None, None),
			MarketError::UnknownOffer
		);
		assert_ok!(Market::update_offer(signed(ALICE), v, 0, 200, allow(&[DAVE, EVE]), Some(4)));
		let o = Offers::<Test>::get(v, 0).unwrap();
		assert_eq!((o.price, o.cap, o.sold, o.deposit), (200, Some(4), 2, 60));
		assert_eq!(held(HoldReason::OfferDeposit, ALICE), 60);

		// Pause and resume.
		assert_noop!(Market::set_paused(signed(BOB), v, 0, true), MarketError::NotOwner);
		assert_ok!(Market::set_paused(signed(ALICE), v, 0, true));
		assert_noop!(Market::purchase(signed(DAVE), v, 0, 200), MarketError::OfferPaused);
		assert_ok!(Market::set_paused(signed(ALICE), v, 0, false));
		assert_ok!(Market::purchase(signed(DAVE), v, 0, 200));

		// Close: deposit released, the number stays taken, grants stay.
		assert_noop!(Market::close_offer(signed(BOB), v, 0), MarketError::NotOwner);
		assert_ok!(Market::close_offer(signed(ALICE), v, 0));
		assert_eq!(held(HoldReason::OfferDeposit, ALICE), 0);
		assert_eq!(OfferCount::<Test>::get(v), 0);
		assert_noop!(Market::purchase(signed(EVE), v, 0, 200), MarketError::OfferClosed);
		assert_noop!(Market::close_offer(signed(ALICE), v, 0), MarketError::OfferClosed);
		assert_noop!(Market::set_paused(signed(ALICE), v, 0, true), MarketError::OfferClosed);
		assert!(Market::has_access(&DAVE, v));
	});
}

#[test]
fn a_purchase_without_lineage_pays_treasury_scorers_and_owner() {
	new_test_ext().execute_with(|| {
		let v = put_version(ALICE, None, Permill::zero());
		offer(ALICE, v, NATIVE, 1_001);
		assert!(!Market::has_access(&BOB, v));
		assert!(Market::has_access(&ALICE, v));
		let issuance = Balances::total_issuance();
		assert_ok!(Market::purchase(signed(BOB), v, 0, 1_001));
		// 2 % of 1001 = 20, 3 % = 30; the owner gets 951 (rounding included).
		assert_eq!(bal(NATIVE, BOB), START - 1_001 - GRANT_DEPOSIT);
		assert_eq!(held(HoldReason::GrantDeposit, BOB), GRANT_DEPOSIT);
		assert_eq!(bal(NATIVE, TREASURY), ED + 20);
		assert_eq!(bal(NATIVE, scorers()), ED + 30);
		assert_eq!(bal(NATIVE, ALICE), START - held(HoldReason::OfferDeposit, ALICE) + 951);
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!(Grants::<Test>::get(BOB, v).map(|g| g.expiry), Some(Expiry::Until(101)));
		assert!(Market::has_access(&BOB, v));
		assert_eq!(last_purchase(), (1_001, vec![(TREASURY, 20), (scorers(), 30), (ALICE, 951)]));
		assert_eq!(Offers::<Test>::get(v, 0).unwrap().sold, 1);
	});
}

/// root (ALICE, 10 %) <- v1 (BOB, 5 %, cleaned by CAROL) <- v2 (CAROL, 0 %, cleaned by DAVE)
///   <- v3 (DAVE, 20 %, not attested) <- v4 (EVE, sold, cleaned by CAROL)
#[test]
fn a_purchase_at_depth_four_pays_cleaners_and_royalties_exactly() {
	new_test_ext().execute_with(|| {
		let root = put_version(ALICE, None, Permill::from_percent(10));
		let v1 = put_version(BOB, Some(root), Permill::from_percent(5));
		let v2 = put_version(CAROL, Some(v1), Permill::zero());
		let v3 = put_version(DAVE, Some(v2), Permill::from_percent(20));
		let v4 = put_version(EVE, Some(v3), Permill::from_percent(7));
		set_cleaner(v1, CAROL);
		set_cleaner(v2, DAVE);
		set_cleaner(v4, CAROL);
		offer(EVE, v4, USD, 10_000);
		let before: Vec<_> = [ALICE, BOB, CAROL, DAVE, EVE, TREASURY, scorers()]
			.iter()
			.map(|a| bal(USD, *a))
			.collect();
		assert_ok!(Market::purchase(signed(BOB), v4, 0, 10_000));
		let delta = |i: usize, a: AccountId| bal(USD, a) as i128 - before[i] as i128;
		// Shares, nearest first: treasury 200, scorers 300, cleaner(v4)=CAROL 500,
		// royalty(v3)=DAVE 2000, royalty(v2)=CAROL 0, cleaner(v2)=DAVE 500,
		// royalty(v1)=BOB 500, cleaner(v1)=CAROL 500, royalty(root)=ALICE 1000; EVE 4500.
		assert_eq!(delta(0, ALICE), 1_000);
		assert_eq!(delta(1, BOB), 500 - 10_000);
		assert_eq!(delta(2, CAROL), 1_000);
		assert_eq!(delta(3, DAVE), 2_500);
		assert_eq!(delta(4, EVE), 4_500);
		assert_eq!(delta(5, TREASURY), 200);
		assert_eq!(delta(6, scorers()), 300);
		let (price, payouts) = last_purchase();
		assert_eq!(payouts.iter().map(|p| p.1).sum::<Balance>(), price);
		// One transfer per account.
		assert_eq!(payouts.len(), 7);
		// The quote names every share by role.
		let q = Market::quote(v4, 0).unwrap();
		assert_eq!(q.payouts, payouts);
		assert!(q.shares.contains(&Share {
			who: DAVE,
			amount: 500,
			role: Role::Cleaner { version: v2 }
		}));
		assert!(q.shares.contains(&Share {
			who: ALICE,
			amount: 1_000,
			role: Role::Royalty { version: root }
		}));
	});
}

#[test]
fn payouts_stop_at_max_payout_depth() {
	new_test_ext().execute_with(|| {
		// Six steps: only the last four are paid (MaxPayoutDepth = 4).
		let mut v = put_version(CAROL, None, Permill::from_percent(1));
		for _ in 0..5 {
			v = put_version(DAVE, Some(v), Permill::from_percent(1));
		}
		let top = put_version(ALICE, Some(v), Permill::zero());
		offer(ALICE, top, NATIVE, 100_000);
		let carol = bal(NATIVE, CAROL);
		assert_ok!(Market::purchase(signed(BOB), top, 0, 100_000));
		assert_eq!(bal(NATIVE, CAROL), carol, "the root is five steps up: not paid");
		let (_, payouts) = last_purchase();
		assert!(payouts.contains(&(DAVE, 4 * 1_000)));
	});
}

#[test]
fn over_subscribed_royalties_are_clamped_and_still_add_up() {
	new_test_ext().execute_with(|| {
		let mut v = put_version(CAROL, None, Permill::from_percent(50));
		v = put_version(DAVE, Some(v), Permill::from_percent(50));
		v = put_version(EVE, Some(v), Permill::from_percent(50));
		offer(EVE, v, NATIVE, 1_000);
		let (c, d, e) = (bal(NATIVE, CAROL), bal(NATIVE, DAVE), bal(NATIVE, EVE));
		assert_ok!(Market::purchase(signed(BOB), v, 0, 1_000));
		// Treasury 20, scorers 30, DAVE (nearer) 500, CAROL what is left (450), EVE nothing.
		assert_eq!(bal(NATIVE, DAVE) - d, 500);
		assert_eq!(bal(NATIVE, CAROL) - c, 450);
		assert_eq!(bal(NATIVE, EVE), e);
		let (price, payouts) = last_purchase();
		assert_eq!(payouts.iter().map(|p| p.1).sum::<Balance>(), price);
	});
}

#[test]
fn shares_an_empty_account_cannot_hold_go_to_the_owner() {
	new_test_ext().execute_with(|| {
		const FRESH: AccountId = 77;
		let root = put_version(ALICE, None, Permill::zero());
		let v = put_version(EVE, Some(root), Permill::zero());
		set_cleaner(v, FRESH);
		// Native: 5 % of 100 = 5 < ED 10 for an account that does not exist.
		offer(EVE, v, NATIVE, 100);
		let eve = bal(NATIVE, EVE);
		assert_ok!(Market::purchase(signed(BOB), v, 0, 100));
		assert_eq!(bal(NATIVE, FRESH), 0);
		assert_eq!(bal(NATIVE, EVE) - eve, 100 - 2 - 3);
		// Stablecoin: 5 % of 200 = 10 >= its minimum balance: the fresh account is paid.
		offer(EVE, v, USD, 200);
		assert_ok!(Market::purchase(signed(CAROL), v, 1, 200));
		assert_eq!(bal(USD, FRESH), 10);
	});
}

#[test]
fn bad_purchases_get_specific_errors_and_move_nothing() {
	new_test_ext().execute_with(|| {
		let v = put_version(ALICE, None, Permill::zero());
		offer(ALICE, v, NATIVE, 1_000);
		assert_ok!(Market::create_offer(
			signed(ALICE),
			v,
			NATIVE,
			10,
			Access::Forever,
			allow(&[CAROL]),
			Some(1)
		));
		let buy = |who, v, o, max| Market::purchase(signed(who), v, o, max);
		assert_noop!(buy(BOB, 9, 0, 1_000), MarketError::UnknownDataset);
		assert_noop!(buy(BOB, v, 7, 1_000), MarketError::UnknownOffer);
		assert_noop!(buy(BOB, v, 0, 999), MarketError::PriceTooHigh);
		assert_noop!(buy(ALICE, v, 0, 1_000), MarketError::OwnerHasAccess);
		assert_noop!(buy(BOB, v, 1, 10), MarketError::NotAllowed);
		// POOR has 200: it cannot pay 1000, nor pay 200 and keep its account alive.
		assert_noop!(buy(POOR, v, 0, 1_000), MarketError::InsufficientFunds);
		assert_ok!(Market::update_offer(signed(ALICE), v, 0, 200, None, None));
		assert_noop!(buy(POOR, v, 0, 200), MarketError::InsufficientFunds);
		// POOR has no stablecoin at all.
		offer(ALICE, v, USD, 1);
		assert_noop!(buy(POOR, v, 2, 1), MarketError::InsufficientFunds);
		assert_ok!(buy(CAROL, v, 1, 10));
		assert_ok!(Market::update_offer(
			signed(ALICE),
			v,
			1,
			10,
			allow(&[CAROL, DAVE, EVE]),
			Some(2)
		));
		assert_noop!(buy(CAROL, v, 1, 10), MarketError::AccessIsPermanent);
		assert_ok!(buy(DAVE, v, 1, 10));
		assert_noop!(buy(EVE, v, 1, 10), MarketError::SoldOut);
		Records::<Test>::mutate(v, |d| d.as_mut().unwrap().status = Status::Retired);
		assert_noop!(buy(BOB, v, 0, 1_000), MarketError::Retired);
	});
}

#[test]
fn a_buyer_is_never_reaped() {
	new_test_ext().execute_with(|| {
		let v = put_version(ALICE, None, Permill::zero());
		offer(ALICE, v, NATIVE, 188);
		// POOR has 200, ED is 10 and the grant deposit 3: 188 is one too many.
		assert_noop!(Market::purchase(signed(POOR), v, 0, 188), MarketError::InsufficientFunds);
		assert_ok!(Market::update_offer(signed(ALICE), v, 0, 187, None, None));
		assert_ok!(Market::purchase(signed(POOR), v, 0, 187));
		assert_eq!(bal(NATIVE, POOR), ED);
		assert!(System::account_exists(&POOR));
		assert_eq!(
			<Fungibles as Inspect<AccountId>>::reducible_balance(
				NATIVE,
				&POOR,
				Preservation::Preserve,
				Fortitude::Polite
			),
			0
		);
	});
}

#[test]
fn buying_again_extends_access() {
	new_test_ext().execute_with(|| {
		let v = put_version(ALICE, None, Permill::zero());
		offer(ALICE, v, NATIVE, 100); // 100 blocks
		assert_ok!(Market::purchase(signed(BOB), v, 0, 100));
		assert_eq!(Grants::<Test>::get(BOB, v).map(|g| g.expiry), Some(Expiry::Until(101)));
		System::set_block_number(50);
		assert_ok!(Market::purchase(signed(BOB), v, 0, 100));
		assert_eq!(Grants::<Test>::get(BOB, v).map(|g| g.expiry), Some(Expiry::Until(201)));
		System::set_block_number(200);
		assert!(Market::has_access(&BOB, v));
		System::set_block_number(201);
		assert!(!Market::has_access(&BOB, v));
		// After expiry, access runs from now.
		System::set_block_number(300);
		assert_ok!(Market::purchase(signed(BOB), v, 0, 100));
		assert_eq!(Grants::<Test>::get(BOB, v).map(|g| g.expiry), Some(Expiry::Until(400)));
		assert_eq!(Market::grants_of(&BOB, 10), vec![(v, Expiry::Until(400))]);
		// Forever dominates.
		assert_ok!(Market::create_offer(signed(ALICE), v, NATIVE, 1, Access::Forever, None, None));
		assert_ok!(Market::purchase(signed(BOB), v, 1, 1));
		assert_eq!(Grants::<Test>::get(BOB, v).map(|g| g.expiry), Some(Expiry::Forever));
		assert_noop!(Market::purchase(signed(BOB), v, 0, 100), MarketError::AccessIsPermanent);
		// Four purchases, one grant: one deposit.
		assert_eq!(held(HoldReason::GrantDeposit, BOB), GRANT_DEPOSIT);
	});
}

#[test]
fn expired_grants_can_be_pruned_by_anyone() {
	new_test_ext().execute_with(|| {
		let v = put_version(ALICE, None, Permill::zero());
		offer(ALICE, v, NATIVE, 100);
		assert_noop!(Market::prune_grant(signed(EVE), BOB, v), MarketError::NoGrant);
		assert_ok!(Market::purchase(signed(BOB), v, 0, 100));
		assert_noop!(Market::prune_grant(signed(EVE), BOB, v), MarketError::GrantActive);
		assert_eq!(held(HoldReason::GrantDeposit, BOB), GRANT_DEPOSIT);
		System::set_block_number(101);
		assert_ok!(Market::prune_grant(signed(EVE), BOB, v));
		assert_eq!(Grants::<Test>::get(BOB, v), None);
		assert_eq!(held(HoldReason::GrantDeposit, BOB), 0);
		System::assert_last_event(
			Event::GrantPruned { who: BOB, version: v, released: GRANT_DEPOSIT }.into(),
		);
	});
}

#[test]
fn free_offers_grant_access_and_move_nothing() {
	new_test_ext().execute_with(|| {
		let v = put_version(ALICE, None, Permill::zero());
		offer(ALICE, v, NATIVE, 0);
		let bob = bal(NATIVE, BOB);
		assert_ok!(Market::purchase(signed(BOB), v, 0, 0));
		// Only the grant's deposit is held.
		assert_eq!(bal(NATIVE, BOB), bob - GRANT_DEPOSIT);
		assert!(Market::has_access(&BOB, v));
		assert_eq!(last_purchase(), (0, vec![]));
	});
}

#[test]
fn token_errors_do_not_leak_through() {
	// Paying with an asset the buyer holds less of than the price gives the market's own
	// error, not a token error.
	new_test_ext().execute_with(|| {
		let v = put_version(ALICE, None, Permill::zero());
		offer(ALICE, v, USD, START + 1);
		let r = Market::purchase(signed(BOB), v, 0, START + 1);
		assert_eq!(r.map_err(|e| e.error), Err(MarketError::InsufficientFunds.into()));
	});
}

mod properties {
	//! Random lineages, cleaners, offers and purchases: whatever happens, issuance of
	//! every asset is unchanged, a purchase pays out exactly its price and only the buyer
	//! pays, and a failed call leaves the state exactly as it was.

	use super::*;
	use proptest::prelude::*;

	const ACCOUNTS: [AccountId; 6] = [ALICE, BOB, CAROL, DAVE, EVE, POOR];

	#[derive(Clone, Debug)]
	enum Op {
		/// A version owned by `owner`, child of an earlier one (by index) or a root.
		Version { owner: usize, parent: Option<usize>, royalty: u32, cleaner: Option<usize> },
		/// An offer on an earlier version.
		Offer { version: usize, usd: bool, price: u128, blocks: Option<u32>, cap: Option<u32> },
		/// A purchase.
		Buy { buyer: usize, version: usize, offer: u32, slack: i64 },
		/// Time passes.
		Wait(u32),
	}

	fn op() -> impl Strategy<Value = Op> {
		prop_oneof![
			2 => (0..6usize, proptest::option::of(0..40usize), 0..=500_000u32, proptest::option::of(0..6usize))
				.prop_map(|(owner, parent, royalty, cleaner)| Op::Version { owner, parent, royalty, cleaner }),
			2 => (0..40usize, any::<bool>(), 0..200_000u128, proptest::option::of(1..200u32), proptest::option::of(1..4u32))
				.prop_map(|(version, usd, price, blocks, cap)| Op::Offer { version, usd, price, blocks, cap }),
			6 => (0..6usize, 0..40usize, 0..4u32, -5..5i64)
				.prop_map(|(buyer, version, offer, slack)| Op::Buy { buyer, version, offer, slack }),
			1 => (1..150u32).prop_map(Op::Wait),
		]
	}

	fn balances(asset: AssetKindOf<Test>) -> Vec<Balance> {
		let mut all: Vec<AccountId> = ACCOUNTS.to_vec();
		all.extend([TREASURY, scorers()]);
		all.iter()
			.map(|a| <Fungibles as Inspect<AccountId>>::total_balance(asset.clone(), a))
			.collect()
	}

	fn run(ops: Vec<Op>) -> Result<(), TestCaseError> {
		new_test_ext().execute_with(|| {
			let issuance = (
				<Fungibles as Inspect<AccountId>>::total_issuance(NATIVE),
				<Fungibles as Inspect<AccountId>>::total_issuance(USD),
			);
			let mut versions: Vec<DatasetId> = Vec::new();
			let mut offers: Vec<(DatasetId, OfferIndex)> = Vec::new();
			for op in ops {
				match op {
					Op::Version { owner, parent, royalty, cleaner } => {
						let parent = parent
							.and_then(|p| versions.get(p).copied())
							.filter(|p| Records::<Test>::get(p).unwrap().depth < 7);
						let v = put_version(ACCOUNTS[owner], parent, Permill::from_parts(royalty));
						if let (Some(c), Some(_)) = (cleaner, parent) {
							set_cleaner(v, ACCOUNTS[c]);
						}
						versions.push(v);
					}
					Op::Offer { version, usd, price, blocks, cap } => {
						if versions.is_empty() {
							continue;
						}
						let v = versions[version % versions.len()];
						let owner = Records::<Test>::get(v).unwrap().owner;
						let access = blocks.map_or(Access::Forever, |b| Access::Blocks(b as u64));
						let asset = if usd { USD } else { NATIVE };
						let index = NextOfferIndex::<Test>::get(v);
						if Market::create_offer(signed(owner), v, asset, price, access, None, cap)
							.is_ok()
						{
							offers.push((v, index));
						}
					}
					Op::Buy { buyer, version, offer, slack } => {
						// Mostly an offer that exists; sometimes any pair.
						let (v, offer) = match (offers.is_empty(), offer) {
							(false, 0..=2) => offers[version % offers.len()],
							_ => (version as DatasetId, offer),
						};
						let buyer = ACCOUNTS[buyer];
						let o = Offers::<Test>::get(v, offer);
						let price = o.as_ref().map_or(0, |o| o.price);
						let max = price.saturating_add_signed(slack as i128);
						let asset = o.as_ref().map_or(NATIVE, |o| o.asset.clone());
						let before = balances(asset.clone());
						System::reset_events();
						let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
						match Market::purchase(signed(buyer), v, offer, max) {
							Ok(_) => {
								let (paid, payouts) = last_purchase();
								prop_assert_eq!(paid, price);
								prop_assert!(price <= max);
								prop_assert_eq!(
									payouts.iter().map(|p| p.1).sum::<Balance>(),
									price
								);
								prop_assert!(payouts.iter().all(|p| p.1 > 0));
								let after = balances(asset);
								// Everyone's change: the buyer pays the price less what it
								// gets back as a payee; every payee gains its payout.
								let idx = |a: AccountId| {
									ACCOUNTS
										.iter()
										.chain([TREASURY, scorers()].iter())
										.position(|x| *x == a)
										.unwrap()
								};
								let mut expected: Vec<i128> = vec![0; after.len()];
								expected[idx(buyer)] -= price as i128;
								for (who, amount) in &payouts {
									expected[idx(*who)] += *amount as i128;
								}
								let actual: Vec<i128> = after
									.iter()
									.zip(&before)
									.map(|(a, b)| *a as i128 - *b as i128)
									.collect();
								prop_assert_eq!(actual, expected);
								prop_assert!(Market::has_access(&buyer, v));
								prop_assert!(System::account_exists(&buyer));
							}
							Err(_) => {
								prop_assert_eq!(
									sp_io::storage::root(sp_runtime::StateVersion::V1),
									root,
									"a failed purchase changed the state"
								);
							}
						}
					}
					Op::Wait(n) => System::set_block_number(System::block_number() + n as u64),
				}
				prop_assert_eq!(
					<Fungibles as Inspect<AccountId>>::total_issuance(NATIVE),
					issuance.0
				);
				prop_assert_eq!(<Fungibles as Inspect<AccountId>>::total_issuance(USD), issuance.1);
				// No balance is created: the accounts' balances add up to the issuance.
				prop_assert_eq!(balances(NATIVE).iter().sum::<Balance>(), issuance.0);
				prop_assert_eq!(balances(USD).iter().sum::<Balance>(), issuance.1);
			}
			Ok(())
		})
	}

	proptest! {
		#![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

		#[test]
		fn purchases_conserve_value_and_pay_exactly(ops in proptest::collection::vec(op(), 1..60)) {
			run(ops)?;
		}

		#[test]
		fn split_adds_up_and_respects_rates(
			price in any::<u64>(),
			rates in proptest::collection::vec(0..=1_000_000u32, 0..20),
		) {
			let claims: Vec<_> = rates
				.iter()
				.enumerate()
				.map(|(i, r)| crate::split::Claim {
					who: i as u64,
					rate: Permill::from_parts(*r),
					role: Role::Royalty { version: i as u64 },
				})
				.collect();
			let price = price as u128;
			let s = crate::split::shares(price, &claims, &999);
			prop_assert_eq!(s.iter().map(|s| s.amount).sum::<u128>(), price);
			for sh in &s {
				if sh.role != Role::Owner {
					prop_assert!(sh.amount <= claims[sh.who as usize].rate.mul_floor(price));
				}
			}
			let p = crate::split::payouts(&s, &999, |w, _| w % 3 != 0);
			prop_assert_eq!(p.iter().map(|p| p.1).sum::<u128>(), price);
			prop_assert!(p.iter().all(|(w, _)| *w == 999 || w % 3 != 0));
		}
	}
}
