//! The Billy fake's own money rules, written from Billy's API v2 reference
//! (https://www.billy.dk/api/ — invoices and invoiceLines: `quantity`,
//! `unitPrice`, `amount`, `tax`, money as decimal numbers in the invoice's
//! currency) and kept apart from RenOS's money code on purpose, so that the
//! fake can disagree with the client and a test then shows it.
//!
//! The reference does not say how many decimals Billy keeps or how it rounds.
//! The fake picks the rule Billy's web app shows (two decimals everywhere)
//! and states it here:
//! - a unit price is kept to the øre (2 decimals), half away from zero;
//! - a quantity is kept to 2 decimals, half away from zero: 1.3333 → 1.33;
//! - a line's amount is quantity × unit price, rounded to the øre, half away
//!   from zero; its VAT is the amount × the ruleset's rate, rounded to the øre
//!   per line; the invoice's totals are the sums of its lines.

/// Hundredths per unit: kroner → øre, and a quantity's two decimals.
const HUNDRED: i128 = 100;

/// `n / d` rounded half away from zero (`d` > 0).
fn round_div(n: i128, d: i128) -> i128 {
    let q = (2 * n.abs() + d) / (2 * d);
    if n < 0 { -q } else { q }
}

/// A decimal from the JSON as hundredths (kroner → øre, a quantity → its
/// two decimals), rounded half away from zero. The JSON number is read from
/// its shortest decimal text, so `1.005` is 1.005 and rounds to 1.01, as
/// a decimal-minded server would. `None` for a value out of range.
pub(crate) fn hundredths(v: f64) -> Option<i64> {
    if !v.is_finite() || v.abs() >= 1.0e13 {
        return None;
    }
    let text = format!("{v}");
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let whole: i128 = whole.parse().ok()?;
    // Scale the fraction to a common 10^scale, then round to hundredths.
    let scale = u32::try_from(frac.len()).ok()?;
    let frac_value: i128 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    let unit = 10i128.checked_pow(scale)?;
    let total = whole.checked_mul(unit)?.checked_add(frac_value)?;
    let h = round_div(total * HUNDRED, unit);
    let h = if negative { -h } else { h };
    i64::try_from(h).ok()
}

/// Hundredths as the number the JSON shows: `104750` → `1047.5`.
pub(crate) fn decimal(hundredths: i64) -> f64 {
    hundredths as f64 / 100.0
}

/// A line's amount in øre: quantity (hundredths) × unit price (øre),
/// rounded to the øre.
pub(crate) fn line_amount(quantity_centi: i64, unit_price_ore: i64) -> i64 {
    let n = i128::from(quantity_centi) * i128::from(unit_price_ore);
    i64::try_from(round_div(n, HUNDRED)).unwrap_or(i64::MAX)
}

/// `pct` percent of `ore`, rounded to the øre.
pub(crate) fn percent(ore: i64, pct: i64) -> i64 {
    i64::try_from(round_div(i128::from(ore) * i128::from(pct), 100)).unwrap_or(i64::MAX)
}

/// The VAT held in a price that includes it at `pct` percent.
pub(crate) fn included(ore: i64, pct: i64) -> i64 {
    i64::try_from(round_div(
        i128::from(ore) * i128::from(pct),
        100 + i128::from(pct),
    ))
    .unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_kept_to_hundredths() {
        assert_eq!(hundredths(3.0), Some(300));
        assert_eq!(hundredths(1047.5), Some(104_750));
        assert_eq!(hundredths(1.3333333), Some(133));
        assert_eq!(hundredths(2.835), Some(284), "half away from zero");
        assert_eq!(hundredths(1.005), Some(101), "read as the decimal it is");
        assert_eq!(hundredths(-12.345), Some(-1235));
        assert_eq!(hundredths(0.004), Some(0));
        assert_eq!(hundredths(f64::NAN), None);
        assert_eq!(hundredths(1.0e20), None);
        assert_eq!(decimal(104_750), 1047.5);
    }

    #[test]
    fn line_amounts_round_to_the_ore() {
        // 1.33 h × 349.00 kr = 464.17 kr.
        assert_eq!(line_amount(133, 34_900), 46_417);
        // 0.25 h × 333.33 kr = 83.3325 kr → 83.33 kr.
        assert_eq!(line_amount(25, 33_333), 8_333);
        // 3.25 × 349.50 = 1135.875 → 1135.88.
        assert_eq!(line_amount(325, 34_950), 113_588);
        assert_eq!(percent(104_700, 25), 26_175);
        assert_eq!(percent(1, 25), 0);
        assert_eq!(percent(2, 25), 1);
        assert_eq!(included(10_000, 25), 2_000);
    }
}
