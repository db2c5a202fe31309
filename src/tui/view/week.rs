//! The week board over the schedule: a row per cleaner, a column per day
//! of the week, each cell a bar of the hours booked against the hours the
//! cleaner works that day and the day's jobs in short (start and customer,
//! with the day view's marks). Rows scroll to keep the chosen cell in
//! view, and days too when the screen is narrow. A cleaner's week is in
//! `cleaner`.

mod cleaner;

use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};

use crate::domain::BookingStatus;
use crate::engine::week::{WEEK_DAYS, WeekDay, WeekJob, WeekPlan, WeekRow};
use crate::i18n::Words;
use crate::tui::app::{App, WeekState};
use crate::tui::theme::Theme;
use crate::words::text::{HourParts::Halves, fit, hours, pad, short_name, width};

/// Said when `W` finds no lane to take the cleaner from.
pub fn no_lane(w: Words) -> String {
    w.get("week-no-lane")
}

/// The narrowest day column (a separator and eight columns of text).
const MIN_CELL: u16 = 9;
/// Rows above the cleaners: the title and the days.
const HEAD_ROWS: u16 = 2;

/// The area the week takes: between the header and the status line.
pub fn area(screen: Rect) -> Rect {
    Rect {
        y: screen.y + 1,
        height: screen.height.saturating_sub(3),
        ..screen
    }
}

pub fn draw(buf: &mut Buffer, area: Rect, app: &App, w: &WeekState) {
    // The area is blank: the schedule is not drawn beneath the week.
    let t = &app.theme;
    if area.height < 4 {
        return;
    }
    let Some(plan) = &w.plan else {
        buf.set_string(area.x + 1, area.y, app.words().get("week-loading"), t.label);
        return;
    };
    match &w.cleaner {
        Some(c) => cleaner::draw(buf, area, app, plan, c),
        None => board(buf, area, app, w, plan),
    }
}

/// `Week 49 · 30/11–6/12 2026` (`Uge 49 · …`).
fn week_title(w: Words, plan: &WeekPlan) -> String {
    let d = plan.dates();
    w.with(
        "week-title",
        &[
            ("week", plan.number().into()),
            ("from", format!("{}/{}", d[0].day(), d[0].month()).into()),
            ("to", format!("{}/{}", d[6].day(), d[6].month()).into()),
            ("year", d[6].year().to_string().into()),
        ],
    )
}

/// The name of a row.
fn row_name(w: Words, r: &WeekRow) -> String {
    match r.staff_id {
        Some(_) => r.name.clone(),
        None => w.get("lane-unassigned"),
    }
}

/// The mark and style of a job, as the day view marks its block.
fn job_look(t: &Theme, j: &WeekJob) -> (&'static str, Style) {
    if j.clash {
        ("!", t.clash)
    } else if j.warning {
        ("!", t.warning)
    } else if j.review {
        ("?", t.warning)
    } else if j.status == BookingStatus::Completed {
        ("✓", t.done)
    } else if j.status == BookingStatus::InProgress {
        ("▶", t.running)
    } else {
        ("▏", t.booking)
    }
}

/// How the board fits the area: the name column, the days shown, the
/// rows a cleaner gets and the cleaners shown.
struct Layout {
    name_w: u16,
    cell_w: u16,
    first_day: usize,
    days: usize,
    row_h: u16,
    first_row: usize,
    rows: usize,
}

impl Layout {
    fn new(area: Rect, w: &WeekState, plan: &WeekPlan) -> Layout {
        let name_w: u16 = if area.width >= 120 { 16 } else { 10 };
        let room = area.width.saturating_sub(name_w);
        let days = ((room / MIN_CELL) as usize).clamp(1, WEEK_DAYS);
        let cell_w = room / days as u16;
        let first_day = w.day.saturating_sub(days - 1).min(WEEK_DAYS - days);
        let body = area.height.saturating_sub(HEAD_ROWS);
        let most_jobs = plan
            .rows
            .iter()
            .flat_map(|r| r.days.iter().map(|d| d.jobs.len()))
            .max()
            .unwrap_or(0) as u16;
        // A bar line and a line a job, up to what a screen this tall gives
        // a cleaner (four lines at 24 rows).
        let cap = (body / 5).max(3) + 1;
        let row_h = (most_jobs + 1).clamp(2, cap).min(body.max(1));
        let shown = ((body / row_h) as usize).max(1);
        let first_row = w.row.saturating_sub(shown - 1);
        let rows = shown.min(plan.rows.len().saturating_sub(first_row));
        Layout {
            name_w,
            cell_w,
            first_day,
            days,
            row_h,
            first_row,
            rows,
        }
    }

