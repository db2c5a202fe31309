//! The staff screen: the cleaners on the left (with the hours booked in the
//! week shown), the chosen one's calendar (their own on CalDAV or Microsoft
//! 365, or the shared Google one, with its state), then their fields on the
//! right — each weekday's hours
//! with breaks, skills, area, contract, daily maximum, priority, date
//! overrides and time off — scrolling to keep the chosen row in view; a
//! field being edited shows its new value in place, with how to write it
//! below, or why it does not read.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::Clear;

use super::lists::frame_block;
use crate::domain::availability::StaffField;
use crate::engine::worker::StaffCard;
use crate::i18n::Words;
use crate::tui::action::{Action, KeyMode};
use crate::tui::app::{App, StaffList, StaffNote, StaffRow, StaffScreen, row_typed};
use crate::words::text::{HourParts, fit, pad, wrap_fit};
use crate::words::values;

/// Where a day's booked hours end, counted from the start of its value.
const BOOKED_COLUMN: usize = 52;

/// How a field's value is written, shown while it is typed.
fn example(w: Words, f: StaffField) -> String {
    w.get(match f {
        StaffField::Day(_) => "staff-example-day",
        StaffField::Skills => "staff-example-skills",
        StaffField::Area => "staff-example-area",
        StaffField::Contract => "staff-example-contract",
        StaffField::DailyMax => "staff-example-daily-max",
        StaffField::Priority => "staff-example-priority",
        StaffField::AddOverride => "staff-example-override",
        StaffField::AddTimeOff => "staff-example-time-off",
    })
}

fn label(w: Words, row: StaffRow) -> String {
    match row {
        StaffRow::Day(d) => w.with("staff-label-day", &[("day", (d + 1).into())]),
        StaffRow::Skills => w.get("staff-label-skills"),
        StaffRow::Area => w.get("staff-label-area"),
        StaffRow::Contract => w.get("staff-label-contract"),
        StaffRow::DailyMax => w.get("staff-label-daily-max"),
        StaffRow::Priority => w.get("staff-label-priority"),
        StaffRow::Override(0) => w.get("staff-label-overrides"),
        StaffRow::TimeOff(0) => w.get("staff-label-time-off"),
        _ => String::new(),
    }
}

/// Hours in the staff screen's words: `37,5` in Danish.
fn hours(w: Words, minutes: i64) -> String {
    crate::words::text::hours(w, minutes, HourParts::Tenths)
}

/// A row's value in words.
fn value(w: Words, card: &StaffCard, row: StaffRow) -> String {
    let a = &card.availability;
    match row {
        StaffRow::Day(_) => row_typed(w, card, row).replace(',', ", "),
        StaffRow::Skills if a.skills.is_empty() => w.get("staff-every-service"),
        StaffRow::Area if a.area.0.is_empty() => w.get("staff-everywhere"),
        StaffRow::Contract => match a.contract_min {
            Some(m) => w.with(
                "staff-contract-hours",
                &[("h", hours(w, i64::from(m)).into())],
            ),
            None => w.get("staff-none"),
        },
        StaffRow::DailyMax => match a.daily_max_min {
            Some(m) => w.with(
                "staff-daily-max-hours",
                &[("h", hours(w, i64::from(m)).into())],
            ),
            None => w.get("staff-none"),
        },
        StaffRow::AddOverride => w.get("staff-add-override"),
        StaffRow::AddTimeOff => w.get("staff-add-time-off"),
        _ => row_typed(w, card, row),
    }
}

