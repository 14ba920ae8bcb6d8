//! Parquet through Arrow: reading with type mapping, writing with zstd.

use super::{io_err, Chunker, ReadOptions, TableReader};
use crate::{
	chunk::{Chunk, ColumnData},
	schema::{Column, ColumnType, Schema},
	Error,
};
use arrow_array::{
	cast::AsArray,
	types::{Decimal128Type, Float64Type, Int32Type, Int64Type},
	Array, ArrayRef, BooleanArray, Decimal128Array, DictionaryArray, Int64Array, RecordBatch,
	StringArray,
};
use arrow_cast::{cast_with_options, CastOptions};
use arrow_schema::{DataType, Field};
use parquet::{
	arrow::{arrow_reader::ParquetRecordBatchReaderBuilder, ArrowWriter},
	basic::{Compression, ZstdLevel},
	file::properties::WriterProperties,
};
use std::{fs::File, path::Path, sync::Arc};

/// How a Parquet column's Arrow values become cells.
#[derive(Clone, Copy, Debug)]
enum Source {
	/// Any integer, cast to Int64 (overflow is an error); for Decimal, times 10^scale.
	Int,
	/// Float32/64: rounded to the Decimal scale; NaN is null.
	Float,
	/// Decimal128 with this scale.
	Decimal(i8),
	/// Boolean.
	Bool,
	/// Utf8, LargeUtf8, Utf8View, or a dictionary of strings.
	Text,
}

fn source_of(dt: &DataType) -> Option<Source> {
	use DataType::*;
	Some(match dt {
		Int8 | Int16 | Int32 | Int64 | UInt8 | UInt16 | UInt32 | UInt64 => Source::Int,
		Float16 | Float32 | Float64 => Source::Float,
		Decimal128(_, s) => Source::Decimal(*s),
		Boolean => Source::Bool,
		Utf8 | LargeUtf8 | Utf8View => Source::Text,
		Dictionary(_, v) if matches!(**v, Utf8 | LargeUtf8 | Utf8View) => Source::Text,
		_ => return None,
	})
}

fn column_for(field: &Field, options: &ReadOptions) -> Result<(Column, Source), Error> {
	let name = field.name();
	let unsupported = || {
		Error::Io(format!("column {name:?}: Parquet type {} is not supported", field.data_type()))
	};
	let source = source_of(field.data_type()).ok_or_else(unsupported)?;
	let inferred = match (source, field.data_type()) {
		(Source::Int, _) => ColumnType::Int64,
		(Source::Float, _) => ColumnType::Decimal { scale: options.float_scale },
		(Source::Decimal(s), _) => ColumnType::Decimal {
			scale: u8::try_from(s)
				.ok()
				.filter(|s| *s <= crate::MAX_DECIMAL_SCALE)
				.ok_or(Error::DecimalScale(s.max(0) as u8))?,
		},
		(Source::Bool, _) => ColumnType::Bool,
		(Source::Text, DataType::Dictionary(..)) => ColumnType::Category,
		(Source::Text, _) => ColumnType::Utf8,
	};
	let ty = match options.override_for(name) {
		None => inferred,
		Some(wanted) => {
			let ok = match (source, wanted) {
				(Source::Int, ColumnType::Int64 | ColumnType::Decimal { .. }) => true,
				(Source::Float, ColumnType::Decimal { .. }) => true,
				(Source::Text, ColumnType::Utf8 | ColumnType::Category) => true,
				_ => wanted == inferred,
			};
			if !ok {
				return Err(Error::Io(format!(
					"column {name:?}: Parquet type {} cannot be read as {wanted}",
					field.data_type()
				)));
			}
			wanted
		}
	};
	Ok((Column::new(name, ty, field.is_nullable()), source))
}

fn pow10(scale: u8) -> i128 {
	10i128.pow(u32::from(scale))
}

fn strict() -> CastOptions<'static> {
	CastOptions { safe: false, ..Default::default() }
}

