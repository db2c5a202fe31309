//! Invoices of the Billy fake: validating a new one as Billy would, the
//! money (integer øre inside, kroner floats only in the JSON, rounded by the
//! fake's own rules in `money.rs`), credit notes and voided invoices, and the
//! records as the API shows them (https://www.billy.dk/api/, invoices:
//! `type` invoice|creditNote, `state` draft|approved|voided,
//! `creditedInvoiceId`, `isPaid`, `balance`).

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use serde_json::{Map, Value, json};

use super::money::{decimal, hundredths, included, line_amount, percent};
use super::records::{self, new_id};
use super::{ApiError, BILLY_ORGANIZATION_ID, BillyState};

#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "camelCase")]
pub(crate) enum State {
    Draft,
    Approved,
    /// Voided in Billy's web app: no longer a claim, kept in the lists.
    Voided,
}

impl State {
    pub(crate) fn as_str(self) -> &'static str {
        self.into()
    }

    fn parse(v: Option<&Value>, field: &str) -> Result<State, ApiError> {
        match v {
            None | Some(Value::Null) => Ok(State::Draft),
            Some(Value::String(s)) if s == "draft" => Ok(State::Draft),
            Some(Value::String(s)) if s == "approved" => Ok(State::Approved),
            Some(_) => Err(ApiError::invalid(field, "must be draft or approved")),
        }
    }
}

/// Whether unit prices include VAT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "camelCase")]
pub(crate) enum TaxMode {
    Excl,
    Incl,
}

impl TaxMode {
    fn as_str(self) -> &'static str {
        self.into()
    }
}

/// An invoice or a credit note (Billy keeps both as `invoices`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "camelCase")]
pub(crate) enum Kind {
    Invoice,
    CreditNote,
}

impl Kind {
    fn as_str(self) -> &'static str {
        self.into()
    }
}

/// One line of an invoice. Billy's docs (https://www.billy.dk/api/,
/// invoices: `POST /v2/invoices` with `invoice.lines`, an array of
/// `{productId, description, quantity, unitPrice}`; read back as
/// `invoiceLines` records with `invoiceId`, `amount` and `tax`) allow any
/// number of lines, at least one: the invoice's `amount` and `tax` are the
/// lines' sums (a monthly invoice has a line per visit).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    pub(crate) id: String,
    pub(crate) product_id: String,
    pub(crate) description: String,
    /// As Billy keeps it: two decimals (1.3333 sent → 133).
    pub(crate) quantity_centi: i64,
    pub(crate) unit_price_ore: i64,
    /// Excl. VAT.
    pub(crate) amount_ore: i64,
    pub(crate) tax_ore: i64,
    pub(crate) tax_rate_pct: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Invoice {
    pub(crate) id: String,
    pub(crate) kind: Kind,
    /// On a credit note: the invoice it credits.
    pub(crate) credited_invoice_id: Option<String>,
    pub(crate) contact_id: String,
    pub(crate) entry_date: NaiveDate,
    pub(crate) terms_mode: &'static str,
    pub(crate) terms_days: u32,
    pub(crate) due_date: NaiveDate,
    pub(crate) state: State,
    pub(crate) invoice_no: Option<u64>,
    pub(crate) tax_mode: TaxMode,
    pub(crate) contact_message: String,
    pub(crate) lines: Vec<Line>,
    pub(crate) paid: bool,
    /// Gross amount of the credit notes against this invoice, in øre.
    pub(crate) credited_ore: i64,
    pub(crate) sent: bool,
    pub(crate) created: DateTime<Utc>,
    pub(crate) approved: Option<DateTime<Utc>>,
}

/// A line's `(amount excl. VAT, VAT)` in øre: quantity (hundredths) × unit
/// price rounded to the øre, the VAT rounded to the øre per line. With
/// `incl` the unit price holds the VAT, which is then taken out of the line
/// total.
pub(crate) fn line_money(
    quantity_centi: i64,
    unit_price_ore: i64,
    rate_pct: i64,
    mode: TaxMode,
) -> (i64, i64) {
    let total = line_amount(quantity_centi, unit_price_ore);
    match mode {
        TaxMode::Excl => (total, percent(total, rate_pct)),
        TaxMode::Incl => {
            let tax = included(total, rate_pct);
            (total - tax, tax)
        }
    }
}

/// `entry` plus the payment terms.
fn due(entry: NaiveDate, mode: &str, days: u32) -> Option<NaiveDate> {
    let start = match mode {
        "net" => entry,
        "netEndOfMonth" => {
            let first = entry.with_day(1)?;
            first
                .checked_add_months(chrono::Months::new(1))?
                .pred_opt()?
        }
        _ => return None,
    };
    start.checked_add_days(Days::new(u64::from(days)))
}

