//! loam-data for the browser: the web app's wallet downloads chunks from a gateway and
//! checks each one against the Merkle root registered on chain, with the same code as the
//! CLI, the gateway and the runtime (`loam_data::delivery::verify_envelope`), compiled to
//! `wasm32-unknown-unknown`. It also builds the message a wallet signs for the gateway and
//! turns verified chunks into CSV.
//!
//! The interface is a plain C ABI over the module's memory (no bindings generator), used
//! by `web/src/verifier.ts`:
//!
//! - `loam_alloc(len) -> ptr` and `loam_free(ptr, len)`: buffers the caller writes inputs to;
//! - every other function returns a status (0 = ok, see [`Status`]) and leaves its output,
//!   if any, in a result buffer read with `loam_result_ptr()` / `loam_result_len()`.

use codec::Decode;
use loam_data::{
	delivery::{self, Action, ChunkEnvelope, SignedRequest},
	field, Chunk, ColumnData, ColumnType, Schema,
};
use std::cell::RefCell;

/// Status codes of the exported functions.
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
	/// Done.
	Ok = 0,
	/// The schema does not decode.
	BadSchema = 1,
	/// The envelope does not decode.
	BadEnvelope = 2,
	/// The chunk is not the one asked for, does not fit the schema, or does not match the
	/// root: the message in the result buffer says which.
	Mismatch = 3,
	/// An argument is out of range (a root that is not a field element, an unknown action).
	BadArgument = 4,
}

thread_local! {
	static RESULT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

fn set_result(bytes: Vec<u8>) {
	RESULT.with(|r| *r.borrow_mut() = bytes);
}

fn done(result: Result<Vec<u8>, (Status, String)>) -> i32 {
	match result {
		Ok(bytes) => {
			set_result(bytes);
			Status::Ok as i32
		}
		Err((status, why)) => {
			set_result(why.into_bytes());
			status as i32
		}
	}
}

/// # Safety
/// `ptr..ptr+len` must be a live allocation from [`loam_alloc`] (or `len` 0).
unsafe fn input<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
	if len == 0 {
		&[]
	} else {
		// SAFETY: the caller passes a buffer it allocated with `loam_alloc` and filled.
		unsafe { std::slice::from_raw_parts(ptr, len) }
	}
}

/// A buffer of `len` bytes for the caller to fill.
#[no_mangle]
pub extern "C" fn loam_alloc(len: usize) -> *mut u8 {
	let mut v = Vec::<u8>::with_capacity(len.max(1));
	let ptr = v.as_mut_ptr();
	std::mem::forget(v);
	ptr
}

/// Frees a buffer from [`loam_alloc`].
///
/// # Safety
/// `ptr` and `len` must be those of one earlier [`loam_alloc`], freed once.
#[no_mangle]
pub unsafe extern "C" fn loam_free(ptr: *mut u8, len: usize) {
	// SAFETY: see the function's contract.
	drop(unsafe { Vec::from_raw_parts(ptr, 0, len.max(1)) });
}

/// The last result's address.
#[no_mangle]
pub extern "C" fn loam_result_ptr() -> *const u8 {
	RESULT.with(|r| r.borrow().as_ptr())
}

/// The last result's length.
#[no_mangle]
pub extern "C" fn loam_result_len() -> usize {
	RESULT.with(|r| r.borrow().len())
}

/// Checks a [`ChunkEnvelope`] (SCALE, as the gateway sends it) for chunk `index` of a
/// version with `schema` (SCALE), `chunks` chunks and Merkle root `merkle_root` (32 bytes,
/// as on chain). On success the result is the chunk's row count (`u32` LE), its
/// commitment (32 bytes) and the chunk's SCALE bytes (for [`loam_chunk_csv`]).
///
/// # Safety
/// Every pointer and length must describe a buffer from [`loam_alloc`].
#[no_mangle]
pub unsafe extern "C" fn loam_verify_chunk(
	schema_ptr: *const u8,
	schema_len: usize,
	envelope_ptr: *const u8,
	envelope_len: usize,
	root_ptr: *const u8,
	chunks: u32,
	index: u32,
) -> i32 {
	// SAFETY: see the function's contract.
	let (schema, envelope, root) = unsafe {
		(input(schema_ptr, schema_len), input(envelope_ptr, envelope_len), input(root_ptr, 32))
	};
	done(verify_chunk(schema, envelope, root, chunks, index))
}

