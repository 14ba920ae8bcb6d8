//! CSV: inference, reading and writing.

use super::{io_err, Chunker, ReadOptions, TableReader};
use crate::{
	cell::Value,
	chunk::Chunk,
	schema::{Column, ColumnType, Schema},
	Error, MAX_DECIMAL_SCALE,
};
use std::{fs::File, io::BufReader, path::Path};

/// Parses a decimal text into a mantissa with `scale` digits after the point. More
/// digits than `scale`, or a value that does not fit an `i64`, is an error.
pub fn parse_decimal(text: &str, scale: u8) -> Result<i64, String> {
	let t = text.trim();
	let (neg, digits) = match t.strip_prefix('-') {
		Some(rest) => (true, rest),
		None => (false, t.strip_prefix('+').unwrap_or(t)),
	};
	let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
	let valid = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
	if (int.is_empty() && frac.is_empty()) || !valid(int) || !valid(frac) {
		return Err(format!("{text:?} is not a number"));
	}
	if frac.len() > usize::from(scale) {
		return Err(format!(
			"{text:?} has more than {scale} digits after the point; read the column with a larger decimal scale"
		));
	}
	let mut m: i128 = 0;
	for b in int.bytes().chain(frac.bytes()) {
		m = m * 10 + i128::from(b - b'0');
		if m > i128::from(i64::MAX) + 1 {
			return Err(format!("{text:?} does not fit a 64-bit decimal"));
		}
	}
	for _ in frac.len()..usize::from(scale) {
		m *= 10;
		if m > i128::from(i64::MAX) + 1 {
			return Err(format!("{text:?} does not fit a 64-bit decimal"));
		}
	}
	let m = if neg { -m } else { m };
	i64::try_from(m).map_err(|_| format!("{text:?} does not fit a 64-bit decimal"))
}

/// Formats a mantissa with `scale` digits after the point.
pub fn format_decimal(m: i64, scale: u8) -> String {
	if scale == 0 {
		return m.to_string();
	}
	let digits = m.unsigned_abs().to_string();
	let s = usize::from(scale);
	let padded = if digits.len() <= s {
		format!("{}{digits}", "0".repeat(s + 1 - digits.len()))
	} else {
		digits
	};
	let (int, frac) = padded.split_at(padded.len() - s);
	format!("{}{int}.{frac}", if m < 0 { "-" } else { "" })
}

fn parse_bool(t: &str) -> Option<bool> {
	if t.eq_ignore_ascii_case("true") {
		Some(true)
	} else if t.eq_ignore_ascii_case("false") {
		Some(false)
	} else {
		None
	}
}

fn parse_cell(text: &str, ty: ColumnType) -> Result<Option<Value>, String> {
	if text.is_empty() {
		return Ok(None);
	}
	Ok(Some(match ty {
		ColumnType::Int64 => Value::Int64(
			text.trim().parse().map_err(|_| format!("{text:?} is not a 64-bit integer"))?,
		),
		ColumnType::Decimal { scale } => Value::Decimal(parse_decimal(text, scale)?),
		ColumnType::Bool => Value::Bool(
			parse_bool(text.trim()).ok_or_else(|| format!("{text:?} is not true or false"))?,
		),
		ColumnType::Utf8 => Value::Utf8(text.as_bytes().to_vec()),
		ColumnType::Category => Value::Category(text.as_bytes().to_vec()),
	}))
}

/// What inference has seen of one column so far.
#[derive(Clone, Copy)]
struct Guess {
	bool_ok: bool,
	int_ok: bool,
	dec_ok: bool,
	scale: u8,
	seen: bool,
}

impl Guess {
	fn new() -> Self {
		Self { bool_ok: true, int_ok: true, dec_ok: true, scale: 0, seen: false }
	}

	fn see(&mut self, t: &str) {
		if t.is_empty() {
			return;
		}
		self.seen = true;
		self.bool_ok &= parse_bool(t.trim()).is_some();
		self.int_ok &= t.trim().parse::<i64>().is_ok();
		if self.dec_ok {
			let frac = t.trim().split_once('.').map_or(0, |(_, f)| f.len());
			match u8::try_from(frac) {
				Ok(f) if f <= MAX_DECIMAL_SCALE && parse_decimal(t, f).is_ok() => {
					self.scale = self.scale.max(f)
				}
				_ => self.dec_ok = false,
			}
		}
	}

	fn ty(self) -> ColumnType {
		match self {
			Guess { seen: false, .. } => ColumnType::Utf8,
			Guess { bool_ok: true, .. } => ColumnType::Bool,
			Guess { int_ok: true, .. } => ColumnType::Int64,
			Guess { dec_ok: true, scale, .. } => ColumnType::Decimal { scale },
			_ => ColumnType::Utf8,
		}
	}
}

fn reader(path: &Path, options: &ReadOptions) -> Result<csv::Reader<BufReader<File>>, Error> {
	let file = File::open(path).map_err(|e| io_err(path, e))?;
	Ok(csv::ReaderBuilder::new()
		.delimiter(options.delimiter)
		.has_headers(true)
		.from_reader(BufReader::with_capacity(1 << 20, file)))
}

