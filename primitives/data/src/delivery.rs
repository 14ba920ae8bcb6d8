//! Delivery: what the gateway, the scoring off-chain worker and the client say to each
//! other over HTTP, defined once.
//!
//! - `GET  /v1/datasets/{version}/chunks/{index}`: a [`ChunkEnvelope`] (SCALE), for a
//!   request signed by the caller ([`SignedRequest`] in the `X-Loam-*` headers) with
//!   [`Action::Download`].
//! - `PUT  /v1/datasets/{version}/chunks/{index}`: the body is a [`ChunkEnvelope`]; the
//!   owner signs with [`Action::Upload`]. The gateway checks the chunk against the
//!   registered root before it stores it.
//! - `GET  /v1/datasets/{version}`: which chunks the gateway holds (JSON), so that an
//!   interrupted upload resumes where it stopped.
//!
//! The signed message is `SCALE(("loam-gateway/v1", action, version, index, expiry, nonce))`,
//! signed with sr25519; `expiry` is in Unix seconds. A browser wallet signs the message
//! wrapped as `<Bytes>message</Bytes>` ([`wrap_bytes`], what every injected-web3 wallet's
//! `signRaw` does); the gateway accepts both forms. One request signed with
//! [`Action::DownloadVersion`] over [`ALL_CHUNKS`] (and the header [`HEADER_SCOPE`]` =
//! version`) downloads every chunk of a version once each until it expires, so a wallet
//! user signs once per download, not once per chunk. Errors come back as JSON
//! `{"error": code, "message": text}` with a fitting HTTP status.

use crate::{
	commitment::{commit_cells, MerklePath},
	field::{self, Bytes32, Fr},
	Chunk, Schema, CHUNK_ROWS,
};
use alloc::{format, string::String, vec::Vec};
use codec::{Decode, Encode};
use scale_info::TypeInfo;

/// Header carrying the signer's public key (hex, 32 bytes).
pub const HEADER_SIGNER: &str = "x-loam-signer";
/// Header carrying the expiry in Unix seconds.
pub const HEADER_EXPIRY: &str = "x-loam-expiry";
/// Header carrying the nonce (decimal `u64`).
pub const HEADER_NONCE: &str = "x-loam-nonce";
/// Header carrying the sr25519 signature (hex, 64 bytes).
pub const HEADER_SIGNATURE: &str = "x-loam-signature";

/// Header that says a download request was signed for the whole version
/// ([`Action::DownloadVersion`]); its value is [`SCOPE_VERSION`].
pub const HEADER_SCOPE: &str = "x-loam-scope";
/// See [`HEADER_SCOPE`].
pub const SCOPE_VERSION: &str = "version";
/// The chunk index a whole-version request signs.
pub const ALL_CHUNKS: u32 = u32::MAX;

/// The longest a signed request may be valid for, in seconds: a gateway refuses an
/// expiry further ahead (so it need remember nonces only this long).
pub const MAX_REQUEST_LIFETIME_SECS: u64 = 600;

/// The domain tag of every signed gateway request.
pub const SIGNING_DOMAIN: &[u8] = b"loam-gateway/v1";

/// What a signed request asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub enum Action {
	/// Read a chunk.
	Download,
	/// Store a chunk (the owner only).
	Upload,
	/// Read every chunk of the version, each once, until the expiry (signed over
	/// [`ALL_CHUNKS`]).
	DownloadVersion,
}

/// A request's signed fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct SignedRequest {
	/// Download or upload.
	pub action: Action,
	/// The dataset version.
	pub version: u64,
	/// The chunk index.
	pub index: u32,
	/// Unix seconds after which the request is refused.
	pub expiry: u64,
	/// A number the signer never uses twice within the expiry.
	pub nonce: u64,
}

impl SignedRequest {
	/// The bytes the caller signs.
	pub fn message(&self) -> Vec<u8> {
		(SIGNING_DOMAIN, self.action, self.version, self.index, self.expiry, self.nonce).encode()
	}
}

