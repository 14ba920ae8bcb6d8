//! The streaming profiler: one pass over the chunks keeps, per column, the sorted keys of
//! each chunk (8 bytes a non-null cell) and, per row, a 16-byte fingerprint; finishing
//! merges the sorted blocks, so no single allocation grows with the dataset (the runtime's
//! allocator caps one at 32 MiB) and nothing is sorted twice.

use super::{
	fixed::{isqrt, log2_q32, ppm, LOG_FRAC_BITS},
	mean, overall_bp, ClassBalance, ColumnMetrics, ColumnStats, NumericStats, QualityReport, PPM,
};
use crate::{
	chunk::{Chunk, ColumnData},
	schema::{ColumnType, Schema},
	Error, CHUNK_ROWS,
};
use alloc::{collections::BinaryHeap, vec::Vec};
use blake2::{
	digest::consts::{U16, U8},
	Blake2b, Digest,
};
use codec::Encode;
use core::cmp::Reverse;
use primitive_types::U256;

/// Flips the sign bit, so that unsigned order is numeric order.
const SIGN: u64 = 1 << 63;

fn key_of_i64(x: i64) -> u64 {
	(x as u64) ^ SIGN
}

fn i64_of_key(k: u64) -> i64 {
	(k ^ SIGN) as i64
}

fn text_key(bytes: &[u8]) -> u64 {
	u64::from_le_bytes(Blake2b::<U8>::digest(bytes).into())
}

/// Accumulates a dataset's chunks into a [`QualityReport`].
#[derive(Clone, Debug)]
pub struct Profiler {
	schema: Schema,
	label: Option<usize>,
	rows: u64,
	conforming: u64,
	columns: Vec<ColumnProfile>,
	row_keys: Vec<Vec<u128>>,
	scratch: Vec<u8>,
}

#[derive(Clone, Debug, Default)]
struct ColumnProfile {
	/// Sorted keys of the non-null cells, a block per chunk.
	keys: Vec<Vec<u64>>,
	/// Sum of the numeric values.
	sum: i128,
}

impl ColumnProfile {
	fn non_null(&self) -> u64 {
		self.keys.iter().map(|b| b.len() as u64).sum()
	}
}

impl Profiler {
	/// A profiler for datasets of `schema`; `label` is the index of the label column,
	/// if the dataset declares one.
	pub fn new(schema: Schema, label: Option<usize>) -> Result<Self, Error> {
		if let Some(l) = label {
			if l >= schema.width() {
				return Err(Error::ColumnCount { expected: schema.width(), found: l + 1 });
			}
		}
		let columns = alloc::vec![ColumnProfile::default(); schema.width()];
		Ok(Self {
			schema,
			label,
			rows: 0,
			conforming: 0,
			columns,
			row_keys: Vec::new(),
			scratch: Vec::new(),
		})
	}

	/// Rows taken so far.
	pub fn rows(&self) -> u64 {
		self.rows
	}

	/// Takes the next chunk. It must have the schema's shape
	/// ([`Chunk::check_shape`]); its content may break the schema, which the
	/// conformance ratio measures.
	pub fn push(&mut self, chunk: &Chunk) -> Result<(), Error> {
		chunk.check_shape(&self.schema, CHUNK_ROWS)?;
		let rows = chunk.rows();
		for (data, profile) in chunk.columns.iter().zip(self.columns.iter_mut()) {
			let mut keys = Vec::with_capacity(rows);
			match data {
				ColumnData::Int64(v) | ColumnData::Decimal(v) => {
					for x in v.iter().flatten() {
						profile.sum += i128::from(*x);
						keys.push(key_of_i64(*x));
					}
				}
				ColumnData::Bool(v) => keys.extend(v.iter().flatten().map(|b| u64::from(*b))),
				ColumnData::Utf8(v) | ColumnData::Category(v) => {
					keys.extend(v.iter().flatten().map(|t| text_key(t)))
				}
			}
			keys.sort_unstable();
			profile.keys.push(keys);
		}
		let mut row_keys = Vec::with_capacity(rows);
		for r in 0..rows {
			self.scratch.clear();
			for data in &chunk.columns {
				match data {
					ColumnData::Int64(v) | ColumnData::Decimal(v) => {
						v[r].encode_to(&mut self.scratch)
					}
					ColumnData::Bool(v) => v[r].encode_to(&mut self.scratch),
					ColumnData::Utf8(v) | ColumnData::Category(v) => {
						v[r].encode_to(&mut self.scratch)
					}
				}
			}
			row_keys.push(u128::from_le_bytes(Blake2b::<U16>::digest(&self.scratch).into()));
			if chunk.row_conforms(&self.schema, r) {
				self.conforming += 1;
			}
		}
		row_keys.sort_unstable();
		self.row_keys.push(row_keys);
		self.rows += rows as u64;
		Ok(())
	}

