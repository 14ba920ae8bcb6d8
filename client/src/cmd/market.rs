//! `loam offer create | update | pause | resume | close | list` and `loam buy`.

use super::{Ctx, Output};
use crate::{
	chain::{event, Chain, Offer},
	error::Error,
	keys::{parse_account, ss58},
	runtime::{self, runtime_types},
	units::{self, Asset},
};
use serde_json::{json, Value};

type AssetKind =
	runtime_types::frame_support::traits::tokens::fungible::union_of::NativeOrWithId<u32>;

fn asset_kind(asset: Asset) -> AssetKind {
	match asset {
		Asset::Native => AssetKind::Native,
		Asset::Id(id) => AssetKind::WithId(id),
	}
}

/// Symbol and decimals of what a price is paid in.
async fn denomination(chain: &Chain, asset: &AssetKind) -> Result<(String, u8), Error> {
	match asset {
		AssetKind::Native => Ok(("LOAM".into(), units::LOAM_DECIMALS)),
		AssetKind::WithId(id) => chain.asset_metadata(*id).await,
	}
}

/// The offers of a version as JSON.
pub async fn offers_json(chain: &Chain, offers: &[(u32, Offer)]) -> Result<Value, Error> {
	use runtime_types::pallet_market::types::Access;
	let mut out = Vec::new();
	for (index, o) in offers {
		let (symbol, decimals) = denomination(chain, &o.asset).await?;
		out.push(json!({
			"offer": index,
			"price": units::format_amount(o.price, decimals),
			"price_units": o.price.to_string(),
			"asset": symbol,
			"access": match &o.access { Access::Blocks(n) => json!({ "blocks": n }), Access::Forever => json!("forever") },
			"allow_list": o.allow_list.as_ref().map(|l| l.0.iter().map(|a| ss58(&a.0)).collect::<Vec<_>>()),
			"cap": o.cap,
			"sold": o.sold,
			"paused": o.paused,
		}));
	}
	Ok(Value::Array(out))
}

/// One line for an offer from [`offers_json`].
pub fn offer_line(o: &Value) -> String {
	format!(
		"#{}: {} {} for {}{}{}{}",
		o["offer"],
		o["price"].as_str().unwrap_or_default(),
		o["asset"].as_str().unwrap_or_default(),
		match &o["access"] {
			Value::String(s) => s.clone(),
			v => format!("{} blocks", v["blocks"]),
		},
		if o["paused"] == true { ", paused" } else { "" },
		o["cap"]
			.as_u64()
			.map(|c| format!(", {} of {c} sold", o["sold"]))
			.unwrap_or_else(|| format!(", {} sold", o["sold"])),
		if o["allow_list"].is_array() { ", allow-list only" } else { "" },
	)
}

/// The terms of an offer.
#[derive(Clone, Debug)]
pub struct Terms {
	/// Price, as people write it.
	pub price: String,
	/// What it is paid in.
	pub asset: Asset,
	/// Access for this many blocks; forever if `None`.
	pub blocks: Option<u32>,
	/// Who may buy (anyone if empty).
	pub allow: Vec<String>,
	/// At most this many purchases.
	pub cap: Option<u32>,
}

async fn price_units(chain: &Chain, asset: Asset, price: &str) -> Result<u128, Error> {
	let (_, decimals) = denomination(chain, &asset_kind(asset)).await?;
	units::parse_amount(price, decimals)
}

fn allow_list(
	allow: &[String],
) -> Result<
	Option<runtime_types::bounded_collections::bounded_vec::BoundedVec<subxt::utils::AccountId32>>,
	Error,
> {
	if allow.is_empty() {
		return Ok(None);
	}
	let accounts = allow
		.iter()
		.map(|a| parse_account(a).map(subxt::utils::AccountId32))
		.collect::<Result<Vec<_>, _>>()?;
	Ok(Some(runtime_types::bounded_collections::bounded_vec::BoundedVec(accounts)))
}

