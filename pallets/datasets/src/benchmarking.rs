//! FRAME benchmarks of every call of the registry, at their worst cases: the widest
//! schema (Poseidon hashes every column name), the longest metadata.

use super::*;
use crate::pallet::{Datasets as DatasetsStorage, Pallet as Datasets};
use alloc::vec;
use codec::Encode;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use loam_data::{commitment::dataset_root, field, Column, ColumnType, Fr, Schema};
use sp_runtime::{traits::Bounded, Permill};

/// Bytes one benchmark column takes in a schema's encoding (64-byte name).
const COLUMN_BYTES: u32 = 69;

fn schema(columns: u32) -> Schema {
	let cols = (0..columns.clamp(1, loam_data::MAX_COLUMNS as u32))
		.map(|i| {
			let mut name = [b'c'; 64];
			name[0] = b'a' + (i % 26) as u8;
			name[1] = b'a' + (i / 26) as u8;
			Column { name: name.to_vec(), ty: ColumnType::Decimal { scale: 2 }, nullable: true }
		})
		.collect();
	Schema::new(cols).expect("valid benchmark schema")
}

fn commitment(schema: &Schema, seed: u64) -> Commitment {
	let m = Fr::from(seed);
	let h = schema.hash();
	Commitment {
		root: field::to_bytes(&dataset_root(m, 4, 4096, h)),
		merkle_root: field::to_bytes(&m),
		schema_hash: field::to_bytes(&h),
		rows: 4096,
		chunks: 4,
		bytes: 1 << 20,
	}
}

fn filled<S: Get<u32>>(byte: u8) -> BoundedVec<u8, S> {
	vec![byte; S::get() as usize].try_into().expect("exactly the bound")
}

fn metadata<T: Config>() -> Metadata<T> {
	let mut endpoint = b"https://".to_vec();
	endpoint.resize(T::MaxEndpointBytes::get() as usize, b'e');
	Metadata {
		name: filled::<T::MaxNameBytes>(b'n'),
		description: filled::<T::MaxDescriptionBytes>(b'd'),
		tags: vec![filled::<T::MaxTagBytes>(b't'); T::MaxTags::get() as usize]
			.try_into()
			.expect("exactly the bound"),
		license: b"Apache-2.0 OR MIT".to_vec().try_into().expect("short"),
		endpoint: endpoint.try_into().expect("exactly the bound"),
	}
}

fn funded<T: Config>(name: &'static str) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 4u32.into());
	who
}

fn registered<T: Config>(who: &T::AccountId, parent: Option<DatasetId>, seed: u64) -> DatasetId {
	let s = schema(loam_data::MAX_COLUMNS as u32);
	Datasets::<T>::do_register(
		who.clone(),
		parent,
		commitment(&s, seed),
		s.encode().try_into().expect("fits MaxSchemaBytes"),
		metadata::<T>(),
		Permill::zero(),
	)
	.expect("benchmark registration")
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register(s: Linear<COLUMN_BYTES, { COLUMN_BYTES * loam_data::MAX_COLUMNS as u32 }>) {
		let caller = funded::<T>("owner");
		let sc = schema(s / COLUMN_BYTES);
		let bytes: SchemaBytes<T> = sc.encode().try_into().expect("fits MaxSchemaBytes");
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), commitment(&sc, 1), bytes, metadata::<T>(), Permill::zero());
		assert!(DatasetsStorage::<T>::contains_key(0));
	}

	#[benchmark]
	fn register_version(s: Linear<COLUMN_BYTES, { COLUMN_BYTES * loam_data::MAX_COLUMNS as u32 }>) {
		let caller = funded::<T>("owner");
		let parent = registered::<T>(&caller, None, 1);
		let sc = schema(s / COLUMN_BYTES);
		let bytes: SchemaBytes<T> = sc.encode().try_into().expect("fits MaxSchemaBytes");
		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller),
			parent,
			commitment(&sc, 2),
			bytes,
			metadata::<T>(),
			Permill::zero(),
		);
		assert_eq!(DatasetsStorage::<T>::get(1).and_then(|d| d.parent), Some(parent));
	}

	#[benchmark]
	fn transfer_ownership() {
		let caller = funded::<T>("owner");
		let id = registered::<T>(&caller, None, 1);
		let to: T::AccountId = account("buyer", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, to.clone());
		assert_eq!(DatasetsStorage::<T>::get(id).map(|d| d.owner), Some(to));
	}

	#[benchmark]
	fn update_metadata() {
		// Worst case: the deposit moves from a former owner to the new one.
		let first = funded::<T>("first");
		let id = registered::<T>(&first, None, 1);
		let caller = funded::<T>("owner");
		Datasets::<T>::do_transfer_ownership(first, id, caller.clone()).expect("owner");
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), id, metadata::<T>());
		assert_eq!(DatasetsStorage::<T>::get(id).map(|d| d.depositor), Some(caller));
	}

	#[benchmark]
	fn set_endpoint() {
		let first = funded::<T>("first");
		let id = registered::<T>(&first, None, 1);
		let caller = funded::<T>("owner");
		Datasets::<T>::do_transfer_ownership(first, id, caller.clone()).expect("owner");
		let endpoint = metadata::<T>().endpoint;
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), id, endpoint);
		assert_eq!(DatasetsStorage::<T>::get(id).map(|d| d.depositor), Some(caller));
	}

	#[benchmark]
	fn deprecate() {
		let caller = funded::<T>("owner");
		let id = registered::<T>(&caller, None, 1);
		let by = registered::<T>(&caller, None, 2);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, Some(by));
		assert_eq!(
			DatasetsStorage::<T>::get(id).map(|d| d.status),
			Some(Status::Deprecated { by: Some(by) })
		);
	}

	#[benchmark]
	fn retire() {
		let caller = funded::<T>("owner");
		let id = registered::<T>(&caller, None, 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);
		assert_eq!(DatasetsStorage::<T>::get(id).map(|d| d.status), Some(Status::Retired));
	}

	impl_benchmark_test_suite!(Datasets, crate::mock::new_test_ext(), crate::mock::Test);
}
