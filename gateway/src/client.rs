//! A client of the gateway: signed uploads and downloads, for the CLI, the benches and
//! the tests.

use crate::auth::{sign_headers, unix_now, RequestSigner};
use codec::{DecodeAll, Encode};
use loam_data::delivery::{self, Action, ChunkEnvelope, SignedRequest};
use std::sync::atomic::{AtomicU64, Ordering};

/// A refused or failed request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientError {
	/// The HTTP status, when the gateway answered.
	pub status: Option<u16>,
	/// The gateway's error code (`forbidden`, `root_mismatch`, ...) or `transport`.
	pub code: String,
	/// What went wrong.
	pub message: String,
}

impl std::fmt::Display for ClientError {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		match self.status {
			Some(s) => write!(f, "HTTP {s} {}: {}", self.code, self.message),
			None => write!(f, "{}: {}", self.code, self.message),
		}
	}
}

impl std::error::Error for ClientError {}

fn transport(e: impl std::fmt::Display) -> ClientError {
	ClientError { status: None, code: "transport".into(), message: e.to_string() }
}

/// A gateway at a base URL (`http://host:port`).
pub struct Client {
	http: reqwest::Client,
	base: String,
	nonce: AtomicU64,
}

/// How long the client's signed requests stay valid.
const LIFETIME_SECS: u64 = 120;

impl Client {
	/// A client of the gateway at `base`.
	pub fn new(base: &str) -> Self {
		let seed = std::time::SystemTime::now()
			.duration_since(std::time::UNIX_EPOCH)
			.map_or(0, |d| d.as_nanos() as u64);
		Self {
			http: reqwest::Client::new(),
			base: base.trim_end_matches('/').to_string(),
			nonce: AtomicU64::new(seed),
		}
	}

	/// The gateway's base URL.
	pub fn base(&self) -> &str {
		&self.base
	}

	fn signed(&self, action: Action, version: u64, index: u32) -> SignedRequest {
		let nonce = self.nonce.fetch_add(1, Ordering::Relaxed);
		SignedRequest { action, version, index, expiry: unix_now() + LIFETIME_SECS, nonce }
	}

	async fn check(response: reqwest::Response) -> Result<reqwest::Response, ClientError> {
		let status = response.status();
		if status.is_success() {
			return Ok(response);
		}
		let body: serde_json::Value = response.json().await.unwrap_or_default();
		let text = |k: &str| body.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
		Err(ClientError {
			status: Some(status.as_u16()),
			code: text("error"),
			message: text("message"),
		})
	}

	/// Uploads one chunk envelope of `version` as its owner `signer`. `Ok(false)` when the
	/// gateway already held it.
	pub async fn upload(
		&self,
		signer: &impl RequestSigner,
		version: u64,
		envelope: &ChunkEnvelope,
	) -> Result<bool, ClientError> {
		let request = self.signed(Action::Upload, version, envelope.index);
		let url = format!("{}{}", self.base, delivery::chunk_path(version, envelope.index));
		let mut builder = self.http.put(url).body(envelope.encode());
		for (k, v) in sign_headers(signer, &request) {
			builder = builder.header(k, v);
		}
		let response = Self::check(builder.send().await.map_err(transport)?).await?;
		Ok(response.status() == reqwest::StatusCode::CREATED)
	}

	/// Downloads chunk `index` of `version` signed by `signer`. The caller checks it
	/// against the root.
	pub async fn download(
		&self,
		signer: &impl RequestSigner,
		version: u64,
		index: u32,
	) -> Result<ChunkEnvelope, ClientError> {
		let request = self.signed(Action::Download, version, index);
		self.download_signed(signer, &request).await
	}

	/// Downloads with a given signed request (tests replay and tamper with them).
	pub async fn download_signed(
		&self,
		signer: &impl RequestSigner,
		request: &SignedRequest,
	) -> Result<ChunkEnvelope, ClientError> {
		let url = format!("{}{}", self.base, delivery::chunk_path(request.version, request.index));
		let mut builder = self.http.get(url);
		for (k, v) in sign_headers(signer, request) {
			builder = builder.header(k, v);
		}
		let response = Self::check(builder.send().await.map_err(transport)?).await?;
		let bytes = response.bytes().await.map_err(transport)?;
		ChunkEnvelope::decode_all(&mut &bytes[..]).map_err(|e| ClientError {
			status: Some(200),
			code: "bad_body".into(),
			message: format!("not a chunk envelope: {e}"),
		})
	}

	/// What the gateway holds of `version`: `{chunks, stored, complete, missing}`.
	pub async fn status(&self, version: u64) -> Result<serde_json::Value, ClientError> {
		let url = format!("{}{}", self.base, delivery::dataset_path(version));
		let response = Self::check(self.http.get(url).send().await.map_err(transport)?).await?;
		response.json().await.map_err(transport)
	}
}
