//! The booking notes the search (`/`) looks in, held by the store worker.
//!
//! Why in memory and not a query: a note matches when the folded query
//! (`ostergard` for "Østergaard", see `domain::fuzzy`) occurs anywhere in
//! it, which no SQLite index answers; a `LIKE '%…%'` over 300,000 rows
//! reads them all on every keystroke (tens of milliseconds) and cannot
//! fold æøå. Folded once into one buffer, a keystroke is one `memmem`
//! pass over a few megabytes. The worker keeps it fresh from the journal:
//! every change to a booking is journaled in its transaction, so the
//! bookings named after the last entry read are folded again (see
//! `Store::bookings_changed_since`), whoever changed them.

use std::collections::HashMap;

use memchr::memmem;

use crate::domain::fuzzy::fold_text;
use crate::store::NoteRow;

/// Past this share of replaced text the buffer is built again.
const WASTE_PER_LIVE: usize = 1;

/// One booking's folded notes in [`NotesIndex::text`].
#[derive(Debug, Clone, Copy)]
struct Entry {
    id: i64,
    start: i64,
    from: u32,
    to: u32,
    /// Replaced by a newer entry, or the booking no longer has notes.
    dead: bool,
}

/// Every live booking's notes, folded, back to back (a space between two).
#[derive(Default)]
pub struct NotesIndex {
    text: Vec<u8>,
    /// In the order of their text.
    entries: Vec<Entry>,
    /// The live entry of each booking.
    by_id: HashMap<i64, usize>,
    dead: usize,
}

impl NotesIndex {
    /// Folds `rows` (from `Store::booking_notes`).
    pub fn build(rows: impl IntoIterator<Item = NoteRow>) -> NotesIndex {
        let mut index = NotesIndex::default();
        for row in rows {
            index.put(row);
        }
        index
    }

    /// How many bookings it holds.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Booking `id` as it is now: its notes (`Some`), or none (`None`:
    /// cancelled, emptied or gone).
    pub fn update(&mut self, id: i64, now: Option<NoteRow>) {
        if let Some(i) = self.by_id.remove(&id)
            && let Some(e) = self.entries.get_mut(i)
        {
            e.dead = true;
            self.dead += 1;
        }
        if let Some(row) = now {
            self.put(row);
        }
        if self.dead > self.by_id.len() * WASTE_PER_LIVE + 1024 {
            self.compact();
        }
    }

    fn put(&mut self, (id, start, notes): NoteRow) {
        let folded = fold_text(&notes);
        if folded.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push(b' ');
        }
        let (Ok(from), Ok(to)) = (
            u32::try_from(self.text.len()),
            u32::try_from(self.text.len() + folded.len()),
        ) else {
            return; // Past 4 GiB of notes the rest is not searched.
        };
        self.text.extend_from_slice(folded.as_bytes());
        self.by_id.insert(id, self.entries.len());
        self.entries.push(Entry {
            id,
            start,
            from,
            to,
            dead: false,
        });
    }

    fn compact(&mut self) {
        let old = std::mem::take(self);
        for e in old.entries.iter().filter(|e| !e.dead) {
            let text = old.text.get(e.from as usize..e.to as usize).unwrap_or(&[]);
            self.put((e.id, e.start, String::from_utf8_lossy(text).into_owned()));
        }
    }

    /// The bookings whose notes hold every word of `query` (folded), at
    /// most `limit`: those starting at or after `now` (seconds) first,
    /// soonest first, then the earlier ones, latest first. A query of fewer
    /// than `min_len` folded letters finds nothing: it would match most notes.
    pub fn search(&self, query: &str, now: i64, limit: usize, min_len: usize) -> Vec<i64> {
        let folded = fold_text(query);
        let mut terms: Vec<&[u8]> = folded
            .split(' ')
            .filter(|t| !t.is_empty())
            .map(str::as_bytes)
            .collect();
        if terms.iter().map(|t| t.len()).sum::<usize>() < min_len || limit == 0 {
            return Vec::new();
        }
        // The longest word first: it occurs least often.
        terms.sort_by_key(|t| std::cmp::Reverse(t.len()));
        let Some((first, rest)) = terms.split_first() else {
            return Vec::new();
        };
        let rest: Vec<memmem::Finder> = rest.iter().map(memmem::Finder::new).collect();
        let mut hits: Vec<(bool, i64, i64)> = Vec::new();
        let mut last: Option<usize> = None;
        for at in memmem::find_iter(&self.text, first) {
            let i = self.entries.partition_point(|e| e.from as usize <= at);
            let Some(i) = i.checked_sub(1) else { continue };
            if last == Some(i) {
                continue;
            }
            let Some(e) = self.entries.get(i) else {
                continue;
            };
            if e.dead || at + first.len() > e.to as usize {
                continue;
            }
            last = Some(i);
            let text = self.text.get(e.from as usize..e.to as usize).unwrap_or(&[]);
            if rest.iter().all(|f| f.find(text).is_some()) {
                // Upcoming first (soonest), then past (latest).
                let ahead = e.start >= now;
                let key = if ahead { e.start } else { -e.start };
                hits.push((!ahead, key, e.id));
            }
        }
        if hits.len() > limit {
            hits.select_nth_unstable(limit - 1);
            hits.truncate(limit);
        }
        hits.sort_unstable();
        hits.into_iter().map(|(_, _, id)| id).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> NotesIndex {
        NotesIndex::build([
            (1, 100, "Nøglen ligger under måtten".to_string()),
            (2, 300, "Hund i haven; ring til Østergaard".to_string()),
            (3, 50, "Østergaard vil have vinduer pudset".to_string()),
            (4, 200, "Kode 1234 til opgangen".to_string()),
        ])
    }

    #[test]
    fn folded_words_in_any_order_upcoming_first_then_latest_past() {
        let ix = index();
        assert_eq!(ix.search("ostergaard", 100, 10, 3), vec![2, 3]);
        assert_eq!(ix.search("ØSTERGÅRD", 400, 10, 3), vec![2, 3]);
        assert_eq!(ix.search("ring oster", 0, 10, 3), vec![2]);
        assert_eq!(ix.search("maatten nogle", 0, 10, 3), vec![1]);
        assert_eq!(ix.search("1234", 0, 10, 3), vec![4]);
        assert!(ix.search("ha", 0, 10, 3).is_empty(), "too short");
        assert_eq!(ix.search("ha", 0, 1, 2).len(), 1, "the limit");
    }

    #[test]
    fn a_match_never_spans_two_bookings_and_changes_replace_the_old_text() {
        let mut ix = index();
        // "opgangen" ends 4, nothing follows it across the space.
        assert!(ix.search("opgangen hund", 0, 10, 3).is_empty());
        assert!(ix.search("gen nog", 0, 10, 3).is_empty());
        ix.update(2, Some((2, 300, "Kat".into())));
        assert_eq!(ix.search("ostergaard", 0, 10, 3), vec![3]);
        ix.update(3, None);
        assert!(ix.search("ostergaard", 0, 10, 3).is_empty());
        assert_eq!(ix.len(), 3);
        for n in 0..3000 {
            ix.update(1, Some((1, n, format!("Nøgle {n}"))));
        }
        assert_eq!(ix.search("nogle 2999", 0, 10, 3), vec![1]);
        assert!(ix.search("2998", 0, 10, 3).is_empty());
        assert!(ix.text.len() < 30_000, "compacted: {}", ix.text.len());
    }
}