/// Appends an Arrow column's values to a chunk column.
fn append(
	out: &mut ColumnData,
	array: &ArrayRef,
	source: Source,
	ty: ColumnType,
	name: &str,
	first_row: u64,
) -> Result<(), Error> {
	let value_err = |i: usize, reason: String| Error::Value {
		column: name.to_string(),
		row: first_row + i as u64,
		reason,
	};
	let cast_err = |e: arrow_schema::ArrowError| Error::Io(format!("column {name:?}: {e}"));
	let scale = match ty {
		ColumnType::Decimal { scale } => scale,
		_ => 0,
	};
	match (source, out) {
		(Source::Int, ColumnData::Int64(v) | ColumnData::Decimal(v)) => {
			let a = cast_with_options(array, &DataType::Int64, &strict()).map_err(cast_err)?;
			for (i, x) in a.as_primitive::<Int64Type>().iter().enumerate() {
				v.push(match x {
					None => None,
					Some(x) => {
						Some(i64::try_from(i128::from(x) * pow10(scale)).map_err(|_| {
							value_err(i, format!("{x} does not fit decimal({scale})"))
						})?)
					}
				});
			}
		}
		(Source::Float, ColumnData::Decimal(v)) => {
			let a = cast_with_options(array, &DataType::Float64, &strict()).map_err(cast_err)?;
			let factor = 10f64.powi(i32::from(scale));
			for (i, x) in a.as_primitive::<Float64Type>().iter().enumerate() {
				v.push(match x {
					None => None,
					Some(x) if x.is_nan() => None,
					Some(x) => {
						let m = (x * factor).round();
						if !m.is_finite() || m < i64::MIN as f64 || m >= i64::MAX as f64 {
							return Err(value_err(i, format!("{x} does not fit decimal({scale})")));
						}
						Some(m as i64)
					}
				});
			}
		}
		(Source::Decimal(_), ColumnData::Decimal(v)) => {
			for (i, x) in array.as_primitive::<Decimal128Type>().iter().enumerate() {
				v.push(match x {
					None => None,
					Some(x) => {
						Some(i64::try_from(x).map_err(|_| {
							value_err(i, format!("mantissa {x} does not fit 64 bits"))
						})?)
					}
				});
			}
		}
		(Source::Bool, ColumnData::Bool(v)) => v.extend(array.as_boolean().iter()),
		(Source::Text, ColumnData::Utf8(v) | ColumnData::Category(v)) => {
			let a = cast_with_options(array, &DataType::Utf8, &strict()).map_err(cast_err)?;
			v.extend(a.as_string::<i32>().iter().map(|t| t.map(|t| t.as_bytes().to_vec())));
		}
		_ => return Err(Error::Io(format!("column {name:?}: internal type mismatch"))),
	}
	Ok(())
}

pub(super) fn open(path: &Path, options: &ReadOptions) -> Result<TableReader, Error> {
	let file = File::open(path).map_err(|e| io_err(path, e))?;
	let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| io_err(path, e))?;
	let mut columns = Vec::new();
	let mut sources = Vec::new();
	for field in builder.schema().fields() {
		let (c, s) = column_for(field, options)?;
		columns.push(c);
		sources.push(s);
	}
	let schema = Schema::new(columns).map_err(|e| io_err(path, e))?;
	let batch_rows = options.chunk_rows.min(64 * 1024);
	let mut batches = builder.with_batch_size(batch_rows).build().map_err(|e| io_err(path, e))?;
	let mut chunker = Chunker::new(schema.clone(), options.chunk_rows);
	let types: Vec<ColumnType> = schema.columns().iter().map(|c| c.ty).collect();
	let names: Vec<String> = schema.columns().iter().map(|c| c.name_str()).collect();
	let path = path.to_path_buf();
	let mut pending: Option<(RecordBatch, usize)> = None;
	let mut row: u64 = 1;
	let mut done = false;
	let inner = std::iter::from_fn(move || -> Option<Result<Chunk, Error>> {
		if done {
			return None;
		}
		let mut fail = |e: Error| {
			done = true;
			Some(Err(e))
		};
		loop {
			if let Some(chunk) = chunker.take(false) {
				return Some(Ok(chunk));
			}
			let (batch, offset) = match pending.take() {
				Some(p) => p,
				None => match batches.next() {
					None => {
						done = true;
						return chunker.take(true).map(Ok);
					}
					Some(Err(e)) => return fail(io_err(&path, e)),
					Some(Ok(b)) => (b, 0),
				},
			};
			// Take as many rows as fit in the current chunk.
			let room = chunker.room();
			let take = room.min(batch.num_rows() - offset);
			for (c, array) in batch.columns().iter().enumerate() {
				let part = array.slice(offset, take);
				if let Err(e) =
					append(&mut chunker.columns()[c], &part, sources[c], types[c], &names[c], row)
				{
					return fail(e);
				}
			}
			row += take as u64;
			if offset + take < batch.num_rows() {
				pending = Some((batch, offset + take));
			}
		}
	});
	Ok(TableReader { schema, inner: Box::new(inner) })
}

