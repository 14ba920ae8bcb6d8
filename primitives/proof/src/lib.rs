//! # loam-proof: verifying cleaning-step proofs
//!
//! The one place that says what a Loam proof and verifying key look like as bytes and how
//! they are checked. A proof shows that one committed chunk became another under a
//! cleaning step (the **clean** stage of the loop); the client checks its own proofs with
//! this crate natively (through `loam-circuits`), and the attestation pallet checks them
//! on chain with the same code over `sp-crypto-ec-utils`' BLS12-381, whose pairings and
//! multiplications run as host calls.
//!
//! Everything is generic over the [`Pairing`], so both use the same parsing rules and the
//! same arithmetic:
//!
//! - [`parse_verifying_key`], [`parse_proof`]: compressed canonical `ark-serialize`,
//!   points validated (on the curve, in the subgroup), no trailing bytes, exactly
//!   [`PUBLIC_INPUTS`] public inputs;
//! - [`prepare`], [`prepared_key_bytes`], [`parse_prepared_key`]: a key is validated and
//!   prepared once, then stored prepared;
//! - [`verify`] and [`batch_verify`]: one proof, or many proofs under one key with one
//!   multi-Miller loop and one final exponentiation, combined by random weights that the
//!   caller draws from data the prover cannot choose.
//!
//! `no_std`; nothing in it panics on any input.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

use alloc::vec::Vec;
use ark_ec::{pairing::Pairing, AffineRepr, CurveGroup};
use ark_ff::{One, Zero};
pub use ark_groth16::{PreparedVerifyingKey, Proof, VerifyingKey};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize, Compress, Validate};

/// Public inputs of every step circuit: raw chunk commitment, clean chunk commitment,
/// hash of the step's parameters.
pub const PUBLIC_INPUTS: usize = 3;

/// Bytes of a compressed proof (A and C in G1, B in G2).
pub const PROOF_BYTES: usize = 192;

/// Bytes of an uncompressed proof: what the chain takes, since decompressing a point needs
/// a square root that the wasm runtime would compute without host calls.
pub const PROOF_BYTES_UNCOMPRESSED: usize = 384;

/// Bytes of a compressed verifying key of a step circuit.
pub const VERIFYING_KEY_BYTES: usize = 48 + 3 * 96 + 8 + (PUBLIC_INPUTS + 1) * 48;

/// Why bytes were refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error {
	/// Not a proof of [`PROOF_BYTES`] bytes.
	ProofLength,
	/// A point that does not decode: not on the curve, not in the subgroup, bad flags or
	/// a coordinate that is not canonical.
	InvalidPoint,
	/// Bytes left over after the value.
	TrailingBytes,
	/// A verifying key for another number of public inputs.
	InputCount,
	/// Stored prepared-key bytes that do not decode.
	PreparedKey,
	/// A batch with no proofs, or weights that do not match the proofs.
	BatchShape,
}

impl core::fmt::Display for Error {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		f.write_str(match self {
			Error::ProofLength => "a proof has 192 bytes compressed, 384 uncompressed",
			Error::InvalidPoint => {
				"a point is not valid (off the curve or subgroup, bad flags, non-canonical)"
			}
			Error::TrailingBytes => "bytes left over after the value",
			Error::InputCount => "the key is not for three public inputs",
			Error::PreparedKey => "stored prepared key does not decode",
			Error::BatchShape => "a batch needs one weight per proof and at least one proof",
		})
	}
}

fn decode<T: CanonicalDeserialize>(
	bytes: &[u8],
	compress: Compress,
	validate: Validate,
) -> Result<T, Error> {
	let mut reader = bytes;
	let x = T::deserialize_with_mode(&mut reader, compress, validate)
		.map_err(|_| Error::InvalidPoint)?;
	if !reader.is_empty() {
		return Err(Error::TrailingBytes);
	}
	Ok(x)
}

fn encode<T: CanonicalSerialize>(x: &T, compress: Compress) -> Vec<u8> {
	let mut out = Vec::with_capacity(x.serialized_size(compress));
	// Writing into a Vec cannot fail.
	let _ = x.serialize_with_mode(&mut out, compress);
	out
}

