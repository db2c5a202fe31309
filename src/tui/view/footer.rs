//! The footer: the schedule's keys, or the keys of the mode the console is
//! in, all generated from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::keys::{self, pairs};
use crate::tui::action::Action;
use crate::tui::app::{App, Mode, MoveStep};
use crate::words::text::{fit, pad, width};

/// The keys of the mode the console is in, as `(key, meaning)` pairs.
fn mode_keys(app: &App) -> Option<Vec<(String, String)>> {
    let km = &app.keymap;
    let w = app.words();
    let pairs: Vec<(String, String)> = match &app.mode {
        Mode::Move(m) => {
            let off = (m.draft.start - m.original.start).num_minutes();
            let label = app.settings.tz.hm(m.draft.start);
            let step = app.settings.move_step_min;
            let moved = w.with(
                "footer-move-by",
                &[
                    ("time", label.into()),
                    ("minutes", format!("{off:+}").into()),
                ],
            );
            std::iter::once((w.get("footer-move"), moved))
                .chain(pairs(km, keys::MOVE_FOOTER, w, &[("step", step.into())]))
                .collect()
        }
        Mode::Form(fs)
            if fs
                .new_customer
                .as_ref()
                .is_some_and(|c| c.lookalike.is_some()) =>
        {
            pairs(km, keys::DUPLICATE_HINT, w, &[])
        }
        Mode::Form(fs)
            if fs.new_customer.is_none()
                && fs.form.focus == crate::tui::form::Field::Customer
                && fs.form.customer_id.is_none()
                && !fs.form.searching() =>
        {
            pairs(km, keys::NEW_CUSTOMER_FOOTER, w, &[])
        }
        Mode::Form(_) => pairs(km, keys::FORM_FOOTER, w, &[]),
        Mode::Customer(s) if s.edit.is_some() => pairs(km, keys::FORM_FOOTER, w, &[]),
        Mode::Customer(_) => pairs(km, keys::CUSTOMER_FOOTER, w, &[]),
        Mode::Prompt(_) => pairs(km, keys::PROMPT_FOOTER, w, &[]),
        Mode::Journal(_) => pairs(km, keys::JOURNAL_FOOTER, w, &[]),
        Mode::Review { .. } => pairs(km, keys::REVIEW_FOOTER, w, &[]),
        Mode::SyncConflicts { .. } => pairs(km, keys::CONFLICTS_FOOTER, w, &[]),
        Mode::Confirm(_) => pairs(km, keys::CONFIRM_KEYS, w, &[]),
        Mode::Stale(_) => pairs(km, keys::STALE_FOOTER, w, &[]),
        Mode::Scope(_) => pairs(km, keys::SCOPE_FOOTER, w, &[]),
        Mode::Finder(_) => pairs(km, keys::FINDER_FOOTER, w, &[]),
        Mode::SickCall(_) => pairs(km, keys::SICK_CALL_FOOTER, w, &[]),
        Mode::Staff(s) if s.editing.is_some() => pairs(km, keys::STAFF_EDIT_FOOTER, w, &[]),
        Mode::Staff(_) => pairs(km, keys::STAFF_FOOTER, w, &[]),
        Mode::Log(_) => pairs(km, keys::LOG_FOOTER, w, &[]),
        Mode::Find(_) => pairs(km, keys::FIND_FOOTER, w, &[]),
        Mode::Week(s) if s.cleaner.is_some() => pairs(km, keys::CLEANER_WEEK_FOOTER, w, &[]),
        Mode::Week(_) => pairs(km, keys::WEEK_FOOTER, w, &[]),
        Mode::Normal | Mode::Help | Mode::GoTo(_) => return None,
    };
    Some(pairs)
}

/// The footer; in move mode's reason prompt and the go-to question,
/// where the cursor goes.
pub fn footer(buf: &mut Buffer, area: Rect, app: &App) -> Option<(u16, u16)> {
    let t = &app.theme;
    buf.set_style(area, t.footer);
    if let Mode::Move(m) = &app.mode
        && let MoveStep::Reason(r) = &m.step
    {
        let q = format!("{} ", app.words().get("footer-clash-why"));
        buf.set_string(area.x, area.y, &q, t.warning);
        let x = area.x + width(&q) as u16;
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
    if let Mode::GoTo(g) = &app.mode {
        return Some(super::goto::line(buf, area, app, g));
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
            // The whole line: no key of the list below may show after it.
            let w = area.width as usize;
            buf.set_string(area.x, area.y, pad(&fit(e, w), w), t.status_error);
        }
        return None;
    }
    let w = app.words();
    let items: Vec<(String, Action, String)> = app
        .keymap
        .footer()
        .into_iter()
        .map(|(k, a)| (k, a, w.get(&footer_key(a))))
        .collect();
    // Help and quit always show, at the end; the rest as room allows.
    let is_tail = |a: &Action| matches!(a, Action::Help | Action::Quit);
    let (tail, body): (Vec<_>, Vec<_>) = items.into_iter().partition(|(_, a, _)| is_tail(a));
    let tail_w: usize = tail.iter().map(|(k, _, l)| width(k) + width(l) + 3).sum();
    let mut x = area.x + 1;
    let limit = area.right().saturating_sub(tail_w as u16);
    for (k, a, l) in body.iter().chain(tail.iter()) {
        let w = (width(k) + width(l) + 3) as u16;
        if !is_tail(a) && x + w > limit {
            continue;
        }
        if x + w > area.right() + 1 {
            break;
        }
        buf.set_string(x, area.y, k, t.footer_key);
        buf.set_string(x + width(k) as u16 + 1, area.y, l, t.footer);
        x += w;
    }
    None
}

/// The catalogue key of an action's footer word: `footer-NAME`.
pub fn footer_key(a: Action) -> String {
    format!("footer-{}", a.name().replace('_', "-"))
}

/// The catalogue key of an action's words in the help: `help-NAME`.
pub fn help_key(a: Action) -> String {
    format!("help-{}", a.name().replace('_', "-"))
}
