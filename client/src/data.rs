//! Moving data: committing files, uploading chunks to a gateway, and downloading chunks
//! with every one checked against the on-chain root. Uploads skip what the gateway holds
//! and downloads keep what they verified, so both resume where they stopped.

use crate::{error::Error, keys::Signer, progress::Progress};
use codec::{Decode, Encode};
use futures::{StreamExt, TryStreamExt};
use loam_data::{
	delivery::ChunkEnvelope, field, io, Chunk, DatasetBuilder, DatasetCommitment, Schema,
};
use loam_gateway::client::Client as Gateway;
use std::path::{Path, PathBuf};

/// Uploads and downloads in flight at once.
const IN_FLIGHT: usize = 4;

/// Read options with `name=type` overrides.
pub fn read_options(types: &[String]) -> Result<io::ReadOptions, Error> {
	let overrides = types.iter().map(|t| io::parse_override(t)).collect::<Result<Vec<_>, _>>()?;
	Ok(io::ReadOptions { overrides, ..io::ReadOptions::default() })
}

/// A committed file.
pub struct Committed {
	/// Its schema.
	pub schema: Schema,
	/// Its commitment.
	pub commitment: DatasetCommitment,
	/// Bytes of its SCALE-encoded chunks.
	pub bytes: u64,
}

/// Commits a CSV or Parquet file, chunk by chunk in parallel, with a progress bar.
pub fn commit_file(
	path: &Path,
	options: &io::ReadOptions,
	progress: &Progress,
) -> Result<Committed, Error> {
	if !path.exists() {
		return Err(Error::Input(format!("{}: no such file", path.display())));
	}
	let reader = io::open(path, options)?;
	let schema = reader.schema().clone();
	let bar = progress.spinner(format!("committing {}", path.display()));
	let bytes = std::cell::Cell::new(0u64);
	let counted = reader.inspect(|c| {
		if let Ok(c) = c {
			bytes.set(bytes.get() + c.encoded_size() as u64);
			bar.inc(1);
			bar.set_message(format!("committing {}: {} chunks", path.display(), bar.position()));
		}
	});
	let builder = io::commit_chunks(DatasetBuilder::new(schema.clone()), counted)?;
	let commitment = builder.finish()?;
	bar.finish_and_clear();
	Ok(Committed { schema, commitment, bytes: bytes.get() })
}

/// Checks that a file's commitment is the registered one.
pub fn check_root(commitment: &DatasetCommitment, registered: &[u8; 32]) -> Result<(), Error> {
	if field::to_bytes(&commitment.root) != *registered {
		return Err(Error::Mismatch(format!(
			"the file's root {} is not the registered root {}: it is not the data of this version",
			hex::encode(field::to_bytes(&commitment.root)),
			hex::encode(registered)
		)));
	}
	Ok(())
}

/// The chunk indices the gateway does not hold yet.
pub async fn missing(gw: &Gateway, version: u64, chunks: u32) -> Result<Vec<u32>, Error> {
	match gw.status(version).await {
		Ok(status) => Ok(status["missing"]
			.as_array()
			.map(|m| m.iter().filter_map(|v| v.as_u64()).map(|v| v as u32).collect())
			.unwrap_or_else(|| (0..chunks).collect())),
		Err(e) if e.status == Some(404) => Ok((0..chunks).collect()),
		Err(e) => Err(e.into()),
	}
}

/// Uploads the chunks of `version` (read again from `chunks`) that the gateway lacks.
/// Returns how many were sent.
pub async fn upload(
	gw: &Gateway,
	signer: &Signer,
	version: u64,
	commitment: &DatasetCommitment,
	chunks: impl Iterator<Item = Result<Chunk, Error>>,
	progress: &Progress,
) -> Result<u32, Error> {
	let missing = missing(gw, version, commitment.chunks()).await?;
	if missing.is_empty() {
		return Ok(0);
	}
	let bar = progress.bar(missing.len() as u64, "uploading chunks");
	let wanted: std::collections::BTreeSet<u32> = missing.iter().copied().collect();
	let tree = commitment.tree();
	let envelopes = chunks.enumerate().filter(|(i, _)| wanted.contains(&(*i as u32))).map(
		|(i, chunk)| -> Result<ChunkEnvelope, Error> {
			Ok(ChunkEnvelope { index: i as u32, chunk: chunk?.encode(), path: tree.path(i)? })
		},
	);
	let sent = futures::stream::iter(envelopes)
		.map(|envelope| {
			let bar = &bar;
			async move {
				let envelope = envelope?;
				gw.upload(signer, version, &envelope)
					.await
					.map_err(|e| Error::Gateway(format!("chunk {}: {e}", envelope.index)))?;
				bar.inc(1);
				Ok::<_, Error>(())
			}
		})
		.buffer_unordered(IN_FLIGHT)
		.try_fold(0u32, |n, ()| async move { Ok(n + 1) })
		.await?;
	bar.finish_and_clear();
	Ok(sent)
}

