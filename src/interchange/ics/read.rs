//! The component reader: a stack of open components over the content lines.

use std::io::BufRead;

use super::lines::{ContentLine, LineError, LineReader, MAX_LINE, text_list, trim, unescape};
use super::{Attendee, Component, Event, IcsError, Observance, VTimezone, values};
use crate::domain::recurrence::RRule;

/// Reads VEVENTs and VTIMEZONEs from an iCalendar file, one at a time; see
/// the module documentation for what is an error and what is skipped.
pub struct IcsReader<R: BufRead> {
    lines: LineReader<R>,
    parser: Parser,
    finished: bool,
}

impl<R: BufRead> IcsReader<R> {
    pub fn new(r: R) -> Self {
        IcsReader {
            lines: LineReader::new(r),
            parser: Parser::default(),
            finished: false,
        }
    }

    /// Bytes consumed so far (for a progress bar).
    pub fn bytes_read(&self) -> u64 {
        self.lines.bytes_read()
    }

    fn fatal(&mut self, line: u64, message: String) -> Option<Result<Component, IcsError>> {
        self.finished = true;
        Some(Err(IcsError {
            line,
            message,
            fatal: true,
        }))
    }
}

impl<R: BufRead> Iterator for IcsReader<R> {
    type Item = Result<Component, IcsError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.finished {
            return None;
        }
        loop {
            let line = match self.lines.advance() {
                Ok(Some(n)) => n,
                Ok(None) => {
                    self.finished = true;
                    return self.parser.at_end(self.lines.last_line()).map(Err);
                }
                Err(LineError::Io(e)) => {
                    let at = self.lines.last_line() + 1;
                    return self.fatal(at, format!("cannot read the file: {e}"));
                }
                Err(LineError::TooLong) => {
                    let at = self.lines.last_line() + 1;
                    let msg = format!(
                        "a line is longer than {} MiB (is this an iCalendar file?)",
                        MAX_LINE >> 20
                    );
                    return self.fatal(at, msg);
                }
            };
            let text = self.lines.line();
            match self.parser.feed(line, &text) {
                Step::Continue => {}
                Step::Emit(item) => {
                    if matches!(&item, Err(e) if e.fatal) {
                        self.finished = true;
                    }
                    return Some(item);
                }
            }
        }
    }
}

enum Step {
    Continue,
    Emit(Result<Component, IcsError>),
}

