//! # loam-host: host functions for the scoring off-chain worker
//!
//! The **score** step of the loop checks every chunk a validator downloads against the
//! registered root. That means a Poseidon commitment per chunk: about 16 000 rows a second
//! on one core natively, several times slower in the runtime's wasm. This crate lets the
//! off-chain worker (wasm) ask the node for the commitment of a chunk, computed by the
//! same [`loam_data`] code natively.
//!
//! [`loam_data_host::chunk_commitments`] checks a batch on all cores.
//!
//! Only off-chain code calls it, never block execution, so it cannot split consensus;
//! a node must still register [`loam_data_host::HostFunctions`] with its executor (the
//! runtime imports it), as `loam-node` does.

#![cfg_attr(not(feature = "std"), no_std)]

use sp_runtime_interface::{
	pass_by::{AllocateAndReturnByCodec, PassFatPointerAndDecode, PassFatPointerAndRead},
	runtime_interface,
};

#[cfg(not(feature = "std"))]
extern crate alloc;
#[cfg(not(feature = "std"))]
use alloc::vec::Vec;

/// Loam's data host functions.
#[runtime_interface]
pub trait LoamDataHost {
	/// The commitment of a chunk (its SCALE bytes) of a schema (its SCALE bytes), as
	/// canonical field bytes; `None` when either does not decode or the chunk does not
	/// have the schema's shape (column count and types, equal lengths, at most
	/// `CHUNK_ROWS` rows). The content rules (nulls, text) are not checked: scoring
	/// measures them.
	fn chunk_commitment(
		schema: PassFatPointerAndRead<&[u8]>,
		chunk: PassFatPointerAndRead<&[u8]>,
	) -> AllocateAndReturnByCodec<Option<[u8; 32]>> {
		native::chunk_commitment(schema, chunk)
	}

	/// [`chunk_commitment`](loam_data_host::chunk_commitment) of each of `chunks`, computed
	/// in parallel on the node's cores: one entry per chunk, in order. The worker fetches
	/// chunks a batch at a time and checks each batch with one call.
	fn chunk_commitments(
		schema: PassFatPointerAndRead<&[u8]>,
		chunks: PassFatPointerAndDecode<Vec<Vec<u8>>>,
	) -> AllocateAndReturnByCodec<Vec<Option<[u8; 32]>>> {
		use rayon::prelude::*;
		chunks.par_iter().map(|chunk| native::chunk_commitment(schema, chunk)).collect()
	}
}

#[cfg(feature = "std")]
mod native {
	use codec::Decode;
	use loam_data::{commitment::commit_cells, field::to_bytes, Chunk, Schema, CHUNK_ROWS};

	pub fn chunk_commitment(schema: &[u8], chunk: &[u8]) -> Option<[u8; 32]> {
		let schema = Schema::decode(&mut &schema[..]).ok()?;
		let chunk = Chunk::decode_shape(chunk, &schema, CHUNK_ROWS).ok()?;
		Some(to_bytes(&commit_cells(&chunk.cells(&schema), CHUNK_ROWS)))
	}
}

#[cfg(all(test, feature = "std"))]
mod tests {
	use super::*;
	use codec::Encode;
	use loam_data::{
		commitment::chunk_commitment, field::to_bytes, Chunk, Column, ColumnData, ColumnType,
		Schema,
	};

	#[test]
	fn the_host_commitment_is_the_protocols() {
		let schema = Schema::new(vec![Column::new("x", ColumnType::Int64, true)]).unwrap();
		let chunk = Chunk { columns: vec![ColumnData::Int64(vec![Some(1), None, Some(3)])] };
		let want = to_bytes(&chunk_commitment(&chunk, &schema).unwrap());
		let got = loam_data_host::chunk_commitment(&schema.encode(), &chunk.encode());
		assert_eq!(got, Some(want));
		let other = Chunk { columns: vec![ColumnData::Int64(vec![Some(1), None, Some(4)])] };
		assert_ne!(loam_data_host::chunk_commitment(&schema.encode(), &other.encode()), Some(want));
		let wrong = Chunk { columns: vec![ColumnData::Bool(vec![Some(true)])] };
		assert_eq!(loam_data_host::chunk_commitment(&schema.encode(), &wrong.encode()), None);
		assert_eq!(loam_data_host::chunk_commitment(b"junk", &chunk.encode()), None);
		let batch = vec![chunk.encode(), other.encode(), wrong.encode(), b"junk".to_vec()];
		let each: Vec<_> =
			batch.iter().map(|c| loam_data_host::chunk_commitment(&schema.encode(), c)).collect();
		assert_eq!(loam_data_host::chunk_commitments(&schema.encode(), batch), each);
		assert_eq!(each[0], Some(want));
	}
}