/// The body of [`loam_verify_chunk`].
pub fn verify_chunk(
	schema: &[u8],
	envelope: &[u8],
	merkle_root: &[u8],
	chunks: u32,
	index: u32,
) -> Result<Vec<u8>, (Status, String)> {
	let schema = decode_schema(schema)?;
	let envelope = ChunkEnvelope::decode(&mut &envelope[..])
		.map_err(|e| (Status::BadEnvelope, format!("the gateway's answer does not decode: {e}")))?;
	let root: [u8; 32] = merkle_root
		.try_into()
		.map_err(|_| (Status::BadArgument, "the Merkle root is not 32 bytes".to_string()))?;
	let (chunk, leaf) = delivery::verify_envelope(&schema, &root, chunks, index, &envelope)
		.map_err(|why| (Status::Mismatch, why))?;
	let mut out = (chunk.rows() as u32).to_le_bytes().to_vec();
	out.extend_from_slice(&field::to_bytes(&leaf));
	out.extend_from_slice(&envelope.chunk);
	Ok(out)
}

/// The message a wallet signs for a gateway request (`action` 0 download, 1 upload,
/// 2 every chunk of the version: see `loam_data::delivery`), in the result buffer.
#[no_mangle]
pub extern "C" fn loam_request_message(
	action: u32,
	version: u64,
	index: u32,
	expiry: u64,
	nonce: u64,
) -> i32 {
	done(request_message(action, version, index, expiry, nonce))
}

/// The body of [`loam_request_message`].
pub fn request_message(
	action: u32,
	version: u64,
	index: u32,
	expiry: u64,
	nonce: u64,
) -> Result<Vec<u8>, (Status, String)> {
	let action = Action::decode(&mut &[action as u8][..])
		.ok()
		.filter(|_| action <= u8::MAX as u32)
		.ok_or((Status::BadArgument, format!("no action {action}")))?;
	Ok(SignedRequest { action, version, index, expiry, nonce }.message())
}

/// CSV of one verified chunk (SCALE) of `schema` (SCALE), with the header line first when
/// `header` is 1, in the result buffer.
///
/// # Safety
/// Every pointer and length must describe a buffer from [`loam_alloc`].
#[no_mangle]
pub unsafe extern "C" fn loam_chunk_csv(
	schema_ptr: *const u8,
	schema_len: usize,
	chunk_ptr: *const u8,
	chunk_len: usize,
	header: u32,
) -> i32 {
	// SAFETY: see the function's contract.
	let (schema, chunk) = unsafe { (input(schema_ptr, schema_len), input(chunk_ptr, chunk_len)) };
	done(chunk_csv(schema, chunk, header == 1))
}

/// The body of [`loam_chunk_csv`].
pub fn chunk_csv(schema: &[u8], chunk: &[u8], header: bool) -> Result<Vec<u8>, (Status, String)> {
	let schema = decode_schema(schema)?;
	let chunk = Chunk::decode_for(chunk, &schema, loam_data::CHUNK_ROWS)
		.map_err(|e| (Status::Mismatch, format!("the chunk does not fit the schema: {e}")))?;
	let mut out = Vec::new();
	if header {
		let names: Vec<String> =
			schema.columns().iter().map(|c| csv_text(&String::from_utf8_lossy(&c.name))).collect();
		out.extend_from_slice(names.join(",").as_bytes());
		out.push(b'\n');
	}
	for row in 0..chunk.rows() {
		for (i, (data, column)) in chunk.columns.iter().zip(schema.columns()).enumerate() {
			if i > 0 {
				out.push(b',');
			}
			out.extend_from_slice(cell_text(data, column.ty, row).as_bytes());
		}
		out.push(b'\n');
	}
	Ok(out)
}

fn decode_schema(bytes: &[u8]) -> Result<Schema, (Status, String)> {
	Schema::decode(&mut &bytes[..])
		.map_err(|e| (Status::BadSchema, format!("the schema does not decode: {e}")))
}

/// A cell as CSV text; an empty field is null (as `loam_data::io` reads CSV).
fn cell_text(data: &ColumnData, ty: ColumnType, row: usize) -> String {
	match data {
		ColumnData::Int64(v) => v[row].map(|x| x.to_string()).unwrap_or_default(),
		ColumnData::Decimal(v) => match (v[row], ty) {
			(Some(m), ColumnType::Decimal { scale }) => decimal_text(m, scale),
			(Some(m), _) => m.to_string(),
			(None, _) => String::new(),
		},
		ColumnData::Bool(v) => v[row].map(|b| b.to_string()).unwrap_or_default(),
		ColumnData::Utf8(v) | ColumnData::Category(v) => {
			v[row].as_ref().map(|b| csv_text(&String::from_utf8_lossy(b))).unwrap_or_default()
		}
	}
}

