//! What is wrong with a customer file's record, and an amount of money
//! refused, in words: `renos import` and `renos validate`.

use crate::domain::contact::MoneyError;
use crate::i18n::Words;
use crate::interchange::customers::{Fault, Problem};

use super::{email_error, phone_error};

/// Why an amount of money was refused.
pub fn money_error(w: Words, e: &MoneyError) -> String {
    let text = format!("{:?}", e.text);
    if e.too_large {
        w.with("money-too-large", &[("text", text.into())])
    } else {
        w.with("money-not-an-amount", &[("text", text.into())])
    }
}

/// One problem of a record with its line and column: `linje 4, kolonne
/// Email: "x" er ikke en e-mailadresse: den har intet @`.
pub fn import_problem(w: Words, p: &Problem) -> String {
    let what = fault(w, &p.fault);
    if p.column.is_empty() {
        w.with(
            "import-problem-line",
            &[("line", p.line.into()), ("what", what.into())],
        )
    } else {
        w.with(
            "import-problem-column",
            &[
                ("line", p.line.into()),
                ("column", p.column.as_str().into()),
                ("what", what.into()),
            ],
        )
    }
}

/// What is wrong with a value.
pub fn fault(w: Words, f: &Fault) -> String {
    let quoted = |t: &str| format!("{t:?}");
    match f {
        Fault::NoName => w.get("import-no-name"),
        Fault::Email(e) => email_error(w, e),
        Fault::Phone(e) => phone_error(w, e),
        Fault::Money(e) => money_error(w, e),
        Fault::NotACount { text, number } => {
            let text = if *number { text.clone() } else { quoted(text) };
            w.with("import-not-a-count", &[("text", text.into())])
        }
        Fault::CountTooLarge(t) => w.with("import-count-too-large", &[("text", quoted(t).into())]),
        Fault::NotADate(t) => w.with("import-not-a-date", &[("text", quoted(t).into())]),
        Fault::NotADateTime(t) => w.with("import-not-a-date-time", &[("text", quoted(t).into())]),
        Fault::NotAStatus(t) => w.with("import-not-a-status", &[("text", quoted(t).into())]),
        Fault::NoTime { start } => w.with(
            "import-no-time",
            &[("start", if *start { "yes" } else { "no" }.into())],
        ),
        Fault::EndNotAfterStart { start, end } => w.with(
            "import-end-not-after-start",
            &[
                ("start", start.as_str().into()),
                ("end", end.as_str().into()),
            ],
        ),
        Fault::TooManyFields {
            fields,
            heading,
            delimiter,
        } => w.with(
            "import-too-many-fields",
            &[
                ("fields", (*fields).into()),
                ("heading", (*heading).into()),
                (
                    "delimiter",
                    match delimiter {
                        ';' => "semicolon",
                        '\t' => "tab",
                        _ => "comma",
                    }
                    .into(),
                ),
            ],
        ),
        Fault::Other(t) => t.clone(),
    }
}