    fn cell_x(&self, area: Rect, day: usize) -> u16 {
        area.x + self.name_w + (day - self.first_day) as u16 * self.cell_w
    }
}

fn board(buf: &mut Buffer, area: Rect, app: &App, w: &WeekState, plan: &WeekPlan) {
    let t = &app.theme;
    let l = Layout::new(area, w, plan);
    let full = area.width as usize;
    // Title, and what is out of view.
    buf.set_string(area.x, area.y, pad("", full), t.axis);
    let words = app.words();
    buf.set_string(area.x + 1, area.y, week_title(words, plan), t.axis);
    let mut more = Vec::new();
    if plan.rows.len() > l.rows {
        more.push(words.with(
            "week-cleaners-shown",
            &[
                ("first", (l.first_row + 1).into()),
                ("last", (l.first_row + l.rows).into()),
                ("all", plan.rows.len().into()),
            ],
        ));
    }
    if l.days < WEEK_DAYS {
        let left = if l.first_day > 0 { "◀" } else { " " };
        let right = if l.first_day + l.days < WEEK_DAYS {
            "▶"
        } else {
            " "
        };
        more.push(words.with(
            "week-more-days",
            &[("left", left.into()), ("right", right.into())],
        ));
    }
    let more = more.join(" · ");
    let x = area.right().saturating_sub(width(&more) as u16 + 1);
    buf.set_string(x, area.y, &more, t.axis);

    // Day headings.
    let y = area.y + 1;
    let head = format!(" {}", words.get("axis-cleaner"));
    buf.set_string(area.x, y, pad(&head, l.name_w as usize), t.axis);
    let today = app.today();
    for (i, date) in plan
        .dates()
        .iter()
        .enumerate()
        .skip(l.first_day)
        .take(l.days)
    {
        let x = l.cell_x(area, i);
        let style = if *date == today { t.now_line } else { t.axis };
        let text = pad(&format!("│{}", day_label(app, *date)), l.cell_w as usize);
        buf.set_string(x, y, text, style);
    }
    if plan.rows.is_empty() {
        buf.set_string(area.x + 1, y + 1, words.get("welcome-no-cleaners"), t.label);
        return;
    }
    let days = plan.dates();
    for (n, row) in plan.rows.iter().enumerate().skip(l.first_row).take(l.rows) {
        let y = area.y + HEAD_ROWS + (n - l.first_row) as u16 * l.row_h;
        name_cell(buf, area.x, y, &l, app, row, n == w.row);
        for (i, d) in row.days.iter().enumerate().skip(l.first_day).take(l.days) {
            let chosen = n == w.row && i == w.day;
            let x = l.cell_x(area, i);
            let mut cell = Rect::new(x, y, l.cell_w, l.row_h);
            cell.height = cell.height.min(area.bottom().saturating_sub(y));
            day_cell(buf, cell, app, row, d, days[i] == today, chosen);
        }
    }
}

/// The cleaner's name, and the week's hours against their contract.
fn name_cell(buf: &mut Buffer, x: u16, y: u16, l: &Layout, app: &App, row: &WeekRow, chosen: bool) {
    let t = &app.theme;
    let nw = l.name_w as usize;
    let marker = match row.colour.parse::<Color>() {
        Ok(c) if t.staff_colours => t.lane_name.fg(c),
        _ => t.lane_name,
    };
    let style = if chosen {
        t.lane_name.patch(t.selected)
    } else {
        t.lane_name
    };
    buf.set_string(x, y, "▌", marker);
    buf.set_string(
        x + 1,
        y,
        pad(&short_name(&row_name(app.words(), row), nw - 1), nw - 1),
        style,
    );
    if l.row_h > 1 && row.staff_id.is_some() {
        let text = app.words().with(
            "week-hours-of",
            &[
                ("booked", hours(app.words(), row.booked_min, Halves).into()),
                ("of", hours(app.words(), row.contract_min, Halves).into()),
            ],
        );
        let style = if row.over() { t.warning } else { t.label };
        buf.set_string(x + 1, y + 1, pad(&text, nw - 1), style);
    }
}

