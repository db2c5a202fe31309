//! The console in Danish (`[ui] language = "da"`) at 80×24: the header,
//! the footer and the help read Danish, with none of the English words.

use crate::common;

use common::{NOW, Tmux, renos};

/// Words of the English header, footer and help that are not Danish.
const ENGLISH: &[&str] = &[
    "today", "new", "edit", "move", "cancel", "finish", "undo", "review", "help", "quit", "Keys",
    "closes", "previous", "cleaner", "clash", "running", "fixed",
];

fn has_word(line: &str, word: &str) -> bool {
    line.split(|c: char| !c.is_alphanumeric())
        .any(|w| w == word)
}

#[test]
fn the_danish_console_reads_danish_in_header_footer_and_help() {
    let t = Tmux::start();
    let db = t.path("renos.db").display().to_string();
    let out = renos(
        t.dir.path(),
        &["--db", &db, "--now", NOW, "demo", "--no-console"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cfg = t.path("config.toml");
    std::fs::write(&cfg, "[ui]\nlanguage = \"da\"\n").expect("config");
    // The tests' shells speak English through the environment; this one
    // leaves it to the config file.
    t.run("unset RENOS_LANGUAGE");
    t.run(&format!(
        "renos --db {db} --config {} --now {NOW}; echo EXITED:$?:o\"\"k",
        cfg.display()
    ));
    let s = t.wait_text("(i dag)");
    let lines: Vec<&str> = s.lines().collect();
    let (header, footer) = (lines[0], lines[lines.len() - 1]);
    assert!(header.contains("fre 20. nov 2026 (i dag)"), "{s}");
    assert!(header.contains("fast ur"), "{s}");
    assert!(
        footer.contains("? hjælp") && footer.contains("q luk"),
        "{s}"
    );
    assert!(footer.contains("n ny") && footer.contains("e ret"), "{s}");
    for w in ENGLISH {
        assert!(
            !has_word(header, w) && !has_word(footer, w),
            "{w:?} in\n{s}"
        );
    }

    t.keys(&["?"]);
    let s = t.wait_text("Taster (enhver tast lukker)");
    assert!(s.contains("rengørerens forrige opgave"), "{s}");
    assert!(s.contains("denne hjælp"), "{s}");
    for w in ENGLISH {
        assert!(!s.lines().any(|l| has_word(l, w)), "{w:?} in the help\n{s}");
    }
    t.keys(&["Escape", "q"]);
    t.wait_text("EXITED:0:ok");
}
