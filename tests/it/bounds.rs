//! Memory and time bounds of the readers, run as a user would: the worst
//! file of each kind (those the fuzzing found slowest, and the known bad
//! ones: a quote never closed, a value of 50 MB, a line that never ends, a
//! zone rule counted from year 1, a series of five million, JSON nested a
//! million deep, a settings file of 1 MB) keeps `renos` under 200 MB of
//! resident memory and 2 s of CPU time (its own, so a busy machine does not
//! fail the test), and ends with a sentence, never a panic. The figures are
//! printed (`--nocapture`) for the record.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{ChildStdin, Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common;
use common::NOW;

/// The most memory and time one run may take.
const MAX_KB: u64 = 200 * 1024;
const MAX_TIME: Duration = Duration::from_secs(2);

/// A run of `renos`, watched.
pub(crate) struct Watched {
    pub out: Output,
    /// Wall-clock time.
    pub took: Duration,
    /// CPU time (user and system) of the process.
    pub cpu: Duration,
    /// The highest peak resident memory (VmHWM) seen while it ran, in KB.
    pub peak_kb: u64,
}

impl Watched {
    pub(crate) fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).into_owned()
    }

    /// Under [`MAX_KB`] and [`MAX_TIME`], ended with one of the exit
    /// statuses `ok`, in words; `what` names the run.
    fn within_bounds(&self, what: &str, ok: &[i32]) {
        let code = self.out.status.code();
        assert!(
            code.is_some_and(|c| ok.contains(&c)),
            "{what}: exit {code:?}: {}",
            self.stderr()
        );
        assert!(
            !self.stderr().contains("panicked"),
            "{what}: {}",
            self.stderr()
        );
        assert!(self.peak_kb < MAX_KB, "{what}: peak {} KB", self.peak_kb);
        assert!(self.cpu < MAX_TIME, "{what}: {:?} of CPU", self.cpu);
    }
}

