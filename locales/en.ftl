## The console's words in English. Keys are shared with da.ftl; a test
## checks both files have the same keys and variables.

## The header and the screen around the schedule

header-product = RenOS Dispatch
header-today = today
header-tomorrow = tomorrow
header-yesterday = yesterday
header-days-away = { $days } days
header-fixed-clock = fixed
header-read-only = read-only
screen-too-small = The console needs at least 40×12; make the terminal larger.
screen-loading = Loading…
welcome-title = Welcome
welcome-no-cleaners = No cleaners yet.
welcome-add-cleaner = Add a cleaner: renos staff add "Anna Jensen" --hours "mon-fri 07:00-16:00"
welcome-demo = Try the demo:  renos demo
welcome-database = Database:      { $path }

## The status line's counts

status-bookings = { $n } { $n ->
    [one] booking
   *[other] bookings
}
status-clashes = { $n } { $n ->
    [one] clash
   *[other] clashes
}
status-running = { $n } running
status-over = { $n } over
status-late = { $n } late
status-to-review = { $n } to review
status-undo = { $key }: undo { $what } ({ $left } left)

## Dates and lengths of time

weekday = { $day ->
    [1] Mon
    [2] Tue
    [3] Wed
    [4] Thu
    [5] Fri
    [6] Sat
   *[7] Sun
}
weekday-long = { $day ->
    [1] Monday
    [2] Tuesday
    [3] Wednesday
    [4] Thursday
    [5] Friday
    [6] Saturday
   *[7] Sunday
}
month = { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
}
date-short = { $weekday } { $day } { $month }
date-long = { $weekday } { $day } { $month } { $year }
duration-min = { $m } min
duration-h = { $h } h
duration-h-min = { $h } h { $m } min

## The footer

footer-move = MOVE
footer-move-by = { $time } ({ $minutes } min)
footer-clash-why = Clash — why book it anyway?

## The help overlay

help-title = Keys (any key closes)
help-stale = Someone changed it while you edited:
help-series-visit = Series visit:
help-mark-clash = clash
help-mark-warning = warning
help-mark-review = review
help-mark-running = running
help-mark-done = done
help-mark-late = late start
help-mark-unsynced = not yet in the calendar
help-mark-sync-conflict = sync conflict: yours or the calendar's
help-mark-draft = invoice draft
help-mark-unpaid = unpaid
help-mark-overdue = overdue
help-mark-paid = paid
help-mark-call-refused = call refused

## The schedule's actions: help-NAME in the help, footer-NAME in the footer

help-select-prev = previous job of the cleaner
help-select-next = next job of the cleaner
help-lane-up = cleaner above
help-lane-down = cleaner below
help-new-booking = new booking here
footer-new-booking = new
help-edit-booking = edit the booking
footer-edit-booking = edit
help-move-booking = move or reassign (arrows)
footer-move-booking = move
help-cancel-booking = cancel, asking why
footer-cancel-booking = cancel
help-start-job = start the job now
footer-start-job = start
help-finish-job = finish the running job now
footer-finish-job = finish
help-undo = undo your change (5 min)
footer-undo = undo
help-journal = journal: who changed what
footer-journal = journal
help-review-queue = review queue
footer-review-queue = review
help-sync = sync the calendars now
footer-sync = sync
help-sync-conflicts = settle sync conflicts
footer-sync-conflicts = sync conflicts
help-invoice = invoice, or approve draft
footer-invoice = invoice
help-invoice-month = invoice the customer's month
footer-invoice-month = month
help-voice-alert = phone about the booking
footer-voice-alert = call
help-find-slots = find a free slot (who, when)
help-time-earlier = time cursor 15 min earlier
help-time-later = time cursor 15 min later
help-sick-call = sick call: jobs to others
help-find = search customers, #, notes
help-staff = cleaners: hours, time off
help-customer-screen = the customer: history, edit
help-details-more = the details' next part
help-message-log = message log: all in full
help-go-to-date = go to a date (monday, +7)
help-week-board = week board: all cleaners
help-cleaner-week = the cleaner's week, in order
help-more = { $key } more ↓ { $page }/{ $pages }
help-first = { $key } back to the first page { $page }/{ $pages }
help-time-cursor = time cursor 15 min back/on
help-time-cursor-off = hide the time cursor
help-prev-day = previous day
footer-prev-day = day
help-next-day = next day
help-today = back to today, now
footer-today = today
help-scroll-earlier = show earlier hours
footer-scroll-earlier = scroll
help-scroll-later = show later hours
help-zoom-in = fewer hours, wider
footer-zoom-in = zoom
help-zoom-out = more hours, narrower
help-poll-payments = check payments in Billy
footer-poll-payments = payments
help-remind = SMS reminders for tomorrow
footer-remind = remind
help-save = save the form or the move
help-redo = redo what you undid
help-cancel = close without saving
help-redraw = redraw the screen
help-help = this help
footer-help = help
help-quit = quit
footer-quit = quit
help-none = (unbinds a key)

## The keys of each mode (footers and hints)

keys-step = ±{ $step } min
keys-cleaner = cleaner
keys-save = save
keys-put-back = put back
keys-next = next
keys-back = back
keys-close = close
keys-field = field
keys-choose-or-rrule = choose, or type an RRULE
keys-close-without-saving = close without saving
keys-choose-customer = choose customer
keys-take = take
keys-cancel = cancel
keys-keep-the-date = keep the date
keys-use-the-weekday = use the weekday
keys-keep-both-review = keep both (review)
keys-ok = ok
keys-cancel-the-booking = cancel the booking
keys-keep-it = keep it
keys-yes = yes
keys-no = no
keys-scroll = scroll
keys-this-booking-all = this booking/all
keys-only-the-selected-booking-all = only the selected booking / all
keys-choose = choose
keys-approve = approve
keys-go-to = go to
keys-go-to-it = go to it
keys-keep-yours = keep yours
keys-keep-google-s = keep theirs
keys-keep-both = keep both
keys-take-theirs = take theirs
keys-overwrite = overwrite
keys-this-visit = this visit
keys-this-and-following = this and following
keys-all-visits = all visits
keys-slot = slot
keys-book-it = book it
keys-choose-a-slot = choose a slot
keys-job = job
keys-take-leave = take/leave
keys-all = all
keys-end = end
keys-hand-over = hand over
keys-period-ends = period ends
keys-overwrite-with-yours = overwrite with yours
keys-back-to-edit = back to edit
keys-day = day
keys-week = week
keys-open-day = open day
keys-cleaner-s-week = cleaner's week
not-loaded-week = could not load the week of { $date }: { $error }
keys-new = new
keys-new-customer = new customer
keys-edit-add = edit/add
keys-remove = remove
keys-leave-as-it-was = leave as it was
keys-page = page
keys-newest-oldest = newest/oldest
keys-back-nothing-changed = back, nothing changed
keys-back-without-saving = back without saving
keys-use-them = use them
keys-create-anyway = create anyway
keys-edit = edit
keys-edit-details = edit details

## The sync's news (header and status line)

sync-not-set-up-status = Google: not set up
sync-not-set-up = Google Calendar is not set up: set GOOGLE_CLIENT_EMAIL and GOOGLE_PRIVATE_KEY (or GOOGLE_KEY_FILE, or [google] key_file in the config), then start the console again
ago-now = just now
ago-min = { $n } min ago
ago-h = { $n } h ago
ago-days = { $n } days ago
sync-never = never synced
sync-running = syncing…
sync-offline = offline
sync-synced-ago = synced { $ago }
sync-synced = synced
sync-failed-ago = sync failed { $ago }
sync-failed = sync failed
sync-pending = { $n } pending
sync-refused = { $n } refused
sync-conflicts = { $n } sync { $n ->
    [one] conflict
   *[other] conflicts
}
sync-error-and-more = { $first } (and { $n } more)
sync-conflicts-wait = { $n } sync { $n ->
    [one] conflict waits
   *[other] conflicts wait
} — press C
sync-read = { $n } read
sync-new = { $n } new
sync-updated = { $n } updated
sync-cancelled = { $n } cancelled
sync-written = { $n } written
sync-series-taken = { $n ->
    [one] 1 recurring event from Google is a series now
   *[other] { $n } recurring events from Google are series now
}
sync-loose-series-one = "{ $summary }" repeats in a way a series cannot hold ({ $why }): kept as single bookings
sync-loose-series-more = "{ $summary }" and { $n } more repeat in ways a series cannot hold: kept as single bookings
sync-not-taken-one = "{ $summary }" repeats in { $cleaner }'s calendar, made by hand: it is not taken in; book it as a series here
sync-not-taken-more = "{ $summary }" and { $n } more recurring events made by hand in cleaners' own calendars are not taken in; book them as series here
sync-no-changes = no changes
sync-refused-by-google = { $n } { $n ->
    [one] change
   *[other] changes
} refused by Google
sync-more-next-time = more to read next time
sync-done = Synced
sync-done-full = Synced (full)
sync-incomplete = Sync incomplete
sync-incomplete-full = Sync incomplete (full)
sync-cannot-connect = Cannot connect to Google Calendar: { $error }; check the Google settings
sync-cannot-open-db = The sync cannot open the database: { $error }
sync-cannot-start = The sync cannot start: { $error }
sync-panicked = The sync stopped on an internal error; it will start afresh next time (details in the log)
sync-run-failed = Sync failed: { $error }
sync-offline-long = { $pending ->
    [0] Offline: Google Calendar cannot be reached; the sync tries again by itself
    [one] Offline: Google Calendar cannot be reached; 1 change waits and goes out once it answers
   *[other] Offline: Google Calendar cannot be reached; { $pending } changes wait and go out once it answers
}

## A background service that stopped

service-could-not-start = { $what } could not start: { $error }
service-panicked = { $what } stopped on an internal error; restart the console (details in the log)
service-sync = The background sync
service-worker = The database worker
service-office = Invoices and alerts
sync-status-unknown = sync status unknown: { $error }

## The schedule and the panels under it

axis-cleaner = Cleaner
lane-unassigned = Unassigned
lane-jobs = { $n } { $n ->
    [one] job
   *[other] jobs
}
details-title = Booking
details-title-id = Booking #{ $id }
details-none-selected = No booking selected: use the arrows (or hjkl) to pick one.
details-no-bookings = No bookings on this day.
details-phone = tlf
details-planned = ({ $planned }) est. { $estimate }
details-pending-sync = pending sync
details-sync-conflict = sync conflict — press { $key }
details-due = due { $date }
details-invoice-no = invoice { $no }
details-invoice-draft = draft invoice
details-invoice = invoice
details-invoice-month = { $invoice } for { $month } ({ $visits } visits)
details-review = waiting for review: { $why }
details-cancelled-why = cancelled: { $why }
details-history = History:
details-more = { $key } more ↓ { $page }/{ $pages }
details-top = { $key } top ↑ { $pages }/{ $pages }
details-note = Note:
details-customer = Customer:
status-running-since = running since { $time }
status-over-by = { $over } over ({ $level })
status-done = done { $span } · worked { $worked }
status-cancelled = cancelled
status-late-start = late start: { $late } past the planned start
status-starts-in = scheduled · starts in { $in }
status-scheduled = scheduled
overtime-ok = ok
overtime-warning = warning
overtime-overtime = overtime
overtime-alert = alert
running-late = late { $cleaner } { $late } · { $customer }
running-none = No jobs running.
running-title = Running { $n }
running-title-over = Running { $n } · { $over } over

## The store worker's answers

worker-started = Started booking #{ $id } at { $time }
worker-finished = Finished booking #{ $id } after { $worked }
worker-cancelled = Cancelled booking #{ $id } ({ $why })
worker-approved = Approved booking #{ $id }
worker-undid = Undid { $what } of #{ $id }
worker-redid = Redid { $what } of #{ $id }
worker-staff-changed = Changed { $name }'s { $field }
worker-reassigned = { $n ->
    [one] Gave 1 job to another cleaner
   *[other] Gave { $n } jobs to other cleaners (one undo takes them all back)
}
settled-no-event = booking #{ $id } has no calendar event any more
settled-kept-mine = Kept your version of #{ $id }; it goes to the calendar
settled-kept-both = Kept both: #{ $id } as you had it, and #{ $copy } as the calendar had it (in review)
settled-took-theirs = Took the calendar's version of #{ $id }
saved-created = Created booking #{ $id }: { $when }, { $cleaner }
saved-moved = Moved booking #{ $id }: { $when }, { $cleaner }
saved-reassigned = Reassigned booking #{ $id }: { $when }, { $cleaner }
saved-edited = Saved booking #{ $id }: { $when }, { $cleaner }
saved-unassigned = unassigned
saved-for-review = { $saved } (waiting for review)
refused-stale-start = Not started: { $what }
refused-stale-finish = Not finished: { $what }
refused-stale-save = Not saved: { $what }
refused-stale-cancel = Not cancelled: { $what }
refused-stale-approve = Not approved: { $what }
refused-stale-undo = Not undone: { $what }
refused-stale-redo = Not redone: { $what }
refused-stale-resolve = Not settled: { $what }
refused-stale-staff = Not changed: { $what }
refused-stale-add-customer = Customer not created: { $what }
refused-stale-edit-customer = Customer not saved: { $what }
refused-stale-sick-call = Not reassigned: { $what }
refused-start = Could not start: { $error }
refused-finish = Could not finish: { $error }
refused-save = Not saved: { $error }
refused-cancel = Could not cancel: { $error }
refused-approve = Could not approve: { $error }
refused-resolve = Could not settle the sync conflict: { $error }
refused-staff = The cleaner was not changed: { $error }
refused-add-customer = Customer not created: { $error }
refused-edit-customer = Customer not saved: { $error }
refused-sick-call = Not reassigned, nothing changed: { $error }
question-tell-new-cleaner = { $n ->
    [one] Tell the customer by SMS who comes now?
   *[other] Tell the { $n } customers by SMS who comes now?
}
not-loaded-day = could not load { $date }: { $error }
not-loaded-review = could not load the review queue: { $error }
not-loaded-sync-conflicts = could not load the sync conflicts: { $error }
not-loaded-customers = could not load customers: { $error }
not-loaded-history = could not load the customer's history: { $error }
not-loaded-customer-card = could not load the customer: { $error }
not-loaded-journal = could not read the journal: { $error }
change-unknown = change
change-add = creation
change-edit = edit
change-move = move
change-reassign = reassignment
change-cancel = cancellation
change-start = start
change-finish = finish
change-approve = approval
change-sync = calendar change
change-import = import
change-import-update = import update
change-undo = undo
change-redo = redo
change-remove = removal
change-series = series change

## Another dispatcher's change, found when saving

did-move = moved #{ $id }
did-reassign = reassigned #{ $id }
did-cancel = cancelled #{ $id }
did-start = started #{ $id }
did-finish = finished #{ $id }
did-approve = approved #{ $id }
did-undo = undid a change of #{ $id }
did-redo = redid a change of #{ $id }
did-sync = brought a calendar change to #{ $id }
did-import = imported #{ $id }
did-add = created #{ $id }
did-remove = removed #{ $id } from its series
did-series = changed the series of #{ $id }
did-edit = changed #{ $id }
stale-headline-at = { $who } { $what } at { $time }
stale-headline = { $who } { $what }
field-customer = Customer
field-cleaner = Cleaner
field-service = Service
field-start = Start
field-end = End
field-estimate = Estimate
field-address = Address
field-notes = Notes
field-review = Review
field-status = Status
booking-running = running
booking-done = done
value-customer-id = customer #{ $id }
value-cleaner-id = cleaner #{ $id }
value-empty = (empty)

## Recurring bookings

scope-this = This visit
scope-following = This and following
scope-all = All visits
scope-this-lower = this visit
scope-following-lower = this and following
scope-all-lower = all visits
series-created = Created series #{ $id }: { $n } { $n ->
    [one] visit
   *[other] visits
}
series-created-from = { $created } from { $first }
series-created-review = { $created } ({ $n } waiting for review)
scoped-moved-of = Moved { $n } { $n ->
    [one] visit
   *[other] visits
} of series #{ $id } ({ $scope })
scoped-moved = Moved { $n } { $n ->
    [one] visit
   *[other] visits
} ({ $scope })
scoped-reassigned-of = Reassigned { $n } { $n ->
    [one] visit
   *[other] visits
} of series #{ $id } ({ $scope })
scoped-reassigned = Reassigned { $n } { $n ->
    [one] visit
   *[other] visits
} ({ $scope })
scoped-cancelled-of = Cancelled { $n } { $n ->
    [one] visit
   *[other] visits
} of series #{ $id } ({ $scope })
scoped-cancelled = Cancelled { $n } { $n ->
    [one] visit
   *[other] visits
} ({ $scope })
series-undid = Undid { $what } of { $n } { $n ->
    [one] visit
   *[other] visits
} of series #{ $id }
series-redid = Redid { $what } of { $n } { $n ->
    [one] visit
   *[other] visits
} of series #{ $id }
next-moved = { $date } (moved to { $to }: { $why })
next-skipped = skipped: { $date } { $why }
next-paused = paused: { $date }
series-line = Series #{ $id }: { $rule }
series-paused = , paused { $from }–{ $to }
series-this-visit = {" "}· this visit { $exception }

