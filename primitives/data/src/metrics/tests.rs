//! Metrics against values computed by hand, and against a naive reference on random data.

use super::*;
use crate::{
	chunk::{Chunk, ColumnData},
	schema::{Column, ColumnType, Schema},
};
use alloc::{collections::BTreeMap, vec, vec::Vec};
use codec::{Decode, Encode};

fn text(s: &str) -> Option<Vec<u8>> {
	Some(s.as_bytes().to_vec())
}

/// Five rows: `a` Int64 (nullable), `b` Category (the label), `c` Utf8 (nullable), `d`
/// Bool (not nullable, yet row 3 has a null: it breaks the schema). Row 5 repeats row 1.
fn hand_table() -> (Schema, Chunk) {
	let schema = Schema::new(vec![
		Column::new("a", ColumnType::Int64, true),
		Column::new("b", ColumnType::Category, false),
		Column::new("c", ColumnType::Utf8, true),
		Column::new("d", ColumnType::Bool, false),
	])
	.unwrap();
	let chunk = Chunk {
		columns: vec![
			ColumnData::Int64(vec![Some(1), Some(2), None, Some(100), Some(1)]),
			ColumnData::Category(vec![text("x"), text("x"), text("y"), text("x"), text("x")]),
			ColumnData::Utf8(vec![text("p"), None, text("q"), text("p"), text("p")]),
			ColumnData::Bool(vec![Some(true), Some(false), None, Some(true), Some(true)]),
		],
	};
	(schema, chunk)
}

fn profile(schema: &Schema, label: Option<usize>, chunks: &[Chunk]) -> QualityReport {
	let mut p = Profiler::new(schema.clone(), label).unwrap();
	for c in chunks {
		p.push(c).unwrap();
	}
	p.finish()
}

#[test]
fn metrics_match_values_computed_by_hand() {
	let (schema, chunk) = hand_table();
	let r = profile(&schema, Some(1), &[chunk]);
	assert_eq!(r.rows, 5);

	// a: 1, 2, null, 100, 1. Mean 26; deviations -25, -24, 74, -25; Σ² = 7302;
	// σ = sqrt(7302 / 4) = 42.7258700…; nearest-rank quartiles of [1, 1, 2, 100] are 1
	// and 2, so the fences are -0.5 and 3.5 and 100 is the one outlier of four.
	let a = &r.columns[0];
	assert_eq!((a.completeness, a.distinctness, a.uniqueness), (800_000, 750_000, 500_000));
	assert_eq!(
		a.stats,
		ColumnStats::Numeric(NumericStats {
			min: 1,
			max: 100,
			mean_e6: 26_000_000,
			std_e6: 42_725_870,
			q1: 1,
			q3: 2,
			outliers: 250_000,
		})
	);

	// b: x x y x x. Entropy of (0.8, 0.2) = 0.7219280… bits.
	let b = &r.columns[1];
	assert_eq!((b.completeness, b.distinctness, b.uniqueness), (PPM, 400_000, 200_000));
	assert_eq!(b.stats, ColumnStats::Categorical { entropy_millibits: 721 });

	// c: p null q p p.
	let c = &r.columns[2];
	assert_eq!((c.completeness, c.distinctness, c.uniqueness), (800_000, 500_000, 250_000));
	assert_eq!(c.stats, ColumnStats::Text);

	// d: t f null t t. Entropy of (0.75, 0.25) = 0.8112781… bits.
	let d = &r.columns[3];
	assert_eq!((d.completeness, d.distinctness, d.uniqueness), (800_000, 500_000, 250_000));
	assert_eq!(d.stats, ColumnStats::Categorical { entropy_millibits: 811 });

	assert_eq!(r.duplicate_rows, 200_000, "row 5 repeats row 1");
	assert_eq!(r.conformance, 800_000, "row 3 has a null in a non-nullable column");
	assert_eq!(r.outliers, 250_000, "the mean over the one numeric column");
	assert_eq!(r.labels, Some(ClassBalance { column: 1, classes: 2, balance: 250_000 }));
	// 30 % · 0.85 + 20 % · 0.8 + 20 % · 0.8 + 15 % · 0.75 + 15 % · 0.25 = 72.50 %.
	assert_eq!(r.completeness(), 850_000);
	assert_eq!(r.overall_bp, 7_250);
}

