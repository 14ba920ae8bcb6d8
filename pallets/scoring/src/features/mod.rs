//! The pallet's logic, one file a concern.

pub mod offchain;
pub mod tally;
