//! Fuzz target `network`: see `fuzz/drive.rs`.
#![no_main]

#[path = "../drive.rs"]
#[allow(dead_code)] // TARGETS is for the corpus test
mod drive;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    drive::run("network", data);
});