#[test]
fn chunking_does_not_change_the_report() {
	let (schema, chunk) = hand_table();
	let whole = profile(&schema, Some(1), core::slice::from_ref(&chunk));
	for split in [vec![0, 1, 2, 3, 4], vec![4, 0, 2, 1, 3]] {
		let chunks: Vec<Chunk> = split.iter().map(|&r| chunk.select_rows(&[r])).collect();
		assert_eq!(profile(&schema, Some(1), &chunks), whole, "order {split:?}");
	}
	let halves = [chunk.select_rows(&[0, 1]), chunk.select_rows(&[2, 3, 4])];
	assert_eq!(profile(&schema, Some(1), &halves), whole);
}

#[test]
fn without_a_label_the_balance_counts_as_one() {
	let (schema, chunk) = hand_table();
	let r = profile(&schema, None, &[chunk]);
	assert_eq!(r.labels, None);
	// 25.5 + 16 + 16 + 11.25 + 15 = 83.75 %.
	assert_eq!(r.overall_bp, 8_375);
}

#[test]
fn an_empty_dataset_scores_zero_and_an_empty_column_has_no_stats() {
	let (schema, chunk) = hand_table();
	let r = profile(&schema, None, &[]);
	assert_eq!((r.rows, r.overall_bp, r.duplicate_rows, r.conformance), (0, 0, 0, 0));
	let nulls = Chunk {
		columns: vec![
			ColumnData::Int64(vec![None, None]),
			chunk.columns[1].select(&[0, 1]),
			chunk.columns[2].select(&[0, 1]),
			chunk.columns[3].select(&[0, 1]),
		],
	};
	let r = profile(&schema, None, &[nulls]);
	assert_eq!(r.columns[0].completeness, 0);
	assert_eq!(r.columns[0].stats, ColumnStats::Empty);
	assert_eq!(r.outliers, 0, "no numeric column with values");
}

#[test]
fn extreme_values_neither_overflow_nor_panic() {
	let schema = Schema::new(vec![Column::new("x", ColumnType::Int64, false)]).unwrap();
	let chunk = Chunk {
		columns: vec![ColumnData::Int64(vec![
			Some(i64::MIN),
			Some(i64::MAX),
			Some(i64::MIN),
			Some(0),
		])],
	};
	let r = profile(&schema, None, &[chunk]);
	let ColumnStats::Numeric(n) = &r.columns[0].stats else { panic!("numeric") };
	assert_eq!((n.min, n.max), (i64::MIN, i64::MAX));
	// sum = 2·MIN + MAX = MIN - 1; mean = (MIN - 1) / 4.
	let sum = 2 * i128::from(i64::MIN) + i128::from(i64::MAX);
	assert_eq!(n.mean_e6, (sum * 1_000_000).div_euclid(4));
	// σ·10⁶ by exact rational arithmetic (Python's fractions and math.isqrt).
	assert!(n.std_e6.abs_diff(7_647_616_087_025_832_025_856_650) <= 1, "std_e6 = {}", n.std_e6);
}

#[test]
fn a_chunk_of_another_shape_is_refused() {
	let (schema, chunk) = hand_table();
	let mut p = Profiler::new(schema.clone(), None).unwrap();
	let short = Chunk { columns: chunk.columns[..3].to_vec() };
	assert!(p.push(&short).is_err());
	assert_eq!(p.rows(), 0, "nothing taken");
	assert!(Profiler::new(schema, Some(4)).is_err(), "label past the last column");
}

