//! The logic of each feature of the attestation pallet.

mod attest;
mod begin;
mod keys;
pub mod sampling;

#[cfg(test)]
pub(crate) fn attest_weights_for_tests(
	parent: &[u8],
	call: &[u8; 32],
	n: usize,
) -> alloc::vec::Vec<u128> {
	attest::batch_weights(parent, call, n)
}
