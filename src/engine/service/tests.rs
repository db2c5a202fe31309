use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use super::*;

/// A service for the tests: commands say what to do.
enum Do {
    Panic,
    Block(Duration),
    Echo(usize),
}

struct Probe {
    ticks: Arc<AtomicUsize>,
    echoed: std_mpsc::Sender<usize>,
    /// Ticks fail while this is set.
    failing: bool,
}

impl Service for Probe {
    type Command = Do;

    fn every(&self) -> Duration {
        Duration::from_millis(10)
    }

    async fn command(&mut self, cmd: Do, _inbox: &mut Inbox<Do>) -> anyhow::Result<()> {
        match cmd {
            Do::Panic => panic!("a bug in the service"),
            // A blocking call (a database lock, say): the runtime cannot stop it.
            Do::Block(d) => std::thread::sleep(d),
            Do::Echo(n) => {
                let _ = self.echoed.send(n);
            }
        }
        Ok(())
    }

    async fn tick(&mut self, _inbox: &mut Inbox<Do>) -> anyhow::Result<()> {
        self.ticks.fetch_add(1, Ordering::SeqCst);
        if self.failing {
            anyhow::bail!("the database is locked");
        }
        Ok(())
    }
}

struct Setup {
    handle: ServiceHandle<Do>,
    news: std_mpsc::Receiver<ServiceNews>,
    echoed: std_mpsc::Receiver<usize>,
    ticks: Arc<AtomicUsize>,
}

fn start(failing: bool) -> Setup {
    let (news_tx, news) = std_mpsc::channel();
    let (echo_tx, echoed) = std_mpsc::channel();
    let ticks = Arc::new(AtomicUsize::new(0));
    let t = ticks.clone();
    let handle = spawn_service(
        "renos-test",
        move |n| {
            let _ = news_tx.send(n);
        },
        move || Probe {
            ticks: t,
            echoed: echo_tx,
            failing,
        },
    );
    Setup {
        handle,
        news,
        echoed,
        ticks,
    }
}

#[test]
fn commands_are_done_and_ticks_come_by_themselves() {
    let s = start(false);
    assert!(s.handle.send(Do::Echo(7)));
    assert_eq!(s.echoed.recv_timeout(Duration::from_secs(5)), Ok(7));
    let deadline = Instant::now() + Duration::from_secs(5);
    while s.ticks.load(Ordering::SeqCst) < 3 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(s.ticks.load(Ordering::SeqCst) >= 3);
    assert!(s.handle.stop());
}

#[test]
fn a_panic_is_told_to_the_owner_and_stop_still_returns() {
    let s = start(false);
    s.handle.send(Do::Panic);
    assert_eq!(
        s.news.recv_timeout(Duration::from_secs(5)),
        Ok(ServiceNews::Panicked {
            service: "renos-test"
        })
    );
    // Gone: commands go nowhere, and stopping returns at once.
    std::thread::sleep(Duration::from_millis(50));
    assert!(!s.handle.send(Do::Echo(1)));
    let t = Instant::now();
    assert!(s.handle.stop());
    assert!(t.elapsed() < Duration::from_millis(500));
}

#[test]
fn stop_returns_at_once_when_the_service_is_idle() {
    let mut s = start(false);
    let t = Instant::now();
    assert!(s.handle.stop_within(Duration::from_secs(5)));
    assert!(t.elapsed() < Duration::from_secs(1), "{:?}", t.elapsed());
    // Stopped: a second stop and the drop return at once.
    assert!(s.handle.stop_within(Duration::from_secs(5)));
    assert!(s.news.try_recv().is_err());
}

#[test]
fn a_service_stuck_in_a_blocking_call_does_not_hold_up_the_stop() {
    let mut s = start(false);
    s.handle.send(Do::Block(Duration::from_secs(3)));
    // Let it get stuck.
    std::thread::sleep(Duration::from_millis(100));
    let t = Instant::now();
    assert!(!s.handle.stop_within(Duration::from_millis(300)));
    let took = t.elapsed();
    assert!(
        took >= Duration::from_millis(300) && took < Duration::from_millis(1000),
        "{took:?}"
    );
    // Dropping the handle now does not wait again.
    let t = Instant::now();
    drop(s.handle);
    assert!(t.elapsed() < Duration::from_millis(100));
}

#[test]
fn a_failing_tick_is_told_once_and_the_service_goes_on() {
    let s = start(true);
    assert_eq!(
        s.news.recv_timeout(Duration::from_secs(5)),
        Ok(ServiceNews::Failed {
            service: "renos-test",
            error: "the database is locked".into(),
        })
    );
    let before = s.ticks.load(Ordering::SeqCst);
    // Still ticking, and still answering.
    assert!(s.handle.send(Do::Echo(2)));
    assert_eq!(s.echoed.recv_timeout(Duration::from_secs(5)), Ok(2));
    let deadline = Instant::now() + Duration::from_secs(5);
    while s.ticks.load(Ordering::SeqCst) < before + 3 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(s.ticks.load(Ordering::SeqCst) >= before + 3);
    // The same error again is not told again.
    assert!(s.news.try_recv().is_err());
    assert!(s.handle.stop());
}
