//! `loam dataset inspect | register | upload | show | list | lineage`.

use super::{hex32, text, Ctx, Output};
use crate::{
	chain::{event, Chain, Details},
	data,
	error::Error,
	runtime::{self, runtime_types},
	units,
};
use codec::{Decode, Encode};
use loam_data::{field, io, DatasetCommitment, Schema};
use serde_json::{json, Value};
use std::path::Path;

type BoundedBytes = runtime_types::bounded_collections::bounded_vec::BoundedVec<u8>;

fn bounded(b: impl Into<Vec<u8>>) -> BoundedBytes {
	runtime_types::bounded_collections::bounded_vec::BoundedVec(b.into())
}

fn schema_json(schema: &Schema) -> Value {
	schema
		.columns()
		.iter()
		.map(|c| json!({ "name": c.name_str(), "type": c.ty.to_string(), "nullable": c.nullable }))
		.collect()
}

fn schema_text(schema: &Schema) -> String {
	schema
		.columns()
		.iter()
		.map(|c| {
			format!("  {:<24} {}{}", c.name_str(), c.ty, if c.nullable { "" } else { " not null" })
		})
		.collect::<Vec<_>>()
		.join("\n")
}

fn commitment_json(c: &DatasetCommitment, bytes: u64) -> Value {
	json!({
		"root": hex32(&field::to_bytes(&c.root)),
		"merkle_root": hex32(&field::to_bytes(&c.merkle_root)),
		"schema_hash": hex32(&field::to_bytes(&c.schema_hash)),
		"rows": c.rows,
		"chunks": c.chunks(),
		"bytes": bytes,
	})
}

/// `dataset inspect`: schema, rows, chunks and root of a file, offline.
pub fn inspect(file: &Path, types: &[String], ctx: &Ctx) -> Result<Output, Error> {
	let options = data::read_options(types)?;
	let c = data::commit_file(file, &options, &ctx.progress)?;
	let text = format!(
		"{}\nschema ({} columns, width class {}):\n{}\nrows:        {}\nchunks:      {} (of at most {} rows)\nbytes:       {}\nroot:        {}\nmerkle root: {}\nschema hash: {}",
		file.display(),
		c.schema.width(),
		c.schema.width_class(),
		schema_text(&c.schema),
		c.commitment.rows,
		c.commitment.chunks(),
		loam_data::CHUNK_ROWS,
		c.bytes,
		hex32(&field::to_bytes(&c.commitment.root)),
		hex32(&field::to_bytes(&c.commitment.merkle_root)),
		hex32(&field::to_bytes(&c.commitment.schema_hash)),
	);
	let mut json = commitment_json(&c.commitment, c.bytes);
	json["file"] = file.display().to_string().into();
	json["schema"] = schema_json(&c.schema);
	Ok(Output::new(text, json))
}

/// What a registration says about the data besides its commitment.
#[derive(Clone, Debug, Default)]
pub struct Describe {
	/// Name (default: the file's stem).
	pub name: Option<String>,
	/// Description.
	pub description: String,
	/// Tags.
	pub tags: Vec<String>,
	/// The label column, recorded as the tag `label=<column>` (scored for class balance).
	pub label: Option<String>,
	/// SPDX expression or URI.
	pub license: String,
	/// Royalty in percent of downstream sales.
	pub royalty: String,
	/// Where the chunks are served (default: the gateway uploaded to).
	pub endpoint: Option<String>,
}

impl Describe {
	pub(crate) fn metadata(
		&self,
		default_name: &str,
		endpoint: &str,
		schema: &Schema,
	) -> Result<runtime_types::pallet_datasets::types::Metadata, Error> {
		let mut tags = self.tags.clone();
		if let Some(label) = &self.label {
			if schema.index_of(label).is_none() {
				return Err(Error::Input(format!("--label {label}: no such column")));
			}
			tags.push(format!("label={label}"));
		}
		Ok(runtime_types::pallet_datasets::types::Metadata {
			name: bounded(self.name.clone().unwrap_or_else(|| default_name.to_string())),
			description: bounded(self.description.clone()),
			tags: runtime_types::bounded_collections::bounded_vec::BoundedVec(
				tags.into_iter().map(bounded).collect(),
			),
			license: bounded(self.license.clone()),
			endpoint: bounded(endpoint.to_string()),
		})
	}

