//! Versioned migrations, applied in order inside one transaction.
//! `PRAGMA user_version` records how far a database has come.

use rusqlite::Connection;

use super::StoreError;

/// Each entry moves the schema one version up. Never edit a released entry;
/// add a new one.
pub const MIGRATIONS: &[&str] = &[
    // 1: staff, customers, bookings, journal.
    r#"
    CREATE TABLE staff (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,
        phone       TEXT NOT NULL DEFAULT '',
        colour      TEXT NOT NULL DEFAULT '',
        hours       TEXT NOT NULL,
        time_off    TEXT NOT NULL DEFAULT '[]',
        active      INTEGER NOT NULL DEFAULT 1,
        version     INTEGER NOT NULL DEFAULT 1,
        updated_at  INTEGER NOT NULL,
        updated_by  TEXT NOT NULL
    );
    CREATE UNIQUE INDEX staff_name ON staff(name COLLATE NOCASE) WHERE active = 1;

    CREATE TABLE customers (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,
        address     TEXT NOT NULL DEFAULT '',
        phone       TEXT NOT NULL DEFAULT '',
        email       TEXT NOT NULL DEFAULT '',
        notes       TEXT NOT NULL DEFAULT '',
        tags        TEXT NOT NULL DEFAULT '[]',
        version     INTEGER NOT NULL DEFAULT 1,
        updated_at  INTEGER NOT NULL,
        updated_by  TEXT NOT NULL
    );

    CREATE TABLE bookings (
        id            INTEGER PRIMARY KEY,
        customer_id   INTEGER NOT NULL REFERENCES customers(id),
        staff_id      INTEGER REFERENCES staff(id),
        service       TEXT NOT NULL,
        start_at      INTEGER NOT NULL,
        end_at        INTEGER NOT NULL CHECK (end_at > start_at),
        estimate_min  INTEGER NOT NULL CHECK (estimate_min >= 0),
        status        TEXT NOT NULL CHECK (status IN ('scheduled','in_progress','completed','cancelled')),
        started_at    INTEGER,
        finished_at   INTEGER,
        address       TEXT NOT NULL DEFAULT '',
        notes         TEXT NOT NULL DEFAULT '',
        version       INTEGER NOT NULL DEFAULT 1,
        updated_at    INTEGER NOT NULL,
        updated_by    TEXT NOT NULL
    );
    CREATE INDEX bookings_start ON bookings(start_at);
    CREATE INDEX bookings_staff_start ON bookings(staff_id, start_at);
    CREATE INDEX bookings_customer ON bookings(customer_id);

    CREATE TABLE journal (
        id         INTEGER PRIMARY KEY,
        at         INTEGER NOT NULL,
        actor      TEXT NOT NULL,
        action     TEXT NOT NULL,
        entity     TEXT NOT NULL,
        entity_id  INTEGER NOT NULL,
        before     TEXT,
        after      TEXT
    );
    CREATE INDEX journal_entity ON journal(entity, entity_id);
    "#,
    // 2: bookings get ids that are never reused (an undone creation must not
    // hand its id to someone else's booking), a review note and a cancel
    // reason; journal entries get a reason and undo bookkeeping.
    r#"
    CREATE TABLE bookings_v2 (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        customer_id   INTEGER NOT NULL REFERENCES customers(id),
        staff_id      INTEGER REFERENCES staff(id),
        service       TEXT NOT NULL,
        start_at      INTEGER NOT NULL,
        end_at        INTEGER NOT NULL CHECK (end_at > start_at),
        estimate_min  INTEGER NOT NULL CHECK (estimate_min >= 0),
        status        TEXT NOT NULL CHECK (status IN ('scheduled','in_progress','completed','cancelled')),
        started_at    INTEGER,
        finished_at   INTEGER,
        address       TEXT NOT NULL DEFAULT '',
        notes         TEXT NOT NULL DEFAULT '',
        review        TEXT NOT NULL DEFAULT '',
        cancel_reason TEXT NOT NULL DEFAULT '',
        version       INTEGER NOT NULL DEFAULT 1,
        updated_at    INTEGER NOT NULL,
        updated_by    TEXT NOT NULL
    );
    INSERT INTO bookings_v2 (id, customer_id, staff_id, service, start_at, end_at, estimate_min,
        status, started_at, finished_at, address, notes, version, updated_at, updated_by)
      SELECT id, customer_id, staff_id, service, start_at, end_at, estimate_min,
        status, started_at, finished_at, address, notes, version, updated_at, updated_by
      FROM bookings;
    DROP TABLE bookings;
    ALTER TABLE bookings_v2 RENAME TO bookings;
    CREATE INDEX bookings_start ON bookings(start_at);
    CREATE INDEX bookings_staff_start ON bookings(staff_id, start_at);
    CREATE INDEX bookings_customer ON bookings(customer_id);
    CREATE INDEX bookings_review ON bookings(start_at) WHERE review <> '';

    ALTER TABLE journal ADD COLUMN reason TEXT NOT NULL DEFAULT '';
    -- The entry an undo or redo reverts, and whether an entry has been reverted.
    ALTER TABLE journal ADD COLUMN reverts INTEGER REFERENCES journal(id);
    ALTER TABLE journal ADD COLUMN reverted INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX journal_actor ON journal(actor, id);
    "#,
    // 3: customers get a company and the history counters of the system they
    // were imported from; bookings imported from a calendar keep the event's
    // UID; imports are logged; the database gets an id of its own (for the
    // UIDs of exported events).
    r#"
    ALTER TABLE customers ADD COLUMN company TEXT NOT NULL DEFAULT '';
    ALTER TABLE customers ADD COLUMN leads INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE customers ADD COLUMN past_bookings INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE customers ADD COLUMN revenue_ore INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE customers ADD COLUMN last_contact_at INTEGER;

    -- The calendar event a booking came from: UID, plus the occurrence's
    -- original start (RECURRENCE-ID, UTC, RFC 3339) for a recurring event.
    CREATE TABLE booking_uids (
        booking_id  INTEGER PRIMARY KEY REFERENCES bookings(id),
        uid         TEXT NOT NULL,
        recurrence  TEXT NOT NULL DEFAULT ''
    );
    CREATE UNIQUE INDEX booking_uids_key ON booking_uids(uid, recurrence);

    CREATE TABLE imports (
        id        INTEGER PRIMARY KEY,
        at        INTEGER NOT NULL,
        actor     TEXT NOT NULL,
        kind      TEXT NOT NULL,
        file      TEXT NOT NULL,
        created   INTEGER NOT NULL,
        updated   INTEGER NOT NULL,
        skipped   INTEGER NOT NULL,
        failed    INTEGER NOT NULL
    );

    CREATE TABLE meta (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
    );
    INSERT INTO meta (key, value) VALUES ('instance', lower(hex(randomblob(6))));
    "#,
    // 4: the outbox (what a provider must still hear of), and the state of
    // the two-way sync with Google Calendar.
    r#"
    -- One row per thing to deliver; a newer change of the same thing bumps
    -- `seq` instead of adding a row, so a delivery that read an older `seq`
    -- knows it is not finished.
    CREATE TABLE outbox (
        id          INTEGER PRIMARY KEY,
        kind        TEXT NOT NULL,
        key         TEXT NOT NULL,
        seq         INTEGER NOT NULL DEFAULT 1,
        payload     TEXT NOT NULL DEFAULT '',
        state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','failed')),
        attempts    INTEGER NOT NULL DEFAULT 0,
        next_at     INTEGER NOT NULL,
        last_error  TEXT NOT NULL DEFAULT '',
        created_at  INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX outbox_key ON outbox(kind, key);
    CREATE INDEX outbox_due ON outbox(state, next_at);

    -- The Google event of a booking. `etag` is NULL until Google confirmed
    -- the event; `base` is the JSON of the fields both sides last agreed on;
    -- `gone` marks an event deleted on both sides.
    CREATE TABLE google_events (
        booking_id      INTEGER PRIMARY KEY,
        calendar_id     TEXT NOT NULL,
        event_id        TEXT NOT NULL,
        etag            TEXT,
        remote_updated  TEXT,
        base            TEXT,
        gone            INTEGER NOT NULL DEFAULT 0,
        -- The full sync (sync_state.full_gen) that last saw the event.
        seen_gen        INTEGER NOT NULL DEFAULT 0
    );
    CREATE UNIQUE INDEX google_events_event ON google_events(calendar_id, event_id);

    CREATE TABLE sync_state (
        calendar_id  TEXT PRIMARY KEY,
        sync_token   TEXT,
        page_token   TEXT,
        full_at      INTEGER,
        full_gen     INTEGER NOT NULL DEFAULT 0
    );

    -- The same field changed on both sides, or a deletion against an edit:
    -- waits for the dispatcher (keep mine / keep theirs / keep both).
    CREATE TABLE sync_conflicts (
        booking_id   INTEGER PRIMARY KEY,
        calendar_id  TEXT NOT NULL,
        event_id     TEXT NOT NULL,
        kind         TEXT NOT NULL,
        mine         TEXT,
        theirs       TEXT,
        base         TEXT,
        remote_etag  TEXT,
        at           INTEGER NOT NULL
    );

    CREATE TABLE sync_log (
        id          INTEGER PRIMARY KEY,
        started_at  INTEGER NOT NULL,
        ended_at    INTEGER,
        direction   TEXT NOT NULL,
        full        INTEGER NOT NULL DEFAULT 0,
        pulled      INTEGER NOT NULL DEFAULT 0,
        created     INTEGER NOT NULL DEFAULT 0,
        updated     INTEGER NOT NULL DEFAULT 0,
        deleted     INTEGER NOT NULL DEFAULT 0,
        pushed      INTEGER NOT NULL DEFAULT 0,
        conflicts   INTEGER NOT NULL DEFAULT 0,
        errors      TEXT NOT NULL DEFAULT ''
    );
    "#,
    // 5: invoices in Billy and phone alerts through Twilio. A customer keeps
    // the id of its Billy contact (and of the contact's primary person).
    r#"
    -- A delivery holds an entry until then (two consoles never deliver the
    -- same thing at once); a crashed delivery's hold runs out, or is taken
    -- over at once when its process (`host:pid`) is known to be gone.
    ALTER TABLE outbox ADD COLUMN claimed_until INTEGER;
    ALTER TABLE outbox ADD COLUMN claimed_by TEXT;

    -- What the sync last sent to Google for a booking, until Google's answer
    -- is recorded: a write whose answer was lost is then known as ours.
    ALTER TABLE google_events ADD COLUMN sent TEXT;

    ALTER TABLE customers ADD COLUMN billy_contact_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE customers ADD COLUMN billy_person_id TEXT NOT NULL DEFAULT '';

    -- One invoice per booking, ever. The row is the intent, written before
    -- Billy hears of it; `reference` goes on the invoice so a lost answer
    -- can be found again among the contact's invoices.
    CREATE TABLE invoices (
        booking_id   INTEGER PRIMARY KEY REFERENCES bookings(id),
        reference    TEXT NOT NULL UNIQUE,
        state        TEXT NOT NULL CHECK (state IN ('pending','draft','approved')),
        approve      INTEGER NOT NULL DEFAULT 0,
        email        INTEGER NOT NULL DEFAULT 0,
        billy_id     TEXT,
        invoice_no   TEXT,
        contact_id   TEXT,
        description  TEXT NOT NULL,
        billed_min   INTEGER NOT NULL,
        rate_ore     INTEGER NOT NULL,
        net_ore      INTEGER NOT NULL,
        vat_ore      INTEGER NOT NULL,
        gross_ore    INTEGER NOT NULL,
        balance_ore  INTEGER,
        paid         INTEGER NOT NULL DEFAULT 0,
        paid_at      INTEGER,
        entry_date   TEXT NOT NULL,
        terms_days   INTEGER NOT NULL,
        due_date     TEXT,
        emailed_at   INTEGER,
        error        TEXT NOT NULL DEFAULT '',
        created_at   INTEGER NOT NULL,
        created_by   TEXT NOT NULL,
        checked_at   INTEGER,
        updated_at   INTEGER NOT NULL
    );
    CREATE INDEX invoices_open ON invoices(state, paid);

    -- Calls and SMS. Automatic ones are unique per booking, kind and
    -- threshold, so every console and every restart agrees they were made.
    CREATE TABLE alerts (
        id          INTEGER PRIMARY KEY,
        booking_id  INTEGER NOT NULL,
        kind        TEXT NOT NULL,
        threshold   TEXT NOT NULL DEFAULT '',
        channel     TEXT NOT NULL CHECK (channel IN ('voice','sms')),
        to_number   TEXT NOT NULL,
        message     TEXT NOT NULL,
        priority    TEXT NOT NULL DEFAULT 'high',
        state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','sent','failed')),
        sid         TEXT,
        status      TEXT NOT NULL DEFAULT '',
        error       TEXT NOT NULL DEFAULT '',
        attempts    INTEGER NOT NULL DEFAULT 0,
        created_at  INTEGER NOT NULL,
        created_by  TEXT NOT NULL,
        sent_at     INTEGER
    );
    CREATE UNIQUE INDEX alerts_once ON alerts(booking_id, kind, threshold) WHERE kind <> 'manual';
    CREATE INDEX alerts_booking ON alerts(booking_id, id);
    "#,
    // 6: the sync against the real Google Calendar. A linked event that
    // looked deleted (a cancelled event, a 404, missing from a full listing)
    // is `suspect` until Google was asked again: it may have been moved to
    // another calendar, or written while a listing was open. A listing keeps
    // its query (page size and window) and when its page token was issued,
    // so every page repeats the first one's query and old tokens are dropped.
    r#"
    ALTER TABLE google_events ADD COLUMN suspect INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX google_events_suspect ON google_events(suspect) WHERE suspect = 1;
    -- A moved event keeps its id in its new calendar.
    CREATE INDEX google_events_id ON google_events(event_id);
    ALTER TABLE sync_state ADD COLUMN page_size INTEGER;
    ALTER TABLE sync_state ADD COLUMN page_at INTEGER;
    ALTER TABLE sync_state ADD COLUMN list_min INTEGER;
    ALTER TABLE sync_state ADD COLUMN list_max INTEGER;
    "#,
    // 7: invoices that Billy voided or credited in full.
    r#"
    -- When the invoice was found voided (or credited in full) in
    -- Billy; NULL while it stands. Such an invoice is no claim: payment
    -- polling leaves it, and the booking may be invoiced again.
    ALTER TABLE invoices ADD COLUMN voided_at INTEGER;
    "#,
    // 8: when an alert was first sent to Twilio.
    r#"
    -- The second (by the real clock, which Twilio's is compared with) an alert was
    -- first sent in a way that may have reached Twilio, written before the request: a
    -- restarted process then searches Twilio for it before sending it again.
    ALTER TABLE alerts ADD COLUMN tried_at INTEGER;
    CREATE INDEX alerts_in_doubt ON alerts(to_number, channel)
        WHERE state = 'pending' AND tried_at IS NOT NULL;
    "#,
    // 9: how a sync run failed, as a kind rather than only in words.
    r#"
    -- 'offline' (Google could not be reached), 'errors', 'interrupted';
    -- NULL while a run is under way and when it went through.
    ALTER TABLE sync_log ADD COLUMN failure TEXT;
    -- Runs logged before this knew the kind only from their words.
    UPDATE sync_log SET failure = CASE
        WHEN ended_at IS NULL OR errors = '' THEN NULL
        WHEN errors LIKE '%cannot reach%' THEN 'offline'
        WHEN errors LIKE 'interrupted%' THEN 'interrupted'
        ELSE 'errors' END;
    "#,
    // 10: recurring bookings. A series is the rule; its visits are ordinary
    // bookings that know their series and their original local start, once
    // each. The entries of one scoped change share a change id, so undo takes
    // the change back as one step.
    r#"
    -- start_time (HH:MM) and first_date (YYYY-MM-DD) are local, in the
    -- business time zone; rule is RRULE text without COUNT and UNTIL;
    -- parent_id is the series this one was split from ("this and
    -- following"); materialised_to the last date whose visits exist.
    CREATE TABLE series (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        staff_id INTEGER REFERENCES staff(id),
        service TEXT NOT NULL,
        start_time TEXT NOT NULL,
        duration_min INTEGER NOT NULL CHECK (duration_min > 0),
        first_date TEXT NOT NULL,
        rule TEXT NOT NULL,
        until_date TEXT,
        count INTEGER CHECK (count > 0),
        holidays TEXT NOT NULL DEFAULT 'skip' CHECK (holidays IN ('skip','move')),
        address TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        parent_id INTEGER REFERENCES series(id),
        materialised_to TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
    );
    CREATE INDEX series_customer ON series(customer_id);

    CREATE TABLE series_pauses (
        id INTEGER PRIMARY KEY,
        series_id INTEGER NOT NULL REFERENCES series(id),
        from_date TEXT NOT NULL,
        to_date TEXT NOT NULL CHECK (to_date >= from_date)
    );
    CREATE INDEX series_pauses_series ON series_pauses(series_id);

    -- A visit's series, the rule's local start of it (YYYY-MM-DDTHH:MM, kept
    -- when it moves), and '' while it follows the series, else how it left
    -- it: 'moved', 'reassigned', 'cancelled' or 'edited'.
    ALTER TABLE bookings ADD COLUMN series_id INTEGER REFERENCES series(id);
    ALTER TABLE bookings ADD COLUMN original_start TEXT;
    ALTER TABLE bookings ADD COLUMN exception TEXT NOT NULL DEFAULT '';
    CREATE UNIQUE INDEX bookings_series_original ON bookings(series_id, original_start)
        WHERE series_id IS NOT NULL;

    ALTER TABLE journal ADD COLUMN change_id INTEGER;
    CREATE INDEX journal_change ON journal(change_id) WHERE change_id IS NOT NULL;
    "#,
    // An invoice may cover several visits: a month of a recurring customer.
    r#"
    -- Invoices get an id of their own and the customer they bill; a monthly
    -- invoice names its month ('2026-12'), a single visit's has none. The
    -- invoices made before keep their booking's id as their id, so the
    -- outbox entries that name them still do.
    CREATE TABLE invoices_v2 (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        customer_id  INTEGER NOT NULL REFERENCES customers(id),
        month        TEXT,
        reference    TEXT NOT NULL UNIQUE,
        state        TEXT NOT NULL CHECK (state IN ('pending','draft','approved')),
        approve      INTEGER NOT NULL DEFAULT 0,
        email        INTEGER NOT NULL DEFAULT 0,
        billy_id     TEXT,
        invoice_no   TEXT,
        contact_id   TEXT,
        description  TEXT NOT NULL,
        billed_min   INTEGER NOT NULL,
        rate_ore     INTEGER NOT NULL,
        net_ore      INTEGER NOT NULL,
        vat_ore      INTEGER NOT NULL,
        gross_ore    INTEGER NOT NULL,
        balance_ore  INTEGER,
        paid         INTEGER NOT NULL DEFAULT 0,
        paid_at      INTEGER,
        entry_date   TEXT NOT NULL,
        terms_days   INTEGER NOT NULL,
        due_date     TEXT,
        emailed_at   INTEGER,
        error        TEXT NOT NULL DEFAULT '',
        created_at   INTEGER NOT NULL,
        created_by   TEXT NOT NULL,
        checked_at   INTEGER,
        updated_at   INTEGER NOT NULL,
        voided_at    INTEGER
    );
    INSERT INTO invoices_v2 (id, customer_id, month, reference, state, approve, email, billy_id,
        invoice_no, contact_id, description, billed_min, rate_ore, net_ore, vat_ore, gross_ore,
        balance_ore, paid, paid_at, entry_date, terms_days, due_date, emailed_at, error,
        created_at, created_by, checked_at, updated_at, voided_at)
      SELECT i.booking_id, b.customer_id, NULL, i.reference, i.state, i.approve, i.email,
        i.billy_id, i.invoice_no, i.contact_id, i.description, i.billed_min, i.rate_ore,
        i.net_ore, i.vat_ore, i.gross_ore, i.balance_ore, i.paid, i.paid_at, i.entry_date,
        i.terms_days, i.due_date, i.emailed_at, i.error, i.created_at, i.created_by,
        i.checked_at, i.updated_at, i.voided_at
      FROM invoices i JOIN bookings b ON b.id = i.booking_id;
    DROP TABLE invoices;
    ALTER TABLE invoices_v2 RENAME TO invoices;
    CREATE INDEX invoices_open ON invoices(state, paid);
    CREATE INDEX invoices_month ON invoices(customer_id, month) WHERE month IS NOT NULL;

    -- A visit on an invoice: one line. A visit is on one invoice, ever
    -- (its own or a month's): the booking is the key.
    CREATE TABLE invoice_lines (
        booking_id   INTEGER PRIMARY KEY REFERENCES bookings(id),
        invoice_id   INTEGER NOT NULL REFERENCES invoices(id),
        description  TEXT NOT NULL,
        billed_min   INTEGER NOT NULL,
        rate_ore     INTEGER NOT NULL
    );
    CREATE INDEX invoice_lines_invoice ON invoice_lines(invoice_id);
    INSERT INTO invoice_lines (booking_id, invoice_id, description, billed_min, rate_ore)
      SELECT id, id, description, billed_min, rate_ore FROM invoices;
    "#,
    // When and where each cleaner works beyond the day's hours: breaks,
    // date overrides, skills, area, contracted hours, daily maximum and
    // priority. (A sick call's reassignments share a journal change id, as
    // a series change does, and are undone together.)
    r#"
    -- No row: the staff row's hours, no overrides, every service, everywhere.
    CREATE TABLE staff_availability (
        staff_id       INTEGER PRIMARY KEY REFERENCES staff(id),
        -- Hours per weekday with breaks ('mon-fri 08:00-12:00,12:30-16:00');
        -- '' keeps the staff row's hours.
        week           TEXT NOT NULL DEFAULT '',
        overrides      TEXT NOT NULL DEFAULT '[]',
        skills         TEXT NOT NULL DEFAULT '[]',
        -- Postcodes and ranges ('2100,2200-2450'); '' is everywhere.
        area           TEXT NOT NULL DEFAULT '',
        contract_min   INTEGER,
        daily_max_min  INTEGER,
        priority       INTEGER NOT NULL DEFAULT 0
    );
    -- Round robin asks for each cleaner's newest booking.
    CREATE INDEX bookings_staff_id ON bookings(staff_id, id);
    "#,
    // A series is one recurring event in Google Calendar.
    r#"
    -- The recurring event of a series: like google_events for a booking
    -- (etag NULL until Google confirmed it; base the JSON of what both
    -- sides last agreed on). Its visits link to their instances in
    -- google_events.
    CREATE TABLE google_series (
        series_id    INTEGER PRIMARY KEY,
        calendar_id  TEXT NOT NULL,
        event_id     TEXT NOT NULL,
        etag         TEXT,
        base         TEXT
    );
    CREATE UNIQUE INDEX google_series_event ON google_series(calendar_id, event_id);
    "#,
    // A series imported from a calendar keeps the recurring event's UID, so
    // importing the file again finds it.
    r#"
    CREATE TABLE series_uids (
        series_id  INTEGER PRIMARY KEY REFERENCES series(id),
        uid        TEXT NOT NULL UNIQUE
    );
    "#,
    // The search's next and last booking of a customer: two look-ups in
    // (customer, start). It covers what the index on the customer alone did.
    r#"
    CREATE INDEX bookings_customer_start ON bookings(customer_id, start_at);
    DROP INDEX bookings_customer;
    "#,
    // A booking's status is checked with plain comparisons. SQLite checks
    // `status IN (four values)` by building a temporary table for every row
    // written; that was a fifth of the cost of making a series' visits. The
    // table is copied as it is (ids, the id counter, the indexes), so the
    // rows that refer to bookings still do.
    r#"
    CREATE TABLE bookings_v3 (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        customer_id    INTEGER NOT NULL REFERENCES customers(id),
        staff_id       INTEGER REFERENCES staff(id),
        service        TEXT NOT NULL,
        start_at       INTEGER NOT NULL,
        end_at         INTEGER NOT NULL CHECK (end_at > start_at),
        estimate_min   INTEGER NOT NULL CHECK (estimate_min >= 0),
        status         TEXT NOT NULL CHECK (status = 'scheduled' OR status = 'in_progress'
                         OR status = 'completed' OR status = 'cancelled'),
        started_at     INTEGER,
        finished_at    INTEGER,
        address        TEXT NOT NULL DEFAULT '',
        notes          TEXT NOT NULL DEFAULT '',
        review         TEXT NOT NULL DEFAULT '',
        cancel_reason  TEXT NOT NULL DEFAULT '',
        version        INTEGER NOT NULL DEFAULT 1,
        updated_at     INTEGER NOT NULL,
        updated_by     TEXT NOT NULL,
        series_id      INTEGER REFERENCES series(id),
        original_start TEXT,
        exception      TEXT NOT NULL DEFAULT ''
    );
    INSERT INTO bookings_v3 (id, customer_id, staff_id, service, start_at, end_at, estimate_min,
        status, started_at, finished_at, address, notes, review, cancel_reason, version,
        updated_at, updated_by, series_id, original_start, exception)
      SELECT id, customer_id, staff_id, service, start_at, end_at, estimate_min,
        status, started_at, finished_at, address, notes, review, cancel_reason, version,
        updated_at, updated_by, series_id, original_start, exception
      FROM bookings;
    -- An id handed out once is never handed out again, even when its
    -- booking is gone (an undone creation): the counter goes on from where
    -- it was, not from the highest id left.
    INSERT INTO sqlite_sequence (name, seq)
      SELECT 'bookings_v3', 0 WHERE NOT EXISTS
        (SELECT 1 FROM sqlite_sequence WHERE name = 'bookings_v3');
    UPDATE sqlite_sequence
      SET seq = (SELECT max(seq) FROM sqlite_sequence WHERE name IN ('bookings', 'bookings_v3'))
      WHERE name = 'bookings_v3';
    DROP TABLE bookings;
    ALTER TABLE bookings_v3 RENAME TO bookings;
    CREATE INDEX bookings_start ON bookings(start_at);
    CREATE INDEX bookings_staff_start ON bookings(staff_id, start_at);
    CREATE INDEX bookings_customer_start ON bookings(customer_id, start_at);
    CREATE INDEX bookings_review ON bookings(start_at) WHERE review <> '';
    CREATE UNIQUE INDEX bookings_series_original ON bookings(series_id, original_start)
        WHERE series_id IS NOT NULL;
    CREATE INDEX bookings_staff_id ON bookings(staff_id, id);
    "#,
    // The assistants' two-step writes (`renos mcp`): the confirmations a
    // dry run hands out, and the receipts of confirmed writes under an
    // idempotency key (kept in the write's own transaction).
    r#"
    CREATE TABLE assistant_confirmations (
        token       TEXT PRIMARY KEY,
        actor       TEXT NOT NULL,
        tool        TEXT NOT NULL,
        digest      TEXT NOT NULL,
        expires_at  INTEGER NOT NULL,
        used_at     INTEGER
    );
    CREATE TABLE assistant_receipts (
        actor         TEXT NOT NULL,
        key           TEXT NOT NULL,
        tool          TEXT NOT NULL,
        digest        TEXT NOT NULL,
        at            INTEGER NOT NULL,
        journal_from  INTEGER NOT NULL,
        journal_to    INTEGER NOT NULL,
        result        TEXT,
        PRIMARY KEY (actor, key)
    );
    "#,
    // The API's tokens: only a SHA-256 of each is kept; a cleaner's names
    // the cleaner. A revoked token stays listed, with when.
    r#"
    CREATE TABLE api_tokens (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'dispatcher', 'viewer', 'cleaner')),
        staff_id INTEGER REFERENCES staff(id),
        hash BLOB NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        last_used INTEGER,
        revoked_at INTEGER,
        CHECK ((role = 'cleaner') = (staff_id IS NOT NULL))
    );
    "#,
    // A visit may wait on two conflicts at once: its own (its instance
    // changed on both sides) and its series' (the recurring event changed
    // on both sides), so a conflict is keyed by the booking and whether it
    // is the series'. A series' conflict keeps how each side repeats (rule
    // and end), so a rule or an end changed on both sides can be shown and
    // settled. The rows are kept; a row on a series' recurring event is
    // the series'.
    r#"
    CREATE TABLE sync_conflicts_v2 (
        booking_id   INTEGER NOT NULL,
        of_series    INTEGER NOT NULL DEFAULT 0 CHECK (of_series = 0 OR of_series = 1),
        calendar_id  TEXT NOT NULL,
        event_id     TEXT NOT NULL,
        kind         TEXT NOT NULL,
        mine         TEXT,
        theirs       TEXT,
        base         TEXT,
        remote_etag  TEXT,
        at           INTEGER NOT NULL,
        repeats      TEXT,
        PRIMARY KEY (booking_id, of_series)
    );
    INSERT INTO sync_conflicts_v2 (booking_id, of_series, calendar_id, event_id, kind, mine,
        theirs, base, remote_etag, at)
      SELECT c.booking_id,
        EXISTS (SELECT 1 FROM google_series g
                WHERE g.calendar_id = c.calendar_id AND g.event_id = c.event_id),
        c.calendar_id, c.event_id, c.kind, c.mine, c.theirs, c.base, c.remote_etag, c.at
      FROM sync_conflicts c;
    DROP TABLE sync_conflicts;
    ALTER TABLE sync_conflicts_v2 RENAME TO sync_conflicts;
    CREATE INDEX sync_conflicts_event ON sync_conflicts(calendar_id, event_id);
    "#,
    // Whether this database made a booking's item, so its title is ours to
    // write (a job made by hand in a calendar keeps its own). A Google
    // event's id says so itself; an item on CalDAV or Microsoft 365 is
    // named by its provider, so it is kept here. Items there from before:
    // ours unless the booking was made from the item. Every row is kept.
    r#"
    ALTER TABLE google_events ADD COLUMN ours INTEGER NOT NULL DEFAULT 0;
    UPDATE google_events SET ours = 1
      WHERE (calendar_id LIKE 'caldav:%' OR calendar_id LIKE 'outlook:%')
        AND NOT EXISTS (SELECT 1 FROM journal j
                        WHERE j.entity = 'booking' AND j.entity_id = google_events.booking_id
                          AND j.action = 'booking.sync' AND j.before IS NULL);
    "#,
];

/// The schema version this build writes.
pub const CURRENT: i64 = MIGRATIONS.len() as i64;

pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let have: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if have > CURRENT {
        return Err(StoreError::TooNew {
            have,
            known: CURRENT,
        });
    }
    if have == CURRENT {
        return Ok(());
    }
    // A migration that rebuilds a table others refer to (SQLite's way of
    // changing a constraint) drops the old table while its rows are still
    // referred to: the foreign keys are off while the migrations run (the
    // pragma cannot change inside a transaction) and checked before the
    // commit instead.
    let fk: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", false)?;
    let out = migrate_in(conn);
    conn.pragma_update(None, "foreign_keys", fk)?;
    out
}

fn migrate_in(conn: &mut Connection) -> Result<(), StoreError> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // Another process may have migrated while we waited for the lock.
    let have: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let broken_before = broken_references(&tx)?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(have.max(0) as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    // Nothing the migrations did may leave a row referring to one that is
    // not there (what was broken before, in a file written without the
    // checks, is left as it was).
    let broken = broken_references(&tx)?;
    if broken > broken_before {
        return Err(StoreError::Corrupt(format!(
            "upgrading the database would leave {} rows referring to rows that are not there",
            broken - broken_before
        )));
    }
    tx.commit()?;
    Ok(())
}

/// How many rows refer to a row that is not there (`PRAGMA foreign_key_check`).
fn broken_references(conn: &Connection) -> Result<usize, StoreError> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let mut rows = stmt.query([])?;
    let mut n = 0;
    while rows.next()?.is_some() {
        n += 1;
    }
    Ok(n)
}
