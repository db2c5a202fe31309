//! Text encodings of files people make: UTF-8 with or without BOM, Windows-1252.
