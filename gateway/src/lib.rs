//! # loam-gateway: the data gateway
//!
//! The **transfer** stage of the loop moves bytes: owners upload the chunks of a
//! registered version, buyers (and the validators that score it) download them. The
//! gateway serves the chunks from an [`object_store`] store (the local filesystem by
//! default, any S3-compatible store by URL) and checks everything against the chain:
//!
//! - **Upload** (`PUT /v1/datasets/{version}/chunks/{index}`, signed by the owner): the
//!   chunk and its Merkle path must lead to the registered root before the chunk is
//!   stored. Uploading a stored chunk again succeeds without work, and
//!   `GET /v1/datasets/{version}` lists what is missing, so an interrupted upload resumes.
//! - **Download** (`GET /v1/datasets/{version}/chunks/{index}`): served to a request
//!   signed by the version's owner, a current validator, or an account the market has
//!   granted access ([`chain::Chain`]). The answer is the stored
//!   [`loam_data::delivery::ChunkEnvelope`], streamed from the store, so the client checks
//!   the chunk against the root itself.
//! - Requests are signed with sr25519 over `(action, version, chunk, expiry, nonce)`
//!   ([`loam_data::delivery`]); expired, replayed and forged ones are refused. Errors are
//!   JSON with a fitting status code ([`error::ApiError`]).
//!
//! - A browser wallet signs one request for a whole version
//!   ([`loam_data::delivery::Action::DownloadVersion`]), wrapped as wallets wrap raw
//!   messages; any origin may call the API (CORS), and the web app can be served at `/`
//!   ([`Gateway::with_web`]).
//!
//! Memory per request is bounded by one chunk, whatever the dataset's size. The gateway
//! runs inside `loam-node` (`--gateway`, `--gateway-web`) or standalone
//! (`loam-gateway --rpc ...`).

pub mod auth;
pub mod chain;
pub mod client;
pub mod error;
pub mod store;

use auth::Nonces;
use axum::{
	body::{Body, Bytes},
	extract::{DefaultBodyLimit, Path, State},
	http::{header, HeaderMap, Method, StatusCode},
	response::{IntoResponse, Response},
	routing::get,
	Json, Router,
};
use chain::{Chain, Details};
use codec::DecodeAll;
use error::ApiError;
use loam_data::{
	delivery::{self, Action, ChunkEnvelope},
	Schema, CHUNK_ROWS,
};
use std::{path::PathBuf, sync::Arc};
use store::Store;
use tower_http::{
	cors::{Any, CorsLayer},
	services::ServeDir,
};

/// The largest body an upload may have: a full chunk of the widest schema with every
/// text cell at its limit, and its path.
pub const MAX_ENVELOPE_BYTES: usize =
	CHUNK_ROWS * loam_data::MAX_COLUMNS * (loam_data::MAX_TEXT_BYTES + 8) + 64 * 1024;

/// A gateway: the chain it checks against, the store it serves from.
pub struct Gateway<C> {
	chain: C,
	store: Store,
	nonces: Nonces,
	web: Option<PathBuf>,
}

impl<C: Chain> Gateway<C> {
	/// A gateway over `chain` and `store`.
	pub fn new(chain: C, store: Store) -> Self {
		Self { chain, store, nonces: Nonces::default(), web: None }
	}

	/// Also serves the files of `dir` (the web app's build, `web/dist`) at `/`.
	pub fn with_web(mut self, dir: PathBuf) -> Self {
		self.web = Some(dir);
		self
	}

	async fn details(&self, version: u64) -> Result<Details, ApiError> {
		self.chain
			.dataset(version)
			.await
			.map_err(ApiError::Upstream)?
			.ok_or_else(|| ApiError::NotFound(format!("version {version} is not registered")))
	}
}

/// The gateway's routes. Any origin may call them (CORS: the web app may be served from
/// elsewhere, and every request carries its own signature, no cookie); with
/// [`Gateway::with_web`] the web app is served at `/`.
pub fn router<C: Chain>(gateway: Arc<Gateway<C>>) -> Router {
	let web = gateway.web.clone();
	let cors = CorsLayer::new()
		.allow_origin(Any)
		.allow_methods([Method::GET, Method::PUT])
		.allow_headers(Any);
	let api = Router::new()
		.route("/healthz", get(|| async { "ok" }))
		.route("/v1/datasets/{version}", get(status::<C>))
		.route("/v1/datasets/{version}/chunks/{index}", get(download::<C>).put(upload::<C>))
		.layer(DefaultBodyLimit::max(MAX_ENVELOPE_BYTES))
		.layer(cors)
		.with_state(gateway);
	match web {
		Some(dir) => {
			api.fallback_service(ServeDir::new(dir).append_index_html_on_directories(true))
		}
		None => api,
	}
}

/// Serves `gateway` on `listener` until the future is dropped.
pub async fn serve<C: Chain>(
	listener: tokio::net::TcpListener,
	gateway: Gateway<C>,
) -> std::io::Result<()> {
	axum::serve(listener, router(Arc::new(gateway))).await
}

