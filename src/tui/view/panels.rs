//! The panels under the schedule: the selected booking's details, and the
//! running jobs with their overtime meters.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::news;
use super::text::{duration, fit, short_name};
use crate::domain::invoice::PaymentState;
use crate::domain::money::format_kr;
use crate::domain::overtime::{Overtime, OvertimeLevel, late_start, overtime};
use crate::domain::{Booking, BookingStatus};
use crate::engine::DayPlan;
use crate::store::AlertOutcome;
use crate::tui::app::App;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, plan: &DayPlan) {
    if area.height < 3 {
        return;
    }
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(56), Constraint::Percentage(44)]).areas(area);
    details(frame, left, app, plan);
    running(frame, right, app, plan);
}

fn panel<'a>(app: &App, title: String) -> Block<'a> {
    Block::bordered()
        .title(Span::styled(title, app.theme.panel_title))
        .border_style(app.theme.panel_border)
        .style(app.theme.panel)
}

fn details(frame: &mut Frame, area: Rect, app: &App, plan: &DayPlan) {
    let t = &app.theme;
    let tz = app.settings.tz;
    let Some(b) = app.selected_booking() else {
        let text = if plan.bookings.iter().any(Booking::is_active) {
            "No booking selected: use the arrows (or hjkl) to pick one."
        } else {
            "No bookings on this day."
        };
        let p = Paragraph::new(text)
            .style(t.label)
            .wrap(Wrap { trim: true })
            .block(panel(app, " Booking ".into()));
        frame.render_widget(p, area);
        return;
    };
    let customer = plan.customer(b);
    let mut lines: Vec<Line> = Vec::new();
    let name = plan.customer_name(b).to_string();
    lines.push(Line::from(vec![
        Span::styled(
            name,
            t.panel
                .patch(Style::new().add_modifier(ratatui::style::Modifier::BOLD)),
        ),
        Span::styled(format!(" · {}", b.service), t.panel),
    ]));
    let address = plan.address(b);
    if !address.is_empty() {
        lines.push(Line::styled(address.to_string(), t.panel));
    }
    if let Some(c) = customer.filter(|c| !c.phone.is_empty() || !c.email.is_empty()) {
        let mut contact = vec![
            Span::styled("tlf ", t.label),
            Span::styled(c.phone.clone(), t.panel),
        ];
        if !c.email.is_empty() {
            contact.push(Span::styled("  ", t.panel));
            contact.push(Span::styled(c.email.clone(), t.panel));
        }
        lines.push(Line::from(contact));
    }
    lines.push(Line::from(vec![
        Span::styled(format!("{}–{}", tz.hm(b.start), tz.hm(b.end)), t.panel),
        Span::styled(
            format!(
                " ({}) est. {} · ",
                duration(app.words(), b.planned_minutes()),
                duration(app.words(), i64::from(b.estimate_min))
            ),
            t.label,
        ),
        Span::styled(plan.staff_name(b).to_string(), t.panel),
    ]));
    let mut status = status_line(app, b);
    if plan.sync_pending.contains(&b.id) && !plan.sync_conflicted.contains(&b.id) {
        // Non-breaking spaces: wrapped, it moves to the next line whole.
        status.push_span(Span::styled(" · ⟳\u{a0}pending\u{a0}sync", t.label));
    }
    lines.push(status);
    if let Some(sv) = plan.series.get(&b.id) {
        lines.push(Line::from(vec![
            Span::styled("↻ ", t.label),
            Span::styled(news::series_line(sv), t.panel),
        ]));
    }
    if plan.sync_conflicted.contains(&b.id) {
        let key = app
            .keymap
            .keys_for(crate::tui::action::Action::SyncConflicts)
            .first()
            .map_or("C".to_string(), |k| k.label());
        lines.push(Line::from(vec![
            Span::styled("!", t.warning),
            Span::styled(format!(" sync conflict — press {key}"), t.panel),
        ]));
    }
    if let Some(rec) = plan.invoices.get(&b.id) {
        let state = rec.payment(app.today());
        let style = match state {
            PaymentState::Paid => t.done,
            PaymentState::Overdue => t.clash,
            PaymentState::Pending if !rec.error.is_empty() => t.clash,
            _ => t.panel,
        };
        let due = rec
            .due_date
            .filter(|_| matches!(state, PaymentState::Unpaid | PaymentState::Overdue))
            .map(|d| format!(" (due {})", d.format("%-d/%-m")))
            .unwrap_or_default();
        let mut what = match (&rec.invoice_no, state) {
            (Some(no), _) => format!("invoice {no}"),
            (None, PaymentState::Draft) => "draft invoice".to_string(),
            (None, _) => "invoice".to_string(),
        };
        if let Some(m) = rec.month {
            // On the customer's monthly invoice, with its other visits.
            what = format!("{what} for {} ({} visits)", news::month_name(m), rec.visits);
        }
        let mut spans = vec![
            Span::styled("Billy: ", t.label),
            Span::styled(format!("{what} · {} · ", format_kr(rec.gross_ore)), t.panel),
            Span::styled(format!("{}{due}", state.as_str()), style),
        ];
        if state == PaymentState::Pending && !rec.error.is_empty() {
            spans.push(Span::styled(format!(" — {}", rec.error), t.panel));
        }
        lines.push(Line::from(spans));
    }
    if let Some(a) = plan.alerts.get(&b.id) {
        // Refused, or placed and reaching no one: the dispatcher must act.
        let style = match a.outcome() {
            AlertOutcome::Refused | AlertOutcome::NotReached => t.clash,
            _ => t.panel,
        };
        lines.push(Line::from(vec![
            Span::styled("Twilio: ", t.label),
            Span::styled(
                format!(
                    "{} {} — {}",
                    a.kind.label(),
                    app.settings.tz.hm(a.created_at),
                    a.describe()
                ),
                style,
            ),
        ]));
    }
    if b.needs_review() {
        lines.push(Line::from(vec![
            Span::styled("? ", t.warning),
            Span::styled(format!("waiting for review: {}", b.review), t.panel),
        ]));
    }
    if !b.cancel_reason.is_empty() {
        lines.push(Line::styled(
            format!("cancelled: {}", b.cancel_reason),
            t.label,
        ));
    }
    if let Some(m) = plan.memory.get(&b.customer_id) {
        let staff = |id: i64| plan.staff_by_id(id).map(|s| s.name.clone());
        lines.push(Line::from(vec![
            Span::styled("History: ", t.label),
            Span::styled(m.summary(&staff, tz), t.panel),
        ]));
    }
    if !b.notes.is_empty() {
        lines.push(Line::from(vec![
            Span::styled("Note: ", t.label),
            Span::styled(b.notes.clone(), t.panel),
        ]));
    }
    if let Some(c) = customer.filter(|c| !c.notes.is_empty()) {
        lines.push(Line::from(vec![
            Span::styled("Customer: ", t.label),
            Span::styled(c.notes.clone(), t.panel),
        ]));
    }
    for c in plan.conflicts_of(b.id) {
        let style = if c.kind.is_hard() { t.clash } else { t.warning };
        lines.push(Line::from(vec![
            Span::styled("!", style),
            Span::styled(format!(" {}", plan.describe(c, &app.settings)), t.panel),
        ]));
    }
    let title = format!(" Booking #{} ", b.id);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(panel(app, title)),
        area,
    );
}

