//! Pallet configuration of the Loam runtime.

use frame_support::PalletId;
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		AsEnsureOriginWithArg, ConstBool, ConstU128, ConstU32, ConstU64, ConstU8, VariantCountOf,
	},
	weights::{
		constants::{ParityDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		IdentityFee, Weight,
	},
};
use frame_system::{
	limits::{BlockLength, BlockWeights},
	EnsureRoot, EnsureSigned,
};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{
	traits::{AccountIdConversion, One},
	Perbill, Permill,
};
use sp_version::RuntimeVersion;

use super::{
	AccountId, Aura, Balance, Balances, Block, BlockNumber, Hash, Nonce, PalletInfo, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin, RuntimeTask,
	System, EXISTENTIAL_DEPOSIT, SLOT_DURATION, SS58_PREFIX, VERSION,
};

/// Share of a block's weight and length that normal (non-operational) extrinsics may use.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);
/// 5 MiB blocks: room for batches of Groth16 proofs.
const MAX_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;
/// Most validators an Aura or GRANDPA authority set can hold.
pub const MAX_AUTHORITIES: u32 = 32;

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;
	/// Two seconds of compute in a six-second block.
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::with_sensible_defaults(
		Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX),
		NORMAL_DISPATCH_RATIO,
	);
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(MAX_BLOCK_LENGTH)
		.modify_max_length_for_class(DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO * MAX_BLOCK_LENGTH
		})
		.build();
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	/// The node runs ParityDb, so storage is priced with ParityDb's weights.
	type DbWeight = ParityDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<MAX_AUTHORITIES>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<MAX_AUTHORITIES>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ();
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}

parameter_types! {
	pub FeeMultiplier: Multiplier = Multiplier::one();
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = IdentityFee<Balance>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Deposit for a dataset version's record: 1 LOAM.
	pub const DatasetDepositBase: Balance = crate::UNIT;
	/// Deposit per byte of schema and metadata: 0.01 LOAM.
	pub const DatasetDepositPerByte: Balance = crate::UNIT / 100;
	/// Highest royalty a version's owner may ask of downstream sales.
	pub const MaxRoyalty: Permill = Permill::from_percent(20);
}

impl pallet_datasets::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type DepositBase = DatasetDepositBase;
	type DepositPerByte = DatasetDepositPerByte;
	type MaxRoyalty = MaxRoyalty;
	type MaxLineageDepth = ConstU32<16>;
	/// 2^20 chunks: a billion rows.
	type MaxChunks = ConstU32<{ 1 << pallet_attestations::MAX_PATH_DEPTH }>;
	/// 32 columns with 64-byte names and their types.
	type MaxSchemaBytes = ConstU32<2304>;
	type MaxNameBytes = ConstU32<128>;
	type MaxDescriptionBytes = ConstU32<2048>;
	type MaxTags = ConstU32<16>;
	type MaxTagBytes = ConstU32<32>;
	type MaxLicenseBytes = ConstU32<256>;
	type MaxEndpointBytes = ConstU32<256>;
	type WeightInfo = pallet_datasets::weights::SubstrateWeight<Runtime>;
}

impl pallet_attestations::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type CircuitOrigin = frame_system::EnsureRoot<AccountId>;
	type MaxProofsPerCall = ConstU32<16>;
	/// 32 chunks: a dataset with 10 % bad chunks is caught with probability ≥ 96 %.
	type SampleSize = ConstU32<32>;
	type MaxSampleSize = ConstU32<64>;
	/// One minute between a sampled attestation's commitment and its seed block.
	type SampleDelay = ConstU32<{ crate::MINUTES }>;
	/// A fill-null step with the longest text value.
	type MaxStepBytes = ConstU32<4200>;
	type WeightInfo = pallet_attestations::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Creating an asset class: 10 LOAM.
	pub const AssetDeposit: Balance = 10 * crate::UNIT;
	/// An account of a non-sufficient asset: 0.01 LOAM.
	pub const AssetAccountDeposit: Balance = crate::UNIT / 100;
	pub const AssetMetadataDepositBase: Balance = crate::UNIT / 10;
	pub const AssetMetadataDepositPerByte: Balance = crate::UNIT / 100;
	pub const AssetApprovalDeposit: Balance = crate::UNIT / 100;
}

impl pallet_assets::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = u32;
	type AssetIdParameter = codec::Compact<u32>;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = AssetDeposit;
	type AssetAccountDeposit = AssetAccountDeposit;
	type MetadataDepositBase = AssetMetadataDepositBase;
	type MetadataDepositPerByte = AssetMetadataDepositPerByte;
	type ApprovalDeposit = AssetApprovalDeposit;
	type StringLimit = ConstU32<50>;
	type Freezer = ();
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = pallet_assets::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

/// What prices are paid in: native LOAM or an asset of `pallet-assets`.
pub type AssetKind = NativeOrWithId<u32>;

/// The identifier of the dev stablecoin the dev and local presets create.
pub const DEV_STABLECOIN: u32 = 1984;

/// Where the market's treasury fee goes.
pub const TREASURY_PALLET_ID: PalletId = PalletId(*b"py/trsry");

