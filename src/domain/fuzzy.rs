//! Fuzzy customer search for the booking form: a dispatcher types a few
//! letters of a name, street or phone number and picks the customer.
//!
//! Text is folded the same way on both sides before matching: lowercase,
//! accents dropped, `æ` → `ae`, `ø` → `o`, `å` → `a`, and the spellings
//! without the Danish letters collapse onto the same form (`aa` → `a`,
//! `oe` → `o`). So `sor ost`, `soeren oester` and `søren øster` all find
//! "Søren Østergaard", and `aarhus`, `arhus` and `århus` find both "Aarhus"
//! and "Århus". Phone numbers are matched on their digits alone, without the
//! `+45`, so `2345` and `12 34` find "+45 12 34 56 78".
//!
//! The query is split into terms on whitespace and punctuation (`jens-peter`
//! is `jens` and `peter`, but `12-34` is `1234`), and every term must match
//! (AND) the name, address, phone or e-mail. A term scores, best first: the
//! start of a word of the name, the start of a word elsewhere, a substring
//! (in the name, then elsewhere), and for terms of three letters or more the
//! letters in order within one word that starts with the term's first two
//! (`ostgrd` for "Østergaard"). A term of two letters or more that is a whole
//! word scores a little more, and so does a name that starts with the first
//! term. Equal scores go to the shorter name, then the lower id, so the order
//! is stable.
//!
//! [`CustomerIndex`] folds every customer once into one contiguous buffer,
//! with a few bit masks per customer (letters present, first letters of
//! words, a filter of adjacent letter pairs). The masks score one-letter terms
//! outright, rule most non-matches out before any byte is compared, and bound
//! the best score a customer could reach, so one that cannot make the list is
//! not looked at closer. The scan itself reads eight bytes at a time.
//!
//! [`CustomerSearch`] keeps the customers of the last query (the matches, and
//! those left unchecked): when the next query only extends it (another letter,
//! another term), only those are searched again, and a query with the same
//! terms (a space typed) gets the same list at once.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Arc;

use super::customer::Customer;

mod fold;
mod pick;
mod scan;

pub(crate) use fold::fold_text;
use fold::*;
pub use pick::{CANDIDATES, Pick, pick_customer};
use scan::*;

/// Per term: the start of a word of the name.
const NAME_PREFIX: u32 = 60;
/// Per term: the start of a word of the address, phone or e-mail.
const OTHER_PREFIX: u32 = 40;
const NAME_SUBSTRING: u32 = 25;
const OTHER_SUBSTRING: u32 = 20;
const NAME_SUBSEQUENCE: u32 = 10;
const OTHER_SUBSEQUENCE: u32 = 8;
/// Added to a word-start match when the term (of two bytes or more) is the whole word.
const WHOLE_WORD: u32 = 10;
/// Added once when the name starts with the first term.
const NAME_START: u32 = 30;

/// Between the fields of one customer's haystack; never part of a term.
const FIELD_SEP: u8 = 0x1f;

/// One matching customer. `score` only means something relative to the other
/// hits of the same query.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub id: i64,
    pub score: u32,
}

/// Prepared once from the customer list: the folded haystacks of all
/// customers, back to back in one buffer, ordered by id.
pub struct CustomerIndex {
    text: Vec<u8>,
    entries: Vec<Entry>,
    /// Customer id of each entry.
    ids: Vec<i64>,
}

/// One customer in [`CustomerIndex::text`]: name, address, phone and e-mail,
/// folded, with [`FIELD_SEP`] between them. One cache line: the scan of a few
/// scattered candidates touches little more than these.
#[repr(align(64))]
struct Entry {
    start: u32,
    len: u16,
    /// Length of the folded name: where the name ends and the tie-breaker.
    name_len: u16,
    /// Bit per folded byte anywhere (see [`bit`]).
    chars: u64,
    /// Bit per first byte of a word: of the name, and of the other fields.
    name_initials: u64,
    other_initials: u64,
    /// The first two bytes of each word, and the last two, in 64 buckets
    /// (see [`edge_pair`]).
    initial_pairs: u64,
    final_pairs: u64,
    /// Pairs of adjacent bytes within a word (see [`pair`]).
    pairs: Pairs,
}

