//! Chunks, commitments, Merkle paths and the dataset root.

use codec::Encode;
use loam_data::{
	cell,
	commitment::{commit_cells, dataset_root, merkle_root},
	field, Chunk, Column, ColumnData, ColumnType, DatasetBuilder, Error, Fr, MerklePath,
	MerkleTree, Schema, Step, Value, CHUNK_ROWS,
};

fn schema() -> Schema {
	Schema::new(vec![
		Column::new("id", ColumnType::Int64, false),
		Column::new("price", ColumnType::Decimal { scale: 2 }, true),
		Column::new("ok", ColumnType::Bool, true),
		Column::new("note", ColumnType::Utf8, true),
		Column::new("kind", ColumnType::Category, true),
	])
	.unwrap()
}

fn chunk(rows: i64) -> Chunk {
	let t = |s: &str| Some(s.as_bytes().to_vec());
	Chunk {
		columns: vec![
			ColumnData::Int64((0..rows).map(Some).collect()),
			ColumnData::Decimal((0..rows).map(|i| (i % 3 != 0).then_some(i * 125 - 300)).collect()),
			ColumnData::Bool((0..rows).map(|i| (i % 4 != 1).then_some(i % 2 == 0)).collect()),
			ColumnData::Utf8(
				(0..rows).map(|i| if i % 5 == 2 { None } else { t(&format!("n{i}")) }).collect(),
			),
			ColumnData::Category((0..rows).map(|i| t(["a", "b", "c"][i as usize % 3])).collect()),
		],
	}
}

fn commit(c: &Chunk) -> Fr {
	loam_data::commitment::chunk_commitment(c, &schema()).unwrap()
}

#[test]
fn the_cell_encoding_is_injective_and_keeps_order() {
	assert_eq!(cell::encode_i64(i64::MIN), Fr::from(1u64));
	assert_eq!(cell::encode_i64(-1), Fr::from(1u64 << 63));
	assert_eq!(cell::encode_i64(i64::MAX), Fr::from(1u128 << 64));
	assert!(cell::encode_i64_u128(-5) < cell::encode_i64_u128(3));
	assert_ne!(cell::encode_bool(false), cell::NULL);
	assert_ne!(cell::encode_utf8(b""), cell::NULL);
	assert_ne!(cell::encode_utf8(b"x"), cell::encode_category(b"x"));
	assert_eq!(Value::Utf8(b"x".to_vec()).encode(), cell::encode_utf8(b"x"));
}

#[test]
fn every_cell_and_the_row_count_change_the_commitment() {
	let base = chunk(10);
	let c0 = commit(&base);
	let mut changed = base.clone();
	if let ColumnData::Decimal(v) = &mut changed.columns[1] {
		v[7] = v[7].map(|x| x + 1);
	}
	assert_ne!(commit(&changed), c0);
	let mut nulled = base.clone();
	if let ColumnData::Utf8(v) = &mut nulled.columns[3] {
		v[0] = None;
	}
	assert_ne!(commit(&nulled), c0);
	// A chunk of 9 rows and the same 9 rows plus an all-null row differ.
	let nine = base.select_rows(&(0..9).collect::<Vec<_>>());
	let schema = schema();
	let mut cells9 = nine.cells(&schema);
	let c9 = commit_cells(&cells9, CHUNK_ROWS);
	cells9.rows += 1;
	cells9.cells.extend(std::iter::repeat_n(cell::NULL, cells9.width));
	assert_ne!(commit_cells(&cells9, CHUNK_ROWS), c9);
	// Reordering rows changes it.
	let swapped = base.select_rows(&[1, 0, 2, 3, 4, 5, 6, 7, 8, 9]);
	assert_ne!(commit(&swapped), c0);
}

