//! `cargo xtask release (patch|minor|major|X.Y.Z) [--execute]`.
//!
//! A dry run by default: it prints every step, checks that every publishable crate packages and
//! builds from its packaged form, and changes nothing in the repository. With `--execute` it also
//! bumps the versions, stamps CHANGELOG.md, commits and creates an annotated tag `vX.Y.Z`.
//! It never pushes and never publishes; it prints the `cargo publish` commands in order.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::fmt;
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use toml_edit::{DocumentMut, value};

use crate::TaskResult;

/// A semantic version `major.minor.patch` (pre-release tags are not used by Dostyk).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Version {
    major: u64,
    minor: u64,
    patch: u64,
}

impl Version {
    pub(crate) fn parse(text: &str) -> Result<Version, String> {
        let parts: Vec<&str> = text.trim().split('.').collect();
        let bad =
            || format!("\"{text}\" is not a version: expected MAJOR.MINOR.PATCH such as 0.2.0");
        if parts.len() != 3 {
            return Err(bad());
        }
        let num = |s: &str| {
            if s.is_empty() || (s.len() > 1 && s.starts_with('0')) {
                return Err(bad());
            }
            s.parse::<u64>().map_err(|_| bad())
        };
        Ok(Version {
            major: num(parts[0])?,
            minor: num(parts[1])?,
            patch: num(parts[2])?,
        })
    }

