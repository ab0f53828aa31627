//! The checked-in generated tables must match `data/reference/*.csv`: a stale file fails
//! `cargo test` here, with the names of the stale files in the message.

use std::process::Command;

#[test]
fn generated_files_match_reference_csvs() {
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--check"])
        .output()
        .expect("the xtask binary built by cargo for this test runs");
    assert!(
        out.status.success(),
        "cargo xtask codegen --check failed; run `cargo xtask codegen` and commit:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn check_rejects_unknown_flags() {
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--chek"])
        .output()
        .expect("the xtask binary built by cargo for this test runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--chek"));
}
