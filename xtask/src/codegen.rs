//! `cargo xtask codegen`: (being written)

use std::ffi::OsString;

use crate::TaskResult;

pub(crate) fn run(_args: Vec<OsString>) -> TaskResult {
    Ok(())
}