/// The highest resident memory `pid` has had, in KB, while it runs.
pub(crate) fn peak_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `renos ARGS` in `home` (stdin fed by `feed`, else empty), reading
/// its peak memory every millisecond until it ends.
// The child is reaped by `wait4` (for its CPU time), not by `Child::wait`.
#[allow(clippy::zombie_processes)]
pub(crate) fn watched(
    home: &Path,
    args: &[&str],
    feed: Option<Box<dyn FnOnce(ChildStdin) + Send>>,
) -> Watched {
    let started = Instant::now();
    let mut child = Command::new(common::bin())
        .args(args)
        .env_clear()
        .env("RENOS_LANGUAGE", "en")
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .stdin(if feed.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn renos");
    if let (Some(feed), Some(stdin)) = (feed, child.stdin.take()) {
        std::thread::spawn(move || feed(stdin));
    }
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = r.read_to_end(&mut v);
            v
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("stdout")));
    let stderr = drain(Box::new(child.stderr.take().expect("stderr")));
    let mut peak = 0;
    let pid = child.id() as libc::pid_t;
    // SAFETY: plain data for the kernel to fill; `pid` is our child, reaped
    // here (its `Child` is not waited on).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let mut raw = 0;
    loop {
        if let Some(kb) = peak_kb(child.id()) {
            peak = peak.max(kb);
        }
        let done = unsafe { libc::wait4(pid, &mut raw, libc::WNOHANG, &mut usage) };
        assert!(done >= 0, "wait4");
        if done == pid {
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    use std::os::unix::process::ExitStatusExt;
    Watched {
        out: Output {
            status: std::process::ExitStatus::from_raw(raw),
            stdout: stdout.join().expect("stdout"),
            stderr: stderr.join().expect("stderr"),
        },
        took: started.elapsed(),
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        peak_kb: peak,
    }
}

struct Home {
    dir: tempfile::TempDir,
    db: String,
}

impl Home {
    fn new() -> Home {
        let dir = tempfile::tempdir().expect("tmp");
        let db = dir.path().join("r.db").display().to_string();
        Home { dir, db }
    }

    /// Writes a file made by `write` and gives its path.
    fn file(&self, name: &str, write: impl FnOnce(&mut dyn Write)) -> PathBuf {
        let p = self.dir.path().join(name);
        let mut f = std::io::BufWriter::new(std::fs::File::create(&p).expect("create"));
        write(&mut f);
        f.flush().expect("flush");
        p
    }

    fn run(&self, args: &[&str]) -> Watched {
        let mut all = vec!["--db", &self.db, "--now", NOW];
        all.extend_from_slice(args);
        watched(self.dir.path(), &all, None)
    }

    fn fed(&self, args: &[&str], feed: impl FnOnce(ChildStdin) + Send + 'static) -> Watched {
        let mut all = vec!["--db", &self.db, "--now", NOW];
        all.extend_from_slice(args);
        watched(self.dir.path(), &all, Some(Box::new(feed)))
    }
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// `n` times `chunk`.
fn repeat(w: &mut dyn Write, chunk: &[u8], n: usize) {
    for _ in 0..n {
        w.write_all(chunk).expect("write");
    }
}

/// One line of the figures, for the record (`--nocapture` shows them).
fn note(what: &str, w: &Watched) {
    println!(
        "bounds: {what}: {} ms of CPU ({} ms), peak {} MB, exit {:?}",
        w.cpu.as_millis(),
        w.took.as_millis(),
        w.peak_kb / 1024,
        w.out.status.code()
    );
}

#[test]
fn the_worst_customer_files_stay_in_bounds() {
    let h = Home::new();
    let mb = vec![b'x'; 1 << 20];
    let cases: Vec<(&str, PathBuf, &str)> = vec![
        (
            "a quote never closed in 10,000 rows",
            h.file("quote.csv", |w| {
                w.write_all(b"Name,Email,Notes\nAnna,a@x.dk,\"open\n")
                    .expect("write");
                for i in 0..10_000 {
                    writeln!(w, "K {i},k{i}@x.dk,").expect("write");
                }
            }),
            "close the quote",
        ),
        (
            "a CSV value of 50 MB",
            h.file("value.csv", |w| {
                w.write_all(b"Name,Notes\nAnna,\"").expect("write");
                repeat(w, &mb, 50);
            }),
            "64 KB",
        ),
        (
            "a CSV line of 50 MB of commas",
            h.file("commas.csv", |w| {
                w.write_all(b"Name,Notes\nAnna").expect("write");
                repeat(w, &vec![b','; 1 << 20], 50);
            }),
            "256 KB",
        ),
        (
            "a JSON string of 50 MB",
            h.file("string.json", |w| {
                w.write_all(b"[{\"name\": \"").expect("write");
                repeat(w, &mb, 50);
            }),
            "64 KB",
        ),
        (
            "JSON nested 50 million deep",
            h.file("deep.json", |w| repeat(w, &vec![b'['; 1 << 20], 50)),
            "4 MB",
        ),
        (
            "a JSON customer nested a million deep",
            h.file("deep-customer.json", |w| {
                w.write_all(b"[{\"name\": \"A\", \"tags\": ")
                    .expect("write");
                repeat(w, &vec![b'['; 1 << 20], 1);
            }),
            "line 1",
        ),
    ];
    for (what, file, says) in &cases {
        for cmd in [&["validate"][..], &["import", "customers"][..]] {
            let mut args = cmd.to_vec();
            args.push(s(file));
            let w = h.run(&args);
            note(&format!("{what} ({})", cmd[0]), &w);
            w.within_bounds(what, &[2]);
            assert!(w.stderr().contains(says), "{what}: {}", w.stderr());
        }
    }

    // A line that never ends, from a pipe; a stream of NUL bytes.
    let w = h.fed(&["validate", "-", "--format", "csv"], |mut w| {
        let _ = w.write_all(b"Name,Notes\nAnna,");
        let chunk = [b'a'; 1 << 16];
        while w.write_all(&chunk).is_ok() {}
    });
    note("an endless line from a pipe", &w);
    w.within_bounds("an endless line", &[2]);
    let w = h.run(&["import", "customers", "/dev/zero", "--format", "csv"]);
    note("/dev/zero", &w);
    w.within_bounds("/dev/zero", &[2]);
    assert!(
        w.stderr().contains("binary data (NUL bytes)") && !w.stderr().contains("UTF-16"),
        "{}",
        w.stderr()
    );
}

/// 200,000 bad rows: the report lists the first 100 of a kind and counts
/// the rest, so its memory does not grow with the file.
#[test]
fn a_report_of_many_bad_rows_stays_small() {
    let h = Home::new();
    let file = h.file("bad.csv", |w| {
        w.write_all(b"Name,Email\n").expect("write");
        for i in 0..200_000 {
            writeln!(w, "K{i},not-an-email-{i}").expect("write");
        }
    });
    let w = h.run(&["validate", s(&file), "--json"]);
    note("200,000 bad rows (validate --json)", &w);
    assert_eq!(w.out.status.code(), Some(1), "{}", w.stderr());
    assert!(w.peak_kb < MAX_KB, "peak {} KB", w.peak_kb);
    let report: serde_json::Value = serde_json::from_slice(&w.out.stdout).expect("json");
    let problems = report["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 101);
    assert_eq!(problems[100], "… and 199900 more of the same kinds");
    assert_eq!(report["failed"], 200_000);

    let w = h.run(&["validate", s(&file)]);
    let text = String::from_utf8_lossy(&w.out.stdout);
    assert!(
        text.contains("… and 199950 more of the same kinds (--json lists the first 100)"),
        "{text}"
    );
    assert!(w.peak_kb < MAX_KB, "peak {} KB", w.peak_kb);
}

fn zone(tzid: &str, extra: &str) -> String {
    format!(
        "BEGIN:VTIMEZONE\r\nTZID:{tzid}\r\n\
         BEGIN:STANDARD\r\nDTSTART:00011025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU{extra}\r\n\
         TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n\
         BEGIN:DAYLIGHT\r\nDTSTART:00010101T000000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU{extra}\r\n\
         TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
    )
}

const CAL: &[u8] = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\n";

#[test]
fn the_worst_calendars_stay_in_bounds() {
    let h = Home::new();
    let events = |w: &mut dyn Write, n: usize, tzid: &str, rule: &str| {
        for k in 0..n {
            write!(
                w,
                "BEGIN:VEVENT\r\nUID:e{k}\r\nSUMMARY:Job {k}\r\n\
                 DTSTART;TZID={tzid}:202612{:02}T090000\r\nDURATION:PT2H\r\n{rule}END:VEVENT\r\n",
                k % 28 + 1
            )
            .expect("write");
        }
    };
    let cases: Vec<(&str, PathBuf)> = vec![
        (
            "1,000 events in zones counted from year 1",
            h.file("zones.ics", |w| {
                w.write_all(CAL).expect("write");
                w.write_all(zone("Forever", "").as_bytes()).expect("write");
                w.write_all(zone("Counted", ";COUNT=1000000").as_bytes())
                    .expect("write");
                events(w, 500, "Forever", "");
                events(w, 500, "Counted", "");
                w.write_all(b"END:VCALENDAR\r\n").expect("write");
            }),
        ),
        (
            "1,000 series of five million",
            h.file("series.ics", |w| {
                w.write_all(CAL).expect("write");
                events(
                    w,
                    1000,
                    "Europe/Copenhagen",
                    "RRULE:FREQ=DAILY;COUNT=5000000\r\n",
                );
                w.write_all(b"END:VCALENDAR\r\n").expect("write");
            }),
        ),
        (
            "1,000 series that never match",
            h.file("never.ics", |w| {
                w.write_all(CAL).expect("write");
                events(
                    w,
                    1000,
                    "Europe/Copenhagen",
                    "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\r\n",
                );
                w.write_all(b"END:VCALENDAR\r\n").expect("write");
            }),
        ),
        (
            "a line of 50 MB",
            h.file("line.ics", |w| {
                w.write_all(CAL).expect("write");
                w.write_all(b"BEGIN:VEVENT\r\nDESCRIPTION:").expect("write");
                repeat(w, &vec![b'x'; 1 << 20], 50);
            }),
        ),
        (
            "a folded line of 50 MB",
            h.file("folded.ics", |w| {
                w.write_all(CAL).expect("write");
                w.write_all(b"BEGIN:VEVENT\r\nDESCRIPTION:").expect("write");
                repeat(
                    w,
                    &b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n ".repeat(30_000),
                    50,
                );
            }),
        ),
        (
            "BEGIN nested 200,000 deep",
            h.file("nested.ics", |w| {
                w.write_all(CAL).expect("write");
                repeat(w, b"BEGIN:VALARM\r\n", 200_000);
            }),
        ),
        (
            "an event of 200,000 attendees (11 MB)",
            h.file("attendees.ics", |w| {
                w.write_all(CAL).expect("write");
                w.write_all(b"BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261201T090000Z\r\n")
                    .expect("write");
                repeat(
                    w,
                    b"ATTENDEE;CN=\"Hansen, Maria\":mailto:maria@example.dk\r\n",
                    200_000,
                );
                w.write_all(b"END:VEVENT\r\nEND:VCALENDAR\r\n")
                    .expect("write");
            }),
        ),
    ];
    for (what, file) in &cases {
        let w = h.run(&["validate", s(file)]);
        note(what, &w);
        w.within_bounds(what, &[0, 1, 2]);
    }
}

#[test]
fn settings_files_of_a_megabyte_stay_in_bounds() {
    let h = Home::new();
    let mb = 1 << 20;
    let texts: Vec<(&str, Vec<u8>)> = vec![
        ("brackets nested as deep as fit", {
            let mut t = b"a = ".to_vec();
            t.resize(mb, b'[');
            t
        }),
        ("tables nested as deep as fit", {
            let mut t = b"a = ".to_vec();
            t.extend("{b = ".repeat((mb - 4) / 5).bytes());
            t
        }),
        ("a key of half a million parts", {
            let mut t = "a.".repeat((mb - 6) / 2).into_bytes();
            t.extend(b"b = 1");
            t
        }),
        (
            "an inline table left open on every line",
            "k = { a = \"1\", b\n".repeat(mb / 17).into_bytes(),
        ),
        (
            "an inline table left open after every table header",
            "[t]\nk = { a = \"1\"\n".repeat(mb / 19).into_bytes(),
        ),
        (
            "30,000 bindings, each of its own key",
            "[normal]\n"
                .bytes()
                .chain(
                    (0x4E00..0x4E00 + 30_000)
                        .filter_map(char::from_u32)
                        .flat_map(|c| format!("\"{c}\" = \"quit\"\n").into_bytes()),
                )
                .collect(),
        ),
        (
            "a megabyte of bindings",
            "[normal]\n"
                .bytes()
                .chain("\"q\" = \"quit\"\n".repeat((mb - 9) / 13).bytes())
                .collect(),
        ),
    ];
    for (what, text) in &texts {
        let file = h.file("big.toml", |w| w.write_all(text).expect("write"));
        assert!(text.len() <= mb, "{what}: {}", text.len());
        let keys = h.file("keys.toml", |w| {
            writeln!(w, "keymap = {:?}", s(&file)).expect("write")
        });
        // The theme and the keymap are read as the console opens (which,
        // without a terminal, then refuses).
        for args in [
            vec!["--config", s(&file), "stats"],
            vec!["--theme", s(&file)],
            vec!["--config", s(&keys)],
        ] {
            let w = h.run(&args);
            note(&format!("{what} ({})", args[0]), &w);
            w.within_bounds(what, &[0, 1, 2]);
        }
    }
}
