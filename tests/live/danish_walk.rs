//! The console walked at 80×24 as a dispatcher would, typing bad input
//! everywhere: the booking form, a new customer, go-to, the slot finder,
//! the staff screen, search, move mode on a running job, the message log
//! and the help. In Danish every refusal reads Danish and whole, with none
//! of the English words; a shorter walk in English reads no Danish.

use crate::common;

use common::{NOW, Tmux, renos};

/// English words a Danish screen must not show (none of them is Danish).
const ENGLISH: &[&str] = &[
    "today", "new", "edit", "cancel", "undo", "help", "quit", "Keys", "cleaner", "clash",
    "running", "fixed", "until", "series", "would", "the", "is", "not", "none", "off", "closed",
    "every", "weeks", "monthly", "duration", "phone", "number", "hours", "write", "type", "days",
    "and", "or", "found", "search", "customer", "date", "before", "after", "between",
];

/// Danish words an English screen must not show (none of them is English).
const DANISH: &[&str] = &[
    "ikke",
    "er",
    "dato",
    "skriv",
    "og",
    "eller",
    "timer",
    "dage",
    "kunde",
    "ingen",
    "fri",
    "varighed",
    "klokkeslæt",
    "gem",
    "luk",
    "hjælp",
    "rengører",
    "før",
    "efter",
];

fn has_word(line: &str, word: &str) -> bool {
    line.split(|c: char| !c.is_alphanumeric())
        .any(|w| w == word)
}

/// Fails naming the word and the screen when `screen` shows one of `words`.
fn none_of(words: &[&str], screen: &str, what: &str) {
    for w in words {
        assert!(
            !screen.lines().any(|l| has_word(l, w)),
            "{w:?} on the {what}:\n{screen}"
        );
    }
}

/// Types `text` as it is (no key names).
fn typ(t: &Tmux, text: &str) {
    t.tmux(&["send-keys", "-t", "t", "-l", "--", text]);
}

/// A console on the demo's database, in `language`.
fn console(language: &str) -> Tmux {
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
    t.run(&format!(
        "RENOS_LANGUAGE={language} renos --db {db} --now {NOW}; echo EXITED:$?:o\"\"k"
    ));
    t
}

