//! A cleaner's week: the week's hours against their contract, then each
//! day with its hours and its jobs in the order they are done, with the
//! addresses they go to. Scrolls a line at a time.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{day_label, hours, job_look, row_name, week_title};
use crate::engine::week::WeekPlan;
use crate::tui::app::{App, CleanerWeek};
use crate::tui::view::text::{duration, fit, pad, width};

/// The lines of the week: text and style, the mark apart.
struct Line {
    mark: Option<(&'static str, Style)>,
    text: String,
    style: Style,
}

fn lines(app: &App, plan: &WeekPlan, c: &CleanerWeek, wide: bool) -> Vec<Line> {
    let t = &app.theme;
    let tz = app.settings.tz;
    let Some(row) = plan.row_of(c.staff_id).map(|i| &plan.rows[i]) else {
        return vec![Line {
            mark: None,
            text: "No jobs this week.".into(),
            style: t.label,
        }];
    };
    let mut out = Vec::new();
    for d in &row.days {
        let n = d.jobs.len();
        let jobs = match n {
            0 => "no jobs".to_string(),
            1 => "1 job".to_string(),
            _ => format!("{n} jobs"),
        };
        let text = if row.staff_id.is_none() || (n == 0 && d.capacity_min > 0) {
            format!("{} · {jobs}", day_label(app, d.date))
        } else if n == 0 {
            format!("{} · no jobs, a day off", day_label(app, d.date))
        } else if d.capacity_min == 0 {
            format!(
                "{} · {jobs} · {} booked, a day off",
                day_label(app, d.date),
                duration(app.words(), d.booked_min)
            )
        } else {
            format!(
                "{} · {jobs} · {} of {}",
                day_label(app, d.date),
                duration(app.words(), d.booked_min),
                duration(app.words(), d.capacity_min)
            )
        };
        let over = row.staff_id.is_some() && d.over();
        out.push(Line {
            mark: None,
            text,
            style: if over { t.warning } else { t.panel_title },
        });
        for (k, j) in d.jobs.iter().enumerate() {
            let service = if wide && !j.service.is_empty() {
                format!(" · {}", j.service)
            } else {
                String::new()
            };
            let address = if j.address.is_empty() {
                "(no address)"
            } else {
                j.address.as_str()
            };
            out.push(Line {
                mark: Some(job_look(t, j)),
                text: format!(
                    "{}. {}–{}  {} · {address}{service}",
                    k + 1,
                    tz.hm(j.start),
                    tz.hm(j.end),
                    j.customer
                ),
                style: t.panel,
            });
        }
    }
    out
}

pub fn draw(buf: &mut Buffer, area: Rect, app: &App, plan: &WeekPlan, c: &CleanerWeek) {
    let t = &app.theme;
    let full = area.width as usize;
    let row = plan.row_of(c.staff_id).map(|i| &plan.rows[i]);
    let name = row.map_or("", row_name);
    let title = format!(" {name} · {}", week_title(plan));
    buf.set_string(area.x, area.y, pad(&fit(&title, full), full), t.axis);
    if let Some(r) = row.filter(|r| r.staff_id.is_some()) {
        let (booked, of) = (hours(r.booked_min), hours(r.contract_min));
        let text = if r.contracted {
            format!("{booked} h booked of {of} h contracted ")
        } else {
            format!("{booked} h booked of {of} h in their hours ")
        };
        let x = area.right().saturating_sub(width(&text) as u16);
        if x > area.x + width(&title) as u16 {
            let style = if r.over() { t.warning } else { t.axis };
            buf.set_string(x, area.y, text, style);
        }
    }
    let all = lines(app, plan, c, area.width >= 120);
    let top = area.y + 1;
    let room = area.bottom().saturating_sub(top) as usize;
    let first = c.scroll.min(all.len().saturating_sub(room));
    for (k, line) in all.iter().skip(first).take(room).enumerate() {
        let y = top + k as u16;
        let mut x = area.x + 1;
        if let Some((m, style)) = line.mark {
            buf.set_string(x + 1, y, m, style);
            x += 3;
        }
        let w = area.right().saturating_sub(x) as usize;
        buf.set_string(x, y, fit(&line.text, w), line.style);
    }
    if first > 0 {
        buf.set_string(area.right() - 7, top, " ↑ more", t.label);
    }
    if first + room < all.len() {
        buf.set_string(area.right() - 7, area.bottom() - 1, " ↓ more", t.label);
    }
}
