//! Header and status line (the footer is in `footer`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::text::{fit, width};
use crate::domain::time::weekday_da;
use crate::tui::action::Action;
use crate::tui::app::{App, Message, MessageKind};

const MONTHS_DA: [&str; 12] = [
    "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];

pub fn header(buf: &mut Buffer, area: Rect, app: &App) {
    use chrono::Datelike;
    let t = &app.theme;
    buf.set_style(area, t.header);
    let d = app.date;
    let offset = (d - app.today()).num_days();
    let rel = match offset {
        0 => " (i dag)".to_string(),
        1 => " (i morgen)".to_string(),
        -1 => " (i går)".to_string(),
        n => format!(" ({n:+} dage)"),
    };
    let date = format!(
        "{} {}. {} {}{rel}",
        weekday_da(d.weekday()),
        d.day(),
        MONTHS_DA[d.month0() as usize],
        d.year()
    );
    let left = format!(" RenOS Dispatch │ {date}");
    let clock = app.settings.tz.hm(app.now);
    let right = format!(
        "{clock}{} │ {} ",
        if app.fixed_clock { " (fixed)" } else { "" },
        app.settings.dispatcher
    );
    let rw = width(&right) as u16;
    let room = (area.width as usize).saturating_sub(rw as usize);
    let (left, badge) = with_sync_badge(app, left, format!(" {date}"), room);
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
        buf.set_string(area.right() - rw, area.y, right, t.header);
    }
}

/// Columns between the sync badge and the clock.
const BADGE_GAP: usize = 2;

/// A piece of the header with its style.
type Spans = Vec<(String, Style)>;

/// The header's left part and the sync badge that fit in `room` columns
/// (the width left of the clock). The badge is shown whole if it can be,
/// even at the cost of the product name; else its urgent parts; the date
/// and the clock always stay.
fn with_sync_badge(app: &App, full: String, short: String, room: usize) -> (String, Option<Spans>) {
    let (options, may_drop_name) = sync_badges(app);
    let fits = |left: &str, b: &Spans| {
        let bw: usize = b.iter().map(|(s, _)| width(s)).sum();
        width(left) + 1 + bw + BADGE_GAP <= room
    };
    for b in &options {
        if fits(&full, b) {
            return (full, Some(b.clone()));
        }
        if may_drop_name && fits(&short, b) {
            return (short, Some(b.clone()));
        }
    }
    // Still too narrow: what room is left, cut.
    if may_drop_name && let Some(b) = options.last() {
        let left_w = width(&short) + 1 + BADGE_GAP;
        let cols = room.saturating_sub(left_w);
        if cols >= 8 {
            let text: String = b.iter().map(|(s, _)| s.as_str()).collect();
            let style = b
                .iter()
                .map(|(_, st)| *st)
                .find(|st| *st != app.theme.header)
                .unwrap_or(app.theme.header);
            return (short, Some(vec![(fit(&text, cols), style)]));
        }
    }
    (full, None)
}

/// Does this part of the sync state need the dispatcher?
fn urgent(part: &str) -> bool {
    ["offline", "conflict", "failed", "refused"]
        .iter()
        .any(|w| part.contains(w))
}

/// The sync badge, most complete first; and whether it may push out the
/// product name.
fn sync_badges(app: &App) -> (Vec<Spans>, bool) {
    let t = &app.theme;
    let s = &app.sync;
    if s.running {
        return (vec![vec![("⟳ syncing…".to_string(), t.header)]], true);
    }
    // Billy's and Twilio's state follow the sync's; a provider that does
    // not work counts as urgent.
    let providers: Vec<String> = app
        .office
        .providers
        .iter()
        .map(|(short, ok)| {
            if *ok || urgent(short) {
                short.clone()
            } else {
                format!("{short} failed")
            }
        })
        .collect();
    let status = s.status.as_deref().filter(|s| !s.is_empty());
    if status.is_none() && providers.is_empty() {
        return (Vec::new(), false);
    }
    if s.not_set_up && providers.is_empty() {
        let status = status.unwrap_or_default();
        return (vec![vec![(status.to_string(), t.header)]], false);
    }
    let combined: Vec<String> = status
        .filter(|_| !s.not_set_up)
        .into_iter()
        .flat_map(|st| st.split(" · ").map(str::to_string))
        .chain(providers)
        .collect();
    let parts: Vec<&str> = combined.iter().map(String::as_str).collect();
    let spans = |parts: &[&str]| -> Spans {
        let mut out = vec![("⟳ ".to_string(), t.header)];
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                out.push((" · ".to_string(), t.header));
            }
            let style = if urgent(p) {
                t.header.patch(t.warning)
            } else {
                t.header
            };
            out.push((p.to_string(), style));
        }
        out
    };
    // The same words, shorter: "synced" / "sync failed" without how long
    // ago; without the good news when counts follow; only what needs the
    // dispatcher.
    let bare = |p: &str| -> String {
        ["synced ", "sync failed "]
            .iter()
            .find(|pre| p.starts_with(*pre))
            .map_or(p.to_string(), |pre| pre.trim_end().to_string())
    };
    let all: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
    let mut aged_out = all.clone();
    aged_out[0] = bare(&all[0]);
    let mut candidates = vec![all.clone(), aged_out.clone()];
    if all.len() > 1 && !urgent(&all[0]) {
        candidates.push(all[1..].to_vec());
    }
    let pressing: Vec<String> = all.iter().filter(|p| urgent(p)).cloned().collect();
    if !pressing.is_empty() {
        let mut short = pressing.clone();
        short[0] = bare(&short[0]);
        candidates.push(pressing);
        candidates.push(short);
    }
    let mut seen = std::collections::HashSet::new();
    candidates.retain(|c| seen.insert(c.clone()));
    // Widest first: the first that fits says the most.
    candidates.sort_by_key(|c| std::cmp::Reverse(c.iter().map(|p| width(p) + 3).sum::<usize>()));
    let options = candidates
        .iter()
        .map(|c| spans(&c.iter().map(String::as_str).collect::<Vec<_>>()))
        .collect();
    // "Not set up" alone is no reason to push out the product name.
    let may_drop_name = !s.not_set_up || all.iter().any(|p| urgent(p));
    (options, may_drop_name)
}

pub fn status(buf: &mut Buffer, area: Rect, app: &App) {
    let t = &app.theme;
    buf.set_style(area, t.status);
    let c = app.counts();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts = vec![
        plural(c.bookings, "booking", "bookings"),
        plural(c.conflicts, "conflict", "conflicts"),
    ];
    parts.push(format!("{} running", c.running));
    parts.push(format!("{} over", c.overtime));
    if c.late > 0 {
        parts.push(format!("{} late", c.late));
    }
    if !app.review.is_empty() {
        parts.push(format!("{} to review", app.review.len()));
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
                text: format!(
                    "{key}: undo {} ({}:{:02} left)",
                    h.what,
                    left / 60,
                    left % 60
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
                (MessageKind::Info, true) => t.status_ok,
                (MessageKind::Info, false) => t.status,
            };
            let room =
                (area.width as usize).saturating_sub(width(&counts).min(area.width as usize / 2));
            let text = format!(" {} ", fit(&m.text, room.saturating_sub(2)));
            let cw = (area.width as usize).saturating_sub(width(&text));
            buf.set_string(area.x, area.y, fit(&counts, cw), t.status);
            buf.set_string(area.right() - width(&text) as u16, area.y, text, style);
        }
        None => {
            buf.set_string(area.x, area.y, fit(&counts, area.width as usize), t.status);
        }
    }
}
