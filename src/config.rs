//! `config.toml` and the XDG paths. Every setting has a default, so no file
//! is needed; a bad file stops start-up with a message naming the line.

use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::NaiveTime;
use serde::Deserialize;

use crate::domain::holidays::Holidays;
use crate::domain::invoice::BillingRules;
use crate::domain::time::parse_hm;
use crate::domain::{Access, BusinessTz, ConflictRules, OvertimeRules};
use crate::i18n::Language;

use error::FieldError;

mod acting;
mod api;
mod calendars;
mod console_file;
mod error;
mod office;
mod providers;
mod roles;
mod series;
mod slots;
mod sync;

pub use acting::{actor, group_id, group_label, groups, login};
pub use api::ApiConfig;
pub use calendars::{CalendarRef, CalendarsConfig};
pub use console_file::{ConsoleFile, ConsoleFileError, DeadEnd, LineWhy};
pub use error::{ConfigError, ConfigUnreadable, FieldWhy, RangeNote, Unit};
pub use office::OfficeConfig;
pub use providers::{AlertsConfig, BillyConfig, TwilioConfig};
pub use series::SeriesConfig;
pub use slots::SlotsConfig;
pub use sync::{GoogleConfig, GoogleCredentials, SyncConfig};

/// The environment variable that chooses the console's language.
pub const LANGUAGE_ENV: &str = "RENOS_LANGUAGE";

/// The file as written; see `Settings` for the checked values.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct ConfigFile {
    time_zone: Option<String>,
    dispatcher: Option<String>,
    theme: Option<String>,
    keymap: Option<PathBuf>,
    database: Option<PathBuf>,
    day: DayFile,
    ui: UiFile,
    conflicts: ConflictsFile,
    overtime: OvertimeFile,
    google: sync::GoogleFile,
    sync: sync::SyncFile,
    billy: providers::BillyFile,
    billing: providers::BillingFile,
    twilio: providers::TwilioFile,
    alerts: providers::AlertsFile,
    office: office::OfficeFile,
    roles: Option<roles::RolesFile>,
    series: series::SeriesFile,
    holidays: series::HolidaysFile,
    slots: slots::SlotsFile,
    api: api::ApiFile,
    calendars: calendars::CalendarsFile,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct DayFile {
    start: Option<String>,
    end: Option<String>,
    /// Minutes the schedule moves per scroll step.
    scroll_min: Option<u32>,
    /// Minutes a booking moves per arrow key in move mode.
    move_step_min: Option<u32>,
}

