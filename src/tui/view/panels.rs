//! The panels under the schedule: the selected booking's details, and the
//! running jobs with their overtime meters.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::domain::invoice::PaymentState;
use crate::domain::money::format_kr;
use crate::domain::overtime::{Overtime, OvertimeLevel, late_start, overtime};
use crate::domain::{Booking, BookingStatus};
use crate::engine::DayPlan;
use crate::i18n::Words;
use crate::store::AlertOutcome;
use crate::tui::action::{Action, KeyMode};
use crate::tui::app::App;
use crate::words::news;
use crate::words::text::{duration, fit, one_line, short_name};
use crate::words::values;

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
    let w = app.words();
    let Some(b) = app.selected_booking() else {
        let text = if plan.bookings.iter().any(Booking::is_active) {
            w.get("details-none-selected")
        } else {
            w.get("details-no-bookings")
        };
        let p = Paragraph::new(text)
            .style(t.label)
            .wrap(Wrap { trim: true })
            .block(panel(app, format!(" {} ", w.get("details-title"))));
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
            Span::styled(format!("{} ", w.get("details-phone")), t.label),
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
                " {} · ",
                w.with(
                    "details-planned",
                    &[
                        ("planned", duration(w, b.planned_minutes()).into()),
                        ("estimate", duration(w, i64::from(b.estimate_min)).into()),
                    ],
                )
            ),
            t.label,
        ),
        Span::styled(plan.staff_name(b).to_string(), t.panel),
    ]));
    let mut status = status_line(app, b);
    if plan.sync_pending.contains(&b.id) && !plan.sync_conflicted.contains(&b.id) {
        // Non-breaking spaces: wrapped, it moves to the next line whole.
        let pending = w.get("details-pending-sync").replace(' ', "\u{a0}");
        status.push_span(Span::styled(format!(" · ⟳\u{a0}{pending}"), t.label));
    }
    lines.push(status);
    if let Some(sv) = plan.series.get(&b.id) {
        lines.push(Line::from(vec![
            Span::styled("↻ ", t.label),
            Span::styled(news::series_line(w, sv), t.panel),
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
            Span::styled(
                format!(
                    " {}",
                    w.with("details-sync-conflict", &[("key", key.into())])
                ),
                t.panel,
            ),
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
            .map(|d| {
                let due = d.format("%-d/%-m").to_string();
                format!(" ({})", w.with("details-due", &[("date", due.into())]))
            })
            .unwrap_or_default();
        let mut what = match (&rec.invoice_no, state) {
            (Some(no), _) => w.with("details-invoice-no", &[("no", no.as_str().into())]),
            (None, PaymentState::Draft) => w.get("details-invoice-draft"),
            (None, _) => w.get("details-invoice"),
        };
        if let Some(m) = rec.month {
            // On the customer's monthly invoice, with its other visits.
            what = w.with(
                "details-invoice-month",
                &[
                    ("invoice", what.into()),
                    ("month", news::month_name(w, m).into()),
                    ("visits", rec.visits.into()),
                ],
            );
        }
        let mut spans = vec![
            Span::styled("Billy: ", t.label),
            Span::styled(format!("{what} · {} · ", format_kr(rec.gross_ore)), t.panel),
            Span::styled(format!("{}{due}", state.as_str()), style),
        ];
        if state == PaymentState::Pending && !rec.error.is_empty() {
            spans.push(Span::styled(
                format!(" — {}", values::logged_billy_error(w, &rec.error)),
                t.panel,
            ));
        }
        lines.push(Line::from(spans));
    }
    if let Some(a) = plan.alerts.get(&b.id) {
        // Told while the job is ahead; once it runs, the running panel says more.
        if a.kind == crate::domain::alert::AlertKind::OnTheWay
            && b.status == crate::domain::BookingStatus::Scheduled
        {
            let time = app.settings.tz.hm(a.created_at);
            lines.push(Line::from(Span::styled(
                w.with("details-on-the-way", &[("time", time.as_str().into())]),
                t.warning,
            )));
        }
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
                    values::alert_kind(w, a.kind),
                    app.settings.tz.hm(a.created_at),
                    crate::words::news::alert_state(w, a)
                ),
                style,
            ),
        ]));
    }
    if b.needs_review() {
        lines.push(Line::from(vec![
            Span::styled("? ", t.warning),
            Span::styled(
                w.with(
                    "details-review",
                    &[("why", values::remarks(w, &b.review).into())],
                ),
                t.panel,
            ),
        ]));
    }
    if !b.cancel_reason.is_empty() {
        lines.push(Line::styled(
            w.with(
                "details-cancelled-why",
                &[("why", values::remarks(w, &b.cancel_reason).into())],
            ),
            t.label,
        ));
    }
    if let Some(m) = plan.memory.get(&b.customer_id) {
        let staff = |id: i64| plan.staff_by_id(id).map(|s| s.name.clone());
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", w.get("details-history")), t.label),
            Span::styled(values::memory(w, m, &staff, tz), t.panel),
        ]));
    }
    if !b.notes.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", w.get("details-note")), t.label),
            Span::styled(one_line(&b.notes), t.panel),
        ]));
    }
    if let Some(c) = customer.filter(|c| !c.notes.is_empty()) {
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", w.get("details-customer")), t.label),
            Span::styled(one_line(&c.notes), t.panel),
        ]));
    }
    for c in plan.conflicts_of(b.id) {
        let style = if c.kind.is_hard() { t.clash } else { t.warning };
        lines.push(Line::from(vec![
            Span::styled("!", style),
            Span::styled(
                format!(
                    " {}",
                    values::conflict(w, &plan.conflict_facts(c, &app.settings))
                ),
                t.panel,
            ),
        ]));
    }
    let title = format!(" {} ", w.with("details-title-id", &[("id", b.id.into())]));
    let block = panel(app, title);
    let inner = block.inner(area);
    let p = Paragraph::new(lines).wrap(Wrap { trim: false });
    // Longer than the panel: a panel at a time, and the key in the border.
    let total = p.line_count(inner.width) as u16;
    let h = inner.height.max(1);
    let pages = total.div_ceil(h).max(1);
    let page = app.details_page(b.id) % pages;
    let top = (page * h).min(total.saturating_sub(h));
    let mut block = block;
    if pages > 1 {
        let key = app
            .keymap
            .first(KeyMode::Normal, Action::DetailsMore)
            .unwrap_or_default();
        let mark = if page + 1 < pages {
            w.with(
                "details-more",
                &[
                    ("key", key.into()),
                    ("page", (page + 1).into()),
                    ("pages", pages.into()),
                ],
            )
        } else {
            w.with(
                "details-top",
                &[("key", key.into()), ("pages", pages.into())],
            )
        };
        block =
            block.title_bottom(Line::styled(format!(" {mark} "), t.panel_title).right_aligned());
    }
    frame.render_widget(p.scroll((top, 0)).block(block), area);
}