/// `offer create`.
pub async fn create(version: u64, terms: &Terms, ctx: &Ctx) -> Result<Output, Error> {
	use runtime_types::pallet_market::types::Access;
	let signer = ctx.signer()?;
	let chain = ctx.chain().await?;
	let price = price_units(&chain, terms.asset, &terms.price).await?;
	let access = match terms.blocks {
		Some(n) => Access::Blocks(n),
		None => Access::Forever,
	};
	let tx = runtime::tx().market().create_offer(
		version,
		asset_kind(terms.asset),
		price,
		access,
		allow_list(&terms.allow)?,
		terms.cap,
	);
	let events = chain.submit(&tx, &signer, "creating the offer", &ctx.progress).await?;
	let created: runtime::market::events::OfferCreated = event(&events, "OfferCreated")?;
	Ok(Output::new(
		format!("offer #{} on version {version}: {} {:?}", created.offer, terms.price, terms.asset),
		json!({ "version": version, "offer": created.offer, "price_units": price.to_string() }),
	))
}

/// `offer update`: new price, allow-list and cap.
pub async fn update(version: u64, offer: u32, terms: &Terms, ctx: &Ctx) -> Result<Output, Error> {
	let signer = ctx.signer()?;
	let chain = ctx.chain().await?;
	let current = chain
		.offers(version)
		.await?
		.into_iter()
		.find(|(i, _)| *i == offer)
		.ok_or_else(|| Error::Input(format!("version {version} has no open offer #{offer}")))?;
	let (_, decimals) = denomination(&chain, &current.1.asset).await?;
	let price = units::parse_amount(&terms.price, decimals)?;
	let tx = runtime::tx().market().update_offer(
		version,
		offer,
		price,
		allow_list(&terms.allow)?,
		terms.cap,
	);
	chain.submit(&tx, &signer, "updating the offer", &ctx.progress).await?;
	Ok(Output::new(
		format!("offer #{offer} on version {version} now costs {}", terms.price),
		json!({ "version": version, "offer": offer, "price_units": price.to_string() }),
	))
}

/// `offer pause` / `offer resume`.
pub async fn set_paused(
	version: u64,
	offer: u32,
	paused: bool,
	ctx: &Ctx,
) -> Result<Output, Error> {
	let signer = ctx.signer()?;
	let chain = ctx.chain().await?;
	let tx = runtime::tx().market().set_paused(version, offer, paused);
	chain.submit(&tx, &signer, if paused { "pausing" } else { "resuming" }, &ctx.progress).await?;
	let state = if paused { "paused" } else { "open again" };
	Ok(Output::new(
		format!("offer #{offer} on version {version} is {state}"),
		json!({ "version": version, "offer": offer, "paused": paused }),
	))
}

/// `offer close`.
pub async fn close(version: u64, offer: u32, ctx: &Ctx) -> Result<Output, Error> {
	let signer = ctx.signer()?;
	let chain = ctx.chain().await?;
	let tx = runtime::tx().market().close_offer(version, offer);
	chain.submit(&tx, &signer, "closing the offer", &ctx.progress).await?;
	Ok(Output::new(
		format!("offer #{offer} on version {version} is closed; its deposit is released"),
		json!({ "version": version, "offer": offer, "closed": true }),
	))
}

/// `offer list`.
pub async fn list(version: u64, ctx: &Ctx) -> Result<Output, Error> {
	let chain = ctx.chain().await?;
	chain.expect_dataset(version).await?;
	let offers = offers_json(&chain, &chain.offers(version).await?).await?;
	let lines: Vec<String> = offers.as_array().into_iter().flatten().map(offer_line).collect();
	let text = if lines.is_empty() {
		format!("version {version} has no open offers")
	} else {
		lines.join("\n")
	};
	Ok(Output::new(text, offers))
}

/// The shares of a price, a line each.
fn shares_text(shares: &[Value], symbol: &str) -> String {
	shares
		.iter()
		.map(|s| {
			format!(
				"\n  {:>14} {symbol} to {} ({})",
				s["amount"].as_str().unwrap_or_default(),
				s["to"].as_str().unwrap_or_default(),
				s["role"].as_str().unwrap_or_default()
			)
		})
		.collect()
}

