//! Header and status line (the footer is in `footer`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::badge::{BADGE_GAP, with_sync_badge};
use crate::tui::action::{Action, KeyMode};
use crate::tui::app::{App, Message, MessageKind};
use crate::words::text::{date_long, date_short, fit, one_line, width};

pub fn header(buf: &mut Buffer, area: Rect, app: &App) {
    let t = &app.theme;
    let w = app.words();
    buf.set_style(area, t.header);
    let d = app.date;
    let offset = (d - app.today()).num_days();
    let rel = match offset {
        0 => w.get("header-today"),
        1 => w.get("header-tomorrow"),
        -1 => w.get("header-yesterday"),
        n => w.with("header-days-away", &[("days", format!("{n:+}").into())]),
    };
    let date = format!("{} ({rel})", date_long(w, d));
    let left = format!(" {} │ {date}", w.get("header-product"));
    let clock = app.settings.tz.hm(app.now);
    let right = format!(
        "{clock}{} │ {} ",
        if app.fixed_clock {
            format!(" ({})", w.get("header-fixed-clock"))
        } else {
            String::new()
        },
        app.settings.shown_name()
    );
    // A console that only reads says so, marked, before the name.
    let mark = app
        .read_only
        .as_ref()
        .map(|_| format!(" {} ", w.get("header-read-only")));
    let mw = mark.as_deref().map_or(0, width) as u16;
    let rw = width(&right) as u16 + mw;
    let room = (area.width as usize).saturating_sub(rw as usize);
    // Tighter still, the year goes (the day and "today" stay).
    let yearless = format!(" {} ({rel})", date_short(w, d));
    let (left, badge) = with_sync_badge(app, left, [format!(" {date}"), yearless], room);
    buf.set_string(
        area.x,
        area.y,
        fit(&left, area.width.saturating_sub(rw + 1) as usize),
        t.header,
    );
    if let Some(spans) = badge {
        let bw: usize = spans.iter().map(|(s, _)| width(s)).sum();
        let mut x = area
            .right()
            .saturating_sub(rw + BADGE_GAP as u16 + bw as u16);
        for (text, style) in spans {
            buf.set_string(x, area.y, &text, style);
            x += width(&text) as u16;
        }
    }
    if rw < area.width {
        if let Some(mark) = mark {
            buf.set_string(area.right() - rw, area.y, mark, t.status_error);
        }
        buf.set_string(area.right() - rw + mw, area.y, right, t.header);
    }
}

pub fn status(buf: &mut Buffer, area: Rect, app: &App) {
    let t = &app.theme;
    buf.set_style(area, t.status);
    let w = app.words();
    let c = app.counts();
    let mut parts = vec![
        w.with("status-bookings", &[("n", c.bookings.into())]),
        w.with("status-clashes", &[("n", c.conflicts.into())]),
        w.with("status-running", &[("n", c.running.into())]),
        w.with("status-over", &[("n", c.overtime.into())]),
    ];
    if c.late > 0 {
        parts.push(w.with("status-late", &[("n", c.late.into())]));
    }
    if !app.review.is_empty() {
        parts.push(w.with("status-to-review", &[("n", app.review.len().into())]));
    }
    let counts = format!(" {} ", parts.join(" · "));
    // With nothing to say, the status line tells what `u` would undo.
    let undo = app
        .undo_hint
        .as_ref()
        .filter(|h| h.expires > app.now)
        .map(|h| {
            let left = (h.expires - app.now).num_seconds();
            let key = app
                .keymap
                .keys_for(Action::Undo)
                .first()
                .map_or("u".to_string(), |k| k.label());
            Message {
                text: w.with(
                    "status-undo",
                    &[
                        ("key", key.into()),
                        ("what", crate::words::news::undo_what(w, h.what).into()),
                        ("left", format!("{}:{:02}", left / 60, left % 60).into()),
                    ],
                ),
                kind: MessageKind::Info,
                at: app.now,
            }
        });
    let message = app.message.as_ref().or(undo.as_ref());
    match message {
        Some(m) => {
            let style = match (m.kind, app.message.is_some()) {
                (MessageKind::Error, _) => t.status_error,
                (MessageKind::Warning, _) => t.status.patch(t.warning),
                (MessageKind::Info, true) => t.status_ok,
                (MessageKind::Info, false) => t.status,
            };
            let room =
                (area.width as usize).saturating_sub(width(&counts).min(area.width as usize / 2));
            let text = format!(
                " {} ",
                cut_with_mark(&one_line(&m.text), room.saturating_sub(2), app)
            );
            let cw = (area.width as usize).saturating_sub(width(&text));
            buf.set_string(area.x, area.y, fit(&counts, cw), t.status);
            buf.set_string(area.right() - width(&text) as u16, area.y, text, style);
        }
        None => {
            buf.set_string(area.x, area.y, fit(&counts, area.width as usize), t.status);
        }
    }
}

/// A message cut to `max` columns ends in a mark that says the message log
/// has the rest: `…!`, the ellipsis and the log's key.
fn cut_with_mark(text: &str, max: usize, app: &App) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    match app.keymap.first(KeyMode::Normal, Action::MessageLog) {
        Some(key) if width(&key) + 8 <= max => {
            format!("{}{key}", fit(text, max - width(&key)))
        }
        _ => fit(text, max),
    }
}