/// A chunk on the wire: its index, its SCALE bytes ([`crate::Chunk`]), and its Merkle
/// path to the registered root.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct ChunkEnvelope {
	/// The chunk's index in the dataset.
	pub index: u32,
	/// The chunk, SCALE-encoded.
	pub chunk: Vec<u8>,
	/// The chunk commitment's path to the Merkle root.
	pub path: MerklePath,
}

/// What a browser wallet signs when asked to sign `message`: `<Bytes>message</Bytes>`
/// (the wallets' guard against signing something that could be a transaction).
pub fn wrap_bytes(message: &[u8]) -> Vec<u8> {
	[b"<Bytes>".as_slice(), message, b"</Bytes>"].concat()
}

/// Checks a chunk from a gateway: it is chunk `index`, has `schema`'s shape, and its
/// commitment's Merkle path leads to `merkle_root` (as registered) of a version with
/// `chunks` chunks. Returns the chunk and its commitment. Shared by the gateway (on
/// upload), the CLI and the web app (on download). Content rules (nulls, text) are not
/// checked: the commitment binds the data as it is, and scoring measures conformance.
pub fn verify_envelope(
	schema: &Schema,
	merkle_root: &Bytes32,
	chunks: u32,
	index: u32,
	envelope: &ChunkEnvelope,
) -> Result<(Chunk, Fr), String> {
	if envelope.index != index || envelope.path.index != index {
		return Err(format!(
			"the envelope is for chunk {}, its path for chunk {}, not {index}",
			envelope.index, envelope.path.index
		));
	}
	let chunk = Chunk::decode_shape(&envelope.chunk, schema, CHUNK_ROWS)
		.map_err(|e| format!("chunk {index} does not fit the schema: {e}"))?;
	let leaf = commit_cells(&chunk.cells(schema), CHUNK_ROWS);
	let root = field::from_bytes(merkle_root)
		.map_err(|_| String::from("the registered Merkle root is not a field element"))?;
	match envelope.path.verify(leaf, chunks, root) {
		Ok(true) => Ok((chunk, leaf)),
		Ok(false) => Err(format!("chunk {index} does not match the root registered on chain")),
		Err(e) => Err(format!("chunk {index}: {e}")),
	}
}

/// The path of chunk `index` of `version` on a gateway.
pub fn chunk_path(version: u64, index: u32) -> String {
	format!("/v1/datasets/{version}/chunks/{index}")
}

/// The path of a version's status on a gateway.
pub fn dataset_path(version: u64) -> String {
	format!("/v1/datasets/{version}")
}

/// Whether a version's status document (the JSON a gateway answers at [`dataset_path`])
/// says that every chunk is stored. The scoring worker reads it without a JSON parser, so
/// the gateway writes it compactly (`"complete":true`, no space).
pub fn status_complete(status: &[u8]) -> bool {
	const COMPLETE: &[u8] = b"\"complete\":true";
	status.windows(COMPLETE.len()).any(|w| w == COMPLETE)
}

/// Lowercase hex of `bytes`.
pub fn to_hex(bytes: &[u8]) -> String {
	const DIGITS: &[u8; 16] = b"0123456789abcdef";
	let mut s = String::with_capacity(2 * bytes.len());
	for b in bytes {
		s.push(DIGITS[(b >> 4) as usize] as char);
		s.push(DIGITS[(b & 15) as usize] as char);
	}
	s
}

