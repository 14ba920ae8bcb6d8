//! # loam-node
//!
//! The Loam validator node. It produces blocks with Aura and finalizes them with GRANDPA,
//! stores the chain in ParityDb, serves JSON-RPC to wallets, the `loam` CLI and subxt
//! scripts, and runs the runtime's off-chain workers on validators (quality scoring).
//! The runtime's wasm runs in a `WasmExecutor` that offers the standard Substrate host
//! functions plus the BLS12-381 host calls of `sp-crypto-ec-utils`, with which the
//! attestation pallet verifies Groth16 proofs at native speed.

// Every subcommand runs through sc-cli, whose closures must return `sc_cli::Result`; that
// error type is large by sc-cli's design and not ours to shrink.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod gateway;
mod rpc;
mod service;

fn main() {
	if let Err(error) = command::run() {
		// One clear line, never a Debug dump or a backtrace.
		eprintln!("Error: {}", command::describe(&error));
		std::process::exit(1);
	}
}