/// A day of a cleaner: the bar, then the jobs (`+N more` when they do
/// not all fit).
fn day_cell(
    buf: &mut Buffer,
    cell: Rect,
    app: &App,
    row: &WeekRow,
    d: &WeekDay,
    today: bool,
    chosen: bool,
) {
    let t = &app.theme;
    let inner = cell.width.saturating_sub(1) as usize;
    let x = cell.x + 1;
    let sep = if today { t.now_line } else { t.lane_empty };
    for y in cell.top()..cell.bottom() {
        buf.set_string(cell.x, y, "│", sep);
    }
    if cell.height == 0 || inner < 2 {
        return;
    }
    bar(buf, x, cell.y, inner, app, row, d);
    let lines = cell.height.saturating_sub(1) as usize;
    let hidden = d.jobs.len().saturating_sub(lines);
    let shown = if hidden > 0 {
        lines.saturating_sub(1)
    } else {
        lines
    };
    let wide = inner >= 14;
    for (k, j) in d.jobs.iter().take(shown).enumerate() {
        let y = cell.y + 1 + k as u16;
        let (mark, style) = job_look(t, j);
        let time = if wide {
            app.settings.tz.hm(j.start)
        } else {
            app.settings.tz.hm(j.start).chars().take(2).collect()
        };
        let name_w = inner.saturating_sub(width(&time) + 2);
        let text = format!("{mark}{time} {}", short_name(&j.customer, name_w));
        buf.set_string(x, y, pad(&text, inner), style);
    }
    if hidden > 0 && lines > 0 {
        let y = cell.y + lines as u16;
        let more = app
            .words()
            .with("week-more-jobs", &[("n", (hidden + 1).into())]);
        let text = fit(&more, inner);
        buf.set_string(x, y, pad(&text, inner), t.label);
    }
    if chosen {
        let r = Rect::new(x, cell.y, inner as u16, cell.height);
        buf.set_style(r, t.selected);
    }
}

/// `███░░ 6/7`: booked against the hours of the day; over them in the
/// warning colour, a day off as `off`.
fn bar(buf: &mut Buffer, x: u16, y: u16, inner: usize, app: &App, row: &WeekRow, d: &WeekDay) {
    let t = &app.theme;
    if row.staff_id.is_none() {
        let n = d.jobs.len();
        let text = match n {
            0 => String::new(),
            _ => app.words().with("week-jobs", &[("n", n.into())]),
        };
        buf.set_string(x, y, pad(&text, inner), t.label);
        return;
    }
    if d.capacity_min == 0 && d.booked_min == 0 {
        buf.set_string(x, y, pad(&app.words().get("week-day-off"), inner), t.label);
        return;
    }
    let (booked, of) = (
        hours(app.words(), d.booked_min, Halves),
        hours(app.words(), d.capacity_min, Halves),
    );
    let label = if inner >= 14 {
        app.words().with(
            "week-hours-of",
            &[("booked", booked.into()), ("of", of.into())],
        )
    } else {
        format!("{booked}/{of}")
    };
    let bar_w = inner.saturating_sub(width(&label) + 1);
    let over = d.over();
    let filled = if over || d.capacity_min == 0 {
        bar_w
    } else {
        (d.booked_min * bar_w as i64 / d.capacity_min.max(1)) as usize
    };
    let (fill, rest) = if over {
        (t.warning, t.warning)
    } else {
        (t.meter_ok, t.meter_empty)
    };
    buf.set_string(x, y, "█".repeat(filled), fill);
    buf.set_string(x + filled as u16, y, "░".repeat(bar_w - filled), rest);
    let lx = x + bar_w as u16;
    let label = pad(&format!(" {label}"), inner - bar_w);
    buf.set_string(lx, y, label, if over { t.warning } else { t.label });
}

/// `fre 20/11` / `Fri 20/11`.
fn day_label(app: &App, d: chrono::NaiveDate) -> String {
    crate::words::text::weekday_dm(app.words(), d)
}
