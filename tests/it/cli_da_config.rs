//! A broken config file in Danish (`RENOS_LANGUAGE=da`) and English: a
//! file that is not TOML, an unknown field, a value out of range, a time
//! zone that does not exist. Danish names the file, the line of the key
//! and what to do; English reads as it always did.

use std::path::Path;
use std::process::Output;

/// `renos --config FILE agenda` with a private environment, in `language`.
fn agenda(language: &str, home: &Path, config: &Path) -> Output {
    let db = home.join("r.db");
    crate::common::private(home, language)
        .arg("--config")
        .arg(config)
        .arg("--db")
        .arg(&db)
        .arg("agenda")
        .output()
        .expect("run renos")
}

/// The one line on stderr of a command that failed.
fn failure(o: &Output) -> String {
    assert_ne!(o.status.code(), Some(0), "the command did not fail");
    let e = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(e.lines().count(), 1, "{e}");
    e.trim_end().to_string()
}

#[test]
fn a_broken_config_is_told_in_danish_and_in_english_as_before() {
    let home = tempfile::tempdir().expect("tmp");
    let dir = home.path();
    let file = dir.join("bad.toml");
    let f = file.display().to_string();
    // (the file, the Danish, the English: each the start of the line)
    let cases = [
        (
            "dispatcher = \"a\"\n\n\nbogus = 1\n",
            format!(
                "renos: {f}: linje 4, kolonne 1: filen kan ikke læses; ret filen (læseren \
                 siger: unknown field `bogus`"
            ),
            format!("renos: {f}: line 4, column 1: unknown field `bogus`, expected one of"),
        ),
        (
            "[day]\nstart = \n",
            format!("renos: {f}: linje 2, kolonne "),
            format!("renos: {f}: line 2, column "),
        ),
        (
            "[day]\nscroll_min = 300\n",
            format!(
                "renos: {f}: linje 2: day.scroll_min: 300 ligger uden for det tilladte; brug 5 \
                 til 240 minutter"
            ),
            format!("renos: {f}: day.scroll_min: 300 is out of range; use 5 to 240 minutes"),
        ),
        (
            "[slots]\n\nmin_notice_min = 20000\n",
            format!(
                "renos: {f}: linje 3: slots.min_notice_min: 20000 ligger uden for det \
                 tilladte; brug 0 til 10080 minutter (en uge)"
            ),
            format!(
                "renos: {f}: line 3: slots.min_notice_min: 20000 is out of range; use 0 to \
                 10080 minutes (a week)"
            ),
        ),
        (
            "time_zone = \"Mars/Base\"\n",
            format!(
                "renos: {f}: linje 1: time_zone: \"Mars/Base\" er ikke en kendt tidszone; \
                 skriv et IANA-navn som Europe/Copenhagen"
            ),
            format!(
                "renos: {f}: time_zone: unknown time zone \"Mars/Base\" (use an IANA name such \
                 as Europe/Copenhagen)"
            ),
        ),
    ];
    for (text, danish, english) in &cases {
        std::fs::write(&file, text).expect("config");
        let da = failure(&agenda("da", dir, &file));
        assert!(da.starts_with(danish.as_str()), "{text}\n{da}");
        for not in [" line ", "out of range", "unknown time zone"] {
            let ours = da.split("(læseren siger:").next().unwrap_or(&da);
            assert!(!ours.contains(not), "{not:?} in {da}");
        }
        let en = failure(&agenda("en", dir, &file));
        assert!(en.starts_with(english.as_str()), "{text}\n{en}");
    }
}

#[test]
fn a_config_that_chooses_english_but_is_broken_is_told_in_the_environments_language() {
    let home = tempfile::tempdir().expect("tmp");
    let file = home.path().join("bad.toml");
    std::fs::write(&file, "[ui]\nlanguage = \"en\"\n[day]\nscroll_min = 1\n").expect("config");
    let da = failure(&agenda("da", home.path(), &file));
    assert!(
        da.ends_with("day.scroll_min: 1 ligger uden for det tilladte; brug 5 til 240 minutter"),
        "{da}"
    );
}