impl Invoice {
    pub(crate) fn amount_ore(&self) -> i64 {
        self.lines.iter().map(|l| l.amount_ore).sum()
    }

    pub(crate) fn tax_ore(&self) -> i64 {
        self.lines.iter().map(|l| l.tax_ore).sum()
    }

    pub(crate) fn gross_ore(&self) -> i64 {
        self.amount_ore() + self.tax_ore()
    }

    /// What is still owed: nothing on a paid or voided invoice or on a
    /// credit note; else the gross less what credit notes took off.
    pub(crate) fn balance_ore(&self) -> i64 {
        if self.paid || self.state == State::Voided || self.kind == Kind::CreditNote {
            0
        } else {
            (self.gross_ore() - self.credited_ore).max(0)
        }
    }

    /// Billy's `isPaid`: an approved invoice with nothing left to pay (a
    /// payment, or a credit note for all of it). The reference is silent on
    /// credited invoices; the fake follows the app, which shows them settled.
    pub(crate) fn is_paid(&self) -> bool {
        self.kind == Kind::Invoice
            && self.state == State::Approved
            && (self.paid || self.balance_ore() == 0)
    }

    /// The invoice as the API returns it.
    pub(crate) fn json(&self) -> Value {
        json!({
            "id": self.id,
            "organizationId": BILLY_ORGANIZATION_ID,
            "type": self.kind.as_str(),
            "creditedInvoiceId": self.credited_invoice_id,
            "createdTime": self.created.to_rfc3339(),
            "approvedTime": self.approved.map(|t| t.to_rfc3339()),
            "contactId": self.contact_id,
            "attContactPersonId": null,
            "entryDate": self.entry_date.format("%Y-%m-%d").to_string(),
            "paymentTermsMode": self.terms_mode,
            "paymentTermsDays": self.terms_days,
            "dueDate": self.due_date.format("%Y-%m-%d").to_string(),
            "state": self.state.as_str(),
            "sentState": if self.sent { "sent" } else { "unsent" },
            "invoiceNo": self.invoice_no.map(|n| n.to_string()),
            "taxMode": self.tax_mode.as_str(),
            "amount": decimal(self.amount_ore()),
            "tax": decimal(self.tax_ore()),
            "grossAmount": decimal(self.gross_ore()),
            "balance": decimal(self.balance_ore()),
            "isPaid": self.is_paid(),
            "currencyId": "DKK",
            "exchangeRate": 1,
            "contactMessage": self.contact_message,
            "lineDescription": self.lines.first().map(|l| l.description.clone()).unwrap_or_default(),
        })
    }

    /// Its lines as `invoiceLines` records.
    pub(crate) fn lines_json(&self) -> Vec<Value> {
        self.lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                json!({
                    "id": l.id,
                    "invoiceId": self.id,
                    "productId": l.product_id,
                    "description": l.description,
                    "quantity": decimal(l.quantity_centi),
                    "unitPrice": decimal(l.unit_price_ore),
                    "amount": decimal(l.amount_ore),
                    "tax": decimal(l.tax_ore),
                    "taxRate": l.tax_rate_pct as f64 / 100.0,
                    "priority": i,
                })
            })
            .collect()
    }
}

/// Fields Billy computes; a request that sets them is refused.
const READ_ONLY: &[&str] = &[
    "amount",
    "tax",
    "grossAmount",
    "balance",
    "isPaid",
    "dueDate",
    "invoiceNo",
    "sentState",
    "approvedTime",
    "createdTime",
];
const LINE_READ_ONLY: &[&str] = &["amount", "tax", "taxRate"];

