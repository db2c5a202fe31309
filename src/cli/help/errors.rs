//! clap's own errors (an unknown option, a missing argument, a value not
//! among the choices) worded from the catalogue, with what clap knows of
//! them (`Error::kind`, `Error::get`), laid out as clap lays them out.

use clap::error::{ContextKind, ContextValue, Error, ErrorKind};

use super::refused::{Refused, number_key};
use super::tree::quoted;
use crate::i18n::Words;

/// `e` as a person reads it, in `w`'s language; `None` for what clap
/// knows too little about to say more than its own words (it says them).
pub(super) fn render(e: &Error, w: Words) -> Option<String> {
    let first = message(e, w)?;
    let mut out = format!("{} {first}", w.get("cli-error"));
    let mut tips = Vec::new();
    for (kind, key) in [
        (
            ContextKind::SuggestedSubcommand,
            "cli-error-similar-command",
        ),
        (ContextKind::SuggestedArg, "cli-error-similar-option"),
        (ContextKind::SuggestedValue, "cli-error-similar-value"),
    ] {
        if let Some(names) = e.get(kind).and_then(strings)
            && !names.is_empty()
        {
            let n = names.len();
            let names = names
                .iter()
                .map(|s| format!("'{s}'"))
                .collect::<Vec<_>>()
                .join(", ");
            tips.push(w.with(key, &[("n", n.into()), ("names", names.into())]));
        }
    }
    if let Some(ContextValue::StyledStrs(more)) = e.get(ContextKind::Suggested) {
        tips.extend(more.iter().map(|s| tip(&s.to_string(), w)));
    }
    if !tips.is_empty() {
        out.push('\n');
        for t in tips {
            out.push_str(&format!("\n  {} {t}", w.get("cli-error-tip")));
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.split_once(": ").map_or(usage.as_str(), |(_, u)| u);
        out.push_str(&format!("\n\n{} {usage}", w.get("cli-help-usage")));
    }
    out.push_str("\n\n");
    out.push_str(&w.with("cli-error-more", &[("help", "--help".into())]));
    out.push('\n');
    Some(out)
}

/// One name or several, as the context holds them.
fn strings(v: &ContextValue) -> Option<Vec<String>> {
    match v {
        ContextValue::String(s) => Some(vec![s.clone()]),
        ContextValue::Strings(s) => Some(s.clone()),
        _ => None,
    }
}

fn string(e: &Error, kind: ContextKind) -> Option<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    }
}

fn number(e: &Error, kind: ContextKind) -> Option<i64> {
    match e.get(kind) {
        Some(ContextValue::Number(n)) => Some(*n as i64),
        _ => None,
    }
}

