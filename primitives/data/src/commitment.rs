//! Commitments: chunk, Merkle tree, dataset root.
//!
//! - `chunk_commitment = Poseidon(Tag(Chunk, width, capacity, rows), cells)`: the cells of
//!   all `capacity` rows (rows past `rows` are zeros), row-major, each row `width` cells
//!   (the schema's width class). The tag binds the row count, so a chunk ending in
//!   all-null rows and a shorter chunk never collide.
//! - The Merkle tree is binary over the chunk commitments, leaves padded with zeros to a
//!   power of two; `node = Poseidon(Tag(MerkleNode, level), [left, right])`, level 1 for
//!   parents of leaves.
//! - `dataset_root = Poseidon(Tag(DatasetRoot), [merkle_root, chunks, rows, schema_hash])`.

use crate::{
	chunk::{CellMatrix, Chunk},
	field::{self, Bytes32, Fr},
	poseidon::{self, Domain, Sponge, Tag},
	schema::Schema,
	Error, CHUNK_ROWS,
};
use alloc::vec::Vec;
use ark_ff::Zero;
use codec::{Decode, Encode};
use scale_info::TypeInfo;

/// The tag of a chunk commitment.
pub fn chunk_tag(width: usize, capacity: usize, rows: usize) -> Tag {
	Tag { domain: Domain::Chunk, a: width as u32, b: capacity as u32, c: rows as u32 }
}

/// The commitment of a cell matrix in a chunk of `capacity` rows (the protocol uses
/// [`CHUNK_ROWS`]; tests of circuits use smaller capacities).
pub fn commit_cells(cells: &CellMatrix, capacity: usize) -> Fr {
	debug_assert!(cells.rows <= capacity);
	let mut sponge = Sponge::new(chunk_tag(cells.width, capacity, cells.rows));
	sponge.absorb_all(&cells.cells);
	sponge.absorb_zeros((capacity - cells.rows.min(capacity)) * cells.width);
	sponge.finish()
}

/// Validates a chunk against its schema and returns its commitment.
pub fn chunk_commitment(chunk: &Chunk, schema: &Schema) -> Result<Fr, Error> {
	chunk.validate(schema, CHUNK_ROWS)?;
	Ok(commit_cells(&chunk.cells(schema), CHUNK_ROWS))
}

fn node(level: u32, left: Fr, right: Fr) -> Fr {
	poseidon::hash(Tag::new(Domain::MerkleNode, level), &[left, right])
}

fn tree_depth(leaves: usize) -> u32 {
	leaves.next_power_of_two().trailing_zeros()
}

/// The Merkle root of the chunk commitments (zeros pad the leaves to a power of two).
pub fn merkle_root(leaves: &[Fr]) -> Fr {
	let mut level: Vec<Fr> = leaves.to_vec();
	if level.is_empty() {
		return Fr::zero();
	}
	level.resize(leaves.len().next_power_of_two(), Fr::zero());
	let mut height = 1;
	while level.len() > 1 {
		level = level.chunks(2).map(|p| node(height, p[0], p[1])).collect();
		height += 1;
	}
	level[0]
}

/// The dataset root.
pub fn dataset_root(merkle_root: Fr, chunks: u32, rows: u64, schema_hash: Fr) -> Fr {
	poseidon::hash(
		Tag::new(Domain::DatasetRoot, 0),
		&[merkle_root, Fr::from(chunks), Fr::from(rows), schema_hash],
	)
}

/// Every level of the Merkle tree over the chunk commitments, built in one pass (as for
/// the root), so that each chunk's path is then read off in `O(log n)`: an upload of `n`
/// chunks costs `n` node hashes, not `n²`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MerkleTree {
	/// `levels[0]` the leaves padded with zeros to a power of two, the last the root.
	levels: Vec<Vec<Fr>>,
	leaves: usize,
}

impl MerkleTree {
	/// The tree over `leaves`.
	pub fn new(leaves: &[Fr]) -> Self {
		let mut level: Vec<Fr> = leaves.to_vec();
		if level.is_empty() {
			return Self { levels: Vec::new(), leaves: 0 };
		}
		level.resize(leaves.len().next_power_of_two(), Fr::zero());
		let mut levels = Vec::with_capacity(tree_depth(leaves.len()) as usize + 1);
		let mut height = 1;
		while level.len() > 1 {
			let next = level.chunks(2).map(|p| node(height, p[0], p[1])).collect();
			levels.push(core::mem::replace(&mut level, next));
			height += 1;
		}
		levels.push(level);
		Self { levels, leaves: leaves.len() }
	}

	/// The root ([`merkle_root`] of the leaves).
	pub fn root(&self) -> Fr {
		self.levels.last().map_or(Fr::zero(), |l| l[0])
	}

