//! Beginning and cancelling an attestation.

use super::sampling;
use crate::{pallet::*, types::*};
use codec::DecodeAll;
use frame_support::{pallet_prelude::*, BoundedVec};
use loam_data::{field, Step};
use pallet_datasets::{validate, DatasetId, Datasets, Schemas, Status as DatasetStatus};
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_begin(
		who: T::AccountId,
		child_id: DatasetId,
		parent_id: DatasetId,
		step_bytes: BoundedVec<u8, T::MaxStepBytes>,
		mode: Mode,
	) -> DispatchResult {
		let child = Datasets::<T>::get(child_id).ok_or(Error::<T>::UnknownDataset)?;
		let parent_of_child = child.parent.ok_or(Error::<T>::NotAChild)?;
		ensure!(parent_of_child == parent_id, Error::<T>::WrongParent);
		ensure!(child.owner == who, Error::<T>::NotOwner);
		let parent = Datasets::<T>::get(parent_id).ok_or(Error::<T>::UnknownDataset)?;
		ensure!(
			child.status != DatasetStatus::Retired && parent.status != DatasetStatus::Retired,
			Error::<T>::Retired
		);
		if let Some(existing) = Attestations::<T>::get(child_id) {
			return Err(match existing.status {
				Status::InProgress { .. } => Error::<T>::AttestationInProgress,
				Status::Attested | Status::Expired => Error::<T>::AlreadyAttested,
			}
			.into());
		}
		let step = Step::decode_all(&mut &step_bytes[..]).map_err(|_| Error::<T>::MalformedStep)?;
		let parent_schema = Schemas::<T>::get(parent_id).ok_or(Error::<T>::Retired)?;
		let parent_schema =
			validate::schema(&parent_schema).map_err(|_| Error::<T>::StepNotApplicable)?;
		let (circuit, clean_schema) =
			step.circuit(&parent_schema).map_err(|_| Error::<T>::StepNotApplicable)?;
		ensure!(
			field::to_bytes(&clean_schema.hash()) == child.commitment.schema_hash,
			Error::<T>::SchemaMismatch
		);
		ensure!(
			child.commitment.chunks == parent.commitment.chunks,
			Error::<T>::ChunkCountMismatch
		);
		ensure!(Circuits::<T>::contains_key(circuit), Error::<T>::UnknownStep);

		let chunks = child.commitment.chunks;
		let now = frame_system::Pallet::<T>::block_number();
		let (sample, total) = match mode {
			Mode::Full => (None, chunks),
			Mode::Sampled => {
				let k = T::SampleSize::get().min(T::MaxSampleSize::get()).min(chunks);
				let detection = sampling::detection(chunks, k);
				let sample = Sample {
					k,
					seed_block: now.saturating_add(T::SampleDelay::get()),
					indices: BoundedVec::new(),
					detection: detection.try_into().map_err(|_| Error::<T>::WrongProofCount)?,
				};
				(Some(sample), k)
			}
		};
		Attestations::<T>::insert(
			child_id,
			Attestation {
				cleaner: who.clone(),
				parent: parent_id,
				step: step_bytes,
				circuit,
				params_hash: field::to_bytes(&step.params_hash()),
				mode,
				sample,
				status: Status::InProgress { done: 0, total },
				started: now,
			},
		);
		Self::deposit_event(Event::AttestationStarted {
			child: child_id,
			parent: parent_id,
			cleaner: who,
			mode,
			chunks: total,
		});
		Ok(())
	}

	pub(crate) fn do_cancel(who: T::AccountId, child: DatasetId) -> DispatchResult {
		let a = Attestations::<T>::get(child).ok_or(Error::<T>::NoAttestation)?;
		ensure!(a.cleaner == who, Error::<T>::NotCleaner);
		ensure!(matches!(a.status, Status::InProgress { .. }), Error::<T>::AlreadyAttested);
		if let Some(s) = &a.sample {
			// Once the seed block exists the cleaner can compute the draw: cancelling
			// then would let it re-roll until the sample misses its bad chunks.
			ensure!(
				frame_system::Pallet::<T>::block_number() < s.seed_block,
				Error::<T>::SampleDrawn
			);
		}
		Attestations::<T>::remove(child);
		Self::deposit_event(Event::AttestationCancelled { child });
		Ok(())
	}
}
