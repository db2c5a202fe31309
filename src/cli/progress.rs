//! A progress bar for long imports, on stderr, only when stderr is a
//! terminal (never in a pipe or a log file).

use indicatif::{ProgressBar, ProgressStyle};

use crate::engine::import::Progress;
use crate::i18n::Words;

/// Files smaller than this import too fast for a bar to help.
const WORTH_A_BAR: u64 = 512 * 1024;

pub struct Bar {
    bar: Option<ProgressBar>,
    words: Words,
}

impl Bar {
    pub fn for_file(size: u64, words: Words) -> Bar {
        let show = size >= WORTH_A_BAR && super::screen::stderr_is_terminal();
        Bar {
            bar: show.then(|| ProgressBar::new(size)),
            words,
        }
    }
}

impl Progress for Bar {
    fn start(&mut self, pass: u8, total: u64) {
        if let Some(bar) = &self.bar {
            let w = self.words;
            let what = if pass == 1 {
                w.get("cli-progress-checking")
            } else {
                w.get("cli-progress-importing")
            };
            let style = ProgressStyle::with_template(&format!(
                "{what:>9} [{{bar:40}}] {{bytes}}/{{total_bytes}} {{eta}}"
            ))
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
            bar.set_style(style);
            bar.set_length(total.max(1));
            bar.set_position(0);
        }
    }

    fn advance(&mut self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(bytes.max(bar.position()));
        }
    }

    fn finish(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