#[derive(Debug)]
enum Kind {
    Calendar,
    Event,
    Timezone,
    Observance(&'static str),
    Other(String),
}

impl Kind {
    fn name(&self) -> &str {
        match self {
            Kind::Calendar => "VCALENDAR",
            Kind::Event => "VEVENT",
            Kind::Timezone => "VTIMEZONE",
            Kind::Observance(n) => n,
            Kind::Other(n) => n,
        }
    }
}

#[derive(Debug)]
struct Frame {
    kind: Kind,
    line: u64,
}

/// The first problem of the component being read: reported at its END.
type Problem = Option<(u64, String)>;

/// The most content one VEVENT or VTIMEZONE may hold (its lines, unfolded):
/// past this the rest of it is passed over and it is reported, so that one
/// event of a million attendees costs no more than a big one.
pub(crate) const MAX_COMPONENT: usize = 8 << 20;

/// The deepest components may nest (VCALENDAR, VEVENT, VALARM is three).
pub(crate) const MAX_DEPTH: usize = 16;

#[derive(Default)]
struct Parser {
    stack: Vec<Frame>,
    seen_calendar: bool,
    event: Event,
    event_problem: Problem,
    zone: Option<VTimezone>,
    zone_problem: Problem,
    observance: Option<PartialObservance>,
    /// Content bytes of the VEVENT or VTIMEZONE being read.
    component_bytes: usize,
}

struct PartialObservance {
    daylight: bool,
    start: Option<chrono::NaiveDateTime>,
    from: Option<i32>,
    to: Option<i32>,
    rrule: Option<RRule>,
    rdates: Vec<chrono::NaiveDateTime>,
    name: Option<String>,
}

fn note(problem: &mut Problem, line: u64, r: Result<(), String>) {
    if let Err(msg) = r
        && problem.is_none()
    {
        *problem = Some((line, msg));
    }
}

fn fatal(line: u64, message: String) -> Step {
    Step::Emit(Err(IcsError {
        line,
        message,
        fatal: true,
    }))
}

fn shown(s: &str) -> String {
    let short: String = s.chars().take(40).collect();
    if short.len() < s.len() {
        format!("{short:?}...")
    } else {
        format!("{short:?}")
    }
}

impl Parser {
    fn feed(&mut self, line: u64, text: &str) -> Step {
        let Some(cl) = ContentLine::parse(text) else {
            return match self.stack.last().map(|f| &f.kind) {
                None if !self.seen_calendar => fatal(
                    line,
                    format!(
                        "expected BEGIN:VCALENDAR, found {} (is this an iCalendar file?)",
                        shown(text)
                    ),
                ),
                Some(Kind::Event) => {
                    let msg = format!(
                        "{} is not a content line (expected NAME:value)",
                        shown(text)
                    );
                    note(&mut self.event_problem, line, Err(msg));
                    Step::Continue
                }
                _ => Step::Continue,
            };
        };
        if cl.is("BEGIN") {
            self.begin(line, trim(cl.value))
        } else if cl.is("END") {
            self.end(line, trim(cl.value))
        } else {
            if self.too_big(line, text.len()) {
                return Step::Continue;
            }
            match self.stack.last().map(|f| &f.kind) {
                None if !self.seen_calendar => {
                    return fatal(
                        line,
                        format!(
                            "expected BEGIN:VCALENDAR, found {} (is this an iCalendar file?)",
                            shown(text)
                        ),
                    );
                }
                Some(Kind::Event) => {
                    let r = event_property(&mut self.event, &cl);
                    note(&mut self.event_problem, line, r);
                }
                Some(Kind::Timezone) => {
                    if cl.is("TZID")
                        && let Some(z) = &mut self.zone
                    {
                        z.tzid = cl.value.trim().to_owned();
                    }
                }
                Some(Kind::Observance(_)) => {
                    if let Some(o) = &mut self.observance {
                        let r = observance_property(o, &cl);
                        note(&mut self.zone_problem, line, r);
                    }
                }
                _ => {}
            }
            Step::Continue
        }
    }

    /// Counts `len` more bytes of the VEVENT or VTIMEZONE being read; past
    /// [`MAX_COMPONENT`] it is reported (once) and its lines passed over.
    fn too_big(&mut self, line: u64, len: usize) -> bool {
        let problem = match self.stack.last().map(|f| &f.kind) {
            Some(Kind::Event) => &mut self.event_problem,
            Some(Kind::Timezone | Kind::Observance(_)) => &mut self.zone_problem,
            _ => return false,
        };
        self.component_bytes = self.component_bytes.saturating_add(len);
        if self.component_bytes <= MAX_COMPONENT {
            return false;
        }
        let begin = self.stack.iter().rev().find_map(|f| match f.kind {
            Kind::Event | Kind::Timezone => Some(f.line),
            _ => None,
        });
        note(
            problem,
            line,
            Err(format!(
                "the component begun on line {} holds more than {} MiB; the rest of it is \
                 passed over (is an END line missing?)",
                begin.unwrap_or(line),
                MAX_COMPONENT >> 20
            )),
        );
        true
    }

