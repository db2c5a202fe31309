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
help-series-visit = Serie:
help-mark-clash = dobbeltbooking
help-mark-warning = advarsel
help-mark-review = gennemsyn
help-mark-running = i gang
help-mark-done = færdig
help-mark-late = sen start
help-mark-unsynced = endnu ikke i kalenderen
help-mark-sync-conflict = synkroniseringskonflikt: din eller kalenderens
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
help-sync = synkronisér kalenderne nu
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
help-find = søg kunder, #, noter
help-staff = rengørere: tider, fri
help-customer-screen = kunden: historik, ret
help-details-more = detaljernes næste del
help-message-log = beskedlog: alt i fuld længde
help-go-to-date = gå til en dato (mandag, +7)
help-week-board = ugeoversigt: alle rengørere
help-cleaner-week = rengørerens uge, dag for dag
help-more = { $key } mere ↓ { $page }/{ $pages }
help-first = { $key } tilbage til første side { $page }/{ $pages }
help-time-cursor = flyt tidsmarkøren 15 min
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
help-remind = sms-påmindelser for i morgen
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
keys-choose-or-rrule = vælg, eller skriv en RRULE
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
keys-keep-google-s = behold kalenderens
keys-keep-both = behold begge
keys-take-theirs = tag deres
keys-overwrite = overskriv
keys-this-visit = dette besøg
keys-this-and-following = dette og følgende
keys-all-visits = alle besøg
keys-slot = tid
keys-book-it = book den
keys-choose-a-slot = vælg en tid
keys-job = opgave
keys-take-leave = tag/lad være
keys-all = alle
keys-end = slut
keys-hand-over = overdrag
keys-period-ends = slutdato
keys-overwrite-with-yours = overskriv med din
keys-back-to-edit = tilbage til redigering
keys-day = dag
keys-week = uge
keys-open-day = åbn dagen
keys-cleaner-s-week = rengørerens uge
not-loaded-week = kunne ikke hente ugen fra { $date }: { $error }
keys-new = ny
keys-new-customer = ny kunde
keys-edit-add = ret/tilføj
keys-remove = fjern
keys-leave-as-it-was = lad det være
keys-page = side
keys-newest-oldest = nyeste/ældste
keys-back-nothing-changed = tilbage, intet ændret
keys-back-without-saving = tilbage uden at gemme
keys-use-them = brug dem
keys-create-anyway = opret alligevel
keys-edit = ret
keys-edit-details = ret oplysninger

## Synkroniseringens nyheder (toplinje og statuslinje)

sync-not-set-up-status = Google: ikke sat op
sync-not-set-up = Google Kalender er ikke sat op: sæt GOOGLE_CLIENT_EMAIL og GOOGLE_PRIVATE_KEY (eller GOOGLE_KEY_FILE, eller [google] key_file i konfigurationen), og start konsollen igen
ago-now = lige nu
ago-min = for { $n } min siden
ago-h = for { $n } t siden
ago-days = for { $n } dage siden
sync-never = aldrig synkroniseret
sync-running = synkroniserer…
sync-offline = offline
sync-synced-ago = synkroniseret { $ago }
sync-synced = synkroniseret
sync-failed-ago = synk fejlede { $ago }
sync-failed = synk fejlede
sync-pending = { $n } venter
sync-refused = { $n } afvist
sync-conflicts = { $n } { $n ->
    [one] synk-konflikt
   *[other] synk-konflikter
}
sync-error-and-more = { $first } (og { $n } til)
sync-conflicts-wait = { $n } { $n ->
    [one] synkroniseringskonflikt venter
   *[other] synkroniseringskonflikter venter
} — tryk C
sync-read = { $n } læst
sync-new = { $n } nye
sync-updated = { $n } opdateret
sync-cancelled = { $n } aflyst
sync-written = { $n } skrevet
sync-series-taken = { $n ->
    [one] 1 gentagen aftale fra Google er nu en serie
   *[other] { $n } gentagne aftaler fra Google er nu serier
}
sync-loose-series-one = "{ $summary }" gentages på en måde, som en serie ikke kan rumme ({ $why }): beholdt som enkelte bookinger
sync-loose-series-more = "{ $summary }" og { $n } andre gentages på måder, som en serie ikke kan rumme: beholdt som enkelte bookinger
sync-not-taken-one = "{ $summary }" gentages i { $cleaner }s kalender og er lavet i hånden: den tages ikke ind; læg den ind som serie her
sync-not-taken-more = "{ $summary }" og { $n } andre gentagne aftaler i rengørernes egne kalendere er lavet i hånden: de tages ikke ind; læg dem ind som serier her
sync-no-changes = ingen ændringer
sync-refused-by-google = { $n } { $n ->
    [one] ændring
   *[other] ændringer
} afvist af Google
sync-more-next-time = mere at læse næste gang
sync-done = Synkroniseret
sync-done-full = Synkroniseret (fuld)
sync-incomplete = Synkronisering ufuldstændig
sync-incomplete-full = Synkronisering ufuldstændig (fuld)
sync-cannot-connect = Kan ikke forbinde til Google Kalender: { $error }; tjek Google-indstillingerne
sync-cannot-open-db = Synkroniseringen kan ikke åbne databasen: { $error }
sync-cannot-start = Synkroniseringen kan ikke starte: { $error }
sync-panicked = Synkroniseringen stoppede på en intern fejl; den starter forfra næste gang (detaljer i loggen)
sync-run-failed = Synkronisering fejlede: { $error }
sync-offline-long = { $pending ->
    [0] Offline: Google Kalender kan ikke nås; synkroniseringen prøver igen af sig selv
    [one] Offline: Google Kalender kan ikke nås; 1 ændring venter og sendes, når den svarer
   *[other] Offline: Google Kalender kan ikke nås; { $pending } ændringer venter og sendes, når den svarer
}

## En baggrundstjeneste, der stoppede

service-could-not-start = { $what } kunne ikke starte: { $error }
service-panicked = { $what } stoppede på en intern fejl; genstart konsollen (detaljer i loggen)
service-sync = Synkroniseringen i baggrunden
service-worker = Databasearbejderen
service-office = Fakturaer og advarsler
sync-status-unknown = synkroniseringens tilstand ukendt: { $error }

## Dagsplanen og panelerne under den

axis-cleaner = Rengører
lane-unassigned = Utildelt
lane-jobs = { $n } { $n ->
    [one] opgave
   *[other] opgaver
}
details-title = Booking
details-title-id = Booking #{ $id }
details-none-selected = Ingen booking valgt: brug pilene (eller hjkl) til at vælge en.
details-no-bookings = Ingen bookinger denne dag.
details-phone = tlf
details-planned = ({ $planned }) anslået { $estimate }
details-pending-sync = venter på synk
details-sync-conflict = synkroniseringskonflikt — tryk { $key }
details-due = forfalder { $date }
details-invoice-no = faktura { $no }
details-invoice-draft = fakturakladde
details-invoice = faktura
details-invoice-month = { $invoice } for { $month } ({ $visits } besøg)
details-review = venter på gennemsyn: { $why }
details-cancelled-why = aflyst: { $why }
details-history = Historik:
details-more = { $key } mere ↓ { $page }/{ $pages }
details-top = { $key } top ↑ { $pages }/{ $pages }
details-note = Note:
details-customer = Kunde:
status-running-since = i gang siden { $time }
status-over-by = { $over } over ({ $level })
status-done = færdig { $span } · arbejdet { $worked }
status-cancelled = aflyst
status-late-start = sen start: { $late } efter planlagt start
status-starts-in = planlagt · starter om { $in }
status-scheduled = planlagt
overtime-ok = ok
overtime-warning = advarsel
overtime-overtime = overtid
overtime-alert = alarm
running-late = forsinket { $cleaner } { $late } · { $customer }
running-none = Ingen opgaver i gang.
running-title = I gang { $n }
running-title-over = I gang { $n } · { $over } over tid

## Databasearbejderens svar

worker-started = Startede booking #{ $id } kl. { $time }
worker-finished = Afsluttede booking #{ $id } efter { $worked }
worker-cancelled = Aflyste booking #{ $id } ({ $why })
worker-approved = Godkendte booking #{ $id }
worker-undid = Fortrød { $what } af #{ $id }
worker-redid = Gentog { $what } af #{ $id }
worker-staff-changed = Ændrede { $field } for { $name }
worker-reassigned = { $n ->
    [one] Gav 1 opgave til en anden rengører
   *[other] Gav { $n } opgaver til andre rengørere (én fortryd tager dem alle tilbage)
}
settled-no-event = booking #{ $id } har ikke længere en begivenhed i kalenderen
settled-kept-mine = Beholdt din udgave af #{ $id }; den sendes til kalenderen
settled-kept-both = Beholdt begge: #{ $id } som du havde den, og #{ $copy } som kalenderen havde den (til gennemsyn)
settled-took-theirs = Tog kalenderens udgave af #{ $id }
saved-created = Oprettede booking #{ $id }: { $when }, { $cleaner }
saved-moved = Flyttede booking #{ $id }: { $when }, { $cleaner }
saved-reassigned = Gav booking #{ $id } videre: { $when }, { $cleaner }
saved-edited = Gemte booking #{ $id }: { $when }, { $cleaner }
saved-unassigned = utildelt
saved-for-review = { $saved } (venter på gennemsyn)
refused-stale-start = Ikke startet: { $what }
refused-stale-finish = Ikke afsluttet: { $what }
refused-stale-save = Ikke gemt: { $what }
refused-stale-cancel = Ikke aflyst: { $what }
refused-stale-approve = Ikke godkendt: { $what }
refused-stale-undo = Ikke fortrudt: { $what }
refused-stale-redo = Ikke gentaget: { $what }
refused-stale-resolve = Ikke afgjort: { $what }
refused-stale-staff = Ikke ændret: { $what }
refused-stale-add-customer = Kunden blev ikke oprettet: { $what }
refused-stale-edit-customer = Kunden blev ikke gemt: { $what }
refused-stale-sick-call = Ikke givet videre: { $what }
refused-start = Kunne ikke starte: { $error }
refused-finish = Kunne ikke afslutte: { $error }
refused-save = Ikke gemt: { $error }
refused-cancel = Kunne ikke aflyse: { $error }
refused-approve = Kunne ikke godkende: { $error }
refused-resolve = Kunne ikke afgøre synkroniseringskonflikten: { $error }
refused-staff = Rengøreren blev ikke ændret: { $error }
refused-add-customer = Kunden blev ikke oprettet: { $error }
refused-edit-customer = Kunden blev ikke gemt: { $error }
refused-sick-call = Ikke givet videre, intet ændret: { $error }
question-tell-new-cleaner = { $n ->
    [one] Skal kunden have en sms om, hvem der kommer nu?
   *[other] Skal de { $n } kunder have en sms om, hvem der kommer nu?
}
not-loaded-day = kunne ikke hente { $date }: { $error }
not-loaded-review = kunne ikke hente bookinger til gennemsyn: { $error }
not-loaded-sync-conflicts = kunne ikke hente synkroniseringskonflikterne: { $error }
not-loaded-customers = kunne ikke hente kunderne: { $error }
not-loaded-history = kunne ikke hente kundens historik: { $error }
not-loaded-customer-card = kunne ikke hente kunden: { $error }
not-loaded-journal = kunne ikke læse journalen: { $error }
change-unknown = ændring
change-add = oprettelse
change-edit = rettelse
change-move = flytning
change-reassign = overdragelse
change-cancel = aflysning
change-start = start
change-finish = afslutning
change-approve = godkendelse
change-sync = kalenderændring
change-import = import
change-import-update = importopdatering
change-undo = fortrydelse
change-redo = gentagelse
change-remove = fjernelse
change-series = serieændring

## En andens ændring, fundet ved gem

did-move = flyttede #{ $id }
did-reassign = gav #{ $id } videre
did-cancel = aflyste #{ $id }
did-start = startede #{ $id }
did-finish = afsluttede #{ $id }
did-approve = godkendte #{ $id }
did-undo = fortrød en ændring af #{ $id }
did-redo = gentog en ændring af #{ $id }
did-sync = bragte en kalenderændring til #{ $id }
did-import = importerede #{ $id }
did-add = oprettede #{ $id }
did-remove = fjernede #{ $id } fra dens serie
did-series = ændrede serien for #{ $id }
did-edit = ændrede #{ $id }
stale-headline-at = { $who } { $what } kl. { $time }
stale-headline = { $who } { $what }
field-customer = Kunde
field-cleaner = Rengører
field-service = Ydelse
field-start = Start
field-end = Slut
field-estimate = Anslået
field-address = Adresse
field-notes = Noter
field-review = Gennemsyn
field-status = Status
booking-running = i gang
booking-done = færdig
value-customer-id = kunde #{ $id }
value-cleaner-id = rengører #{ $id }
value-empty = (tom)

## Serier og deres besøg

scope-this = Dette besøg
scope-following = Dette og de følgende
scope-all = Alle besøg
scope-this-lower = dette besøg
scope-following-lower = dette og de følgende
scope-all-lower = alle besøg
series-created = Oprettede serie #{ $id }: { $n } besøg
series-created-from = { $created } fra { $first }
series-created-review = { $created } ({ $n } venter på gennemsyn)
scoped-moved-of = Flyttede { $n } besøg i serie #{ $id } ({ $scope })
scoped-moved = Flyttede { $n } besøg ({ $scope })
scoped-reassigned-of = Gav { $n } besøg i serie #{ $id } videre ({ $scope })
scoped-reassigned = Gav { $n } besøg videre ({ $scope })
scoped-cancelled-of = Aflyste { $n } besøg i serie #{ $id } ({ $scope })
scoped-cancelled = Aflyste { $n } besøg ({ $scope })
series-undid = Fortrød { $what } af { $n } besøg i serie #{ $id }
series-redid = Gentog { $what } af { $n } besøg i serie #{ $id }
next-moved = { $date } (flyttet til { $to }: { $why })
next-skipped = sprunget over: { $date } { $why }
next-paused = på pause: { $date }
series-line = Serie #{ $id }: { $rule }
series-paused = , på pause { $from }–{ $to }
series-this-visit = {" "}· dette besøg { $exception }

## Bookingformularen

form-title-new = Ny booking
form-title-edit = Ret booking #{ $id }
form-customer = Kunde
form-cleaner = Rengører
form-service = Ydelse
form-date = Dato
form-start = Start
form-duration = Varighed
form-end = Slut
form-estimate = Anslået
form-repeats = Gentages
form-ends = Slutter
form-address = Adresse
form-notes = Noter
form-loading-customers = henter kunder…
form-type-customer = skriv lidt af et navn, en adresse eller et telefonnummer
form-no-customer = ingen kunde '{ $name }' — { $key } ny
form-pick-customer = { $pick } vælg, { $take } tag den
form-pick-a-customer = vælg en kunde
form-no-service = en booking skal have en ydelse
form-date-kept = { $mismatch } (beholdt: til gennemsyn)
form-date-words = { $weekday } { $date }
form-next-day = dagen efter
form-ends-before-start = slutter før den starter; over midnat: sæt varigheden
form-estimate-from = fra { $n } besøg
form-repeats-own = enkeltstående booking
form-repeats-hint = ugentlig/hver 2. uge/månedlig
form-holidays-move = ; helligdage flyttes
form-ends-open = aldrig: indtil den afsluttes
form-ends-count = efter { $n } besøg
# Bunden på feltet Slutter; keys: gem og luk.
form-ends-keys = skriv aldrig, efter 6 gange eller til 2/3 · { $keys }
# Hvad tasterne på feltet Gentages skriver: ord som gentagelsen læses ud fra.
form-preset-none = ingen
form-preset-weekly = ugentlig
form-preset-weeks = hver { $n }. uge
form-preset-monthly = månedlig, { $nth ->
    [1] 1.
    [2] 2.
    [3] 3.
    [4] 4.
   *[last] sidste
} { $weekday }
form-ends-until = til { $date }
form-next = Næste:
form-checking = Tjekker dagens bookinger…
form-goes-to-review = Til gennemsyn (sikkerhed { $confidence }): { $why }
form-note = Note: { $why }
form-no-clashes = Ingen dobbeltbookinger.
form-customer-memory = Historik: { $summary }
form-book-anyway = Dobbeltbooking — book alligevel? Grund:
form-saving = Gemmer…
date-mismatch = { $date } er { $is }, ikke { $named }

## Lister og spørgsmål over dagsplanen

confirm-title = Bekræft
journal-title = Journal
journal-title-booking = Journal: booking #{ $id }
journal-reading = Læser journalen…
journal-empty = Intet registreret endnu.
journal-why = hvorfor: { $why }
review-title = Til gennemsyn: { $n } venter
scope-title = Besøg i serie #{ $id }
scope-edit-which = { $name }, { $when }. Hvilke besøg skal rettes?
scope-move-which = { $name }, { $when }. Hvilke besøg skal flyttes?
scope-cancel-which = { $name }, { $when }. Hvilke besøg skal aflyses?

## En konsol, der kun læser

read-only-viewer = { $login } er læser: kun læsning; ændringer kræver rollen dispatcher
read-only-viewer-from = { $login } er læser: kun læsning; ændringer kræver rollen dispatcher ([roles] i { $path })
read-only-file = Kun læsning: denne bruger kan ikke skrive i { $db }
read-only-folder = Kun læsning: denne bruger kan ikke skrive i mappen med { $db }
read-only-opened = Kun læsning: SQLite åbnede { $db } skrivebeskyttet

## Ugeoversigten og en rengørers uge

week-no-lane = Vælg først en rengørers bane (↑↓).
week-loading = Henter ugen…
week-title = Uge { $week } · { $from }–{ $to } { $year }
week-cleaners-shown = rengørere { $first }–{ $last } af { $all }
week-more-days = { $left } flere dage { $right }
week-hours-of = { $booked }/{ $of } t
lane-more = +{ $n } mere
week-more-jobs = +{ $n } flere
week-jobs = { $n ->
    [one] 1 opgave
   *[other] { $n } opgaver
}
week-day-off = fri
week-no-jobs = Ingen opgaver denne uge.
week-day-jobs = { $day } · { $n ->
    [0] ingen opgaver
    [one] 1 opgave
   *[other] { $n } opgaver
}
week-day-none-off = { $day } · ingen opgaver, fridag
week-day-booked-off = { $day } · { $n ->
    [one] 1 opgave
   *[other] { $n } opgaver
} · { $booked } booket, fridag
week-day-booked-of = { $day } · { $n ->
    [one] 1 opgave
   *[other] { $n } opgaver
} · { $booked } af { $of }
week-no-address = (ingen adresse)
week-booked-of-contract = { $booked } t booket af { $of } t på kontrakt
week-booked-of-hours = { $booked } t booket af { $of } t i arbejdstiden
week-scroll-up = ↑ mere
week-scroll-down = ↓ mere

## Rengørerskærmen

