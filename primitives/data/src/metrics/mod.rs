//! Quality metrics: what the validators' off-chain workers compute for every registered
//! version and agree on, bit for bit.
//!
//! A [`Profiler`] takes a dataset's chunks one at a time ([`Profiler::push`]) and
//! [`Profiler::finish`]es into a [`QualityReport`]. All arithmetic is on integers (ratios
//! in parts per million, logarithms in fixed point, a 256-bit square root), so native
//! code and the runtime's wasm produce the same report; [`SCORING_VERSION`] names the
//! algorithm and goes into every report the chain accepts.
//!
//! The definitions follow Amazon Deequ's analyzers (Schelter et al., *Automating
//! large-scale data quality verification*, VLDB 2018; `com.amazon.deequ.analyzers`) and
//! the matching Great Expectations expectations:
//!
//! | metric | definition | Deequ / Great Expectations |
//! |---|---|---|
//! | completeness | non-null cells / rows | `Completeness` / `expect_column_values_to_not_be_null` |
//! | distinctness | distinct non-null values / non-null cells | `Distinctness` / `expect_column_proportion_of_unique_values_to_be_between` |
//! | uniqueness | non-null values that occur exactly once / non-null cells | `Uniqueness` / `expect_column_values_to_be_unique` |
//! | min, max | of the non-null values | `Minimum`, `Maximum` / `expect_column_min_to_be_between`, `…max…` |
//! | mean | of the non-null values | `Mean` / `expect_column_mean_to_be_between` |
//! | standard deviation | population (divide by n) | `StandardDeviation` / `expect_column_stdev_to_be_between` |
//! | entropy | `-Σ p·log2 p` over the value frequencies, in bits | `Entropy` (Deequ uses ln; Loam uses bits) |
//! | duplicate rows | (rows - distinct rows) / rows | `Uniqueness` over all columns / `expect_compound_columns_to_be_unique` |
//! | conformance | rows whose every cell keeps the schema / rows | `expect_column_values_to_be_of_type`, `…to_not_be_null` |
//! | class balance | least frequent / most frequent label | the imbalance ratio (its inverse), as in Deequ's `Histogram` |
//! | outliers | values outside `[Q1 - 1.5·IQR, Q3 + 1.5·IQR]` / non-null values | Tukey's rule; quartiles by nearest rank (`ApproxQuantile` at relative error 0) |
//!
//! Distinct counting is exact. Numbers are their own keys; text is keyed by a 64-bit
//! BLAKE2b fingerprint of its bytes and a row by a 128-bit BLAKE2b fingerprint of its
//! SCALE encoding (a false duplicate among a billion texts has odds below 3·10⁻², among
//! rows below 10⁻²¹; the chance is the same for every validator, so they still agree).
//!
//! The overall score, in basis points (10 000 = 100 %), weighs five ratios:
//!
//! ```text
//! overall = 30 % · mean completeness
//!         + 20 % · (1 - duplicate rows)
//!         + 20 % · conformance
//!         + 15 % · (1 - mean outlier ratio of the numeric columns)   (1 when none)
//!         + 15 % · class balance                                      (1 without a label)
//! ```
//!
//! An empty dataset scores 0.

mod fixed;
mod profiler;

pub use fixed::{log2_q32, ppm, LOG_FRAC_BITS, PPM};
pub use profiler::Profiler;

use crate::MAX_COLUMNS;
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Version of the scoring algorithm: the metrics, their arithmetic and the overall
/// formula. Any change to them bumps it, and the chain only accepts reports of the
/// version it runs.
pub const SCORING_VERSION: u16 = 1;

/// Metrics of one column.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct ColumnMetrics {
	/// Non-null cells per row, ppm.
	pub completeness: u32,
	/// Distinct non-null values per non-null cell, ppm.
	pub distinctness: u32,
	/// Non-null values occurring exactly once per non-null cell, ppm.
	pub uniqueness: u32,
	/// What depends on the column's type.
	pub stats: ColumnStats,
}

/// The type-specific part of a column's metrics.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum ColumnStats {
	/// The column has no non-null value.
	Empty,
	/// Int64 and Decimal columns, in the column's units (Decimal: mantissas).
	Numeric(NumericStats),
	/// Bool and Category columns: the entropy of the value frequencies, in millibits.
	Categorical {
		/// `-Σ p·log2 p`, millibits, rounded down.
		entropy_millibits: u32,
	},
	/// Utf8 columns: nothing beyond the counts.
	Text,
}

