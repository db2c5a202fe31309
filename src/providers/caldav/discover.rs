//! Finding the calendars of a user from any URL of the server (RFC 4791
//! 6.2.1, RFC 5397): `current-user-principal`, then its
//! `calendar-home-set`, then the calendars in that home.

use reqwest::Url;

use super::client::{CalDavSettings, check_url, propfind_method};
use super::transport::{Dav, Request, XML, unexpected};
use super::xml::{self, Multistatus};
use crate::providers::calendar::{ProviderError, ProviderResult};

/// A calendar found on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarInfo {
    /// The whole URL of the collection, ending with `/`.
    pub url: String,
    /// Its display name, if it has one.
    pub name: Option<String>,
}

async fn propfind(
    dav: &Dav,
    url: &Url,
    depth: &'static str,
    body: &str,
) -> ProviderResult<Multistatus> {
    let mut req = Request::new(propfind_method(), url.clone());
    req.depth = Some(depth);
    req.body = Some((body.to_string(), XML));
    let answer = dav.send(&req).await?;
    if answer.status.as_u16() != 207 {
        return Err(unexpected(url.as_str(), &answer));
    }
    xml::multistatus(&answer.body)
}

fn join(base: &Url, href: &str) -> ProviderResult<Url> {
    base.join(href)
        .map_err(|e| ProviderError::BadData(format!("an href {href:?} ({e})")))
}

/// The calendars the user of `settings` can reach from `settings.url`. A
/// URL that is itself a calendar is the one calendar found.
pub async fn discover(settings: &CalDavSettings) -> ProviderResult<Vec<CalendarInfo>> {
    let base = check_url(&settings.url)?;
    let dav = Dav::new(settings.credentials.clone(), settings.retry)?;
    let first = propfind(&dav, &base, "0", xml::PROPFIND_PRINCIPAL).await?;
    let here = first.responses.first();
    if here.is_some_and(|r| r.is_calendar) {
        return Ok(vec![CalendarInfo {
            url: base.to_string(),
            name: here.and_then(|r| r.display_name.clone()),
        }]);
    }
    let home = match here.and_then(|r| r.home.clone()) {
        Some(h) => join(&base, &h)?,
        None => {
            let principal = here.and_then(|r| r.principal.clone()).ok_or_else(|| {
                ProviderError::NotFound(format!(
                    "{base} names no principal (current-user-principal): is it a CalDAV server?"
                ))
            })?;
            let principal = join(&base, &principal)?;
            let p = propfind(&dav, &principal, "0", xml::PROPFIND_PRINCIPAL).await?;
            let home = p.responses.first().and_then(|r| r.home.clone());
            let home = home.ok_or_else(|| {
                ProviderError::NotFound(format!("{principal} has no calendar home"))
            })?;
            join(&principal, &home)?
        }
    };
    let listing = propfind(&dav, &home, "1", xml::PROPFIND_CALENDARS).await?;
    let mut found = Vec::new();
    for r in listing.responses.into_iter().filter(|r| r.is_calendar) {
        let mut url = join(&home, &r.href)?;
        if !url.path().ends_with('/') {
            let path = format!("{}/", url.path());
            url.set_path(&path);
        }
        found.push(CalendarInfo {
            url: url.to_string(),
            name: r.display_name.filter(|n| !n.is_empty()),
        });
    }
    Ok(found)
}
