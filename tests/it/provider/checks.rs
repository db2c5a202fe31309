//! What every calendar provider does behind the seam, written once.

use std::collections::BTreeSet;

use renos::providers::calendar::{
    Changes, Content, Cursor, Exception, ItemId, ItemWrite, ProviderError, Recurrence, RemoteItem,
    When,
};

use super::{Fixture, at, booking};

/// The item `id` in a listing.
fn item<'a>(c: &'a Changes, id: &ItemId) -> &'a RemoteItem {
    c.upserts
        .iter()
        .find(|i| &i.id == id)
        .unwrap_or_else(|| panic!("{id:?} is not listed in {c:?}"))
}

fn is_empty(c: &Changes) -> bool {
    c.upserts.is_empty() && c.deletions.is_empty()
}

/// The first listing (no cursor) holds every item, ours with their booking
/// and the content we wrote, theirs without a booking.
pub async fn first_listing_holds_every_item<F: Fixture>(f: &F) {
    let cal = f.calendar();
    let dentist = f.their_event("Tandlæge", at(3, 13), at(3, 14)).await;
    let lunch = f.their_event("Frokost", at(4, 11), at(4, 12)).await;
    let one = cal.create(&booking("b-1", 5)).await.unwrap();
    let two = cal.create(&booking("b-2", 6)).await.unwrap();

    let all = cal.changes(None).await.unwrap();
    assert_eq!(all.upserts.len(), 4, "{all:?}");
    assert!(all.deletions.is_empty(), "{all:?}");
    assert!(all.unreadable.is_empty(), "{:?}", all.unreadable);
    assert!(all.next.is_some(), "a cursor to go on from");
    for (id, summary, start) in [
        (&dentist, "Tandlæge", at(3, 13)),
        (&lunch, "Frokost", at(4, 11)),
    ] {
        let i = item(&all, id);
        assert_eq!(i.booking, None, "made by a person");
        assert_eq!(i.content.summary, summary);
        assert_eq!(i.content.start, When::At(start));
        assert_eq!(i.recurrence, None);
    }
    for (w, b, day) in [(&one, "b-1", 5), (&two, "b-2", 6)] {
        let i = item(&all, &w.id);
        assert_eq!(i.booking.as_deref(), Some(b));
        assert_eq!(i.content, booking(b, day).content);
    }
}

/// Our create, update and delete are each listed from the cursor before
/// them, and nothing else is.
pub async fn our_changes_are_listed_incrementally<F: Fixture>(f: &F) {
    let cal = f.calendar();
    let empty = cal.changes(None).await.unwrap();
    assert!(is_empty(&empty), "{empty:?}");

    let made = cal.create(&booking("b-7", 9)).await.unwrap();
    let created = cal.changes(empty.next.as_ref()).await.unwrap();
    assert_eq!(created.upserts.len(), 1, "{created:?}");
    assert!(created.deletions.is_empty());
    assert_eq!(created.upserts[0].id, made.id);
    assert_eq!(created.upserts[0].booking.as_deref(), Some("b-7"));

    let moved = booking("b-7", 10);
    let updated = cal.update(&made.id, &made.version, &moved).await.unwrap();
    assert_eq!(updated.id, made.id, "an update keeps the item's id");
    let changed = cal.changes(created.next.as_ref()).await.unwrap();
    assert_eq!(changed.upserts.len(), 1, "{changed:?}");
    assert!(changed.deletions.is_empty());
    assert_eq!(changed.upserts[0].content, moved.content);

    cal.delete(&updated.id, &updated.version).await.unwrap();
    let deleted = cal.changes(changed.next.as_ref()).await.unwrap();
    assert!(deleted.upserts.is_empty(), "{deleted:?}");
    assert_eq!(deleted.deletions, vec![made.id.clone()]);

    let quiet = cal.changes(deleted.next.as_ref()).await.unwrap();
    assert!(is_empty(&quiet), "nothing since: {quiet:?}");
    assert_eq!(cal.find_by_booking("b-7").await, Ok(None));
}

