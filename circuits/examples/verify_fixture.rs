//! Native arkworks verification of the attestation benchmark's fixture proof: the
//! baseline `scripts/bench/attestations.sh` sets beside the on-chain weights. Times,
//! as the chain does them, parsing the proof from the bytes a call carries (uncompressed,
//! validated) and verifying it: one proof alone, and batches of 1 to 16 with
//! `loam_proof::batch_verify`; and one proof parsed from its compressed form.
//!
//! `cargo run --release -p loam-circuits --example verify_fixture -- <fixture> [runs]`
//! prints one JSON object: `{"single_us": …, "batch_us": {"1": …, …, "16": …}}`.

use ark_bls12_381::Bls12_381;
use codec::Decode;
use loam_data::{field, Step};
use std::time::Instant;

type Fixture = (Vec<u8>, Vec<u8>, Vec<u8>, [u8; 32], [u8; 32], Vec<u8>);

fn median(mut v: Vec<f64>) -> f64 {
	v.sort_by(f64::total_cmp);
	v[v.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
	let mut args = std::env::args().skip(1);
	let path = args.next().ok_or("usage: verify_fixture <fixture> [runs]")?;
	let runs: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(50);
	let (_, step, vk, raw, clean, proof) = Fixture::decode(&mut &std::fs::read(path)?[..])?;
	let step = Step::decode(&mut &step[..])?;
	let vk = loam_proof::parse_verifying_key::<Bls12_381>(&vk).map_err(|e| e.to_string())?;
	let pvk = loam_proof::prepare(&vk);
	let inputs = [field::from_bytes(&raw)?, field::from_bytes(&clean)?, step.params_hash()];
	let parsed = loam_proof::parse_proof::<Bls12_381>(&proof).map_err(|e| e.to_string())?;
	let uncompressed = loam_proof::proof_bytes_uncompressed(&parsed);
	let time = |n: usize, compressed: bool| -> f64 {
		let weights: Vec<u128> = (0..n as u128).map(|i| (i << 64) | 0xdead_beef1).collect();
		median(
			(0..runs)
				.map(|_| {
					let t = Instant::now();
					let parse = || {
						if compressed {
							loam_proof::parse_proof::<Bls12_381>(&proof).unwrap()
						} else {
							loam_proof::parse_proof_uncompressed::<Bls12_381>(&uncompressed)
								.unwrap()
						}
					};
					let batch: Vec<_> = (0..n).map(|_| (parse(), inputs)).collect();
					let ok = if n == 0 {
						loam_proof::verify(&pvk, &parse(), &inputs)
					} else {
						loam_proof::batch_verify(&pvk, &batch, &weights) == Ok(true)
					};
					assert!(ok);
					t.elapsed().as_secs_f64() * 1e6
				})
				.collect(),
		)
	};
	// The chain's form (uncompressed) is the baseline; the compressed form is shown too.
	let single = time(0, false);
	let single_compressed = time(0, true);
	let batches: Vec<String> =
		(1..=16).map(|n| format!("\"{n}\": {:.1}", time(n, false))).collect();
	println!(
		"{{\"single_us\": {single:.1}, \"single_compressed_us\": {single_compressed:.1}, \"batch_us\": {{{}}}}}",
		batches.join(", ")
	);
	Ok(())
}
