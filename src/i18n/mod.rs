//! The console's words, one catalogue per language (`locales/da.ftl`,
//! `locales/en.ftl`, Fluent syntax: variables and plurals), built into the
//! binary. The language is a value (`Language`) handed to whoever draws:
//! nothing here holds a current language, so two consoles (or two tests) in
//! one process may speak different languages at once.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

pub use fluent_bundle::FluentValue as Arg;

/// The languages the console speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    /// Danish, the default: the company and its dispatchers are Danish.
    #[default]
    Da,
    /// English.
    En,
}

impl Language {
    /// Every language, Danish first.
    pub const ALL: [Language; 2] = [Language::Da, Language::En];

    /// `"da"` or `"en"` (also `"dansk"`, `"english"`, any case).
    pub fn parse(text: &str) -> Option<Language> {
        match text.trim().to_ascii_lowercase().as_str() {
            "da" | "dansk" | "danish" | "da-dk" | "da_dk" => Some(Language::Da),
            "en" | "english" | "engelsk" | "en-gb" | "en-us" | "en_gb" | "en_us" => {
                Some(Language::En)
            }
            _ => None,
        }
    }

    /// The code the config file uses: `da` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Da => "da",
            Language::En => "en",
        }
    }

    /// The catalogue of this language.
    pub fn words(self) -> Words {
        Words {
            catalogue: match self {
                Language::Da => &DA,
                Language::En => &EN,
            },
        }
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// One language's messages, read once from the embedded file.
pub struct Catalogue {
    language: Language,
    /// The Fluent source, for the tests that walk the catalogue.
    source: &'static str,
    bundle: FluentBundle<FluentResource>,
    /// What went wrong reading the file (none: a test makes sure).
    errors: Vec<String>,
}

static DA: LazyLock<Catalogue> =
    LazyLock::new(|| Catalogue::read(Language::Da, include_str!("../../locales/da.ftl")));
static EN: LazyLock<Catalogue> =
    LazyLock::new(|| Catalogue::read(Language::En, include_str!("../../locales/en.ftl")));

impl Catalogue {
    fn read(language: Language, source: &'static str) -> Catalogue {
        let mut errors = Vec::new();
        let id = match language.code().parse() {
            Ok(id) => id,
            Err(e) => {
                errors.push(format!("{}: {e}", language.code()));
                unic_langid::LanguageIdentifier::default()
            }
        };
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // A terminal shows the Unicode isolation marks Fluent puts around
        // variables by default; the console's text is all left to right.
        bundle.set_use_isolating(false);
        let resource = match FluentResource::try_new(source.to_string()) {
            Ok(r) => r,
            Err((r, errs)) => {
                errors.extend(errs.iter().map(|e| format!("{}: {e:?}", language.code())));
                r
            }
        };
        if let Err(errs) = bundle.add_resource(resource) {
            errors.extend(errs.iter().map(|e| format!("{}: {e}", language.code())));
        }
        Catalogue {
            language,
            source,
            bundle,
            errors,
        }
    }
}

/// The words of one language: `words.get("footer-quit")`,
/// `words.with("status-bookings", &[("n", 3.into())])`. A key the
/// catalogue lacks shows as itself (a test keeps that from happening).
#[derive(Clone, Copy)]
pub struct Words {
    catalogue: &'static Catalogue,
}

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Words({})", self.catalogue.language)
    }
}

impl Words {
    /// The language these words are in.
    pub fn language(self) -> Language {
        self.catalogue.language
    }

    /// A message without variables.
    pub fn get(self, key: &str) -> String {
        self.format(key, None)
    }

    /// A message with its variables.
    pub fn with(self, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        let mut fa = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            fa.set(*name, value.clone());
        }
        self.format(key, Some(&fa))
    }

    /// True when the catalogue has `key`.
    pub fn has(self, key: &str) -> bool {
        self.catalogue.bundle.has_message(key)
    }

    fn format(self, key: &str, args: Option<&FluentArgs>) -> String {
        let bundle = &self.catalogue.bundle;
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_string();
        };
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }

    /// The catalogue's Fluent source.
    pub fn source(self) -> &'static str {
        self.catalogue.source
    }

    /// What went wrong reading the catalogue: nothing, unless the file is
    /// broken (a test checks both files).
    pub fn errors(self) -> &'static [String] {
        &self.catalogue.errors
    }
}

#[cfg(test)]
mod tests;
