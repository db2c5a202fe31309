//! A cleaner's week: the week's hours against their contract, then each
//! day with its hours and its jobs in the order they are done, with the
//! addresses they go to. Scrolls a line at a time.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{day_label, job_look, row_name, week_title};
use crate::engine::week::WeekPlan;
use crate::tui::app::{App, CleanerWeek};
use crate::words::text::{HourParts, duration, fit, hours, pad, width};

/// The lines of the week: text and style, the mark apart.
struct Line {
    mark: Option<(&'static str, Style)>,
    text: String,
    style: Style,
}

fn lines(app: &App, plan: &WeekPlan, c: &CleanerWeek, wide: bool) -> Vec<Line> {
    let t = &app.theme;
    let tz = app.settings.tz;
    let w = app.words();
    let Some(row) = plan.row_of(c.staff_id).map(|i| &plan.rows[i]) else {
        return vec![Line {
            mark: None,
            text: w.get("week-no-jobs"),
            style: t.label,
        }];
    };
    let mut out = Vec::new();
    for d in &row.days {
        let n = d.jobs.len();
        let day = day_label(app, d.date);
        let text = if row.staff_id.is_none() || (n == 0 && d.capacity_min > 0) {
            w.with("week-day-jobs", &[("day", day.into()), ("n", n.into())])
        } else if n == 0 {
            w.with("week-day-none-off", &[("day", day.into())])
        } else if d.capacity_min == 0 {
            w.with(
                "week-day-booked-off",
                &[
                    ("day", day.into()),
                    ("n", n.into()),
                    ("booked", duration(w, d.booked_min).into()),
                ],
            )
        } else {
            w.with(
                "week-day-booked-of",
                &[
                    ("day", day.into()),
                    ("n", n.into()),
                    ("booked", duration(w, d.booked_min).into()),
                    ("of", duration(w, d.capacity_min).into()),
                ],
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
                w.get("week-no-address")
            } else {
                j.address.clone()
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
    let w = app.words();
    let name = row.map(|r| row_name(w, r)).unwrap_or_default();
    let title = format!(" {name} · {}", week_title(w, plan));
    buf.set_string(area.x, area.y, pad(&fit(&title, full), full), t.axis);
    if let Some(r) = row.filter(|r| r.staff_id.is_some()) {
        let (booked, of) = (
            hours(w, r.booked_min, HourParts::Halves),
            hours(w, r.contract_min, HourParts::Halves),
        );
        let key = if r.contracted {
            "week-booked-of-contract"
        } else {
            "week-booked-of-hours"
        };
        let text = format!(
            "{} ",
            w.with(key, &[("booked", booked.into()), ("of", of.into())])
        );
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
        let room = area.right().saturating_sub(x) as usize;
        buf.set_string(x, y, fit(&line.text, room), line.style);
    }
    if first > 0 {
        let more = format!(" {}", w.get("week-scroll-up"));
        let x = area.right().saturating_sub(width(&more) as u16);
        buf.set_string(x, top, more, t.label);
    }
    if first + room < all.len() {
        let more = format!(" {}", w.get("week-scroll-down"));
        let x = area.right().saturating_sub(width(&more) as u16);
        buf.set_string(x, area.bottom() - 1, more, t.label);
    }
}
