//! The footer: the schedule's keys, or the keys of the mode the console is
//! in, all generated from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::keys::{self, pairs};
use super::text::{fit, pad, width};
use crate::tui::app::{App, Mode, MoveStep};

/// The keys of the mode the console is in, as `(key, meaning)` pairs.
fn mode_keys(app: &App) -> Option<Vec<(String, String)>> {
    let km = &app.keymap;
    let pairs: Vec<(String, String)> = match &app.mode {
        Mode::Move(m) => {
            let off = (m.draft.start - m.original.start).num_minutes();
            let label = app.settings.tz.hm(m.draft.start);
            let step = app.settings.move_step_min.to_string();
            std::iter::once(("MOVE".into(), format!("{label} ({off:+} min)")))
                .chain(
                    pairs(km, keys::MOVE_FOOTER)
                        .into_iter()
                        .map(|(k, l)| (k, l.replace("{step}", &step))),
                )
                .collect()
        }
        Mode::Form(_) => pairs(km, keys::FORM_FOOTER),
        Mode::Prompt(_) => pairs(km, keys::PROMPT_FOOTER),
        Mode::Journal(_) => pairs(km, keys::JOURNAL_FOOTER),
        Mode::Review { .. } => pairs(km, keys::REVIEW_FOOTER),
        Mode::SyncConflicts { .. } => pairs(km, keys::CONFLICTS_FOOTER),
        Mode::Confirm(_) => pairs(km, keys::CONFIRM_KEYS),
        Mode::Stale(_) => pairs(km, keys::STALE_FOOTER),
        Mode::Scope(_) => pairs(km, keys::SCOPE_FOOTER),
        Mode::Finder(_) => pairs(km, keys::FINDER_FOOTER),
        Mode::SickCall(_) => pairs(km, keys::SICK_CALL_FOOTER),
        Mode::Week(w) if w.cleaner.is_some() => pairs(km, keys::CLEANER_WEEK_FOOTER),
        Mode::Week(_) => pairs(km, keys::WEEK_FOOTER),
        Mode::Normal | Mode::Help => return None,
    };
    Some(pairs)
}

/// The footer; in move mode's reason prompt, where the cursor goes.
pub fn footer(buf: &mut Buffer, area: Rect, app: &App) -> Option<(u16, u16)> {
    let t = &app.theme;
    buf.set_style(area, t.footer);
    if let Mode::Move(m) = &app.mode
        && let MoveStep::Reason(r) = &m.step
    {
        let q = "Double booking — why book it anyway? ";
        buf.set_string(area.x, area.y, q, t.warning);
        let x = area.x + width(q) as u16;
        let w = area.right().saturating_sub(x) as usize;
        buf.set_string(x, area.y, pad(r.text(), w), t.base.patch(t.selected));
        if let Some(e) = &m.error {
            buf.set_string(
                area.x,
                area.y - 1,
                pad(&fit(e, area.width as usize), area.width as usize),
                t.status_error,
            );
        }
        return Some((x + r.cursor_col().min(w.saturating_sub(1)) as u16, area.y));
    }
    if let Some(pairs) = mode_keys(app) {
        let mut x = area.x + 1;
        for (k, l) in pairs {
            let w = (width(&k) + width(&l) + 3) as u16;
            if x + w > area.right() + 1 {
                break;
            }
            buf.set_string(x, area.y, &k, t.footer_key);
            buf.set_string(x + width(&k) as u16 + 1, area.y, &l, t.footer);
            x += w;
        }
        if let Mode::Move(m) = &app.mode
            && let Some(e) = &m.error
        {
            buf.set_string(area.x, area.y, fit(e, area.width as usize), t.status_error);
        }
        return None;
    }
    let items = app.keymap.footer();
    // Help and quit always show, at the end; the rest as room allows.
    let (tail, body): (Vec<_>, Vec<_>) = items
        .into_iter()
        .partition(|(_, l)| *l == "help" || *l == "quit");
    let tail_w: usize = tail.iter().map(|(k, l)| width(k) + width(l) + 3).sum();
    let mut x = area.x + 1;
    let limit = area.right().saturating_sub(tail_w as u16);
    for (k, l) in body.iter().chain(tail.iter()) {
        let w = (width(k) + width(l) + 3) as u16;
        let is_tail = *l == "help" || *l == "quit";
        if !is_tail && x + w > limit {
            continue;
        }
        if x + w > area.right() + 1 {
            break;
        }
        buf.set_string(x, area.y, k, t.footer_key);
        buf.set_string(x + width(k) as u16 + 1, area.y, *l, t.footer);
        x += w;
    }
    None
}