#[test]
fn a_config_file_that_cannot_be_read_is_told_in_danish_and_in_english_as_before() {
    let home = tempfile::tempdir().expect("tmp");
    let dir = home.path();
    let missing = dir.join("none.toml");
    let m = missing.display().to_string();
    let da = failure(&agenda("da", dir, &missing));
    assert!(
        da.starts_with(&format!(
            "renos: kan ikke læse konfigurationsfilen {m}: filen eller mappen findes ikke: tjek \
             stien (systemet siger: "
        )),
        "{da}"
    );
    let en = failure(&agenda("en", dir, &missing));
    assert!(
        en.starts_with(&format!("renos: cannot read config file {m}: No such file")),
        "{en}"
    );

    let latin1 = dir.join("latin1.toml");
    let l = latin1.display().to_string();
    std::fs::write(&latin1, b"dispatcher = \"S\xf8ren\"\n").expect("config");
    let da = failure(&agenda("da", dir, &latin1));
    assert_eq!(
        da,
        format!(
            "renos: kan ikke læse konfigurationsfilen {l}: filen er ikke UTF-8-tekst: gem den \
             som UTF-8"
        )
    );
    let en = failure(&agenda("en", dir, &latin1));
    assert_eq!(
        en,
        format!("renos: cannot read config file {l}: the file is not UTF-8 text")
    );
}

#[test]
fn the_doctor_tells_a_broken_config_in_danish_and_its_json_in_english() {
    let home = tempfile::tempdir().expect("tmp");
    let file = home.path().join("bad.toml");
    std::fs::write(&file, "[day]\nscroll_min = 300\n").expect("config");
    let doctor = |json: &[&str]| {
        crate::common::private(home.path(), "da")
            .arg("--config")
            .arg(&file)
            .arg("doctor")
            .args(json)
            .output()
            .expect("run renos")
    };
    let o = doctor(&[]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("day.scroll_min: 300 ligger uden for det tilladte; brug 5 til 240 minutter"),
        "{out}"
    );
    let o = doctor(&["--json"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("day.scroll_min: 300 is out of range; use 5 to 240 minutes"),
        "{out}"
    );
}

#[test]
fn a_broken_keymap_or_theme_file_is_told_in_danish_and_in_english_as_before() {
    let home = tempfile::tempdir().expect("tmp");
    let dir = home.path();
    let keys = dir.join("keys.toml");
    std::fs::write(&keys, "[normal]\n\"q\" = \"quit\"\n\"x\" = \n").expect("keymap");
    let theme = dir.join("theme.toml");
    std::fs::write(&theme, "name = \"mørk\"\n[styles\n").expect("theme");
    let config = dir.join("c.toml");
    let k = keys.display().to_string();
    let t = theme.display().to_string();
    std::fs::write(&config, format!("keymap = {k:?}\n")).expect("config");
    let theme_flag = ["--theme", t.as_str()];
    for (flags, file, line) in [(&[][..], &k, 3), (&theme_flag[..], &t, 2)] {
        let run = |language: &str| {
            let o = crate::common::private(dir, language)
                .arg("--config")
                .arg(&config)
                .arg("--db")
                .arg(dir.join("r.db"))
                .args(flags)
                .output()
                .expect("run renos");
            failure(&o)
        };
        let da = run("da");
        let want = format!("renos: {file}: linje {line}, kolonne ");
        assert!(da.starts_with(&want), "{da}");
        assert!(
            da.contains(": filen kan ikke læses; ret filen (læseren siger: "),
            "{da}"
        );
        let en = run("en");
        let want = format!("renos: {file}: line {line}, column ");
        assert!(en.starts_with(&want), "{en}");
    }
}
