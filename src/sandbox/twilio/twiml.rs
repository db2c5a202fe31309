//! What the fake hears in a TwiML document: the text of its `<Say>` verbs.
//!
//! Twilio parses the `Twiml` parameter of a new call as an XML document
//! whose root is `<Response>` (https://www.twilio.com/docs/voice/twiml) and
//! speaks each `<Say>` (https://www.twilio.com/docs/voice/twiml/say); SSML
//! tags inside `<Say>` (`<break>`, `<emphasis>`, …) shape how the text is
//! said but add no words. A real XML parser reads the document, so the fake
//! refuses what Twilio's parser would, not what a hand-written one happens
//! to miss.

/// One `<Say>` verb.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Say {
    pub(crate) language: Option<String>,
    pub(crate) voice: Option<String>,
    pub(crate) text: String,
}

/// Every `<Say>` of a document whose root is `<Response>`, in document
/// order (a `<Say>` nested in `<Gather>` included); or why the document is
/// not TwiML. DTDs are refused (roxmltree's default), so no entity can
/// expand.
pub(crate) fn says(twiml: &str) -> Result<Vec<Say>, String> {
    let doc = roxmltree::Document::parse(twiml).map_err(|e| e.to_string())?;
    let root = doc.root_element();
    if root.tag_name().name() != "Response" {
        return Err(format!(
            "the root element is <{}>, not <Response>",
            root.tag_name().name()
        ));
    }
    // Iterative (no recursion): a deep document cannot exhaust the stack.
    let out = root
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "Say")
        // A <Say> inside another <Say> is SSML of the outer one, not a verb.
        .filter(|n| {
            !n.ancestors()
                .skip(1)
                .any(|a| a.is_element() && a.tag_name().name() == "Say")
        })
        .map(|say| Say {
            language: say.attribute("language").map(str::to_string),
            voice: say.attribute("voice").map(str::to_string),
            text: say
                .descendants()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
                .collect(),
        })
        .collect();
    Ok(out)
}

/// What a TwiML document speaks: the text of its `<Say>` verbs (several
/// joined by a space), or `None` when it is not TwiML or says nothing.
pub(crate) fn spoken_text(twiml: &str) -> Option<String> {
    let all = says(twiml).ok()?;
    if all.is_empty() {
        return None;
    }
    Some(
        all.iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Response><Say language="da-DK" voice="Polly.Naja">Booking hos Jensen &amp; Søn &lt;A/S&gt; &quot;x&quot; &apos;y&apos;</Say></Response>"#;

    #[test]
    fn entities_are_resolved() {
        assert_eq!(
            says(DOC).expect("twiml"),
            vec![Say {
                language: Some("da-DK".into()),
                voice: Some("Polly.Naja".into()),
                text: r#"Booking hos Jensen & Søn <A/S> "x" 'y'"#.into(),
            }]
        );
    }

    #[test]
    fn other_documents_are_read() {
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
        let doc = "\u{feff}<?xml version=\"1.0\"?>\n<!-- x -->\n<Response ><Say >ok</Say ></Response>\n<!-- y -->";
        assert_eq!(spoken_text(doc).as_deref(), Some("ok"));
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
            "<!DOCTYPE x [<!ENTITY e \"boom\">]><Response><Say>&e;</Say></Response>",
            "<1Response/>",
            "<Response><!-- open</Response>",
        ] {
            assert!(says(bad).is_err(), "{bad:?}");
            assert_eq!(spoken_text(bad), None, "{bad:?}");
        }
        assert!(says("<Other><Say>x</Say></Other>").is_err());
    }

    #[test]
    fn deep_documents_do_not_overflow() {
        let deep =
            "<Response>".to_string() + &"<a>".repeat(5000) + &"</a>".repeat(5000) + "</Response>";
        // Either answer is fine; it must come back.
        let _ = says(&deep);
    }

    proptest::proptest! {
        #[test]
        fn any_input_is_read_without_panicking(doc in "[<>/=\"'&;!?\\[\\]a-zA-Z#x0-9 -]{0,60}") {
            let _ = says(&doc);
            let _ = spoken_text(&doc);
        }
    }
}
