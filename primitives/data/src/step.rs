//! Cleaning steps and the hash of their parameters.
//!
//! A step maps raw chunk *i* to clean chunk *i*, rows in order. Its parameters are bound
//! into every proof through `params_hash = Poseidon(Tag(StepParams, id, n), params)`:
//!
//! | id | step | params (field elements) |
//! |---|---|---|
//! | 1 | [`Step::DropNulls`] | `[column mask]` |
//! | 2 | [`Step::FilterRange`] | `[column, enc(lo), enc(hi)]` |
//! | 3 | [`Step::Clamp`] | `[column, enc(lo), enc(hi)]` |
//! | 4 | [`Step::FillNull`] | `[column, enc(value)]` |
//! | 5 | [`Step::Dedup`] | `[]` |
//! | 6 | [`Step::DropColumns`] | `[column mask]` |
//!
//! `enc` is the cell encoding of [`crate::cell`]; a column mask has bit `i` set for
//! column `i`. The semantics, null handling included, are those of the native functions
//! in `loam-circuits`, which the circuits enforce.

use crate::{
	cell::{self, Value},
	field::Fr,
	poseidon::{self, Domain, Tag},
	schema::{Column, Schema},
	Error,
};
use alloc::{format, string::String, vec::Vec};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// A cleaning step with its parameters. Columns are indices into the raw schema.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub enum Step {
	/// Drop the rows that have a null in any of `columns`.
	DropNulls {
		/// Columns checked for nulls (at least one).
		columns: Vec<u16>,
	},
	/// Keep the rows where `lo <= column <= hi` (Int64, or Decimal mantissas); rows where
	/// the column is null are dropped.
	FilterRange {
		/// The numeric column.
		column: u16,
		/// Lowest value kept.
		lo: i64,
		/// Highest value kept.
		hi: i64,
	},
	/// Replace values below `lo` by `lo` and above `hi` by `hi`; nulls stay null.
	Clamp {
		/// The numeric column.
		column: u16,
		/// Lower bound.
		lo: i64,
		/// Upper bound.
		hi: i64,
	},
	/// Replace the nulls of `column` by `value`.
	FillNull {
		/// The column.
		column: u16,
		/// The constant, of the column's type.
		value: Value,
	},
	/// Drop every row equal to an earlier row of the same chunk (nulls compare equal).
	Dedup,
	/// Drop `columns` from the schema (at least one column stays).
	DropColumns {
		/// Columns dropped (at least one).
		columns: Vec<u16>,
	},
}

/// Which step, without parameters: what a verifying key is registered for.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Hash,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum StepKind {
	/// [`Step::DropNulls`].
	DropNulls = 1,
	/// [`Step::FilterRange`].
	FilterRange = 2,
	/// [`Step::Clamp`].
	Clamp = 3,
	/// [`Step::FillNull`].
	FillNull = 4,
	/// [`Step::Dedup`].
	Dedup = 5,
	/// [`Step::DropColumns`].
	DropColumns = 6,
}

impl StepKind {
	/// Every step kind.
	pub const ALL: [StepKind; 6] = [
		StepKind::DropNulls,
		StepKind::FilterRange,
		StepKind::Clamp,
		StepKind::FillNull,
		StepKind::Dedup,
		StepKind::DropColumns,
	];

	/// The step's name on the command line.
	pub fn name(self) -> &'static str {
		match self {
			StepKind::DropNulls => "drop-nulls",
			StepKind::FilterRange => "filter-range",
			StepKind::Clamp => "clamp",
			StepKind::FillNull => "fill-null",
			StepKind::Dedup => "dedup",
			StepKind::DropColumns => "drop-columns",
		}
	}
}

/// Which circuit, and so which verifying key, proves a step: the step's kind, the width
/// class of the raw schema and that of the clean schema.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Hash,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CircuitId {
	/// The step.
	pub step: StepKind,
	/// Width class of the raw schema.
	pub width: u8,
	/// Width class of the clean schema.
	pub clean_width: u8,
}

impl CircuitId {
	/// Every circuit that exists: each step in each class, and drop-columns from each
	/// class to it and every narrower one (21 in all).
	pub fn all() -> Vec<CircuitId> {
		let mut out = Vec::new();
		for step in StepKind::ALL {
			for (i, &w) in crate::WIDTH_CLASSES.iter().enumerate() {
				let cleans: &[usize] = if step == StepKind::DropColumns {
					&crate::WIDTH_CLASSES[..=i]
				} else {
					&crate::WIDTH_CLASSES[i..=i]
				};
				for &c in cleans {
					out.push(CircuitId { step, width: w as u8, clean_width: c as u8 });
				}
			}
		}
		out
	}
}

