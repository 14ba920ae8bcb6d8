//! `loam clean`: fetch a version, apply a step, prove every chunk (or the chain's sample)
//! in parallel, register the child, upload it, and attest it.
//!
//! Every stage leaves its result on disk (verified raw chunks, the child's id, each proof)
//! or on chain (the registration, the attestation's progress), so a run that stopped
//! resumes where it was: running the same command again skips what is done.

use super::{
	dataset::{decode_schema, submit_registration, Describe},
	info::step_text,
	Ctx, Output,
};
use crate::{
	chain::event,
	data,
	error::Error,
	progress::Progress,
	runtime::{self, runtime_types},
};
use codec::Encode;
use loam_circuits::{keys, prover, Keys, Shape};
use loam_data::{field, io, Chunk, ColumnType, DatasetCommitment, MerkleTree, Schema, Step, Value};
use rayon::prelude::*;
use serde_json::json;
use std::path::{Path, PathBuf};

/// A step as given on the command line.
#[derive(Clone, Debug, Default)]
pub struct StepArgs {
	/// `drop-nulls`, `filter-range`, `clamp`, `fill-null`, `dedup` or `drop-columns`.
	pub step: String,
	/// Column names.
	pub columns: Vec<String>,
	/// Lower bound (filter-range, clamp), in the column's units (`-5.5` for a Decimal).
	pub lo: Option<String>,
	/// Upper bound.
	pub hi: Option<String>,
	/// The fill value (fill-null).
	pub value: Option<String>,
}

fn column(schema: &Schema, name: &str) -> Result<u16, Error> {
	schema.index_of(name).map(|i| i as u16).ok_or_else(|| {
		let names: Vec<String> = schema.columns().iter().map(|c| c.name_str()).collect();
		Error::Input(format!("no column {name:?}; the columns are {}", names.join(", ")))
	})
}

fn number(schema: &Schema, col: u16, text: &str, what: &str) -> Result<i64, Error> {
	let ty = schema.columns()[col as usize].ty;
	let parsed = match ty {
		ColumnType::Int64 => text.trim().parse::<i64>().map_err(|e| e.to_string()),
		ColumnType::Decimal { scale } => io::parse_decimal(text, scale),
		other => Err(format!("the column is {other}, not a number")),
	};
	parsed.map_err(|e| Error::Input(format!("--{what} {text}: {e}")))
}

impl StepArgs {
	/// The step on `schema`, checked.
	pub fn parse(&self, schema: &Schema) -> Result<Step, Error> {
		let one = || -> Result<u16, Error> {
			match self.columns.as_slice() {
				[c] => column(schema, c),
				_ => Err(Error::Input(format!("--step {} takes one --column", self.step))),
			}
		};
		let many = || -> Result<Vec<u16>, Error> {
			if self.columns.is_empty() {
				return Err(Error::Input(format!(
					"--step {} takes at least one --column",
					self.step
				)));
			}
			self.columns.iter().map(|c| column(schema, c)).collect()
		};
		let bound = |v: &Option<String>, col: u16, what: &str| -> Result<i64, Error> {
			let text = v
				.as_deref()
				.ok_or_else(|| Error::Input(format!("--step {} needs --{what}", self.step)))?;
			number(schema, col, text, what)
		};
		let range = || -> Result<(u16, i64, i64), Error> {
			let c = one()?;
			Ok((c, bound(&self.lo, c, "lo")?, bound(&self.hi, c, "hi")?))
		};
		let step = match self.step.as_str() {
			"drop-nulls" => Step::DropNulls { columns: many()? },
			"filter-range" => {
				let (column, lo, hi) = range()?;
				Step::FilterRange { column, lo, hi }
			}
			"clamp" => {
				let (column, lo, hi) = range()?;
				Step::Clamp { column, lo, hi }
			}
			"fill-null" => {
				let c = one()?;
				let text = self
					.value
					.as_deref()
					.ok_or_else(|| Error::Input("--step fill-null needs --value".into()))?;
				let value = match schema.columns()[c as usize].ty {
					ColumnType::Int64 => Value::Int64(number(schema, c, text, "value")?),
					ColumnType::Decimal { .. } => Value::Decimal(number(schema, c, text, "value")?),
					ColumnType::Bool => Value::Bool(match text.to_ascii_lowercase().as_str() {
						"true" | "1" | "yes" => true,
						"false" | "0" | "no" => false,
						_ => return Err(Error::Input(format!("--value {text}: not a bool"))),
					}),
					ColumnType::Utf8 => Value::Utf8(text.as_bytes().to_vec()),
					ColumnType::Category => Value::Category(text.as_bytes().to_vec()),
				};
				Step::FillNull { column: c, value }
			}
			"dedup" => Step::Dedup,
			"drop-columns" => Step::DropColumns { columns: many()? },
			other => {
				return Err(Error::Input(format!(
					"unknown step {other:?}: use drop-nulls, filter-range, clamp, fill-null, dedup or drop-columns"
				)))
			}
		};
		step.circuit(schema).map_err(|e| Error::Input(format!("the step does not apply: {e}")))?;
		Ok(step)
	}
}

