//! TwiML for a spoken alert (https://www.twilio.com/docs/voice/twiml/say).
//! Reading TwiML back is the Twilio fake's business, on a real XML parser;
//! `tests/it/twilio_client.rs` checks that what is written here reads back
//! there exactly.

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
    fn text_is_escaped_and_control_characters_dropped() {
        let doc = say_twiml(r#"Jensen & Søn <A/S> "x" 'y'"#);
        assert!(doc.contains(">Jensen &amp; Søn &lt;A/S&gt; &quot;x&quot; &apos;y&apos;</Say>"));
        let doc = say_twiml("a\u{0}b\u{7}c\nd\te\r\u{1b}f\u{ffff}\r\ng");
        assert!(doc.contains(">abc d e f g</Say>"), "{doc}");
    }
}
