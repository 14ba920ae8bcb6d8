//! `loam score show` and `loam chain status`, and how scores and attestations read.

use super::{Ctx, Output};
use crate::{chain::FinalScore, error::Error, keys::ss58, runtime::runtime_types, units};
use codec::Decode;
use loam_data::{metrics::ColumnStats, metrics::QualityReport, Schema, Step};
use serde_json::{json, Value};

fn ppm(v: u32) -> f64 {
	f64::from(v) / 10_000.0
}

/// A final score as JSON.
pub fn score_json(score: &FinalScore) -> Value {
	use runtime_types::pallet_scoring::types::Outcome;
	let (outcome, report) = match &score.outcome {
		Outcome::Scored(r) => ("scored", Some(&r.0)),
		Outcome::Unreachable => ("unreachable", None),
		Outcome::Mismatch => ("mismatch", None),
	};
	json!({
		"outcome": outcome,
		"overall_percent": report.map(|r| f64::from(r.overall_bp) / 100.0),
		"report": report.map(report_json),
		"algorithm": score.algorithm,
		"agreeing": score.agreeing,
		"validators": score.validators,
		"final_block": score.finalized,
	})
}

fn report_json(r: &QualityReport) -> Value {
	json!({
		"rows": r.rows,
		"overall_bp": r.overall_bp,
		"duplicate_rows_percent": ppm(r.duplicate_rows),
		"conformance_percent": ppm(r.conformance),
		"outliers_percent": ppm(r.outliers),
		"class_balance": r.labels.map(|l| json!({
			"column": l.column, "classes": l.classes, "balance_percent": ppm(l.balance)
		})),
		"columns": r.columns.iter().map(|c| {
			let mut v = json!({
				"completeness_percent": ppm(c.completeness),
				"distinctness_percent": ppm(c.distinctness),
				"uniqueness_percent": ppm(c.uniqueness),
			});
			match &c.stats {
				ColumnStats::Numeric(n) => {
					v["min"] = n.min.into();
					v["max"] = n.max.into();
					v["mean"] = (n.mean_e6 as f64 / 1e6).into();
					v["std"] = (n.std_e6 as f64 / 1e6).into();
					v["q1"] = n.q1.into();
					v["q3"] = n.q3.into();
					v["outliers_percent"] = ppm(n.outliers).into();
				}
				ColumnStats::Categorical { entropy_millibits } => {
					v["entropy_bits"] = (f64::from(*entropy_millibits) / 1000.0).into();
				}
				ColumnStats::Empty | ColumnStats::Text => {}
			}
			v
		}).collect::<Vec<_>>(),
	})
}

/// One line for a score (from [`score_json`]'s JSON, or null).
pub fn score_line(score: &Value) -> String {
	match score["outcome"].as_str() {
		None => "not final yet".into(),
		Some("scored") => format!(
			"{:.2} % ({} of {} validators agreed)",
			score["overall_percent"].as_f64().unwrap_or_default(),
			score["agreeing"],
			score["validators"]
		),
		Some(other) => format!("{other} (the validators could not score the data)"),
	}
}

/// An attestation as JSON.
pub fn attestation_json(
	a: &runtime_types::pallet_attestations::types::Attestation<subxt::utils::AccountId32, u32>,
) -> Value {
	use runtime_types::pallet_attestations::types::{Mode, Status};
	let (status, done, total) = match &a.status {
		Status::InProgress { done, total } => ("in progress", *done, *total),
		Status::Attested => ("attested", 0, 0),
		Status::Expired => ("expired", 0, 0),
	};
	let step = Step::decode(&mut &a.step.0[..]).ok();
	json!({
		"status": status,
		"done": done,
		"total": total,
		"cleaner": ss58(&a.cleaner.0),
		"parent": a.parent,
		"step": step.map(|s| step_text(&s)),
		"mode": match a.mode { Mode::Full => "full", Mode::Sampled => "sampled" },
		"sample": a.sample.as_ref().map(|s| json!({
			"k": s.k,
			"seed_block": s.seed_block,
			"indices": s.indices.0,
			"caught_percent": s.detection.0.iter().map(|d| json!({
				"corrupted_percent": d.corrupted.0,
				"caught_percent": f64::from(d.caught.0) / 10_000_000.0,
			})).collect::<Vec<_>>(),
		})),
	})
}

