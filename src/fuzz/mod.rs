//! Property-based fuzzing of every reader and parser (tests only).
//!
//! Each reader gets inputs of two kinds: garbage, and near-valid files (a
//! good file with a few mutations: cut short, bytes changed, control
//! characters, NULs and invalid UTF-8 put in, a slice repeated thousands of
//! times, a line made endless, brackets nested deep, a number made huge).
//! Every property says the same: no panic, `Ok` or a clear error, and the
//! work bounded ([`BOUND`] of CPU time per input: the thread's own time, so
//! a busy machine does not fail a test).
//!
//! An input is kept as a [`Recipe`] (which seed, which mutations) rather
//! than as its bytes, so a failing or slow one prints short and can be
//! written back into a test. `RENOS_FUZZ_CASES=N` runs N cases per property
//! instead of the few the test suite affords; `RENOS_FUZZ_REPORT=1` prints
//! per property its cases, its slowest input and the process's peak memory.

use std::cell::RefCell;
use std::fmt;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

mod caldav;
mod customers;
mod ics;
mod providers;
mod settings;
mod when;

/// The most CPU time one input may take to be read, whatever it holds.
pub(crate) const BOUND: Duration = Duration::from_secs(2);

/// The CPU time this thread has used so far.
pub(crate) fn cpu_time() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to fill.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    if rc != 0 {
        return Duration::ZERO;
    }
    Duration::new(
        u64::try_from(t.tv_sec).unwrap_or(0),
        u32::try_from(t.tv_nsec).unwrap_or(0),
    )
}

/// The most bytes a recipe makes: past this, repeats and fills are cut.
const MAX_INPUT: usize = 1 << 20;

/// Bytes, printed as a byte-string literal (`b"BEGIN:\x00"`).
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Bytes(pub Vec<u8>);

impl fmt::Debug for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "b\"{}\"", self.0.escape_ascii())
    }
}

/// One mutation. Positions are taken modulo the input's length, so any
/// number fits any input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Edit {
    /// Inserts the bytes at a position.
    Insert(u32, Bytes),
    /// Inserts the bytes at the start of the line holding a position.
    Line(u32, Bytes),
    /// Overwrites one byte.
    Byte(u32, u8),
    /// Cuts the input short.
    Cut(u32),
    /// Removes up to this many bytes from a position.
    Remove(u32, u16),
    /// Repeats the slice of this length at a position this many times
    /// (many lines, many fields, many events).
    Repeat(u32, u16, u32),
    /// Inserts this many copies of one byte (an endless line, deep
    /// nesting, many blank lines, a NUL stream).
    Fill(u32, u8, u32),
    /// Replaces the next run of digits with this number (huge counts).
    Number(u32, &'static str),
}

/// A seed (by index) and the mutations made to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Recipe {
    pub seed: usize,
    pub edits: Vec<Edit>,
}

impl Recipe {
    /// The input: the seed with every edit made in turn.
    pub(crate) fn build(&self, seeds: &[Vec<u8>]) -> Vec<u8> {
        let mut b = seeds.get(self.seed).cloned().unwrap_or_default();
        for e in &self.edits {
            e.apply(&mut b);
        }
        b
    }

    /// The input as text (invalid UTF-8 replaced), for readers of `&str`.
    pub(crate) fn text(&self, seeds: &[Vec<u8>]) -> String {
        String::from_utf8_lossy(&self.build(seeds)).into_owned()
    }
}

fn at(pos: u32, len: usize) -> usize {
    pos as usize % (len + 1)
}

/// How many copies fit under [`MAX_INPUT`].
fn room(len: usize, each: usize, n: u32) -> usize {
    (n as usize).min(MAX_INPUT.saturating_sub(len) / each.max(1))
}

