//! # loam-runtime
//!
//! The state machine every Loam validator executes. It is the on-chain half of the loop
//! (register → clean → score → buy → fetch): this crate composes the FRAME pallets,
//! fixes the chain's types and constants (token LOAM with 12 decimals, SS58 prefix
//! [`SS58_PREFIX`]), exposes the runtime APIs that the node, wallets and subxt clients call,
//! and ships the genesis presets `development` and `local_testnet`.
//!
//! The foundation carries System, Timestamp, Aura, Grandpa, Balances, TransactionPayment
//! and Sudo. Transactions carry `CheckMetadataHash`; built with the `metadata-hash` feature
//! the runtime knows its own metadata hash, so offline signers (Ledger) can sign.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime`-style macros expand to large types.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

use alloc::vec::Vec;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis;
#[cfg(test)]
mod tests;

use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Opaque types, for the node: it handles blocks without knowing the extrinsic format.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as sp_runtime::traits::Hash>::Output;
}

impl_opaque_keys! {
	/// The keys a validator registers: Aura for block production, GRANDPA for finality.
	pub struct SessionKeys {
		pub aura: Aura,
		pub grandpa: Grandpa,
	}
}

#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("loam"),
	impl_name: alloc::borrow::Cow::Borrowed("loam-node"),
	authoring_version: 1,
	spec_version: 100,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// Target block time. Aura slots have this length; it cannot change after genesis.
pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
/// Aura slot duration, equal to the block time.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;
/// Blocks per minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

/// Token symbol of the native currency.
pub const TOKEN_SYMBOL: &str = "LOAM";
/// Decimals of the native currency: 1 LOAM = 10^12 planck.
pub const TOKEN_DECIMALS: u8 = 12;
/// One LOAM in the smallest unit.
pub const UNIT: Balance = 1_000_000_000_000;
/// A thousandth of a LOAM.
pub const MILLI_UNIT: Balance = 1_000_000_000;
/// A millionth of a LOAM.
pub const MICRO_UNIT: Balance = 1_000_000;
/// Minimum balance that keeps an account alive.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;
/// SS58 address prefix of Loam: 5626 spells "LOAM" on a phone keypad. It is not claimed
/// in the SS58 registry; addresses start with a distinct prefix so they are not confused
/// with generic Substrate (42) addresses.
pub const SS58_PREFIX: u16 = 5626;

/// Signature of a transaction.
pub type Signature = MultiSignature;
/// An account on chain: the public key of the signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Balance of an account.
pub type Balance = u128;
/// Transaction index of an account.
pub type Nonce = u32;
/// Hash type of blocks and state.
pub type Hash = sp_core::H256;
/// Block number.
pub type BlockNumber = u32;
/// Address format of extrinsics.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A block with a justification.
pub type SignedBlock = generic::SignedBlock<Block>;

/// The transaction extensions, in the order signers must encode them.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
);

/// Unchecked extrinsic.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload that is signed.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Runtime migrations beyond the pallets' own.
type Migrations = ();

/// Dispatches extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;

	#[runtime::pallet_index(7)]
	pub type Assets = pallet_assets;

	#[runtime::pallet_index(10)]
	pub type Datasets = pallet_datasets;

	#[runtime::pallet_index(11)]
	pub type Attestations = pallet_attestations;

	#[runtime::pallet_index(12)]
	pub type Market = pallet_market;

	#[runtime::pallet_index(13)]
	pub type Scoring = pallet_scoring;
}
