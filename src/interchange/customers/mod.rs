//! Customer files: CSV and JSON readers, the CSV writer.