fn number<T: std::str::FromStr>(what: &str, s: &str) -> Result<T, ApiError> {
	s.parse().map_err(|_| ApiError::BadRequest(format!("{what} must be a number, not {s:?}")))
}

fn chunk_index(details: &Details, version: u64, index: u32) -> Result<(), ApiError> {
	let chunks = details.dataset.commitment.chunks;
	if index >= chunks {
		return Err(ApiError::NotFound(format!(
			"version {version} has {chunks} chunks; there is no chunk {index}"
		)));
	}
	Ok(())
}

async fn status<C: Chain>(
	State(g): State<Arc<Gateway<C>>>,
	Path(version): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
	let version = number("the version", &version)?;
	let details = g.details(version).await?;
	let chunks = details.dataset.commitment.chunks;
	let stored = g.store.stored(version).await?;
	let mut missing = Vec::new();
	let mut have = stored.iter().peekable();
	for i in 0..chunks {
		if have.next_if_eq(&&i).is_none() {
			missing.push(i);
		}
	}
	Ok(Json(serde_json::json!({
		"version": version,
		"chunks": chunks,
		"stored": chunks as usize - missing.len(),
		"complete": missing.is_empty(),
		"missing": missing.iter().take(1024).collect::<Vec<_>>(),
	})))
}

async fn download<C: Chain>(
	State(g): State<Arc<Gateway<C>>>,
	Path((version, index)): Path<(String, String)>,
	headers: HeaderMap,
) -> Result<Response, ApiError> {
	let (version, index) = (number("the version", &version)?, number("the chunk", &index)?);
	let signer = auth::verify(&headers, Action::Download, version, index, &g.nonces)?;
	let details = g.details(version).await?;
	chunk_index(&details, version, index)?;
	let owner: [u8; 32] = details.dataset.owner.clone().into();
	let allowed = signer == owner
		|| g.chain.is_validator(signer).await.map_err(ApiError::Upstream)?
		|| g.chain.has_access(signer, version).await.map_err(ApiError::Upstream)?;
	if !allowed {
		return Err(ApiError::Forbidden(format!(
			"0x{} has no access to version {version}: buy it on the market first",
			loam_data::delivery::to_hex(&signer)
		)));
	}
	let (size, stream) = g.store.get(version, index).await?;
	Ok((
		[
			(header::CONTENT_TYPE, "application/octet-stream".to_string()),
			(header::CONTENT_LENGTH, size.to_string()),
		],
		Body::from_stream(stream),
	)
		.into_response())
}

async fn upload<C: Chain>(
	State(g): State<Arc<Gateway<C>>>,
	Path((version, index)): Path<(String, String)>,
	headers: HeaderMap,
	body: Bytes,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
	let (version, index) = (number("the version", &version)?, number("the chunk", &index)?);
	let signer = auth::verify(&headers, Action::Upload, version, index, &g.nonces)?;
	let details = g.details(version).await?;
	chunk_index(&details, version, index)?;
	let owner: [u8; 32] = details.dataset.owner.clone().into();
	if signer != owner {
		return Err(ApiError::Forbidden(format!("only the owner of version {version} uploads")));
	}
	let answer = |status, fresh| {
		(status, Json(serde_json::json!({ "version": version, "chunk": index, "stored": fresh })))
	};
	if g.store.has(version, index).await? {
		return Ok(answer(StatusCode::OK, false));
	}
	let checked = body.clone();
	tokio::task::spawn_blocking(move || check_chunk(&details, version, index, &checked))
		.await
		.map_err(|e| ApiError::Upstream(format!("checker: {e}")))??;
	g.store.put(version, index, body).await?;
	Ok(answer(StatusCode::CREATED, true))
}

/// Checks an uploaded envelope against the registration
/// ([`loam_data::delivery::verify_envelope`]): it decodes, is chunk `index`, has the
/// schema's shape, and its commitment's path leads to the registered Merkle root.
pub fn check_chunk(
	details: &Details,
	version: u64,
	index: u32,
	body: &[u8],
) -> Result<(), ApiError> {
	let envelope = ChunkEnvelope::decode_all(&mut &body[..])
		.map_err(|e| ApiError::BadRequest(format!("the body is not a chunk envelope: {e}")))?;
	if envelope.index != index || envelope.path.index != index {
		return Err(ApiError::BadRequest(format!(
			"the envelope is for chunk {}, the path for chunk {}, not {index}",
			envelope.index, envelope.path.index
		)));
	}
	let schema = Schema::decode_all(&mut &details.schema[..])
		.map_err(|_| ApiError::Upstream(format!("version {version} has no readable schema")))?;
	let commitment = &details.dataset.commitment;
	delivery::verify_envelope(&schema, &commitment.merkle_root, commitment.chunks, index, &envelope)
		.map(drop)
		.map_err(|why| ApiError::Mismatch(format!("version {version}: {why}")))
}
