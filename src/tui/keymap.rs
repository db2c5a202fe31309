//! Keys → actions. The built-in keymap is TOML like the user's file, which is
//! merged over it; the footer and the help overlay are generated from the
//! result. A bad file stops start-up with a message naming the line.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Result, anyhow};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use super::action::{ACTIONS, Action};

pub const DEFAULT_KEYMAP: &str = r#"# The built-in keymap. A user keymap file has the same shape; its keys are
# merged over these ("x" = "none" unbinds a key).
[keys]
"left" = "select_prev"
"h" = "select_prev"
"right" = "select_next"
"l" = "select_next"
"up" = "lane_up"
"k" = "lane_up"
"down" = "lane_down"
"j" = "lane_down"
"n" = "new_booking"
"e" = "edit_booking"
"m" = "move_booking"
"d" = "cancel_booking"
"u" = "undo"
"ctrl-r" = "redo"
"ctrl-s" = "save"
"L" = "journal"
"r" = "review_queue"
"S" = "sync"
"C" = "sync_conflicts"
"I" = "invoice"
"V" = "voice_alert"
"P" = "poll_payments"
"M" = "remind"
"s" = "start_job"
"f" = "finish_job"
"[" = "prev_day"
"pageup" = "prev_day"
"]" = "next_day"
"pagedown" = "next_day"
"t" = "today"
"<" = "scroll_earlier"
">" = "scroll_later"
"+" = "zoom_in"
"=" = "zoom_in"
"-" = "zoom_out"
"?" = "help"
"esc" = "cancel"
"ctrl-l" = "redraw"
"q" = "quit"
"ctrl-c" = "quit"
"#;

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
    pub fn parse(spec: &str) -> Result<Key, String> {
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
            return Err(format!(
                "{spec:?} is not a key; write a character (\"q\", \"?\"), a name ({}, f1…f12) or ctrl-/alt- before one",
                NAMED
                    .iter()
                    .map(|(n, ..)| *n)
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
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

#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: BTreeMap<Key, Action>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeymapFile {
    #[serde(default)]
    keys: BTreeMap<String, String>,
}

impl Default for Keymap {
    fn default() -> Self {
        // The built-in map is tested to parse; fall back to empty only to avoid a panic path.
        Keymap::parse(DEFAULT_KEYMAP, Path::new("(built-in keymap)"), None).unwrap_or(Keymap {
            bindings: BTreeMap::new(),
        })
    }
}

impl Keymap {
    /// The built-in keymap with the user's file (if any) merged over it.
    pub fn load(user: Option<&Path>) -> Result<Keymap> {
        let base = Keymap::default();
        match user {
            None => Ok(base),
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| anyhow!("cannot read keymap file {}: {e}", path.display()))?;
                Keymap::parse(&text, path, Some(base))
            }
        }
    }

    /// Parses keymap text over `base`; errors name the file and line.
    pub fn parse(text: &str, path: &Path, base: Option<Keymap>) -> Result<Keymap> {
        let file: KeymapFile = crate::tomlfile::parse(text, path)?;
        let mut bindings = base.map(|b| b.bindings).unwrap_or_default();
        for (key, action) in file.keys {
            let line = crate::tomlfile::line_of_key(text, &key);
            let at = |msg: String| anyhow!("{}: line {line}: {msg}", path.display());
            let k = Key::parse(&key).map_err(at)?;
            let a = Action::parse(&action).ok_or_else(|| {
                at(format!(
                    "{action:?} is not an action; use one of: {}",
                    Action::names()
                ))
            })?;
            if a == Action::Nothing {
                bindings.remove(&k);
            } else {
                bindings.insert(k, a);
            }
        }
        Ok(Keymap { bindings })
    }

    pub fn action(&self, ev: &KeyEvent) -> Option<Action> {
        Key::from_event(ev).and_then(|k| self.bindings.get(&k).copied())
    }

    /// Keys bound to `action`, in a stable order.
    /// Arrows first, then plain characters, then the rest.
    pub fn keys_for(&self, action: Action) -> Vec<Key> {
        let mut keys: Vec<Key> = self
            .bindings
            .iter()
            .filter(|(_, a)| **a == action)
            .map(|(k, _)| *k)
            .collect();
        keys.sort_by_key(|k| {
            let rank = match k.code {
                KeyCodeOrd::Named(
                    NamedKey::Left | NamedKey::Right | NamedKey::Up | NamedKey::Down,
                ) => 0,
                KeyCodeOrd::Char(_) if !k.ctrl && !k.alt => 1,
                _ => 2,
            };
            (rank, *k)
        });
        keys
    }

    /// Footer items: (keys, label) for actions that have a footer label,
    /// pairing an action with its partner (`select_prev` + `select_next`).
    pub fn footer(&self) -> Vec<(String, &'static str)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < ACTIONS.len() {
            let (_, action, _, label) = ACTIONS[i];
            let partner = ACTIONS
                .get(i + 1)
                .filter(|(_, _, _, l)| l.is_empty() && !label.is_empty());
            if !label.is_empty() {
                let first = self.keys_for(action).first().map(Key::label);
                let second =
                    partner.and_then(|(_, a, ..)| self.keys_for(*a).first().map(Key::label));
                match (first, second) {
                    (Some(a), Some(b)) => out.push((format!("{a}{b}"), label)),
                    (Some(a), None) | (None, Some(a)) => out.push((a, label)),
                    (None, None) => {}
                }
            }
            i += if partner.is_some() { 2 } else { 1 };
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn built_in_keymap_parses_and_binds_the_documented_keys() {
        let km =
            Keymap::parse(DEFAULT_KEYMAP, Path::new("builtin"), None).expect("built-in keymap");
        assert_eq!(
            km.action(&ev(KeyCode::Char('q'), KeyModifiers::NONE)),
            Some(Action::Quit)
        );
        assert_eq!(
            km.action(&ev(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            km.action(&ev(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            Some(Action::Help)
        );
        assert_eq!(
            km.action(&ev(KeyCode::Left, KeyModifiers::NONE)),
            Some(Action::SelectPrev)
        );
        assert_eq!(
            km.action(&ev(KeyCode::Char('l'), KeyModifiers::NONE)),
            Some(Action::SelectNext)
        );
        assert_eq!(
            km.action(&ev(KeyCode::Char('s'), KeyModifiers::NONE)),
            Some(Action::StartJob)
        );
    }

    #[test]
    fn user_file_merges_over_and_unbinds() {
        let user = "[keys]\n\"x\" = \"quit\"\n\"q\" = \"none\"\n\"ctrl-s\" = \"start_job\"\n";
        let km = Keymap::parse(user, Path::new("keys.toml"), Some(Keymap::default()))
            .expect("user keymap");
        assert_eq!(
            km.action(&ev(KeyCode::Char('x'), KeyModifiers::NONE)),
            Some(Action::Quit)
        );
        assert_eq!(km.action(&ev(KeyCode::Char('q'), KeyModifiers::NONE)), None);
        assert_eq!(
            km.action(&ev(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            Some(Action::StartJob)
        );
        assert_eq!(
            km.action(&ev(KeyCode::Char('s'), KeyModifiers::NONE)),
            Some(Action::StartJob)
        );
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
    }

    #[test]
    fn footer_pairs_partners() {
        let footer = Keymap::default().footer();
        assert!(footer.contains(&("[]".to_string(), "day")), "{footer:?}");
        assert!(footer.contains(&("q".to_string(), "quit")), "{footer:?}");
    }
}