#[test]
fn the_danish_console_refuses_bad_input_in_danish_everywhere() {
    let t = console("da");
    t.wait_text("(i dag)");

    // The booking form: a customer taken, then a bad date, time and
    // duration, each refused whole at the bottom while its field is typed.
    t.keys(&["n"]);
    t.wait_text("Ny booking");
    typ(&t, "anne-mette");
    t.wait_text("Anne-Mette Brøndum ·");
    t.keys(&["Enter", "Tab", "Tab"]);
    typ(&t, "31/2");
    let s = t.wait_text("\"31/2\" er ikke en dato: februar 2027 har dagene 1 til 28");
    none_of(ENGLISH, &s, "form's date");
    t.keys(&["Tab"]);
    typ(&t, "25:00");
    let s = t.wait_text("\"25:00\": timerne går fra 0 til 23 (midnat er 0:00)");
    none_of(ENGLISH, &s, "form's start");
    t.keys(&["Tab"]);
    typ(&t, "0");
    let s = t.wait_text("\"0\": en varighed skal være længere end 0");
    none_of(ENGLISH, &s, "form's duration");
    t.keys(&["BSpace"]);
    typ(&t, "abc");
    let s = t.wait_text("\"abc\" er ikke en varighed: skriv den som 3, 2,5");
    none_of(ENGLISH, &s, "form's duration");
    // Saving names the first field that does not hold.
    t.keys(&["C-s"]);
    t.wait_text("Dato: \"31/2\" er ikke en dato");
    t.keys(&["C-u"]);
    typ(&t, "20/11");
    t.keys(&["Tab", "C-u"]);
    typ(&t, "12");
    t.keys(&["Tab", "C-u"]);
    typ(&t, "2");
    t.wait_text("14:00");
    // The repeat, and an end before the first visit.
    t.keys(&["Tab", "Tab", "Tab"]);
    typ(&t, "every 0 weeks");
    let s = t.wait_text("\"every 0 weeks\": antallet af uger er 1 til 52");
    none_of(&["until", "weeks is", "number"], &s, "form's repeat");
    t.keys(&["C-u"]);
    typ(&t, "hver 0. uge");
    t.wait_text("\"hver 0. uge\": antallet af uger er 1 til 52");
    t.keys(&["C-u"]);
    typ(&t, "hver 2. uge");
    t.wait_text("hver 2. uge, fre");
    t.keys(&["Tab"]);
    typ(&t, "til 1/11");
    let s = t.wait_text("slutter: slutdatoen (1/11) ligger før seriens start (20/11)");
    none_of(ENGLISH, &s, "form's end");
    t.keys(&["Escape"]);
    t.wait_text("Formularen blev lukket uden at gemme.");

    // A new customer inside the form: a short phone, a half e-mail.
    t.keys(&["n"]);
    t.wait_text("Ny booking");
    typ(&t, "Karen Blixen");
    t.wait_text("ingen kunde 'Karen Blixen' — ctrl-n ny");
    t.keys(&["C-n"]);
    t.wait_text("Ny kunde");
    typ(&t, "12");
    t.keys(&["Tab"]);
    typ(&t, "a@");
    let s = t.wait_text("\"a@\" er ikke en e-mailadresse: delen efter @ mangler");
    none_of(ENGLISH, &s, "new customer's e-mail");
    t.keys(&["BTab"]);
    // The phone's refusal is longer than the line: whole, on two.
    let s = t.wait_text("\"12\" er ikke et telefonnummer: danske numre har 8 cifre,");
    assert!(s.contains("+45 12 34") && s.contains("56 78"), "cut:\n{s}");
    none_of(ENGLISH, &s, "new customer's phone");
    t.keys(&["Escape"]);
    t.wait_for("the customer form closed", common_wait(), |s| {
        !s.contains("Ny kunde")
    });
    t.keys(&["Escape"]);
    t.wait_text("Formularen blev lukket uden at gemme.");

    // Go to a date that is none.
    t.keys(&["g"]);
    t.wait_text("Gå til:");
    typ(&t, "blabla");
    let s = t.wait_text("ukendt dag \"blabla\": skriv en dato som 20/1 eller en ugedag som mandag");
    none_of(ENGLISH, &s, "go-to");
    t.keys(&["Escape"]);

    // The slot finder: no length, then no days.
    t.keys(&["F"]);
    t.wait_text("Find en ledig tid");
    typ(&t, "0");
    let s = t.wait_text("✗ \"0\": en varighed skal være længere end 0; skriv den som");
    none_of(ENGLISH, &s, "slot finder");
    t.keys(&["C-u"]);
    typ(&t, "3");
    t.keys(&["Tab", "Tab", "Tab", "C-u"]);
    typ(&t, "0");
    let s = t.wait_text("✗ dage: et antal fra 1 til 60");
    none_of(ENGLISH, &s, "slot finder");
    t.keys(&["Escape"]);
    t.wait_for("the finder closed", common_wait(), |s| {
        !s.contains("Find en ledig tid")
    });

    // The staff screen: hours that end before they start, a day off in
    // Danish, a contract of -3 hours.
    t.keys(&["A"]);
    t.wait_text("Rengørere");
    t.wait_text("Tirsdag");
    t.keys(&["Down", "Enter", "C-u"]);
    typ(&t, "08:00-07:00");
    t.keys(&["Enter"]);
    // Whole, over two lines.
    let s = t.wait_for("the hours refused", common_wait(), |s| {
        s.contains("\"08:00-07:00\": tiden skal") && s.contains("slutte efter den starter")
    });
    none_of(ENGLISH, &s, "staff screen");
    t.keys(&["C-u"]);
    typ(&t, "fri");
    t.keys(&["Enter"]);
    t.wait_text("Ændrede arbejdstid tirsdag");
    let s = t.wait_for("Tuesday off, in Danish", common_wait(), |s| {
        s.lines().any(|l| l.contains("Tirsdag    fri"))
    });
    none_of(ENGLISH, &s, "staff screen");
    t.keys(&["Down"; 8]);
    t.keys(&["Enter", "C-u"]);
    typ(&t, "-3");
    t.keys(&["Enter"]);
    let s = t.wait_text("(f.eks. 30 eller 37,5) eller ingen");
    assert!(s.contains("\"-3\" er ikke et antal timer"), "{s}");
    none_of(ENGLISH, &s, "staff screen");
    t.keys(&["Escape", "Escape"]);
    t.wait_for("the staff screen closed", common_wait(), |s| {
        !s.contains("Rengørere ─")
    });

    // Search with nothing found.
    t.keys(&["/"]);
    t.wait_text("Søg");
    typ(&t, "xyzqw");
    let s = t.wait_text("Intet fundet.");
    none_of(ENGLISH, &s, "search");
    t.keys(&["Escape"]);

    // Move mode on the running job (#42, chosen at start).
    t.keys(&["t", "m", "Right"]);
    let s = t.wait_text("En igangværende opgave beholder sine tider");
    none_of(ENGLISH, &s, "move mode");
    t.keys(&["Enter"]);
    t.wait_text("Booking #42 er ikke flyttet");

    // Invoicing a running job, and a call asked about and declined.
    t.keys(&["I"]);
    t.wait_text("Kun afsluttede opgaver faktureres");
    t.keys(&["V"]);
    let s = t.wait_text("Ring til Anna Jensen på");
    assert!(s.contains("om booking #42 hos Anne-Mette"), "{s}");
    none_of(ENGLISH, &s, "call question");
    t.keys(&["n"]);
    t.wait_text("Intet blev gjort.");

    // The message log has them whole.
    t.keys(&["!"]);
    let s = t.wait_text("Beskeder");
    assert!(
        s.contains("Booking #42 er ikke flyttet: en igangværende opgave beholder sine"),
        "{s}"
    );
    assert!(
        s.contains("Kun afsluttede opgaver faktureres: afslut opgaven først (f)."),
        "{s}"
    );
    none_of(ENGLISH, &s, "message log");
    t.keys(&["Escape"]);

    // The help, both pages: Danish, and nothing of the schedule beside it.
    t.keys(&["?"]);
    let s = t.wait_text("Taster (enhver tast lukker)");
    none_of(ENGLISH, &s, "help");
    assert!(!s.contains('▌'), "the schedule shows beside the help:\n{s}");
    t.keys(&["Space"]);
    let s = t.wait_text("Serie: t dette besøg");
    none_of(ENGLISH, &s, "help's second page");
    t.keys(&["Escape", "q"]);
    t.wait_text("EXITED:0:ok");
}

