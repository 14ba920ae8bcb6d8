//! The draw of a sampled attestation and what it guarantees.

use crate::types::Detection;
use alloc::vec::Vec;
use codec::Encode;
use sp_runtime::{
	traits::{One, Saturating},
	FixedPointNumber, FixedU128, Perbill, Percent,
};

/// `k` distinct chunk indices below `chunks`, from `seed` (a block hash) and the version:
/// `BLAKE2-256(seed ‖ child ‖ counter)` as a little-endian integer modulo `chunks`,
/// skipping repeats. `k` is capped at `chunks`.
pub fn draw(seed: &[u8], child: u64, chunks: u32, k: u32) -> Vec<u32> {
	let k = k.min(chunks) as usize;
	let mut out: Vec<u32> = Vec::with_capacity(k);
	let mut counter = 0u64;
	while out.len() < k {
		let h = sp_io::hashing::blake2_256(&(b"loam/sample", seed, child, counter).encode());
		counter += 1;
		let mut x = [0u8; 8];
		x.copy_from_slice(&h[..8]);
		let i = (u64::from_le_bytes(x) % u64::from(chunks)) as u32;
		if !out.contains(&i) {
			out.push(i);
		}
	}
	out
}

/// The probability that `k` distinct chunks drawn uniformly from `chunks` include at least
/// one of `ceil(corrupted · chunks)` bad ones: `1 − Π_{i<k} (n − m − i)/(n − i)`.
pub fn caught(chunks: u32, k: u32, corrupted: Percent) -> Perbill {
	let n = u128::from(chunks);
	if n == 0 {
		return Perbill::zero();
	}
	let m = (n * u128::from(corrupted.deconstruct())).div_ceil(100);
	let mut miss = FixedU128::one();
	for i in 0..u128::from(k.min(chunks)) {
		if n - i <= m {
			return Perbill::one();
		}
		miss = miss.saturating_mul(FixedU128::saturating_from_rational(n - m - i, n - i));
	}
	let caught = FixedU128::one().saturating_sub(miss);
	Perbill::from_rational(caught.into_inner(), FixedU128::DIV)
}

/// Detection at 1 %, 5 % and 10 % corrupted chunks.
pub fn detection(chunks: u32, k: u32) -> Vec<Detection> {
	[1u8, 5, 10]
		.into_iter()
		.map(|p| {
			let corrupted = Percent::from_percent(p);
			Detection { corrupted, caught: caught(chunks, k, corrupted) }
		})
		.collect()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn draws_are_distinct_in_range_and_deterministic() {
		let seed = &[7u8; 32][..];
		let d = draw(seed, 3, 100, 20);
		assert_eq!(d.len(), 20);
		assert!(d.iter().all(|&i| i < 100));
		let mut s = d.clone();
		s.sort();
		s.dedup();
		assert_eq!(s.len(), 20);
		assert_eq!(d, draw(seed, 3, 100, 20));
		assert_ne!(d, draw(seed, 4, 100, 20));
		assert_eq!(draw(seed, 3, 5, 20).len(), 5);
	}

	#[test]
	fn detection_matches_the_hypergeometric_formula() {
		// n = 100, m = 10, k = 20: 1 - C(90,20)/C(100,20) = 0.90488...
		let p = caught(100, 20, Percent::from_percent(10));
		assert!((p.deconstruct() as i64 - 904_883_727).abs() < 1_000_000, "{p:?}");
		// Proving every chunk catches everything; proving none catches nothing.
		assert_eq!(caught(100, 100, Percent::from_percent(1)), Perbill::one());
		assert_eq!(caught(100, 0, Percent::from_percent(10)), Perbill::zero());
		// k = 30 over a large dataset at 10 %: ~1 - 0.9^30 = 0.958.
		let p = caught(1_000_000, 30, Percent::from_percent(10));
		assert!((p.deconstruct() as i64 - 957_608_000).abs() < 1_000_000, "{p:?}");
	}
}
