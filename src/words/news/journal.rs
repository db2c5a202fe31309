//! The journal in sentences a dispatcher reads, one per entry: "anna moved
//! #47 Hansen from Tue 24/11 09:00 to Wed 25/11 10:30", "anna invoiced #47:
//! 763,44 kr". Shared by the console's journal (`L`) and `renos journal`;
//! also the older short forms (`what`, `changes`) its `--json` keeps.

use chrono::{DateTime, Datelike, Utc};

use super::stale::booking_status as status_word;
use crate::domain::alert::AlertKind;
use crate::domain::availability::{DateOverride, WeekHours, time_off_spec};
use crate::domain::change::BookingChange;
use crate::domain::money::format_kr;
use crate::domain::staff::TimeOff;
use crate::domain::{BookingStatus, BusinessTz};
use crate::engine::history::{Field, FieldChange, JournalLine, Val};
use crate::i18n::{Language, Words};
use crate::words::text::{duration, one_line, weekday};
use crate::words::values::{Keywords, alert_kind, remarks};

/// `Tue 24/11 09:00`.
fn day_time(w: Words, t: DateTime<Utc>, tz: BusinessTz) -> String {
    let l = tz.local(t);
    format!("{} {}", weekday(w, l.weekday()), l.format("%-d/%-m %H:%M"))
}

fn same_day(a: DateTime<Utc>, b: DateTime<Utc>, tz: BusinessTz) -> bool {
    tz.local_date(a) == tz.local_date(b)
}

/// A value in words; a time with its day unless `other` is a time the same day.
fn value(w: Words, v: &Val, other: &Val, tz: BusinessTz) -> String {
    match v {
        Val::Nothing => "–".into(),
        Val::Text(s) if s.is_empty() => "\"\"".into(),
        Val::Text(s) => one_line(s),
        Val::Time(t) => match other {
            Val::Time(o) if same_day(*t, *o, tz) => tz.hm(*t),
            _ => day_time(w, *t, tz),
        },
        Val::Minutes(m) => duration(w, *m),
        Val::Money(ore) => format_kr(*ore),
        Val::Number(n) => n.to_string(),
        Val::Flag(true) => w.get("journal-yes"),
        Val::Flag(false) => w.get("journal-no"),
        Val::Cleaner { id: None, .. } => w.get("journal-unassigned"),
        Val::Cleaner {
            name: Some(name), ..
        } => name.clone(),
        Val::Cleaner {
            id: Some(id),
            name: None,
        } => w.with("journal-cleaner-id", &[("id", (*id).into())]),
        Val::Customer {
            name: Some(name), ..
        } => name.clone(),
        Val::Customer { id, name: None } => w.with("journal-customer-id", &[("id", (*id).into())]),
        Val::Other(v) => v.to_string(),
    }
}

/// A field's name in a sentence.
fn label(w: Words, f: &Field) -> String {
    let name = match f {
        Field::Customer => "customer",
        Field::Cleaner => "cleaner",
        Field::Service => "service",
        Field::Start => "start",
        Field::End => "end",
        Field::Estimate => "estimate",
        Field::Status => "status",
        Field::Started => "started",
        Field::Finished => "finished",
        Field::Address => "address",
        Field::Notes => "notes",
        Field::Review => "review",
        Field::CancelReason => "cancel-reason",
        Field::Other(key) => match key.as_str() {
            "gross_ore" => "amount",
            "customer_id" => "customer",
            "staff_id" => "cleaner",
            // A cleaner's and a customer's fields.
            "contract_min" => "contract",
            "daily_max_min" => "daily-max",
            "overrides" => "overrides",
            "week" => "week",
            "hours" => "hours",
            "skills" => "skills",
            "area" => "area",
            "priority" => "priority",
            "time_off" => "time-off",
            "name" => "name",
            "phone" => "phone",
            "email" => "email",
            "colour" => "colour",
            _ => {
                // `duration_min` → "duration", `net_ore` → "net".
                let bare = ["_ore", "_min", "_id"]
                    .iter()
                    .find_map(|s| key.strip_suffix(s))
                    .unwrap_or(key);
                return bare.replace('_', " ");
            }
        },
    };
    w.with("journal-field", &[("field", name.into())])
}

