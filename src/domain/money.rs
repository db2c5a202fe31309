//! Money: integer øre everywhere (1 kr = 100 øre), Danish VAT, and the one
//! place where kroner become floats: the boundary to a provider that speaks
//! in floats (Billy). Nothing is ever computed in floats.

/// Danish standard VAT (moms), percent.
pub const VAT_PCT: i64 = 25;

/// `ore` as kroner for a provider's JSON: `104750` → `1047.5`. Exact for
/// every amount a business handles (below 2^53 øre).
pub fn kroner(ore: i64) -> f64 {
    ore as f64 / 100.0
}

/// Kroner from a provider's JSON as øre, rounded to the nearest øre:
/// `1047.5` → `104750`. `None` for a value that is not a finite amount.
pub fn ore_from_kroner(kr: f64) -> Option<i64> {
    let ore = (kr * 100.0).round();
    (ore.is_finite() && ore.abs() < 9.0e15).then_some(ore as i64)
}

/// `part`/`whole` of `ore`, rounded half away from zero: the one rounding
/// rule for shares of an amount.
pub fn share(ore: i64, part: i64, whole: i64) -> i64 {
    if whole == 0 {
        return 0;
    }
    let n = i128::from(ore) * i128::from(part);
    let d = i128::from(whole);
    let q = (2 * n.abs() + d.abs()) / (2 * d.abs());
    let q = if (n < 0) != (d < 0) { -q } else { q };
    i64::try_from(q).unwrap_or(if q < 0 { i64::MIN } else { i64::MAX })
}

/// The VAT on a net amount: 25 %, rounded to the øre.
pub fn vat(net_ore: i64) -> i64 {
    share(net_ore, VAT_PCT, 100)
}

/// As a Danish dispatcher reads it: `104750` → `1.047,50 kr`.
pub fn format_kr(ore: i64) -> String {
    let sign = if ore < 0 { "-" } else { "" };
    let abs = ore.unsigned_abs();
    let kr = (abs / 100).to_string();
    let mut grouped = String::with_capacity(kr.len() + kr.len() / 3);
    for (i, c) in kr.chars().enumerate() {
        if i > 0 && (kr.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped},{:02} kr", abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundary_round_trips() {
        for ore in [0, 1, 5, 99, 100, 104_700, 104_750, 130_875, 34_999, -1_250] {
            assert_eq!(ore_from_kroner(kroner(ore)), Some(ore), "{ore}");
        }
        assert_eq!(ore_from_kroner(1308.75), Some(130_875));
        assert_eq!(ore_from_kroner(0.1 + 0.2), Some(30));
        assert_eq!(ore_from_kroner(f64::NAN), None);
        assert_eq!(ore_from_kroner(f64::INFINITY), None);
    }

    #[test]
    fn vat_and_shares() {
        // The business's example: 3 hours × 349 kr = 1,047 kr excl. VAT.
        assert_eq!(vat(104_700), 26_175);
        assert_eq!(vat(1), 0);
        assert_eq!(vat(2), 1);
        assert_eq!(share(34_900, 13, 4), 113_425);
        assert_eq!(share(34_901, 1, 4), 8_725);
        assert_eq!(share(34_902, 1, 4), 8_726);
        assert_eq!(share(-6, 1, 4), -2);
        assert_eq!(share(5, 1, 0), 0);
    }

    #[test]
    fn danish_format() {
        assert_eq!(format_kr(104_700), "1.047,00 kr");
        assert_eq!(format_kr(130_875), "1.308,75 kr");
        assert_eq!(format_kr(5), "0,05 kr");
        assert_eq!(format_kr(123_456_789), "1.234.567,89 kr");
        assert_eq!(format_kr(-1_250), "-12,50 kr");
    }
}
