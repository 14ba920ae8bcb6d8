//! FRAME benchmark of `submit_report` at its worst case: the report that makes a score
//! final among `n` validators, after `n - 1` others, a third of them dissenting; the
//! outcome is the largest report (every column numeric); every agreeing scorer is paid.

use super::*;
use crate::pallet::Pallet as Scoring;
use alloc::{vec, vec::Vec};
use codec::Encode;
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, Get};
use frame_system::RawOrigin;
use loam_data::{
	metrics::{ColumnMetrics, ColumnStats, NumericStats, QualityReport, SCORING_VERSION},
	MAX_COLUMNS,
};
use sp_runtime::{traits::Bounded, Permill, RuntimeAppPublic};

fn largest_outcome(tweak: u16) -> Outcome {
	let column = ColumnMetrics {
		completeness: 1,
		distinctness: 2,
		uniqueness: 3,
		stats: ColumnStats::Numeric(NumericStats {
			min: i64::MIN,
			max: i64::MAX,
			mean_e6: i128::MAX,
			std_e6: u128::MAX,
			q1: -1,
			q3: 1,
			outliers: 4,
		}),
	};
	Outcome::Scored(QualityReport {
		rows: u64::MAX,
		columns: vec![column; MAX_COLUMNS],
		duplicate_rows: 5,
		conformance: 6,
		outliers: 7,
		labels: None,
		overall_bp: tweak,
	})
}

fn signed<T: Config>(report: &ReportOf<T>) -> SignatureOf<T> {
	report.reporter.sign(&report.encode()).expect("the benchmark keystore holds the key")
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn submit_report(n: Linear<1, { T::MaxValidators::get() }>) -> Result<(), BenchmarkError> {
		let validators: Vec<T::AuthorityId> =
			(0..n).map(|_| T::AuthorityId::generate_pair(None)).collect();
		T::BenchmarkHelper::set_validators(validators.clone());
		let pool = T::RewardPool::get();
		<T as pallet_datasets::Config>::Currency::set_balance(
			&pool,
			BalanceOf::<T>::max_value() / 2u32.into(),
		);
		let owner: T::AccountId = account("owner", 0, 0);
		let v = pallet_datasets::Pallet::<T>::insert_unchecked(owner, None, Permill::zero());
		// The quorum, and the dissenters that report before it.
		let quorum = (2 * n).div_ceil(3);
		let dissent = n - quorum;
		let mut reporters = validators.into_iter();
		for _ in 0..dissent {
			let reporter = reporters.next().expect("n validators");
			let report = Report {
				version: v,
				algorithm: SCORING_VERSION,
				reporter,
				outcome: largest_outcome(1),
			};
			let signature = signed::<T>(&report);
			Scoring::<T>::submit_report(RawOrigin::None.into(), report, signature)?;
		}
		for _ in 1..quorum {
			let reporter = reporters.next().expect("n validators");
			let report = Report {
				version: v,
				algorithm: SCORING_VERSION,
				reporter,
				outcome: largest_outcome(0),
			};
			let signature = signed::<T>(&report);
			Scoring::<T>::submit_report(RawOrigin::None.into(), report, signature)?;
		}
		let reporter = reporters.next().expect("n validators");
		let report = Report {
			version: v,
			algorithm: SCORING_VERSION,
			reporter,
			outcome: largest_outcome(0),
		};
		let signature = signed::<T>(&report);

		#[extrinsic_call]
		_(RawOrigin::None, report, signature);

		assert!(Scores::<T>::contains_key(v));
		assert_eq!(Dissenters::<T>::get(v).len() as u32, dissent);
		Ok(())
	}

	impl_benchmark_test_suite!(Scoring, crate::mock::new_test_ext(), crate::mock::Test);
}
