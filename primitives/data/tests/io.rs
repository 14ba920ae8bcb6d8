//! CSV and Parquet: inference, overrides, streaming, round trips.

use loam_data::{
	io::{self, ReadOptions, TableWriter},
	Chunk, Column, ColumnData, ColumnType, Error, Schema,
};
use std::path::Path;

fn write(path: &Path, text: &str) {
	std::fs::write(path, text).unwrap();
}

fn table(rows: i64) -> (Schema, Chunk) {
	let schema = Schema::new(vec![
		Column::new("id", ColumnType::Int64, false),
		Column::new("price", ColumnType::Decimal { scale: 3 }, true),
		Column::new("flag", ColumnType::Bool, true),
		Column::new("text", ColumnType::Utf8, true),
		Column::new("label", ColumnType::Category, true),
	])
	.unwrap();
	let t = |s: String| Some(s.into_bytes());
	let chunk = Chunk {
		columns: vec![
			ColumnData::Int64((0..rows).map(|i| Some(i * 1_000_003 - 7)).collect()),
			ColumnData::Decimal(
				(0..rows).map(|i| (i % 7 != 3).then_some(i * 1234 - 99_999)).collect(),
			),
			ColumnData::Bool((0..rows).map(|i| (i % 5 != 0).then_some(i % 3 == 0)).collect()),
			ColumnData::Utf8(
				(0..rows)
					.map(|i| if i % 6 == 1 { None } else { t(format!("row, \"{i}\" é")) })
					.collect(),
			),
			ColumnData::Category(
				(0..rows)
					.map(|i| if i % 9 == 4 { None } else { t(format!("c{}", i % 4)) })
					.collect(),
			),
		],
	};
	(schema, chunk)
}

fn concat(chunks: &[Chunk]) -> Vec<Vec<Option<loam_data::Value>>> {
	let width = chunks[0].columns.len();
	(0..width)
		.map(|c| {
			chunks
				.iter()
				.flat_map(|ch| (0..ch.rows()).map(move |r| ch.columns[c].value(r)))
				.collect()
		})
		.collect()
}

#[test]
fn parquet_round_trip_keeps_every_value_and_null() {
	let dir = tempfile::tempdir().unwrap();
	let path = dir.path().join("t.parquet");
	let (schema, chunk) = table(2500);
	let mut w = TableWriter::create(&path, &schema).unwrap();
	w.write(&chunk.select_rows(&(0..1000).collect::<Vec<_>>())).unwrap();
	w.write(&chunk.select_rows(&(1000..2500).collect::<Vec<_>>())).unwrap();
	w.finish().unwrap();

	let opts = ReadOptions { chunk_rows: 1024, ..Default::default() };
	let (read_schema, chunks) = io::read_all(&path, &opts).unwrap();
	assert_eq!(read_schema, schema);
	assert_eq!(chunks.iter().map(Chunk::rows).collect::<Vec<_>>(), vec![1024, 1024, 452]);
	assert_eq!(concat(&chunks), concat(&[chunk]));
}

#[test]
fn csv_round_trip_keeps_every_value_and_null() {
	let dir = tempfile::tempdir().unwrap();
	let path = dir.path().join("t.csv");
	let (schema, chunk) = table(300);
	let mut w = TableWriter::create(&path, &schema).unwrap();
	w.write(&chunk).unwrap();
	w.finish().unwrap();

	let opts = ReadOptions {
		chunk_rows: 128,
		overrides: vec![("label".into(), ColumnType::Category)],
		..Default::default()
	};
	let (read_schema, chunks) = io::read_all(&path, &opts).unwrap();
	// CSV columns are always nullable; names and types come back.
	let types: Vec<_> = read_schema.columns().iter().map(|c| (c.name.clone(), c.ty)).collect();
	let want: Vec<_> = schema.columns().iter().map(|c| (c.name.clone(), c.ty)).collect();
	assert_eq!(types, want);
	assert_eq!(chunks.len(), 3);
	assert_eq!(concat(&chunks), concat(&[chunk]));
}

#[test]
fn csv_types_are_inferred_and_bad_values_are_reported_with_their_place() {
	let dir = tempfile::tempdir().unwrap();
	let path = dir.path().join("a.csv");
	write(&path, "n,x,b,s\n1,1.5,true,hi\n-2,,FALSE,\n,3.25,true,yo\n");
	let (schema, chunks) = io::read_all(&path, &ReadOptions::default()).unwrap();
	let types: Vec<_> = schema.columns().iter().map(|c| c.ty).collect();
	assert_eq!(
		types,
		vec![
			ColumnType::Int64,
			ColumnType::Decimal { scale: 2 },
			ColumnType::Bool,
			ColumnType::Utf8
		]
	);
	assert_eq!(chunks[0].columns[1], ColumnData::Decimal(vec![Some(150), None, Some(325)]));

	// A value past the inference window that does not parse: an error naming it.
	write(&path, "n\n1\n2\nthree\n");
	let opts = ReadOptions { infer_rows: 2, ..Default::default() };
	let err = io::read_all(&path, &opts).unwrap_err();
	assert!(matches!(&err, Error::Value { column, row: 3, .. } if column == "n"), "{err}");

	write(&path, "a,b\n1,2\n3\n");
	assert!(io::read_all(&path, &ReadOptions::default()).is_err());
	assert!(io::open(&dir.path().join("missing.csv"), &ReadOptions::default()).is_err());
	assert!(io::open(&dir.path().join("x.json"), &ReadOptions::default()).is_err());
}

#[test]
fn overrides_parse_and_apply() {
	assert_eq!(
		io::parse_override("p=decimal(4)").unwrap(),
		("p".into(), ColumnType::Decimal { scale: 4 })
	);
	assert!(io::parse_override("p").is_err());
	assert!(io::parse_override("p=float").is_err());
	assert!(io::parse_override("p=decimal(30)").is_err());
}

#[test]
fn a_file_commits_to_the_same_root_as_its_chunks() {
	let dir = tempfile::tempdir().unwrap();
	let path = dir.path().join("t.parquet");
	let (schema, chunk) = table(3000);
	let mut w = TableWriter::create(&path, &schema).unwrap();
	w.write(&chunk).unwrap();
	w.finish().unwrap();
	let (_, d) = io::commit_file(&path, &ReadOptions::default()).unwrap();
	let mut b = loam_data::DatasetBuilder::new(schema);
	for start in (0..3000).step_by(loam_data::CHUNK_ROWS) {
		let rows: Vec<usize> = (start..(start + loam_data::CHUNK_ROWS).min(3000)).collect();
		b.push(&chunk.select_rows(&rows)).unwrap();
	}
	assert_eq!(b.finish().unwrap(), d);
}
