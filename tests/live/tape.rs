//! Replays `demo.tape` (a VHS script) against the built binary in tmux, so
//! the recorded demo can never drift from the program: every key it types
//! reaches the real console, every `Wait` must be met, and the console must
//! quit cleanly at the end.

use crate::common;

use std::time::Duration;

use common::Tmux;

/// One step of the tape.
#[derive(Debug)]
enum Step {
    Type(String),
    Key(&'static str, usize),
    Sleep(Duration),
    Wait(String, Duration),
}

fn duration(s: &str) -> Duration {
    let secs = if let Some(ms) = s.strip_suffix("ms") {
        ms.parse::<f64>().expect("ms") / 1000.0
    } else {
        s.trim_end_matches('s').parse::<f64>().expect("seconds")
    };
    Duration::from_secs_f64(secs)
}

fn parse(tape: &str) -> Vec<Step> {
    let keys: &[(&str, &str)] = &[
        ("Enter", "Enter"),
        ("Up", "Up"),
        ("Down", "Down"),
        ("Left", "Left"),
        ("Right", "Right"),
        ("Escape", "Escape"),
        ("Tab", "Tab"),
        ("Space", "Space"),
        ("Backspace", "BSpace"),
        ("PageUp", "PageUp"),
        ("PageDown", "PageDown"),
    ];
    let mut steps = Vec::new();
    for (n, raw) in tape.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (cmd, rest) = line.split_once(' ').unwrap_or((line, ""));
        let cmd_name = cmd.split('@').next().unwrap_or(cmd);
        match cmd_name {
            "Output" | "Set" | "Require" | "Hide" | "Show" | "Screenshot" | "Env" => {}
            "Type" => {
                let text = rest.trim().trim_matches('"');
                steps.push(Step::Type(text.to_string()));
            }
            "Sleep" => steps.push(Step::Sleep(duration(rest.trim()))),
            c if c.starts_with("Wait") => {
                let timeout = cmd
                    .split_once('@')
                    .map_or(Duration::from_secs(15), |(_, t)| duration(t));
                let pattern = rest.trim().trim_start_matches('/').trim_end_matches('/');
                steps.push(Step::Wait(pattern.to_string(), timeout));
            }
            c if c.starts_with("Ctrl+") => {
                let key: &'static str = Box::leak(
                    format!("C-{}", c.trim_start_matches("Ctrl+").to_lowercase()).into_boxed_str(),
                );
                steps.push(Step::Key(key, 1));
            }
            c => {
                let (_, tmux) = keys
                    .iter()
                    .find(|(name, _)| *name == c)
                    .unwrap_or_else(|| panic!("demo.tape line {}: unknown command {c:?}", n + 1));
                let count = rest.trim().parse::<usize>().unwrap_or(1);
                steps.push(Step::Key(tmux, count));
            }
        }
    }
    steps
}

#[test]
fn demo_tape_replays_against_the_real_binary() {
    let tape = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/demo.tape"))
        .expect("demo.tape");
    let steps = parse(&tape);
    assert!(
        steps.iter().any(|s| matches!(s, Step::Wait(..))),
        "the tape should check the screen somewhere"
    );
    let t = Tmux::start();
    for step in &steps {
        match step {
            Step::Type(text) => {
                t.tmux(&["send-keys", "-t", "t", "-l", text]);
            }
            Step::Key(key, count) => {
                for _ in 0..*count {
                    t.keys(&[key]);
                }
            }
            // Sleeps are for the recording; a short pause keeps key order natural.
            Step::Sleep(d) => std::thread::sleep((*d).min(Duration::from_millis(300))),
            Step::Wait(text, timeout) => {
                t.wait_for(&format!("demo.tape: Wait /{text}/"), *timeout, |s| {
                    s.contains(text.as_str())
                });
            }
        }
    }
    // The tape ends by quitting: back at the shell, main screen, exit status 0.
    t.wait_for(
        "the console to quit at the end of the tape",
        Duration::from_secs(10),
        |_| t.format("#{alternate_on}") == "0",
    );
    t.run("echo status:$?:o\"\"k");
    t.wait_text("status:0:ok");
}