	pub(crate) fn royalty(
		&self,
	) -> Result<runtime_types::sp_arithmetic::per_things::Permill, Error> {
		// Percent with up to four decimals = parts per million.
		let ppm = units::parse_amount(&self.royalty, 4)?;
		if ppm > 1_000_000 {
			return Err(Error::Input(format!("--royalty {}: at most 100 %", self.royalty)));
		}
		Ok(runtime_types::sp_arithmetic::per_things::Permill(ppm as u32))
	}
}

pub(crate) fn commitment_arg(
	c: &DatasetCommitment,
	bytes: u64,
) -> runtime_types::pallet_datasets::types::Commitment {
	runtime_types::pallet_datasets::types::Commitment {
		root: field::to_bytes(&c.root),
		merkle_root: field::to_bytes(&c.merkle_root),
		schema_hash: field::to_bytes(&c.schema_hash),
		rows: c.rows,
		chunks: c.chunks(),
		bytes,
	}
}

/// Submits `register` or `register_version`; returns the new version's id.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn submit_registration(
	ctx: &Ctx,
	chain: &Chain,
	parent: Option<u64>,
	schema: &Schema,
	commitment: &DatasetCommitment,
	bytes: u64,
	metadata: runtime_types::pallet_datasets::types::Metadata,
	royalty: runtime_types::sp_arithmetic::per_things::Permill,
) -> Result<u64, Error> {
	let signer = ctx.signer()?;
	let commitment = commitment_arg(commitment, bytes);
	let schema = bounded(schema.encode());
	let events = match parent {
		None => {
			let tx = runtime::tx().datasets().register(commitment, schema, metadata, royalty);
			chain.submit(&tx, &signer, "registering", &ctx.progress).await?
		}
		Some(parent) => {
			let tx = runtime::tx()
				.datasets()
				.register_version(parent, commitment, schema, metadata, royalty);
			chain.submit(&tx, &signer, "registering the version", &ctx.progress).await?
		}
	};
	let registered: runtime::datasets::events::Registered = event(&events, "Registered")?;
	Ok(registered.id)
}

/// `dataset register`: commit, submit, upload.
pub async fn register(
	file: &Path,
	types: &[String],
	parent: Option<u64>,
	describe: &Describe,
	ctx: &Ctx,
) -> Result<Output, Error> {
	let signer = ctx.signer()?;
	let options = data::read_options(types)?;
	let c = data::commit_file(file, &options, &ctx.progress)?;
	let chain = ctx.chain().await?;
	let gw = ctx.upload_gateway();
	let endpoint = describe.endpoint.clone().unwrap_or_else(|| gw.base().to_string());
	let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
	let metadata = describe.metadata(&stem, &endpoint, &c.schema)?;
	let royalty = describe.royalty()?;
	let id = submit_registration(
		ctx,
		&chain,
		parent,
		&c.schema,
		&c.commitment,
		c.bytes,
		metadata,
		royalty,
	)
	.await?;
	let reader = io::open(file, &options)?.map(|c| c.map_err(Error::from));
	let sent = data::upload(&gw, &signer, id, &c.commitment, reader, &ctx.progress).await.map_err(
		|e| {
			Error::Gateway(format!(
				"version {id} is registered, but the upload stopped: {e}\n  resume with: loam \
				 dataset upload {id} {}",
				file.display()
			))
		},
	)?;
	let mut json = commitment_json(&c.commitment, c.bytes);
	json["version"] = id.into();
	json["owner"] = signer.address().into();
	json["endpoint"] = endpoint.clone().into();
	json["uploaded"] = sent.into();
	json["parent"] = parent.into();
	Ok(Output::new(
		format!(
			"registered version {id}{} ({} rows, {} chunks), root {}\nuploaded {sent} chunks to {endpoint}",
			parent.map(|p| format!(" as a child of {p}")).unwrap_or_default(),
			c.commitment.rows,
			c.commitment.chunks(),
			hex32(&field::to_bytes(&c.commitment.root)),
		),
		json,
	))
}