/// A cleaner's hours, date overrides, time off or skills as they are typed
/// (`mon-fri 08:00-16:00`, `2026-12-24 closed`; Danish `lukket`), not as
/// stored; `None` for any other value.
fn cleaner_value(w: Words, key: &str, json: &serde_json::Value) -> Option<String> {
    if json.as_array().is_some_and(Vec::is_empty) {
        return Some("–".into());
    }
    fn from<T: serde::de::DeserializeOwned>(j: &serde_json::Value) -> Option<T> {
        serde_json::from_value(j.clone()).ok()
    }
    match key {
        "week" => from(json).map(|h: WeekHours| h.to_spec()),
        "overrides" => from(json).map(|list: Vec<DateOverride>| {
            let closed = Keywords::spoken(w).closed;
            list.iter()
                .map(|o| match o.to_spec().strip_suffix(" closed") {
                    Some(range) => format!("{range} {closed}"),
                    None => o.to_spec(),
                })
                .collect::<Vec<_>>()
                .join(", ")
        }),
        "time_off" => from(json).map(|list: Vec<TimeOff>| {
            list.iter()
                .map(time_off_spec)
                .collect::<Vec<_>>()
                .join(", ")
        }),
        "skills" => from(json).map(|list: Vec<String>| list.join(", ")),
        _ => None,
    }
}

/// One field's change as a clause: "the start from 09:00 to 09:15".
fn clause(w: Words, c: &FieldChange, tz: BusinessTz) -> String {
    let name = label(w, &c.field);
    // A booking's status in the console's words, not as stored.
    let shown = |v: &Val, other: &Val| match (&c.field, v) {
        (Field::Status, Val::Text(s)) => {
            BookingStatus::parse(s).map_or_else(|| value(w, v, other, tz), |st| status_word(w, st))
        }
        (Field::Other(key), Val::Other(json)) => {
            cleaner_value(w, key, json).unwrap_or_else(|| value(w, v, other, tz))
        }
        // The engine's remarks in the reader's language.
        (Field::Review | Field::CancelReason, Val::Text(s)) if !s.is_empty() => {
            one_line(&remarks(w, s))
        }
        _ => value(w, v, other, tz),
    };
    match (&c.before, &c.after) {
        (Val::Nothing, a) => w.with(
            "journal-clause-set",
            &[
                ("name", name.into()),
                ("value", shown(a, &Val::Nothing).into()),
            ],
        ),
        (b, Val::Nothing) => w.with(
            "journal-clause-cleared",
            &[
                ("name", name.into()),
                ("was", shown(b, &Val::Nothing).into()),
            ],
        ),
        (b, a) => w.with(
            "journal-clause-changed",
            &[
                ("name", name.into()),
                ("from", shown(b, a).into()),
                ("to", shown(a, b).into()),
            ],
        ),
    }
}

/// Clauses joined: "a, b and c".
fn joined(w: Words, parts: Vec<String>) -> String {
    match parts.len() {
        0 => String::new(),
        1 => parts.into_iter().collect(),
        n => w.with(
            "journal-and",
            &[
                ("first", parts[..n - 1].join(", ").into()),
                ("last", parts[n - 1].as_str().into()),
            ],
        ),
    }
}

/// Every field's change in one clause list.
fn details(w: Words, l: &JournalLine, tz: BusinessTz) -> String {
    joined(w, l.fields.iter().map(|c| clause(w, c, tz)).collect())
}

/// `#47 Hansen`.
fn booking_ref(l: &JournalLine) -> String {
    match &l.customer {
        Some(c) => format!("#{} {c}", l.entity_id),
        None => format!("#{}", l.entity_id),
    }
}

/// A booking as made or removed: `Tue 24/11 09:00–12:00, Flytterengøring, Anna Jensen`.
fn summary(w: Words, l: &JournalLine, tz: BusinessTz) -> String {
    let side = |f: Field| {
        l.field(f)
            .map(|c| match c.after {
                Val::Nothing => c.before.clone(),
                _ => c.after.clone(),
            })
            .unwrap_or(Val::Nothing)
    };
    let (start, end) = (side(Field::Start), side(Field::End));
    let when = match (&start, &end) {
        (Val::Time(s), Val::Time(_)) => {
            format!("{}–{}", day_time(w, *s, tz), value(w, &end, &start, tz))
        }
        _ => value(w, &start, &Val::Nothing, tz),
    };
    let mut parts = vec![when];
    if let Val::Text(s) = side(Field::Service)
        && !s.is_empty()
    {
        parts.push(s);
    }
    let cleaner = side(Field::Cleaner);
    if cleaner != Val::Nothing {
        parts.push(value(w, &cleaner, &Val::Nothing, tz));
    }
    parts.join(", ")
}

