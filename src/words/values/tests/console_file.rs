//! A keymap's or theme's refused line in both languages: English is byte
//! for byte the text the checks have always written; Danish names the
//! file and the line, and says what to write instead.

use std::path::Path;

use super::*;
use crate::config::ConsoleFileError;
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;

/// English (the error's own text) and Danish of a refused file.
fn both(e: anyhow::Error) -> (String, String) {
    let Some(c) = e.downcast_ref::<ConsoleFileError>() else {
        panic!("untyped: {e}")
    };
    let english = console_file_error(en(), c);
    assert_eq!(english, e.to_string());
    let danish = console_file_error(da(), c);
    assert_ne!(danish, english);
    assert!(
        !danish.contains("keymap-") && !danish.contains("theme-"),
        "{danish}"
    );
    (english, danish)
}

fn keymap(text: &str) -> (String, String) {
    match Keymap::parse(text, Path::new("keys.toml"), Some(Keymap::default())) {
        Ok(_) => panic!("accepted: {text}"),
        Err(e) => both(e),
    }
}

fn theme(text: &str) -> (String, String) {
    match Theme::parse(text, Path::new("mørk.toml"), Theme::dark()) {
        Ok(_) => panic!("accepted: {text}"),
        Err(e) => both(e),
    }
}

#[test]
fn every_refused_keymap_line_in_both_languages() {
    let (en_text, da_text) = keymap("[normal]\n\"q\" = \"quit\"\n[jornal]\n\"j\" = \"down\"\n");
    assert!(
        en_text
            .starts_with("keys.toml: line 3: [jornal] is not a mode; the tables are [normal], ["),
        "{en_text}"
    );
    assert!(
        da_text.starts_with(
            "keys.toml: linje 3: [jornal] er ikke en tilstand; tabellerne er [normal], ["
        ),
        "{da_text}"
    );
    let (_, da_text) = keymap("[normal]\n\"ctrl-banana\" = \"quit\"\n");
    assert!(
        da_text.starts_with(
            "keys.toml: linje 2: \"ctrl-banana\" er ikke en tast; skriv et tegn (\"q\", \"?\"), \
             et navn (left, right"
        ),
        "{da_text}"
    );
    let (_, da_text) = keymap("[normal]\n\"x\" = \"explode\"\n");
    assert!(
        da_text.starts_with(
            "keys.toml: linje 2: \"explode\" er ikke en handling i [normal]; brug en af: "
        ),
        "{da_text}"
    );
    let (_, da_text) = keymap("[form]\n\"x\" = \"save\"\n");
    assert_eq!(
        da_text,
        "keys.toml: linje 2: \"x\" skrives ind i feltet i [form]; bind en navngiven tast \
         (enter, tab, f1…) eller en med ctrl- eller alt-"
    );
    let (en_text, da_text) = keymap("[normal]\n\"q\" = \"none\"\n\"ctrl-c\" = \"none\"\n");
    assert_eq!(
        en_text,
        "keys.toml: line 3: [normal] leaves no key for \"quit\": the console could not be \
         quit; bind one"
    );
    assert_eq!(
        da_text,
        "keys.toml: linje 3: [normal] har ingen tast tilbage til \"quit\": konsollen kunne \
         ikke lukkes; bind en"
    );
    let (_, da_text) = keymap("[keys]\n\"q\" = \"quit\"\n[normal]\n\"x\" = \"quit\"\n");
    assert_eq!(
        da_text,
        "keys.toml: linje 3: [keys] er det gamle navn for [normal]; skriv kun den ene af dem"
    );
}

#[test]
fn every_refused_theme_line_in_both_languages() {
    let (en_text, da_text) = theme("[styles]\nbooking = { fg = \"blurple\" }\n");
    assert_eq!(
        en_text,
        "mørk.toml: line 2: \"blurple\" is not a colour; use a name (red), a 256-colour index \
         (\"236\") or \"#rrggbb\""
    );
    assert_eq!(
        da_text,
        "mørk.toml: linje 2: \"blurple\" er ikke en farve; brug et navn (red), et nummer \
         blandt 256 farver (\"236\") eller \"#rrggbb\""
    );
    let (_, da_text) = theme("[styles]\nbooking = { modifiers = [\"blink\"] }\n");
    assert_eq!(
        da_text,
        "mørk.toml: linje 2: \"blink\" er ikke en fremhævning; brug bold, dim, italic, \
         underlined eller reversed"
    );
    let (_, da_text) = theme("[styles]\nbookings = { fg = \"red\" }\n");
    assert!(
        da_text.starts_with("mørk.toml: linje 2: \"bookings\" er ikke en stil; brug en af: "),
        "{da_text}"
    );
    let (_, da_text) = both(Theme::built_in("neon").expect_err("no such theme"));
    assert!(
        da_text.starts_with("der er intet tema, der hedder \"neon\"; indbyggede: dark"),
        "{da_text}"
    );
}

#[test]
fn a_console_file_that_cannot_be_read_in_both_languages() {
    let (en_text, da_text) =
        both(Keymap::load(Some(Path::new("/nowhere/keys.toml"))).expect_err("missing"));
    assert!(
        en_text.starts_with("cannot read keymap file /nowhere/keys.toml: "),
        "{en_text}"
    );
    assert!(
        da_text.starts_with("kan ikke læse tastaturfilen /nowhere/keys.toml: "),
        "{da_text}"
    );
    let (_, da_text) = both(Theme::load("/nowhere/t.toml").expect_err("missing"));
    assert!(
        da_text.starts_with("kan ikke læse temafilen /nowhere/t.toml: "),
        "{da_text}"
    );
}
