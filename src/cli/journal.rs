//! `renos journal [--booking ID] [--limit N] [--json]`: a sentence an
//! entry, in the console's journal words.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, anyhow};
use serde::Serialize;

use super::Context;
use crate::engine::history::{self, JournalLine};
use crate::words::news;

/// A journal entry as `--json` prints it: the typed fields, and the words.
#[derive(Serialize)]
struct JsonLine<'a> {
    #[serde(flatten)]
    line: &'a JournalLine,
    /// "move of #12 · Søren Østergaard"
    what: String,
    /// "start 09:00 → 09:15", one per changed field.
    changes: Vec<String>,
    /// The entry as one sentence, as `renos journal` prints it.
    sentence: String,
}

pub fn run(ctx: &Context, booking: Option<i64>, limit: usize, json: bool) -> Result<ExitCode> {
    let store = ctx.open_existing()?;
    // `--json` keeps its words fixed, in English; the text speaks the
    // command's language.
    let en = crate::i18n::Language::En.words();
    let w = ctx.words();
    if let Some(id) = booking {
        // A booking removed by an undo still has its history.
        if store.booking(id).is_err() && store.journal(Some(("booking", id)), 1)?.is_empty() {
            return Err(anyhow!(
                w.with("cli-journal-no-history", &[("id", id.into())])
            ));
        }
    }
    let lines = history::load(&store, booking, limit, ctx.settings.tz)?;
    let mut out = super::screen::stdout();
    let tz = ctx.settings.tz;
    if json {
        let lines: Vec<JsonLine> = lines
            .iter()
            .map(|l| JsonLine {
                line: l,
                what: news::journal_what(l),
                changes: news::journal_changes(l, tz),
                sentence: news::journal_sentence(en, l, tz),
            })
            .collect();
        super::screen::json(&mut out, &lines)?;
    } else if lines.is_empty() {
        writeln!(out, "{}", w.get("cli-journal-empty"))?;
    } else {
        for l in lines.iter().rev() {
            let at = tz.local(l.at_utc).format("%Y-%m-%d %H:%M");
            writeln!(out, "{at}  {}", news::journal_sentence(w, l, tz))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
