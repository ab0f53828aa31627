//! Where a model's `dataframe` and table files are found: relative to the model's folder, as
//! pywr finds them, through the bounded reader.

use std::path::Path;

use dostyk_water::schema::Model;

fn models() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/models"))
}

fn with_url(url: &str) -> String {
    std::fs::read_to_string(models().join("storages.json"))
        .unwrap()
        .replace(
            "\"url\": \"storages_inflow.csv\"",
            &format!("\"url\": {}", serde_json::to_string(url).unwrap()),
        )
}

#[test]
fn a_csv_beside_the_model_is_read() {
    assert!(Model::load(models().join("storages.json")).is_ok());
}

#[test]
fn paths_that_leave_the_model_folder_are_read_as_pywr_reads_them() {
    // pywr joins a relative `url` to the model's folder, wherever it leads (pywr's own example
    // `two_reservoir` reads `../data/...`); reading is not writing.
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("models")).unwrap();
    std::fs::create_dir_all(root.path().join("data")).unwrap();
    std::fs::copy(
        models().join("storages_inflow.csv"),
        root.path().join("data/inflow.csv"),
    )
    .unwrap();
    let model = root.path().join("models/storages.json");
    for url in ["../data/inflow.csv", "./../models/../data/inflow.csv"] {
        Model::from_json_str(&with_url(url), &model).unwrap();
    }
    let absolute = root.path().join("data/inflow.csv");
    Model::from_json_str(&with_url(absolute.to_str().unwrap()), &model).unwrap();
    // A missing file is named, as the model resolves it.
    let err = Model::from_json_str(&with_url("../data/missing.csv"), &model)
        .unwrap_err()
        .to_string();
    assert!(err.contains("data/missing.csv"), "{err}");
}

#[cfg(unix)]
#[test]
fn links_are_followed_and_pipes_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::copy(
        models().join("storages_inflow.csv"),
        outside.path().join("inflow.csv"),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("inflow.csv"),
        dir.path().join("inflow.csv"),
    )
    .unwrap();
    let text = with_url("inflow.csv");
    Model::from_json_str(&text, &dir.path().join("model.json")).unwrap();
    // A link to a folder is still no regular file.
    std::os::unix::fs::symlink(outside.path(), dir.path().join("folder.csv")).unwrap();
    let err = Model::from_json_str(&with_url("folder.csv"), &dir.path().join("model.json"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("folder.csv") && err.contains("not a regular file"),
        "{err}"
    );
}

#[test]
fn table_references_name_the_file_the_row_and_the_parameter() {
    let dir = std::env::temp_dir().join(format!("dostyk-tables-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("t.csv"), "node,max_flow\ntown,3\ntown,4\n").unwrap();
    let model = |max_flow: &str| {
        format!(
            r#"{{"timestepper": {{"start": "2024-01-01", "end": "2024-01-02"}},
                "tables": {{"caps": {{"url": "t.csv", "index_col": "node"}}}},
                "nodes": [{{"name": "in", "type": "input", "max_flow": 5}},
                          {{"name": "town", "type": "output", "cost": -1, "max_flow": {max_flow}}}],
                "edges": [["in", "town"]]}}"#
        )
    };
    let load = |text: &str| {
        Model::from_json_str(text, &dir.join("m.json"))
            .unwrap_err()
            .to_string()
    };
    let err = load(&model(
        r#"{"table": "caps", "column": "max_flow", "index": "city"}"#,
    ));
    assert!(
        err.contains("t.csv")
            && err.contains("no row with index [\"city\"]")
            && err.contains("town"),
        "{err}"
    );
    let err = load(&model(
        r#"{"table": "caps", "column": "max_flow", "index": "town"}"#,
    ));
    assert!(
        err.contains("line 2") && err.contains("several rows"),
        "{err}"
    );
    let err = load(&model(r#"{"table": "nope", "index": "town"}"#));
    assert!(err.contains("\"tables\"") && err.contains("nope"), "{err}");
    let err = load(&model(
        r#"{"type": "dataframe", "url": "flows.h5", "column": "a"}"#,
    ));
    assert!(
        err.contains("flows.h5") && err.contains("HDF5 and R data are not read"),
        "{err}"
    );
    std::fs::write(dir.join("ok.csv"), "node,max_flow\ntown,3\n").unwrap();
    let text = model(
        r#"{"type": "constant", "url": "ok.csv", "index_col": "node", "column": "max_flow", "index": "town"}"#,
    );
    let m = Model::from_json_str(&text, &dir.join("m.json")).unwrap();
    assert_eq!(
        m.node("town").unwrap().kind.values()[0].1,
        &dostyk_water::schema::ParameterValue::Inline(Box::new(
            dostyk_water::schema::Parameter::new(dostyk_water::schema::ParameterKind::Constant {
                value: 3.0
            })
        ))
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

fn with_checksum(checksum: &str) -> Result<Model, dostyk_water::schema::SchemaError> {
    let text = std::fs::read_to_string(models().join("storages.json"))
        .unwrap()
        .replacen(
            "\"url\": \"storages_inflow.csv\"",
            &format!("\"url\": \"storages_inflow.csv\", \"checksum\": {checksum}"),
            1,
        );
    Model::from_json_str(&text, &models().join("storages.json"))
}

#[test]
fn a_checksum_is_checked_against_the_file() {
    // sha256sum crates/water/tests/models/storages_inflow.csv
    let sha256 = "1665747a22abf67cfe616c8d5335b2d934e3e5313fd49ddc6a1aaa00fbebd986";
    with_checksum(&format!(
        r#"{{"sha256": "{sha256}", "md5": "not checked"}}"#
    ))
    .unwrap();
    let wrong = sha256.replace('a', "b");
    let err = with_checksum(&format!(r#"{{"sha256": "{wrong}"}}"#))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(".checksum.sha256") && err.contains("the file has changed"),
        "{err}"
    );
    let err = with_checksum(r#"{"md5": "0123"}"#).unwrap_err().to_string();
    assert!(err.contains("an md5 alone cannot be checked"), "{err}");
    let err = with_checksum(r#"{"crc32": "0123"}"#)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("unsupported checksum algorithm \"crc32\""),
        "{err}"
    );
}

#[test]
fn a_filetype_csv_file_is_read_and_saved_with_its_filetype() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        models().join("storages_inflow.csv"),
        dir.path().join("inflow.dat"),
    )
    .unwrap();
    let model = dir.path().join("model.json");
    let text = with_url("inflow.dat").replace(
        "\"url\": \"inflow.dat\"",
        "\"url\": \"inflow.dat\", \"filetype\": \"csv\"",
    );
    let err = Model::from_json_str(&with_url("inflow.dat"), &model)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("unsupported data file format \"inflow.dat\""),
        "{err}"
    );
    let m = Model::from_json_str(&text, &model).unwrap();
    let saved = m.to_json_string();
    assert!(saved.contains("\"filetype\": \"csv\""), "{saved}");
    assert_eq!(Model::from_json_str(&saved, &model).unwrap(), m);
}
