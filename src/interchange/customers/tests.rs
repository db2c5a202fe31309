//! Reading real-world customer files.
