//! The time axis and the lanes of bookings.

use std::collections::HashSet;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};

use crate::domain::invoice::PaymentState;
use crate::domain::overtime::{OvertimeLevel, late_start, overtime};
use crate::domain::{Booking, BookingStatus, ConflictKind};
use crate::engine::DayPlan;
use crate::store::AlertState;
use crate::tui::app::{App, Mode};
use crate::tui::theme::Theme;
use crate::words::text::{fit, pad, short_name, width};

/// Width of the cleaner-name column.
pub fn name_width(area: Rect) -> u16 {
    if area.width >= 120 { 18 } else { 13 }
}

/// Maps minutes of the day to columns of the timeline.
struct Scale {
    x0: u16,
    cols: u16,
    start: i64,
    len: i64,
}

impl Scale {
    fn new(area: Rect, app: &App) -> Scale {
        let nw = name_width(area);
        Scale {
            x0: area.x + nw,
            cols: area.width.saturating_sub(nw),
            start: app.window_start,
            len: app.window_len,
        }
    }

    /// Column for a minute, clamped to the timeline.
    fn x(&self, minute: i64) -> u16 {
        let m = (minute - self.start).clamp(0, self.len);
        self.x0 + (m * i64::from(self.cols) / self.len.max(1)) as u16
    }

    fn visible(&self, minute: i64) -> bool {
        (self.start..self.start + self.len).contains(&minute)
    }
}

pub fn axis(buf: &mut Buffer, area: Rect, app: &App) {
    let t = &app.theme;
    buf.set_style(area, t.axis);
    let scale = Scale::new(area, app);
    let nw = name_width(area);
    let cleaner = format!(" {}", app.words().get("axis-cleaner"));
    buf.set_string(area.x, area.y, pad(&cleaner, nw as usize), t.axis);
    let per_hour = i64::from(scale.cols) * 60 / scale.len.max(1);
    let step = if per_hour >= 3 { 60 } else { 120 };
    let first = (scale.start + 59) / 60 * 60;
    let mut m = first;
    while m < scale.start + scale.len {
        let x = scale.x(m);
        let label = if per_hour >= 7 {
            format!("{:02}:00", m / 60)
        } else {
            format!("{:02}", (m / 60) % 24)
        };
        if x + width(&label) as u16 <= area.right() {
            buf.set_string(x, area.y, label, t.axis);
        }
        m += step;
    }
    if app.date == app.today() {
        let now = app.minute_of_day(app.now);
        if scale.visible(now) {
            // Mark now without hiding an hour label: restyle a label's digit instead.
            let x = scale.x(now);
            let cell = &mut buf[(x, area.y)];
            if cell.symbol() == " " {
                cell.set_symbol("▼");
            }
            cell.set_style(t.now_line);
        }
    }
}

/// The glyph and style of a booking block.
fn look(
    app: &App,
    b: &Booking,
    clashes: &HashSet<i64>,
    warnings: &HashSet<i64>,
) -> (&'static str, Style) {
    let t = &app.theme;
    let ot = overtime(b, app.now, &app.settings.overtime);
    if clashes.contains(&b.id) {
        return ("!", t.clash);
    }
    if let Some(o) = ot {
        return match o.level {
            OvertimeLevel::Alert => ("▶", t.meter_alert),
            OvertimeLevel::Overtime => ("▶", t.warning),
            _ => ("▶", t.running),
        };
    }
    if warnings.contains(&b.id) {
        return ("!", t.warning);
    }
    if b.needs_review() {
        return ("?", t.warning);
    }
    match b.status {
        BookingStatus::Completed => ("✓", t.done),
        BookingStatus::Scheduled if app.date == app.today() && late_start(b, app.now).is_some() => {
            ("…", t.late)
        }
        _ => ("▏", t.booking),
    }
}