/// `[ui]`: how the console speaks.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct UiFile {
    /// `"da"` or `"en"`.
    language: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct ConflictsFile {
    travel_gap_min: Option<u32>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct OvertimeFile {
    warning_pct: Option<u32>,
    alert_min_minutes: Option<u32>,
    alert_pct: Option<u32>,
}

/// Checked settings with every default filled in.
#[derive(Debug, Clone)]
pub struct Settings {
    pub tz: BusinessTz,
    /// The acting dispatcher written into the journal: the real login, with
    /// the config's display name beside it (see `actor`).
    pub dispatcher: String,
    /// The login of the real user running renos (by uid, not `$USER`).
    pub login: String,
    /// The config's `dispatcher`: a name to show beside the login.
    pub display_name: Option<String>,
    /// The login's role, from `[roles]` (everybody an admin without it).
    pub access: Access,
    pub theme: Option<String>,
    /// The language of the console's words (`[ui] language`, or
    /// `RENOS_LANGUAGE`; Danish unless told otherwise).
    pub language: Language,
    pub keymap: Option<PathBuf>,
    pub database: PathBuf,
    pub day_start: NaiveTime,
    pub day_end: NaiveTime,
    pub scroll_min: u32,
    pub move_step_min: u32,
    pub conflicts: ConflictRules,
    pub overtime: OvertimeRules,
    pub google: GoogleConfig,
    pub sync: SyncConfig,
    pub billy: BillyConfig,
    pub billing: BillingRules,
    pub twilio: TwilioConfig,
    pub alerts: AlertsConfig,
    /// How often the back office looks for work.
    pub office: OfficeConfig,
    /// How far ahead recurring bookings are made.
    pub series: SeriesConfig,
    /// The days the company is closed (public holidays and its own).
    pub holidays: Holidays,
    /// The slot finder's grid, notice limits and gap between areas.
    pub slots: SlotsConfig,
    /// `[api]`: the HTTP API's limits.
    pub api: ApiConfig,
    /// Each cleaner's own calendar, on any provider (`[calendars.staff]`).
    pub calendars: CalendarsConfig,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            tz: BusinessTz::default(),
            dispatcher: login(),
            login: login(),
            display_name: None,
            access: Access::unrestricted(&login()),
            theme: None,
            language: Language::default(),
            keymap: None,
            database: paths::data_dir().join("renos.db"),
            day_start: NaiveTime::from_hms_opt(7, 0, 0).unwrap_or(NaiveTime::MIN),
            day_end: NaiveTime::from_hms_opt(18, 0, 0).unwrap_or(NaiveTime::MIN),
            scroll_min: 60,
            move_step_min: 15,
            conflicts: ConflictRules::default(),
            overtime: OvertimeRules::default(),
            google: GoogleConfig::default(),
            sync: SyncConfig::default(),
            billy: BillyConfig::default(),
            billing: BillingRules::default(),
            twilio: TwilioConfig::from_file_default(),
            alerts: AlertsConfig::default(),
            office: OfficeConfig::default(),
            series: SeriesConfig::default(),
            holidays: Holidays::default(),
            slots: SlotsConfig::default(),
            api: ApiConfig::default(),
            calendars: CalendarsConfig::default(),
        }
    }
}

impl Settings {
    /// The acting dispatcher's name as the header shows it: the display
    /// name, or else the login.
    pub fn shown_name(&self) -> &str {
        self.display_name.as_deref().unwrap_or(&self.login)
    }

    /// The holidays and horizon recurring bookings are made with.
    pub fn calendar(&self) -> crate::domain::series::Calendar {
        crate::domain::series::Calendar {
            holidays: self.holidays.clone(),
            horizon_weeks: self.series.horizon_weeks,
        }
    }

    /// The rules of every finder question and sick call: `[slots]`, with
    /// `[conflicts] travel_gap_min` as the travel gap within an area.
    pub fn slot_rules(&self) -> crate::domain::slots::SlotRules {
        self.slots.rules(self.conflicts.travel_gap_min)
    }

    /// Loads `path`, or the XDG config file when `path` is `None`. A missing
    /// XDG file means defaults; a missing explicit file is an error.
    pub fn load(path: Option<&Path>) -> Result<Settings> {
        let (path, explicit) = match path {
            Some(p) => (p.to_path_buf(), true),
            None => (paths::config_dir().join("config.toml"), false),
        };
        let mut s = match crate::tomlfile::read(&path) {
            Ok(text) => Settings::parse(&text, &path)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => Settings::default(),
            Err(error) => return Err(ConfigUnreadable { file: path, error }.into()),
        };
        s.apply_env(&|k| std::env::var(k).ok());
        Ok(s)
    }

    /// Settings from the environment override the file's.
    pub fn apply_env(&mut self, env: &dyn Fn(&str) -> Option<String>) {
        // An unknown language in the environment is passed over: the
        // file's (or the default) stays.
        if let Some(l) = env(LANGUAGE_ENV).as_deref().and_then(Language::parse) {
            self.language = l;
        }
        self.google.apply_env(env);
        self.sync.apply_env(env);
        self.billy.apply_env(env);
        self.twilio.apply_env(env);
        self.alerts.apply_env(env);
    }

