//! Commitment throughput: the dataset root of 8 Int64 columns at 100k and 1M rows, beside
//! BLAKE2-256 over the same chunk bytes (the floor of a non-ZK commitment), in one run.
//!
//! `cargo bench -p loam-data --bench commitment` (add `-- --quick` for 100k rows only).
//! Prints a table; the figures are in the crate's README.

use blake2::{digest::consts::U32, Blake2b, Digest};
use codec::Encode;
use loam_data::{
	io::commit_chunks, Chunk, Column, ColumnData, ColumnType, DatasetBuilder, Schema, CHUNK_ROWS,
};
use rayon::prelude::*;
use std::time::Instant;

fn data(rows: usize) -> (Schema, Vec<Chunk>) {
	let schema = Schema::new(
		(0..8).map(|i| Column::new(&format!("c{i}"), ColumnType::Int64, true)).collect(),
	)
	.unwrap();
	let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
	let mut next = move || {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		x
	};
	let chunks = (0..rows.div_ceil(CHUNK_ROWS))
		.map(|c| {
			let n = CHUNK_ROWS.min(rows - c * CHUNK_ROWS);
			Chunk {
				columns: (0..8)
					.map(|_| {
						ColumnData::Int64(
							(0..n)
								.map(|_| {
									let v = next();
									(v % 50 != 0).then_some((v >> 8) as i64 - (1 << 40))
								})
								.collect(),
						)
					})
					.collect(),
			}
		})
		.collect();
	(schema, chunks)
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
	let mut best = f64::INFINITY;
	let mut out = None;
	for _ in 0..runs {
		let t = Instant::now();
		let v = f();
		best = best.min(t.elapsed().as_secs_f64());
		out = Some(v);
	}
	(best, out.expect("at least one run"))
}

fn main() {
	let quick = std::env::args().any(|a| a == "--quick");
	let sizes: &[usize] = if quick { &[100_000] } else { &[100_000, 1_000_000] };
	println!(
		"threads: {}  (8 Int64 columns, 2% nulls, CHUNK_ROWS = {CHUNK_ROWS})",
		rayon::current_num_threads()
	);
	println!(
		"{:>9}  {:>14}  {:>14}  {:>16}  {:>8}",
		"rows", "poseidon s", "poseidon rows/s", "blake2-256 rows/s", "ratio"
	);
	for &rows in sizes {
		let (schema, chunks) = data(rows);
		let runs = if rows > 200_000 { 1 } else { 3 };
		let (t_p, root) = best_of(runs, || {
			let b =
				commit_chunks(DatasetBuilder::new(schema.clone()), chunks.iter().cloned().map(Ok))
					.expect("valid chunks");
			b.finish().expect("commitment").root
		});
		let (t_b, digest) = best_of(3, || {
			let per_chunk: Vec<[u8; 32]> =
				chunks.par_iter().map(|c| Blake2b::<U32>::digest(c.encode()).into()).collect();
			Blake2b::<U32>::digest(per_chunk.concat())
		});
		std::hint::black_box((root, digest));
		println!(
			"{rows:>9}  {t_p:>14.3}  {:>14.0}  {:>16.0}  {:>7.1}x",
			rows as f64 / t_p,
			rows as f64 / t_b,
			t_p / t_b
		);
	}
}
