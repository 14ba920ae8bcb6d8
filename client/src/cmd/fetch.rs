//! `loam fetch`: download a version through its gateway, check every chunk and the whole
//! dataset against the on-chain root, and write CSV or Parquet. Verified chunks are kept
//! beside the output until it is written, so an interrupted fetch resumes.

use super::{dataset::decode_schema, Ctx, Output};
use crate::{data, error::Error};
use loam_data::io::Format;
use serde_json::json;
use std::path::Path;

/// `fetch`.
pub async fn fetch(version: u64, out: &Path, ctx: &Ctx) -> Result<Output, Error> {
	Format::from_path(out).map_err(|_| {
		Error::Input(format!("{}: write to a .csv or .parquet file", out.display()))
	})?;
	let signer = ctx.signer()?;
	let chain = ctx.chain().await?;
	let details = chain.expect_dataset(version).await?;
	let schema = decode_schema(&details)?;
	if !chain.has_access(signer.public(), version).await? {
		return Err(Error::Input(format!(
			"{} has no access to version {version}: buy it first (loam buy {version})",
			signer.address()
		)));
	}
	let gw = ctx.gateway_for(&details.endpoint)?;
	let d = &details.dataset.commitment;
	let expected = data::Expected {
		version,
		schema: &schema,
		root: d.root,
		merkle_root: d.merkle_root,
		chunks: d.chunks,
		rows: d.rows,
	};
	let partial = {
		let mut name = out.file_name().map(|n| n.to_os_string()).unwrap_or_default();
		name.push(".loam-partial");
		out.with_file_name(name)
	};
	let (chunks, _) = data::download(&gw, &signer, &expected, &partial, &ctx.progress).await?;
	data::write_file(out, &schema, &chunks)?;
	std::fs::remove_dir_all(&partial).ok();
	Ok(Output::new(
		format!(
			"version {version}: {} rows in {} chunks, every chunk and the root checked against the chain, written to {}",
			d.rows,
			d.chunks,
			out.display()
		),
		json!({
			"version": version,
			"rows": d.rows,
			"chunks": d.chunks,
			"root": super::hex32(&d.root),
			"verified": true,
			"file": out.display().to_string(),
		}),
	))
}
