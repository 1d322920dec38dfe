//! `piano schema`: the JSON Schema an editor uses, kept in the repository and checked
//! against every example plan with a JSON Schema validator.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::*;

/// The schema committed for editors, referenced by the example plans' `$schema`.
fn committed() -> PathBuf {
    root().join("schema/piano.schema.json")
}

fn printed() -> String {
    let out = piano(&["schema"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn prints_a_draft_schema_with_an_italian_title_and_descriptions() {
    let schema: Value = serde_json::from_str(&printed()).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["title"], "Piano della Performance");
    assert!(
        schema["description"]
            .as_str()
            .unwrap()
            .starts_with("Il Piano della Performance")
    );
    let peso = &schema["$defs"]["Nodo"]["properties"]["peso"];
    assert_eq!(
        peso["description"],
        "Peso in percentuale (0–100) nel nodo di livello superiore (ad esempio di un obiettivo strategico nella sua area)"
    );
    assert!(schema["properties"]["$schema"]["description"].is_string());
}

#[test]
fn the_committed_schema_is_the_one_piano_prints() {
    let committed = std::fs::read_to_string(committed()).unwrap_or_default();
    assert!(
        committed == printed(),
        "schema/piano.schema.json is stale: run `cargo run -- schema -o schema/piano.schema.json`"
    );
}

#[test]
fn writes_the_schema_to_a_file_and_prints_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("piano.schema.json");
    let out = piano(&["schema", "-o", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim_end(),
        path.to_str().unwrap()
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), printed());
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "a temporary file was left behind");
}

/// Every plan in `data/`: the JSON files that are not companions of a plan.
/// The JSON files in `data/`: plans, or results files (whose `piano` names a plan).
fn data_files(results: bool) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root().join("data"))
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| read_json(p)["piano"].is_string() == results)
        .collect()
}

fn example_plans() -> Vec<PathBuf> {
    let plans = data_files(false);
    assert!(plans.len() >= 2, "{plans:?}");
    plans
}

#[test]
fn every_results_file_in_data_is_valid_and_points_at_the_committed_schema() {
    let run = piano(&["schema", "--consuntivo"]);
    let schema: Value = serde_json::from_slice(&run.stdout).unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let files = data_files(true);
    assert!(!files.is_empty());
    for file in files {
        let json = read_json(&file);
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
        let reference = json["$schema"].as_str().unwrap();
        assert_eq!(
            file.parent()
                .unwrap()
                .join(reference)
                .canonicalize()
                .unwrap(),
            root()
                .join("schema/consuntivo.schema.json")
                .canonicalize()
                .unwrap()
        );
    }
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&printed()).unwrap();
    jsonschema::draft202012::new(&schema).expect("the schema is a valid 2020-12 schema")
}

#[test]
fn every_plan_in_data_is_valid_against_the_schema() {
    let validator = validator();
    for plan in example_plans().iter().chain([&minimo()]) {
        let json = read_json(plan);
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", plan.display());
    }
}

#[test]
fn the_validator_rejects_what_piano_check_rejects() {
    let validator = validator();
    let mut json = read_json(&minimo());
    json["ente"]["nomee"] = "x".into();
    json["albero"][0]["peso"] = 140.into();
    json["atti"][0]["tipo"] = "delibera".into();
    let paths: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.instance_path().to_string())
        .collect();
    for p in ["/ente", "/albero/0/peso", "/atti/0/tipo"] {
        assert!(paths.iter().any(|x| x == p), "{p} not in {paths:?}");
    }
}

#[test]
fn the_example_plans_point_at_the_committed_schema() {
    for plan in example_plans().iter().chain([&minimo()]) {
        let json = read_json(plan);
        let reference = json["$schema"]
            .as_str()
            .unwrap_or_else(|| panic!("{} has no `$schema`", plan.display()));
        let resolved = plan.parent().unwrap_or(Path::new(".")).join(reference);
        assert_eq!(
            resolved.canonicalize().unwrap(),
            committed().canonicalize().unwrap(),
            "{}",
            plan.display()
        );
    }
}

#[test]
fn piano_diff_ignores_the_schema_reference() {
    let mut json = read_json(&minimo());
    let (_dir, with) = plan_file(&json);
    json.as_object_mut().unwrap().remove("$schema");
    let (_dir2, without) = plan_file(&json);
    let out = piano(&["diff", without.to_str().unwrap(), with.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
