//! Reports, quorum, dissent, rewards, and what is refused.

use crate::{mock::*, pallet::*, types::*, Error};
use codec::Encode;
use frame_support::{assert_noop, assert_ok, pallet_prelude::*};
use loam_data::{
	metrics::{Profiler, QualityReport, SCORING_VERSION},
	Chunk, Column, ColumnData, ColumnType, Schema,
};
use sp_runtime::{testing::UintAuthorityId, RuntimeAppPublic};

fn quality(rows: i64) -> QualityReport {
	let schema = Schema::new(vec![Column::new("x", ColumnType::Int64, false)]).unwrap();
	let mut p = Profiler::new(schema, None).unwrap();
	p.push(&Chunk { columns: vec![ColumnData::Int64((0..rows).map(Some).collect())] }).unwrap();
	p.finish()
}

fn report(version: u64, who: u64, outcome: Outcome) -> ReportOf<Test> {
	Report { version, algorithm: SCORING_VERSION, reporter: UintAuthorityId(who), outcome }
}

fn submit(r: ReportOf<Test>) -> DispatchResultWithPostInfo {
	let signature = r.reporter.sign(&r.encode()).unwrap();
	Scoring::submit_report(RuntimeOrigin::none(), r, signature)
}

fn validate(r: &ReportOf<Test>) -> TransactionValidity {
	let signature = r.reporter.sign(&r.encode()).unwrap();
	let call = Call::submit_report { report: r.clone(), signature };
	#[allow(deprecated)]
	<Scoring as ValidateUnsigned>::validate_unsigned(TransactionSource::External, &call)
}

fn balance(who: u64) -> Balance {
	Balances::free_balance(who)
}

#[test]
fn three_of_four_identical_reports_make_the_score_final_and_pay_them() {
	new_test_ext().execute_with(|| {
		let v = put_version();
		let good = Outcome::Scored(quality(10));
		assert_ok!(submit(report(v, 1, good.clone())));
		assert_ok!(submit(report(v, 2, good.clone())));
		assert!(Scores::<Test>::get(v).is_none(), "two of four is not two thirds");
		assert!(Outcomes::<Test>::get(v, good.hash()).is_some(), "the outcome waits");
		assert_ok!(submit(report(v, 3, good.clone())));

		let score = Scores::<Test>::get(v).expect("final");
		assert_eq!(score.outcome, good);
		assert_eq!((score.agreeing, score.validators, score.algorithm), (3, 4, SCORING_VERSION));
		assert!(Outcomes::<Test>::iter_prefix(v).next().is_none(), "pending outcomes cleared");
		System::assert_has_event(
			Event::ScoreFinal {
				version: v,
				outcome: good.hash(),
				overall_bp: good.overall_bp(),
				agreeing: 3,
			}
			.into(),
		);
		// 1 000 shared by three: 333 each, the remainder stays in the pool.
		for who in 1..=3 {
			assert_eq!(balance(who), ED + 333, "scorer {who}");
		}
		assert_eq!(balance(4), ED);
		assert_eq!(balance(POOL), 100_000 - 999);
		assert!(Dissenters::<Test>::get(v).is_empty());
	});
}

#[test]
fn a_dissenter_is_outvoted_and_recorded_before_or_after_the_quorum() {
	new_test_ext().execute_with(|| {
		let v = put_version();
		let good = Outcome::Scored(quality(10));
		let lie = Outcome::Scored(QualityReport { overall_bp: 1, ..quality(10) });
		assert_ok!(submit(report(v, 4, lie.clone())));
		for who in 1..=3 {
			assert_ok!(submit(report(v, who, good.clone())));
		}
		assert_eq!(Scores::<Test>::get(v).unwrap().outcome, good);
		assert_eq!(Dissenters::<Test>::get(v).into_inner(), vec![UintAuthorityId(4)]);
		System::assert_has_event(
			Event::Dissented { version: v, reporter: UintAuthorityId(4), outcome: lie.hash() }
				.into(),
		);
		assert_eq!(balance(4), ED, "a dissenter is not paid");

		// After the quorum: a late liar is recorded too, a late agreeing one is not.
		let w = put_version();
		for who in 1..=3 {
			assert_ok!(submit(report(w, who, Outcome::Mismatch)));
		}
		assert_eq!(Scores::<Test>::get(w).unwrap().outcome, Outcome::Mismatch);
		assert_ok!(submit(report(w, 4, Outcome::Unreachable)));
		assert_eq!(Dissenters::<Test>::get(w).into_inner(), vec![UintAuthorityId(4)]);
	});
}

