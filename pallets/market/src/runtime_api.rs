//! The runtime API through which the gateway, the CLI and the web app read the market.

// `decl_runtime_apis!` restates the generic bounds where arguments use them.
#![allow(clippy::multiple_bound_locations)]

use crate::types::{DatasetId, Expiry, OfferIndex, Quote};
use alloc::vec::Vec;
use codec::Codec;

/// Most grants [`MarketApi::grants`] returns.
pub const MAX_GRANTS_LISTED: u32 = 1024;

sp_api::decl_runtime_apis! {
	/// Reads offers and grants.
	pub trait MarketApi<AccountId: Codec, AssetKind: Codec, Balance: Codec, BlockNumber: Codec, OfferRecord: Codec> {
		/// Whether `who` may fetch `version`'s data now (owner, or an unexpired grant).
		fn has_access(who: AccountId, version: DatasetId) -> bool;
		/// `who`'s grants, expired ones included (at most [`MAX_GRANTS_LISTED`]).
		fn grants(who: AccountId) -> Vec<(DatasetId, Expiry<BlockNumber>)>;
		/// The open offers on `version`.
		fn offers(version: DatasetId) -> Vec<(OfferIndex, OfferRecord)>;
		/// How a purchase through `offer` would be paid now: the shares by role and the
		/// transfers.
		fn quote(version: DatasetId, offer: OfferIndex) -> Option<Quote<AccountId, AssetKind, Balance>>;
	}
}
