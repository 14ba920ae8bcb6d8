//! What the market stores, takes and reports.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::Get, BoundedVec};
pub use pallet_datasets::DatasetId;
use scale_info::TypeInfo;

/// An offer's number among its version's offers. Numbers are never reused: a number below
/// the version's next number whose offer is gone names a closed offer.
pub type OfferIndex = u32;

/// What an offer sells: access for a number of blocks, or for good.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum Access<BlockNumber> {
	/// Access for this many blocks from the purchase (or from the end of the access the
	/// buyer already has).
	Blocks(BlockNumber),
	/// Access that never expires.
	Forever,
}

/// Until when a grant gives access.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum Expiry<BlockNumber> {
	/// Access while the chain is below this block.
	Until(BlockNumber),
	/// Access for good.
	Forever,
}

impl<B: PartialOrd> Expiry<B> {
	/// Whether the grant still gives access at block `now`.
	pub fn active_at(&self, now: &B) -> bool {
		match self {
			Expiry::Until(b) => now < b,
			Expiry::Forever => true,
		}
	}
}

/// A buyer's access to a version.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, Debug, TypeInfo, MaxEncodedLen)]
pub struct Grant<BlockNumber, Deposit> {
	/// Until when.
	pub expiry: Expiry<BlockNumber>,
	/// The deposit held from the buyer for this record.
	pub deposit: Deposit,
}

/// An offer on a dataset version.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug, TypeInfo, MaxEncodedLen)]
#[scale_info(skip_type_params(MaxAllow))]
#[codec(mel_bound(
	AccountId: MaxEncodedLen,
	AssetKind: MaxEncodedLen,
	Price: MaxEncodedLen,
	Deposit: MaxEncodedLen,
	BlockNumber: MaxEncodedLen
))]
pub struct Offer<AccountId, AssetKind, Price, Deposit, BlockNumber, MaxAllow: Get<u32>> {
	/// What the price is paid in (native LOAM or an asset). Fixed at creation.
	pub asset: AssetKind,
	/// The price of one purchase.
	pub price: Price,
	/// What one purchase buys. Fixed at creation, so a buyer's `max_price` protects all
	/// that can change under them.
	pub access: Access<BlockNumber>,
	/// Who may buy; `None` for anyone.
	pub allow_list: Option<BoundedVec<AccountId, MaxAllow>>,
	/// Most purchases; `None` for no limit.
	pub cap: Option<u32>,
	/// Purchases so far.
	pub sold: u32,
	/// A paused offer cannot be bought until it is resumed.
	pub paused: bool,
	/// Who holds the offer's storage deposit.
	pub depositor: AccountId,
	/// The deposit held (native).
	pub deposit: Deposit,
	/// Block of creation.
	pub created: BlockNumber,
}

/// Whom a share of a sale pays.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum Role {
	/// The treasury's fee.
	Treasury,
	/// The scorers' pool.
	Scorers,
	/// The cleaner of the attested step that produced `version` from its parent.
	Cleaner {
		/// The version the step produced.
		version: DatasetId,
	},
	/// The royalty of an upstream version's owner.
	Royalty {
		/// The upstream version.
		version: DatasetId,
	},
	/// The owner of the version sold: the remainder.
	Owner,
}

/// One share of a sale.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug, TypeInfo)]
pub struct Share<AccountId, Balance> {
	/// Who is paid.
	pub who: AccountId,
	/// How much.
	pub amount: Balance,
	/// Why.
	pub role: Role,
}

/// How a purchase would be paid, as the runtime API quotes it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug, TypeInfo)]
pub struct Quote<AccountId, AssetKind, Balance> {
	/// What the price is paid in.
	pub asset: AssetKind,
	/// The price.
	pub price: Balance,
	/// The shares by role, before shares that cannot be deposited fold into the owner's.
	pub shares: Vec<Share<AccountId, Balance>>,
	/// The transfers the purchase makes, one per account.
	pub payouts: Vec<(AccountId, Balance)>,
}