/// A new invoice from a `POST /invoices` body, checked as Billy would;
/// nothing is stored.
pub(crate) fn parse_new(st: &BillyState, body: &Value) -> Result<Invoice, ApiError> {
    let inv = body
        .get("invoice")
        .and_then(Value::as_object)
        .ok_or_else(|| ApiError::bad_request("The body must hold an `invoice` object."))?;
    records::check_organization(inv, "invoice.organizationId")?;
    for key in READ_ONLY {
        if inv.get(*key).is_some_and(|v| !v.is_null()) {
            return Err(ApiError::invalid(
                &format!("invoice.{key}"),
                "is read-only and cannot be set",
            ));
        }
    }
    let contact_id = records::required_str(inv, "contactId", "invoice.contactId")?;
    if !st.contacts.iter().any(|c| c["id"] == contact_id) {
        return Err(ApiError::invalid(
            "invoice.contactId",
            &format!("no contact with id '{contact_id}'"),
        ));
    }
    let entry_date = records::required_str(inv, "entryDate", "invoice.entryDate")?;
    let entry_date = NaiveDate::parse_from_str(&entry_date, "%Y-%m-%d")
        .map_err(|_| ApiError::invalid("invoice.entryDate", "must be a date written YYYY-MM-DD"))?;
    match inv.get("currencyId").and_then(Value::as_str) {
        Some("DKK") => {}
        None => return Err(ApiError::invalid("invoice.currencyId", "is required")),
        Some(other) => {
            return Err(ApiError::invalid(
                "invoice.currencyId",
                &format!("'{other}' is not a currency of this organization (DKK)"),
            ));
        }
    }
    let terms_mode = match inv.get("paymentTermsMode") {
        None | Some(Value::Null) => "net",
        Some(Value::String(s)) if s == "net" => "net",
        Some(Value::String(s)) if s == "netEndOfMonth" => "netEndOfMonth",
        Some(_) => {
            return Err(ApiError::invalid(
                "invoice.paymentTermsMode",
                "must be net or netEndOfMonth",
            ));
        }
    };
    let terms_days = match inv.get("paymentTermsDays") {
        None | Some(Value::Null) => 8,
        Some(v) => v
            .as_u64()
            .and_then(|d| u32::try_from(d).ok())
            .filter(|d| *d <= 365)
            .ok_or_else(|| {
                ApiError::invalid(
                    "invoice.paymentTermsDays",
                    "must be a whole number of days from 0 to 365",
                )
            })?,
    };
    let due_date = due(entry_date, terms_mode, terms_days)
        .ok_or_else(|| ApiError::invalid("invoice.paymentTermsDays", "gives no due date"))?;
    let state = State::parse(inv.get("state"), "invoice.state")?;
    let tax_mode = match inv.get("taxMode") {
        None | Some(Value::Null) => TaxMode::Excl,
        Some(Value::String(s)) if s == "excl" => TaxMode::Excl,
        Some(Value::String(s)) if s == "incl" => TaxMode::Incl,
        Some(_) => return Err(ApiError::invalid("invoice.taxMode", "must be incl or excl")),
    };
    let contact_message = match inv.get("contactMessage") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(ApiError::invalid("invoice.contactMessage", "must be text")),
    };
    let lines = match inv.get("lines") {
        Some(Value::Array(lines)) if !lines.is_empty() => lines,
        _ => {
            return Err(ApiError::invalid(
                "invoice.lines",
                "an invoice needs at least one line",
            ));
        }
    };
    let lines = lines
        .iter()
        .enumerate()
        .map(|(i, l)| parse_line(st, l, &format!("invoice.lines[{i}]"), tax_mode))
        .collect::<Result<Vec<Line>, ApiError>>()?;
    Ok(Invoice {
        id: new_id("inv"),
        kind: Kind::Invoice,
        credited_invoice_id: None,
        contact_id,
        entry_date,
        terms_mode,
        terms_days,
        due_date,
        state,
        invoice_no: None,
        tax_mode,
        contact_message,
        lines,
        paid: false,
        credited_ore: 0,
        sent: false,
        created: Utc::now(),
        approved: None,
    })
}

