//! The time cursor: a column in the selected lane moved by quarter hours
//! (`,` and `.`). While it is shown, `n` books at it and the finder looks
//! from it.

use chrono::NaiveTime;

use super::{App, DAY_MINUTES, MessageKind};

/// The cursor's step, in minutes.
pub const CURSOR_STEP: i64 = 15;

/// The local time of a minute of the day.
pub fn minute_time(minute: i64) -> NaiveTime {
    let m = minute.clamp(0, DAY_MINUTES - 1);
    NaiveTime::from_hms_opt((m / 60) as u32, (m % 60) as u32, 0).unwrap_or(NaiveTime::MIN)
}

impl App {
    /// Where `n` books when the cursor is not shown, on the quarter hour:
    /// after the selected job, half an hour from now today, or the middle
    /// of what is shown.
    pub(super) fn booking_minute(&self) -> i64 {
        if let Some(m) = self.time_cursor {
            return m;
        }
        let minute = match self.selected_booking() {
            Some(b) => self.minute_of_day(b.end),
            None if self.date == self.today() => self.minute_of_day(self.now) + 30,
            None => self.window_start + self.window_len / 2,
        };
        ((minute + 14) / 15 * 15).clamp(0, DAY_MINUTES - CURSOR_STEP)
    }

    /// Shows the cursor (where `n` would book) or moves it by `steps`
    /// quarter hours, keeping it in view.
    pub(super) fn step_time_cursor(&mut self, steps: i64) {
        let minute = match self.time_cursor {
            Some(m) => (m + steps * CURSOR_STEP).clamp(0, DAY_MINUTES - CURSOR_STEP),
            None => self.booking_minute(),
        };
        self.time_cursor = Some(minute);
        if minute < self.window_start {
            self.window_start = minute;
        } else if minute >= self.window_start + self.window_len {
            self.window_start = (minute + CURSOR_STEP - self.window_len).max(0);
        }
        let t = minute_time(minute).format("%H:%M").to_string();
        let text = self.words().with("app-time-cursor", &[("time", t.into())]);
        self.say(MessageKind::Info, text);
    }
}
