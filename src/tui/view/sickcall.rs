//! The sick call over the schedule: the cleaner and the period, then each
//! job with its replacement and why (or that nobody is free), taken or not,
//! and the keys.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::form::centred;
use super::keys;
use super::lists::frame_block;
use crate::domain::sickcall::Replacement;
use crate::tui::app::{App, SickCallState, SickPlan};
use crate::words::slots;
use crate::words::text::{fit, pad, weekday_dm};

fn staff_name(app: &App, id: i64) -> String {
    app.plan
        .as_ref()
        .and_then(|p| p.staff_by_id(id))
        .map_or_else(
            || app.words().with("journal-cleaner-id", &[("id", id.into())]),
            |s| s.name.clone(),
        )
}

fn customer_name(app: &App, id: i64) -> String {
    app.customers
        .as_ref()
        .and_then(|c| c.by_id.get(&id))
        .map_or_else(
            || {
                app.words()
                    .with("journal-customer-id", &[("id", id.into())])
            },
            |c| c.name.clone(),
        )
}

/// `[x] fre 20/11 09:00–11:00 Hansen → Bo Madsen`, and the reason below.
fn job_lines(app: &App, r: &Replacement, taken: bool) -> (String, String) {
    let tz = app.settings.tz;
    let mark = match (&r.to, taken) {
        (None, _) => "   ",
        (Some(_), true) => "[x]",
        (Some(_), false) => "[ ]",
    };
    let (to, why) = match &r.to {
        Some((id, reason)) => (
            staff_name(app, *id),
            slots::replacement(app.words(), reason),
        ),
        None => (
            app.words().get("sick-nobody-free"),
            app.words().get("sick-stays"),
        ),
    };
    (
        format!(
            "{mark} {} {}–{} {} → {to}",
            weekday_dm(app.words(), tz.local_date(r.start)),
            tz.hm(r.start),
            tz.hm(r.end),
            customer_name(app, r.customer_id),
        ),
        format!("      {why}"),
    )
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, s: &SickCallState) {
    let t = &app.theme;
    let rect = centred(area, 78, 20);
    // Nothing under it shows beside it.
    super::form::cover(frame, area, rect, t.base);
    let words = app.words();
    let block = frame_block(
        app,
        format!(
            " {} ",
            words.with("sick-title", &[("name", s.name.as_str().into())])
        ),
    );
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height < 6 {
        return;
    }
    let w = inner.width as usize;
    let buf = frame.buffer_mut();
    let head = words.with(
        "sick-head",
        &[
            ("from", weekday_dm(words, s.from).into()),
            ("to", weekday_dm(words, s.to).into()),
        ],
    );
    buf.set_string(inner.x, inner.y, fit(&head, w), t.panel);
    let list_y = inner.y + 2;
    let rows = inner.bottom().saturating_sub(2).saturating_sub(list_y) as usize;
    match &s.plan {
        SickPlan::Waiting => buf.set_string(inner.x, list_y, words.get("search-looking"), t.label),
        SickPlan::Failed(e) => {
            buf.set_string(inner.x, list_y, fit(&format!("✗ {e}"), w), t.status_error)
        }
        SickPlan::Ready(p) if p.is_empty() => {
            buf.set_string(inner.x, list_y, words.get("sick-no-jobs"), t.label)
        }
        SickPlan::Ready(p) => {
            // Two lines a job; keep the chosen one in view.
            let per = (rows / 2).max(1);
            let first = s.cursor.saturating_sub(per - 1);
            for (i, r) in p.iter().enumerate().skip(first).take(per) {
                let y = list_y + 2 * (i - first) as u16;
                let taken = s.accepted.get(i).copied().unwrap_or(false);
                let (line, why) = job_lines(app, r, taken);
                let style = if i == s.cursor { t.selected } else { t.panel };
                buf.set_string(inner.x, y, pad(&fit(&line, w), w), style);
                buf.set_string(inner.x, y + 1, fit(&why, w), t.label);
            }
        }
    }
    let taken = s.taken().len();
    let total = s.jobs().len();
    buf.set_string(
        inner.x,
        inner.bottom() - 2,
        fit(
            &words.with(
                "sick-taken",
                &[("taken", taken.into()), ("total", total.into())],
            ),
            w,
        ),
        t.label,
    );
    buf.set_string(
        inner.x,
        inner.bottom() - 1,
        fit(
            &keys::hint(&app.keymap, keys::SICK_CALL_HINT, ": ", app.words()),
            w,
        ),
        t.label,
    );
}
