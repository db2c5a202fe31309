//! The selection on the schedule: the job picked in a lane, stepping
//! along a lane or to the cleaner above or below (at the same time of day
//! all the way), and keeping it in view; how far its details are scrolled.

use super::{App, DAY_MINUTES};
use crate::domain::Booking;

impl App {
    /// The next panel of the selected booking's details; the view counts
    /// the panels and starts over after the last.
    pub(super) fn more_details(&mut self) {
        let Some(id) = self.selected else {
            return;
        };
        let page = self.details_page(id).wrapping_add(1);
        self.details_page = Some((id, page));
    }

    /// How far the details of booking `id` are scrolled, in panels.
    pub fn details_page(&self, id: i64) -> u16 {
        self.details_page
            .filter(|(b, _)| *b == id)
            .map_or(0, |(_, p)| p)
    }

    /// Bookings in the current lane, by start.
    pub(super) fn lane_bookings(&self, lane: usize) -> Vec<&Booking> {
        let (Some(plan), Some(key)) = (&self.plan, self.lanes().get(lane).copied()) else {
            return Vec::new();
        };
        plan.lane(key).collect()
    }

    /// The minute the selection is "at": the selected job's start, else now
    /// (today) or the middle of the window.
    pub(super) fn anchor_minute(&self) -> i64 {
        match self.selected_booking() {
            Some(b) => self.minute_of_day(b.start),
            None if self.date == self.today() => self.minute_of_day(self.now),
            None => self.window_start + self.window_len / 2,
        }
    }

    /// The job of a lane at `minute` (the one starting nearest it when
    /// several are), else the one nearest it.
    pub(super) fn nearest_in_lane(&self, lane: usize, minute: i64) -> Option<i64> {
        self.lane_bookings(lane)
            .into_iter()
            .min_by_key(|b| {
                let (s, e) = (self.minute_of_day(b.start), self.minute_of_day(b.end));
                let off = if (s..e).contains(&minute) {
                    0
                } else {
                    (s - minute).abs().min((e - minute).abs())
                };
                (off, (s - minute).abs())
            })
            .map(|b| b.id)
    }

    pub(super) fn step_selection(&mut self, dir: i64) {
        let bookings = self.lane_bookings(self.lane);
        let next = match self
            .selected
            .and_then(|id| bookings.iter().position(|b| b.id == id))
        {
            Some(i) => {
                let j = i as i64 + dir;
                if j < 0 || j >= bookings.len() as i64 {
                    None
                } else {
                    Some(bookings[j as usize].id)
                }
            }
            None => self.nearest_in_lane(self.lane, self.anchor_minute()),
        };
        if let Some(id) = next {
            self.selected = Some(id);
            self.keep_selection_visible();
        }
    }

    pub(super) fn move_lane(&mut self, dir: i64) {
        let count = self.lanes().len();
        if count == 0 {
            return;
        }
        // Up and down keep the time they started from: the job picked on
        // the way (a long one, say) does not move it.
        let anchor = match self.lane_anchor {
            Some((minute, picked)) if picked == self.selected => minute,
            _ => self.anchor_minute(),
        };
        let lane = (self.lane as i64 + dir).clamp(0, count as i64 - 1) as usize;
        if lane == self.lane {
            return;
        }
        self.lane = lane;
        self.selected = self.nearest_in_lane(lane, anchor);
        self.lane_anchor = Some((anchor, self.selected));
        self.keep_selection_visible();
    }

    pub(super) fn keep_selection_visible(&mut self) {
        let Some(b) = self.selected_booking() else {
            return;
        };
        let (s, e) = (self.minute_of_day(b.start), self.minute_of_day(b.end));
        if e <= self.window_start || s >= self.window_start + self.window_len {
            self.window_start = (s - self.window_len / 4).clamp(0, DAY_MINUTES - self.window_len);
        }
    }
}