/// A verifying key's canonical bytes (compressed): what `register_circuit` takes.
pub fn verifying_key_bytes<E: Pairing>(vk: &VerifyingKey<E>) -> Vec<u8> {
	encode(vk, Compress::Yes)
}

/// Parses and validates a step circuit's verifying key.
pub fn parse_verifying_key<E: Pairing>(bytes: &[u8]) -> Result<VerifyingKey<E>, Error> {
	let vk: VerifyingKey<E> = decode(bytes, Compress::Yes, Validate::Yes)?;
	if vk.gamma_abc_g1.len() != PUBLIC_INPUTS + 1 {
		return Err(Error::InputCount);
	}
	Ok(vk)
}

/// A proof's bytes in a fixed-size array of `N` bytes (the proof's size in that form).
fn proof_array<const N: usize, E: Pairing>(proof: &Proof<E>, compress: Compress) -> [u8; N] {
	let mut out = [0u8; N];
	let bytes = encode(proof, compress);
	if bytes.len() == N {
		out.copy_from_slice(&bytes);
	}
	out
}

/// Parses and validates a proof of exactly `len` bytes.
fn parse_proof_as<E: Pairing>(
	bytes: &[u8],
	len: usize,
	compress: Compress,
) -> Result<Proof<E>, Error> {
	if bytes.len() != len {
		return Err(Error::ProofLength);
	}
	decode(bytes, compress, Validate::Yes)
}

/// A proof's canonical bytes (compressed).
pub fn proof_bytes<E: Pairing>(proof: &Proof<E>) -> [u8; PROOF_BYTES] {
	proof_array(proof, Compress::Yes)
}

/// Parses and validates a proof.
pub fn parse_proof<E: Pairing>(bytes: &[u8]) -> Result<Proof<E>, Error> {
	parse_proof_as(bytes, PROOF_BYTES, Compress::Yes)
}

/// A proof's canonical uncompressed bytes (the form the attestation pallet takes).
pub fn proof_bytes_uncompressed<E: Pairing>(proof: &Proof<E>) -> [u8; PROOF_BYTES_UNCOMPRESSED] {
	proof_array(proof, Compress::No)
}

/// Parses and validates an uncompressed proof: coordinates canonical, points on the curve
/// and in the subgroup, no trailing bytes.
pub fn parse_proof_uncompressed<E: Pairing>(bytes: &[u8]) -> Result<Proof<E>, Error> {
	parse_proof_as(bytes, PROOF_BYTES_UNCOMPRESSED, Compress::No)
}

/// Prepares a validated verifying key (one pairing).
pub fn prepare<E: Pairing>(vk: &VerifyingKey<E>) -> PreparedVerifyingKey<E> {
	ark_groth16::prepare_verifying_key(vk)
}

/// A prepared key in the form the chain stores: uncompressed, so that loading it does no
/// square roots; it is only ever written from a key [`parse_verifying_key`] accepted.
pub fn prepared_key_bytes<E: Pairing>(pvk: &PreparedVerifyingKey<E>) -> Vec<u8> {
	encode(pvk, Compress::No)
}

/// Loads a prepared key written by [`prepared_key_bytes`]. Points are not re-validated:
/// they were validated before they were stored.
pub fn parse_prepared_key<E: Pairing>(bytes: &[u8]) -> Result<PreparedVerifyingKey<E>, Error> {
	let pvk: PreparedVerifyingKey<E> =
		decode(bytes, Compress::No, Validate::No).map_err(|_| Error::PreparedKey)?;
	if pvk.vk.gamma_abc_g1.len() != PUBLIC_INPUTS + 1 {
		return Err(Error::PreparedKey);
	}
	Ok(pvk)
}

/// `s·gamma_abc[0] + Σ gamma_abc[j+1]·x_j`: one multi-scalar multiplication (one host
/// call on chain).
fn combine_inputs<E: Pairing>(
	pvk: &PreparedVerifyingKey<E>,
	s: E::ScalarField,
	inputs: &[E::ScalarField; PUBLIC_INPUTS],
) -> E::G1 {
	let mut scalars = [s; PUBLIC_INPUTS + 1];
	scalars[1..].copy_from_slice(inputs);
	<E::G1 as ark_ec::VariableBaseMSM>::msm(&pvk.vk.gamma_abc_g1, &scalars)
		.unwrap_or_else(|_| E::G1::zero())
}

