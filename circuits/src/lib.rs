//! # loam-circuits: cleaning steps proved in zero knowledge
//!
//! The **clean** stage of Loam's loop. A cleaner applies a [`loam_data::Step`] to each
//! chunk of a registered dataset and proves, chunk by chunk, with Groth16 over
//! BLS12-381, that the clean chunk is exactly the step applied to the raw chunk, rows in
//! order. The chain verifies those proofs against the chunk commitments under the two
//! dataset roots and records the child version as `step(parent)`.
//!
//! One file a concern, as in `ark-groth16`:
//!
//! - [`native`]: the steps on chunks and on encoded cells, the semantics the circuits
//!   enforce (the client cleans with these);
//! - [`gadgets`]: Poseidon, comparisons and selectors in constraints;
//! - [`circuit`]: the step circuit, its [`Shape`] and [`PublicInputs`];
//! - [`keys`]: setup (from OS randomness, or an insecure seeded mode for dev chains),
//!   and the byte forms of keys and proofs;
//! - [`prover`] and [`verifier`].
//!
//! A circuit is fixed by its [`Shape`]: step kind, chunk capacity, raw and clean width
//! classes. On chain the capacity is [`loam_data::CHUNK_ROWS`]; tests use small
//! capacities so that real proofs stay fast.

#![warn(missing_docs)]

pub mod circuit;
pub mod gadgets;
pub mod keys;
pub mod native;
pub mod prover;
pub mod verifier;

pub use circuit::{PublicInputs, Shape, StepCircuit};
pub use keys::{insecure_dev_setup, setup, Keys};
pub use prover::{prove_chunk, shape_for, ChunkProof};
pub use verifier::{prepare, verify, verify_bytes};

/// Why setup, proving or verification failed.
#[derive(Debug)]
pub enum Error {
	/// The data or the step was refused.
	Data(loam_data::Error),
	/// Keys of another shape than the step and schema need.
	WrongKeys,
	/// Key setup failed.
	Setup(String),
	/// No proof: the witness does not satisfy the circuit.
	Prove(String),
	/// Verification could not run.
	Verify(String),
	/// Bytes that are not a valid key or proof.
	Malformed(&'static str, String),
}

impl From<loam_data::Error> for Error {
	fn from(e: loam_data::Error) -> Self {
		Error::Data(e)
	}
}

impl std::fmt::Display for Error {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		match self {
			Error::Data(e) => write!(f, "{e}"),
			Error::WrongKeys => write!(f, "these keys are for another step or width class"),
			Error::Setup(e) => write!(f, "key setup failed: {e}"),
			Error::Prove(e) => write!(f, "proving failed: {e}"),
			Error::Verify(e) => write!(f, "verification failed: {e}"),
			Error::Malformed(what, e) => write!(f, "malformed {what}: {e}"),
		}
	}
}

impl std::error::Error for Error {}