/// A decimal mantissa with `scale` digits after the point: `-1234`, 2 → `-12.34`.
pub fn decimal_text(mantissa: i64, scale: u8) -> String {
	if scale == 0 {
		return mantissa.to_string();
	}
	let digits = format!("{:0>width$}", mantissa.unsigned_abs(), width = scale as usize + 1);
	let (int, frac) = digits.split_at(digits.len() - scale as usize);
	format!("{}{int}.{frac}", if mantissa < 0 { "-" } else { "" })
}

/// Quotes a field when it holds a comma, a quote or a line break (RFC 4180).
fn csv_text(s: &str) -> String {
	if s.contains([',', '"', '\n', '\r']) || s.is_empty() {
		format!("\"{}\"", s.replace('"', "\"\""))
	} else {
		s.to_string()
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::Encode;
	use loam_data::{commitment::DatasetBuilder, Column};

	fn table() -> (Schema, Vec<Chunk>) {
		let schema = Schema::new(vec![
			Column::new("t", ColumnType::Decimal { scale: 2 }, false),
			Column::new("name", ColumnType::Utf8, true),
		])
		.unwrap();
		let chunk = |n: i64| Chunk {
			columns: vec![
				ColumnData::Decimal((0..n).map(|i| Some(i * 37 - 100)).collect()),
				ColumnData::Utf8(
					(0..n).map(|i| (i % 3 != 0).then(|| format!("a,{i}").into_bytes())).collect(),
				),
			],
		};
		(schema, vec![chunk(1024), chunk(5)])
	}

	fn envelopes() -> (Schema, [u8; 32], Vec<Vec<u8>>) {
		let (schema, chunks) = table();
		let mut b = DatasetBuilder::new(schema.clone());
		for c in &chunks {
			b.push(c).unwrap();
		}
		let d = b.finish().unwrap();
		let envs = chunks
			.iter()
			.enumerate()
			.map(|(i, c)| {
				ChunkEnvelope { index: i as u32, chunk: c.encode(), path: d.path(i).unwrap() }
					.encode()
			})
			.collect();
		(schema, field::to_bytes(&d.merkle_root), envs)
	}

	#[test]
	fn verified_chunks_and_tampered_ones() {
		let (schema, root, envs) = envelopes();
		let s = schema.encode();
		let out = verify_chunk(&s, &envs[1], &root, 2, 1).unwrap();
		assert_eq!(u32::from_le_bytes(out[..4].try_into().unwrap()), 5);
		assert_eq!(out[36..], table().1[1].encode()[..]);
		// Asked for chunk 0, sent chunk 1.
		assert_eq!(verify_chunk(&s, &envs[1], &root, 2, 0).unwrap_err().0, Status::Mismatch);
		// Another root.
		let mut other = root;
		other[0] ^= 1;
		assert!(verify_chunk(&s, &envs[0], &other, 2, 0).is_err());
		// One cell changed in transit.
		let mut env = ChunkEnvelope::decode(&mut &envs[0][..]).unwrap();
		let mut chunk = Chunk::decode(&mut &env.chunk[..]).unwrap();
		if let ColumnData::Decimal(v) = &mut chunk.columns[0] {
			v[7] = Some(v[7].unwrap() + 1);
		}
		env.chunk = chunk.encode();
		assert_eq!(verify_chunk(&s, &env.encode(), &root, 2, 0).unwrap_err().0, Status::Mismatch);
		assert_eq!(verify_chunk(&s, b"junk", &root, 2, 0).unwrap_err().0, Status::BadEnvelope);
		assert_eq!(verify_chunk(b"", &envs[0], &root, 2, 0).unwrap_err().0, Status::BadSchema);
	}

	#[test]
	fn csv_of_a_chunk() {
		let (schema, chunks) = table();
		let csv = chunk_csv(&schema.encode(), &chunks[1].encode(), true).unwrap();
		assert_eq!(
			String::from_utf8(csv).unwrap(),
			"t,name\n-1.00,\n-0.63,\"a,1\"\n-0.26,\"a,2\"\n0.11,\n0.48,\"a,4\"\n"
		);
		assert_eq!(decimal_text(5, 3), "0.005");
		assert_eq!(decimal_text(-120_000, 4), "-12.0000");
	}

	#[test]
	fn the_request_message_is_the_protocol_one() {
		let r =
			SignedRequest { action: Action::Download, version: 7, index: 3, expiry: 99, nonce: 5 };
		assert_eq!(request_message(0, 7, 3, 99, 5).unwrap(), r.message());
		assert_eq!(request_message(9, 7, 3, 99, 5).unwrap_err().0, Status::BadArgument);
	}
}
