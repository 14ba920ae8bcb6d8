//! Chunks: at most [`crate::CHUNK_ROWS`] rows of a table, column by column.
//!
//! On the wire a chunk is the SCALE encoding of [`Chunk`]: one [`ColumnData`] per schema
//! column, each a vector of optional cells (`None` is null). A chunk is only meaningful
//! with its schema; [`Chunk::decode_for`] decodes, refuses trailing bytes, and validates.

use crate::{
	cell::{self, NULL},
	field::Fr,
	schema::{ColumnType, Schema},
	Error, MAX_TEXT_BYTES,
};
use alloc::{collections::BTreeMap, vec::Vec};
use codec::{Decode, DecodeLimit, Encode};
use scale_info::TypeInfo;

/// One column of a chunk.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub enum ColumnData {
	/// Int64 cells.
	Int64(Vec<Option<i64>>),
	/// Decimal mantissas.
	Decimal(Vec<Option<i64>>),
	/// Bool cells.
	Bool(Vec<Option<bool>>),
	/// Utf8 cells.
	Utf8(Vec<Option<Vec<u8>>>),
	/// Category cells.
	Category(Vec<Option<Vec<u8>>>),
}

impl ColumnData {
	/// An empty column of type `ty`.
	pub fn empty(ty: ColumnType) -> Self {
		match ty {
			ColumnType::Int64 => ColumnData::Int64(Vec::new()),
			ColumnType::Decimal { .. } => ColumnData::Decimal(Vec::new()),
			ColumnType::Bool => ColumnData::Bool(Vec::new()),
			ColumnType::Utf8 => ColumnData::Utf8(Vec::new()),
			ColumnType::Category => ColumnData::Category(Vec::new()),
		}
	}

	/// Number of cells.
	pub fn len(&self) -> usize {
		match self {
			ColumnData::Int64(v) | ColumnData::Decimal(v) => v.len(),
			ColumnData::Bool(v) => v.len(),
			ColumnData::Utf8(v) | ColumnData::Category(v) => v.len(),
		}
	}

	/// Whether the column has no cells.
	pub fn is_empty(&self) -> bool {
		self.len() == 0
	}

	/// Whether cell `row` is null.
	pub fn is_null(&self, row: usize) -> bool {
		match self {
			ColumnData::Int64(v) | ColumnData::Decimal(v) => v[row].is_none(),
			ColumnData::Bool(v) => v[row].is_none(),
			ColumnData::Utf8(v) | ColumnData::Category(v) => v[row].is_none(),
		}
	}

	/// Whether this column can hold cells of type `ty`.
	pub fn has_type(&self, ty: ColumnType) -> bool {
		matches!(
			(self, ty),
			(ColumnData::Int64(_), ColumnType::Int64)
				| (ColumnData::Decimal(_), ColumnType::Decimal { .. })
				| (ColumnData::Bool(_), ColumnType::Bool)
				| (ColumnData::Utf8(_), ColumnType::Utf8)
				| (ColumnData::Category(_), ColumnType::Category)
		)
	}

	/// The element of cell `row`.
	pub fn encode_cell(&self, row: usize) -> Fr {
		match self {
			ColumnData::Int64(v) | ColumnData::Decimal(v) => v[row].map_or(NULL, cell::encode_i64),
			ColumnData::Bool(v) => v[row].map_or(NULL, cell::encode_bool),
			ColumnData::Utf8(v) => v[row].as_deref().map_or(NULL, cell::encode_utf8),
			ColumnData::Category(v) => v[row].as_deref().map_or(NULL, cell::encode_category),
		}
	}

	/// Cell `row` as a value, `None` when null.
	pub fn value(&self, row: usize) -> Option<cell::Value> {
		use cell::Value;
		match self {
			ColumnData::Int64(v) => v[row].map(Value::Int64),
			ColumnData::Decimal(v) => v[row].map(Value::Decimal),
			ColumnData::Bool(v) => v[row].map(Value::Bool),
			ColumnData::Utf8(v) => v[row].clone().map(Value::Utf8),
			ColumnData::Category(v) => v[row].clone().map(Value::Category),
		}
	}