pub(super) fn open(path: &Path, options: &ReadOptions) -> Result<TableReader, Error> {
	let mut rdr = reader(path, options)?;
	let headers = rdr.headers().map_err(|e| io_err(path, e))?.clone();
	let mut guesses = vec![Guess::new(); headers.len()];
	for record in rdr.records().take(options.infer_rows) {
		let record = record.map_err(|e| io_err(path, e))?;
		for (g, field) in guesses.iter_mut().zip(record.iter()) {
			g.see(field);
		}
	}
	let columns = headers
		.iter()
		.zip(&guesses)
		.map(|(name, g)| Column::new(name, options.override_for(name).unwrap_or(g.ty()), true))
		.collect();
	let schema = Schema::new(columns).map_err(|e| io_err(path, e))?;

	let types: Vec<ColumnType> = schema.columns().iter().map(|c| c.ty).collect();
	let names: Vec<String> = schema.columns().iter().map(|c| c.name_str()).collect();
	let mut records = reader(path, options)?.into_records();
	let mut chunker = Chunker::new(schema.clone(), options.chunk_rows);
	let mut row: u64 = 0;
	let path = path.to_path_buf();
	let mut done = false;
	let inner = std::iter::from_fn(move || {
		if done {
			return None;
		}
		loop {
			match records.next() {
				None => {
					done = true;
					return chunker.take(true).map(Ok);
				}
				Some(Err(e)) => {
					done = true;
					return Some(Err(io_err(&path, e)));
				}
				Some(Ok(record)) => {
					row += 1;
					if record.len() != types.len() {
						done = true;
						return Some(Err(io_err(
							&path,
							format!(
								"row {row} has {} fields, the header {}",
								record.len(),
								types.len()
							),
						)));
					}
					for (c, field) in record.iter().enumerate() {
						let value = match parse_cell(field, types[c]) {
							Ok(v) => v,
							Err(reason) => {
								done = true;
								return Some(Err(Error::Value {
									column: names[c].clone(),
									row,
									reason,
								}));
							}
						};
						chunker.columns()[c].push(value);
					}
					if let Some(chunk) = chunker.take(false) {
						return Some(Ok(chunk));
					}
				}
			}
		}
	});
	Ok(TableReader { schema, inner: Box::new(inner) })
}

pub(super) struct Writer {
	inner: csv::Writer<File>,
	schema: Schema,
	path: std::path::PathBuf,
}

impl Writer {
	pub(super) fn create(path: &Path, schema: &Schema) -> Result<Self, Error> {
		let mut inner = csv::Writer::from_path(path).map_err(|e| io_err(path, e))?;
		inner
			.write_record(schema.columns().iter().map(|c| c.name.as_slice()))
			.map_err(|e| io_err(path, e))?;
		Ok(Self { inner, schema: schema.clone(), path: path.to_path_buf() })
	}

	pub(super) fn write(&mut self, chunk: &Chunk) -> Result<(), Error> {
		chunk.validate(&self.schema, usize::MAX)?;
		let mut fields: Vec<Vec<u8>> = vec![Vec::new(); self.schema.width()];
		for r in 0..chunk.rows() {
			for ((field, data), col) in
				fields.iter_mut().zip(&chunk.columns).zip(self.schema.columns())
			{
				field.clear();
				match data.value(r) {
					None => {}
					Some(Value::Int64(v)) => field.extend_from_slice(v.to_string().as_bytes()),
					Some(Value::Decimal(m)) => {
						let scale = match col.ty {
							ColumnType::Decimal { scale } => scale,
							_ => 0,
						};
						field.extend_from_slice(format_decimal(m, scale).as_bytes())
					}
					Some(Value::Bool(b)) => {
						field.extend_from_slice(if b { b"true" } else { b"false" })
					}
					Some(Value::Utf8(t)) | Some(Value::Category(t)) => field.extend_from_slice(&t),
				}
			}
			self.inner.write_record(&fields).map_err(|e| io_err(&self.path, e))?;
		}
		Ok(())
	}

	pub(super) fn finish(mut self) -> Result<(), Error> {
		self.inner.flush().map_err(|e| io_err(&self.path, e))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn decimals_parse_and_format_exactly() {
		assert_eq!(parse_decimal("12.5", 2), Ok(1250));
		assert_eq!(parse_decimal("-0.05", 2), Ok(-5));
		assert_eq!(parse_decimal("7", 3), Ok(7000));
		assert!(parse_decimal("1.234", 2).is_err());
		assert!(parse_decimal("abc", 2).is_err());
		assert!(parse_decimal("99999999999999999999", 0).is_err());
		assert_eq!(parse_decimal("-9223372036854775808", 0), Ok(i64::MIN));
		for (m, s) in [(1250, 2), (-5, 2), (0, 3), (i64::MIN, 18), (i64::MAX, 4), (42, 0)] {
			assert_eq!(parse_decimal(&format_decimal(m, s), s), Ok(m), "{m} scale {s}");
		}
		assert_eq!(format_decimal(-5, 2), "-0.05");
	}
}
