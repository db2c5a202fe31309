//! Files written by calcurse, khal and (in its shape) Outlook: see
//! `tests/data/ics/README.md`.

use std::fs::File;
use std::io::BufReader;

use chrono::Duration;
use chrono_tz::Europe::Copenhagen;

use super::*;

/// Every component of a fixture, read from the file as a stream.
fn fixture(name: &str) -> (Vec<Event>, TzResolver) {
    let path = format!("{}/tests/data/ics/{name}", env!("CARGO_MANIFEST_DIR"));
    let file = File::open(&path).expect("fixture file");
    let mut tz = TzResolver::new(Copenhagen);
    let mut evs = Vec::new();
    for c in IcsReader::new(BufReader::new(file)) {
        match c.expect("fixture reads without error") {
            Component::Event(e) => evs.push(*e),
            Component::Timezone(z) => tz.add(&z),
        }
    }
    (evs, tz)
}

fn by_summary<'a>(evs: &'a [Event], start: &str) -> &'a Event {
    evs.iter()
        .find(|e| e.summary.starts_with(start))
        .expect("event with that summary")
}

fn at(s: &str) -> Resolved {
    Resolved::At(utc(s))
}

fn autumn() -> (DateTime<Utc>, DateTime<Utc>) {
    (utc("2026-10-01 00:00"), utc("2027-01-01 00:00"))
}

#[test]
fn calcurse_export() {
    let (evs, tz) = fixture("calcurse-export.ics");
    assert_eq!(evs.len(), 3);
    assert!(evs.iter().all(|e| e.uid.is_empty()));

    let day = by_summary(&evs, "Personaledag");
    assert_eq!(day.summary, "Personaledag – Århus");
    assert_eq!(day.start, Some(IcsTime::Date(date("2026-11-24"))));
    let occ = occurrences(day, &tz, autumn().0, autumn().1, 5).expect("all day");
    assert_eq!(
        (occ[0].start, occ[0].end),
        (
            Resolved::Day(date("2026-11-24")),
            Resolved::Day(date("2026-11-25"))
        )
    );

    let single = by_summary(&evs, "Hovedrengøring");
    assert_eq!(single.summary, "Hovedrengøring hos Hansen, Maria; 3. sal");
    assert_eq!(single.description, "Nøgle under måtten\nHusk støvsuger");
    assert_eq!(
        single.start,
        Some(IcsTime::Floating(local("2026-11-23 09:00")))
    );
    assert_eq!(single.duration, Some(Duration::minutes(150)));
    let occ = occurrences(single, &tz, autumn().0, autumn().1, 5).expect("single");
    assert_eq!(
        (occ[0].start, occ[0].end),
        (at("2026-11-23 08:00"), at("2026-11-23 10:30"))
    );

    // COUNT=10 became a floating UNTIL=20261214T080000 (inclusive).
    let weekly = by_summary(&evs, "Ugentlig");
    assert_eq!(weekly.summary, "Ugentlig trappevask, Østerbro");
    let occ = occurrences(weekly, &tz, autumn().0, autumn().1, 20).expect("weekly");
    assert_eq!(occ.len(), 10);
    assert_eq!(occ[0].start, at("2026-10-12 06:00"));
    assert_eq!(occ[1].start, at("2026-10-19 06:00"));
    assert_eq!(occ[2].start, at("2026-10-26 07:00"));
    assert_eq!(occ[9].start, at("2026-12-14 07:00"));
    assert_eq!(occ[9].end, at("2026-12-14 09:00"));
}

#[test]
fn calcurse_input() {
    let (evs, _) = fixture("calcurse-input.ics");
    let uids: Vec<&str> = evs.iter().map(|e| e.uid.as_str()).collect();
    assert_eq!(uids, ["cc-single", "cc-allday", "cc-weekly"]);
    assert_eq!(evs[2].rrule.as_deref(), Some("FREQ=WEEKLY;COUNT=10"));
}

#[test]
fn khal_timed() {
    let (evs, tz) = fixture("khal-timed.ics");
    let e = &evs[0];
    assert_eq!(e.summary, "Hovedrengøring hos Hansen");
    assert_eq!(e.uid.len(), 36);
    let occ = occurrences(e, &tz, autumn().0, autumn().1, 5).expect("timed");
    assert_eq!(
        occ,
        [Occurrence {
            key: String::new(),
            start: at("2026-11-23 08:00"),
            end: at("2026-11-23 10:30")
        }]
    );
}

#[test]
fn khal_all_day() {
    let (evs, tz) = fixture("khal-allday.ics");
    let e = &evs[0];
    assert_eq!(e.summary, "Personaledag i Århus");
    assert_eq!(e.start, Some(IcsTime::Date(date("2026-11-24"))));
    assert_eq!(e.end, Some(IcsTime::Date(date("2026-11-25"))));
    let occ = occurrences(e, &tz, autumn().0, autumn().1, 5).expect("all day");
    assert_eq!(occ[0].end, Resolved::Day(date("2026-11-25")));
}