/// `dataset upload`: (re)uploads a registered version's chunks from its file.
pub async fn upload(
	version: u64,
	file: &Path,
	types: &[String],
	ctx: &Ctx,
) -> Result<Output, Error> {
	let signer = ctx.signer()?;
	let chain = ctx.chain().await?;
	let details = chain.expect_dataset(version).await?;
	let options = data::read_options(types)?;
	let c = data::commit_file(file, &options, &ctx.progress)?;
	data::check_root(&c.commitment, &details.dataset.commitment.root)?;
	let gw = match &ctx.gateway {
		Some(_) => ctx.upload_gateway(),
		None => ctx.gateway_for(&details.endpoint)?,
	};
	let reader = io::open(file, &options)?.map(|c| c.map_err(Error::from));
	let sent = data::upload(&gw, &signer, version, &c.commitment, reader, &ctx.progress).await?;
	Ok(Output::new(
		format!(
			"uploaded {sent} chunks of version {version} to {}; the gateway holds all {}",
			gw.base(),
			c.commitment.chunks()
		),
		json!({ "version": version, "uploaded": sent, "chunks": c.commitment.chunks(), "gateway": gw.base() }),
	))
}

pub(crate) fn decode_schema(details: &Details) -> Result<Schema, Error> {
	Schema::decode(&mut &details.schema[..]).map_err(|_| {
		Error::Input(format!("version {} has no schema on chain (retired?)", details.id))
	})
}

fn status_text(details: &Details) -> String {
	use runtime_types::pallet_datasets::types::Status;
	match &details.dataset.status {
		Status::Active => "active".into(),
		Status::Deprecated { by: Some(v) } => format!("deprecated (use {v})"),
		Status::Deprecated { by: None } => "deprecated".into(),
		Status::Retired => "retired".into(),
	}
}

/// The JSON of a version, its score and attestation.
pub(crate) async fn version_json(chain: &Chain, details: &Details) -> Result<Value, Error> {
	let d = &details.dataset;
	let schema = Schema::decode(&mut &details.schema[..]).ok();
	let score = chain.score(details.id).await?;
	let attestation = chain.attestation(details.id).await?;
	Ok(json!({
		"version": details.id,
		"name": text(&details.name),
		"description": text(&details.description),
		"tags": details.tags.iter().map(|t| text(t)).collect::<Vec<_>>(),
		"license": text(&details.license),
		"endpoint": text(&details.endpoint),
		"owner": crate::keys::ss58(&d.owner.0),
		"parent": d.parent,
		"depth": d.depth,
		"royalty_percent": f64::from(d.royalty.0) / 10_000.0,
		"status": status_text(details),
		"registered_block": d.registered,
		"root": hex32(&d.commitment.root),
		"merkle_root": hex32(&d.commitment.merkle_root),
		"rows": d.commitment.rows,
		"chunks": d.commitment.chunks,
		"bytes": d.commitment.bytes,
		"schema": schema.as_ref().map(schema_json),
		"score": score.as_ref().map(super::info::score_json),
		"attestation": attestation.as_ref().map(super::info::attestation_json),
	}))
}

/// `dataset show`.
pub async fn show(version: u64, ctx: &Ctx) -> Result<Output, Error> {
	let chain = ctx.chain().await?;
	let details = chain.expect_dataset(version).await?;
	let json = version_json(&chain, &details).await?;
	let offers = chain.offers(version).await?;
	let d = &details.dataset;
	let mut text = format!(
		"version {version}: {}\n  {}\nowner:     {}\nstatus:    {}\nparent:    {}\nrows:      {} in {} chunks ({} bytes)\nroot:      {}\nlicense:   {}\nendpoint:  {}\nroyalty:   {} %\ntags:      {}\nscore:     {}\nattested:  {}",
		json["name"].as_str().unwrap_or_default(),
		json["description"].as_str().unwrap_or_default(),
		json["owner"].as_str().unwrap_or_default(),
		json["status"].as_str().unwrap_or_default(),
		d.parent.map(|p| p.to_string()).unwrap_or_else(|| "none (a first version)".into()),
		d.commitment.rows,
		d.commitment.chunks,
		d.commitment.bytes,
		hex32(&d.commitment.root),
		json["license"].as_str().unwrap_or_default(),
		json["endpoint"].as_str().unwrap_or_default(),
		json["royalty_percent"],
		json["tags"].as_array().map(|t| t.iter().filter_map(|v| v.as_str()).collect::<Vec<_>>().join(", ")).unwrap_or_default(),
		super::info::score_line(&json["score"]),
		super::info::attestation_line(&json["attestation"]),
	);
	if let Ok(schema) = decode_schema(&details) {
		text.push_str(&format!("\nschema:\n{}", schema_text(&schema)));
	}
	let offers_json = super::market::offers_json(&chain, &offers).await?;
	if !offers.is_empty() {
		text.push_str("\noffers:");
		for o in offers_json.as_array().into_iter().flatten() {
			text.push_str(&format!("\n  {}", super::market::offer_line(o)));
		}
	}
	let mut json = json;
	json["offers"] = offers_json;
	Ok(Output::new(text, json))
}

