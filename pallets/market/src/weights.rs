//! Weights of `pallet_market`: placeholders until `scripts/bench/weights.sh` generates them.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens, unused_imports, missing_docs, dead_code)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::RocksDbWeight, Weight}};

/// Weight functions of `pallet_market`.
pub trait WeightInfo {
	fn create_offer(a: u32, ) -> Weight;
	fn update_offer(a: u32, ) -> Weight;
	fn set_paused() -> Weight;
	fn close_offer() -> Weight;
	fn purchase(d: u32, ) -> Weight;
	fn prune_grant() -> Weight;
}

/// Weights measured for the Loam runtime (ParityDb weights for storage).
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn create_offer(a: u32, ) -> Weight {
		Weight::from_parts(100_000_000, 4000)
			.saturating_add(Weight::from_parts(100_000, 0).saturating_mul(a.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn update_offer(a: u32, ) -> Weight {
		Weight::from_parts(100_000_000, 4000)
			.saturating_add(Weight::from_parts(100_000, 0).saturating_mul(a.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn set_paused() -> Weight {
		Weight::from_parts(50_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn close_offer() -> Weight {
		Weight::from_parts(100_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn purchase(d: u32, ) -> Weight {
		Weight::from_parts(200_000_000, 8000)
			.saturating_add(Weight::from_parts(100_000_000, 3000).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().reads((4_u64).saturating_mul(d.into())))
			.saturating_add(T::DbWeight::get().writes(6_u64))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(d.into())))
	}
	fn prune_grant() -> Weight {
		Weight::from_parts(30_000_000, 3000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

impl WeightInfo for () {
	fn create_offer(a: u32, ) -> Weight { Weight::from_parts(100_000_000, 4000).saturating_add(Weight::from_parts(100_000, 0).saturating_mul(a.into())) }
	fn update_offer(a: u32, ) -> Weight { Weight::from_parts(100_000_000, 4000).saturating_add(Weight::from_parts(100_000, 0).saturating_mul(a.into())) }
	fn set_paused() -> Weight { Weight::from_parts(50_000_000, 4000) }
	fn close_offer() -> Weight { Weight::from_parts(100_000_000, 4000) }
	fn purchase(d: u32, ) -> Weight { Weight::from_parts(200_000_000, 8000).saturating_add(Weight::from_parts(100_000_000, 3000).saturating_mul(d.into())) }
	fn prune_grant() -> Weight { Weight::from_parts(30_000_000, 3000) }
}
