use chrono::{Duration, TimeZone};
use proptest::prelude::*;

use super::*;

fn at(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, h, 0, 0)
        .single()
        .expect("time")
}

fn fields() -> EventFields {
    EventFields {
        start: at(8),
        end: at(11),
        staff_id: Some(1),
        location: "Vestergade 1".into(),
        notes: String::new(),
        summary: "Hansen · Fast rengøring".into(),
    }
}

#[test]
fn one_sided_changes_merge_field_by_field() {
    let base = fields();
    let mut mine = base.clone();
    mine.notes = "nøgle under måtten".into();
    let mut theirs = base.clone();
    theirs.start = at(9);
    theirs.end = at(12);
    let got = merge(
        Some(&base),
        &Side::Present(mine.clone()),
        &Side::Present(theirs),
    );
    let mut want = mine;
    want.start = at(9);
    want.end = at(12);
    assert_eq!(got, Merged::Present(want));
}

#[test]
fn the_same_field_changed_on_both_sides_is_a_conflict() {
    let base = fields();
    let mut mine = base.clone();
    mine.start = at(9);
    let mut theirs = base.clone();
    theirs.start = at(10);
    theirs.notes = "ring først".into();
    assert_eq!(
        merge(Some(&base), &Side::Present(mine), &Side::Present(theirs)),
        Merged::Conflict(ConflictKind::Fields(vec![Field::Start]))
    );
}

#[test]
fn the_same_change_on_both_sides_agrees() {
    let base = fields();
    let mut both = base.clone();
    both.start = at(9);
    assert_eq!(
        merge(
            Some(&base),
            &Side::Present(both.clone()),
            &Side::Present(both.clone())
        ),
        Merged::Present(both)
    );
}

#[test]
fn a_summary_edit_in_the_calendar_is_not_taken_over() {
    let base = fields();
    let mut theirs = base.clone();
    theirs.summary = "something else".into();
    assert_eq!(
        merge(
            Some(&base),
            &Side::Present(base.clone()),
            &Side::Present(theirs)
        ),
        Merged::Present(base)
    );
}

#[test]
fn deletion_against_an_edit_is_a_conflict_never_a_delete() {
    let base = fields();
    let mut edited = base.clone();
    edited.end = at(12);
    assert_eq!(
        merge(Some(&base), &Side::Present(edited.clone()), &Side::Gone),
        Merged::Conflict(ConflictKind::DeletedThere)
    );
    assert_eq!(
        merge(Some(&base), &Side::Gone, &Side::Present(edited)),
        Merged::Conflict(ConflictKind::CancelledHere)
    );
    assert_eq!(
        merge(Some(&base), &Side::Present(base.clone()), &Side::Gone),
        Merged::Gone
    );
    assert_eq!(
        merge(Some(&base), &Side::Gone, &Side::Present(base.clone())),
        Merged::Gone
    );
}

#[test]
fn without_a_base_the_console_wins() {
    let mine = fields();
    let mut theirs = fields();
    theirs.start = at(7);
    assert_eq!(
        merge(None, &Side::Present(mine.clone()), &Side::Present(theirs)),
        Merged::Present(mine.clone())
    );
    assert_eq!(
        merge(None, &Side::Present(mine.clone()), &Side::Gone),
        Merged::Present(mine)
    );
}

fn arb_fields() -> impl Strategy<Value = EventFields> {
    (0i64..3, 0i64..3, prop::option::of(1i64..3), 0u8..2, 0u8..2).prop_map(|(s, e, st, l, n)| {
        EventFields {
            start: at(8) + Duration::hours(s),
            end: at(12) + Duration::hours(e),
            staff_id: st,
            location: format!("gade {l}"),
            notes: format!("note {n}"),
            summary: "x".into(),
        }
    })
}

proptest! {
    /// Whatever the merge keeps, every field equals one side's value, a
    /// field only one side changed has that side's value, and merging is
    /// symmetric up to which side "mine" is.
    #[test]
    fn merge_only_takes_values_of_a_side(b in arb_fields(), m in arb_fields(), t in arb_fields()) {
        match merge(Some(&b), &Side::Present(m.clone()), &Side::Present(t.clone())) {
            Merged::Present(out) => {
                for f in Field::ALL {
                    prop_assert!(out.same(&m, f) || out.same(&t, f));
                    if !m.same(&b, f) { prop_assert!(out.same(&m, f)); }
                    if !t.same(&b, f) { prop_assert!(out.same(&t, f)); }
                }
                let swapped = merge(Some(&b), &Side::Present(t.clone()), &Side::Present(m.clone()));
                match swapped {
                    Merged::Present(o2) => prop_assert!(o2.differences(&out).is_empty()),
                    other => prop_assert!(false, "asymmetric: {other:?}"),
                }
            }
            Merged::Conflict(ConflictKind::Fields(fs)) => {
                prop_assert!(!fs.is_empty());
                for f in fs {
                    prop_assert!(!m.same(&b, f) && !t.same(&b, f) && !m.same(&t, f));
                }
            }
            other => prop_assert!(false, "unexpected {other:?}"),
        }
    }
}

#[test]
fn a_lost_write_of_ours_is_not_an_edit_there() {
    let with_notes = |n: &str| EventFields {
        notes: n.into(),
        ..fields()
    };
    let base = with_notes("a");
    let sent = with_notes("b");
    // Google holds what we sent (the answer was lost); we have moved on to "c".
    let theirs = with_notes("b");
    let mine = with_notes("c");
    assert!(matches!(
        merge(
            Some(&base),
            &Side::Present(mine.clone()),
            &Side::Present(theirs.clone())
        ),
        Merged::Conflict(_)
    ));
    let own = with_own_writes(&base, &sent, &theirs);
    assert_eq!(
        merge(
            Some(&own),
            &Side::Present(mine.clone()),
            &Side::Present(theirs)
        ),
        Merged::Present(mine.clone())
    );
    // A real edit there after ours still clashes.
    let edited = with_notes("d");
    let own = with_own_writes(&base, &sent, &edited);
    assert!(matches!(
        merge(Some(&own), &Side::Present(mine), &Side::Present(edited)),
        Merged::Conflict(_)
    ));
}

#[test]
fn what_only_the_calendar_changed_is_taken_beside_a_clash() {
    let base = fields();
    let mine = EventFields {
        start: base.start + chrono::Duration::hours(1),
        notes: "mine".into(),
        ..base.clone()
    };
    let theirs = EventFields {
        start: base.start + chrono::Duration::minutes(30),
        location: "Der 42".into(),
        notes: "mine".into(),
        ..base.clone()
    };
    let taken = uncontested(&base, &mine, &theirs);
    assert_eq!(
        taken.start, mine.start,
        "the clash stays mine until decided"
    );
    assert_eq!(taken.location, "Der 42", "their change alone is taken");
    assert_eq!(taken.notes, "mine");
    assert!(matches!(
        merge(Some(&base), &Side::Present(taken.clone()), &Side::Present(theirs)),
        Merged::Conflict(ConflictKind::Fields(f)) if f == vec![Field::Start]
    ));
}