fn mask(columns: &[u16]) -> u64 {
	columns.iter().fold(0u64, |m, &c| m | (1u64 << c))
}

impl Step {
	/// The circuit that proves this step on `schema`, and the clean schema.
	pub fn circuit(&self, schema: &Schema) -> Result<(CircuitId, Schema), Error> {
		let clean = self.validate(schema)?;
		let id = CircuitId {
			step: self.kind(),
			width: schema.width_class() as u8,
			clean_width: clean.width_class() as u8,
		};
		Ok((id, clean))
	}

	/// The step's kind.
	pub fn kind(&self) -> StepKind {
		match self {
			Step::DropNulls { .. } => StepKind::DropNulls,
			Step::FilterRange { .. } => StepKind::FilterRange,
			Step::Clamp { .. } => StepKind::Clamp,
			Step::FillNull { .. } => StepKind::FillNull,
			Step::Dedup => StepKind::Dedup,
			Step::DropColumns { .. } => StepKind::DropColumns,
		}
	}

	/// Checks the step against the raw schema and returns the clean schema.
	pub fn validate(&self, schema: &Schema) -> Result<Schema, Error> {
		let width = schema.width();
		let check_set = |columns: &[u16]| -> Result<(), Error> {
			if columns.is_empty() {
				return Err(Error::Step(String::from("no columns given")));
			}
			for (i, &c) in columns.iter().enumerate() {
				if usize::from(c) >= width {
					return Err(Error::Step(format!(
						"column {c} does not exist ({width} columns)"
					)));
				}
				if columns[..i].contains(&c) {
					return Err(Error::Step(format!("column {c} is given twice")));
				}
			}
			Ok(())
		};
		let column = |c: u16| -> Result<&Column, Error> {
			schema
				.columns()
				.get(usize::from(c))
				.ok_or_else(|| Error::Step(format!("column {c} does not exist ({width} columns)")))
		};
		match self {
			Step::DropNulls { columns } => {
				check_set(columns)?;
				Ok(schema.clone())
			}
			Step::FilterRange { column: c, lo, hi } | Step::Clamp { column: c, lo, hi } => {
				let col = column(*c)?;
				if !col.ty.is_numeric() {
					return Err(Error::Step(format!(
						"column {:?} is {}, not a number",
						col.name_str(),
						col.ty
					)));
				}
				if lo > hi {
					return Err(Error::Step(format!("lo ({lo}) is above hi ({hi})")));
				}
				Ok(schema.clone())
			}
			Step::FillNull { column: c, value } => {
				let col = column(*c)?;
				if !value.fits(col.ty) {
					return Err(Error::Step(format!(
						"the fill value is not a {} like column {:?}",
						col.ty,
						col.name_str()
					)));
				}
				if let Value::Utf8(t) | Value::Category(t) = value {
					if t.len() > crate::MAX_TEXT_BYTES || core::str::from_utf8(t).is_err() {
						return Err(Error::Step(String::from(
							"the fill text is too long or not UTF-8",
						)));
					}
				}
				Ok(schema.clone())
			}
			Step::Dedup => Ok(schema.clone()),
			Step::DropColumns { columns } => {
				check_set(columns)?;
				let kept: Vec<Column> = schema
					.columns()
					.iter()
					.enumerate()
					.filter(|(i, _)| !columns.contains(&(*i as u16)))
					.map(|(_, c)| c.clone())
					.collect();
				if kept.is_empty() {
					return Err(Error::Step(String::from("every column would be dropped")));
				}
				Schema::new(kept)
			}
		}
	}

	/// The parameters as field elements (see the module docs).
	pub fn params(&self) -> Vec<Fr> {
		match self {
			Step::DropNulls { columns } | Step::DropColumns { columns } => {
				alloc::vec![Fr::from(mask(columns))]
			}
			Step::FilterRange { column, lo, hi } | Step::Clamp { column, lo, hi } => alloc::vec![
				Fr::from(u64::from(*column)),
				cell::encode_i64(*lo),
				cell::encode_i64(*hi)
			],
			Step::FillNull { column, value } => {
				alloc::vec![Fr::from(u64::from(*column)), value.encode()]
			}
			Step::Dedup => Vec::new(),
		}
	}

	/// The parameter hash that proofs of this step bind.
	pub fn params_hash(&self) -> Fr {
		let params = self.params();
		poseidon::hash(
			Tag { domain: Domain::StepParams, a: self.kind() as u32, b: params.len() as u32, c: 0 },
			&params,
		)
	}
}
