//! Invoices and phone alerts as the console sees them: `I` invoices a
//! finished job (and approves its draft), `B` invoices the selected
//! booking's customer for the month of the day shown (the back office
//! counts the visits first, for the question), `V` places a call about a
//! booking, `P` asks Billy about payments, `M` sends tomorrow's SMS
//! reminders. Each asks first in a one-line confirmation; the work is done
//! by the back office (`engine::office`), which reports back.

use super::{App, Effect, MessageKind, Mode, Transition};
use crate::domain::BookingStatus;
use crate::domain::invoice::{PaymentState, charge};
use crate::domain::money::format_kr;
use crate::domain::month::Month;
use crate::engine::office::{OfficeCommand, OfficeEvent, ProviderHealth};
use crate::tui::action::{Action, KeyMode};
use crate::words::news;
use crate::words::text::duration;
use crate::words::values::{logged_billy_error, not_billable};

/// A question waiting for yes or no (`[confirm]`), and what yes does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub question: String,
    pub yes: OfficeCommand,
}

/// What the header shows of Billy and Twilio.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfficeState {
    pub providers: Vec<ProviderHealth>,
}

impl App {
    /// Applies a back-office event; returns whether the screen changed.
    pub fn on_office(&mut self, event: OfficeEvent) -> bool {
        match event {
            OfficeEvent::Providers(p) => {
                if self.office.providers == p {
                    return false;
                }
                self.office.providers = p;
            }
            OfficeEvent::Done(d) => {
                self.say(MessageKind::Info, news::office_done(self.words(), &d))
            }
            OfficeEvent::Failed(f) => {
                self.say(MessageKind::Error, news::office_failure(self.words(), &f))
            }
            OfficeEvent::DraftReady { booking, gross_ore } => {
                if self.mode.is_normal() {
                    self.mode = Mode::Confirm(Confirm {
                        question: news::draft_question(self.words(), booking, gross_ore),
                        yes: OfficeCommand::Approve(booking),
                    });
                }
            }
            OfficeEvent::MonthDraftReady {
                booking,
                customer,
                month,
                gross_ore,
            } => {
                if self.mode.is_normal() {
                    self.mode = Mode::Confirm(Confirm {
                        question: news::month_draft_question(
                            self.words(),
                            &customer,
                            month,
                            gross_ore,
                        ),
                        yes: OfficeCommand::Approve(booking),
                    });
                }
            }
            OfficeEvent::MonthQuoted(m) => {
                if !self.mode.is_normal() {
                    return false;
                }
                if m.visits == 0 {
                    self.say(MessageKind::Info, news::month_nothing(self.words(), &m));
                } else {
                    self.mode = Mode::Confirm(Confirm {
                        question: news::month_question(
                            self.words(),
                            &m.customer,
                            m.month,
                            m.visits,
                            m.gross_ore,
                        ),
                        yes: OfficeCommand::InvoiceMonth {
                            customer: m.customer_id,
                            month: m.month,
                            bookings: m.bookings.clone(),
                        },
                    });
                }
            }
            OfficeEvent::Service(n) => {
                match news::service_news(self.words(), &self.words().get("service-office"), &n) {
                    Some(text) => self.say(MessageKind::Error, text),
                    None => return false,
                }
            }
        }
        true
    }

    fn confirm(&mut self, question: String, yes: OfficeCommand) -> Vec<Effect> {
        self.mode = Mode::Confirm(Confirm { question, yes });
        Vec::new()
    }

    /// `I`: invoice the selected finished job, or approve its draft.
    pub(super) fn invoice(&mut self) -> Vec<Effect> {
        let Some(b) = self.selected_booking().cloned() else {
            self.say(MessageKind::Info, self.words().get("app-invoice-pick"));
            return Vec::new();
        };
        let Some(plan) = &self.plan else {
            return Vec::new();
        };
        let name = plan.customer_name(&b).to_string();
        let today = self.today();
        if let Some(rec) = plan.invoices.get(&b.id) {
            let text = match rec.payment(today) {
                PaymentState::Draft => {
                    let q = self.words().with(
                        "app-invoice-approve-draft",
                        &[
                            ("name", name.as_str().into()),
                            ("gross", format_kr(rec.gross_ore).into()),
                        ],
                    );
                    return self.confirm(q, OfficeCommand::Approve(b.id));
                }
                PaymentState::Pending if !rec.error.is_empty() => {
                    let q = self.words().with(
                        "app-invoice-failed-retry",
                        &[
                            ("name", name.as_str().into()),
                            ("error", logged_billy_error(self.words(), &rec.error).into()),
                        ],
                    );
                    return self.confirm(q, OfficeCommand::Invoice(b.id));
                }
                PaymentState::Pending => self.words().with(
                    "app-invoice-being-created",
                    &[("name", name.as_str().into())],
                ),
                PaymentState::Voided => {
                    let q = self.words().with(
                        "app-invoice-voided-again",
                        &[
                            ("number", rec.number_text().into()),
                            ("name", name.as_str().into()),
                        ],
                    );
                    return self.confirm(q, OfficeCommand::Invoice(b.id));
                }
                state => self.words().with(
                    "app-invoice-already",
                    &[
                        ("number", rec.number_text().into()),
                        ("name", name.as_str().into()),
                        ("gross", format_kr(rec.gross_ore).into()),
                        ("state", state.as_str().into()),
                    ],
                ),
            };
            self.say(MessageKind::Info, text);
            return Vec::new();
        }
        if b.status != BookingStatus::Completed {
            let text = match self.keymap.first(KeyMode::Normal, Action::FinishJob) {
                Some(key) => self
                    .words()
                    .with("app-invoice-finish-first", &[("key", key.into())]),
                None => self.words().get("app-invoice-finish-first-no-key"),
            };
            self.say(MessageKind::Error, text);
            return Vec::new();
        }
        match charge(&b, &self.settings.billing) {
            Ok(c) => {
                let q = self.words().with(
                    "app-invoice-question",
                    &[
                        ("name", name.as_str().into()),
                        ("hours", duration(self.words(), c.billed_min).into()),
                        ("rate", format_kr(c.rate_ore).into()),
                        ("net", format_kr(c.net_ore).into()),
                        ("gross", format_kr(c.gross_ore).into()),
                    ],
                );
                self.confirm(q, OfficeCommand::Invoice(b.id))
            }
            Err(e) => {
                self.say(
                    MessageKind::Error,
                    self.words().with(
                        "app-cannot-invoice",
                        &[
                            ("id", b.id.into()),
                            ("error", not_billable(self.words(), &e).into()),
                        ],
                    ),
                );
                Vec::new()
            }
        }
    }

