//! Keys → actions, a table per mode (`[normal]`, `[form]`, `[move]`,
//! `[confirm]`, `[list]`, …). The built-in keymap is TOML like the user's
//! file, which is merged over it table by table; footers, hints and the help
//! overlay are generated from the result. A bad file, or one that leaves a
//! mode without a way out, stops start-up with a message naming the line.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{ACTIONS, Action, KeyMode, MODES, PAIRS};
use crate::config::{ConsoleFile, ConsoleFileError, DeadEnd, LineWhy};

/// The built-in keymap, a table per mode (`src/tui/keymap.toml`).
pub const DEFAULT_KEYMAP: &str = include_str!("keymap.toml");

/// A key as the keymap writes it: a code plus ctrl/alt (shift is part of the
/// character for printable keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCodeOrd,
    pub ctrl: bool,
    pub alt: bool,
}

/// `KeyCode` with an order, for a stable help listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCodeOrd {
    Char(char),
    F(u8),
    Named(NamedKey),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NamedKey {
    Left,
    Right,
    Up,
    Down,
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Home,
    End,
    PageUp,
    PageDown,
    Space,
}

const NAMED: &[(&str, NamedKey, &str)] = &[
    ("left", NamedKey::Left, "←"),
    ("right", NamedKey::Right, "→"),
    ("up", NamedKey::Up, "↑"),
    ("down", NamedKey::Down, "↓"),
    ("enter", NamedKey::Enter, "enter"),
    ("esc", NamedKey::Esc, "esc"),
    ("tab", NamedKey::Tab, "tab"),
    ("shift-tab", NamedKey::BackTab, "shift-tab"),
    ("backspace", NamedKey::Backspace, "backspace"),
    ("delete", NamedKey::Delete, "del"),
    ("home", NamedKey::Home, "home"),
    ("end", NamedKey::End, "end"),
    ("pageup", NamedKey::PageUp, "pgup"),
    ("pagedown", NamedKey::PageDown, "pgdn"),
    ("space", NamedKey::Space, "space"),
];

impl Key {
    /// Parses `q`, `?`, `ctrl-s`, `alt-x`, `left`, `shift-tab`, `f5`, `space`.
    pub fn parse(spec: &str) -> Result<Key, LineWhy> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = spec;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let lower = rest.to_ascii_lowercase();
        let code = if rest.chars().count() == 1 {
            let c = rest.chars().next().unwrap_or(' ');
            if c == ' ' {
                KeyCodeOrd::Named(NamedKey::Space)
            } else {
                KeyCodeOrd::Char(if ctrl || alt {
                    c.to_ascii_lowercase()
                } else {
                    c
                })
            }
        } else if let Some((_, k, _)) = NAMED.iter().find(|(n, ..)| *n == lower) {
            KeyCodeOrd::Named(*k)
        } else if let Some(n) = lower
            .strip_prefix('f')
            .and_then(|n| n.parse::<u8>().ok())
            .filter(|n| (1..=12).contains(n))
        {
            KeyCodeOrd::F(n)
        } else {
            return Err(LineWhy::NotAKey {
                key: spec.to_string(),
                names: NAMED.iter().map(|(n, ..)| *n).collect(),
            });
        };
        Ok(Key { code, ctrl, alt })
    }

    /// The key of a terminal event, if the keymap could name it.
    pub fn from_event(ev: &KeyEvent) -> Option<Key> {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let alt = ev.modifiers.contains(KeyModifiers::ALT);
        let code = match ev.code {
            KeyCode::Char(' ') => KeyCodeOrd::Named(NamedKey::Space),
            KeyCode::Char(c) => KeyCodeOrd::Char(if ctrl || alt {
                c.to_ascii_lowercase()
            } else {
                c
            }),
            KeyCode::F(n) => KeyCodeOrd::F(n),
            KeyCode::Left => KeyCodeOrd::Named(NamedKey::Left),
            KeyCode::Right => KeyCodeOrd::Named(NamedKey::Right),
            KeyCode::Up => KeyCodeOrd::Named(NamedKey::Up),
            KeyCode::Down => KeyCodeOrd::Named(NamedKey::Down),
            KeyCode::Enter => KeyCodeOrd::Named(NamedKey::Enter),
            KeyCode::Esc => KeyCodeOrd::Named(NamedKey::Esc),
            KeyCode::Tab if ev.modifiers.contains(KeyModifiers::SHIFT) => {
                KeyCodeOrd::Named(NamedKey::BackTab)
            }
            KeyCode::Tab => KeyCodeOrd::Named(NamedKey::Tab),
            KeyCode::BackTab => KeyCodeOrd::Named(NamedKey::BackTab),
            KeyCode::Backspace => KeyCodeOrd::Named(NamedKey::Backspace),
            KeyCode::Delete => KeyCodeOrd::Named(NamedKey::Delete),
            KeyCode::Home => KeyCodeOrd::Named(NamedKey::Home),
            KeyCode::End => KeyCodeOrd::Named(NamedKey::End),
            KeyCode::PageUp => KeyCodeOrd::Named(NamedKey::PageUp),
            KeyCode::PageDown => KeyCodeOrd::Named(NamedKey::PageDown),
            _ => return None,
        };
        Some(Key { code, ctrl, alt })
    }

    /// A key that types a character where the dispatcher types.
    pub fn is_text(&self) -> bool {
        !self.ctrl
            && !self.alt
            && matches!(
                self.code,
                KeyCodeOrd::Char(_) | KeyCodeOrd::Named(NamedKey::Space)
            )
    }

    /// How the footer and help show the key.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCodeOrd::Char(c) => c.to_string(),
            KeyCodeOrd::F(n) => format!("F{n}"),
            KeyCodeOrd::Named(k) => NAMED
                .iter()
                .find(|(_, n, _)| *n == k)
                .map_or("?", |(_, _, l)| l)
                .to_string(),
        };
        format!(
            "{}{}{base}",
            if self.ctrl { "ctrl-" } else { "" },
            if self.alt { "alt-" } else { "" }
        )
    }
}

