//! The steps applied natively, with exactly the semantics the circuits enforce. The
//! client cleans data with [`apply`]; the prover uses [`apply_cells`] to build witnesses;
//! a test checks that both agree on every step.

use loam_data::{
	cell::{self, Value},
	chunk::CellMatrix,
	field::Fr,
	Chunk, ColumnData, Error, Schema, Step,
};
use std::collections::HashSet;

/// Rows of `chunk` that `step` keeps (all rows for steps that keep every row).
fn kept_rows(step: &Step, chunk: &Chunk) -> Vec<usize> {
	let rows = 0..chunk.rows();
	match step {
		Step::DropNulls { columns } => rows
			.filter(|&r| columns.iter().all(|&c| !chunk.columns[usize::from(c)].is_null(r)))
			.collect(),
		Step::FilterRange { column, lo, hi } => {
			let col = &chunk.columns[usize::from(*column)];
			rows.filter(|&r| match col.value(r) {
				Some(Value::Int64(v)) | Some(Value::Decimal(v)) => *lo <= v && v <= *hi,
				_ => false,
			})
			.collect()
		}
		Step::Dedup => {
			let mut seen = HashSet::new();
			rows.filter(|&r| {
				let row: Vec<Option<Value>> = chunk.columns.iter().map(|c| c.value(r)).collect();
				seen.insert(row)
			})
			.collect()
		}
		_ => rows.collect(),
	}
}

/// Applies `step` to a chunk of `schema`: the clean chunk, rows in order.
pub fn apply(step: &Step, schema: &Schema, chunk: &Chunk) -> Result<Chunk, Error> {
	step.validate(schema)?;
	chunk.validate(schema, usize::MAX)?;
	let mut out = chunk.select_rows(&kept_rows(step, chunk));
	match step {
		Step::Clamp { column, lo, hi } => match &mut out.columns[usize::from(*column)] {
			ColumnData::Int64(v) | ColumnData::Decimal(v) => {
				v.iter_mut().flatten().for_each(|x| *x = (*x).clamp(*lo, *hi))
			}
			_ => return Err(Error::Step("clamp needs a numeric column".into())),
		},
		Step::FillNull { column, value } => {
			let col = &mut out.columns[usize::from(*column)];
			let filled: Vec<Option<Value>> =
				(0..col.len()).map(|r| col.value(r).or_else(|| Some(value.clone()))).collect();
			let mut fresh = ColumnData::empty(schema.columns()[usize::from(*column)].ty);
			for v in filled {
				if !fresh.push(v) {
					return Err(Error::Step("the fill value does not fit the column".into()));
				}
			}
			*col = fresh;
		}
		Step::DropColumns { columns } => {
			out.columns = out
				.columns
				.into_iter()
				.enumerate()
				.filter(|(i, _)| !columns.contains(&(*i as u16)))
				.map(|(_, c)| c)
				.collect();
		}
		_ => {}
	}
	Ok(out)
}

/// Applies `step` to encoded cells: what the circuit checks. `clean_width` is the clean
/// schema's width class.
pub fn apply_cells(step: &Step, raw: &CellMatrix, clean_width: usize) -> CellMatrix {
	let w = raw.width;
	let mut rows: Vec<Vec<Fr>> = (0..raw.rows).map(|r| raw.row(r).to_vec()).collect();
	match step {
		Step::DropNulls { columns } => {
			rows.retain(|row| columns.iter().all(|&c| row[usize::from(c)] != cell::NULL))
		}
		Step::FilterRange { column, lo, hi } => {
			let (lo, hi) = (cell::encode_i64(*lo), cell::encode_i64(*hi));
			rows.retain(|row| {
				let x = row[usize::from(*column)];
				x != cell::NULL && lo <= x && x <= hi
			});
		}
		Step::Clamp { column, lo, hi } => {
			let (lo, hi) = (cell::encode_i64(*lo), cell::encode_i64(*hi));
			for row in &mut rows {
				let x = &mut row[usize::from(*column)];
				if *x != cell::NULL {
					*x = if *x < lo {
						lo
					} else if *x > hi {
						hi
					} else {
						*x
					};
				}
			}
		}
		Step::FillNull { column, value } => {
			let v = value.encode();
			for row in &mut rows {
				if row[usize::from(*column)] == cell::NULL {
					row[usize::from(*column)] = v;
				}
			}
		}
		Step::Dedup => {
			let mut seen = HashSet::new();
			rows.retain(|row| {
				seen.insert(row.iter().map(loam_data::field::to_bytes).collect::<Vec<_>>())
			});
		}
		Step::DropColumns { columns } => {
			for row in &mut rows {
				let kept: Vec<Fr> =
					(0..w).filter(|k| !columns.contains(&(*k as u16))).map(|k| row[k]).collect();
				*row = kept;
			}
		}
	}
	let mut cells = Vec::with_capacity(rows.len() * clean_width);
	for row in &rows {
		cells.extend(row.iter().copied().take(clean_width));
		cells.extend(std::iter::repeat_n(cell::NULL, clean_width.saturating_sub(row.len())));
	}
	CellMatrix { width: clean_width, rows: rows.len(), cells }
}