    /// `B`: invoice the selected booking's customer for the month of the
    /// day shown. The back office counts the visits and the sum first; the
    /// question comes with its answer.
    pub(super) fn invoice_month(&mut self) -> Vec<Effect> {
        let Some(b) = self.selected_booking().cloned() else {
            self.say(
                MessageKind::Info,
                self.words().get("app-invoice-month-pick"),
            );
            return Vec::new();
        };
        let Some(plan) = &self.plan else {
            return Vec::new();
        };
        let name = plan.customer_name(&b).to_string();
        let month = Month::of(self.date);
        self.say(
            MessageKind::Info,
            news::month_counting(self.words(), &name, month),
        );
        vec![Effect::Office(OfficeCommand::QuoteMonth {
            customer: b.customer_id,
            month,
        })]
    }

    /// `V`: a voice call about the selected booking.
    pub(super) fn voice_alert(&mut self) -> Vec<Effect> {
        let Some(b) = self.selected_booking().cloned() else {
            self.say(MessageKind::Info, self.words().get("app-call-pick"));
            return Vec::new();
        };
        let Some(plan) = &self.plan else {
            return Vec::new();
        };
        let name = plan.customer_name(&b).to_string();
        let w = self.words();
        let to = match (&self.settings.alerts.on_call, b.staff_id) {
            (Some(n), _) => w.with("app-call-on-call", &[("number", n.as_str().into())]),
            (None, Some(_)) => {
                let staff = plan.staff_name(&b).to_string();
                match plan
                    .staff_by_id(b.staff_id.unwrap_or_default())
                    .map(|s| s.phone.clone())
                {
                    Some(p) if !p.trim().is_empty() => w.with(
                        "app-call-staff-phone",
                        &[("staff", staff.into()), ("phone", p.into())],
                    ),
                    _ => w.with("app-call-staff-no-phone", &[("staff", staff.into())]),
                }
            }
            (None, None) => w.get("app-call-nobody"),
        };
        let q = w.with(
            "app-call-question",
            &[
                ("to", to.into()),
                ("id", b.id.into()),
                ("name", name.into()),
            ],
        );
        self.confirm(
            q,
            OfficeCommand::Call {
                booking: b.id,
                to: None,
            },
        )
    }

    /// `P`: ask Billy about payments now.
    pub(super) fn poll_payments(&mut self) -> Vec<Effect> {
        self.say(MessageKind::Info, self.words().get("app-checking-payments"));
        vec![Effect::Office(OfficeCommand::PollPayments)]
    }

    /// `M`: tomorrow's SMS reminders.
    pub(super) fn remind(&mut self) -> Vec<Effect> {
        self.confirm(
            self.words().get("app-remind-question"),
            OfficeCommand::Remind,
        )
    }

    pub(super) fn confirm_key(&mut self, c: Confirm, action: Option<Action>) -> Transition {
        match action {
            Some(Action::Yes) => {
                let what = match &c.yes {
                    OfficeCommand::Invoice(_) => "invoice",
                    OfficeCommand::InvoiceMonth { .. } => "month",
                    OfficeCommand::QuoteMonth { .. } => "quote",
                    OfficeCommand::Approve(_) => "approve",
                    OfficeCommand::Call { .. } => "call",
                    OfficeCommand::PollPayments => "payments",
                    OfficeCommand::Remind => "remind",
                    OfficeCommand::TellNewCleaner(_) => "sms",
                };
                let text = self
                    .words()
                    .with("app-office-working", &[("what", what.into())]);
                self.say(MessageKind::Info, text);
                Transition::done(vec![Effect::Office(c.yes)])
            }
            Some(Action::No) => {
                self.say(MessageKind::Info, self.words().get("app-nothing-done"));
                Transition::done(Vec::new())
            }
            _ => Transition::to(Mode::Confirm(c)),
        }
    }
}