/// One line for an attestation.
pub fn attestation_line(a: &Value) -> String {
	match a["status"].as_str() {
		None => "no (not a cleaned version, or not attested)".into(),
		Some("attested") => format!(
			"yes: {} by {} ({} proof{})",
			a["step"].as_str().unwrap_or("?"),
			a["cleaner"].as_str().unwrap_or("?"),
			a["mode"].as_str().unwrap_or("?"),
			if a["mode"] == "sampled" { ", sampled chunks" } else { " of every chunk" },
		),
		Some("in progress") => {
			format!("in progress: {} of {} chunks proved", a["done"], a["total"])
		}
		Some(other) => other.to_string(),
	}
}

/// A step as people write it.
pub fn step_text(step: &Step) -> String {
	match step {
		Step::DropNulls { columns } => format!("drop-nulls {columns:?}"),
		Step::FilterRange { column, lo, hi } => format!("filter-range #{column} [{lo}, {hi}]"),
		Step::Clamp { column, lo, hi } => format!("clamp #{column} [{lo}, {hi}]"),
		Step::FillNull { column, value } => format!("fill-null #{column} = {value:?}"),
		Step::Dedup => "dedup".into(),
		Step::DropColumns { columns } => format!("drop-columns {columns:?}"),
	}
}

/// `score show`.
pub async fn score(version: u64, ctx: &Ctx) -> Result<Output, Error> {
	let chain = ctx.chain().await?;
	let details = chain.expect_dataset(version).await?;
	let schema = Schema::decode(&mut &details.schema[..]).ok();
	let score = chain.score(version).await?;
	let dissenters = chain.dissenters(version).await?;
	let mut json = json!({
		"version": version,
		"final": score.is_some(),
		"score": score.as_ref().map(score_json),
		"dissenters": dissenters.iter().map(ss58).collect::<Vec<_>>(),
	});
	let Some(score) = score else {
		return Ok(Output::new(
			format!("version {version}: no final score yet (the validators' off-chain workers score new versions within a few blocks of their upload)"),
			json,
		));
	};
	let s = score_json(&score);
	let mut text = format!("version {version}: {}", score_line(&s));
	if let Some(report) = s["report"].as_object() {
		text.push_str(&format!(
			"\n  rows {}, duplicate rows {:.2} %, conformance {:.2} %, outliers {:.2} %",
			report["rows"],
			report["duplicate_rows_percent"].as_f64().unwrap_or_default(),
			report["conformance_percent"].as_f64().unwrap_or_default(),
			report["outliers_percent"].as_f64().unwrap_or_default(),
		));
		if let Some(b) = report["class_balance"].as_object() {
			text.push_str(&format!(
				"\n  class balance {:.2} % over {} classes",
				b["balance_percent"].as_f64().unwrap_or_default(),
				b["classes"]
			));
		}
		for (i, c) in report["columns"].as_array().into_iter().flatten().enumerate() {
			let name = schema
				.as_ref()
				.and_then(|s| s.columns().get(i))
				.map(|c| c.name_str())
				.unwrap_or_else(|| format!("#{i}"));
			text.push_str(&format!(
				"\n  {name:<20} complete {:>6.2} %  distinct {:>6.2} %  unique {:>6.2} %",
				c["completeness_percent"].as_f64().unwrap_or_default(),
				c["distinctness_percent"].as_f64().unwrap_or_default(),
				c["uniqueness_percent"].as_f64().unwrap_or_default(),
			));
			if c.get("min").is_some() {
				text.push_str(&format!(
					"  min {} max {} mean {:.3} std {:.3} outliers {:.2} %",
					c["min"],
					c["max"],
					c["mean"].as_f64().unwrap_or_default(),
					c["std"].as_f64().unwrap_or_default(),
					c["outliers_percent"].as_f64().unwrap_or_default()
				));
			}
			if let Some(e) = c["entropy_bits"].as_f64() {
				text.push_str(&format!("  entropy {e:.3} bits"));
			}
		}
	}
	if !dissenters.is_empty() {
		text.push_str(&format!(
			"\n  dissenting validators: {}",
			dissenters.iter().map(ss58).collect::<Vec<_>>().join(", ")
		));
	}
	if let Some(names) =
		schema.map(|s| s.columns().iter().map(|c| c.name_str()).collect::<Vec<_>>())
	{
		json["columns"] = names.into();
	}
	Ok(Output::new(text, json))
}

