//! The console's own checks of a keymap or theme file, in Danish
//! (`RENOS_LANGUAGE=da`) and English: a table that is no mode, a colour no
//! terminal knows, a theme that does not exist. Danish names the file and
//! the line and says what to write; English reads as it always did.

use std::path::Path;
use std::process::Output;

/// `renos --config CONFIG [FLAGS]` (the console) with a private
/// environment, in `language`: it stops before it draws.
fn console(language: &str, home: &Path, config: &Path, flags: &[&str]) -> Output {
    crate::common::private(home, language)
        .arg("--config")
        .arg(config)
        .arg("--db")
        .arg(home.join("r.db"))
        .args(flags)
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
fn a_keymap_with_a_table_that_is_no_mode_in_danish_and_in_english() {
    let home = tempfile::tempdir().expect("tmp");
    let dir = home.path();
    let keys = dir.join("keys.toml");
    std::fs::write(
        &keys,
        "[normal]\n\"q\" = \"quit\"\n\n[jornal]\n\"j\" = \"down\"\n",
    )
    .expect("keymap");
    let config = dir.join("c.toml");
    let k = keys.display().to_string();
    std::fs::write(&config, format!("keymap = {k:?}\n")).expect("config");

    let da = failure(&console("da", dir, &config, &[]));
    assert!(
        da.starts_with(&format!(
            "renos: {k}: linje 4: [jornal] er ikke en tilstand; tabellerne er [normal], ["
        )),
        "{da}"
    );
    assert!(!da.contains("is not a mode"), "{da}");
    let en = failure(&console("en", dir, &config, &[]));
    assert!(
        en.starts_with(&format!(
            "renos: {k}: line 4: [jornal] is not a mode; the tables are [normal], ["
        )),
        "{en}"
    );
}

#[test]
fn a_theme_with_a_colour_no_terminal_knows_and_one_that_does_not_exist() {
    let home = tempfile::tempdir().expect("tmp");
    let dir = home.path();
    let theme = dir.join("mit.toml");
    std::fs::write(&theme, "[styles]\nbooking = { fg = \"blurple\" }\n").expect("theme");
    let config = dir.join("c.toml");
    std::fs::write(&config, "").expect("config");
    let t = theme.display().to_string();

    let da = failure(&console("da", dir, &config, &["--theme", &t]));
    assert_eq!(
        da,
        format!(
            "renos: {t}: linje 2: \"blurple\" er ikke en farve; brug et navn (red), et nummer \
             blandt 256 farver (\"236\") eller \"#rrggbb\""
        )
    );
    let en = failure(&console("en", dir, &config, &["--theme", &t]));
    assert_eq!(
        en,
        format!(
            "renos: {t}: line 2: \"blurple\" is not a colour; use a name (red), a 256-colour \
             index (\"236\") or \"#rrggbb\""
        )
    );
    let da = failure(&console("da", dir, &config, &["--theme", "neon"]));
    assert!(
        da.starts_with("renos: der er intet tema, der hedder \"neon\"; indbyggede: "),
        "{da}"
    );
}