	/// Appends a cell; `false` (and nothing appended) when the value has another type.
	pub fn push(&mut self, value: Option<cell::Value>) -> bool {
		use cell::Value;
		match (self, value) {
			(ColumnData::Int64(v), Some(Value::Int64(x)))
			| (ColumnData::Decimal(v), Some(Value::Decimal(x))) => v.push(Some(x)),
			(ColumnData::Int64(v) | ColumnData::Decimal(v), None) => v.push(None),
			(ColumnData::Bool(v), Some(Value::Bool(x))) => v.push(Some(x)),
			(ColumnData::Bool(v), None) => v.push(None),
			(ColumnData::Utf8(v), Some(Value::Utf8(x)))
			| (ColumnData::Category(v), Some(Value::Category(x))) => v.push(Some(x)),
			(ColumnData::Utf8(v) | ColumnData::Category(v), None) => v.push(None),
			_ => return false,
		}
		true
	}

	/// The cells at `rows`, in that order.
	pub fn select(&self, rows: &[usize]) -> Self {
		match self {
			ColumnData::Int64(v) => ColumnData::Int64(rows.iter().map(|&r| v[r]).collect()),
			ColumnData::Decimal(v) => ColumnData::Decimal(rows.iter().map(|&r| v[r]).collect()),
			ColumnData::Bool(v) => ColumnData::Bool(rows.iter().map(|&r| v[r]).collect()),
			ColumnData::Utf8(v) => ColumnData::Utf8(rows.iter().map(|&r| v[r].clone()).collect()),
			ColumnData::Category(v) => {
				ColumnData::Category(rows.iter().map(|&r| v[r].clone()).collect())
			}
		}
	}

	fn texts(&self) -> Option<&[Option<Vec<u8>>]> {
		match self {
			ColumnData::Utf8(v) | ColumnData::Category(v) => Some(v),
			_ => None,
		}
	}
}

/// A chunk: one column per schema column, all of the same length.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct Chunk {
	/// The columns, in schema order.
	pub columns: Vec<ColumnData>,
}

/// Nesting depth limit for decoding chunks (they are flat).
const DECODE_DEPTH: u32 = 8;

impl Chunk {
	/// An empty chunk for `schema`.
	pub fn empty(schema: &Schema) -> Self {
		Self { columns: schema.columns().iter().map(|c| ColumnData::empty(c.ty)).collect() }
	}

	/// Number of rows (0 for a chunk without columns).
	pub fn rows(&self) -> usize {
		self.columns.first().map_or(0, ColumnData::len)
	}

	/// Checks the chunk against `schema` and a row capacity: column count and types,
	/// equal lengths, at most `capacity` rows, no nulls where not nullable, text cells
	/// UTF-8 and at most [`MAX_TEXT_BYTES`].
	pub fn validate(&self, schema: &Schema, capacity: usize) -> Result<(), Error> {
		self.check_shape(schema, capacity)?;
		for (data, col) in self.columns.iter().zip(schema.columns()) {
			if let Some(row) = (0..self.rows()).find(|&r| !cell_conforms(data, col.nullable, r)) {
				return Err(if data.is_null(row) {
					Error::NullInNonNullable { column: col.name_str(), row }
				} else {
					Error::BadText { column: col.name_str(), row }
				});
			}
		}
		Ok(())
	}

	/// Checks the chunk's shape only: one column per schema column, of its type, all of
	/// the same length, at most `capacity` rows. A chunk of this shape has cells and a
	/// commitment even where its content breaks the schema (what scoring measures).
	pub fn check_shape(&self, schema: &Schema, capacity: usize) -> Result<(), Error> {
		if self.columns.len() != schema.width() {
			return Err(Error::ColumnCount { expected: schema.width(), found: self.columns.len() });
		}
		let rows = self.rows();
		if rows > capacity {
			return Err(Error::TooManyRows { rows, capacity });
		}
		for (data, col) in self.columns.iter().zip(schema.columns()) {
			if !data.has_type(col.ty) {
				return Err(Error::ColumnType { column: col.name_str() });
			}
			if data.len() != rows {
				return Err(Error::RaggedChunk);
			}
		}
		Ok(())
	}

