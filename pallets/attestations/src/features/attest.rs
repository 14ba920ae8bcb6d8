//! Verifying the proofs of an attestation's next chunks.

use super::sampling;
use crate::{pallet::*, types::*, Curve};
use alloc::vec::Vec;
use codec::Encode;
use frame_support::{pallet_prelude::*, BoundedVec};
use loam_data::{field, Fr, MerklePath};
use loam_proof::Error as ProofError;
use pallet_datasets::{DatasetId, Datasets};
use sp_io::hashing::blake2_256;

/// Batch weights `r_i`: 128 bits of `BLAKE2-256("loam/batch" ‖ parent block hash ‖
/// BLAKE2-256(call) ‖ i)`, made odd so that none is zero. The prover fixes its proofs
/// before the block they land in exists, so it cannot choose the weights.
pub(crate) fn batch_weights(parent_hash: &[u8], call_hash: &[u8; 32], n: usize) -> Vec<u128> {
	(0..n as u32)
		.map(|i| {
			let h = blake2_256(&(b"loam/batch", parent_hash, call_hash, i).encode());
			let mut x = [0u8; 16];
			x.copy_from_slice(&h[..16]);
			u128::from_le_bytes(x) | 1
		})
		.collect()
}

impl<T: Config> Pallet<T> {
	pub(crate) fn do_attest(
		who: T::AccountId,
		child_id: DatasetId,
		start: u32,
		proofs: BoundedVec<ChunkProof, T::MaxProofsPerCall>,
	) -> DispatchResult {
		let mut a = Attestations::<T>::get(child_id).ok_or(Error::<T>::NoAttestation)?;
		ensure!(a.cleaner == who, Error::<T>::NotCleaner);
		let (done, total) = match a.status {
			Status::InProgress { done, total } => (done, total),
			Status::Attested => return Err(Error::<T>::AlreadyAttested.into()),
			Status::Expired => return Err(Error::<T>::SampleExpired.into()),
		};
		ensure!(start == done, Error::<T>::WrongPosition);
		let n = proofs.len() as u32;
		ensure!(n > 0 && n <= total - done, Error::<T>::WrongProofCount);
		let child = Datasets::<T>::get(child_id).ok_or(Error::<T>::UnknownDataset)?;
		let parent = Datasets::<T>::get(a.parent).ok_or(Error::<T>::UnknownDataset)?;

		// A sampled attestation's chunks are drawn on its first proofs after the seed block.
		let mut drawn = false;
		if let Some(s) = a.sample.as_mut() {
			if s.indices.is_empty() {
				let now = frame_system::Pallet::<T>::block_number();
				ensure!(now > s.seed_block, Error::<T>::SampleNotReady);
				let hash = frame_system::Pallet::<T>::block_hash(s.seed_block);
				if hash == Default::default() {
					a.status = Status::Expired;
					Attestations::<T>::insert(child_id, a);
					Self::deposit_event(Event::AttestationExpired { child: child_id });
					return Ok(());
				}
				let indices = sampling::draw(hash.as_ref(), child_id, child.commitment.chunks, s.k);
				s.indices = indices.try_into().map_err(|_| Error::<T>::WrongProofCount)?;
				drawn = true;
			}
		}

		let canonical = |b: &[u8; 32]| -> Result<Fr, Error<T>> {
			field::from_bytes(b).map_err(|_| Error::<T>::NonCanonicalInput)
		};
		let parent_root = canonical(&parent.commitment.merkle_root)?;
		let child_root = canonical(&child.commitment.merkle_root)?;
		let params_hash = canonical(&a.params_hash)?;
		let mut batch = Vec::with_capacity(proofs.len());
		for (i, p) in proofs.iter().enumerate() {
			let pos = done as usize + i;
			let index = match &a.sample {
				None => pos as u32,
				Some(s) => *s.indices.get(pos).ok_or(Error::<T>::WrongProofCount)?,
			};
			let raw = canonical(&p.raw)?;
			let clean = canonical(&p.clean)?;
			let on_path = |leaf: Fr, path: &Path, chunks: u32, root: Fr| {
				MerklePath { index, siblings: path.to_vec() }
					.verify(leaf, chunks, root)
					.unwrap_or(false)
			};
			ensure!(
				on_path(raw, &p.raw_path, parent.commitment.chunks, parent_root)
					&& on_path(clean, &p.clean_path, child.commitment.chunks, child_root),
				Error::<T>::RootMismatch
			);
			let proof =
				loam_proof::parse_proof_uncompressed::<Curve>(&p.proof).map_err(|e| match e {
					ProofError::ProofLength => Error::<T>::MalformedProof,
					_ => Error::<T>::InvalidProofPoint,
				})?;
			batch.push((proof, [raw, clean, params_hash]));
		}

		let key = Self::load_key(&a.circuit)?;
		let call_hash = blake2_256(&(child_id, start, &proofs).encode());
		let parent_hash = frame_system::Pallet::<T>::parent_hash();
		let weights = batch_weights(parent_hash.as_ref(), &call_hash, batch.len());
		let ok = loam_proof::batch_verify(&key, &batch, &weights)
			.map_err(|_| Error::<T>::InvalidProof)?;
		ensure!(ok, Error::<T>::InvalidProof);

		if drawn {
			if let Some(s) = &a.sample {
				Self::deposit_event(Event::SampleDrawn {
					child: child_id,
					indices: s.indices.to_vec(),
				});
			}
		}
		let done = done + n;
		if done == total {
			a.status = Status::Attested;
			Self::deposit_event(Event::Attested {
				child: child_id,
				parent: a.parent,
				cleaner: a.cleaner.clone(),
				mode: a.mode,
			});
		} else {
			a.status = Status::InProgress { done, total };
			Self::deposit_event(Event::ChunksAttested { child: child_id, done, total });
		}
		Attestations::<T>::insert(child_id, a);
		Ok(())
	}

	/// The cleaner of `child` if its attestation is complete: who the market pays for the
	/// step that produced it.
	pub fn attested_cleaner(child: DatasetId) -> Option<T::AccountId> {
		Attestations::<T>::get(child).filter(|a| a.status == Status::Attested).map(|a| a.cleaner)
	}
}