impl Entry {
    fn end(&self) -> usize {
        self.start as usize + usize::from(self.len)
    }
}

/// Folded bytes kept of each field: ample for a name, address, phone or
/// e-mail, and it keeps a haystack's offsets in 16 bits.
const MAX_FIELD: usize = 1024;

impl CustomerIndex {
    /// Folds every customer; the order they come in does not matter.
    pub fn new<'a>(customers: impl IntoIterator<Item = &'a Customer>) -> CustomerIndex {
        let mut sorted: Vec<&Customer> = customers.into_iter().collect();
        sorted.sort_by_key(|c| c.id);
        let mut text = Vec::with_capacity(sorted.len() * 96);
        let mut entries = Vec::with_capacity(sorted.len());
        let mut ids = Vec::with_capacity(sorted.len());
        for c in sorted {
            let begin = text.len();
            push_field(&mut text, |t| fold_into(&c.name, t, false));
            let name_len = text.len() - begin;
            text.push(FIELD_SEP);
            push_field(&mut text, |t| fold_into(&c.address, t, false));
            text.push(FIELD_SEP);
            push_field(&mut text, |t| push_phone(&c.phone, t));
            text.push(FIELD_SEP);
            push_field(&mut text, |t| fold_into(&c.email, t, false));
            // Offsets are u32 to keep entries small; past 4 GiB of text the rest is left out.
            let (Ok(start), Ok(len), Ok(name_len)) = (
                u32::try_from(begin),
                u16::try_from(text.len() - begin),
                u16::try_from(name_len),
            ) else {
                text.truncate(begin);
                break;
            };
            let hay = &text[begin..];
            let mut e = Entry {
                start,
                len,
                name_len,
                chars: 0,
                name_initials: 0,
                other_initials: 0,
                initial_pairs: 0,
                final_pairs: 0,
                pairs: [0; 2],
            };
            for (i, &b) in hay.iter().enumerate() {
                if is_sep(b) {
                    continue;
                }
                let in_name = i < usize::from(name_len);
                let word_start = i == 0 || is_sep(hay[i - 1]);
                e.chars |= bit(b);
                match (word_start, in_name) {
                    (true, true) => e.name_initials |= bit(b),
                    (true, false) => e.other_initials |= bit(b),
                    _ => {}
                }
                if let Some(&next) = hay.get(i + 1)
                    && !is_sep(next)
                {
                    let (word, bucket) = pair(b, next);
                    e.pairs[word] |= bucket;
                    if word_start {
                        e.initial_pairs |= edge_pair(b, next);
                    }
                    if hay.get(i + 2).is_none_or(|&after| is_sep(after)) {
                        e.final_pairs |= edge_pair(b, next);
                    }
                }
            }
            entries.push(e);
            ids.push(c.id);
        }
        // Room for the 8-byte loads of the scan at the end of the last haystack.
        text.extend_from_slice(&[0; 16]);
        text.shrink_to_fit();
        CustomerIndex { text, entries, ids }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Best `limit` matches, best first. An empty query matches nothing.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let terms = parse_query(query);
        if terms.is_empty() {
            return Vec::new();
        }
        self.run(&terms, 0..self.entries.len() as u32, limit, |_| {})
    }

    /// Scores the entries `among` against `terms` and returns the best
    /// `limit`. Reports to `kept` (in the order of `among`) every entry that
    /// matches, and those that might but were not looked at closer because
    /// their best possible score could not make the list.
    fn run(
        &self,
        terms: &[Term],
        among: impl Iterator<Item = u32>,
        limit: usize,
        mut kept: impl FnMut(u32),
    ) -> Vec<Hit> {
        // Min-heap of the best keys so far; the root is the one to beat.
        let mut best: BinaryHeap<Reverse<u128>> =
            BinaryHeap::with_capacity(limit.min(self.entries.len()) + 1);
        for i in among {
            let Some(e) = self.entries.get(i as usize) else {
                continue;
            };
            if !terms.iter().all(|t| may_match(e, t)) {
                continue;
            }
            if best.len() >= limit {
                let bound = rank_key(upper_bound(e, terms), u32::from(e.name_len), i);
                if best.peek().is_none_or(|Reverse(worst)| bound <= *worst) {
                    kept(i);
                    continue;
                }
            }
            let Some(score) = self.score(e, terms) else {
                continue;
            };
            kept(i);
            let key = rank_key(score, u32::from(e.name_len), i);
            if best.len() < limit {
                best.push(Reverse(key));
            } else if best.peek().is_some_and(|Reverse(worst)| key > *worst) {
                best.pop();
                best.push(Reverse(key));
            }
        }
        let mut keys: Vec<u128> = best.into_iter().map(|Reverse(k)| k).collect();
        keys.sort_unstable_by(|a, b| b.cmp(a));
        keys.into_iter()
            .filter_map(|k| {
                let (score, i) = unpack_key(k);
                self.ids.get(i as usize).map(|&id| Hit { id, score })
            })
            .collect()
    }

    /// Sum of the term scores, or `None` when a term does not match.
    fn score(&self, e: &Entry, terms: &[Term]) -> Option<u32> {
        let mut total = 0u32;
        for (i, t) in terms.iter().enumerate() {
            let (score, at_start) = term_score(&self.text, e, t);
            if score == 0 {
                return None;
            }
            total = total.saturating_add(score);
            if i == 0 && at_start {
                total = total.saturating_add(NAME_START);
            }
        }
        Some(total)
    }
}

