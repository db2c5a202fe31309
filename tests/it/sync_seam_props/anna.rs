//! Anna's calendar on each provider, and someone else who writes to it
//! (through the conformance fixtures, or Google's admin handle).

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use renos::config::CalendarRef;
use renos::engine::sync::calendars::key_of;
use renos::providers::calendar::{CalendarProvider, ItemId, ItemStatus, When};
use renos::sandbox::MICROSOFT_USER;

use super::{ANNA_CAL, Kind};
use crate::provider::Fixture;
use crate::provider::caldav::{self, CalDav};
use crate::provider::graph::{self, Graph};
use crate::sync_env::*;

/// A live item of a calendar as the checks read it.
#[derive(Debug, Clone)]
pub struct Item {
    pub id: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub location: String,
    pub description: String,
}

/// The live items of a Google calendar (single events; this test makes
/// no series).
pub fn google_items(env: &Env, cal: &str) -> Vec<Item> {
    env.google()
        .events(cal)
        .into_iter()
        .filter(|e| e["status"] != "cancelled")
        .map(|e| Item {
            id: text(&e["id"]),
            start: time_of(&e["start"]),
            end: time_of(&e["end"]),
            location: text(&e["location"]),
            description: text(&e["description"]),
        })
        .collect()
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

fn instant(w: When) -> DateTime<Utc> {
    match w {
        When::At(t) => t,
        When::Day(d) => d.and_time(chrono::NaiveTime::MIN).and_utc(),
    }
}

/// Anna's calendar, and someone else who writes to it.
pub enum Anna {
    CalDav(CalDav),
    Graph(Graph),
    Google,
}

impl Anna {
    pub async fn new(kind: Kind) -> Anna {
        match kind {
            Kind::CalDav => Anna::CalDav(caldav::calendar().await),
            Kind::Graph => Anna::Graph(graph::calendar_at(now()).await),
            Kind::Google => Anna::Google,
        }
    }

    pub fn reference(&self) -> CalendarRef {
        match self {
            Anna::CalDav(f) => CalendarRef::CalDav(f.url()),
            Anna::Graph(_) => CalendarRef::Outlook(MICROSOFT_USER.to_string()),
            Anna::Google => CalendarRef::Google(ANNA_CAL.to_string()),
        }
    }

    pub fn key(&self) -> String {
        key_of(&self.reference())
    }

    pub fn seam(&self) -> Option<Arc<dyn CalendarProvider>> {
        match self {
            Anna::CalDav(f) => Some(f.shared()),
            Anna::Graph(f) => Some(f.shared()),
            Anna::Google => None,
        }
    }

    /// Her live items; `None` while our client cannot reach them.
    pub async fn items(&self, env: &Env) -> Option<Vec<Item>> {
        let Some(p) = self.seam() else {
            return Some(google_items(env, ANNA_CAL));
        };
        let listed = p.changes(None).await.ok()?;
        Some(
            listed
                .upserts
                .into_iter()
                .filter(|i| i.content.status != ItemStatus::Cancelled)
                .map(|i| Item {
                    id: i.id.0,
                    start: instant(i.content.start),
                    end: instant(i.content.end),
                    location: i.content.location,
                    description: i.content.description,
                })
                .collect(),
        )
    }
}

impl Anna {
    /// Someone changes the place of the item `id`.
    pub async fn place(&self, env: &Env, id: &str, place: &str) {
        let id = ItemId(id.to_string());
        match self {
            Anna::CalDav(f) => f.their_place(&id, place).await,
            Anna::Graph(f) => f.their_place(&id, place).await,
            Anna::Google => {
                env.google()
                    .edit(ANNA_CAL, &id.0, json!({"location": place}));
            }
        }
    }

    /// Someone renames the item `id`.
    pub async fn rename(&self, env: &Env, id: &str, summary: &str) {
        let id = ItemId(id.to_string());
        match self {
            Anna::CalDav(f) => f.their_edit(&id, summary).await,
            Anna::Graph(f) => f.their_edit(&id, summary).await,
            Anna::Google => {
                env.google()
                    .edit(ANNA_CAL, &id.0, json!({"summary": summary}));
            }
        }
    }

    /// Someone deletes the item `id`.
    pub async fn delete(&self, env: &Env, id: &str) {
        let id = ItemId(id.to_string());
        match self {
            Anna::CalDav(f) => f.their_delete(&id).await,
            Anna::Graph(f) => f.their_delete(&id).await,
            Anna::Google => {
                env.google().delete(ANNA_CAL, &id.0);
            }
        }
    }

    /// Someone puts an hour's job in the calendar by hand.
    pub async fn make(&self, env: &Env, summary: &str, start: DateTime<Utc>) {
        let end = start + chrono::Duration::hours(1);
        match self {
            Anna::CalDav(f) => {
                f.their_event(summary, start, end).await;
            }
            Anna::Graph(f) => {
                f.their_event(summary, start, end).await;
            }
            Anna::Google => {
                env.google().create(ANNA_CAL, hand_made(summary, start, 1));
            }
        }
    }

    /// The calendar's server stops answering (Google's: all of Google).
    pub async fn offline(&self, env: &Env) {
        match self {
            Anna::CalDav(f) => f.go_offline().await,
            Anna::Graph(f) => f.go_offline().await,
            Anna::Google => env.sandbox.go_offline(),
        }
    }

    pub async fn online(&self, env: &Env) {
        match self {
            Anna::CalDav(f) => f.come_online().await,
            Anna::Graph(f) => f.come_online().await,
            Anna::Google => env.sandbox.come_online().expect("back"),
        }
    }

    /// Whether someone else can write while the server does not answer
    /// us: a phone still reaches Radicale, Google's admin is in-process;
    /// the Graph fake is down for everyone.
    pub fn writable_offline(&self) -> bool {
        !matches!(self, Anna::Graph(_))
    }
}