    /// The version a bump request leads to from `self`.
    pub(crate) fn bump(self, request: &str) -> Result<Version, String> {
        let next = match request {
            "patch" => Version {
                patch: self.patch + 1,
                ..self
            },
            "minor" => Version {
                minor: self.minor + 1,
                patch: 0,
                ..self
            },
            "major" => Version {
                major: self.major + 1,
                minor: 0,
                patch: 0,
            },
            explicit => Version::parse(explicit)
                .map_err(|e| format!("{e}; or ask for \"patch\", \"minor\" or \"major\""))?,
        };
        if next <= self {
            return Err(format!(
                "the new version {next} must be greater than the current {self}"
            ));
        }
        Ok(next)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The workspace version in the root manifest text.
pub(crate) fn workspace_version(manifest: &str) -> Result<Version, String> {
    let doc: DocumentMut = manifest
        .parse()
        .map_err(|e| format!("Cargo.toml is not valid TOML: {e}"))?;
    let text = doc
        .get("workspace")
        .and_then(|w| w.get("package"))
        .and_then(|p| p.get("version"))
        .and_then(|v| v.as_str())
        .ok_or("Cargo.toml has no [workspace.package] version")?;
    Version::parse(text)
}

/// Rewrites the root manifest: `[workspace.package] version` and the `version` requirement of
/// every `[workspace.dependencies]` entry that is a path dependency on a workspace crate.
/// Returns the new text and the names of the requirements changed.
pub(crate) fn bump_manifest(manifest: &str, to: Version) -> Result<(String, Vec<String>), String> {
    let mut doc: DocumentMut = manifest
        .parse()
        .map_err(|e| format!("Cargo.toml is not valid TOML: {e}"))?;
    let package = doc
        .get_mut("workspace")
        .and_then(|w| w.get_mut("package"))
        .ok_or("Cargo.toml has no [workspace.package] table")?;
    set_keeping_decor(&mut package["version"], &to.to_string());
    let mut changed = Vec::new();
    if let Some(deps) = doc
        .get_mut("workspace")
        .and_then(|w| w.get_mut("dependencies"))
        .and_then(|d| d.as_table_like_mut())
    {
        for (name, dep) in deps.iter_mut() {
            let Some(table) = dep.as_table_like_mut() else {
                continue;
            };
            if table.contains_key("path") {
                match table.get_mut("version") {
                    Some(item) => set_keeping_decor(item, &to.to_string()),
                    None => {
                        table.insert("version", value(to.to_string()));
                    }
                }
                changed.push(name.get().to_owned());
            }
        }
    }
    Ok((doc.to_string(), changed))
}

/// Sets a string value, keeping the comments and spacing around it.
fn set_keeping_decor(item: &mut toml_edit::Item, text: &str) {
    let decor = item.as_value().map(|v| v.decor().clone());
    *item = value(text);
    if let (Some(decor), Some(v)) = (decor, item.as_value_mut()) {
        *v.decor_mut() = decor;
    }
}

/// Stamps a keep-a-changelog file: the `## [Unreleased]` section becomes `## [X.Y.Z] - DATE`
/// and a new empty `## [Unreleased]` is put above it. Compare links at the bottom, if present,
/// are updated too.
pub(crate) fn stamp_changelog(text: &str, to: Version, date: &str) -> Result<String, String> {
    let heading = "## [Unreleased]";
    let count = text.lines().filter(|l| l.trim() == heading).count();
    if count != 1 {
        return Err(format!(
            "CHANGELOG.md must have exactly one \"{heading}\" heading (found {count})"
        ));
    }
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare.trim() == heading {
            out.push_str(heading);
            out.push_str("\n\n");
            let _ = writeln!(out, "## [{to}] - {date}");
        } else if let Some(rest) = bare.strip_prefix("[Unreleased]: ") {
            // `[Unreleased]: https://…/compare/vA.B.C...HEAD`
            if let Some((base, from)) = rest.rsplit_once("/compare/") {
                let old = from.trim_end_matches("...HEAD");
                let _ = writeln!(out, "[Unreleased]: {base}/compare/v{to}...HEAD");
                let _ = writeln!(out, "[{to}]: {base}/compare/{old}...v{to}");
            } else {
                out.push_str(line);
            }
        } else {
            out.push_str(line);
        }
    }
    Ok(out)
}

struct Crate {
    name: String,
    deps: BTreeSet<String>,
}

/// The publishable workspace crates in dependency order (a crate after everything it needs).
fn publish_order(root: &Path) -> Result<Vec<String>, String> {
    let output = Command::new(cargo())
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .current_dir(root)
        .output()
        .map_err(|e| format!("could not run cargo metadata: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo metadata failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let meta: serde_json::Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("cargo metadata printed something that is not JSON: {e}"))?;
    let packages = meta["packages"]
        .as_array()
        .ok_or("cargo metadata: no packages")?;
    let mut crates = Vec::new();
    for p in packages {
        // `publish: []` (publish = false) marks a crate that is never published.
        if p["publish"].as_array().is_some_and(Vec::is_empty) {
            continue;
        }
        let name = p["name"].as_str().unwrap_or_default().to_owned();
        let deps = p["dependencies"]
            .as_array()
            .map(|ds| {
                ds.iter()
                    .filter(|d| d["path"].is_string() && d["kind"].is_null())
                    .filter_map(|d| d["name"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        crates.push(Crate { name, deps });
    }
    topological(&crates)
}

fn topological(crates: &[Crate]) -> Result<Vec<String>, String> {
    let names: BTreeSet<&str> = crates.iter().map(|c| c.name.as_str()).collect();
    let mut waiting: BTreeMap<&str, BTreeSet<&str>> = crates
        .iter()
        .map(|c| {
            let deps = c
                .deps
                .iter()
                .map(String::as_str)
                .filter(|d| names.contains(d))
                .collect();
            (c.name.as_str(), deps)
        })
        .collect();
    let mut order = Vec::new();
    while !waiting.is_empty() {
        let ready: Vec<&str> = waiting
            .iter()
            .filter(|(_, deps)| deps.is_empty())
            .map(|(name, _)| *name)
            .collect();
        if ready.is_empty() {
            return Err(format!(
                "the workspace crates depend on each other in a cycle: {:?}",
                waiting.keys().collect::<Vec<_>>()
            ));
        }
        for name in ready {
            waiting.remove(name);
            for deps in waiting.values_mut() {
                deps.remove(name);
            }
            order.push(name.to_owned());
        }
    }
    Ok(order)
}

/// `cargo package` verifies each crate against the others through a temporary local registry,
/// which cargo unpacks under `$CARGO_HOME/registry/src/<hash>/`. When a crate is packaged again
/// at the same version, cargo reuses that earlier extraction, so the verification would build
/// stale sources. Remove the extractions of the workspace's own crates at `version` (never
/// anything from crates.io, whose folders are named after their index).
fn remove_stale_extractions(crates: &[String], version: Version) {
    let home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".cargo")));
    let Some(src) = home.map(|h| h.join("registry").join("src")) else {
        return;
    };
    let Ok(registries) = std::fs::read_dir(&src) else {
        return;
    };
    for registry in registries.flatten() {
        if registry.file_name().to_string_lossy().starts_with("index.") {
            continue;
        }
        for name in crates {
            let stale = registry.path().join(format!("{name}-{version}"));
            if stale.is_dir() && std::fs::remove_dir_all(&stale).is_ok() {
                eprintln!("removed a stale extraction: {}", stale.display());
            }
        }
    }
}

/// Removes the compiled artifacts of the `dostyk-*` crates under `profile_dir` (`deps`,
/// `.fingerprint`, `build`), keeping the dependencies' builds.
fn remove_own_artifacts(profile_dir: &Path) {
    for sub in ["deps", ".fingerprint", "build"] {
        let Ok(entries) = std::fs::read_dir(profile_dir.join(sub)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("dostyk") || name.starts_with("libdostyk") {
                let path = entry.path();
                let _ = if path.is_dir() {
                    std::fs::remove_dir_all(&path)
                } else {
                    std::fs::remove_file(&path)
                };
            }
        }
    }
}

fn cargo() -> OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

fn run(root: &Path, program: impl AsRef<std::ffi::OsStr>, args: &[&str]) -> TaskResult {
    let program = program.as_ref();
    eprintln!("$ {} {}", program.to_string_lossy(), args.join(" "));
    let status = Command::new(program)
        .args(args)
        .current_dir(root)
        .status()
        .map_err(|e| format!("could not run {}: {e}", program.to_string_lossy()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "`{} {}` failed ({status})",
            program.to_string_lossy(),
            args.join(" ")
        )
        .into())
    }
}

fn git_output(root: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(root)
        .output()
        .map_err(|e| format!("could not run git: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

pub(crate) fn run_task(args: Vec<OsString>) -> TaskResult {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut request = None;
    let mut execute = false;
    while let Some(arg) = parser.next()? {
        match arg {
            Long("execute") => execute = true,
            Value(v) if request.is_none() => request = Some(v.string()?),
            Long("help") | Short('h') => {
                println!("cargo xtask release (patch|minor|major|X.Y.Z) [--execute]");
                return Ok(());
            }
            other => return Err(other.unexpected().into()),
        }
    }
    let request = request
        .ok_or("say which release: cargo xtask release (patch|minor|major|X.Y.Z) [--execute]")?;
    let root = crate::project_root();

    let status = git_output(&root, &["status", "--porcelain"])?;
    if !status.trim().is_empty() {
        return Err(format!(
            "the working tree has uncommitted changes; commit or stash them first:\n{status}"
        )
        .into());
    }

    let manifest_path = root.join("Cargo.toml");
    let changelog_path = root.join("CHANGELOG.md");
    let manifest = std::fs::read_to_string(&manifest_path)?;
    let changelog = std::fs::read_to_string(&changelog_path)
        .map_err(|e| format!("cannot read CHANGELOG.md: {e}"))?;
    let current = workspace_version(&manifest)?;
    let next = current.bump(&request)?;
    let tag = format!("v{next}");
    if !git_output(&root, &["tag", "--list", &tag])?
        .trim()
        .is_empty()
    {
        return Err(format!("tag {tag} exists already; choose another version").into());
    }
    let date = git_output(&root, &["log", "-1", "--format=%cs"])
        .ok()
        .map(|d| d.trim().to_owned())
        .filter(|d| !d.is_empty())
        .unwrap_or_else(today);
    let date = if execute { today() } else { date };
    let (new_manifest, requirements) = bump_manifest(&manifest, next)?;
    let new_changelog = stamp_changelog(&changelog, next, &date)?;
    let order = publish_order(&root)?;

    let mode = if execute { "EXECUTE" } else { "dry run" };
    println!("release {current} -> {next} ({mode})");
    println!("1. Cargo.toml: [workspace.package] version = \"{next}\"");
    println!(
        "   [workspace.dependencies] version requirements: {}",
        requirements.join(", ")
    );
    println!("2. CHANGELOG.md: [Unreleased] becomes [{next}] - {date}; a new empty [Unreleased]");
    println!(
        "3. cargo package, in dependency order: {}",
        order.join(" -> ")
    );
    println!("4. cargo semver-checks (when installed)");
    println!("5. git commit -m \"Release {next}\" and git tag -a {tag}");
    println!("6. publish by hand, in this order:");
    for name in &order {
        println!("     cargo publish -p {name}");
    }

    if execute {
        crate::atomic_file::write(&manifest_path, new_manifest.as_bytes())?;
        crate::atomic_file::write(&changelog_path, new_changelog.as_bytes())?;
    }
    remove_stale_extractions(&order, current);
    // Verify in a target folder of its own, without any earlier build of our crates: cargo
    // treats registry crates as immutable, so an earlier packaging at the same version would
    // otherwise be linked instead of the sources being released.
    let verify_dir = root.join("target").join("release-verify");
    remove_own_artifacts(&verify_dir.join("debug"));
    let verify_dir_text = verify_dir.to_string_lossy().into_owned();
    let mut package = vec!["package", "--locked", "--target-dir", &verify_dir_text];
    if execute {
        package.push("--allow-dirty");
    }
    for name in &order {
        package.push("-p");
        package.push(name);
    }
    let packaged = run(&root, cargo(), &package);
    if let Err(err) = packaged {
        if execute {
            crate::atomic_file::write(&manifest_path, manifest.as_bytes())?;
            crate::atomic_file::write(&changelog_path, changelog.as_bytes())?;
            eprintln!("restored Cargo.toml and CHANGELOG.md");
        }
        return Err(err);
    }

    let semver = Command::new(cargo())
        .args(["semver-checks", "--version"])
        .output();
    match semver {
        Ok(out) if out.status.success() => {
            let previous = format!("v{current}");
            if git_output(&root, &["tag", "--list", &previous])?
                .trim()
                .is_empty()
            {
                println!("cargo semver-checks: no tag {previous} to compare against; skipped");
            } else {
                run(
                    &root,
                    cargo(),
                    &[
                        "semver-checks",
                        "check-release",
                        "--workspace",
                        "--baseline-rev",
                        &previous,
                    ],
                )?;
            }
        }
        _ => println!(
            "cargo semver-checks is not installed, so API compatibility was NOT checked \
             (install it with `cargo install cargo-semver-checks --locked`)"
        ),
    }

    if execute {
        run(&root, "git", &["commit", "-am", &format!("Release {next}")])?;
        run(
            &root,
            "git",
            &["tag", "-a", &tag, "-m", &format!("Dostyk {next}")],
        )?;
        println!("committed and tagged {tag}; nothing was pushed or published");
    } else {
        println!("dry run: nothing was changed; run again with --execute to release");
    }
    Ok(())
}

fn today() -> String {
    // The release date is the one place where the wall clock belongs in the output.
    let out = Command::new("date").arg("+%Y-%m-%d").output();
    out.ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST: &str = r#"[workspace]
members = ["crates/*"]

[workspace.package]
version = "0.1.0" # bumped by cargo xtask release
edition = "2024"

[workspace.dependencies]
dostyk-core-model = { path = "crates/core-model", version = "0.1.0" }
dostyk-trade = { path = "crates/trade", version = "0.1.0" }
serde = { version = "1.0.219", features = ["derive"] }
"#;

    #[test]
    fn versions_bump() {
        let v = Version::parse("0.1.9").unwrap();
        assert_eq!(v.bump("patch").unwrap().to_string(), "0.1.10");
        assert_eq!(v.bump("minor").unwrap().to_string(), "0.2.0");
        assert_eq!(v.bump("major").unwrap().to_string(), "1.0.0");
        assert_eq!(v.bump("0.3.0").unwrap().to_string(), "0.3.0");
        assert!(v.bump("0.1.9").is_err());
        assert!(v.bump("0.1.1").is_err());
        assert!(v.bump("1.2").is_err());
        assert!(v.bump("01.2.3").is_err());
        assert!(v.bump("huge").unwrap_err().contains("patch"));
    }

    #[test]
    fn manifest_bump_touches_only_versions_of_workspace_crates() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Cargo.toml");
        std::fs::write(&path, MANIFEST).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let next = workspace_version(&text).unwrap().bump("minor").unwrap();
        let (out, changed) = bump_manifest(&text, next).unwrap();
        crate::atomic_file::write(&path, out.as_bytes()).unwrap();
        let written = std::fs::read_to_string(&path).unwrap();
        assert_eq!(changed, ["dostyk-core-model", "dostyk-trade"]);
        assert_eq!(workspace_version(&written).unwrap().to_string(), "0.2.0");
        assert!(written.contains(r#"dostyk-trade = { path = "crates/trade", version = "0.2.0" }"#));
        assert!(written.contains(r#"serde = { version = "1.0.219", features = ["derive"] }"#));
        assert!(written.contains("# bumped by cargo xtask release"));
        assert!(!written.contains("0.1.0"));
    }

    #[test]
    fn changelog_is_stamped() {
        let text = "# Changelog\n\n## [Unreleased]\n\n### Added\n- Periods.\n\n## [0.1.0] - 2026-01-01\n\n- First.\n\n[Unreleased]: https://example.org/dostyk/compare/v0.1.0...HEAD\n[0.1.0]: https://example.org/dostyk/releases/tag/v0.1.0\n";
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("CHANGELOG.md");
        std::fs::write(&path, text).unwrap();
        let out = stamp_changelog(
            &std::fs::read_to_string(&path).unwrap(),
            Version::parse("0.2.0").unwrap(),
            "2026-11-27",
        )
        .unwrap();
        assert_eq!(
            out,
            "# Changelog\n\n## [Unreleased]\n\n## [0.2.0] - 2026-11-27\n\n### Added\n- Periods.\n\n## [0.1.0] - 2026-01-01\n\n- First.\n\n[Unreleased]: https://example.org/dostyk/compare/v0.2.0...HEAD\n[0.2.0]: https://example.org/dostyk/compare/v0.1.0...v0.2.0\n[0.1.0]: https://example.org/dostyk/releases/tag/v0.1.0\n"
        );
        assert!(stamp_changelog("# Changelog\n", Version::parse("0.2.0").unwrap(), "d").is_err());
    }

    #[test]
    fn order_puts_dependencies_first() {
        let c = |name: &str, deps: &[&str]| Crate {
            name: name.into(),
            deps: deps.iter().map(|d| (*d).to_owned()).collect(),
        };
        let crates = [
            c("reporting", &["trade", "water", "core"]),
            c("water", &["core"]),
            c("trade", &["core", "serde"]),
            c("core", &[]),
        ];
        assert_eq!(
            topological(&crates).unwrap(),
            ["core", "trade", "water", "reporting"]
        );
        assert!(topological(&[c("a", &["b"]), c("b", &["a"])]).is_err());
    }

    /// The `dostyk` binary is published too, after the report library it calls; xtask never.
    #[test]
    fn the_workspace_publishes_the_cli_after_reporting() {
        let order = publish_order(&crate::project_root()).unwrap();
        let at = |name: &str| order.iter().position(|n| n == name);
        assert_eq!(at("dostyk-core-model"), Some(0), "{order:?}");
        assert!(at("dostyk-reporting") < at("dostyk-cli"), "{order:?}");
        assert_eq!(order.last().map(String::as_str), Some("dostyk-cli"));
        assert_eq!(at("xtask"), None, "{order:?}");
    }

    #[test]
    fn the_workspace_publishes_the_dataset_loader_between_the_domain_crates_and_reporting() {
        let order = publish_order(&crate::project_root()).unwrap();
        let at = |name: &str| {
            order
                .iter()
                .position(|c| c == name)
                .unwrap_or_else(|| panic!("{name} is not in the publish order {order:?}"))
        };
        for domain in ["dostyk-trade", "dostyk-water", "dostyk-transit-gas"] {
            assert!(at(domain) < at("dostyk-dataset"), "{order:?}");
        }
        assert!(at("dostyk-dataset") < at("dostyk-reporting"), "{order:?}");
    }
}
