//! A test runtime: System, Balances, Datasets, Scoring; validators are `UintAuthorityId`s
//! kept in storage (four by default), paid to the account of the same number; the pool is
//! account 99.

use crate as pallet_scoring;
use frame_support::{derive_impl, parameter_types, traits::ConstU128, traits::ConstU32};
use pallet_datasets::DatasetId;
use sp_runtime::{
	testing::{TestXt, UintAuthorityId},
	traits::Convert,
	BuildStorage, Permill,
};

type Block = frame_system::mocking::MockBlock<Test>;
pub type Balance = u128;
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Datasets: pallet_datasets,
		Scoring: pallet_scoring,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

pub const ED: Balance = 10;
pub const POOL: AccountId = 99;
pub const REWARD: Balance = 1_000;

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type ExistentialDeposit = ConstU128<ED>;
	type RuntimeHoldReason = RuntimeHoldReason;
}

parameter_types! {
	pub const MaxRoyalty: Permill = Permill::from_percent(50);
	pub const Pool: AccountId = POOL;
	pub storage Validators: Vec<UintAuthorityId> = (1..=4).map(UintAuthorityId).collect();
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

/// A validator is paid to the account of its number.
pub struct ToAccount;
impl Convert<UintAuthorityId, AccountId> for ToAccount {
	fn convert(id: UintAuthorityId) -> AccountId {
		id.0
	}
}

impl pallet_scoring::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type AuthorityId = UintAuthorityId;
	type Validators = Validators;
	type MaxValidators = ConstU32<8>;
	type ScorerAccount = ToAccount;
	type RewardPool = Pool;
	type Reward = ConstU128<REWARD>;
	type UnsignedPriority = ConstU64<{ 1 << 20 }>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Validators;
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_scoring::BenchmarkHelper<UintAuthorityId> for Validators {
	fn set_validators(validators: Vec<UintAuthorityId>) {
		UintAuthorityId::set_all_keys(validators.clone());
		Validators::set(&validators);
	}
}

use frame_support::traits::ConstU64;

pub type Extrinsic = TestXt<RuntimeCall, ()>;

impl frame_system::offchain::CreateTransactionBase<pallet_scoring::Call<Test>> for Test {
	type Extrinsic = Extrinsic;
	type RuntimeCall = RuntimeCall;
}

impl frame_system::offchain::CreateBare<pallet_scoring::Call<Test>> for Test {
	fn create_bare(call: RuntimeCall) -> Extrinsic {
		Extrinsic::new_bare(call)
	}
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(POOL, 100_000), (1, ED), (2, ED), (3, ED), (4, ED)],
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// A version written straight into the registry.
pub fn put_version() -> DatasetId {
	Datasets::insert_unchecked(1000, None, Permill::zero())
}
