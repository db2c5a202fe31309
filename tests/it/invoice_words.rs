//! The words a customer reads on an invoice follow `ui.language`: a job's
//! line ("Rengøring 3/11 (3 t)", English "(3 h)") and a
//! month's invoice ("Rengøring november 2026 (2 besøg)", English "November
//! 2026 (2 visits)"). The service and the address stay as written.

use chrono::{Duration, TimeZone, Utc};
use renos::engine::billing;
use renos::i18n::Language;

use crate::office_env::*;

#[test]
fn invoice_lines_and_a_months_words_follow_the_language() {
    let env = Env::new();
    let mut store = env.store();
    let s = seed(&mut store, "Hansen");
    let at = |d: u32| {
        Utc.with_ymd_and_hms(2026, 11, d, 7, 0, 0)
            .single()
            .expect("t")
    };
    finished(&mut store, &s, at(3), Duration::minutes(170));
    finished(&mut store, &s, at(10), Duration::hours(2));
    let month = "2026-11".parse().expect("month");
    let words = |language: Language| {
        let mut settings = env.settings.clone();
        settings.language = language;
        let q = billing::quote_month(&store, &settings, s.customer, month).expect("quote");
        let lines: Vec<String> = q.visits.iter().map(|v| v.description.clone()).collect();
        (lines, billing::month_description(&q, language.words()))
    };
    let (lines, month_words) = words(Language::Da);
    assert!(
        lines[0].starts_with("Rengøring 3/11 (3 t), Østergade 12"),
        "{lines:?}"
    );
    assert!(lines[1].starts_with("Rengøring 10/11 (2 t)"), "{lines:?}");
    assert_eq!(month_words, "Rengøring november 2026 (2 besøg)");
    let (lines, month_words) = words(Language::En);
    assert!(
        lines[0].starts_with("Rengøring 3/11 (3 h), Østergade 12"),
        "{lines:?}"
    );
    assert!(lines[1].starts_with("Rengøring 10/11 (2 h)"), "{lines:?}");
    assert_eq!(month_words, "Rengøring November 2026 (2 visits)");
}
