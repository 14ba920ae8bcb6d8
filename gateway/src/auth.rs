//! Signed requests: the `X-Loam-*` headers, the sr25519 signature over
//! [`SignedRequest::message`], the expiry window and replay protection.

use crate::error::ApiError;
use axum::http::HeaderMap;
use loam_data::delivery::{self, Action, SignedRequest, MAX_REQUEST_LIFETIME_SECS};
use sp_core::{sr25519, Pair};
use std::{
	collections::HashMap,
	sync::Mutex,
	time::{SystemTime, UNIX_EPOCH},
};

/// Seconds since the Unix epoch.
pub fn unix_now() -> u64 {
	SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Result<&'a str, ApiError> {
	headers
		.get(name)
		.ok_or_else(|| ApiError::Unauthorized(format!("missing header {name}")))?
		.to_str()
		.map_err(|_| ApiError::BadRequest(format!("header {name} is not text")))
}

fn hex_array<const N: usize>(headers: &HeaderMap, name: &str) -> Result<[u8; N], ApiError> {
	delivery::from_hex(header(headers, name)?)
		.and_then(|v| v.try_into().ok())
		.ok_or_else(|| ApiError::BadRequest(format!("header {name} must be {N} bytes of hex")))
}

/// Remembers the nonces of unexpired requests, per signer and chunk (a whole-version
/// request serves each chunk once).
#[derive(Default)]
pub struct Nonces {
	seen: Mutex<HashMap<NonceUse, u64>>,
}

/// A signer, a nonce and the chunk it was spent on.
type NonceUse = ([u8; 32], u64, u32);

impl Nonces {
	/// Records `(signer, nonce, index)` until `expiry`; `false` when it was already there.
	fn first_use(&self, signer: [u8; 32], nonce: u64, index: u32, expiry: u64, now: u64) -> bool {
		let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
		if seen.len() > 100_000 {
			seen.retain(|_, e| *e >= now);
		}
		seen.insert((signer, nonce, index), expiry).is_none()
	}
}

/// Whether the request's headers ask for the whole-version scope
/// ([`Action::DownloadVersion`]).
pub fn version_scope(headers: &HeaderMap) -> Result<bool, ApiError> {
	match headers.get(delivery::HEADER_SCOPE) {
		None => Ok(false),
		Some(v) if v.as_bytes() == delivery::SCOPE_VERSION.as_bytes() => Ok(true),
		Some(_) => Err(ApiError::BadRequest(format!(
			"header {} must be {:?}",
			delivery::HEADER_SCOPE,
			delivery::SCOPE_VERSION
		))),
	}
}

/// Checks a request's headers for `action` on `(version, index)`: a signature of the
/// signer over exactly these (or over the [`delivery::wrap_bytes`] form a browser wallet
/// signs), not expired, not too far ahead, a nonce not seen before. A download signed for
/// the whole version ([`version_scope`]) is checked as [`Action::DownloadVersion`] over
/// [`delivery::ALL_CHUNKS`], and its nonce is spent per chunk. Returns the signer's
/// public key.
pub fn verify(
	headers: &HeaderMap,
	action: Action,
	version: u64,
	index: u32,
	nonces: &Nonces,
) -> Result<[u8; 32], ApiError> {
	let signer: [u8; 32] = hex_array(headers, delivery::HEADER_SIGNER)?;
	let signature: [u8; 64] = hex_array(headers, delivery::HEADER_SIGNATURE)?;
	let number = |name| {
		header(headers, name)?
			.parse::<u64>()
			.map_err(|_| ApiError::BadRequest(format!("header {name} must be a number")))
	};
	let (expiry, nonce) = (number(delivery::HEADER_EXPIRY)?, number(delivery::HEADER_NONCE)?);
	let request = match (action, version_scope(headers)?) {
		(_, false) => SignedRequest { action, version, index, expiry, nonce },
		(Action::Download, true) => SignedRequest {
			action: Action::DownloadVersion,
			version,
			index: delivery::ALL_CHUNKS,
			expiry,
			nonce,
		},
		(_, true) => {
			return Err(ApiError::BadRequest(format!(
				"header {} is for downloads only",
				delivery::HEADER_SCOPE
			)))
		}
	};
	let (signature, public) =
		(sr25519::Signature::from_raw(signature), sr25519::Public::from_raw(signer));
	let message = request.message();
	let ok = sr25519::Pair::verify(&signature, &message, &public)
		|| sr25519::Pair::verify(&signature, delivery::wrap_bytes(&message), &public);
	if !ok {
		return Err(ApiError::Unauthorized(
			"the signature does not match the request and signer".into(),
		));
	}
	let now = unix_now();
	if expiry < now {
		return Err(ApiError::Unauthorized(format!("the request expired at {expiry} (now {now})")));
	}
	if expiry > now + MAX_REQUEST_LIFETIME_SECS {
		return Err(ApiError::Unauthorized(format!(
			"the expiry is more than {MAX_REQUEST_LIFETIME_SECS} s ahead"
		)));
	}
	if !nonces.first_use(signer, nonce, index, expiry, now) {
		return Err(ApiError::Replayed);
	}
	Ok(signer)
}

/// What signs a gateway request: an sr25519 key. Implemented for `sp_core`'s pair here;
/// the CLI implements it for its subxt keypair.
pub trait RequestSigner {
	/// The sr25519 public key.
	fn public(&self) -> [u8; 32];
	/// An sr25519 signature of `message`.
	fn sign(&self, message: &[u8]) -> [u8; 64];
}

impl RequestSigner for sr25519::Pair {
	fn public(&self) -> [u8; 32] {
		Pair::public(self).0
	}

	fn sign(&self, message: &[u8]) -> [u8; 64] {
		Pair::sign(self, message).0
	}
}

/// The headers of a request signed by `signer` (clients, the CLI, tests).
pub fn sign_headers(
	signer: &impl RequestSigner,
	request: &SignedRequest,
) -> Vec<(&'static str, String)> {
	let signature = signer.sign(&request.message());
	vec![
		(delivery::HEADER_SIGNER, delivery::to_hex(&signer.public())),
		(delivery::HEADER_EXPIRY, request.expiry.to_string()),
		(delivery::HEADER_NONCE, request.nonce.to_string()),
		(delivery::HEADER_SIGNATURE, delivery::to_hex(&signature)),
	]
}