/// Where a binding came from, for the order footers show keys in: the
/// user's file before the built-in keymap, then as written.
type Rank = (u32, usize);

/// One mode's table: key → (action, rank).
#[derive(Debug, Clone, Default)]
struct Table {
    bindings: BTreeMap<Key, (Action, Rank)>,
}

/// Every mode's keys.
#[derive(Debug, Clone)]
pub struct Keymap {
    tables: BTreeMap<KeyMode, Table>,
}

impl Default for Keymap {
    fn default() -> Self {
        // The built-in map is tested to parse; fall back to empty only to avoid a panic path.
        Keymap::parse(DEFAULT_KEYMAP, Path::new("(built-in keymap)"), None).unwrap_or(Keymap {
            tables: BTreeMap::new(),
        })
    }
}

/// A key the user's file bound or unbound, and what it did before.
struct Change {
    mode: KeyMode,
    line: usize,
    before: Option<Action>,
}

impl Keymap {
    /// The built-in keymap with the user's file (if any) merged over it.
    pub fn load(user: Option<&Path>) -> Result<Keymap> {
        let base = Keymap::default();
        match user {
            None => Ok(base),
            Some(path) => {
                let text =
                    crate::tomlfile::read(path).map_err(|error| ConsoleFileError::Unreadable {
                        file: path.to_path_buf(),
                        kind: ConsoleFile::Keymap,
                        error,
                    })?;
                Keymap::parse(&text, path, Some(base))
            }
        }
    }

    /// Parses keymap text over `base`, table by table; errors name the file
    /// and line. A keymap that leaves a mode without a way out is refused.
    pub fn parse(text: &str, path: &Path, base: Option<Keymap>) -> Result<Keymap> {
        let file: BTreeMap<String, BTreeMap<String, String>> = crate::tomlfile::parse(text, path)?;
        let mut tables = base.map(|b| b.tables).unwrap_or_default();
        for table in tables.values_mut() {
            for (_, rank) in table.bindings.values_mut() {
                rank.0 = rank.0.saturating_add(1);
            }
        }
        let at = |line: usize, why: LineWhy| ConsoleFileError::At {
            file: path.to_path_buf(),
            line,
            why,
        };
        if file.contains_key("keys") && file.contains_key("normal") {
            let line = crate::tomlfile::line_of_table(text, "normal");
            return Err(at(line, LineWhy::OldAndNewName).into());
        }
        let mut changes = Vec::new();
        let lines = crate::tomlfile::KeyLines::new(text);
        for (name, entries) in &file {
            let Some(mode) = KeyMode::of_table(name) else {
                let line = crate::tomlfile::line_of_table(text, name);
                let why = LineWhy::NotAMode {
                    table: name.clone(),
                    tables: MODES.iter().map(|m| m.table).collect(),
                };
                return Err(at(line, why).into());
            };
            let spec = mode.spec();
            for (key, action) in entries {
                let line = lines.of(name, key);
                let k = Key::parse(key).map_err(|why| at(line, why))?;
                // `save` and `cancel` on the schedule are the old way to bind
                // the form's and move mode's keys: only `[keys]` has them.
                let old_only = |a: &Action| {
                    name != "keys"
                        && mode == KeyMode::Normal
                        && matches!(a, Action::Save | Action::Cancel)
                };
                let a = Action::parse(action)
                    .filter(|a| mode.accepts(*a) && !old_only(a))
                    .ok_or_else(|| {
                        let why = LineWhy::NotAnAction {
                            action: action.clone(),
                            table: spec.table,
                            names: mode.names(),
                        };
                        at(line, why)
                    })?;
                if spec.typing && k.is_text() && a != Action::Nothing {
                    let why = LineWhy::TypedKey {
                        key: key.clone(),
                        table: spec.table,
                    };
                    return Err(at(line, why).into());
                }
                let mut bind = |mode: KeyMode, a: Action| {
                    let table = tables.entry(mode).or_default();
                    let before = if a == Action::Nothing {
                        table.bindings.remove(&k)
                    } else {
                        table.bindings.insert(k, (a, (0, line)))
                    };
                    changes.push(Change {
                        mode,
                        line,
                        before: before.map(|(a, _)| a),
                    });
                };
                bind(mode, a);
                // Old files bound save and cancel on the schedule for the
                // form, move mode and the lists: they still do.
                if name == "keys" && !k.is_text() {
                    let also: &[(KeyMode, Action)] = match a {
                        Action::Save => {
                            &[(KeyMode::Form, Action::Save), (KeyMode::Move, Action::Save)]
                        }
                        Action::Cancel => &[
                            (KeyMode::Form, Action::Close),
                            (KeyMode::Move, Action::PutBack),
                            (KeyMode::List, Action::Close),
                            (KeyMode::Conflicts, Action::Close),
                        ],
                        _ => &[],
                    };
                    for (m, a) in also {
                        bind(*m, *a);
                    }
                }
            }
        }
        let km = Keymap { tables };
        km.refuse_dead_ends(text, path, &changes)?;
        Ok(km)
    }