fn arrow_field(c: &Column) -> Field {
	let dt = match c.ty {
		ColumnType::Int64 => DataType::Int64,
		ColumnType::Decimal { scale } => DataType::Decimal128(19, scale as i8),
		ColumnType::Bool => DataType::Boolean,
		ColumnType::Utf8 => DataType::Utf8,
		ColumnType::Category => {
			DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
		}
	};
	Field::new(c.name_str(), dt, c.nullable)
}

fn texts(v: &[Option<Vec<u8>>]) -> impl Iterator<Item = Option<&str>> {
	// Chunks are validated first, so texts are UTF-8.
	v.iter().map(|t| t.as_deref().map(|b| std::str::from_utf8(b).unwrap_or_default()))
}

fn arrow_array(data: &ColumnData, ty: ColumnType) -> Result<ArrayRef, Error> {
	Ok(match data {
		ColumnData::Int64(v) => Arc::new(Int64Array::from(v.clone())),
		ColumnData::Decimal(v) => {
			let scale = match ty {
				ColumnType::Decimal { scale } => scale as i8,
				_ => 0,
			};
			Arc::new(
				Decimal128Array::from(v.iter().map(|x| x.map(i128::from)).collect::<Vec<_>>())
					.with_precision_and_scale(19, scale)
					.map_err(|e| Error::Io(e.to_string()))?,
			)
		}
		ColumnData::Bool(v) => Arc::new(BooleanArray::from(v.clone())),
		ColumnData::Utf8(v) => Arc::new(texts(v).collect::<StringArray>()),
		ColumnData::Category(v) => Arc::new(texts(v).collect::<DictionaryArray<Int32Type>>()),
	})
}

pub(super) struct Writer {
	inner: ArrowWriter<File>,
	schema: Schema,
	arrow: Arc<arrow_schema::Schema>,
	path: std::path::PathBuf,
}

impl Writer {
	pub(super) fn create(path: &Path, schema: &Schema) -> Result<Self, Error> {
		let arrow = Arc::new(arrow_schema::Schema::new(
			schema.columns().iter().map(arrow_field).collect::<Vec<_>>(),
		));
		let file = File::create(path).map_err(|e| io_err(path, e))?;
		let props = WriterProperties::builder()
			.set_compression(Compression::ZSTD(ZstdLevel::default()))
			.build();
		let inner =
			ArrowWriter::try_new(file, arrow.clone(), Some(props)).map_err(|e| io_err(path, e))?;
		Ok(Self { inner, schema: schema.clone(), arrow, path: path.to_path_buf() })
	}

	pub(super) fn write(&mut self, chunk: &Chunk) -> Result<(), Error> {
		chunk.validate(&self.schema, usize::MAX)?;
		let arrays = chunk
			.columns
			.iter()
			.zip(self.schema.columns())
			.map(|(d, c)| arrow_array(d, c.ty))
			.collect::<Result<Vec<_>, _>>()?;
		let batch =
			RecordBatch::try_new(self.arrow.clone(), arrays).map_err(|e| io_err(&self.path, e))?;
		self.inner.write(&batch).map_err(|e| io_err(&self.path, e))
	}

	pub(super) fn finish(self) -> Result<(), Error> {
		self.inner.close().map(|_| ()).map_err(|e| io_err(&self.path, e))
	}
}