/// What a verified download needs to know of the version.
pub struct Expected<'a> {
	/// The version.
	pub version: u64,
	/// Its schema.
	pub schema: &'a Schema,
	/// Its registered dataset root.
	pub root: [u8; 32],
	/// Its registered Merkle root.
	pub merkle_root: [u8; 32],
	/// Its chunk count.
	pub chunks: u32,
	/// Its row count.
	pub rows: u64,
}

fn chunk_file(dir: &Path, index: u32) -> PathBuf {
	dir.join(format!("{index:08}.chunk"))
}

/// Checks one chunk against the registered Merkle root
/// ([`loam_data::delivery::verify_envelope`]); returns it and its commitment.
fn verify_envelope(
	expected: &Expected,
	index: u32,
	envelope: &ChunkEnvelope,
) -> Result<(Chunk, field::Fr), Error> {
	loam_data::delivery::verify_envelope(
		expected.schema,
		&expected.merkle_root,
		expected.chunks,
		index,
		envelope,
	)
	.map_err(|why| Error::Mismatch(format!("version {}: {why}", expected.version)))
}

/// Downloads every chunk of a version into `dir` (one file a chunk), checking each against
/// the registered Merkle root; chunks already in `dir` are checked again, not fetched.
/// At the end the dataset root is recomputed from all chunks and compared with the
/// registered one. Returns the chunks in order and their commitment.
pub async fn download(
	gw: &Gateway,
	signer: &Signer,
	expected: &Expected<'_>,
	dir: &Path,
	progress: &Progress,
) -> Result<(Vec<Chunk>, DatasetCommitment), Error> {
	std::fs::create_dir_all(dir)
		.map_err(|e| Error::Other(format!("cannot create {}: {e}", dir.display())))?;
	let bar = progress.bar(u64::from(expected.chunks), "downloading chunks");
	let results: Vec<(u32, Chunk, field::Fr)> = futures::stream::iter(0..expected.chunks)
		.map(|index| {
			let bar = &bar;
			async move {
				let file = chunk_file(dir, index);
				let kept = std::fs::read(&file)
					.ok()
					.and_then(|b| ChunkEnvelope::decode(&mut &b[..]).ok())
					.and_then(|env| verify_envelope(expected, index, &env).ok());
				let (chunk, leaf) = match kept {
					Some(ok) => ok,
					None => {
						let envelope =
							gw.download(signer, expected.version, index).await.map_err(|e| {
								if e.status == Some(403) {
									Error::Gateway(format!(
										"{e}\n  this account has no access to version {}: buy it with \
										 `loam buy {}`",
										expected.version, expected.version
									))
								} else {
									Error::from(e)
								}
							})?;
						let ok = verify_envelope(expected, index, &envelope)?;
						std::fs::write(&file, envelope.encode()).map_err(|e| {
							Error::Other(format!("cannot write {}: {e}", file.display()))
						})?;
						ok
					}
				};
				bar.inc(1);
				Ok::<_, Error>((index, chunk, leaf))
			}
		})
		.buffered(IN_FLIGHT)
		.try_collect()
		.await?;
	bar.finish_and_clear();
	let mut builder = DatasetBuilder::new(expected.schema.clone());
	let mut chunks = Vec::with_capacity(results.len());
	for (_, chunk, leaf) in results {
		builder.push_commitment(leaf, chunk.rows() as u32);
		chunks.push(chunk);
	}
	let commitment = builder.finish()?;
	if commitment.rows != expected.rows {
		return Err(Error::Mismatch(format!(
			"the chunks hold {} rows, the chain says {}",
			commitment.rows, expected.rows
		)));
	}
	check_root(&commitment, &expected.root)?;
	Ok((chunks, commitment))
}

/// Commits chunks already in memory.
pub fn commit(schema: &Schema, chunks: &[Chunk]) -> Result<(DatasetCommitment, u64), Error> {
	let bytes = chunks.iter().map(|c| c.encoded_size() as u64).sum();
	let builder =
		io::commit_chunks(DatasetBuilder::new(schema.clone()), chunks.iter().cloned().map(Ok))?;
	Ok((builder.finish()?, bytes))
}

/// Writes chunks to a CSV or Parquet file (by extension).
pub fn write_file(path: &Path, schema: &Schema, chunks: &[Chunk]) -> Result<(), Error> {
	let mut writer = io::TableWriter::create(path, schema)?;
	for chunk in chunks {
		writer.write(chunk)?;
	}
	writer.finish()?;
	Ok(())
}
