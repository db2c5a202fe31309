//! How a customer file was read, what is wrong with its records and what
//! was passed over, and an amount of money refused, in words: `renos
//! import` and `renos validate`.

use crate::domain::contact::MoneyError;
use crate::engine::import::customers::{BookingProblem, BookingWhy};
use crate::i18n::Words;
use crate::interchange::customers::{Fault, Problem, Shape, Warning};
use crate::interchange::text::Encoding;

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

/// What the reader passed over.
pub fn import_warning(w: Words, warning: &Warning) -> String {
    match warning {
        Warning::NoHeading { column } => {
            w.with("import-no-heading", &[("column", (*column).into())])
        }
        Warning::UnknownColumn { name, column } => w.with(
            "import-unknown-column",
            &[
                ("name", format!("{name:?}").into()),
                ("column", (*column).into()),
            ],
        ),
        Warning::UnknownField(key) => w.with(
            "import-unknown-field",
            &[("key", format!("{key:?}").into())],
        ),
        Warning::ManyUnknown(n) => w.with("import-many-unknown", &[("n", (*n).into())]),
        Warning::NotUtf8 { line, csv } => w.with(
            "import-not-utf8",
            &[
                ("line", (*line).into()),
                ("csv", if *csv { "yes" } else { "no" }.into()),
            ],
        ),
        Warning::BookingsNotCreated(n) => {
            w.with("import-bookings-not-created", &[("n", (*n).into())])
        }
    }
}

/// How the file was read: `CSV, semikolonsepareret, UTF-8, 4 kolonner`.
pub fn file_shape(w: Words, shape: &Shape) -> String {
    match shape {
        Shape::Csv {
            delimiter,
            encoding,
            columns,
        } => {
            let separated = match delimiter {
                ';' => w.get("import-shape-semicolon"),
                ',' => w.get("import-shape-comma"),
                '\t' => w.get("import-shape-tab"),
                d => w.with("import-shape-other", &[("char", format!("{d:?}").into())]),
            };
            let encoding = match encoding {
                Encoding::Utf8Bom => w.get("import-shape-utf8-bom"),
                e => e.name().to_string(),
            };
            w.with(
                "import-shape-csv",
                &[
                    ("separated", separated.into()),
                    ("encoding", encoding.into()),
                    ("columns", (*columns).into()),
                ],
            )
        }
        Shape::Json { windows1252: true } => "JSON, Windows-1252".to_string(),
        Shape::Json { windows1252: false } => "JSON".to_string(),
    }
}

/// A booking of the file that was not created: `linje 9: ingen rengører
/// hedder "Mette"`.
pub fn booking_problem(w: Words, p: &BookingProblem) -> String {
    match &p.why {
        BookingWhy::NoCleaner(name) => w.with(
            "import-booking-no-cleaner",
            &[
                ("line", p.line.into()),
                ("name", format!("{name:?}").into()),
            ],
        ),
        BookingWhy::Refused(why) => w.with(
            "import-booking-refused",
            &[
                ("line", p.line.into()),
                ("why", super::store_error(w, &why.0).into()),
            ],
        ),
    }
}
