//! The cleaning-step circuit: one chunk, one step.
//!
//! **Public inputs**, in order: the raw chunk commitment, the clean chunk commitment, the
//! step's parameter hash. **Witness**: the raw cells (`capacity` rows of `width`), the
//! step's parameters, and for steps that drop rows the clean cells.
//!
//! Every circuit recomputes both commitments and the parameter hash with the Poseidon
//! sponge of `loam-data` and enforces them equal to the public inputs. Between them:
//!
//! - **Row-wise steps** (clamp, fill-null, drop-columns) compute each clean row from its
//!   raw row; the clean chunk has the raw chunk's row count.
//! - **Row-dropping steps** (drop-nulls, filter-range, dedup) compute a keep bit per raw
//!   row and show that the clean rows are exactly the kept raw rows, in order, followed by
//!   zero rows. The argument is a grand product: with challenges `β, γ` drawn inside
//!   the circuit by hashing the three public inputs (which bind every raw and clean
//!   cell, so the prover cannot choose them after the data),
//!   `∏_i (γ − pos_i − keep_i·fp(raw_i)) = ∏_j (γ − j − fp(clean_j))`, where
//!   `fp(row) = Σ_k β^k row_k`, `pos_i` is the number of kept rows before `i` when row
//!   `i` is kept and `n_clean + (dropped rows before i)` when not. Both sides are the
//!   same multiset of (position, row) pairs only if the claim holds, except with
//!   probability at most `capacity·(width+1)/|F|` (Schwartz–Zippel).
//! - **Dedup**'s keep bits are witness, not computed, so everything it adds is hashed
//!   (with `β`) into fresh challenges before it is checked, and the compaction product
//!   uses those. It shows that the kept rows are first occurrences: every real row points
//!   to a kept row at or before it with the same fingerprint (a log-derivative lookup),
//!   and the kept rows' fingerprints are pairwise distinct (their low 128 bits, sorted,
//!   strictly increase). Together: a later copy cannot be kept (it would equal a kept
//!   earlier row) and a first occurrence cannot be dropped (it could point to no kept
//!   row).
//!
//! Rows past the raw row count are padding: the raw commitment's tag binds the count,
//! monotone padding bits recover it, and padding rows are never kept or filled.

use crate::gadgets::{self, BVar, FVar};
use ark_ff::{Field, One, PrimeField, Zero};
use ark_r1cs_std::prelude::*;
use ark_relations::gr1cs::{ConstraintSynthesizer, ConstraintSystemRef, SynthesisError};
use loam_data::{
	chunk::CellMatrix,
	commitment::{chunk_tag, commit_cells},
	poseidon::{Domain, Tag},
	step::StepKind,
	Fr, Step,
};

/// What fixes a circuit (and its keys): the step kind, the chunk capacity in rows, the
/// raw and clean width classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Shape {
	/// The step.
	pub kind: StepKind,
	/// Rows per chunk ([`loam_data::CHUNK_ROWS`] on chain).
	pub capacity: usize,
	/// Raw width class.
	pub width: usize,
	/// Clean width class (equal to `width` except for drop-columns).
	pub clean_width: usize,
}

impl Shape {
	/// The number of parameters the step's hash covers.
	pub fn params_len(&self) -> usize {
		match self.kind {
			StepKind::DropNulls | StepKind::DropColumns => 1,
			StepKind::FilterRange | StepKind::Clamp => 3,
			StepKind::FillNull => 2,
			StepKind::Dedup => 0,
		}
	}
}

/// The three public inputs of a proof.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PublicInputs {
	/// Commitment of the raw chunk.
	pub raw: Fr,
	/// Commitment of the clean chunk.
	pub clean: Fr,
	/// Hash of the step's parameters.
	pub params_hash: Fr,
}

impl PublicInputs {
	/// In the order the verifying key expects.
	pub fn to_vec(&self) -> Vec<Fr> {
		vec![self.raw, self.clean, self.params_hash]
	}
}

/// A circuit instance with its witness.
#[derive(Clone, Debug)]
pub struct StepCircuit {
	/// The shape.
	pub shape: Shape,
	/// The step's parameter elements (`Step::params`).
	pub params: Vec<Fr>,
	/// The raw cells (`rows <= capacity`, `width` cells per row).
	pub raw: CellMatrix,
	/// The clean cells as the native step computes them.
	pub clean: CellMatrix,
	/// The public inputs.
	pub public: PublicInputs,
}

