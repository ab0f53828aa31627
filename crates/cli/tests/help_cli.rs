//! The command line itself: `--help` everywhere, usage errors, completions, `--quiet`.

mod common;

use common::dostyk;

/// Every command and subcommand, as the words before `--help`.
const COMMANDS: &[&[&str]] = &[
    &[],
    &["report"],
    &["trade"],
    &["trade", "summary"],
    &["trade", "mirror"],
    &["trade", "fetch"],
    &["water"],
    &["water", "run"],
    &["water", "compliance"],
    &["gas"],
    &["gas", "solve"],
    &["gas", "convert"],
    &["gas", "balance"],
    &["transit"],
    &["transit", "cpmm"],
    &["transit", "route"],
    &["completions"],
];

#[test]
fn help_answers_on_every_command_and_subcommand() {
    for words in COMMANDS {
        for flag in ["--help", "-h"] {
            let mut args = words.to_vec();
            args.push(flag);
            let out = dostyk(&args);
            let help = out.stdout;
            assert_eq!(out.code, Some(0), "dostyk {args:?}: {help}");
            assert!(help.contains("Usage: dostyk"), "dostyk {args:?}: {help}");
            // A leaf command says what it reads or shows an example.
            if words.len() == 2 || words == &["report"] || words == &["completions"] {
                assert!(
                    help.contains("Example"),
                    "dostyk {args:?} has no example: {help}"
                );
            }
        }
    }
}

#[test]
fn top_level_help_documents_the_exit_codes() {
    let help = dostyk(["--help"]).stdout;
    for line in [
        "Exit codes:",
        "0  success",
        "1  the input was refused",
        "2  usage error",
    ] {
        assert!(help.contains(line), "{help}");
    }
}

#[test]
fn help_lists_the_formats_each_command_accepts() {
    let help = dostyk(["trade", "summary", "-h"]).stdout;
    assert!(help.contains("possible values: table, json"), "{help}");
    let help = dostyk(["report", "--help"]).stdout;
    assert!(help.contains("html, md, json, xlsx"), "{help}");
    for command in [["water", "run"], ["gas", "solve"]] {
        let help = dostyk([command[0], command[1], "-h"]).stdout;
        assert!(help.contains("csv, parquet]"), "{help}");
    }
}

#[test]
fn usage_errors_exit_with_2() {
    for args in [
        &["--frobnicate"][..],
        &["gas", "solve", "--frobnicate"],
        &["gas", "solve"],
        &["trade", "summary", "x.csv", "--format", "xlsx"],
        &["water", "run", "m.json", "--format", "json"],
        // A table format only for a time series.
        &["gas", "solve", "n.json", "--format", "parquet"],
        &["transit", "route", "a", "b"],
        &["report", "--as-of", "13/03/2026"],
        &["report", "--lang", "de"],
        &["walk"],
        &["completions", "tcsh"],
    ] {
        let out = dostyk(args);
        assert_eq!(out.code, Some(2), "dostyk {args:?}");
        assert!(out.stderr.contains("error:"), "dostyk {args:?}");
        assert!(out.stdout.is_empty(), "dostyk {args:?}");
    }
    // Without a command, the help goes to standard error and the exit is a usage error.
    assert_eq!(dostyk::<_, &str>([]).code, Some(2));
}

#[test]
fn a_refused_input_exits_with_1() {
    let out = dostyk(["gas", "solve", "does-not-exist.json"]);
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("does-not-exist.json"));
    assert!(out.stdout.is_empty());
}

#[test]
fn completions_print_a_script_for_every_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef dostyk"),
        ("fish", "complete -c dostyk"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[dostyk]"),
    ] {
        let out = dostyk(["completions", shell]);
        assert_eq!(out.code, Some(0), "{shell}");
        let script = out.stdout;
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(
            script.contains("transit"),
            "{shell} completes the subcommands"
        );
    }
}

#[test]
fn version_prints_the_package_version() {
    let out = dostyk(["--version"]);
    assert_eq!(out.code, Some(0));
    assert_eq!(
        out.stdout,
        format!("dostyk {}\n", env!("CARGO_PKG_VERSION"))
    );
}