#[test]
fn khal_weekly_until_in_utc() {
    let (evs, tz) = fixture("khal-weekly.ics");
    let e = &evs[0];
    assert_eq!(e.summary, "Ugentlig trappevask, Østerbro");
    assert_eq!(
        e.rrule.as_deref(),
        Some("FREQ=WEEKLY;UNTIL=20261227T220000Z")
    );
    let occ = occurrences(e, &tz, autumn().0, autumn().1, 20).expect("weekly");
    // What `khal list` shows: 12 October to 21 December, always 08:00 local.
    assert_eq!(occ.len(), 11);
    assert_eq!(occ[0].key, "20261012T060000Z");
    assert_eq!(occ[2].key, "20261026T070000Z");
    assert_eq!(occ[10].start, at("2026-12-21 07:00"));
    // A window in the middle.
    let mid =
        occurrences(e, &tz, utc("2026-11-01 00:00"), utc("2026-11-15 00:00"), 20).expect("window");
    assert_eq!(
        mid.iter().map(|o| o.start).collect::<Vec<_>>(),
        [at("2026-11-02 07:00"), at("2026-11-09 07:00")]
    );
}

#[test]
fn khal_vtimezone_without_rrules_works_as_rules() {
    // khal's VTIMEZONE lists only the transitions around the event; read as
    // rules under another name they give the same instants as the IANA zone.
    let text = std::fs::read(format!(
        "{}/tests/data/ics/khal-weekly.ics",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture");
    let text = String::from_utf8(text)
        .expect("utf-8")
        .replace("TZID:Europe/Copenhagen", "TZID:khal");
    let mut tz = TzResolver::new(Copenhagen);
    for c in IcsReader::new(text.as_bytes()) {
        if let Ok(Component::Timezone(z)) = c {
            tz.add(&z);
        }
    }
    let r = |t| {
        tz.resolve(&IcsTime::Zoned {
            local: local(t),
            tzid: "khal".into(),
        })
    };
    assert_eq!(r("2026-10-12 08:00"), Ok(at("2026-10-12 06:00")));
    assert_eq!(r("2026-11-02 08:00"), Ok(at("2026-11-02 07:00")));
}

#[test]
fn khal_location_description_categories() {
    let (evs, _) = fixture("khal-details.ics");
    let e = &evs[0];
    assert_eq!(e.summary, "Vinduespudsning på Ærø");
    assert_eq!(e.location, "Strandvejen 12; 2900 Hellerup");
    assert_eq!(
        e.description,
        "Kunden ønsker grøn sæbe, ikke blå; nøgle hos naboen"
    );
    assert_eq!(e.categories, ["Rengøring", "Vinduer"]);
}

#[test]
fn outlook_style() {
    let (evs, tz) = fixture("outlook-style.ics");
    // The VTODO is skipped.
    assert_eq!(evs.len(), 4);
    let master = &evs[0];
    assert_eq!(master.summary, "Kontorrengøring, Nordhavn");
    assert_eq!(master.location, "Nordhavnsvej 4, København Ø");
    assert_eq!(
        master.description,
        "Hel rengøring af kontoret. Husk nøglebrikken i receptionen på første sal, alarmkode \
         ændres hver måned; ring til Søren ved spørgsmål.\nMedbring egne klude."
    );
    assert_eq!(master.status.as_deref(), Some("CONFIRMED"));
    assert_eq!(master.categories, ["Kontor", "Fast kunde"]);
    assert_eq!(master.attendees.len(), 2);
    assert_eq!(master.attendees[0].cn.as_deref(), Some("Hansen, Maria"));
    assert_eq!(master.attendees[0].address, "mailto:maria@example.dk");
    assert!(
        master
            .extra
            .contains(&("X-MICROSOFT-CDO-BUSYSTATUS".into(), "BUSY".into()))
    );
    assert_eq!(master.line, 36);

    // Monday and Thursday 10:00 Copenhagen, COUNT=8, 29 October excluded.
    let occ = occurrences(master, &tz, autumn().0, autumn().1, 20).expect("series");
    let keys: Vec<&str> = occ.iter().map(|o| o.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "20261019T080000Z",
            "20261022T080000Z",
            "20261026T090000Z",
            "20261102T090000Z",
            "20261105T090000Z",
            "20261109T090000Z",
            "20261112T090000Z",
        ]
    );
    assert_eq!(occ[2].end, at("2026-10-26 11:00"));

    // The override moves 5 November to the afternoon: same UID, key of the
    // occurrence it replaces.
    let moved = &evs[1];
    assert_eq!(moved.uid, master.uid);
    assert_eq!(moved.summary, "Kontorrengøring, Nordhavn (flyttet)");
    let o = occurrences(moved, &tz, autumn().0, autumn().1, 1).expect("override");
    assert_eq!(
        o,
        [Occurrence {
            key: "20261105T090000Z".into(),
            start: at("2026-11-05 12:00"),
            end: at("2026-11-05 14:00")
        }]
    );

    // A display-name TZID: only the file's VTIMEZONE knows it.
    let summer = by_summary(&evs, "Sommerrengøring");
    let o = occurrences(summer, &tz, autumn().0, autumn().1, 1).expect("display-name zone");
    assert_eq!(
        (o[0].start, o[0].end),
        (at("2026-07-01 07:00"), at("2026-07-01 09:00"))
    );
    assert!(
        TzResolver::new(Copenhagen)
            .resolve(summer.start.as_ref().expect("start"))
            .is_err()
    );

    let closed = by_summary(&evs, "Lukket");
    assert_eq!(closed.summary, "Lukket – Grundlovsdag");
    assert_eq!(closed.start, Some(IcsTime::Date(date("2026-06-05"))));
    assert_eq!(closed.end, Some(IcsTime::Date(date("2026-06-06"))));
}
