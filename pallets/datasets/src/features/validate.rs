//! Checks on what a registration claims: the commitment against the schema, and the text
//! fields. Pure functions, shared with the attestation pallet and usable off chain.

use loam_data::{commitment::dataset_root, field, Schema, CHUNK_ROWS};

/// Why a commitment was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommitmentError {
	/// The schema bytes are not a valid schema (or have bytes left over).
	InvalidSchema,
	/// The schema hash is not the schema's.
	SchemaHashMismatch,
	/// A root is not a canonical field element.
	NonCanonicalRoot,
	/// The root is not the dataset root of the rest.
	RootMismatch,
	/// No chunks, too many, or more rows than they can hold.
	InvalidCounts,
}

/// Decodes a schema, refusing invalid schemas and trailing bytes.
pub fn schema(bytes: &[u8]) -> Result<Schema, CommitmentError> {
	use codec::DecodeAll;
	Schema::decode_all(&mut &bytes[..]).map_err(|_| CommitmentError::InvalidSchema)
}

/// Checks a commitment against its schema: the schema hash, the counts, and
/// `root = Poseidon(merkle_root, chunks, rows, schema_hash)`. Returns the schema.
pub fn commitment(
	c: &crate::Commitment,
	schema_bytes: &[u8],
	max_chunks: u32,
) -> Result<Schema, CommitmentError> {
	let schema = schema(schema_bytes)?;
	if field::to_bytes(&schema.hash()) != c.schema_hash {
		return Err(CommitmentError::SchemaHashMismatch);
	}
	let capacity = u64::from(c.chunks).saturating_mul(CHUNK_ROWS as u64);
	if c.chunks == 0 || c.chunks > max_chunks || c.rows > capacity {
		return Err(CommitmentError::InvalidCounts);
	}
	let merkle_root =
		field::from_bytes(&c.merkle_root).map_err(|_| CommitmentError::NonCanonicalRoot)?;
	let schema_hash =
		field::from_bytes(&c.schema_hash).map_err(|_| CommitmentError::NonCanonicalRoot)?;
	let root = dataset_root(merkle_root, c.chunks, c.rows, schema_hash);
	if field::to_bytes(&root) != c.root {
		return Err(CommitmentError::RootMismatch);
	}
	Ok(schema)
}

/// UTF-8 text; `non_empty` also refuses empty text.
pub fn text(bytes: &[u8], non_empty: bool) -> bool {
	(!non_empty || !bytes.is_empty()) && core::str::from_utf8(bytes).is_ok()
}

/// A URI: `scheme://rest`, scheme `[a-z][a-z0-9+.-]*`, rest printable ASCII without spaces.
fn uri(bytes: &[u8]) -> bool {
	let Some(pos) = bytes.windows(3).position(|w| w == b"://") else { return false };
	let (scheme, rest) = (&bytes[..pos], &bytes[pos + 3..]);
	let scheme_ok = scheme.first().is_some_and(u8::is_ascii_lowercase)
		&& scheme
			.iter()
			.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"+.-".contains(b));
	scheme_ok && !rest.is_empty() && rest.iter().all(|b| b.is_ascii_graphic())
}

/// A license: an SPDX license expression (identifiers of `[A-Za-z0-9.+-]`, `LicenseRef-…`
/// included, joined by `AND`, `OR`, `WITH`, with optional parentheses) or a URI.
pub fn license(bytes: &[u8]) -> bool {
	if uri(bytes) {
		return true;
	}
	let Ok(s) = core::str::from_utf8(bytes) else { return false };
	let mut expect_id = true;
	let mut depth = 0i32;
	let mut seen = false;
	for token in s.split(' ') {
		let mut t = token;
		while let Some(rest) = t.strip_prefix('(') {
			if !expect_id {
				return false;
			}
			depth += 1;
			t = rest;
		}
		let mut closes = 0;
		while let Some(rest) = t.strip_suffix(')') {
			closes += 1;
			t = rest;
		}
		if expect_id {
			let id_ok = !t.is_empty()
				&& t.bytes().all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b))
				&& !matches!(t, "AND" | "OR" | "WITH");
			if !id_ok {
				return false;
			}
			seen = true;
		} else if closes > 0 || !matches!(t, "AND" | "OR" | "WITH") {
			return false;
		}
		depth -= closes;
		if depth < 0 {
			return false;
		}
		expect_id = !expect_id;
	}
	seen && !expect_id && depth == 0
}

/// A provider endpoint: `http://` or `https://` with a host.
pub fn endpoint(bytes: &[u8]) -> bool {
	(bytes.starts_with(b"http://") || bytes.starts_with(b"https://")) && uri(bytes)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn licenses() {
		for ok in [
			"MIT",
			"CC-BY-4.0",
			"Apache-2.0 OR MIT",
			"GPL-2.0-or-later WITH Classpath-exception-2.0",
			"(MIT AND CC0-1.0) OR Apache-2.0",
			"LicenseRef-loam-1",
			"https://example.org/license.txt",
		] {
			assert!(license(ok.as_bytes()), "{ok}");
		}
		for bad in [
			"",
			"MIT OR",
			"AND",
			"MIT  OR Apache-2.0",
			"(MIT",
			"MIT)",
			"MIT;rm",
			"some license",
			"OR MIT",
		] {
			assert!(!license(bad.as_bytes()), "{bad}");
		}
	}

	#[test]
	fn endpoints() {
		assert!(endpoint(b"http://127.0.0.1:8080"));
		assert!(endpoint(b"https://data.example.org/loam"));
		for bad in [&b"ftp://x"[..], b"http://", b"https://a b", b"example.org", b"HTTP://x"] {
			assert!(!endpoint(bad), "{:?}", core::str::from_utf8(bad));
		}
	}
}
