//! `renos import customers`, `validate`, `export customers` and `stats`, run
//! as a user would, on files as people really make them.

use crate::common;

use std::path::{Path, PathBuf};

use common::{NOW, renos};
use serde_json::Value;

struct Db {
    home: tempfile::TempDir,
    db: String,
}

impl Db {
    fn new() -> Db {
        let home = tempfile::tempdir().expect("tmp");
        let db = home.path().join("r.db").display().to_string();
        Db { home, db }
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        let mut all = vec!["--db", &self.db, "--now", NOW];
        all.extend_from_slice(args);
        renos(self.home.path(), &all)
    }

    fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(
            o.status.success(),
            "renos {args:?} failed:\n{}\n{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.home.path().join(name);
        std::fs::write(&p, bytes).expect("write fixture");
        p
    }

    fn stats(&self) -> Value {
        serde_json::from_str(&self.ok(&["stats", "--json"])).expect("stats json")
    }

    fn export(&self) -> String {
        self.ok(&["export", "customers", "-"])
    }
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn json(out: &str) -> Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

/// Windows-1252 bytes, as Danish Excel saves "CSV (semikolonsepareret)".
fn cp1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '€' => 0x80,
            c if (c as u32) < 256 => c as u8,
            c => panic!("{c} is not in the test's small Windows-1252 table"),
        })
        .collect()
}

const EXCEL: &str = "Navn;E-mail;Telefon;Adresse;Firma;Noter\r\n\
Søren Østergaard;soren@example.dk;12 34 56 78;Østergade 12, 8000 Aarhus C;;Nøgle under måtten\r\n\
Åse Ærø;ase@example.dk;0045 87654321;Åboulevarden 3, 8000 Aarhus C;Bjørn's Rengøring ApS;Faktura 1.000 €\r\n\
;;;;;\r\n\
Jens Hansen;;+45 22 33 44 55;Vestergade 1, 8000 Aarhus C;;\r\n";

#[test]
fn danish_excel_latin1_semicolon_file_imports_with_its_letters() {
    let d = Db::new();
    let f = d.file("kunder.csv", &cp1252(EXCEL));
    let out = json(&d.ok(&["import", "customers", s(&f), "--json"]));
    assert_eq!(out["created"], 3, "{out}");
    assert_eq!(out["failed"], 0);
    assert_eq!(out["outcome"]["kind"], "imported");
    let csv = d.export();
    assert!(
        csv.contains("Søren Østergaard,soren@example.dk,+4512345678"),
        "{csv}"
    );
    assert!(csv.contains("Åse Ærø,ase@example.dk,+4587654321"), "{csv}");
    assert!(csv.contains("Bjørn's Rengøring ApS"), "{csv}");
    assert!(csv.contains("Faktura 1.000 €"), "{csv}");
    assert_eq!(d.stats()["customers"]["total"], 3);
}

/// A file (10 lines) with a BOM, quoted newlines, blank lines and bad rows.
const MESSY: &str = "\u{feff}Email,Name,Phone,Notes\n\
anna@example.dk,Anna Sørensen,28473619,\"Første linje\nanden linje, med komma\"\n\
\n\
hans@,Hans Berg,12345678,\n\
mette@example.dk,Mette Holm,1234,\n\
,,,\n\
anna@example.dk,Anna Sørensen,28473619,\"Første linje\nanden linje, med komma\"\n\
a b@example.dk,,87654321,\"a \"\"quoted\"\" note\"\n\
ole@example.dk,Ole Bach,+45 40 50 60 70,\n\
\n";

