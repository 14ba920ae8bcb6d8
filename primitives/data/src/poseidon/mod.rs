//! Poseidon over the BLS12-381 scalar field: the one hash of Loam's data protocol.
//!
//! **Instance.** Width `t = 17` (rate 16, capacity 1), S-box `x^5`, `R_F = 8` full rounds
//! and `R_P = 57` partial rounds, for 128-bit security. The round numbers are what the
//! Poseidon authors' `calc_round_numbers.py` (hadeshash, with the 2023/537 Gröbner bound
//! and its 7.5 % partial-round margin) yields for a 255-bit prime, `t = 17`, `alpha = 5`,
//! `M = 128`. Round constants and the Cauchy MDS matrix come from the paper's Grain LFSR
//! procedure (`generate_parameters_grain.sage`, field 1, S-box 0, n = 255): the constants
//! first by rejection sampling, then the matrix's `x` and `y` from the same stream.
//!
//! **Pinned.** `tests/poseidon.rs` regenerates the constants with that procedure and
//! compares them with [`constants`] element by element, checks the same generator
//! against the authors' published vector for `poseidonperm_x5_255_3`, and pins the
//! permutation and the sponge with Loam's own vectors. Changing any of this is a protocol
//! change (see [`crate::PROTOCOL_VERSION`]).
//!
//! **Sponge.** Every input Loam hashes has a length fixed by its domain. A hash starts
//! with the capacity element set to a [`Tag`] (protocol version, domain, and up to three
//! lengths), adds inputs into the 16 rate elements, permutes when they are full, and
//! permutes once more at the end; the output is the first rate element. Inputs of a
//! different length or domain start from a different state, so no padding is needed.

mod constants;

use crate::field::Fr;
use ark_ff::{Field, Zero};

pub use constants::{
	MDS, OPT_PARTIAL_CONSTANTS, OPT_POST_CONSTANTS, OPT_PRE_MATRIX, OPT_SPARSE, ROUND_CONSTANTS,
};

/// State width `t`.
pub const WIDTH: usize = 17;
/// Elements absorbed per permutation.
pub const RATE: usize = WIDTH - 1;
/// Full rounds `R_F` (half before, half after the partial rounds).
pub const FULL_ROUNDS: usize = 8;
/// Partial rounds `R_P`.
pub const PARTIAL_ROUNDS: usize = 57;
/// All rounds.
pub const ROUNDS: usize = FULL_ROUNDS + PARTIAL_ROUNDS;

/// The permutation state.
pub type State = [Fr; WIDTH];

/// Hash domains. Each use of the hash has its own, so outputs of different uses never
/// collide by construction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u16)]
pub enum Domain {
	/// A Utf8 cell's bytes.
	Utf8 = 1,
	/// A Category cell's label.
	Category = 2,
	/// A column name.
	ColumnName = 3,
	/// A schema's canonical encoding.
	Schema = 4,
	/// A chunk's cells.
	Chunk = 5,
	/// A node of the chunk Merkle tree.
	MerkleNode = 6,
	/// The dataset root.
	DatasetRoot = 7,
	/// A cleaning step's parameters.
	StepParams = 8,
	/// Challenges drawn inside proofs from public inputs (Fiat–Shamir).
	Challenge = 9,
}

/// The capacity element a hash starts from: protocol version, domain, and three numbers
/// that fix the input's length and shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tag {
	/// What is hashed.
	pub domain: Domain,
	/// Shape numbers, meaning fixed per domain (zero when unused).
	pub a: u32,
	/// Second shape number.
	pub b: u32,
	/// Third shape number.
	pub c: u32,
}

impl Tag {
	/// A tag with one shape number.
	pub const fn new(domain: Domain, a: u32) -> Self {
		Self { domain, a, b: 0, c: 0 }
	}

	/// The tag as a field element: `version << 112 | domain << 96 | a << 64 | b << 32 | c`.
	pub fn to_field(self) -> Fr {
		let v = (u128::from(crate::PROTOCOL_VERSION) << 112)
			| ((self.domain as u128) << 96)
			| (u128::from(self.a) << 64)
			| (u128::from(self.b) << 32)
			| u128::from(self.c);
		Fr::from(v)
	}
}

#[inline(always)]
fn sbox(x: &mut Fr) {
	let x2 = x.square();
	let x4 = x2.square();
	*x *= x4;
}

/// The permutation of any width, from flat tables: `ark` holds `rounds * t` round
/// constants, `mds` the `t * t` matrix row by row. Used with Loam's tables by
/// [`permute`] and, in tests, with other instances (the authors' `t = 3` vector).
pub fn permute_with(state: &mut [Fr], ark: &[Fr], mds: &[Fr], full: usize, partial: usize) {
	let t = state.len();
	let half = full / 2;
	let mut next = [Fr::zero(); 64];
	debug_assert!(t <= next.len() && ark.len() >= (full + partial) * t && mds.len() == t * t);
	for round in 0..full + partial {
		for (s, c) in state.iter_mut().zip(&ark[round * t..(round + 1) * t]) {
			*s += c;
		}
		if round < half || round >= half + partial {
			state.iter_mut().for_each(sbox);
		} else {
			sbox(&mut state[0]);
		}
		for (i, out) in next[..t].iter_mut().enumerate() {
			let row = &mds[i * t..(i + 1) * t];
			let mut acc = Fr::zero();
			for (m, s) in row.iter().zip(state.iter()) {
				acc += *m * s;
			}
			*out = acc;
		}
		state.copy_from_slice(&next[..t]);
	}
}

