//! The message log (`!`): every status message of the session, newest
//! first, each with its time and in its kind's colour, wrapped to the
//! screen and never cut.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::keys::{self, hint};
use super::lists::{border_note, frame_block, place_words};
use crate::tui::app::{App, LogView, MessageKind};
use crate::words::text::{fit, wrap};

/// The time column: `11:02:07 `.
const TIME_W: usize = 9;

fn kind_style(app: &App, kind: MessageKind) -> Style {
    let t = &app.theme;
    match kind {
        MessageKind::Info => t.panel,
        MessageKind::Warning => t.panel.patch(t.warning),
        MessageKind::Error => t.panel.patch(t.clash),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, v: &LogView) {
    let t = &app.theme;
    let rect = Rect {
        x: area.x,
        y: area.y + 1,
        width: area.width,
        height: area.height.saturating_sub(2),
    };
    frame.render_widget(Clear, rect);
    let n = app.log.len();
    let w = app.words();
    let title = format!(" {} ", w.with("log-title", &[("n", n.into())]));
    let block = frame_block(app, title);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let rows = inner.height.saturating_sub(1) as usize;
    let text_w = (inner.width as usize).saturating_sub(TIME_W).max(1);
    let mut lines: Vec<Line> = Vec::new();
    let mut shown = 0;
    let mut cut = false;
    if app.log.is_empty() {
        lines.push(Line::styled(w.get("log-empty"), t.label));
    }
    for m in app.log.newest_first().skip(v.scroll) {
        let at = app.settings.tz.local(m.at).format("%H:%M:%S").to_string();
        let style = kind_style(app, m.kind);
        let wrapped = wrap(&m.text, text_w);
        if lines.len() + wrapped.len() > rows && shown > 0 {
            break;
        }
        for (i, l) in wrapped.into_iter().enumerate() {
            if lines.len() == rows {
                // A message longer than the screen: the rest is marked.
                cut = true;
                break;
            }
            let time = if i == 0 { at.as_str() } else { "" };
            lines.push(Line::from(vec![
                Span::styled(format!("{time:<TIME_W$}"), t.label),
                Span::styled(l, style),
            ]));
        }
        shown += 1;
    }
    let body = Rect {
        height: rows as u16,
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), body);
    // Where the list stands, so nothing is out of sight unannounced.
    let first = v.scroll.min(n);
    let more = n.saturating_sub(first + shown);
    let place = if cut {
        w.get("log-message-cut")
    } else {
        place_words(w, first, more)
    };
    let keys = hint(&app.keymap, keys::LOG_HINT, ": ", app.words());
    let buf = frame.buffer_mut();
    buf.set_string(
        inner.x,
        inner.bottom().saturating_sub(1),
        fit(&keys, inner.width as usize),
        t.label,
    );
    border_note(buf, rect, &place, t.panel_title);
}
