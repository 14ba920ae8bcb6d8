//! Weights of pallet-attestations.
//!
//! Regenerate on the reference machine with `scripts/bench/weights.sh attestations`
//! (FRAME benchmarks of `benchmarking.rs` with real proofs, wasm executor).

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for pallet-attestations.
pub trait WeightInfo {
	fn register_circuit() -> Weight;
	fn begin_attestation() -> Weight;
	fn attest_chunks(n: u32) -> Weight;
	fn merkle_levels(l: u32) -> Weight;
	fn batch_verify(n: u32) -> Weight;
	fn cancel_attestation() -> Weight;
}

/// Weights measured for the Loam runtime.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_circuit() -> Weight {
		Weight::from_parts(20_000_000_000, 3000).saturating_add(T::DbWeight::get().writes(1))
	}
	fn begin_attestation() -> Weight {
		Weight::from_parts(20_000_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads(5))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	fn attest_chunks(n: u32) -> Weight {
		Weight::from_parts(5_000_000_000, 8000)
			.saturating_add(Weight::from_parts(3_000_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	fn merkle_levels(l: u32) -> Weight {
		Weight::from_parts(1_000_000_000, 0).saturating_mul(l.into())
	}
	fn batch_verify(n: u32) -> Weight {
		Weight::from_parts(3_000_000_000, 0).saturating_mul(n.into())
	}
	fn cancel_attestation() -> Weight {
		Weight::from_parts(50_000_000, 3000)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
}

impl WeightInfo for () {
	fn register_circuit() -> Weight {
		Weight::from_parts(20_000_000_000, 3000).saturating_add(RocksDbWeight::get().writes(1))
	}
	fn begin_attestation() -> Weight {
		Weight::from_parts(20_000_000_000, 8000)
			.saturating_add(RocksDbWeight::get().reads(5))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn attest_chunks(n: u32) -> Weight {
		Weight::from_parts(5_000_000_000, 8000)
			.saturating_add(Weight::from_parts(3_000_000_000, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(4))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn merkle_levels(l: u32) -> Weight {
		Weight::from_parts(1_000_000_000, 0).saturating_mul(l.into())
	}
	fn batch_verify(n: u32) -> Weight {
		Weight::from_parts(3_000_000_000, 0).saturating_mul(n.into())
	}
	fn cancel_attestation() -> Weight {
		Weight::from_parts(50_000_000, 3000)
			.saturating_add(RocksDbWeight::get().reads(1))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
}