pub fn lanes(buf: &mut Buffer, area: Rect, lane_height: u16, app: &App, plan: &DayPlan) {
    let t = &app.theme;
    buf.set_style(area, t.lane_empty);
    let lanes = app.lanes();
    let visible = (area.height / lane_height.max(1)) as usize;
    // Keep the selected lane on screen.
    let first = app.lane.saturating_sub(visible.saturating_sub(1));
    let scale = Scale::new(area, app);
    let nw = name_width(area) as usize;
    let clashes =
        crate::domain::conflict::flagged(&plan.conflicts, Some(ConflictKind::DoubleBooking));
    let warnings = crate::domain::conflict::flagged(&plan.conflicts, None);
    let now = (app.date == app.today())
        .then(|| app.minute_of_day(app.now))
        .filter(|m| scale.visible(*m));

    for (row, (i, key)) in lanes
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .enumerate()
    {
        let y = area.y + row as u16 * lane_height;
        let rows = Rect {
            x: area.x,
            y,
            width: area.width,
            height: lane_height.min(area.bottom() - y),
        };
        // Background: faint hour ticks and the now-line.
        for r in rows.y..rows.bottom() {
            let mut m = (scale.start + 59) / 60 * 60;
            while m < scale.start + scale.len {
                buf.set_string(scale.x(m), r, "·", t.lane_empty);
                m += 60;
            }
            if let Some(n) = now {
                buf.set_string(scale.x(n), r, "│", t.now_line);
            }
        }
        // Name column.
        let selected_lane = i == app.lane;
        let (name, colour) = match key {
            Some(id) => {
                let s = plan.staff_by_id(*id);
                (
                    s.map_or("?", |s| s.name.as_str()).to_string(),
                    s.and_then(|s| s.colour.parse::<Color>().ok()),
                )
            }
            None => (app.words().get("lane-unassigned"), None),
        };
        let name_style = if selected_lane {
            t.lane_name.patch(t.selected)
        } else {
            t.lane_name
        };
        let marker_style = match colour {
            Some(c) if t.staff_colours => t.lane_name.fg(c),
            _ => t.lane_name,
        };
        buf.set_string(rows.x, y, "▌", marker_style);
        buf.set_string(
            rows.x + 1,
            y,
            pad(&short_name(&name, nw - 2), nw - 2),
            name_style,
        );
        if lane_height > 1 {
            let n = plan.lane(*key).count();
            let hint = app.words().with("lane-jobs", &[("n", n.into())]);
            buf.set_string(rows.x + 1, y + 1, pad(&hint, nw - 2), t.label);
        }
        // Blocks, overlapping ones stacked in rows of their own.
        blocks(buf, rows, app, plan, &scale, *key, (&clashes, &warnings));
        // The time cursor, in the selected lane.
        if let Some(m) = app
            .time_cursor
            .filter(|m| selected_lane && scale.visible(*m))
        {
            let x = scale.x(m);
            for r in rows.y..rows.bottom() {
                let cell = &mut buf[(x, r)];
                if matches!(cell.symbol(), " " | "·" | "│") {
                    cell.set_symbol("┃");
                }
                cell.set_style(t.selected);
            }
        }
    }
    // Lanes above or below the visible ones.
    let hidden_below = lanes.len().saturating_sub(first + visible);
    if first > 0 {
        buf.set_string(area.x + nw as u16 - 2, area.y, "↑", t.label);
    }
    if hidden_below > 0 {
        let text = fit(&format!("↓{hidden_below}"), 3);
        buf.set_string(area.x + nw as u16 - 3, area.bottom() - 1, text, t.label);
    }
}

/// Draws the blocks of a lane in `rows`. Jobs that overlap go in rows of
/// their own (a stack); in a lane with fewer rows than the stack is deep
/// the deeper ones share the last row (later over earlier) and the lane
/// ends in `+N more`; the selected job is always drawn whole.
fn blocks(
    buf: &mut Buffer,
    rows: Rect,
    app: &App,
    plan: &DayPlan,
    scale: &Scale,
    key: Option<i64>,
    marks: (&HashSet<i64>, &HashSet<i64>),
) {
    let jobs: Vec<&Booking> = plan.lane(key).collect();
    let spans: Vec<(i64, i64)> = jobs
        .iter()
        .map(|b| (app.minute_of_day(b.start), app.minute_of_day(b.end)))
        .collect();
    let stacked = stack(&spans);
    let h = rows.height.max(1);
    // Rows per level of a job's group of overlapping jobs: all its rows for
    // a job alone, shared when every level fits, else one each.
    let per = |depth: usize| {
        if depth as u16 <= h {
            h / depth.max(1) as u16
        } else {
            1
        }
    };
    let mut hidden = 0;
    let mut selected = None;
    for (i, b) in jobs.iter().enumerate() {
        let (s, e) = spans[i];
        if e <= scale.start || s >= scale.start + scale.len {
            continue;
        }
        let (level, depth) = stacked[i];
        let per = per(depth);
        let shown = (h / per) as usize;
        // Levels beyond the lane's rows share its last row, later over
        // earlier, and are counted.
        if level >= shown {
            hidden += 1;
            if app.selected == Some(b.id) {
                selected = Some(i);
            }
        }
        let y = rows.y + level.min(shown - 1) as u16 * per;
        block(buf, (y, per), app, plan, scale, b, (s, e), marks);
    }
    if hidden > 0 {
        let more = app.words().with("lane-more", &[("n", hidden.into())]);
        let text = format!(" {more} ");
        let x = rows.right().saturating_sub(width(&text) as u16 + 1);
        buf.set_string(x, rows.bottom() - 1, text, app.theme.label);
    }
    // The selected job, when its level is not shown: on top in the last row.
    if let Some(i) = selected {
        let per = per(stacked[i].1);
        let y = rows.y + (h / per - 1) * per;
        block(buf, (y, per), app, plan, scale, jobs[i], spans[i], marks);
    }
}

