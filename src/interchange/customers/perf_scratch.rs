use std::io::{BufWriter, Write};
use std::time::Instant;

use super::*;

fn hwm() -> String {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .filter(|l| l.starts_with("VmHWM") || l.starts_with("VmRSS"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
#[ignore]
fn perf_100k() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("k.csv");
    {
        let mut w = BufWriter::new(std::fs::File::create(&csv).unwrap());
        writeln!(w, "Navn;E-mail;Telefon;Adresse;Firma;Bemærkninger;Mærker;Bookinger;Omsætning;Sidste kontakt").unwrap();
        for i in 0..100_000 {
            writeln!(w, "Søren Østergaard {i};soren.{i}@example.dk;+45 {:02} {:02} {:02} {:02};Østergade {}, 8000 Aarhus C;Firma {i} ApS;\"Nøgle under måtten; ring på\";vip, nøgle;{};{}.{:03},50 kr;{}/{}/2025",
                10 + i % 89, i % 100, (i / 100) % 100, (i / 7) % 100, i % 300, i % 50, 1 + i % 20, i % 1000, 1 + i % 28, 1 + i % 12).unwrap();
        }
    }
    let json = dir.path().join("k.json");
    {
        let mut w = BufWriter::new(std::fs::File::create(&json).unwrap());
        writeln!(w, "[").unwrap();
        for i in 0..100_000 {
            let sep = if i + 1 < 100_000 { "," } else { "" };
            writeln!(w, "  {{\"name\": \"Søren Østergaard {i}\", \"email\": \"soren.{i}@example.dk\", \"phone\": \"+45 12 34 {:02} {:02}\", \"address\": \"Østergade {}, 8000 Aarhus C\", \"companyName\": \"Firma {i} ApS\", \"notes\": \"Nøgle under måtten\", \"tags\": [\"vip\", \"nøgle\"], \"totalLeads\": {}, \"totalBookings\": {}, \"totalRevenue\": {}.5, \"lastContactAt\": \"2025-10-01T10:00:00Z\",\n   \"bookings\": [{{\"startTime\": \"2025-10-15T10:00:00Z\", \"endTime\": \"2025-10-15T12:00:00Z\", \"serviceType\": \"Fast rengøring\", \"status\": \"scheduled\"}}]}}{sep}",
                i % 100, (i / 100) % 100, i % 300, i % 9, i % 50, i * 3).unwrap();
        }
        writeln!(w, "]").unwrap();
    }
    let size = |p: &std::path::Path| std::fs::metadata(p).unwrap().len();
    eprintln!(
        "csv {} bytes, json {} bytes; {}",
        size(&csv),
        size(&json),
        hwm()
    );
    for _ in 0..3 {
        let t = Instant::now();
        let mut n = 0;
        let mut bad = 0;
        for r in CustomerReader::open(&csv, None, BusinessTz::default()).unwrap() {
            let r = r.unwrap();
            n += 1;
            bad += usize::from(!r.problems.is_empty());
        }
        eprintln!(
            "CSV  {n} rows ({bad} with problems) in {:?}; {}",
            t.elapsed(),
            hwm()
        );
        let t = Instant::now();
        let mut n = 0;
        let mut bad = 0;
        for r in CustomerReader::open(&json, None, BusinessTz::default()).unwrap() {
            let r = r.unwrap();
            n += 1;
            bad += usize::from(!r.problems.is_empty());
        }
        eprintln!(
            "JSON {n} objects ({bad} with problems) in {:?}; {}",
            t.elapsed(),
            hwm()
        );
    }
}