#[test]
fn bad_rows_are_reported_by_line_and_column_and_nothing_is_imported() {
    let d = Db::new();
    let f = d.file("messy.csv", MESSY.as_bytes());
    let o = d.run(&["import", "customers", s(&f)]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{text}");
    // The quoted newline on line 2 makes the rows after it start one line later.
    assert!(text.contains("line 5, column Email:"), "{text}");
    assert!(text.contains("line 6, column Phone:"), "{text}");
    assert!(text.contains("line 10, column Email:"), "{text}");
    assert!(text.contains("line 10, column Name:"), "{text}");
    assert!(
        text.contains("Nothing was imported: 3 record(s) are bad"),
        "{text}"
    );
    assert_eq!(d.stats()["customers"]["total"], 0, "nothing written");

    // validate says the same without a database.
    let v = d.run(&["validate", s(&f), "--json"]);
    assert_eq!(v.status.code(), Some(1));
    let v = json(&String::from_utf8_lossy(&v.stdout));
    assert_eq!(v["failed"], 3, "{v}");
    assert_eq!(v["duplicates"][0]["line"], 8, "{v}");
    assert_eq!(v["duplicates"][0]["of_line"], 2, "{v}");

    // --skip-invalid imports the good rows; the duplicate of line 2 is merged into it.
    let out = json(&d.ok(&["import", "customers", s(&f), "--skip-invalid", "--json"]));
    assert_eq!(out["created"], 2, "{out}");
    assert_eq!(out["failed"], 3);
    assert_eq!(out["skipped"], 1, "the repeated row adds nothing");
    assert_eq!(out["duplicates"][0]["by"], "email");
    let csv = d.export();
    assert!(
        csv.contains("\"Første linje\nanden linje, med komma\""),
        "embedded newline kept: {csv}"
    );
}

#[test]
fn dry_run_reports_exactly_what_the_import_then_does() {
    let d = Db::new();
    let first = d.file(
        "a.csv",
        b"Name,Email\nAnna,anna@example.dk\nBo,bo@example.dk\n",
    );
    d.ok(&["import", "customers", s(&first)]);
    let second = d.file(
        "b.csv",
        "Navn;E-mail;Telefon;Tags\n\
         Anna;ANNA@example.dk;+45 11 22 33 44;vip\n\
         Bo;bo@example.dk;;\n\
         Carl;carl@example.dk;;\n"
            .as_bytes(),
    );
    let before = d.export();
    let dry = json(&d.ok(&["import", "customers", s(&second), "--dry-run", "--json"]));
    assert_eq!(dry["outcome"]["kind"], "dry_run");
    assert_eq!(d.export(), before, "a dry run writes nothing");
    let real = json(&d.ok(&["import", "customers", s(&second), "--json"]));
    for k in ["created", "updated", "skipped", "failed", "duplicates"] {
        assert_eq!(dry[k], real[k], "{k}: dry {dry} real {real}");
    }
    assert_eq!(real["created"], 1);
    assert_eq!(real["updated"], 1, "Anna gets her phone and tag");
    assert_eq!(real["skipped"], 1, "Bo: nothing new");
    let csv = d.export();
    assert!(
        csv.contains("Anna,anna@example.dk,+4511223344,,,,vip"),
        "{csv}"
    );

    // --on-duplicate skip leaves known customers alone.
    let third = d.file("c.csv", b"Name,Email,Address\nBo,bo@example.dk,Ny vej 1\n");
    let out = json(&d.ok(&[
        "import",
        "customers",
        s(&third),
        "--on-duplicate",
        "skip",
        "--json",
    ]));
    assert_eq!(
        (out["skipped"].as_i64(), out["updated"].as_i64()),
        (Some(1), Some(0))
    );
    assert!(!d.export().contains("Ny vej 1"));
}

#[test]
fn export_then_import_changes_nothing() {
    let d = Db::new();
    let f = d.file("kunder.csv", &cp1252(EXCEL));
    d.ok(&["import", "customers", s(&f)]);
    let j = d.file(
        "more.json",
        r#"[{"name": "Firma A/S", "email": "info@firma.dk", "companyName": "Firma A/S",
             "notes": "Line one\nline \"two\"; three", "tags": ["erhverv", "nøgle"],
             "totalLeads": 4, "totalBookings": 12, "totalRevenue": 1047.5,
             "lastContactAt": "2025-10-01T10:00:00Z"}]"#
            .as_bytes(),
    );
    d.ok(&["import", "customers", s(&j)]);
    let exported = d.export();
    let file = d.file("export.csv", exported.as_bytes());

    // Into the same database: every row is known and adds nothing.
    let again = json(&d.ok(&["import", "customers", s(&file), "--json"]));
    assert_eq!(
        (again["created"].as_i64(), again["updated"].as_i64()),
        (Some(0), Some(0)),
        "{again}"
    );
    assert_eq!(d.export(), exported);

    // Into an empty one: the same customers, field for field.
    let fresh = Db::new();
    let file2 = fresh.file("export.csv", exported.as_bytes());
    let out = json(&fresh.ok(&["import", "customers", s(&file2), "--json"]));
    assert_eq!(out["created"], 4, "{out}");
    assert_eq!(fresh.export(), exported);
    // And the Excel flavour reads back the same.
    let excel = fresh.home.path().join("excel.csv");
    fresh.ok(&["export", "customers", s(&excel), "--excel"]);
    let bytes = std::fs::read(&excel).expect("excel export");
    assert!(
        bytes.starts_with(b"\xef\xbb\xbfName;Email"),
        "BOM and semicolons"
    );
    let third = Db::new();
    third.ok(&["import", "customers", s(&excel)]);
    assert_eq!(third.export(), exported);
}

