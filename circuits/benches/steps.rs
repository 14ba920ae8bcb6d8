//! Per step, with 8 Int64 columns: constraints per row, key setup and proving time for a
//! full chunk, rows/s, verification time and proof size, all in one run.
//!
//! `cargo bench -p loam-circuits --bench steps` (full chunks of CHUNK_ROWS rows; several
//! minutes per step on 2 cores). Options: `--rows N` proves chunks of N rows instead,
//! `--step NAME` runs one step (drop-nulls, filter-range, clamp, fill-null, dedup,
//! drop-columns), `--count-only` prints constraint counts without proving,
//! `--verify-only` times 1000 verifications (their cost does not depend on the chunk
//! size: three public inputs, three pairings) and prints min, median and mean.

use ark_relations::gr1cs::{ConstraintSynthesizer, ConstraintSystem};
use loam_circuits::{circuit::Shape, insecure_dev_setup, keys, prover, verifier, StepCircuit};
use loam_data::{
	step::StepKind, Chunk, Column, ColumnData, ColumnType, Fr, Schema, Step, Value, CHUNK_ROWS,
};
use std::time::Instant;

fn schema() -> Schema {
	Schema::new((0..8).map(|i| Column::new(&format!("c{i}"), ColumnType::Int64, true)).collect())
		.expect("valid schema")
}

/// A chunk with 5% nulls, a few duplicates and a wide value range.
fn chunk(rows: usize) -> Chunk {
	let mut x: u64 = 0x2545_f491_4f6c_dd1d;
	let mut next = move || {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		x
	};
	let base: Vec<Vec<Option<i64>>> = (0..8)
		.map(|_| {
			(0..rows)
				.map(|_| {
					let v = next();
					(v % 20 != 0).then_some((v >> 40) as i64 - (1 << 23))
				})
				.collect()
		})
		.collect();
	// Every 10th row repeats the row before it.
	let columns = base
		.into_iter()
		.map(|mut c| {
			for r in (10..rows).step_by(10) {
				c[r] = c[r - 1];
			}
			ColumnData::Int64(c)
		})
		.collect();
	Chunk { columns }
}

fn step_of(kind: StepKind) -> Step {
	match kind {
		StepKind::DropNulls => Step::DropNulls { columns: vec![0, 3] },
		StepKind::FilterRange => Step::FilterRange { column: 2, lo: -4_000_000, hi: 4_000_000 },
		StepKind::Clamp => Step::Clamp { column: 1, lo: -1_000_000, hi: 1_000_000 },
		StepKind::FillNull => Step::FillNull { column: 4, value: Value::Int64(0) },
		StepKind::Dedup => Step::Dedup,
		StepKind::DropColumns => Step::DropColumns { columns: vec![1, 5] },
	}
}

/// Constraints and non-zero matrix entries.
fn constraints(c: StepCircuit) -> (usize, usize) {
	let cs = ConstraintSystem::<Fr>::new_ref();
	c.generate_constraints(cs.clone()).expect("synthesis");
	cs.finalize();
	let nnz = cs
		.to_matrices()
		.expect("matrices")
		.values()
		.flat_map(|ms| ms.iter())
		.map(|m| m.iter().map(|row| row.len()).sum::<usize>())
		.sum();
	(cs.num_constraints(), nnz)
}

fn main() {
	let args: Vec<String> = std::env::args().collect();
	let arg =
		|name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
	let rows: usize = arg("--rows").and_then(|r| r.parse().ok()).unwrap_or(CHUNK_ROWS);
	let only = arg("--step");
	let count_only = args.iter().any(|a| a == "--count-only");
	if args.iter().any(|a| a == "--verify-only") {
		verify_only();
		return;
	}
	let schema = schema();
	let raw = chunk(rows);
	println!("threads: {}, 8 Int64 columns, chunks of {rows} rows", rayon_threads());
	println!(
		"{:<13} {:>12} {:>11} {:>9} {:>10} {:>10} {:>10} {:>7}",
		"step", "constraints", "per row", "setup s", "prove s", "rows/s", "verify ms", "proof B"
	);
	for kind in StepKind::ALL {
		if only.as_deref().is_some_and(|o| o != kind.name()) {
			continue;
		}
		let step = step_of(kind);
		let clean_schema = step.validate(&schema).expect("valid step");
		let shape = Shape {
			kind,
			capacity: rows,
			width: schema.width_class(),
			clean_width: clean_schema.width_class(),
		};
		let circuit = StepCircuit::new(shape, &step, raw.cells(&schema));
		let (n, nnz) = constraints(circuit.clone());
		if count_only {
			println!(
				"{:<13} {:>12} {:>11.1}   non-zero entries {nnz}",
				kind.name(),
				n,
				n as f64 / rows as f64
			);
			continue;
		}
		let t = Instant::now();
		let k = insecure_dev_setup(shape, b"bench").expect("setup");
		let setup_s = t.elapsed().as_secs_f64();
		let public = circuit.public;
		let t = Instant::now();
		let proof = prover::prove_circuit(&k, circuit).expect("prove");
		let prove_s = t.elapsed().as_secs_f64();
		let pvk = verifier::prepare(&k.vk);
		let reps = 50;
		let t = Instant::now();
		for _ in 0..reps {
			assert!(verifier::verify(&pvk, &public, &proof).expect("verify"));
		}
		let verify_ms = t.elapsed().as_secs_f64() * 1000.0 / reps as f64;
		println!(
			"{:<13} {:>12} {:>11.1} {:>9.1} {:>10.2} {:>10.0} {:>10.2} {:>7}",
			kind.name(),
			n,
			n as f64 / rows as f64,
			setup_s,
			prove_s,
			rows as f64 / prove_s,
			verify_ms,
			keys::proof_bytes(&proof).len()
		);
	}
}

fn verify_only() {
	let schema = schema();
	let step = step_of(StepKind::Clamp);
	let shape = Shape { kind: StepKind::Clamp, capacity: 8, width: 8, clean_width: 8 };
	let circuit = StepCircuit::new(shape, &step, chunk(8).cells(&schema));
	let public = circuit.public;
	let k = insecure_dev_setup(shape, b"bench").expect("setup");
	let proof = prover::prove_circuit(&k, circuit).expect("prove");
	let pvk = verifier::prepare(&k.vk);
	let stats = |f: &dyn Fn() -> bool| {
		let mut times: Vec<f64> = (0..1000)
			.map(|_| {
				let t = Instant::now();
				assert!(f());
				t.elapsed().as_secs_f64() * 1000.0
			})
			.collect();
		times.sort_by(f64::total_cmp);
		(times[0], times[times.len() / 2], times.iter().sum::<f64>() / times.len() as f64)
	};
	let ours = stats(&|| verifier::verify(&pvk, &public, &proof).expect("verify"));
	let baseline = stats(&|| {
		ark_groth16::Groth16::<ark_bls12_381::Bls12_381>::verify_proof(
			&pvk,
			&proof,
			&public.to_vec(),
		)
		.expect("verify")
	});
	println!("verification of one proof with a prepared key, 1000 runs each:");
	for (name, (min, median, mean)) in
		[("loam verifier", ours), ("ark-groth16 verify_proof", baseline)]
	{
		println!("  {name:<25} min {min:.3} ms  median {median:.3} ms  mean {mean:.3} ms");
	}
	println!("  median ratio loam / ark-groth16: {:.2}", ours.1 / baseline.1);
}

fn rayon_threads() -> usize {
	std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}
