//! Accepting reports, reaching a quorum, recording dissent, paying scorers.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use codec::Encode;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::{Fortitude, Preservation},
	},
};
use loam_data::metrics::SCORING_VERSION;
use pallet_datasets::DatasetId;
use sp_runtime::{
	traits::{Convert, Zero},
	RuntimeAppPublic,
};

impl<T: Config> Pallet<T> {
	/// Whether `report` may enter a block: the algorithm this chain runs, a known version,
	/// a current validator's valid signature, and that validator's first report on it.
	pub fn check_report(report: &ReportOf<T>, signature: &SignatureOf<T>) -> Result<(), Error<T>> {
		ensure!(report.algorithm == SCORING_VERSION, Error::<T>::WrongAlgorithm);
		ensure!(
			pallet_datasets::Datasets::<T>::contains_key(report.version),
			Error::<T>::UnknownVersion
		);
		ensure!(T::Validators::get().contains(&report.reporter), Error::<T>::NotValidator);
		ensure!(report.reporter.verify(&report.encode(), signature), Error::<T>::BadSignature);
		ensure!(!Self::has_reported(report.version, &report.reporter), Error::<T>::DuplicateReport);
		Ok(())
	}

	/// Whether `who` reported on `version`.
	pub fn has_reported(version: DatasetId, who: &T::AuthorityId) -> bool {
		Reports::<T>::get(version).iter().any(|(r, _)| r == who)
	}

	/// Records a checked report; returns the number of reports on the version.
	pub(crate) fn do_report(report: ReportOf<T>) -> Result<u32, DispatchError> {
		let Report { version, algorithm, reporter, outcome } = report;
		let hash = outcome.hash();
		let mut reports = Reports::<T>::get(version);
		reports.try_push((reporter.clone(), hash)).map_err(|_| Error::<T>::TooManyReports)?;
		Reports::<T>::insert(version, &reports);
		Self::deposit_event(Event::Reported { version, reporter: reporter.clone(), outcome: hash });
		let count = reports.len() as u32;

		if let Some(score) = Scores::<T>::get(version) {
			if score.outcome.hash() != hash {
				Self::dissent(version, reporter, hash);
			}
			return Ok(count);
		}
		let agreeing: Vec<T::AuthorityId> =
			reports.iter().filter(|(_, h)| *h == hash).map(|(r, _)| r.clone()).collect();
		let validators = T::Validators::get().len() as u32;
		if !is_quorum(agreeing.len() as u32, validators) {
			if !Outcomes::<T>::contains_key(version, hash) {
				Outcomes::<T>::insert(version, hash, outcome);
			}
			return Ok(count);
		}

		let _ = Outcomes::<T>::clear_prefix(version, T::MaxValidators::get(), None);
		let overall_bp = outcome.overall_bp();
		Scores::<T>::insert(
			version,
			FinalScore {
				outcome,
				algorithm,
				agreeing: agreeing.len() as u32,
				validators,
				finalized: frame_system::Pallet::<T>::block_number(),
			},
		);
		Self::deposit_event(Event::ScoreFinal {
			version,
			outcome: hash,
			overall_bp,
			agreeing: agreeing.len() as u32,
		});
		for (who, h) in reports.iter().filter(|(_, h)| *h != hash) {
			Self::dissent(version, who.clone(), *h);
		}
		Self::pay(version, &agreeing);
		Ok(count)
	}

	fn dissent(version: DatasetId, reporter: T::AuthorityId, outcome: OutcomeHash) {
		// Bounded like the reports it comes from, so it cannot overflow.
		let _ = Dissenters::<T>::try_mutate(version, |d| d.try_push(reporter.clone()));
		Self::deposit_event(Event::Dissented { version, reporter, outcome });
	}

	/// Shares the reward (at most what the pool can pay and stay alive) equally among
	/// the agreeing reporters; the rounding remainder stays in the pool.
	fn pay(version: DatasetId, agreeing: &[T::AuthorityId]) {
		let pool = T::RewardPool::get();
		let available = <T as pallet_datasets::Config>::Currency::reducible_balance(
			&pool,
			Preservation::Preserve,
			Fortitude::Polite,
		);
		let share = T::Reward::get().min(available) / BalanceOf::<T>::from(agreeing.len() as u32);
		if share.is_zero() {
			return;
		}
		for reporter in agreeing {
			let scorer = T::ScorerAccount::convert(reporter.clone());
			let paid = <T as pallet_datasets::Config>::Currency::transfer(
				&pool,
				&scorer,
				share,
				Preservation::Preserve,
			);
			if paid.is_ok() {
				Self::deposit_event(Event::ScorerPaid { version, scorer, amount: share });
			}
		}
	}
}
