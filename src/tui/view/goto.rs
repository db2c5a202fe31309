//! The go-to question (`g`) in the footer's row: what is typed, and which
//! day it means (or why it is not a date).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::domain::when::dmy;
use crate::tui::app::{App, GoToRead, GoToState};
use crate::words::text::{date_mismatch, fit, pad, weekday_long, width};
use crate::words::values::date_error;

const INPUT: usize = 16;

/// Draws the question; returns where the cursor goes.
pub fn line(buf: &mut Buffer, area: Rect, app: &App, g: &GoToState) -> (u16, u16) {
    let t = &app.theme;
    let w = app.words();
    let question = format!("{} ", w.get("goto-question"));
    buf.set_string(area.x, area.y, &question, t.footer_key);
    let x = area.x + width(&question) as u16;
    let input_w = INPUT.min(area.right().saturating_sub(x) as usize);
    buf.set_string(
        x,
        area.y,
        pad(&fit(g.input.text(), input_w), input_w),
        t.base.patch(t.selected),
    );
    let today = app.today();
    let (words, error) = match g.read(today) {
        GoToRead::Empty => (w.get("goto-example"), false),
        GoToRead::Date(d) => {
            use chrono::Datelike;
            let days = (d - today).num_days();
            let from_today = match days {
                0 => w.get("goto-today"),
                1 => w.get("goto-tomorrow"),
                -1 => w.get("goto-yesterday"),
                n if n > 0 => w.with("goto-in-days", &[("n", n.into())]),
                n => w.with("goto-days-ago", &[("n", (-n).into())]),
            };
            (
                format!(
                    "→ {} {} ({from_today})",
                    weekday_long(w, d.weekday()),
                    dmy(d)
                ),
                false,
            )
        }
        GoToRead::Mismatch(d) => (
            format!("✗ {}", date_mismatch(w, &d).unwrap_or_default()),
            true,
        ),
        GoToRead::Unreadable(e) => (format!("✗ {}", date_error(w, &e)), true),
    };
    let style = if error && g.refused {
        t.status_error
    } else if error {
        t.warning
    } else {
        t.footer
    };
    let wx = x + input_w as u16 + 1;
    let room = area.right().saturating_sub(wx) as usize;
    if width(&words) <= room || area.y == 0 {
        buf.set_string(wx, area.y, fit(&words, room), style);
    } else {
        // Too long beside the answer (a reason): the status line's row, whole.
        let cols = area.width as usize;
        buf.set_string(area.x, area.y - 1, pad(&fit(&words, cols), cols), style);
    }
    (
        x + g.input.cursor_col().min(input_w.saturating_sub(1)) as u16,
        area.y,
    )
}
