//! Parsing the JSON document (pure), with the JSON path of the first error.
