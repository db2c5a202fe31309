//! The error that ends a command, in the command's language: the typed
//! ones (a settings file's faults, an import's file, the store's refusals,
//! Billy's and Twilio's) worded; any other as it is.

use crate::config::{ConfigError, ConfigUnreadable, ConsoleFileError};
use crate::engine::billing::{CannotInvoice, CustomerPick};
use crate::engine::import::ImportError;
use crate::engine::not_set_up::NotSetUp;
use crate::i18n::Words;
use crate::providers::billy::BillyError;
use crate::providers::twilio::TwilioError;
use crate::store::StoreError;
use crate::tomlfile::TomlError;
use crate::words::values;

/// `e` worded in `w`'s language when it is one error of a known kind (not
/// one given more context on the way: that context is kept as it is).
pub fn worded(w: Words, e: anyhow::Error) -> anyhow::Error {
    if let Some(u) = e.downcast_ref::<ConfigUnreadable>()
        && e.chain().count() == 2
    {
        return anyhow::anyhow!(values::config_unreadable(w, u));
    }
    // The system's refusal under a worded context ("kan ikke skrive X"):
    // the context as it is, the refusal worded.
    if let Some(io) = e.root_cause().downcast_ref::<std::io::Error>() {
        if io.kind() == std::io::ErrorKind::BrokenPipe {
            // A reader that stopped early: `main` ends quietly on it.
            return e;
        }
        let mut parts: Vec<String> = e.chain().map(|c| c.to_string()).collect();
        parts.pop();
        parts.push(values::io_error(w, io));
        return anyhow::anyhow!(parts.join(": "));
    }
    if e.chain().count() > 1 {
        return e;
    }
    if let Some(c) = e.downcast_ref::<ConfigError>() {
        return anyhow::anyhow!(values::config_error(w, c));
    }
    if let Some(t) = e.downcast_ref::<TomlError>() {
        return anyhow::anyhow!(values::toml_error(w, t));
    }
    if let Some(c) = e.downcast_ref::<ConsoleFileError>() {
        return anyhow::anyhow!(values::console_file_error(w, c));
    }
    if let Some(i) = e.downcast_ref::<ImportError>() {
        return anyhow::anyhow!(values::import_error(w, i));
    }
    if let Some(s) = e.downcast_ref::<StoreError>() {
        return anyhow::anyhow!(values::store_error(w, s));
    }
    if let Some(p) = e.downcast_ref::<CustomerPick>() {
        return anyhow::anyhow!(values::customer_pick(w, p));
    }
    if let Some(b) = e.downcast_ref::<BillyError>() {
        return anyhow::anyhow!(values::billy_error(w, b));
    }
    if let Some(t) = e.downcast_ref::<TwilioError>() {
        return anyhow::anyhow!(values::twilio_error(w, t));
    }
    if let Some(n) = e.downcast_ref::<NotSetUp>() {
        return anyhow::anyhow!(values::not_set_up(w, n));
    }
    if let Some(c) = e.downcast_ref::<CannotInvoice>() {
        return anyhow::anyhow!(w.with(
            "cli-cannot-invoice",
            &[
                ("id", c.id.into()),
                ("why", values::not_billable(w, &c.why).into())
            ]
        ));
    }
    e
}