/// Each span's level in a stack where overlapping spans never share one
/// (the lowest free level, spans taken by start), with how many levels its
/// group of overlapping spans needs. `spans` must be sorted by start.
pub fn stack(spans: &[(i64, i64)]) -> Vec<(usize, usize)> {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let mut busy: BinaryHeap<Reverse<(i64, usize)>> = BinaryHeap::new();
    let mut free: BinaryHeap<Reverse<usize>> = BinaryHeap::new();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    // Where the current group began in `out`, and its depth so far.
    let (mut group, mut depth) = (0, 0);
    for (i, &(s, e)) in spans.iter().enumerate() {
        while let Some(Reverse((end, level))) = busy.peek().copied() {
            if end > s {
                break;
            }
            busy.pop();
            free.push(Reverse(level));
        }
        if busy.is_empty() {
            for o in &mut out[group..i] {
                o.1 = depth;
            }
            (group, depth) = (i, 0);
            free.clear();
        }
        let level = free.pop().map_or(busy.len(), |Reverse(l)| l);
        depth = depth.max(level + 1);
        busy.push(Reverse((e.max(s + 1), level)));
        out.push((level, 0));
    }
    let n = out.len();
    for o in &mut out[group..n] {
        o.1 = depth;
    }
    out
}

/// One block in rows `y..y + height`: the mark and the customer, then the
/// times and the service where there is room; the sync's, the call's or
/// the invoice's mark in its last column.
#[allow(clippy::too_many_arguments)]
fn block(
    buf: &mut Buffer,
    (y, height): (u16, u16),
    app: &App,
    plan: &DayPlan,
    scale: &Scale,
    b: &Booking,
    (s, e): (i64, i64),
    (clashes, warnings): (&HashSet<i64>, &HashSet<i64>),
) {
    let t = &app.theme;
    let x0 = scale.x(s);
    let x1 = scale.x(e).max(x0 + 1).min(scale.x0 + scale.cols);
    let w = (x1 - x0) as usize;
    let (mut glyph, mut style) = look(app, b, clashes, warnings);
    if matches!(&app.mode, Mode::Move(m) if m.draft.id == b.id) {
        glyph = "↔";
    }
    if app.selected == Some(b.id) {
        style = style.patch(t.selected);
    }
    let label = format!("{glyph}{}", plan.customer_name(b));
    buf.set_string(x0, y, pad(&label, w), style);
    // The sync's mark in the block's last column, when it has room.
    let mark = if plan.sync_conflicted.contains(&b.id) {
        Some(("⇄", t.warning))
    } else if plan.sync_pending.contains(&b.id) {
        Some(("↑", style))
    } else if plan
        .alerts
        .get(&b.id)
        .is_some_and(|a| a.state == AlertState::Failed)
    {
        Some(("☎", t.clash))
    } else {
        plan.invoices
            .get(&b.id)
            .map(|rec| invoice_mark(rec.payment(app.today()), style, t))
    };
    if let Some((m, m_style)) = mark.filter(|_| w >= 4) {
        buf.set_string(x1 - 1, y, m, m_style);
    }
    if height > 1 {
        let times = format!(
            " {}–{}",
            app.settings.tz.hm(b.start),
            app.settings.tz.hm(b.end)
        );
        buf.set_string(x0, y + 1, pad(&times, w), style);
        for r in y + 2..y + height {
            buf.set_string(x0, r, pad(&format!(" {}", b.service), w), style);
        }
    }
}

/// The invoice's mark in a block: `◌` asked for, draft or voided (to be
/// invoiced again), `○` unpaid, `!` overdue, `●` paid.
fn invoice_mark(state: PaymentState, style: Style, t: &Theme) -> (&'static str, Style) {
    match state {
        PaymentState::Pending | PaymentState::Draft | PaymentState::Voided => ("◌", style),
        PaymentState::Unpaid => ("○", style),
        PaymentState::Overdue => ("!", t.clash),
        PaymentState::Paid => ("●", style),
    }
}

#[cfg(test)]
mod tests;
