//! The BLS12-381 scalar field and its canonical 32-byte form.
//!
//! Commitments, roots and hashes travel as 32 bytes, little-endian, strictly below the
//! modulus. [`from_bytes`] refuses anything else, so every element has exactly one
//! encoding on the wire and on chain.

use crate::Error;
use ark_ff::{BigInteger, PrimeField};

/// The field every commitment lives in.
pub type Fr = ark_bls12_381::Fr;

/// A field element in its canonical wire form.
pub type Bytes32 = [u8; 32];

/// The canonical little-endian bytes of `x`.
pub fn to_bytes(x: &Fr) -> Bytes32 {
	let mut out = [0u8; 32];
	out.copy_from_slice(&x.into_bigint().to_bytes_le());
	out
}

/// Parses canonical bytes; a value at or above the modulus is an error.
pub fn from_bytes(bytes: &Bytes32) -> Result<Fr, Error> {
	let mut limbs = [0u64; 4];
	for (limb, piece) in limbs.iter_mut().zip(bytes.chunks_exact(8)) {
		let mut b = [0u8; 8];
		b.copy_from_slice(piece);
		*limb = u64::from_le_bytes(b);
	}
	Fr::from_bigint(ark_ff::BigInt::new(limbs)).ok_or(Error::NonCanonicalField)
}

/// Up to 31 little-endian bytes as an element (never reduced: below 2^248).
pub(crate) fn from_le_bytes_31(piece: &[u8]) -> Fr {
	debug_assert!(piece.len() <= 31);
	let mut b = [0u8; 32];
	b[..piece.len()].copy_from_slice(piece);
	Fr::from_le_bytes_mod_order(&b)
}