impl Entry {
    /// What the masks leave possible for `t`: starting a word of the name,
    /// starting a word of another field, and the whole-word bonus.
    fn prospects(&self, t: &Term) -> (bool, bool, u32) {
        let a = bit(t.text.first().copied().unwrap_or(0));
        let pair = t.text.len() < 2 || self.initial_pairs & t.first_pair != 0;
        let whole = if t.text.len() >= 2 && self.final_pairs & t.last_pair != 0 {
            WHOLE_WORD
        } else {
            0
        };
        (
            pair && self.name_initials & a != 0,
            pair && self.other_initials & a != 0,
            whole,
        )
    }
}

/// At least [`CustomerIndex::score`], from the masks alone.
fn upper_bound(e: &Entry, terms: &[Term]) -> u32 {
    let mut total = 0u32;
    for (i, t) in terms.iter().enumerate() {
        let (name, other, whole) = e.prospects(t);
        let term = if name {
            NAME_PREFIX + whole
        } else if other {
            OTHER_PREFIX + whole
        } else {
            NAME_SUBSTRING
        };
        total = total.saturating_add(term);
        if i == 0 && name {
            total = total.saturating_add(NAME_START);
        }
    }
    total
}

/// Whether the masks of `e` leave room for `t` to match: all its bytes are
/// there, and all its pairs, or for letters in order, its first pair at a word start.
fn may_match(e: &Entry, t: &Term) -> bool {
    e.chars & t.mask == t.mask
        && (e.pairs.iter().zip(&t.pairs).all(|(h, n)| h & n == *n)
            || (t.subsequence && e.initial_pairs & t.first_pair != 0))
}

/// Per-keystroke search state: when the new query extends the previous one
/// (more letters on the last term, or more terms), only the customers kept
/// from the previous one are searched again; otherwise the whole index. The
/// results are always those of [`CustomerIndex::search`] for the same query.
#[derive(Clone)]
pub struct CustomerSearch {
    index: Arc<CustomerIndex>,
    last: Option<Last>,
    /// A list to reuse, so typing does not allocate one per keystroke.
    spare: Vec<u32>,
}

/// The last query of a [`CustomerSearch`].
#[derive(Clone)]
struct Last {
    terms: Vec<Term>,
    /// Every entry that matched, or might have (see [`CustomerIndex::run`]).
    kept: Vec<u32>,
    limit: usize,
    hits: Vec<Hit>,
}

impl CustomerSearch {
    pub fn new(index: Arc<CustomerIndex>) -> Self {
        CustomerSearch {
            index,
            last: None,
            spare: Vec::new(),
        }
    }