#[test]
fn json_bookings_go_through_the_console_rules() {
    let d = Db::new();
    d.ok(&["staff", "add", "Maria", "--hours", "mon-fri 07:00-16:00"]);
    let f = d.file(
        "c.json",
        r#"{"customers": [
  {"name": "John Doe", "email": "john@example.com", "phone": "+45 12345678",
   "bookings": [
     {"startTime": "2026-11-23T09:00:00+01:00", "endTime": "2026-11-23T12:00:00+01:00",
      "serviceType": "Fast rengøring", "status": "scheduled", "staff": "Maria"}]},
  {"name": "Jane Smith", "email": "jane@example.com",
   "bookings": [
     {"startTime": "2026-11-23T11:00:00+01:00", "endTime": "2026-11-23T13:00:00+01:00",
      "serviceType": "Hovedrengøring", "status": "scheduled", "staff": "Maria"},
     {"startTime": "2026-11-24T11:00:00+01:00", "endTime": "2026-11-24T13:00:00+01:00",
      "serviceType": "Hovedrengøring", "status": "confirmed", "staff": "Nobody"}]}
]}"#
        .as_bytes(),
    );
    let without = json(&d.ok(&["import", "customers", s(&f), "--dry-run", "--json"]));
    assert_eq!(without["bookings"]["created"], 0);
    assert!(
        without["warnings"]
            .to_string()
            .contains("--create-bookings")
    );

    let o = d.run(&["import", "customers", s(&f), "--create-bookings", "--json"]);
    let out = json(&String::from_utf8_lossy(&o.stdout));
    assert_eq!(out["created"], 2, "{out}");
    let b = &out["bookings"];
    assert_eq!(
        (b["listed"].as_i64(), b["created"].as_i64()),
        (Some(3), Some(1)),
        "{out}"
    );
    assert_eq!(b["conflicts"], 1, "the 11:00 job double-books Maria");
    assert_eq!(b["failed"], 1, "no cleaner called Nobody");
    let problems = out["booking_problems"].to_string();
    assert!(problems.contains("Maria is already booked"), "{problems}");
    assert!(
        problems.contains("no cleaner called \\\"Nobody\\\""),
        "{problems}"
    );

    let journal = d.ok(&["journal", "--json"]);
    assert!(journal.contains("booking.import"), "{journal}");
    let agenda = d.ok(&["agenda", "2026-11-23", "--json"]);
    assert_eq!(json(&agenda).as_array().map(Vec::len), Some(1), "{agenda}");

    // Again: the booking is already there, the customers add nothing.
    let again = json(&d.ok(&["import", "customers", s(&f), "--create-bookings", "--json"]));
    assert_eq!(again["bookings"]["existing"], 1, "{again}");
    assert_eq!(again["bookings"]["created"], 0);
    assert_eq!(again["created"], 0);
}

#[test]
fn stats_shows_imports_and_no_progress_bar_outside_a_terminal() {
    let d = Db::new();
    let mut big = String::from("Name,Email\n");
    for i in 0..20_000 {
        big.push_str(&format!("Kunde {i},kunde{i}@example.dk\n"));
    }
    let f = d.file("big.csv", big.as_bytes());
    let o = d.run(&["import", "customers", s(&f), "--batch-size", "500"]);
    assert!(o.status.success());
    assert!(
        o.stderr.is_empty(),
        "no bar in a pipe: {:?}",
        String::from_utf8_lossy(&o.stderr)
    );
    let st = d.stats();
    assert_eq!(st["customers"]["total"], 20_000);
    assert_eq!(st["imports"][0]["kind"], "customers");
    assert_eq!(st["imports"][0]["created"], 20_000);
    let text = d.ok(&["stats"]);
    assert!(text.contains("Customers      20000"), "{text}");
}

