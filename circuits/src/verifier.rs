//! Verifying proofs natively (the chain does the same through host calls).

use crate::{circuit::PublicInputs, keys, Error};
use ark_bls12_381::Bls12_381;
use ark_groth16::{PreparedVerifyingKey, Proof, VerifyingKey};
use loam_data::field;

/// Prepares a verifying key once.
pub fn prepare(vk: &VerifyingKey<Bls12_381>) -> PreparedVerifyingKey<Bls12_381> {
	loam_proof::prepare(vk)
}

/// Verifies a proof against public inputs, with the code the chain runs (`loam-proof`).
pub fn verify(
	pvk: &PreparedVerifyingKey<Bls12_381>,
	public: &PublicInputs,
	proof: &Proof<Bls12_381>,
) -> Result<bool, Error> {
	if pvk.vk.gamma_abc_g1.len() != crate::keys::PUBLIC_INPUTS + 1 {
		return Err(Error::Verify("the key does not take three public inputs".into()));
	}
	Ok(loam_proof::verify(pvk, proof, &[public.raw, public.clean, public.params_hash]))
}

/// Verifies from bytes: a verifying key, three canonical 32-byte public inputs and a
/// proof. Malformed bytes of any of them are an error, not a `false`.
pub fn verify_bytes(
	vk_bytes: &[u8],
	public: [&[u8; 32]; 3],
	proof_bytes: &[u8],
) -> Result<bool, Error> {
	let vk = keys::parse_verifying_key(vk_bytes)?;
	let proof = keys::parse_proof(proof_bytes)?;
	let public = PublicInputs {
		raw: field::from_bytes(public[0])?,
		clean: field::from_bytes(public[1])?,
		params_hash: field::from_bytes(public[2])?,
	};
	verify(&prepare(&vk), &public, &proof)
}
