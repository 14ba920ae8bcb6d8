//! The runtime API through which clients, the gateway and the web app read the registry.

use crate::types::{DatasetDetails, DatasetId};
use alloc::vec::Vec;
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// Reads the dataset registry.
	pub trait DatasetsApi<AccountId: Codec, Balance: Codec, BlockNumber: Codec> {
		/// A version with its schema and metadata.
		fn dataset(id: DatasetId) -> Option<DatasetDetails<AccountId, Balance, BlockNumber>>;
		/// Its ancestors, nearest first (bounded by the lineage depth).
		fn ancestors(id: DatasetId) -> Vec<DatasetId>;
		/// Its children, at most `max` (capped by the runtime).
		fn children(id: DatasetId, max: u32) -> Vec<DatasetId>;
	}
}