/// "from Tue 24/11 09:00 to Wed 25/11 10:30", or on one day
/// "on Tue 24/11 from 09:00 to 10:30".
fn moved(w: Words, c: &FieldChange, tz: BusinessTz) -> String {
    match (&c.before, &c.after) {
        (Val::Time(b), Val::Time(a)) if same_day(*b, *a, tz) => {
            let day = day_time(w, *b, tz);
            let day = day.rsplit_once(' ').map_or(day.as_str(), |(d, _)| d);
            w.with(
                "journal-moved-on-day",
                &[
                    ("day", day.into()),
                    ("from", tz.hm(*b).into()),
                    ("to", tz.hm(*a).into()),
                ],
            )
        }
        (b, a) => w.with(
            "journal-moved-from-to",
            &[
                ("from", value(w, b, a, tz).into()),
                ("to", value(w, a, b, tz).into()),
            ],
        ),
    }
}

/// The sentence for a change to a booking.
fn booking_sentence(w: Words, l: &JournalLine, change: BookingChange, tz: BusinessTz) -> String {
    let (who, what) = (actor(w, &l.actor), booking_ref(l));
    let who = who.as_str();
    let say = |key: &str| w.with(key, &[("who", who.into()), ("what", what.as_str().into())]);
    let with_summary = |key: &str| {
        w.with(
            key,
            &[
                ("who", who.into()),
                ("what", what.as_str().into()),
                ("summary", summary(w, l, tz).into()),
            ],
        )
    };
    let time_of = |f: Field| match l.field(f).map(|c| &c.after) {
        Some(Val::Time(t)) => format!(" {}", w.with("journal-at", &[("time", tz.hm(*t).into())])),
        _ => String::new(),
    };
    let d = details(w, l, tz);
    let with_details = |head: String| {
        if d.is_empty() {
            head
        } else {
            format!("{head}: {d}")
        }
    };
    match change {
        BookingChange::Add => with_summary("journal-booked"),
        BookingChange::Visit => with_summary("journal-booked-visit"),
        BookingChange::Import => with_summary("journal-imported"),
        BookingChange::ImportUpdate => with_details(say("journal-import-updated")),
        BookingChange::Move => {
            let mut s = match (l.field(Field::Start), l.field(Field::End)) {
                (Some(start), _) => w.with(
                    "journal-moved",
                    &[
                        ("who", who.into()),
                        ("what", what.as_str().into()),
                        ("moved", moved(w, start, tz).into()),
                    ],
                ),
                (None, Some(end)) => w.with(
                    "journal-end-moved",
                    &[
                        ("who", who.into()),
                        ("what", what.as_str().into()),
                        ("to", value(w, &end.after, &end.before, tz).into()),
                        ("from", value(w, &end.before, &end.after, tz).into()),
                    ],
                ),
                (None, None) => say("journal-moved-plain"),
            };
            if let Some(c) = l.field(Field::Cleaner) {
                s.push(' ');
                s.push_str(&w.with(
                    "journal-and-gave",
                    &[("cleaner", value(w, &c.after, &Val::Nothing, tz).into())],
                ));
            }
            s
        }
        BookingChange::Reassign => match l.field(Field::Cleaner) {
            Some(c) => w.with(
                "journal-gave",
                &[
                    ("who", who.into()),
                    ("what", what.as_str().into()),
                    ("to", value(w, &c.after, &Val::Nothing, tz).into()),
                    ("from", value(w, &c.before, &Val::Nothing, tz).into()),
                ],
            ),
            None => say("journal-reassigned"),
        },
        BookingChange::Edit => with_details(say("journal-changed")),
        BookingChange::Cancel => say("journal-cancelled"),
        BookingChange::Start => say("journal-started") + &time_of(Field::Started),
        BookingChange::Finish => say("journal-finished") + &time_of(Field::Finished),
        BookingChange::Approve => say("journal-approved"),
        BookingChange::Sync if l.created() => with_summary("journal-made-there"),
        BookingChange::Sync => {
            let names: Vec<String> = l.fields.iter().map(|c| label(w, &c.field)).collect();
            if names.is_empty() {
                say("journal-took-google")
            } else {
                w.with(
                    "journal-took-google-fields",
                    &[
                        ("who", who.into()),
                        ("what", what.as_str().into()),
                        ("fields", joined(w, names).into()),
                        ("details", d.as_str().into()),
                    ],
                )
            }
        }
        BookingChange::Undo if l.removed() => say("journal-undid-booking"),
        BookingChange::Undo if l.created() => with_summary("journal-undid-removal"),
        BookingChange::Undo => with_details(say("journal-undid-change")),
        BookingChange::Redo if l.removed() => say("journal-redid-removal"),
        BookingChange::Redo if l.created() => with_summary("journal-redid-booking"),
        BookingChange::Redo => with_details(say("journal-redid-change")),
        BookingChange::Remove => say("journal-removed-visit"),
        BookingChange::Series => with_details(say("journal-series-changed")),
    }
}