staff-title = Rengørere
staff-read-failed = ✗ kunne ikke læse rengørerne: { $error }
staff-none-yet = Ingen rengørere endnu. Tilføj en: renos staff add "Anna Jensen"
staff-field-day = arbejdstid { $day }
staff-field-skills = ydelser
staff-field-area = område
staff-field-contract = kontrakttimer
staff-field-daily-max = højst timer om dagen
staff-field-priority = prioritet
staff-field-overrides = særlige dage
staff-field-time-off = fri
staff-example-day = f.eks. 08:00-12:00,12:30-16:00 (pause imellem) eller fri
staff-example-skills = ydelser adskilt af komma; tom: alle ydelser
staff-example-area = postnumre, f.eks. 2100,2200-2450; tom: overalt
staff-example-contract = timer om ugen, f.eks. 30 eller 37,5; ingen: ingen kontrakt
staff-example-daily-max = højst timer om dagen, f.eks. 8; ingen: ingen grænse
staff-example-priority = et helt tal; højere kommer først
staff-example-override = f.eks. 24/12 lukket eller 27/12..30/12 09:00-13:00
staff-example-time-off = f.eks. 24/12 eller 24/12..26/12:ferie
staff-word-off = fri
staff-word-none = ingen
staff-word-closed = lukket
staff-label-day = { $day ->
    [1] Mandag
    [2] Tirsdag
    [3] Onsdag
    [4] Torsdag
    [5] Fredag
    [6] Lørdag
   *[7] Søndag
}
staff-label-skills = Ydelser
staff-label-area = Område
staff-label-contract = Kontrakt
staff-label-daily-max = Højst/dag
staff-label-priority = Prioritet
staff-label-overrides = Særlige dage
staff-label-time-off = Fri
staff-every-service = alle ydelser
staff-everywhere = overalt
staff-none = ingen
staff-contract-hours = { $h } t om ugen
staff-daily-max-hours = højst { $h } t om dagen
staff-add-override = + tilføj en særlig dag
staff-add-time-off = + tilføj fri
staff-week-over = Uge { $week }: { $booked } af { $of } t booket, { $over } t over kontrakten
staff-week-booked = Uge { $week }: { $booked } af { $of } t booket
staff-week-no-contract = Uge { $week }: { $booked } t booket, ingen kontrakt ({ $working } arbejdstimer)
staff-day-booked = { $h } t booket
staff-remove-only = En linje fjernes med { $key } og rettes ikke; tilføj en ny nedenfor.
staff-nothing-to-remove = Kun en særlig dag eller en periode med fri kan fjernes.
staff-nothing-to-put-back = Ingen ændring her at lægge tilbage. (u i dagsplanen fortryder kun ændringer i bookinger.)

## Kundeskærmen og kontaktformularen

customer-title = Kunde #{ $id }
customer-edit-title = Ret kunde #{ $id }
customer-new-title = Ny kunde
customer-label-name = Navn
customer-label-phone = Telefon
customer-label-email = E-mail
customer-label-address = Adresse
customer-label-notes = Noter
customer-required = skal udfyldes
customer-saving = Gemmer…
customer-unassigned = ikke tildelt
customer-cancelled = (aflyst)
customer-next = Kommende bookinger ({ $n })
customer-none-booked = ingen booket
customer-series = Serier ({ $n })
customer-no-series = ingen serier
customer-history = { $n ->
    [0] Historik
   *[other] Historik (seneste { $n })
}
customer-no-history = ingen bookinger endnu
customer-invoices = Fakturaer ({ $n })
customer-no-invoices = ingen
customer-scroll-more = ↓ mere
customer-scroll-top = ↑ top
customer-added = Kunden { $name } (#{ $id }) er oprettet.
customer-still-loading = Kunden hentes stadig.
customer-saved = Oplysningerne om { $name } er gemt.
customer-lookalike-email = Ligner { $name }{ $contact }, samme e-mail: brug kunden?
customer-lookalike-phone = Ligner { $name }{ $contact }, samme telefon: brug kunden?
customer-lookalike-name-address = Ligner { $name }{ $contact }, samme navn og adresse: brug kunden?
payment-state = { $state ->
    [pending] afventer
    [draft] kladde
    [unpaid] ubetalt
    [overdue] forfalden
    [paid] betalt
   *[voided] annulleret
}

## Beskedloggen, og hvor en liste står

log-title = Beskeder: { $n }, nyeste først
log-empty = Ingen beskeder endnu.
log-message-cut = beskeden er længere end skærmen
place-older-below = { $below } ældre nedenfor
place-newer-above = { $above } nyere ovenfor
place-newer-older = { $above } nyere ovenfor, { $below } ældre nedenfor
place-more-below = { $below } flere nedenfor
place-more-above = { $above } flere ovenfor
place-above-below = { $above } ovenfor, { $below } nedenfor

## Søgningen og spørgsmålet om dato

search-title = Søg
search-label = Find
search-cancelled = aflyst
search-customer-id = kunde #{ $id }
search-not-loaded = ✗ bookinger ikke hentet
search-next-waiting = næste …
search-no-bookings = ingen bookinger
search-next = næste { $when }
search-last = sidste { $when }
search-nothing-ahead = intet forude
search-notes = noter: { $notes }
search-nothing-to-go-to = ✗ { $name } har ingen bookinger at gå til.
search-what-to-type = Skriv et navn, en adresse, et telefonnummer, et bookingnummer (#47) eller ord fra noterne.
search-loading-customers = Henter kunderne…
search-looking = Søger…
search-nothing-found = Intet fundet.
search-found-number = bookingen med det nummer
search-found-customers = { $n ->
    [one] 1 kunde
   *[other] { $n } kunder
}
search-found-notes = { $n ->
    [one] 1 booking via noterne
   *[other] { $n } bookinger via noterne
}
goto-question = Gå til:
goto-example = en dato: mandag, 20/1, +7, i morgen
goto-today = i dag
goto-tomorrow = i morgen
goto-yesterday = i går
goto-in-days = om { $n } dage
goto-days-ago = for { $n } dage siden

## Journalen i sætninger (konsollens `L` og `renos journal`)

journal-yes = ja
journal-no = nej
journal-unassigned = ikke tildelt
journal-cleaner-id = rengører #{ $id }
journal-customer-id = kunde #{ $id }
journal-field = { $field ->
    [customer] kunden
    [cleaner] rengøreren
    [service] ydelsen
    [start] starten
    [end] slutningen
    [estimate] den anslåede tid
    [status] status
    [started] starttidspunktet
    [finished] sluttidspunktet
    [address] adressen
    [notes] noterne
    [review] gennemsynet
    [cancel-reason] grunden til aflysningen
    [contract] kontrakttimerne
    [daily-max] det højeste antal timer om dagen
    [overrides] de særlige dage
    [week] arbejdstiden
    [hours] arbejdstiden
    [skills] ydelserne
    [area] området
    [priority] prioriteten
    [time-off] fridagene
    [name] navnet
    [phone] telefonnummeret
    [email] e-mailadressen
    [colour] farven
   *[amount] beløbet
}
journal-clause-set = { $name } sat til { $value }
journal-clause-cleared = { $name } slettet (var { $was })
journal-clause-changed = { $name } fra { $from } til { $to }
journal-and = { $first } og { $last }
journal-moved-on-day = { $day } fra { $from } til { $to }
journal-moved-from-to = fra { $from } til { $to }
journal-at = kl. { $time }
journal-booked = { $who } bookede { $what }: { $summary }
journal-booked-visit = { $who } bookede { $what } som besøg i serien: { $summary }
journal-imported = { $who } importerede { $what }: { $summary }
journal-import-updated = { $who } opdaterede { $what } fra en import
journal-moved = { $who } flyttede { $what } { $moved }
journal-end-moved = { $who } lod { $what } slutte { $to } i stedet for { $from }
journal-moved-plain = { $who } flyttede { $what }
journal-and-gave = og gav den til { $cleaner }
journal-gave = { $who } gav { $what } til { $to } (var { $from })
journal-reassigned = { $who } gav { $what } til en anden rengører
journal-changed = { $who } ændrede { $what }
journal-cancelled = { $who } aflyste { $what }
journal-started = { $who } startede { $what }
journal-finished = { $who } afsluttede { $what }
journal-approved = { $who } godkendte { $what } efter gennemsyn
journal-took-google = { $who } tog kalenderens udgave af { $what }
journal-took-google-fields = { $who } ændrede { $fields } for { $what }: { $details }
journal-made-there = { $who } oprettede { $what }: { $summary }
journal-undid-booking = { $who } fortrød bookingen af { $what }
journal-undid-removal = { $who } fortrød fjernelsen af { $what }: { $summary }
journal-undid-change = { $who } fortrød en ændring af { $what }
journal-redid-removal = { $who } gentog fjernelsen af { $what }
journal-redid-booking = { $who } gentog bookingen af { $what }: { $summary }
journal-redid-change = { $who } gentog en ændring af { $what }
journal-removed-visit = { $who } fjernede besøget { $what } fra serien
journal-series-changed = { $who } ændrede serien for { $what }
journal-invoice-verb = { $step ->
    [request] bad Billy om fakturaen for
    [claim] tog sig af fakturaen for
    [create] fakturerede
    [approve] godkendte fakturaen for
    [email] mailede fakturaen for
    [paid] noterede fakturaen som betalt for
    [voided] noterede fakturaen som annulleret for
    [found] fandt fakturaen i Billy for
    [update] opdaterede fakturaen for
   *[reissue] udstedte fakturaen igen for
}
journal-alert-verb = { $step ->
    [raise] slog alarm for
    [sent] sendte alarmen for
    [failed] kunne ikke sende alarmen for
    [not_reached] nåede ingen med alarmen for
   *[found] fandt alarmen hos Twilio for
}
journal-alert-to = til { $to }
journal-entity = { $entity ->
    [staff] rengører
    [customer] kunde
    [series] serie
    [booking] booking
    [alert] alarmen for booking
    [invoice] fakturaen for booking
   *[other] { $entity }
}
journal-refused = { $who } blev afvist: { $reason }
journal-added-named = { $who } tilføjede { $thing } { $name }
journal-added = { $who } tilføjede { $thing }
journal-added-with = { $who } tilføjede { $thing }: { $made }
journal-removed = { $who } fjernede { $thing }
journal-verb-of = { $who }: { $verb } af { $thing }
journal-changed-thing = { $who } ændrede { $thing } ({ $verb }): { $details }
journal-action = { $verb ->
    [set] ændring
    [availability] arbejdstider
    [edit] ændring
   *[other] { $verb }
}
journal-sentence-why = { $head } (hvorfor: { $reason })

## Tidsfinderen og sygemeldingen (også `renos slots`, `renos reassign`)

slots-load = { $booked } t booket denne uge
slots-load-of = { $booked } af { $of } t booket denne uge
slots-load-of-working = { $booked } af { $of } arbejdstimer booket denne uge
slots-usual-cleaner = fast rengører
slots-priority = prioritet { $n }
slots-not-booked-yet = ikke booket endnu
slots-asked-for = valgt
slots-left-out-skill = udfører ikke denne ydelse
slots-left-out-area = dækker ikke dette område
slots-left-out-no-time = ingen ledig tid i disse dage
slots-left-out-not-asked = ikke valgt
slots-replacement = { $load } med denne opgave
slots-replacement-usual = kundens faste rengører, { $load } med denne opgave
slots-replacement-known = har været hos kunden, { $load } med denne opgave
finder-title = Find en ledig tid
finder-label-duration = Varighed
finder-label-service = Ydelse
finder-label-customer = Kunde
finder-label-days = Dage
finder-duration-example = hvor længe, f.eks. 3 eller 2:30
finder-any-service = alle ydelser
finder-usual-first = → den faste rengører først
finder-customer-optional = valgfri: skriv for at søge
finder-no-customer = ✗ ingen sådan kunde
finder-choose-below = vælg nedenfor
finder-from = fra { $from }
finder-customers = Kunder
finder-type-duration = Skriv en varighed for at se de ledige tider.
finder-days-range = dage: et antal fra 1 til { $max }
finder-no-slot = Ingen ledig tid i disse dage: prøv flere dage eller en anden ydelse.
finder-new-customer-best = { $customer } har ingen besøg endnu: på skift. De { $n } bedste ledige tider
finder-new-customer-slots = { $customer } har ingen besøg endnu: på skift. { $n } ledige tider, bedste først
finder-best = De { $n } bedste ledige tider, bedste først
finder-slots = { $n } ledige tider, bedste først
sick-title = Sygemelding: { $name }
sick-head = Opgaver fra { $from } til { $to } og hvem der tager dem:
sick-nobody-free = ingen ledig
sick-stays = bliver hos den syge rengører
sick-no-jobs = Ingen opgaver i disse dage.
sick-taken = { $taken } af { $total } opgaver at give videre

## Køen af synkroniseringskonflikter

conflicts-title = Synkroniseringskonflikter: { $n } venter
conflicts-yours = Din:
conflicts-theirs = { $calendar ->
    [caldav] CalDAV:
    [microsoft365] Microsoft 365:
   *[google] Google:
}
conflicts-cancelled-here = aflyst her
conflicts-deleted = slettet
conflicts-no-place = (intet sted)
conflicts-no-note = (ingen note)
conflicts-field = { $field ->
    [start] start
    [end] slut
    [cleaner] rengører
    [place] sted
    [rule] gentagelse
    [series-end] seriens slutdato
   *[notes] noter
}
conflicts-both-changed = ændret begge steder: { $fields }
conflicts-until = til { $date }
conflicts-visits = { $n } besøg
conflicts-open-ended = ingen slutdato
conflicts-of-series = dens serie: { $what }
conflicts-deleted-there = slettet i kalenderen, ændret her
conflicts-cancelled-here-edited = aflyst her, ændret i kalenderen

## Panelet for en booking, der er ændret i mellemtiden

stale-since-opened = { $headline }, siden du åbnede den.
stale-both-changed = ! ændret af jer begge ({ $n }): overskriv gemmer også din der.
stale-none-both = Intet er ændret af jer begge: overskriv beholder deres og tilføjer din.
stale-title = Booking #{ $id } er ændret i mellemtiden
stale-as-loaded = (som hentet)
stale-theirs-kept = deres beholdt
stale-yours-saved = din gemt
stale-the-same = det samme
stale-you-decide = du bestemmer
stale-theirs = deres
stale-yours = din

## Flyttetilstand, og en opgave afsluttet for tidligt

move-running-not-moved = Booking #{ $id } er ikke flyttet: en igangværende opgave beholder sine tider. { $cleaner } i flyttetilstand giver den til en anden rengører; { $finish } afslutter den nu.
job-finish-too-soon = Ikke afsluttet: opgaven har kørt under et minut, så 0 minutter ville blive registreret. { $undo } fortryder en start, der var en fejl.
move-not-moved = Booking #{ $id } er ikke flyttet.
move-cannot-move = Booking #{ $id } er { $status ->
    [completed] afsluttet
    [cancelled] aflyst
    [planned] planlagt
   *[in_progress] i gang
}; kun planlagte eller igangværende opgaver kan flyttes.
move-reason-needed = Skriv, hvorfor dobbeltbookingen er i orden, eller tryk { $back } for at gå tilbage.
move-left = Booking #{ $id } blev, hvor den var.
move-running-keeps-times = En igangværende opgave beholder sine tider; { $cleaner } giver den til en anden rengører.
move-running-needs-cleaner = En igangværende opgave skal have en rengører.

## Backofficens nyheder (Billy, Twilio)

month-long = { $month ->
    [1] januar
    [2] februar
    [3] marts
    [4] april
    [5] maj
    [6] juni
    [7] juli
    [8] august
    [9] september
    [10] oktober
    [11] november
   *[12] december
}
office-provider = { $finding ->
    [works] { $name } ✓
    [offline] { $name } offline
    [not_set_up] { $name }: ikke sat op
    [setting_missing] { $name }: indstilling mangler
    [bad_setting] { $name }: forkert indstilling
    [bad_key] { $name }: forkert nøgle
    [bad_sid] { $name }: forkert SID
    [bad_number] { $name }: forkert nummer
    [no_product] { $name }: intet produkt
    [key_refused] { $name }: nøgle afvist
    [error] { $name }: fejl
    [read_only] { $name }: kun læsning
    [write_unknown] { $name } ?
    [not_found] { $name }: ikke fundet
    [missing] { $name }: mangler
   *[refused] { $name }: afvist
}{ $failed ->
    [yes] {" "}virker ikke
   *[no] {""}
}
office-payments-checked = Betalinger tjekket: { $n ->
    [one] 1 faktura ubetalt
   *[other] { $n } fakturaer ubetalt
}
office-reminders-queued = Påmindelser: { $n } sms'er klar til morgendagens kunder
office-new-cleaner-told = { $n } sms'er klar: kunderne ved, hvem der kommer nu
office-no-database = Fakturaer og alarmer kan ikke åbne databasen: { $error }
office-invoice-failed = Faktura for booking #{ $booking }: Billy: { $error }
office-invoice-voided = Faktura { $number } for booking #{ $booking } blev { $how ->
    [credited] krediteret
   *[voided] annulleret
} i Billy: tryk I for at fakturere opgaven igen
office-monthly-failed = Månedsfaktura for { $customer } ({ $month }): Billy: { $error }
office-monthly-voided = Månedsfaktura { $number } for { $customer } ({ $month }) blev { $how ->
    [credited] krediteret
   *[voided] annulleret
} i Billy: kør renos invoice --customer igen for at fakturere måneden igen
office-invoice-paid = Faktura { $number } ({ $customer }) er betalt
office-payment-check-failed = Betalingstjek: Billy: { $error }
office-payment-check-of-failed = Betalingstjek af faktura { $number }: Billy: { $error }
office-alert = { $kind } for booking #{ $booking }: { $state }
office-alert-found = { $kind } for booking #{ $booking }: { $state } (sendt før; svaret gik tabt)
office-alert-waiting = { $kind }: venter på, at Twilio bekræfter { $channel ->
    [call] opkaldet
   *[sms] sms'en
} til { $to }
office-alert-refused = { $kind } til { $to } afvist af Twilio: { $error }
office-alert-retrying = { $kind } til { $to }: Twilio: { $error } (prøver igen)
office-alert-status-failed = Alarmstatus: Twilio: { $error }
office-status-of-failed = Status for { $sid }: Twilio: { $error }
office-invoice-no = faktura { $number }
office-draft-invoice = fakturakladde
office-invoice = faktura
office-monthly-invoice-for = månedlig { $what } for { $customer } ({ $month }, { $visits ->
    [one] 1 besøg
   *[other] { $visits } besøg
}): { $amount }
office-invoice-for = { $what } for { $customer }: { $amount }
office-state-being-created = ved at blive oprettet
office-state-not-created = ikke oprettet: { $error }
office-state-draft = kladde (tryk I for at godkende)
office-state-unpaid = ubetalt{ $due }
office-state-overdue = FORFALDEN{ $due }
office-state-paid = betalt
office-state-voided = annulleret i Billy (tryk I for at fakturere igen)
office-month-question = Fakturér { $customer } for { $month }: { $visits ->
    [one] 1 besøg
   *[other] { $visits } besøg
}, { $amount }?
office-month-nothing = Intet at fakturere for { $customer } i { $month }: { $invoiced ->
    [0] ingen afsluttede besøg
    [one] 1 besøg er allerede faktureret
   *[other] { $invoiced } besøg er allerede faktureret
}.
office-month-draft-question = Godkend fakturakladden for { $customer } i { $month } ({ $amount } inkl. moms)?
office-draft-question = Godkend fakturakladden for booking #{ $booking } ({ $amount } inkl. moms)?
office-month-counting = Tæller besøgene hos { $customer } i { $month }…

# The demo's first notice in the console.
demo-notice = F finder en ledig tid, X er en sygemelding, w viser ugen · Demo: { $staff } rengørere, { $customers } kunder, { $bookings } bookinger i { $path }

