//! A test runtime: System, Balances, Assets, Datasets, Market; native LOAM and one asset
//! joined by `UnionOf`, as in the Loam runtime. Lineages are written straight into
//! `pallet-datasets`' storage (the market only reads them), and attested cleaners into a
//! test map.

use crate as pallet_market;
use codec::Encode;
use frame_support::{
	derive_impl, parameter_types,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		AsEnsureOriginWithArg, ConstU128, ConstU32,
	},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use pallet_datasets::DatasetId;
use sp_runtime::{BuildStorage, Permill};

type Block = frame_system::mocking::MockBlock<Test>;
pub type Balance = u128;
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Datasets: pallet_datasets,
		Market: pallet_market,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

/// The deposit a first purchase holds from the buyer.
pub const GRANT_DEPOSIT: Balance = 3;
/// Native existential deposit.
pub const ED: Balance = 10;
/// The stablecoin's minimum balance.
pub const USD_MIN: Balance = 5;
/// The stablecoin's asset identifier.
pub const USD_ID: u32 = 1984;
/// The stablecoin as an asset kind.
pub const USD: NativeOrWithId<u32> = NativeOrWithId::WithId(USD_ID);
/// Native LOAM as an asset kind.
pub const NATIVE: NativeOrWithId<u32> = NativeOrWithId::Native;

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type ExistentialDeposit = ConstU128<ED>;
	type RuntimeHoldReason = RuntimeHoldReason;
}

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type Balance = Balance;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type Freezer = ();
	type Holder = ();
}

parameter_types! {
	pub const MaxRoyalty: Permill = Permill::from_percent(50);
	pub const MarketPalletId: PalletId = PalletId(*b"loam/mkt");
	pub const TreasuryFee: Permill = Permill::from_percent(2);
	pub const ScorersShare: Permill = Permill::from_percent(3);
	pub const CleanerShare: Permill = Permill::from_percent(5);
	pub const Treasury: AccountId = TREASURY;
}

impl pallet_datasets::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type DepositBase = ConstU128<100>;
	type DepositPerByte = ConstU128<1>;
	type MaxRoyalty = MaxRoyalty;
	type MaxLineageDepth = ConstU32<8>;
	type MaxChunks = ConstU32<1024>;
	type MaxSchemaBytes = ConstU32<4096>;
	type MaxNameBytes = ConstU32<64>;
	type MaxDescriptionBytes = ConstU32<512>;
	type MaxTags = ConstU32<8>;
	type MaxTagBytes = ConstU32<32>;
	type MaxLicenseBytes = ConstU32<128>;
	type MaxEndpointBytes = ConstU32<256>;
	type WeightInfo = ();
}

/// Attested cleaners, kept in the test externalities' storage.
pub struct TestCleaners;

fn cleaner_key(version: DatasetId) -> Vec<u8> {
	(b"test:cleaner", version).encode()
}

impl pallet_market::AttestedCleaners<AccountId> for TestCleaners {
	fn cleaner(version: DatasetId) -> Option<AccountId> {
		frame_support::storage::unhashed::get(&cleaner_key(version))
	}
}

/// Records `who` as the attested cleaner of `version`.
pub fn set_cleaner(version: DatasetId, who: AccountId) {
	frame_support::storage::unhashed::put(&cleaner_key(version), &who);
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_market::BenchmarkHelper<AccountId, NativeOrWithId<u32>> for TestCleaners {
	fn native() -> NativeOrWithId<u32> {
		NATIVE
	}
	fn set_cleaner(version: DatasetId, cleaner: AccountId) {
		set_cleaner(version, cleaner)
	}
}

impl pallet_market::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type AssetKind = NativeOrWithId<u32>;
	type Fungibles = UnionOf<Balances, Assets, NativeFromLeft, NativeOrWithId<u32>, AccountId>;
	type Cleaners = TestCleaners;
	type PalletId = MarketPalletId;
	type TreasuryAccount = Treasury;
	type TreasuryFee = TreasuryFee;
	type ScorersShare = ScorersShare;
	type CleanerShare = CleanerShare;
	type MaxPayoutDepth = ConstU32<4>;
	type MaxOffersPerDataset = ConstU32<3>;
	type MaxAllowList = ConstU32<4>;
	type OfferDepositBase = ConstU128<50>;
	type OfferDepositPerAccount = ConstU128<5>;
	type GrantDeposit = ConstU128<GRANT_DEPOSIT>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TestCleaners;
}

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CAROL: AccountId = 3;
pub const DAVE: AccountId = 4;
pub const EVE: AccountId = 5;
/// Funded with a little native and no stablecoin.
pub const POOR: AccountId = 6;
pub const TREASURY: AccountId = 100;
/// Accounts with funds in genesis (besides the pool and the treasury).
pub const FUNDED: [AccountId; 5] = [ALICE, BOB, CAROL, DAVE, EVE];
pub const START: Balance = 1_000_000;

pub fn scorers() -> AccountId {
	Market::scorers_pool()
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut balances: Vec<_> = FUNDED.iter().map(|a| (*a, START)).collect();
	balances.extend([(POOR, 200), (TREASURY, ED), (scorers(), ED)]);
	pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
		.assimilate_storage(&mut t)
		.unwrap();
	pallet_assets::GenesisConfig::<Test> {
		assets: vec![(USD_ID, ALICE, true, USD_MIN)],
		metadata: vec![(USD_ID, b"Dev USD".to_vec(), b"dUSD".to_vec(), 6)],
		accounts: FUNDED.iter().map(|a| (USD_ID, *a, START)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Writes a version owned by `owner` straight into the registry.
pub fn put_version(owner: AccountId, parent: Option<DatasetId>, royalty: Permill) -> DatasetId {
	Datasets::insert_unchecked(owner, parent, royalty)
}