fn status_line(app: &App, b: &Booking) -> Line<'static> {
    let t = &app.theme;
    let tz = app.settings.tz;
    let w = app.words();
    match b.status {
        BookingStatus::InProgress => {
            let since = b.started_at.map(|s| tz.hm(s)).unwrap_or_default();
            match overtime(b, app.now, &app.settings.overtime) {
                Some(o) => Line::from(vec![
                    Span::styled(
                        format!(
                            "{} · ",
                            w.with("status-running-since", &[("time", since.as_str().into())])
                        ),
                        t.panel,
                    ),
                    Span::styled(
                        format!("{}/{} min", o.elapsed_min, o.estimate_min),
                        meter_style(app, &o),
                    ),
                    Span::styled(
                        if o.over_min > 0 {
                            format!(
                                " · {}",
                                w.with(
                                    "status-over-by",
                                    &[
                                        ("over", duration(w, o.over_min).into()),
                                        ("level", level_word(w, o.level).into()),
                                    ],
                                )
                            )
                        } else {
                            String::new()
                        },
                        meter_style(app, &o),
                    ),
                ]),
                None => Line::styled(
                    w.with("status-running-since", &[("time", since.into())]),
                    t.panel,
                ),
            }
        }
        BookingStatus::Completed => {
            let worked = b
                .actual_minutes()
                .map(|m| duration(w, m))
                .unwrap_or_default();
            let span = match (b.started_at, b.finished_at) {
                (Some(s), Some(f)) => format!("{}–{}", tz.hm(s), tz.hm(f)),
                _ => String::new(),
            };
            Line::styled(
                w.with(
                    "status-done",
                    &[("span", span.into()), ("worked", worked.into())],
                ),
                t.panel,
            )
        }
        BookingStatus::Cancelled => Line::styled(w.get("status-cancelled"), t.label),
        BookingStatus::Scheduled => match late_start(b, app.now) {
            Some(m) if app.date == app.today() => Line::styled(
                w.with("status-late-start", &[("late", duration(w, m).into())]),
                t.late,
            ),
            _ => {
                let until = (b.start - app.now).num_minutes();
                if until > 0 && until < 24 * 60 {
                    Line::styled(
                        w.with("status-starts-in", &[("in", duration(w, until).into())]),
                        t.panel,
                    )
                } else {
                    Line::styled(w.get("status-scheduled"), t.panel)
                }
            }
        },
    }
}

/// An overtime level in words.
fn level_word(w: Words, level: OvertimeLevel) -> String {
    match level {
        OvertimeLevel::Ok => w.get("overtime-ok"),
        OvertimeLevel::Warning => w.get("overtime-warning"),
        OvertimeLevel::Overtime => w.get("overtime-overtime"),
        OvertimeLevel::Alert => w.get("overtime-alert"),
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
            let text = app.words().with(
                "running-late",
                &[
                    ("cleaner", short_name(plan.staff_name(b), name_w).into()),
                    ("late", duration(app.words(), m).into()),
                    ("customer", plan.customer_name(b).into()),
                ],
            );
            lines.push(Line::styled(fit(&text, inner), t.late));
        }
    }
    if lines.is_empty() {
        lines.push(Line::styled(app.words().get("running-none"), t.label));
    }
    let title = if over > 0 {
        app.words().with(
            "running-title-over",
            &[("n", jobs.len().into()), ("over", over.into())],
        )
    } else {
        app.words()
            .with("running-title", &[("n", jobs.len().into())])
    };
    let title = format!(" {title} ");
    frame.render_widget(Paragraph::new(lines).block(panel(app, title)), area);
}