#[test]
fn unreadable_files_are_named_in_one_line() {
    let d = Db::new();
    let o = d.run(&["import", "customers", "/nonexistent/kunder.csv"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("/nonexistent/kunder.csv"), "{err}");
    let f = d.file("no-name.csv", b"Email,Phone\na@b.dk,12345678\n");
    let o = d.run(&["import", "customers", s(&f)]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no-name.csv") && err.to_lowercase().contains("name"),
        "{err}"
    );
    let f = d.file("broken.json", b"[{\"name\": \"A\"},\n {\"name\": }]");
    let o = d.run(&["import", "customers", s(&f)]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("broken.json") && err.contains("line 2"),
        "{err}"
    );
}

/// Kills `renos import customers` at random moments: each time the database
/// holds whole batches only, and running the import again finishes it with
/// every customer exactly once.
#[test]
fn an_import_killed_midway_keeps_whole_batches_and_finishes_on_the_next_run() {
    let d = Db::new();
    let mut big = String::from("Navn;E-mail;Telefon\n");
    let n = 40_000;
    for i in 0..n {
        big.push_str(&format!("Kunde {i};kunde{i}@example.dk;+45 3{:07}\n", i));
    }
    let f = d.file("big.csv", big.as_bytes());
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut kills = 0;
    for round in 0..6 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut child = std::process::Command::new(common::bin())
            .args(["--db", &d.db, "--now", NOW, "import", "customers", s(&f)])
            .args(["--batch-size", "500"])
            .env_clear()
            .env("RENOS_LANGUAGE", "en")
            .env("HOME", d.home.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_millis(80 + seed % 900));
        if child.try_wait().expect("wait").is_none() {
            child.kill().expect("SIGKILL");
            kills += 1;
        }
        child.wait().expect("reap");
        let total = d.stats()["customers"]["total"].as_i64().expect("total");
        assert!(total <= n, "round {round}: {total}");
        // Batches of a fresh run are 500 records; rerun batches hold only
        // what is new, so whole batches show as totals that are whole
        // multiples of 500 (or the end of the file).
        assert!(
            total % 500 == 0 || total == n,
            "round {round}: {total} is half a batch"
        );
    }
    let out = json(&d.ok(&["import", "customers", s(&f), "--json"]));
    assert_eq!(out["failed"], 0);
    let st = d.stats();
    assert_eq!(st["customers"]["total"].as_i64(), Some(n), "{out}");
    let csv = d.export();
    let mut emails: Vec<&str> = csv
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(1))
        .collect();
    emails.sort_unstable();
    emails.dedup();
    assert_eq!(emails.len() as i64, n, "no customer twice");
    assert!(kills > 0, "the import was never caught running");
}