/// Where the proving key comes from.
#[derive(Clone, Debug, Default)]
pub struct KeyArgs {
	/// A proving key file (`loam_circuits::keys::proving_key_bytes`).
	pub proving_key: Option<PathBuf>,
}

/// The resumable state of one clean run.
#[derive(Default, serde::Serialize, serde::Deserialize)]
struct State {
	child: Option<u64>,
}

fn read_state(dir: &Path) -> State {
	std::fs::read(dir.join("state.json"))
		.ok()
		.and_then(|b| serde_json::from_slice(&b).ok())
		.unwrap_or_default()
}

fn write_state(dir: &Path, state: &State) -> Result<(), Error> {
	let file = dir.join("state.json");
	std::fs::write(&file, serde_json::to_vec(state).expect("state serializes"))
		.map_err(|e| Error::Other(format!("cannot write {}: {e}", file.display())))
}

/// Loads the proving keys of `shape`: from `--proving-key`, or, on a dev chain, the
/// insecure dev keys (generated once, then cached beside the other state).
fn load_keys(
	shape: Shape,
	args: &KeyArgs,
	dev_chain: bool,
	dir: &Path,
	progress: &Progress,
) -> Result<Keys, Error> {
	let checked = |bytes: &[u8], what: &str| -> Result<Keys, Error> {
		let pk = keys::parse_proving_key(bytes)
			.map_err(|e| Error::Input(format!("{what} is not a proving key: {e:?}")))?;
		Ok(Keys { shape, vk: pk.vk.clone(), pk })
	};
	if let Some(file) = &args.proving_key {
		let bytes = std::fs::read(file)
			.map_err(|e| Error::Input(format!("cannot read {}: {e}", file.display())))?;
		return checked(&bytes, &file.display().to_string());
	}
	if !dev_chain {
		return Err(Error::Input(
			"this is not a dev chain: give the proving key of the circuit with --proving-key"
				.into(),
		));
	}
	let cache = dir.join(format!(
		"dev-{:?}-{}-{}-{}.pk-cache",
		shape.kind, shape.capacity, shape.width, shape.clean_width
	));
	if let Ok(bytes) = std::fs::read(&cache) {
		if let Ok(pk) = keys::parse_proving_key_cache(&bytes) {
			return Ok(Keys { shape, vk: pk.vk.clone(), pk });
		}
	}
	let spinner = progress.spinner(format!(
		"making the dev chain's proving key for {:?} (once; cached in {})",
		shape.kind,
		dir.display()
	));
	let k = keys::insecure_dev_setup(shape, keys::DEV_CHAIN_SEED)
		.map_err(|e| Error::Other(format!("key setup failed: {e:?}")))?;
	std::fs::create_dir_all(dir).ok();
	let tmp = cache.with_extension("tmp");
	if std::fs::write(&tmp, keys::proving_key_cache_bytes(&k.pk)).is_ok() {
		let _ = std::fs::rename(&tmp, &cache);
	}
	spinner.finish_and_clear();
	Ok(k)
}

type ChunkProofArg = runtime_types::pallet_attestations::types::ChunkProof;

fn chunk_proof_arg(
	(raw, raw_tree): (&DatasetCommitment, &MerkleTree),
	(clean, clean_tree): (&DatasetCommitment, &MerkleTree),
	index: u32,
	proof: Vec<u8>,
) -> Result<ChunkProofArg, Error> {
	let path = |t: &MerkleTree| -> Result<_, Error> {
		Ok(runtime_types::bounded_collections::bounded_vec::BoundedVec(
			t.path(index as usize)?.siblings,
		))
	};
	Ok(ChunkProofArg {
		raw: field::to_bytes(&raw.chunk_commitments[index as usize]),
		raw_path: path(raw_tree)?,
		clean: field::to_bytes(&clean.chunk_commitments[index as usize]),
		clean_path: path(clean_tree)?,
		proof: runtime_types::bounded_collections::bounded_vec::BoundedVec(proof),
	})
}

/// Proofs per `attest_chunks` call (the runtime's `MaxProofsPerCall`).
const PROOFS_PER_CALL: usize = 16;

