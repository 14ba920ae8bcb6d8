//! What the gateway asks the chain, behind one trait: a version's registration (owner,
//! Merkle root, chunk count, schema), whether an account has bought access (the market's
//! `MarketApi::has_access`), and whether a key is a current validator (an Aura
//! authority). Inside the node the client answers directly; standalone, [`RpcChain`]
//! asks a node over its RPC.

use codec::{Decode, Encode};
use sp_runtime::AccountId32;
use std::future::Future;
use subxt::{OnlineClient, PolkadotConfig};

/// A version's registration, as `DatasetsApi::dataset` returns it.
pub type Details = pallet_datasets::DatasetDetails<AccountId32, u128, u32>;

/// The chain, as the gateway sees it.
pub trait Chain: Send + Sync + 'static {
	/// The registration of `version`, if registered.
	fn dataset(&self, version: u64)
		-> impl Future<Output = Result<Option<Details>, String>> + Send;
	/// Whether `who` has bought access to `version` (and it has not expired).
	fn has_access(
		&self,
		who: [u8; 32],
		version: u64,
	) -> impl Future<Output = Result<bool, String>> + Send;
	/// Whether `who` is a current validator's (Aura) key.
	fn is_validator(&self, who: [u8; 32]) -> impl Future<Output = Result<bool, String>> + Send;
}

/// The chain over a node's RPC (the standalone gateway).
#[derive(Clone)]
pub struct RpcChain {
	api: OnlineClient<PolkadotConfig>,
}

impl RpcChain {
	/// Connects to a node's RPC (`ws://` or `wss://`).
	pub async fn connect(url: &str) -> Result<Self, String> {
		let api = if url.starts_with("wss://") {
			OnlineClient::<PolkadotConfig>::from_url(url).await
		} else {
			OnlineClient::<PolkadotConfig>::from_insecure_url(url).await
		};
		Ok(Self { api: api.map_err(|e| format!("cannot reach the node at {url}: {e}"))? })
	}

	async fn call<R: Decode>(&self, method: &str, args: impl Encode) -> Result<R, String> {
		let at = self.api.at_current_block().await.map_err(|e| format!("node: {e}"))?;
		let out = at
			.runtime_apis()
			.call_raw(method, Some(&args.encode()))
			.await
			.map_err(|e| format!("{method}: {e}"))?;
		R::decode(&mut &out[..]).map_err(|e| format!("{method}: {e}"))
	}
}

impl Chain for RpcChain {
	async fn dataset(&self, version: u64) -> Result<Option<Details>, String> {
		self.call("DatasetsApi_dataset", version).await
	}

	async fn has_access(&self, who: [u8; 32], version: u64) -> Result<bool, String> {
		self.call("MarketApi_has_access", (who, version)).await
	}

	async fn is_validator(&self, who: [u8; 32]) -> Result<bool, String> {
		let authorities: Vec<[u8; 32]> = self.call("AuraApi_authorities", ()).await?;
		Ok(authorities.contains(&who))
	}
}
