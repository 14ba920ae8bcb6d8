//! CSV and Parquet in and out (with `std`).
//!
//! [`open`] infers (or takes) a schema and streams a file as chunks of
//! [`crate::CHUNK_ROWS`] rows, so memory stays flat whatever the file's size;
//! [`commit_file`] runs a whole file through [`crate::DatasetBuilder`]. [`TableWriter`]
//! writes chunks back as CSV or Parquet. A round trip keeps every value and every null.
//!
//! **Schema inference.** CSV: the first [`ReadOptions::infer_rows`] records decide each
//! column's type, the narrowest of Bool (`true`/`false`), Int64, Decimal (scale = most
//! digits after the point seen), Utf8; an empty field is null and every CSV column is
//! nullable. Parquet: the file's Arrow schema decides: integers are Int64, `Decimal128`
//! is Decimal, floats are Decimal with [`ReadOptions::float_scale`] digits (NaN is
//! null), strings are Utf8 and dictionary-encoded strings Category. Overrides
//! (`name=type`) win over inference, for example to read a text column as Category.

mod csv_format;
mod parquet_format;

use crate::{
	chunk::{Chunk, ColumnData},
	commitment::{DatasetBuilder, DatasetCommitment},
	schema::{ColumnType, Schema},
	Error, CHUNK_ROWS,
};
use std::path::Path;

pub use csv_format::{format_decimal, parse_decimal};

/// File formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
	/// Comma-separated values with a header row.
	Csv,
	/// Apache Parquet.
	Parquet,
}

impl Format {
	/// The format a file name's extension names (`.csv`, `.parquet`, `.pq`).
	pub fn from_path(path: &Path) -> Result<Self, Error> {
		match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
			Some("csv") => Ok(Format::Csv),
			Some("parquet") | Some("pq") => Ok(Format::Parquet),
			_ => Err(Error::Io(format!(
				"{}: unknown file type; use a .csv or .parquet file",
				path.display()
			))),
		}
	}
}

/// How to read a file.
#[derive(Clone, Debug)]
pub struct ReadOptions {
	/// Column types that override inference, by column name.
	pub overrides: Vec<(String, ColumnType)>,
	/// CSV records looked at to infer types.
	pub infer_rows: usize,
	/// Digits after the point for float columns read as Decimal.
	pub float_scale: u8,
	/// CSV field delimiter.
	pub delimiter: u8,
	/// Rows per chunk ([`CHUNK_ROWS`] for anything registered).
	pub chunk_rows: usize,
}

impl Default for ReadOptions {
	fn default() -> Self {
		Self {
			overrides: Vec::new(),
			infer_rows: 10_000,
			float_scale: 6,
			delimiter: b',',
			chunk_rows: CHUNK_ROWS,
		}
	}
}

impl ReadOptions {
	fn override_for(&self, name: &str) -> Option<ColumnType> {
		self.overrides.iter().find(|(n, _)| n == name).map(|(_, t)| *t)
	}
}

/// Parses a column type as written on a command line: `int64`, `decimal(2)`, `bool`,
/// `utf8`, `category`.
pub fn parse_column_type(text: &str) -> Result<ColumnType, Error> {
	let t = text.trim().to_ascii_lowercase();
	let bad = || {
		Error::Io(format!(
			"unknown column type {text:?}: use int64, decimal(S), bool, utf8 or category"
		))
	};
	Ok(match t.as_str() {
		"int64" | "int" | "integer" => ColumnType::Int64,
		"bool" | "boolean" => ColumnType::Bool,
		"utf8" | "text" | "string" => ColumnType::Utf8,
		"category" | "categorical" => ColumnType::Category,
		_ => {
			let scale = t
				.strip_prefix("decimal(")
				.and_then(|r| r.strip_suffix(')'))
				.and_then(|s| s.trim().parse::<u8>().ok())
				.ok_or_else(bad)?;
			if scale > crate::MAX_DECIMAL_SCALE {
				return Err(Error::DecimalScale(scale));
			}
			ColumnType::Decimal { scale }
		}
	})
}

/// Parses a `name=type` override.
pub fn parse_override(text: &str) -> Result<(String, ColumnType), Error> {
	let (name, ty) = text
		.split_once('=')
		.ok_or_else(|| Error::Io(format!("{text:?}: write a column override as name=type")))?;
	Ok((name.to_string(), parse_column_type(ty)?))
}

/// A file opened for reading: its schema and its chunks.
pub struct TableReader {
	schema: Schema,
	inner: Box<dyn Iterator<Item = Result<Chunk, Error>> + Send>,
}

impl TableReader {
	/// The schema (inferred or overridden).
	pub fn schema(&self) -> &Schema {
		&self.schema
	}
}