fn status_line(app: &App, b: &Booking) -> Line<'static> {
    let t = &app.theme;
    let tz = app.settings.tz;
    match b.status {
        BookingStatus::InProgress => {
            let since = b.started_at.map(|s| tz.hm(s)).unwrap_or_default();
            match overtime(b, app.now, &app.settings.overtime) {
                Some(o) => Line::from(vec![
                    Span::styled(format!("running since {since} · "), t.panel),
                    Span::styled(
                        format!("{}/{} min", o.elapsed_min, o.estimate_min),
                        meter_style(app, &o),
                    ),
                    Span::styled(
                        if o.over_min > 0 {
                            format!(
                                " · {} over ({})",
                                duration(app.words(), o.over_min),
                                o.level.as_str()
                            )
                        } else {
                            String::new()
                        },
                        meter_style(app, &o),
                    ),
                ]),
                None => Line::styled(format!("running since {since}"), t.panel),
            }
        }
        BookingStatus::Completed => {
            let worked = b
                .actual_minutes()
                .map(|m| duration(app.words(), m))
                .unwrap_or_default();
            let span = match (b.started_at, b.finished_at) {
                (Some(s), Some(f)) => format!("{}–{}", tz.hm(s), tz.hm(f)),
                _ => String::new(),
            };
            Line::styled(format!("done {span} · worked {worked}"), t.panel)
        }
        BookingStatus::Cancelled => Line::styled("cancelled", t.label),
        BookingStatus::Scheduled => match late_start(b, app.now) {
            Some(m) if app.date == app.today() => Line::styled(
                format!(
                    "late start: {} past the planned start",
                    duration(app.words(), m)
                ),
                t.late,
            ),
            _ => {
                let until = (b.start - app.now).num_minutes();
                if until > 0 && until < 24 * 60 {
                    Line::styled(
                        format!("scheduled · starts in {}", duration(app.words(), until)),
                        t.panel,
                    )
                } else {
                    Line::styled("scheduled", t.panel)
                }
            }
        },
    }
}

