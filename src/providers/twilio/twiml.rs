//! TwiML for a spoken alert, and reading it back: a small XML reader that
//! knows enough (elements, attributes, text, entities, comments, CDATA) to
//! check a document and find what its `<Say>` verbs speak.

/// The language every alert is spoken in.
pub const LANGUAGE: &str = "da-DK";
/// Amazon Polly's Danish female voice.
pub const VOICE: &str = "Polly.Naja";

/// `<?xml version="1.0" encoding="UTF-8"?><Response><Say language="da-DK"
/// voice="Polly.Naja">…</Say></Response>` speaking `text`.
///
/// The text is XML-escaped (`& < > " '`); tabs and line breaks become
/// spaces and every other control character (and U+FFFE, U+FFFF, which XML
/// does not allow) is dropped.
pub fn say_twiml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 120);
    out.push_str(r#"<?xml version="1.0" encoding="UTF-8"?><Response><Say language=""#);
    out.push_str(LANGUAGE);
    out.push_str(r#"" voice=""#);
    out.push_str(VOICE);
    out.push_str(r#"">"#);
    escape_into(&mut out, text);
    out.push_str("</Say></Response>");
    out
}

fn escape_into(out: &mut String, text: &str) {
    let mut prev = ' ';
    for c in text.chars() {
        let after_cr = prev == '\r';
        prev = c;
        match c {
            '\n' if after_cr => {}
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
}

/// What a TwiML document speaks: the text of its `<Say>` verbs (unescaped,
/// several joined by a space), or `None` when it is not well-formed XML,
/// its root is not `<Response>`, or nothing is said.
pub fn spoken_text(twiml: &str) -> Option<String> {
    let says = says(twiml).ok()?;
    if says.is_empty() {
        return None;
    }
    let texts: Vec<&str> = says.iter().map(|s| s.text.as_str()).collect();
    Some(texts.join(" "))
}

/// One `<Say>` verb.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Say {
    pub(crate) language: Option<String>,
    pub(crate) voice: Option<String>,
    pub(crate) text: String,
}

/// Every `<Say>` of a document whose root is `<Response>`, in document
/// order; or why the document is not TwiML.
pub(crate) fn says(twiml: &str) -> Result<Vec<Say>, String> {
    let root = parse(twiml)?;
    if root.name != "Response" {
        return Err(format!(
            "the root element is <{}>, not <Response>",
            root.name
        ));
    }
    let mut out = Vec::new();
    collect_says(&root, &mut out);
    Ok(out)
}

fn collect_says(el: &Element, out: &mut Vec<Say>) {
    for child in &el.children {
        if let Node::Element(c) = child {
            if c.name == "Say" {
                let mut text = String::new();
                text_of(c, &mut text);
                out.push(Say {
                    language: c.attr("language").map(str::to_string),
                    voice: c.attr("voice").map(str::to_string),
                    text,
                });
            } else {
                collect_says(c, out);
            }
        }
    }
}

/// The text of an element and its descendants (SSML inside `<Say>`).
fn text_of(el: &Element, out: &mut String) {
    for child in &el.children {
        match child {
            Node::Text(t) => out.push_str(t),
            Node::Element(c) => text_of(c, out),
        }
    }
}

/// An XML element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Element {
    pub(crate) name: String,
    pub(crate) attrs: Vec<(String, String)>,
    pub(crate) children: Vec<Node>,
}

impl Element {
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    Element(Element),
    Text(String),
}

/// Deeper documents are refused (the reader is recursive).
const MAX_DEPTH: usize = 64;

/// The root element of a well-formed XML document (no DOCTYPE).
pub(crate) fn parse(doc: &str) -> Result<Element, String> {
    let mut r = Reader {
        s: doc.strip_prefix('\u{feff}').unwrap_or(doc),
        pos: 0,
    };
    r.misc()?;
    if r.rest().starts_with("<!DOCTYPE") {
        return Err("a DOCTYPE is not allowed".to_string());
    }
    if !r.rest().starts_with('<') {
        return Err("no root element".to_string());
    }
    let root = r.element(0)?;
    r.misc()?;
    if !r.rest().is_empty() {
        return Err("text after the root element".to_string());
    }
    Ok(root)
}

struct Reader<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Reader<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }

    fn skip_ws(&mut self) -> bool {
        let rest = self.rest();
        let trimmed = rest.trim_start_matches([' ', '\t', '\n', '\r']);
        self.pos += rest.len() - trimmed.len();
        trimmed.len() != rest.len()
    }

    /// Skips up to and including `end`.
    fn skip_past(&mut self, end: &str, what: &str) -> Result<&'a str, String> {
        let rest = self.rest();
        let at = rest.find(end).ok_or_else(|| format!("unclosed {what}"))?;
        self.pos += at + end.len();
        Ok(&rest[..at])
    }

    /// Whitespace, comments and processing instructions (the XML
    /// declaration among them).
    fn misc(&mut self) -> Result<(), String> {
        loop {
            self.skip_ws();
            if self.rest().starts_with("<?") {
                self.skip_past("?>", "processing instruction")?;
            } else if self.rest().starts_with("<!--") {
                self.pos += 4;
                self.skip_past("-->", "comment")?;
            } else {
                return Ok(());
            }
        }
    }

    fn name(&mut self) -> Result<&'a str, String> {
        let rest = self.rest();
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':')))
            .unwrap_or(rest.len());
        let name = &rest[..len];
        match name.chars().next() {
            Some(c) if c.is_alphabetic() || c == '_' || c == ':' => {
                self.pos += len;
                Ok(name)
            }
            _ => Err("a tag or attribute without a valid name".to_string()),
        }
    }

    fn expect(&mut self, token: &str) -> Result<(), String> {
        if self.rest().starts_with(token) {
            self.pos += token.len();
            Ok(())
        } else {
            Err(format!("expected `{token}`"))
        }
    }

    /// An element starting at `<`.
    fn element(&mut self, depth: usize) -> Result<Element, String> {
        if depth > MAX_DEPTH {
            return Err("elements nested too deeply".to_string());
        }
        self.expect("<")?;
        let name = self.name()?.to_string();
        let mut attrs: Vec<(String, String)> = Vec::new();
        loop {
            let spaced = self.skip_ws();
            if self.rest().starts_with("/>") {
                self.pos += 2;
                return Ok(Element {
                    name,
                    attrs,
                    children: Vec::new(),
                });
            }
            if self.rest().starts_with('>') {
                self.pos += 1;
                break;
            }
            if !spaced {
                return Err(format!("malformed tag <{name}>"));
            }
            let attr = self.name()?.to_string();
            self.skip_ws();
            self.expect("=")?;
            self.skip_ws();
            let quote = match self.rest().chars().next() {
                Some(q @ ('"' | '\'')) => q,
                _ => return Err(format!("the value of `{attr}` is not quoted")),
            };
            self.pos += 1;
            let rest = self.rest();
            let end = rest
                .find(quote)
                .ok_or_else(|| format!("unclosed value of `{attr}`"))?;
            let raw = &rest[..end];
            if raw.contains('<') {
                return Err(format!("`<` in the value of `{attr}`"));
            }
            self.pos += end + 1;
            if attrs.iter().any(|(n, _)| *n == attr) {
                return Err(format!("`{attr}` given twice in <{name}>"));
            }
            attrs.push((attr, unescape(raw)?));
        }
        let mut children = Vec::new();
        loop {
            let rest = self.rest();
            if rest.is_empty() {
                return Err(format!("<{name}> is not closed"));
            } else if rest.starts_with("</") {
                self.pos += 2;
                let closing = self.name()?;
                if closing != name {
                    return Err(format!("<{name}> closed by </{closing}>"));
                }
                self.skip_ws();
                self.expect(">")?;
                return Ok(Element {
                    name,
                    attrs,
                    children,
                });
            } else if rest.starts_with("<!--") {
                self.pos += 4;
                self.skip_past("-->", "comment")?;
            } else if rest.starts_with("<![CDATA[") {
                self.pos += 9;
                let text = self.skip_past("]]>", "CDATA section")?;
                check_chars(text)?;
                push_text(&mut children, text.to_string());
            } else if rest.starts_with("<?") {
                self.skip_past("?>", "processing instruction")?;
            } else if rest.starts_with('<') {
                children.push(Node::Element(self.element(depth + 1)?));
            } else {
                let end = rest.find('<').unwrap_or(rest.len());
                let raw = &rest[..end];
                if raw.contains("]]>") {
                    return Err("`]]>` in text".to_string());
                }
                self.pos += end;
                push_text(&mut children, unescape(raw)?);
            }
        }
    }
}