## The booking form

form-title-new = New booking
form-title-edit = Edit booking #{ $id }
form-customer = Customer
form-cleaner = Cleaner
form-service = Service
form-date = Date
form-start = Start
form-duration = Duration
form-end = End
form-estimate = Estimate
form-repeats = Repeats
form-ends = Ends
form-address = Address
form-notes = Notes
form-loading-customers = loading customers…
form-type-customer = type a few letters of a name, address or phone
form-no-customer = no customer '{ $name }' — { $key } new
form-pick-customer = { $pick } pick, { $take } takes it
form-pick-a-customer = pick a customer
form-no-service = a booking needs a service type
form-date-kept = { $mismatch } (kept: goes to review)
form-date-words = { $weekday } { $date }
form-next-day = the next day
form-ends-before-start = ends before it starts; for past midnight set the duration
form-estimate-from = from { $n } visits
form-repeats-own = a booking of its own
form-repeats-hint = weekly/every 2 weeks/monthly
form-holidays-move = ; holidays move
form-ends-open = never: until ended
form-ends-count = after { $n ->
    [one] { $n } visit
   *[other] { $n } visits
}
# The footer on the Ends field; keys: save and close.
form-ends-keys = type never, after 6 times or until 2/3 · { $keys }
# What the Repeats field's keys write: words the repeat parser reads back.
form-preset-none = none
form-preset-weekly = weekly
form-preset-weeks = every { $n } weeks
form-preset-monthly = monthly, { $nth ->
    [1] 1st
    [2] 2nd
    [3] 3rd
    [4] 4th
   *[last] last
} { $weekday }
form-ends-until = until { $date }
form-next = Next:
form-checking = Checking that day's bookings…
form-goes-to-review = Goes to review (confidence { $confidence }): { $why }
form-note = Note: { $why }
form-no-clashes = No clashes.
form-customer-memory = History: { $summary }
form-book-anyway = Book anyway? Reason:
form-saving = Saving…
date-mismatch = { $date } is { $is }, not { $named }

## The lists and questions over the schedule

confirm-title = Confirm
journal-title = Journal
journal-title-booking = Journal: booking #{ $id }
journal-reading = Reading the journal…
journal-empty = Nothing recorded yet.
journal-why = why: { $why }
review-title = Review queue: { $n } waiting
scope-title = Visit of series #{ $id }
scope-edit-which = { $name }, { $when }. Edit which visits?
scope-move-which = { $name }, { $when }. Move which visits?
scope-cancel-which = { $name }, { $when }. Cancel which visits?

## A console that only reads

read-only-viewer = { $login } is a viewer: read-only; changes need the dispatcher role
read-only-viewer-from = { $login } is a viewer: read-only; changes need the dispatcher role ([roles] in { $path })
read-only-file = Read-only: this user cannot write { $db }
read-only-folder = Read-only: this user cannot write the folder of { $db }
read-only-opened = Read-only: SQLite opened { $db } read-only

## The week board and a cleaner's week

week-no-lane = Choose a cleaner's lane first (↑↓).
week-loading = Loading the week…
week-title = Week { $week } · { $from }–{ $to } { $year }
week-cleaners-shown = cleaners { $first }–{ $last } of { $all }
week-more-days = { $left } more days { $right }
week-hours-of = { $booked }/{ $of } h
lane-more = +{ $n } more
week-more-jobs = +{ $n } more
week-jobs = { $n ->
    [one] 1 job
   *[other] { $n } jobs
}
week-day-off = off
week-no-jobs = No jobs this week.
week-day-jobs = { $day } · { $n ->
    [0] no jobs
    [one] 1 job
   *[other] { $n } jobs
}
week-day-none-off = { $day } · no jobs, a day off
week-day-booked-off = { $day } · { $n ->
    [one] 1 job
   *[other] { $n } jobs
} · { $booked } booked, a day off
week-day-booked-of = { $day } · { $n ->
    [one] 1 job
   *[other] { $n } jobs
} · { $booked } of { $of }
week-no-address = (no address)
week-booked-of-contract = { $booked } h booked of { $of } h contracted
week-booked-of-hours = { $booked } h booked of { $of } h in their hours
week-scroll-up = ↑ more
week-scroll-down = ↓ more

## The staff screen

staff-title = Cleaners
staff-read-failed = ✗ could not read the cleaners: { $error }
staff-none-yet = No cleaners yet. Add one: renos staff add "Anna Jensen"
staff-field-day = { $day } hours
staff-field-skills = skills
staff-field-area = area
staff-field-contract = contracted hours
staff-field-daily-max = daily maximum
staff-field-priority = priority
staff-field-overrides = date overrides
staff-field-time-off = time off
staff-example-day = e.g. 08:00-12:00,12:30-16:00 (a break between) or off
staff-example-skills = services, comma-separated; empty: every service
staff-example-area = postcodes, e.g. 2100,2200-2450; empty: everywhere
staff-example-contract = hours a week, e.g. 30 or 37.5; none: no contract
staff-example-daily-max = hours a day at most, e.g. 8; none: no maximum
staff-example-priority = a whole number; higher goes first
staff-example-override = e.g. 2026-12-24 closed or 2026-12-27..2026-12-30 09:00-13:00
staff-example-time-off = e.g. 2026-12-24 or 2026-12-24..2026-12-26:holiday
staff-word-off = off
staff-word-none = none
staff-word-closed = closed
staff-label-day = { $day ->
    [1] Monday
    [2] Tuesday
    [3] Wednesday
    [4] Thursday
    [5] Friday
    [6] Saturday
   *[7] Sunday
}
staff-label-skills = Skills
staff-label-area = Area
staff-label-contract = Contract
staff-label-daily-max = Daily max
staff-label-priority = Priority
staff-label-overrides = Overrides
staff-label-time-off = Time off
staff-every-service = every service
staff-everywhere = everywhere
staff-none = none
staff-contract-hours = { $h } h a week
staff-daily-max-hours = { $h } h a day at most
staff-add-override = + add a date override
staff-add-time-off = + add time off
staff-week-over = Week { $week }: { $booked } of { $of } h booked, { $over } h over the contract
staff-week-booked = Week { $week }: { $booked } of { $of } h booked
staff-week-no-contract = Week { $week }: { $booked } h booked, no contract ({ $working } working h)
staff-day-booked = { $h } h booked
staff-remove-only = An entry is removed with { $key }, not edited; add a new one below.
staff-nothing-to-remove = Only a date override or a time off period can be removed.
staff-nothing-to-put-back = No change made here to put back. (u on the schedule undoes booking changes only.)

## The customer screen and the contact form

customer-title = Customer #{ $id }
customer-edit-title = Edit customer #{ $id }
customer-new-title = New customer
customer-label-name = Name
customer-label-phone = Phone
customer-label-email = E-mail
customer-label-address = Address
customer-label-notes = Notes
customer-required = required
customer-saving = Saving…
customer-unassigned = unassigned
customer-cancelled = (cancelled)
customer-next = Next bookings ({ $n })
customer-none-booked = none booked
customer-series = Series ({ $n })
customer-no-series = no recurring bookings
customer-history = { $n ->
    [0] History
   *[other] History (last { $n })
}
customer-no-history = no bookings yet
customer-invoices = Invoices ({ $n })
customer-no-invoices = none
customer-scroll-more = ↓ more
customer-scroll-top = ↑ top
customer-added = Created customer { $name } (#{ $id }).
customer-still-loading = The customer is still loading.
customer-saved = Saved the details of { $name }.
customer-lookalike-email = Looks like { $name }{ $contact }, same e-mail: use them?
customer-lookalike-phone = Looks like { $name }{ $contact }, same phone: use them?
customer-lookalike-name-address = Looks like { $name }{ $contact }, same name and address: use them?
payment-state = { $state ->
    [pending] pending
    [draft] draft
    [unpaid] unpaid
    [overdue] overdue
    [paid] paid
   *[voided] voided
}

## The message log, and where a list stands

log-title = Messages: { $n }, newest first
log-empty = No messages yet.
log-message-cut = the message is longer than the screen
place-older-below = { $below } older below
place-newer-above = { $above } newer above
place-newer-older = { $above } newer above, { $below } older below
place-more-below = { $below } more below
place-more-above = { $above } more above
place-above-below = { $above } above, { $below } below

## The search and the go-to question

search-title = Search
search-label = Find
search-cancelled = cancelled
search-customer-id = customer #{ $id }
search-not-loaded = ✗ bookings not loaded
search-next-waiting = next …
search-no-bookings = no bookings
search-next = next { $when }
search-last = last { $when }
search-nothing-ahead = nothing ahead
search-notes = notes: { $notes }
search-nothing-to-go-to = ✗ { $name } has no bookings to go to.
search-what-to-type = Type a name, address, phone, booking number (#47) or words from the notes.
search-loading-customers = Loading the customers…
search-looking = Looking…
search-nothing-found = Nothing found.
search-found-number = the booking of that number
search-found-customers = { $n ->
    [one] 1 customer
   *[other] { $n } customers
}
search-found-notes = { $n ->
    [one] 1 booking by its notes
   *[other] { $n } bookings by their notes
}
goto-question = Go to:
goto-example = a date: monday, 20/1, +7, tomorrow
goto-today = today
goto-tomorrow = tomorrow
goto-yesterday = yesterday
goto-in-days = in { $n } days
goto-days-ago = { $n } days ago

## The journal in sentences (the console's `L` and `renos journal`)

journal-yes = yes
journal-no = no
journal-unassigned = unassigned
journal-cleaner-id = cleaner #{ $id }
journal-customer-id = customer #{ $id }
journal-field = { $field ->
    [customer] customer
    [cleaner] cleaner
    [service] service
    [start] start
    [end] end
    [estimate] estimate
    [status] status
    [started] started
    [finished] finished
    [address] address
    [notes] notes
    [review] review
    [cancel-reason] cancel reason
    [contract] contract
    [daily-max] daily max
    [overrides] overrides
    [week] week
    [hours] hours
    [skills] skills
    [area] area
    [priority] priority
    [time-off] time off
    [name] name
    [phone] phone
    [email] email
    [colour] colour
   *[amount] amount
}
journal-clause-set = the { $name } set to { $value }
journal-clause-cleared = the { $name } cleared (was { $was })
journal-clause-changed = the { $name } from { $from } to { $to }
journal-and = { $first } and { $last }
journal-moved-on-day = on { $day } from { $from } to { $to }
journal-moved-from-to = from { $from } to { $to }
journal-at = at { $time }
journal-booked = { $who } booked { $what }: { $summary }
journal-booked-visit = { $who } booked { $what } as a visit of its series: { $summary }
journal-imported = { $who } imported { $what }: { $summary }
journal-import-updated = { $who } updated { $what } from an import
journal-moved = { $who } moved { $what } { $moved }
journal-end-moved = { $who } made { $what } end at { $to } instead of { $from }
journal-moved-plain = { $who } moved { $what }
journal-and-gave = and gave it to { $cleaner }
journal-gave = { $who } gave { $what } to { $to } (was { $from })
journal-reassigned = { $who } reassigned { $what }
journal-changed = { $who } changed { $what }
journal-cancelled = { $who } cancelled { $what }
journal-started = { $who } started { $what }
journal-finished = { $who } finished { $what }
journal-approved = { $who } approved { $what } after review
journal-took-google = { $who } took the calendar's version of { $what }
journal-took-google-fields = { $who } changed the { $fields } of { $what }: { $details }
journal-made-there = { $who } made { $what }: { $summary }
journal-undid-booking = { $who } undid the booking of { $what }
journal-undid-removal = { $who } undid the removal of { $what }: { $summary }
journal-undid-change = { $who } undid a change to { $what }
journal-redid-removal = { $who } redid the removal of { $what }
journal-redid-booking = { $who } redid the booking of { $what }: { $summary }
journal-redid-change = { $who } redid a change to { $what }
journal-removed-visit = { $who } removed visit { $what } from its series
journal-series-changed = { $who } changed the series of { $what }
journal-invoice-verb = { $step ->
    [request] asked Billy for the invoice of
    [claim] took up the invoice of
    [create] invoiced
    [approve] approved the invoice of
    [email] e-mailed the invoice of
    [paid] saw the invoice paid for
    [voided] saw the invoice voided for
    [found] found the invoice in Billy for
    [update] updated the invoice of
   *[reissue] reissued the invoice of
}
journal-alert-verb = { $step ->
    [raise] raised an alert for
    [sent] sent the alert for
    [failed] could not send the alert for
    [not_reached] reached no one with the alert for
   *[found] found at Twilio the alert for
}
journal-alert-to = to { $to }
journal-entity = { $entity ->
    [staff] cleaner
    [customer] customer
    [series] series
    [booking] booking
    [alert] the alert for booking
    [invoice] the invoice of booking
   *[other] { $entity }
}
journal-refused = { $who } was refused: { $reason }
journal-added-named = { $who } added { $thing } { $name }
journal-added = { $who } added { $thing }
journal-added-with = { $who } added { $thing }: { $made }
journal-removed = { $who } removed { $thing }
journal-verb-of = { $who }: { $verb } of { $thing }
journal-changed-thing = { $who } changed { $thing } ({ $verb }): { $details }
journal-action = { $verb ->
    [set] set
    [availability] availability
    [edit] edit
   *[other] { $verb }
}
journal-sentence-why = { $head } (why: { $reason })

## The slot finder and the sick call (also `renos slots`, `renos reassign`)

slots-load = { $booked } h booked this week
slots-load-of = { $booked } of { $of } h booked this week
slots-load-of-working = { $booked } of { $of } working h booked this week
slots-usual-cleaner = usual cleaner
slots-priority = priority { $n }
slots-not-booked-yet = not booked yet
slots-asked-for = asked for
slots-left-out-skill = does not do this service
slots-left-out-area = does not cover this area
slots-left-out-no-time = no free time in these days
slots-left-out-not-asked = not asked for
slots-replacement = { $load } with this job
slots-replacement-usual = the customer's usual cleaner, { $load } with this job
slots-replacement-known = has been to the customer, { $load } with this job
finder-title = Find a free slot
finder-label-duration = Duration
finder-label-service = Service
finder-label-customer = Customer
finder-label-days = Days
finder-duration-example = how long, e.g. 3 or 2:30
finder-any-service = any service
finder-usual-first = → their usual cleaner first
finder-customer-optional = optional: type to search
finder-no-customer = ✗ no such customer
finder-choose-below = choose below
finder-from = from { $from }
finder-customers = Customers
finder-type-duration = Type a duration to see the free slots.
finder-days-range = days: a number from 1 to { $max }
finder-no-slot = No free slot in these days: try more days or another service.
finder-new-customer-best = No visits of { $customer } yet: in turn. The best { $n } free slots
finder-new-customer-slots = No visits of { $customer } yet: in turn. { $n } free slots, best first
finder-best = The best { $n } free slots, best first
finder-slots = { $n } free slots, best first
sick-title = Sick call: { $name }
sick-head = Jobs from { $from } to { $to } and who takes them:
sick-nobody-free = nobody free
sick-stays = stays with the sick cleaner
sick-no-jobs = No jobs in these days.
sick-taken = { $taken } of { $total } jobs to hand over

## The sync conflict queue

conflicts-title = Sync conflicts: { $n } waiting
conflicts-yours = Yours:
conflicts-theirs = { $calendar ->
    [caldav] CalDAV:
    [microsoft365] Microsoft 365:
   *[google] Google:
}
conflicts-cancelled-here = cancelled here
conflicts-deleted = deleted
conflicts-no-place = (no place)
conflicts-no-note = (no note)
conflicts-field = { $field ->
    [start] start
    [end] end
    [cleaner] cleaner
    [place] place
    [rule] repeat
    [series-end] end of the series
   *[notes] notes
}
conflicts-both-changed = changed on both sides: { $fields }
conflicts-until = until { $date }
conflicts-visits = { $n } { $n ->
    [one] visit
   *[other] visits
}
conflicts-open-ended = no end
conflicts-of-series = its series: { $what }
conflicts-deleted-there = deleted in the calendar, edited here
conflicts-cancelled-here-edited = cancelled here, edited in the calendar

## The panel of a booking changed meanwhile

stale-since-opened = { $headline } since you opened it.
stale-both-changed = ! changed by both ({ $n }): overwrite saves yours there too.
stale-none-both = Nothing changed by both: overwrite keeps theirs and adds yours.
stale-title = Booking #{ $id } changed meanwhile
stale-as-loaded = (as loaded)
stale-theirs-kept = theirs kept
stale-yours-saved = yours saved
stale-the-same = the same
stale-you-decide = you decide
stale-theirs = theirs
stale-yours = yours

## Move mode, and a job finished too soon

move-running-not-moved = Booking #{ $id } not moved: a running job keeps its times. { $cleaner } in move mode gives it to another cleaner; { $finish } finishes it now.
job-finish-too-soon = Not finished: it ran under a minute, 0 minutes would be recorded. { $undo } takes back a start made by mistake.
move-not-moved = Booking #{ $id } not moved.
move-cannot-move = Booking #{ $id } is { $status ->
    [completed] completed
    [cancelled] cancelled
    [planned] planned
   *[in_progress] in progress
}; only planned or running jobs move.
move-reason-needed = Type why the clash is fine, or { $back } to go back.
move-left = Booking #{ $id } left where it was.
move-running-keeps-times = A running job keeps its times; { $cleaner } gives it to another cleaner.
move-running-needs-cleaner = A running job needs a cleaner.

## The back office's news (Billy, Twilio)

month-long = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
}
office-provider = { $finding ->
    [works] { $name } ✓
    [offline] { $name } offline
    [not_set_up] { $name }: not set up
    [setting_missing] { $name }: setting missing
    [bad_setting] { $name }: bad setting
    [bad_key] { $name }: bad key
    [bad_sid] { $name }: bad SID
    [bad_number] { $name }: bad number
    [no_product] { $name }: no product
    [key_refused] { $name }: key refused
    [error] { $name }: error
    [read_only] { $name }: read-only
    [write_unknown] { $name } ?
    [not_found] { $name }: not found
    [missing] { $name }: missing
   *[refused] { $name }: refused
}{ $failed ->
    [yes] {" "}failed
   *[no] {""}
}
office-payments-checked = Payments checked: { $n ->
    [one] 1 invoice unpaid
   *[other] { $n } invoices unpaid
}
office-reminders-queued = Reminders: { $n } SMS queued for tomorrow's customers
office-new-cleaner-told = { $n } SMS queued: the customers know who comes now
office-no-database = Invoices and alerts cannot open the database: { $error }
office-invoice-failed = Invoice for booking #{ $booking }: Billy: { $error }
office-invoice-voided = Invoice { $number } of booking #{ $booking } was { $how ->
    [credited] credited
   *[voided] voided
} in Billy: press I to invoice the job again
office-monthly-failed = Monthly invoice for { $customer } ({ $month }): Billy: { $error }
office-monthly-voided = Monthly invoice { $number } for { $customer } ({ $month }) was { $how ->
    [credited] credited
   *[voided] voided
} in Billy: run renos invoice --customer again to invoice the month again
office-invoice-paid = Invoice { $number } ({ $customer }) is paid
office-payment-check-failed = Payment check: Billy: { $error }
office-payment-check-of-failed = Payment check of invoice { $number }: Billy: { $error }
office-alert = { $kind } for booking #{ $booking }: { $state }
office-alert-found = { $kind } for booking #{ $booking }: { $state } (placed before; its answer was lost)
office-alert-waiting = { $kind }: waiting until Twilio confirms the earlier { $channel ->
    [call] call
   *[sms] SMS
} to { $to }
office-alert-refused = { $kind } to { $to } refused by Twilio: { $error }
office-alert-retrying = { $kind } to { $to }: Twilio: { $error } (trying again)
office-alert-status-failed = Alert status: Twilio: { $error }
office-status-of-failed = Status of { $sid }: Twilio: { $error }
office-invoice-no = invoice { $number }
office-draft-invoice = draft invoice
office-invoice = invoice
office-monthly-invoice-for = monthly { $what } for { $customer } ({ $month }, { $visits ->
    [one] 1 visit
   *[other] { $visits } visits
}): { $amount }
office-invoice-for = { $what } for { $customer }: { $amount }
office-state-being-created = being created
office-state-not-created = not created: { $error }
office-state-draft = draft (press I to approve)
office-state-unpaid = unpaid{ $due }
office-state-overdue = OVERDUE{ $due }
office-state-paid = paid
office-state-voided = voided in Billy (press I to invoice again)
office-month-question = Invoice { $customer } for { $month }: { $visits ->
    [one] 1 visit
   *[other] { $visits } visits
}, { $amount }?
office-month-nothing = Nothing to invoice for { $customer } in { $month }: { $invoiced ->
    [0] no finished visits
    [one] 1 visit already invoiced
   *[other] { $invoiced } visits already invoiced
}.
office-month-draft-question = Approve the draft invoice for { $customer }'s { $month } ({ $amount } incl. moms)?
office-draft-question = Approve the draft invoice of booking #{ $booking } ({ $amount } incl. moms)?
office-month-counting = Counting { $customer }'s visits of { $month }…