#[test]
fn chunks_are_validated_before_they_are_committed() {
	let s = schema();
	let mut wrong_type = chunk(3);
	wrong_type.columns[0] = ColumnData::Bool(vec![Some(true); 3]);
	assert_eq!(wrong_type.validate(&s, CHUNK_ROWS), Err(Error::ColumnType { column: "id".into() }));
	let mut null_id = chunk(3);
	null_id.columns[0] = ColumnData::Int64(vec![Some(1), None, Some(3)]);
	assert!(matches!(
		null_id.validate(&s, CHUNK_ROWS),
		Err(Error::NullInNonNullable { row: 1, .. })
	));
	let mut ragged = chunk(3);
	ragged.columns[2] = ColumnData::Bool(vec![None; 2]);
	assert_eq!(ragged.validate(&s, CHUNK_ROWS), Err(Error::RaggedChunk));
	assert!(matches!(chunk(5).validate(&s, 4), Err(Error::TooManyRows { rows: 5, capacity: 4 })));
	let mut bad_text = chunk(3);
	bad_text.columns[3] = ColumnData::Utf8(vec![Some(vec![0xff, 0xfe]), None, None]);
	assert!(matches!(bad_text.validate(&s, CHUNK_ROWS), Err(Error::BadText { row: 0, .. })));
	let mut short = chunk(3);
	short.columns.pop();
	assert!(matches!(short.validate(&s, CHUNK_ROWS), Err(Error::ColumnCount { .. })));
}

#[test]
fn the_wire_format_round_trips_and_refuses_trailing_bytes() {
	let s = schema();
	let c = chunk(20);
	let bytes = c.encode();
	assert_eq!(Chunk::decode_for(&bytes, &s, CHUNK_ROWS).unwrap(), c);
	let mut trailing = bytes.clone();
	trailing.push(0);
	assert!(matches!(Chunk::decode_for(&trailing, &s, CHUNK_ROWS), Err(Error::Decode(_))));
	assert!(matches!(
		Chunk::decode_for(&bytes[..bytes.len() - 1], &s, CHUNK_ROWS),
		Err(Error::Decode(_))
	));
	assert!(matches!(Chunk::decode_for(&bytes, &s, 10), Err(Error::TooManyRows { .. })));
}

#[test]
fn field_bytes_are_canonical() {
	let x = Fr::from(123456789u64);
	assert_eq!(field::from_bytes(&field::to_bytes(&x)), Ok(x));
	// The modulus itself, little-endian.
	let mut modulus = [0u8; 32];
	let hex = "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001";
	for i in 0..32 {
		modulus[31 - i] = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap();
	}
	assert_eq!(field::from_bytes(&modulus), Err(Error::NonCanonicalField));
	assert_eq!(field::from_bytes(&[0xff; 32]), Err(Error::NonCanonicalField));
}

#[test]
fn merkle_paths_verify_exactly_their_leaf() {
	for n in [1usize, 2, 3, 5, 8, 13] {
		let leaves: Vec<Fr> = (0..n as u64).map(|i| Fr::from(i * 31 + 7)).collect();
		let root = merkle_root(&leaves);
		let tree = MerkleTree::new(&leaves);
		assert_eq!(tree.root(), root, "n={n}");
		for (i, leaf) in leaves.iter().enumerate() {
			let path = MerklePath::new(&leaves, i).unwrap();
			assert_eq!(tree.path(i).unwrap(), path);
			assert_eq!(path.verify(*leaf, n as u32, root), Ok(true), "n={n} i={i}");
			assert_eq!(path.verify(*leaf + Fr::from(1u64), n as u32, root), Ok(false));
			if n > 1 {
				let mut moved = path.clone();
				moved.index = ((i + 1) % n) as u32;
				assert_eq!(moved.verify(*leaf, n as u32, root), Ok(false));
				let mut cut = path.clone();
				cut.siblings.pop();
				assert_eq!(cut.verify(*leaf, n as u32, root), Ok(false));
				let mut bent = path.clone();
				bent.siblings[0][0] ^= 1;
				assert_eq!(bent.verify(*leaf, n as u32, root), Ok(false));
			}
		}
		assert!(MerklePath::new(&leaves, n).is_err());
		assert!(tree.path(n).is_err());
	}
}