impl Edit {
    fn apply(&self, b: &mut Vec<u8>) {
        match self {
            Edit::Insert(p, bytes) => {
                let i = at(*p, b.len());
                b.splice(i..i, bytes.0.iter().copied());
            }
            Edit::Line(p, bytes) => {
                let i = at(*p, b.len());
                let start = b[..i]
                    .iter()
                    .rposition(|&c| c == b'\n')
                    .map_or(0, |n| n + 1);
                b.splice(start..start, bytes.0.iter().copied());
            }
            Edit::Byte(p, v) => {
                if !b.is_empty() {
                    let i = *p as usize % b.len();
                    b[i] = *v;
                }
            }
            Edit::Cut(p) => b.truncate(at(*p, b.len())),
            Edit::Remove(p, n) => {
                let i = at(*p, b.len());
                let end = (i + usize::from(*n)).min(b.len());
                b.drain(i..end);
            }
            Edit::Repeat(p, len, n) => {
                let i = at(*p, b.len());
                let end = (i + usize::from(*len).max(1)).min(b.len());
                let slice = b[i..end].to_vec();
                let n = room(b.len(), slice.len(), *n);
                let copies: Vec<u8> = slice
                    .iter()
                    .copied()
                    .cycle()
                    .take(slice.len() * n)
                    .collect();
                b.splice(end..end, copies);
            }
            Edit::Fill(p, v, n) => {
                let i = at(*p, b.len());
                let n = room(b.len(), 1, *n);
                b.splice(i..i, std::iter::repeat_n(*v, n));
            }
            Edit::Number(p, num) => {
                let i = at(*p, b.len());
                let digit = |c: &u8| c.is_ascii_digit();
                let found = b[i..]
                    .iter()
                    .position(digit)
                    .map(|d| i + d)
                    .or_else(|| b[..i].iter().position(digit));
                match found {
                    Some(s) => {
                        let e = b[s..]
                            .iter()
                            .position(|c| !digit(c))
                            .map_or(b.len(), |n| s + n);
                        b.splice(s..e, num.bytes());
                    }
                    None => {
                        b.splice(i..i, num.bytes());
                    }
                }
            }
        }
    }
}

/// Bytes no text file should hold, and text that drives terminals.
const NASTY: &[&[u8]] = &[
    b"\0",
    b"\0\0\0\0",
    b"\xff",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    b"\xc3",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\r",
    b"\r\n",
    b"\n",
    b"\t",
    b"\x1b]0;owned\x07\x1b[2J",
    b"\x7f",
    b"\xe2\x80\xae",
    b"\xf0\x9f\x98\x80",
    b"\\",
    b"\"",
    b"'",
];

/// Numbers that test bounds: signs, zero, the edges of integer types,
/// more digits than any type holds, floats past f64.
const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "00",
    "255",
    "256",
    "65536",
    "2147483647",
    "2147483648",
    "4294967295",
    "4294967296",
    "5000000",
    "9223372036854775807",
    "18446744073709551615",
    "99999999999999999999999999999999",
    "1e309",
    "-0.0",
    "NaN",
];

/// The bytes long lines and deep nesting are made of.
const FILLS: &[u8] = b"a ,;\"\n[{(\\\0\t=:";

/// How many times: mostly a few, sometimes thousands, now and then enough
/// to cross a reader's limits.
fn times() -> impl Strategy<Value = u32> {
    prop_oneof![
        8 => 1u32..64,
        3 => 64u32..5_000,
        1 => 5_000u32..300_000,
    ]
}

fn edit(tokens: &'static [&'static [u8]]) -> impl Strategy<Value = Edit> {
    let token = proptest::sample::select(tokens).prop_map(|t| Bytes(t.to_vec()));
    let nasty = proptest::sample::select(NASTY).prop_map(|t| Bytes(t.to_vec()));
    prop_oneof![
        3 => (any::<u32>(), token.clone()).prop_map(|(p, t)| Edit::Insert(p, t)),
        3 => (any::<u32>(), token).prop_map(|(p, t)| Edit::Line(p, t)),
        2 => (any::<u32>(), nasty).prop_map(|(p, t)| Edit::Insert(p, t)),
        1 => (any::<u32>(), proptest::collection::vec(any::<u8>(), 1..24))
            .prop_map(|(p, v)| Edit::Insert(p, Bytes(v))),
        2 => (any::<u32>(), any::<u8>()).prop_map(|(p, v)| Edit::Byte(p, v)),
        1 => any::<u32>().prop_map(Edit::Cut),
        1 => (any::<u32>(), 1u16..200).prop_map(|(p, n)| Edit::Remove(p, n)),
        1 => (any::<u32>(), 1u16..120, times()).prop_map(|(p, l, n)| Edit::Repeat(p, l, n)),
        1 => (any::<u32>(), proptest::sample::select(FILLS), times())
            .prop_map(|(p, v, n)| Edit::Fill(p, v, n)),
        2 => (any::<u32>(), proptest::sample::select(NUMBERS))
            .prop_map(|(p, n)| Edit::Number(p, n)),
    ]
}

