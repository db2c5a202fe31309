//! The WebDAV XML the client sends (PROPFIND, REPORT bodies) and reads
//! (multistatus, error bodies). Read with roxmltree, which refuses DTDs, so
//! no entity in an answer can expand or reach out. Pure: no I/O.

use roxmltree::{Document, Node, ParsingOptions};

use crate::providers::calendar::ProviderError;

const DAV: &str = "DAV:";
const CALDAV: &str = "urn:ietf:params:xml:ns:caldav";

/// Most elements one answer may hold (a sync listing of 10,000 items is
/// about 80,000).
const NODES_LIMIT: u32 = 4_000_000;

/// PROPFIND Depth 0 on the base URL: who we are and where calendars live.
pub const PROPFIND_PRINCIPAL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
  <d:prop><d:current-user-principal/><d:resourcetype/><c:calendar-home-set/></d:prop>
</d:propfind>"#;

/// PROPFIND Depth 1 on a calendar home: its calendars.
pub const PROPFIND_CALENDARS: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:">
  <d:prop><d:resourcetype/><d:displayname/></d:prop>
</d:propfind>"#;

/// PROPFIND Depth 0 on one item: its etag.
pub const PROPFIND_ETAG: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>"#;

/// `sync-collection` (RFC 6578) from `token` (empty: everything).
pub fn sync_collection(token: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<d:sync-collection xmlns:d="DAV:">
  <d:sync-token>{}</d:sync-token>
  <d:sync-level>1</d:sync-level>
  <d:prop><d:getetag/></d:prop>
</d:sync-collection>"#,
        escape(token)
    )
}

/// `calendar-multiget` (RFC 4791 7.9) of `hrefs`: etag and data of each.
pub fn multiget(hrefs: &[String]) -> String {
    let mut body = String::from(
        r#"<?xml version="1.0" encoding="utf-8"?>
<c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
  <d:prop><d:getetag/><c:calendar-data/></d:prop>
"#,
    );
    for h in hrefs {
        body.push_str("  <d:href>");
        body.push_str(&escape(h));
        body.push_str("</d:href>\n");
    }
    body.push_str("</c:calendar-multiget>");
    body
}

/// `calendar-query` (RFC 4791 7.8): the events whose property `name`
/// contains `value` (the caller keeps the exact matches).
pub fn query_property(name: &str, value: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
  <d:prop><d:getetag/><c:calendar-data/></d:prop>
  <c:filter>
    <c:comp-filter name="VCALENDAR">
      <c:comp-filter name="VEVENT">
        <c:prop-filter name="{}">
          <c:text-match collation="i;octet">{}</c:text-match>
        </c:prop-filter>
      </c:comp-filter>
    </c:comp-filter>
  </c:filter>
</c:calendar-query>"#,
        escape(name),
        escape(value)
    )
}

/// Text made safe inside an XML element or attribute.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// One `DAV:response` of a multistatus, with the properties we ask for
/// (only those the server answered with 200).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Response {
    pub href: String,
    /// The status of the response itself (`404` for a deletion in a sync
    /// listing, `507` for a truncated one), if it has one.
    pub status: Option<u16>,
    pub etag: Option<String>,
    pub calendar_data: Option<String>,
    /// `resourcetype` holds `C:calendar`.
    pub is_calendar: bool,
    pub display_name: Option<String>,
    /// `current-user-principal`'s href.
    pub principal: Option<String>,
    /// `calendar-home-set`'s href.
    pub home: Option<String>,
}

/// A `DAV:multistatus`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Multistatus {
    pub responses: Vec<Response>,
    /// The `sync-token` of a sync listing.
    pub sync_token: Option<String>,
}

impl Multistatus {
    /// A sync listing cut short by the server (RFC 6578 3.6: 507 on the
    /// request-URI): the rest follows from [`Multistatus::sync_token`].
    pub fn truncated(&self) -> bool {
        self.responses.iter().any(|r| r.status == Some(507))
    }
}

fn parse(body: &[u8]) -> Result<Document<'_>, ProviderError> {
    let text = std::str::from_utf8(body)
        .map_err(|_| ProviderError::BadData("an XML answer that is not UTF-8".to_string()))?;
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: NODES_LIMIT,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options)
        .map_err(|e| ProviderError::BadData(format!("an XML answer that cannot be read: {e}")))
}

fn is(node: &Node, ns: &str, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(ns)
}

fn child<'a, 'i>(node: Node<'a, 'i>, ns: &str, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| is(c, ns, name))
}

fn text(node: Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect::<String>()
        .trim()
        .to_string()
}

/// `HTTP/1.1 404 Not Found` → 404.
fn status_code(node: Node) -> Option<u16> {
    text(node).split_whitespace().nth(1)?.parse().ok()
}

fn href_in(node: Node) -> Option<String> {
    child(node, DAV, "href").map(text).filter(|h| !h.is_empty())
}