impl StepCircuit {
	/// A circuit proving `clean = step(raw)`; the clean cells are computed natively.
	pub fn new(shape: Shape, step: &Step, raw: CellMatrix) -> Self {
		let clean = crate::native::apply_cells(step, &raw, shape.clean_width);
		let public = PublicInputs {
			raw: commit_cells(&raw, shape.capacity),
			clean: commit_cells(&clean, shape.capacity),
			params_hash: step.params_hash(),
		};
		Self { shape, params: step.params(), raw, clean, public }
	}

	/// A circuit whose clean side is given, not computed (tests of soundness: a wrong
	/// clean chunk must yield no proof).
	pub fn with_clean(shape: Shape, step: &Step, raw: CellMatrix, clean: CellMatrix) -> Self {
		let public = PublicInputs {
			raw: commit_cells(&raw, shape.capacity),
			clean: commit_cells(&clean, shape.capacity),
			params_hash: step.params_hash(),
		};
		Self { shape, params: step.params(), raw, clean, public }
	}

	/// A placeholder instance of `shape`, for key setup (values do not matter there).
	pub fn blank(shape: Shape) -> Self {
		let step = match shape.kind {
			StepKind::DropNulls => Step::DropNulls { columns: vec![0] },
			StepKind::FilterRange => Step::FilterRange { column: 0, lo: 0, hi: 0 },
			StepKind::Clamp => Step::Clamp { column: 0, lo: 0, hi: 0 },
			StepKind::FillNull => Step::FillNull { column: 0, value: loam_data::Value::Int64(0) },
			StepKind::Dedup => Step::Dedup,
			StepKind::DropColumns => Step::DropColumns {
				columns: (shape.clean_width.max(1) as u16..shape.width as u16).collect(),
			},
		};
		let raw = CellMatrix { width: shape.width, rows: 0, cells: Vec::new() };
		Self::new(shape, &step, raw)
	}
}

fn cell(m: &CellMatrix, r: usize, k: usize) -> Fr {
	if r < m.rows && k < m.width {
		m.cells[r * m.width + k]
	} else {
		Fr::zero()
	}
}

fn alloc_rows(
	cs: &ConstraintSystemRef<Fr>,
	m: &CellMatrix,
	rows: usize,
	width: usize,
) -> Result<Vec<Vec<FVar>>, SynthesisError> {
	(0..rows)
		.map(|r| {
			(0..width)
				.map(|k| FVar::new_witness(cs.clone(), || Ok(cell(m, r, k))))
				.collect::<Result<Vec<_>, _>>()
		})
		.collect()
}

/// `Poseidon(chunk tag + rows, cells)` in constraints.
fn commit(
	rows: &[Vec<FVar>],
	width: usize,
	capacity: usize,
	count: &FVar,
) -> Result<FVar, SynthesisError> {
	let mut sponge = gadgets::SpongeVar::new(chunk_tag(width, capacity, 0), Some(count));
	for row in rows {
		for x in row {
			sponge.absorb(x)?;
		}
	}
	sponge.finish()
}

/// Powers `β^1..β^n`.
fn powers(beta: &FVar, n: usize) -> Result<Vec<FVar>, SynthesisError> {
	let mut out = Vec::with_capacity(n);
	let mut acc = beta.clone();
	for _ in 0..n {
		out.push(acc.clone());
		acc = &acc * beta;
	}
	Ok(out)
}

/// `Σ_k β^k row_k`.
fn fingerprint(row: &[FVar], pows: &[FVar]) -> FVar {
	let mut acc = FVar::zero();
	for (x, p) in row.iter().zip(pows) {
		acc += x * p;
	}
	acc
}

impl ConstraintSynthesizer<Fr> for StepCircuit {
	fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
		let Shape { kind, capacity, width, clean_width } = self.shape;
		if self.params.len() != self.shape.params_len()
			|| self.raw.width != width
			|| self.clean.width != clean_width
			|| self.raw.rows > capacity
			|| self.clean.rows > capacity
		{
			return Err(SynthesisError::Unsatisfiable);
		}
		let raw_c = FVar::new_input(cs.clone(), || Ok(self.public.raw))?;
		let clean_c = FVar::new_input(cs.clone(), || Ok(self.public.clean))?;
		let params_hash = FVar::new_input(cs.clone(), || Ok(self.public.params_hash))?;