/// Bytes from hex (an optional `0x` prefix allowed); `None` when not hex.
pub fn from_hex(s: &str) -> Option<Vec<u8>> {
	let s = s.strip_prefix("0x").unwrap_or(s).as_bytes();
	if !s.len().is_multiple_of(2) {
		return None;
	}
	let nibble = |c: u8| match c {
		b'0'..=b'9' => Some(c - b'0'),
		b'a'..=b'f' => Some(c - b'a' + 10),
		b'A'..=b'F' => Some(c - b'A' + 10),
		_ => None,
	};
	s.chunks(2).map(|p| Some(nibble(p[0])? << 4 | nibble(p[1])?)).collect()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_status_is_complete_only_when_it_says_so() {
		assert!(status_complete(br#"{"chunks":1,"complete":true,"missing":[]}"#));
		assert!(!status_complete(br#"{"chunks":2,"complete":false,"missing":[1]}"#));
		assert!(!status_complete(b""));
		assert!(!status_complete(br#""complete":tru"#));
	}

	#[test]
	fn hex_round_trips_and_refuses_junk() {
		let bytes = [0u8, 1, 0xab, 0xff];
		assert_eq!(to_hex(&bytes), "0001abff");
		assert_eq!(from_hex("0x0001ABff").unwrap(), bytes);
		assert_eq!(from_hex("abc"), None);
		assert_eq!(from_hex("zz"), None);
	}

	#[test]
	fn the_message_binds_every_field() {
		let r =
			SignedRequest { action: Action::Download, version: 7, index: 3, expiry: 99, nonce: 5 };
		let m = r.message();
		for other in [
			SignedRequest { action: Action::Upload, ..r },
			SignedRequest { version: 8, ..r },
			SignedRequest { index: 4, ..r },
			SignedRequest { expiry: 100, ..r },
			SignedRequest { nonce: 6, ..r },
		] {
			assert_ne!(other.message(), m, "{other:?}");
		}
	}

	#[test]
	fn an_envelope_verifies_only_as_registered() {
		use crate::{commitment::DatasetBuilder, Column, ColumnData, ColumnType};
		let schema = Schema::new(alloc::vec![Column::new("x", ColumnType::Int64, true)]).unwrap();
		let chunk =
			|n: i64| Chunk { columns: alloc::vec![ColumnData::Int64((0..n).map(Some).collect())] };
		let chunks = [chunk(CHUNK_ROWS as i64), chunk(3), chunk(2)];
		let mut b = DatasetBuilder::new(schema.clone());
		for c in &chunks {
			b.push(c).unwrap();
		}
		let d = b.finish().unwrap();
		let root = field::to_bytes(&d.merkle_root);
		let env = |i: usize, c: &Chunk| ChunkEnvelope {
			index: i as u32,
			chunk: c.encode(),
			path: d.path(i).unwrap(),
		};
		let (got, leaf) = verify_envelope(&schema, &root, 3, 1, &env(1, &chunks[1])).unwrap();
		assert_eq!((got, leaf), (chunks[1].clone(), d.chunk_commitments[1]));
		// Another chunk's data under chunk 1's path; chunk 1 asked as chunk 2; another root;
		// a chunk count of another tree depth; a tampered cell.
		assert!(verify_envelope(&schema, &root, 3, 1, &env(1, &chunks[2])).is_err());
		assert!(verify_envelope(&schema, &root, 3, 2, &env(1, &chunks[1])).is_err());
		let mut other = root;
		other[1] ^= 1;
		assert!(verify_envelope(&schema, &other, 3, 1, &env(1, &chunks[1])).is_err());
		// (A count with the same tree depth cannot be told apart here; the dataset root binds
		// the count.)
		assert!(verify_envelope(&schema, &root, 5, 1, &env(1, &chunks[1])).is_err());
		let mut tampered = chunks[1].clone();
		tampered.columns[0] = ColumnData::Int64(alloc::vec![Some(0), Some(1), Some(3)]);
		assert!(verify_envelope(&schema, &root, 3, 1, &env(1, &tampered)).is_err());
	}

	#[test]
	fn wallets_wrap_what_they_sign() {
		assert_eq!(wrap_bytes(b"abc"), b"<Bytes>abc</Bytes>");
	}
}
