//! A refused phone number or e-mail address in words: the contact form and
//! the commands.

use crate::domain::contact::ContactField;
use crate::domain::contact::{EmailError, EmailFault, PhoneError};
use crate::i18n::Words;

/// A contact field's name: `Phone` / `Telefon`.
pub fn contact_label(w: Words, f: ContactField) -> String {
    w.get(match f {
        ContactField::Name => "customer-label-name",
        ContactField::Phone => "customer-label-phone",
        ContactField::Email => "customer-label-email",
        ContactField::Address => "customer-label-address",
        ContactField::Notes => "customer-label-notes",
    })
}

/// Why a phone number was refused, and what a valid one looks like.
pub fn phone_error(w: Words, e: &PhoneError) -> String {
    let text = format!("{:?}", e.text);
    if e.abroad {
        w.with("contact-phone-abroad", &[("text", text.into())])
    } else {
        w.with("contact-phone-danish", &[("text", text.into())])
    }
}

/// Why an e-mail address was refused.
pub fn email_error(w: Words, e: &EmailError) -> String {
    let why = match &e.fault {
        EmailFault::NoAt => w.get("contact-email-no-at"),
        EmailFault::TwoAts => w.get("contact-email-two-ats"),
        EmailFault::NoLocalPart => w.get("contact-email-no-local"),
        EmailFault::LocalBlank { space: true } => w.get("contact-email-local-space"),
        EmailFault::LocalBlank { space: false } => w.get("contact-email-local-blank"),
        EmailFault::LocalChar(c) => w.with(
            "contact-email-local-char",
            &[("char", format!("{c:?}").into())],
        ),
        EmailFault::LocalDotAtEdge => w.get("contact-email-local-dot-edge"),
        EmailFault::LocalTwoDots => w.get("contact-email-local-two-dots"),
        EmailFault::TooLong => w.get("contact-email-too-long"),
        EmailFault::NoDomain => w.get("contact-email-no-domain"),
        EmailFault::DomainChar(None) => w.get("contact-email-domain-space"),
        EmailFault::DomainChar(Some(c)) => w.with(
            "contact-email-domain-char",
            &[("char", format!("{c:?}").into())],
        ),
        EmailFault::DomainNoDot { domain } => w.with(
            "contact-email-domain-no-dot",
            &[("domain", format!("{domain:?}").into())],
        ),
        EmailFault::DomainTwoDots => w.get("contact-email-domain-two-dots"),
        EmailFault::DomainDotAtEdge => w.get("contact-email-domain-dot-edge"),
        EmailFault::DomainHyphenAtEdge => w.get("contact-email-domain-hyphen"),
        EmailFault::NoTopLevel { top } => w.with(
            "contact-email-no-top-level",
            &[("top", format!("{top:?}").into())],
        ),
    };
    w.with(
        "contact-email-refused",
        &[
            ("text", format!("{:?}", e.text).into()),
            ("why", why.into()),
        ],
    )
}