/// `buy`: purchases access through `offer` (default: the cheapest open one), paying at
/// most `max_price` (default: the price quoted now); with `dry_run`, only shows the price,
/// the fee estimate and who would be paid what.
pub async fn buy(
	version: u64,
	offer: Option<u32>,
	max_price: Option<&str>,
	dry_run: bool,
	ctx: &Ctx,
) -> Result<Output, Error> {
	use runtime_types::pallet_market::types::Role;
	let signer = ctx.signer()?;
	let chain = ctx.chain().await?;
	chain.expect_dataset(version).await?;
	let offers = chain.offers(version).await?;
	let (index, o) = match offer {
		Some(i) => offers
			.into_iter()
			.find(|(j, _)| *j == i)
			.ok_or_else(|| Error::Input(format!("version {version} has no open offer #{i}")))?,
		None => {
			offers.into_iter().filter(|(_, o)| !o.paused).min_by_key(|(_, o)| o.price).ok_or_else(
				|| Error::Input(format!("version {version} has no open offer to buy")),
			)?
		}
	};
	let (symbol, decimals) = denomination(&chain, &o.asset).await?;
	let max = match max_price {
		Some(p) => units::parse_amount(p, decimals)?,
		None => o.price,
	};
	let tx = runtime::tx().market().purchase(version, index, max);
	let fee = chain.fee(&tx, &signer).await?;
	let quote = chain.call(runtime::runtime_apis().market_api().quote(version, index)).await?;
	let quoted_payouts: Vec<Value> = quote
		.as_ref()
		.map(|q| {
			q.payouts
				.iter()
				.map(
					|(who, amount)| json!({ "to": ss58(&who.0), "amount_units": amount.to_string() }),
				)
				.collect()
		})
		.unwrap_or_default();
	let shares: Vec<Value> = quote
		.map(|q| {
			q.shares
				.iter()
				.map(|s| {
					json!({
						"to": ss58(&s.who.0),
						"amount": units::format_amount(s.amount, decimals),
						"role": match &s.role {
							Role::Treasury => "treasury".to_string(),
							Role::Scorers => "scorers".to_string(),
							Role::Cleaner { version } => format!("cleaner of version {version}"),
							Role::Royalty { version } => format!("royalty of version {version}"),
							Role::Owner => "owner".to_string(),
						},
					})
				})
				.collect()
		})
		.unwrap_or_default();
	if dry_run {
		let mut text = format!(
			"offer #{index} on version {version}: {} {symbol}, fee about {} LOAM; the price would be paid to:",
			units::format_amount(o.price, decimals),
			units::format_amount(fee, units::LOAM_DECIMALS),
		);
		text.push_str(&shares_text(&shares, &symbol));
		return Ok(Output::new(
			text,
			json!({
				"version": version,
				"offer": index,
				"price": units::format_amount(o.price, decimals),
				"asset": symbol,
				"fee_loam": units::format_amount(fee, units::LOAM_DECIMALS),
				"shares": shares,
				"payouts": quoted_payouts,
				"dry_run": true,
			}),
		));
	}
	let events = chain.submit(&tx, &signer, "buying", &ctx.progress).await?;
	let purchased: runtime::market::events::Purchased = event(&events, "Purchased")?;
	let access = chain.has_access(signer.public(), version).await?;
	let mut text = format!(
		"bought access to version {version} through offer #{index}: {} {symbol} (fee {} LOAM)\naccess now: {}",
		units::format_amount(purchased.price, decimals),
		units::format_amount(fee, units::LOAM_DECIMALS),
		if access { "granted" } else { "NOT granted" },
	);
	text.push_str(&shares_text(&shares, &symbol));
	Ok(Output::new(
		text,
		json!({
			"version": version,
			"offer": index,
			"price": units::format_amount(purchased.price, decimals),
			"asset": symbol,
			"fee_loam": units::format_amount(fee, units::LOAM_DECIMALS),
			"access": access,
			"shares": shares,
			"payouts": purchased.payouts.iter().map(|(who, amount)| json!({
				"to": ss58(&who.0),
				"amount": units::format_amount(*amount, decimals),
				"amount_units": amount.to_string(),
			})).collect::<Vec<_>>(),
		}),
	))
}