/// What someone else makes, edits (our item too) and deletes straight on
/// the server is listed from the cursor before it; their edit of our item
/// has a new version and keeps our booking.
pub async fn their_changes_are_listed_incrementally<F: Fixture>(f: &F) {
    let cal = f.calendar();
    let ours = cal.create(&booking("b-8", 9)).await.unwrap();
    let first = cal.changes(None).await.unwrap();

    let theirs = f.their_event("Tandlæge", at(10, 13), at(10, 14)).await;
    f.their_edit(&ours.id, "Rengøring b-8 (flyttet)").await;
    let seen = cal.changes(first.next.as_ref()).await.unwrap();
    assert_eq!(seen.upserts.len(), 2, "{seen:?}");
    assert!(seen.deletions.is_empty(), "{seen:?}");
    let mine = item(&seen, &ours.id);
    assert_ne!(mine.version, ours.version, "someone else's edit, not ours");
    assert_eq!(mine.content.summary, "Rengøring b-8 (flyttet)");
    assert_eq!(mine.booking.as_deref(), Some("b-8"), "the booking survives");
    let new = item(&seen, &theirs);
    assert_eq!(new.booking, None);
    assert_eq!(new.content.summary, "Tandlæge");

    f.their_delete(&theirs).await;
    f.their_delete(&ours.id).await;
    let gone = cal.changes(seen.next.as_ref()).await.unwrap();
    assert!(gone.upserts.is_empty(), "{gone:?}");
    let deleted: BTreeSet<&ItemId> = gone.deletions.iter().collect();
    assert_eq!(deleted, BTreeSet::from([&theirs, &ours.id]));
}

/// A cursor the server no longer knows is `ResyncRequired`; a listing
/// without one recovers everything and goes on incrementally.
pub async fn an_invalid_cursor_asks_for_a_full_listing<F: Fixture>(f: &F) {
    let cal = f.calendar();
    let ours = cal.create(&booking("b-9", 11)).await.unwrap();
    let theirs = f.their_event("Frokost", at(11, 11), at(11, 12)).await;
    let good = cal.changes(None).await.unwrap().next.unwrap();
    // A token the server never gave, and one that is not a token at all.
    for bad in [format!("{}0", good.0), "not-a-cursor".to_string()] {
        let r = cal.changes(Some(&Cursor(bad.clone()))).await;
        assert_eq!(r, Err(ProviderError::ResyncRequired), "cursor {bad}");
    }
    let again = cal.changes(None).await.unwrap();
    assert_eq!(again.upserts.len(), 2, "{again:?}");
    item(&again, &ours.id);
    item(&again, &theirs);
    let quiet = cal.changes(again.next.as_ref()).await.unwrap();
    assert!(is_empty(&quiet), "{quiet:?}");
}

/// A write against a version that is no longer the item's fails with
/// `PreconditionFailed`, whether the newer version is ours or someone
/// else's, and leaves the item as it was.
pub async fn a_stale_version_overwrites_nothing<F: Fixture>(f: &F) {
    let cal = f.calendar();
    let first = cal.create(&booking("b-3", 7)).await.unwrap();
    let second = cal
        .update(&first.id, &first.version, &booking("b-3", 8))
        .await
        .unwrap();
    assert_ne!(second.version, first.version);
    let stale = cal
        .update(&first.id, &first.version, &booking("b-3", 12))
        .await;
    assert_eq!(stale, Err(ProviderError::PreconditionFailed));
    let stale = cal.delete(&first.id, &first.version).await;
    assert_eq!(stale, Err(ProviderError::PreconditionFailed));

    // Someone edits it after our last write: ours, made against the
    // version before theirs, fails and theirs stays.
    f.their_edit(&second.id, "Rengøring b-3 (ringet op)").await;
    let late = cal
        .update(&second.id, &second.version, &booking("b-3", 12))
        .await;
    assert_eq!(late, Err(ProviderError::PreconditionFailed));
    let late = cal.delete(&second.id, &second.version).await;
    assert_eq!(late, Err(ProviderError::PreconditionFailed));

    let now = cal.find_by_booking("b-3").await.unwrap().unwrap();
    assert_eq!(now.id, first.id);
    assert_ne!(now.version, second.version);
    assert_eq!(now.content.summary, "Rengøring b-3 (ringet op)");
    assert_eq!(now.content.start, When::At(at(8, 8)), "our second write");
}

