//! A CalDAV server's answers, read as the client reads them: multistatus
//! listings and error bodies (roxmltree, DTDs refused), and the calendar
//! objects they carry.

use super::{check, recipes};
use crate::providers::caldav::{read_item, read_multistatus, read_precondition};
use crate::providers::calendar::{ItemId, Version};

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
];

fn read(body: &[u8]) -> Result<(), String> {
    let _ = read_precondition(body, "valid-sync-token");
    match read_multistatus(body) {
        Ok(m) => {
            for r in m.responses {
                if let Some(data) = r.calendar_data {
                    let id = ItemId(r.href);
                    let version = Version(r.etag.unwrap_or_default());
                    if let Err(e) = read_item(id, version, &data, chrono_tz::Europe::Copenhagen)
                        && e.trim().is_empty()
                    {
                        return Err("a calendar object refused without words".to_string());
                    }
                }
            }
            Ok(())
        }
        Err(e) if e.to_string().trim().is_empty() => Err("an answer refused without words".into()),
        Err(_) => Ok(()),
    }
}

#[test]
fn caldav_answers_read_or_fail_clearly() {
    let seeds: Vec<Vec<u8>> = ANSWERS.iter().map(|s| s.as_bytes().to_vec()).collect();
    check("caldav", 256, recipes(seeds.len(), TOKENS), |r| {
        read(&r.build(&seeds))
    });
}
