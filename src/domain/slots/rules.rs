//! The finder's business rules, the same for every question: the grid
//! slots start on, how soon and how far ahead a job may be booked, and the
//! travel gap kept around each job. They come from the settings (`[slots]`
//! and `[conflicts] travel_gap_min`); the defaults are the finder's own.

use serde::Serialize;

use super::Notice;
use crate::domain::availability::TravelGap;

/// Minutes between slot starts when nothing else is set.
pub const DEFAULT_GRID_MIN: u32 = 15;

/// The grid, the notice limits and the travel gap of every finder question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SlotRules {
    /// Minutes between slot starts, from local midnight.
    pub grid_min: u32,
    pub notice: Notice,
    pub gap: TravelGap,
}

impl Default for SlotRules {
    fn default() -> Self {
        SlotRules {
            grid_min: DEFAULT_GRID_MIN,
            notice: Notice::default(),
            gap: TravelGap::default(),
        }
    }
}

/// Is `min` a grid slots can start on: 5 to 120 minutes, and either a
/// divisor of an hour (so every hour starts a slot) or whole hours.
pub fn check_grid(min: u32) -> Result<u32, String> {
    if (5..=120).contains(&min) && (60 % min == 0 || min.is_multiple_of(60)) {
        Ok(min)
    } else {
        Err(format!(
            "{min} is not a grid; use 5 to 120 minutes that divide an hour (5, 10, 15, 20, 30) \
             or whole hours (60, 120)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grids_divide_an_hour_or_are_whole_hours() {
        for ok in [5, 6, 10, 12, 15, 20, 30, 60, 120] {
            assert_eq!(check_grid(ok), Ok(ok));
        }
        for bad in [0, 1, 4, 7, 25, 45, 90, 180] {
            assert!(check_grid(bad).is_err(), "{bad}");
        }
    }
}
