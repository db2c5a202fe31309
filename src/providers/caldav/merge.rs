//! Our changes written over a calendar object as stored: one someone else
//! made (a job made by hand on a phone, taken in as a booking), or one of
//! ours that a cleaner has added to on the phone.
//!
//! A PUT replaces the whole object, so writing ours whole would drop what
//! other clients keep there: alarms (VALARM), attendees, categories,
//! its own `X-` properties, time zones. Instead the stored object is taken
//! line by line and only what we own is replaced, in the event we write:
//! SUMMARY, DESCRIPTION, LOCATION, DTSTART, DTEND or DURATION, STATUS, our
//! `X-RENOS-…` facts, the master event's recurrence (RRULE, RDATE,
//! EXDATE), and DTSTAMP, LAST-MODIFIED and SEQUENCE (raised when the time,
//! status or recurrence changed, RFC 5545 3.8.7.4). Every other line stays
//! as stored, byte for byte: its folding, parameters and place, nested
//! components included. Our lines take the place of the first stored line
//! they replace, or go after the event's other properties.
//!
//! Changed occurrences (RECURRENCE-ID) are stated by the write as its rule
//! is: one the write names is changed in place like the master, keeping
//! its own alarms; one it leaves out goes; a new one is added whole.
//!
//! A splice of lines rather than a parse and rewrite through a model of the
//! object (`calcard`, `icalendar`): a rewrite writes every line again in
//! its own form (folding, parameter order and quoting), where here only the
//! names of lines and the bounds of components need understanding, and
//! what they hold is read by the same reader as every listed item.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::ical;
use crate::interchange::ics::{Event, TzResolver};
use crate::providers::calendar::{ItemWrite, When};

