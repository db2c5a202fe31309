//! Text from outside cannot drive the dispatcher's terminal: a customer file,
//! a calendar and the providers' answers full of escape sequences, C1
//! controls and bidirectional overrides, then every command that prints
//! them, as text and as JSON. Nothing a terminal acts on comes out; the
//! text itself does (marked), and the data stays exact where it is data.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::{self, NOW, renos};
use renos::domain::sync::{ConflictKind, EventFields, Field};

/// Retitles the window, clears the screen, turns the rest of the line
/// around, and an 8-bit CSI.
const HOSTILE: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{202e}\u{2066}\u{9b}2J\u{7f}";

/// A visible part of [`HOSTILE`], which every printed line shows.
const SEEN: &str = "pwned";

struct Db {
    home: tempfile::TempDir,
    db: String,
}

impl Db {
    fn path(&self, name: &str) -> PathBuf {
        self.home.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Output {
        let mut all = vec!["--db", &self.db, "--now", NOW];
        all.extend_from_slice(args);
        renos(self.home.path(), &all)
    }

    fn ok(&self, args: &[&str]) -> Output {
        let o = self.run(args);
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        o
    }
}

/// The unsafe characters in `bytes`, with where they are.
fn unsafe_chars(bytes: &[u8]) -> Vec<(usize, char)> {
    String::from_utf8_lossy(bytes)
        .char_indices()
        .filter(|&(_, c)| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

/// What in `o` a terminal would act on, if anything.
fn dirt(what: &str, o: &Output) -> Option<String> {
    let mut found = String::new();
    for (name, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
        let bad = unsafe_chars(bytes);
        if !bad.is_empty() {
            found += &format!(
                "{what}: {name} holds {bad:?}:\n{}\n",
                String::from_utf8_lossy(bytes)
            );
        }
    }
    (!found.is_empty()).then_some(found)
}

/// Neither stream of `o` holds a character a terminal acts on.
fn assert_clean(what: &str, o: &Output) {
    if let Some(found) = dirt(what, o) {
        panic!("{found}");
    }
}

/// Whether `o` printed the outside text (so a clean output means something).
fn shows(o: &Output) -> bool {
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    all.contains(SEEN)
}

/// A demo database with hostile text brought in the ways it comes: a
/// customer file, a calendar, a cleaner's name, and (straight into the
/// database, as the sync and the providers would leave it) a sync conflict,
/// a sync run's errors, a refused calendar write, an alert and an invoice.
fn hostile_db() -> (Db, i64) {
    let home = tempfile::tempdir().expect("tmp");
    let db = home.path().join("r.db").display().to_string();
    let d = Db { home, db };
    d.ok(&["demo", "--no-console"]);

    let h = HOSTILE;
    let csv = format!(
        "Name,Email,Phone,Address,Company,Notes,Tags\n\
         \"Evil{h}Corp\",evil@example.dk,12345678,\"Vej 1{h}\",\"Firma{h}\",\"note{h}\nline two\",\"tag{h}\"\n\
         \"=HYPERLINK(\"\"http://x\"\")\",formula@example.dk,+4587654321,Vej 2,,,\n"
    );
    std::fs::write(d.path("c.csv"), csv).expect("csv");
    let o = d.ok(&["import", "customers", path(&d.path("c.csv"))]);
    assert_clean("import customers", &o);

    let ics = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\n\
         UID:evil-1@example.dk\r\nDTSTART:20261120T130000Z\r\nDTEND:20261120T150000Z\r\n\
         SUMMARY:Evil{h} Summary\r\nLOCATION:Gade{h} 5\r\nDESCRIPTION:Desc{h}\r\n\
         END:VEVENT\r\nEND:VCALENDAR\r\n"
    );
    std::fs::write(d.path("e.ics"), ics).expect("ics");
    let o = d.ok(&["ics", "import", path(&d.path("e.ics"))]);
    assert_clean("ics import", &o);

    let o = d.ok(&["staff", "add", &format!("Anna{h}"), "--phone", "12345678"]);
    assert_clean("staff add", &o);
    assert!(shows(&o));

    let conn = rusqlite::Connection::open(&d.db).expect("open");
    let booking: i64 = conn
        .query_row(
            "SELECT b.id FROM bookings b JOIN customers c ON c.id = b.customer_id
             WHERE c.name LIKE 'Evil%Summary'",
            [],
            |r| r.get(0),
        )
        .expect("the calendar's booking");
    let at = chrono::DateTime::parse_from_rfc3339(NOW).expect("now");
    let fields = |side: &str| EventFields {
        start: at.to_utc(),
        end: at.to_utc() + chrono::Duration::hours(2),
        staff_id: None,
        location: format!("{side}{h}"),
        notes: format!("notes{h}"),
        summary: format!("summary{h}"),
    };
    conn.execute(
        "INSERT INTO sync_conflicts (booking_id, calendar_id, event_id, kind, mine, theirs, at)
         VALUES (?1, 'primary', ?2, ?3, ?4, ?5, ?6)",
        rusqlite::params![
            booking,
            format!("ev{h}"),
            json(&ConflictKind::Fields(vec![Field::Location])),
            json(&fields("mine")),
            json(&fields("theirs")),
            at.timestamp()
        ],
    )
    .expect("conflict");
    conn.execute(
        "INSERT INTO sync_log (started_at, ended_at, direction, errors) VALUES (?1, ?1, 'both', ?2)",
        rusqlite::params![at.timestamp(), format!("Google said: {h}")],
    )
    .expect("sync log");
    conn.execute(
        "INSERT INTO outbox (kind, key, state, next_at, last_error, created_at)
         VALUES ('google.booking', ?1, 'failed', ?2, ?3, ?2)",
        rusqlite::params![booking.to_string(), at.timestamp(), format!("refused: {h}")],
    )
    .expect("outbox");
    conn.execute(
        "INSERT INTO alerts (booking_id, kind, channel, to_number, message, state, status, error,
                             created_at, created_by)
         VALUES (?1, 'manual', 'sms', '+4512345678', ?2, 'failed', 'undelivered', ?3, ?4, 'bo')",
        rusqlite::params![
            booking,
            format!("message{h}"),
            format!("Twilio: {h}"),
            at.timestamp()
        ],
    )
    .expect("alert");
    conn.execute(
        "INSERT INTO invoices (id, customer_id, reference, state, description, billed_min,
                               rate_ore, net_ore, vat_ore, gross_ore, entry_date, terms_days,
                               error, created_at, created_by, updated_at)
         SELECT ?1, customer_id, 'ref-1', 'pending', ?2, 120, 40000, 80000, 20000, 100000,
                '2026-11-20', 8, ?3, ?4, 'bo', ?4
         FROM bookings WHERE id = ?1",
        rusqlite::params![
            booking,
            format!("Rengøring{h}"),
            format!("Billy: {h}"),
            at.timestamp()
        ],
    )
    .expect("invoice");
    conn.execute(
        "INSERT INTO invoice_lines (booking_id, invoice_id, description, billed_min, rate_ore)
         VALUES (?1, ?1, ?2, 120, 40000)",
        rusqlite::params![booking, format!("Rengøring{h}")],
    )
    .expect("invoice line");
    (d, booking)
}

