//! Chain helpers of the end-to-end tests: dynamic extrinsics through subxt, events,
//! commitments, runtime API calls.

use super::Node;
use loam_data::{DatasetBuilder, DatasetCommitment, Schema};
use subxt::{
	dynamic::Value,
	ext::codec::{Decode, Encode},
	tx::Payload,
	OnlineClient, PolkadotConfig,
};
use subxt_signer::sr25519::Keypair;

/// The client the tests use.
pub type Api = OnlineClient<PolkadotConfig>;

pub fn bytes(b: &[u8]) -> Value {
	Value::from_bytes(b)
}

pub fn commitment_value(c: &DatasetCommitment, bytes_len: u64) -> Value {
	Value::named_composite([
		("root", bytes(&loam_data::field::to_bytes(&c.root))),
		("merkle_root", bytes(&loam_data::field::to_bytes(&c.merkle_root))),
		("schema_hash", bytes(&loam_data::field::to_bytes(&c.schema_hash))),
		("rows", Value::u128(c.rows.into())),
		("chunks", Value::u128(c.chunks().into())),
		("bytes", Value::u128(bytes_len.into())),
	])
}

/// A version's metadata: `name`, a fixed description and license, `endpoint`, `tags`.
pub fn metadata_value(name: &str, endpoint: &str, tags: &[&[u8]]) -> Value {
	Value::named_composite([
		("name", bytes(name.as_bytes())),
		("description", bytes(b"600 sensor readings with nulls, duplicates and outliers")),
		("tags", Value::unnamed_composite(tags.iter().map(|t| bytes(t)))),
		("license", bytes(b"CC-BY-4.0")),
		("endpoint", bytes(endpoint.as_bytes())),
	])
}

/// Submits, waits for finality, and returns the events or the error's text.
pub async fn submit(
	api: &Api,
	node: &Node,
	tx: &impl Payload,
	who: &Keypair,
) -> Result<Vec<(String, String, Vec<u8>)>, String> {
	let progress = api
		.at_current_block()
		.await
		.expect("current block")
		.transactions()
		.sign_and_submit_then_watch_default(tx, who)
		.await
		.unwrap_or_else(|e| panic!("submission failed: {e}\n{}", node.log_tail()));
	let events = progress.wait_for_finalized_success().await.map_err(|e| e.to_string())?;
	Ok(events
		.iter()
		.map(|e| {
			let e = e.expect("event decodes");
			(e.pallet_name().to_string(), e.event_name().to_string(), e.field_bytes().to_vec())
		})
		.collect())
}

pub fn registered_id(events: &[(String, String, Vec<u8>)]) -> u64 {
	let (_, _, fields) = events
		.iter()
		.find(|(p, e, _)| p == "Datasets" && e == "Registered")
		.expect("a Registered event");
	u64::decode(&mut &fields[..]).expect("the first field is the id")
}

pub fn commit(schema: &Schema, chunks: &[loam_data::Chunk]) -> DatasetCommitment {
	let mut b = DatasetBuilder::new(schema.clone());
	for c in chunks {
		b.push(c).expect("valid chunk");
	}
	b.finish().expect("commitment")
}

pub async fn has_access(api: &Api, who: &[u8; 32], version: u64) -> bool {
	let at = api.at_current_block().await.expect("current block");
	let out = at
		.runtime_apis()
		.call_raw("MarketApi_has_access", Some(&(who, version).encode()))
		.await
		.expect("MarketApi_has_access");
	bool::decode(&mut &out[..]).expect("a bool")
}
