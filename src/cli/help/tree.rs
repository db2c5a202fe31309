//! The command line's definition worded from the catalogue: every command's
//! description, every argument's text and placeholder, the headings, and
//! what clap would add in English after a text (`[default: …]`,
//! `[possible values: …]`, `[env: …]`), which it is told to leave out.

use clap::builder::PossibleValue;
use clap::{Arg, Command};

use crate::i18n::Words;

/// Where one command's words are in the catalogue.
#[derive(Debug, Clone)]
pub(super) struct Keys {
    /// The command's description (`cli-help-series-pause`).
    pub about: String,
    /// What its arguments' keys start with (`cli-help-series-pause--from`).
    pub args: String,
    /// What its subcommands' keys start with.
    pub path: String,
}

/// The top command's keys start with this.
const TOP: &str = "cli-help";
/// clap's `help` subcommand, at any level.
const HELP_COMMAND: &str = "cli-help-help-command";

impl Keys {
    /// The keys of `renos` itself.
    pub fn top() -> Keys {
        Keys {
            about: TOP.into(),
            args: TOP.into(),
            path: TOP.into(),
        }
    }

    /// The keys of the subcommand `name`. clap's `help` has keys of its
    /// own; the commands it lists under it are this command's.
    pub fn sub(&self, name: &str) -> Keys {
        if name == "help" {
            return Keys {
                about: HELP_COMMAND.into(),
                args: HELP_COMMAND.into(),
                path: self.path.clone(),
            };
        }
        let key = format!("{}-{name}", self.path);
        Keys {
            about: key.clone(),
            args: key.clone(),
            path: key,
        }
    }

    /// The key of `arg`'s text: its own, else, for an option every command
    /// takes (the global ones, `--help`, `--version`), the top command's.
    pub fn arg(&self, w: Words, arg: &Arg) -> String {
        let id = arg.get_id().as_str();
        let own = format!("{}--{id}", self.args);
        let shared = arg.is_global_set() || id == "help" || id == "version";
        if w.has(&own) || !shared {
            own
        } else {
            format!("{TOP}--{id}")
        }
    }
}

/// The key of a placeholder (`DATE` → `cli-value-date`, `da|en` →
/// `cli-value-da-en`).
pub(super) fn value_key(name: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("cli-value-{slug}")
}

/// The placeholders `arg` shows (`--date <DATE>`): the ones it was given,
/// else its name in capitals, as clap does; none for a flag.
pub(super) fn value_names(arg: &Arg) -> Vec<String> {
    if !arg.get_action().takes_values() {
        return Vec::new();
    }
    match arg.get_value_names() {
        Some(names) => names.iter().map(|n| n.to_string()).collect(),
        None => vec![arg.get_id().as_str().to_uppercase()],
    }
}

/// The key of the text of `value`, one of an argument's choices.
pub(super) fn choice_key(arg_key: &str, value: &str) -> String {
    format!("{arg_key}--{value}")
}

/// The choices of `arg` shown with a text each, as clap does in the long
/// help; empty when none has a text.
pub(super) fn described_choices(arg: &Arg) -> Vec<PossibleValue> {
    let shown: Vec<PossibleValue> = arg
        .get_possible_values()
        .into_iter()
        .filter(|p| !p.is_hide_set())
        .collect();
    if shown.iter().any(|p| p.get_help().is_some()) {
        shown
    } else {
        Vec::new()
    }
}

/// The words every command's help uses, looked up once.
struct Common {
    usage: String,
    options: String,
    arguments: String,
    commands: String,
    options_placeholder: String,
    command_placeholder: String,
}

impl Common {
    fn new(w: Words) -> Common {
        Common {
            usage: w.get("cli-help-usage"),
            options: w.get("cli-help-options"),
            arguments: w.get("cli-help-arguments"),
            commands: w.get("cli-help-commands"),
            options_placeholder: w.get("cli-value-options"),
            command_placeholder: w.get("cli-value-command"),
        }
    }
}

/// The command line `cmd` (built) with every text from `w`'s catalogue.
pub(super) fn worded(cmd: Command, w: Words) -> Command {
    word(cmd, w, &Common::new(w), &Keys::top())
}

