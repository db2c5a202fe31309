//! The help overlay: every action with its keys, from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::text::pad;
use crate::tui::action::{ACTIONS, Action};
use crate::tui::app::App;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let mut lines: Vec<Line> = Vec::new();
    for (_, action, describe, _) in ACTIONS.iter().filter(|(_, a, ..)| *a != Action::Nothing) {
        let keys = app
            .keymap
            .keys_for(*action)
            .iter()
            .map(|k| k.label())
            .collect::<Vec<_>>()
            .join(" ");
        if keys.is_empty() {
            continue;
        }
        lines.push(Line::from(vec![
            Span::styled(pad(&keys, 14), t.footer_key),
            Span::styled(*describe, t.panel),
        ]));
    }
    lines.push(Line::from(vec![
        Span::styled("!", t.clash),
        Span::styled(" clash ", t.panel),
        Span::styled("!", t.warning),
        Span::styled(" warning ", t.panel),
        Span::styled("▶", t.running),
        Span::styled(" running ", t.panel),
        Span::styled("✓", t.done),
        Span::styled(" done ", t.panel),
        Span::styled("…", t.late),
        Span::styled(" late start", t.panel),
    ]));
    let h = (lines.len() as u16 + 2).min(area.height);
    let w = 60.min(area.width);
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(Span::styled(" Keys (any key closes) ", t.panel_title))
        .border_style(t.panel_border)
        .style(t.panel);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