/// `Week 49: 22 of 30 h booked`, or over the contract, or without one.
fn booked(w: Words, card: &StaffCard, week: Option<chrono::NaiveDate>) -> String {
    let n = week.map_or(String::new(), |d| d.format("%V").to_string());
    let booked = card.booked_week_min;
    match card.availability.contract_min.map(i64::from) {
        Some(c) if booked > c => w.with(
            "staff-week-over",
            &[
                ("week", n.into()),
                ("booked", hours(w, booked).into()),
                ("of", hours(w, c).into()),
                ("over", hours(w, booked - c).into()),
            ],
        ),
        Some(c) => w.with(
            "staff-week-booked",
            &[
                ("week", n.into()),
                ("booked", hours(w, booked).into()),
                ("of", hours(w, c).into()),
            ],
        ),
        None => w.with(
            "staff-week-no-contract",
            &[
                ("week", n.into()),
                ("booked", hours(w, booked).into()),
                (
                    "working",
                    hours(w, card.availability.week.week_minutes()).into(),
                ),
            ],
        ),
    }
}

/// The cleaners' list entry: `Anna Jensen  22/30`.
fn list_entry(words: Words, card: &StaffCard, w: usize) -> String {
    let load = match card.availability.contract_min {
        Some(c) => format!(
            "{}/{}",
            hours(words, card.booked_week_min),
            hours(words, i64::from(c))
        ),
        None => hours(words, card.booked_week_min),
    };
    let name_w = w.saturating_sub(load.chars().count() + 2);
    format!("{} {load}", pad(&fit(&card.staff.name, name_w), name_w + 1))
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, s: &StaffScreen) {
    let t = &app.theme;
    // Between the header and the status line: the whole screen's width.
    let rect = Rect {
        x: area.x,
        y: area.y + 1,
        width: area.width,
        height: area.height.saturating_sub(3),
    };
    frame.render_widget(Clear, rect);
    let words = app.words();
    let block = frame_block(app, format!(" {} ", words.get("staff-title")));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height < 6 || inner.width < 30 {
        return;
    }
    let buf = frame.buffer_mut();
    let cards = match &s.list {
        StaffList::Waiting => {
            buf.set_string(inner.x, inner.y, words.get("screen-loading"), t.label);
            return;
        }
        StaffList::Failed(e) => {
            let text = words.with("staff-read-failed", &[("error", e.as_str().into())]);
            buf.set_string(
                inner.x,
                inner.y,
                fit(&text, inner.width as usize),
                t.status_error,
            );
            return;
        }
        StaffList::Ready(c) if c.is_empty() => {
            let text = words.get("staff-none-yet");
            buf.set_string(inner.x, inner.y, fit(&text, inner.width as usize), t.label);
            return;
        }
        StaffList::Ready(c) => c,
    };
    // The list of cleaners: wider on a wide screen.
    let list_w: u16 = if inner.width >= 110 { 32 } else { 24 };
    let chosen = s.chosen_index();
    let list_rows = inner.height.saturating_sub(1) as usize;
    let first = chosen.saturating_sub(list_rows.saturating_sub(1));
    for (i, c) in cards.iter().enumerate().skip(first).take(list_rows) {
        let y = inner.y + (i - first) as u16;
        let style = if i == chosen { t.selected } else { t.panel };
        let w = usize::from(list_w - 1);
        buf.set_string(inner.x, y, pad(&list_entry(app.words(), c, w), w), style);
    }
    for y in inner.y..inner.bottom() {
        buf.set_string(inner.x + list_w, y, "│", t.panel_border);
    }
    let x = inner.x + list_w + 2;
    let w = inner.right().saturating_sub(x) as usize;
    let Some(card) = s.card() else {
        return;
    };
    buf.set_string(
        x,
        inner.y,
        fit(&booked(words, card, s.week), w),
        t.panel_title,
    );
    // Where the cleaner's jobs go, and how that calendar is doing.
    let calendar = crate::words::news::cleaners_calendar(
        words,
        &app.sync.connection_states(),
        &card.staff.name,
    );
    if let Some(line) = &calendar {
        buf.set_string(x, inner.y + 1, fit(line, w), t.label);
    }
    // The fields, scrolled to keep the chosen one in view.
    // As wide as the longest label of the language, and a space.
    let rows = s.rows();
    let label_w = rows
        .iter()
        .map(|r| crate::words::text::width(&label(words, *r)) + 1)
        .max()
        .unwrap_or(0)
        .clamp(11, (w / 3).max(11));
    // Below the fields: how to write the value, or why it does not read.
    let field = s.current_row().and_then(StaffRow::field);
    let (note, style) = match (&s.note, field) {
        (Some(StaffNote::Invalid(f, why)), _) => (
            format!(
                "✗ {}: {}",
                capital(&values::staff_field(words, *f)),
                values::hours_error_in(words, why, &values::Keywords::spoken(words))
            ),
            t.status_error,
        ),
        (Some(StaffNote::RemoveOnly), _) => (
            words.with(
                "staff-remove-only",
                &[(
                    "key",
                    app.keymap
                        .first(KeyMode::Staff, Action::Remove)
                        .unwrap_or_default()
                        .into(),
                )],
            ),
            t.warning,
        ),
        (Some(StaffNote::NothingToRemove), _) => (words.get("staff-nothing-to-remove"), t.warning),
        (Some(StaffNote::NothingToPutBack), _) => {
            (words.get("staff-nothing-to-put-back"), t.warning)
        }
        (None, Some(f)) if s.editing.is_some() => (example(words, f), t.label),
        (None, _) => (String::new(), t.label),
    };
    let lines = if note.is_empty() {
        vec![String::new()]
    } else {
        wrap_fit(&note, w, 3)
    };
    let top = inner.y + 1 + u16::from(calendar.is_some());
    let room = inner
        .bottom()
        .saturating_sub(lines.len() as u16)
        .saturating_sub(top) as usize;
    let first = s.row.saturating_sub(room.saturating_sub(1));
    let mut cursor = None;
    for (i, row) in rows.iter().enumerate().skip(first).take(room) {
        let y = top + (i - first) as u16;
        buf.set_string(x, y, pad(&label(words, *row), label_w), t.label);
        let vx = x + label_w as u16;
        let vw = w.saturating_sub(label_w);
        let chosen = i == s.row;
        match (&s.editing, chosen) {
            (Some((input, _)), true) => {
                buf.set_string(
                    vx,
                    y,
                    pad(&fit(input.text(), vw), vw),
                    t.base.patch(t.selected),
                );
                let col = input.cursor_col().min(vw.saturating_sub(1));
                cursor = Some(Position::new(vx + col as u16, y));
            }
            _ => {
                let style = if chosen { t.selected } else { t.panel };
                buf.set_string(vx, y, pad(&fit(&value(words, card, *row), vw), vw), style);
                // A day's booked hours at the right, where there is room.
                if let StaffRow::Day(d) = row
                    && let Some(m) = card.booked_day_min.get(*d).filter(|m| **m > 0)
                {
                    let b = format!(
                        " {}",
                        words.with("staff-day-booked", &[("h", hours(words, *m).into())])
                    );
                    let used = crate::words::text::width(&value(words, card, *row)) + 2;
                    let bw = crate::words::text::width(&b);
                    if used + bw <= vw {
                        // In a column of its own, not far off on a wide screen.
                        let bx = vx + used.max(BOOKED_COLUMN - bw).min(vw - bw) as u16;
                        buf.set_string(bx, y, b, if chosen { t.selected } else { t.label });
                    }
                }
            }
        }
    }
    if rows.len() > room {
        let more = format!("{}/{}", s.row + 1, rows.len());
        let mx = inner.right().saturating_sub(more.len() as u16);
        buf.set_string(mx, inner.y, more, t.label);
    }
    // Below the fields, whole, on as many as three lines.
    let top = inner.bottom().saturating_sub(lines.len() as u16);
    for (i, line) in lines.iter().enumerate() {
        buf.set_string(x, top + i as u16, pad(line, w), style);
    }
    if let Some(p) = cursor {
        frame.set_cursor_position(p);
    }
}

/// `Contracted hours` from `contracted hours`.
fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