# The demo's first notice in the console.
demo-notice = F finds a free slot, X is a sick call, w shows the week · Demo: { $staff } cleaners, { $customers } customers, { $bookings } bookings in { $path }

# The demo's API beside its console: the notice's part on the cleaners' page, and the file of its tokens' links.
demo-notice-phone = { $cleaner }'s phone page: { $link } (its token opens this demo database only; the links are also in { $file })
demo-notice-no-api = the cleaners' page is not served: { $error }
demo-links-title = RenOS Dispatch, the demo in { $db }: the links of its tokens.
demo-links-secret = These tokens open this demo database only, while `renos demo` serves it (or `renos --db { $db } serve --http`); keep them to yourself all the same.
demo-links-phone = The cleaners' page on { $cleaner }'s phone (the token "{ $name }", a cleaner's: only their own jobs):
demo-links-mcp = The assistants' tools for an MCP client (streamable HTTP; the token "{ $name }", a dispatcher's):
demo-links-mcp-example = For example, in an MCP client's JSON config:
demo-calendar-outlook-failed = cannot make the demo's Microsoft 365 calendar in its sandbox
demo-notice-no-radicale = { $cleaner }'s CalDAV calendar is left out of this demo: radicale is not installed (apt-get install radicale)
demo-notice-radicale-failed = { $cleaner }'s CalDAV calendar is left out of this demo: radicale did not start ({ $error })

## Command line: bookings, series, staff, slots, invoices, alerts