#[test]
fn the_report_round_trips_and_its_bound_holds() {
	let (schema, chunk) = hand_table();
	let r = profile(&schema, Some(1), &[chunk]);
	let bytes = r.encode();
	assert_eq!(QualityReport::decode(&mut &bytes[..]).unwrap(), r);
	let wide =
		QualityReport { columns: vec![r.columns[0].clone(); crate::MAX_COLUMNS], ..r.clone() };
	assert!(wide.encode().len() <= QualityReport::max_encoded_len());
	let too_wide =
		QualityReport { columns: vec![r.columns[0].clone(); crate::MAX_COLUMNS + 1], ..r };
	assert!(QualityReport::decode(&mut &too_wide.encode()[..]).is_err());
}

/// Counts by a naive reference (a map of values, floating point) on pseudo-random data.
#[test]
fn counts_and_moments_agree_with_a_naive_reference() {
	let schema = Schema::new(vec![
		Column::new("n", ColumnType::Int64, true),
		Column::new("t", ColumnType::Utf8, true),
	])
	.unwrap();
	let mut seed = 0x2545_f491_4f6c_dd1du64;
	let mut next = move || {
		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		seed
	};
	let mut chunks = Vec::new();
	let (mut nums, mut texts) = (Vec::new(), Vec::new());
	for _ in 0..5 {
		let rows = 300 + (next() % 700) as usize;
		let (mut n, mut t) = (Vec::new(), Vec::new());
		for _ in 0..rows {
			let v = (next() % 10 != 0).then(|| (next() % 2000) as i64 - 1000);
			let s = (next() % 8 != 0).then(|| alloc::format!("w{}", next() % 500).into_bytes());
			nums.extend(v);
			texts.extend(s.clone());
			n.push(v);
			t.push(s);
		}
		chunks.push(Chunk { columns: vec![ColumnData::Int64(n), ColumnData::Utf8(t)] });
	}
	let r = profile(&schema, None, &chunks);
	let rows: usize = chunks.iter().map(Chunk::rows).sum();
	assert_eq!(r.rows, rows as u64);

	fn counts<K: Ord + Clone>(values: &[K]) -> (u64, u64) {
		let mut m = BTreeMap::new();
		for v in values {
			*m.entry(v.clone()).or_insert(0u64) += 1;
		}
		(m.len() as u64, m.values().filter(|&&c| c == 1).count() as u64)
	}
	for (col, (distinct, unique), n) in [
		(&r.columns[0], counts(&nums), nums.len() as u64),
		(&r.columns[1], counts(&texts), texts.len() as u64),
	] {
		assert_eq!(col.completeness, ppm(n, rows as u64));
		assert_eq!(col.distinctness, ppm(distinct, n));
		assert_eq!(col.uniqueness, ppm(unique, n));
	}
	let ColumnStats::Numeric(s) = &r.columns[0].stats else { panic!("numeric") };
	let mean = nums.iter().map(|&x| x as f64).sum::<f64>() / nums.len() as f64;
	let var = nums.iter().map(|&x| (x as f64 - mean).powi(2)).sum::<f64>() / nums.len() as f64;
	assert!((s.mean_e6 as f64 / 1e6 - mean).abs() < 1e-5, "mean {} vs {mean}", s.mean_e6);
	assert!(
		(s.std_e6 as f64 / 1e6 - var.sqrt()).abs() < 1e-5,
		"std {} vs {}",
		s.std_e6,
		var.sqrt()
	);
	assert_eq!((s.min, s.max), (*nums.iter().min().unwrap(), *nums.iter().max().unwrap()));
	let mut sorted = nums.clone();
	sorted.sort();
	let len = sorted.len();
	assert_eq!((s.q1, s.q3), (sorted[len.div_ceil(4) - 1], sorted[(3 * len).div_ceil(4) - 1]));
}