/// `chain status`.
pub async fn status(ctx: &Ctx) -> Result<Output, Error> {
	let chain = ctx.chain().await?;
	let rpc = chain.rpc();
	let err = |e: subxt::rpcs::Error| Error::Unreachable(format!("{}: {e}", chain.url()));
	let name = rpc.system_chain().await.map_err(err)?;
	let node = rpc.system_name().await.map_err(err)?;
	let node_version = rpc.system_version().await.map_err(err)?;
	let health = rpc.system_health().await.map_err(err)?;
	let best = rpc.chain_get_header(None).await.map_err(err)?.map(|h| h.number).unwrap_or_default();
	let at = chain.at().await?;
	let finalized = at.block_number();
	let spec = at.spec_version();
	let validators = chain.validators().await?;
	let versions = chain.dataset_ids().await?.len();
	let mut json = json!({
		"chain": name,
		"node": format!("{node} {node_version}"),
		"url": chain.url(),
		"best": best,
		"finalized": finalized,
		"spec_version": spec,
		"peers": health.peers,
		"syncing": health.is_syncing,
		"validators": validators.iter().map(ss58).collect::<Vec<_>>(),
		"versions": versions,
	});
	let mut text = format!(
		"chain:      {name} ({node} {node_version}) at {}\nblocks:     best #{best}, finalized #{finalized}{}\nruntime:    spec version {spec}\npeers:      {}\nvalidators: {}\nversions:   {versions} registered",
		chain.url(),
		if health.is_syncing { " (syncing)" } else { "" },
		health.peers,
		validators.len(),
	);
	if let Ok(signer) = ctx.signer() {
		let loam = chain.free_balance(signer.public()).await?;
		let dusd = chain.asset_balance(units::DUSD, signer.public()).await?;
		text.push_str(&format!(
			"\naccount:    {} holds {} LOAM, {} dUSD",
			signer.address(),
			units::format_amount(loam, units::LOAM_DECIMALS),
			units::format_amount(dusd, 6)
		));
		json["account"] = json!({
			"address": signer.address(),
			"loam": units::format_amount(loam, units::LOAM_DECIMALS),
			"dusd": units::format_amount(dusd, 6),
		});
	}
	Ok(Output::new(text, json))
}

/// `balance`: LOAM and dUSD of accounts (default: the key's).
pub async fn balances(accounts: &[String], ctx: &Ctx) -> Result<Output, Error> {
	let who: Vec<[u8; 32]> = if accounts.is_empty() {
		vec![ctx.signer()?.public()]
	} else {
		accounts.iter().map(|a| crate::keys::parse_account(a)).collect::<Result<_, _>>()?
	};
	let chain = ctx.chain().await?;
	let mut lines = Vec::new();
	let mut rows = Vec::new();
	for account in who {
		let loam = chain.free_balance(account).await?;
		let dusd = chain.asset_balance(units::DUSD, account).await?;
		let (loam, dusd) =
			(units::format_amount(loam, units::LOAM_DECIMALS), units::format_amount(dusd, 6));
		lines.push(format!("{}  {loam:>24} LOAM  {dusd:>16} dUSD", ss58(&account)));
		rows.push(json!({ "address": ss58(&account), "loam": loam, "dusd": dusd }));
	}
	Ok(Output::new(lines.join("\n"), Value::Array(rows)))
}
