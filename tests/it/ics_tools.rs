//! What the iCalendar writer produces, imported by the real calcurse and khal:
//! both must accept the file and list the events at the right local times.

use std::path::Path;
use std::process::{Command, Output};

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Copenhagen;
use renos::interchange::ics::{Attendee, EventOut, IcsWriter};

fn utc(s: &str) -> DateTime<Utc> {
    let t = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test time");
    Utc.from_utc_datetime(&t)
}

/// Runs a tool with a private HOME and XDG folders under `home`, in Copenhagen.
fn run(home: &Path, program: &str, args: &[&str]) -> Output {
    let out = Command::new(program)
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("TZ", "Europe/Copenhagen")
        .env("LANG", "C.UTF-8")
        .env("LC_ALL", "C.UTF-8")
        .output();
    match out {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "`{program}` is not on PATH: this test imports the writer's output with the real \
             tools; install them with `apt-get install khal calcurse`"
        ),
        Err(e) => panic!("cannot run {program}: {e}"),
    }
}

fn show(out: &Output) -> String {
    format!(
        "status {}\nstdout:\n{}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn events() -> Vec<EventOut> {
    let base = EventOut {
        stamp: utc("2026-11-20 10:00"),
        status: Some("CONFIRMED".into()),
        ..EventOut::default()
    };
    vec![
        EventOut {
            uid: "booking-1@renos".into(),
            start: utc("2026-11-23 08:00"),
            end: utc("2026-11-23 10:30"),
            summary: "Hovedrengøring hos Hansen, Maria; 3. sal".into(),
            description: "Nøgle under måtten\nHusk støvsuger, klude; og \\ spand".into(),
            location: "Strandvejen 12, 2900 Hellerup".into(),
            categories: vec!["Rengøring".into(), "Fast kunde".into()],
            attendees: vec![Attendee {
                cn: Some("Hansen, Maria".into()),
                address: "mailto:maria@example.dk".into(),
            }],
            extra: vec![("X-RENOS-BOOKING".into(), "1".into())],
            ..base.clone()
        },
        EventOut {
            uid: "booking-2@renos".into(),
            // Summer time: 10:00 local.
            start: utc("2026-07-01 08:00"),
            end: utc("2026-07-01 09:00"),
            summary: "Vinduespudsning på Ærø – en meget lang opgavetekst der bliver foldet over flere linjer i filen".into(),
            ..base.clone()
        },
        EventOut {
            uid: "booking-3@renos".into(),
            start: utc("2026-11-23 12:00"),
            end: utc("2026-11-23 14:00"),
            summary: "Trappevask, Østerbro".into(),
            ..base
        },
    ]
}

fn write_calendar(path: &Path) {
    let file = std::fs::File::create(path).expect("create ics");
    let mut w = IcsWriter::new(
        std::io::BufWriter::new(file),
        Copenhagen,
        "-//RenOS//Dispatch//DA",
    )
    .expect("header");
    for e in events() {
        w.event(&e).expect("event");
    }
    w.finish().expect("finish");
}

fn calcurse(home: &Path, ics: &Path) {
    let data = home.join("calcurse");
    std::fs::create_dir_all(&data).expect("calcurse dir");
    let data = data.to_str().expect("utf-8 path");
    let import = run(
        home,
        "calcurse",
        &["-D", data, "-i", ics.to_str().expect("utf-8 path")],
    );
    assert!(
        import.status.success(),
        "calcurse -i failed\n{}",
        show(&import)
    );
    let report = String::from_utf8_lossy(&import.stdout);
    assert!(
        report.contains("3 apps") && report.contains("0 skipped"),
        "calcurse import report\n{}",
        show(&import)
    );

    let november = run(
        home,
        "calcurse",
        &[
            "-D",
            data,
            "-Q",
            "--from",
            "11/23/2026",
            "--to",
            "11/23/2026",
        ],
    );
    assert!(
        november.status.success(),
        "calcurse -Q failed\n{}",
        show(&november)
    );
    let listed = String::from_utf8_lossy(&november.stdout);
    for want in [
        "09:00 -> 11:30",
        "Hovedrengøring hos Hansen, Maria; 3. sal",
        "13:00 -> 15:00",
        "Trappevask, Østerbro",
    ] {
        assert!(
            listed.contains(want),
            "calcurse does not list {want:?}\n{}",
            show(&november)
        );
    }
    let july = run(
        home,
        "calcurse",
        &[
            "-D",
            data,
            "-Q",
            "--from",
            "07/01/2026",
            "--to",
            "07/01/2026",
        ],
    );
    let listed = String::from_utf8_lossy(&july.stdout);
    assert!(
        july.status.success()
            && listed.contains("10:00 -> 11:00")
            && listed.contains("Vinduespudsning på Ærø – en meget lang opgavetekst der bliver foldet over flere linjer i filen"),
        "calcurse July\n{}",
        show(&july)
    );
}

fn khal(home: &Path, ics: &Path) {
    let cal = home.join("khal-calendar");
    std::fs::create_dir_all(&cal).expect("khal dir");
    let config = home.join("khal.conf");
    std::fs::write(
        &config,
        format!(
            "[calendars]\n[[work]]\npath = {}\ntype = calendar\n\n\
             [locale]\nlocal_timezone = Europe/Copenhagen\ndefault_timezone = Europe/Copenhagen\n\
             timeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n\
             datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n\n\
             [default]\ndefault_calendar = work\n",
            cal.display()
        ),
    )
    .expect("khal config");
    let config = config.to_str().expect("utf-8 path");
    let import = run(
        home,
        "khal",
        &[
            "-c",
            config,
            "import",
            "--batch",
            ics.to_str().expect("utf-8 path"),
        ],
    );
    assert!(
        import.status.success(),
        "khal import failed\n{}",
        show(&import)
    );
    let stored = std::fs::read_dir(&cal).expect("khal calendar").count();
    assert_eq!(stored, 3, "khal stored {stored} files\n{}", show(&import));

    let list = run(
        home,
        "khal",
        &[
            "-c",
            config,
            "list",
            "--format",
            "{start-time}-{end-time} {title} | {location} | {description}",
            "2026-11-23",
            "1d",
        ],
    );
    assert!(list.status.success(), "khal list failed\n{}", show(&list));
    let listed = String::from_utf8_lossy(&list.stdout);
    for want in [
        "09:00-11:30 Hovedrengøring hos Hansen, Maria; 3. sal | Strandvejen 12, 2900 Hellerup | Nøgle under måtten",
        "13:00-15:00 Trappevask, Østerbro",
    ] {
        assert!(
            listed.contains(want),
            "khal does not list {want:?}\n{}",
            show(&list)
        );
    }
    let july = run(home, "khal", &["-c", config, "list", "2026-07-01", "1d"]);
    let listed = String::from_utf8_lossy(&july.stdout);
    assert!(
        july.status.success() && listed.contains("10:00-11:00 Vinduespudsning på Ærø – en meget lang opgavetekst der bliver foldet over flere linjer i filen"),
        "khal July\n{}",
        show(&july)
    );
}

#[test]
fn writer_output_imports_in_calcurse_and_khal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ics = dir.path().join("renos.ics");
    write_calendar(&ics);
    calcurse(dir.path(), &ics);
    khal(dir.path(), &ics);
}

