//! Pure drawing: `draw(frame, &App)` reads the state and never changes it.
//!
//! ```text
//! header   RenOS Dispatch · date · sync state · clock · dispatcher
//! axis     hours of the visible window, now marker
//! lanes    one per cleaner (1–3 rows each), bookings as labelled blocks
//! panels   selected booking's details | running jobs with overtime meters
//! status   counts and the latest message
//! footer   keys of the mode, generated from the keymap
//! ```
//!
//! The customer screen and the contact form are in `customer`.
//! The words of the slot finder and the sick call are in `slots`; the
//! finder's overlay is `finder`, the sick call's `sickcall`; the staff
//! screen is `staff`, the customer screen `customer`, the message log
//! (`!`) `log`, the search's `search`, the week board and a cleaner's week
//! `week`; the go-to question is drawn in the footer's row (`goto`).
//! The words for what the engine tells (the sync's state, a run's result,
//! the back office's and the store worker's answers) are in `news`; the
//! words for the domain's values (a customer's history, review reasons, a
//! series, a clash, an alert) in `values`.

mod badge;
mod chrome;
mod conflicts;
mod customer;
mod finder;
mod footer;
mod form;
mod goto;
mod help;
mod keys;
mod lists;
mod log;
mod panels;
pub mod read_only;
mod schedule;
mod scope;
mod search;
mod sickcall;
mod staff;
mod stale;
pub use form::preset_words;
pub mod week;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::domain::text::is_unsafe;

use super::app::{App, Mode, StaleBack};

/// Rows the bottom panels need at least, and at most.
const PANEL_MIN: u16 = 8;
const PANEL_MAX: u16 = 16;

/// Vertical split of the screen.
pub struct Areas {
    pub header: Rect,
    pub axis: Rect,
    pub lanes: Rect,
    pub lane_height: u16,
    pub panels: Rect,
    pub status: Rect,
    pub footer: Rect,
}

pub fn areas(area: Rect, lanes: usize) -> Areas {
    let middle = area.height.saturating_sub(4);
    let n = lanes.max(1) as u16;
    // Taller lanes only when the panels still get a comfortable height.
    let lane_height = (1..=3).rev().find(|h| n * h + 12 <= middle).unwrap_or(1);
    let lanes_rows = (n * lane_height).min(middle.saturating_sub(PANEL_MIN));
    let panels = (middle - lanes_rows).min(PANEL_MAX);
    let [header, axis, lanes_area, panels_area, _, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(lanes_rows),
        Constraint::Length(panels),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    Areas {
        header,
        axis,
        lanes: lanes_area,
        lane_height,
        panels: panels_area,
        status,
        footer,
    }
}

pub fn draw(frame: &mut Frame, app: &App) {
    draw_views(frame, app);
    printable_cells(frame.buffer_mut());
}

/// Outside text (calendars, customer files, providers) reaches the terminal
/// without what could drive it: ratatui drops control characters, but not
/// bidi overrides and isolates (which can make a line read backwards). One
/// pass over the finished frame covers every view. They are taken out of a
/// cell rather than marked: they are zero-width, and a mark would shift the
/// rest of the line.
fn printable_cells(buf: &mut Buffer) {
    for cell in buf.content.iter_mut() {
        if cell.symbol().chars().any(is_unsafe) {
            let kept: String = cell.symbol().chars().filter(|c| !is_unsafe(*c)).collect();
            cell.set_symbol(if kept.is_empty() { " " } else { &kept });
        }
    }
}

fn draw_views(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let w = app.words();
    frame.render_widget(Block::new().style(app.theme.base), area);
    if area.width < 40 || area.height < 12 {
        let msg = Paragraph::new(w.get("screen-too-small"))
            .wrap(Wrap { trim: true })
            .style(app.theme.base);
        frame.render_widget(msg, area);
        return;
    }
    let a = areas(area, app.lanes().len());
    chrome::header(frame.buffer_mut(), a.header, app);
    match app.shown_plan() {
        None => {
            let text = app
                .worker_down
                .clone()
                .unwrap_or_else(|| w.get("screen-loading"));
            frame.render_widget(
                Paragraph::new(text)
                    .wrap(Wrap { trim: true })
                    .style(app.theme.label),
                a.lanes,
            );
        }
        Some(plan) if plan.staff.is_empty() && plan.bookings.is_empty() => {
            let lines = vec![
                w.get("welcome-no-cleaners").into(),
                "".into(),
                w.get("welcome-add-cleaner").into(),
                w.get("welcome-demo").into(),
                "".into(),
                w.with(
                    "welcome-database",
                    &[("path", app.db_label.as_str().into())],
                )
                .into(),
            ];
            let block = Block::bordered()
                .title(format!(" {} ", w.get("welcome-title")))
                .border_style(app.theme.panel_border);
            let rect = Rect {
                height: a.lanes.height + a.panels.height,
                ..a.lanes
            };
            frame.render_widget(
                Paragraph::new(lines)
                    .block(block)
                    .style(app.theme.panel)
                    .wrap(Wrap { trim: false }),
                rect,
            );
        }
        // The week board covers the schedule: it is not drawn beneath.
        Some(_) if matches!(app.mode, Mode::Week(_)) => {}
        Some(plan) => {
            schedule::axis(frame.buffer_mut(), a.axis, app);
            schedule::lanes(frame.buffer_mut(), a.lanes, a.lane_height, app, plan);
            panels::draw(frame, a.panels, app, plan);
        }
    }
    chrome::status(frame.buffer_mut(), a.status, app);
    if let Some((x, y)) = footer::footer(frame.buffer_mut(), a.footer, app) {
        frame.set_cursor_position(ratatui::layout::Position::new(x, y));
    }
    match &app.mode {
        Mode::Help => help::draw(frame, area, app),
        Mode::Form(fs) => form::draw(frame, area, app, fs),
        Mode::Prompt(p) => lists::prompt(frame, area, app, p),
        Mode::Journal(j) => lists::journal(frame, area, app, j),
        Mode::Review { cursor } => lists::review(frame, area, app, *cursor),
        Mode::SyncConflicts { cursor } => conflicts::draw(frame, area, app, *cursor),
        Mode::Confirm(c) => lists::confirm(frame, area, app, c),
        Mode::Scope(q) => scope::draw(frame, area, app, q),
        Mode::Finder(fs) => finder::draw(frame, area, app, fs),
        Mode::SickCall(s) => sickcall::draw(frame, area, app, s),
        Mode::Staff(s) => staff::draw(frame, area, app, s),
        Mode::Customer(s) => customer::draw(frame, area, app, s),
        Mode::Log(v) => log::draw(frame, area, app, v),
        Mode::Find(fs) => search::draw(frame, area, app, fs),
        Mode::Week(w) => week::draw(frame.buffer_mut(), week::area(area), app, w),
        Mode::Stale(p) => {
            if let StaleBack::Form(fs) = &p.back {
                form::draw(frame, area, app, fs);
            }
            stale::draw(frame, area, app, p);
        }
        Mode::Move(_) | Mode::GoTo(_) | Mode::Normal => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_overrides_and_controls_never_reach_the_terminal() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        buf.set_string(
            0,
            0,
            "ab\u{202E}cd\u{2066}e",
            ratatui::style::Style::default(),
        );
        buf.content[0].set_symbol("\u{1b}");
        printable_cells(&mut buf);
        let text: String = buf.content.iter().map(|c| c.symbol()).collect();
        assert!(!text.chars().any(is_unsafe), "{text:?}");
        assert_eq!(text.trim_end(), " bcde");
    }
}