/// The calendar object `stored` with `item` written over its event (UID
/// kept), stamped `now`; `zone` is the zone of its floating times.
pub fn update(
    stored: &str,
    item: &ItemWrite,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<String, String> {
    let uid = ical::uid_of(stored).ok_or("the stored item has no UID")?;
    let fresh = ical::write_as(item, &uid, now)?;
    let theirs = split(stored)?;
    let ours = split(&fresh)?;
    let their_events = blocks(&theirs, "VEVENT")?;
    let our_events = blocks(&ours, "VEVENT")?;
    if our_events.len() != 1 + item.exceptions.len() {
        return Err("our item was written with an unexpected number of events".to_string());
    }

    let fates = fates(stored, zone, &uid, &theirs, &their_events, item)?;

    let lf = uses_lf(stored);
    let text = |s: &str| {
        if lf {
            s.replace("\r\n", "\n")
        } else {
            s.to_string()
        }
    };
    let mut out = String::with_capacity(stored.len() + fresh.len());
    // Our times name our zone: its definition goes in unless one of that
    // name is there (theirs is kept).
    let zone_block = blocks(&ours, "VTIMEZONE")?
        .into_iter()
        .find(|z| tzid(&ours, z).is_some_and(|id| !has_zone(&theirs, &id)))
        .map(|z| raw(&ours, z.begin, z.end));
    let first_event = their_events.first().map(|b| b.begin);
    let mut used = vec![false; our_events.len()];
    // The stored events in their order, each with its fate.
    let mut next_event = their_events.iter().zip(&fates).peekable();
    let mut i = 0;
    while i < theirs.len() {
        if Some(i) == first_event
            && let Some(z) = &zone_block
        {
            out.push_str(&text(z));
        }
        if let Some((b, fate)) = next_event.next_if(|(b, _)| b.begin == i) {
            match *fate {
                Fate::Keep => out.push_str(&raw(&theirs, b.begin, b.end)),
                Fate::Drop => {}
                Fate::Merge {
                    ours: k,
                    master,
                    significant,
                } => {
                    used[k] = true;
                    let mut lines = owned_lines(&ours, &our_events[k]);
                    lines.push((
                        Owned::Modified,
                        format!("LAST-MODIFIED:{}\r\n", now.format("%Y%m%dT%H%M%SZ")),
                    ));
                    if significant {
                        let next = sequence(&theirs, b).saturating_add(1);
                        lines.push((Owned::Sequence, format!("SEQUENCE:{next}\r\n")));
                    }
                    let owns = |g: Owned| match g {
                        Owned::Recurrence => master,
                        Owned::Sequence => significant,
                        _ => true,
                    };
                    splice(&theirs, b, &lines, owns, &text, &mut out);
                }
            }
            i = b.end + 1;
            continue;
        }
        let line = &theirs[i];
        if line.name == "END" && line.depth == 1 {
            // Changed occurrences the stored object does not hold yet.
            for (k, b) in our_events.iter().enumerate() {
                if !used[k] {
                    out.push_str(&text(&raw(&ours, b.begin, b.end)));
                }
            }
        }
        out.push_str(line.raw);
        i += 1;
    }
    Ok(out)
}

/// What becomes of each of the stored events (`blocks` of `lines`, the
/// object `stored`) when `item` is written over the one of `uid`.
fn fates(
    stored: &str,
    zone: Tz,
    uid: &str,
    lines: &[Line<'_>],
    blocks: &[Block],
    item: &ItemWrite,
) -> Result<Vec<Fate>, String> {
    let (events, zones) = ical::events_of(stored, zone)?;
    let by_line: HashMap<u64, &Event> = events.iter().map(|e| (e.line, e)).collect();
    let mut fates = Vec::with_capacity(blocks.len());
    let mut master = false;
    for b in blocks {
        let number = lines[b.begin].number;
        let ev = by_line
            .get(&number)
            .ok_or_else(|| format!("the event on line {number} cannot be read"))?;
        if ev.uid != uid {
            fates.push(Fate::Keep);
            continue;
        }
        let fate = match &ev.recurrence_id {
            None if master => return Err("two events with one UID and no RECURRENCE-ID".into()),
            None => {
                master = true;
                let was = ical::content(&zones, ev)?;
                let moved = (was.start, was.end, was.status)
                    != (item.content.start, item.content.end, item.content.status);
                Fate::Merge {
                    ours: 0,
                    master: true,
                    significant: moved || recurrence_changed(&zones, ev, item)?,
                }
            }
            Some(rid) => {
                let rid = ical::when(&zones, rid)?;
                match item.exceptions.iter().position(|x| x.original_start == rid) {
                    Some(k) => {
                        let was = ical::content(&zones, ev)?;
                        let wanted = &item.exceptions[k].content;
                        Fate::Merge {
                            ours: k + 1,
                            master: false,
                            significant: (was.start, was.end, was.status)
                                != (wanted.start, wanted.end, wanted.status),
                        }
                    }
                    None => Fate::Drop,
                }
            }
        };
        fates.push(fate);
    }
    if !master {
        return Err("changed occurrences without their recurring event".to_string());
    }
    Ok(fates)
}

/// What becomes of one of the stored events.
#[derive(Clone, Copy)]
enum Fate {
    /// Another UID's: not ours to touch.
    Keep,
    /// A changed occurrence the write leaves out.
    Drop,
    /// Written over by our `ours`-th event (0: the master).
    Merge {
        ours: usize,
        master: bool,
        significant: bool,
    },
}

/// The properties of an event that we write.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Owned {
    Summary,
    Description,
    Location,
    Start,
    /// DTEND or DURATION.
    End,
    Status,
    /// Our `X-RENOS-…` facts.
    Facts,
    /// RRULE, RDATE, EXDATE (the master's only).
    Recurrence,
    Stamp,
    Modified,
    /// Only when the change is significant.
    Sequence,
}

fn owned(name: &str) -> Option<Owned> {
    Some(match name {
        "SUMMARY" => Owned::Summary,
        "DESCRIPTION" => Owned::Description,
        "LOCATION" => Owned::Location,
        "DTSTART" => Owned::Start,
        "DTEND" | "DURATION" => Owned::End,
        "STATUS" => Owned::Status,
        "RRULE" | "RDATE" | "EXDATE" => Owned::Recurrence,
        "DTSTAMP" => Owned::Stamp,
        "LAST-MODIFIED" => Owned::Modified,
        "SEQUENCE" => Owned::Sequence,
        n if n.starts_with(ical::X_PREFIX) => Owned::Facts,
        _ => return None,
    })
}

/// Whether the write states another recurrence than the stored master's.
fn recurrence_changed(zones: &TzResolver, ev: &Event, item: &ItemWrite) -> Result<bool, String> {
    let rule = item
        .recurrence
        .as_ref()
        .map(|r| r.rule.trim_start_matches("RRULE:"));
    if ev.rrule.as_deref() != rule || !ev.rdates.is_empty() {
        return Ok(true);
    }
    let excluded = ev
        .exdates
        .iter()
        .map(|t| ical::when(zones, t))
        .collect::<Result<Vec<When>, _>>()?;
    let ours: &[When] = item.recurrence.as_ref().map_or(&[], |r| &r.excluded);
    Ok(excluded != ours)
}

/// One logical (unfolded) line of a calendar object.
struct Line<'a> {
    /// Its physical lines as stored, line ends included.
    raw: &'a str,
    /// Unfolded, without its line end.
    text: String,
    /// The number of its first physical line (1-based).
    number: u64,
    /// Its name in upper case (`""` for a blank or broken line).
    name: String,
    /// Nesting of the component it belongs to: 1 for the calendar's own
    /// lines, 2 for an event's, 3 for an alarm's in an event.
    depth: usize,
}