/// `renos ARGS` with stdin fed by `feed` (in a thread), and how long it took.
fn run_fed(
    d: &Db,
    args: &[&str],
    feed: impl FnOnce(std::process::ChildStdin) + Send + 'static,
) -> (std::process::Output, std::time::Duration) {
    use std::process::{Command, Stdio};
    let started = std::time::Instant::now();
    let mut child = Command::new(common::bin())
        .args(["--db", &d.db, "--now", NOW])
        .args(args)
        .env_clear()
        .env("RENOS_LANGUAGE", "en")
        .env("HOME", d.home.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stdin = child.stdin.take().expect("stdin");
    std::thread::spawn(move || feed(stdin));
    let out = child.wait_with_output().expect("wait");
    (out, started.elapsed())
}

/// A quote opened on line 2 of a 10,000-row file and never closed: `validate`
/// and `import` both stop naming line 2, and nothing is written.
#[test]
fn a_quote_never_closed_is_named_by_its_line_and_nothing_is_imported() {
    let d = Db::new();
    let mut text = String::from("Navn;E-mail;Noter\nAnna;anna@example.dk;\"Nøgle under måtten\n");
    for i in 0..10_000 {
        text.push_str(&format!("Kunde {i};kunde{i}@example.dk;\n"));
    }
    let f = d.file("kunder.csv", text.as_bytes());
    for args in [vec!["validate", s(&f)], vec!["import", "customers", s(&f)]] {
        let o = d.run(&args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("kunder.csv")
                && err.contains("line 2:")
                && err.contains("close the quote opened on line 2"),
            "{args:?}: {err}"
        );
        assert!(!String::from_utf8_lossy(&o.stdout).contains("good"));
    }
    assert_eq!(d.stats()["customers"]["total"], 0);
}

/// A 50 MB value: the import stops at the value limit at once, with little
/// memory, instead of gathering the whole value.
#[test]
fn a_huge_value_stops_the_import_at_once_with_the_limit_named() {
    use std::io::Write;
    let d = Db::new();
    let path = d.home.path().join("huge.csv");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
        f.write_all(b"Name,Email,Notes\nAnna,anna@example.dk,\"")
            .expect("write");
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..50 {
            f.write_all(&chunk).expect("write");
        }
        f.write_all(b"\"\nBo,bo@example.dk,\n").expect("write");
    }
    let started = std::time::Instant::now();
    let mut child = std::process::Command::new(common::bin())
        .args(["--db", &d.db, "--now", NOW, "import", "customers", s(&path)])
        .env_clear()
        .env("RENOS_LANGUAGE", "en")
        .env("HOME", d.home.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut peak = 0;
    while child.try_wait().expect("wait").is_none() {
        if let Some(kb) = crate::bounds::peak_kb(child.id()) {
            peak = peak.max(kb);
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let o = child.wait_with_output().expect("output");
    let elapsed = started.elapsed();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("huge.csv") && err.contains("line 2:") && err.contains("64 KB"),
        "{err}"
    );
    assert!(elapsed < std::time::Duration::from_secs(2), "{elapsed:?}");
    assert!(peak < 200 * 1024, "peak {peak} KB");
    assert_eq!(d.stats()["customers"]["total"], 0);
}

/// A line that never ends, from a pipe or `/dev/zero`, and a config file
/// that never ends: each run stops at once, naming the limit.
#[test]
fn files_that_never_end_stop_at_once() {
    use std::io::Write;
    let d = Db::new();
    let (o, elapsed) = run_fed(
        &d,
        &["validate", "/dev/stdin", "--format", "csv"],
        |mut w| {
            let chunk = [b'a'; 8192];
            let _ = w.write_all(b"Name,Notes\nAnna,");
            while w.write_all(&chunk).is_ok() {}
        },
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    // (Which line depends on how much of the pipe was read before.)
    assert!(err.contains("line ") && err.contains("64 KB"), "{err}");
    assert!(elapsed < std::time::Duration::from_secs(2), "{elapsed:?}");

    let started = std::time::Instant::now();
    let o = d.run(&["import", "customers", "/dev/zero", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/dev/zero"));
    assert!(started.elapsed() < std::time::Duration::from_secs(2));

    let started = std::time::Instant::now();
    let o = d.run(&["--config", "/dev/zero", "stats"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("config file /dev/zero") && err.contains("larger than 1 MB"),
        "{err}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(2));

    // The theme, the keymap and the Google key file have the same limit.
    let key = d.file(
        "google.toml",
        b"[google]\nkey_file = \"/dev/zero\"\ncalendar_id = \"c@example.com\"\n",
    );
    let keymap = d.file("keys.toml", b"keymap = \"/dev/zero\"\n");
    for (args, file) in [
        (vec!["--theme", "/dev/zero"], "theme file /dev/zero"),
        (vec!["--config", s(&keymap)], "keymap file /dev/zero"),
        (
            vec!["--config", s(&key), "sync"],
            "Google key file /dev/zero",
        ),
    ] {
        let started = std::time::Instant::now();
        let o = d.run(&args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains(file) && err.contains("larger than 1 MB"),
            "{args:?}: {err}"
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }
}

/// The input is read once: `-` is standard input, and a FIFO (as `<(…)`
/// gives) imports instead of hanging on a second open.
#[test]
fn standard_input_and_a_fifo_are_read_once() {
    use std::io::Write;
    const CSV: &str = "navn,telefon,email\nAnna Hansen,12345678,anna@example.dk\nBo Berg,87654321,bo@example.dk\n";

    let d = Db::new();
    let (out, took) = run_fed(&d, &["import", "customers", "-"], |mut stdin| {
        let _ = stdin.write_all(CSV.as_bytes());
    });
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("created 2"),
        "{out:?}"
    );
    assert!(took < std::time::Duration::from_secs(10), "{took:?}");

    let d = Db::new();
    let fifo = d.home.path().join("k.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            // Opening blocks until renos opens it for reading, once.
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .open(&fifo)
                .expect("open fifo");
            f.write_all(CSV.as_bytes()).expect("write fifo");
        })
    };
    let (out, took) = run_fed(&d, &["import", "customers", s(&fifo)], |_| {});
    writer.join().expect("writer");
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("created 2"),
        "{out:?}"
    );
    assert!(took < std::time::Duration::from_secs(10), "{took:?}");
}