    /// Best `limit` matches of `query`, best first.
    pub fn set_query(&mut self, query: &str, limit: usize) -> Vec<Hit> {
        let terms = parse_query(query);
        if terms.is_empty() {
            if let Some(old) = self.last.take() {
                self.spare = old.kept;
            }
            return Vec::new();
        }
        // The same terms (a space typed, a letter's case changed): the same list.
        if let Some(last) = &self.last
            && last.limit == limit
            && same_terms(&last.terms, &terms)
        {
            return last.hits.clone();
        }
        let mut kept = std::mem::take(&mut self.spare);
        kept.clear();
        let keep = |i| kept.push(i);
        let hits = match &self.last {
            Some(last) if narrows(&last.terms, &terms) => {
                self.index
                    .run(&terms, last.kept.iter().copied(), limit, keep)
            }
            _ => self
                .index
                .run(&terms, 0..self.index.entries.len() as u32, limit, keep),
        };
        let last = Last {
            terms,
            kept,
            limit,
            hits: hits.clone(),
        };
        if let Some(old) = self.last.replace(last) {
            self.spare = old.kept;
        }
        hits
    }
}

fn same_terms(a: &[Term], b: &[Term]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(a, b)| a.text == b.text)
}

/// Whether every match of `next` is a match of `prev`: the same terms, the
/// last one possibly longer, possibly more terms after it.
fn narrows(prev: &[Term], next: &[Term]) -> bool {
    let Some((last, rest)) = prev.split_last() else {
        return false;
    };
    next.len() >= prev.len()
        && rest.iter().zip(next).all(|(a, b)| a.text == b.text)
        && next[rest.len()].text.starts_with(&last.text)
}

/// One folded query term: no spaces, no punctuation.
#[derive(Clone)]
struct Term {
    text: Vec<u8>,
    mask: u64,
    /// Letters-in-order matching applies: ASCII letters only (no digits: `2345`
    /// is not "20 30 40 50"), at least three.
    subsequence: bool,
    /// Its pairs of adjacent bytes, as in [`Entry::pairs`].
    pairs: Pairs,
    /// Its first two bytes and its last two as in [`Entry::initial_pairs`];
    /// 0 for a single byte.
    first_pair: u64,
    last_pair: u64,
}

/// The terms of a query: its words split on whitespace, folded, and split
/// again where folding left a space (`jens-peter` is `jens` and `peter`).
fn parse_query(query: &str) -> Vec<Term> {
    let mut terms = Vec::new();
    let mut folded = Vec::new();
    for word in query.split_whitespace() {
        // The haystacks hold phones without the country code: drop it,
        // alone or in front of a pasted "+4512345678".
        if word == "+45" || word == "0045" {
            continue;
        }
        let word = ["+45", "0045"]
            .iter()
            .find_map(|cc| word.strip_prefix(cc))
            .unwrap_or(word);
        folded.clear();
        fold_into(word, &mut folded, true);
        terms.extend(
            folded
                .split(|&b| b == b' ')
                .filter(|t| !t.is_empty())
                .map(Term::new),
        );
    }
    terms
}

impl Term {
    fn new(text: &[u8]) -> Term {
        let mut pairs = [0; 2];
        for w in text.windows(2) {
            let (word, bucket) = pair(w[0], w[1]);
            pairs[word] |= bucket;
        }
        Term {
            text: text.to_vec(),
            mask: text.iter().fold(0, |m, &b| m | bit(b)),
            // Once ruled out, never back for a longer term: narrowing relies on it.
            subsequence: text.len() >= 3 && text.iter().all(u8::is_ascii_lowercase),
            pairs,
            first_pair: match text {
                [a, b, ..] => edge_pair(*a, *b),
                _ => 0,
            },
            last_pair: match text {
                [.., a, b] => edge_pair(*a, *b),
                _ => 0,
            },
        }
    }
}