# The demo's API beside its console: the notice's part on the cleaners' page, and the file of its tokens' links.
demo-notice-phone = Telefonsiden for { $cleaner }: { $link } (tokenet åbner kun denne demodatabase; linkene står også i { $file })
demo-notice-no-api = telefonsiden kører ikke: { $error }
demo-links-title = RenOS Dispatch, demoen i { $db }: linkene til dens tokens.
demo-links-secret = Disse tokens åbner kun denne demodatabase, mens `renos demo` kører (eller `renos --db { $db } serve --http`); hold dem alligevel for dig selv.
demo-links-phone = Telefonsiden til { $cleaner } (token "{ $name }", en rengørers: kun egne opgaver):
demo-links-mcp = Assistenternes værktøjer til en MCP-klient (streamable HTTP; token "{ $name }", en disponents):
demo-links-mcp-example = For eksempel i en MCP-klients JSON-opsætning:
demo-calendar-outlook-failed = kan ikke lave demoens Microsoft 365-kalender i dens sandkasse
demo-notice-no-radicale = { $cleaner }s CalDAV-kalender er ikke med i denne demo: radicale er ikke installeret (apt-get install radicale)
demo-notice-radicale-failed = { $cleaner }s CalDAV-kalender er ikke med i denne demo: radicale startede ikke ({ $error })

## Command line: bookings, series, staff, slots, invoices, alerts

