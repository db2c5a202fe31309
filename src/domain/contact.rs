//! Contact details: e-mail syntax, Danish phone numbers, money.
