//! `cargo xtask report`: the bilateral briefing.

use std::ffi::OsString;

use crate::TaskResult;

pub(crate) fn run(_args: Vec<OsString>) -> TaskResult {
    Err("the briefing report is not built yet (issue \"Reporting\"); nothing was written".into())
}