/// The logical lines of `data`, numbered as the reader numbers them.
fn split(data: &str) -> Result<Vec<Line<'_>>, String> {
    let mut out: Vec<Line<'_>> = Vec::new();
    // Where the last logical line starts in `data`.
    let mut start = 0;
    let mut offset = 0;
    for (n, physical) in data.split_inclusive('\n').enumerate() {
        let end = offset + physical.len();
        let body = physical.strip_suffix('\n').unwrap_or(physical);
        let body = body.strip_suffix('\r').unwrap_or(body);
        let body = match n {
            0 => body.strip_prefix('\u{feff}').unwrap_or(body),
            _ => body,
        };
        match (body.strip_prefix([' ', '\t']), out.last_mut()) {
            (Some(rest), Some(last)) => {
                last.text.push_str(rest);
                last.raw = &data[start..end];
            }
            _ => {
                start = offset;
                out.push(Line {
                    raw: &data[offset..end],
                    text: body.to_string(),
                    number: n as u64 + 1,
                    name: String::new(),
                    depth: 0,
                });
            }
        }
        offset = end;
    }
    let mut depth = 0usize;
    for l in &mut out {
        l.name = l
            .text
            .find([';', ':'])
            .map(|at| l.text[..at].trim().to_ascii_uppercase())
            .unwrap_or_default();
        match l.name.as_str() {
            "BEGIN" => {
                depth += 1;
                l.depth = depth;
            }
            "END" => {
                l.depth = depth;
                depth = depth
                    .checked_sub(1)
                    .ok_or_else(|| format!("line {}: an END without its BEGIN", l.number))?;
            }
            _ => l.depth = depth,
        }
    }
    if depth != 0 {
        return Err("a component without its END".to_string());
    }
    Ok(out)
}

/// A line's value: what follows the first colon outside quotes.
fn value(text: &str) -> &str {
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ':' if !quoted => return &text[i + 1..],
            _ => {}
        }
    }
    ""
}

/// The lines `begin..=end` of one component.
#[derive(Debug)]
struct Block {
    begin: usize,
    end: usize,
}