fn parse_line(st: &BillyState, line: &Value, at: &str, mode: TaxMode) -> Result<Line, ApiError> {
    let line: &Map<String, Value> = line
        .as_object()
        .ok_or_else(|| ApiError::invalid(at, "must be an object"))?;
    for key in LINE_READ_ONLY {
        if line.get(*key).is_some_and(|v| !v.is_null()) {
            return Err(ApiError::invalid(
                &format!("{at}.{key}"),
                "is read-only and cannot be set",
            ));
        }
    }
    let product_id = records::required_str(line, "productId", &format!("{at}.productId"))?;
    let product = st
        .products
        .iter()
        .find(|p| p.id == product_id)
        .ok_or_else(|| {
            ApiError::invalid(
                &format!("{at}.productId"),
                &format!("no product with id '{product_id}'"),
            )
        })?;
    let rate_pct = records::ruleset(product.ruleset_id).map_or(0, |r| r.rate_pct);
    let description = match line.get("description") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(_) => {
            return Err(ApiError::invalid(
                &format!("{at}.description"),
                "must be text",
            ));
        }
    };
    // Kept to two decimals (money.rs): what is stored is what is billed.
    let quantity_centi = line
        .get("quantity")
        .and_then(Value::as_f64)
        .filter(|q| *q < 1.0e9)
        .and_then(hundredths)
        .filter(|q| *q > 0)
        .ok_or_else(|| {
            ApiError::invalid(
                &format!("{at}.quantity"),
                "must be a number of at least 0.01",
            )
        })?;
    let unit_price_ore = line
        .get("unitPrice")
        .and_then(Value::as_f64)
        .and_then(hundredths)
        .filter(|p| p.abs() < 100_000_000_000)
        .ok_or_else(|| ApiError::invalid(&format!("{at}.unitPrice"), "must be a number"))?;
    let (amount_ore, tax_ore) = line_money(quantity_centi, unit_price_ore, rate_pct, mode);
    Ok(Line {
        id: new_id("line"),
        product_id,
        description,
        quantity_centi,
        unit_price_ore,
        amount_ore,
        tax_ore,
        tax_rate_pct: rate_pct,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_hours_at_349() {
        let (amount, tax) = line_money(300, 34_900, 25, TaxMode::Excl);
        assert_eq!((amount, tax), (104_700, 26_175));
        assert_eq!(amount + tax, 130_875);
    }

    #[test]
    fn quarter_hours_and_rounding() {
        // 3.25 h × 349.50 kr = 1135.875 kr → 1135.88 kr; VAT 283.97 kr.
        assert_eq!(
            line_money(325, 34_950, 25, TaxMode::Excl),
            (113_588, 28_397)
        );
        // 0.33 h × 100 kr = 33 kr; VAT 8.25.
        assert_eq!(line_money(33, 10_000, 25, TaxMode::Excl), (3_300, 825));
        // Half an øre rounds away from zero: 0.5 × 0.01 kr, VAT of 0.01 kr.
        assert_eq!(line_money(50, 1, 25, TaxMode::Excl), (1, 0));
        assert_eq!(line_money(100, 2, 25, TaxMode::Excl), (2, 1));
    }

    #[test]
    fn no_vat_and_prices_with_vat() {
        assert_eq!(line_money(4_200, 379, 0, TaxMode::Excl), (15_918, 0));
        // 1 × 1308.75 kr incl. 25 % VAT: 1047 kr + 261.75 kr.
        assert_eq!(
            line_money(100, 130_875, 25, TaxMode::Incl),
            (104_700, 26_175)
        );
        // 100 kr incl.: VAT 20 kr.
        assert_eq!(line_money(100, 10_000, 25, TaxMode::Incl), (8_000, 2_000));
    }

    #[test]
    fn due_dates() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("date");
        assert_eq!(due(d(2026, 3, 2), "net", 8), Some(d(2026, 3, 10)));
        assert_eq!(due(d(2026, 12, 28), "net", 8), Some(d(2027, 1, 5)));
        assert_eq!(
            due(d(2026, 2, 10), "netEndOfMonth", 0),
            Some(d(2026, 2, 28))
        );
        assert_eq!(
            due(d(2026, 12, 10), "netEndOfMonth", 5),
            Some(d(2027, 1, 5))
        );
        assert_eq!(due(d(2026, 3, 2), "cash", 8), None);
    }

    #[test]
    fn totals_add_lines() {
        let line = |amount_ore, tax_ore| Line {
            id: "l".into(),
            product_id: "p".into(),
            description: String::new(),
            quantity_centi: 100,
            unit_price_ore: amount_ore,
            amount_ore,
            tax_ore,
            tax_rate_pct: 25,
        };
        let mut inv = Invoice {
            id: "i".into(),
            kind: Kind::Invoice,
            credited_invoice_id: None,
            contact_id: "c".into(),
            entry_date: NaiveDate::from_ymd_opt(2026, 3, 2).expect("date"),
            terms_mode: "net",
            terms_days: 8,
            due_date: NaiveDate::from_ymd_opt(2026, 3, 10).expect("date"),
            state: State::Approved,
            invoice_no: Some(1001),
            tax_mode: TaxMode::Excl,
            contact_message: "B-1".into(),
            lines: vec![line(104_700, 26_175), line(15_918, 0)],
            paid: false,
            credited_ore: 0,
            sent: false,
            created: Utc::now(),
            approved: None,
        };
        assert_eq!(inv.amount_ore(), 120_618);
        assert_eq!(inv.tax_ore(), 26_175);
        assert_eq!(inv.gross_ore(), 146_793);
        assert_eq!(inv.balance_ore(), 146_793);
        let v = inv.json();
        assert_eq!(v["amount"], json!(1206.18));
        assert_eq!(v["grossAmount"], json!(1467.93));
        assert_eq!(v["invoiceNo"], "1001");
        inv.paid = true;
        assert_eq!(inv.balance_ore(), 0);
        assert_eq!(inv.json()["balance"], json!(0.0));
        assert_eq!(inv.json()["isPaid"], true);
    }
}