    /// Parses the text of a config file; `path` only names it in errors. A
    /// refused value is a [`ConfigError`]; a file that is not TOML, a
    /// [`crate::tomlfile::TomlError`].
    pub fn parse(text: &str, path: &Path) -> Result<Settings> {
        let file: ConfigFile = crate::tomlfile::parse(text, path)?;
        Ok(Settings::from_file(file, text, path)?)
    }

    /// The checked settings of a parsed file.
    fn from_file(file: ConfigFile, text: &str, path: &Path) -> Result<Settings, ConfigError> {
        let mut s = Settings::default();
        let at = |table: &str, key: &str| match crate::tomlfile::line_of_key_in(text, table, key) {
            0 => None,
            line => Some(line),
        };
        // The line of the key, for the words; the English has never named it
        // for these tables.
        let field = |name: &str, why: FieldWhy| {
            let line = match &why {
                FieldWhy::Rate {
                    service: Some(service),
                    ..
                } => at(name, service),
                _ => {
                    let (table, key) = name.split_once('.').unwrap_or(("", name));
                    at(table, key)
                }
            };
            ConfigError {
                file: path.to_path_buf(),
                line,
                english_line: false,
                field: name.to_string(),
                why,
            }
        };
        let pair = |(name, why): FieldError| field(name, why);
        if let Some(tz) = file.time_zone {
            s.tz = BusinessTz::parse(&tz)
                .map_err(|_| field("time_zone", FieldWhy::NotATimeZone { text: tz.clone() }))?;
        }
        if let Some(d) = file.dispatcher.filter(|d| !d.trim().is_empty()) {
            s.dispatcher = actor(&s.login, Some(&d));
            s.display_name = Some(d.trim().to_string());
        }
        s.theme = file.theme;
        if let Some(l) = file.ui.language {
            s.language = Language::parse(&l)
                .ok_or_else(|| field("ui.language", FieldWhy::NotALanguage { text: l.clone() }))?;
        }
        s.keymap = file.keymap;
        if let Some(db) = file.database {
            s.database = db;
        }
        let time = |name: &'static str, t: String| {
            parse_hm(&t).map_err(|_| field(name, FieldWhy::NotATime { text: t }))
        };
        if let Some(t) = file.day.start {
            s.day_start = time("day.start", t)?;
        }
        if let Some(t) = file.day.end {
            s.day_end = time("day.end", t)?;
        }
        if s.day_end <= s.day_start {
            return Err(field(
                "day.end",
                FieldWhy::EndBeforeStart { start: "day.start" },
            ));
        }
        let range = |name: &'static str, v: u32, low: u32, high: u32, unit: Unit| {
            if (low..=high).contains(&v) {
                Ok(v)
            } else {
                let why = FieldWhy::range(v, low.into(), high.into(), unit);
                Err(field(name, why))
            }
        };
        if let Some(m) = file.day.scroll_min {
            s.scroll_min = range("day.scroll_min", m, 5, 240, Unit::Minutes)?;
        }
        if let Some(m) = file.day.move_step_min {
            s.move_step_min = range("day.move_step_min", m, 1, 120, Unit::Minutes)?;
        }
        if let Some(g) = file.conflicts.travel_gap_min {
            s.conflicts.travel_gap_min =
                range("conflicts.travel_gap_min", g, 0, 240, Unit::Minutes)?;
        }
        let o = &mut s.overtime;
        if let Some(v) = file.overtime.warning_pct {
            o.warning_pct = range("overtime.warning_pct", v, 1, 100, Unit::None)?;
        }
        if let Some(v) = file.overtime.alert_min_minutes {
            o.alert_min_minutes = v;
        }
        if let Some(v) = file.overtime.alert_pct {
            o.alert_pct = range("overtime.alert_pct", v, 0, 1000, Unit::None)?;
        }
        s.google = GoogleConfig::from_file(file.google);
        s.sync = SyncConfig::from_file(file.sync).map_err(pair)?;
        let (billy, terms) = providers::billy_from_file(file.billy).map_err(pair)?;
        s.billy = billy;
        s.billing = providers::billing_from_file(file.billing, terms).map_err(pair)?;
        s.twilio = providers::twilio_from_file(file.twilio).map_err(pair)?;
        s.alerts = providers::alerts_from_file(file.alerts).map_err(pair)?;
        s.office = OfficeConfig::from_file(file.office).map_err(pair)?;
        s.access = roles::access(file.roles, &s.login, &groups(), path).map_err(pair)?;
        s.series = SeriesConfig::from_file(file.series).map_err(pair)?;
        s.holidays = series::holidays_from_file(file.holidays).map_err(pair)?;
        // With the line of the key named in English too.
        let keyed = |table: &str, key: &str, name: String, why: FieldWhy| ConfigError {
            line: at(table, key),
            english_line: true,
            ..field(&name, why)
        };
        let dotted = |(name, why): FieldError| {
            let (table, key) = name.split_once('.').unwrap_or(("", name));
            keyed(table, key, name.to_string(), why)
        };
        s.slots = SlotsConfig::from_file(file.slots, s.conflicts.travel_gap_min).map_err(dotted)?;
        s.api = ApiConfig::from_file(file.api).map_err(dotted)?;
        s.calendars = CalendarsConfig::from_file(file.calendars).map_err(|r| {
            let name = format!("{}.{:?}", r.table, r.key);
            keyed(r.table, &r.key, name, r.why)
        })?;
        Ok(s)
    }
}

