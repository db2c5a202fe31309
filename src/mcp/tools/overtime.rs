//! `track_overtime_risk`: how far running jobs are over their estimates,
//! by the console's overtime rule (`[overtime]` in the config).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::domain::overtime::{Overtime, classify, overtime};
use crate::mcp::session::{BookingView, Outcome, Session, ToolError};

/// The arguments of `track_overtime_risk`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct OvertimeArgs {
    /// One booking (running or not); default every job running now.
    #[serde(default)]
    pub booking_id: Option<i64>,
    /// Without a booking: minutes worked so far…
    #[serde(default)]
    pub current_duration: Option<u32>,
    /// …against this estimate, in minutes.
    #[serde(default)]
    pub estimated_duration: Option<u32>,
}

/// One job's overtime level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Risk {
    pub booking: Option<BookingView>,
    /// ok, warning, overtime or alert; `not_running` for a job not started or already finished.
    pub status: String,
    pub elapsed_min: i64,
    pub estimate_min: i64,
    pub overtime_minutes: i64,
    /// Minutes a scheduled job is past its start without being started.
    pub late_start_min: Option<i64>,
}

/// What `track_overtime_risk` answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OvertimeReport {
    pub jobs: Vec<Risk>,
    /// How many are at the alert level.
    pub alerts: usize,
}

fn risk(o: Option<Overtime>, booking: Option<BookingView>, late: Option<i64>) -> Risk {
    match o {
        Some(o) => Risk {
            booking,
            status: o.level.as_str().to_string(),
            elapsed_min: o.elapsed_min,
            estimate_min: o.estimate_min,
            overtime_minutes: o.over_min,
            late_start_min: late,
        },
        None => Risk {
            estimate_min: booking.as_ref().map_or(0, |b| i64::from(b.estimate_min)),
            booking,
            status: "not_running".into(),
            elapsed_min: 0,
            overtime_minutes: 0,
            late_start_min: late,
        },
    }
}

/// The overtime level of one booking, of minutes given, or of every job
/// running now (the remote layer's running jobs, as the API's).
pub fn track_overtime_risk(desk: &mut Session, a: &OvertimeArgs) -> Outcome<OvertimeReport> {
    let rules = desk.settings.overtime;
    let now = desk.now();
    let jobs = match (a.booking_id, a.current_duration, a.estimated_duration) {
        (Some(id), _, _) => {
            let b = desk.desk().job(id)?;
            let late = crate::domain::overtime::late_start(&b, now);
            vec![risk(overtime(&b, now, &rules), Some(desk.view(&b)?), late)]
        }
        (None, Some(current), Some(estimate)) => vec![risk(
            Some(classify(i64::from(current), i64::from(estimate), &rules)),
            None,
            None,
        )],
        (None, Some(_), None) | (None, None, Some(_)) => {
            return Err(ToolError(
                "give both current_duration and estimated_duration (minutes), or a booking_id"
                    .into(),
            ));
        }
        (None, None, None) => {
            let running = desk.desk().running()?;
            running
                .iter()
                .map(|b| Ok(risk(overtime(b, now, &rules), Some(desk.view(b)?), None)))
                .collect::<Outcome<Vec<_>>>()?
        }
    };
    Ok(OvertimeReport {
        alerts: jobs.iter().filter(|j| j.status == "alert").count(),
        jobs,
    })
}
