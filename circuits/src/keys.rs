//! Key setup and the byte forms of keys and proofs.
//!
//! Everything is compressed canonical `ark-serialize`: a proof is 192 bytes (A and C in
//! G1, B in G2); a verifying key is what [`verifying_key_bytes`] returns, the exact bytes
//! the chain stores. Parsing validates points (on the curve, in the subgroup), refuses
//! non-canonical encodings and trailing bytes, and checks the key's input count.

use crate::{circuit::Shape, Error, StepCircuit};
use ark_bls12_381::Bls12_381;
use ark_groth16::{Groth16, Proof, ProvingKey, VerifyingKey};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize, Compress, Validate};
use ark_snark::SNARK;
use blake2::{digest::consts::U32, Blake2b, Digest};
use rand::{rngs::OsRng, CryptoRng, RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;

/// Public inputs of every step circuit.
pub const PUBLIC_INPUTS: usize = 3;

/// Bytes of a compressed proof.
pub const PROOF_BYTES: usize = 192;

/// A proving and verifying key pair of one shape.
pub struct Keys {
	/// The shape the keys are for.
	pub shape: Shape,
	/// Proving key.
	pub pk: ProvingKey<Bls12_381>,
	/// Verifying key.
	pub vk: VerifyingKey<Bls12_381>,
}

/// Key setup with `rng`.
pub fn setup_with<R: RngCore + CryptoRng>(shape: Shape, rng: &mut R) -> Result<Keys, Error> {
	let (pk, vk) = Groth16::<Bls12_381>::circuit_specific_setup(StepCircuit::blank(shape), rng)
		.map_err(|e| Error::Setup(e.to_string()))?;
	Ok(Keys { shape, pk, vk })
}

/// Key setup from the operating system's randomness: the toxic waste lives only in this
/// call's memory. For a production chain, run it once per shape (better: replace it by a
/// multi-party ceremony) and publish the verifying keys.
pub fn setup(shape: Shape) -> Result<Keys, Error> {
	setup_with(shape, &mut OsRng)
}

/// **INSECURE** deterministic setup from a public seed, for dev chains and tests only:
/// anyone who knows the seed can forge proofs. The randomness is ChaCha20 seeded with
/// `BLAKE2b-256("loam insecure dev setup" ‖ seed ‖ shape)`.
pub fn insecure_dev_setup(shape: Shape, seed: &[u8]) -> Result<Keys, Error> {
	let mut h = Blake2b::<U32>::new();
	h.update(b"loam insecure dev setup");
	h.update(seed);
	h.update([shape.kind as u8]);
	h.update((shape.capacity as u64).to_le_bytes());
	h.update((shape.width as u64).to_le_bytes());
	h.update((shape.clean_width as u64).to_le_bytes());
	setup_with(shape, &mut ChaCha20Rng::from_seed(h.finalize().into()))
}

fn to_bytes<T: CanonicalSerialize>(x: &T) -> Vec<u8> {
	let mut out = Vec::with_capacity(x.compressed_size());
	// Writing into a Vec cannot fail.
	let _ = x.serialize_compressed(&mut out);
	out
}

fn from_bytes<T: CanonicalDeserialize>(bytes: &[u8], what: &'static str) -> Result<T, Error> {
	let mut reader = bytes;
	let x = T::deserialize_with_mode(&mut reader, Compress::Yes, Validate::Yes)
		.map_err(|e| Error::Malformed(what, e.to_string()))?;
	if !reader.is_empty() {
		return Err(Error::Malformed(what, format!("{} trailing bytes", reader.len())));
	}
	Ok(x)
}

/// A verifying key as the chain stores it.
pub fn verifying_key_bytes(vk: &VerifyingKey<Bls12_381>) -> Vec<u8> {
	to_bytes(vk)
}

/// Parses and validates a verifying key of a step circuit.
pub fn parse_verifying_key(bytes: &[u8]) -> Result<VerifyingKey<Bls12_381>, Error> {
	let vk: VerifyingKey<Bls12_381> = from_bytes(bytes, "verifying key")?;
	if vk.gamma_abc_g1.len() != PUBLIC_INPUTS + 1 {
		return Err(Error::Malformed(
			"verifying key",
			format!(
				"{} public inputs, a step circuit has {PUBLIC_INPUTS}",
				vk.gamma_abc_g1.len().saturating_sub(1)
			),
		));
	}
	Ok(vk)
}

/// A proving key's bytes (large: cache them on disk).
pub fn proving_key_bytes(pk: &ProvingKey<Bls12_381>) -> Vec<u8> {
	to_bytes(pk)
}

/// Parses a proving key written by [`proving_key_bytes`].
pub fn parse_proving_key(bytes: &[u8]) -> Result<ProvingKey<Bls12_381>, Error> {
	from_bytes(bytes, "proving key")
}

/// A proof's bytes.
pub fn proof_bytes(proof: &Proof<Bls12_381>) -> [u8; PROOF_BYTES] {
	let mut out = [0u8; PROOF_BYTES];
	out.copy_from_slice(&to_bytes(proof));
	out
}

/// Parses and validates a proof.
pub fn parse_proof(bytes: &[u8]) -> Result<Proof<Bls12_381>, Error> {
	if bytes.len() != PROOF_BYTES {
		return Err(Error::Malformed(
			"proof",
			format!("{} bytes, a proof has {PROOF_BYTES}", bytes.len()),
		));
	}
	from_bytes(bytes, "proof")
}
