//! A CalDAV server's answers, read as the client reads them: multistatus
//! listings and error bodies (roxmltree, DTDs refused), and the calendar
//! objects they carry; each object that reads is written over with our
//! changes as an item made by hand is, and must read back as we wrote it.

use super::{check, recipes};
use chrono::TimeZone;

use crate::providers::caldav::{merge_item, read_item, read_multistatus, read_precondition};
use crate::providers::calendar::{Content, ItemId, ItemStatus, ItemWrite, Version, When};

const ANSWERS: &[&str] = &[
    r#"<?xml version="1.0" encoding="utf-8"?>
<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
<d:response><d:href>/anna/work/a.ics</d:href><d:propstat><d:prop><d:getetag>"1"</d:getetag>
<c:calendar-data>BEGIN:VCALENDAR
BEGIN:VEVENT
UID:a
DTSTART;TZID=Europe/Copenhagen:20261207T090000
DTEND:20261207T100000Z
RRULE:FREQ=WEEKLY;COUNT=3
SUMMARY:Rengøring
X-RENOS-BOOKING:42
END:VEVENT
BEGIN:VEVENT
UID:a
RECURRENCE-ID;TZID=Europe/Copenhagen:20261214T090000
DTSTART:20261215T120000Z
DURATION:PT2H
END:VEVENT
END:VCALENDAR
</c:calendar-data></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
<d:response><d:href>/anna/work/gone.ics</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response>
<d:response><d:href>/anna/work/</d:href><d:status>HTTP/1.1 507 Insufficient Storage</d:status></d:response>
<d:sync-token>http://radicale.org/ns/sync/abc</d:sync-token>
</d:multistatus>"#,
    r#"<?xml version="1.0"?><D:error xmlns:D="DAV:"><D:valid-sync-token/></D:error>"#,
    // A job made by hand on a phone: an alarm, attendees, a folded line.
    "<?xml version=\"1.0\"?>\n<d:multistatus xmlns:d=\"DAV:\" \
     xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:response><d:href>/anna/work/p.ics</d:href>\
     <d:propstat><d:prop><d:getetag>\"2\"</d:getetag><c:calendar-data>BEGIN:VCALENDAR\r\n\
     PRODID:-//Phone//EN\r\nBEGIN:VEVENT\r\nUID:p\r\nSEQUENCE:2\r\n\
     DTSTART:20261207T090000Z\r\nDURATION:PT1H\r\nSUMMARY:Madsen\r\nSUMMARY:igen\r\n\
     ATTENDEE;CN=\"Jensen, Anna\":mailto:anna@firma.dk\r\nDESCRIPTION:lang\r\n tekst\r\n\
     CATEGORIES:A,B\r\nX-OWN;X-P=\"a:b\":1\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\n\
     DESCRIPTION:Husk\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n\
     </c:calendar-data></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>\
     <d:sync-token>t</d:sync-token></d:multistatus>",
];

const TOKENS: &[&[u8]] = &[
    b"<",
    b">",
    b"</d:response>",
    b"<d:response>",
    b"<!DOCTYPE x [<!ENTITY a \"aaaa\">]>",
    b"&a;",
    b"&#0;",
    b"]]>",
    b"<![CDATA[",
    b"xmlns:d=\"\"",
    b"HTTP/1.1 999999999999 X",
    b"\nBEGIN:VEVENT\n",
    b"\nEND:VEVENT\n",
    b"\nRECURRENCE-ID:99991231T235959Z\n",
    b"\nDURATION:P999999999W\n",
    b"\nDTSTART;VALUE=DATE:99991231\n",
    b"\nRRULE:FREQ=SECONDLY\n",
    b"\r\nBEGIN:VALARM\r\n",
    b"\r\nEND:VALARM\r\n",
    b"\r\n ",
    b"\r\nSUMMARY;X=\":\":x\r\n",
    b"\r\nX-RENOS-BOOKING:7\r\n",
];

fn read(body: &[u8]) -> Result<(), String> {
    let _ = read_precondition(body, "valid-sync-token");
    match read_multistatus(body) {
        Ok(m) => {
            for r in m.responses {
                if let Some(data) = r.calendar_data {
                    let id = ItemId(r.href);
                    let version = Version(r.etag.unwrap_or_default());
                    match read_item(id, version, &data, chrono_tz::Europe::Copenhagen) {
                        Err(e) if e.trim().is_empty() => {
                            return Err("a calendar object refused without words".to_string());
                        }
                        Ok(Some(_)) => written_over(&data)?,
                        _ => {}
                    }
                }
            }
            Ok(())
        }
        Err(e) if e.to_string().trim().is_empty() => Err("an answer refused without words".into()),
        Err(_) => Ok(()),
    }
}

/// The object `data` with our changes written over it reads back as we
/// wrote them, or is refused with words.
fn written_over(data: &str) -> Result<(), String> {
    let at = |h| {
        chrono::Utc
            .with_ymd_and_hms(2026, 12, 8, h, 0, 0)
            .single()
            .map(When::At)
            .ok_or("a time")
    };
    let ours = ItemWrite::single(
        "42",
        Content {
            summary: "Rengøring".into(),
            description: "Nøgle".into(),
            location: "Istedgade 1".into(),
            start: at(9)?,
            end: at(11)?,
            status: ItemStatus::Confirmed,
        },
        "Europe/Copenhagen",
    );
    let zone = chrono_tz::Europe::Copenhagen;
    let text = match merge_item(data, &ours, chrono::Utc::now(), zone) {
        Ok(text) => text,
        Err(e) if e.trim().is_empty() => return Err("a merge refused without words".into()),
        Err(_) => return Ok(()),
    };
    match read_item(ItemId("x".into()), Version("v".into()), &text, zone) {
        Ok(Some(back)) if back.content == ours.content && back.booking.as_deref() == Some("42") => {
            Ok(())
        }
        other => Err(format!("written over, it reads as {other:?}:\n{text}")),
    }
}

#[test]
fn caldav_answers_read_or_fail_clearly() {
    let seeds: Vec<Vec<u8>> = ANSWERS.iter().map(|s| s.as_bytes().to_vec()).collect();
    check("caldav", 256, recipes(seeds.len(), TOKENS), |r| {
        read(&r.build(&seeds))
    });
}