/// Reads a multistatus answer.
pub fn multistatus(body: &[u8]) -> Result<Multistatus, ProviderError> {
    let doc = parse(body)?;
    let root = doc.root_element();
    if !is(&root, DAV, "multistatus") {
        return Err(ProviderError::BadData(format!(
            "expected a WebDAV multistatus, got <{}>",
            root.tag_name().name()
        )));
    }
    let mut out = Multistatus {
        sync_token: child(root, DAV, "sync-token").map(text),
        ..Multistatus::default()
    };
    for r in root.children().filter(|c| is(c, DAV, "response")) {
        let Some(href) = href_in(r) else {
            continue;
        };
        let mut resp = Response {
            href,
            status: child(r, DAV, "status").and_then(status_code),
            ..Response::default()
        };
        for ps in r.children().filter(|c| is(c, DAV, "propstat")) {
            let ok = child(ps, DAV, "status")
                .and_then(status_code)
                .is_some_and(|s| (200..300).contains(&s));
            let Some(prop) = child(ps, DAV, "prop") else {
                continue;
            };
            if !ok {
                continue;
            }
            for p in prop.children().filter(Node::is_element) {
                match (p.tag_name().namespace(), p.tag_name().name()) {
                    (Some(DAV), "getetag") => resp.etag = Some(text(p)).filter(|e| !e.is_empty()),
                    (Some(CALDAV), "calendar-data") => resp.calendar_data = Some(text(p)),
                    (Some(DAV), "resourcetype") => {
                        resp.is_calendar = child(p, CALDAV, "calendar").is_some();
                    }
                    (Some(DAV), "displayname") => resp.display_name = Some(text(p)),
                    (Some(DAV), "current-user-principal") => resp.principal = href_in(p),
                    (Some(CALDAV), "calendar-home-set") => resp.home = href_in(p),
                    _ => {}
                }
            }
        }
        out.responses.push(resp);
    }
    Ok(out)
}

/// A `DAV:error` body names the precondition `name` (e.g.
/// `valid-sync-token`, RFC 6578 3.2). Anything unreadable is `false`.
pub fn names_precondition(body: &[u8], name: &str) -> bool {
    let Ok(doc) = parse(body) else {
        return false;
    };
    let root = doc.root_element();
    is(&root, DAV, "error") && root.children().any(|c| is(&c, DAV, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SYNC: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<d:multistatus xmlns:d="DAV:">
  <d:response>
    <d:href>/anna/cal/a.ics</d:href>
    <d:propstat><d:prop><d:getetag>"1"</d:getetag></d:prop>
      <d:status>HTTP/1.1 200 OK</d:status></d:propstat>
  </d:response>
  <d:response>
    <d:href>/anna/cal/gone.ics</d:href>
    <d:status>HTTP/1.1 404 Not Found</d:status>
  </d:response>
  <d:response>
    <d:href>/anna/cal/</d:href>
    <d:status>HTTP/1.1 507 Insufficient Storage</d:status>
  </d:response>
  <d:sync-token>http://example.com/sync/2</d:sync-token>
</d:multistatus>"#;

    #[test]
    fn a_sync_listing_reads_changes_deletions_and_truncation() {
        let m = multistatus(SYNC.as_bytes()).unwrap();
        assert_eq!(m.sync_token.as_deref(), Some("http://example.com/sync/2"));
        assert_eq!(m.responses.len(), 3);
        assert_eq!(m.responses[0].etag.as_deref(), Some("\"1\""));
        assert_eq!(m.responses[1].status, Some(404));
        assert!(m.truncated());
    }

    #[test]
    fn properties_refused_are_left_out() {
        let body = r#"<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
<response><href>/p/</href>
<propstat><prop><current-user-principal><href>/anna/</href></current-user-principal>
<resourcetype><collection/><C:calendar/></resourcetype></prop><status>HTTP/1.1 200 OK</status></propstat>
<propstat><prop><C:calendar-home-set/></prop><status>HTTP/1.1 404 Not Found</status></propstat>
</response></multistatus>"#;
        let m = multistatus(body.as_bytes()).unwrap();
        let r = &m.responses[0];
        assert_eq!(r.principal.as_deref(), Some("/anna/"));
        assert!(r.is_calendar);
        assert_eq!(r.home, None);
        assert!(!m.truncated());
    }

    #[test]
    fn dtds_are_refused() {
        let body = r#"<?xml version="1.0"?>
<!DOCTYPE lol [<!ENTITY lol "lol">]>
<d:multistatus xmlns:d="DAV:"><d:response><d:href>&lol;</d:href></d:response></d:multistatus>"#;
        assert!(matches!(
            multistatus(body.as_bytes()),
            Err(ProviderError::BadData(_))
        ));
    }

    #[test]
    fn an_invalid_token_is_told_by_its_precondition() {
        let body =
            br#"<?xml version="1.0"?><D:error xmlns:D="DAV:"><D:valid-sync-token/></D:error>"#;
        assert!(names_precondition(body, "valid-sync-token"));
        assert!(!names_precondition(b"<html/>", "valid-sync-token"));
        assert!(!names_precondition(b"not xml", "valid-sync-token"));
    }

    #[test]
    fn request_bodies_escape_what_they_carry() {
        let b = sync_collection("a<b>&c");
        assert!(b.contains("<d:sync-token>a&lt;b&gt;&amp;c</d:sync-token>"));
        let m = multiget(&["/x/a&b.ics".to_string()]);
        assert!(m.contains("<d:href>/x/a&amp;b.ics</d:href>"));
        assert!(Document::parse(&query_property("X-RENOS-BOOKING", "7\"<")).is_ok());
    }
}
