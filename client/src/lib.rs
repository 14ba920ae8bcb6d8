//! # loam-client: the `loam` CLI and its library
//!
//! Data owners, cleaners and buyers drive Loam's whole loop from a terminal or a script:
//!
//! - **register**: `loam dataset register data.parquet` commits the file with
//!   `loam-data` (the same chunking and Poseidon commitments the chain, circuits and
//!   gateway use), submits `Datasets.register`, and uploads the chunks to a gateway;
//! - **clean**: `loam clean <version> --step ...` fetches and checks the chunks, applies the
//!   step natively, proves every chunk (or the chain's sample) with `loam-circuits` on all
//!   cores, registers the child, uploads it and submits the attestation; it resumes;
//! - **value**: `loam score show` reads the validators' final score;
//! - **transfer**: `loam offer ...`, `loam buy`, and `loam fetch`, which checks every chunk
//!   and the dataset root against the chain before it writes CSV or Parquet.
//!
//! Calls are typed from the runtime's metadata by subxt ([`runtime`]); chain errors are
//! reported as `Pallet::Error` with the pallet's own sentence ([`error`]). Every command
//! is a library function in [`cmd`] returning text and JSON; `src/main.rs` is only the
//! argument parser.

#![warn(missing_docs)]

pub mod chain;
pub mod cmd;
pub mod data;
pub mod error;
pub mod keys;
pub mod progress;
pub mod runtime;
pub mod units;

pub use error::Error;
