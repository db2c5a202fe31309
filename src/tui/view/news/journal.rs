//! The journal in sentences a dispatcher reads, one per entry: "anna moved
//! #47 Hansen from Tue 24/11 09:00 to Wed 25/11 10:30", "anna invoiced #47:
//! 763,44 kr". Shared by the console's journal (`L`) and `renos journal`;
//! also the older short forms (`what`, `changes`) its `--json` keeps.

use chrono::{DateTime, Datelike, Utc};

use crate::domain::BusinessTz;
use crate::domain::change::BookingChange;
use crate::domain::money::format_kr;
use crate::domain::when::format_duration;
use crate::engine::history::{Field, FieldChange, JournalLine, Val};
use crate::tui::view::text::one_line;

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// `Tue 24/11 09:00`.
fn day_time(t: DateTime<Utc>, tz: BusinessTz) -> String {
    let l = tz.local(t);
    format!(
        "{} {}",
        WEEKDAYS[l.weekday().num_days_from_monday() as usize],
        l.format("%-d/%-m %H:%M")
    )
}

fn same_day(a: DateTime<Utc>, b: DateTime<Utc>, tz: BusinessTz) -> bool {
    tz.local_date(a) == tz.local_date(b)
}

/// A value in words; a time with its day unless `other` is a time the same day.
fn value(v: &Val, other: &Val, tz: BusinessTz) -> String {
    match v {
        Val::Nothing => "–".into(),
        Val::Text(s) if s.is_empty() => "\"\"".into(),
        Val::Text(s) => one_line(s),
        Val::Time(t) => match other {
            Val::Time(o) if same_day(*t, *o, tz) => tz.hm(*t),
            _ => day_time(*t, tz),
        },
        Val::Minutes(m) => u32::try_from(*m).map_or_else(|_| format!("{m} min"), format_duration),
        Val::Money(ore) => format_kr(*ore),
        Val::Number(n) => n.to_string(),
        Val::Flag(true) => "yes".into(),
        Val::Flag(false) => "no".into(),
        Val::Cleaner { id: None, .. } => "unassigned".into(),
        Val::Cleaner {
            name: Some(name), ..
        } => name.clone(),
        Val::Cleaner {
            id: Some(id),
            name: None,
        } => format!("cleaner #{id}"),
        Val::Customer {
            name: Some(name), ..
        } => name.clone(),
        Val::Customer { id, name: None } => format!("customer #{id}"),
        Val::Other(v) => v.to_string(),
    }
}

/// A field's name in a sentence.
fn label(f: &Field) -> String {
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
        Field::CancelReason => "cancel reason",
        Field::Other(key) => match key.as_str() {
            "gross_ore" => "amount",
            "customer_id" => "customer",
            "staff_id" => "cleaner",
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
    name.to_string()
}

/// One field's change as a clause: "the start from 09:00 to 09:15".
fn clause(c: &FieldChange, tz: BusinessTz) -> String {
    let name = label(&c.field);
    match (&c.before, &c.after) {
        (Val::Nothing, a) => format!("the {name} set to {}", value(a, &Val::Nothing, tz)),
        (b, Val::Nothing) => format!("the {name} cleared (was {})", value(b, &Val::Nothing, tz)),
        (b, a) => format!("the {name} from {} to {}", value(b, a, tz), value(a, b, tz)),
    }
}

/// Clauses joined: "a, b and c".
fn joined(parts: Vec<String>) -> String {
    match parts.len() {
        0 => String::new(),
        1 => parts.into_iter().collect(),
        n => format!("{} and {}", parts[..n - 1].join(", "), parts[n - 1]),
    }
}

/// Every field's change in one clause list.
fn details(l: &JournalLine, tz: BusinessTz) -> String {
    joined(l.fields.iter().map(|c| clause(c, tz)).collect())
}

/// `#47 Hansen`.
fn booking_ref(l: &JournalLine) -> String {
    match &l.customer {
        Some(c) => format!("#{} {c}", l.entity_id),
        None => format!("#{}", l.entity_id),
    }
}

/// A booking as made or removed: `Tue 24/11 09:00–12:00, Flytterengøring, Anna Jensen`.
fn summary(l: &JournalLine, tz: BusinessTz) -> String {
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
        (Val::Time(s), Val::Time(_)) => format!("{}–{}", day_time(*s, tz), value(&end, &start, tz)),
        _ => value(&start, &Val::Nothing, tz),
    };
    let mut parts = vec![when];
    if let Val::Text(s) = side(Field::Service)
        && !s.is_empty()
    {
        parts.push(s);
    }
    let cleaner = side(Field::Cleaner);
    if cleaner != Val::Nothing {
        parts.push(value(&cleaner, &Val::Nothing, tz));
    }
    parts.join(", ")
}