/// Verifies one proof. `pvk` must come from [`prepare`] or [`parse_prepared_key`].
pub fn verify<E: Pairing>(
	pvk: &PreparedVerifyingKey<E>,
	proof: &Proof<E>,
	inputs: &[E::ScalarField; PUBLIC_INPUTS],
) -> bool {
	if pvk.vk.gamma_abc_g1.len() != PUBLIC_INPUTS + 1 {
		return false;
	}
	let acc = combine_inputs(pvk, E::ScalarField::one(), inputs);
	let g1: [E::G1Prepared; 3] = [proof.a.into(), acc.into_affine().into(), proof.c.into()];
	let g2: [E::G2Prepared; 3] =
		[proof.b.into(), pvk.gamma_g2_neg_pc.clone(), pvk.delta_g2_neg_pc.clone()];
	let ml = E::multi_miller_loop(g1, g2);
	E::final_exponentiation(ml).is_some_and(|t| t.0 == pvk.alpha_g1_beta_g2)
}

/// Verifies `proofs` under one key at once: with weights `r_i`,
/// `Π e(r_i·A_i, B_i) · e(−Σr_i·α, β) · e(Σr_i·L_i, −γ) · e(Σr_i·C_i, −δ) = 1`,
/// one multi-Miller loop of `n + 3` pairs and one final exponentiation instead of `n`
/// of each. If any proof is invalid the check fails except with probability about
/// `2^-128` over the weights, so the weights must be unpredictable to the prover: derive
/// them from data it cannot choose (the chain uses the parent block hash and the call).
/// A zero weight is refused.
pub fn batch_verify<E: Pairing>(
	pvk: &PreparedVerifyingKey<E>,
	proofs: &[(Proof<E>, [E::ScalarField; PUBLIC_INPUTS])],
	weights: &[u128],
) -> Result<bool, Error> {
	if proofs.is_empty() || proofs.len() != weights.len() || weights.contains(&0) {
		return Err(Error::BatchShape);
	}
	if pvk.vk.gamma_abc_g1.len() != PUBLIC_INPUTS + 1 {
		return Err(Error::PreparedKey);
	}
	if let [(proof, inputs)] = proofs {
		return Ok(verify(pvk, proof, inputs));
	}
	let n = proofs.len();
	let mut g1 = Vec::with_capacity(n + 3);
	let mut g2 = Vec::with_capacity(n + 3);
	let mut sum_r = E::ScalarField::zero();
	let mut sum_inputs = [E::ScalarField::zero(); PUBLIC_INPUTS];
	let mut cs = Vec::with_capacity(n);
	let mut rs = Vec::with_capacity(n);
	for ((proof, inputs), &w) in proofs.iter().zip(weights) {
		let r = E::ScalarField::from(w);
		g1.push((proof.a.into_group() * r).into_affine());
		g2.push(proof.b);
		sum_r += r;
		for (s, x) in sum_inputs.iter_mut().zip(inputs) {
			*s += r * x;
		}
		cs.push(proof.c);
		rs.push(r);
	}
	let vk = &pvk.vk;
	let sum_c = <E::G1 as ark_ec::VariableBaseMSM>::msm(&cs, &rs).map_err(|_| Error::BatchShape)?;
	let sum_l = combine_inputs(pvk, sum_r, &sum_inputs);
	let mut g1: Vec<E::G1Prepared> = g1.into_iter().map(Into::into).collect();
	let mut g2: Vec<E::G2Prepared> = g2.into_iter().map(Into::into).collect();
	g1.push((-(vk.alpha_g1.into_group() * sum_r)).into_affine().into());
	g2.push(vk.beta_g2.into());
	g1.push(sum_l.into_affine().into());
	g2.push(pvk.gamma_g2_neg_pc.clone());
	g1.push(sum_c.into_affine().into());
	g2.push(pvk.delta_g2_neg_pc.clone());
	let ml = E::multi_miller_loop(g1, g2);
	Ok(E::final_exponentiation(ml).is_some_and(|t| t.0.is_one()))
}