# renos book, move, cancel
cli-book-clash = { $clash } (--accept-clash REASON)
cli-book-customer-none = --customer: no customer called "{ $text }"; give the name as it is written, or #id
cli-book-customer-many = --customer: "{ $text }" fits { $n } customers: { $names }; give #id
cli-book-customer-id = { $name } (#{ $id })
cli-book-end-not-after = --end: { $end } is not after --start
cli-book-duration-missing = --duration: give how long (e.g. 2h) or --end
cli-book-date-missing = --date: give the (first) date, e.g. 20/1 or monday
cli-book-nobody = nobody
cli-book-line = #{ $id } { $date } { $start }–{ $end } { $cleaner }
cli-book-line-review = { $line }  (review: { $why })
cli-book-booked = Booked { $line } at { $customer }
cli-book-no-visits-yet = no visits within the horizon yet
cli-move-moved = Moved { $line }
cli-cancel-cancelled = Cancelled { $line }
cli-move-series-counts = { $scope ->
    [this] this visit
    [following] this and following visits
   *[all] all visits
} of series #{ $id }: { $changed } more changed, { $made } made, { $removed } removed, { $review } to review
cli-move-nothing = nothing to change: give --date, --start, --staff or --duration

# renos agenda
cli-agenda-heading = { $date } ({ $weekday }): { $bookings } { $bookings ->
    [one] booking
   *[other] bookings
}, { $clashes } { $clashes ->
    [one] clash
   *[other] clashes
}
cli-agenda-status = { $status ->
    [scheduled] scheduled
    [in_progress] in progress
    [completed] completed
    [cancelled] cancelled
   *[other] { $status }
}
cli-agenda-level = { $level ->
    [warning] warning
    [overtime] overtime
    [alert] alert
   *[ok] ok
}
cli-agenda-over = { $level } +{ $min } min
cli-agenda-late-start = late start { $min } min
cli-agenda-clash = { $kind ->
    [double_booking] double booking
    [tight_gap] tight gap
    [outside_hours] outside hours
    [time_off] time off
   *[other] { $kind }
}
cli-agenda-clashes = Clashes

# renos journal
cli-journal-no-history = booking #{ $id } has no history: check the number with `renos agenda`
cli-journal-empty = The journal is empty.

# renos stats
cli-stats-customers = Customers
cli-stats-customer-fields = with e-mail { $email } · phone { $phone } · address { $address } · company { $company } · bookings { $bookings }
cli-stats-no-contact = { $n } without e-mail or phone
cli-stats-bookings = Bookings
cli-stats-booking-states = scheduled { $scheduled } · running { $running } · completed { $completed } · cancelled { $cancelled }
cli-stats-booking-marks = unassigned { $unassigned } · waiting for review { $review } · from calendars { $calendar }
cli-stats-earlier = Earlier system leads { $leads } · bookings { $bookings } · revenue { $revenue } kr
cli-stats-tags = Tags
cli-stats-imports = Imports
cli-stats-imports-none = none yet
cli-stats-latest-imports = Latest imports
cli-stats-import-counts = created { $created } · updated { $updated } · skipped { $skipped } · failed { $failed }
cli-stats-import-kind = { $kind ->
    [customers] customers
    [ics] ics
   *[other] { $kind }
}

# renos staff
cli-staff-hours = hours { $spec }
cli-staff-overrides = overrides { $spec }
cli-staff-every-service = every service
cli-staff-does = does { $skills }
cli-staff-everywhere = everywhere
cli-staff-area = area { $spec }
cli-staff-contract = { $hours } h a week
cli-staff-daily-max = at most { $hours } h a day
cli-staff-priority = priority { $n }
cli-staff-off = off { $days }
cli-staff-bad-colour = --colour: "{ $colour }" is not a colour; use a name (blue) or #rrggbb
cli-staff-none = No cleaners yet. Add one: renos staff add "Anna Jensen" --hours "mon-fri 07:00-16:00"
cli-staff-added = Added { $staff }
cli-staff-changed = Changed { $staff }
cli-staff-removed = Removed { $name } (#{ $id }); their past jobs stay in the journal

# renos series
cli-series-heading = Series #{ $id } at { $customer }: { $rule }
cli-series-paused = paused { $from }–{ $to }
cli-series-visit-status = { $status ->
    [in_progress] in progress
    [completed] completed
    [cancelled] cancelled
   *[other] { $status }
}
cli-series-exception = { $exception ->
    [moved] moved
    [reassigned] reassigned
    [edited] edited
    [cancelled] cancelled
   *[other] { $exception }
}
cli-series-none = No series yet. Book one: renos book --customer NAME --staff NAME --date 1/12 --start 9 --duration 2h --repeat "every 2 weeks"
cli-series-next = next { $date } { $time }
cli-series-ended = ended
cli-series-no-visit = no visit planned
cli-series-extended = { $visits } visits made for { $series } series up to { $horizon }; { $review } wait for review

# renos slots, reassign
cli-slots-no-customer = --customer: no customer matches "{ $text }"
cli-slots-bad-grid = --grid: { $n } is not a grid; use 5 to 120 minutes that divide an hour (5, 10, 15, 20, 30) or whole hours (60, 120)
cli-slots-bad-strategy = --strategy: { $text } is not a strategy (usual, round-robin, least-busy, priority)
cli-slots-out-of-range = { $option }: { $value } is not between { $min } and { $max }
cli-slots-strategy = { $strategy ->
    [usual] usual
    [round-robin] round-robin
    [least-busy] least-busy
    [priority] priority
   *[one] one cleaner
}
cli-slots-free-for = Free for { $duration } from { $date } ({ $days } { $days ->
    [one] day
   *[other] days
}), { $strategy }:
cli-slots-no-history = No visits of { $customer } yet: in turn (least recently booked first)
cli-slots-nobody-free = nobody is free for it in these days
cli-slots-more = { $slots } (+{ $more } more)
cli-slots-not-offered = Not offered: { $list }
cli-slots-left-out = { $name } ({ $why })
cli-reassign-bad-period = --to: the period must end on or after --from, within 60 days
cli-reassign-jobs = { $name }'s jobs { $from }..{ $to }: { $n ->
    [0] none to reassign
   *[other] { $n } to reassign
}
cli-reassign-customer-id = customer #{ $id }
cli-reassign-nobody-free = nobody is free
cli-reassign-to = { $name } ({ $why })
cli-reassign-done = Reassigned { $n } job(s) as one change; `u` in the console undoes it within 5 minutes.
cli-reassign-dry = Nothing changed: add --apply to reassign them.

# renos invoice, invoices
cli-invoice-quote = Invoicing #{ $id } { $customer }: { $what } — { $sum }
cli-cannot-invoice = booking #{ $id } cannot be invoiced: { $why }
invoice-month-description = { $service } { $month } { $year } ({ $visits } { $visits ->
    [one] visit
   *[other] visits
})
invoice-month-visits = Visits
cli-invoice-sum = { $hours } × { $rate } = { $net } + moms { $vat } = { $gross }
cli-invoices-none = { $open ->
    [yes] No invoices open.
   *[no] No invoices.
}
cli-invoices-booking = booking
cli-invoices-visits = visits
cli-invoices-invoice = invoice
cli-invoices-customer = customer
cli-invoices-gross = incl. moms
cli-invoices-state = state
cli-invoices-due = due
cli-invoices-payment = { $state ->
    [pending] pending
    [draft] draft
    [unpaid] unpaid
    [overdue] overdue
    [paid] paid
   *[voided] voided
}
cli-invoice-month = Invoicing { $customer } for { $month }: { $visits ->
    [one] 1 visit
   *[other] { $visits } visits
}, { $net } + moms { $vat } = { $gross }
cli-invoice-left-out = Left out:
cli-invoice-already = #{ $id } { $date }: already invoiced ({ $number })
cli-invoice-meanwhile = #{ $id } { $date }: invoiced meanwhile by another run ({ $number })
cli-invoice-not-billable = #{ $id } { $date }: not invoiced: { $why }
cli-invoice-month-none = Nothing to invoice for { $customer } in { $month }: no finished visits.
cli-invoice-month-done = Nothing to invoice for { $customer } in { $month }: every finished visit is invoiced or left out.
invoice-customer-none = no customer matches { $text }
invoice-customer-several = { $text } matches several customers: { $names }; say which with more of the name or the address

# renos alert, alerts, remind
cli-alerts-not-raised = Not raised: { $why }
cli-alerts-none = No alerts.
cli-alerts-booking = booking #{ $id }
cli-remind-skipped = No reminder for { $why }
cli-remind-none = No bookings tomorrow with a customer phone number.
cli-remind-state = { $sent ->
    [yes] sent
   *[no] to send
}
cli-remind-summary = { $delivered } { $delivered ->
    [one] reminder
   *[other] reminders
} delivered, { $underway } on the way, { $missed } NOT delivered, { $before } sent before.
cli-remind-check-later = `renos alerts --check` tells later how the ones on the way ended.

# Where a call or an SMS stands (the console's panels and news, and renos alerts)
alert-twilio-status = { $status }
alert-state-missed = { $channel ->
    [voice] call to { $to } not answered
   *[sms] SMS to { $to } NOT DELIVERED
}: { $status } ({ $sid })
alert-state-missed-error = { $channel ->
    [voice] call to { $to } not answered
   *[sms] SMS to { $to } NOT DELIVERED
}: { $status }, { $error } ({ $sid })
alert-state-waiting = { $channel ->
    [voice] call
   *[sms] SMS
} to { $to }: waiting to be placed
alert-state-retrying = { $channel ->
    [voice] call
   *[sms] SMS
} to { $to }: retrying ({ $error })
alert-state-sent = { $channel ->
    [voice] call
   *[sms] SMS
} to { $to }: { $status } ({ $sid })
alert-state-sent-plain = { $channel ->
    [voice] call
   *[sms] SMS
} to { $to }: sent ({ $sid })
alert-state-refused = { $channel ->
    [voice] call
   *[sms] SMS
} to { $to } refused: { $error }

# What u undoes next
undo-what-change = { $change } of #{ $id }
undo-what-series = change of series #{ $id }
undo-what-series-change = series change
undo-what-several-jobs = reassignment of several jobs
undo-nothing = Nothing to undo: you have not changed any booking yet.
undo-too-old = Nothing to undo: your last change ({ $what } at { $at }) is more than { $minutes } minutes old.
redo-nothing = Nothing to redo.
redo-too-old = Nothing to redo: the last undo ({ $at }) is more than { $minutes } minutes old.
undo-changed-by = Cannot { $revert ->
    [redo] redo
   *[undo] undo
} { $what }: booking #{ $id } was changed by { $who } at { $at } since. Look at it in the journal (L) and change it by hand.
undo-changed-by-you = Cannot { $revert ->
    [redo] redo
   *[undo] undo
} { $what }: booking #{ $id } was changed by you (in another change) at { $at } since. Look at it in the journal (L) and change it by hand.
undo-changed = Cannot { $revert ->
    [redo] redo
   *[undo] undo
} the { $what }: booking #{ $id } was changed since. Look at it in the journal (L) and change it by hand.
undo-gone = Cannot { $revert ->
    [redo] redo
   *[undo] undo
} { $what }: booking #{ $id } no longer exists.
undo-would-clash = Cannot { $revert ->
    [redo] redo
   *[undo] undo
} { $what }: it would double-book. { $clash }
undo-series-changed = Cannot { $revert ->
    [redo] redo
   *[undo] undo
} the { $what }: series #{ $id } was changed since.
undo-series-has-visits = Cannot { $revert ->
    [redo] redo
   *[undo] undo
} the { $what }: series #{ $id } has visits made since.

## Domain values in words

# A customer's history (the form and the details panel).
memory-new = new customer: no visits yet
memory-visits = { $n ->
    [one] { $n } visit
   *[other] { $n } visits
}
memory-avg = avg { $actual }
memory-avg-estimate = avg { $actual } (est. { $estimate })
memory-usual = usually { $when }
memory-cleaner = cleaner #{ $id }
memory-prefers = prefers { $name }
memory-last = last { $date }
memory-upcoming = { $n } upcoming
memory-cancelled = { $n } cancelled

# Why a booking waits for review.
doubt-weekday-mismatch = date { $date } is { $is } but { $written } was written
doubt-staff-off = { $staff } is off on { $date }
doubt-staff-off-why = { $staff } is off on { $date } ({ $reason })
doubt-staff-not-working = { $staff } does not work on { $weekday }
doubt-outside-hours = { $from }–{ $to } is outside { $staff }'s hours { $start }–{ $end } on { $weekday }
doubt-past-midnight = { $from }–{ $to } runs past midnight, outside { $staff }'s hours { $start }–{ $end } on { $weekday }
doubt-in-the-past = starts in the past ({ $date } { $time })
doubt-not-customers-day = { $weekday } is not one of the customer's days ({ $usual })
doubt-off-usual-start = starts { $time }, { $apart } from the customer's usual { $usual }

# How a series repeats.
rule-weekly = weekly, { $days }
rule-weeks = every { $nth } week, { $days }
rule-monthly = monthly, { $nth } { $weekday }
rule-months = every { $every } month, { $nth } { $weekday }
rule-nth = { $n ->
    [1] 1st
    [2] 2nd
    [3] 3rd
    [21] 21st
    [22] 22nd
    [23] 23rd
    [31] 31st
    [32] 32nd
    [33] 33rd
    [41] 41st
    [42] 42nd
    [43] 43rd
    [51] 51st
    [52] 52nd
   *[other] { $n }th
}
rule-nth-last = last
rule-custom = RRULE { $rule }
series-words = { $rule } { $time }, since { $first }
series-words-until = { $rule } { $time }, since { $first }, until { $until }
series-words-count = { $rule } { $time }, since { $first }, { $n } times

# A clash in a sentence.
conflict-the-cleaner = the cleaner
conflict-booking = booking #{ $id }
conflict-double = Double booking: { $who } has { $a } and { $b }, overlapping by { $overlap }.
conflict-tight = Tight gap: only { $gap } between { $a } and { $b }; { $who } needs { $need } to get there.
conflict-outside-hours = Outside working hours: { $a }; { $who } works { $start }–{ $end } that day.
conflict-not-working = Outside working hours: { $a }; { $who } does not work on { $weekday }s.
conflict-no-hours = Outside working hours: { $a }; { $who } has no working hours then.
conflict-time-off = Time off: { $who } is off that day but has { $a }.
conflict-time-off-why = Time off: { $who } is off that day ({ $reason }) but has { $a }.

# The kind of a phone alert.
alert-kind = { $kind ->
    [overtime] overtime call
    [double_booking] double-booking call
    [reminder] SMS reminder
    [new_cleaner] SMS about the new cleaner
    [on_the_way] SMS: on the way
   *[manual] call
}

# The console's own notices in the status line.
app-time-cursor = Time cursor { $time }: new bookings and the finder start here.
app-review-empty = The review queue is empty.
app-cancelled-not-editable = A cancelled booking cannot be edited; undo the cancellation ({ $undo }) or make a new one ({ $new }).
app-select-first = Select a booking first (arrows or hjkl).
app-reason-empty = Type why the clash is fine, or { $back } to go back.
app-scope-other-fields = With this scope the visits change their day, time, length and cleaner; change other fields one visit at a time.
app-sick-call-reason = sick call: { $name }
app-form-closed = Closed the form without saving.
app-already = Booking #{ $id } is already { $status }.
app-finder-check = { $name } at { $time }: check and save.
app-journal-select = Select a booking to see only its history.
app-invoice-pick = Pick a finished job to invoice.
app-invoice-approve-draft = Approve the draft invoice for { $name } ({ $gross } incl. moms)?
app-invoice-failed-retry = Invoicing { $name } failed ({ $error }). Try again?
app-invoice-being-created = The invoice for { $name } is being created.
app-invoice-voided-again = Invoice { $number } for { $name } was voided in Billy. Invoice the job again?
app-invoice-already = Already invoiced: invoice { $number } for { $name }, { $gross }, { $state ->
    [draft] draft
    [unpaid] unpaid
    [overdue] overdue
    [paid] paid
   *[other] { $state }
}.
app-invoice-finish-first = Only finished jobs are invoiced: finish the job first ({ $key }).
app-invoice-finish-first-no-key = Only finished jobs are invoiced: finish the job first.
app-invoice-question = Invoice { $name }: { $hours } × { $rate } = { $net } + moms = { $gross }?
app-call-on-call = the on-call number { $number }
app-call-staff-phone = { $staff } on { $phone }
app-call-staff-no-phone = { $staff } (no phone number)
app-call-nobody = nobody (no cleaner, no on-call number)
app-call-question = Call { $to } about booking #{ $id } at { $name }?
app-remind-question = Send SMS reminders to tomorrow's customers (each once)?
app-office-working = { $what ->
    [invoice] Creating the invoice in Billy…
    [month] Creating the monthly invoice in Billy…
    [quote] Counting the visits…
    [approve] Approving the invoice in Billy…
    [call] Placing the call…
    [payments] Checking payments…
    [remind] Sending reminders…
   *[sms] Sending the SMS…
}
app-cannot-invoice = Cannot invoice #{ $id }: { $error }.
not-billable-not-finished = the job is not finished yet: finish it first (f)
not-billable-cancelled = the job is cancelled
not-billable-no-times = the job has no recorded start and finish
not-billable-nothing-worked = no time was worked (started and finished at the same minute)
app-invoice-month-pick = Pick a booking of the customer to invoice the month of.
app-call-pick = Pick a booking to call about.
app-checking-payments = Checking payments in Billy…
app-nothing-done = Nothing was done.
app-not-changed = Booking #{ $id } not changed.
app-sick-choose-lane = Choose a cleaner's lane first (↑↓).
app-sick-none-taken = No replacement taken: nothing to change.
app-took-theirs = Took { $by }'s version of #{ $id }; yours dropped.
app-syncing = Syncing the calendars…
app-no-sync-conflicts = No sync conflicts: nothing waits for you.

# The search's hint for its enter key.
keys-go-to-next-or-last = go to (a customer: next booking, or last)

## Command line: setup, doctor, sync, calendars, import and export, serve

# `renos sync`, `renos status`, `renos conflicts`, `renos resolve`.
cli-sync-not-set-up = Google Calendar is not set up: set GOOGLE_CLIENT_EMAIL and GOOGLE_PRIVATE_KEY (or GOOGLE_KEY_FILE, or [google] key_file in the config), plus GOOGLE_CALENDAR_ID and GOOGLE_IMPERSONATED_USER; to try it: `renos sandbox > g.env & sleep 1; . ./g.env`
cli-sync-how = { $full ->
    [yes] full { $direction }
   *[no] { $direction }
}
cli-sync-summary = { $how } sync: { $read } events read, { $created } bookings created, { $updated } updated, { $cancelled } cancelled, { $written } events written, { $conflicts } conflicts
cli-sync-pending = { $n } pending
cli-sync-conflicts-wait = { $n } conflicts wait for you
cli-sync-series-taken = { $n } recurring events taken in as series
cli-sync-loose-series = "{ $summary }" kept as single bookings: a series cannot hold its rule ({ $why })
cli-sync-not-taken = "{ $summary }" repeats in { $cleaner }'s calendar, made by hand: it is not taken in; book it as a series here (`renos book … --repeat`)
cli-sync-more = more events remain (run again)
cli-sync-offline = offline
cli-sync-spinner = syncing: { $events } events read
cli-sync-error = error: { $error }
cli-sync-see-conflicts = see them with `renos conflicts`; settle with `renos resolve ID mine|theirs|both` or in the console
cli-status-database = Database
cli-status-google = Google
cli-status-google-not-set-up = not set up. { $how }
cli-status-calendar = Calendar
cli-status-calendar-line = { $id }: { $how }
cli-status-incremental-since = incremental (full sync { $full })
cli-status-incremental = incremental
cli-status-full-due = full sync due
cli-status-sync = Sync
cli-status-run = { $at } { $how }: read { $read }, created { $created }, updated { $updated }, cancelled { $cancelled }, written { $written }, conflicts { $conflicts }
cli-status-refused = Refused
cli-status-refused-line = { $what ->
    [series] series
   *[booking] booking
} #{ $id }: { $error }
cli-status-conflict = Conflict
cli-status-conflict-line = booking #{ $id }: { $what }
cli-conflicts-none = No sync conflicts.
cli-conflicts-deleted = deleted
cli-conflicts-mine = mine:
cli-conflicts-theirs = theirs:
cli-resolve-settled = { $settled }; run `renos sync` (or wait for the console) to send it

# `renos import customers`, `renos validate`, `renos ics`, `renos export`.
cli-list-more-kept = … and { $n } more of the same kinds (--json lists the first { $listed })
cli-list-more = … and { $n } more (--json lists them all)
cli-import-head = { $file } ({ $format }): { $records } record(s)
cli-validate-counts = good { $good } · duplicates within the file { $repeated } · bad { $bad }
cli-import-counts = { $dry ->
    [yes] would be created { $created } · would be updated { $updated } · skipped { $skipped } · failed { $failed }
   *[no] created { $created } · updated { $updated } · skipped { $skipped } · failed { $failed }
}
cli-import-field = { $field ->
    [e-mail] e-mail
    [phone] phone
    [address] address
   *[company] company
}
cli-import-of-line = line { $line }
cli-import-of-customer = customer #{ $id }
cli-import-duplicate = line { $line }: same { $by ->
    [email] e-mail
    [phone] phone
   *[name-address] name and address
} as { $of }: { $action ->
    [merged] merged
    [updated] updated
    [unchanged] unchanged
    [skipped] skipped
   *[duplicate] duplicate
}
cli-import-duplicate-kept = { $duplicate } (kept the customer's { $fields })
cli-import-problems = problems
cli-import-duplicates = duplicates
cli-import-bookings = bookings: { $listed } listed, { $created } created, { $existing } already there, { $clashes } refused as double bookings, { $failed } failed
cli-import-bookings-not-created = bookings not created
cli-import-warnings = warnings
cli-import-imported = Imported.
cli-validate-good = The file is good.
cli-import-dry-run = Dry run: nothing was written.
cli-validate-bad = { $bad } record(s) are bad: fix them, or import with --skip-invalid to leave them out.
cli-import-refused = Nothing was imported: { $bad } record(s) are bad. Fix them, or pass --skip-invalid to import the other { $good }.
cli-import-stopped = Stopped: { $why }
cli-ics-head = { $file }: { $events } event(s)
cli-ics-counts = { $dry ->
    [yes] { $bookings } booking(s): would be created { $created } · would be updated { $updated } · unchanged { $same } · failed { $failed }
   *[no] { $bookings } booking(s): created { $created } · updated { $updated } · unchanged { $same } · failed { $failed }
}
cli-ics-series = { $n } recurring event(s) kept as series
cli-ics-series-counts = { $dry ->
    [yes] { $n } recurring event(s) kept as series: would be created { $created } · would be updated { $updated } · unchanged { $same }
   *[no] { $n } recurring event(s) kept as series: created { $created } · updated { $updated } · unchanged { $same }
}
cli-ics-outside = { $n } outside --from/--to, left out
cli-ics-unassigned = { $n } without a cleaner (no attendee names one; --staff sets one): shown as Unassigned
cli-ics-customers-created = { $n } customer(s) created
cli-ics-for-review = { $n } booking(s) wait in the review queue (r)
cli-ics-clashes = double bookings kept as in the calendar
cli-ics-dry-run = Nothing was written (dry run / check only).
cli-ics-refused = Nothing was imported: { $bad } event(s) are bad. Fix them, or pass --skip-invalid to import the rest.
cli-ics-to-before-from = --to is before --from
cli-ics-no-such-cleaner = --staff "{ $name }" is not a cleaner (known: { $known })
cli-ics-written = { $n } booking(s) written
cli-export-written = { $n } customer(s) written

# `renos doctor`: each check's sentence and what to do.
cli-doctor-check = { $check ->
    [config] config
    [you] you
    [language] language
    [slots] slots
    [database] database
    [outbox] outbox
    [billy] billy
    [twilio] twilio
    [google] google
   *[calendar] calendar
}
cli-doctor-all-well = Nothing stops work.
cli-doctor-fix-above = Fix the ✗ above.
cli-doctor-and = { $first } and { $last }
cli-doctor-set = set { $missing }
cli-doctor-config-reads = The configuration reads fine: { $exists ->
    [yes] { $path }
   *[no] { $path } (none: defaults and the environment)
}.
cli-doctor-config-broken-fix = fix the line named, or move the file away to start from the defaults
cli-doctor-readable = { $path } can be read by every user of this machine (mode { $mode }).
cli-doctor-readable-fix = chmod o-rwx it (for a team on one server, `renos init --shared DIR --group GROUP` sets the modes)
cli-doctor-login-named = { $login } ({ $name })
cli-doctor-roles-none = no [roles] in the config: everybody is an admin
cli-doctor-roles-from = [roles] in { $path }
cli-doctor-acting = { $name }, role { $role } ({ $from }).
cli-doctor-read-only-fix = you may only read; ask an admin to list you under dispatcher in [roles]
cli-doctor-language = The console speaks { $language ->
    [da] Danish
   *[en] English
} ({ $language }): [ui] language in the config, { $env } or --language.
cli-doctor-slots = Slots every { $grid }, from { $notice } to { $days } days ahead; travel gap { $within } within an area, { $between } between two.
cli-doctor-db-missing = There is no database at { $path } yet.
cli-doctor-db-missing-fix = run `renos demo` to try the demo, or `renos staff add` to start one (or give --db)
cli-doctor-db-cannot-open = The database at { $path } cannot be opened: { $error }
cli-doctor-db-cannot-open-fix = check the file's permissions and the disk; restore a backup if it is damaged
cli-doctor-db-damaged = The database at { $path } is damaged (SQLite's quick check): { $problems }
cli-doctor-db-check-stopped = The database at { $path } is damaged (SQLite's quick check stopped: { $error })
cli-doctor-db-damaged-fix = stop every console and `renos serve`, copy the file aside, and restore a backup
cli-doctor-db-read-only = The database at { $path } can only be read by this user ({ $why ->
    [file] the file is not writable for this user
    [folder] its folder is not writable for this user
   *[opened] SQLite opened it read-only
}): every change will be refused.
cli-doctor-db-read-only-fix = give this user write access to the file and its folder (or run as the user who owns it)
cli-doctor-db-counts = { $path }: { $customers } customers, { $bookings } bookings.
cli-doctor-db-cannot-read = The database at { $path } cannot be read: { $error }
cli-doctor-db-cannot-read-fix = restore a backup if it is damaged
cli-doctor-billy-refused = { $n } invoices Billy refused.
cli-doctor-billy-refused-fix = see `renos invoices`; fix the cause, then `renos invoice ID` again
cli-doctor-twilio-refused = { $n } calls or SMS Twilio refused.
cli-doctor-twilio-refused-fix = see `renos alerts`; fix the number, then call again
cli-doctor-billy-not-set-up = Billy (invoices) is not set up: invoicing is off.
cli-doctor-billy-not-set-up-fix = set BILLY_API_KEY and BILLY_ORGANIZATION_ID (or [billy] api_key and organization_id in the config)
cli-doctor-billy-half = Billy is half set up: { $missing } is missing.
cli-doctor-billy-bad-setting-fix = check the [billy] settings
cli-doctor-billy-works = Billy accepts the API key (organization "{ $organization }").
cli-doctor-billy-no-product = Billy accepts the API key, but has no product named "{ $product }": invoice lines need one (it carries the 25 % VAT).
cli-doctor-billy-no-product-fix = create the product in Billy, or name an existing one in [billy] product
cli-doctor-billy-key-refused = Billy refused the credentials: { $error }
cli-doctor-billy-key-refused-fix = check BILLY_API_KEY (an access token made in Billy under Settings → Access tokens) and BILLY_ORGANIZATION_ID
cli-doctor-billy-offline = Billy cannot be reached at { $url }: { $error }
cli-doctor-billy-offline-fix = check the network connection, or the base URL (RENOS_BILLY_BASE_URL / [billy] base_url)
cli-doctor-billy-error = Billy answered with an error: { $error }
cli-doctor-billy-error-fix = try again later; if it stays, check Billy's status page
cli-doctor-twilio-not-set-up = Twilio (calls and SMS) is not set up: alerts and reminders are off.
cli-doctor-twilio-not-set-up-fix = set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_PHONE_NUMBER (or [twilio] in the config)
cli-doctor-twilio-half = Twilio is half set up: { $missing } is missing.
cli-doctor-twilio-bad-sid = TWILIO_ACCOUNT_SID "{ $sid }" is not an account SID (AC followed by 32 hex digits).
cli-doctor-twilio-bad-sid-fix = copy the Account SID from the Twilio console
cli-doctor-twilio-bad-number = TWILIO_PHONE_NUMBER "{ $number }" is not a phone number in +45… form.
cli-doctor-twilio-bad-number-fix = set TWILIO_PHONE_NUMBER to your Twilio number, e.g. +4570000000
cli-doctor-twilio-bad-setting-fix = check the [twilio] settings
cli-doctor-twilio-works = { $no_on_call ->
    [yes] Twilio accepts the credentials (account "{ $account }"). Automatic alerts are on but no on-call number is set: they go to the cleaner's phone.
   *[no] Twilio accepts the credentials (account "{ $account }").
}
cli-doctor-twilio-on-call-fix = set [alerts] on_call (or RENOS_ON_CALL) to the dispatcher's phone
cli-doctor-twilio-key-refused = Twilio refused the credentials: { $error }
cli-doctor-twilio-key-refused-fix = check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (Twilio console → Account info)
cli-doctor-twilio-offline = Twilio cannot be reached at { $url }: { $error }
cli-doctor-twilio-offline-fix = check the network connection, or the base URL (RENOS_TWILIO_BASE_URL / [twilio] base_url)
cli-doctor-twilio-error = Twilio answered with an error: { $error }
cli-doctor-twilio-error-fix = try again later; if it stays, check Twilio's status page
cli-doctor-google-not-set-up = Google Calendar is not set up: the calendar sync is off.
cli-doctor-google-not-set-up-fix = set GOOGLE_CLIENT_EMAIL and GOOGLE_PRIVATE_KEY (or GOOGLE_KEY_FILE), GOOGLE_CALENDAR_ID and GOOGLE_IMPERSONATED_USER
cli-doctor-google-bad-key = The Google service-account key cannot be used: { $error }
cli-doctor-google-bad-key-fix = check GOOGLE_PRIVATE_KEY / GOOGLE_KEY_FILE (the JSON key of the service account)
cli-doctor-google-works = Google accepts the service account for { $calendar }.
cli-doctor-google-offline = Google cannot be reached: { $error }
cli-doctor-google-offline-fix = check the network connection, or RENOS_GOOGLE_BASE_URL / RENOS_GOOGLE_TOKEN_URI
cli-doctor-google-refused = Google refused the service account: { $error }
# Billy's and Twilio's refusals (English: the errors' own text)
billy-auth = Billy refused access: { $why }
billy-access-no-key = no API key: set BILLY_API_KEY to an access token made in Billy (Indstillinger → Adgangsnøgler)
billy-access-no-organization = no organization: set BILLY_ORGANIZATION_ID to the id of the company in Billy
billy-access-key-not-sendable = BILLY_API_KEY holds characters that cannot be sent in a header
billy-access-key-refused = Billy did not accept the API key (HTTP 401: { $said }); check BILLY_API_KEY: it must be an access token of the company's Billy organization
billy-access-no-access = the API key has no access to this (HTTP 403: { $said }); check that BILLY_API_KEY and BILLY_ORGANIZATION_ID belong to the same Billy organization
billy-access-other-organization = the API key belongs to the Billy organization { $id } ({ $name }), but BILLY_ORGANIZATION_ID is { $configured }: the two do not match; set BILLY_ORGANIZATION_ID to the key's organization or use a key of { $configured }
billy-no-details = no details
billy-not-found = not found in Billy: { $what }
billy-invalid = Billy refused the request: { $why }
billy-rate-limited = Billy is rate limiting us; trying again later
billy-server = Billy answered { $status }: { $message }
billy-network = { $why }
twilio-refused = Twilio refused the request ({ $refusal }): { $message }
twilio-refusal-not-sent-code = not sent, code { $code }
twilio-refusal-not-sent = not sent
twilio-refusal-code = { $status }, code { $code }
twilio-auth = Twilio refused the credentials: { $why }
twilio-access-bad-sid = TWILIO_ACCOUNT_SID is not an Account SID: it must be AC followed by 32 hex digits, as shown on the Twilio console's dashboard
twilio-access-no-token = TWILIO_AUTH_TOKEN is empty: copy the account's auth token from the Twilio console
twilio-access-refused = Twilio answered 401 ({ $said }): check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (the account's live credentials from the Twilio console)
twilio-access-forbidden = Twilio answered 403 ({ $said }): the account may not do this; check TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and the account's permissions
twilio-said-code = code { $code }, { $message }
twilio-rate-limited = Twilio is rate limiting us (too many requests at once); trying again later
twilio-server = Twilio answered { $status }: { $message }
twilio-network = cannot reach Twilio: { $why }
provider-error-trying-again = { $error } (trying again)
# A service that could not be reached (English shows the fault's own text;
# these are its kinds in plain words)
network-timeout = no answer within { $secs } s
network-unreachable = { $host } cannot be reached (the system says: { $detail })
network-unreachable-somewhere = the server cannot be reached (the system says: { $detail })
network-broke-off = the answer broke off (the system says: { $detail })
network-failed = the connection failed (the system says: { $detail })
network-unreadable = the answer cannot be read
network-unreadable-why = the answer cannot be read (the reader says: { $detail })
network-no-token = no access token could be fetched from Google (the system says: { $detail })
network-setup = HTTP cannot be set up (the system says: { $detail })
# Billy's and Twilio's requests we would not send, and why a base URL cannot be used
billy-bad-base-url = Billy refused the request: the Billy base URL `{ $url }` { $why }
billy-no-email = Billy refused the request: the Billy contact of { $customer } has no e-mail: add one in Billy, or turn [billy] email off
billy-no-product = Billy refused the request: Billy has no product named { $service } or { $product }: create one in Billy (with 25 % VAT), or name an existing one in [billy] product
url-not-a-url = is not a URL ({ $detail })
url-not-http = is not http or https
url-no-host = has no host
url-query-or-fragment = must not have a query or fragment
url-credentials = must not hold credentials
url-not-a-uri = is not a valid URI
billy-missing-invoice = not found in Billy: invoice { $id }
billy-missing-contact = not found in Billy: contact { $id }
billy-missing-said = { $missing } ({ $said })
twilio-not-sent = Twilio refused the request ({ $refusal }): { $message }
twilio-bad-base-url = the Twilio base URL `{ $url }` { $why }
twilio-sender-not-e164 = TWILIO_PHONE_NUMBER `{ $number }` is not a number in E.164 form (e.g. +4570000000)
twilio-zero-timeout = the Twilio timeout is zero
twilio-twiml-too-long = the TwiML is { $chars } characters long; Twilio takes at most { $max }
twilio-body-too-long = the message is { $chars } characters long; Twilio takes at most { $max }
# A keymap or theme file the console refuses (English: the checks' own text)
console-file-at = { $file }: line { $line }: { $why }
console-file-unreadable = cannot read { $kind ->
    [keymap] keymap
   *[theme] theme
} file { $file }: { $why }
keymap-old-and-new-name = [keys] is the old name of [normal]; write one of them
keymap-not-a-mode = [{ $table }] is not a mode; the tables are [{ $tables }]
keymap-not-a-key = { $key } is not a key; write a character ("q", "?"), a name ({ $names }, f1…f12) or ctrl-/alt- before one
keymap-not-an-action = { $action } is not an action of [{ $table }]; use one of: { $names }
keymap-typed-key = { $key } is typed into the field in [{ $table }]; bind a named key (enter, tab, f1…) or one with ctrl- or alt-
keymap-dead-end = [{ $table }] leaves no key for { $action }: { $why }; bind one
keymap-dead-end-quit = the console could not be quit
keymap-dead-end-answer = a question could not be answered
keymap-dead-end-leave = the mode could not be left
theme-no-such = no theme called { $name }; built in: { $names } (or give a path to a .toml file)
theme-not-a-colour = { $text } is not a colour; use a name (red), a 256-colour index ("236") or "#rrggbb"
theme-not-a-modifier = { $text } is not a modifier; use bold, dim, italic, underlined or reversed
theme-not-a-style = { $name } is not a style; use one of: { $names }
cli-doctor-google-refused-fix = check the key, GOOGLE_IMPERSONATED_USER and the domain-wide delegation for the calendar scope
cli-doctor-service-account = the service account
cli-doctor-shared-calendar = the shared calendar
cli-doctor-api = The API (renos serve --http) has { $live } live tokens of { $total }; each may make { $rate } requests a minute (bursts of { $burst }), bodies up to { $body } KiB ([api]).
cli-doctor-staff-calendar = { $name }'s calendar
cli-doctor-calendar-writes = { $user } can read and change { $who } { $calendar } ({ $role }).
cli-doctor-calendar-read-only = { $user } can only read { $who } { $calendar } ({ $role }): the sync cannot write bookings there.
cli-doctor-calendar-read-only-fix = share { $calendar } with { $user } as "Make changes to events"
cli-doctor-calendar-write-unknown = { $user } can read { $who } { $calendar }, but it is not in the user's calendar list, so write access is unknown.
cli-doctor-calendar-write-unknown-fix = add { $calendar } to { $user }'s calendar list, shared as "Make changes to events"
cli-doctor-calendar-not-found = Google has no calendar { $calendar } that { $user } can see ({ $who }): the id is mistyped, or the calendar is not shared with { $user }.
cli-doctor-calendar-not-found-fix = { $shared ->
    [yes] check GOOGLE_CALENDAR_ID (or [google] calendar_id)
   *[no] check [google.staff_calendars] in the config
}, or share the calendar with { $user }
cli-doctor-calendar-error = { $who } { $calendar } cannot be checked: { $error }
cli-doctor-calendar-error-fix = try again; if it stays, run `renos sync` and read its errors

# renos doctor: a cleaner's own calendar ([calendars.staff]).
cli-doctor-own-calendar = { $cleaner }'s calendar: { $provider } { $target }
cli-doctor-staff-calendar-not-synced = { $named } (not synced yet: this version syncs the [google] calendars).
cli-doctor-staff-calendar-error = { $named }: { $error }.
cli-doctor-staff-calendar-credentials-fix = set CALDAV_USERNAME and CALDAV_PASSWORD, or [calendars] caldav_credentials
cli-doctor-staff-calendar-works = { $named } answers and accepts the password.
cli-doctor-staff-calendar-none = { $named }: there is no calendar at that address.
cli-doctor-staff-calendar-none-fix = give the address of the calendar itself (it ends with /)
cli-doctor-staff-calendar-refused-fix = check CALDAV_USERNAME and CALDAV_PASSWORD or the credentials file
cli-doctor-staff-calendar-offline-fix = check the address and that the server runs
cli-doctor-staff-calendar-error-fix = check the address of the calendar
cli-doctor-outlook-calendar-works = { $named } answers and accepts the app's credentials.
cli-doctor-outlook-calendar-credentials-fix = set MICROSOFT_TENANT_ID, MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET to the app's, with the Calendars.ReadWrite application permission granted
cli-doctor-calendar-credentials = { $named }: { $from ->
    [caldav_env] the username and password come from CALDAV_USERNAME and CALDAV_PASSWORD.
    [outlook_env] the app's credentials come from MICROSOFT_TENANT_ID, MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET.
    [google] it is reached through the Google account of [google] (checked above).
   *[given] the app's credentials are the demo's own.
}
cli-doctor-calendar-password-file = { $named }: the password file { $path } has mode { $mode }{ $private ->
    [yes] : only its owner may read it.
   *[no] : others may read it, so it is not used.
}
cli-doctor-calendar-password-file-fix = chmod 600 { $path }

# The command line's own errors, `renos init` and `renos sandbox`.
cli-theme-console-only = --theme is for the console: `renos --theme NAME`, or `renos demo --theme NAME`
cli-db-no-folder = the folder { $folder } does not exist (is --db mistyped?); to start a new database there, make the folder first (mkdir -p { $folder }), or use `renos init FOLDER` for a team's shared one or `renos demo --db PATH` for the demo
cli-not-a-date = "{ $text }" is not a date: { $why }
cli-now-not-an-instant = --now: { $text } is not an RFC 3339 time ({ $detail }); write e.g. 2026-11-20T10:30:00+01:00
cli-serve-off-loopback = --http { $addr } is not on loopback: the API speaks plain HTTP, so tokens would cross the network unencrypted; listen on 127.0.0.1 behind a reverse proxy that adds TLS (Caddy or nginx, see the README), or give --public if such a proxy reaches this address
cli-token-qr-too-long = the link does not fit in a QR code: { $detail }
setup-no-group = there is no group { $quoted }: make it (`groupadd { $group }`) and add the team (`usermod -aG { $group } LOGIN`)
setup-not-a-folder = { $path } exists and is not a folder
setup-foreign = { $path } already holds files that are not renos's ({ $files }): choose an empty folder, or move them away
setup-link = { $path } is a symbolic link, which renos does not follow; remove it
setup-not-permitted = not permitted to { $what }: run `renos init` as root, or as the folder's owner and a member of the group
setup-io = cannot { $what }: { $why }
setup-what-make = make { $path }
setup-what-create = create { $path }
setup-what-read = read { $path }
setup-what-write = write { $path }
setup-what-group = give to the group { $path }
setup-what-mode = change the mode of { $path }
cli-console-needs-terminal = the console needs a terminal; for a report use `renos agenda`
cli-cannot-create = cannot create { $path }
cli-cannot-write = cannot write { $path }
cli-init-made-folder = made { $path } (group { $group }, mode { $mode }: what is made inside is the group's)
cli-init-made-database = made the database { $path } (mode { $mode })
cli-init-migrated = the database { $path } is up to date
cli-init-made-config = made the config { $path } (mode { $mode }: the group reads it, you change it)
cli-init-kept = { $path }: in order
cli-init-mode-changed = mode { $from } → { $to }
cli-init-group-changed = group { $from } → { $to }
cli-init-fixed = { $path }: { $changes }
cli-init-hint =
    Each member of { $group } points renos at it (e.g. in ~/.profile):
      export RENOS_CONFIG={ $config }
    The config names the database; `--db { $db }` and RENOS_DB work too.
    Roles and the providers' secrets go in { $config } (see its comments);
    `renos doctor` shows who you are here and checks the modes.
cli-sandbox-loopback-only = --addr { $addr }: the sandbox listens only on a loopback address (127.0.0.1 or [::1]), its admin endpoints have no authentication
cli-sandbox-cannot-listen = cannot listen on { $addr }
cli-sandbox-serving = sandbox serving on { $url } (Ctrl-C to stop)

# `renos demo` and `renos serve`.
cli-demo-exists = { $path } already exists; add --force to replace it with the demo, or open it with `renos --db { $path }`
cli-demo-cannot-replace = cannot replace { $path }: { $error }
cli-demo-seeded = Demo: { $staff } cleaners, { $customers } customers, { $bookings } bookings in { $path }
cli-demo-no-sandbox = cannot start the demo's sandbox: { $error }
cli-serve-what = { $sync ->
    [none] Google Calendar not set up
    [off] calendar sync off (sync.enabled = false)
   *[on] calendar sync every { $minutes } min
}, { $billy ->
    [yes] Billy invoices and payments
   *[no] Billy not set up
}, { $twilio ->
    [none] Twilio not set up
    [auto] Twilio alerts (automatic ones on)
   *[manual] Twilio alerts (automatic ones off: alerts.auto)
}
cli-serve-logging = logging to { $file }
cli-serve-no-log = cannot log to { $file }: { $error } (nothing will be logged)
cli-serve-no-runtime = cannot start the runtime
cli-serve-no-signals = cannot watch SIGTERM and SIGINT
cli-serve-started = renos serve (pid { $pid }) on { $db }: { $what }; { $log }; SIGTERM or Ctrl-C stops it
cli-serve-api = renos serve: API on http://{ $addr }/api/v1 (GET /health needs no token)
cli-serve-holder = renos serve pid { $pid } on host { $host } since { $since }
cli-serve-holder-starting = a renos serve that is just starting
cli-serve-held = { $db } is already served by { $holder }; stop that one first (lock file { $lock })
cli-serve-cannot-open-lock = cannot open the lock file { $lock }
cli-serve-cannot-lock = cannot lock { $lock }: { $error }
cli-serve-cannot-write-lock = cannot write the lock file { $lock }
cli-progress-checking = checking
cli-progress-importing = importing

# `--help`: the doc comments, word for word (a test compares them).
cli-help = RenOS Dispatch: the cleaning company's day on one screen
cli-help-demo = Seed a fresh database with the demo business and open the console on it
cli-help-demo--no_http = Do not serve the API, the cleaners' page and the assistants' tools beside the console (served on 127.0.0.1:8787, or on a free port when that is taken; the first notice, in the message log (!), has the page's link)
cli-help-journal = Print the journal: who changed what, when, before → after
cli-help-agenda = Print a day's bookings per cleaner, with status, conflicts and overtime
cli-help-book = Book a job, or a recurring one (--repeat); --date gives the (first) date
cli-help-move = Move or reassign a booking (--date gives the new date); a visit of a series in the scope given
cli-help-cancel = Cancel a booking; a visit of a series in the scope given
cli-help-series = Recurring bookings: list, show, pause, resume, end
cli-help-series-list = Every series, with its rule and next visit
cli-help-series-show = One series and its visits
cli-help-series-pause = Rest a series for a period (both days included)
cli-help-series-resume = End a pause now; the visits come back up to the horizon
cli-help-series-extend = Make every series' visits up to the horizon (`[series] horizon_weeks`), as the back office does each day; again, nothing
cli-help-series-end = End a series: no visits after this date
cli-help-staff = Manage cleaners
cli-help-staff-list = List the cleaners
cli-help-staff-add = Add a cleaner
cli-help-staff-set = Change a cleaner (by name or #id)
cli-help-staff-remove = Remove a cleaner from the plan (refused while they have jobs to come)
cli-help-slots = Who can take a job, and when: free slots per cleaner, ranked (from --date)
cli-help-reassign = A sick call: every job of a cleaner in a period with the best replacement; --apply reassigns them as one change
cli-help-import = Import customers from CSV or JSON
cli-help-import-customers = Customers from a CSV or JSON file: checked first, then written in batches; nothing is written while any record is bad
cli-help-validate = Check a customer file (CSV, JSON) or a calendar (.ics) without importing it
cli-help-export = Export customers as CSV
cli-help-export-customers = Every customer as CSV (UTF-8, comma-separated), which `renos import customers` reads back unchanged
cli-help-ics = Exchange bookings with calendar programs (iCalendar .ics files)
cli-help-ics-import = Bookings from an iCalendar file (.ics). Importing the same file again changes nothing; a changed event updates its booking
cli-help-ics-export = Bookings as an iCalendar file that calendar programs read
cli-help-stats = Customer and booking figures, and the latest imports
cli-help-sync = Two-way sync with Google Calendar and the cleaners' own calendars (CalDAV, Microsoft 365)
cli-help-status = The sync's state: last runs, pending changes, conflicts
cli-help-conflicts = Bookings changed on both sides, waiting for your decision
cli-help-resolve = Settle a sync conflict: keep mine, keep theirs, or keep both
cli-help-invoice = Invoice a finished job in Billy (a draft, or approved with --approve), or with --customer and --month a customer's finished visits of a month on one invoice
cli-help-invoices = The invoices and their payment state
cli-help-alert = Phone about a booking: a voice call in Danish through Twilio
cli-help-alerts = The latest calls and SMS
cli-help-remind = SMS reminders to the customers of tomorrow's bookings, each sent once
cli-help-init = Set up a folder for a team on one server: the database and a config for the team's secrets, readable and writable by one Unix group
cli-help-doctor = Check the configuration, the database and each provider, and say what to fix
cli-help-serve = Run the back office without a console, until SIGTERM or Ctrl-C
cli-help-sandbox = Serve loopback fakes of Google Calendar, Microsoft 365 (Graph), Billy and Twilio; prints `export` lines that point renos at them
cli-help--db = Database file (default: $XDG_DATA_HOME/renos/renos.db; for `demo`, a new file in $XDG_DATA_HOME/renos/demo/)
cli-help--config = Config file (default: $XDG_CONFIG_HOME/renos/config.toml)
cli-help--now = Fix the clock, e.g. 2026-11-20T10:30:00+01:00 (for tests and screenshots)
cli-help--date = The day to open (YYYY-MM-DD, today, tomorrow, yesterday)
cli-help--theme = The console's theme: dark, light, high-contrast, monochrome, or a path to a theme file
cli-help--language = The console's language: da or en (default: [ui] language in the config, then RENOS_LANGUAGE, then da)
cli-help--help = Print help
cli-help--version = Print version
cli-help-book--customer = The customer: #id, or (part of) the name
cli-help-book--staff = The cleaner: name or #id
cli-help-book--start = Start time: 9, 9:30, 0930
cli-help-book--duration = How long: 3, 2,5, 2:30, 1h30, 90 min
cli-help-book--end = End time instead of a duration
cli-help-book--repeat = Repeat: weekly, every 2 weeks, hver 2. uge, monthly, månedlig, or an RRULE
cli-help-book--until = The last date of the series (with --repeat)
cli-help-book--count = How many visits (with --repeat)
cli-help-book--holidays = On a holiday: skip the visit, or move it to the next working day
cli-help-book--accept_clash = Book although it double-books, for this reason (journaled)
cli-help-help-command = Print this message or the help of the given subcommand(s)
cli-help-usage = Usage:
cli-help-options = Options
cli-help-arguments = Arguments
cli-help-commands = Commands
cli-help-agenda--date = YYYY-MM-DD, today, tomorrow or yesterday (default: today)
cli-help-agenda--json = One JSON array instead of text
cli-help-alert--booking = The booking's number
cli-help-alert--json = Machine-readable output (JSON)
cli-help-alert--message = What to say (default: a sentence about the booking)
cli-help-alert--to = Call this number (default: the on-call number, or the cleaner)
cli-help-alerts--check = First raise the automatic alerts due now (overtime, double bookings) and place whatever waits
cli-help-alerts--json = Machine-readable output (JSON)
cli-help-alerts--limit = How many, newest first (1 to 100000)
cli-help-book--json = Machine-readable output (JSON)
cli-help-book--notes = Notes for the job
cli-help-book--service = The service
cli-help-cancel--booking = The booking's number
cli-help-cancel--json = Machine-readable output (JSON)
cli-help-cancel--reason = Why (journaled), e.g. "kunden aflyste"
cli-help-cancel--scope = Which visits of a series: this one, this and following, or all
cli-help-conflicts--json = Machine-readable output (JSON)
cli-help-demo--force = Overwrite an existing database file
cli-help-demo--language = The console's language: da or en (default: [ui] language in the config, or RENOS_LANGUAGE)
cli-help-demo--no_console = Seed only; do not open the console
cli-help-demo--theme = The console's theme: dark, light, high-contrast, monochrome, or a path to a theme file
cli-help-doctor--json = Machine-readable output (JSON)
cli-help-export-customers--excel = For Danish Excel: semicolons, a byte-order mark and CRLF line ends; text that Excel would run as a formula (starting with = + - @) gets a ' in front, so it shows as text. Not for reading back
cli-help-export-customers--file = The file to write; `-` or nothing for standard output
cli-help-ics-export--file = The file to write; `-` or nothing for standard output
cli-help-ics-export--from = From this day on
cli-help-ics-export--staff = One cleaner's bookings only
cli-help-ics-export--to = Up to and including this day
cli-help-ics-import--batch_size = Events per transaction (1 to 100000)
cli-help-ics-import--dry_run = Report what would happen; write nothing
cli-help-ics-import--file = The iCalendar file (.ics)
cli-help-ics-import--from = Only bookings from this day on
cli-help-ics-import--json = The summary as JSON
cli-help-ics-import--skip_invalid = Import the good events even when some are bad (those are reported)
cli-help-ics-import--staff = The cleaner for events whose attendees name none (none: unassigned)
cli-help-ics-import--to = Only bookings up to and including this day; recurring events are expanded up to it (default: 12 weeks ahead)
cli-help-import-customers--batch_size = Records per transaction (1 to 100000)
cli-help-import-customers--create_bookings = Also create the bookings the JSON lists (same rules as the console)
cli-help-import-customers--dry_run = Report what would happen; write nothing
cli-help-import-customers--file = The file (CSV with a header row, or JSON)
cli-help-import-customers--format = The file's format (default: from its extension or its content)
cli-help-import-customers--json = The summary as JSON
cli-help-import-customers--on_duplicate = What to do with a record that matches a known customer
cli-help-import-customers--on_duplicate--merge = Fill in what the customer lacks, add tags and notes; keep the rest
cli-help-import-customers--on_duplicate--skip = Leave the customer as it is
cli-help-import-customers--on_duplicate--update = The file's non-empty values replace the customer's
cli-help-import-customers--skip_invalid = Import the good records even when some are bad (those are reported)
cli-help-init--group = The Unix group of the team: its members read and write the database
cli-help-init--shared = The team's folder (made if missing; its parent must exist)
cli-help-invoice--approve = Approve it (a draft made earlier, too); approved invoices get a number
cli-help-invoice--booking = The booking's number
cli-help-invoice--customer = The customer to invoice a month of (a name, address or phone, as the form finds it)
cli-help-invoice--json = Machine-readable output (JSON)
cli-help-invoice--month = The month, e.g. 2026-12 (in the business time zone)
cli-help-invoices--json = Machine-readable output (JSON)
cli-help-invoices--open = Only the unpaid ones
cli-help-invoices--poll = Ask Billy about payments first (and send what waits)
cli-help-journal--booking = Only this booking's history
cli-help-journal--json = Machine-readable output
cli-help-journal--limit = How many entries, newest first (1 to 100000)
cli-help-mcp = Serve the tools for assistants (MCP) on stdin and stdout, acting as this login with its role; writes take a dry run and a confirmation
cli-help-move--accept_clash = Move although it double-books, for this reason (journaled)
cli-help-move--booking = The booking's number
cli-help-move--duration = New duration
cli-help-move--json = Machine-readable output (JSON)
cli-help-move--scope = Which visits of a series: this one, this and following, or all
cli-help-move--staff = New cleaner (name or #id)
cli-help-move--start = New start time
cli-help-reassign--apply = Apply the plan as one change (one undo takes it back)
cli-help-reassign--from = First day (YYYY-MM-DD, today, tomorrow)
cli-help-reassign--json = Machine-readable output (JSON)
cli-help-reassign--staff = The cleaner who cannot come (name or #id)
cli-help-reassign--to = Last day (default: the first)
cli-help-remind--dry_run = Show what would be sent; send nothing
cli-help-resolve--booking = The booking's number
cli-help-resolve--choice = Whose version stays
cli-help-resolve--choice--both = Both stay: the calendar's version becomes a new booking (in review)
cli-help-resolve--choice--mine = The console's version goes to the calendar
cli-help-resolve--choice--theirs = The calendar's version replaces the console's
cli-help-sandbox--addr = Where to listen (loopback only; default 127.0.0.1 on a free port)
cli-help-sandbox--dir = Where to write google-key.json (default: a new temporary directory)
cli-help-series-end--after = The series' last date
cli-help-series-end--id = The series' number
cli-help-series-end--json = Machine-readable output (JSON)
cli-help-series-extend--json = Machine-readable output (JSON)
cli-help-series-list--json = Machine-readable output (JSON)
cli-help-series-pause--from = First day of the pause
cli-help-series-pause--id = The series' number
cli-help-series-pause--json = Machine-readable output (JSON)
cli-help-series-pause--to = Last day of the pause
cli-help-series-resume--id = The series' number
cli-help-series-resume--json = Machine-readable output (JSON)
cli-help-series-show--id = The series' number
cli-help-series-show--json = Machine-readable output (JSON)
cli-help-serve--http = Also serve the JSON API (tokens: `renos token add`) on ADDR (default 127.0.0.1:8787; port 0 takes a free one, printed on stderr)
cli-help-serve--public = Allow --http on an address other than loopback (behind a reverse proxy that adds TLS)
cli-help-slots--customer = The customer (name, address, phone or e-mail): their place and usual cleaner
cli-help-slots--days = How many days from the date (--date, default today), 1 to 60
cli-help-slots--duration = How long the job takes: 3, 2:30, 2h30, 150m
cli-help-slots--earliest = Earliest start, HH:MM
cli-help-slots--grid = Minutes between slot starts (5 to 120: 5, 10, 15, 20, 30, 60, 120); default `[slots] grid_min`, 15
cli-help-slots--json = Machine-readable output (JSON)
cli-help-slots--latest = Latest end, HH:MM
cli-help-slots--per_cleaner = Slots shown per cleaner (1 to 100)
cli-help-slots--service = The service; cleaners who do not do it are left out
cli-help-slots--staff = Only this cleaner (name or #id)
cli-help-slots--strategy = usual, round-robin, least-busy or priority
cli-help-staff-add--colour = A colour name or #rrggbb for the lane marker
cli-help-staff-add--hours = e.g. "mon-fri 07:00-16:00; sat 08:00-12:00" (default mon-fri 07:00-16:00); a second interval after a comma is a break: "mon-fri 08:00-12:00,12:30-16:00"
cli-help-staff-add--name = The cleaner's name
cli-help-staff-add--phone = Phone number
cli-help-staff-add--time_off = Days off: 2026-11-24 or 2026-11-24..2026-11-26, optionally ":reason". Repeatable
cli-help-staff-list--json = Machine-readable output (JSON)
cli-help-staff-remove--who = The cleaner: name or #id
cli-help-staff-set--area = Postcodes they cover: "2100,2200-2450" ("" for everywhere)
cli-help-staff-set--clear_overrides = Remove all date overrides (before adding any given with --override)
cli-help-staff-set--clear_time_off = Remove all days off (before adding any given with --time-off)
cli-help-staff-set--colour = A colour name or #rrggbb for the lane marker
cli-help-staff-set--contract_hours = Contracted hours per week, e.g. 30 or 37.5 ("none" to remove)
cli-help-staff-set--daily_max = At most this many booked hours a day ("none" to remove)
cli-help-staff-set--hours = Hours per weekday, breaks as a second interval: "mon-fri 08:00-12:00,12:30-16:00; sat 08:00-12:00"
cli-help-staff-set--name = New name
cli-help-staff-set--overrides = Other hours for a date or range: "2026-12-24 closed", "2026-12-27..2026-12-30 09:00-13:00" (repeatable)
cli-help-staff-set--phone = New phone number
cli-help-staff-set--priority = Higher goes first when slots are ranked by priority
cli-help-staff-set--skills = Services they do, comma-separated ("" for every service)
cli-help-staff-set--time_off = Add days off (repeatable)
cli-help-staff-set--who = The cleaner: name or #id
cli-help-stats--json = Machine-readable output (JSON)
cli-help-status--json = Machine-readable output (JSON)
cli-help-sync--direction = both (default), pull (only take the calendar's changes) or push
cli-help-sync--direction--both = Pull the calendar's changes and push the console's
cli-help-sync--direction--pull = Only take the calendar's changes
cli-help-sync--direction--push = Only send the console's changes
cli-help-sync--force = Forget the sync tokens and read every event again
cli-help-sync--json = Machine-readable output (JSON)
cli-help-sync--max_events = Read at most this many events from Google calendars; the next run goes on from there (1 to 10000000). A cleaner's CalDAV or Microsoft 365 calendar holding more than this many on its first sync is not taken in, and the run names it
cli-help-token = The HTTP API's tokens: add (shown once), list, revoke
cli-help-token-add = Make a token; it is printed once, keep it somewhere safe
cli-help-token-add--json = Machine-readable output (JSON)
cli-help-token-add--name = A name for the token, e.g. maja-phone (shown in the journal)
cli-help-token-add--qr = Also print a QR code that opens the cleaners' page logged in
cli-help-token-add--role = What it may do: admin, dispatcher, viewer, or cleaner (their own jobs)
cli-help-token-add--staff = The cleaner a cleaner's token stands for (name or #id)
cli-help-token-add--url = Where phones reach the page, for --qr (default http://127.0.0.1:8787, the serve's own address)
cli-help-token-list = The tokens: name, role, cleaner, made, last used, revoked
cli-help-token-list--json = Machine-readable output (JSON)
cli-help-token-revoke = Revoke a token: from now on it is refused
cli-help-token-revoke--name = The token's name
cli-help-validate--file = The file to check
cli-help-validate--format = The file's format (default: from its extension or its content)
cli-help-validate--json = The report as JSON
cli-value-addr = ADDR
cli-value-area = AREA
cli-value-base = BASE
cli-value-booking = BOOKING
cli-value-choice = CHOICE
cli-value-colour = COLOUR
cli-value-customer = CUSTOMER
cli-value-d = D
cli-value-da-en = da|en
cli-value-date = DATE
cli-value-dates = DATES
cli-value-dates-hours = DATES HOURS
cli-value-days = DAYS
cli-value-dir = DIR
cli-value-direction = DIRECTION
cli-value-duration = DURATION
cli-value-file = FILE
cli-value-format = FORMAT
cli-value-group = GROUP
cli-value-hh-mm = HH:MM
cli-value-holidays = HOLIDAYS
cli-value-hours = HOURS
cli-value-id = ID
cli-value-limit = LIMIT
cli-value-min = MIN
cli-value-month = MONTH
cli-value-n = N
cli-value-name = NAME
cli-value-number = NUMBER
cli-value-on-duplicate = ON_DUPLICATE
cli-value-path = PATH
cli-value-per-cleaner = PER_CLEANER
cli-value-phone = PHONE
cli-value-priority = PRIORITY
cli-value-r = R
cli-value-reason = REASON
cli-value-rfc3339 = RFC3339
cli-value-role = ROLE
cli-value-s = S
cli-value-scope = SCOPE
cli-value-service = SERVICE
cli-value-skills = SKILLS
cli-value-spec = SPEC
cli-value-strategy = STRATEGY
cli-value-t = T
cli-value-text = TEXT
cli-value-time = TIME
cli-value-who = WHO
cli-value-options = OPTIONS
cli-value-command = COMMAND
cli-help-serve-long = Run the back office without a console, until SIGTERM or Ctrl-C.

    The calendar sync, invoices and payments, automatic alerts and the outbox's deliveries, as while a console is open; logs to the log file. One per database; consoles may run beside it. With --http, also the JSON API for tokens made with `renos token add`.
cli-help--help-more = Print help (see more with '--help')
cli-help--help-summary = Print help (see a summary with '-h')
cli-help-default = [default: { $value }]
cli-help-env = [env: { $name }={ $value }]
cli-help-possible-values = [possible values: { $values }]
cli-help-possible-values-heading = Possible values:
cli-error = error:
cli-error-tip = tip:
cli-error-more = For more information, try '{ $help }'.
cli-error-unknown-argument = unexpected argument '{ $arg }' found
cli-error-unknown-command = unrecognized subcommand '{ $name }'
cli-error-value-missing = a value is required for '{ $arg }' but none was supplied
cli-error-invalid-value = invalid value '{ $value }' for '{ $arg }'
cli-error-missing-arguments = the following required arguments were not provided:
cli-error-missing-command = '{ $name }' requires a subcommand but one was not provided
cli-error-commands = [subcommands: { $names }]
cli-error-twice = the argument '{ $arg }' cannot be used multiple times
cli-error-conflict = the argument '{ $arg }' cannot be used with
cli-error-conflict-command = the subcommand '{ $name }' cannot be used with
cli-error-conflict-others = one or more of the other specified arguments
cli-error-no-equals = equal sign is needed when assigning values to '{ $arg }'
cli-error-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
cli-error-too-few-values = { $needed } values required by '{ $arg }'; only { $n } { $n ->
        [0] was
        [1] was
       *[other] were
    } provided
cli-error-wrong-number-of-values = { $needed } values required for '{ $arg }' but { $n } { $n ->
        [0] was
        [1] was
       *[other] were
    } provided
cli-error-similar-command = { $n ->
        [1] a similar subcommand exists: { $names }
       *[other] some similar subcommands exist: { $names }
    }
cli-error-similar-option = { $n ->
        [1] a similar argument exists: { $names }
       *[other] some similar arguments exist: { $names }
    }
cli-error-similar-value = { $n ->
        [1] a similar value exists: { $names }
       *[other] some similar values exist: { $names }
    }
cli-error-tip-as-value = to pass { $arg } as a value, use { $use }
cli-error-tip-exists = { $use } exists
cli-error-tip-no-dashes = subcommand { $name } exists; to use it, remove the { $dashes } before it
cli-error-number-empty = cannot parse integer from empty string
cli-error-number-digit = invalid digit found in string
cli-error-number-too-large = number too large to fit in target type
cli-error-number-too-small = number too small to fit in target type
cli-error-out-of-range = { $value } is not in { $low }..={ $high }
cli-error-below = { $value } is not in { $low }..
cli-error-language = use da or en
cli-error-role = use admin, dispatcher, viewer or cleaner
cli-error-address = invalid socket address syntax
cli-error-month = { $text } is not a month: write it as 2026-12

## The cleaners' page (/app/) and the SMS it sends
app-name = RenOS — my day
app-short-name = My day
app-today = Today, { $date }
app-loading = Loading your day…
app-no-jobs = No jobs today.
app-login = Open the link or QR code from the office to log in.
app-offline = No connection — showing what was loaded. Trying again…
app-live-off = Live updates are off; the day is fetched every 30 seconds.
app-map = Map
app-call = Call { $phone }
app-access = Access
app-on-my-way = On my way
app-start = Start
app-finish = Finish
app-note = A note for the office
app-note-save = Save note
app-note-saved = Note saved.
app-told = The customer was told: expected at { $time }.
app-already-told = The customer was already told; nothing was sent.
app-on-the-way = On the way
app-started = Started.
app-finished = Finished.
app-failed = That did not work: { $error }
app-status-scheduled = Planned
app-status-in_progress = Running
app-status-completed = Done
app-status-cancelled = Cancelled
app-sms-on-the-way = Your cleaner is on the way, expected at { $time }.
details-on-the-way = on the way, customer told by SMS at { $time }

# renos token
cli-token-revoked = Revoked the token { $name }
cli-token-staff-missing = --staff: a cleaner's token names the cleaner, e.g. --staff Maja
cli-token-staff-not-cleaner = --staff is for a cleaner's token (--role cleaner)
cli-token-made = Token { $name } ({ $role }) made. It is shown this once:
cli-token-how = Send it as `Authorization: Bearer TOKEN`; `renos token revoke { $name }` ends it.
cli-token-scan = Scan this with the phone to open the cleaners' page:
cli-token-none = No tokens yet: `renos token add NAME --role ROLE` makes one.
cli-token-line = made { $made } by { $by }, last used { $used }
cli-token-line-revoked = made { $made } by { $by }, last used { $used }, revoked { $revoked }

## Input errors in words

when-date-hint = write a date like 20/1 or a weekday like mandag
when-date-forms = write it like 20/1, 20/1/2025 or 2025-01-20
when-date-empty = no date: { $hint }
when-date-backwards = { $text }: count days ahead only (+1 is tomorrow); for an earlier day write its date
when-date-two-weekdays = two weekdays ({ $first } and { $second }): write one weekday, or none
when-date-two-dates = two dates ({ $first } and { $second }): write one date
when-date-not-a-date = { $text } is not a date: { $forms }
when-date-unknown-day = unknown day { $text }: { $hint }
when-date-none-in = no date in { $text }: { $hint }
when-date-bad-count = { $text }: write + and a number of days, e.g. +3 for three days from today
when-date-too-far = { $text } is too far ahead: write the date
when-date-no-month = { $text } is not a date: there is no month { $month } (months go from 1 to 12)
when-date-no-day = { $text } is not a date: { $month } { $year } has days 1 to { $last }
when-time-hint = write it like 9, 9:30, 09.30 or 0930
when-time-empty = no time: { $hint }
when-time-not-a-time = { $text } is not a time: { $hint }
when-time-seconds = { $text }: write hours and minutes without seconds, e.g. 9:30
when-time-two-digits = { $text }: write the minutes with two digits, e.g. 9:05 or 9:30
when-time-hours = { $text }: hours go from 0 to 23 (midnight is 0:00); { $hint }
when-time-minutes = { $text }: minutes go from 00 to 59; { $hint }
when-duration-hint = write it like 3, 2,5, 2:30, 2 t 30 min or 90 min
when-duration-empty = no duration: { $hint }
when-duration-not-a-duration = { $text } is not a duration: { $hint }
when-duration-negative = { $text }: a duration cannot be negative; { $hint }
when-duration-zero = { $text }: a duration must be longer than 0; { $hint }
when-duration-over-a-day = { $text } is longer than a day: a job can last at most 24 h
when-duration-over-a-day-minutes = { $text } is longer than a day: a job can last at most 24 h; for minutes write { $minutes } min
when-duration-minutes = { $text }: minutes go from 00 to 59; { $hint }
when-duration-minutes-after-hours = { $text }: after the hours, minutes go from 0 to 59; { $hint }
when-duration-unknown-unit = { $text }: unknown unit { $unit } (use t or h for hours, min for minutes)
when-duration-whole-hours = { $text }: with minutes after them, write whole hours, e.g. 2 t 30 min
when-duration-whole-minutes = { $text }: write minutes as a whole number, e.g. 90 min
contact-phone-danish = { $text } is not a phone number: Danish numbers have 8 digits, e.g. +45 12 34 56 78
contact-phone-abroad = { $text } is not a phone number: numbers from abroad start with + and the country code and have 8 to 15 digits, e.g. +46 70 123 45 67
contact-email-refused = { $text } is not an e-mail address: { $why }
contact-email-no-at = it has no @
contact-email-two-ats = it has more than one @
contact-email-no-local = the part before @ is missing
contact-email-local-space = the part before @ contains a space
contact-email-local-blank = the part before @ contains a blank
contact-email-local-char = the part before @ contains { $char }
contact-email-local-dot-edge = the part before @ starts or ends with a dot
contact-email-local-two-dots = the part before @ has two dots in a row
contact-email-too-long = it is too long
contact-email-no-domain = the part after @ is missing
contact-email-domain-space = the part after @ contains a space
contact-email-domain-char = the part after @ contains { $char }
contact-email-domain-no-dot = the part after @ ({ $domain }) needs a dot, e.g. example.dk
contact-email-domain-two-dots = the part after @ has two dots in a row
contact-email-domain-dot-edge = the part after @ starts or ends with a dot
contact-email-domain-hyphen = a part of the domain starts or ends with a hyphen
contact-email-no-top-level = the domain ends in { $top }, which is no top-level domain, e.g. .dk or .com
contact-needs-name = a customer needs a name
hours-not-a-time = { $text } is not a time; write it as HH:MM, e.g. 07:30
hours-not-hours = { $text }: write hours as HH:MM-HH:MM
hours-ends-before-start = { $text }: the hours must end after they start
hours-day-ends-before-start = { $text }: the working day must end after it starts
hours-overlap = { $what }: { $first } and { $second } overlap
hours-not-a-weekday = { $text } is not a weekday (mon, tue, wed, thu, fri, sat, sun)
hours-days-first = { $text }: name the days first, e.g. mon-fri 08:00-12:00,12:30-16:00
hours-no-hours = { $text }: write hours as DAYS HH:MM-HH:MM, e.g. mon-fri 08:00-16:00
hours-no-working-hours = { $text }: write working hours as DAYS HH:MM-HH:MM, e.g. mon-fri 07:00-16:00
hours-days-backwards = { $text }: the first day must come before the last (mon-fri)
hours-not-an-override = { $text }: write DATE[..DATE] { $closed } or DATE[..DATE] HH:MM-HH:MM
hours-not-a-date = { $text } is not a date; write YYYY-MM-DD
hours-range-backwards = { $text }: the range must end on or after it starts
hours-time-off-backwards = { $text }: time off must end on or after the day it starts
hours-not-a-postcode = { $text } is not a postcode (four digits, e.g. 2100)
hours-postcodes-backwards = { $text }: the range must go up (2100-2450)
hours-not-a-count = { $text } is not a number of hours between 0 and { $max } (e.g. 30 or 37.5), or { $none }
hours-not-whole = { $text } is not a whole number (e.g. 0, 5 or -1)
hours-no-such-day = day { $day } is not a weekday
hours-empty-day = write HH:MM-HH:MM, a second interval after a comma for a break, or { $off }
repeat-hint = write weekly, every 2 weeks, hver 2. uge, monthly, månedlig or an RRULE (FREQ=WEEKLY;INTERVAL=2)
repeat-empty = no repeat: { $hint }
repeat-not-a-repeat = { $text } is not a repeat: { $hint }
repeat-weeks = { $text }: the number of weeks is 1 to 52
repeat-monthly-day = { $text }: name the day as monthly, 2nd Tuesday (1st to 4th, or last)
repeat-not-that-day = { $text }: the first visit, { $first }, is not the { $nth } { $weekday } of its month; change the date, or write monthly
repeat-ends-one-visit = a series has at least 1 visit
repeat-ends-hint = never, a number of visits (after 6 times) or a date (until 2/3)
repeat-ends-refused = ends: { $why }
series-error-no-service = a series needs a service type
series-error-duration = duration: a visit lasts from 1 minute to 24 hours
series-error-ends-before-start = until: the series would end ({ $until }) before it starts ({ $first })
series-error-no-count = count: a series has at least one visit
series-error-pause = pause: it ends ({ $to }) before it starts ({ $from })
series-error-rule = repeat: { $why }
form-which-cleaner = which one: { $names }?
form-no-cleaner-called = no cleaner called "{ $name }" (empty = unassigned)

## A cleaner's calendar on another provider (renos status, renos sync)
cli-provider-google = Google Calendar
cli-provider-caldav = CalDAV
cli-provider-outlook = Microsoft 365
connection-shared = Google
connection-own = { $provider } ({ $cleaner })
connection-state = { $state ->
    [up_to_date] { $name } ✓
    [waiting] { $name }: { $n } to send
    [cannot_reach] { $name }: cannot reach
    [refused] { $name }: refused
    [not_set_up] { $name }: not set up
   *[not_yet] { $name }: not synced yet
}
connections-fine = calendars ✓
connection-shared-lower = the shared Google calendar
staff-calendar = Calendar: { $calendar }
connection-shared-whole = The shared Google calendar
connection-own-whole = { $cleaner }'s calendar ({ $provider })
connection-sentence = { $state ->
    [not_set_up] { $name } is not set up: its changes wait.
    [cannot_reach] { $name } cannot be reached: its changes wait for the next sync.
   *[refused] { $name } refused the sync: `renos doctor` tells why.
}
cli-status-own-calendar-line = { $cleaner } ({ $provider } { $id }): { $how }
cli-status-calendar-not-set-up = not set up: { $why }
cli-sync-calendar = { $provider } { $id }: { $how }
cli-sync-calendar-synced = synced
cli-sync-calendar-unreachable = could not be reached; its changes wait and are tried again
cli-sync-calendar-refused = refused (see the errors below)
cli-sync-calendar-not-set-up = not set up (see the errors below)

## The engine's remarks on a booking and in the journal (stored in English, worded when shown)
remark-new-customer = made by hand in { $calendar }: no known customer in the title; check the customer
remark-all-day = all-day event in { $calendar }: set the times
remark-deleted-there = deleted in { $calendar }
remark-changed-there = changed in { $calendar }
remark-made-there = made in { $calendar }
remark-calendar-google = Google Calendar
remark-calendar-caldav = the CalDAV calendar
remark-calendar-microsoft365 = the Microsoft 365 calendar
remark-kept-both = kept both after a sync conflict
remark-copy-of = kept both after a sync conflict: the calendar's version of #{ $id }
remark-kept-theirs = kept the calendar's version
remark-file-customer-made = customer not found: made from the calendar event, check who it is
remark-file-all-day = all day in the calendar: give it a time
remark-file-no-end = no end time in the calendar: one hour assumed
remark-file-end-before-start = the end is before the start in the calendar: one hour assumed
remark-file-ends-at-start = it ends as it starts in the calendar: one hour assumed
remark-file-tentative = tentative in the calendar
remark-file-cancelled = cancelled in the calendar
remark-cancelled-before-import = cancelled before the import
remark-imported-from = imported from { $file }

## A customer file's bad records (`renos import`, `renos validate`) and amounts of money
import-problem-line = line { $line }: { $what }
import-problem-column = line { $line }, column { $column }: { $what }
import-no-name = a customer needs a name
import-not-a-count = { $text } is not a count: write a whole number, 0 or more
import-count-too-large = { $text } is too large a count
import-not-a-date = { $text } is not a date: write it as 2025-10-01, 1/10/2025, 2025-10-01 10:00 or 2025-10-01T10:00:00+02:00
import-not-a-date-time = { $text } is not a date and time: write it as 2025-10-15T10:00:00+02:00 or 2025-10-15 10:00
import-not-a-status = { $text } is not a booking status: use scheduled, in_progress, completed or cancelled
import-no-time = { $start ->
    [yes] a booking needs its start time
   *[no] a booking needs its end time
}
import-end-not-after-start = the end ({ $end }) is not after the start ({ $start })
import-too-many-fields = the row has { $fields } fields but the heading row has { $heading }; is a value with a { $delimiter ->
    [semicolon] semicolon
    [tab] tab
   *[comma] comma
} missing its quotes?
money-not-an-amount = { $text } is not an amount of money: write kroner and øre, e.g. 1047.50 or 1.047,50 kr
money-too-large = { $text } is too large an amount
import-no-heading = column { $column } has no heading; it is ignored
import-unknown-column = column { $name } (column { $column }) is not one we know; it is ignored
import-unknown-field = field { $key } is not one we know; it is ignored
import-many-unknown = more than { $n } fields are not ones we know; they are all ignored
import-not-utf8 = { $csv ->
    [yes] line { $line } is not UTF-8 like the lines before it; it was read as Windows-1252, and so will any other such line
   *[no] line { $line } is not UTF-8; it was read as Windows-1252, and so will any other such customer
}
import-bookings-not-created = the file lists { $n } booking(s); they are not created without --create-bookings
import-booking-no-cleaner = line { $line }: no cleaner called { $name }: add them with `renos staff add` or leave the field empty for an unassigned booking
import-booking-refused = line { $line }: not created: { $why }
import-shape-csv = CSV, { $separated }, { $encoding }, { $columns } columns
import-shape-semicolon = semicolon-separated
import-shape-comma = comma-separated
import-shape-tab = tab-separated
import-shape-other = separated by { $char }
import-shape-utf8-bom = UTF-8 with BOM

## A calendar import's problems, double bookings and warnings (`renos ics import`, `renos validate FILE.ics`); the file's own names (DTSTART, RRULE, X-RENOS-…) as the file writes them, the reader's own words last
ics-problem = line { $line }: { $what }
ics-unreadable = { $detail }
ics-dates = { $detail }
ics-too-long = { $summary } lasts { $hours } hours; a booking lasts at most { $max } hours (leave it out with --skip-invalid, or split it in the calendar)
ics-not-minutes = { $field } { $value } is not a number of minutes
ics-not-a-status = { $field } { $value } is not one of scheduled, in_progress, completed, cancelled
ics-not-a-time = { $field } { $value } is not an RFC 3339 time
ics-missing = { $entity } #{ $id } does not exist (it may have been removed)
ics-refused = { $why }
ics-clash = line { $line }: booking #{ $booking } { $date } { $time } double-books with { $with }
ics-stays-loose = line { $line }: { $summary } came in before as a booking per occurrence, and stays so (a series beside them would double them)
ics-not-a-series = line { $line }: { $summary } repeats as RRULE { $rule }, which a series cannot hold ({ $why }): imported as single bookings
ics-series-no-rule = no RRULE
ics-series-no-start = no start
ics-series-unknown-zone = its zone is not known
ics-series-all-day = an all-day event has no start time
ics-series-seconds = it starts at a second past the minute
ics-series-end-not-a-time = its end is not a time
ics-series-duration-too-long = its duration is longer than a calendar holds
ics-series-no-end = it has no end time
ics-series-length = a visit lasts whole minutes, from 1 minute to 24 hours
ics-series-holidays = { $field } { $value } is not skip or move
ics-series-pause-date = { $field }: { $value } is not a date (YYYY-MM-DD)
ics-series-pause-range = { $field }: { $value } is not FROM/TO
ics-series-dates = { $detail }
ics-series-drifts = its dates do not keep one local time in { $zone } the way a series does

## Why an import could not read its file at all, and where one stopped midway; the system's or the reader's own words last
import-file = { $file }: { $what }
import-file-not-found = cannot read it: { $detail }
import-file-denied = cannot read it: { $detail }
import-file-is-a-folder = cannot read it: { $detail }
import-file-cannot-read = cannot read it: { $detail }
import-file-no-such-cleaner = --staff { $name } is not a cleaner (known: { $known })
import-file-no-cleaners = --staff { $name } is not a cleaner (known: none yet: add them with `renos staff add`)
import-file-stopped-at = line { $line }: { $detail }
import-file-stopped = { $detail }
import-file-stopped-writing = { $line ->
    [0] { $detail }
   *[other] line { $line }: { $detail }
}
import-stopped-events = the events on lines { $first }–{ $last } were not imported: { $why }. The events before them are imported; run the import again to finish (events already imported are recognised by their UID)
import-stopped-overrides = the changed occurrences of recurring events were not all imported: { $why }. Run the import again to finish (events already imported are recognised by their UID)
import-stopped-records = lines { $first }–{ $last } were not imported: { $why }. The lines before them are imported; run the import again to finish (records already imported are recognised as duplicates)
io-not-found = { $detail }
io-denied = { $detail }
io-is-a-folder = { $detail }
io-exists = { $detail }
io-full = { $detail }
io-other = { $detail }

## Why the store refused or failed (the commands and the console); SQLite's and the store's own detail last
store-missing = no database at { $path }: run `renos demo` to try the demo, or `renos staff add` to start one
store-too-new = the database is schema version { $have }, newer than this renos knows ({ $known }): update renos
store-not-found = { $entity } #{ $id } does not exist (it may have been removed)
store-stale = { $entity } #{ $id } was changed by { $by } at { $at } since you loaded it; look again and retry
store-sql = database error: { $detail }
store-corrupt = stored data is damaged: { $detail }
refusal-clash-needs-reason = accepting a clash needs a reason for the journal
refusal-cancel-needs-reason = a cancellation needs a reason (e.g. "kunden aflyste")
refusal-cancelled = booking #{ $id } is cancelled: undo the cancellation (u) or create a new booking
refusal-already-cancelled = booking #{ $id } is already cancelled
refusal-finished = booking #{ $id } is finished; a finished job cannot be cancelled
refusal-not-for-review = booking #{ $id } is not waiting for review
refusal-nothing-to-reassign = there is no job to reassign
refusal-not-reassignable = booking #{ $id } is { $status }: only a job not yet started is reassigned
refusal-not-a-visit = scope: booking #{ $id } is not a visit of a series; use --scope this
refusal-visit-not-scheduled = booking #{ $id } is { $status }: only scheduled visits change with their series; use --scope this
refusal-pause-backwards = to: the pause ends ({ $to }) before it starts ({ $from })
refusal-not-paused = series #{ $id } is not paused
refusal-ends-before-start = after: series #{ $id } starts on { $first }; cancel its visits instead
refusal-note-empty = the note is empty
refusal-not-finished-to-invoice = booking #{ $id } is not finished: only finished jobs are invoiced
refusal-already-invoiced = booking #{ $id } is already invoiced ({ $on }, asked for by { $by })
refusal-invoiced-on = { $kind ->
    [monthly-numbered] on monthly invoice { $number } for { $month }
    [monthly] on the monthly invoice for { $month }, { $stage }
    [numbered] invoice { $number }
   *[single] invoice is { $stage }
}
refusal-invoice-approved = { $numbered ->
    [yes] invoice { $number }
   *[no] the invoice
}{ $booking ->
    [0] {""}
   *[other] {" "}of booking #{ $booking }
} is already approved
refusal-staff-still-booked = { $name } still has { $n } upcoming or running job(s); reassign or cancel them first
refusal-own-rule-cannot-move = a series with its own RRULE cannot move to another weekday: end it and book a new one
entry-customer-name-missing = a customer needs a name
entry-cleaner-name-missing = a cleaner needs a name
entry-cleaner-name-too-long = { $name } is too long for a name (40 characters at most)
entry-cleaner-name-taken = there is already a cleaner called { $name }
entry-cleaner-phone = phone: { $why }
entry-token-name-missing = a token needs a name (letters, digits, spaces), e.g. "maja-phone"
entry-token-staff = a cleaner's token names the cleaner (--staff NAME), and only a cleaner's does
entry-token-name-taken = there is already a token called { $name }; pick another name
entry-no-such-token = there is no token called { $name } (`renos token list` lists them)
entry-token-revoked = the token { $name } is already revoked
entry-hours-none = { $field }: must be more than 0 hours
shape-ends-before-start = a booking must end after it starts
shape-too-long = a booking can last at most { $max } hours
access-refused = { $login } is { $role ->
    [viewer] a viewer
    [dispatcher] a dispatcher
   *[admin] an admin
} here: { $what } needs the { $need } role
access-refused-from = { $login } is { $role ->
    [viewer] a viewer
    [dispatcher] a dispatcher
   *[admin] an admin
} here: { $what } needs the { $need } role ([roles] in { $path })
access-what-bookings = changing bookings
access-what-customers = changing customers
access-what-imports = importing
access-what-sync = syncing the calendars
access-what-alerts = calls and SMS
access-what-deliveries = delivering to the providers
access-what-staff = changing staff
access-what-billing = invoicing
access-what-tokens = managing API tokens
store-open-folder = cannot create folder { $path }: { $why }
store-open-file = cannot create { $path }: { $why }
store-open-unreachable = cannot open the database { $path }: { $why }
store-not-a-database = { $path } is not a RenOS database (or it is damaged): check --db (or `database` in the config), or restore a backup
store-clash = { $staff } is already booked { $start }–{ $end } at { $customer } (#{ $id }, saved by { $by } at { $at }); pick another time or cleaner, or save with an override reason
store-write = writing the export failed: { $detail }
store-no-such-cleaner = no cleaner called { $name }; `renos staff list` shows them
provider-not-set-up = { $provider } is not set up: set { $missing } (or [{ $section }] in the config)
cli-invoice-which = say which booking, or --customer and --month
store-no-sync-conflict = booking #{ $booking } has no sync conflict{ $series ->
    [yes] {" "}of its series
   *[no] {""}
} (it may have been settled already)
job-already-running = the job is already running
job-already-finished = the job is already finished
job-cancelled = the job is cancelled
job-not-started = the job has not been started yet: start it first
job-unassigned = the job has no cleaner: assign one first

## Why an RRULE was refused (the rule's own names as the standard writes them)
rrule-supported = supported: FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, WKST
rrule-no-value = RRULE part { $part } has no value (expected NAME=VALUE, e.g. FREQ=WEEKLY)
rrule-twice = RRULE has { $name } twice (expected it once)
rrule-freq-not-supported = RRULE FREQ={ $freq } is not supported (supported: DAILY, WEEKLY, MONTHLY, YEARLY)
rrule-not-a-freq = RRULE FREQ={ $value } is not a frequency (expected DAILY, WEEKLY, MONTHLY or YEARLY)
rrule-interval = RRULE INTERVAL={ $value } is not a positive whole number
rrule-count = RRULE COUNT={ $value } is not a whole number
rrule-until = RRULE UNTIL={ $value } is not a date (expected 20261231 or 20261231T230000Z)
rrule-by-day = BYDAY value { $item } is not a weekday (expected e.g. MO, 1MO or -1FR)
rrule-by-day-ordinal = BYDAY value { $item }: the ordinal must be 1 to 53 or -53 to -1
rrule-out-of-range = { $part } value { $item } is out of range (expected { $low } to { $high }{ $negative ->
    [yes] {" "}or -{ $high } to -{ $low }
   *[no] {""}
})
rrule-wkst = RRULE WKST={ $value } is not a weekday (expected MO, TU, ..., SU)
rrule-part-not-supported = RRULE part { $name } is not supported ({ rrule-supported })
rrule-part-unknown = RRULE part { $name } is unknown ({ rrule-supported })
rrule-no-freq = RRULE { $text } has no FREQ (expected e.g. FREQ=WEEKLY;BYDAY=MO)
rrule-ordinal-needs-monthly = RRULE BYDAY with an ordinal (like 1MO) needs FREQ=MONTHLY or FREQ=YEARLY
rrule-month-day-weekly = RRULE BYMONTHDAY cannot be used with FREQ=WEEKLY

## What went wrong in a sync run (`renos sync`, `renos status`, the status line); Google's own messages as given
sync-error-calendar = { $calendar }: { $error }
sync-error-checking = checking deleted events: { $error }
sync-error-write = { $series ->
    [yes] series
   *[no] booking
} #{ $id }: { $error }
google-full-sync = Google asks for a full sync (the sync token expired)
google-deleted = the event is already deleted in Google Calendar
google-duplicate = an event with this id already exists in Google Calendar
google-stale = the event was changed in Google Calendar meanwhile
google-not-found = not found in Google Calendar: { $what }
google-auth = Google refused the credentials: { $why }
google-rate-limited = Google Calendar is rate limiting us; trying again later
google-server = Google Calendar answered { $status }: { $message }
google-network = cannot reach Google Calendar: { $why }
google-bad-page-token = Google refused the page token; the listing starts again
google-read-only = Google Calendar allows only reading ({ $why }): share the calendar with the account as "Make changes to events"
google-refused = Google Calendar refused the request ({ $status } { $reason }): { $message }
loose-all-day = an all-day event has no start time
loose-second-past-minute = it starts at a second past the minute
loose-length = a visit lasts whole minutes, from 1 minute to 24 hours
loose-two-rrules = it has more than one RRULE
loose-unknown-line = { $line } is not a rule a series knows
loose-no-rrule = no RRULE
loose-local-time = its dates do not keep one local time in { $zone } the way a series does

# A cleaner's own calendar (CalDAV, Microsoft 365) in a sync run's errors.
sync-error-not-set-up = { $calendar }: not set up: { $why }
sync-error-removal = removing a moved job's old item: { $error }
provider-error-changed = the item was changed in the calendar meanwhile
provider-error-not-found = not found in the calendar: { $what }
provider-error-resync = the calendar asks for a full sync (the sync token is no longer valid)
provider-error-unauthorised = the calendar refused the credentials: { $why }
provider-error-unreachable = cannot reach the calendar: { $why }
provider-error-bad-data = the calendar sent something that cannot be read: { $why }
provider-error-refused = the calendar refused the request ({ $status }): { $message }
provider-error-too-many = the calendar holds more than { $limit } items, more than --max-events lets one run take in: nothing was taken in (run again with a larger --max-events or without it)
provider-error-gone = the event is already deleted in the calendar
provider-error-exists = an event with this id already exists in the calendar
provider-error-page-expired = the calendar refused the page token; the listing starts again
provider-error-rate-limited = the calendar is rate limiting us; trying again later
provider-error-server = the calendar answered { $status }: { $message }
provider-error-read-only = the calendar allows only reading: { $why }
provider-error-refused-reason = the calendar refused the request ({ $status } { $reason }): { $message }

## A settings file's faults (config, keymap, theme): file, line and field first.
config-field = { $file }: { $field }: { $why }
config-field-at = { $file }: line { $line }: { $field }: { $why }
config-end-before-start = { $file }: { $field } must be after { $start }
config-must-be-after = must be after { $start }
config-out-of-range = { $value } is out of range; use { $low } to { $high }
config-unit-milliseconds = milliseconds
config-unit-seconds = seconds
config-unit-minutes = minutes
config-unit-hours = hours
config-unit-days = days
config-unit-weeks = weeks
config-unit-requests = requests
config-unit-kib = KiB
config-note-unpaced = unpaced
config-note-area-gap = the gap within an area, conflicts.travel_gap_min
config-note-a-week = a week
config-not-a-time = { $text } is not a time; write it as HH:MM, e.g. 07:30
config-not-a-date = { $text } is not a date; write it as 2026-12-24
config-not-a-time-zone = unknown time zone { $text } (use an IANA name such as Europe/Copenhagen)
config-not-a-language = { $text } is not a language the console speaks; use "da" or "en"
config-not-a-grid = { $minutes } is not a grid; use 5 to 120 minutes that divide an hour (5, 10, 15, 20, 30) or whole hours (60, 120)
config-not-a-billing-unit = { $minutes } is not a billing unit; use 15 (quarter hour), 30 or 60 minutes
config-not-a-closing-day = { $text } is not a day the company can choose to close; use grundlovsdag, juleaftensdag or nytårsaftensdag (or give a date)
config-notice-leaves-nothing = { $days } days ahead leaves nothing after the minimum notice of { $minutes } minutes
config-rate-of = { $service }: { $detail }
config-rate = { $detail }
config-empty-role-name = an empty name; write a login ("anna") or a group ("@renos")
config-calendar = { $detail }
config-other = { $detail }
toml-too-deep = { $file }: line { $line }: brackets are nested more than { $max } deep (is a `]` or `{ "}" }` missing?)
toml-unreadable-at = { $file }: line { $line }, column { $column }: { $detail }
toml-unreadable = { $file }: { $detail }
config-unreadable = cannot read config file { $file }: { $why }
settings-too-large = the file is larger than { $mb } MB, the most a settings file may hold
settings-not-utf8 = the file is not UTF-8 text
