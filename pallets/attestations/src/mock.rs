//! A test runtime: System, Balances, Datasets, Attestations; and real proofs at a small
//! chunk capacity (the same circuits, so setup and proving take a moment).

use crate as pallet_attestations;
use codec::Encode;
use frame_support::{derive_impl, parameter_types, traits::ConstU32, BoundedVec};
use frame_system::EnsureRoot;
use loam_circuits::{
	circuit::{Shape, StepCircuit},
	insecure_dev_setup, keys, native, prover, Keys,
};
use loam_data::{
	commitment::{commit_cells, dataset_root, merkle_root},
	field, Chunk, Column, ColumnData, ColumnType, Fr, MerklePath, Schema, Step,
};
use pallet_datasets::{Commitment, DatasetId, Metadata};
use sp_runtime::{BuildStorage, Permill};

type Block = frame_system::mocking::MockBlock<Test>;
pub type Balance = u128;
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Datasets: pallet_datasets,
		Attestations: pallet_attestations,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type ExistentialDeposit = frame_support::traits::ConstU128<1>;
	type RuntimeHoldReason = RuntimeHoldReason;
}

parameter_types! {
	pub const MaxRoyalty: Permill = Permill::from_percent(50);
}

impl pallet_datasets::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type DepositBase = frame_support::traits::ConstU128<100>;
	type DepositPerByte = frame_support::traits::ConstU128<1>;
	type MaxRoyalty = MaxRoyalty;
	type MaxLineageDepth = ConstU32<4>;
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

impl pallet_attestations::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type CircuitOrigin = EnsureRoot<AccountId>;
	type MaxProofsPerCall = ConstU32<4>;
	type SampleSize = ConstU32<2>;
	type MaxSampleSize = ConstU32<8>;
	type SampleDelay = frame_support::traits::ConstU64<3>;
	type MaxStepBytes = ConstU32<256>;
	type WeightInfo = ();
}

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, 1_000_000), (BOB, 1_000_000)],
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Rows per chunk in these tests.
pub const CAPACITY: usize = 6;

pub fn schema() -> Schema {
	Schema::new(vec![
		Column::new("x", ColumnType::Int64, true),
		Column::new("y", ColumnType::Int64, true),
	])
	.unwrap()
}

/// Three raw chunks with nulls and outliers.
pub fn raw_chunks() -> Vec<Chunk> {
	(0..3i64)
		.map(|c| Chunk {
			columns: vec![
				ColumnData::Int64(vec![Some(c), Some(-500), None, Some(9_000 + c), Some(4)]),
				ColumnData::Int64(vec![None, Some(c * 10), Some(3), Some(7), Some(-1)]),
			],
		})
		.collect()
}

/// The clamp step the tests prove.
pub fn step() -> Step {
	Step::Clamp { column: 0, lo: -10, hi: 100 }
}

pub fn shape(step: &Step) -> Shape {
	let (id, _) = step.circuit(&schema()).unwrap();
	Shape {
		kind: id.step,
		capacity: CAPACITY,
		width: id.width as usize,
		clean_width: id.clean_width as usize,
	}
}

pub fn keys_for(step: &Step) -> &'static Keys {
	use std::sync::OnceLock;
	static CLAMP: OnceLock<Keys> = OnceLock::new();
	static DEDUP: OnceLock<Keys> = OnceLock::new();
	let cell = if matches!(step, Step::Dedup) { &DEDUP } else { &CLAMP };
	cell.get_or_init(|| insecure_dev_setup(shape(step), b"pallet tests").unwrap())
}

pub fn vk_bytes(step: &Step) -> BoundedVec<u8, ConstU32<{ crate::MAX_KEY_BYTES }>> {
	keys::verifying_key_bytes(&keys_for(step).vk).try_into().unwrap()
}

/// A table as the chain sees it: chunk commitments and the registration.
pub struct Table {
	pub schema: Schema,
	pub leaves: Vec<Fr>,
	pub commitment: Commitment,
}

pub fn table(schema: Schema, chunks: &[Chunk]) -> Table {
	let leaves: Vec<Fr> =
		chunks.iter().map(|c| commit_cells(&c.cells(&schema), CAPACITY)).collect();
	let m = merkle_root(&leaves);
	let rows: u64 = chunks.iter().map(|c| c.rows() as u64).sum();
	let h = schema.hash();
	let commitment = Commitment {
		root: field::to_bytes(&dataset_root(m, leaves.len() as u32, rows, h)),
		merkle_root: field::to_bytes(&m),
		schema_hash: field::to_bytes(&h),
		rows,
		chunks: leaves.len() as u32,
		bytes: 1000,
	};
	Table { schema, leaves, commitment }
}

pub fn metadata() -> Metadata<Test> {
	Metadata {
		name: b"t".to_vec().try_into().unwrap(),
		description: Default::default(),
		tags: Default::default(),
		license: b"MIT".to_vec().try_into().unwrap(),
		endpoint: b"http://127.0.0.1:1".to_vec().try_into().unwrap(),
	}
}

pub fn register(who: AccountId, parent: Option<DatasetId>, t: &Table) -> DatasetId {
	pallet_datasets::Pallet::<Test>::do_register(
		who,
		parent,
		t.commitment,
		t.schema.encode().try_into().unwrap(),
		metadata(),
		Permill::zero(),
	)
	.unwrap()
}

/// The parent, its clean child under `step`, and the proofs of every chunk.
#[allow(dead_code)]
pub struct Fixture {
	pub parent: DatasetId,
	pub child: DatasetId,
	pub raw: Table,
	pub clean: Table,
	pub proofs: Vec<crate::ChunkProof>,
}

pub fn fixture(step: &Step) -> Fixture {
	let raw_chunks = raw_chunks();
	let raw = table(schema(), &raw_chunks);
	let clean_schema = step.validate(&schema()).unwrap();
	let clean_chunks: Vec<Chunk> =
		raw_chunks.iter().map(|c| native::apply(step, &schema(), c).unwrap()).collect();
	let clean = table(clean_schema, &clean_chunks);
	let keys = keys_for(step);
	let proofs = raw_chunks
		.iter()
		.enumerate()
		.map(|(i, c)| {
			let circuit = StepCircuit::new(keys.shape, step, c.cells(&schema()));
			let public = circuit.public;
			assert_eq!(public.raw, raw.leaves[i]);
			assert_eq!(public.clean, clean.leaves[i]);
			let proof = prover::prove_circuit(keys, circuit).unwrap();
			proof_for(&raw, &clean, i, loam_proof::proof_bytes_uncompressed(&proof).to_vec())
		})
		.collect();
	let parent = register(ALICE, None, &raw);
	let child = register(BOB, Some(parent), &clean);
	Fixture { parent, child, raw, clean, proofs }
}

pub fn path(leaves: &[Fr], i: usize) -> crate::Path {
	MerklePath::new(leaves, i).unwrap().siblings.try_into().unwrap()
}

pub fn proof_for(raw: &Table, clean: &Table, i: usize, proof: Vec<u8>) -> crate::ChunkProof {
	crate::ChunkProof {
		raw: field::to_bytes(&raw.leaves[i]),
		raw_path: path(&raw.leaves, i),
		clean: field::to_bytes(&clean.leaves[i]),
		clean_path: path(&clean.leaves, i),
		proof: proof.try_into().unwrap(),
	}
}
