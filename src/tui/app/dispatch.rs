//! Keys become actions: the mode's table of the keymap says what a key
//! means, and `update` carries out the schedule's actions.

use super::*;

impl App {
    /// The action of a key in the mode the console is in. Tables that
    /// leave keys to others fall back to them: the help to the schedule's,
    /// the customer list to the form's, where one types to `[text]`.
    fn key_action(&self, key: &KeyEvent) -> Option<Action> {
        let mode = self.mode.key_mode();
        let then: &[KeyMode] = match mode {
            KeyMode::Help => &[KeyMode::Normal],
            KeyMode::Search => &[KeyMode::Form, KeyMode::Text],
            KeyMode::Form | KeyMode::Prompt | KeyMode::Finder | KeyMode::Find | KeyMode::GoTo => {
                &[KeyMode::Text]
            }
            _ => &[],
        };
        std::iter::once(mode)
            .chain(then.iter().copied())
            .find_map(|m| self.keymap.action(m, key))
    }

    /// A key press: the mode's table of the keymap says what it means.
    pub fn handle_key(&mut self, key: &KeyEvent) -> Vec<Effect> {
        let action = self.key_action(key);
        self.end_notice();
        if action == Some(Action::Redraw) {
            return vec![Effect::ClearScreen];
        }
        if self.refused_read_only(action) {
            return Vec::new();
        }
        let t = match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Normal => return action.map(|a| self.update(a)).unwrap_or_default(),
            Mode::Help => match action {
                // The help overlay's next and previous page, when it has more.
                Some(Action::PageDown) => {
                    self.help_page = self.help_page.wrapping_add(1);
                    self.mode = Mode::Help;
                    return Vec::new();
                }
                Some(Action::PageUp) => {
                    self.help_page = self.help_page.saturating_sub(1);
                    self.mode = Mode::Help;
                    return Vec::new();
                }
                // The help overlay closes on its own keys or any other key; a
                // key with an action on the schedule also does that action.
                Some(Action::Close) | None => return Vec::new(),
                Some(a) => return self.update(a),
            },
            Mode::Form(fs) => self.form_key(fs, key, action),
            Mode::Move(m) => self.move_key(m, key, action),
            Mode::Prompt(p) => self.prompt_key(p, key, action),
            Mode::Journal(j) => self.journal_key(j, action),
            Mode::Review { cursor } => self.review_key(cursor, action),
            Mode::SyncConflicts { cursor } => self.sync_conflicts_key(cursor, action),
            Mode::Confirm(c) => self.confirm_key(c, action),
            Mode::Stale(p) => self.stale_key(p, action),
            Mode::Scope(q) => self.scope_key(q, action),
            Mode::Finder(fs) => self.finder_key(fs, key, action),
            Mode::SickCall(s) => self.sick_call_key(s, action),
            Mode::Staff(s) => self.staff_key(s, key, action),
            Mode::Customer(s) => self.customer_key(s, key, action),
            Mode::Log(v) => self.log_key(v, action),
            Mode::Find(fs) => self.find_key(fs, key, action),
            Mode::GoTo(g) => self.go_to_key(g, key, action),
            Mode::Week(w) => self.week_key(w, action),
        };
        self.mode = t.mode;
        if matches!(self.mode, Mode::Move(_)) {
            // The lane follows the booking being moved.
            self.follow_selection();
        }
        t.effects
    }

    /// An action on the schedule.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Quit => return vec![Effect::Quit],
            Action::Help => {
                self.help_page = 0;
                self.mode = Mode::Help;
            }
            // `save` and `cancel` act in the form and move mode; the other
            // modes' actions are not bound on the schedule.
            Action::Cancel | Action::Save | Action::Nothing => {}
            Action::Redraw => return vec![Effect::ClearScreen],
            Action::SelectPrev => self.step_selection(-1),
            Action::SelectNext => self.step_selection(1),
            Action::LaneUp => self.move_lane(-1),
            Action::LaneDown => self.move_lane(1),
            Action::PrevDay => return self.go_to(self.date - Duration::days(1)),
            Action::NextDay => return self.go_to(self.date + Duration::days(1)),
            Action::Today => {
                let effects = self.go_to(self.today());
                self.bring_now_into_view();
                return effects;
            }
            Action::ScrollEarlier => self.scroll(-i64::from(self.settings.scroll_min)),
            Action::ScrollLater => self.scroll(i64::from(self.settings.scroll_min)),
            Action::ZoomIn => self.zoom((self.window_len * 2 / 3).max(MIN_WINDOW)),
            Action::ZoomOut => self.zoom((self.window_len * 3 / 2).min(DAY_MINUTES)),
            Action::StartJob => return self.transition(true),
            Action::FinishJob => return self.transition(false),
            Action::NewBooking => return self.open_new_form(),
            Action::EditBooking => return self.open_edit_form(),
            Action::MoveBooking => return self.open_move(),
            Action::CancelBooking => return self.open_cancel(),
            Action::Undo => return vec![Effect::Request(Request::Undo)],
            Action::Redo => return vec![Effect::Request(Request::Redo)],
            Action::Journal => {
                let t = self.journal(None);
                self.mode = t.mode;
                return t.effects;
            }
            Action::ReviewQueue => {
                if self.review.is_empty() {
                    self.say(MessageKind::Info, self.words().get("app-review-empty"));
                } else {
                    self.mode = Mode::Review { cursor: 0 };
                }
            }
            Action::Sync => return self.sync_now(),
            Action::SyncConflicts => return self.open_sync_conflicts(),
            Action::Invoice => return self.invoice(),
            Action::InvoiceMonth => return self.invoice_month(),
            Action::VoiceAlert => return self.voice_alert(),
            Action::PollPayments => return self.poll_payments(),
            Action::Remind => return self.remind(),
            Action::FindSlots => return self.open_finder(),
            Action::TimeEarlier => self.step_time_cursor(-1),
            Action::TimeLater => self.step_time_cursor(1),
            Action::TimeCursorOff => self.time_cursor = None,
            Action::SickCall => return self.open_sick_call(),
            Action::Staff => return self.open_staff(),
            Action::CustomerScreen => return self.open_customer_screen(),
            Action::MessageLog => self.open_log(),
            Action::DetailsMore => self.more_details(),
            Action::Find => return self.open_find(),
            Action::GoToDate => self.mode = Mode::GoTo(GoToState::default()),
            Action::WeekBoard => return self.open_week_board(),
            Action::CleanerWeek => return self.open_cleaner_week(),
            Action::Close
            | Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom
            | Action::Open
            | Action::Filter
            | Action::Approve
            | Action::KeepMine
            | Action::KeepTheirs
            | Action::KeepBoth
            | Action::NextField
            | Action::PrevField
            | Action::FieldDown
            | Action::FieldUp
            | Action::PrevChoice
            | Action::NextChoice
            | Action::Take
            | Action::KeepDate
            | Action::UseWeekday
            | Action::Back
            | Action::Earlier
            | Action::Later
            | Action::CleanerUp
            | Action::CleanerDown
            | Action::PutBack
            | Action::ThisVisit
            | Action::Following
            | Action::AllVisits
            | Action::Ok
            | Action::Yes
            | Action::No
            | Action::CursorLeft
            | Action::CursorRight
            | Action::LineStart
            | Action::LineEnd
            | Action::DeleteBack
            | Action::DeleteForward
            | Action::DeleteWord
            | Action::ClearLine
            | Action::Toggle
            | Action::AcceptAll
            | Action::Remove
            | Action::PrevWeek
            | Action::NextWeek => {}
            Action::NewCustomer | Action::UseExisting | Action::CreateAnyway | Action::Edit => {}
        }
        Vec::new()
    }
}