    fn begin(&mut self, line: u64, name: &str) -> Step {
        if self.stack.len() >= MAX_DEPTH {
            let open = self.stack.last().map_or(0, |f| f.line);
            return fatal(
                line,
                format!(
                    "components are nested more than {MAX_DEPTH} deep (the last BEGIN without \
                     an END is on line {open})"
                ),
            );
        }
        let kind = match (
            self.stack.last().map(|f| &f.kind),
            name.to_ascii_uppercase(),
        ) {
            (None, n) if n == "VCALENDAR" => {
                self.seen_calendar = true;
                Kind::Calendar
            }
            (None, n) => {
                return fatal(
                    line,
                    format!("BEGIN:{n} outside a calendar (expected BEGIN:VCALENDAR)"),
                );
            }
            (Some(Kind::Calendar), n) if n == "VEVENT" => {
                self.event = Event {
                    line,
                    ..Event::default()
                };
                self.event_problem = None;
                self.component_bytes = 0;
                Kind::Event
            }
            (Some(Kind::Calendar), n) if n == "VTIMEZONE" => {
                self.zone = Some(VTimezone {
                    tzid: String::new(),
                    line,
                    observances: Vec::new(),
                });
                self.zone_problem = None;
                self.component_bytes = 0;
                Kind::Timezone
            }
            (Some(Kind::Timezone), n) if n == "STANDARD" || n == "DAYLIGHT" => {
                self.observance = Some(PartialObservance {
                    daylight: n == "DAYLIGHT",
                    start: None,
                    from: None,
                    to: None,
                    rrule: None,
                    rdates: Vec::new(),
                    name: None,
                });
                Kind::Observance(if n == "DAYLIGHT" {
                    "DAYLIGHT"
                } else {
                    "STANDARD"
                })
            }
            (_, n) => Kind::Other(n),
        };
        self.stack.push(Frame { kind, line });
        Step::Continue
    }

    fn end(&mut self, line: u64, name: &str) -> Step {
        let Some(top) = self.stack.last() else {
            return fatal(line, format!("END:{name} without BEGIN:{name}"));
        };
        if !name.eq_ignore_ascii_case(top.kind.name()) {
            return fatal(
                line,
                format!(
                    "END:{name} does not close BEGIN:{} of line {} (expected END:{})",
                    top.kind.name(),
                    top.line,
                    top.kind.name()
                ),
            );
        }
        let Some(frame) = self.stack.pop() else {
            return Step::Continue;
        };
        match frame.kind {
            Kind::Event => Step::Emit(self.finish_event()),
            Kind::Timezone => match self.finish_zone(frame.line) {
                Some(item) => Step::Emit(item),
                None => Step::Continue,
            },
            Kind::Observance(_) => {
                self.finish_observance(frame.line);
                Step::Continue
            }
            Kind::Calendar | Kind::Other(_) => Step::Continue,
        }
    }

    fn finish_event(&mut self) -> Result<Component, IcsError> {
        let event = std::mem::take(&mut self.event);
        if let Some((line, message)) = self.event_problem.take() {
            return Err(IcsError {
                line,
                message,
                fatal: false,
            });
        }
        if event.start.is_none() {
            let uid = if event.uid.is_empty() {
                String::new()
            } else {
                format!(" {:?}", event.uid)
            };
            return Err(IcsError {
                line: event.line,
                message: format!(
                    "VEVENT{uid} has no DTSTART (expected a line like DTSTART:20261123T090000Z)"
                ),
                fatal: false,
            });
        }
        Ok(Component::Event(Box::new(event)))
    }

    fn finish_observance(&mut self, begin: u64) {
        let Some(o) = self.observance.take() else {
            return;
        };
        let r = match (o.start, o.to) {
            (Some(start), Some(to)) => {
                if let Some(z) = &mut self.zone {
                    z.observances.push(Observance {
                        daylight: o.daylight,
                        start,
                        offset_from: o.from.unwrap_or(to),
                        offset_to: to,
                        rrule: o.rrule,
                        rdates: o.rdates,
                        name: o.name,
                    });
                }
                Ok(())
            }
            (None, _) => Err(
                "a STANDARD/DAYLIGHT part has no DTSTART (expected e.g. DTSTART:19701025T030000)"
                    .into(),
            ),
            (_, None) => Err(
                "a STANDARD/DAYLIGHT part has no TZOFFSETTO (expected e.g. TZOFFSETTO:+0100)"
                    .into(),
            ),
        };
        note(&mut self.zone_problem, begin, r);
    }

    fn finish_zone(&mut self, begin: u64) -> Option<Result<Component, IcsError>> {
        let zone = self.zone.take()?;
        if let Some((line, message)) = self.zone_problem.take() {
            return Some(Err(IcsError {
                line,
                message,
                fatal: false,
            }));
        }
        if zone.tzid.is_empty() {
            let message = "VTIMEZONE has no TZID (expected e.g. TZID:Europe/Copenhagen)".to_owned();
            return Some(Err(IcsError {
                line: begin,
                message,
                fatal: false,
            }));
        }
        Some(Ok(Component::Timezone(zone)))
    }

