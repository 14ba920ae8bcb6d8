//! Constraint gadgets: Loam's Poseidon sponge, order tests on encoded numbers, selectors.
//!
//! Costs (R1CS constraints): a permutation 579 (8 full rounds of 17 S-boxes and 57
//! partial rounds of one, 3 per S-box; constant lanes of a full round are free); a
//! comparison 66; a one-hot selector `w + 2` once
//! per chunk.

use ark_ff::{Field, One, Zero};
use ark_r1cs_std::{
	fields::fp::{AllocatedFp, FpVar},
	prelude::*,
};
use ark_relations::gr1cs::{ConstraintSystemRef, LinearCombination, SynthesisError, Variable};
use loam_data::{
	poseidon::{Tag, FULL_ROUNDS, MDS, PARTIAL_ROUNDS, RATE, ROUND_CONSTANTS, WIDTH},
	Fr,
};

/// A field variable.
pub type FVar = FpVar<Fr>;
/// A boolean variable.
pub type BVar = Boolean<Fr>;

/// One lane of the permutation state: a dense linear combination over a local basis of
/// variables, plus a constant.
#[derive(Clone)]
struct Lane {
	coeffs: Vec<Fr>,
	constant: Fr,
}

/// The permutation, in constraints: 3 per S-box, nothing else.
///
/// Lanes are kept as dense linear combinations over a small basis (the variables the
/// last full round produced, plus one per partial round), so the constraint system gets
/// each S-box input as one linear combination instead of a chain of symbolic ones; that
/// keeps synthesis fast without adding constraints.
pub fn permute(state: &mut [FVar; WIDTH]) -> Result<(), SynthesisError> {
	let cs = state.iter().fold(ConstraintSystemRef::None, |acc, s| acc.or(s.cs()));
	// Native values of the lanes, when known (not in setup mode).
	let mut values: Option<[Fr; WIDTH]> = state
		.iter()
		.map(|s| s.value().ok())
		.collect::<Option<Vec<_>>>()
		.map(|v| core::array::from_fn(|i| v[i]));
	if cs.is_none() {
		// All constants: compute natively.
		let mut v = values.ok_or(SynthesisError::AssignmentMissing)?;
		loam_data::poseidon::permute(&mut v);
		*state = core::array::from_fn(|i| FVar::constant(v[i]));
		return Ok(());
	}
	// Initial basis: the input variables.
	let mut basis: Vec<Variable> = Vec::with_capacity(WIDTH + PARTIAL_ROUNDS + 1);
	let mut lanes: Vec<Lane> = Vec::with_capacity(WIDTH);
	for s in state.iter() {
		match s {
			FVar::Constant(c) => lanes.push(Lane { coeffs: Vec::new(), constant: *c }),
			FVar::Var(a) => {
				basis.push(a.variable);
				lanes.push(Lane { coeffs: Vec::new(), constant: Fr::zero() });
				let k = basis.len() - 1;
				let last = lanes.last_mut().expect("pushed");
				last.coeffs.resize(k + 1, Fr::zero());
				last.coeffs[k] = Fr::one();
			}
		}
	}
	for lane in &mut lanes {
		lane.coeffs.resize(basis.len(), Fr::zero());
	}

	let lc_of = |lane: &Lane, basis: &[Variable]| -> LinearCombination<Fr> {
		let mut terms: Vec<(Fr, Variable)> = lane
			.coeffs
			.iter()
			.zip(basis)
			.filter(|(c, _)| !c.is_zero())
			.map(|(c, v)| (*c, *v))
			.collect();
		if !lane.constant.is_zero() {
			terms.push((lane.constant, Variable::One));
		}
		LinearCombination(terms)
	};
	// x^5 of a lane: three constraints, returns the new variable.
	let sbox = |lane: &Lane,
	            basis: &[Variable],
	            x: Option<Fr>|
	 -> Result<Variable, SynthesisError> {
		let lc = lc_of(lane, basis);
		let x2v = x.map(|x| x.square());
		let x4v = x2v.map(|x| x.square());
		let x5v = x4v.zip(x).map(|(a, b)| a * b);
		let x2 = cs.new_witness_variable(|| x2v.ok_or(SynthesisError::AssignmentMissing))?;
		let x4 = cs.new_witness_variable(|| x4v.ok_or(SynthesisError::AssignmentMissing))?;
		let x5 = cs.new_witness_variable(|| x5v.ok_or(SynthesisError::AssignmentMissing))?;
		cs.enforce_r1cs_constraint(|| lc.clone(), || lc.clone(), || LinearCombination::from(x2))?;
		cs.enforce_r1cs_constraint(
			|| LinearCombination::from(x2),
			|| LinearCombination::from(x2),
			|| LinearCombination::from(x4),
		)?;
		cs.enforce_r1cs_constraint(
			|| LinearCombination::from(x4),
			|| lc,
			|| LinearCombination::from(x5),
		)?;
		Ok(x5)
	};

	let half = FULL_ROUNDS / 2;
	for (round, rc) in ROUND_CONSTANTS[..FULL_ROUNDS + PARTIAL_ROUNDS].iter().enumerate() {
		for (lane, c) in lanes.iter_mut().zip(rc) {
			lane.constant += c;
		}
		if let Some(v) = values.as_mut() {
			for (x, c) in v.iter_mut().zip(rc) {
				*x += c;
			}
		}
		let full = round < half || round >= half + PARTIAL_ROUNDS;
		if full {
			// Every lane through the S-box: the basis becomes the new variables. A lane that
			// is a constant stays one (no constraints).
			let mut fresh = Vec::with_capacity(WIDTH);
			let mut next = Vec::with_capacity(WIDTH);
			for (i, lane) in lanes.iter().enumerate() {
				if lane.coeffs.iter().all(Zero::is_zero) {
					let c = lane.constant;
					next.push((None, c.square().square() * c));
				} else {
					fresh.push(sbox(lane, &basis, values.map(|v| v[i]))?);
					next.push((Some(fresh.len() - 1), Fr::zero()));
				}
			}
			basis = fresh;
			for (lane, (slot, constant)) in lanes.iter_mut().zip(next) {
				lane.coeffs = vec![Fr::zero(); basis.len()];
				if let Some(k) = slot {
					lane.coeffs[k] = Fr::one();
				}
				lane.constant = constant;
			}
			if let Some(v) = values.as_mut() {
				for x in v.iter_mut() {
					*x = x.square().square() * *x;
				}
			}
		} else {
			let y = sbox(&lanes[0], &basis, values.map(|v| v[0]))?;
			basis.push(y);
			for lane in lanes.iter_mut() {
				lane.coeffs.push(Fr::zero());
			}
			let n = basis.len();
			lanes[0].coeffs.iter_mut().for_each(|c| *c = Fr::zero());
			lanes[0].coeffs[n - 1] = Fr::one();
			lanes[0].constant = Fr::zero();
			if let Some(v) = values.as_mut() {
				v[0] = v[0].square().square() * v[0];
			}
		}
		// MDS.
		let n = basis.len();
		let mixed: Vec<Lane> = (0..WIDTH)
			.map(|i| {
				let mut out = Lane { coeffs: vec![Fr::zero(); n], constant: Fr::zero() };
				for (m, lane) in MDS[i].iter().zip(&lanes) {
					out.constant += *m * lane.constant;
					for (o, c) in out.coeffs.iter_mut().zip(&lane.coeffs) {
						if !c.is_zero() {
							*o += *m * c;
						}
					}
				}
				out
			})
			.collect();
		lanes = mixed;
		if let Some(v) = values.as_mut() {
			let next: [Fr; WIDTH] = core::array::from_fn(|i| {
				MDS[i].iter().zip(v.iter()).fold(Fr::zero(), |acc, (m, x)| acc + *m * x)
			});
			*v = next;
		}
	}
	for (i, (s, lane)) in state.iter_mut().zip(&lanes).enumerate() {
		let lc = lc_of(lane, &basis);
		let var = cs.new_lc(|| lc)?;
		*s = FVar::Var(AllocatedFp::new(values.map(|v| v[i]), var, cs.clone()));
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

#[cfg(test)]
mod tests {
	use super::*;
	use ark_relations::gr1cs::ConstraintSystem;

	#[test]
	fn the_permutation_gadget_matches_the_native_one_in_579_constraints_or_fewer() {
		let cs = ConstraintSystem::<Fr>::new_ref();
		let input: [Fr; WIDTH] = core::array::from_fn(|i| Fr::from(i as u64 * 3 + 1));
		let mut state: [FVar; WIDTH] = core::array::from_fn(|i| {
			if i == 5 {
				FVar::constant(input[i])
			} else {
				FVar::new_witness(cs.clone(), || Ok(input[i])).unwrap()
			}
		});
		permute(&mut state).unwrap();
		let mut native = input;
		loam_data::poseidon::permute(&mut native);
		for (s, n) in state.iter().zip(native) {
			assert_eq!(s.value().unwrap(), n);
		}
		assert!(cs.is_satisfied().unwrap());
		assert_eq!(cs.num_constraints(), 3 * (FULL_ROUNDS * WIDTH + PARTIAL_ROUNDS) - 3);
		// A wrong output cannot be claimed.
		state[1].enforce_equal(&FVar::constant(native[1] + Fr::one())).unwrap();
		assert!(!cs.is_satisfied().unwrap());
	}

	#[test]
	fn comparisons_and_selectors_hold() {
		let cs = ConstraintSystem::<Fr>::new_ref();
		let enc =
			|v: i64| FVar::new_witness(cs.clone(), || Ok(loam_data::cell::encode_i64(v))).unwrap();
		for (a, b) in [(-5i64, 3i64), (3, 3), (4, 3), (i64::MIN, i64::MAX), (i64::MAX, i64::MIN)] {
			assert_eq!(
				less_or_equal(&enc(a), &enc(b)).unwrap().value().unwrap(),
				a <= b,
				"{a} <= {b}"
			);
		}
		let idx = FVar::new_witness(cs.clone(), || Ok(Fr::from(2u64))).unwrap();
		let sel = one_hot(&idx, 4).unwrap();
		let row: Vec<FVar> = (0..4).map(|i| FVar::constant(Fr::from(10 + i as u64))).collect();
		assert_eq!(pick(&sel, &row).unwrap().value().unwrap(), Fr::from(12u64));
		assert!(cs.is_satisfied().unwrap());
		let far = FVar::new_witness(cs.clone(), || Ok(Fr::from(7u64))).unwrap();
		let _ = one_hot(&far, 4).unwrap();
		assert!(!cs.is_satisfied().unwrap());
	}
}