fn meter_style(app: &App, o: &Overtime) -> Style {
    let t = &app.theme;
    match o.level {
        OvertimeLevel::Ok => t.meter_ok,
        OvertimeLevel::Warning => t.meter_warning,
        OvertimeLevel::Overtime => t.meter_overtime,
        OvertimeLevel::Alert => t.meter_alert,
    }
}

/// A text meter: filled to elapsed/estimate, capped at the width.
fn bar(ratio: f64, cols: usize) -> (String, String) {
    let filled = ((ratio.clamp(0.0, 1.0) * cols as f64).round() as usize).min(cols);
    ("█".repeat(filled), "░".repeat(cols - filled))
}

fn running(frame: &mut Frame, area: Rect, app: &App, plan: &DayPlan) {
    let t = &app.theme;
    let mut jobs: Vec<(&Booking, Overtime)> = plan
        .bookings
        .iter()
        .filter_map(|b| overtime(b, app.now, &app.settings.overtime).map(|o| (b, o)))
        .collect();
    jobs.sort_by_key(|(b, o)| {
        (
            std::cmp::Reverse(o.level),
            std::cmp::Reverse(o.over_min),
            b.id,
        )
    });
    let over = jobs
        .iter()
        .filter(|(_, o)| o.level >= OvertimeLevel::Overtime)
        .count();
    let inner = area.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    // name 10 · bar · "300/180 +120"
    let name_w = 10.min(inner / 3);
    let figures = |o: &Overtime| {
        if o.over_min > 0 {
            format!(" {}/{} +{}", o.elapsed_min, o.estimate_min, o.over_min)
        } else {
            format!(" {}/{}", o.elapsed_min, o.estimate_min)
        }
    };
    // One bar width for all rows, so the meters line up.
    let fig_w = jobs
        .iter()
        .map(|(_, o)| figures(o).chars().count())
        .max()
        .unwrap_or(0);
    let bar_w = inner.saturating_sub(name_w + 1 + fig_w);
    for (b, o) in &jobs {
        let style = meter_style(app, o);
        let figures = format!("{:<fig_w$}", figures(o));
        let (full, empty) = bar(o.ratio(), bar_w);
        let selected = app.selected == Some(b.id);
        let name_style = if selected {
            t.panel.patch(t.selected)
        } else {
            t.panel
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "{:<w$} ",
                    short_name(plan.staff_name(b), name_w),
                    w = name_w
                ),
                name_style,
            ),
            Span::styled(full, style),
            Span::styled(empty, t.meter_empty),
            Span::styled(figures, style),
        ]));
    }
    if app.date == app.today() {
        let mut late: Vec<(&Booking, i64)> = plan
            .bookings
            .iter()
            .filter_map(|b| {
                late_start(b, app.now)
                    .filter(|_| b.staff_id.is_some())
                    .map(|m| (b, m))
            })
            .collect();
        late.sort_by_key(|(b, m)| (std::cmp::Reverse(*m), b.id));
        for (b, m) in late {
            let text = format!(
                "late {} {} · {}",
                short_name(plan.staff_name(b), name_w),
                duration(app.words(), m),
                plan.customer_name(b)
            );
            lines.push(Line::styled(fit(&text, inner), t.late));
        }
    }
    if lines.is_empty() {
        lines.push(Line::styled("No jobs running.", t.label));
    }
    let title = if over > 0 {
        format!(" Running {} · {over} over ", jobs.len())
    } else {
        format!(" Running {} ", jobs.len())
    };
    frame.render_widget(Paragraph::new(lines).block(panel(app, title)), area);
}
