//! # loam-data: Loam's data protocol
//!
//! Everything that binds a table of training data to the chain, in one `no_std` crate
//! that the runtime, the circuits, the gateway and the client all use, so that they can
//! never disagree about a commitment:
//!
//! - [`schema`]: column types and the schema hash;
//! - [`cell`]: the injective rule that maps each cell to one field element;
//! - [`chunk`]: chunks of at most [`CHUNK_ROWS`] rows, their SCALE wire format and their
//!   cells as a matrix of field elements;
//! - [`poseidon`]: the Poseidon instance and sponge the whole protocol hashes with;
//! - [`commitment`]: chunk commitments, the Merkle tree over them, the dataset root and
//!   Merkle paths;
//! - [`step`]: the cleaning steps and the hash of their parameters (what a proof's
//!   public inputs bind);
//! - [`delivery`]: the gateway's HTTP protocol (signed requests, chunk envelopes), shared
//!   by the gateway, the scoring off-chain worker and the client;
//! - [`metrics`]: the quality metrics validators score every version with, in integer
//!   arithmetic so that native code and wasm agree bit for bit;
//! - with the `io` feature, `io`: CSV and Parquet readers with schema inference and writers.
//!
//! In the loop: **register** computes a root with [`commitment::DatasetBuilder`]; **clean**
//! proves, per chunk, that one chunk commitment becomes another under a [`step::Step`];
//! **score** profiles the chunks with [`metrics::Profiler`]; **score** and **fetch** check
//! every downloaded chunk against the root with a [`commitment::MerklePath`].
//!
//! The protocol itself, what each value is and why, is in `README.md` beside this crate.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub mod cell;
pub mod chunk;
pub mod commitment;
pub mod delivery;
mod error;
pub mod field;
#[cfg(feature = "io")]
pub mod io;
pub mod metrics;
pub mod poseidon;
pub mod schema;
pub mod step;

pub use cell::Value;
pub use chunk::{CellMatrix, Chunk, ColumnData};
pub use commitment::{DatasetBuilder, DatasetCommitment, MerklePath, MerkleTree};
pub use error::Error;
pub use field::{Bytes32, Fr};
pub use schema::{Column, ColumnType, Schema};
pub use step::{CircuitId, Step, StepKind};

/// Version of the data protocol: cell encoding, Poseidon instance, commitment layout.
/// It is part of every hash's domain tag; any change to them bumps it.
pub const PROTOCOL_VERSION: u16 = 1;

/// Rows per chunk. Every chunk of a registered dataset has at most this many rows, and a
/// chunk commitment always absorbs this many rows (missing ones as zeros).
pub const CHUNK_ROWS: usize = 1024;

/// Width classes: a chunk's rows are padded with zero cells to the smallest class that
/// holds the schema, so that one circuit (and one verifying key) per class and step
/// serves every schema of that width or narrower.
pub const WIDTH_CLASSES: [usize; 3] = [8, 16, 32];

/// Most columns a schema may have (the widest class).
pub const MAX_COLUMNS: usize = 32;

/// Longest column name, in bytes.
pub const MAX_NAME_BYTES: usize = 64;

/// Longest Utf8 or Category cell, in bytes.
pub const MAX_TEXT_BYTES: usize = 4096;

/// Largest decimal scale (digits after the point); values are `i64` mantissas.
pub const MAX_DECIMAL_SCALE: u8 = 18;

/// The width class that holds `columns` columns, if any.
pub fn width_class(columns: usize) -> Option<usize> {
	WIDTH_CLASSES.iter().copied().find(|&c| columns <= c && columns > 0)
}