	/// Whether every cell of `row` keeps the schema's content rules: not null where the
	/// column is not nullable, text UTF-8 and at most [`MAX_TEXT_BYTES`]. Call
	/// [`Chunk::check_shape`] first.
	pub fn row_conforms(&self, schema: &Schema, row: usize) -> bool {
		self.columns
			.iter()
			.zip(schema.columns())
			.all(|(data, col)| cell_conforms(data, col.nullable, row))
	}

	/// Decodes a chunk of `schema` from its wire bytes and checks only its shape
	/// ([`Chunk::check_shape`]). Trailing bytes are an error.
	pub fn decode_shape(bytes: &[u8], schema: &Schema, capacity: usize) -> Result<Self, Error> {
		let mut input = bytes;
		let chunk = Chunk::decode_with_depth_limit(DECODE_DEPTH, &mut input)
			.map_err(|_| Error::Decode("chunk"))?;
		if !input.is_empty() {
			return Err(Error::Decode("chunk (trailing bytes)"));
		}
		chunk.check_shape(schema, capacity)?;
		Ok(chunk)
	}

	/// Decodes a chunk of `schema` from its wire bytes and validates it. Trailing bytes
	/// are an error.
	pub fn decode_for(bytes: &[u8], schema: &Schema, capacity: usize) -> Result<Self, Error> {
		let chunk = Self::decode_shape(bytes, schema, capacity)?;
		chunk.validate(schema, capacity)?;
		Ok(chunk)
	}

	/// The chunk's cells as field elements, row by row, each row padded with zero cells
	/// to the schema's width class. Call [`Chunk::validate`] first.
	///
	/// A text cell is a Poseidon hash of its bytes, so a text column's repeated values
	/// (a category's few labels) are hashed once per chunk.
	pub fn cells(&self, schema: &Schema) -> CellMatrix {
		let width = schema.width_class();
		let rows = self.rows();
		let mut cells = alloc::vec![NULL; rows * width];
		for (c, data) in self.columns.iter().enumerate() {
			let Some(texts) = data.texts() else {
				for r in 0..rows {
					cells[r * width + c] = data.encode_cell(r);
				}
				continue;
			};
			let mut hashed: BTreeMap<&[u8], Fr> = BTreeMap::new();
			for (r, text) in texts.iter().enumerate().take(rows) {
				if let Some(t) = text {
					cells[r * width + c] = *hashed.entry(t).or_insert_with(|| data.encode_cell(r));
				}
			}
		}
		CellMatrix { width, rows, cells }
	}

	/// The rows at `rows`, in that order.
	pub fn select_rows(&self, rows: &[usize]) -> Self {
		Self { columns: self.columns.iter().map(|c| c.select(rows)).collect() }
	}
}

/// Whether cell `row` of `data` keeps the content rules (see [`Chunk::row_conforms`]).
fn cell_conforms(data: &ColumnData, nullable: bool, row: usize) -> bool {
	if data.is_null(row) {
		return nullable;
	}
	data.texts().is_none_or(|texts| {
		texts[row]
			.as_ref()
			.is_none_or(|t| t.len() <= MAX_TEXT_BYTES && core::str::from_utf8(t).is_ok())
	})
}

/// A chunk's cells as field elements: `rows` rows of `width` cells, row-major.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellMatrix {
	/// Cells per row (the width class).
	pub width: usize,
	/// Rows.
	pub rows: usize,
	/// `rows * width` cells.
	pub cells: Vec<Fr>,
}

impl CellMatrix {
	/// Row `r`.
	pub fn row(&self, r: usize) -> &[Fr] {
		&self.cells[r * self.width..(r + 1) * self.width]
	}
}