/// The calendar's components `kind` (VEVENT, VTIMEZONE) in their order.
fn blocks(lines: &[Line<'_>], kind: &str) -> Result<Vec<Block>, String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = &lines[i];
        if l.depth == 2 && l.name == "BEGIN" && value(&l.text).trim().eq_ignore_ascii_case(kind) {
            let end = (i + 1..lines.len())
                .find(|&j| lines[j].depth == 2 && lines[j].name == "END")
                .ok_or_else(|| format!("line {}: a {kind} without its END", l.number))?;
            out.push(Block { begin: i, end });
            i = end;
        }
        i += 1;
    }
    Ok(out)
}

/// The stored bytes of the lines `begin..=end`.
fn raw(lines: &[Line<'_>], begin: usize, end: usize) -> String {
    lines[begin..=end].iter().map(|l| l.raw).collect()
}

/// Whether `l` is one of its component's own properties at `depth`.
fn is_property(l: &Line<'_>, depth: usize) -> bool {
    l.depth == depth && l.name != "BEGIN" && l.name != "END"
}

/// The lines of our event `b` that we own, in the order written.
fn owned_lines(lines: &[Line<'_>], b: &Block) -> Vec<(Owned, String)> {
    lines[b.begin + 1..b.end]
        .iter()
        .filter(|l| is_property(l, 2))
        .filter_map(|l| owned(&l.name).map(|g| (g, l.raw.to_string())))
        .collect()
}

/// The stored event's SEQUENCE (0 when it has none).
fn sequence(lines: &[Line<'_>], b: &Block) -> u32 {
    lines[b.begin + 1..b.end]
        .iter()
        .find(|l| is_property(l, 2) && l.name == "SEQUENCE")
        .and_then(|l| value(&l.text).trim().parse().ok())
        .unwrap_or(0)
}

/// The stored event `b` with `ours` in place of the lines it owns.
fn splice(
    theirs: &[Line<'_>],
    b: &Block,
    ours: &[(Owned, String)],
    owns: impl Fn(Owned) -> bool,
    text: &impl Fn(&str) -> String,
    out: &mut String,
) {
    let mut placed: Vec<Owned> = Vec::new();
    let put = |g: Owned, placed: &mut Vec<Owned>, out: &mut String| {
        if !placed.contains(&g) {
            placed.push(g);
            for (_, line) in ours.iter().filter(|(h, _)| *h == g) {
                out.push_str(&text(line));
            }
        }
    };
    out.push_str(theirs[b.begin].raw);
    let mut rest_placed = false;
    for l in &theirs[b.begin + 1..b.end] {
        if is_property(l, 2) {
            if let Some(g) = owned(&l.name).filter(|g| owns(*g)) {
                put(g, &mut placed, out);
                continue;
            }
        } else if !rest_placed && l.depth > 2 {
            // Properties come before nested components (RFC 5545 3.6.1).
            for (g, _) in ours {
                put(*g, &mut placed, out);
            }
            rest_placed = true;
        }
        out.push_str(l.raw);
    }
    for (g, _) in ours {
        put(*g, &mut placed, out);
    }
    out.push_str(theirs[b.end].raw);
}

/// The TZID of the time zone `b`.
fn tzid(lines: &[Line<'_>], b: &Block) -> Option<String> {
    lines[b.begin + 1..b.end]
        .iter()
        .find(|l| is_property(l, 2) && l.name == "TZID")
        .map(|l| value(&l.text).trim().to_string())
}

/// Whether the calendar defines the time zone `id`.
fn has_zone(lines: &[Line<'_>], id: &str) -> bool {
    blocks(lines, "VTIMEZONE")
        .unwrap_or_default()
        .iter()
        .any(|z| tzid(lines, z).as_deref() == Some(id))
}

/// Whether `data` ends its lines with a bare LF (our lines follow it).
fn uses_lf(data: &str) -> bool {
    data.find('\n')
        .is_some_and(|at| !data[..at].ends_with('\r'))
}

#[cfg(test)]
mod tests;
