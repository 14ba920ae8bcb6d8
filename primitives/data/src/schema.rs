//! Schemas: an ordered list of `(name, type, nullable)` columns, and their hash.
//!
//! `schema_hash = Poseidon(Tag(Schema, n), [name_hash, type_code, nullable] per column)`,
//! where `name_hash` hashes the name's bytes in the `ColumnName` domain and `type_code`
//! is `1` Int64, `2 + 256 * scale` Decimal, `3` Bool, `4` Utf8, `5` Category.

use crate::{
	field::Fr,
	poseidon::{self, Domain, Tag},
	Error, MAX_COLUMNS, MAX_DECIMAL_SCALE, MAX_NAME_BYTES,
};
use alloc::{string::String, vec::Vec};
use codec::{Decode, Encode};
use scale_info::TypeInfo;

/// A column's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Encode, Decode, TypeInfo)]
pub enum ColumnType {
	/// A signed 64-bit integer.
	Int64,
	/// A fixed-point number: an `i64` mantissa with `scale` digits after the point.
	Decimal {
		/// Digits after the point, at most [`MAX_DECIMAL_SCALE`].
		scale: u8,
	},
	/// True or false.
	Bool,
	/// Free text (UTF-8), at most [`crate::MAX_TEXT_BYTES`].
	Utf8,
	/// A label from a small set (UTF-8); scored as a category.
	Category,
}

impl ColumnType {
	/// The type's code in the schema hash.
	pub fn code(self) -> u64 {
		match self {
			ColumnType::Int64 => 1,
			ColumnType::Decimal { scale } => 2 + 256 * u64::from(scale),
			ColumnType::Bool => 3,
			ColumnType::Utf8 => 4,
			ColumnType::Category => 5,
		}
	}

	/// Whether values are ordered numbers (range filters and clamps apply).
	pub fn is_numeric(self) -> bool {
		matches!(self, ColumnType::Int64 | ColumnType::Decimal { .. })
	}
}

impl core::fmt::Display for ColumnType {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match self {
			ColumnType::Int64 => write!(f, "int64"),
			ColumnType::Decimal { scale } => write!(f, "decimal({scale})"),
			ColumnType::Bool => write!(f, "bool"),
			ColumnType::Utf8 => write!(f, "utf8"),
			ColumnType::Category => write!(f, "category"),
		}
	}
}

/// One column.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct Column {
	/// The column's name, UTF-8, 1 to [`MAX_NAME_BYTES`] bytes, unique in its schema.
	pub name: Vec<u8>,
	/// The column's type.
	pub ty: ColumnType,
	/// Whether cells may be null.
	pub nullable: bool,
}

impl Column {
	/// A column from a name.
	pub fn new(name: &str, ty: ColumnType, nullable: bool) -> Self {
		Self { name: name.as_bytes().to_vec(), ty, nullable }
	}

	/// The name as text (lossy for invalid names, which [`Schema::new`] refuses).
	pub fn name_str(&self) -> String {
		String::from_utf8_lossy(&self.name).into_owned()
	}
}

/// An ordered list of columns, validated.
#[derive(Clone, Debug, PartialEq, Eq, Encode, TypeInfo)]
pub struct Schema {
	columns: Vec<Column>,
}

impl Decode for Schema {
	fn decode<I: codec::Input>(input: &mut I) -> Result<Self, codec::Error> {
		let columns = Vec::<Column>::decode(input)?;
		Schema::new(columns).map_err(|_| codec::Error::from("invalid schema"))
	}
}

impl Schema {
	/// Validates columns into a schema: 1 to [`MAX_COLUMNS`] columns; names non-empty,
	/// at most [`MAX_NAME_BYTES`], UTF-8 and unique; decimal scales in range.
	pub fn new(columns: Vec<Column>) -> Result<Self, Error> {
		if columns.is_empty() || columns.len() > MAX_COLUMNS {
			return Err(Error::SchemaWidth(columns.len()));
		}
		for (i, c) in columns.iter().enumerate() {
			let bad_name = c.name.is_empty()
				|| c.name.len() > MAX_NAME_BYTES
				|| core::str::from_utf8(&c.name).is_err()
				|| columns[..i].iter().any(|o| o.name == c.name);
			if bad_name {
				return Err(Error::ColumnName(c.name_str()));
			}
			if let ColumnType::Decimal { scale } = c.ty {
				if scale > MAX_DECIMAL_SCALE {
					return Err(Error::DecimalScale(scale));
				}
			}
		}
		Ok(Self { columns })
	}

	/// The columns.
	pub fn columns(&self) -> &[Column] {
		&self.columns
	}

	/// Number of columns.
	pub fn width(&self) -> usize {
		self.columns.len()
	}

	/// The width class this schema's rows are padded to.
	pub fn width_class(&self) -> usize {
		// `new` bounds the width, so a class always exists.
		crate::width_class(self.width()).unwrap_or(MAX_COLUMNS)
	}

	/// The index of the column called `name`.
	pub fn index_of(&self, name: &str) -> Option<usize> {
		self.columns.iter().position(|c| c.name == name.as_bytes())
	}

	/// The schema hash.
	pub fn hash(&self) -> Fr {
		let mut inputs = Vec::with_capacity(3 * self.columns.len());
		for c in &self.columns {
			inputs.push(poseidon::hash_bytes(Domain::ColumnName, &c.name));
			inputs.push(Fr::from(c.ty.code()));
			inputs.push(Fr::from(u64::from(c.nullable)));
		}
		poseidon::hash(Tag::new(Domain::Schema, self.columns.len() as u32), &inputs)
	}
}
