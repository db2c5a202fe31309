//! The help overlay: every action of the schedule with its keys, and the
//! form's save and close, from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::footer::help_key;
use super::keys::{self, hint};
use crate::tui::action::{ACTIONS, Action, KeyMode};
use crate::tui::app::App;
use crate::words::text::{fit, pad};

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let words = app.words();
    let mut items: Vec<(String, String)> = Vec::new();
    for (_, action, _) in ACTIONS
        .iter()
        .filter(|(_, a, ..)| !matches!(a, Action::Nothing | Action::DetailsMore))
    {
        // The time cursor's two steps share a line.
        if *action == Action::TimeLater {
            continue;
        }
        let keys = match action {
            Action::TimeEarlier => Some(
                [Action::TimeEarlier, Action::TimeLater]
                    .iter()
                    .filter_map(|a| app.keymap.first(KeyMode::Normal, *a))
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            // Saving and closing happen in the form and move mode: the
            // form's first key stands for them.
            Action::Save => app.keymap.first(KeyMode::Form, Action::Save),
            Action::Cancel => app.keymap.first(KeyMode::Form, Action::Close),
            _ => Some(
                app.keymap
                    .keys_for(*action)
                    .iter()
                    .map(|k| k.label())
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
        }
        .unwrap_or_default();
        if !keys.is_empty() {
            let describe = if *action == Action::TimeEarlier {
                words.get("help-time-cursor")
            } else {
                words.get(&help_key(*action))
            };
            items.push((keys, describe));
        }
    }
    // One column when it fits, else two side by side.
    // (Below the keys: three lines of marks, two of questions' keys, and
    // the read-only reason's clauses.)
    let read_only = app
        .read_only
        .as_ref()
        .map(|why| super::read_only::reason(words, why, &app.db_label));
    let clauses = read_only.as_deref().map_or(0, |r| r.split("; ").count());
    let below = 5 + clauses;
    let room = area.height.saturating_sub(2) as usize;
    let columns = if items.len() + below <= room { 1 } else { 2 };
    let per_column = items.len().div_ceil(columns);
    let col_w: usize = if columns == 1 { 56 } else { 38 };
    let key_w = if columns == 1 { 14 } else { 9 };
    let mut lines: Vec<Line> = Vec::new();
    for row in 0..per_column {
        let mut spans = Vec::new();
        for c in 0..columns {
            if let Some((keys, describe)) = items.get(c * per_column + row) {
                spans.push(Span::styled(
                    pad(&fit(keys, key_w - 1), key_w),
                    t.footer_key,
                ));
                let d = fit(describe, col_w - key_w - 1);
                spans.push(Span::styled(pad(&d, col_w - key_w), t.panel));
            }
        }
        lines.push(Line::from(spans));
    }
    // The decision after a save refused for someone else's change (its
    // panel shows these keys too): on a screen without a row to spare
    // this gives way to the marks below.
    let stale = Line::from(vec![
        Span::styled(format!("{} ", words.get("help-stale")), t.panel),
        Span::styled(
            hint(&app.keymap, keys::STALE_FOOTER, " ", app.words()),
            t.footer_key,
        ),
    ]);
    let marks_at = lines.len();
    lines.push(Line::from(vec![
        Span::styled("!", t.clash),
        Span::styled(format!(" {} ", words.get("help-mark-clash")), t.panel),
        Span::styled("!", t.warning),
        Span::styled(format!(" {} ", words.get("help-mark-warning")), t.panel),
        Span::styled("?", t.warning),
        Span::styled(format!(" {} ", words.get("help-mark-review")), t.panel),
        Span::styled("▶", t.running),
        Span::styled(format!(" {} ", words.get("help-mark-running")), t.panel),
        Span::styled("✓", t.done),
        Span::styled(format!(" {} ", words.get("help-mark-done")), t.panel),
        Span::styled("…", t.late),
        Span::styled(format!(" {}", words.get("help-mark-late")), t.panel),
    ]));
    lines.push(Line::from(vec![
        Span::styled("↑", t.booking),
        Span::styled(format!(" {} ", words.get("help-mark-unsynced")), t.panel),
        Span::styled("⇄", t.warning),
        Span::styled(
            format!(" {}", words.get("help-mark-sync-conflict")),
            t.panel,
        ),
    ]));
    lines.push(Line::from(vec![
        Span::styled("◌", t.booking),
        Span::styled(format!(" {} ", words.get("help-mark-draft")), t.panel),
        Span::styled("○", t.booking),
        Span::styled(format!(" {} ", words.get("help-mark-unpaid")), t.panel),
        Span::styled("!", t.clash),
        Span::styled(format!(" {} ", words.get("help-mark-overdue")), t.panel),
        Span::styled("●", t.booking),
        Span::styled(format!(" {} ", words.get("help-mark-paid")), t.panel),
        Span::styled("☎", t.clash),
        Span::styled(format!(" {}", words.get("help-mark-call-refused")), t.panel),
    ]));
    lines.insert(marks_at, stale);
    if let Some(text) = &read_only {
        // A clause a line, so the file that sets the role shows whole.
        for (i, clause) in text.split("; ").enumerate() {
            let line = Line::from(Span::styled(fit(clause, col_w * columns), t.warning));
            lines.insert(i, line);
        }
    }
    // The question before changing a visit of a series shows its own keys
    // too: on a screen without a row to spare (the footer's) this gives way.
    lines.push(Line::from(vec![
        Span::styled(format!("{} ", words.get("help-series-visit")), t.panel),
        Span::styled(
            hint(&app.keymap, keys::SCOPE_FOOTER, " ", app.words()),
            t.footer_key,
        ),
    ]));
    // More than the screen holds: a page at a time, the key in the border.
    let room = (area.height.saturating_sub(2) as usize).max(1);
    let pages = lines.len().div_ceil(room).max(1);
    let page = usize::from(app.help_page) % pages;
    let more = (pages > 1).then(|| {
        let key = app
            .keymap
            .first(KeyMode::Help, Action::PageDown)
            .unwrap_or_default();
        if page + 1 < pages {
            words.with(
                "help-more",
                &[
                    ("key", key.into()),
                    ("page", (page + 1).into()),
                    ("pages", pages.into()),
                ],
            )
        } else {
            words.with(
                "help-first",
                &[
                    ("key", key.into()),
                    ("page", (page + 1).into()),
                    ("pages", pages.into()),
                ],
            )
        }
    });
    let lines: Vec<Line> = lines.into_iter().skip(page * room).take(room).collect();
    let h = if pages > 1 {
        area.height
    } else {
        (lines.len() as u16 + 2).min(area.height)
    };
    let w = ((col_w * columns) as u16 + 2).min(area.width);
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    // Nothing under it shows beside it.
    super::form::cover(frame, area, rect, t.base);
    let block = Block::bordered()
        .title(Span::styled(
            format!(" {} ", words.get("help-title")),
            t.panel_title,
        ))
        .border_style(t.panel_border)
        .style(t.panel);
    let block = match more {
        Some(m) => {
            block.title_bottom(Line::styled(format!(" {m} "), t.panel_title).right_aligned())
        }
        None => block,
    };
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