/// A second create for a booking that has its item is refused; the
/// calendar holds one item for it, found by its booking.
pub async fn a_booking_is_created_once<F: Fixture>(f: &F) {
    let cal = f.calendar();
    let made = cal.create(&booking("b-4", 7)).await.unwrap();
    let again = cal.create(&booking("b-4", 8)).await;
    assert_eq!(again, Err(ProviderError::PreconditionFailed));

    let all = cal.changes(None).await.unwrap();
    let for_it: Vec<&RemoteItem> = all
        .upserts
        .iter()
        .filter(|i| i.booking.as_deref() == Some("b-4"))
        .collect();
    assert_eq!(for_it.len(), 1, "{all:?}");
    assert_eq!(for_it[0].id, made.id);
    assert_eq!(for_it[0].content.start, When::At(at(7, 8)), "the first");

    let found = cal.find_by_booking("b-4").await.unwrap().unwrap();
    assert_eq!((&found.id, &found.version), (&made.id, &made.version));
    // Only that booking: not one whose id begins or ends like it.
    cal.create(&booking("b-40", 7)).await.unwrap();
    assert_eq!(
        cal.find_by_booking("b-4").await.unwrap().map(|i| i.id),
        Some(made.id.clone())
    );
    assert_eq!(cal.find_by_booking("b-").await, Ok(None));
}

/// Our writes are listed back (fully, incrementally, by booking) with the
/// very version the write returned: the engine tells them from edits.
pub async fn our_writes_come_back_with_their_version<F: Fixture>(f: &F) {
    let cal = f.calendar();
    let made = cal.create(&booking("b-5", 12)).await.unwrap();
    let all = cal.changes(None).await.unwrap();
    assert_eq!(item(&all, &made.id).version, made.version);
    let found = cal.find_by_booking("b-5").await.unwrap().unwrap();
    assert_eq!(found.version, made.version);

    let updated = cal
        .update(&made.id, &made.version, &booking("b-5", 13))
        .await
        .unwrap();
    let next = cal.changes(all.next.as_ref()).await.unwrap();
    assert_eq!(item(&next, &made.id).version, updated.version);
    let found = cal.find_by_booking("b-5").await.unwrap().unwrap();
    assert_eq!(found.version, updated.version);

    // Someone else's edit is a version we never got.
    f.their_edit(&made.id, "Rengøring b-5 (ændret)").await;
    let theirs = cal.changes(next.next.as_ref()).await.unwrap();
    let edited = item(&theirs, &made.id);
    assert_ne!(edited.version, updated.version);
    assert_ne!(edited.version, made.version);
}

/// Our other facts (customer, service, cleaner, series, database) come
/// back as written, also after someone else's edit; a name no provider
/// keeps is refused before anything is written.
pub async fn our_facts_come_back_as_written<F: Fixture>(f: &F) {
    let cal = f.calendar();
    let mut ours = booking("b-11", 12);
    for (name, value) in [
        ("customer", "7"),
        ("service", "2"),
        ("staff", "3"),
        ("series", "s-1"),
        ("instance", "db-1"),
    ] {
        ours.properties.insert(name.to_string(), value.to_string());
    }
    let made = cal.create(&ours).await.unwrap();
    let all = cal.changes(None).await.unwrap();
    assert_eq!(item(&all, &made.id).properties, ours.properties);
    let found = cal.find_by_booking("b-11").await.unwrap().unwrap();
    assert_eq!(found.properties, ours.properties);

    f.their_edit(&made.id, "Rengøring b-11 (ændret)").await;
    let edited = cal.changes(all.next.as_ref()).await.unwrap();
    assert_eq!(item(&edited, &made.id).properties, ours.properties);

    let theirs = f.their_event("Frokost", at(12, 11), at(12, 12)).await;
    let listed = cal.changes(edited.next.as_ref()).await.unwrap();
    assert!(item(&listed, &theirs).properties.is_empty());

    let mut odd = booking("b-12", 12);
    odd.properties
        .insert("colour".to_string(), "red".to_string());
    let refused = cal.create(&odd).await;
    assert!(
        matches!(refused, Err(ProviderError::BadData(_))),
        "{refused:?}"
    );
    assert_eq!(cal.find_by_booking("b-12").await, Ok(None));
}

