## Konsollens ord på dansk. Nøglerne er de samme som i en.ftl; en test
## ser efter, at begge filer har de samme nøgler og variable.

## Toplinjen og skærmen omkring dagsplanen

header-product = RenOS Dispatch
header-today = i dag
header-tomorrow = i morgen
header-yesterday = i går
header-days-away = { $days } dage
header-fixed-clock = fast ur
header-read-only = kun læsning
screen-too-small = Konsollen skal have mindst 40×12; gør terminalen større.
screen-loading = Henter…
welcome-title = Velkommen
welcome-no-cleaners = Ingen rengørere endnu.
welcome-add-cleaner = Tilføj en rengører: renos staff add "Anna Jensen" --hours "mon-fri 07:00-16:00"
welcome-demo = Prøv demoen:        renos demo
welcome-database = Database:           { $path }

## Statuslinjens tal

status-bookings = { $n } { $n ->
    [one] booking
   *[other] bookinger
}
status-clashes = { $n } { $n ->
    [one] dobbeltbooking
   *[other] dobbeltbookinger
}
status-running = { $n } i gang
status-over = { $n } over tid
status-late = { $n } forsinket
status-to-review = { $n } til gennemsyn
status-undo = { $key }: fortryd { $what } ({ $left } tilbage)

## Datoer og tidsrum

weekday = { $day ->
    [1] man
    [2] tir
    [3] ons
    [4] tor
    [5] fre
    [6] lør
   *[7] søn
}
weekday-long = { $day ->
    [1] mandag
    [2] tirsdag
    [3] onsdag
    [4] torsdag
    [5] fredag
    [6] lørdag
   *[7] søndag
}
month = { $month ->
    [1] jan
    [2] feb
    [3] mar
    [4] apr
    [5] maj
    [6] jun
    [7] jul
    [8] aug
    [9] sep
    [10] okt
    [11] nov
   *[12] dec
}
date-short = { $weekday } { $day }. { $month }
date-long = { $weekday } { $day }. { $month } { $year }
duration-min = { $m } min
duration-h = { $h } t
duration-h-min = { $h } t { $m } min

## Bundlinjen

footer-move = FLYT
footer-move-by = { $time } ({ $minutes } min)
footer-clash-why = Dobbeltbooking — hvorfor booke alligevel?

## Hjælpen

help-title = Taster (enhver tast lukker)
help-stale = Ændret af en anden imens:
help-series-visit = Et besøg i en serie:
help-mark-clash = dobbeltbooking
help-mark-warning = advarsel
help-mark-review = gennemsyn
help-mark-running = i gang
help-mark-done = færdig
help-mark-late = sen start
help-mark-unsynced = endnu ikke i Google Kalender
help-mark-sync-conflict = synkroniseringskonflikt: din eller Googles
help-mark-draft = fakturakladde
help-mark-unpaid = ubetalt
help-mark-overdue = forfalden
help-mark-paid = betalt
help-mark-call-refused = opkald afvist

## Dagsplanens handlinger: help-NAVN i hjælpen, footer-NAVN i bundlinjen

help-select-prev = rengørerens forrige opgave
help-select-next = rengørerens næste opgave
help-lane-up = rengøreren ovenover
help-lane-down = rengøreren nedenunder
help-new-booking = ny booking her
footer-new-booking = ny
help-edit-booking = ret bookingen
footer-edit-booking = ret
help-move-booking = flyt/giv videre (piletaster)
footer-move-booking = flyt
help-cancel-booking = aflys, med en grund
footer-cancel-booking = aflys
help-start-job = start opgaven nu
footer-start-job = start
help-finish-job = afslut igangværende opgave
footer-finish-job = færdig
help-undo = fortryd din ændring (5 min)
footer-undo = fortryd
help-journal = journal: hvem ændrede hvad
footer-journal = journal
help-review-queue = bookinger til gennemsyn
footer-review-queue = gennemse
help-sync = synkronisér med Google nu
footer-sync = synk
help-sync-conflicts = synkroniseringskonflikter
footer-sync-conflicts = synk-konflikter
help-invoice = fakturér / godkend kladde
footer-invoice = faktura
help-invoice-month = fakturér kundens måned
footer-invoice-month = måned
help-voice-alert = ring om bookingen
footer-voice-alert = ring
help-find-slots = find en ledig tid
help-time-earlier = tidsmarkør 15 min tidligere
help-time-later = tidsmarkør 15 min senere
help-sick-call = sygemelding: giv opgaver væk
help-time-cursor-off = skjul tidsmarkøren
help-prev-day = forrige dag
footer-prev-day = dag
help-next-day = næste dag
help-today = tilbage til i dag, nu
footer-today = i dag
help-scroll-earlier = vis tidligere timer
footer-scroll-earlier = rul
help-scroll-later = vis senere timer
help-zoom-in = færre timer, bredere
footer-zoom-in = zoom
help-zoom-out = flere timer, smallere
help-poll-payments = tjek betalinger i Billy
footer-poll-payments = betalinger
help-remind = SMS-påmindelser for i morgen
footer-remind = påmind
help-save = gem formular eller flytning
help-redo = gentag det fortrudte
help-cancel = luk uden at gemme
help-redraw = tegn skærmen igen
help-help = denne hjælp
footer-help = hjælp
help-quit = afslut
footer-quit = luk
help-none = (fjerner en tast)

## Hver tilstands taster (bundlinjer og hjælpelinjer)

keys-step = ±{ $step } min
keys-cleaner = rengører
keys-save = gem
keys-put-back = sæt tilbage
keys-next = næste
keys-back = tilbage
keys-close = luk
keys-field = felt
keys-close-without-saving = luk uden at gemme
keys-choose-customer = vælg kunde
keys-take = tag
keys-cancel = annullér
keys-keep-the-date = behold datoen
keys-use-the-weekday = brug ugedagen
keys-keep-both-review = behold begge (gennemsyn)
keys-ok = ok
keys-cancel-the-booking = aflys bookingen
keys-keep-it = behold den
keys-yes = ja
keys-no = nej
keys-scroll = rul
keys-this-booking-all = denne booking/alle
keys-only-the-selected-booking-all = kun den valgte booking / alle
keys-choose = vælg
keys-approve = godkend
keys-go-to = gå til
keys-go-to-it = gå til den
keys-keep-yours = behold din
keys-keep-google-s = behold Googles
keys-keep-both = behold begge
keys-take-theirs = tag deres
keys-overwrite = overskriv
keys-this-visit = dette besøg
keys-this-and-following = dette og de følgende
keys-all-visits = alle besøg
keys-slot = tid
keys-book-it = book den
keys-choose-a-slot = vælg en tid
keys-job = opgave
keys-take-leave = tag/lad være
keys-all = alle
keys-end = slut
keys-hand-over = overdrag
keys-period-ends = perioden slutter
keys-overwrite-with-yours = overskriv med din
keys-back-to-edit = tilbage til redigering
