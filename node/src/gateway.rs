//! The data gateway inside the node (`--gateway`): `loam-gateway` answering from this
//! node's client directly instead of over RPC.

use crate::service::FullClient;
use loam_gateway::chain::{Chain, Details};
use loam_runtime::opaque::Block;
use pallet_datasets::runtime_api::DatasetsApi;
use pallet_market::runtime_api::MarketApi;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_consensus_aura::{sr25519::AuthorityId as AuraId, AuraApi};
use std::{net::SocketAddr, sync::Arc};

/// Where the in-node gateway listens and keeps chunks.
#[derive(Clone, Debug)]
pub struct GatewayConfig {
	/// The HTTP address.
	pub listen: SocketAddr,
	/// The store URL or directory.
	pub store: String,
	/// The web app's files, served at `/`.
	pub web: Option<std::path::PathBuf>,
}

/// The chain as this node's client sees it, at its best block.
pub struct ClientChain {
	client: Arc<FullClient>,
}

impl ClientChain {
	fn best(&self) -> <Block as sp_runtime::traits::Block>::Hash {
		self.client.info().best_hash
	}
}

impl Chain for ClientChain {
	async fn dataset(&self, version: u64) -> Result<Option<Details>, String> {
		self.client.runtime_api().dataset(self.best(), version).map_err(|e| e.to_string())
	}

	async fn has_access(&self, who: [u8; 32], version: u64) -> Result<bool, String> {
		self.client
			.runtime_api()
			.has_access(self.best(), who.into(), version)
			.map_err(|e| e.to_string())
	}

	async fn is_validator(&self, who: [u8; 32]) -> Result<bool, String> {
		let authorities: Vec<AuraId> =
			self.client.runtime_api().authorities(self.best()).map_err(|e| e.to_string())?;
		Ok(authorities.contains(&sp_core::sr25519::Public::from_raw(who).into()))
	}
}

/// Binds the gateway's address (failing now, with a clear error, when it is taken) and
/// spawns it.
pub fn spawn(
	config: &GatewayConfig,
	client: Arc<FullClient>,
	task_manager: &sc_service::TaskManager,
) -> Result<(), sc_service::Error> {
	let store = loam_gateway::store::Store::from_url(&config.store)
		.map_err(|e| sc_service::Error::Other(format!("gateway store: {e}")))?;
	let listener = std::net::TcpListener::bind(config.listen)
		.and_then(|l| l.set_nonblocking(true).map(|()| l))
		.and_then(tokio::net::TcpListener::from_std)
		.map_err(|e| {
			sc_service::Error::Other(format!("the gateway cannot listen on {}: {e}", config.listen))
		})?;
	log::info!("📦 Data gateway on http://{} storing in {}", config.listen, config.store);
	let mut gateway = loam_gateway::Gateway::new(ClientChain { client }, store);
	if let Some(dir) = &config.web {
		log::info!("🌱 Web app on http://{}/ from {}", config.listen, dir.display());
		gateway = gateway.with_web(dir.clone());
	}
	task_manager.spawn_handle().spawn("loam-gateway", None, async move {
		if let Err(e) = loam_gateway::serve(listener, gateway).await {
			log::error!("the data gateway stopped: {e}");
		}
	});
	Ok(())
}