    /// Every mode keeps a key for its way out (quit, close, back, yes and
    /// no); else the error names the line that took the last one away.
    fn refuse_dead_ends(&self, text: &str, path: &Path, changes: &[Change]) -> Result<()> {
        for spec in MODES {
            for required in spec.required {
                if !self.keys_in(spec.mode, *required).is_empty() {
                    continue;
                }
                let line = changes
                    .iter()
                    .filter(|c| c.mode == spec.mode && c.before == Some(*required))
                    .map(|c| c.line)
                    .max()
                    .unwrap_or_else(|| crate::tomlfile::line_of_table(text, spec.table));
                let lost = match spec.mode {
                    KeyMode::Normal => DeadEnd::Quit,
                    KeyMode::Confirm | KeyMode::Stale => DeadEnd::Answer,
                    _ => DeadEnd::Leave,
                };
                return Err(ConsoleFileError::At {
                    file: path.to_path_buf(),
                    line,
                    why: LineWhy::DeadEnd {
                        table: spec.table,
                        action: required.name(),
                        lost,
                    },
                }
                .into());
            }
        }
        Ok(())
    }

    /// The action of a key in `mode`, if its table binds it.
    pub fn action(&self, mode: KeyMode, ev: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(ev)?;
        self.tables
            .get(&mode)
            .and_then(|t| t.bindings.get(&key))
            .map(|(a, _)| *a)
    }

    /// Keys bound to `action` on the schedule (see `keys_in`).
    pub fn keys_for(&self, action: Action) -> Vec<Key> {
        self.keys_in(KeyMode::Normal, action)
    }

    /// Keys bound to `action` in `mode`: the user's first, then as written.
    pub fn keys_in(&self, mode: KeyMode, action: Action) -> Vec<Key> {
        let Some(table) = self.tables.get(&mode) else {
            return Vec::new();
        };
        let mut keys: Vec<(Rank, Key)> = table
            .bindings
            .iter()
            .filter(|(_, (a, _))| *a == action)
            .map(|(k, (_, rank))| (*rank, *k))
            .collect();
        keys.sort();
        keys.into_iter().map(|(_, k)| k).collect()
    }

    /// How the first key of `action` in `mode` is shown, if it has one.
    pub fn first(&self, mode: KeyMode, action: Action) -> Option<String> {
        self.keys_in(mode, action).first().map(Key::label)
    }

    /// Footer items of the schedule: (keys, action) for actions the footer
    /// shows, an action and its partner together (`[]` for `prev_day` +
    /// `next_day`, under `prev_day`).
    pub fn footer(&self) -> Vec<(String, Action)> {
        ACTIONS
            .iter()
            .filter(|(_, _, shown)| *shown)
            .filter_map(|(_, action, _)| {
                let partner = PAIRS.iter().find(|(a, _)| a == action).map(|(_, b)| *b);
                let first = self.first(KeyMode::Normal, *action);
                let second = partner.and_then(|b| self.first(KeyMode::Normal, b));
                let keys = match (first, second) {
                    (Some(a), Some(b)) => format!("{a}{b}"),
                    (Some(a), None) | (None, Some(a)) => a,
                    (None, None) => return None,
                };
                Some((keys, *action))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
