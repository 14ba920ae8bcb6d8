//! Constraint gadgets: Loam's Poseidon sponge, order tests on encoded numbers, selectors.
//!
//! Costs (R1CS constraints): a permutation 579 (8 full rounds of 17 S-boxes and 57
//! partial rounds of one, 3 per S-box); a comparison 66; a one-hot selector `w + 2` once
//! per chunk.

use ark_ff::Zero;
use ark_r1cs_std::{fields::fp::FpVar, prelude::*};
use ark_relations::gr1cs::SynthesisError;
use loam_data::{
	poseidon::{Tag, FULL_ROUNDS, MDS, PARTIAL_ROUNDS, RATE, ROUND_CONSTANTS, WIDTH},
	Fr,
};

/// A field variable.
pub type FVar = FpVar<Fr>;
/// A boolean variable.
pub type BVar = Boolean<Fr>;

fn sbox(x: &FVar) -> Result<FVar, SynthesisError> {
	let x2 = x.square()?;
	let x4 = x2.square()?;
	Ok(x4 * x)
}

/// The permutation, in constraints.
pub fn permute(state: &mut [FVar; WIDTH]) -> Result<(), SynthesisError> {
	let half = FULL_ROUNDS / 2;
	for round in 0..FULL_ROUNDS + PARTIAL_ROUNDS {
		for (s, c) in state.iter_mut().zip(ROUND_CONSTANTS[round].iter()) {
			*s += *c;
		}
		if round < half || round >= half + PARTIAL_ROUNDS {
			for s in state.iter_mut() {
				*s = sbox(s)?;
			}
		} else {
			state[0] = sbox(&state[0])?;
		}
		let next: [FVar; WIDTH] = core::array::from_fn(|i| {
			let mut acc = FVar::zero();
			for (m, s) in MDS[i].iter().zip(state.iter()) {
				acc += s * *m;
			}
			acc
		});
		*state = next;
	}
	Ok(())
}

/// The fixed-length sponge of `loam_data::poseidon`, in constraints. `tag_offset` is
/// added to the tag (a chunk's row count sits in the tag's low bits).
pub struct SpongeVar {
	state: [FVar; WIDTH],
	pos: usize,
}

impl SpongeVar {
	/// A sponge whose capacity starts at `tag + offset`.
	pub fn new(tag: Tag, offset: Option<&FVar>) -> Self {
		let mut state: [FVar; WIDTH] = core::array::from_fn(|_| FVar::zero());
		state[0] = match offset {
			Some(o) => o + tag.to_field(),
			None => FVar::constant(tag.to_field()),
		};
		Self { state, pos: 0 }
	}

	/// Absorbs one element.
	pub fn absorb(&mut self, x: &FVar) -> Result<(), SynthesisError> {
		if self.pos == RATE {
			permute(&mut self.state)?;
			self.pos = 0;
		}
		self.state[1 + self.pos] += x;
		self.pos += 1;
		Ok(())
	}

	/// The output.
	pub fn finish(mut self) -> Result<FVar, SynthesisError> {
		permute(&mut self.state)?;
		Ok(self.state[1].clone())
	}
}

/// `Poseidon(tag, inputs)` in constraints.
pub fn hash(tag: Tag, inputs: &[FVar]) -> Result<FVar, SynthesisError> {
	let mut s = SpongeVar::new(tag, None);
	for x in inputs {
		s.absorb(x)?;
	}
	s.finish()
}

/// `a <= b` for encoded numbers (both in `[0, 2^64]`): bit 64 of `b - a + 2^64`.
/// 66 constraints. Values outside that range leave the decomposition unsatisfiable, so
/// no proof exists for them.
pub fn less_or_equal(a: &FVar, b: &FVar) -> Result<BVar, SynthesisError> {
	let shifted = b - a + Fr::from(1u128 << 64);
	let (bits, _) = shifted.to_bits_le_with_top_bits_zero(65)?;
	Ok(bits[64].clone())
}

/// Enforces `0 <= x < 2^bits`: `bits + 1` constraints.
pub fn range_check(x: &FVar, bits: usize) -> Result<(), SynthesisError> {
	x.to_bits_le_with_top_bits_zero(bits).map(|_| ())
}

/// Booleans `s_0..s_{width-1}` with exactly `s_index = 1`; fails when `index >= width`.
pub fn one_hot(index: &FVar, width: usize) -> Result<Vec<BVar>, SynthesisError> {
	let cs = index.cs();
	let value = index.value().ok();
	let bits = (0..width)
		.map(|k| BVar::new_witness(cs.clone(), || Ok(value == Some(Fr::from(k as u64)))))
		.collect::<Result<Vec<_>, _>>()?;
	let mut sum = FVar::zero();
	let mut weighted = FVar::zero();
	for (k, b) in bits.iter().enumerate() {
		let f = FVar::from(b.clone());
		weighted += &f * Fr::from(k as u64);
		sum += f;
	}
	sum.enforce_equal(&FVar::one())?;
	weighted.enforce_equal(index)?;
	Ok(bits)
}

/// The `width` low bits of a column mask; fails when the mask has higher bits.
pub fn mask_bits(mask: &FVar, width: usize) -> Result<Vec<BVar>, SynthesisError> {
	Ok(mask.to_bits_le_with_top_bits_zero(width)?.0)
}

/// `sum_k s_k * row_k`: the cell a one-hot selector points at. `width` constraints.
pub fn pick(selector: &[BVar], row: &[FVar]) -> Result<FVar, SynthesisError> {
	let mut acc = FVar::zero();
	for (s, x) in selector.iter().zip(row) {
		acc += x * FVar::from(s.clone());
	}
	Ok(acc)
}

/// `x` unless `cond`, then `y`.
pub fn select(cond: &BVar, y: &FVar, x: &FVar) -> Result<FVar, SynthesisError> {
	cond.select(y, x)
}

/// `1 - b` as a field element.
pub fn not(b: &BVar) -> FVar {
	FVar::one() - FVar::from(b.clone())
}

/// Zero check: 2 constraints.
pub fn is_zero(x: &FVar) -> Result<BVar, SynthesisError> {
	x.is_zero()
}

/// Constant zero, handy in padding.
pub fn zero() -> FVar {
	FVar::Constant(Fr::zero())
}