#[test]
fn the_english_console_refuses_bad_input_in_english() {
    let t = console("en");
    t.wait_text("(today)");
    t.keys(&["n"]);
    t.wait_text("New booking");
    t.keys(&["Tab", "Tab", "Tab"]);
    typ(&t, "31/2");
    let s = t.wait_text("\"31/2\" is not a date: February 2027 has days 1 to 28");
    none_of(DANISH, &s, "form's date");
    t.keys(&["Tab"]);
    typ(&t, "25:00");
    let s = t.wait_text("\"25:00\": hours go from 0 to 23");
    none_of(DANISH, &s, "form's start");
    t.keys(&["Escape"]);
    t.wait_text("Closed the form without saving.");

    t.keys(&["F"]);
    t.wait_text("Find a free slot");
    typ(&t, "3");
    t.keys(&["Tab", "Tab", "Tab", "C-u"]);
    typ(&t, "99");
    let s = t.wait_text("✗ days: a number from 1 to 60");
    none_of(DANISH, &s, "slot finder");
    t.keys(&["Escape"]);

    t.keys(&["A"]);
    t.wait_text("Tuesday");
    t.keys(&["Down", "Enter", "C-u"]);
    typ(&t, "fri");
    t.keys(&["Enter"]);
    let s = t.wait_text("\"fri\": write hours as HH:MM-HH:MM");
    none_of(&["ikke", "skriv", "eller"], &s, "staff screen");
    t.keys(&["C-u"]);
    typ(&t, "off");
    t.keys(&["Enter"]);
    t.wait_for("Tuesday off", common_wait(), |s| {
        s.lines()
            .any(|l| l.contains("Tuesday") && l.contains("off"))
    });
    t.keys(&["Escape", "?"]);
    let s = t.wait_text("Keys (any key closes)");
    none_of(DANISH, &s, "help");
    t.keys(&["Escape", "q"]);
    t.wait_text("EXITED:0:ok");
}

fn common_wait() -> std::time::Duration {
    std::time::Duration::from_secs(10)
}
