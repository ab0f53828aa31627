//! The note that opens an as-of edition: the day it is written for, and how many rows of the
//! dataset it leaves out and why (the rule is `dostyk_dataset::as_of`'s).

use crate::dataset::as_of::{KnownOn, Reason};
use crate::document::{Block, Inline};
use crate::i18n::Messages;

/// The paragraphs that open the summary of a briefing built from `known`: that it is an as-of
/// edition, how many rows were published after its day, and how many have only undated sources
/// and no date of their own.
pub(super) fn note(msg: &Messages, known: &KnownOn) -> Vec<Block> {
    let later = known
        .left_out
        .iter()
        .filter(|l| l.reason != Reason::Undated)
        .count();
    let undated = known.undated();
    let mut text = msg.format("asof-edition", &[("date", &msg.date(known.date))]);
    for (id, count) in [
        ("asof-left-out-later", later),
        ("asof-left-out-undated", undated),
    ] {
        if count > 0 {
            text.push(' ');
            text.push_str(&msg.count(id, count as u64));
        }
    }
    vec![Block::Paragraph {
        content: vec![Inline::Text(text)],
    }]
}