# renos book, move, cancel
cli-book-clash = { $clash } (--accept-clash BEGRUNDELSE)
cli-book-customer-none = --customer: ingen kunde hedder "{ $text }"; skriv navnet, som det står, eller #nummer
cli-book-customer-many = --customer: "{ $text }" passer på { $n } kunder: { $names }; angiv #nummer
cli-book-customer-id = { $name } (#{ $id })
cli-book-end-not-after = --end: { $end } ligger ikke efter --start
cli-book-duration-missing = --duration: angiv, hvor længe (f.eks. 2t), eller --end
cli-book-date-missing = --date: angiv (første) dato, f.eks. 20/1 eller mandag
cli-book-nobody = ingen
cli-book-line = #{ $id } { $date } { $start }–{ $end } { $cleaner }
cli-book-line-review = { $line }  (gennemsyn: { $why })
cli-book-booked = Booket { $line } hos { $customer }
cli-book-no-visits-yet = ingen besøg inden for horisonten endnu
cli-move-moved = Flyttet { $line }
cli-cancel-cancelled = Aflyst { $line }
cli-move-series-counts = { $scope ->
    [this] dette besøg
    [following] dette og de følgende besøg
   *[all] alle besøg
} i serie #{ $id }: { $changed } flere ændret, { $made } oprettet, { $removed } fjernet, { $review } til gennemsyn
cli-move-nothing = intet at ændre: angiv --date, --start, --staff eller --duration

# renos agenda
cli-agenda-heading = { $date } ({ $weekday }): { $bookings } { $bookings ->
    [one] booking
   *[other] bookinger
}, { $clashes } { $clashes ->
    [one] dobbeltbooking
   *[other] dobbeltbookinger
}
cli-agenda-status = { $status ->
    [scheduled] planlagt
    [in_progress] i gang
    [completed] færdig
    [cancelled] aflyst
   *[other] { $status }
}
cli-agenda-level = { $level ->
    [warning] advarsel
    [overtime] overtid
    [alert] alarm
   *[ok] ok
}
cli-agenda-over = { $level } +{ $min } min
cli-agenda-late-start = sen start { $min } min
cli-agenda-clash = { $kind ->
    [double_booking] dobbeltbooking
    [tight_gap] for kort pause
    [outside_hours] uden for arbejdstid
    [time_off] fri
   *[other] { $kind }
}
cli-agenda-clashes = Dobbeltbookinger

# renos journal
cli-journal-no-history = booking #{ $id } har ingen historik: tjek nummeret med `renos agenda`
cli-journal-empty = Journalen er tom.

# renos stats
cli-stats-customers = Kunder
cli-stats-customer-fields = med e-mail { $email } · telefon { $phone } · adresse { $address } · firma { $company } · bookinger { $bookings }
cli-stats-no-contact = { $n } uden e-mail eller telefon
cli-stats-bookings = Bookinger
cli-stats-booking-states = planlagt { $scheduled } · i gang { $running } · færdige { $completed } · aflyst { $cancelled }
cli-stats-booking-marks = ikke tildelt { $unassigned } · venter på gennemsyn { $review } · fra kalendere { $calendar }
cli-stats-earlier = Tidligere system: henvendelser { $leads } · bookinger { $bookings } · omsætning { $revenue } kr.
cli-stats-tags = Mærker
cli-stats-imports = Importer
cli-stats-imports-none = ingen endnu
cli-stats-latest-imports = Seneste importer
cli-stats-import-counts = oprettet { $created } · opdateret { $updated } · sprunget over { $skipped } · fejlet { $failed }
cli-stats-import-kind = { $kind ->
    [customers] kunder
    [ics] kalender
   *[other] { $kind }
}

# renos staff
cli-staff-hours = tider { $spec }
cli-staff-overrides = undtagelser { $spec }
cli-staff-every-service = alle ydelser
cli-staff-does = udfører { $skills }
cli-staff-everywhere = overalt
cli-staff-area = område { $spec }
cli-staff-contract = { $hours } t om ugen
cli-staff-daily-max = højst { $hours } t om dagen
cli-staff-priority = prioritet { $n }
cli-staff-off = fri { $days }
cli-staff-bad-colour = --colour: "{ $colour }" er ikke en farve; brug et navn (blue) eller #rrggbb
cli-staff-none = Ingen rengørere endnu. Tilføj en: renos staff add "Anna Jensen" --hours "mon-fri 07:00-16:00"
cli-staff-added = Tilføjet { $staff }
cli-staff-changed = Ændret { $staff }
cli-staff-removed = Fjernet { $name } (#{ $id }); rengørerens tidligere opgaver bliver i journalen

# renos series
cli-series-heading = Serie #{ $id } hos { $customer }: { $rule }
cli-series-paused = på pause { $from }–{ $to }
cli-series-visit-status = { $status ->
    [in_progress] i gang
    [completed] færdig
    [cancelled] aflyst
   *[other] { $status }
}
cli-series-exception = { $exception ->
    [moved] flyttet
    [reassigned] overdraget
    [edited] rettet
    [cancelled] aflyst
   *[other] { $exception }
}
cli-series-none = Ingen serier endnu. Book en: renos book --customer NAVN --staff NAVN --date 1/12 --start 9 --duration 2t --repeat "hver 2. uge"
cli-series-next = næste { $date } { $time }
cli-series-ended = afsluttet
cli-series-no-visit = intet besøg planlagt
cli-series-extended = { $visits } besøg oprettet for { $series } { $series ->
    [one] serie
   *[other] serier
} frem til { $horizon }; { $review } venter på gennemsyn

# renos slots, reassign
cli-slots-no-customer = --customer: ingen kunde passer på "{ $text }"
cli-slots-bad-grid = --grid: { $n } er ikke et trin; brug 5 til 120 minutter, der går op i en time (5, 10, 15, 20, 30), eller hele timer (60, 120)
cli-slots-bad-strategy = --strategy: { $text } er ikke en strategi (usual, round-robin, least-busy, priority)
cli-slots-out-of-range = { $option }: { $value } ligger ikke mellem { $min } og { $max }
cli-slots-strategy = { $strategy ->
    [usual] fast rengører først
    [round-robin] på skift
    [least-busy] mindst travle først
    [priority] efter prioritet
   *[one] én rengører
}
cli-slots-free-for = Ledige tider til { $duration } fra { $date } ({ $days } { $days ->
    [one] dag
   *[other] dage
}), { $strategy }:
cli-slots-no-history = { $customer } har ingen besøg endnu: på skift (den, der længst har ventet, først)
cli-slots-nobody-free = ingen er ledige til den i disse dage
cli-slots-more = { $slots } (+{ $more } flere)
cli-slots-not-offered = Ikke tilbudt: { $list }
cli-slots-left-out = { $name } ({ $why })
cli-reassign-bad-period = --to: perioden skal slutte på eller efter --from, inden for 60 dage
cli-reassign-jobs = Opgaver for { $name } { $from }..{ $to }: { $n ->
    [0] ingen skal flyttes
   *[other] { $n } skal flyttes
}
cli-reassign-customer-id = kunde #{ $id }
cli-reassign-nobody-free = ingen er ledige
cli-reassign-to = { $name } ({ $why })
cli-reassign-done = { $n ->
    [one] 1 opgave flyttet
   *[other] { $n } opgaver flyttet
} som én ændring; `u` i konsollen fortryder det inden for 5 minutter.
cli-reassign-dry = Intet ændret: tilføj --apply for at flytte dem.

# renos invoice, invoices
cli-invoice-quote = Fakturerer #{ $id } { $customer }: { $what } — { $sum }
cli-cannot-invoice = booking #{ $id } kan ikke faktureres: { $why }
invoice-month-description = { $service } { $month } { $year } ({ $visits } besøg)
invoice-month-visits = Besøg
cli-invoice-sum = { $hours } × { $rate } = { $net } + moms { $vat } = { $gross }
cli-invoices-none = { $open ->
    [yes] Ingen åbne fakturaer.
   *[no] Ingen fakturaer.
}
cli-invoices-booking = booking
cli-invoices-visits = besøg
cli-invoices-invoice = faktura
cli-invoices-customer = kunde
cli-invoices-gross = inkl. moms
cli-invoices-state = status
cli-invoices-due = forfald
cli-invoices-payment = { $state ->
    [pending] venter
    [draft] kladde
    [unpaid] ubetalt
    [overdue] forfalden
    [paid] betalt
   *[voided] annulleret
}
cli-invoice-month = Fakturerer { $customer } for { $month }: { $visits ->
    [one] 1 besøg
   *[other] { $visits } besøg
}, { $net } + moms { $vat } = { $gross }
cli-invoice-left-out = Udeladt:
cli-invoice-already = #{ $id } { $date }: allerede faktureret ({ $number })
cli-invoice-meanwhile = #{ $id } { $date }: faktureret imens af en anden kørsel ({ $number })
cli-invoice-not-billable = #{ $id } { $date }: ikke faktureret: { $why }
cli-invoice-month-none = Intet at fakturere for { $customer } i { $month }: ingen afsluttede besøg.
cli-invoice-month-done = Intet at fakturere for { $customer } i { $month }: alle afsluttede besøg er faktureret eller udeladt.
invoice-customer-none = ingen kunde passer på { $text }; tjek stavningen, eller skriv adressen
invoice-customer-several = { $text } passer på flere kunder: { $names }; sig hvilken med mere af navnet eller adressen

# renos alert, alerts, remind
cli-alerts-not-raised = Ikke sendt: { $why }
cli-alerts-none = Ingen alarmer.
cli-alerts-booking = booking #{ $id }
cli-remind-skipped = Ingen påmindelse til { $why }
cli-remind-none = Ingen bookinger i morgen med kundens telefonnummer.
cli-remind-state = { $sent ->
    [yes] sendt
   *[no] sendes
}
cli-remind-summary = { $delivered } { $delivered ->
    [one] påmindelse
   *[other] påmindelser
} leveret, { $underway } på vej, { $missed } IKKE leveret, { $before } sendt før.
cli-remind-check-later = `renos alerts --check` fortæller senere, hvordan det gik med dem, der er på vej.

# Where a call or an SMS stands (the console's panels and news, and renos alerts)
alert-twilio-status = { $status ->
    [queued] i kø
    [initiated] startet
    [ringing] ringer
    [in-progress] i gang
    [completed] gennemført
    [busy] optaget
    [failed] mislykkedes
    [no-answer] intet svar
    [canceled] annulleret
    [accepted] modtaget
    [scheduled] planlagt
    [sending] sendes
    [sent] sendt
    [delivered] leveret
    [undelivered] ikke leveret
    [read] læst
   *[other] { $status }
}
alert-state-missed = { $channel ->
    [voice] opkald til { $to } ikke besvaret
   *[sms] sms til { $to } IKKE LEVERET
}: { $status } ({ $sid })
alert-state-missed-error = { $channel ->
    [voice] opkald til { $to } ikke besvaret
   *[sms] sms til { $to } IKKE LEVERET
}: { $status }, { $error } ({ $sid })
alert-state-waiting = { $channel ->
    [voice] opkald
   *[sms] sms
} til { $to }: venter på at blive sendt
alert-state-retrying = { $channel ->
    [voice] opkald
   *[sms] sms
} til { $to }: prøver igen ({ $error })
alert-state-sent = { $channel ->
    [voice] opkald
   *[sms] sms
} til { $to }: { $status } ({ $sid })
alert-state-sent-plain = { $channel ->
    [voice] opkald
   *[sms] sms
} til { $to }: sendt ({ $sid })
alert-state-refused = { $channel ->
    [voice] opkald
   *[sms] sms
} til { $to } afvist: { $error }

# What u undoes next
undo-what-change = { $change } af #{ $id }
undo-what-series = ændring af serie #{ $id }
undo-what-series-change = serieændring
undo-what-several-jobs = overdragelse af flere opgaver
undo-nothing = Intet at fortryde: du har ikke ændret nogen booking endnu.
undo-too-old = Intet at fortryde: din seneste ændring ({ $what } kl. { $at }) er mere end { $minutes } minutter gammel.
redo-nothing = Intet at gentage.
redo-too-old = Intet at gentage: den seneste fortrydelse ({ $at }) er mere end { $minutes } minutter gammel.
undo-changed-by = Kan ikke { $revert ->
    [redo] gentage
   *[undo] fortryde
} { $what }: booking #{ $id } er ændret af { $who } kl. { $at } siden. Se den i journalen (L), og ret den i hånden.
undo-changed-by-you = Kan ikke { $revert ->
    [redo] gentage
   *[undo] fortryde
} { $what }: booking #{ $id } er ændret af dig (i en anden ændring) kl. { $at } siden. Se den i journalen (L), og ret den i hånden.
undo-changed = Kan ikke { $revert ->
    [redo] gentage
   *[undo] fortryde
} { $what }: booking #{ $id } er ændret siden. Se den i journalen (L), og ret den i hånden.
undo-gone = Kan ikke { $revert ->
    [redo] gentage
   *[undo] fortryde
} { $what }: booking #{ $id } findes ikke længere.
undo-would-clash = Kan ikke { $revert ->
    [redo] gentage
   *[undo] fortryde
} { $what }: det ville give en dobbeltbooking. { $clash }
undo-series-changed = Kan ikke { $revert ->
    [redo] gentage
   *[undo] fortryde
} { $what }: serie #{ $id } er ændret siden.
undo-series-has-visits = Kan ikke { $revert ->
    [redo] gentage
   *[undo] fortryde
} { $what }: serie #{ $id } har fået besøg siden.

## Domain values in words

# En kundes historik (formularen og detaljepanelet).
memory-new = ny kunde: ingen besøg endnu
memory-visits = { $n } besøg
memory-avg = gns. { $actual }
memory-avg-estimate = gns. { $actual } (anslået { $estimate })
memory-usual = normalt { $when }
memory-cleaner = rengører #{ $id }
memory-prefers = foretrækker { $name }
memory-last = sidst { $date }
memory-upcoming = { $n } kommende
memory-cancelled = { $n } aflyst

# Hvorfor en booking venter på gennemsyn.
doubt-weekday-mismatch = datoen { $date } er en { $is }, men der står { $written }
doubt-staff-off = { $staff } har fri { $date }
doubt-staff-off-why = { $staff } har fri { $date } ({ $reason })
doubt-staff-not-working = { $staff } arbejder ikke { $weekday }
doubt-outside-hours = { $from }–{ $to } ligger uden for arbejdstiden { $start }–{ $end } ({ $staff }, { $weekday })
doubt-past-midnight = { $from }–{ $to } går over midnat, uden for arbejdstiden { $start }–{ $end } ({ $staff }, { $weekday })
doubt-in-the-past = starttidspunktet er passeret ({ $date } { $time })
doubt-not-customers-day = { $weekday } er ikke en af kundens dage ({ $usual })
doubt-off-usual-start = starter { $time }, { $apart } fra kundens sædvanlige { $usual }

# Hvordan en serie gentages.
rule-weekly = hver uge, { $days }
rule-weeks = hver { $nth } uge, { $days }
rule-monthly = hver måned, { $nth } { $weekday }
rule-months = hver { $every } måned, { $nth } { $weekday }
rule-nth = { $n }.
rule-nth-last = sidste
rule-custom = RRULE { $rule }
series-words = { $rule } kl. { $time }, fra { $first }
series-words-until = { $rule } kl. { $time }, fra { $first } til { $until }
series-words-count = { $rule } kl. { $time }, fra { $first }, { $n } gange

# Et sammenstød i en sætning.
conflict-the-cleaner = rengøreren
conflict-booking = booking #{ $id }
conflict-double = Dobbeltbooking: { $who } har { $a } og { $b }, der overlapper med { $overlap }.
conflict-tight = Kort pause: kun { $gap } mellem { $a } og { $b }; { $who } skal bruge { $need } for at nå frem.
conflict-outside-hours = Uden for arbejdstid: { $a }; { $who } arbejder { $start }–{ $end } den dag.
conflict-not-working = Uden for arbejdstid: { $a }; { $who } arbejder ikke { $weekday }.
conflict-no-hours = Uden for arbejdstid: { $a }; { $who } har ingen arbejdstid den dag.
conflict-time-off = Fri: { $who } har fri den dag, men har { $a }.
conflict-time-off-why = Fri: { $who } har fri den dag ({ $reason }), men har { $a }.

# Slags telefonbesked.
alert-kind = { $kind ->
    [overtime] opkald om overtid
    [double_booking] opkald om dobbeltbooking
    [reminder] sms-påmindelse
    [new_cleaner] sms om den nye rengører
    [on_the_way] sms: på vej
   *[manual] opkald
}

# Konsollens egne beskeder i statuslinjen.
app-time-cursor = Tidsmarkør { $time }: nye bookinger og søgning efter ledig tid starter her.
app-review-empty = Der er intet til gennemsyn.
app-cancelled-not-editable = En aflyst booking kan ikke rettes; fortryd aflysningen ({ $undo }) eller lav en ny ({ $new }).
app-select-first = Vælg først en booking (piletaster eller hjkl).
app-reason-empty = Skriv, hvorfor dobbeltbookingen er i orden, eller tryk { $back } for at gå tilbage.
app-scope-other-fields = For flere besøg på én gang ændres kun dag, tid, varighed og rengører; ret andre felter ét besøg ad gangen.
app-sick-call-reason = sygemelding: { $name }
app-form-closed = Formularen blev lukket uden at gemme.
app-already = Booking #{ $id } er allerede { $status ->
    [completed] afsluttet
    [cancelled] aflyst
    [scheduled] planlagt
   *[other] i gang
}.
app-finder-check = { $name } kl. { $time }: tjek og gem.
app-journal-select = Vælg en booking for kun at se dens historik.
app-invoice-pick = Vælg en afsluttet opgave at fakturere.
app-invoice-approve-draft = Godkend fakturakladden for { $name } ({ $gross } inkl. moms)?
app-invoice-failed-retry = Faktureringen af { $name } mislykkedes ({ $error }). Prøv igen?
app-invoice-being-created = Fakturaen for { $name } er ved at blive oprettet.
app-invoice-voided-again = Faktura { $number } for { $name } er annulleret i Billy. Fakturér opgaven igen?
app-invoice-already = Allerede faktureret: faktura { $number } for { $name }, { $gross }, { $state ->
    [draft] kladde
    [unpaid] ubetalt
    [overdue] forfalden
    [paid] betalt
   *[other] { $state }
}.
app-invoice-finish-first = Kun afsluttede opgaver faktureres: afslut opgaven først ({ $key }).
app-invoice-finish-first-no-key = Kun afsluttede opgaver faktureres: afslut opgaven først.
app-invoice-question = Fakturér { $name }: { $hours } × { $rate } = { $net } + moms = { $gross }?
app-call-on-call = vagttelefonen { $number }
app-call-staff-phone = { $staff } på { $phone }
app-call-staff-no-phone = { $staff } (intet telefonnummer)
app-call-nobody = ingen (ingen rengører, ingen vagttelefon)
app-call-question = Ring til { $to } om booking #{ $id } hos { $name }?
app-remind-question = Send sms-påmindelser til morgendagens kunder (hver kun én gang)?
app-office-working = { $what ->
    [invoice] Opretter fakturaen i Billy…
    [month] Opretter månedsfakturaen i Billy…
    [quote] Tæller besøgene…
    [approve] Godkender fakturaen i Billy…
    [call] Ringer op…
    [payments] Tjekker betalinger…
    [remind] Sender påmindelser…
   *[sms] Sender sms'en…
}
app-cannot-invoice = Kan ikke fakturere #{ $id }: { $error }.
not-billable-not-finished = opgaven er ikke afsluttet endnu: afslut den først (f)
not-billable-cancelled = opgaven er aflyst
not-billable-no-times = opgaven har ingen registreret start og slut
not-billable-nothing-worked = der er ikke arbejdet (startet og afsluttet i samme minut)
app-invoice-month-pick = Vælg en af kundens bookinger for at fakturere måneden.
app-call-pick = Vælg den booking, der skal ringes om.
app-checking-payments = Tjekker betalinger i Billy…
app-nothing-done = Intet blev gjort.
app-not-changed = Booking #{ $id } blev ikke ændret.
app-sick-choose-lane = Vælg først en rengørers række (↑↓).
app-sick-none-taken = Ingen afløser valgt: intet at ændre.
app-took-theirs = Tog { $by }s udgave af #{ $id }; din blev kasseret.
app-syncing = Synkroniserer kalenderne…
app-no-sync-conflicts = Ingen synkroniseringskonflikter: intet venter på dig.

# Søgningens hjælp til enter.
keys-go-to-next-or-last = gå til (kunde: næste booking, ellers seneste)

## Command line: setup, doctor, sync, calendars, import and export, serve

# `renos sync`, `renos status`, `renos conflicts`, `renos resolve`.
cli-sync-not-set-up = Google Kalender er ikke sat op: sæt GOOGLE_CLIENT_EMAIL og GOOGLE_PRIVATE_KEY (eller GOOGLE_KEY_FILE, eller [google] key_file i konfigurationen) samt GOOGLE_CALENDAR_ID og GOOGLE_IMPERSONATED_USER; prøv det med: `renos sandbox > g.env & sleep 1; . ./g.env`
cli-sync-how = { $full ->
    [yes] fuld, { $direction ->
        [pull] kun hentet
        [push] kun sendt
       *[both] begge veje
    }
   *[no] { $direction ->
        [pull] kun hentet
        [push] kun sendt
       *[both] begge veje
    }
}
cli-sync-summary = Synkronisering ({ $how }): { $read } { $read ->
    [one] begivenhed
   *[other] begivenheder
} læst, { $created } { $created ->
    [one] booking
   *[other] bookinger
} oprettet, { $updated } opdateret, { $cancelled } aflyst, { $written } { $written ->
    [one] begivenhed
   *[other] begivenheder
} skrevet, { $conflicts } { $conflicts ->
    [one] synk-konflikt
   *[other] synk-konflikter
}
cli-sync-pending = { $n } venter
cli-sync-conflicts-wait = { $n } { $n ->
    [one] synkroniseringskonflikt venter
   *[other] synkroniseringskonflikter venter
} på dig
cli-sync-series-taken = { $n ->
    [one] 1 gentagen aftale fra Google er nu en serie
   *[other] { $n } gentagne aftaler fra Google er nu serier
}
cli-sync-loose-series = "{ $summary }" er beholdt som enkelte bookinger: en serie kan ikke rumme gentagelsen ({ $why })
cli-sync-not-taken = "{ $summary }" gentages i { $cleaner }s kalender og er lavet i hånden: den tages ikke ind; læg den ind som serie her (`renos book … --repeat`)
cli-sync-more = der er flere begivenheder at læse (kør igen)
cli-sync-offline = offline
cli-sync-spinner = synkroniserer: { $events } begivenheder læst
cli-sync-error = fejl: { $error }
cli-sync-see-conflicts = se dem med `renos conflicts`; afgør dem med `renos resolve ID mine|theirs|both` eller i konsollen
cli-status-database = Database
cli-status-google = Google
cli-status-google-not-set-up = ikke sat op. { $how }
cli-status-calendar = Kalender
cli-status-calendar-line = { $id }: { $how }
cli-status-incremental-since = løbende (fuld synkronisering { $full })
cli-status-incremental = løbende
cli-status-full-due = fuld synkronisering næste gang
cli-status-sync = Synk
cli-status-run = { $at } { $how }: læst { $read }, oprettet { $created }, opdateret { $updated }, aflyst { $cancelled }, skrevet { $written }, synk-konflikter { $conflicts }
cli-status-refused = Afvist
cli-status-refused-line = { $what ->
    [series] serie
   *[booking] booking
} #{ $id }: { $error }
cli-status-conflict = Synk-konflikt
cli-status-conflict-line = booking #{ $id }: { $what }
cli-conflicts-none = Ingen synkroniseringskonflikter.
cli-conflicts-deleted = slettet
cli-conflicts-mine = her (mine):
cli-conflicts-theirs = Google (theirs):
cli-resolve-settled = { $settled }; kør `renos sync` (eller vent på konsollen) for at sende det

# `renos import customers`, `renos validate`, `renos ics`, `renos export`.
cli-list-more-kept = … og { $n } til af samme slags (--json viser de første { $listed })
cli-list-more = … og { $n } til (--json viser dem alle)
cli-import-head = { $file } ({ $format }): { $records } { $records ->
    [one] post
   *[other] poster
}
cli-validate-counts = gode { $good } · dubletter i filen { $repeated } · forkerte { $bad }
cli-import-counts = { $dry ->
    [yes] ville blive oprettet { $created } · ville blive opdateret { $updated } · sprunget over { $skipped } · fejlet { $failed }
   *[no] oprettet { $created } · opdateret { $updated } · sprunget over { $skipped } · fejlet { $failed }
}
cli-import-field = { $field ->
    [e-mail] e-mail
    [phone] telefon
    [address] adresse
   *[company] firma
}
cli-import-of-line = linje { $line }
cli-import-of-customer = kunde #{ $id }
cli-import-duplicate = linje { $line }: samme { $by ->
    [email] e-mail
    [phone] telefonnummer
   *[name-address] navn og adresse
} som { $of }: { $action ->
    [merged] flettet
    [updated] opdateret
    [unchanged] uændret
    [skipped] sprunget over
   *[duplicate] dublet
}
cli-import-duplicate-kept = { $duplicate } (kundens { $fields } er beholdt)
cli-import-problems = fejl
cli-import-duplicates = dubletter
cli-import-bookings = bookinger: { $listed } i filen, { $created } oprettet, { $existing } fandtes allerede, { $clashes } afvist som dobbeltbookinger, { $failed } fejlet
cli-import-bookings-not-created = bookinger, der ikke blev oprettet
cli-import-warnings = advarsler
cli-import-imported = Importeret.
cli-validate-good = Filen er i orden.
cli-import-dry-run = Prøvekørsel: intet er skrevet.
cli-validate-bad = { $bad } { $bad ->
    [one] post er forkert
   *[other] poster er forkerte
}: ret dem, eller importér med --skip-invalid for at udelade dem.
cli-import-refused = Intet er importeret: { $bad } { $bad ->
    [one] post er forkert
   *[other] poster er forkerte
}. Ret dem, eller brug --skip-invalid for at importere de øvrige { $good }.
cli-import-stopped = Stoppet: { $why }
cli-ics-head = { $file }: { $events } { $events ->
    [one] begivenhed
   *[other] begivenheder
}
cli-ics-counts = { $bookings } { $bookings ->
    [one] booking
   *[other] bookinger
}: { $dry ->
    [yes] ville blive oprettet { $created } · ville blive opdateret { $updated } · uændret { $same } · fejlet { $failed }
   *[no] oprettet { $created } · opdateret { $updated } · uændret { $same } · fejlet { $failed }
}
cli-ics-series = { $n } { $n ->
    [one] gentagen begivenhed er beholdt som serie
   *[other] gentagne begivenheder er beholdt som serier
}
cli-ics-series-counts = { $n } { $n ->
    [one] gentagen begivenhed er beholdt som serie
   *[other] gentagne begivenheder er beholdt som serier
}: { $dry ->
    [yes] ville blive oprettet { $created } · ville blive opdateret { $updated } · uændret { $same }
   *[no] oprettet { $created } · opdateret { $updated } · uændret { $same }
}
cli-ics-outside = { $n } uden for --from/--to, udeladt
cli-ics-unassigned = { $n } uden rengører (ingen deltager nævner en; --staff sætter en): vist som Utildelt
cli-ics-customers-created = { $n } { $n ->
    [one] kunde oprettet
   *[other] kunder oprettet
}
cli-ics-for-review = { $n } { $n ->
    [one] booking venter
   *[other] bookinger venter
} til gennemsyn (r)
cli-ics-clashes = dobbeltbookinger beholdt som i kalenderen
cli-ics-dry-run = Intet er skrevet (prøvekørsel / kun tjek).
cli-ics-refused = Intet er importeret: { $bad } { $bad ->
    [one] begivenhed er forkert
   *[other] begivenheder er forkerte
}. Ret dem, eller brug --skip-invalid for at importere resten.
cli-ics-to-before-from = --to ligger før --from
cli-ics-no-such-cleaner = --staff "{ $name }" er ikke en rengører (kendte: { $known })
cli-ics-written = { $n } { $n ->
    [one] booking skrevet
   *[other] bookinger skrevet
}
cli-export-written = { $n } { $n ->
    [one] kunde skrevet
   *[other] kunder skrevet
}

# `renos doctor`: each check's sentence and what to do.
cli-doctor-check = { $check ->
    [config] konfig
    [you] dig
    [language] sprog
    [slots] tider
    [database] database
    [outbox] udbakke
    [billy] billy
    [twilio] twilio
    [google] google
   *[calendar] kalender
}
cli-doctor-all-well = Intet står i vejen for arbejdet.
cli-doctor-fix-above = Ret det, der er mærket ✗ ovenfor.
cli-doctor-and = { $first } og { $last }
cli-doctor-set = sæt { $missing }
cli-doctor-config-reads = Konfigurationen kan læses: { $exists ->
    [yes] { $path }
   *[no] { $path } (findes ikke: standardværdier og miljøet)
}.
cli-doctor-config-broken-fix = ret den nævnte linje, eller flyt filen væk for at starte fra standardværdierne
cli-doctor-readable = { $path } kan læses af alle brugere på denne maskine (tilstand { $mode }).
cli-doctor-readable-fix = kør chmod o-rwx på den (for et team på én server sætter `renos init --shared DIR --group GROUP` tilstandene)
cli-doctor-login-named = { $login } ({ $name })
cli-doctor-roles-none = ingen [roles] i konfigurationen: alle er admin
cli-doctor-roles-from = [roles] i { $path }
cli-doctor-acting = { $name }, rolle { $role } ({ $from }).
cli-doctor-read-only-fix = du må kun læse; bed en admin om at skrive dig under dispatcher i [roles]
cli-doctor-language = Konsollen taler { $language ->
    [da] dansk
   *[en] engelsk
} ({ $language }): [ui] language i konfigurationen, { $env } eller --language.
cli-doctor-slots = Ledige tider i trin på { $grid }, fra { $notice } til { $days } dage frem; køretid { $within } inden for et område, { $between } mellem to.
cli-doctor-db-missing = Der er endnu ingen database i { $path }.
cli-doctor-db-missing-fix = kør `renos demo` for at prøve demoen, eller `renos staff add` for at starte en (eller angiv --db)
cli-doctor-db-cannot-open = Databasen i { $path } kan ikke åbnes: { $error }
cli-doctor-db-cannot-open-fix = tjek filens rettigheder og disken; læg en sikkerhedskopi tilbage, hvis den er beskadiget
cli-doctor-db-damaged = Databasen i { $path } er beskadiget (SQLites hurtige tjek): { $problems }
cli-doctor-db-check-stopped = Databasen i { $path } er beskadiget (SQLites hurtige tjek stoppede: { $error })
cli-doctor-db-damaged-fix = stop alle konsoller og `renos serve`, kopiér filen til side, og læg en sikkerhedskopi tilbage
cli-doctor-db-read-only = Databasen i { $path } kan kun læses af denne bruger ({ $why ->
    [file] filen er skrivebeskyttet for denne bruger
    [folder] dens mappe er skrivebeskyttet for denne bruger
   *[opened] SQLite åbnede den skrivebeskyttet
}): enhver ændring bliver afvist.
cli-doctor-db-read-only-fix = giv denne bruger skriveadgang til filen og dens mappe (eller kør som den bruger, der ejer den)
cli-doctor-db-counts = { $path }: { $customers } { $customers ->
    [one] kunde
   *[other] kunder
}, { $bookings } { $bookings ->
    [one] booking
   *[other] bookinger
}.
cli-doctor-db-cannot-read = Databasen i { $path } kan ikke læses: { $error }
cli-doctor-db-cannot-read-fix = læg en sikkerhedskopi tilbage, hvis den er beskadiget
cli-doctor-billy-refused = { $n } { $n ->
    [one] faktura
   *[other] fakturaer
} afvist af Billy.
cli-doctor-billy-refused-fix = se `renos invoices`; ret årsagen, og kør så `renos invoice ID` igen
cli-doctor-twilio-refused = { $n } { $n ->
    [one] opkald eller sms
   *[other] opkald eller sms'er
} afvist af Twilio.
cli-doctor-twilio-refused-fix = se `renos alerts`; ret nummeret, og ring så igen
cli-doctor-billy-not-set-up = Billy (fakturaer) er ikke sat op: fakturering er slået fra.
cli-doctor-billy-not-set-up-fix = sæt BILLY_API_KEY og BILLY_ORGANIZATION_ID (eller [billy] api_key og organization_id i konfigurationen)
cli-doctor-billy-half = Billy er halvt sat op: { $missing } mangler.
cli-doctor-billy-bad-setting-fix = tjek indstillingerne under [billy]
cli-doctor-billy-works = Billy godtager API-nøglen (organisation "{ $organization }").
cli-doctor-billy-no-product = Billy godtager API-nøglen, men har intet produkt ved navn "{ $product }": fakturalinjer skal have et (det bærer de 25 % moms).
cli-doctor-billy-no-product-fix = opret produktet i Billy, eller angiv et eksisterende i [billy] product
cli-doctor-billy-key-refused = Billy afviste adgangsoplysningerne: { $error }
cli-doctor-billy-key-refused-fix = tjek BILLY_API_KEY (en adgangsnøgle lavet i Billy under Indstillinger → Adgangsnøgler) og BILLY_ORGANIZATION_ID
cli-doctor-billy-offline = Billy kan ikke nås på { $url }: { $error }
cli-doctor-billy-offline-fix = tjek netværksforbindelsen eller adressen (RENOS_BILLY_BASE_URL / [billy] base_url)
cli-doctor-billy-error = Billy svarede med en fejl: { $error }
cli-doctor-billy-error-fix = prøv igen senere; hvis det bliver ved, så tjek Billys statusside
cli-doctor-twilio-not-set-up = Twilio (opkald og sms) er ikke sat op: advarsler og påmindelser er slået fra.
cli-doctor-twilio-not-set-up-fix = sæt TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN og TWILIO_PHONE_NUMBER (eller [twilio] i konfigurationen)
cli-doctor-twilio-half = Twilio er halvt sat op: { $missing } mangler.
cli-doctor-twilio-bad-sid = TWILIO_ACCOUNT_SID "{ $sid }" er ikke et konto-SID (AC efterfulgt af 32 hexcifre).
cli-doctor-twilio-bad-sid-fix = kopiér Account SID fra Twilios konsol
cli-doctor-twilio-bad-number = TWILIO_PHONE_NUMBER "{ $number }" er ikke et telefonnummer på formen +45….
cli-doctor-twilio-bad-number-fix = sæt TWILIO_PHONE_NUMBER til jeres Twilio-nummer, f.eks. +4570000000
cli-doctor-twilio-bad-setting-fix = tjek indstillingerne under [twilio]
cli-doctor-twilio-works = { $no_on_call ->
    [yes] Twilio godtager adgangsoplysningerne (konto "{ $account }"). Automatiske advarsler er slået til, men der er intet vagtnummer: de går til rengørerens telefon.
   *[no] Twilio godtager adgangsoplysningerne (konto "{ $account }").
}
cli-doctor-twilio-on-call-fix = sæt [alerts] on_call (eller RENOS_ON_CALL) til disponentens telefon
cli-doctor-twilio-key-refused = Twilio afviste adgangsoplysningerne: { $error }
cli-doctor-twilio-key-refused-fix = tjek TWILIO_ACCOUNT_SID og TWILIO_AUTH_TOKEN (Twilios konsol → Account info)
cli-doctor-twilio-offline = Twilio kan ikke nås på { $url }: { $error }
cli-doctor-twilio-offline-fix = tjek netværksforbindelsen eller adressen (RENOS_TWILIO_BASE_URL / [twilio] base_url)
cli-doctor-twilio-error = Twilio svarede med en fejl: { $error }
cli-doctor-twilio-error-fix = prøv igen senere; hvis det bliver ved, så tjek Twilios statusside
cli-doctor-google-not-set-up = Google Kalender er ikke sat op: synkroniseringen med kalenderen er slået fra.
cli-doctor-google-not-set-up-fix = sæt GOOGLE_CLIENT_EMAIL og GOOGLE_PRIVATE_KEY (eller GOOGLE_KEY_FILE), GOOGLE_CALENDAR_ID og GOOGLE_IMPERSONATED_USER
cli-doctor-google-bad-key = Googles nøgle til servicekontoen kan ikke bruges: { $error }
cli-doctor-google-bad-key-fix = tjek GOOGLE_PRIVATE_KEY / GOOGLE_KEY_FILE (servicekontoens JSON-nøgle)
cli-doctor-google-works = Google godtager servicekontoen for { $calendar }.
cli-doctor-google-offline = Google kan ikke nås: { $error }
cli-doctor-google-offline-fix = tjek netværksforbindelsen, eller RENOS_GOOGLE_BASE_URL / RENOS_GOOGLE_TOKEN_URI
cli-doctor-google-refused = Google afviste servicekontoen: { $error }
# Billy's and Twilio's refusals (English: the errors' own text)
billy-auth = Billy afviste adgangen: { $why }
billy-access-no-key = ingen API-nøgle: sæt BILLY_API_KEY til en adgangsnøgle lavet i Billy (Indstillinger → Adgangsnøgler)
billy-access-no-organization = ingen organisation: sæt BILLY_ORGANIZATION_ID til virksomhedens id i Billy
billy-access-key-not-sendable = BILLY_API_KEY indeholder tegn, der ikke kan sendes i en header
billy-access-key-refused = Billy godtog ikke API-nøglen (HTTP 401: { $said }); tjek BILLY_API_KEY: den skal være en adgangsnøgle til virksomhedens organisation i Billy
billy-access-no-access = API-nøglen har ikke adgang til dette (HTTP 403: { $said }); tjek, at BILLY_API_KEY og BILLY_ORGANIZATION_ID hører til samme organisation i Billy
billy-access-other-organization = API-nøglen hører til organisationen { $id } ({ $name }) i Billy, men BILLY_ORGANIZATION_ID er { $configured }; sæt BILLY_ORGANIZATION_ID til nøglens organisation, eller brug en nøgle til { $configured }
billy-no-details = ingen detaljer
billy-not-found = findes ikke i Billy (er den slettet dér?): { $what }
billy-invalid = Billy afviste forespørgslen; ret årsagen og prøv igen: { $why }
billy-rate-limited = Billy begrænser antallet af forespørgsler; prøver igen senere
billy-server = Billy svarede { $status } (en fejl hos Billy; prøver igen senere): { $message }
billy-network = ingen forbindelse til Billy (tjek netforbindelsen; prøver igen senere): { $why }
twilio-refused = Twilio afviste forespørgslen ({ $refusal }); ret nummeret eller beskeden: { $message }
twilio-refusal-not-sent-code = ikke sendt, kode { $code }
twilio-refusal-not-sent = ikke sendt
twilio-refusal-code = { $status }, kode { $code }
twilio-auth = Twilio afviste adgangsoplysningerne: { $why }
twilio-access-bad-sid = TWILIO_ACCOUNT_SID er ikke et Account SID: det skal være AC efterfulgt af 32 hex-cifre, som vist på Twilio-konsollens forside
twilio-access-no-token = TWILIO_AUTH_TOKEN er tom: kopiér kontoens auth token fra Twilio-konsollen
twilio-access-refused = Twilio svarede 401 ({ $said }): tjek TWILIO_ACCOUNT_SID og TWILIO_AUTH_TOKEN (kontoens live-oplysninger fra Twilio-konsollen)
twilio-access-forbidden = Twilio svarede 403 ({ $said }): kontoen må ikke gøre dette; tjek TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN og kontoens rettigheder
twilio-said-code = kode { $code }, { $message }
twilio-rate-limited = Twilio begrænser antallet af forespørgsler (for mange på én gang); prøver igen senere
twilio-server = Twilio svarede { $status } (en fejl hos Twilio; prøver igen senere): { $message }
twilio-network = ingen forbindelse til Twilio (tjek netforbindelsen; prøver igen senere): { $why }
provider-error-trying-again = { $error } (prøver igen)
# A service that could not be reached (the system's own words after it)
network-timeout = intet svar inden for { $secs } s
network-unreachable = { $host } kan ikke nås (systemet siger: { $detail })
network-unreachable-somewhere = serveren kan ikke nås (systemet siger: { $detail })
network-broke-off = svaret blev afbrudt undervejs (systemet siger: { $detail })
network-failed = forbindelsen mislykkedes (systemet siger: { $detail })
network-unreadable = svaret kan ikke læses
network-unreadable-why = svaret kan ikke læses (læseren siger: { $detail })
network-no-token = der kunne ikke hentes et adgangstoken fra Google (systemet siger: { $detail })
network-setup = HTTP-forbindelsen kan ikke sættes op (systemet siger: { $detail })
# Billy's and Twilio's requests we would not send, and why a base URL cannot be used
billy-bad-base-url = Billys adresse `{ $url }` kan ikke bruges: den { $why }; ret RENOS_BILLY_BASE_URL eller [billy] base_url
billy-no-email = Kunden { $customer } har ingen e-mail i Billy, så fakturaen kan ikke sendes: tilføj en e-mail hos kontakten i Billy, eller slå [billy] email fra
billy-no-product = Billy har ingen vare, der hedder { $service } eller { $product }: opret en i Billy (med 25 % moms), eller angiv en, der findes, i [billy] product
url-not-a-url = er ikke en URL ({ $detail })
url-not-http = er ikke http eller https
url-no-host = har intet værtsnavn
url-query-or-fragment = må ikke have en forespørgsel (?…) eller et anker (#…)
url-credentials = må ikke indeholde brugernavn eller adgangskode
url-not-a-uri = er ikke en gyldig URI
billy-missing-invoice = fakturaen { $id } findes ikke i Billy (er den slettet dér?)
billy-missing-contact = kundens kontakt { $id } findes ikke i Billy (er den slettet dér?)
billy-missing-said = { $missing }; Billy siger: { $said }
twilio-not-sent = { $message } ({ $refusal })
twilio-bad-base-url = Twilios adresse `{ $url }` kan ikke bruges: den { $why }; ret RENOS_TWILIO_BASE_URL eller [twilio] base_url
twilio-sender-not-e164 = TWILIO_PHONE_NUMBER `{ $number }` er ikke et nummer på E.164-form (f.eks. +4570000000); ret nummeret, som opkald og sms sendes fra
twilio-zero-timeout = tidsgrænsen for Twilio er nul; giv den et antal sekunder
twilio-twiml-too-long = opkaldets TwiML er { $chars } tegn langt; Twilio tager højst { $max }
twilio-body-too-long = beskeden er { $chars } tegn lang; Twilio tager højst { $max }: gør den kortere
# A keymap or theme file the console refuses (English: the checks' own text)
console-file-at = { $file }: linje { $line }: { $why }
console-file-unreadable = kan ikke læse { $kind ->
    [keymap] tastaturfilen
   *[theme] temafilen
} { $file }: { $why }
keymap-old-and-new-name = [keys] er det gamle navn for [normal]; skriv kun den ene af dem
keymap-not-a-mode = [{ $table }] er ikke en tilstand; tabellerne er [{ $tables }]
keymap-not-a-key = { $key } er ikke en tast; skriv et tegn ("q", "?"), et navn ({ $names }, f1…f12) eller ctrl-/alt- foran et af dem
keymap-not-an-action = { $action } er ikke en handling i [{ $table }]; brug en af: { $names }
keymap-typed-key = { $key } skrives ind i feltet i [{ $table }]; bind en navngiven tast (enter, tab, f1…) eller en med ctrl- eller alt-
keymap-dead-end = [{ $table }] har ingen tast tilbage til { $action }: { $why }; bind en
keymap-dead-end-quit = konsollen kunne ikke lukkes
keymap-dead-end-answer = et spørgsmål kunne ikke besvares
keymap-dead-end-leave = tilstanden kunne ikke forlades
theme-no-such = der er intet tema, der hedder { $name }; indbyggede: { $names } (eller angiv stien til en .toml-fil)
theme-not-a-colour = { $text } er ikke en farve; brug et navn (red), et nummer blandt 256 farver ("236") eller "#rrggbb"
theme-not-a-modifier = { $text } er ikke en fremhævning; brug bold, dim, italic, underlined eller reversed
theme-not-a-style = { $name } er ikke en stil; brug en af: { $names }
cli-doctor-google-refused-fix = tjek nøglen, GOOGLE_IMPERSONATED_USER og den domænedækkende delegering for kalender-scopet
cli-doctor-service-account = servicekontoen
cli-doctor-shared-calendar = den fælles kalender
cli-doctor-api = API'et (renos serve --http) har { $live } gyldige tokens af { $total }; hvert må lave { $rate } kald i minuttet (stød på { $burst }), med indhold op til { $body } KiB ([api]).
cli-doctor-staff-calendar = kalenderen for { $name }
cli-doctor-calendar-writes = { $user } kan læse og ændre { $who } { $calendar } ({ $role }).
cli-doctor-calendar-read-only = { $user } kan kun læse { $who } { $calendar } ({ $role }): synkroniseringen kan ikke skrive bookinger dér.
cli-doctor-calendar-read-only-fix = del { $calendar } med { $user } som "Foretag ændringer i begivenheder"
cli-doctor-calendar-write-unknown = { $user } kan læse { $who } { $calendar }, men den er ikke på brugerens kalenderliste, så skriveadgangen er ukendt.
cli-doctor-calendar-write-unknown-fix = føj { $calendar } til kalenderlisten for { $user }, delt som "Foretag ændringer i begivenheder"
cli-doctor-calendar-not-found = Google har ingen kalender { $calendar }, som { $user } kan se ({ $who }): id'et er skrevet forkert, eller kalenderen er ikke delt med { $user }.
cli-doctor-calendar-not-found-fix = { $shared ->
    [yes] tjek GOOGLE_CALENDAR_ID (eller [google] calendar_id)
   *[no] tjek [google.staff_calendars] i konfigurationen
}, eller del kalenderen med { $user }
cli-doctor-calendar-error = { $who } { $calendar } kan ikke tjekkes: { $error }
cli-doctor-calendar-error-fix = prøv igen; hvis det bliver ved, så kør `renos sync` og læs dens fejl

# renos doctor: a cleaner's own calendar ([calendars.staff]).
cli-doctor-own-calendar = Kalenderen for { $cleaner }: { $provider } { $target }
cli-doctor-staff-calendar-not-synced = { $named } (synkroniseres ikke endnu: denne version synkroniserer kalenderne i [google]).
cli-doctor-staff-calendar-error = { $named }: { $error }.
cli-doctor-staff-calendar-credentials-fix = sæt CALDAV_USERNAME og CALDAV_PASSWORD, eller [calendars] caldav_credentials
cli-doctor-staff-calendar-works = { $named } svarer og tager imod adgangskoden.
cli-doctor-staff-calendar-none = { $named }: der er ingen kalender på den adresse.
cli-doctor-staff-calendar-none-fix = angiv adressen på selve kalenderen (den ender på /)
cli-doctor-staff-calendar-refused-fix = tjek CALDAV_USERNAME og CALDAV_PASSWORD eller filen med adgangsoplysninger
cli-doctor-staff-calendar-offline-fix = tjek adressen, og at serveren kører
cli-doctor-staff-calendar-error-fix = tjek kalenderens adresse
cli-doctor-outlook-calendar-works = { $named } svarer og godtager appens legitimation.
cli-doctor-outlook-calendar-credentials-fix = sæt MICROSOFT_TENANT_ID, MICROSOFT_CLIENT_ID og MICROSOFT_CLIENT_SECRET til appens, med programtilladelsen Calendars.ReadWrite givet
cli-doctor-calendar-credentials = { $named }: { $from ->
    [caldav_env] brugernavn og adgangskode kommer fra CALDAV_USERNAME og CALDAV_PASSWORD.
    [outlook_env] appens legitimation kommer fra MICROSOFT_TENANT_ID, MICROSOFT_CLIENT_ID og MICROSOFT_CLIENT_SECRET.
    [google] den nås gennem Google-kontoen i [google] (tjekket ovenfor).
   *[given] appens legitimation er demoens egen.
}
cli-doctor-calendar-password-file = { $named }: adgangskodefilen { $path } har rettighederne { $mode }{ $private ->
    [yes] : kun dens ejer kan læse den.
   *[no] : andre kan læse den, så den bruges ikke.
}
cli-doctor-calendar-password-file-fix = chmod 600 { $path }

# The command line's own errors, `renos init` and `renos sandbox`.
cli-theme-console-only = --theme gælder konsollen: `renos --theme NAVN` eller `renos demo --theme NAVN`
cli-db-no-folder = mappen { $folder } findes ikke (er --db skrevet forkert?); for at starte en ny database dér skal du først lave mappen (mkdir -p { $folder }), eller brug `renos init MAPPE` til et teams fælles database eller `renos demo --db STI` til demoen
cli-not-a-date = "{ $text }" er ikke en dato: { $why }
cli-now-not-an-instant = --now: { $text } er ikke et tidspunkt i RFC 3339-form; skriv f.eks. 2026-11-20T10:30:00+01:00 (læseren siger: { $detail })
cli-serve-off-loopback = --http { $addr } er ikke på loopback: API'et taler almindelig HTTP, så tokens ville krydse netværket ukrypteret; lyt på 127.0.0.1 bag en omvendt proxy, der lægger TLS på (Caddy eller nginx, se README), eller giv --public, hvis sådan en proxy når denne adresse
cli-token-qr-too-long = linket er for langt til en QR-kode; giv en kortere --url (QR-biblioteket siger: { $detail })
setup-no-group = der er ingen gruppe, der hedder { $quoted }: opret den (`groupadd { $group }`), og meld teamet ind i den (`usermod -aG { $group } LOGIN`)
setup-not-a-folder = { $path } findes og er ikke en mappe
setup-foreign = { $path } indeholder allerede filer, der ikke er renos' ({ $files }): vælg en tom mappe, eller flyt dem væk
setup-link = { $path } er et symbolsk link, som renos ikke følger; fjern det
setup-not-permitted = du har ikke lov til at { $what }: kør `renos init` som root, eller som mappens ejer og medlem af gruppen
setup-io = kan ikke { $what }: { $why }
setup-what-make = oprette { $path }
setup-what-create = oprette { $path }
setup-what-read = læse { $path }
setup-what-write = skrive { $path }
setup-what-group = give { $path } til gruppen
setup-what-mode = ændre rettighederne på { $path }
cli-console-needs-terminal = konsollen skal have en terminal; brug `renos agenda` til en udskrift
cli-cannot-create = kan ikke oprette { $path }
cli-cannot-write = kan ikke skrive { $path }
cli-init-made-folder = oprettede { $path } (gruppe { $group }, tilstand { $mode }: det, der oprettes derinde, tilhører gruppen)
cli-init-made-database = oprettede databasen { $path } (tilstand { $mode })
cli-init-migrated = databasen { $path } er opdateret
cli-init-made-config = oprettede konfigurationen { $path } (tilstand { $mode }: gruppen læser den, du ændrer den)
cli-init-kept = { $path }: i orden
cli-init-mode-changed = tilstand { $from } → { $to }
cli-init-group-changed = gruppe { $from } → { $to }
cli-init-fixed = { $path }: { $changes }
cli-init-hint =
    Hvert medlem af { $group } peger renos hertil (f.eks. i ~/.profile):
      export RENOS_CONFIG={ $config }
    Konfigurationen angiver databasen; `--db { $db }` og RENOS_DB virker også.
    Roller og udbydernes hemmeligheder skrives i { $config } (se kommentarerne i den);
    `renos doctor` viser, hvem du er her, og tjekker tilstandene.
cli-sandbox-loopback-only = --addr { $addr }: sandkassen lytter kun på en loopback-adresse (127.0.0.1 eller [::1]), dens admin-adresser har ingen godkendelse
cli-sandbox-cannot-listen = kan ikke lytte på { $addr }
cli-sandbox-serving = sandkassen kører på { $url } (Ctrl-C stopper den)

# `renos demo` and `renos serve`.
cli-demo-exists = { $path } findes allerede; tilføj --force for at erstatte den med demoen, eller åbn den med `renos --db { $path }`
cli-demo-cannot-replace = kan ikke erstatte { $path }: { $error }
cli-demo-seeded = Demo: { $staff } rengørere, { $customers } kunder, { $bookings } bookinger i { $path }
cli-demo-no-sandbox = kan ikke starte demoens sandkasse: { $error }
cli-serve-what = { $sync ->
    [none] Google Kalender ikke sat op
    [off] kalendersynkronisering slået fra (sync.enabled = false)
   *[on] kalendersynkronisering hvert { $minutes }. minut
}, { $billy ->
    [yes] Billy: fakturaer og betalinger
   *[no] Billy ikke sat op
}, { $twilio ->
    [none] Twilio ikke sat op
    [auto] Twilio-advarsler (automatiske slået til)
   *[manual] Twilio-advarsler (automatiske slået fra: alerts.auto)
}
cli-serve-logging = logger til { $file }
cli-serve-no-log = kan ikke logge til { $file }: { $error } (intet bliver logget)
cli-serve-no-runtime = kan ikke starte afviklingsmiljøet
cli-serve-no-signals = kan ikke holde øje med SIGTERM og SIGINT
cli-serve-started = renos serve (pid { $pid }) på { $db }: { $what }; { $log }; SIGTERM eller Ctrl-C stopper den
cli-serve-api = renos serve: API på http://{ $addr }/api/v1 (GET /health kræver intet token)
cli-serve-holder = renos serve pid { $pid } på værten { $host } siden { $since }
cli-serve-holder-starting = en renos serve, der er ved at starte
cli-serve-held = { $db } betjenes allerede af { $holder }; stop den først (låsefil { $lock })
cli-serve-cannot-open-lock = kan ikke åbne låsefilen { $lock }
cli-serve-cannot-lock = kan ikke låse { $lock }: { $error }
cli-serve-cannot-write-lock = kan ikke skrive låsefilen { $lock }
cli-progress-checking = tjekker
cli-progress-importing = importerer

# `--help`: the doc comments, word for word (a test compares them).
cli-help = RenOS Dispatch: rengøringsfirmaets dag på én skærm
cli-help-demo = Læg demofirmaet i en ny database, og åbn konsollen på den
cli-help-demo--no_http = Kør ikke API'et, telefonsiden og assistenternes værktøjer ved siden af konsollen (de kører på 127.0.0.1:8787, eller på en ledig port, når den er optaget; den første besked i beskedloggen (!) har sidens link)
cli-help-journal = Vis journalen: hvem ændrede hvad, hvornår, før → efter
cli-help-agenda = Vis en dags bookinger pr. rengører, med status, dobbeltbookinger og overtid
cli-help-book = Book en opgave eller en serie (--repeat); --date giver den (første) dato
cli-help-move = Flyt en booking eller giv den til en anden (--date giver den nye dato); et besøg i en serie i det valgte omfang
cli-help-cancel = Aflys en booking; et besøg i en serie i det valgte omfang
cli-help-series = Serier: vis, hold pause, genoptag, afslut
cli-help-series-list = Alle serier, med gentagelse og næste besøg
cli-help-series-show = Én serie og dens besøg
cli-help-series-pause = Hold pause i en serie i en periode (begge dage medregnet)
cli-help-series-resume = Afslut en pause nu; besøgene kommer tilbage frem til horisonten
cli-help-series-extend = Læg alle seriers besøg ud frem til horisonten (`[series] horizon_weeks`), som backoffice gør hver dag; gentaget ændrer det intet
cli-help-series-end = Afslut en serie: ingen besøg efter denne dato
cli-help-staff = Administrér rengørere
cli-help-staff-list = Vis rengørerne
cli-help-staff-add = Tilføj en rengører
cli-help-staff-set = Ret en rengører (ved navn eller #id)
cli-help-staff-remove = Tag en rengører af planen (afvises, så længe vedkommende har opgaver forude)
cli-help-slots = Hvem kan tage en opgave, og hvornår: ledige tider pr. rengører, rangeret (fra --date)
cli-help-reassign = En sygemelding: alle en rengørers opgaver i en periode med den bedste afløser; --apply flytter dem som én ændring
cli-help-import = Importér kunder fra CSV eller JSON
cli-help-import-customers = Kunder fra en CSV- eller JSON-fil: tjekkes først og skrives så i portioner; intet skrives, så længe en post er forkert
cli-help-validate = Tjek en kundefil (CSV, JSON) eller en kalender (.ics) uden at importere den
cli-help-export = Eksportér kunder som CSV
cli-help-export-customers = Alle kunder som CSV (UTF-8, kommasepareret), som `renos import customers` læser tilbage uændret
cli-help-ics = Udveksl bookinger med kalenderprogrammer (iCalendar .ics-filer)
cli-help-ics-import = Bookinger fra en iCalendar-fil (.ics). Importeres den samme fil igen, ændres intet; en ændret begivenhed opdaterer sin booking
cli-help-ics-export = Bookinger som en iCalendar-fil, som kalenderprogrammer kan læse
cli-help-stats = Tal for kunder og bookinger, og de seneste importer
cli-help-sync = Tovejssynkronisering med Google Kalender og medarbejdernes egne kalendere (CalDAV, Microsoft 365)
cli-help-status = Synkroniseringens tilstand: seneste kørsler, ventende ændringer, synkroniseringskonflikter
cli-help-conflicts = Bookinger ændret begge steder, som venter på din afgørelse
cli-help-resolve = Afgør en synkroniseringskonflikt: behold min, behold deres, eller behold begge
cli-help-invoice = Fakturér en afsluttet opgave i Billy (en kladde, eller godkendt med --approve), eller med --customer og --month en kundes afsluttede besøg i en måned på én faktura
cli-help-invoices = Fakturaerne og deres betalingsstatus
cli-help-alert = Ring om en booking: et opkald på dansk gennem Twilio
cli-help-alerts = De seneste opkald og sms'er
cli-help-remind = Sms-påmindelser til kunderne med bookinger i morgen, hver sendt én gang
cli-help-init = Gør en mappe klar til et team på én server: databasen og en konfiguration til teamets hemmeligheder, som én Unix-gruppe kan læse og skrive
cli-help-doctor = Tjek konfigurationen, databasen og hver udbyder, og sig, hvad der skal rettes
cli-help-serve = Kør backoffice uden konsol, indtil SIGTERM eller Ctrl-C
cli-help-sandbox = Kør lokale attrapper af Google Kalender, Microsoft 365 (Graph), Billy og Twilio; skriver `export`-linjer, der peger renos på dem
cli-help--db = Databasefil (standard: $XDG_DATA_HOME/renos/renos.db; for `demo` en ny fil i $XDG_DATA_HOME/renos/demo/)
cli-help--config = Konfigurationsfil (standard: $XDG_CONFIG_HOME/renos/config.toml)
cli-help--now = Lås uret, f.eks. 2026-11-20T10:30:00+01:00 (til tests og skærmbilleder)
cli-help--date = Dagen, der skal åbnes (ÅÅÅÅ-MM-DD, i dag, i morgen, i går)
cli-help--theme = Konsollens tema: dark, light, high-contrast, monochrome, eller stien til en temafil
cli-help--language = Konsollens sprog: da eller en (standard: [ui] language i konfigurationen, så RENOS_LANGUAGE, så da)
cli-help--help = Vis hjælp
cli-help--version = Vis version
cli-help-book--customer = Kunden: #id eller (en del af) navnet
cli-help-book--staff = Rengøreren: navn eller #id
cli-help-book--start = Starttid: 9, 9:30, 0930
cli-help-book--duration = Varighed: 3, 2,5, 2:30, 1h30, 90 min
cli-help-book--end = Sluttid i stedet for en varighed
cli-help-book--repeat = Gentag: hver uge, hver 2. uge, weekly, every 2 weeks, månedlig, monthly, eller en RRULE
cli-help-book--until = Seriens sidste dato (med --repeat)
cli-help-book--count = Hvor mange besøg (med --repeat)
cli-help-book--holidays = På en helligdag: spring besøget over, eller flyt det til næste hverdag
cli-help-book--accept_clash = Book, selv om det giver en dobbeltbooking, med denne begrundelse (skrives i journalen)
cli-help-help-command = Vis denne besked eller hjælpen til de angivne underkommandoer
cli-help-usage = Brug:
cli-help-options = Tilvalg
cli-help-arguments = Argumenter
cli-help-commands = Kommandoer
cli-help-agenda--date = ÅÅÅÅ-MM-DD, i dag, i morgen eller i går (standard: i dag)
cli-help-agenda--json = Én JSON-liste i stedet for tekst
cli-help-alert--booking = Bookingens nummer
cli-help-alert--json = Maskinlæsbart svar (JSON)
cli-help-alert--message = Hvad der skal siges (standard: en sætning om bookingen)
cli-help-alert--to = Ring til dette nummer (standard: vagtnummeret, ellers rengøreren)
cli-help-alerts--check = Udløs først de automatiske alarmer, der er forfaldne nu (overtid, dobbeltbookinger), og send det, der venter
cli-help-alerts--json = Maskinlæsbart svar (JSON)
cli-help-alerts--limit = Hvor mange, nyeste først (1 til 100000)
cli-help-book--json = Maskinlæsbart svar (JSON)
cli-help-book--notes = Noter til opgaven
cli-help-book--service = Ydelsen
cli-help-cancel--booking = Bookingens nummer
cli-help-cancel--json = Maskinlæsbart svar (JSON)
cli-help-cancel--reason = Hvorfor (skrives i journalen), f.eks. "kunden aflyste"
cli-help-cancel--scope = Hvilke besøg i en serie: dette, dette og de følgende, eller alle
cli-help-conflicts--json = Maskinlæsbart svar (JSON)
cli-help-demo--force = Overskriv en eksisterende databasefil
cli-help-demo--language = Konsollens sprog: da eller en (standard: [ui] language i konfigurationen, eller RENOS_LANGUAGE)
cli-help-demo--no_console = Læg kun data ind; åbn ikke konsollen
cli-help-demo--theme = Konsollens tema: dark, light, high-contrast, monochrome, eller stien til en temafil
cli-help-doctor--json = Maskinlæsbart svar (JSON)
cli-help-export-customers--excel = Til dansk Excel: semikoloner, et byte-order-mærke og CRLF-linjeskift; tekst, som Excel ville køre som en formel (der starter med = + - @), får et ' foran, så den vises som tekst. Kan ikke læses tilbage
cli-help-export-customers--file = Filen, der skal skrives; `-` eller intet for standard-output
cli-help-ics-export--file = Filen, der skal skrives; `-` eller intet for standard-output
cli-help-ics-export--from = Fra denne dag
cli-help-ics-export--staff = Kun én rengørers bookinger
cli-help-ics-export--to = Til og med denne dag
cli-help-ics-import--batch_size = Begivenheder pr. transaktion (1 til 100000)
cli-help-ics-import--dry_run = Vis, hvad der ville ske; skriv intet
cli-help-ics-import--file = iCalendar-filen (.ics)
cli-help-ics-import--from = Kun bookinger fra denne dag
cli-help-ics-import--json = Maskinlæsbart svar (JSON)
cli-help-ics-import--skip_invalid = Importér de gode begivenheder, selv om nogle er forkerte (du får at vide, hvilke)
cli-help-ics-import--staff = Rengøreren til begivenheder, hvis deltagere ikke nævner nogen (ellers uden rengører)
cli-help-ics-import--to = Kun bookinger til og med denne dag; gentagne begivenheder foldes ud hertil (standard: 12 uger frem)
cli-help-import-customers--batch_size = Poster pr. transaktion (1 til 100000)
cli-help-import-customers--create_bookings = Opret også de bookinger, JSON-filen nævner (samme regler som i konsollen)
cli-help-import-customers--dry_run = Vis, hvad der ville ske; skriv intet
cli-help-import-customers--file = Filen (CSV med en overskriftsrække, eller JSON)
cli-help-import-customers--format = Filens format (standard: ud fra filendelsen eller indholdet)
cli-help-import-customers--json = Maskinlæsbart svar (JSON)
cli-help-import-customers--on_duplicate = Hvad der sker med en post, der svarer til en kendt kunde
cli-help-import-customers--on_duplicate--merge = Udfyld det, kunden mangler, tilføj mærker og noter; behold resten
cli-help-import-customers--on_duplicate--skip = Lad kunden være, som den er
cli-help-import-customers--on_duplicate--update = Filens udfyldte værdier erstatter kundens
cli-help-import-customers--skip_invalid = Importér de gode poster, selv om nogle er forkerte (du får at vide, hvilke)
cli-help-init--group = Teamets Unix-gruppe: dens medlemmer læser og skriver databasen
cli-help-init--shared = Teamets mappe (oprettes, hvis den mangler; mappen over den skal findes)
cli-help-invoice--approve = Godkend den (også en kladde fra før); godkendte fakturaer får et nummer
cli-help-invoice--booking = Bookingens nummer
cli-help-invoice--customer = Kunden, der skal faktureres for en måned (et navn, en adresse eller et telefonnummer, som formularen finder dem)
cli-help-invoice--json = Maskinlæsbart svar (JSON)
cli-help-invoice--month = Måneden, f.eks. 2026-12 (i firmaets tidszone)
cli-help-invoices--json = Maskinlæsbart svar (JSON)
cli-help-invoices--open = Kun de ubetalte
cli-help-invoices--poll = Spørg først Billy om betalinger (og send det, der venter)
cli-help-journal--booking = Kun denne bookings historik
cli-help-journal--json = Maskinlæsbart svar
cli-help-journal--limit = Hvor mange poster, nyeste først (1 til 100000)
cli-help-mcp = Stil værktøjerne til assistenter (MCP) til rådighed på stdin og stdout, som dette login med dets rolle; ændringer kræver en prøvekørsel og en bekræftelse
cli-help-move--accept_clash = Flyt, selv om det giver en dobbeltbooking, med denne begrundelse (skrives i journalen)
cli-help-move--booking = Bookingens nummer
cli-help-move--duration = Ny varighed
cli-help-move--json = Maskinlæsbart svar (JSON)
cli-help-move--scope = Hvilke besøg i en serie: dette, dette og de følgende, eller alle
cli-help-move--staff = Ny rengører (navn eller #id)
cli-help-move--start = Nyt starttidspunkt
cli-help-reassign--apply = Udfør planen som én ændring (én fortryd tager den tilbage)
cli-help-reassign--from = Første dag (ÅÅÅÅ-MM-DD, i dag, i morgen)
cli-help-reassign--json = Maskinlæsbart svar (JSON)
cli-help-reassign--staff = Rengøreren, der ikke kan komme (navn eller #id)
cli-help-reassign--to = Sidste dag (standard: den første)
cli-help-remind--dry_run = Vis, hvad der ville blive sendt; send intet
cli-help-resolve--booking = Bookingens nummer
cli-help-resolve--choice = Hvis udgave der bliver
cli-help-resolve--choice--both = Begge bliver: kalenderens udgave bliver en ny booking (til gennemsyn)
cli-help-resolve--choice--mine = Konsollens udgave sendes til kalenderen
cli-help-resolve--choice--theirs = Kalenderens udgave erstatter konsollens
cli-help-sandbox--addr = Hvor der lyttes (kun loopback; standard 127.0.0.1 på en ledig port)
cli-help-sandbox--dir = Hvor google-key.json skrives (standard: en ny midlertidig mappe)
cli-help-series-end--after = Seriens sidste dato
cli-help-series-end--id = Seriens nummer
cli-help-series-end--json = Maskinlæsbart svar (JSON)
cli-help-series-extend--json = Maskinlæsbart svar (JSON)
cli-help-series-list--json = Maskinlæsbart svar (JSON)
cli-help-series-pause--from = Pausens første dag
cli-help-series-pause--id = Seriens nummer
cli-help-series-pause--json = Maskinlæsbart svar (JSON)
cli-help-series-pause--to = Pausens sidste dag
cli-help-series-resume--id = Seriens nummer
cli-help-series-resume--json = Maskinlæsbart svar (JSON)
cli-help-series-show--id = Seriens nummer
cli-help-series-show--json = Maskinlæsbart svar (JSON)
cli-help-serve--http = Stil også JSON-API'et til rådighed (nøgler: `renos token add`) på ADRESSE (standard 127.0.0.1:8787; port 0 tager en ledig, som skrives på stderr)
cli-help-serve--public = Tillad --http på en anden adresse end loopback (bag en reverse proxy, der sørger for TLS)
cli-help-slots--customer = Kunden (navn, adresse, telefon eller e-mail): kundens adresse og faste rengører
cli-help-slots--days = Hvor mange dage fra datoen (--date, standard i dag), 1 til 60
cli-help-slots--duration = Hvor lang tid opgaven tager: 3, 2:30, 2h30, 150m
cli-help-slots--earliest = Tidligste start, TT:MM
cli-help-slots--grid = Minutter mellem ledige starttider (5 til 120: 5, 10, 15, 20, 30, 60, 120); standard `[slots] grid_min`, 15
cli-help-slots--json = Maskinlæsbart svar (JSON)
cli-help-slots--latest = Seneste slut, TT:MM
cli-help-slots--per_cleaner = Antal ledige tider pr. rengører (1 til 100)
cli-help-slots--service = Ydelsen; rengørere, der ikke udfører den, udelades
cli-help-slots--staff = Kun denne rengører (navn eller #id)
cli-help-slots--strategy = usual, round-robin, least-busy eller priority
cli-help-staff-add--colour = Et farvenavn eller #rrggbb til banens markering
cli-help-staff-add--hours = f.eks. "mon-fri 07:00-16:00; sat 08:00-12:00" (standard mon-fri 07:00-16:00); et andet interval efter et komma er en pause: "mon-fri 08:00-12:00,12:30-16:00"
cli-help-staff-add--name = Rengørerens navn
cli-help-staff-add--phone = Telefonnummer
cli-help-staff-add--time_off = Fridage: 2026-11-24 eller 2026-11-24..2026-11-26, evt. ":årsag". Kan gentages
cli-help-staff-list--json = Maskinlæsbart svar (JSON)
cli-help-staff-remove--who = Rengøreren: navn eller #id
cli-help-staff-set--area = Postnumre, rengøreren dækker: "2100,2200-2450" ("" for overalt)
cli-help-staff-set--clear_overrides = Fjern alle undtagelser for datoer (før dem, der gives med --override, lægges til)
cli-help-staff-set--clear_time_off = Fjern alle fridage (før dem, der gives med --time-off, lægges til)
cli-help-staff-set--colour = Et farvenavn eller #rrggbb til banens markering
cli-help-staff-set--contract_hours = Kontrakttimer pr. uge, f.eks. 30 eller 37,5 ("none" fjerner dem)
cli-help-staff-set--daily_max = Højst så mange bookede timer om dagen ("none" fjerner grænsen)
cli-help-staff-set--hours = Timer pr. ugedag, pauser som et andet interval: "mon-fri 08:00-12:00,12:30-16:00; sat 08:00-12:00"
cli-help-staff-set--name = Nyt navn
cli-help-staff-set--overrides = Andre timer for en dato eller periode: "2026-12-24 closed", "2026-12-27..2026-12-30 09:00-13:00" (kan gentages)
cli-help-staff-set--phone = Nyt telefonnummer
cli-help-staff-set--priority = Højere kommer først, når ledige tider rangeres efter prioritet
cli-help-staff-set--skills = Ydelser, rengøreren udfører, kommasepareret ("" for alle ydelser)
cli-help-staff-set--time_off = Tilføj fridage (kan gentages)
cli-help-staff-set--who = Rengøreren: navn eller #id
cli-help-stats--json = Maskinlæsbart svar (JSON)
cli-help-status--json = Maskinlæsbart svar (JSON)
cli-help-sync--direction = both (standard), pull (tag kun kalenderens ændringer) eller push
cli-help-sync--direction--both = Hent kalenderens ændringer, og send konsollens
cli-help-sync--direction--pull = Tag kun kalenderens ændringer
cli-help-sync--direction--push = Send kun konsollens ændringer
cli-help-sync--force = Glem, hvor langt synkroniseringen er nået, og læs alle begivenheder igen
cli-help-sync--json = Maskinlæsbart svar (JSON)
cli-help-sync--max_events = Læs højst så mange begivenheder fra Google-kalendere; næste kørsel fortsætter derfra (1 til 10000000). En medarbejders CalDAV- eller Microsoft 365-kalender med flere end så mange ved første synkronisering tages ikke ind, og kørslen nævner den
cli-help-token = HTTP-API'ets nøgler: tilføj (vises én gang), vis, tilbagekald
cli-help-token-add = Lav en nøgle; den vises én gang, så gem den et sikkert sted
cli-help-token-add--json = Maskinlæsbart svar (JSON)
cli-help-token-add--name = Et navn til nøglen, f.eks. maja-telefon (står i journalen)
cli-help-token-add--qr = Skriv også en QR-kode, der åbner rengørernes side logget ind
cli-help-token-add--role = Hvad den må: admin, dispatcher, viewer, eller cleaner (egne opgaver)
cli-help-token-add--staff = Rengøreren, som en rengørers nøgle hører til (navn eller #id)
cli-help-token-add--url = Hvor telefonerne når siden, til --qr (standard http://127.0.0.1:8787, serverens egen adresse)
cli-help-token-list = Nøglerne: navn, rolle, rengører, oprettet, sidst brugt, tilbagekaldt
cli-help-token-list--json = Maskinlæsbart svar (JSON)
cli-help-token-revoke = Tilbagekald en nøgle: fra nu af afvises den
cli-help-token-revoke--name = Nøglens navn
cli-help-validate--file = Filen, der skal tjekkes
cli-help-validate--format = Filens format (standard: ud fra filendelsen eller indholdet)
cli-help-validate--json = Rapporten som JSON
cli-value-addr = ADRESSE
cli-value-area = OMRÅDE
cli-value-base = ADRESSE
cli-value-booking = BOOKING
cli-value-choice = VALG
cli-value-colour = FARVE
cli-value-customer = KUNDE
cli-value-d = VARIGHED
cli-value-da-en = da|en
cli-value-date = DATO
cli-value-dates = DATOER
cli-value-dates-hours = DATOER TIMER
cli-value-days = DAGE
cli-value-dir = MAPPE
cli-value-direction = RETNING
cli-value-duration = VARIGHED
cli-value-file = FIL
cli-value-format = FORMAT
cli-value-group = GRUPPE
cli-value-hh-mm = TT:MM
cli-value-holidays = HELLIGDAGE
cli-value-hours = TIMER
cli-value-id = ID
cli-value-limit = ANTAL
cli-value-min = MIN
cli-value-month = MÅNED
cli-value-n = N
cli-value-name = NAVN
cli-value-number = NUMMER
cli-value-on-duplicate = DUBLET
cli-value-path = STI
cli-value-per-cleaner = ANTAL
cli-value-phone = TELEFON
cli-value-priority = PRIORITET
cli-value-r = ÅRSAG
cli-value-reason = BEGRUNDELSE
cli-value-rfc3339 = RFC3339
cli-value-role = ROLLE
cli-value-s = YDELSE
cli-value-scope = OMFANG
cli-value-service = YDELSE
cli-value-skills = YDELSER
cli-value-spec = GENTAGELSE
cli-value-strategy = STRATEGI
cli-value-t = TEKST
cli-value-text = TEKST
cli-value-time = TID
cli-value-who = HVEM
cli-value-options = TILVALG
cli-value-command = KOMMANDO
cli-help-serve-long = Kør backoffice uden konsol, indtil SIGTERM eller Ctrl-C.

    Kalendersynkroniseringen, fakturaer og betalinger, automatiske alarmer og udbakkens afsendelser, som mens en konsol er åben; logger til logfilen. Én pr. database; konsoller kan køre ved siden af. Med --http også JSON-API'et for nøgler lavet med `renos token add`.
cli-help--help-more = Vis hjælp (mere med '--help')
cli-help--help-summary = Vis hjælp (et overblik med '-h')
cli-help-default = [standard: { $value }]
cli-help-env = [miljøvariabel: { $name }={ $value }]
cli-help-possible-values = [mulige værdier: { $values }]
cli-help-possible-values-heading = Mulige værdier:
cli-error = fejl:
cli-error-tip = forslag:
cli-error-more = Se mere med '{ $help }'.
cli-error-unknown-argument = ukendt argument '{ $arg }'
cli-error-unknown-command = ukendt underkommando '{ $name }'
cli-error-value-missing = '{ $arg }' skal have en værdi, men fik ingen
cli-error-invalid-value = ugyldig værdi '{ $value }' til '{ $arg }'
cli-error-missing-arguments = disse argumenter mangler:
cli-error-missing-command = '{ $name }' skal have en underkommando, men fik ingen
cli-error-commands = [underkommandoer: { $names }]
cli-error-twice = '{ $arg }' kan kun gives én gang
cli-error-conflict = '{ $arg }' kan ikke bruges sammen med
cli-error-conflict-command = underkommandoen '{ $name }' kan ikke bruges sammen med
cli-error-conflict-others = et eller flere af de andre angivne argumenter
cli-error-no-equals = '{ $arg }' skal have sin værdi efter et lighedstegn
cli-error-too-many-values = uventet værdi '{ $value }' til '{ $arg }'; der skulle ikke flere
cli-error-too-few-values = '{ $arg }' skal have { $needed } værdier, men fik kun { $n }
cli-error-wrong-number-of-values = '{ $arg }' skal have { $needed } værdier, men fik { $n }
cli-error-similar-command = { $n ->
        [1] en lignende underkommando findes: { $names }
       *[other] lignende underkommandoer findes: { $names }
    }
cli-error-similar-option = { $n ->
        [1] et lignende argument findes: { $names }
       *[other] lignende argumenter findes: { $names }
    }
cli-error-similar-value = { $n ->
        [1] en lignende værdi findes: { $names }
       *[other] lignende værdier findes: { $names }
    }
cli-error-tip-as-value = for at give { $arg } som en værdi, skriv { $use }
cli-error-tip-exists = { $use } findes
cli-error-tip-no-dashes = underkommandoen { $name } findes; fjern { $dashes } foran den for at bruge den
cli-error-number-empty = intet tal
cli-error-number-digit = ikke et helt tal
cli-error-number-too-large = tallet er for stort
cli-error-number-too-small = tallet er for lille
cli-error-out-of-range = { $value } er ikke mellem { $low } og { $high }
cli-error-below = { $value } er mindre end { $low }
cli-error-language = skriv da eller en
cli-error-role = skriv admin, dispatcher, viewer eller cleaner
cli-error-address = ikke en adresse som 127.0.0.1:8787
cli-error-month = { $text } er ikke en måned: skriv den som 2026-12

## The cleaners' page (/app/) and the SMS it sends
app-name = RenOS — min dag
app-short-name = Min dag
app-today = I dag, { $date }
app-loading = Henter din dag…
app-no-jobs = Ingen opgaver i dag.
app-login = Åbn linket eller QR-koden fra kontoret for at logge ind.
app-offline = Ingen forbindelse — viser det sidst hentede. Prøver igen…
app-live-off = Direkte opdatering er slået fra; dagen hentes hvert 30. sekund.
app-map = Kort
app-call = Ring { $phone }
app-access = Adgang
app-on-my-way = Jeg er på vej
app-start = Start
app-finish = Færdig
app-note = En note til kontoret
app-note-save = Gem note
app-note-saved = Noten er gemt.
app-told = Kunden har fået besked: forventet kl. { $time }.
app-already-told = Kunden har allerede fået besked; intet er sendt.
app-on-the-way = På vej
app-started = Startet.
app-finished = Færdig.
app-failed = Det lykkedes ikke: { $error }
app-status-scheduled = Planlagt
app-status-in_progress = I gang
app-status-completed = Færdig
app-status-cancelled = Aflyst
app-sms-on-the-way = Din rengøringsassistent er på vej, forventet kl. { $time }
details-on-the-way = på vej, kunden fik en sms kl. { $time }

# renos token
cli-token-revoked = Token { $name } er tilbagekaldt
cli-token-staff-missing = --staff: en rengørers token nævner rengøreren, f.eks. --staff Maja
cli-token-staff-not-cleaner = --staff hører til en rengørers token (--role cleaner)
cli-token-made = Token { $name } ({ $role }) er lavet. Det vises kun denne ene gang:
cli-token-how = Send det som `Authorization: Bearer TOKEN`; `renos token revoke { $name }` stopper det.
cli-token-scan = Scan koden med telefonen for at åbne rengørernes side:
cli-token-none = Ingen tokens endnu: `renos token add NAVN --role ROLLE` laver et.
cli-token-line = lavet { $made } af { $by }, sidst brugt { $used }
cli-token-line-revoked = lavet { $made } af { $by }, sidst brugt { $used }, tilbagekaldt { $revoked }

## Input errors in words

when-date-hint = skriv en dato som 20/1 eller en ugedag som mandag
when-date-forms = skriv den som 20/1, 20/1/2025 eller 2025-01-20
when-date-empty = ingen dato: { $hint }
when-date-backwards = { $text }: tæl kun dage frem (+1 er i morgen); skriv datoen for en tidligere dag
when-date-two-weekdays = to ugedage ({ $first } og { $second }): skriv én ugedag eller ingen
when-date-two-dates = to datoer ({ $first } og { $second }): skriv én dato
when-date-not-a-date = { $text } er ikke en dato: { $forms }
when-date-unknown-day = ukendt dag { $text }: { $hint }
when-date-none-in = ingen dato i { $text }: { $hint }
when-date-bad-count = { $text }: skriv + og et antal dage, f.eks. +3 for om tre dage
when-date-too-far = { $text } er for langt ude i fremtiden: skriv datoen
when-date-no-month = { $text } er ikke en dato: der er ingen måned { $month } (månederne går fra 1 til 12)
when-date-no-day = { $text } er ikke en dato: { $month } { $year } har dagene 1 til { $last }
when-time-hint = skriv det som 9, 9:30, 09.30 eller 0930
when-time-empty = intet klokkeslæt: { $hint }
when-time-not-a-time = { $text } er ikke et klokkeslæt: { $hint }
when-time-seconds = { $text }: skriv timer og minutter uden sekunder, f.eks. 9:30
when-time-two-digits = { $text }: skriv minutterne med to cifre, f.eks. 9:05 eller 9:30
when-time-hours = { $text }: timerne går fra 0 til 23 (midnat er 0:00); { $hint }
when-time-minutes = { $text }: minutterne går fra 00 til 59; { $hint }
when-duration-hint = skriv den som 3, 2,5, 2:30, 2 t 30 min eller 90 min
when-duration-empty = ingen varighed: { $hint }
when-duration-not-a-duration = { $text } er ikke en varighed: { $hint }
when-duration-negative = { $text }: en varighed kan ikke være negativ; { $hint }
when-duration-zero = { $text }: en varighed skal være længere end 0; { $hint }
when-duration-over-a-day = { $text } er længere end et døgn: en opgave kan højst vare 24 t
when-duration-over-a-day-minutes = { $text } er længere end et døgn: en opgave kan højst vare 24 t; skriv { $minutes } min for minutter
when-duration-minutes = { $text }: minutterne går fra 00 til 59; { $hint }
when-duration-minutes-after-hours = { $text }: efter timerne går minutterne fra 0 til 59; { $hint }
when-duration-unknown-unit = { $text }: ukendt enhed { $unit } (brug t eller h for timer, min for minutter)
when-duration-whole-hours = { $text }: med minutter efter, skriv hele timer, f.eks. 2 t 30 min
when-duration-whole-minutes = { $text }: skriv minutter som et helt tal, f.eks. 90 min
contact-phone-danish = { $text } er ikke et telefonnummer: danske numre har 8 cifre, f.eks. +45 12 34 56 78
contact-phone-abroad = { $text } er ikke et telefonnummer: udenlandske numre starter med + og landekoden og har 8 til 15 cifre, f.eks. +46 70 123 45 67
contact-email-refused = { $text } er ikke en e-mailadresse: { $why }
contact-email-no-at = den har intet @
contact-email-two-ats = den har mere end ét @
contact-email-no-local = delen før @ mangler
contact-email-local-space = delen før @ indeholder et mellemrum
contact-email-local-blank = delen før @ indeholder et blanktegn
contact-email-local-char = delen før @ indeholder { $char }
contact-email-local-dot-edge = delen før @ starter eller slutter med et punktum
contact-email-local-two-dots = delen før @ har to punktummer i træk
contact-email-too-long = den er for lang
contact-email-no-domain = delen efter @ mangler
contact-email-domain-space = delen efter @ indeholder et mellemrum
contact-email-domain-char = delen efter @ indeholder { $char }
contact-email-domain-no-dot = delen efter @ ({ $domain }) skal have et punktum, f.eks. eksempel.dk
contact-email-domain-two-dots = delen efter @ har to punktummer i træk
contact-email-domain-dot-edge = delen efter @ starter eller slutter med et punktum
contact-email-domain-hyphen = en del af domænet starter eller slutter med en bindestreg
contact-email-no-top-level = domænet ender på { $top }, som ikke er et topdomæne, f.eks. .dk eller .com
contact-needs-name = en kunde skal have et navn
hours-not-a-time = { $text } er ikke et klokkeslæt; skriv det som TT:MM, f.eks. 07:30
hours-not-hours = { $text }: skriv tiden som TT:MM-TT:MM
hours-ends-before-start = { $text }: tiden skal slutte efter den starter
hours-day-ends-before-start = { $text }: arbejdsdagen skal slutte efter den starter
hours-overlap = { $what }: { $first } og { $second } overlapper
hours-not-a-weekday = { $text } er ikke en ugedag (mon, tue, wed, thu, fri, sat, sun)
hours-days-first = { $text }: skriv dagene først, f.eks. mon-fri 08:00-12:00,12:30-16:00
hours-no-hours = { $text }: skriv tiden som DAGE TT:MM-TT:MM, f.eks. mon-fri 08:00-16:00
hours-no-working-hours = { $text }: skriv arbejdstiden som DAGE TT:MM-TT:MM, f.eks. mon-fri 07:00-16:00
hours-days-backwards = { $text }: den første dag skal komme før den sidste (mon-fri)
hours-not-an-override = { $text }: skriv DATO[..DATO] { $closed } eller DATO[..DATO] TT:MM-TT:MM
hours-not-a-date = { $text } er ikke en dato; skriv ÅÅÅÅ-MM-DD
hours-range-backwards = { $text }: perioden skal slutte samme dag eller efter den starter
hours-time-off-backwards = { $text }: fri skal slutte samme dag eller efter den dag, den starter
hours-not-a-postcode = { $text } er ikke et postnummer (fire cifre, f.eks. 2100)
hours-postcodes-backwards = { $text }: intervallet skal gå opad (2100-2450)
hours-not-a-count = { $text } er ikke et antal timer mellem 0 og { $max } (f.eks. 30 eller 37,5) eller { $none }
hours-not-whole = { $text } er ikke et helt tal (f.eks. 0, 5 eller -1)
hours-no-such-day = dag { $day } er ikke en ugedag
hours-empty-day = skriv TT:MM-TT:MM, et interval mere efter et komma for en pause, eller { $off }
repeat-hint = skriv hver uge, hver 2. uge, månedlig eller en RRULE (FREQ=WEEKLY;INTERVAL=2)
repeat-empty = ingen gentagelse: { $hint }
repeat-not-a-repeat = { $text } er ikke en gentagelse: { $hint }
repeat-weeks = { $text }: antallet af uger er 1 til 52
repeat-monthly-day = { $text }: skriv dagen som månedlig, 2. tirsdag (1. til 4. eller sidste)
repeat-not-that-day = { $text }: det første besøg, { $first }, er ikke den { $nth } { $weekday } i måneden; ret datoen, eller skriv månedlig
repeat-ends-one-visit = en serie har mindst 1 besøg
repeat-ends-hint = aldrig, et antal besøg (efter 6 gange) eller en dato (til 2/3)
repeat-ends-refused = slutter: { $why }
series-error-no-service = en serie skal have en ydelse
series-error-duration = varighed: et besøg varer fra 1 minut til 24 timer
series-error-ends-before-start = slutter: slutdatoen ({ $until }) ligger før seriens start ({ $first })
series-error-no-count = antal: en serie har mindst ét besøg
series-error-pause = pause: pausen slutter ({ $to }), før den begynder ({ $from })
series-error-rule = gentagelse: { $why }
form-which-cleaner = hvem af dem: { $names }?
form-no-cleaner-called = ingen rengører hedder "{ $name }" (tomt = utildelt)

## En rengøringsassistents kalender hos en anden udbyder (renos status, renos sync)
cli-provider-google = Google Kalender
cli-provider-caldav = CalDAV
cli-provider-outlook = Microsoft 365
connection-shared = Google
connection-own = { $provider } ({ $cleaner })
connection-state = { $state ->
    [up_to_date] { $name } ✓
    [waiting] { $name }: { $n } venter
    [cannot_reach] { $name }: kan ikke nås
    [refused] { $name }: afvist
    [not_set_up] { $name }: ikke sat op
   *[not_yet] { $name }: ikke synkroniseret endnu
}
connections-fine = kalendere ✓
connection-shared-lower = den fælles Google-kalender
staff-calendar = Kalender: { $calendar }
connection-shared-whole = Den fælles Google-kalender
connection-own-whole = { $cleaner }s kalender ({ $provider })
connection-sentence = { $state ->
    [not_set_up] { $name } er ikke sat op: dens ændringer venter.
    [cannot_reach] { $name } kan ikke nås: dens ændringer venter til næste synkronisering.
   *[refused] { $name } afviste synkroniseringen: `renos doctor` fortæller hvorfor.
}
cli-status-own-calendar-line = { $cleaner } ({ $provider } { $id }): { $how }
cli-status-calendar-not-set-up = ikke sat op: { $why }
cli-sync-calendar = { $provider } { $id }: { $how }
cli-sync-calendar-synced = synkroniseret
cli-sync-calendar-unreachable = kunne ikke nås; ændringerne venter og prøves igen
cli-sync-calendar-refused = afvist (se fejlene nedenfor)
cli-sync-calendar-not-set-up = ikke sat op (se fejlene nedenfor)

## The engine's remarks on a booking and in the journal (stored in English, worded when shown)
remark-new-customer = oprettet i { $calendar } uden en kendt kunde i titlen: tjek kunden
remark-all-day = heldagsaftale i { $calendar }: sæt tiderne
remark-deleted-there = slettet i { $calendar }
remark-changed-there = ændret i { $calendar }
remark-made-there = oprettet i { $calendar }
remark-calendar-google = Google Kalender
remark-calendar-caldav = CalDAV-kalenderen
remark-calendar-microsoft365 = Microsoft 365-kalenderen
remark-kept-both = begge beholdt efter en synk-konflikt
remark-copy-of = begge beholdt efter en synk-konflikt: kalenderens udgave af #{ $id }
remark-kept-theirs = kalenderens udgave beholdt
remark-file-customer-made = kunden blev ikke fundet: oprettet ud fra kalenderaftalen; tjek, hvem det er
remark-file-all-day = hele dagen i kalenderen: giv den et tidspunkt
remark-file-no-end = intet sluttidspunkt i kalenderen: en time antaget
remark-file-end-before-start = slutter før den starter i kalenderen: en time antaget
remark-file-ends-at-start = slutter, når den starter i kalenderen: en time antaget
remark-file-tentative = foreløbig i kalenderen
remark-file-cancelled = aflyst i kalenderen
remark-cancelled-before-import = aflyst før importen
remark-imported-from = importeret fra { $file }

## A customer file's bad records (`renos import`, `renos validate`) and amounts of money
import-problem-line = linje { $line }: { $what }
import-problem-column = linje { $line }, kolonne { $column }: { $what }
import-no-name = en kunde skal have et navn
import-not-a-count = { $text } er ikke et antal: skriv et helt tal, 0 eller mere
import-count-too-large = { $text } er et for stort antal
import-not-a-date = { $text } er ikke en dato: skriv den som 2025-10-01, 1/10/2025, 2025-10-01 10:00 eller 2025-10-01T10:00:00+02:00
import-not-a-date-time = { $text } er ikke en dato med klokkeslæt: skriv den som 2025-10-15T10:00:00+02:00 eller 2025-10-15 10:00
import-not-a-status = { $text } er ikke en bookingstatus: brug scheduled, in_progress, completed eller cancelled
import-no-time = { $start ->
    [yes] en booking skal have sit starttidspunkt
   *[no] en booking skal have sit sluttidspunkt
}
import-end-not-after-start = slutningen ({ $end }) er ikke efter starten ({ $start })
import-too-many-fields = rækken har { $fields } felter, men overskriftsrækken har { $heading }; mangler en værdi med { $delimiter ->
    [semicolon] semikolon
    [tab] tabulator
   *[comma] komma
} sine anførselstegn?
money-not-an-amount = { $text } er ikke et beløb: skriv kroner og øre, f.eks. 1047,50 eller 1.047,50 kr
money-too-large = { $text } er et for stort beløb
import-no-heading = kolonne { $column } har ingen overskrift; den springes over
import-unknown-column = kolonnen { $name } (kolonne { $column }) kender vi ikke; den springes over
import-unknown-field = feltet { $key } kender vi ikke; det springes over
import-many-unknown = mere end { $n } felter kender vi ikke; de springes alle over
import-not-utf8 = { $csv ->
    [yes] linje { $line } er ikke UTF-8 som linjerne før den; den blev læst som Windows-1252, og det bliver alle andre sådanne linjer også
   *[no] linje { $line } er ikke UTF-8; den blev læst som Windows-1252, og det bliver alle andre sådanne kunder også
}
import-bookings-not-created = filen har { $n } { $n ->
    [one] booking
   *[other] bookinger
}; de oprettes ikke uden --create-bookings
import-booking-no-cleaner = linje { $line }: ingen rengører hedder { $name }: tilføj dem med `renos staff add`, eller lad feltet stå tomt for en utildelt booking
import-booking-refused = linje { $line }: ikke oprettet: { $why }
import-shape-csv = CSV, { $separated }, { $encoding }, { $columns } kolonner
import-shape-semicolon = semikolonsepareret
import-shape-comma = kommasepareret
import-shape-tab = tabulatorsepareret
import-shape-other = adskilt med { $char }
import-shape-utf8-bom = UTF-8 med BOM

## A calendar import's problems, double bookings and warnings (`renos ics import`, `renos validate FILE.ics`); the file's own names (DTSTART, RRULE, X-RENOS-…) as the file writes them, the reader's own words last
ics-problem = linje { $line }: { $what }
ics-unreadable = begivenheden kan ikke læses og er ikke importeret: ret den i kalenderen, eller spring den over med --skip-invalid (læseren siger: { $detail })
ics-dates = begivenhedens datoer kan ikke regnes ud (dens RRULE, tidszone eller periode): ret den i kalenderen, eller spring den over med --skip-invalid (læseren siger: { $detail })
ics-too-long = { $summary } varer { $hours } timer, men en booking varer højst { $max } timer: del den op i kalenderen, eller spring den over med --skip-invalid
ics-not-minutes = { $field } { $value } er ikke et antal minutter: skriv et helt tal, f.eks. 90
ics-not-a-status = { $field } { $value } er ikke en bookingstatus: brug scheduled, in_progress, completed eller cancelled
ics-not-a-time = { $field } { $value } er ikke et tidspunkt: skriv det som 2026-12-04T09:00:00+01:00
ics-missing = { $entity ->
    [booking] booking
    [series] serie
    [customer] kunde
    [staff] rengører
   *[other] { $entity }
} #{ $id } findes ikke længere (den kan være slettet): kør importen igen
ics-refused = databasen afviste den: { $why }
ics-clash = linje { $line }: booking #{ $booking } ({ $date } kl. { $time }) er dobbeltbooket med { $with }
ics-stays-loose = linje { $line }: { $summary } blev importeret før som én booking pr. gang og bliver ved med det (en serie ved siden af ville give hvert besøg to gange)
ics-not-a-series = linje { $line }: { $summary } gentages som RRULE { $rule }, og det kan en serie ikke rumme ({ $why }): importeret som enkelte bookinger
ics-series-no-rule = der er ingen RRULE
ics-series-no-start = der er ingen start
ics-series-unknown-zone = dens tidszone kendes ikke
ics-series-all-day = en heldagsbegivenhed har intet starttidspunkt
ics-series-seconds = den starter ikke på et helt minut
ics-series-end-not-a-time = dens slutning er ikke et klokkeslæt
ics-series-duration-too-long = dens varighed er længere, end en kalender kan rumme
ics-series-no-end = den har intet sluttidspunkt
ics-series-length = et besøg varer et helt antal minutter, fra 1 minut til 24 timer
ics-series-holidays = { $field } { $value } er hverken skip eller move
ics-series-pause-date = { $field }: { $value } er ikke en dato (skriv ÅÅÅÅ-MM-DD)
ics-series-pause-range = { $field }: { $value } er ikke FRA/TIL (skriv f.eks. 2026-12-21/2027-01-03)
ics-series-dates = dens datoer kan ikke regnes ud (læseren siger: { $detail })
ics-series-drifts = dens datoer holder ikke ét klokkeslæt i { $zone }, sådan som en serie gør

## Why an import could not read its file at all, and where one stopped midway; the system's or the reader's own words last
import-file = { $file }: { $what }
import-file-not-found = filen findes ikke: tjek navnet og mappen (systemet siger: { $detail })
import-file-denied = du har ikke adgang til at læse filen: tjek dens rettigheder (systemet siger: { $detail })
import-file-is-a-folder = det er en mappe, ikke en fil: skriv navnet på filen i mappen (systemet siger: { $detail })
import-file-cannot-read = filen kan ikke læses (systemet siger: { $detail })
import-file-no-such-cleaner = --staff { $name } er ikke en rengører (kendte: { $known })
import-file-no-cleaners = --staff { $name } er ikke en rengører: der er ingen rengørere endnu; tilføj dem med `renos staff add`
import-file-stopped-at = linje { $line }: filen kan ikke læses videre herfra, så intet er importeret: ret linjen, eller tjek, at det er den rigtige fil (læseren siger: { $detail })
import-file-stopped = filen kan ikke læses, så intet er importeret: tjek, at det er den rigtige fil (læseren siger: { $detail })
import-file-stopped-writing = { $line ->
    [0] filen kunne ikke læses færdig
   *[other] linje { $line }: filen kunne ikke læses videre herfra
}; posterne før er importeret: kør importen igen for at gøre den færdig (kunder, der allerede er importeret, genkendes) (læseren siger: { $detail })
import-stopped-events = begivenhederne på linje { $first }–{ $last } blev ikke importeret: { $why }. Begivenhederne før dem er importeret; kør importen igen for at gøre den færdig (begivenheder, der allerede er importeret, genkendes på deres UID)
import-stopped-overrides = de ændrede enkelte forekomster af gentagne begivenheder blev ikke alle importeret: { $why }. Kør importen igen for at gøre den færdig (begivenheder, der allerede er importeret, genkendes på deres UID)
import-stopped-records = linje { $first }–{ $last } blev ikke importeret: { $why }. Linjerne før dem er importeret; kør importen igen for at gøre den færdig (kunder, der allerede er importeret, genkendes som dubletter)
io-not-found = filen eller mappen findes ikke: tjek stien (systemet siger: { $detail })
io-denied = du har ikke adgang: tjek rettighederne på filen og mappen (systemet siger: { $detail })
io-is-a-folder = det er en mappe, ikke en fil: skriv en fils navn (systemet siger: { $detail })
io-exists = den findes allerede (systemet siger: { $detail })
io-full = disken er fuld: gør plads, og prøv igen (systemet siger: { $detail })
io-other = systemet siger: { $detail }

## Why the store refused or failed (the commands and the console); SQLite's and the store's own detail last
store-missing = der er ingen database i { $path }: kør `renos demo` for at prøve demoen, eller `renos staff add` for at starte en
store-too-new = databasen har skemaversion { $have }, som er nyere end den, denne renos kender ({ $known }): opdatér renos
store-not-found = { $entity ->
    [booking] booking
    [series] serie
    [customer] kunde
    [staff] rengører
    [alert] alarm
    [invoice] faktura
   *[other] { $entity }
} #{ $id } findes ikke (den kan være slettet): tjek nummeret
store-stale = { $entity ->
    [booking] booking
    [series] serie
    [customer] kunde
    [staff] rengører
   *[other] { $entity }
} #{ $id } er ændret af { $by } kl. { $at }, efter du hentede den: se den igen, og prøv igen
store-sql = databasen svarede med en fejl; prøv igen, og kør `renos doctor`, hvis det bliver ved (SQLite siger: { $detail })
store-corrupt = de gemte data er beskadiget; kør `renos doctor` (detaljer: { $detail })
refusal-clash-needs-reason = en dobbeltbooking kræver en begrundelse til journalen
refusal-cancel-needs-reason = en aflysning kræver en begrundelse (fx "kunden aflyste")
refusal-cancelled = booking #{ $id } er aflyst: fortryd aflysningen (u), eller opret en ny booking
refusal-already-cancelled = booking #{ $id } er allerede aflyst
refusal-finished = booking #{ $id } er færdig; en færdig opgave kan ikke aflyses
refusal-not-for-review = booking #{ $id } venter ikke på gennemsyn
refusal-nothing-to-reassign = der er ingen opgave at give videre
refusal-not-reassignable = booking #{ $id } er { $status }: kun en opgave, der ikke er begyndt, kan gives til en anden
refusal-not-a-visit = omfang: booking #{ $id } er ikke et besøg i en serie; brug --scope this
refusal-visit-not-scheduled = booking #{ $id } er { $status }: kun planlagte besøg følger deres serie; brug --scope this
refusal-pause-backwards = til: pausen slutter ({ $to }), før den begynder ({ $from })
refusal-not-paused = serie #{ $id } er ikke sat på pause
refusal-ends-before-start = efter: serie #{ $id } begynder { $first }; aflys dens besøg i stedet
refusal-note-empty = noten er tom
refusal-not-finished-to-invoice = booking #{ $id } er ikke færdig: kun færdige opgaver faktureres
refusal-already-invoiced = booking #{ $id } er allerede faktureret ({ $on }, bestilt af { $by })
refusal-invoiced-on = { $kind ->
    [monthly-numbered] på månedsfaktura { $number } for { $month }
    [monthly] på månedsfakturaen for { $month }, { $stage ->
        [pending] venter
        [draft] kladde
        [approved] godkendt
       *[voided] annulleret
    }
    [numbered] faktura { $number }
   *[single] fakturaen { $stage ->
        [pending] venter
        [draft] er en kladde
        [approved] er godkendt
       *[voided] er annulleret
    }
}
refusal-invoice-approved = { $numbered ->
    [yes] faktura { $number }
   *[no] fakturaen
}{ $booking ->
    [0] {""}
   *[other] {" "}for booking #{ $booking }
} er allerede godkendt
refusal-staff-still-booked = { $name } har stadig { $n ->
    [one] 1 kommende eller igangværende opgave
   *[other] { $n } kommende eller igangværende opgaver
}; giv dem til en anden, eller aflys dem først
refusal-own-rule-cannot-move = en serie med sin egen RRULE kan ikke flyttes til en anden ugedag: afslut den, og book en ny
entry-customer-name-missing = en kunde skal have et navn
entry-cleaner-name-missing = en rengører skal have et navn
entry-cleaner-name-too-long = { $name } er for langt til et navn (højst 40 tegn)
entry-cleaner-name-taken = der er allerede en rengører, der hedder { $name }
entry-cleaner-phone = telefon: { $why }
entry-token-name-missing = et token skal have et navn (bogstaver, tal, mellemrum), f.eks. "maja-telefon"
entry-token-staff = en rengørers token nævner rengøreren (--staff NAVN), og kun en rengørers token gør det
entry-token-name-taken = der er allerede et token, der hedder { $name }; vælg et andet navn
entry-no-such-token = der er intet token, der hedder { $name } (`renos token list` viser dem)
entry-token-revoked = tokenet { $name } er allerede tilbagekaldt
entry-hours-none = { $field }: skal være mere end 0 timer
shape-ends-before-start = en booking skal slutte, efter den begynder
shape-too-long = en booking kan højst vare { $max } timer
access-refused = { $login } er { $role ->
    [viewer] læser
    [dispatcher] dispatcher
   *[admin] admin
} her: { $what } kræver rollen { $need }
access-refused-from = { $login } er { $role ->
    [viewer] læser
    [dispatcher] dispatcher
   *[admin] admin
} her: { $what } kræver rollen { $need } ([roles] i { $path })
access-what-bookings = at ændre bookinger
access-what-customers = at ændre kunder
access-what-imports = at importere
access-what-sync = at synkronisere kalenderne
access-what-alerts = opkald og sms
access-what-deliveries = at levere til udbyderne
access-what-staff = at ændre rengørere
access-what-billing = at fakturere
access-what-tokens = at administrere API-tokens
store-open-folder = mappen { $path } kan ikke oprettes: { $why }
store-open-file = { $path } kan ikke oprettes: { $why }
store-open-unreachable = databasen { $path } kan ikke åbnes: { $why }
store-not-a-database = { $path } er ikke en RenOS-database (eller den er beskadiget): tjek --db (eller `database` i konfigurationen), eller læg en sikkerhedskopi tilbage
store-clash = { $staff } har allerede en opgave { $start }–{ $end } hos { $customer } (#{ $id }, gemt af { $by } kl. { $at }); vælg et andet tidspunkt eller en anden rengører, eller gem med en begrundelse for dobbeltbookingen
store-write = eksporten kunne ikke skrives færdig; tjek, at der er plads, og at filen kan skrives (systemet siger: { $detail })
store-no-such-cleaner = ingen rengører hedder { $name }; `renos staff list` viser dem
provider-not-set-up = { $provider } er ikke sat op: sæt { $missing } (eller [{ $section }] i konfigurationen)
cli-invoice-which = angiv en booking, eller --customer og --month
store-no-sync-conflict = booking #{ $booking } har ingen synkroniseringskonflikt{ $series ->
    [yes] {" "}for sin serie
   *[no] {""}
} (den kan allerede være afgjort)
job-already-running = opgaven er allerede i gang
job-already-finished = opgaven er allerede afsluttet
job-cancelled = opgaven er aflyst
job-not-started = opgaven er ikke startet endnu: start den først
job-unassigned = opgaven har ingen rengører: tildel en først

## Why an RRULE was refused (the rule's own names as the standard writes them)
rrule-supported = understøttet: FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, WKST
rrule-no-value = RRULE-delen { $part } har ingen værdi (skriv NAVN=VÆRDI, f.eks. FREQ=WEEKLY)
rrule-twice = RRULE har { $name } to gange (den må kun stå én gang)
rrule-freq-not-supported = RRULE FREQ={ $freq } understøttes ikke (understøttet: DAILY, WEEKLY, MONTHLY, YEARLY)
rrule-not-a-freq = RRULE FREQ={ $value } er ikke en hyppighed (skriv DAILY, WEEKLY, MONTHLY eller YEARLY)
rrule-interval = RRULE INTERVAL={ $value } er ikke et positivt helt tal
rrule-count = RRULE COUNT={ $value } er ikke et helt tal
rrule-until = RRULE UNTIL={ $value } er ikke en dato (skriv 20261231 eller 20261231T230000Z)
rrule-by-day = BYDAY-værdien { $item } er ikke en ugedag (skriv f.eks. MO, 1MO eller -1FR)
rrule-by-day-ordinal = BYDAY-værdien { $item }: nummeret skal være 1 til 53 eller -53 til -1
rrule-out-of-range = { $part }-værdien { $item } er uden for området (skriv { $low } til { $high }{ $negative ->
    [yes] {" "}eller -{ $high } til -{ $low }
   *[no] {""}
})
rrule-wkst = RRULE WKST={ $value } er ikke en ugedag (skriv MO, TU, ..., SU)
rrule-part-not-supported = RRULE-delen { $name } understøttes ikke ({ rrule-supported })
rrule-part-unknown = RRULE-delen { $name } kendes ikke ({ rrule-supported })
rrule-no-freq = RRULE { $text } har ingen FREQ (skriv f.eks. FREQ=WEEKLY;BYDAY=MO)
rrule-ordinal-needs-monthly = RRULE BYDAY med et nummer (som 1MO) kræver FREQ=MONTHLY eller FREQ=YEARLY
rrule-month-day-weekly = RRULE BYMONTHDAY kan ikke bruges med FREQ=WEEKLY

## What went wrong in a sync run (`renos sync`, `renos status`, the status line); Google's own messages as given
sync-error-calendar = { $calendar }: { $error }
sync-error-checking = under tjek af slettede aftaler: { $error }
sync-error-write = { $series ->
    [yes] serie
   *[no] booking
} #{ $id }: { $error }
google-full-sync = Google kræver en fuld synkronisering (synk-nøglen er udløbet)
google-deleted = aftalen er allerede slettet i Google Kalender
google-duplicate = der findes allerede en aftale med dette id i Google Kalender
google-stale = aftalen blev ændret i Google Kalender imens
google-not-found = findes ikke i Google Kalender: { $what }
google-auth = Google afviste adgangsoplysningerne: { $why }
google-rate-limited = Google Kalender begrænser antallet af forespørgsler; prøver igen senere
google-server = Google Kalender svarede { $status }: { $message }
google-network = kan ikke nå Google Kalender: { $why }
google-bad-page-token = Google afviste sidenøglen; listen begynder forfra
google-read-only = Google Kalender tillader kun læsning ({ $why }): del kalenderen med kontoen som "Foretag ændringer i begivenheder"
google-refused = Google Kalender afviste forespørgslen ({ $status } { $reason }): { $message }
loose-all-day = en heldagsaftale har intet starttidspunkt
loose-second-past-minute = den starter ikke på et helt minut
loose-length = et besøg varer et helt antal minutter, fra 1 minut til 24 timer
loose-two-rrules = den har mere end én RRULE
loose-unknown-line = { $line } er ikke en regel, en serie kender
loose-no-rrule = ingen RRULE
loose-local-time = dens datoer holder ikke ét lokalt klokkeslæt i { $zone }, som en serie gør

# A cleaner's own calendar (CalDAV, Microsoft 365) in a sync run's errors.
sync-error-not-set-up = { $calendar }: ikke sat op: { $why }
sync-error-removal = under sletning af en flyttet opgaves gamle aftale: { $error }
provider-error-changed = aftalen blev ændret i kalenderen imens
provider-error-not-found = findes ikke i kalenderen: { $what }
provider-error-resync = kalenderen kræver en fuld synkronisering (synk-nøglen er udløbet)
provider-error-unauthorised = kalenderen afviste adgangsoplysningerne: { $why }
provider-error-unreachable = kan ikke nå kalenderen: { $why }
provider-error-bad-data = kalenderen sendte noget, der ikke kan læses: { $why }
provider-error-refused = kalenderen afviste forespørgslen ({ $status }): { $message }
provider-error-too-many = kalenderen har flere end { $limit } aftaler, flere end --max-events lader én kørsel tage ind: intet blev taget ind (kør igen med et større --max-events eller uden)
provider-error-gone = aftalen er allerede slettet i kalenderen
provider-error-exists = der findes allerede en aftale med dette id i kalenderen
provider-error-page-expired = kalenderen afviste sidenøglen; listen begynder forfra
provider-error-rate-limited = kalenderen begrænser antallet af forespørgsler; prøver igen senere
provider-error-server = kalenderen svarede { $status }: { $message }
provider-error-read-only = kalenderen tillader kun læsning: { $why }
provider-error-refused-reason = kalenderen afviste forespørgslen ({ $status } { $reason }): { $message }

## A settings file's faults (config, keymap, theme): file, line and field first.
config-field = { $file }: { $field }: { $why }
config-field-at = { $file }: linje { $line }: { $field }: { $why }
config-end-before-start = { $file }: { $field } skal ligge efter { $start }; ret en af dem
config-must-be-after = skal ligge efter { $start }
config-out-of-range = { $value } ligger uden for det tilladte; brug { $low } til { $high }
config-unit-milliseconds = millisekunder
config-unit-seconds = sekunder
config-unit-minutes = minutter
config-unit-hours = timer
config-unit-days = dage
config-unit-weeks = uger
config-unit-requests = forespørgsler
config-unit-kib = KiB
config-note-unpaced = ingen grænse
config-note-area-gap = afstanden inden for et område, conflicts.travel_gap_min
config-note-a-week = en uge
config-not-a-time = { $text } er ikke et klokkeslæt; skriv det som TT:MM, f.eks. 07:30
config-not-a-date = { $text } er ikke en dato; skriv den som 2026-12-24
config-not-a-time-zone = { $text } er ikke en kendt tidszone; skriv et IANA-navn som Europe/Copenhagen
config-not-a-language = { $text } er ikke et sprog, konsollen taler; skriv "da" eller "en"
config-not-a-grid = { $minutes } kan ikke bruges som tidsgitter; brug 5 til 120 minutter, der går op i en time (5, 10, 15, 20, 30), eller hele timer (60, 120)
config-not-a-billing-unit = { $minutes } er ikke en faktureringsenhed; brug 15 (et kvarter), 30 eller 60 minutter
config-not-a-closing-day = { $text } er ikke en dag, firmaet kan vælge at holde lukket; brug grundlovsdag, juleaftensdag eller nytårsaftensdag (eller skriv en dato)
config-notice-leaves-nothing = { $days } dage frem efterlader intet efter det mindste varsel på { $minutes } minutter; hæv slots.max_notice_days, eller sænk slots.min_notice_min
config-rate-of = { $service }: taksten kan ikke bruges; skriv et beløb over 0 kr, f.eks. 349 eller "349,50 kr" (læseren siger: { $detail })
config-rate = taksten kan ikke bruges; skriv et beløb over 0 kr, f.eks. 349 eller "349,50 kr" (læseren siger: { $detail })
config-empty-role-name = et tomt navn; skriv et login ("anna") eller en gruppe ("@renos")
config-calendar = kalenderen kan ikke læses; skriv google:ID, caldav:URL eller outlook:BRUGER (læseren siger: { $detail })
config-other = værdien kan ikke bruges; ret den (læseren siger: { $detail })
toml-too-deep = { $file }: linje { $line }: klammerne er sat inden i hinanden mere end { $max } niveauer dybt; mangler der en ] eller { "}" }? Ret filen
toml-unreadable-at = { $file }: linje { $line }, kolonne { $column }: filen kan ikke læses; ret filen (læseren siger: { $detail })
toml-unreadable = { $file }: filen kan ikke læses; ret filen (læseren siger: { $detail })
config-unreadable = kan ikke læse konfigurationsfilen { $file }: { $why }
settings-too-large = filen fylder mere end { $mb } MB, det meste en indstillingsfil må fylde: tjek, at det er den rigtige fil
settings-not-utf8 = filen er ikke UTF-8-tekst: gem den som UTF-8
