//! Where chunks live: any `object_store` store, the local filesystem by default. A chunk
//! is one object, `v<version>/<index>.chunk`, holding its SCALE [`ChunkEnvelope`] (the
//! chunk and its Merkle path), written only after the chunk was checked against the root.

use crate::error::ApiError;
use bytes::Bytes;
use futures::{stream::BoxStream, StreamExt, TryStreamExt};
use object_store::{local::LocalFileSystem, path::Path, ObjectStore, PutPayload};
use std::sync::Arc;

/// The chunk store.
#[derive(Clone)]
pub struct Store {
	inner: Arc<dyn ObjectStore>,
	prefix: Path,
}

impl Store {
	/// A store on the local filesystem under `dir` (created if missing).
	pub fn local(dir: &std::path::Path) -> Result<Self, String> {
		std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
		let fs = LocalFileSystem::new_with_prefix(dir).map_err(|e| e.to_string())?;
		Ok(Self { inner: Arc::new(fs), prefix: Path::default() })
	}

	/// A store from a URL: `file:///path`, `s3://bucket/prefix` (credentials and endpoint
	/// from the usual `AWS_*` environment variables, so any S3-compatible store works),
	/// or a plain directory path.
	pub fn from_url(url: &str) -> Result<Self, String> {
		if !url.contains("://") {
			return Self::local(std::path::Path::new(url));
		}
		let parsed = url::Url::parse(url).map_err(|e| format!("{url}: {e}"))?;
		if parsed.scheme() == "file" {
			return Self::local(std::path::Path::new(parsed.path()));
		}
		let env = std::env::vars().filter(|(k, _)| k.starts_with("AWS_"));
		let env: Vec<(String, String)> = env.map(|(k, v)| (k.to_ascii_lowercase(), v)).collect();
		let (inner, prefix) =
			object_store::parse_url_opts(&parsed, env).map_err(|e| format!("{url}: {e}"))?;
		Ok(Self { inner: Arc::from(inner), prefix })
	}

	fn path(&self, version: u64, index: u32) -> Path {
		self.prefix.child(format!("v{version}")).child(format!("{index}.chunk"))
	}

	/// Stores chunk `index` of `version`.
	pub async fn put(&self, version: u64, index: u32, envelope: Bytes) -> Result<(), ApiError> {
		self.inner
			.put(&self.path(version, index), PutPayload::from_bytes(envelope))
			.await
			.map(|_| ())
			.map_err(|e| ApiError::Upstream(format!("store: {e}")))
	}

	/// Whether chunk `index` of `version` is stored.
	pub async fn has(&self, version: u64, index: u32) -> Result<bool, ApiError> {
		match self.inner.head(&self.path(version, index)).await {
			Ok(_) => Ok(true),
			Err(object_store::Error::NotFound { .. }) => Ok(false),
			Err(e) => Err(ApiError::Upstream(format!("store: {e}"))),
		}
	}

	/// The stored chunk as a stream of bytes (never whole in memory).
	pub async fn get(
		&self,
		version: u64,
		index: u32,
	) -> Result<(u64, BoxStream<'static, std::io::Result<Bytes>>), ApiError> {
		match self.inner.get(&self.path(version, index)).await {
			Ok(got) => {
				let size = got.meta.size;
				Ok((size, got.into_stream().map_err(std::io::Error::other).boxed()))
			}
			Err(object_store::Error::NotFound { .. }) => Err(ApiError::NotFound(format!(
				"chunk {index} of version {version} has not been uploaded"
			))),
			Err(e) => Err(ApiError::Upstream(format!("store: {e}"))),
		}
	}

	/// The indices of the stored chunks of `version`.
	pub async fn stored(&self, version: u64) -> Result<Vec<u32>, ApiError> {
		let dir = self.prefix.child(format!("v{version}"));
		let mut list = self.inner.list(Some(&dir));
		let mut indices = Vec::new();
		while let Some(meta) = list.next().await {
			let meta = meta.map_err(|e| ApiError::Upstream(format!("store: {e}")))?;
			let name = meta.location.filename().unwrap_or_default();
			if let Some(i) = name.strip_suffix(".chunk").and_then(|n| n.parse().ok()) {
				indices.push(i);
			}
		}
		indices.sort_unstable();
		Ok(indices)
	}
}
