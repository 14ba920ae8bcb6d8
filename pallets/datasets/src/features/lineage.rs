//! Lineage queries and the details the runtime API returns.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::BlockNumberFor;

impl<T: Config> Pallet<T> {
	/// Ancestors of `id`, nearest first (at most `MaxLineageDepth`).
	pub fn ancestors(id: DatasetId) -> Vec<DatasetId> {
		let mut out = Vec::new();
		let mut cur = Datasets::<T>::get(id).and_then(|d| d.parent);
		while let Some(p) = cur {
			if out.len() as u32 >= T::MaxLineageDepth::get() {
				break;
			}
			out.push(p);
			cur = Datasets::<T>::get(p).and_then(|d| d.parent);
		}
		out
	}

	/// Children of `id`, in identifier order, at most `max`.
	pub fn children(id: DatasetId, max: u32) -> Vec<DatasetId> {
		let mut c: Vec<DatasetId> = Children::<T>::iter_key_prefix(id).take(max as usize).collect();
		c.sort_unstable();
		c
	}

	/// Whether `ancestor` is `id` or one of its ancestors.
	pub fn descends_from(id: DatasetId, ancestor: DatasetId) -> bool {
		id == ancestor || Self::ancestors(id).contains(&ancestor)
	}

	/// Everything known about a version.
	pub fn details(
		id: DatasetId,
	) -> Option<DatasetDetails<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		let dataset = Datasets::<T>::get(id)?;
		let schema = Schemas::<T>::get(id).map(|s| s.into_inner()).unwrap_or_default();
		let m = Metadatas::<T>::get(id);
		let field = |f: fn(&Metadata<T>) -> Vec<u8>| m.as_ref().map(f).unwrap_or_default();
		Some(DatasetDetails {
			id,
			schema,
			name: field(|m| m.name.to_vec()),
			description: field(|m| m.description.to_vec()),
			tags: m
				.as_ref()
				.map(|m| m.tags.iter().map(|t| t.to_vec()).collect())
				.unwrap_or_default(),
			license: field(|m| m.license.to_vec()),
			endpoint: field(|m| m.endpoint.to_vec()),
			dataset,
		})
	}
}

impl<T: Config> Pallet<T> {
	/// Writes a version straight into storage, skipping every check and holding no
	/// deposit: for the tests and benchmarks of pallets that only read the registry (the
	/// market reads owner, parent, depth, royalty and status). No call reaches it.
	#[cfg(any(feature = "std", feature = "runtime-benchmarks"))]
	pub fn insert_unchecked(
		owner: T::AccountId,
		parent: Option<DatasetId>,
		royalty: sp_runtime::Permill,
	) -> DatasetId {
		let id = NextDatasetId::<T>::get();
		let depth = parent.and_then(Datasets::<T>::get).map_or(0, |d| d.depth + 1);
		let commitment = Commitment {
			root: [0; 32],
			merkle_root: [0; 32],
			schema_hash: [0; 32],
			rows: 1,
			chunks: 1,
			bytes: 1,
		};
		Datasets::<T>::insert(
			id,
			Dataset {
				owner: owner.clone(),
				commitment,
				parent,
				depth,
				royalty,
				depositor: owner,
				deposit: Default::default(),
				status: Status::Active,
				registered: frame_system::Pallet::<T>::block_number(),
			},
		);
		if let Some(p) = parent {
			Children::<T>::insert(p, id, ());
		}
		NextDatasetId::<T>::put(id.saturating_add(1));
		id
	}
}