/// Recipes over `seeds` seeds: mostly a few edits of a good file; seed
/// `seeds` (past the last) is the empty input, which edits turn into
/// garbage.
pub(crate) fn recipes(
    seeds: usize,
    tokens: &'static [&'static [u8]],
) -> impl Strategy<Value = Recipe> {
    (
        prop_oneof![9 => 0..seeds.max(1), 1 => Just(seeds)],
        proptest::collection::vec(edit(tokens), 0..6),
    )
        .prop_map(|(seed, edits)| Recipe { seed, edits })
}

/// Cases per property: `RENOS_FUZZ_CASES`, else `default`.
pub(crate) fn cases(default: u32) -> u32 {
    std::env::var("RENOS_FUZZ_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(default)
}

/// The highest resident memory of this process so far, in KB.
pub(crate) fn peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `test` on `cases(default)` inputs of `strategy`: a panic, an `Err`
/// or an input that takes longer than [`BOUND`] fails, with the smallest
/// such input found. Input and verdict go through `test`; the slowest input
/// is kept for the report.
pub(crate) fn check<S>(
    name: &str,
    default: u32,
    strategy: S,
    test: impl Fn(&S::Value) -> Result<(), String>,
) where
    S: Strategy,
    S::Value: fmt::Debug,
{
    let cases = cases(default);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 2_000,
        ..Config::default()
    });
    let slowest: RefCell<(Duration, String)> = RefCell::new((Duration::ZERO, String::new()));
    let started = Instant::now();
    // An abort (a stack overflow) cannot be caught: with RENOS_FUZZ_TRACE
    // set, each input is printed before it is tried, so the last one
    // printed is the culprit.
    let trace = std::env::var_os("RENOS_FUZZ_TRACE").is_some();
    let result = runner.run(&strategy, |input| {
        if trace {
            eprintln!("fuzz {name}: trying {input:?}");
        }
        let clock = cpu_time();
        test(&input).map_err(TestCaseError::fail)?;
        let took = cpu_time().saturating_sub(clock);
        if took > BOUND {
            return Err(TestCaseError::fail(format!("took {took:?}")));
        }
        let mut s = slowest.borrow_mut();
        if took > s.0 {
            *s = (took, format!("{input:?}"));
        }
        Ok(())
    });
    if std::env::var_os("RENOS_FUZZ_REPORT").is_some() {
        let (took, input) = slowest.into_inner();
        let input: String = input.chars().take(2_000).collect();
        // The report is for the long run, read from the test's output.
        {
            eprintln!(
                "fuzz {name}: {cases} cases in {:.1} s, slowest {:.1} ms (CPU), peak {} MB; \
                 slowest input: {input}",
                started.elapsed().as_secs_f64(),
                took.as_secs_f64() * 1000.0,
                peak_kb().unwrap_or(0) / 1024,
            );
        }
    }
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
}

/// Runs `test` on inputs a long run found (the slowest of their run, or
/// ones that once failed): each must pass within [`BOUND`].
pub(crate) fn replay<T: fmt::Debug>(found: &[T], test: impl Fn(&T) -> Result<(), String>) {
    for input in found {
        let clock = cpu_time();
        assert_eq!(test(input), Ok(()), "{input:?}");
        let took = cpu_time().saturating_sub(clock);
        assert!(took < BOUND, "{input:?}: {took:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_do_what_they_say() {
        let seeds = vec![b"COUNT=12\nab".to_vec()];
        let r = |edits: Vec<Edit>| Recipe { seed: 0, edits }.build(&seeds);
        assert_eq!(r(vec![Edit::Cut(3)]), b"COU");
        assert_eq!(r(vec![Edit::Number(0, "99")]), b"COUNT=99\nab");
        assert_eq!(
            r(vec![Edit::Line(10, Bytes(b"X\n".to_vec()))]),
            b"COUNT=12\nX\nab"
        );
        assert_eq!(r(vec![Edit::Repeat(9, 2, 2)]), b"COUNT=12\nababab");
        assert_eq!(r(vec![Edit::Fill(0, b'[', 3)]), b"[[[COUNT=12\nab");
        assert_eq!(r(vec![Edit::Remove(0, 6)]), b"12\nab");
        // Past the size limit, fills stop.
        assert_eq!(r(vec![Edit::Fill(0, b'a', u32::MAX)]).len(), MAX_INPUT);
        // The seed past the last is the empty input.
        assert_eq!(
            Recipe {
                seed: 1,
                edits: vec![]
            }
            .build(&seeds),
            b""
        );
        assert_eq!(format!("{:?}", Bytes(b"a\0\"".to_vec())), "b\"a\\x00\\\"\"");
    }
}
