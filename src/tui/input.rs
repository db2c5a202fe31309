//! A one-line text input: the text, a cursor, and the editing actions every
//! terminal user expects (the keymap's `[text]` table binds them: arrows,
//! home/end, backspace/delete, ctrl-a/e/u/w).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthStr;

use super::action::Action;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Cursor position in characters.
    cursor: usize,
    /// The whole text is selected (a form field just got the focus): the
    /// first printable key replaces it, a delete empties it, a cursor key
    /// keeps it and ends the selection.
    selected: bool,
}

impl LineInput {
    pub fn new(text: impl Into<String>) -> LineInput {
        let text = text.into();
        let cursor = text.chars().count();
        LineInput {
            text,
            cursor,
            selected: false,
        }
    }

    /// Selects the whole text (when its field gets the focus).
    pub fn select_all(&mut self) {
        self.selected = !self.text.is_empty();
        self.cursor = self.len();
    }

    /// Whether the whole text is selected.
    pub fn selected(&self) -> bool {
        self.selected
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Replaces the text, cursor at the end.
    pub fn set(&mut self, text: impl Into<String>) {
        *self = LineInput::new(text);
    }

    /// Display columns before the cursor, for placing the terminal cursor.
    pub fn cursor_col(&self) -> usize {
        let byte = self.byte_at(self.cursor);
        self.text[..byte].width()
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    /// Applies a key with its action in `[text]` (if the key has one):
    /// an editing action, or a printable character typed. Returns whether
    /// the text changed; keys it does not know are left to the caller
    /// (`None`).
    pub fn handle(&mut self, key: &KeyEvent, action: Option<Action>) -> Option<bool> {
        if std::mem::take(&mut self.selected) {
            let printable = action.is_none()
                && matches!(key.code, KeyCode::Char(_))
                && !key.modifiers.contains(KeyModifiers::CONTROL)
                && !key.modifiers.contains(KeyModifiers::ALT);
            let delete = matches!(
                action,
                Some(Action::DeleteBack | Action::DeleteForward | Action::DeleteWord)
            );
            if delete {
                self.set("");
                return Some(true);
            }
            if printable {
                self.set("");
            }
        }
        let len = self.len();
        match action {
            Some(Action::ClearLine) => {
                let changed = !self.text.is_empty();
                self.set("");
                Some(changed)
            }
            Some(Action::DeleteWord) => {
                let before: Vec<char> = self.text.chars().take(self.cursor).collect();
                let mut start = before.len();
                while start > 0 && before[start - 1] == ' ' {
                    start -= 1;
                }
                while start > 0 && before[start - 1] != ' ' {
                    start -= 1;
                }
                let (a, b) = (self.byte_at(start), self.byte_at(self.cursor));
                self.text.replace_range(a..b, "");
                let changed = start != self.cursor;
                self.cursor = start;
                Some(changed)
            }
            Some(Action::DeleteBack) if self.cursor > 0 => {
                let at = self.byte_at(self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
                Some(true)
            }
            Some(Action::DeleteForward) if self.cursor < len => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
                Some(true)
            }
            Some(Action::DeleteBack | Action::DeleteForward) => Some(false),
            Some(Action::CursorLeft) => {
                self.cursor = self.cursor.saturating_sub(1);
                Some(false)
            }
            Some(Action::CursorRight) => {
                self.cursor = (self.cursor + 1).min(len);
                Some(false)
            }
            Some(Action::LineStart) => {
                self.cursor = 0;
                Some(false)
            }
            Some(Action::LineEnd) => {
                self.cursor = len;
                Some(false)
            }
            Some(_) => None,
            None => match key.code {
                KeyCode::Char(c)
                    if !key.modifiers.contains(KeyModifiers::CONTROL)
                        && !key.modifiers.contains(KeyModifiers::ALT) =>
                {
                    let at = self.byte_at(self.cursor);
                    self.text.insert(at, c);
                    self.cursor += 1;
                    Some(true)
                }
                _ => None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::KeyMode;
    use crate::tui::keymap::Keymap;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    /// A key through the built-in `[text]` table.
    fn press(i: &mut LineInput, key: KeyEvent) -> Option<bool> {
        let action = Keymap::default().action(KeyMode::Text, &key);
        i.handle(&key, action)
    }

    #[test]
    fn a_selected_text_is_replaced_by_the_first_key_and_kept_by_the_arrows() {
        let mut i = LineInput::new("12:30");
        i.select_all();
        assert_eq!(press(&mut i, k(KeyCode::Char('9'))), Some(true));
        assert_eq!(i.text(), "9", "typed over, not appended");
        press(&mut i, k(KeyCode::Char(':')));
        assert_eq!(i.text(), "9:");
        let mut i = LineInput::new("12:30");
        i.select_all();
        press(&mut i, k(KeyCode::End));
        assert!(!i.selected());
        press(&mut i, k(KeyCode::Char('9')));
        assert_eq!(i.text(), "12:309", "after end the key is added");
        let mut i = LineInput::new("12:30");
        i.select_all();
        press(&mut i, k(KeyCode::Left));
        press(&mut i, k(KeyCode::Char('9')));
        assert_eq!(i.text(), "12:390");
        let mut i = LineInput::new("12:30");
        i.select_all();
        assert_eq!(press(&mut i, k(KeyCode::Backspace)), Some(true));
        assert_eq!(i.text(), "");
    }

    #[test]
    fn edits_in_the_middle_with_danish_letters() {
        let mut i = LineInput::new("Sren");
        for _ in 0..3 {
            press(&mut i, k(KeyCode::Left));
        }
        assert_eq!(press(&mut i, k(KeyCode::Char('ø'))), Some(true));
        assert_eq!(i.text(), "Søren");
        assert_eq!(i.cursor_col(), 2);
        press(&mut i, k(KeyCode::Backspace));
        press(&mut i, k(KeyCode::Delete));
        assert_eq!(i.text(), "Sen");
        press(
            &mut i,
            KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL),
        );
        assert_eq!(i.text(), "en");
        assert_eq!(press(&mut i, k(KeyCode::Tab)), None);
        press(
            &mut i,
            KeyEvent::new(KeyCode::Char('a'), KeyModifiers::CONTROL),
        );
        press(&mut i, k(KeyCode::Char('d')));
        assert_eq!(i.text(), "den");
        press(
            &mut i,
            KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
        );
        assert_eq!(i.text(), "");
    }
}
