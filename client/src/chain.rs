//! The node: connecting, submitting typed extrinsics and reading the chain through the
//! runtime APIs and storage, with every failure turned into an [`Error`] a person can act
//! on.

use crate::{
	error::{dispatch, from_subxt, Error},
	keys::Signer,
	progress::Progress,
	runtime::{self, runtime_types},
};
use std::time::Duration;
use subxt::{
	config::RpcConfigFor,
	rpcs::{methods::legacy::LegacyRpcMethods, RpcClient},
	tx::Payload,
	OnlineClient, PolkadotConfig,
};

/// The subxt client type.
pub type Api = OnlineClient<PolkadotConfig>;
/// Events of one included extrinsic.
pub type Events = subxt::extrinsics::ExtrinsicEvents<PolkadotConfig>;
/// A version as the runtime API returns it.
pub type Details =
	runtime_types::pallet_datasets::types::DatasetDetails<subxt::utils::AccountId32, u128, u32>;
/// An offer as the market stores it.
pub type Offer = runtime_types::pallet_market::types::Offer<
	subxt::utils::AccountId32,
	runtime_types::frame_support::traits::tokens::fungible::union_of::NativeOrWithId<u32>,
	u128,
	u128,
	u32,
>;
/// A final score.
pub type FinalScore = runtime_types::pallet_scoring::types::FinalScore<u32>;

/// How long connecting may take before the node counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);

/// A connection to a node.
#[derive(Clone)]
pub struct Chain {
	api: Api,
	rpc: LegacyRpcMethods<RpcConfigFor<PolkadotConfig>>,
	url: String,
}

impl Chain {
	/// Connects to the node's WebSocket RPC at `url`.
	pub async fn connect(url: &str) -> Result<Self, Error> {
		let unreachable = |why: String| {
			Error::Unreachable(format!(
				"cannot reach the node at {url}: {why}\n  is it running? start one with \
				 scripts/dev.sh, or point --url (LOAM_URL) at one"
			))
		};
		let connect = async {
			let client =
				RpcClient::from_insecure_url(url).await.map_err(|e| unreachable(e.to_string()))?;
			let api = Api::from_rpc_client(client.clone())
				.await
				.map_err(|e| unreachable(e.to_string()))?;
			Ok::<_, Error>((api, LegacyRpcMethods::new(client)))
		};
		let (api, rpc) = tokio::time::timeout(CONNECT_TIMEOUT, connect)
			.await
			.map_err(|_| unreachable(format!("no answer in {} s", CONNECT_TIMEOUT.as_secs())))??;
		Ok(Self { api, rpc, url: url.to_string() })
	}

	/// The subxt client.
	pub fn api(&self) -> &Api {
		&self.api
	}

	/// The legacy RPC methods (chain name, heads, health).
	pub fn rpc(&self) -> &LegacyRpcMethods<RpcConfigFor<PolkadotConfig>> {
		&self.rpc
	}

	/// The node's URL.
	pub fn url(&self) -> &str {
		&self.url
	}

	fn err(&self, e: impl std::error::Error + 'static) -> Error {
		from_subxt(&e, &self.url)
	}

	/// The client at the latest finalized block.
	pub async fn at(
		&self,
	) -> Result<
		subxt::client::ClientAtBlock<
			PolkadotConfig,
			subxt::client::OnlineClientAtBlockImpl<PolkadotConfig>,
		>,
		Error,
	> {
		self.api.at_current_block().await.map_err(|e| self.err(e))
	}

	/// Estimates the fee `signer` would pay for `tx`.
	pub async fn fee<P: Payload>(&self, tx: &P, signer: &Signer) -> Result<u128, Error> {
		let at = self.at().await?;
		let signed = at
			.transactions()
			.create_signed(tx, signer.keypair(), Default::default())
			.await
			.map_err(|e| self.err(e))?;
		signed.partial_fee_estimate().await.map_err(|e| self.err(e))
	}

	/// Signs and submits `tx`, waits until it is finalized, and returns its events; a
	/// dispatch error becomes [`Error::Chain`] with the pallet's own words.
	pub async fn submit<P: Payload>(
		&self,
		tx: &P,
		signer: &Signer,
		what: &str,
		progress: &Progress,
	) -> Result<Events, Error> {
		let spinner = progress.spinner(format!("{what}: signing and submitting"));
		let at = self.at().await?;
		let watch = at
			.transactions()
			.sign_and_submit_then_watch_default(tx, signer.keypair())
			.await
			.map_err(|e| self.err(e))?;
		spinner.set_message(format!("{what}: waiting for finality"));
		let in_block = watch.wait_for_finalized().await.map_err(|e| self.err(e))?;
		let events = in_block.wait_for_success().await.map_err(|e| match &e {
			subxt::error::TransactionEventsError::ExtrinsicFailed(d) => dispatch(d),
			_ => self.err(e),
		})?;
		spinner.finish_and_clear();
		Ok(events)
	}

	/// Calls a runtime API at the latest finalized block.
	pub async fn call<P: subxt::runtime_apis::Payload>(
		&self,
		payload: P,
	) -> Result<P::ReturnType, Error> {
		let at = self.at().await?;
		at.runtime_apis().call(payload).await.map_err(|e| self.err(e))
	}

	/// A version, with schema and metadata.
	pub async fn dataset(&self, id: u64) -> Result<Option<Details>, Error> {
		self.call(runtime::runtime_apis().datasets_api().dataset(id)).await
	}

	/// A version that must exist.
	pub async fn expect_dataset(&self, id: u64) -> Result<Details, Error> {
		self.dataset(id)
			.await?
			.ok_or_else(|| Error::Input(format!("version {id} is not registered on this chain")))
	}