impl Iterator for TableReader {
	type Item = Result<Chunk, Error>;

	fn next(&mut self) -> Option<Self::Item> {
		self.inner.next()
	}
}

/// Opens a CSV or Parquet file (by extension).
pub fn open(path: &Path, options: &ReadOptions) -> Result<TableReader, Error> {
	if options.chunk_rows == 0 {
		return Err(Error::Io("chunk_rows must be at least 1".into()));
	}
	match Format::from_path(path)? {
		Format::Csv => csv_format::open(path, options),
		Format::Parquet => parquet_format::open(path, options),
	}
}

/// Reads a whole file into memory (tests and small files).
pub fn read_all(path: &Path, options: &ReadOptions) -> Result<(Schema, Vec<Chunk>), Error> {
	let reader = open(path, options)?;
	let schema = reader.schema().clone();
	let chunks = reader.collect::<Result<Vec<_>, _>>()?;
	Ok((schema, chunks))
}

/// Commits a file: streams it through a [`DatasetBuilder`], committing a few chunks at a
/// time in parallel on all cores; memory holds only those chunks.
pub fn commit_file(
	path: &Path,
	options: &ReadOptions,
) -> Result<(Schema, DatasetCommitment), Error> {
	let reader = open(path, options)?;
	let schema = reader.schema().clone();
	let builder = commit_chunks(DatasetBuilder::new(schema.clone()), reader)?;
	Ok((schema, builder.finish()?))
}

/// Commits chunks in order, a batch at a time in parallel, into `builder`.
pub fn commit_chunks(
	mut builder: DatasetBuilder,
	chunks: impl Iterator<Item = Result<Chunk, Error>>,
) -> Result<DatasetBuilder, Error> {
	use rayon::prelude::*;
	let batch = 4 * rayon::current_num_threads().max(1);
	let mut pending: Vec<Chunk> = Vec::with_capacity(batch);
	let mut chunks = chunks.peekable();
	while chunks.peek().is_some() {
		pending.clear();
		for chunk in chunks.by_ref().take(batch) {
			pending.push(chunk?);
		}
		let schema = builder.schema();
		let commitments = pending
			.par_iter()
			.map(|c| crate::commitment::chunk_commitment(c, schema))
			.collect::<Result<Vec<_>, _>>()?;
		for (c, chunk) in commitments.into_iter().zip(&pending) {
			builder.push_commitment(c, chunk.rows() as u32);
		}
	}
	Ok(builder)
}

/// Collects cells into chunks of a fixed number of rows.
pub(crate) struct Chunker {
	schema: Schema,
	rows: usize,
	current: Chunk,
}

impl Chunker {
	pub(crate) fn new(schema: Schema, rows: usize) -> Self {
		let current = Chunk::empty(&schema);
		Self { schema, rows, current }
	}

	pub(crate) fn columns(&mut self) -> &mut [ColumnData] {
		&mut self.current.columns
	}

	/// Rows that still fit in the current chunk.
	pub(crate) fn room(&self) -> usize {
		self.rows - self.current.rows()
	}

	/// Takes the current chunk if it is full (or, with `flush`, if it has any row).
	pub(crate) fn take(&mut self, flush: bool) -> Option<Chunk> {
		let n = self.current.rows();
		if n >= self.rows || (flush && n > 0) {
			Some(std::mem::replace(&mut self.current, Chunk::empty(&self.schema)))
		} else {
			None
		}
	}
}

/// Writes chunks to a CSV or Parquet file (by extension).
pub struct TableWriter {
	inner: WriterInner,
}

enum WriterInner {
	Csv(csv_format::Writer),
	Parquet(parquet_format::Writer),
}

impl TableWriter {
	/// Creates `path` (replacing it) for data of `schema`.
	pub fn create(path: &Path, schema: &Schema) -> Result<Self, Error> {
		let inner = match Format::from_path(path)? {
			Format::Csv => WriterInner::Csv(csv_format::Writer::create(path, schema)?),
			Format::Parquet => WriterInner::Parquet(parquet_format::Writer::create(path, schema)?),
		};
		Ok(Self { inner })
	}

	/// Appends a chunk (validated against the schema).
	pub fn write(&mut self, chunk: &Chunk) -> Result<(), Error> {
		match &mut self.inner {
			WriterInner::Csv(w) => w.write(chunk),
			WriterInner::Parquet(w) => w.write(chunk),
		}
	}

	/// Flushes and closes the file.
	pub fn finish(self) -> Result<(), Error> {
		match self.inner {
			WriterInner::Csv(w) => w.finish(),
			WriterInner::Parquet(w) => w.finish(),
		}
	}
}

fn io_err(path: &Path, e: impl std::fmt::Display) -> Error {
	Error::Io(format!("{}: {e}", path.display()))
}
