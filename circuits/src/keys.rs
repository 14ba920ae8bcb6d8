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

pub use loam_proof::{PROOF_BYTES, PUBLIC_INPUTS};

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

/// The public seed of the dev chains' keys (`development` and `local_testnet` presets):
/// [`insecure_dev_setup`] with it gives the proving keys that match the verifying keys
/// those presets register.
pub const DEV_CHAIN_SEED: &[u8] = b"loam insecure dev chain";

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

fn malformed(what: &'static str) -> impl Fn(loam_proof::Error) -> Error {
	move |e| Error::Malformed(what, e.to_string())
}

/// A verifying key as the chain stores it.
pub fn verifying_key_bytes(vk: &VerifyingKey<Bls12_381>) -> Vec<u8> {
	loam_proof::verifying_key_bytes(vk)
}

/// Parses and validates a verifying key of a step circuit.
pub fn parse_verifying_key(bytes: &[u8]) -> Result<VerifyingKey<Bls12_381>, Error> {
	loam_proof::parse_verifying_key(bytes).map_err(malformed("verifying key"))
}

fn write_proving_key(pk: &ProvingKey<Bls12_381>, compress: Compress) -> Vec<u8> {
	let mut out = Vec::with_capacity(pk.serialized_size(compress));
	// Writing into a Vec cannot fail.
	let _ = pk.serialize_with_mode(&mut out, compress);
	out
}

fn read_proving_key(
	bytes: &[u8],
	compress: Compress,
	validate: Validate,
) -> Result<ProvingKey<Bls12_381>, Error> {
	let mut reader = bytes;
	let pk = ProvingKey::deserialize_with_mode(&mut reader, compress, validate)
		.map_err(|e| Error::Malformed("proving key", e.to_string()))?;
	if !reader.is_empty() {
		return Err(Error::Malformed("proving key", format!("{} trailing bytes", reader.len())));
	}
	Ok(pk)
}

/// A proving key's bytes (large: cache them on disk).
pub fn proving_key_bytes(pk: &ProvingKey<Bls12_381>) -> Vec<u8> {
	write_proving_key(pk, Compress::Yes)
}

/// Parses a proving key written by [`proving_key_bytes`].
pub fn parse_proving_key(bytes: &[u8]) -> Result<ProvingKey<Bls12_381>, Error> {
	read_proving_key(bytes, Compress::Yes, Validate::Yes)
}

/// A proving key's bytes for a local cache: uncompressed, so that loading it needs no
/// square roots (about 2x the size of [`proving_key_bytes`], many times faster to load).
pub fn proving_key_cache_bytes(pk: &ProvingKey<Bls12_381>) -> Vec<u8> {
	write_proving_key(pk, Compress::No)
}

/// Loads a proving key written by [`proving_key_cache_bytes`] without checking its points
/// (subgroup checks of millions of points would take minutes). Only for a cache the
/// prover wrote itself: a corrupted key cannot forge anything, it only yields proofs that
/// every verifier refuses.
pub fn parse_proving_key_cache(bytes: &[u8]) -> Result<ProvingKey<Bls12_381>, Error> {
	read_proving_key(bytes, Compress::No, Validate::No)
}

/// A proof's bytes.
pub fn proof_bytes(proof: &Proof<Bls12_381>) -> [u8; PROOF_BYTES] {
	loam_proof::proof_bytes(proof)
}

/// Parses and validates a proof.
pub fn parse_proof(bytes: &[u8]) -> Result<Proof<Bls12_381>, Error> {
	loam_proof::parse_proof(bytes).map_err(malformed("proof"))
}
