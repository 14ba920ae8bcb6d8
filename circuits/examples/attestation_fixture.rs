//! Writes the proof fixture that pallet-attestations' FRAME benchmarks verify: a real
//! clamp proof over 8 Int64 columns (at a 6-row capacity: verification costs the same
//! at any circuit size, since it sees only three public inputs), with its key, schema,
//! step and public inputs, SCALE-encoded as
//! `(schema, step, verifying_key, raw, clean, proof)`.
//!
//! `cargo run --release -p loam-circuits --example attestation_fixture -- <out-file>`

use codec::Encode;
use loam_circuits::{
	circuit::{Shape, StepCircuit},
	insecure_dev_setup, keys, prover, verifier,
};
use loam_data::{field, Chunk, Column, ColumnData, ColumnType, Schema, Step};

fn main() -> Result<(), Box<dyn std::error::Error>> {
	let out = std::env::args().nth(1).ok_or("usage: attestation_fixture <out-file>")?;
	let schema = Schema::new(
		(0..8).map(|i| Column::new(&format!("c{i}"), ColumnType::Int64, true)).collect(),
	)?;
	let step = Step::Clamp { column: 0, lo: -100, hi: 100 };
	let (id, _) = step.circuit(&schema)?;
	let shape = Shape {
		kind: id.step,
		capacity: 6,
		width: id.width as usize,
		clean_width: id.clean_width as usize,
	};
	let k = insecure_dev_setup(shape, b"loam benchmark fixture")?;
	let chunk = Chunk {
		columns: (0..8i64)
			.map(|c| ColumnData::Int64(vec![Some(c * 1000), None, Some(-c * 7), Some(5), Some(c)]))
			.collect(),
	};
	let circuit = StepCircuit::new(shape, &step, chunk.cells(&schema));
	let public = circuit.public;
	let proof = prover::prove_circuit(&k, circuit)?;
	assert!(verifier::verify(&verifier::prepare(&k.vk), &public, &proof)?);
	let fixture = (
		schema.encode(),
		step.encode(),
		keys::verifying_key_bytes(&k.vk),
		field::to_bytes(&public.raw),
		field::to_bytes(&public.clean),
		keys::proof_bytes(&proof).to_vec(),
	);
	std::fs::write(&out, fixture.encode())?;
	println!("wrote {out}");
	Ok(())
}