/// A value as the database keeps it.
fn json(v: &impl serde::Serialize) -> String {
    serde_json::to_string(v).expect("json")
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn no_command_lets_outside_text_drive_the_terminal() {
    let (d, booking) = hostile_db();
    let id = booking.to_string();
    let bad_email = d.path("bad.csv");
    std::fs::write(
        &bad_email,
        format!("Name,Email\nX,\"hans{HOSTILE}@\"\n\"Y{HOSTILE}\",y@example.dk\n"),
    )
    .expect("csv");
    let bad_calendar = d.path("bad.ics");
    std::fs::write(
        &bad_calendar,
        format!(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u{HOSTILE}\r\nSUMMARY:S{HOSTILE}\r\n\
             DTSTART:2026112{HOSTILE}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        ),
    )
    .expect("ics");

    // Each command that prints outside text, as text and (where it has it)
    // as JSON.
    let runs: Vec<Vec<&str>> = vec![
        vec!["agenda"],
        vec!["agenda", "--json"],
        vec!["journal", "--limit", "40"],
        vec!["journal", "--json", "--limit", "40"],
        vec!["journal", "--booking", &id],
        vec!["staff", "list"],
        vec!["staff", "list", "--json"],
        vec!["conflicts"],
        vec!["conflicts", "--json"],
        vec!["status"],
        vec!["status", "--json"],
        vec!["alerts"],
        vec!["alerts", "--json"],
        vec!["invoices"],
        vec!["invoices", "--json"],
        vec!["stats"],
        vec!["validate", path(&bad_email)],
        vec!["validate", path(&bad_email), "--json"],
        vec!["import", "customers", path(&bad_email), "--dry-run"],
        vec!["validate", path(&bad_calendar)],
        vec!["ics", "import", path(&bad_calendar), "--dry-run", "--json"],
        // An error that quotes outside text: the known cleaners.
        vec!["ics", "export", "--staff", "nobody"],
        vec!["doctor"],
    ];
    let mut failed = Vec::new();
    for args in &runs {
        let o = d.run(args);
        let what = args.join(" ");
        failed.extend(dirt(&what, &o));
        if args[0] != "doctor" && !shows(&o) {
            failed.push(format!(
                "{what} did not show the outside text:\n{}{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            ));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));

    // JSON keeps the exact text, escaped.
    let o = d.ok(&["conflicts", "--json"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains(r"\u001b]0;pwned\u0007\u001b[2J\u202e\u2066\u009b2J\u007f"),
        "{text}"
    );
    let list: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(list[0]["theirs"]["location"], format!("theirs{HOSTILE}"));

    // Text shows the marks where the controls were.
    let o = d.ok(&["journal", "--booking", &id]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("Evil�]0;pwned��[2J���2J� Summary"), "{text}");
    // The notes keep their line break as structure.
    let o = d.ok(&["journal", "--limit", "40"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("line two"));
}

#[test]
fn a_customer_export_is_exact_data_in_a_pipe_and_clean_on_a_terminal() {
    let (d, _) = hostile_db();
    // A pipe or a file: the data as stored, byte for byte.
    let o = d.ok(&["export", "customers", "-"]);
    let piped = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(piped.contains(&format!("Evil{HOSTILE}Corp")), "{piped}");
    let file = d.path("out.csv");
    d.ok(&["export", "customers", path(&file)]);
    assert_eq!(std::fs::read_to_string(&file).expect("export"), piped);

    // A terminal: shown cleaned.
    for args in [
        "export customers -",
        "export customers - --excel",
        "ics export -",
    ] {
        let line = format!("{} --db {} --now {NOW} {args}", common::bin(), d.db);
        let o = Command::new("script")
            .args(["-qec", &line, "/dev/null"])
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("RENOS_LANGUAGE", "en")
            .env("HOME", d.home.path())
            .env("XDG_CONFIG_HOME", d.path("config"))
            .env("XDG_STATE_HOME", d.path("state"))
            .env("TERM", "xterm")
            .output()
            .expect("run script (util-linux)");
        assert!(o.status.success(), "{args}: {o:?}");
        // The terminal turns each line end into CRLF itself.
        let shown = String::from_utf8_lossy(&o.stdout).replace("\r\n", "\n");
        let out = Output {
            stdout: shown.clone().into_bytes(),
            ..o
        };
        assert_clean(args, &out);
        assert!(shows(&out), "{args}: {shown}");
    }
}

#[test]
fn the_excel_export_shows_formulas_as_text() {
    let (d, _) = hostile_db();
    let file = d.path("excel.csv");
    d.ok(&["export", "customers", path(&file), "--excel"]);
    let text = std::fs::read_to_string(&file).expect("excel export");
    assert!(
        text.contains("'=HYPERLINK(\"\"http://x\"\")"),
        "formula guarded: {text}"
    );
    assert!(
        text.contains(";'+4587654321;"),
        "phone kept as text: {text}"
    );
    // No cell starts a formula.
    let mut cells = 0;
    for row in csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
    {
        for cell in row.expect("row").iter().take(7) {
            cells += 1;
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
    assert!(cells > 400, "{cells} cells");
    // The plain export keeps the formula text as data, and the Excel one
    // reads back to the same customers.
    let plain = String::from_utf8_lossy(&d.ok(&["export", "customers"]).stdout).into_owned();
    assert!(
        plain.contains("\n\"=HYPERLINK(\"\"http://x\"\")\","),
        "{plain}"
    );
    let other = tempfile::tempdir().expect("tmp");
    let db2 = other.path().join("r.db").display().to_string();
    let again = renos(
        other.path(),
        &[
            "--db",
            &db2,
            "--now",
            NOW,
            "import",
            "customers",
            path(&file),
        ],
    );
    assert!(again.status.success(), "{again:?}");
    let back = renos(
        other.path(),
        &["--db", &db2, "--now", NOW, "export", "customers"],
    );
    assert_eq!(String::from_utf8_lossy(&back.stdout), plain);
}