	/// The path of chunk `index`.
	pub fn path(&self, index: usize) -> Result<MerklePath, Error> {
		if index >= self.leaves {
			return Err(Error::ChunkIndex { index, chunks: self.leaves });
		}
		let mut i = index;
		let levels = &self.levels[..self.levels.len() - 1];
		let siblings = levels
			.iter()
			.map(|level| {
				let sibling = field::to_bytes(&level[i ^ 1]);
				i /= 2;
				sibling
			})
			.collect();
		Ok(MerklePath { index: index as u32, siblings })
	}
}

/// The path from chunk `index` to the Merkle root: one sibling per level, leaf upward.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct MerklePath {
	/// The chunk's index.
	pub index: u32,
	/// Siblings, canonical bytes, from the leaf level up.
	pub siblings: Vec<Bytes32>,
}

impl MerklePath {
	/// The path of chunk `index` among `leaves`. Builds the whole tree: for the paths of
	/// many chunks, build one [`MerkleTree`] and ask it.
	pub fn new(leaves: &[Fr], index: usize) -> Result<Self, Error> {
		MerkleTree::new(leaves).path(index)
	}

	/// Whether `leaf` is chunk `self.index` of a dataset with `chunks` chunks and this
	/// Merkle root. The depth must be the tree's: a path cannot be stretched or cut.
	pub fn verify(&self, leaf: Fr, chunks: u32, merkle_root: Fr) -> Result<bool, Error> {
		if self.index >= chunks || chunks == 0 {
			return Err(Error::ChunkIndex { index: self.index as usize, chunks: chunks as usize });
		}
		if self.siblings.len() as u32 != tree_depth(chunks as usize) {
			return Ok(false);
		}
		let mut acc = leaf;
		let mut i = self.index;
		for (height, sib) in self.siblings.iter().enumerate() {
			let sib = field::from_bytes(sib)?;
			let level = height as u32 + 1;
			acc = if i & 1 == 0 { node(level, acc, sib) } else { node(level, sib, acc) };
			i /= 2;
		}
		Ok(acc == merkle_root)
	}
}

/// What registering a dataset puts on chain, and what proving and fetching need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatasetCommitment {
	/// The dataset root.
	pub root: Fr,
	/// The Merkle root of the chunk commitments.
	pub merkle_root: Fr,
	/// The schema hash.
	pub schema_hash: Fr,
	/// Each chunk's commitment, in order.
	pub chunk_commitments: Vec<Fr>,
	/// Each chunk's row count, in order.
	pub chunk_rows: Vec<u32>,
	/// All rows.
	pub rows: u64,
}

impl DatasetCommitment {
	/// Number of chunks.
	pub fn chunks(&self) -> u32 {
		self.chunk_commitments.len() as u32
	}

	/// The Merkle path of chunk `index` (builds the tree: for many, use [`Self::tree`]).
	pub fn path(&self, index: usize) -> Result<MerklePath, Error> {
		MerklePath::new(&self.chunk_commitments, index)
	}

	/// The Merkle tree over the chunk commitments, to read many paths off.
	pub fn tree(&self) -> MerkleTree {
		MerkleTree::new(&self.chunk_commitments)
	}
}

/// Builds a dataset's commitment chunk by chunk, so a reader can stream a file of any
/// size through it.
#[derive(Clone, Debug)]
pub struct DatasetBuilder {
	schema: Schema,
	commitments: Vec<Fr>,
	rows: Vec<u32>,
}

impl DatasetBuilder {
	/// A builder for data of `schema`.
	pub fn new(schema: Schema) -> Self {
		Self { schema, commitments: Vec::new(), rows: Vec::new() }
	}

	/// The schema.
	pub fn schema(&self) -> &Schema {
		&self.schema
	}

	/// Validates and commits the next chunk; returns its commitment.
	pub fn push(&mut self, chunk: &Chunk) -> Result<Fr, Error> {
		let c = chunk_commitment(chunk, &self.schema)?;
		self.push_commitment(c, chunk.rows() as u32);
		Ok(c)
	}

	/// Adds a chunk commitment computed elsewhere (for example in parallel).
	pub fn push_commitment(&mut self, commitment: Fr, rows: u32) {
		self.commitments.push(commitment);
		self.rows.push(rows);
	}

	/// The dataset's commitment. A dataset has at least one chunk (an empty table is one
	/// chunk of zero rows).
	pub fn finish(mut self) -> Result<DatasetCommitment, Error> {
		if self.commitments.is_empty() {
			self.push(&Chunk::empty(&self.schema))?;
		}
		let chunks = u32::try_from(self.commitments.len()).map_err(|_| Error::ChunkCount)?;
		let rows: u64 = self.rows.iter().map(|&r| u64::from(r)).sum();
		let merkle = merkle_root(&self.commitments);
		let schema_hash = self.schema.hash();
		Ok(DatasetCommitment {
			root: dataset_root(merkle, chunks, rows, schema_hash),
			merkle_root: merkle,
			schema_hash,
			chunk_commitments: self.commitments,
			chunk_rows: self.rows,
			rows,
		})
	}
}