/// `dataset list`: the newest `limit` versions.
pub async fn list(limit: usize, owner: Option<[u8; 32]>, ctx: &Ctx) -> Result<Output, Error> {
	let chain = ctx.chain().await?;
	let ids = chain.dataset_ids().await?;
	let mut rows = Vec::new();
	let mut lines = vec![format!(
		"{:>7}  {:<32} {:>10} {:>7}  {:<9} {}",
		"version", "name", "rows", "score", "attested", "owner"
	)];
	for id in ids.into_iter().rev() {
		if rows.len() >= limit {
			break;
		}
		let Some(details) = chain.dataset(id).await? else { continue };
		if owner.is_some_and(|o| o != details.dataset.owner.0) {
			continue;
		}
		let json = version_json(&chain, &details).await?;
		lines.push(format!(
			"{:>7}  {:<32} {:>10} {:>7}  {:<9} {}",
			id,
			truncate(json["name"].as_str().unwrap_or_default(), 32),
			details.dataset.commitment.rows,
			json["score"]["overall_percent"]
				.as_f64()
				.map(|s| format!("{s:.2}%"))
				.unwrap_or_else(|| "-".into()),
			if json["attestation"]["status"] == "attested" { "yes" } else { "-" },
			json["owner"].as_str().unwrap_or_default(),
		));
		rows.push(json);
	}
	if rows.is_empty() {
		lines = vec!["no versions registered".into()];
	}
	Ok(Output::new(lines.join("\n"), Value::Array(rows)))
}

fn truncate(s: &str, n: usize) -> String {
	if s.chars().count() <= n {
		s.to_string()
	} else {
		format!("{}…", s.chars().take(n - 1).collect::<String>())
	}
}

/// `dataset lineage`: the family tree of a version, from its first ancestor down.
pub async fn lineage(version: u64, ctx: &Ctx) -> Result<Output, Error> {
	let chain = ctx.chain().await?;
	chain.expect_dataset(version).await?;
	let ancestors = chain.ancestors(version).await?;
	let root = ancestors.last().copied().unwrap_or(version);
	let mut lines = Vec::new();
	let mut nodes = Vec::new();
	// Depth-first from the root, bounded by the chain's lineage depth and 256 children.
	let mut stack = vec![(root, 0usize)];
	while let Some((id, depth)) = stack.pop() {
		let Some(details) = chain.dataset(id).await? else { continue };
		let json = version_json(&chain, &details).await?;
		let step = json["attestation"]["step"].as_str().map(|s| s.to_string());
		lines.push(
			format!(
				"{}{}#{id} {}{}{}{}",
				"   ".repeat(depth.saturating_sub(1)),
				if depth > 0 { "└─ " } else { "" },
				json["name"].as_str().unwrap_or_default(),
				step.map(|s| format!("  [{s}]")).unwrap_or_default(),
				match json["attestation"]["status"].as_str() {
					Some("attested") => "  attested ✓".to_string(),
					Some(other) => format!("  attestation {other}"),
					None => String::new(),
				},
				json["score"]["overall_percent"]
					.as_f64()
					.map(|s| format!("  score {s:.2}%"))
					.unwrap_or_default(),
			) + if id == version { "   ← this version" } else { "" },
		);
		nodes.push(json);
		let mut children = chain.children(id).await?;
		children.sort_unstable_by(|a, b| b.cmp(a));
		stack.extend(children.into_iter().map(|c| (c, depth + 1)));
	}
	Ok(Output::new(
		lines.join("\n"),
		json!({ "version": version, "ancestors": ancestors, "root": root, "tree": nodes }),
	))
}