/// The first line (and the lines that belong to it): what went wrong.
fn message(e: &Error, w: Words) -> Option<String> {
    let arg = || string(e, ContextKind::InvalidArg);
    let value = || string(e, ContextKind::InvalidValue);
    Some(match e.kind() {
        ErrorKind::UnknownArgument => {
            w.with("cli-error-unknown-argument", &[("arg", arg()?.into())])
        }
        ErrorKind::InvalidSubcommand => w.with(
            "cli-error-unknown-command",
            &[("name", string(e, ContextKind::InvalidSubcommand)?.into())],
        ),
        ErrorKind::InvalidValue => {
            let (arg, value) = (arg()?, value()?);
            let mut said = if value.is_empty() {
                w.with("cli-error-value-missing", &[("arg", arg.into())])
            } else {
                w.with(
                    "cli-error-invalid-value",
                    &[("value", value.into()), ("arg", arg.into())],
                )
            };
            if let Some(valid) = e.get(ContextKind::ValidValue).and_then(strings)
                && !valid.is_empty()
            {
                let values = valid
                    .iter()
                    .map(|v| quoted(v))
                    .collect::<Vec<_>>()
                    .join(", ");
                said.push_str("\n  ");
                said.push_str(&w.with("cli-help-possible-values", &[("values", values.into())]));
            }
            said
        }
        ErrorKind::ValueValidation => {
            let said = w.with(
                "cli-error-invalid-value",
                &[("value", value()?.into()), ("arg", arg()?.into())],
            );
            match reason(e, w) {
                Some(why) => format!("{said}: {why}"),
                None => said,
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = e.get(ContextKind::InvalidArg).and_then(strings)?;
            let mut said = w.get("cli-error-missing-arguments");
            for m in missing {
                said.push_str(&format!("\n  {m}"));
            }
            said
        }
        ErrorKind::MissingSubcommand => {
            let mut said = w.with(
                "cli-error-missing-command",
                &[("name", string(e, ContextKind::InvalidSubcommand)?.into())],
            );
            if let Some(valid) = e.get(ContextKind::ValidSubcommand).and_then(strings) {
                said.push_str("\n  ");
                said.push_str(&w.with("cli-error-commands", &[("names", valid.join(", ").into())]));
            }
            said
        }
        ErrorKind::ArgumentConflict => conflict(e, w)?,
        ErrorKind::NoEquals => w.with("cli-error-no-equals", &[("arg", arg()?.into())]),
        ErrorKind::TooManyValues => w.with(
            "cli-error-too-many-values",
            &[("value", value()?.into()), ("arg", arg()?.into())],
        ),
        ErrorKind::TooFewValues => w.with(
            "cli-error-too-few-values",
            &[
                ("arg", arg()?.into()),
                ("n", number(e, ContextKind::ActualNumValues)?.into()),
                ("needed", number(e, ContextKind::MinValues)?.into()),
            ],
        ),
        ErrorKind::WrongNumberOfValues => w.with(
            "cli-error-wrong-number-of-values",
            &[
                ("arg", arg()?.into()),
                ("n", number(e, ContextKind::ActualNumValues)?.into()),
                ("needed", number(e, ContextKind::ExpectedNumValues)?.into()),
            ],
        ),
        _ => return None,
    })
}

/// "cannot be used with", and with what.
fn conflict(e: &Error, w: Words) -> Option<String> {
    let prior = e.get(ContextKind::PriorArg);
    if let Some(arg) = string(e, ContextKind::InvalidArg) {
        if prior == Some(&ContextValue::String(arg.clone())) {
            return Some(w.with("cli-error-twice", &[("arg", arg.into())]));
        }
        let said = w.with("cli-error-conflict", &[("arg", arg.into())]);
        return Some(with_prior(said, prior, w));
    }
    let name = string(e, ContextKind::InvalidSubcommand)?;
    let said = w.with("cli-error-conflict-command", &[("name", name.into())]);
    Some(with_prior(said, prior, w))
}

fn with_prior(said: String, prior: Option<&ContextValue>, w: Words) -> String {
    match prior {
        Some(ContextValue::Strings(others)) => {
            let mut said = format!("{said}:");
            for o in others {
                said.push_str(&format!("\n  {o}"));
            }
            said
        }
        Some(ContextValue::String(other)) => format!("{said} '{other}'"),
        _ => format!("{said} {}", w.get("cli-error-conflict-others")),
    }
}

/// Why a parser refused a value: worded when typed, else its own words.
fn reason(e: &Error, w: Words) -> Option<String> {
    let source = std::error::Error::source(e)?;
    if let Some(r) = source.downcast_ref::<Refused>() {
        return Some(reason_of(r, w));
    }
    if let Some(n) = source.downcast_ref::<std::num::ParseIntError>() {
        return Some(w.get(number_key(n)));
    }
    if source.is::<std::net::AddrParseError>() {
        return Some(w.get("cli-error-address"));
    }
    let said = source.to_string();
    Some(clap_range(&said).map_or(said, |r| reason_of(&r, w)))
}

/// A refusal of ours in the language.
fn reason_of(r: &Refused, w: Words) -> String {
    match r {
        Refused::NotANumber(n) => w.get(number_key(n)),
        Refused::OutOfRange {
            value,
            low,
            high: Some(high),
        } => w.with(
            "cli-error-out-of-range",
            &[
                ("value", value.to_string().into()),
                ("low", low.to_string().into()),
                ("high", high.to_string().into()),
            ],
        ),
        Refused::OutOfRange {
            value,
            low,
            high: None,
        } => w.with(
            "cli-error-below",
            &[
                ("value", value.to_string().into()),
                ("low", low.to_string().into()),
            ],
        ),
        Refused::Language => w.get("cli-error-language"),
        Refused::Role => w.get("cli-error-role"),
        Refused::Month(text) => w.with("cli-error-month", &[("text", format!("{text:?}").into())]),
    }
}

/// The range refusal of clap's own number parsers (the options typed as a
/// number without a parser of ours), which clap hands over as the sentence
/// `5 is not in 0..=4`: typed again, so it is worded as ours are.
fn clap_range(said: &str) -> Option<Refused> {
    let (value, range) = said.split_once(" is not in ")?;
    let value = value.parse().ok()?;
    let (low, high) = range.split_once("..")?;
    let low = low.parse().ok()?;
    let high = match high.strip_prefix('=') {
        Some(h) => Some(h.parse().ok()?),
        None if high.is_empty() => None,
        None => return None,
    };
    Some(Refused::OutOfRange { value, low, high })
}

/// One of clap's tips (`to pass '-x' as a value, use '-- -x'`) in the
/// language. clap hands its tips over only as finished English sentences,
/// so the known ones are recognised by their shape (the words around the
/// quoted parts); one of another shape is shown as clap wrote it.
fn tip(text: &str, w: Words) -> String {
    // The quoted parts, and the sentence around them.
    let parts: Vec<&str> = text.split('\'').collect();
    let quoted: Vec<String> = parts
        .iter()
        .skip(1)
        .step_by(2)
        .map(|q| format!("'{q}'"))
        .collect();
    let shape: Vec<&str> = parts.iter().step_by(2).copied().collect();
    let shape = shape.join("{}");
    let q = |i: usize| quoted.get(i).cloned().unwrap_or_default();
    match shape.as_str() {
        "to pass {} as a value, use {}" => w.with(
            "cli-error-tip-as-value",
            &[("arg", q(0).into()), ("use", q(1).into())],
        ),
        "{} exists" => w.with("cli-error-tip-exists", &[("use", q(0).into())]),
        "subcommand {} exists; to use it, remove the {} before it" => w.with(
            "cli-error-tip-no-dashes",
            &[("name", q(0).into()), ("dashes", q(1).into())],
        ),
        _ => text.to_string(),
    }
}