/// A weekly series with one occurrence moved: theirs is listed with its
/// rule and the changed occurrence; ours is written and read back the same.
pub async fn a_series_keeps_its_changed_occurrence<F: Fixture>(f: &F) {
    let cal = f.calendar();
    // Tuesday 3 March, four Tuesdays; the second moved to Wednesday.
    let theirs = f.their_series("Ugentlig", at(3, 9), 2, 4).await;
    f.their_move(&theirs, at(10, 9), at(11, 13), 2).await;
    let all = cal.changes(None).await.unwrap();
    assert_eq!(
        all.upserts.len(),
        1,
        "one item, not its occurrences: {all:?}"
    );
    let series = item(&all, &theirs);
    let rule = &series.recurrence.as_ref().expect("a rule").rule;
    assert!(
        rule.contains("FREQ=WEEKLY") && rule.contains("COUNT=4"),
        "{rule}"
    );
    assert_eq!(series.content.start, When::At(at(3, 9)));
    assert_eq!(series.exceptions.len(), 1, "{series:?}");
    assert_eq!(series.exceptions[0].original_start, When::At(at(10, 9)));
    assert_eq!(series.exceptions[0].content.start, When::At(at(11, 13)));
    assert_eq!(series.exceptions[0].content.end, When::At(at(11, 15)));

    let mut ours = booking("s-1", 3);
    ours.recurrence = Some(Recurrence {
        rule: "FREQ=WEEKLY;BYDAY=TU;COUNT=4".to_string(),
        excluded: Vec::new(),
    });
    ours.exceptions = vec![Exception {
        original_start: When::At(at(17, 8)),
        content: Content {
            start: When::At(at(17, 12)),
            end: When::At(at(17, 14)),
            ..ours.content.clone()
        },
    }];
    let made = if F::WRITES_EXCEPTIONS {
        cal.create(&ours).await.unwrap()
    } else {
        // Microsoft 365 keeps a changed occurrence as an event of its own,
        // written apart from its series; the client refuses the series
        // whole rather than dropping the change. Written without it, the
        // occurrence is then moved on the server, as a person would.
        let refused = cal.create(&ours).await;
        assert!(
            matches!(refused, Err(ProviderError::BadData(_))),
            "{refused:?}"
        );
        let plain = ItemWrite {
            exceptions: Vec::new(),
            ..ours.clone()
        };
        let made = cal.create(&plain).await.unwrap();
        f.their_move(&made.id, at(17, 8), at(17, 12), 2).await;
        made
    };
    let next = cal.changes(all.next.as_ref()).await.unwrap();
    let back = item(&next, &made.id);
    assert_eq!(back.booking.as_deref(), Some("s-1"));
    assert_eq!(back.recurrence, ours.recurrence);
    assert_eq!(back.exceptions.len(), 1, "{back:?}");
    assert_eq!(back.exceptions[0].original_start, When::At(at(17, 8)));
    assert_eq!(back.exceptions[0].content.start, When::At(at(17, 12)));
    if F::WRITES_EXCEPTIONS {
        assert_eq!(back.version, made.version, "our own write");
        assert_eq!(back.exceptions, ours.exceptions);
    }
}

/// With the server unreachable every call is `Transient` (the outbox keeps
/// the change); once it is back, the same calls work and nothing was lost.
pub async fn an_unreachable_server_is_worth_trying_later<F: Fixture>(f: &F) {
    let cal = f.calendar();
    let made = cal.create(&booking("b-6", 7)).await.unwrap();
    let first = cal.changes(None).await.unwrap();

    f.go_offline().await;
    let e = cal.changes(first.next.as_ref()).await.unwrap_err();
    assert!(e.is_transient(), "{e:?}");
    let e = cal.changes(None).await.unwrap_err();
    assert!(e.is_transient(), "{e:?}");
    let e = cal.create(&booking("b-60", 8)).await.unwrap_err();
    assert!(e.is_transient(), "{e:?}");
    let e = cal
        .update(&made.id, &made.version, &booking("b-6", 9))
        .await
        .unwrap_err();
    assert!(e.is_transient(), "{e:?}");
    let e = cal.find_by_booking("b-6").await.unwrap_err();
    assert!(e.is_transient(), "{e:?}");

    f.come_online().await;
    let quiet = cal.changes(first.next.as_ref()).await.unwrap();
    assert!(is_empty(&quiet), "nothing reached the server: {quiet:?}");
    let later = cal.create(&booking("b-60", 8)).await.unwrap();
    cal.update(&made.id, &made.version, &booking("b-6", 9))
        .await
        .unwrap();
    let back = cal.changes(quiet.next.as_ref()).await.unwrap();
    assert_eq!(back.upserts.len(), 2, "{back:?}");
    item(&back, &later.id);
    assert_eq!(item(&back, &made.id).content.start, When::At(at(9, 8)));
}

/// Items people made in the calendar, before we first read it.
const MANY: usize = 250;