parameter_types! {
	pub const MarketPalletId: PalletId = PalletId(*b"loam/mkt");
	pub TreasuryAccount: AccountId = TREASURY_PALLET_ID.into_account_truncating();
	/// 1 % of every sale to the treasury.
	pub const MarketTreasuryFee: Permill = Permill::from_percent(1);
	/// 4 % of every sale to the scorers' pool.
	pub const MarketScorersShare: Permill = Permill::from_percent(4);
	/// 5 % of a sale to the cleaner of each attested step in the version's lineage.
	pub const MarketCleanerShare: Permill = Permill::from_percent(5);
	pub const OfferDepositBase: Balance = crate::UNIT / 10;
	pub const OfferDepositPerAccount: Balance = crate::UNIT / 100;
	/// Held from a buyer per version bought, released when the expired grant is pruned.
	pub const GrantDeposit: Balance = crate::UNIT / 100;
}

/// The market's view of `pallet-attestations`: who cleaned what.
pub struct AttestedCleaners;

impl pallet_market::AttestedCleaners<AccountId> for AttestedCleaners {
	fn cleaner(version: pallet_datasets::DatasetId) -> Option<AccountId> {
		pallet_attestations::Pallet::<Runtime>::attested_cleaner(version)
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_market::BenchmarkHelper<AccountId, AssetKind> for AttestedCleaners {
	fn native() -> AssetKind {
		NativeOrWithId::Native
	}
	fn set_cleaner(version: pallet_datasets::DatasetId, cleaner: AccountId) {
		pallet_attestations::Attestations::<Runtime>::insert(
			version,
			pallet_attestations::Attestation {
				cleaner,
				parent: 0,
				step: Default::default(),
				circuit: loam_data::CircuitId {
					step: loam_data::StepKind::Clamp,
					width: 8,
					clean_width: 8,
				},
				params_hash: [0; 32],
				mode: pallet_attestations::Mode::Full,
				sample: None,
				status: pallet_attestations::Status::Attested,
				started: 0,
			},
		);
	}
}

impl pallet_market::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AssetKind = AssetKind;
	type Fungibles = UnionOf<Balances, crate::Assets, NativeFromLeft, AssetKind, AccountId>;
	type Cleaners = AttestedCleaners;
	type PalletId = MarketPalletId;
	type TreasuryAccount = TreasuryAccount;
	type TreasuryFee = MarketTreasuryFee;
	type ScorersShare = MarketScorersShare;
	type CleanerShare = MarketCleanerShare;
	/// Eight steps up the lineage are paid: at most 2 + 2 × 8 shares a sale.
	type MaxPayoutDepth = ConstU32<8>;
	type MaxOffersPerDataset = ConstU32<16>;
	type MaxAllowList = ConstU32<64>;
	type OfferDepositBase = OfferDepositBase;
	type OfferDepositPerAccount = OfferDepositPerAccount;
	type GrantDeposit = GrantDeposit;
	type WeightInfo = pallet_market::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = AttestedCleaners;
}

/// The current validators: the Aura authorities.
pub struct AuraValidators;

impl frame_support::traits::Get<alloc::vec::Vec<AuraId>> for AuraValidators {
	fn get() -> alloc::vec::Vec<AuraId> {
		pallet_aura::Authorities::<Runtime>::get().into_inner()
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_scoring::BenchmarkHelper<AuraId> for AuraValidators {
	fn set_validators(validators: alloc::vec::Vec<AuraId>) {
		let bounded = frame_support::BoundedVec::truncate_from(validators);
		pallet_aura::Authorities::<Runtime>::put(bounded);
	}
}

/// A validator is paid to the account of its Aura key (both are sr25519 public keys).
pub struct AuraAccount;

impl sp_runtime::traits::Convert<AuraId, AccountId> for AuraAccount {
	fn convert(id: AuraId) -> AccountId {
		let raw: sp_core::sr25519::Public = id.into_inner();
		AccountId::from(raw.0)
	}
}

/// The scorers' pool: the market's account, filled by its share of every sale.
pub struct ScorersPool;

impl frame_support::traits::Get<AccountId> for ScorersPool {
	fn get() -> AccountId {
		pallet_market::Pallet::<Runtime>::scorers_pool()
	}
}

parameter_types! {
	/// Paid from the pool for each final score, shared by the agreeing validators.
	pub const ScoreReward: Balance = crate::UNIT / 10;
}

impl pallet_scoring::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AuthorityId = AuraId;
	type Validators = AuraValidators;
	type MaxValidators = ConstU32<MAX_AUTHORITIES>;
	type ScorerAccount = AuraAccount;
	type RewardPool = ScorersPool;
	type Reward = ScoreReward;
	type UnsignedPriority = ConstU64<{ 1 << 20 }>;
	type WeightInfo = pallet_scoring::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = AuraValidators;
}

impl<LocalCall> frame_system::offchain::CreateTransactionBase<LocalCall> for Runtime
where
	RuntimeCall: From<LocalCall>,
{
	type Extrinsic = super::UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<LocalCall> frame_system::offchain::CreateBare<LocalCall> for Runtime
where
	RuntimeCall: From<LocalCall>,
{
	fn create_bare(call: RuntimeCall) -> super::UncheckedExtrinsic {
		super::UncheckedExtrinsic::new_bare(call)
	}
}
