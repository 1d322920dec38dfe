//! `piano diff` and regeneration: the amended Brescia plan, the prospetto delle modifiche,
//! and outputs that stay untouched when they do not change.

use std::path::{Path, PathBuf};

use piano::diff::{Differenze, Genere, Valore, Voce};
use serde_json::{Map, Value, json};

use crate::common::*;

/// The amended example: the AdP 2021 indicator added to 1.1.2, its weights redistributed.
fn brescia_agg1() -> PathBuf {
    root().join("data/brescia-2021-2023-agg1.json")
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// Compares two plan files in-process.
fn compare(old: &Path, new: &Path) -> Differenze {
    let load = |p: &Path| {
        let source = piano::load::read(p).unwrap();
        match piano::pipeline::load_and_validate(source) {
            Ok((loaded, _, _)) => loaded.plan,
            Err(d) => panic!("{} is not valid: {d:#?}", p.display()),
        }
    };
    piano::diff::confronta(&load(old), &load(new))
}

/// The example plan with `edit` applied, written to a temporary file.
fn brescia_with(edit: impl FnOnce(&mut serde_json::Value)) -> (tempfile::TempDir, PathBuf) {
    let mut json = read_json(&brescia());
    edit(&mut json);
    plan_file(&json)
}

#[test]
fn the_two_brescia_versions_differ_by_exactly_the_amendment() {
    let d = compare(&brescia(), &brescia_agg1());
    assert_eq!(d.atti.len(), 1, "{:#?}", d.atti);
    assert_eq!(d.atti[0].genere, Genere::Aggiunto);
    assert_eq!(
        d.atti[0].atto.approvazione(),
        "Aggiornato con deliberazione di Giunta n. 78 del 19 luglio 2021"
    );
    assert_eq!(d.indicatori.len(), 1, "{:#?}", d.indicatori);
    let added = &d.indicatori[0];
    assert_eq!(added.generi, [Genere::Aggiunto]);
    assert_eq!(
        (added.obiettivo.codice.as_str(), added.numero_dopo),
        ("1.1.2", Some(5))
    );
    let (indicatore, _) = added.aggiunto.as_ref().unwrap();
    assert!(matches!(indicatore.peso, Some(piano::model::Peso::Unico(p)) if p == 15.0));
    let weights: Vec<(&str, usize, f64, f64)> = d
        .valori
        .iter()
        .map(|v| match (&v.indicatore, &v.prima, &v.dopo) {
            (Some((n, _)), Some(Valore::Percentuale(a)), Some(Valore::Percentuale(b))) => {
                (v.obiettivo.codice.as_str(), *n, *a, *b)
            }
            other => panic!("not a weight: {other:?}"),
        })
        .collect();
    assert_eq!(
        weights,
        [
            ("1.1.2", 1, 30.0, 25.0),
            ("1.1.2", 2, 25.0, 20.0),
            ("1.1.2", 4, 30.0, 25.0),
        ]
    );
    assert!(d.valori.iter().all(|v| v.voce == Voce::Peso));
    assert!(d.obiettivi.is_empty(), "{:#?}", d.obiettivi);
    assert!(d.assegnazioni.is_empty(), "{:#?}", d.assegnazioni);
    assert!(d.testi.is_empty(), "{:#?}", d.testi);
    assert!(d.altre.is_empty(), "{:#?}", d.altre);
}

#[test]
fn diff_on_the_terminal_exits_1_and_lists_the_changes() {
    let out = piano(&[
        "diff",
        brescia().to_str().unwrap(),
        brescia_agg1().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn identical_plans_exit_0_with_no_differences() {
    let out = piano(&[
        "diff",
        brescia().to_str().unwrap(),
        brescia().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("nessuna differenza"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn an_invalid_plan_is_an_error_with_its_diagnostics() {
    let mut json = read_json(&minimo());
    json["albero"][0]["figli"][0]["peso"] = 120.into();
    let (_dir, path) = plan_file(&json);
    let out = piano(&["diff", minimo().to_str().unwrap(), path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("errore[P013]"), "{err}");
    assert!(err.contains("non è valido"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn an_objective_inserted_in_an_area_is_one_addition_plus_renumbering() {
    let (_dir, path) = brescia_with(|json| {
        let area = &mut json["albero"][1]["figli"][1];
        // A new operational objective 2.2.2; the weights of its siblings make room for it.
        area["figli"][0]["peso"] = 40.into();
        area["figli"][2]["peso"] = 20.into();
        let nuovo = serde_json::json!({
            "titolo": "Sportello digitale per la firma remota",
            "peso": 20,
            "indicatori": [
                {"descrizione": "dispositivi di firma remota rilasciati", "target": {"30/6": "50", "31/12": "150"}, "peso": 100}
            ]
        });
        area["figli"].as_array_mut().unwrap().insert(1, nuovo);
        // The office follows the renumbering in the assignments.
        for d in json["assegnazioni"]["dirigenti"].as_array_mut().unwrap() {
            for o in d["obiettivi"].as_array_mut().unwrap() {
                let code = o["obiettivo"].as_str().unwrap().to_string();
                let moved = match code.as_str() {
                    "2.2.2" => "2.2.3",
                    "2.2.3" => "2.2.4",
                    other => other,
                };
                o["obiettivo"] = moved.into();
            }
        }
    });
    let d = compare(&brescia(), &path);
    let code = |r: &Option<piano::diff::Rif>| r.as_ref().map(|r| r.codice.clone());
    let rows: Vec<(Vec<Genere>, Option<String>, Option<String>)> = d
        .obiettivi
        .iter()
        .map(|o| (o.generi.clone(), code(&o.prima), code(&o.dopo)))
        .collect();
    let some = |c: &str| Some(c.to_string());
    assert_eq!(
        rows,
        [
            (vec![Genere::Aggiunto], None, some("2.2.2")),
            (vec![Genere::Rinumerato], some("2.2.2"), some("2.2.3")),
            (vec![Genere::Rinumerato], some("2.2.3"), some("2.2.4")),
        ]
    );
    // Only the weights that were changed, no cascade of titles, indicators or texts.
    let weights: Vec<(&str, &Voce, String)> = d
        .valori
        .iter()
        .map(|v| {
            (
                v.obiettivo.codice.as_str(),
                &v.voce,
                format!("{:?} → {:?}", v.prima, v.dopo),
            )
        })
        .collect();
    assert_eq!(
        weights,
        [
            (
                "2.2.1",
                &Voce::PesoObiettivo,
                "Some(Percentuale(50.0)) → Some(Percentuale(40.0))".into()
            ),
            (
                "2.2.4",
                &Voce::PesoObiettivo,
                "Some(Percentuale(30.0)) → Some(Percentuale(20.0))".into()
            )
        ]
    );
    assert!(d.indicatori.is_empty(), "{:#?}", d.indicatori);
    assert!(d.testi.is_empty() && d.altre.is_empty(), "{d:#?}");
    assert!(d.assegnazioni.is_empty(), "{:#?}", d.assegnazioni);
    assert_eq!(
        d.riepilogo(),
        [
            "1 obiettivo aggiunto",
            "2 obiettivi rinumerati",
            "2 target, baseline o pesi modificati"
        ]
    );
}

#[test]
fn a_renamed_objective_without_id_is_reported_as_renamed() {
    // Without `id`, 1.2.1 is known by its title: renaming it (the drift the reference
    // document shows between two of its tables) still pairs it by description.
    let strip = |json: &mut serde_json::Value| {
        json["albero"][0]["figli"][1]["figli"][0]
            .as_object_mut()
            .unwrap()
            .remove("id");
    };
    let (_a, old) = brescia_with(strip);
    let (_b, new) = brescia_with(|json| {
        strip(json);
        json["albero"][0]["figli"][1]["figli"][0]["titolo"] =
            "Adeguamento modalità e strumenti di informazione".into();
    });
    let d = compare(&old, &new);
    assert_eq!(d.obiettivi.len(), 1, "{:#?}", d.obiettivi);
    let o = &d.obiettivi[0];
    assert_eq!(o.generi, [Genere::Rinominato]);
    assert_eq!(
        (
            o.prima.as_ref().unwrap().codice.as_str(),
            o.dopo.as_ref().unwrap().codice.as_str()
        ),
        ("1.2.1", "1.2.1")
    );
    assert!(
        d.indicatori.is_empty() && d.valori.is_empty() && d.assegnazioni.is_empty(),
        "{d:#?}"
    );
}

#[test]
fn the_prospetto_is_a_pdf_with_the_changes_and_the_amending_act() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("prospetto.pdf");
    let (old, new) = (brescia(), brescia_agg1());
    let args = [
        "diff",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--formato",
        "pdf",
        "-o",
        target.to_str().unwrap(),
    ];
    let out = piano(&args);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), target.to_str().unwrap());
    let pdf = std::fs::read(&target).unwrap();
    assert_eq!(
        info(&pdf, "Title").as_deref(),
        Some("Prospetto delle modifiche al Piano della Performance 2021 - 2023")
    );
    assert_eq!(
        info(&pdf, "Subject").as_deref(),
        Some("Aggiornato con deliberazione di Giunta n. 78 del 19 luglio 2021")
    );
    assert!(
        info(&pdf, "CreationDate")
            .unwrap()
            .starts_with("D:20210719")
    );
    let text = squash(&pdf_text(&pdf));
    for expected in [
        "Prospetto delle modifiche",
        "Versione aggiornata",
        "Aggiornato con deliberazione di Giunta n. 78 del 19 luglio 2021",
        "1 indicatore aggiunto",
        "Target, baseline e pesi",
        "istruttoria e concessione dei contributi relativi alle domande sui nuovi bandi in Accordo di Programma 2021",
        "30,00%25,00%",
        "25,00%20,00%",
    ] {
        assert!(
            text.contains(&squash(expected)),
            "`{expected}` missing in:\n{text}"
        );
    }
    // Same versions, same bytes: the prospetto is reproducible, and not rewritten.
    let mtime = std::fs::metadata(&target).unwrap().modified().unwrap();
    let again = piano(&args);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(std::fs::read(&target).unwrap(), pdf);
    assert_eq!(
        std::fs::metadata(&target).unwrap().modified().unwrap(),
        mtime
    );
}

#[test]
fn the_prospetto_as_html_is_an_accessible_page_and_md_takes_a_default_name() {
    let dir = tempfile::tempdir().unwrap();
    let html_path = dir.path().join("prospetto.html");
    let out = piano(&[
        "diff",
        brescia().to_str().unwrap(),
        brescia_agg1().to_str().unwrap(),
        "-o",
        html_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"it\">"),
        "{html}"
    );
    assert!(html.contains("<caption>Target, baseline e pesi modificati</caption>"));
    assert!(html.contains("<th scope=\"col\">Prima</th>"));
    assert!(html.contains("<td>30,00%</td><td>25,00%</td>"), "{html}");
    assert!(html.contains("Accordo di Programma, pervenute al 31.12.2020"));

    let md = std::process::Command::new(env!("CARGO_BIN_EXE_piano"))
        .args([
            "diff",
            brescia().to_str().unwrap(),
            brescia_agg1().to_str().unwrap(),
            "--formato",
            "md",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(md.status.code(), Some(1), "{}", stderr(&md));
    let name = "prospetto-modifiche-piano-della-performance-2021-2023.md";
    assert_eq!(stdout(&md).trim(), name);
    let text = std::fs::read_to_string(dir.path().join(name)).unwrap();
    assert!(text.contains("| 1.1.2 | Indicatore 1: "), "{text}");
    assert!(text.contains("| peso | 30,00% | 25,00% |"), "{text}");
}

#[test]
fn the_amended_plan_builds_with_the_amendment_on_the_cover_and_in_the_metadata() {
    let pdf = build_pdf(&brescia_agg1());
    let line = "Aggiornato con deliberazione di Giunta n. 78 del 19 luglio 2021";
    let cover = squash(&pdf_text(&pdf));
    let cover = &cover[..cover.find(&squash("Indice")).unwrap()];
    assert!(cover.contains(&squash(line)), "{cover}");
    assert!(cover.contains(&squash(
        "Adottato con deliberazione di Giunta n. 45 del 26 aprile 2021"
    )));
    assert!(info(&pdf, "Subject").unwrap().ends_with(line));
    let text = squash(&pdf_text(&pdf));
    assert!(text.contains(&squash("100% delle domande pervenute entro il 30.6.2021")));
}

/// Bytes, modification time and (on Unix) inode of a file: a rewritten file changes inode.
fn stamp(path: &Path) -> (Vec<u8>, std::time::SystemTime, u64) {
    let meta = std::fs::metadata(path).unwrap();
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    (
        std::fs::read(path).unwrap(),
        meta.modified().unwrap(),
        inode,
    )
}

#[test]
fn regenerating_leaves_unchanged_outputs_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let build = |plan: &Path| {
        let out = piano(&[
            "build",
            plan.to_str().unwrap(),
            "-o",
            out_dir.to_str().unwrap(),
            "--emit-typst",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let mut files: Vec<PathBuf> = stdout(&out).lines().map(PathBuf::from).collect();
        files.sort();
        files
    };
    let files = build(&brescia());
    let before: Vec<_> = files.iter().map(|f| stamp(f)).collect();
    assert_eq!(build(&brescia()), files);
    let after: Vec<_> = files.iter().map(|f| stamp(f)).collect();
    assert!(
        before == after,
        "a regeneration of the same plan rewrote a file"
    );

    // After the amendment, a file is rewritten exactly when its content changed: the PDF
    // of the plan does, the style files and the open data of the assignments do not.
    assert_eq!(build(&brescia_agg1()), files);
    let mut changed = Vec::new();
    for (f, old) in files.iter().zip(&before) {
        let new = stamp(f);
        let name = f.file_name().unwrap().to_str().unwrap().to_string();
        if new.0 == old.0 {
            assert!(&new == old, "{name} did not change and was rewritten");
        } else {
            changed.push(name);
        }
    }
    assert!(
        changed.contains(&"piano-della-performance-2021-2023.pdf".to_string()),
        "{changed:?}"
    );
    assert!(!changed.contains(&"stile.typ".to_string()), "{changed:?}");
}

/// In a plan where the body numbers its objectives itself, the prospetto uses those
/// numbers, and names an objective of an unnumbered level by its title; the regenerated
/// PDF marks the changed row of the action's table.
#[test]
fn the_prospetto_uses_the_bodys_numbers_and_the_amended_action_row_is_marked() {
    let old = root().join("data/venezia-rovigo-2019.json");
    let mut json = read_json(&old);
    json["albero"][1]["figli"][0]["figli"][2]["figli"][1]["indicatori"][0]["target"]["2019"] =
        ">= 15%".into();
    json["albero"][0]["figli"][2]["titolo"] =
        "Promuovere il grado di trasparenza e la tutela del mercato".into();
    json["atti"] = serde_json::json!([
        { "organo": "Giunta", "tipo": "aggiornamento", "numero": "80", "data": "2019-07-15" }
    ]);
    let (dir, new) = plan_file(&json);
    let out = dir.path().join("prospetto.md");
    let run = piano(&[
        "diff",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--formato",
        "md",
        "-o",
        out.to_str().unwrap(),
    ]);
    // Exit code 1: the versions differ.
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(
        md.contains("| rinominato | Obiettivo strategico | 6 | 6 |"),
        "{md}"
    );
    assert!(
        md.contains("| «Accertamento della violazione dell'omesso deposito del…» | Indicatore 1: n. accertamenti su totale imprese contestate nel 2018 (468) | target al 2019 |"),
        "{md}"
    );
    assert!(!md.contains("()"), "{md}");

    let build = dir.path().join("out");
    let run = piano(&[
        "build",
        new.to_str().unwrap(),
        "--confronta",
        old.to_str().unwrap(),
        "-o",
        build.to_str().unwrap(),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let html = std::fs::read_to_string(build.join("programmi-ed-attivita-2019.html")).unwrap();
    assert!(
        html.contains("Modificato con deliberazione di Giunta n. 80 del 15 luglio 2019"),
        "{html}"
    );
    assert!(
        html.contains("<tr class=\"modificato\"><th scope=\"rowgroup\" rowspan=\"1\">Accertamento della violazione"),
        "{html}"
    );
}

/// Issue #14.16: the prospetto of two plans without acts has a date all the same, by the
/// rule of the plan's documents (here 1 January of the first year), so the PDF is made.
#[test]
fn the_prospetto_of_plans_without_acts_is_dated_like_the_plan() {
    let mut old = read_json(&minimo());
    old.as_object_mut().unwrap().remove("atti");
    let mut new = old.clone();
    new["ente"]["nome"] = "Comune di Prova Nuova".into();
    let (_a, old) = plan_file(&old);
    let (dir, new) = plan_file(&new);
    let target = dir.path().join("prospetto.pdf");
    let (old, new, target) = (old.to_str().unwrap(), new.to_str().unwrap(), target);
    let out = piano(&["diff", old, new, "-o", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let pdf = std::fs::read(&target).unwrap();
    assert!(
        info(&pdf, "CreationDate")
            .unwrap()
            .starts_with("D:20240101"),
        "{:?}",
        info(&pdf, "CreationDate")
    );
    let text = squash(&pdf_text(&pdf));
    assert!(text.contains(&squash("Comune di Prova Nuova")), "{text}");
}

/// Every field of the model is compared: for each property of the plan's JSON Schema (the
/// one generated from the model), two plans that differ only there must give a change
/// located at it (at the value, inside it, or at the object that holds it when the value
/// is what identifies that object). A field added to the model and left out of the diff
/// makes this fail.
#[test]
fn every_field_of_the_model_is_compared() {
    let schema = piano::load::schema::schema();
    let campioni = Campioni {
        defs: schema["$defs"].as_object().unwrap(),
    };
    let casi = campioni.casi(schema, "", &mut Vec::new());
    assert!(casi.len() > 150, "only {} cases", casi.len());
    let mut mancanti = Vec::new();
    for (percorso, a, b) in casi {
        // Not part of the plan: where an editor finds the schema.
        if percorso == "$schema" {
            continue;
        }
        let piano = |v: Value| -> piano::model::Piano {
            serde_json::from_value(v).unwrap_or_else(|e| panic!("{percorso}: {e}"))
        };
        let d = piano::diff::confronta(&piano(a), &piano(b));
        let vicino = |p: &str| {
            let sotto = |x: &str, y: &str| {
                x == y || x.starts_with(&format!("{y}.")) || x.starts_with(&format!("{y}["))
            };
            sotto(p, &percorso) || sotto(&percorso, p)
        };
        if !d.percorsi().iter().any(|p| vicino(p)) {
            mancanti.push(format!("{percorso}: {:?}", d.percorsi()));
        }
    }
    assert!(
        mancanti.is_empty(),
        "not compared:\n{}",
        mancanti.join("\n")
    );
}

/// Samples of the values a JSON Schema allows: every optional property present, lists of
/// one element, maps of one key; texts are their own JSON path, so that no two objects
/// share a title or an `id`.
struct Campioni<'a> {
    defs: &'a Map<String, Value>,
}

impl<'a> Campioni<'a> {
    /// The definition a `$ref` points to, with its name.
    fn risolvi(&self, s: &'a Value) -> (&'a Value, Option<&'a str>) {
        match s.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let name = r.trim_start_matches("#/$defs/");
                (&self.defs[name], Some(name))
            }
            None => (s, None),
        }
    }

    fn alternative(s: &'a Value) -> Vec<&'a Value> {
        ["anyOf", "oneOf"]
            .iter()
            .filter_map(|k| s.get(*k).and_then(Value::as_array))
            .flatten()
            .filter(|a| a.get("type").and_then(Value::as_str) != Some("null"))
            .collect()
    }

    fn tipo(s: &Value) -> &str {
        match s.get("type") {
            Some(Value::String(t)) => t,
            Some(Value::Array(ts)) => ts
                .iter()
                .filter_map(Value::as_str)
                .find(|t| *t != "null")
                .unwrap_or("null"),
            _ if s.get("properties").is_some() => "object",
            _ => "",
        }
    }

    /// Whether `s` is a list of a definition being sampled (a tree's children).
    fn ricorsivo(&self, s: &Value, pila: &[&str]) -> bool {
        Self::tipo(s) == "array"
            && matches!(self.risolvi(&s["items"]).1, Some(n) if pila.contains(&n))
    }

    /// A value of `s` found at `percorso`.
    fn esempio(&self, s: &'a Value, percorso: &str, pila: &mut Vec<&'a str>) -> Value {
        let (s, nome) = self.risolvi(s);
        pila.extend(nome);
        let v = if let Some(c) = s.get("const") {
            c.clone()
        } else if let Some(e) = s.get("enum").and_then(Value::as_array) {
            e[0].clone()
        } else if let Some(a) = Self::alternative(s).first() {
            self.esempio(a, percorso, pila)
        } else if self.ricorsivo(s, pila) {
            json!([])
        } else {
            match Self::tipo(s) {
                "string" => json!(percorso),
                "integer" => json!(1),
                "number" => json!(10),
                "boolean" => json!(true),
                "array" => json!([self.esempio(&s["items"], &format!("{percorso}[0]"), pila)]),
                "object" => {
                    let mut m = Map::new();
                    for (k, p) in s
                        .get("properties")
                        .and_then(Value::as_object)
                        .into_iter()
                        .flatten()
                    {
                        m.insert(k.clone(), self.esempio(p, &unisci(percorso, k), pila));
                    }
                    if let Some(extra) = s.get("additionalProperties").filter(|v| v.is_object()) {
                        m.insert(
                            "2024".into(),
                            self.esempio(extra, &unisci(percorso, "2024"), pila),
                        );
                    }
                    Value::Object(m)
                }
                other => panic!("{percorso}: type {other:?} in {s}"),
            }
        };
        if nome.is_some() {
            pila.pop();
        }
        v
    }

    /// For each value inside `s` (at `percorso`) that can change: its path, and a value of
    /// `s` before and after the change.
    fn casi(
        &self,
        s: &'a Value,
        percorso: &str,
        pila: &mut Vec<&'a str>,
    ) -> Vec<(String, Value, Value)> {
        let (s, nome) = self.risolvi(s);
        if nome.is_some_and(|n| pila.contains(&n)) {
            return Vec::new();
        }
        pila.extend(nome);
        let mut out = Vec::new();
        let alternative = Self::alternative(s);
        if let Some(e) = s
            .get("enum")
            .and_then(Value::as_array)
            .filter(|e| e.len() > 1)
        {
            out.push((percorso.to_string(), e[0].clone(), e[1].clone()));
        } else if s.get("const").is_some() {
        } else if !alternative.is_empty() {
            if alternative.len() > 1 {
                out.push((
                    percorso.to_string(),
                    self.esempio(alternative[0], percorso, pila),
                    self.esempio(alternative[1], percorso, pila),
                ));
            }
            for a in alternative {
                out.extend(self.casi(a, percorso, pila));
            }
        } else if self.ricorsivo(s, pila) {
            let item = self.esempio(&s["items"], &format!("{percorso}[0]"), pila);
            out.push((percorso.to_string(), json!([]), json!([item])));
        } else {
            match Self::tipo(s) {
                "string" => out.push((
                    percorso.into(),
                    json!(percorso),
                    json!(format!("{percorso} modificato")),
                )),
                "integer" => out.push((percorso.into(), json!(1), json!(2))),
                "number" => out.push((percorso.into(), json!(10), json!(20))),
                "boolean" => out.push((percorso.into(), json!(true), json!(false))),
                "array" => {
                    for (p, a, b) in self.casi(&s["items"], &format!("{percorso}[0]"), pila) {
                        out.push((p, json!([a]), json!([b])));
                    }
                }
                "object" => {
                    let base = self.esempio(s, percorso, pila);
                    let mut campi: Vec<(String, &Value)> = s
                        .get("properties")
                        .and_then(Value::as_object)
                        .into_iter()
                        .flatten()
                        .map(|(k, p)| (k.clone(), p))
                        .collect();
                    if let Some(extra) = s.get("additionalProperties").filter(|v| v.is_object()) {
                        campi.push(("2024".into(), extra));
                    }
                    for (k, p) in campi {
                        for (q, a, b) in self.casi(p, &unisci(percorso, &k), pila) {
                            let (mut x, mut y) = (base.clone(), base.clone());
                            x[&k] = a;
                            y[&k] = b;
                            out.push((q, x, y));
                        }
                    }
                }
                other => panic!("{percorso}: type {other:?} in {s}"),
            }
        }
        if nome.is_some() {
            pila.pop();
        }
        out
    }
}

fn unisci(percorso: &str, k: &str) -> String {
    if percorso.is_empty() {
        k.to_string()
    } else {
        format!("{percorso}.{k}")
    }
}