    /// What is wrong when the file ends: a component left open, or no calendar at all.
    fn at_end(&self, last_line: u64) -> Option<IcsError> {
        let message = match self.stack.last() {
            Some(top) => format!(
                "the file ends inside BEGIN:{} of line {} (expected END:{})",
                top.kind.name(),
                top.line,
                top.kind.name()
            ),
            None if !self.seen_calendar => {
                "no BEGIN:VCALENDAR found (is this an iCalendar file?)".to_owned()
            }
            None => return None,
        };
        Some(IcsError {
            line: last_line.max(1),
            message,
            fatal: true,
        })
    }
}

/// Upper-cases a property name into `buf` when it fits.
fn upper<'b>(name: &str, buf: &'b mut [u8; 40]) -> Option<&'b [u8]> {
    let b = name.as_bytes();
    let out = buf.get_mut(..b.len())?;
    out.copy_from_slice(b);
    out.make_ascii_uppercase();
    Some(out)
}

fn event_property(ev: &mut Event, cl: &ContentLine<'_>) -> Result<(), String> {
    let mut buf = [0u8; 40];
    let Some(name) = upper(cl.name, &mut buf) else {
        if cl
            .name
            .get(..2)
            .is_some_and(|p| p.eq_ignore_ascii_case("X-"))
        {
            ev.extra
                .push((cl.name.to_ascii_uppercase(), unescape(cl.value)));
        }
        return Ok(());
    };
    match name {
        b"UID" => ev.uid = unescape(trim(cl.value)),
        b"SUMMARY" => ev.summary = unescape(cl.value),
        b"DESCRIPTION" => ev.description = unescape(cl.value),
        b"LOCATION" => ev.location = unescape(cl.value),
        b"STATUS" => ev.status = Some(trim(cl.value).to_ascii_uppercase()),
        b"CATEGORIES" => text_list(cl.value, &mut ev.categories),
        b"DTSTART" => ev.start = Some(values::time(cl)?),
        b"DTEND" => ev.end = Some(values::time(cl)?),
        b"DURATION" => ev.duration = Some(values::duration(cl)?),
        b"RECURRENCE-ID" => ev.recurrence_id = Some(values::time(cl)?),
        b"RDATE" => values::times(cl, &mut ev.rdates)?,
        b"EXDATE" => values::times(cl, &mut ev.exdates)?,
        b"RRULE" => {
            let value = cl.value.trim();
            RRule::parse(value).map_err(|e| format!("{e} in RRULE:{value}"))?;
            if ev.rrule.is_none() {
                ev.rrule = Some(value.to_owned());
            }
        }
        b"ATTENDEE" => ev.attendees.push(Attendee {
            cn: cl.param("CN").map(|c| c.into_owned()),
            address: trim(cl.value).to_owned(),
        }),
        [b'X', b'-', ..] => ev.extra.push((
            String::from_utf8_lossy(name).into_owned(),
            unescape(cl.value),
        )),
        _ => {}
    }
    Ok(())
}

fn observance_property(o: &mut PartialObservance, cl: &ContentLine<'_>) -> Result<(), String> {
    if cl.is("DTSTART") {
        o.start = Some(values::local_time(cl, cl.value)?);
    } else if cl.is("TZOFFSETFROM") {
        o.from = Some(values::offset(cl)?);
    } else if cl.is("TZOFFSETTO") {
        o.to = Some(values::offset(cl)?);
    } else if cl.is("TZNAME") {
        o.name = Some(unescape(cl.value.trim()));
    } else if cl.is("RRULE") {
        let value = cl.value.trim();
        o.rrule = Some(RRule::parse(value).map_err(|e| format!("{e} in RRULE:{value}"))?);
    } else if cl.is("RDATE") {
        for item in cl.value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            o.rdates.push(values::local_time(cl, item)?);
        }
    }
    Ok(())
}
