//! Proving one chunk.

use crate::{circuit::PublicInputs, keys::Keys, native, Error, Shape, StepCircuit};
use ark_bls12_381::Bls12_381;
use ark_groth16::{Groth16, Proof};
use ark_snark::SNARK;
use loam_data::{Chunk, Schema, Step};
use rand::rngs::OsRng;

/// A chunk's proof with its public inputs and the clean chunk it proves.
pub struct ChunkProof {
	/// The proof.
	pub proof: Proof<Bls12_381>,
	/// Raw and clean commitments and the parameter hash.
	pub public: PublicInputs,
	/// The clean chunk.
	pub clean: Chunk,
}

/// Applies `step` to a raw chunk of `schema` and proves it with `keys`.
pub fn prove_chunk(
	keys: &Keys,
	step: &Step,
	schema: &Schema,
	raw: &Chunk,
) -> Result<ChunkProof, Error> {
	let clean_schema = step.validate(schema)?;
	let shape = keys.shape;
	if step.kind() != shape.kind
		|| schema.width_class() != shape.width
		|| clean_schema.width_class() != shape.clean_width
	{
		return Err(Error::WrongKeys);
	}
	raw.validate(schema, shape.capacity)?;
	let clean = native::apply(step, schema, raw)?;
	let circuit = StepCircuit::new(shape, step, raw.cells(schema));
	let public = circuit.public;
	let proof = Groth16::<Bls12_381>::prove(&keys.pk, circuit, &mut OsRng)
		.map_err(|e| Error::Prove(e.to_string()))?;
	Ok(ChunkProof { proof, public, clean })
}

/// Proves a prepared circuit (its shape must be the keys').
pub fn prove_circuit(keys: &Keys, circuit: StepCircuit) -> Result<Proof<Bls12_381>, Error> {
	if circuit.shape != keys.shape {
		return Err(Error::WrongKeys);
	}
	Groth16::<Bls12_381>::prove(&keys.pk, circuit, &mut OsRng)
		.map_err(|e| Error::Prove(e.to_string()))
}

/// The protocol shape for a step on a schema.
pub fn shape_for(step: &Step, schema: &Schema) -> Result<Shape, Error> {
	let clean = step.validate(schema)?;
	Ok(Shape {
		kind: step.kind(),
		capacity: loam_data::CHUNK_ROWS,
		width: schema.width_class(),
		clean_width: clean.width_class(),
	})
}