/// Statistics of a numeric column.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct NumericStats {
	/// Smallest value.
	pub min: i64,
	/// Largest value.
	pub max: i64,
	/// Mean times 10⁶, rounded toward negative infinity.
	pub mean_e6: i128,
	/// Population standard deviation times 10⁶, rounded down.
	pub std_e6: u128,
	/// First quartile (nearest rank: the value of rank ⌈n/4⌉).
	pub q1: i64,
	/// Third quartile (the value of rank ⌈3n/4⌉).
	pub q3: i64,
	/// Values outside `[Q1 - 1.5·IQR, Q3 + 1.5·IQR]` per non-null value, ppm.
	pub outliers: u32,
}

/// Label counts of a declared label column.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct ClassBalance {
	/// The label column's index in the schema.
	pub column: u8,
	/// Distinct non-null labels.
	pub classes: u64,
	/// Rows of the least frequent label per row of the most frequent one, ppm
	/// (1 000 000: perfectly balanced; 0 without labels).
	pub balance: u32,
}

/// The quality report of one dataset version.
#[derive(Clone, Debug, PartialEq, Eq, Encode, DecodeWithMemTracking, TypeInfo)]
pub struct QualityReport {
	/// Rows scored.
	pub rows: u64,
	/// One entry per schema column, in order.
	pub columns: Vec<ColumnMetrics>,
	/// Rows equal to an earlier row, per row, ppm.
	pub duplicate_rows: u32,
	/// Rows whose every cell keeps the schema, per row, ppm.
	pub conformance: u32,
	/// Mean outlier ratio over the numeric columns that have values, ppm.
	pub outliers: u32,
	/// The label column's balance, when the dataset declares one.
	pub labels: Option<ClassBalance>,
	/// The overall score in basis points (see the module docs for the formula).
	pub overall_bp: u16,
}

impl Decode for QualityReport {
	fn decode<I: codec::Input>(input: &mut I) -> Result<Self, codec::Error> {
		let rows = u64::decode(input)?;
		let columns = Vec::<ColumnMetrics>::decode(input)?;
		if columns.len() > MAX_COLUMNS {
			return Err("quality report: too many columns".into());
		}
		Ok(Self {
			rows,
			columns,
			duplicate_rows: Decode::decode(input)?,
			conformance: Decode::decode(input)?,
			outliers: Decode::decode(input)?,
			labels: Decode::decode(input)?,
			overall_bp: Decode::decode(input)?,
		})
	}
}

impl MaxEncodedLen for QualityReport {
	fn max_encoded_len() -> usize {
		// A column at most: three ratios, the stats' variant byte, the numeric stats.
		let numeric = 8 + 8 + 16 + 16 + 8 + 8 + 4;
		let column = 3 * 4 + 1 + numeric;
		8 + codec::Compact(MAX_COLUMNS as u32).encoded_size()
			+ MAX_COLUMNS * column
			+ 3 * 4 + Option::<ClassBalance>::max_encoded_len()
			+ 2
	}
}

impl QualityReport {
	/// Mean completeness over the columns, ppm.
	pub fn completeness(&self) -> u32 {
		mean(self.columns.iter().map(|c| c.completeness))
	}
}

/// The mean of ratios, rounded down; 0 for none.
pub(crate) fn mean(values: impl Iterator<Item = u32>) -> u32 {
	let (sum, n) = values.fold((0u64, 0u64), |(s, n), v| (s + u64::from(v), n + 1));
	sum.checked_div(n).map_or(0, |m| m as u32)
}

/// The overall score in basis points from its five ratios (ppm), by the formula in the
/// module docs.
pub fn overall_bp(
	completeness: u32,
	duplicate_rows: u32,
	conformance: u32,
	outliers: u32,
	balance: u32,
) -> u16 {
	let inv = |r: u32| u64::from(PPM - r.min(PPM));
	let ppm_sum = 30 * u64::from(completeness.min(PPM))
		+ 20 * inv(duplicate_rows)
		+ 20 * u64::from(conformance.min(PPM))
		+ 15 * inv(outliers)
		+ 15 * u64::from(balance.min(PPM));
	// ppm_sum / 100 is ppm; ppm / 100 is basis points.
	(ppm_sum / 10_000) as u16
}

#[cfg(test)]
mod tests;