	/// The report of everything taken.
	pub fn finish(self) -> QualityReport {
		let rows = self.rows;
		let mut labels = None;
		let mut columns = Vec::with_capacity(self.columns.len());
		for (i, (profile, col)) in self.columns.iter().zip(self.schema.columns()).enumerate() {
			let (metrics, runs) = column_metrics(profile, col.ty, rows);
			if self.label == Some(i) {
				labels = Some(ClassBalance {
					column: i as u8,
					classes: runs.distinct,
					balance: ppm(runs.min_count, runs.max_count),
				});
			}
			columns.push(metrics);
		}
		let mut distinct_rows = 0u64;
		for_each_run(&self.row_keys, |_, _| distinct_rows += 1);
		let duplicate_rows = ppm(rows - distinct_rows, rows);
		let conformance = ppm(self.conforming, rows);
		let outliers = mean(columns.iter().filter_map(|c| match &c.stats {
			ColumnStats::Numeric(n) => Some(n.outliers),
			_ => None,
		}));
		let mut report = QualityReport {
			rows,
			columns,
			duplicate_rows,
			conformance,
			outliers,
			labels,
			overall_bp: 0,
		};
		if rows > 0 {
			let balance = labels.map_or(PPM, |l| l.balance);
			report.overall_bp =
				overall_bp(report.completeness(), duplicate_rows, conformance, outliers, balance);
		}
		report
	}
}

/// What one merge over a column's sorted keys yields.
#[derive(Default)]
struct Runs {
	distinct: u64,
	unique: u64,
	min_count: u64,
	max_count: u64,
	/// Σ c·log2(c) over the run lengths, fixed point.
	c_log_c: u128,
	/// The keys at the quartile ranks.
	q1: u64,
	q3: u64,
}

fn column_metrics(profile: &ColumnProfile, ty: ColumnType, rows: u64) -> (ColumnMetrics, Runs) {
	let n = profile.non_null();
	// Nearest rank: the values of ranks ⌈n/4⌉ and ⌈3n/4⌉, as 0-based positions.
	let (rank1, rank3) = (n.div_ceil(4), (3 * n).div_ceil(4));
	let mut runs = Runs { min_count: u64::MAX, ..Default::default() };
	let mut seen = 0u64;
	for_each_run(&profile.keys, |key, count| {
		runs.distinct += 1;
		if count == 1 {
			runs.unique += 1;
		}
		runs.min_count = runs.min_count.min(count);
		runs.max_count = runs.max_count.max(count);
		runs.c_log_c += u128::from(count) * u128::from(log2_q32(count));
		if seen < rank1 && rank1 <= seen + count {
			runs.q1 = key;
		}
		if seen < rank3 && rank3 <= seen + count {
			runs.q3 = key;
		}
		seen += count;
	});
	if n == 0 {
		runs.min_count = 0;
	}
	let stats = if n == 0 {
		ColumnStats::Empty
	} else {
		match ty {
			ColumnType::Int64 | ColumnType::Decimal { .. } => {
				ColumnStats::Numeric(numeric_stats(profile, n, &runs))
			}
			ColumnType::Bool | ColumnType::Category => {
				// H = log2(n) - Σ c·log2(c) / n, in millibits.
				let total = u128::from(n) * u128::from(log2_q32(n));
				let millibits =
					(total.saturating_sub(runs.c_log_c) * 1000 / u128::from(n)) >> LOG_FRAC_BITS;
				ColumnStats::Categorical { entropy_millibits: millibits as u32 }
			}
			ColumnType::Utf8 => ColumnStats::Text,
		}
	};
	let metrics = ColumnMetrics {
		completeness: ppm(n, rows),
		distinctness: ppm(runs.distinct, n),
		uniqueness: ppm(runs.unique, n),
		stats,
	};
	(metrics, runs)
}