/// `clean`.
#[allow(clippy::too_many_arguments)]
pub async fn clean(
	parent: u64,
	step_args: &StepArgs,
	sampled: bool,
	describe: &Describe,
	key_args: &KeyArgs,
	ctx: &Ctx,
) -> Result<Output, Error> {
	let signer = ctx.signer()?;
	let chain = ctx.chain().await?;
	let details = chain.expect_dataset(parent).await?;
	let schema = decode_schema(&details)?;
	let step = step_args.parse(&schema)?;
	let (circuit, clean_schema) = step.circuit(&schema)?;
	let shape = prover::shape_for(&step, &schema).map_err(|e| Error::Input(format!("{e:?}")))?;
	let chain_type =
		chain.rpc().system_chain_type().await.map_err(|e| Error::Unreachable(e.to_string()))?;
	let dev_chain = matches!(chain_type.as_str(), "Development" | "Local");

	// 1. The parent's chunks, each checked against its root, kept for a resumed run.
	let genesis = hex::encode(&chain.api().genesis_hash().0[..4]);
	let step_id = {
		use blake2::Digest;
		hex::encode(&blake2::Blake2b512::digest(step.encode())[..8])
	};
	let dir = ctx.state_dir.join("clean").join(format!("{genesis}-v{parent}-{step_id}"));
	let gw_parent = ctx.gateway_for(&details.endpoint)?;
	let d = &details.dataset.commitment;
	let expected = data::Expected {
		version: parent,
		schema: &schema,
		root: d.root,
		merkle_root: d.merkle_root,
		chunks: d.chunks,
		rows: d.rows,
	};
	let (raw_chunks, raw) =
		data::download(&gw_parent, &signer, &expected, &dir.join("raw"), &ctx.progress).await?;

	// 2. The step, natively; the child's commitment.
	let clean_chunks: Vec<Chunk> = raw_chunks
		.par_iter()
		.map(|c| loam_circuits::native::apply(&step, &schema, c))
		.collect::<Result<_, _>>()
		.map_err(|e| Error::Input(format!("the step fails on the data: {e:?}")))?;
	let (clean, clean_bytes) = data::commit(&clean_schema, &clean_chunks)?;

	// 3. The child version: registered once.
	let mut state = read_state(&dir);
	let child = match state.child {
		Some(id)
			if chain
				.dataset(id)
				.await?
				.is_some_and(|c| c.dataset.commitment.root == field::to_bytes(&clean.root)) =>
		{
			id
		}
		_ => {
			let gw = ctx.upload_gateway();
			let endpoint = describe.endpoint.clone().unwrap_or_else(|| gw.base().to_string());
			let mut describe = describe.clone();
			if describe.license.is_empty() {
				describe.license = super::text(&details.license);
			}
			let name = format!("{} | {}", super::text(&details.name), step_text(&step));
			let metadata = describe.metadata(
				&name.chars().take(120).collect::<String>(),
				&endpoint,
				&clean_schema,
			)?;
			let id = submit_registration(
				ctx,
				&chain,
				Some(parent),
				&clean_schema,
				&clean,
				clean_bytes,
				metadata,
				describe.royalty()?,
			)
			.await?;
			state.child = Some(id);
			write_state(&dir, &state)?;
			id
		}
	};

	// 4. Its chunks on the gateway.
	let gw = ctx.upload_gateway();
	let uploaded = data::upload(
		&gw,
		&signer,
		child,
		&clean,
		clean_chunks.iter().cloned().map(Ok),
		&ctx.progress,
	)
	.await?;

	// 5. The attestation.
	let attestation = match chain.attestation(child).await? {
		Some(a) => a,
		None => {
			let tx = runtime::tx().attestations().begin_attestation(
				child,
				parent,
				runtime_types::bounded_collections::bounded_vec::BoundedVec(step.encode()),
				sampled,
			);
			let events =
				chain.submit(&tx, &signer, "beginning the attestation", &ctx.progress).await?;
			let _: runtime::attestations::events::AttestationStarted =
				event(&events, "AttestationStarted")?;
			chain
				.attestation(child)
				.await?
				.ok_or_else(|| Error::Other("the attestation was not recorded".into()))?
		}
	};
	use runtime_types::pallet_attestations::types::Status;
	let (mut done, total) = match attestation.status {
		Status::Attested => (0, 0),
		Status::InProgress { done, total } => (done, total),
		Status::Expired => {
			return Err(Error::Input(format!(
				"the sampled attestation of version {child} expired (its seed block is pruned): it cannot be attested"
			)))
		}
	};

	if total > 0 {
		// Which chunks: all of them, or the chain's sample.
		let indices: Vec<u32> = match &attestation.sample {
			None => (0..total).collect(),
			Some(s) if !s.indices.0.is_empty() => s.indices.0.clone(),
			Some(s) => {
				chain.wait_for_block(u64::from(s.seed_block) + 1, &ctx.progress).await?;
				let hash = chain
					.rpc()
					.chain_get_block_hash(Some(u64::from(s.seed_block).into()))
					.await
					.map_err(|e| Error::Unreachable(e.to_string()))?
					.ok_or_else(|| Error::Other(format!("no block {}", s.seed_block)))?;
				pallet_attestations::sampling::draw(hash.as_ref(), child, clean.chunks(), s.k)
			}
		};
		let todo: Vec<u32> = indices[done as usize..].to_vec();

		// 6. Proofs, in parallel on all cores; each kept as it is made.
		let proof_dir = dir.join(format!("proofs-v{child}"));
		std::fs::create_dir_all(&proof_dir)
			.map_err(|e| Error::Other(format!("{}: {e}", proof_dir.display())))?;
		let keys = {
			let (key_args, dir, progress) =
				(key_args.clone(), ctx.state_dir.join("keys"), ctx.progress);
			tokio::task::spawn_blocking(move || {
				load_keys(shape, &key_args, dev_chain, &dir, &progress)
			})
			.await
			.map_err(|e| Error::Other(e.to_string()))??
		};
		let proofs: Vec<Vec<u8>> = {
			let bar = ctx.progress.bar(todo.len() as u64, "proving chunks");
			let (todo, proof_dir, step, schema) =
				(todo.clone(), proof_dir.clone(), step.clone(), schema.clone());
			let raw_chunks = std::sync::Arc::new(raw_chunks);
			let proofs = tokio::task::spawn_blocking(move || {
				todo.par_iter()
					.map(|&i| {
						let file = proof_dir.join(format!("{i:08}.proof"));
						if let Ok(p) = std::fs::read(&file) {
							if p.len() == loam_proof::PROOF_BYTES_UNCOMPRESSED {
								bar.inc(1);
								return Ok(p);
							}
						}
						let p = prover::prove_chunk(&keys, &step, &schema, &raw_chunks[i as usize])
							.map_err(|e| Error::Other(format!("proving chunk {i}: {e:?}")))?;
						let bytes = loam_proof::proof_bytes_uncompressed(&p.proof).to_vec();
						std::fs::write(&file, &bytes)
							.map_err(|e| Error::Other(format!("{}: {e}", file.display())))?;
						bar.inc(1);
						Ok(bytes)
					})
					.collect::<Result<Vec<_>, Error>>()
			})
			.await
			.map_err(|e| Error::Other(e.to_string()))??;
			proofs
		};

		// 7. On chain, a batch at a time.
		let bar = ctx.progress.bar(todo.len() as u64, "attesting chunks");
		let (raw_tree, clean_tree) = (raw.tree(), clean.tree());
		for (batch_indices, batch_proofs) in
			todo.chunks(PROOFS_PER_CALL).zip(proofs.chunks(PROOFS_PER_CALL))
		{
			let args = batch_indices
				.iter()
				.zip(batch_proofs)
				.map(|(&i, p)| {
					chunk_proof_arg((&raw, &raw_tree), (&clean, &clean_tree), i, p.clone())
				})
				.collect::<Result<Vec<_>, _>>()?;
			let tx = runtime::tx().attestations().attest_chunks(
				child,
				done,
				runtime_types::bounded_collections::bounded_vec::BoundedVec(args),
			);
			chain.submit(&tx, &signer, "attesting", &Progress::hidden()).await?;
			done += batch_indices.len() as u32;
			bar.inc(batch_indices.len() as u64);
		}
		bar.finish_and_clear();
	}

	let a = chain.attestation(child).await?.ok_or_else(|| Error::Other("no attestation".into()))?;
	let a = super::info::attestation_json(&a);
	let _ = std::fs::remove_dir_all(dir.join("raw"));
	Ok(Output::new(
		format!(
			"version {child} = {} applied to version {parent} ({} → {} rows, circuit {:?})\nuploaded {uploaded} chunks; attestation: {}",
			step_text(&step),
			raw.rows,
			clean.rows,
			circuit.step,
			super::info::attestation_line(&a),
		),
		json!({
			"parent": parent,
			"child": child,
			"step": step_text(&step),
			"raw_rows": raw.rows,
			"clean_rows": clean.rows,
			"root": super::hex32(&field::to_bytes(&clean.root)),
			"uploaded": uploaded,
			"attestation": a,
			"state_dir": dir.display().to_string(),
		}),
	))
}