/// What an invoice entry did, as a verb phrase before the booking:
/// "invoiced", "e-mailed the invoice of".
fn invoice_verb(w: Words, action: &str) -> Option<String> {
    let known = [
        "request", "claim", "create", "approve", "email", "paid", "voided", "found", "update",
        "reissue",
    ];
    let step = action.strip_prefix("invoice.")?;
    known
        .contains(&step)
        .then(|| w.with("journal-invoice-verb", &[("step", step.into())]))
}

/// What an alert entry did, as a verb phrase before the booking.
fn alert_verb(w: Words, action: &str) -> Option<String> {
    let known = ["raise", "sent", "failed", "not_reached", "found"];
    let step = action.strip_prefix("alert.")?;
    known
        .contains(&step)
        .then(|| w.with("journal-alert-verb", &[("step", step.into())]))
}

/// A text field's new value, if the entry set one.
fn text_of<'a>(l: &'a JournalLine, key: &str) -> Option<&'a str> {
    l.fields.iter().find_map(|c| match (&c.field, &c.after) {
        (Field::Other(k), Val::Text(t)) if k == key && !t.is_empty() => Some(t.as_str()),
        _ => None,
    })
}

/// The words for an entity kind: `cleaner #3`.
fn entity_ref(w: Words, l: &JournalLine) -> String {
    let noun = w.with("journal-entity", &[("entity", l.entity.as_str().into())]);
    format!("{noun} #{}", l.entity_id)
}

/// A value with nothing in it: an empty text or list.
fn is_empty(v: &Val) -> bool {
    match v {
        Val::Nothing => true,
        Val::Text(s) => s.is_empty(),
        Val::Other(serde_json::Value::Array(a)) => a.is_empty(),
        Val::Other(serde_json::Value::Object(o)) => o.is_empty(),
        _ => false,
    }
}

/// The amount an entry is about (an invoice's gross), if it has one.
fn amount(l: &JournalLine) -> Option<i64> {
    l.fields.iter().find_map(|c| match (&c.field, &c.after) {
        (Field::Other(k), Val::Money(ore)) if k == "gross_ore" => Some(*ore),
        _ => None,
    })
}

/// Who made a change, in the reader's words: the sync's own name for
/// Google's calendar is worded; people and other providers are named as
/// they are.
fn actor(w: Words, actor: &str) -> String {
    if actor == crate::engine::sync::SYNC_ACTOR {
        w.get("remark-calendar-google")
    } else {
        actor.to_string()
    }
}