fn numeric_stats(profile: &ColumnProfile, n: u64, runs: &Runs) -> NumericStats {
	let blocks = &profile.keys;
	let min = blocks.iter().filter_map(|b| b.first()).min().copied().map_or(0, i64_of_key);
	let max = blocks.iter().filter_map(|b| b.last()).max().copied().map_or(0, i64_of_key);
	let n128 = i128::from(n);
	let sum = profile.sum;
	// Deviations from the integer floor of the mean, then corrected for its fraction:
	// n·Σ(x-μ)² = n·Σd² - r², with d = x - ⌊μ⌋ and r = sum - n·⌊μ⌋.
	let floor_mean = sum.div_euclid(n128);
	let r = sum.rem_euclid(n128) as u128;
	let mut sum_d2 = U256::zero();
	let mut outliers = 0u64;
	let (q1, q3) = (i128::from(i64_of_key(runs.q1)), i128::from(i64_of_key(runs.q3)));
	let iqr = q3 - q1;
	let (low2, high2) = (2 * q1 - 3 * iqr, 2 * q3 + 3 * iqr);
	for &k in blocks.iter().flatten() {
		let x = i128::from(i64_of_key(k));
		let d = (x - floor_mean).unsigned_abs();
		sum_d2 = sum_d2.saturating_add(U256::from(d * d));
		if 2 * x < low2 || 2 * x > high2 {
			outliers += 1;
		}
	}
	let spread = U256::from(n)
		.saturating_mul(sum_d2)
		.saturating_sub(U256::from(r).saturating_mul(U256::from(r)));
	let std_e6 = isqrt(spread.saturating_mul(U256::from(1_000_000_000_000u64))) / U256::from(n);
	NumericStats {
		min,
		max,
		mean_e6: (sum.saturating_mul(1_000_000)).div_euclid(n128),
		std_e6: if std_e6 > U256::from(u128::MAX) { u128::MAX } else { std_e6.as_u128() },
		q1: q1 as i64,
		q3: q3 as i64,
		outliers: ppm(outliers, n),
	}
}

/// Calls `f(key, count)` for each distinct key of the sorted `blocks`, in key order.
fn for_each_run<K: Ord + Copy>(blocks: &[Vec<K>], mut f: impl FnMut(K, u64)) {
	let mut heap: BinaryHeap<Reverse<(K, usize)>> = blocks
		.iter()
		.enumerate()
		.filter_map(|(b, v)| v.first().map(|k| Reverse((*k, b))))
		.collect();
	let mut pos = alloc::vec![0usize; blocks.len()];
	let mut current: Option<(K, u64)> = None;
	while let Some(Reverse((key, b))) = heap.pop() {
		// Take the whole run of `key` in block `b` at once.
		let block = &blocks[b];
		let start = pos[b];
		let end = start + block[start..].partition_point(|k| *k == key);
		pos[b] = end;
		if let Some(next) = block.get(end) {
			heap.push(Reverse((*next, b)));
		}
		let count = (end - start) as u64;
		match &mut current {
			Some((k, c)) if *k == key => *c += count,
			_ => {
				if let Some((k, c)) = current.take() {
					f(k, c);
				}
				current = Some((key, count));
			}
		}
	}
	if let Some((k, c)) = current {
		f(k, c);
	}
}
