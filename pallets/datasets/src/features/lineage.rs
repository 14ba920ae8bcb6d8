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