#[test]
fn the_dataset_root_binds_schema_rows_and_chunks() {
	let mut b = DatasetBuilder::new(schema());
	b.push(&chunk(CHUNK_ROWS as i64)).unwrap();
	b.push(&chunk(17)).unwrap();
	let d = b.finish().unwrap();
	assert_eq!(d.rows, CHUNK_ROWS as u64 + 17);
	assert_eq!(d.chunks(), 2);
	assert_eq!(d.root, dataset_root(d.merkle_root, 2, d.rows, schema().hash()));
	assert_ne!(d.root, dataset_root(d.merkle_root, 2, d.rows + 1, schema().hash()));
	assert_ne!(d.root, dataset_root(d.merkle_root, 3, d.rows, schema().hash()));
	let other = Schema::new(vec![
		Column::new("id", ColumnType::Int64, true),
		Column::new("price", ColumnType::Decimal { scale: 2 }, true),
		Column::new("ok", ColumnType::Bool, true),
		Column::new("note", ColumnType::Utf8, true),
		Column::new("kind", ColumnType::Category, true),
	])
	.unwrap();
	assert_ne!(other.hash(), schema().hash());
	for i in 0..2 {
		assert_eq!(d.path(i).unwrap().verify(d.chunk_commitments[i], 2, d.merkle_root), Ok(true));
	}
	// An empty table is one chunk of zero rows.
	let empty = DatasetBuilder::new(schema()).finish().unwrap();
	assert_eq!((empty.chunks(), empty.rows), (1, 0));
}

#[test]
fn commitments_are_pinned() {
	// Regression vectors: any change here is a protocol change (bump PROTOCOL_VERSION).
	let mut b = DatasetBuilder::new(schema());
	b.push(&chunk(10)).unwrap();
	let d = b.finish().unwrap();
	let hex =
		|x: &Fr| field::to_bytes(x).iter().rev().map(|b| format!("{b:02x}")).collect::<String>();
	let got = [hex(&schema().hash()), hex(&d.chunk_commitments[0]), hex(&d.root)];
	assert_eq!(
		got,
		[
			"461402453bd1c55dd43088ad751729eb68d38de13e7bad8864238ab29f1992b9",
			"2a3051cb80263c29ac3debf6a07ca5997ee58887b41fd7fcfc95e310ca71866d",
			"38a2ffd4f2a2b521b279a98bee9458680ecbcab84e8eb8b5107fd5f56de09272",
		]
	);
}

#[test]
fn schemas_and_steps_are_validated() {
	assert_eq!(Schema::new(vec![]), Err(Error::SchemaWidth(0)));
	let dup =
		vec![Column::new("a", ColumnType::Int64, true), Column::new("a", ColumnType::Bool, true)];
	assert!(matches!(Schema::new(dup), Err(Error::ColumnName(_))));
	let wide: Vec<Column> =
		(0..33).map(|i| Column::new(&format!("c{i}"), ColumnType::Int64, true)).collect();
	assert_eq!(Schema::new(wide), Err(Error::SchemaWidth(33)));
	assert_eq!(
		Schema::new(vec![Column::new("d", ColumnType::Decimal { scale: 19 }, true)]),
		Err(Error::DecimalScale(19))
	);

	let s = schema();
	let bad = [
		Step::DropNulls { columns: vec![] },
		Step::DropNulls { columns: vec![9] },
		Step::DropNulls { columns: vec![1, 1] },
		Step::FilterRange { column: 3, lo: 0, hi: 1 },
		Step::Clamp { column: 0, lo: 5, hi: 1 },
		Step::FillNull { column: 2, value: Value::Int64(1) },
		Step::DropColumns { columns: vec![0, 1, 2, 3, 4] },
	];
	for step in bad {
		assert!(matches!(step.validate(&s), Err(Error::Step(_))), "{step:?}");
	}
	let dropped = Step::DropColumns { columns: vec![3, 1] }.validate(&s).unwrap();
	assert_eq!(dropped.width(), 3);
	assert_eq!(dropped.columns()[1].name, b"ok");
	let hashes: Vec<Fr> = [
		Step::DropNulls { columns: vec![1] },
		Step::DropColumns { columns: vec![1] },
		Step::FilterRange { column: 1, lo: 0, hi: 10 },
		Step::Clamp { column: 1, lo: 0, hi: 10 },
		Step::FilterRange { column: 1, lo: 0, hi: 11 },
		Step::FillNull { column: 1, value: Value::Decimal(0) },
		Step::Dedup,
	]
	.iter()
	.map(Step::params_hash)
	.collect();
	for i in 0..hashes.len() {
		for j in 0..i {
			assert_ne!(hashes[i], hashes[j], "{i} vs {j}");
		}
	}
}
