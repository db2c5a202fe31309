//! The keymap: tables per mode, merging, and the files it refuses.
use super::*;

fn ev(code: KeyCode, m: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, m)
}

fn ch(c: char) -> KeyEvent {
    ev(KeyCode::Char(c), KeyModifiers::NONE)
}

fn user(text: &str) -> Result<Keymap> {
    Keymap::parse(text, Path::new("keys.toml"), Some(Keymap::default()))
}

#[test]
fn built_in_keymap_parses_and_binds_the_documented_keys() {
    let km = Keymap::parse(DEFAULT_KEYMAP, Path::new("builtin"), None).expect("built-in keymap");
    let normal = |e: &KeyEvent| km.action(KeyMode::Normal, e);
    assert_eq!(normal(&ch('q')), Some(Action::Quit));
    assert_eq!(
        normal(&ev(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        Some(Action::Quit)
    );
    assert_eq!(
        normal(&ev(KeyCode::Char('?'), KeyModifiers::SHIFT)),
        Some(Action::Help)
    );
    assert_eq!(
        normal(&ev(KeyCode::Left, KeyModifiers::NONE)),
        Some(Action::SelectPrev)
    );
    assert_eq!(normal(&ch('l')), Some(Action::SelectNext));
    assert_eq!(normal(&ch('s')), Some(Action::StartJob));
    // Every table is there, and every required action has a key.
    for spec in MODES {
        for a in spec.required {
            assert!(!km.keys_in(spec.mode, *a).is_empty(), "{}", spec.table);
        }
    }
}

#[test]
fn each_mode_reads_its_own_table() {
    let km = Keymap::default();
    let enter = ev(KeyCode::Enter, KeyModifiers::NONE);
    let esc = ev(KeyCode::Esc, KeyModifiers::NONE);
    // `j`: a cleaner below, the next line of a list, yes (ja).
    assert_eq!(km.action(KeyMode::Normal, &ch('j')), Some(Action::LaneDown));
    assert_eq!(km.action(KeyMode::List, &ch('j')), Some(Action::Down));
    assert_eq!(km.action(KeyMode::Confirm, &ch('j')), Some(Action::Yes));
    assert_eq!(
        km.action(KeyMode::Move, &ch('j')),
        Some(Action::CleanerDown)
    );
    assert_eq!(km.action(KeyMode::Confirm, &ch('n')), Some(Action::No));
    assert_eq!(km.action(KeyMode::Confirm, &esc), Some(Action::No));
    assert_eq!(km.action(KeyMode::Form, &enter), Some(Action::FieldDown));
    assert_eq!(km.action(KeyMode::Search, &enter), Some(Action::Take));
    assert_eq!(km.action(KeyMode::Move, &enter), Some(Action::Save));
    assert_eq!(km.action(KeyMode::Prompt, &enter), Some(Action::Ok));
    assert_eq!(
        km.action(KeyMode::Conflicts, &ch('t')),
        Some(Action::KeepTheirs)
    );
    assert_eq!(
        km.action(KeyMode::Weekday, &ch('w')),
        Some(Action::UseWeekday)
    );
    assert_eq!(km.action(KeyMode::Help, &esc), Some(Action::Close));
    // Shift-tab arrives as back-tab or as tab with shift.
    assert_eq!(
        km.action(KeyMode::Form, &ev(KeyCode::Tab, KeyModifiers::SHIFT)),
        Some(Action::PrevField)
    );
    assert_eq!(
        km.action(KeyMode::Form, &ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
        Some(Action::PrevField)
    );
    // The form binds no printable key: those are typed.
    assert_eq!(km.action(KeyMode::Form, &ch('j')), None);
    // Ctrl and an arrow step the Repeats field; the plain arrows are the
    // text's.
    assert_eq!(
        km.action(KeyMode::Form, &ev(KeyCode::Right, KeyModifiers::CONTROL)),
        Some(Action::NextChoice)
    );
    assert_eq!(
        km.action(KeyMode::Form, &ev(KeyCode::Left, KeyModifiers::CONTROL)),
        Some(Action::PrevChoice)
    );
    assert_eq!(
        km.action(KeyMode::Form, &ev(KeyCode::Left, KeyModifiers::NONE)),
        None
    );
}

#[test]
fn user_file_merges_over_each_table() {
    let km = user(
        "[normal]\n\"x\" = \"quit\"\n\"q\" = \"none\"\n\"ctrl-s\" = \"start_job\"\n\n\
         [confirm]\n\"o\" = \"yes\"\n\"y\" = \"none\"\n\n\
         [list]\n\"J\" = \"down\"\n",
    )
    .expect("user keymap");
    assert_eq!(km.action(KeyMode::Normal, &ch('x')), Some(Action::Quit));
    assert_eq!(km.action(KeyMode::Normal, &ch('q')), None);
    assert_eq!(
        km.action(
            KeyMode::Normal,
            &ev(KeyCode::Char('s'), KeyModifiers::CONTROL)
        ),
        Some(Action::StartJob)
    );
    assert_eq!(km.action(KeyMode::Normal, &ch('s')), Some(Action::StartJob));
    assert_eq!(km.action(KeyMode::Confirm, &ch('o')), Some(Action::Yes));
    assert_eq!(km.action(KeyMode::Confirm, &ch('y')), None);
    assert_eq!(km.action(KeyMode::Confirm, &ch('j')), Some(Action::Yes));
    assert_eq!(km.action(KeyMode::List, &ch('J')), Some(Action::Down));
    assert_eq!(km.action(KeyMode::List, &ch('j')), Some(Action::Down));
    // The tables the file does not name are the built-in ones; `q`
    // still closes a list.
    assert_eq!(km.action(KeyMode::List, &ch('q')), Some(Action::Close));
    // The user's keys come first where keys are shown.
    assert_eq!(
        km.first(KeyMode::Confirm, Action::Yes).as_deref(),
        Some("o")
    );
    assert_eq!(km.first(KeyMode::List, Action::Down).as_deref(), Some("J"));
}

#[test]
fn the_old_keys_table_is_the_normal_one() {
    let km = user("[keys]\n\"x\" = \"quit\"\n\"ctrl-w\" = \"save\"\n").expect("old file");
    assert_eq!(km.action(KeyMode::Normal, &ch('x')), Some(Action::Quit));
    // Save bound on the schedule saved the form and the move: it still does.
    let ctrl_w = ev(KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(km.action(KeyMode::Form, &ctrl_w), Some(Action::Save));
    assert_eq!(km.action(KeyMode::Move, &ctrl_w), Some(Action::Save));
    let e = user("[keys]\n\"x\" = \"quit\"\n[normal]\n\"y\" = \"quit\"\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("line 3") && e.contains("[keys]"), "{e}");
}

#[test]
fn a_keymap_without_quit_is_refused_naming_the_line() {
    let e = user("[normal]\n\"h\" = \"none\"\n\"q\" = \"none\"\n\"ctrl-c\" = \"redraw\"\n")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("keys.toml: line 4") && e.contains("\"quit\""),
        "{e}"
    );
    // Rebinding quit elsewhere is fine.
    user("[normal]\n\"q\" = \"none\"\n\"ctrl-c\" = \"none\"\n\"ctrl-q\" = \"quit\"\n")
        .expect("quit on ctrl-q");
}

#[test]
fn a_mode_left_without_its_way_out_is_refused_naming_the_line() {
    let cases = [
        (
            "[move]\n\"esc\" = \"none\"\n\"ctrl-c\" = \"save\"\n",
            3,
            "[move]",
            "put_back",
        ),
        (
            "[confirm]\n\"n\" = \"none\"\n\"N\" = \"none\"\n\"esc\" = \"yes\"\n",
            4,
            "[confirm]",
            "no",
        ),
        (
            "[confirm]\n\"y\" = \"none\"\n\"Y\" = \"none\"\n\"j\" = \"none\"\n\"J\" = \"none\"\n\"enter\" = \"none\"\n",
            6,
            "[confirm]",
            "yes",
        ),
        (
            "\n[list]\n\"esc\" = \"none\"\n\"q\" = \"none\"\n\"ctrl-c\" = \"none\"\n\"L\" = \"none\"\n\"r\" = \"none\"\n",
            7,
            "[list]",
            "close",
        ),
        (
            "[form]\n\"esc\" = \"none\"\n\"ctrl-c\" = \"none\"\n",
            3,
            "[form]",
            "close",
        ),
        (
            "[prompt]\n\"esc\" = \"ok\"\n\"ctrl-c\" = \"none\"\n",
            3,
            "[prompt]",
            "back",
        ),
    ];
    for (text, line, table, action) in cases {
        let e = user(text).unwrap_err().to_string();
        assert!(
            e.contains(&format!("keys.toml: line {line}:"))
                && e.contains(table)
                && e.contains(&format!("\"{action}\"")),
            "{text}: {e}"
        );
    }
}

#[test]
fn bad_files_name_the_line() {
    let e = Keymap::parse(
        "[keys]\n\"q\" = \"quit\"\n\"x\" = \"explode\"\n",
        Path::new("keys.toml"),
        None,
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("keys.toml: line 3") && e.contains("explode"),
        "{e}"
    );
    let e = Keymap::parse(
        "[keys]\n\"ctrl-banana\" = \"quit\"\n",
        Path::new("keys.toml"),
        None,
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("line 2") && e.contains("not a key"), "{e}");
    let e = Keymap::parse("[keys]\n\"q\" = quit\n", Path::new("keys.toml"), None)
        .unwrap_err()
        .to_string();
    assert!(e.contains("keys.toml") && e.contains("line 2"), "{e}");
    // An action of another mode, a printable key where one types, an
    // unknown table: each named with its line.
    let e = user("[normal]\n\"q\" = \"quit\"\n\n[confirm]\n\"q\" = \"quit\"\n")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("line 5") && e.contains("[confirm]") && e.contains("yes"),
        "{e}"
    );
    let e = user("[normal]\n\"ctrl-w\" = \"save\"\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("line 2") && e.contains("[normal]"), "{e}");
    let e = user("[form]\n\"x\" = \"save\"\n").unwrap_err().to_string();
    assert!(e.contains("line 2") && e.contains("typed"), "{e}");
    let e = user("[normal]\n\"q\" = \"quit\"\n[jornal]\n\"j\" = \"down\"\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("line 3") && e.contains("[jornal]"), "{e}");
}

#[test]
fn footer_pairs_partners() {
    let footer = Keymap::default().footer();
    assert!(
        footer.contains(&("[]".to_string(), Action::PrevDay)),
        "{footer:?}"
    );
    assert!(
        footer.contains(&("q".to_string(), Action::Quit)),
        "{footer:?}"
    );
    assert!(
        footer.contains(&("M".to_string(), Action::Remind)),
        "{footer:?}"
    );
    // An old file's save key on the schedule does not join another entry.
    let old = user("[keys]\n\"ctrl-w\" = \"save\"\n").expect("old file");
    assert!(old.footer().contains(&("M".to_string(), Action::Remind)));
}