/// A series as `ics export` writes it: one weekly event (08:00, four
/// Mondays from 23/11) with a date skipped (EXDATE 30/11) and one visit
/// moved to 12:00 (RECURRENCE-ID 7/12).
fn write_series(path: &Path) {
    let file = std::fs::File::create(path).expect("create ics");
    let mut w = IcsWriter::new(
        std::io::BufWriter::new(file),
        Copenhagen,
        "-//RenOS//Dispatch//DA",
    )
    .expect("header");
    let base = EventOut {
        uid: "renos-test-series-1@renos".into(),
        stamp: utc("2026-11-20 10:00"),
        status: Some("CONFIRMED".into()),
        summary: "Fast rengøring hos Holm".into(),
        ..EventOut::default()
    };
    w.event(&EventOut {
        start: utc("2026-11-23 07:00"),
        end: utc("2026-11-23 09:00"),
        rrule: Some("FREQ=WEEKLY;BYDAY=MO;COUNT=4".into()),
        exdates: vec![utc("2026-11-30 07:00")],
        ..base.clone()
    })
    .expect("series");
    w.event(&EventOut {
        start: utc("2026-12-07 11:00"),
        end: utc("2026-12-07 13:00"),
        recurrence_id: Some(utc("2026-12-07 07:00")),
        summary: "Fast rengøring hos Holm (flyttet)".into(),
        ..base
    })
    .expect("override");
    w.finish().expect("finish");
}