/// "from Tue 24/11 09:00 to Wed 25/11 10:30", or on one day
/// "on Tue 24/11 from 09:00 to 10:30".
fn moved(c: &FieldChange, tz: BusinessTz) -> String {
    match (&c.before, &c.after) {
        (Val::Time(b), Val::Time(a)) if same_day(*b, *a, tz) => {
            let day = day_time(*b, tz);
            let day = day.rsplit_once(' ').map_or(day.as_str(), |(d, _)| d);
            format!("on {day} from {} to {}", tz.hm(*b), tz.hm(*a))
        }
        (b, a) => format!("from {} to {}", value(b, a, tz), value(a, b, tz)),
    }
}

/// The sentence for a change to a booking.
fn booking_sentence(l: &JournalLine, change: BookingChange, tz: BusinessTz) -> String {
    let (who, what) = (&l.actor, booking_ref(l));
    let time_of = |f: Field| match l.field(f).map(|c| &c.after) {
        Some(Val::Time(t)) => format!(" at {}", tz.hm(*t)),
        _ => String::new(),
    };
    let d = details(l, tz);
    let with_details = |head: String| {
        if d.is_empty() {
            head
        } else {
            format!("{head}: {d}")
        }
    };
    match change {
        BookingChange::Add => format!("{who} booked {what}: {}", summary(l, tz)),
        BookingChange::Visit => {
            format!(
                "{who} booked {what} as a visit of its series: {}",
                summary(l, tz)
            )
        }
        BookingChange::Import => format!("{who} imported {what}: {}", summary(l, tz)),
        BookingChange::ImportUpdate => with_details(format!("{who} updated {what} from an import")),
        BookingChange::Move => {
            let mut s = match (l.field(Field::Start), l.field(Field::End)) {
                (Some(start), _) => format!("{who} moved {what} {}", moved(start, tz)),
                (None, Some(end)) => format!(
                    "{who} made {what} end at {} instead of {}",
                    value(&end.after, &end.before, tz),
                    value(&end.before, &end.after, tz)
                ),
                (None, None) => format!("{who} moved {what}"),
            };
            if let Some(c) = l.field(Field::Cleaner) {
                s.push_str(&format!(
                    " and gave it to {}",
                    value(&c.after, &Val::Nothing, tz)
                ));
            }
            s
        }
        BookingChange::Reassign => match l.field(Field::Cleaner) {
            Some(c) => format!(
                "{who} gave {what} to {} (was {})",
                value(&c.after, &Val::Nothing, tz),
                value(&c.before, &Val::Nothing, tz)
            ),
            None => format!("{who} reassigned {what}"),
        },
        BookingChange::Edit => with_details(format!("{who} changed {what}")),
        BookingChange::Cancel => format!("{who} cancelled {what}"),
        BookingChange::Start => format!("{who} started {what}{}", time_of(Field::Started)),
        BookingChange::Finish => format!("{who} finished {what}{}", time_of(Field::Finished)),
        BookingChange::Approve => format!("{who} approved {what} after review"),
        BookingChange::Sync => {
            let names: Vec<String> = l.fields.iter().map(|c| label(&c.field)).collect();
            if names.is_empty() {
                format!("{who} took Google's version of {what}")
            } else {
                format!("{who} took Google's {} for {what}: {d}", joined(names))
            }
        }
        BookingChange::Undo if l.removed() => format!("{who} undid the booking of {what}"),
        BookingChange::Undo if l.created() => {
            format!("{who} undid the removal of {what}: {}", summary(l, tz))
        }
        BookingChange::Undo => with_details(format!("{who} undid a change to {what}")),
        BookingChange::Redo if l.removed() => format!("{who} redid the removal of {what}"),
        BookingChange::Redo if l.created() => {
            format!("{who} redid the booking of {what}: {}", summary(l, tz))
        }
        BookingChange::Redo => with_details(format!("{who} redid a change to {what}")),
        BookingChange::Remove => format!("{who} removed visit {what} from its series"),
        BookingChange::Series => with_details(format!("{who} changed the series of {what}")),
    }
}

