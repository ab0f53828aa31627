//! A model's `dataframe` parameters may read CSV files only inside the model's folder.

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
fn paths_that_leave_the_model_folder_are_refused() {
    for url in ["../outside.csv", "/etc/hostname", "models/../../x.csv"] {
        let text = with_url(url);
        let err = Model::from_json_str(&text, &models().join("storages.json"))
            .unwrap_err()
            .to_string();
        assert!(err.contains(".url"), "{url}: {err}");
        assert!(err.contains("inside the model's folder"), "{url}: {err}");
    }
}

#[cfg(unix)]
#[test]
fn links_that_point_outside_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.csv"),
        "date,value\n2020-01-01,1\n",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.csv"),
        dir.path().join("inflow.csv"),
    )
    .unwrap();
    let text = with_url("inflow.csv");
    let err = Model::from_json_str(&text, &dir.path().join("model.json"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("link to elsewhere"), "{err}");
}