#[test]
fn a_series_with_exceptions_imports_in_calcurse_and_khal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let home = dir.path();
    let ics = home.join("series.ics");
    write_series(&ics);

    let data = home.join("calcurse");
    std::fs::create_dir_all(&data).expect("calcurse dir");
    let data = data.to_str().expect("utf-8 path");
    let import = run(
        home,
        "calcurse",
        &["-D", data, "-i", ics.to_str().expect("utf-8 path")],
    );
    assert!(import.status.success(), "calcurse -i\n{}", show(&import));
    let days = |from: &str| {
        let out = run(
            home,
            "calcurse",
            &["-D", data, "-Q", "--from", from, "--to", from],
        );
        assert!(out.status.success(), "calcurse -Q\n{}", show(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(
        days("11/23/2026").contains("08:00 -> 10:00"),
        "{}",
        days("11/23/2026")
    );
    assert!(
        days("12/14/2026").contains("08:00 -> 10:00"),
        "{}",
        days("12/14/2026")
    );
    assert!(
        !days("11/30/2026").contains("08:00"),
        "EXDATE\n{}",
        days("11/30/2026")
    );

    let cal = home.join("khal-calendar");
    std::fs::create_dir_all(&cal).expect("khal dir");
    let config = home.join("khal.conf");
    std::fs::write(
        &config,
        format!(
            "[calendars]\n[[work]]\npath = {}\ntype = calendar\n\n\
             [locale]\nlocal_timezone = Europe/Copenhagen\ndefault_timezone = Europe/Copenhagen\n\
             timeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n\
             datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n\n\
             [default]\ndefault_calendar = work\n",
            cal.display()
        ),
    )
    .expect("khal config");
    let config = config.to_str().expect("utf-8 path");
    let import = run(
        home,
        "khal",
        &[
            "-c",
            config,
            "import",
            "--batch",
            ics.to_str().expect("utf-8 path"),
        ],
    );
    assert!(import.status.success(), "khal import\n{}", show(&import));
    let list = |day: &str| {
        let out = run(
            home,
            "khal",
            &[
                "-c",
                config,
                "list",
                "--format",
                "{start-time}-{end-time} {title}",
                day,
                "1d",
            ],
        );
        assert!(out.status.success(), "khal list\n{}", show(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(
        list("2026-11-23").contains("08:00-10:00 Fast rengøring hos Holm"),
        "{}",
        list("2026-11-23")
    );
    assert!(
        list("2026-12-14").contains("08:00-10:00"),
        "{}",
        list("2026-12-14")
    );
    assert!(
        !list("2026-11-30").contains("Holm"),
        "EXDATE\n{}",
        list("2026-11-30")
    );
    let moved = list("2026-12-07");
    assert!(
        moved.contains("12:00-14:00 Fast rengøring hos Holm (flyttet)"),
        "{moved}"
    );
    assert!(
        !moved.contains("08:00-10:00"),
        "the moved visit only once\n{moved}"
    );
}