/// The entry as one sentence, its reason at the end.
pub fn sentence(w: Words, l: &JournalLine, tz: BusinessTz) -> String {
    let who = actor(w, &l.actor);
    let who = who.as_str();
    let head = if l.refused() {
        return w.with(
            "journal-refused",
            &[("who", who.into()), ("reason", one_line(&l.reason).into())],
        );
    } else if let Some(change) = l.booking_change() {
        booking_sentence(w, l, change, tz)
    } else if let Some(verb) = invoice_verb(w, &l.action) {
        match amount(l) {
            Some(ore) => format!("{who} {verb} #{}: {}", l.entity_id, format_kr(ore)),
            None => format!("{who} {verb} #{}", l.entity_id),
        }
    } else if let Some(verb) = alert_verb(w, &l.action) {
        let mut s = format!("{who} {verb} #{}", l.entity_id);
        if let Some(kind) = text_of(l, "kind") {
            let kind = kind
                .parse::<AlertKind>()
                .map_or_else(|_| kind.replace('_', " "), |k| alert_kind(w, k));
            s.push_str(&format!(" ({kind})"));
        }
        if let Some(to) = text_of(l, "to") {
            s.push(' ');
            s.push_str(&w.with("journal-alert-to", &[("to", to.into())]));
        }
        s
    } else {
        let d = details(w, l, tz);
        let thing = entity_ref(w, l);
        // What a new thing was made with, its empty fields left out.
        let made = joined(
            w,
            l.fields
                .iter()
                .filter(|c| !is_empty(&c.after))
                .map(|c| clause(w, c, tz))
                .collect(),
        );
        let verb = l.action.rsplit('.').next().unwrap_or(&l.action);
        let action = w.with("journal-action", &[("verb", verb.into())]);
        let (who, thing) = (who.into(), thing.as_str().into());
        match (verb, d.is_empty()) {
            // A customer or a cleaner: their name says enough.
            ("add", _) if text_of(l, "name").is_some() => w.with(
                "journal-added-named",
                &[
                    ("who", who),
                    ("thing", thing),
                    ("name", text_of(l, "name").unwrap_or_default().into()),
                ],
            ),
            ("add", _) if made.is_empty() => {
                w.with("journal-added", &[("who", who), ("thing", thing)])
            }
            ("add", _) => w.with(
                "journal-added-with",
                &[("who", who), ("thing", thing), ("made", made.into())],
            ),
            ("remove", _) => w.with("journal-removed", &[("who", who), ("thing", thing)]),
            (_, true) => w.with(
                "journal-verb-of",
                &[
                    ("who", who),
                    ("thing", thing),
                    ("verb", action.as_str().into()),
                ],
            ),
            (_, false) => w.with(
                "journal-changed-thing",
                &[
                    ("who", who),
                    ("thing", thing),
                    ("verb", action.as_str().into()),
                    ("details", d.into()),
                ],
            ),
        }
    };
    if l.reason.is_empty() || l.reverts.is_some() {
        head
    } else {
        w.with(
            "journal-sentence-why",
            &[
                ("head", head.into()),
                ("reason", one_line(&remarks(w, &l.reason)).into()),
            ],
        )
    }
}

/// The short headline `renos journal --json` has always had: "move of
/// #12 · Søren Østergaard".
pub fn what(l: &JournalLine) -> String {
    if l.reverts.is_some() && !l.reason.is_empty() {
        return l.reason.clone();
    }
    if l.refused() {
        return "change refused".into();
    }
    let mut what = match l.booking_change() {
        Some(c) => format!("{} of #{}", c.noun(), l.entity_id),
        None => format!("{} #{}", l.action, l.entity_id),
    };
    if let (Some(c), true) = (&l.customer, l.entity == "booking") {
        what.push_str(" · ");
        what.push_str(c);
    }
    what
}

/// Each changed field as `label before → after` (a booking made or removed
/// as one summary), as `--json` has always had them.
pub fn changes(l: &JournalLine, tz: BusinessTz) -> Vec<String> {
    // The `--json` fields stay in English whatever the console speaks.
    let w = Language::En.words();
    if l.entity == "booking" && l.created() {
        return vec![format!("created: {}", summary(w, l, tz))];
    }
    if l.entity == "booking" && l.removed() {
        return vec![format!("removed: {}", summary(w, l, tz))];
    }
    l.fields
        .iter()
        .map(|c| {
            format!(
                "{} {} → {}",
                label(w, &c.field),
                value(w, &c.before, &c.after, tz),
                value(w, &c.after, &c.before, tz)
            )
        })
        .collect()
}

#[cfg(test)]
mod tests;