/// XDG base directories, with the usual fallbacks under `$HOME`.
pub mod paths {
    use std::path::PathBuf;

    fn xdg(var: &str, fallback: &str) -> PathBuf {
        match std::env::var_os(var).filter(|v| !v.is_empty()) {
            Some(v) => PathBuf::from(v),
            None => std::env::var_os("HOME")
                .map(PathBuf::from)
                .unwrap_or_else(std::env::temp_dir)
                .join(fallback),
        }
    }

    pub fn config_dir() -> PathBuf {
        xdg("XDG_CONFIG_HOME", ".config").join("renos")
    }

    pub fn data_dir() -> PathBuf {
        xdg("XDG_DATA_HOME", ".local/share").join("renos")
    }

    pub fn state_dir() -> PathBuf {
        xdg("XDG_STATE_HOME", ".local/state").join("renos")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(t: &str) -> Result<Settings> {
        Settings::parse(t, Path::new("config.toml"))
    }

    #[test]
    fn empty_file_is_all_defaults() {
        let s = parse("").expect("defaults");
        assert_eq!(s.tz.name(), "Europe/Copenhagen");
        assert_eq!(s.conflicts.travel_gap_min, 15);
        assert_eq!(s.overtime, OvertimeRules::default());
    }

    #[test]
    fn settings_are_read() {
        let s = parse("time_zone = \"Europe/Oslo\"\ndispatcher = \"mette\"\n[day]\nstart = \"06:30\"\n[conflicts]\ntravel_gap_min = 20\n[overtime]\nalert_min_minutes = 45\n")
            .expect("parse");
        assert_eq!(s.tz.name(), "Europe/Oslo");
        assert_eq!(s.display_name.as_deref(), Some("mette"));
        assert_eq!(s.dispatcher, actor(&login(), Some("mette")));
        assert_eq!(s.shown_name(), "mette");
        assert_eq!(parse("").expect("defaults").shown_name(), login());
        assert_eq!(s.day_start.format("%H:%M").to_string(), "06:30");
        assert_eq!(s.conflicts.travel_gap_min, 20);
        assert_eq!(s.overtime.alert_min_minutes, 45);
    }

    #[test]
    fn the_language_is_danish_unless_the_file_or_the_environment_says_otherwise() {
        assert_eq!(parse("").expect("defaults").language, Language::Da);
        let mut s = parse("[ui]\nlanguage = \"en\"\n").expect("parse");
        assert_eq!(s.language, Language::En);
        s.apply_env(&|k| (k == LANGUAGE_ENV).then(|| "da".to_string()));
        assert_eq!(s.language, Language::Da);
        s.apply_env(&|k| (k == LANGUAGE_ENV).then(|| "klingon".to_string()));
        assert_eq!(s.language, Language::Da);
        let e = parse("[ui]\nlanguage = \"sv\"\n").unwrap_err().to_string();
        assert!(e.contains("ui.language") && e.contains("\"da\""), "{e}");
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let e = parse("dispatcher = \"a\"\ntravel_gap = 3\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("config.toml") && e.contains("line 2"), "{e}");
        let e = parse("[day]\nstart = \"7\"\n").unwrap_err().to_string();
        assert!(e.contains("day.start") && e.contains("HH:MM"), "{e}");
        let e = parse("time_zone = \"Mars/Base\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("time_zone"), "{e}");
    }

    #[test]
    fn staff_calendars_are_read_and_errors_name_the_line_and_cleaner() {
        let s = parse(
            "[calendars]\ncaldav_credentials = \"/etc/renos/caldav\"\n[calendars.staff]\n\
             \"Anna Jensen\" = \"caldav:http://127.0.0.1:5232/renos/anna/\"\n\
             \"Bo Hansen\" = \"google:bo@x.dk\"\n\"Carla Holm\" = \"outlook:carla@x.dk\"\n",
        )
        .expect("parse");
        let c = &s.calendars;
        assert_eq!(c.staff.len(), 3);
        assert_eq!(
            c.staff.get("Anna Jensen"),
            Some(&CalendarRef::CalDav(
                "http://127.0.0.1:5232/renos/anna/".to_string()
            ))
        );
        assert_eq!(
            c.caldav_credentials.as_deref(),
            Some(Path::new("/etc/renos/caldav"))
        );
        let e =
            parse("[calendars.staff]\n\"Anna\" = \"google:a\"\n\"Bo Hansen\" = \"icloud:bo\"\n")
                .unwrap_err()
                .to_string();
        assert!(
            e.contains("config.toml: line 3: calendars.staff.\"Bo Hansen\"")
                && e.contains("not a calendar provider"),
            "{e}"
        );
    }

    #[test]
    fn google_settings_come_from_the_file_and_the_environment_wins() {
        let mut s = parse(
            "[google]\ncalendar_id = \"fil@x.dk\"\nkey_file = \"/etc/key.json\"\n[google.staff_calendars]\n\"Anna\" = \"anna@x.dk\"\n[sync]\ninterval_min = 10\n",
        )
        .expect("parse");
        assert_eq!(s.google.calendars(), ["fil@x.dk", "anna@x.dk"]);
        assert_eq!(s.sync.interval, std::time::Duration::from_secs(600));
        assert!(matches!(
            s.google.credentials,
            Some(GoogleCredentials::KeyFile(_))
        ));
        let env = |k: &str| match k {
            "GOOGLE_CALENDAR_ID" => Some("env@x.dk".to_string()),
            "GOOGLE_CLIENT_EMAIL" => Some("sa@x.iam.gserviceaccount.com".to_string()),
            "GOOGLE_PRIVATE_KEY" => Some("-----BEGIN PRIVATE KEY-----\\nabc".to_string()),
            "CALENDAR_SYNC_INTERVAL" => Some("60000".to_string()),
            _ => None,
        };
        s.apply_env(&env);
        assert_eq!(s.google.calendar_id, "env@x.dk");
        assert_eq!(s.sync.interval, std::time::Duration::from_secs(60));
        let shown = format!("{:?}", s.google);
        assert!(
            shown.contains("sa@x") && !shown.contains("BEGIN"),
            "{shown}"
        );
        let e = parse("[sync]\ninterval_min = 0\n").unwrap_err().to_string();
        assert!(e.contains("sync.interval_min"), "{e}");
    }
}
