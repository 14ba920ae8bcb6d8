use alloc::string::String;
use core::fmt;

/// Why data, a schema, a commitment or a step was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
	/// A schema has no columns or more than [`crate::MAX_COLUMNS`].
	SchemaWidth(usize),
	/// A column name is empty, too long, not UTF-8, or repeated.
	ColumnName(String),
	/// A decimal scale above [`crate::MAX_DECIMAL_SCALE`].
	DecimalScale(u8),
	/// A chunk does not have one column per schema column.
	ColumnCount {
		/// Columns in the schema.
		expected: usize,
		/// Columns in the chunk.
		found: usize,
	},
	/// A chunk column's type differs from the schema's.
	ColumnType {
		/// The column's name.
		column: String,
	},
	/// A chunk's columns have different lengths.
	RaggedChunk,
	/// A chunk holds more rows than its capacity.
	TooManyRows {
		/// Rows in the chunk.
		rows: usize,
		/// The capacity.
		capacity: usize,
	},
	/// A null in a column that is not nullable.
	NullInNonNullable {
		/// The column's name.
		column: String,
		/// Row within the chunk.
		row: usize,
	},
	/// A text cell that is too long or not UTF-8.
	BadText {
		/// The column's name.
		column: String,
		/// Row within the chunk.
		row: usize,
	},
	/// Bytes that do not decode, or decode with bytes left over.
	Decode(&'static str),
	/// 32 bytes that are not a canonical field element.
	NonCanonicalField,
	/// A chunk index outside the dataset.
	ChunkIndex {
		/// The index asked for.
		index: usize,
		/// Chunks in the dataset.
		chunks: usize,
	},
	/// A dataset with no chunks, or more than `u32::MAX`.
	ChunkCount,
	/// A step that does not fit the schema it is applied to.
	Step(String),
	/// A value that does not fit its column (file readers).
	Value {
		/// The column's name.
		column: String,
		/// Row in the file (1-based, header excluded).
		row: u64,
		/// What is wrong.
		reason: String,
	},
	/// A file could not be read or written.
	Io(String),
}

impl fmt::Display for Error {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Error::SchemaWidth(n) => write!(
				f,
				"a schema needs between 1 and {} columns, this one has {n}",
				crate::MAX_COLUMNS
			),
			Error::ColumnName(name) => write!(
				f,
				"column name {name:?} is empty, longer than {} bytes, or repeated",
				crate::MAX_NAME_BYTES
			),
			Error::DecimalScale(s) => {
				write!(f, "decimal scale {s} is above the maximum of {}", crate::MAX_DECIMAL_SCALE)
			}
			Error::ColumnCount { expected, found } => {
				write!(f, "the chunk has {found} columns, the schema {expected}")
			}
			Error::ColumnType { column } => {
				write!(f, "column {column:?} does not have the schema's type")
			}
			Error::RaggedChunk => write!(f, "the chunk's columns have different lengths"),
			Error::TooManyRows { rows, capacity } => {
				write!(f, "the chunk has {rows} rows, at most {capacity} fit")
			}
			Error::NullInNonNullable { column, row } => {
				write!(f, "column {column:?} is not nullable but row {row} is null")
			}
			Error::BadText { column, row } => write!(
				f,
				"column {column:?}, row {row}: text is longer than {} bytes or not UTF-8",
				crate::MAX_TEXT_BYTES
			),
			Error::Decode(what) => write!(f, "malformed {what}"),
			Error::NonCanonicalField => {
				write!(f, "32 bytes that are not a canonical BLS12-381 scalar")
			}
			Error::ChunkIndex { index, chunks } => {
				write!(f, "chunk {index} does not exist: the dataset has {chunks} chunks")
			}
			Error::ChunkCount => write!(f, "a dataset has between 1 and 2^32-1 chunks"),
			Error::Step(why) => write!(f, "step does not fit the data: {why}"),
			Error::Value { column, row, reason } => {
				write!(f, "column {column:?}, row {row}: {reason}")
			}
			Error::Io(why) => write!(f, "{why}"),
		}
	}
}

#[cfg(feature = "std")]
impl std::error::Error for Error {}
