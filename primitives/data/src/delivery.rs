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
//! signed with sr25519; `expiry` is in Unix seconds. Errors come back as JSON
//! `{"error": code, "message": text}` with a fitting HTTP status.

use crate::commitment::MerklePath;
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
	if s.len() % 2 != 0 {
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
}
