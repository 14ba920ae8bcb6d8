//! Verifying keys: validated and prepared once, at registration.

use crate::{pallet::*, types::*, Curve};
use frame_support::pallet_prelude::*;
use loam_proof::Error as ProofError;

impl<T: Config> Pallet<T> {
	/// Parses, validates and prepares a verifying key into its stored form.
	pub fn prepare_key(bytes: &[u8]) -> Result<PreparedKey, DispatchError> {
		let vk = loam_proof::parse_verifying_key::<Curve>(bytes).map_err(|e| match e {
			ProofError::InputCount => Error::<T>::WrongKeyInputs,
			ProofError::TrailingBytes => Error::<T>::MalformedKey,
			ProofError::InvalidPoint if bytes.len() == loam_proof::VERIFYING_KEY_BYTES => {
				Error::<T>::InvalidKeyPoint
			}
			_ => Error::<T>::MalformedKey,
		})?;
		let prepared = loam_proof::prepared_key_bytes(&loam_proof::prepare(&vk));
		Ok(prepared.try_into().map_err(|_| Error::<T>::MalformedKey)?)
	}

	/// The prepared key of a circuit.
	pub(crate) fn load_key(
		circuit: &CircuitId,
	) -> Result<loam_proof::PreparedVerifyingKey<Curve>, DispatchError> {
		let bytes = Circuits::<T>::get(circuit).ok_or(Error::<T>::UnknownStep)?;
		// Stored keys were validated when registered; one that does not load means the
		// circuit is unusable, not that the caller did something wrong.
		Ok(loam_proof::parse_prepared_key::<Curve>(&bytes).map_err(|_| Error::<T>::UnknownStep)?)
	}
}