/// A calendar of many items is listed whole, in as many requests as the
/// provider's paging takes; with nothing changed since, the next listing is
/// one request.
pub async fn many_items_are_listed_whole<F: Fixture>(f: &F) {
    let cal = f.calendar();
    f.fill(MANY).await;
    let before = f.requests();
    let all = cal.changes(None).await.unwrap();
    let used = f.requests() - before;
    assert!(all.unreadable.is_empty(), "{:?}", all.unreadable.first());
    assert_eq!(all.upserts.len(), MANY);
    let ids: BTreeSet<&ItemId> = all.upserts.iter().map(|i| &i.id).collect();
    assert_eq!(ids.len(), MANY, "no item twice");
    let names: BTreeSet<&str> = all
        .upserts
        .iter()
        .map(|i| i.content.summary.as_str())
        .collect();
    assert!(names.contains("Job 0") && names.contains(format!("Job {}", MANY - 1).as_str()));
    assert_eq!(names.len(), MANY);
    assert_eq!(
        used,
        f.listing_requests(MANY),
        "paged as the provider pages"
    );

    let before = f.requests();
    let quiet = cal.changes(all.next.as_ref()).await.unwrap();
    assert!(is_empty(&quiet), "{quiet:?}");
    assert_eq!(f.requests() - before, 1, "nothing changed: one request");
}

/// An item someone else made takes our changes in place: same id, our
/// booking and content, their place change seen afterwards (a CalDAV
/// server refuses a new UID for an object it holds).
pub async fn their_item_takes_our_changes<F: Fixture>(f: &F) {
    let cal = f.calendar();
    let theirs = f.their_event("Madsen", at(12, 8), at(12, 10)).await;
    let first = cal.changes(None).await.unwrap();
    let listed = item(&first, &theirs).clone();
    assert_eq!(listed.booking, None);

    let ours = booking("b-12", 12);
    let written = cal
        .update(&theirs, &listed.version, &ours)
        .await
        .unwrap_or_else(|e| panic!("our change to their item: {e}"));
    assert_eq!(written.id, theirs, "the same item, changed");
    let seen = cal.changes(first.next.as_ref()).await.unwrap();
    let changed = item(&seen, &theirs);
    assert_eq!(changed.booking.as_deref(), Some("b-12"));
    assert_eq!(changed.content, ours.content);
    assert_eq!(changed.version, written.version);
    let found = cal.find_by_booking("b-12").await.unwrap();
    assert_eq!(found.map(|i| i.id), Some(theirs.clone()));

    f.their_place(&theirs, "Nørregade 3").await;
    let again = cal.changes(seen.next.as_ref()).await.unwrap();
    let placed = item(&again, &theirs);
    assert_eq!(placed.content.location, "Nørregade 3");
    assert_eq!(
        placed.booking.as_deref(),
        Some("b-12"),
        "the booking survives"
    );
}

/// A first listing bounded below the calendar's items is refused whole
/// (nothing to take in); one within the bound holds every item.
pub async fn a_bounded_first_listing_takes_all_or_nothing<F: Fixture>(f: &F) {
    let cal = f.calendar();
    f.fill(5).await;
    let past = cal.first_listing(Some(4)).await;
    assert!(
        matches!(past, Err(ProviderError::TooMany { limit: 4 })),
        "{past:?}"
    );
    let within = cal.first_listing(Some(5)).await.unwrap();
    assert_eq!(within.upserts.len(), 5);
    assert!(within.next.is_some());
    let unbounded = cal.first_listing(None).await.unwrap();
    assert_eq!(unbounded.upserts.len(), 5);
}

/// An item is read by its id, ours or theirs, with the version a listing
/// gives it; an id that names nothing (or names an item deleted) is none.
pub async fn an_item_is_read_by_its_id<F: Fixture>(f: &F) {
    let cal = f.calendar();
    let theirs = f.their_event("Tandlæge", at(3, 13), at(3, 14)).await;
    let ours = cal.create(&booking("b-9", 5)).await.unwrap();
    let all = cal.changes(None).await.unwrap();
    for id in [&theirs, &ours.id] {
        let got = cal.get(id).await.unwrap().expect("read by its id");
        let listed = item(&all, id);
        assert_eq!(got.id, listed.id);
        assert_eq!(got.version, listed.version, "the version a listing gives");
        assert_eq!(got.content, listed.content);
        assert_eq!(got.booking, listed.booking);
    }
    cal.delete(&ours.id, &ours.version).await.unwrap();
    let gone = cal.get(&ours.id).await.unwrap();
    assert!(
        gone.as_ref()
            .is_none_or(|i| i.content.status == renos::providers::calendar::ItemStatus::Cancelled),
        "deleted: {gone:?}"
    );
}