/// Best score of one term in the haystack of `e` (0 when it does not occur),
/// and whether the name starts with it.
///
/// One pass over the places where the term's first two bytes occur, found
/// eight bytes at a time: each is a whole match (scored by where it is), or,
/// at the start of a word, maybe the term's letters in order within the word.
fn term_score(text: &[u8], e: &Entry, t: &Term) -> (u32, bool) {
    let needle = t.text.as_slice();
    let (start, end) = (e.start as usize, e.end());
    let name_end = start + usize::from(e.name_len);
    let (Some(&a), Some(last)) = (needle.first(), end.checked_sub(needle.len())) else {
        return (0, false);
    };
    let Some(&b) = needle.get(1) else {
        // One byte (a letter or digit): the masks say nearly all.
        let score = if e.name_initials & bit(a) != 0 {
            NAME_PREFIX
        } else if e.other_initials & bit(a) != 0 {
            OTHER_PREFIX
        } else if text
            .get(start..name_end)
            .is_some_and(|name| name.contains(&a))
        {
            NAME_SUBSTRING
        } else if e.chars & bit(a) != 0 {
            OTHER_SUBSTRING
        } else {
            0
        };
        return (score, e.name_len > 0 && text.get(start) == Some(&a));
    };
    // Past the name nothing beats a word start elsewhere, or without one, a substring.
    let best_elsewhere = match e.prospects(t) {
        (_, true, whole) => OTHER_PREFIX + whole,
        _ => OTHER_SUBSTRING,
    };
    let (pa, pb) = (splat(a), splat(b));
    let mut best = 0;
    let mut at_start = false;
    let mut base = start;
    while base <= last {
        if base >= name_end && best >= best_elsewhere {
            break;
        }
        let mut found = zero_bytes(load(text, base) ^ pa) & zero_bytes(load(text, base + 1) ^ pb);
        if last - base < 7 {
            // Only the positions up to `last`: (last - base + 1) bytes.
            found &= (1u64 << (8 * (last - base + 1))) - 1;
        }
        while found != 0 {
            let p = base + (found.trailing_zeros() / 8) as usize;
            found &= found - 1;
            if p >= name_end && best >= best_elsewhere {
                return (best, at_start);
            }
            let word_start = p == start || is_sep(text[p - 1]);
            let score = if matches_at(text, p, needle) {
                let after = p + needle.len();
                let whole = if after == end || is_sep(text[after]) {
                    WHOLE_WORD
                } else {
                    0
                };
                at_start |= p == start;
                match (p < name_end, word_start) {
                    (true, true) => NAME_PREFIX + whole,
                    (false, true) => OTHER_PREFIX + whole,
                    (true, false) => NAME_SUBSTRING,
                    (false, false) => OTHER_SUBSTRING,
                }
            } else if word_start && t.subsequence && in_word_in_order(&text[p..end], needle) {
                if p < name_end {
                    NAME_SUBSEQUENCE
                } else {
                    OTHER_SUBSEQUENCE
                }
            } else {
                0
            };
            best = best.max(score);
            if best == NAME_PREFIX + WHOLE_WORD {
                return (best, at_start);
            }
        }
        base += 8;
    }
    (best, at_start)
}

fn matches_at(text: &[u8], p: usize, needle: &[u8]) -> bool {
    text.get(p..p + needle.len())
        .is_some_and(|h| h.iter().zip(needle).all(|(x, y)| x == y))
}

/// `hay` starts with the needle's first two bytes and holds the rest in order
/// before the end of its first word.
fn in_word_in_order(hay: &[u8], needle: &[u8]) -> bool {
    let (Some(head), Some(tail)) = (needle.get(..2), needle.get(2..)) else {
        return false;
    };
    if !hay.starts_with(head) {
        return false;
    }
    let mut rest = tail.iter().peekable();
    for h in hay[2..].iter().take_while(|&&h| !is_sep(h)) {
        if rest.peek() == Some(&h) {
            rest.next();
        }
    }
    rest.peek().is_none()
}

/// Higher is better: score, then shorter name, then lower position (= lower id).
fn rank_key(score: u32, name_len: u32, i: u32) -> u128 {
    (u128::from(score) << 64) | (u128::from(u32::MAX - name_len) << 32) | u128::from(u32::MAX - i)
}

fn unpack_key(key: u128) -> (u32, u32) {
    ((key >> 64) as u32, u32::MAX - key as u32)
}

#[cfg(test)]
mod tests;