/// The permutation as the paper defines it, round by round (the reference: circuits
/// follow it, and tests check [`permute`] against it).
pub fn permute_plain(state: &mut State) {
	permute_with(
		state,
		ROUND_CONSTANTS.as_flattened(),
		MDS.as_flattened(),
		FULL_ROUNDS,
		PARTIAL_ROUNDS,
	);
}

#[inline(always)]
fn mix(state: &mut State, m: &[[Fr; WIDTH]; WIDTH]) {
	let mut next = [Fr::zero(); WIDTH];
	for (out, row) in next.iter_mut().zip(m) {
		let mut acc = Fr::zero();
		for (a, b) in row.iter().zip(state.iter()) {
			acc += *a * b;
		}
		*out = acc;
	}
	*state = next;
}

/// Loam's permutation, in the equivalent fast form of the paper's appendix B: the
/// partial rounds add one constant and multiply by a sparse matrix (33 products instead
/// of 289). Tables generated by `scripts/gen/poseidon_constants.py`.
pub fn permute(state: &mut State) {
	let half = FULL_ROUNDS / 2;
	for (r, rc) in ROUND_CONSTANTS.iter().enumerate().take(half) {
		for (s, c) in state.iter_mut().zip(rc) {
			*s += c;
			sbox(s);
		}
		mix(state, if r == half - 1 { &OPT_PRE_MATRIX } else { &MDS });
	}
	for (a, sp) in OPT_PARTIAL_CONSTANTS.iter().zip(OPT_SPARSE.iter()) {
		state[0] += a;
		sbox(&mut state[0]);
		let x0 = state[0];
		let mut y0 = sp[0] * x0;
		for (m, s) in sp[1..WIDTH].iter().zip(&state[1..]) {
			y0 += *m * s;
		}
		for (s, m) in state[1..].iter_mut().zip(&sp[WIDTH..]) {
			*s += *m * x0;
		}
		state[0] = y0;
	}
	let tail = &ROUND_CONSTANTS[half + PARTIAL_ROUNDS..ROUNDS];
	for (i, constants) in tail.iter().enumerate() {
		let rc = if i == 0 { &OPT_POST_CONSTANTS } else { constants };
		for (s, c) in state.iter_mut().zip(rc) {
			*s += c;
			sbox(s);
		}
		mix(state, &MDS);
	}
}

/// A fixed-length sponge: see the module docs.
#[derive(Clone, Debug)]
pub struct Sponge {
	state: State,
	pos: usize,
}

impl Sponge {
	/// A sponge for inputs described by `tag`.
	pub fn new(tag: Tag) -> Self {
		let mut state = [Fr::zero(); WIDTH];
		state[0] = tag.to_field();
		Self { state, pos: 0 }
	}

	/// Absorbs one element.
	#[inline]
	pub fn absorb(&mut self, x: Fr) {
		if self.pos == RATE {
			permute(&mut self.state);
			self.pos = 0;
		}
		self.state[1 + self.pos] += x;
		self.pos += 1;
	}

	/// Absorbs `n` zeros (padding rows) without touching the state where it need not.
	pub fn absorb_zeros(&mut self, mut n: usize) {
		while n > 0 {
			if self.pos == RATE {
				permute(&mut self.state);
				self.pos = 0;
			}
			let step = n.min(RATE - self.pos);
			self.pos += step;
			n -= step;
		}
	}

	/// Absorbs a slice.
	pub fn absorb_all(&mut self, xs: &[Fr]) {
		for x in xs {
			self.absorb(*x);
		}
	}

	/// The output: one final permutation, then the first rate element.
	pub fn finish(mut self) -> Fr {
		permute(&mut self.state);
		self.state[1]
	}
}

/// Hashes a fixed-length input under `tag`.
pub fn hash(tag: Tag, inputs: &[Fr]) -> Fr {
	let mut sponge = Sponge::new(tag);
	sponge.absorb_all(inputs);
	sponge.finish()
}

/// Hashes a byte string: bytes packed little-endian, 31 to an element (always below the
/// modulus), under a tag that carries the domain and the byte length.
pub fn hash_bytes(domain: Domain, bytes: &[u8]) -> Fr {
	let len = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
	let mut sponge = Sponge::new(Tag::new(domain, len));
	for piece in bytes.chunks(31) {
		sponge.absorb(crate::field::from_le_bytes_31(piece));
	}
	sponge.finish()
}