/// Adjacent text (around a comment, CDATA) is one text node.
fn push_text(children: &mut Vec<Node>, text: String) {
    if let Some(Node::Text(last)) = children.last_mut() {
        last.push_str(&text);
    } else {
        children.push(Node::Text(text));
    }
}

fn allowed(c: char) -> bool {
    (!c.is_control() || matches!(c, '\t' | '\n' | '\r')) && !matches!(c, '\u{fffe}' | '\u{ffff}')
}

fn check_chars(text: &str) -> Result<(), String> {
    match text.chars().find(|c| !allowed(*c)) {
        Some(c) => Err(format!(
            "the character U+{:04X} is not allowed",
            u32::from(c)
        )),
        None => Ok(()),
    }
}

/// Resolves the five named entities and character references.
fn unescape(raw: &str) -> Result<String, String> {
    check_chars(raw)?;
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let end = after
            .find(';')
            .filter(|e| *e <= 10)
            .ok_or("a `&` that starts no entity")?;
        let entity = &after[..end];
        let c = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = if let Some(hex) = entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                {
                    u32::from_str_radix(hex, 16).ok()
                } else if let Some(dec) = entity.strip_prefix('#') {
                    dec.parse::<u32>().ok()
                } else {
                    None
                };
                code.and_then(char::from_u32)
                    .filter(|c| allowed(*c))
                    .ok_or_else(|| format!("unknown entity `&{entity};`"))?
            }
        };
        out.push(c);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn say_twiml_is_the_exact_document() {
        assert_eq!(
            say_twiml("Hej"),
            r#"<?xml version="1.0" encoding="UTF-8"?><Response><Say language="da-DK" voice="Polly.Naja">Hej</Say></Response>"#
        );
    }

    #[test]
    fn escaping_round_trips() {
        let text = r#"Booking hos Jensen & Søn <A/S> "x" 'y'"#;
        let doc = say_twiml(text);
        assert!(doc.contains(
            "Booking hos Jensen &amp; Søn &lt;A/S&gt; &quot;x&quot; &apos;y&apos;</Say>"
        ));
        assert_eq!(spoken_text(&doc).as_deref(), Some(text));
        let says = says(&doc).expect("twiml");
        assert_eq!(
            says,
            vec![Say {
                language: Some("da-DK".into()),
                voice: Some("Polly.Naja".into()),
                text: text.to_string(),
            }]
        );
    }

    #[test]
    fn control_characters_are_dropped_and_breaks_become_spaces() {
        let doc = say_twiml("a\u{0}b\u{7}c\nd\te\r\u{1b}f\u{ffff}\r\ng");
        assert_eq!(spoken_text(&doc).as_deref(), Some("abc d e f g"));
        assert!(parse(&doc).is_ok());
        assert_eq!(spoken_text(&say_twiml("")).as_deref(), Some(""));
    }

    #[test]
    fn spoken_text_reads_other_documents() {
        let doc = "<Response>\n  <!-- alert -->\n  <Say voice='Polly.Mads'>Kl. 10 &#xE6;&#248;</Say>\n  \
                   <Pause length=\"1\"/><Gather><Say>Tryk 1</Say></Gather>\n  \
                   <Say><![CDATA[a < b]]> &amp; <break time=\"1s\"/>c</Say></Response>\n";
        assert_eq!(
            spoken_text(doc).as_deref(),
            Some("Kl. 10 æø Tryk 1 a < b & c")
        );
        assert_eq!(
            says(doc).expect("twiml")[0].voice.as_deref(),
            Some("Polly.Mads")
        );
        assert_eq!(spoken_text("<Response><Hangup/></Response>"), None);
        assert_eq!(spoken_text("<Response/>"), None);
    }

    #[test]
    fn malformed_documents_are_refused() {
        for bad in [
            "",
            "Hej",
            "<Response>",
            "<Response><Say>a</Response>",
            "<Response><Say>a & b</Say></Response>",
            "<Response><Say>&nbsp;</Say></Response>",
            "<Response><Say>&#0;</Say></Response>",
            "<Response><Say language=da>a</Say></Response>",
            "<Response><Say a=\"1\"b=\"2\">a</Say></Response>",
            "<Response><Say a=\"1\" a=\"2\">a</Say></Response>",
            "<Response></Response>trailing",
            "<Response/><Response/>",
            "<!DOCTYPE x><Response/>",
            "<Response><Say>\u{1}</Say></Response>",
            "<1Response/>",
            "<Response><!-- open</Response>",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
            assert_eq!(spoken_text(bad), None, "{bad:?}");
        }
        assert!(says("<Other><Say>x</Say></Other>").is_err());
        let deep = "<a>".repeat(100) + &"</a>".repeat(100);
        assert!(parse(&deep).is_err());
    }

    /// What `say_twiml` keeps of a text.
    fn sanitised(text: &str) -> String {
        text.replace("\r\n", " ")
            .chars()
            .filter_map(|c| match c {
                '\t' | '\n' | '\r' => Some(' '),
                c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => None,
                c => Some(c),
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn any_text_round_trips(text in "\\PC*|[&<>\"'\\x00-\\x1f\u{7f}-\u{9f}a-zæøå ]{0,40}") {
            let doc = say_twiml(&text);
            proptest::prop_assert_eq!(spoken_text(&doc), Some(sanitised(&text)));
        }

        #[test]
        fn any_input_is_read_without_panicking(doc in "[<>/=\"'&;!?\\[\\]a-zA-Z#x0-9 -]{0,60}") {
            let _ = parse(&doc);
            let _ = spoken_text(&doc);
        }
    }

    #[test]
    fn declaration_comments_and_bom_are_skipped() {
        let doc = "\u{feff}<?xml version=\"1.0\"?>\n<!-- x -->\n<Response ><Say >ok</Say ></Response>\n<!-- y -->";
        assert_eq!(spoken_text(doc).as_deref(), Some("ok"));
    }
}
