//! The decision panel after a save refused for someone else's change: who
//! changed the booking and when, then one line per field that is not as it
//! was loaded (theirs → yours, `!` where both changed it), then the keys.
//! Drawn over the form it came from; fits 80×24.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::form::centred;
use super::keys::{self, hint};
use super::lists::frame_block;
use crate::domain::{Changed, FieldChange};
use crate::tui::app::{App, StalePanel};
use crate::words::news;
use crate::words::text::{fit, pad, width};

/// Width of the field's name column.
const LABEL_W: usize = 9;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, p: &StalePanel) {
    let t = &app.theme;
    let s = &p.news;
    let Some(edit) = &s.edit else {
        return;
    };
    let w = area.width.min(78);
    let inner_w = w.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    let words = app.words();
    let head = words.with(
        "stale-since-opened",
        &[(
            "headline",
            news::stale_headline(words, s, app.now, app.settings.tz).into(),
        )],
    );
    lines.push(Line::styled(fit(&head, inner_w), t.panel));
    lines.push(Line::raw(""));
    for c in &edit.changes {
        lines.push(field_line(app, s, c, inner_w));
    }
    lines.push(Line::raw(""));
    let both = edit.clashes().count();
    let explain = if both > 0 {
        words.with("stale-both-changed", &[("n", both.into())])
    } else {
        words.get("stale-none-both")
    };
    lines.push(Line::styled(fit(&explain, inner_w), t.label));
    lines.push(Line::styled(
        fit(
            &hint(&app.keymap, keys::STALE_HINT, ": ", app.words()),
            inner_w,
        ),
        t.label,
    ));
    let h = (lines.len() as u16 + 2).min(area.height);
    let rect = centred(area, w, h);
    frame.render_widget(Clear, rect);
    let title = format!(" {} ", words.with("stale-title", &[("id", s.id.into())]));
    frame.render_widget(Paragraph::new(lines).block(frame_block(app, title)), rect);
}

/// `! Start    theirs 10:00        → yours 11:00        you decide`
fn field_line<'a>(
    app: &App,
    s: &crate::engine::worker::Stale,
    c: &FieldChange,
    w: usize,
) -> Line<'a> {
    let t = &app.theme;
    let tz = app.settings.tz;
    let value = |v, other| news::field_value(app.words(), v, other, &s.names, tz);
    let words = app.words();
    let loaded = words.get("stale-as-loaded");
    let (mark, theirs, yours, note, style): (&str, String, String, String, Style) = match c.changed
    {
        Changed::Theirs => (
            " ",
            value(&c.theirs, &c.base),
            loaded,
            words.get("stale-theirs-kept"),
            t.panel,
        ),
        Changed::Yours => (
            " ",
            loaded,
            value(&c.yours, &c.base),
            words.get("stale-yours-saved"),
            t.panel,
        ),
        Changed::Alike => (
            " ",
            value(&c.theirs, &c.base),
            value(&c.yours, &c.base),
            words.get("stale-the-same"),
            t.panel,
        ),
        Changed::Both => (
            "!",
            value(&c.theirs, &c.yours),
            value(&c.yours, &c.theirs),
            words.get("stale-you-decide"),
            t.warning,
        ),
    };
    // mark, label, "theirs " value, " → yours " value, note.
    let theirs_label = format!("{} ", words.get("stale-theirs"));
    let yours_label = format!(" → {} ", words.get("stale-yours"));
    let fixed = 2 + LABEL_W + width(&theirs_label) + width(&yours_label) + 2 + width(&note);
    let each = w.saturating_sub(fixed) / 2;
    let label = news::field_label(app.words(), c.field);
    Line::from(vec![
        Span::styled(format!("{mark} "), t.clash),
        Span::styled(pad(&label, LABEL_W), t.label),
        Span::styled(theirs_label, t.label),
        Span::styled(pad(&fit(&theirs, each), each), style),
        Span::styled(yours_label, t.label),
        Span::styled(pad(&fit(&yours, each), each), style),
        Span::styled(format!(" {note}"), t.label),
    ])
}
