//! The demo console against a Billy and Twilio sandbox in a real terminal
//! (tmux, 80×24): finish a job, `I`, approve, see the invoice number; `V`,
//! see the call placed; `B`, the customer's month on one invoice; and all
//! reached the sandbox.

use crate::common;

use std::time::Duration;

use common::sandbox::SandboxProcess;
use common::{NOW, Tmux};
use serde_json::Value;

fn list(v: Value, key: &str) -> Vec<Value> {
    v.as_array()
        .or_else(|| v[key].as_array())
        .cloned()
        .unwrap_or_default()
}

#[test]
fn demo_invoices_a_finished_job_and_places_a_call() {
    let t = Tmux::start();
    let sb = SandboxProcess::start(t.dir.path());
    // The shell gets the sandbox's settings, as `. ./sandbox.env` does.
    for (k, v) in &sb.env {
        t.run(&format!("export {k}='{v}'"));
    }
    let db = t.path("renos.db").display().to_string();
    t.run(&format!(
        "clear; renos --db {db} --now {NOW} demo; echo EXITED:$?:o\"\"k"
    ));
    // The demo opens on Anna's running job.
    t.wait_for("the console", Duration::from_secs(20), |s| {
        s.contains("Booking #") && s.contains("Billy ✓") && s.contains("Twilio ✓")
    });
    t.keys(&["f"]);
    // The status line may be taken by an alert's notice meanwhile: the
    // job's details say it too.
    t.wait_for("the job finished", Duration::from_secs(10), |s| {
        s.contains("Finished booking #") || s.contains("│done ")
    });

    t.keys(&["I"]);
    let screen = t.wait_text("moms");
    assert!(screen.contains("349,00 kr"), "{screen}");
    t.keys(&["y"]);
    t.wait_for("the approval question", Duration::from_secs(20), |s| {
        s.contains("Approve the draft invoice")
    });
    t.keys(&["y"]);
    let screen = t.wait_for("the invoice number", Duration::from_secs(20), |s| {
        s.contains("Billy: invoice 1")
    });
    let number: String = screen
        .split("Billy: invoice ")
        .nth(1)
        .expect("number")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert!(screen.contains("unpaid"), "{screen}");
    let invoices = list(
        sb.admin(reqwest::Method::GET, "/admin/billy/invoices", None),
        "invoices",
    );
    assert!(
        invoices
            .iter()
            .any(|i| i["invoiceNo"].as_str() == Some(number.as_str()) && i["state"] == "approved"),
        "invoice {number} is approved in Billy: {invoices:#?}"
    );

    let before = list(
        sb.admin(reqwest::Method::GET, "/admin/twilio/calls", None),
        "calls",
    )
    .len();
    t.keys(&["V"]);
    t.wait_text("about booking #");
    t.keys(&["y"]);
    let screen = t.wait_for("the call", Duration::from_secs(20), |s| {
        s.contains("Twilio: call") && s.contains("+4512345678")
    });
    assert!(screen.contains("Call for booking #"), "{screen}");
    let calls = list(
        sb.admin(reqwest::Method::GET, "/admin/twilio/calls", None),
        "calls",
    );
    assert_eq!(calls.len(), before + 1, "{calls:#?}");
    let call = calls.last().expect("call");
    assert_eq!(call["to"], "+4512345678");
    assert!(
        call["say"]
            .as_str()
            .is_some_and(|s| s.contains("Det gælder bookingen hos")),
        "{call}"
    );

    t.keys(&["q"]);
    t.wait_for("the console to quit", Duration::from_secs(10), |s| {
        s.contains("EXITED:0:ok")
    });
}

/// `B` on a booking: the back office counts the customer's finished visits
/// of the month shown, the question gives the count and the sum, yes makes
/// one Billy invoice with a line per visit, and the next question approves
/// it.
#[test]
fn demo_invoices_a_customers_month_with_one_key() {
    let t = Tmux::start();
    let sb = SandboxProcess::start(t.dir.path());
    for (k, v) in &sb.env {
        t.run(&format!("export {k}='{v}'"));
    }
    let db = t.path("renos.db").display().to_string();
    t.run(&format!(
        "clear; renos --db {db} --now {NOW} demo; echo EXITED:$?:o\"\"k"
    ));
    t.wait_for("the console", Duration::from_secs(20), |s| {
        s.contains("Booking #") && s.contains("Billy ✓")
    });
    t.keys(&["f"]);
    // The status line may be taken by an alert's notice meanwhile: the
    // job's details say it too.
    t.wait_for("the job finished", Duration::from_secs(10), |s| {
        s.contains("Finished booking #") || s.contains("│done ")
    });

    t.keys(&["B"]);
    let screen = t.wait_for("the question", Duration::from_secs(20), |s| {
        s.contains("for November:") && s.contains("kr?")
    });
    let question = screen
        .lines()
        .find(|l| l.contains("for November:"))
        .expect("question line")
        .to_string();
    let visits: usize = question
        .split("for November: ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{question}"));
    assert!(visits >= 1, "{question}");
    t.keys(&["y"]);
    t.wait_for("the approval question", Duration::from_secs(20), |s| {
        s.contains("Approve the draft invoice for") && s.contains("November (")
    });
    t.keys(&["y"]);
    t.wait_for(
        "the approved monthly invoice",
        Duration::from_secs(20),
        |s| s.contains("Monthly invoice 1"),
    );
    let all = sb.admin(reqwest::Method::GET, "/admin/billy/invoices", None);
    let invoices = list(all.clone(), "invoices");
    assert_eq!(invoices.len(), 1, "{invoices:#?}");
    assert_eq!(invoices[0]["state"], "approved", "{invoices:#?}");
    let id = invoices[0]["id"].as_str().expect("id").to_string();
    let lines = list(all, "invoiceLines");
    let mine = lines
        .iter()
        .filter(|l| l["invoiceId"] == id.as_str())
        .count();
    assert_eq!(mine, visits, "{lines:#?}");

    // Again: nothing left to invoice, said in the status line.
    t.keys(&["B"]);
    t.wait_text("Nothing to invoice for");
    t.keys(&["q"]);
    t.wait_for("the console to quit", Duration::from_secs(10), |s| {
        s.contains("EXITED:0:ok")
    });
}