	/// A version's ancestors, nearest first.
	pub async fn ancestors(&self, id: u64) -> Result<Vec<u64>, Error> {
		self.call(runtime::runtime_apis().datasets_api().ancestors(id)).await
	}

	/// A version's children (at most 256).
	pub async fn children(&self, id: u64) -> Result<Vec<u64>, Error> {
		self.call(runtime::runtime_apis().datasets_api().children(id, 256)).await
	}

	/// Every registered version's identifier, in order.
	pub async fn dataset_ids(&self) -> Result<Vec<u64>, Error> {
		let at = self.at().await?;
		let next: u64 = at
			.storage()
			.fetch(runtime::storage().datasets().next_dataset_id(), ())
			.await
			.map_err(|e| self.err(e))?
			.decode()
			.map_err(|e| self.err(e))?;
		Ok((0..next).collect())
	}

	/// The final score of a version.
	pub async fn score(&self, id: u64) -> Result<Option<FinalScore>, Error> {
		self.call(runtime::runtime_apis().scoring_api().score(id)).await
	}

	/// The validators recorded as dissenting on a version's score.
	pub async fn dissenters(&self, id: u64) -> Result<Vec<[u8; 32]>, Error> {
		let keys = self.call(runtime::runtime_apis().scoring_api().dissenters(id)).await?;
		Ok(keys.into_iter().map(|k| k.0).collect())
	}

	/// The open offers on a version.
	pub async fn offers(&self, id: u64) -> Result<Vec<(u32, Offer)>, Error> {
		self.call(runtime::runtime_apis().market_api().offers(id)).await
	}

	/// Whether `who` may fetch a version now.
	pub async fn has_access(&self, who: [u8; 32], id: u64) -> Result<bool, Error> {
		self.call(runtime::runtime_apis().market_api().has_access(who.into(), id)).await
	}

	/// The attestation of a child version, if one was begun.
	pub async fn attestation(
		&self,
		child: u64,
	) -> Result<
		Option<
			runtime_types::pallet_attestations::types::Attestation<subxt::utils::AccountId32, u32>,
		>,
		Error,
	> {
		let at = self.at().await?;
		at.storage()
			.try_fetch(runtime::storage().attestations().attestations(), (child,))
			.await
			.map_err(|e| self.err(e))?
			.map(|v| v.decode().map_err(|e| self.err(e)))
			.transpose()
	}

	/// Free native balance of an account.
	pub async fn free_balance(&self, who: [u8; 32]) -> Result<u128, Error> {
		let at = self.at().await?;
		let account = at
			.storage()
			.try_fetch(runtime::storage().system().account(), (subxt::utils::AccountId32(who),))
			.await
			.map_err(|e| self.err(e))?;
		Ok(match account {
			Some(v) => v.decode().map_err(|e| self.err(e))?.data.free,
			None => 0,
		})
	}

	/// Balance of a pallet-assets asset.
	pub async fn asset_balance(&self, asset: u32, who: [u8; 32]) -> Result<u128, Error> {
		let at = self.at().await?;
		let account = at
			.storage()
			.try_fetch(
				runtime::storage().assets().account(),
				(asset, subxt::utils::AccountId32(who)),
			)
			.await
			.map_err(|e| self.err(e))?;
		Ok(match account {
			Some(v) => v.decode().map_err(|e| self.err(e))?.balance,
			None => 0,
		})
	}

	/// An asset's symbol and decimals.
	pub async fn asset_metadata(&self, asset: u32) -> Result<(String, u8), Error> {
		let at = self.at().await?;
		let meta = at
			.storage()
			.try_fetch(runtime::storage().assets().metadata(), (asset,))
			.await
			.map_err(|e| self.err(e))?;
		match meta {
			Some(v) => {
				let m = v.decode().map_err(|e| self.err(e))?;
				Ok((String::from_utf8_lossy(&m.symbol.0).into_owned(), m.decimals))
			}
			None => Ok((format!("asset {asset}"), 0)),
		}
	}

	/// The current validators' (Aura) keys.
	pub async fn validators(&self) -> Result<Vec<[u8; 32]>, Error> {
		let at = self.at().await?;
		let keys = at
			.storage()
			.fetch(runtime::storage().aura().authorities(), ())
			.await
			.map_err(|e| self.err(e))?
			.decode()
			.map_err(|e| self.err(e))?;
		Ok(keys.0.into_iter().map(|k| k.0).collect())
	}

	/// The finalized block's number.
	pub async fn finalized_number(&self) -> Result<u64, Error> {
		Ok(self.at().await?.block_number())
	}

	/// Waits until the finalized chain reaches block `number`.
	pub async fn wait_for_block(&self, number: u64, progress: &Progress) -> Result<(), Error> {
		let now = self.finalized_number().await?;
		if now >= number {
			return Ok(());
		}
		let bar = progress.bar(number - now, "waiting for blocks");
		loop {
			let current = self.finalized_number().await?;
			bar.set_position(current.saturating_sub(now).min(number - now));
			if current >= number {
				bar.finish_and_clear();
				return Ok(());
			}
			tokio::time::sleep(Duration::from_secs(2)).await;
		}
	}
}

/// The first event of type `E` among `events`.
pub fn event<E: subxt::events::DecodeAsEvent>(events: &Events, what: &str) -> Result<E, Error> {
	events
		.find_first::<E>()
		.ok_or_else(|| Error::Other(format!("the chain sent no {what} event")))?
		.map_err(|e| Error::Other(format!("the {what} event does not decode: {e}")))
}