		// Parameters, bound by their hash.
		let params = self
			.params
			.iter()
			.map(|p| FVar::new_witness(cs.clone(), || Ok(*p)))
			.collect::<Result<Vec<_>, _>>()?;
		let tag = Tag { domain: Domain::StepParams, a: kind as u32, b: params.len() as u32, c: 0 };
		gadgets::hash(tag, &params)?.enforce_equal(&params_hash)?;

		// Raw rows, padding bits and the raw commitment.
		let raw = alloc_rows(&cs, &self.raw, capacity, width)?;
		let n_raw_value = self.raw.rows;
		let pad = (0..capacity)
			.map(|i| BVar::new_witness(cs.clone(), || Ok(i >= n_raw_value)))
			.collect::<Result<Vec<_>, _>>()?;
		let mut n_raw = FVar::constant(Fr::from(capacity as u64));
		for (i, p) in pad.iter().enumerate() {
			n_raw -= FVar::from(p.clone());
			if i > 0 {
				// pad[i-1] implies pad[i]
				(FVar::from(pad[i - 1].clone()) * gadgets::not(p))
					.enforce_equal(&gadgets::zero())?;
			}
		}
		commit(&raw, width, capacity, &n_raw)?.enforce_equal(&raw_c)?;

		let (clean, n_clean) = match kind {
			StepKind::Clamp | StepKind::FillNull => {
				let sel = gadgets::one_hot(&params[0], width)?;
				let mut clean = Vec::with_capacity(capacity);
				for (row, pad_i) in raw.iter().zip(&pad) {
					let x = gadgets::pick(&sel, row)?;
					let null = gadgets::is_zero(&x)?;
					let y = if kind == StepKind::Clamp {
						let (lo, hi) = (&params[1], &params[2]);
						let ge_lo = gadgets::less_or_equal(lo, &x)?;
						let le_hi = gadgets::less_or_equal(&x, hi)?;
						let upper = gadgets::select(&le_hi, &x, hi)?;
						let both = gadgets::select(&ge_lo, &upper, lo)?;
						gadgets::not(&null) * both
					} else {
						let fill = null & !pad_i;
						gadgets::select(&fill, &params[1], &x)?
					};
					let delta = &y - &x;
					let out = row
						.iter()
						.zip(&sel)
						.map(|(c, s)| c + &delta * FVar::from(s.clone()))
						.collect::<Vec<_>>();
					clean.push(out);
				}
				(clean, n_raw.clone())
			}
			StepKind::DropColumns => {
				let dropped = gadgets::mask_bits(&params[0], width)?;
				// slot[j][k]: kept column k lands in clean column j.
				// A kept column past the clean class has no slot ("overflows"). The raw
				// class's padding columns are never dropped, so they overflow when the
				// class shrinks; that is sound only if their cells are zero, which is
				// enforced for every column that can overflow (k >= clean_width).
				let mut slots = vec![Vec::with_capacity(width); clean_width];
				let mut overflow = Vec::new();
				let mut before = FVar::zero();
				for (k, d) in dropped.iter().enumerate() {
					let kept = gadgets::not(d);
					let mut placed = FVar::zero();
					for (j, slot) in slots.iter_mut().enumerate() {
						let here = before.is_eq(&FVar::constant(Fr::from(j as u64)))?;
						let s = &kept * FVar::from(here);
						placed += &s;
						slot.push(s);
					}
					if k < clean_width {
						placed.enforce_equal(&kept)?;
					} else {
						overflow.push((k, &kept - &placed));
					}
					before += kept;
				}
				for row in &raw {
					for (k, o) in &overflow {
						(o * &row[*k]).enforce_equal(&gadgets::zero())?;
					}
				}
				let clean = raw
					.iter()
					.map(|row| {
						slots
							.iter()
							.map(|slot| {
								let mut acc = FVar::zero();
								for (s, x) in slot.iter().zip(row) {
									acc += s * x;
								}
								acc
							})
							.collect()
					})
					.collect();
				(clean, n_raw.clone())
			}
			StepKind::DropNulls | StepKind::FilterRange | StepKind::Dedup => {
				let clean = alloc_rows(&cs, &self.clean, capacity, clean_width)?;
				let challenge = |i: u32| {
					gadgets::hash(
						Tag { domain: Domain::Challenge, a: i, b: kind as u32, c: 0 },
						&[raw_c.clone(), clean_c.clone(), params_hash.clone()],
					)
				};
				let (beta, mut gamma) = (challenge(1)?, challenge(2)?);
				let pows = powers(&beta, width)?;
				let raw_fp: Vec<FVar> = raw.iter().map(|r| fingerprint(r, &pows)).collect();

				let keep: Vec<BVar> = match kind {
					StepKind::DropNulls => {
						let checked = gadgets::mask_bits(&params[0], width)?;
						let mut keep = Vec::with_capacity(capacity);
						for (row, pad_i) in raw.iter().zip(&pad) {
							// prod over checked columns of the cell; 1 for the others
							let mut prod = FVar::one();
							for (x, c) in row.iter().zip(&checked) {
								let factor = FVar::from(c.clone()) * (x - Fr::one()) + Fr::one();
								prod *= factor;
							}
							let has_null = gadgets::is_zero(&prod)?;
							keep.push(!(has_null | pad_i.clone()));
						}
						keep
					}
					StepKind::FilterRange => {
						let sel = gadgets::one_hot(&params[0], width)?;
						let (lo, hi) = (&params[1], &params[2]);
						let mut keep = Vec::with_capacity(capacity);
						for (row, pad_i) in raw.iter().zip(&pad) {
							let x = gadgets::pick(&sel, row)?;
							let null = gadgets::is_zero(&x)?;
							let inside =
								gadgets::less_or_equal(lo, &x)? & gadgets::less_or_equal(&x, hi)?;
							keep.push(inside & !(null | pad_i.clone()));
						}
						keep
					}
					_ => {
						let (keep, gamma2) = dedup_keep(&cs, &raw_fp, &pad, &beta)?;
						gamma = gamma2;
						keep
					}
				};

				// Positions and the grand product.
				let mut n_clean = FVar::zero();
				for k in &keep {
					n_clean += FVar::from(k.clone());
				}
				let mut before = FVar::zero();
				let mut left = FVar::one();
				for (i, (k, fp)) in keep.iter().zip(&raw_fp).enumerate() {
					let kf = FVar::from(k.clone());
					let i_f = Fr::from(i as u64);
					// kept: before; dropped: n_clean + i - before
					let dropped_pos = &n_clean + i_f - &before;
					let pos = &dropped_pos + &kf * (&before + &before - &n_clean - i_f);
					let term = &gamma - pos - &kf * fp;
					left *= term;
					before += kf;
				}
				let mut right = FVar::one();
				for (j, row) in clean.iter().enumerate() {
					right *= &gamma - Fr::from(j as u64) - fingerprint(row, &pows);
				}
				left.enforce_equal(&right)?;
				(clean, n_clean)
			}
		};
		commit(&clean, clean_width, capacity, &n_clean)?.enforce_equal(&clean_c)?;
		Ok(())
	}
}