#[test]
fn no_quorum_without_two_thirds() {
	new_test_ext().execute_with(|| {
		let v = put_version();
		assert_ok!(submit(report(v, 1, Outcome::Scored(quality(10)))));
		assert_ok!(submit(report(v, 2, Outcome::Scored(quality(11)))));
		assert_ok!(submit(report(v, 3, Outcome::Unreachable)));
		assert_ok!(submit(report(v, 4, Outcome::Mismatch)));
		assert!(Scores::<Test>::get(v).is_none());
		assert_eq!(Reports::<Test>::get(v).len(), 4);
		assert_eq!(Outcomes::<Test>::iter_prefix(v).count(), 4);
	});
}

#[test]
fn refused_reports_change_nothing() {
	new_test_ext().execute_with(|| {
		let v = put_version();
		let good = Outcome::Scored(quality(10));
		// Not a validator.
		assert_noop!(submit(report(v, 7, good.clone())), Error::<Test>::NotValidator);
		// Unknown version.
		assert_noop!(submit(report(v + 1, 1, good.clone())), Error::<Test>::UnknownVersion);
		// Another algorithm.
		let old = Report { algorithm: SCORING_VERSION + 1, ..report(v, 1, good.clone()) };
		assert_noop!(submit(old), Error::<Test>::WrongAlgorithm);
		// Signed by someone else, or over other bytes.
		let r = report(v, 1, good.clone());
		let forged = UintAuthorityId(2).sign(&r.encode()).unwrap();
		assert_noop!(
			Scoring::submit_report(RuntimeOrigin::none(), r.clone(), forged),
			Error::<Test>::BadSignature
		);
		let tampered = UintAuthorityId(1).sign(&report(v, 1, Outcome::Mismatch).encode()).unwrap();
		assert_noop!(
			Scoring::submit_report(RuntimeOrigin::none(), r.clone(), tampered),
			Error::<Test>::BadSignature
		);
		// Signed origins are not reports.
		let sig = r.reporter.sign(&r.encode()).unwrap();
		assert_noop!(
			Scoring::submit_report(RuntimeOrigin::signed(1), r.clone(), sig),
			DispatchError::BadOrigin
		);
		// A second report by the same validator, even a different one.
		assert_ok!(submit(r));
		assert_noop!(submit(report(v, 1, Outcome::Mismatch)), Error::<Test>::DuplicateReport);
		assert_eq!(Reports::<Test>::get(v).len(), 1);
	});
}

#[test]
fn the_pool_validates_like_the_block() {
	new_test_ext().execute_with(|| {
		let v = put_version();
		let good = Outcome::Scored(quality(10));
		assert!(validate(&report(v, 1, good.clone())).is_ok());
		assert_eq!(
			validate(&report(v, 9, good.clone())),
			Err(InvalidTransaction::Custom(2).into()),
			"not a validator"
		);
		assert_ok!(submit(report(v, 1, good.clone())));
		assert_eq!(
			validate(&report(v, 1, good)),
			Err(InvalidTransaction::Custom(4).into()),
			"duplicate"
		);
	});
}

#[test]
fn a_poor_pool_pays_what_it_can_and_never_dies() {
	new_test_ext().execute_with(|| {
		let v = put_version();
		let _ =
			<Balances as frame_support::traits::fungible::Mutate<_>>::set_balance(&POOL, ED + 30);
		for who in 1..=3 {
			assert_ok!(submit(report(v, who, Outcome::Mismatch)));
		}
		assert!(Scores::<Test>::contains_key(v));
		for who in 1..=3 {
			assert_eq!(balance(who), ED + 10);
		}
		assert_eq!(balance(POOL), ED, "the pool stays alive");
	});
}

#[test]
fn the_label_is_declared_by_a_tag() {
	let tags: Vec<Vec<u8>> = vec![b"tabular".to_vec(), b"label=species".to_vec()];
	assert_eq!(label_tag(&tags), Some(&b"species"[..]));
	assert_eq!(label_tag(&[b"labels".to_vec()]), None);
	assert!(is_quorum(3, 4) && !is_quorum(2, 4) && is_quorum(1, 1) && !is_quorum(0, 0));
	assert!(is_quorum(2, 3) && is_quorum(5, 7) && !is_quorum(4, 7));
}
