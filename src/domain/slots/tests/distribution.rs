//! How the strategies spread many jobs over a team.

use super::*;
use crate::domain::slots::Strategy;

/// Books `n` one-hour jobs, `per_day` a day from `first`, each with the
/// first slot of the first offer; returns the jobs per cleaner by id.
fn simulate(
    team: &mut [Cleaner],
    strategy: Strategy,
    first: NaiveDate,
    n: usize,
    per_day: usize,
    next_id: &mut i64,
) -> HashMap<i64, usize> {
    let mut count: HashMap<i64, usize> = HashMap::new();
    for i in 0..n {
        let day = first + Duration::days((i / per_day) as i64);
        let mut q = query(day, 1, 60);
        q.strategy = strategy;
        let f = find_slots(team, &cal(&never), &q);
        let Some((offer, slot)) = f.best(1).first().map(|(o, s)| (o.staff_id, *s)) else {
            panic!("no slot for job {i} on {day}");
        };
        let c = team.iter_mut().find(|c| c.id == offer).expect("cleaner");
        *next_id += 1;
        c.jobs.push(job(*next_id, c.id, slot.start, 60, None));
        c.last_booked = Some(*next_id);
        *count.entry(offer).or_default() += 1;
    }
    count
}

fn team(n: i64) -> Vec<Cleaner> {
    (1..=n)
        .map(|id| cleaner(id, "mon-sun 06:00-22:00"))
        .collect()
}

#[test]
fn round_robin_spreads_a_thousand_jobs_within_one() {
    let mut t = team(7);
    let mut id = 0;
    let count = simulate(
        &mut t,
        Strategy::RoundRobin,
        d("2026-11-02"),
        1000,
        40,
        &mut id,
    );
    let fair = 1000.0 / 7.0;
    for c in &t {
        let got = count.get(&c.id).copied().unwrap_or(0) as f64;
        assert!(
            (got - fair).abs() <= 1.0,
            "{}: {got} jobs, fair {fair:.1}",
            c.id
        );
    }
}

#[test]
fn least_busy_follows_contracted_hours() {
    let contracts = [37, 30, 20, 10];
    let mut t: Vec<Cleaner> = contracts
        .iter()
        .zip(1..)
        .map(|(h, id)| {
            let mut c = cleaner(id, "mon-fri 07:00-19:00");
            c.availability.contract_min = Some(h * 60);
            c
        })
        .collect();
    let total: u32 = contracts.iter().sum();
    let jobs = (total * 9 / 10) as usize; // 87 one-hour jobs in one week
    let mut id = 0;
    let count = simulate(
        &mut t,
        Strategy::LeastBusy,
        d("2026-11-02"),
        jobs,
        jobs.div_ceil(5),
        &mut id,
    );
    for (c, h) in t.iter().zip(contracts) {
        let got = count.get(&c.id).copied().unwrap_or(0) as f64;
        let share = jobs as f64 * f64::from(h) / f64::from(total);
        assert!(
            got <= f64::from(h),
            "{}: {got} jobs over a {h} h contract",
            c.id
        );
        assert!(
            (got - share).abs() <= 1.5,
            "{}: {got} jobs, share {share:.1}",
            c.id
        );
    }
}

#[test]
fn a_cleaner_added_mid_month_is_not_flooded() {
    let mut t = team(4);
    let mut id = 0;
    simulate(
        &mut t,
        Strategy::RoundRobin,
        d("2026-11-01"),
        400,
        40,
        &mut id,
    );
    t.push(cleaner(5, "mon-sun 06:00-22:00"));
    let count = simulate(
        &mut t,
        Strategy::RoundRobin,
        d("2026-11-11"),
        100,
        40,
        &mut id,
    );
    let newcomer = count.get(&5).copied().unwrap_or(0);
    assert!(
        (19..=21).contains(&newcomer),
        "the new cleaner got {newcomer} of 100"
    );
    for c in 1..=4 {
        let got = count.get(&c).copied().unwrap_or(0);
        assert!((19..=21).contains(&got), "{c}: {got} of 100");
    }
}

#[test]
fn least_busy_gives_a_newcomer_from_a_new_week_a_fair_share() {
    let contracted = |id| {
        let mut c = cleaner(id, "mon-fri 07:00-19:00");
        c.availability.contract_min = Some(30 * 60);
        c
    };
    let mut t: Vec<Cleaner> = (1..=4).map(contracted).collect();
    let mut id = 0;
    // A week of work for four, then a fifth joins on the Monday after.
    simulate(
        &mut t,
        Strategy::LeastBusy,
        d("2026-11-02"),
        100,
        20,
        &mut id,
    );
    t.push(contracted(5));
    let count = simulate(
        &mut t,
        Strategy::LeastBusy,
        d("2026-11-09"),
        100,
        20,
        &mut id,
    );
    for c in 1..=5 {
        let got = count.get(&c).copied().unwrap_or(0);
        assert!((19..=21).contains(&got), "{c}: {got} of 100");
    }
}
