//! Themes: a struct of `Style`s read from TOML files in `themes/` (built in)
//! or from a path. A user theme may set only some styles; the rest come from
//! the default dark theme. A bad file stops start-up naming the line.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;
use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use crate::config::{ConsoleFile, ConsoleFileError, LineWhy};

/// (name, file text) of the themes shipped in the binary.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("dark", include_str!("../../themes/dark.toml")),
    ("light", include_str!("../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
    ("monochrome", include_str!("../../themes/monochrome.toml")),
];

macro_rules! theme_struct {
    ($($field:ident),* $(,)?) => {
        #[derive(Debug, Clone, PartialEq)]
        pub struct Theme {
            pub name: String,
            /// Draw each cleaner's own colour beside their name.
            pub staff_colours: bool,
            $(pub $field: Style,)*
        }

        const STYLE_NAMES: &[&str] = &[$(stringify!($field)),*];

        impl Theme {
            fn empty(name: &str) -> Theme {
                Theme { name: name.to_string(), staff_colours: true, $($field: Style::default(),)* }
            }

            fn slot(&mut self, name: &str) -> Option<&mut Style> {
                match name {
                    $(stringify!($field) => Some(&mut self.$field),)*
                    _ => None,
                }
            }
        }
    };
}

theme_struct!(
    base,
    header,
    axis,
    lane_name,
    lane_empty,
    booking,
    running,
    done,
    late,
    clash,
    warning,
    selected,
    now_line,
    panel,
    panel_border,
    panel_title,
    label,
    meter_ok,
    meter_warning,
    meter_overtime,
    meter_alert,
    meter_empty,
    status,
    status_error,
    status_ok,
    footer,
    footer_key,
);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    name: Option<String>,
    staff_colours: Option<bool>,
    #[serde(default)]
    styles: BTreeMap<String, StyleSpec>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    fg: Option<String>,
    bg: Option<String>,
    #[serde(default)]
    modifiers: Vec<String>,
}

impl Theme {
    /// The default dark theme.
    pub fn dark() -> Theme {
        Theme::built_in("dark").unwrap_or_else(|_| Theme::empty("dark"))
    }

    pub fn built_in(name: &str) -> Result<Theme> {
        let (_, text) = BUILT_IN.iter().find(|(n, _)| *n == name).ok_or_else(|| {
            ConsoleFileError::NoSuchTheme {
                name: name.to_string(),
                built_in: BUILT_IN.iter().map(|(n, _)| *n).collect(),
            }
        })?;
        Theme::parse(
            text,
            Path::new(&format!("themes/{name}.toml")),
            Theme::empty(name),
        )
    }

    /// A built-in name, a file in `$XDG_CONFIG_HOME/renos/themes/NAME.toml`,
    /// or a path to a theme file.
    pub fn load(name_or_path: &str) -> Result<Theme> {
        let user = crate::config::paths::config_dir()
            .join("themes")
            .join(format!("{name_or_path}.toml"));
        let path = Path::new(name_or_path);
        let file = if name_or_path.ends_with(".toml") || name_or_path.contains('/') {
            Some(path.to_path_buf())
        } else if user.exists() {
            Some(user)
        } else {
            None
        };
        match file {
            None => Theme::built_in(name_or_path),
            Some(p) => {
                let text =
                    crate::tomlfile::read(&p).map_err(|error| ConsoleFileError::Unreadable {
                        file: p.clone(),
                        kind: ConsoleFile::Theme,
                        error,
                    })?;
                Theme::parse(&text, &p, Theme::dark())
            }
        }
    }

    /// Parses theme text over `base`; errors name the file and line.
    pub fn parse(text: &str, path: &Path, base: Theme) -> Result<Theme> {
        let file: ThemeFile = crate::tomlfile::parse(text, path)?;
        let mut theme = base;
        if let Some(n) = file.name {
            theme.name = n;
        }
        if let Some(c) = file.staff_colours {
            theme.staff_colours = c;
        }
        for (name, spec) in file.styles {
            let line = crate::tomlfile::line_of_key(text, &name);
            let at = |why: LineWhy| ConsoleFileError::At {
                file: path.to_path_buf(),
                line,
                why,
            };
            let style = spec_to_style(&spec).map_err(at)?;
            let slot = theme.slot(&name).ok_or_else(|| {
                at(LineWhy::NotAStyle {
                    name: name.clone(),
                    names: STYLE_NAMES.to_vec(),
                })
            })?;
            *slot = style;
        }
        Ok(theme)
    }
}

fn spec_to_style(spec: &StyleSpec) -> Result<Style, LineWhy> {
    let colour = |s: &str| {
        s.parse::<Color>().map_err(|_| LineWhy::NotAColour {
            text: s.to_string(),
        })
    };
    let mut style = Style::default();
    if let Some(fg) = &spec.fg {
        style = style.fg(colour(fg)?);
    }
    if let Some(bg) = &spec.bg {
        style = style.bg(colour(bg)?);
    }
    for m in &spec.modifiers {
        let modifier = match m.as_str() {
            "bold" => Modifier::BOLD,
            "dim" => Modifier::DIM,
            "italic" => Modifier::ITALIC,
            "underlined" => Modifier::UNDERLINED,
            "reversed" => Modifier::REVERSED,
            other => {
                return Err(LineWhy::NotAModifier {
                    text: other.to_string(),
                });
            }
        };
        style = style.add_modifier(modifier);
    }
    Ok(style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_theme_parses_and_sets_every_style() {
        for (name, text) in BUILT_IN {
            let t = Theme::parse(text, Path::new(name), Theme::empty(name)).expect(name);
            assert_eq!(t.name, *name);
            let file: ThemeFile = toml::from_str(text).expect("toml");
            for style in STYLE_NAMES {
                assert!(file.styles.contains_key(*style), "{name} lacks {style}");
            }
        }
    }

    #[test]
    fn monochrome_uses_no_colour() {
        let t = Theme::built_in("monochrome").expect("mono");
        let text = format!("{t:?}");
        assert!(!text.contains("Rgb") && !text.contains("Indexed"), "{text}");
    }

    #[test]
    fn bad_theme_files_name_the_line() {
        let bad = "name = \"mine\"\n[styles]\nbooking = { fg = \"blurple\" }\n";
        let e = Theme::parse(bad, Path::new("mine.toml"), Theme::dark())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("mine.toml: line 3") && e.contains("blurple"),
            "{e}"
        );
        let bad = "[styles]\nbase = {}\nbookings = { fg = \"red\" }\n";
        let e = Theme::parse(bad, Path::new("mine.toml"), Theme::dark())
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 3") && e.contains("not a style"), "{e}");
        let e = Theme::built_in("neon").unwrap_err().to_string();
        assert!(e.contains("monochrome"), "{e}");
    }

    #[test]
    fn a_partial_user_theme_keeps_the_rest() {
        let t = Theme::parse(
            "[styles]\nclash = { fg = \"red\" }\n",
            Path::new("x.toml"),
            Theme::dark(),
        )
        .expect("theme");
        assert_eq!(t.clash, Style::default().fg(Color::Red));
        assert_eq!(t.booking, Theme::dark().booking);
    }
}