/// What an invoice entry did, as a verb phrase before "the invoice".
fn invoice_verb(action: &str) -> Option<&'static str> {
    Some(match action {
        "invoice.request" => "asked Billy for the invoice of",
        "invoice.claim" => "took up the invoice of",
        "invoice.create" => "invoiced",
        "invoice.approve" => "approved the invoice of",
        "invoice.email" => "e-mailed the invoice of",
        "invoice.paid" => "saw the invoice paid for",
        "invoice.voided" => "saw the invoice voided for",
        "invoice.found" => "found the invoice in Billy for",
        "invoice.update" => "updated the invoice of",
        "invoice.reissue" => "reissued the invoice of",
        _ => return None,
    })
}

/// What an alert entry did, as a verb phrase before the booking.
fn alert_verb(action: &str) -> Option<&'static str> {
    Some(match action {
        "alert.raise" => "raised an alert for",
        "alert.sent" => "sent the alert for",
        "alert.failed" => "could not send the alert for",
        "alert.not_reached" => "reached no one with the alert for",
        "alert.found" => "found at Twilio the alert for",
        _ => return None,
    })
}

/// A text field's new value, if the entry set one.
fn text_of<'a>(l: &'a JournalLine, key: &str) -> Option<&'a str> {
    l.fields.iter().find_map(|c| match (&c.field, &c.after) {
        (Field::Other(k), Val::Text(t)) if k == key && !t.is_empty() => Some(t.as_str()),
        _ => None,
    })
}

/// The words for an entity kind: `cleaner #3`.
fn entity_ref(l: &JournalLine) -> String {
    let noun = match l.entity.as_str() {
        "staff" => "cleaner",
        "customer" => "customer",
        "series" => "series",
        "booking" => "booking",
        "alert" => "the alert for booking",
        "invoice" => "the invoice of booking",
        other => other,
    };
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

/// The entry as one sentence, its reason at the end.
pub fn sentence(l: &JournalLine, tz: BusinessTz) -> String {
    let who = &l.actor;
    let head = if l.refused() {
        return format!("{who} was refused: {}", one_line(&l.reason));
    } else if let Some(change) = l.booking_change() {
        booking_sentence(l, change, tz)
    } else if let Some(verb) = invoice_verb(&l.action) {
        match amount(l) {
            Some(ore) => format!("{who} {verb} #{}: {}", l.entity_id, format_kr(ore)),
            None => format!("{who} {verb} #{}", l.entity_id),
        }
    } else if let Some(verb) = alert_verb(&l.action) {
        let mut s = format!("{who} {verb} #{}", l.entity_id);
        if let Some(kind) = text_of(l, "kind") {
            s.push_str(&format!(" ({})", kind.replace('_', " ")));
        }
        if let Some(to) = text_of(l, "to") {
            s.push_str(&format!(" to {to}"));
        }
        s
    } else {
        let d = details(l, tz);
        let thing = entity_ref(l);
        // What a new thing was made with, its empty fields left out.
        let made = joined(
            l.fields
                .iter()
                .filter(|c| !is_empty(&c.after))
                .map(|c| clause(c, tz))
                .collect(),
        );
        let verb = l.action.rsplit('.').next().unwrap_or(&l.action);
        match (verb, d.is_empty()) {
            // A customer or a cleaner: their name says enough.
            ("add", _) if text_of(l, "name").is_some() => {
                format!(
                    "{who} added {thing} {}",
                    text_of(l, "name").unwrap_or_default()
                )
            }
            ("add", _) if made.is_empty() => format!("{who} added {thing}"),
            ("add", _) => format!("{who} added {thing}: {made}"),
            ("remove", _) => format!("{who} removed {thing}"),
            (_, true) => format!("{who}: {verb} of {thing}"),
            (_, false) => format!("{who} changed {thing} ({verb}): {d}"),
        }
    };
    if l.reason.is_empty() || l.reverts.is_some() {
        head
    } else {
        format!("{head} (why: {})", one_line(&l.reason))
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
    if l.entity == "booking" && l.created() {
        return vec![format!("created: {}", summary(l, tz))];
    }
    if l.entity == "booking" && l.removed() {
        return vec![format!("removed: {}", summary(l, tz))];
    }
    l.fields
        .iter()
        .map(|c| {
            format!(
                "{} {} → {}",
                label(&c.field),
                value(&c.before, &c.after, tz),
                value(&c.after, &c.before, tz)
            )
        })
        .collect()
}

#[cfg(test)]
mod tests;