/// `cmd` and its subcommands with the catalogue's texts.
fn word(mut cmd: Command, w: Words, c: &Common, keys: &Keys) -> Command {
    if w.has(&keys.about) {
        let long = format!("{}-long", keys.about);
        cmd = cmd.about(w.get(&keys.about));
        cmd = if w.has(&long) {
            cmd.long_about(w.get(&long))
        } else {
            cmd.long_about(None::<&'static str>)
        };
    }
    // clap chose at its build whether `--help` is the long form: the texts
    // follow that choice.
    let long = cmd.get_long_about().is_some()
        || cmd
            .get_arguments()
            .any(|a| !described_choices(a).is_empty());
    cmd = cmd
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            c.usage
        ))
        .subcommand_help_heading(c.commands.clone())
        .subcommand_value_name(c.command_placeholder.clone());
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        cmd = cmd.mut_arg(id, |a| word_arg(a, w, c, keys, long));
    }
    if c.options_placeholder != "OPTIONS" {
        // clap writes `[OPTIONS]` into the usage itself: the usage is
        // made here, in the language.
        let usage = cmd.render_usage().to_string();
        let usage = usage.split_once(": ").map_or(usage.as_str(), |(_, u)| u);
        let usage = usage.replace("[OPTIONS]", &format!("[{}]", c.options_placeholder));
        cmd = cmd.override_usage(usage);
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let sub = keys.sub(&name);
        cmd = cmd.mut_subcommand(&name, |s| word(s, w, c, &sub));
    }
    cmd
}

/// One argument with its text, placeholders, heading and the notes clap
/// would add in English; `long` when the command's `--help` is the long
/// form.
fn word_arg(mut a: Arg, w: Words, c: &Common, keys: &Keys, long: bool) -> Arg {
    let key = keys.arg(w, &a);
    let id = a.get_id().as_str().to_string();
    let mut text = if w.has(&key) {
        w.get(&key)
    } else {
        a.get_help().map(|h| h.to_string()).unwrap_or_default()
    };
    if (id == "help" || id == "version") && long && w.has(&format!("{key}-more")) {
        // As clap says it: the short form points to the long one.
        a = a.long_help(w.get(&format!("{key}-summary")));
        text = w.get(&format!("{key}-more"));
        return a.help(text).help_heading(c.options.clone());
    }
    let names = value_names(&a);
    if !names.is_empty() {
        let worded: Vec<String> = names
            .iter()
            .map(|n| {
                let k = value_key(n);
                if w.has(&k) { w.get(&k) } else { n.clone() }
            })
            .collect();
        a = a.value_names(worded);
    }
    let notes = notes(&a, w);
    let choices = described_choices(&a);
    let short = [text.clone()]
        .into_iter()
        .chain(notes.iter().cloned())
        .chain(
            (!choices.is_empty())
                .then(|| possible_values(&a, w))
                .flatten(),
        )
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let heading = if a.is_positional() {
        &c.arguments
    } else {
        &c.options
    };
    a = a
        .help(short)
        .help_heading(heading.clone())
        .hide_default_value(true)
        .hide_possible_values(true)
        .hide_env(true);
    if long {
        let mut parts = Vec::new();
        if !text.is_empty() {
            parts.push(text);
        }
        if !choices.is_empty() {
            let width = choices.iter().map(|p| p.get_name().chars().count()).max();
            let mut list = w.get("cli-help-possible-values-heading");
            for p in &choices {
                let name = p.get_name();
                let pad = width.unwrap_or(0) - name.chars().count();
                let k = choice_key(&key, name);
                let said = if w.has(&k) {
                    w.get(&k)
                } else {
                    p.get_help().map(|h| h.to_string()).unwrap_or_default()
                };
                list.push_str(&format!("\n- {name}: {:pad$}{said}", ""));
            }
            parts.push(list);
        }
        if !notes.is_empty() {
            parts.push(notes.join("\n"));
        }
        a = a.long_help(parts.join("\n\n"));
    } else {
        a = a.long_help(None::<&'static str>);
    }
    a
}

/// What clap adds after an argument's text, in the language: the
/// environment variable, the default, the choices (when they have no text
/// of their own).
fn notes(a: &Arg, w: Words) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(name) = a.get_env() {
        let value = std::env::var_os(name)
            .map(|v| v.to_string_lossy().into_owned())
            .unwrap_or_default();
        notes.push(w.with(
            "cli-help-env",
            &[
                ("name", name.to_string_lossy().into_owned().into()),
                ("value", value.into()),
            ],
        ));
    }
    let defaults = a.get_default_values();
    if a.get_action().takes_values() && !defaults.is_empty() {
        let value = defaults
            .iter()
            .map(|d| quoted(&d.to_string_lossy()))
            .collect::<Vec<_>>()
            .join(" ");
        notes.push(w.with("cli-help-default", &[("value", value.into())]));
    }
    if described_choices(a).is_empty() {
        notes.extend(possible_values(a, w));
    }
    notes
}

/// `[possible values: a, b]` for `a`'s choices, if it has any.
fn possible_values(a: &Arg, w: Words) -> Option<String> {
    let names: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|p| !p.is_hide_set())
        .map(|p| quoted(p.get_name()))
        .collect();
    (!names.is_empty()).then(|| {
        w.with(
            "cli-help-possible-values",
            &[("values", names.join(", ").into())],
        )
    })
}

/// A value as clap shows it: in quotes when empty or with a blank in it.
pub(super) fn quoted(value: &str) -> String {
    if value.is_empty() || value.contains(char::is_whitespace) {
        format!("{value:?}")
    } else {
        value.to_string()
    }
}