/// Keep bits for dedup (first occurrences), and the challenge the compaction product
/// must use: the keep bits are witness here, so that product's challenge is drawn after
/// them. See the module docs.
fn dedup_keep(
	cs: &ConstraintSystemRef<Fr>,
	fp: &[FVar],
	pad: &[BVar],
	beta: &FVar,
) -> Result<(Vec<BVar>, FVar), SynthesisError> {
	let n = fp.len();
	let fp_values: Vec<Fr> = fp.iter().map(|f| f.value().unwrap_or_default()).collect();
	let pad_values: Vec<bool> = pad.iter().map(|p| p.value().unwrap_or(true)).collect();
	let low_bits = 128usize;

	// Witness, all of it hashed before any challenge that checks it is drawn.
	let mut first = vec![0usize; n];
	let mut counts = vec![0u64; n];
	for i in 0..n {
		first[i] = (0..=i).find(|&j| fp_values[j] == fp_values[i] && !pad_values[j]).unwrap_or(i);
		if !pad_values[i] {
			counts[first[i]] += 1;
		}
	}
	let keep = (0..n)
		.map(|i| BVar::new_witness(cs.clone(), || Ok(!pad_values[i] && first[i] == i)))
		.collect::<Result<Vec<_>, _>>()?;
	let f = (0..n)
		.map(|i| FVar::new_witness(cs.clone(), || Ok(Fr::from(first[i] as u64))))
		.collect::<Result<Vec<_>, _>>()?;
	let m = (0..n)
		.map(|j| FVar::new_witness(cs.clone(), || Ok(Fr::from(counts[j]))))
		.collect::<Result<Vec<_>, _>>()?;
	// Sort keys: kept rows by the low 128 bits of their fingerprint, the others by
	// 2^128 + j (distinct, above every real key).
	let mut keys = Vec::with_capacity(n);
	for j in 0..n {
		let bits = fp[j].to_bits_le()?;
		let low = Boolean::le_bits_to_fp(&bits[..low_bits])?;
		let other = FVar::constant(Fr::from(2u64).pow([low_bits as u64]) + Fr::from(j as u64));
		keys.push(keep[j].select(&low, &other)?);
	}
	let key_values: Vec<Fr> = keys.iter().map(|k| k.value().unwrap_or_default()).collect();
	let mut order: Vec<usize> = (0..n).collect();
	order.sort_by_key(|&j| key_values[j].into_bigint());
	let sorted = order
		.iter()
		.map(|&j| FVar::new_witness(cs.clone(), || Ok(key_values[j])))
		.collect::<Result<Vec<_>, _>>()?;

	let mut sponge = gadgets::SpongeVar::new(Tag::new(Domain::Challenge, 3), None);
	sponge.absorb(beta)?;
	for i in 0..n {
		// f_i and keep_i in one element: 2 f_i + keep_i
		sponge.absorb(&(&f[i] + &f[i] + FVar::from(keep[i].clone())))?;
		sponge.absorb(&m[i])?;
		sponge.absorb(&sorted[i])?;
	}
	let aux = sponge.finish()?;
	let beta2 = gadgets::hash(Tag::new(Domain::Challenge, 4), core::slice::from_ref(&aux))?;
	let gamma2 = gadgets::hash(Tag::new(Domain::Challenge, 5), &[aux])?;

	// Padding rows are never kept.
	for (k, p) in keep.iter().zip(pad) {
		(FVar::from(k.clone()) * FVar::from(p.clone())).enforce_equal(&gadgets::zero())?;
	}

	// (1) Every real row i points at a kept row f_i <= i with the same fingerprint: a
	// log-derivative lookup of (f_i, fp_i) into {(j, fp_j) : j kept}.
	let index_bits = (usize::BITS - n.max(1).leading_zeros()) as usize;
	let inverse = |denom: &FVar| -> Result<FVar, SynthesisError> {
		let inv =
			FVar::new_witness(cs.clone(), || Ok(denom.value()?.inverse().unwrap_or_default()))?;
		(denom * &inv).enforce_equal(&FVar::one())?;
		Ok(inv)
	};
	let mut lhs = FVar::zero();
	let mut rhs = FVar::zero();
	for i in 0..n {
		gadgets::range_check(&(FVar::constant(Fr::from(i as u64)) - &f[i]), index_bits)?;
		let inv = inverse(&(&gamma2 - &f[i] - &beta2 * &fp[i]))?;
		lhs += gadgets::not(&pad[i]) * inv;
		(&m[i] * gadgets::not(&keep[i])).enforce_equal(&gadgets::zero())?;
		let inv = inverse(&(&gamma2 - Fr::from(i as u64) - &beta2 * &fp[i]))?;
		rhs += &m[i] * inv;
	}
	lhs.enforce_equal(&rhs)?;

	// (2) Kept fingerprints are pairwise distinct: `sorted` is a permutation of the keys
	// and strictly increasing below 2^129.
	let mut a = FVar::one();
	let mut b = FVar::one();
	for (k, s) in keys.iter().zip(&sorted) {
		a *= &gamma2 - k;
		b *= &gamma2 - s;
	}
	a.enforce_equal(&b)?;
	for s in &sorted {
		gadgets::range_check(s, low_bits + 1)?;
	}
	for w in sorted.windows(2) {
		gadgets::range_check(&(&w[1] - &w[0] - Fr::one()), low_bits + 1)?;
	}
	Ok((keep, gamma2))
}
