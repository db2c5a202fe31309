//! The scope question over the schedule: which visits of a series a change
//! is for, the answers with their keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;

use super::form::centred;
use super::keys;
use super::lists::frame_block;
use crate::store::Scope;
use crate::tui::action::{Action, KeyMode};
use crate::tui::app::{App, ScopeFor, ScopeQuestion};
use crate::words::news;
use crate::words::text::{fit, pad};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, q: &ScopeQuestion) {
    let t = &app.theme;
    let rect = centred(area, 60, 9);
    frame.render_widget(Clear, rect);
    let words = app.words();
    let block = frame_block(
        app,
        format!(
            " {} ",
            words.with("scope-title", &[("id", q.series.into())])
        ),
    );
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height < 6 {
        return;
    }
    let w = inner.width as usize;
    let tz = app.settings.tz;
    let b = &q.booking;
    let name = app.plan.as_ref().map_or("", |p| p.customer_name(b));
    let key = match q.then {
        ScopeFor::Edit => "scope-edit-which",
        ScopeFor::Move => "scope-move-which",
        ScopeFor::Cancel => "scope-cancel-which",
    };
    let buf = frame.buffer_mut();
    let head = words.with(
        key,
        &[
            ("name", name.into()),
            (
                "when",
                format!("{} {}", tz.local(b.start).format("%-d/%-m"), tz.hm(b.start)).into(),
            ),
        ],
    );
    buf.set_string(inner.x, inner.y, fit(&head, w), t.panel);
    let answers = [
        (Action::ThisVisit, Scope::This),
        (Action::Following, Scope::Following),
        (Action::AllVisits, Scope::All),
    ];
    for (i, (action, scope)) in answers.into_iter().enumerate() {
        let key = app.keymap.first(KeyMode::Scope, action).unwrap_or_default();
        let y = inner.y + 2 + i as u16;
        buf.set_string(inner.x + 2, y, pad(&key, 6), t.footer_key);
        buf.set_string(
            inner.x + 8,
            y,
            fit(&news::scope_label(app.words(), scope), w - 8),
            t.panel,
        );
    }
    buf.set_string(
        inner.x,
        inner.bottom() - 1,
        fit(
            &keys::hint(&app.keymap, keys::SCOPE_HINT, ": ", app.words()),
            w,
        ),
        t.label,
    );
}
