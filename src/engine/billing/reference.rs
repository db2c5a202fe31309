//! The booking reference on an invoice, and finding a booking's earlier
//! invoice by it among a contact's invoices. Pure.
//!
//! The reference is the invoice's whole `contactMessage`, written as a
//! bracketed token, `[RenOS booking 5f3a9c0d1e2b-17]`: the database's
//! instance id and the booking id, closed by `]`. A match is the whole token,
//! brackets included, so booking 17's reference is never found inside
//! booking 170's (`…-170]`), 1700's, or in a phone number.
//!
//! Invoices written before the brackets carry `RenOS booking
//! 5f3a9c0d1e2b-17` (the rows in the database keep that text as their
//! reference). Those are still found, exactly: the old text counts only where
//! no digit follows it, which is where its booking id ends.

use std::collections::HashMap;

use crate::providers::billy::{Invoice, InvoiceKind};

/// The reference for booking `booking_id` of database `instance`.
pub fn reference(instance: &str, booking_id: i64) -> String {
    format!("[RenOS booking {instance}-{booking_id}]")
}

/// The reference of monthly invoice `invoice_id` of database `instance`:
/// `[RenOS month 5f3a9c0d1e2b-12]`, a whole token like a booking's.
pub fn monthly_reference(instance: &str, invoice_id: i64) -> String {
    format!("[RenOS month {instance}-{invoice_id}]")
}

/// `text` carries `reference`, exactly (see the module notes).
pub fn carries(text: &str, reference: &str) -> bool {
    if reference.is_empty() {
        return false;
    }
    if reference.starts_with('[') && reference.ends_with(']') {
        return text.contains(reference);
    }
    // The format without brackets: its booking id must end where it ends.
    text.match_indices(reference).any(|(at, _)| {
        !text[at + reference.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
    })
}

/// The invoice among `invoices` (one contact's, every page) that an earlier
/// attempt made for `reference`: an invoice, not a credit note, neither
/// voided nor credited in full. When there are several (which only a bug
/// could make), the first listed.
pub fn find_earlier<'a>(invoices: &'a [Invoice], reference: &str) -> Option<&'a Invoice> {
    let mut credited: HashMap<&str, i64> = HashMap::new();
    for note in invoices
        .iter()
        .filter(|i| i.kind == InvoiceKind::CreditNote)
    {
        if let Some(id) = note.credited_invoice_id.as_deref() {
            *credited.entry(id).or_default() += note.gross_ore.abs();
        }
    }
    let mut found = invoices.iter().filter(|i| {
        i.is_live_invoice()
            && carries(&i.contact_message, reference)
            && !credited_in_full(i, credited.get(i.id.as_str()).copied())
    });
    let first = found.next();
    if let (Some(a), Some(b)) = (first, found.next()) {
        tracing::warn!(
            "Billy has two invoices for {reference} ({} and {}); keeping the first",
            a.id,
            b.id
        );
    }
    first
}

/// Credit notes took back all of `inv`.
pub fn credited_in_full(inv: &Invoice, credited_ore: Option<i64>) -> bool {
    credited_ore.is_some_and(|c| c > 0 && c >= inv.gross_ore.abs())
}

/// What credit notes among `invoices` took back of invoice `id`, in øre.
pub fn credited_ore(invoices: &[Invoice], id: &str) -> Option<i64> {
    let notes: Vec<i64> = invoices
        .iter()
        .filter(|i| {
            i.kind == InvoiceKind::CreditNote && i.credited_invoice_id.as_deref() == Some(id)
        })
        .map(|i| i.gross_ore.abs())
        .collect();
    (!notes.is_empty()).then(|| notes.iter().sum())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::billy::InvoiceState;

    fn inv(id: &str, message: &str) -> Invoice {
        Invoice {
            id: id.into(),
            kind: InvoiceKind::Invoice,
            credited_invoice_id: None,
            invoice_no: Some("1001".into()),
            state: InvoiceState::Approved,
            contact_id: "c".into(),
            entry_date: None,
            due_date: None,
            amount_ore: 104_700,
            tax_ore: 26_175,
            gross_ore: 130_875,
            balance_ore: 130_875,
            is_paid: false,
            contact_message: message.into(),
        }
    }

    #[test]
    fn the_new_reference_is_a_whole_token() {
        let r17 = reference("ab12", 17);
        assert_eq!(r17, "[RenOS booking ab12-17]");
        assert!(carries(&r17, &r17));
        assert!(carries(&format!("Tak for i dag. {r17}"), &r17));
        for other in [
            reference("ab12", 170),
            reference("ab12", 1700),
            reference("ab12", 1),
            reference("ab12", 7),
            reference("ab12", 71),
            reference("xab12", 17),
            "Ring på +45 17171717".to_string(),
            "RenOS booking ab12-17".to_string(),
        ] {
            assert!(!carries(&other, &r17), "{other}");
        }
        assert!(!carries("anything", ""));
        let m12 = monthly_reference("ab12", 12);
        assert_eq!(m12, "[RenOS month ab12-12]");
        assert!(carries(&m12, &m12));
        assert!(!carries(&monthly_reference("ab12", 120), &m12));
        assert!(!carries(&reference("ab12", 12), &m12));
        assert!(!carries(&m12, &reference("ab12", 12)));
    }

    #[test]
    fn the_old_reference_is_found_only_where_its_id_ends() {
        let old = "RenOS booking ab12-17";
        assert!(carries(old, old));
        assert!(carries("RenOS booking ab12-17, tak", old));
        assert!(carries(
            "RenOS booking ab12-170 and RenOS booking ab12-17",
            old
        ));
        assert!(!carries("RenOS booking ab12-170", old));
        assert!(!carries("RenOS booking ab12-1700", old));
        assert!(!carries("[RenOS booking ab12-170]", old));
        assert!(carries("[RenOS booking ab12-17]", old), "same booking");
    }

    #[test]
    fn credit_notes_voided_and_credited_invoices_are_never_ours() {
        let r = reference("ab12", 17);
        let mut voided = inv("v", &r);
        voided.state = InvoiceState::Voided;
        let credited = inv("c", &r);
        let mut note = inv("n", &r);
        note.kind = InvoiceKind::CreditNote;
        note.credited_invoice_id = Some("c".into());
        let others = inv("o", &reference("ab12", 170));
        let list = vec![voided, credited, note, others];
        assert_eq!(find_earlier(&list, &r).map(|i| i.id.as_str()), None);
        assert_eq!(credited_ore(&list, "c"), Some(130_875));
        assert_eq!(credited_ore(&list, "o"), None);

        let mut list = list;
        list.push(inv("live", &r));
        assert_eq!(find_earlier(&list, &r).map(|i| i.id.as_str()), Some("live"));
        // A partial credit leaves the invoice standing: still ours.
        let mut part = inv("p", &reference("ab12", 5));
        part.gross_ore = 100_000;
        let mut note = inv("pn", &reference("ab12", 5));
        note.kind = InvoiceKind::CreditNote;
        note.credited_invoice_id = Some("p".into());
        note.gross_ore = 40_000;
        let list = vec![note, part];
        assert_eq!(
            find_earlier(&list, &reference("ab12", 5)).map(|i| i.id.as_str()),
            Some("p")
        );
    }
}
