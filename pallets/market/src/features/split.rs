//! How a price is split: pure arithmetic, the same in a purchase, in a quote and in the
//! property tests.
//!
//! Claims come in priority order. Each takes the floor of its rate of the price, or what
//! is left when that is less; the owner takes the rest, so the shares always add up to
//! the price exactly and no share exceeds its rate.

use crate::types::{Role, Share};
use alloc::vec::Vec;
use sp_runtime::{traits::AtLeast32BitUnsigned, Permill};

/// A claim on a sale: who, at what rate of the price, and why.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Claim<AccountId> {
	/// Who is paid.
	pub who: AccountId,
	/// The rate of the price claimed.
	pub rate: Permill,
	/// Why.
	pub role: Role,
}

/// Splits `price` among `claims`, in order, and gives the rest to `owner`. Zero shares are
/// left out; the owner's share comes last.
pub fn shares<A: Clone, B: AtLeast32BitUnsigned + Copy>(
	price: B,
	claims: &[Claim<A>],
	owner: &A,
) -> Vec<Share<A, B>> {
	let mut left = price;
	let mut out = Vec::with_capacity(claims.len() + 1);
	for c in claims {
		let amount = c.rate.mul_floor(price).min(left);
		if amount.is_zero() {
			continue;
		}
		left -= amount;
		out.push(Share { who: c.who.clone(), amount, role: c.role });
	}
	if !left.is_zero() {
		out.push(Share { who: owner.clone(), amount: left, role: Role::Owner });
	}
	out
}

/// The transfers that pay `shares`: one per account, in order of first appearance, the
/// owner's last. A share that `can_receive` refuses (an amount an empty account cannot
/// hold) is added to the owner's; whether the owner can receive is the caller's check.
pub fn payouts<A: Clone + PartialEq, B: AtLeast32BitUnsigned + Copy>(
	shares: &[Share<A, B>],
	owner: &A,
	can_receive: impl Fn(&A, B) -> bool,
) -> Vec<(A, B)> {
	let mut merged: Vec<(A, B)> = Vec::with_capacity(shares.len());
	let mut to_owner = B::zero();
	for s in shares {
		if &s.who == owner {
			to_owner += s.amount;
		} else if let Some(p) = merged.iter_mut().find(|(w, _)| w == &s.who) {
			p.1 += s.amount;
		} else {
			merged.push((s.who.clone(), s.amount));
		}
	}
	let mut out = Vec::with_capacity(merged.len() + 1);
	for (who, amount) in merged {
		if can_receive(&who, amount) {
			out.push((who, amount));
		} else {
			to_owner += amount;
		}
	}
	if !to_owner.is_zero() {
		out.push((owner.clone(), to_owner));
	}
	out
}

#[cfg(test)]
mod tests {
	use super::*;

	fn claim(who: u64, pct: u32, role: Role) -> Claim<u64> {
		Claim { who, rate: Permill::from_percent(pct), role }
	}

	#[test]
	fn floors_and_remainder_to_owner() {
		let claims = [claim(1, 2, Role::Treasury), claim(2, 3, Role::Scorers)];
		let s = shares(999u128, &claims, &9);
		// 2 % of 999 = 19.98 -> 19; 3 % = 29.97 -> 29; the owner takes 951.
		assert_eq!(s.iter().map(|s| s.amount).collect::<Vec<_>>(), vec![19, 29, 951]);
		assert_eq!(s[2].role, Role::Owner);
	}

	#[test]
	fn over_subscribed_claims_are_clamped_in_order() {
		let claims = [
			claim(1, 60, Role::Treasury),
			claim(2, 30, Role::Royalty { version: 0 }),
			claim(3, 30, Role::Royalty { version: 1 }),
		];
		let s = shares(100u128, &claims, &9);
		assert_eq!(
			s.iter().map(|s| (s.who, s.amount)).collect::<Vec<_>>(),
			vec![(1, 60), (2, 30), (3, 10)]
		);
	}

	#[test]
	fn payouts_merge_accounts_and_fold_refused_shares_into_the_owner() {
		let s = [
			Share { who: 1u64, amount: 5u128, role: Role::Treasury },
			Share { who: 2, amount: 1, role: Role::Scorers },
			Share { who: 1, amount: 7, role: Role::Cleaner { version: 3 } },
			Share { who: 9, amount: 80, role: Role::Royalty { version: 2 } },
			Share { who: 9, amount: 7, role: Role::Owner },
		];
		// Account 2 cannot take 1 (say, below the existential deposit).
		let p = payouts(&s, &9, |w, _| *w != 2);
		assert_eq!(p, vec![(1, 12), (9, 88)]);
		assert_eq!(p.iter().map(|p| p.1).sum::<u128>(), 100);
	}
}
