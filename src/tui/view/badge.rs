//! The header's badge: the sync's state and Billy's and Twilio's, worded
//! from their typed values (see `news`), the parts that need the
//! dispatcher in the warning style, shortened to fit.

use ratatui::style::Style;

use crate::tui::app::App;
use crate::words::news::{self, Part};
use crate::words::text::{fit, width};

/// Columns between the sync badge and the clock.
pub(super) const BADGE_GAP: usize = 2;

/// A piece of the header with its style.
type Spans = Vec<(String, Style)>;

/// The header's left part and the sync badge that fit in `room` columns
/// (the width left of the clock). The badge is shown whole if it can be,
/// even at the cost of the product name; else shorter (its urgent parts);
/// else without the year (`shorter`: the date, then the date without its
/// year); the date and the clock always stay.
pub(super) fn with_sync_badge(
    app: &App,
    full: String,
    shorter: [String; 2],
    room: usize,
) -> (String, Option<Spans>) {
    let (options, may_drop_name) = sync_badges(app);
    let fits = |left: &str, b: &Spans| {
        let bw: usize = b.iter().map(|(s, _)| width(s)).sum();
        width(left) + 1 + bw + BADGE_GAP <= room
    };
    let [short, shortest] = shorter;
    for b in &options {
        if fits(&full, b) {
            return (full, Some(b.clone()));
        }
        if may_drop_name && fits(&short, b) {
            return (short, Some(b.clone()));
        }
    }
    // Before the badge is cut, the year goes.
    if may_drop_name && let Some(b) = options.iter().find(|b| fits(&shortest, b)) {
        return (shortest, Some(b.clone()));
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

/// The parts of the badge: the sync's (unless Google is not set up), then
/// each calendar connection's, then the providers'. Twice: with every
/// connection named, and with the connections folded ("calendars ✓", or
/// only those not in order).
fn badge_parts(app: &App) -> Option<(Vec<Part>, Vec<Part>)> {
    let s = &app.sync;
    let w = app.words();
    let providers: Vec<Part> = app
        .office
        .providers
        .iter()
        .map(|h| news::provider_part(w, h))
        .collect();
    let status = match &s.status {
        None => None,
        Some(Ok(st)) => Some(news::status_parts(w, st, app.now)),
        Some(Err(e)) => {
            let text = w.with("sync-status-unknown", &[("error", e.as_str().into())]);
            Some(vec![Part {
                short: text.clone(),
                text,
                urgent: false,
            }])
        }
    };
    if status.is_none() && !s.not_set_up && providers.is_empty() {
        return None;
    }
    let status = status.filter(|_| !s.not_set_up).unwrap_or_default();
    // The connections only beside the sync's state, and only when a
    // cleaner has a calendar of their own (else "synced" says it all).
    let states = s.connection_states();
    let own = states.iter().any(|(c, _)| c.cleaner.is_some());
    let (named, folded) = if own && !status.is_empty() {
        (
            states
                .iter()
                .map(|(c, st)| news::connection_part(w, c, *st))
                .collect(),
            news::connections_folded(w, &states),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let with = |middle: Vec<Part>| -> Vec<Part> {
        status
            .iter()
            .cloned()
            .chain(middle)
            .chain(providers.iter().cloned())
            .collect()
    };
    Some((with(named), with(folded)))
}

/// The sync badge, most complete first; and whether it may push out the
/// product name.
fn sync_badges(app: &App) -> (Vec<Spans>, bool) {
    let t = &app.theme;
    let s = &app.sync;
    if s.running {
        let text = format!("⟳ {}", app.words().get("sync-running"));
        return (vec![vec![(text, t.header)]], true);
    }
    let Some((named, folded)) = badge_parts(app) else {
        return (Vec::new(), false);
    };
    if s.not_set_up && app.office.providers.is_empty() {
        let text = news::not_set_up_status(app.words());
        return (vec![vec![(text, t.header)]], false);
    }
    let spans = |parts: &[(String, bool)]| -> Spans {
        let mut out = vec![("⟳ ".to_string(), t.header)];
        for (i, (p, urgent)) in parts.iter().enumerate() {
            if i > 0 {
                out.push((" · ".to_string(), t.header));
            }
            let style = if *urgent {
                t.header.patch(t.warning)
            } else {
                t.header
            };
            out.push((p.clone(), style));
        }
        out
    };
    let mut candidates = shorter(&named);
    candidates.extend(shorter(&folded));
    let mut seen = std::collections::HashSet::new();
    candidates.retain(|c| seen.insert(c.clone()));
    // Widest first: the first that fits says the most.
    candidates
        .sort_by_key(|c| std::cmp::Reverse(c.iter().map(|(p, _)| width(p) + 3).sum::<usize>()));
    let options = candidates.iter().map(|c| spans(c)).collect();
    // "Not set up" alone is no reason to push out the product name.
    let may_drop_name = !s.not_set_up || named.iter().any(|p| p.urgent);
    (options, may_drop_name)
}

/// The same words, shorter: "synced" / "sync failed" without how long
/// ago; without the good news when counts follow; only what needs the
/// dispatcher.
fn shorter(parts: &[Part]) -> Vec<Vec<(String, bool)>> {
    let all: Vec<(String, bool)> = parts.iter().map(|p| (p.text.clone(), p.urgent)).collect();
    let mut candidates = vec![all.clone()];
    if let Some(first) = parts.first() {
        let mut aged_out = all.clone();
        aged_out[0].0 = first.short.clone();
        candidates.push(aged_out);
        if all.len() > 1 && !first.urgent {
            candidates.push(all[1..].to_vec());
        }
    }
    let pressing: Vec<&Part> = parts.iter().filter(|p| p.urgent).collect();
    if let Some(first) = pressing.first() {
        let long: Vec<(String, bool)> = pressing.iter().map(|p| (p.text.clone(), true)).collect();
        let mut short = long.clone();
        short[0].0 = first.short.clone();
        candidates.push(long);
        candidates.push(short);
    }
    candidates
}
