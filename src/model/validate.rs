//! Validation of a parsed dataset (pure): every problem, with its JSON path.

use crate::i18n::Msg;

/// One problem found in a document: where (a JSON path such as
/// `observations[12].region`), what (a catalogue message) and the values the
/// message names (`{value}` …).
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub path: String,
    pub msg: Msg,
    pub args: Vec<(String, String)>,
}
