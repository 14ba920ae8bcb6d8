//! Writes the verifying keys the dev and local presets register at genesis: for every
//! step, the circuits of the given width classes (default: 8), from the **insecure** dev
//! seed [`loam_circuits::keys::DEV_CHAIN_SEED`]. SCALE-encoded
//! `Vec<(CircuitId, Vec<u8>)>`.
//!
//! `cargo run --release -p loam-circuits --example dev_keys -- runtime/dev-keys/steps.scale [8 16 32]`
//!
//! Each key is a full setup at `CHUNK_ROWS` rows (about a minute each on 2 cores).

use codec::Encode;
use loam_circuits::{circuit::Shape, insecure_dev_setup, keys};
use loam_data::{CircuitId, CHUNK_ROWS};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
	let mut args = std::env::args().skip(1);
	let out = args.next().ok_or("usage: dev_keys <out-file> [width classes...]")?;
	let classes: Vec<u8> = args.map(|a| a.parse()).collect::<Result<_, _>>()?;
	let classes = if classes.is_empty() { vec![8] } else { classes };
	let mut all = Vec::new();
	for id in CircuitId::all().into_iter().filter(|c| classes.contains(&c.width)) {
		let t = Instant::now();
		let shape = Shape {
			kind: id.step,
			capacity: CHUNK_ROWS,
			width: id.width as usize,
			clean_width: id.clean_width as usize,
		};
		let k = insecure_dev_setup(shape, keys::DEV_CHAIN_SEED)?;
		all.push((id, keys::verifying_key_bytes(&k.vk)));
		eprintln!(
			"{:>12} {:>2} -> {:>2}: {:.1} s",
			id.step.name(),
			id.width,
			id.clean_width,
			t.elapsed().as_secs_f64()
		);
	}
	std::fs::write(&out, all.encode())?;
	println!("wrote {} keys to {out}", all.len());
	Ok(())
}
