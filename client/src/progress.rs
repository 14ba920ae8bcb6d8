//! Progress bars on stderr for long work (committing, uploading, proving, downloading),
//! hidden for `--json` and when stderr is not a terminal, so scripts get clean output.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::{io::IsTerminal, time::Duration};

/// Makes progress bars, or hidden ones.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
	visible: bool,
}

impl Progress {
	/// Bars on stderr when it is a terminal and `quiet` is false.
	pub fn new(quiet: bool) -> Self {
		Self { visible: !quiet && std::io::stderr().is_terminal() }
	}

	/// No bars at all (library use, tests).
	pub fn hidden() -> Self {
		Self { visible: false }
	}

	fn target(&self) -> ProgressDrawTarget {
		if self.visible {
			ProgressDrawTarget::stderr()
		} else {
			ProgressDrawTarget::hidden()
		}
	}

	/// A bar of `len` steps.
	pub fn bar(&self, len: u64, what: &str) -> ProgressBar {
		let bar = ProgressBar::with_draw_target(Some(len), self.target());
		bar.set_style(
			ProgressStyle::with_template(
				"{msg:>24} [{bar:32.cyan/blue}] {pos}/{len} ({elapsed}, eta {eta})",
			)
			.expect("a valid template")
			.progress_chars("=> "),
		);
		bar.set_message(what.to_string());
		bar
	}

	/// A spinner with a message.
	pub fn spinner(&self, what: String) -> ProgressBar {
		let bar = ProgressBar::with_draw_target(None, self.target());
		bar.set_style(
			ProgressStyle::with_template("{spinner} {msg} ({elapsed})").expect("a valid template"),
		);
		bar.set_message(what);
		bar.enable_steady_tick(Duration::from_millis(120));
		bar
	}
}
