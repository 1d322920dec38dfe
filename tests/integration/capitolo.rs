//! The planning chapter as the plan shapes it: its number, the headings of its parts (or
//! none), narrative sections beside the nodes and chapters after it, in the PDF (bookmarks,
//! index, Typst source) and in the HTML page alike.

use serde_json::{Value, json};

use crate::check::check_json;
use crate::common::*;

/// Every output of a plan built in-process, with the Typst source.
fn outputs(plan: &Value) -> Vec<piano::write::Output> {
    let (_dir, path) = plan_file(plan);
    let source = piano::load::read(&path).unwrap();
    let options = piano::pipeline::BuildOptions {
        emit_typst: true,
        ..Default::default()
    };
    piano::pipeline::build(source, &piano::render::Templates::builtin(), &options)
        .unwrap_or_else(|f| panic!("build failed: {:#?}", f.diagnostics))
        .outputs
}

/// The output whose name ends with `ext`.
fn ending<'a>(outputs: &'a [piano::write::Output], ext: &str) -> &'a [u8] {
    &outputs
        .iter()
        .find(|o| o.name.ends_with(ext))
        .unwrap_or_else(|| panic!("no {ext} built"))
        .bytes
}

fn source(outputs: &[piano::write::Output], ext: &str) -> String {
    String::from_utf8(ending(outputs, ext).to_vec()).unwrap()
}

/// The headings of the HTML page's main content, with their level: `(3, "4.1 Albero")`.
fn html_headings(html: &str) -> Vec<(usize, String)> {
    let main = &html[html.find("<main").unwrap()..];
    let mut out = Vec::new();
    let mut rest = main;
    while let Some(i) = rest.find("<h") {
        rest = &rest[i + 2..];
        let Some(level) = rest.chars().next().and_then(|c| c.to_digit(10)) else {
            continue;
        };
        let body = &rest[rest.find('>').unwrap() + 1..];
        let end = body.find("</h").unwrap();
        out.push((level as usize, body[..end].replace("&#x27;", "'")));
    }
    out
}

/// The HTML page's index.
fn index_of(html: &str) -> &str {
    let start = html.find("<nav id=\"indice\"").unwrap();
    &html[start..start + html[start..].find("</nav>").unwrap()]
}

/// No heading is more than one level below the one before it (PDF/UA and WCAG heading
/// order); the first is at `top`.
fn assert_no_level_skipped(headings: &[(usize, String)], top: usize) {
    let mut previous = top - 1;
    for (level, title) in headings {
        assert!(
            *level <= previous + 1,
            "`{title}` at level {level} after level {previous}: {headings:#?}"
        );
        previous = *level;
    }
}

/// The titles of `headings` that are in `wanted`, in order, with their levels.
fn only<'a>(headings: &'a [(usize, String)], wanted: &[&str]) -> Vec<(usize, &'a str)> {
    headings
        .iter()
        .filter(|(_, t)| wanted.contains(&t.as_str()))
        .map(|(l, t)| (*l, t.as_str()))
        .collect()
}

fn base(albero: Value) -> Value {
    json!({
        "ente": { "nome": "Agenzia di Prova" },
        "documento": { "titolo": "Piano triennale", "anno_inizio": 2024, "anno_fine": 2025 },
        "livelli": [
            { "nome": "Area", "plurale": "Aree", "scheda": false },
            { "nome": "Obiettivo", "plurale": "Obiettivi" },
            { "nome": "Risultato", "plurale": "Risultati" },
            { "nome": "Linea di azione", "plurale": "Linee di azione", "scheda": false }
        ],
        "albero": albero,
        "assegnazioni": { "anno": 2024, "dirigenti": [
            { "nome": "Anna Rossi", "ruolo": "Responsabile", "obiettivi": [ { "obiettivo": "1.1", "peso": 100 } ] }
        ] }
    })
}

fn testo(titolo: &str, posizione: Option<&str>) -> Value {
    let mut s =
        json!({ "titolo": titolo, "contenuto": [ { "testo": format!("Testo di {titolo}.") } ] });
    if let Some(p) = posizione {
        s["posizione"] = p.into();
    }
    s
}

fn small_tree() -> Value {
    json!([{ "titolo": "Servizi digitali", "figli": [
        { "titolo": "Servizi on line", "indicatori": [
            { "descrizione": "Servizi in rete", "target": { "2024": "10", "2025": "20" }, "peso": 100 }
        ] }
    ] }])
}

/// A plan that is chapter 3 of a larger document: the chapter is "3 Servizi" after an
/// unnumbered Premessa, its parts 3.1, 3.1.1, 3.2, 3.3, and the chapters placed after it
/// are 4 (with 4.1) and 5, after the assignments and before the signatures, in the PDF's
/// bookmarks and index, in its Typst source and in the HTML page.
#[test]
fn the_chapter_takes_the_plans_number_and_the_chapters_after_it_follow() {
    let mut plan = base(small_tree());
    plan["documento"]["numero_capitolo"] = 3.into();
    plan["documento"]["titolo_capitolo"] = "Servizi".into();
    plan["firme"] = json!([{ "ruolo": "Il Direttore generale", "nome": "Carla Bianchi" }]);
    let mut strumenti = testo("Strumenti e finanziamenti", Some("dopo"));
    strumenti["contenuto"] = json!([
        { "testo": "Le risorse dell'Obiettivo 1.1 «Servizi on line»." },
        { "tabella": {
            "titolo": "Finanziamenti per obiettivo",
            "colonne": [ { "titolo": "Obiettivo" }, { "titolo": "Importo", "formato": "euro" } ],
            "righe": [ ["1.1", 1000] ]
        } }
    ]);
    strumenti["sezioni"] = json!([testo("Fondi europei", None)]);
    plan["sezioni"] = json!([
        { "titolo": "Premessa", "numerata": false, "contenuto": [ { "testo": "Premessa." } ] },
        strumenti,
        testo("Monitoraggio", Some("dopo"))
    ]);
    let out = outputs(&plan);
    let pdf = ending(&out, ".pdf");
    let expected = [
        (1, "Premessa"),
        (1, "3 Servizi"),
        (2, "3.1 Albero della performance"),
        (3, "3.1.1 Obiettivi e indicatori: quadro di sintesi"),
        (2, "3.2 Schede obiettivi"),
        (3, "Area 1: Servizi digitali"),
        (4, "Obiettivo 1.1: Servizi on line"),
        (2, "3.3 Assegnazione degli obiettivi 2024 ai dirigenti"),
        (3, "Responsabile: Anna Rossi"),
        (1, "4 Strumenti e finanziamenti"),
        (2, "4.1 Fondi europei"),
        (1, "5 Monitoraggio"),
    ];
    let got = outline_entries(pdf);
    let got: Vec<(usize, &str)> = got.iter().map(|(l, t)| (*l, t.as_str())).collect();
    assert_eq!(got, expected);
    // The index page says the same, and the chapters after come after the assignments and
    // before the signatures, with the section's text referring to the objective by code.
    let text = squash(&pdf_text(pdf));
    for entry in [
        "3Servizi",
        "3.3Assegnazione",
        "4Strumentiefinanziamenti",
        "4.1Fondieuropei",
        "5Monitoraggio",
    ] {
        assert!(text.contains(entry), "`{entry}` not in the PDF");
    }
    let order = [
        "TotaleAnnaRossi",
        "4Strumentiefinanziamenti",
        "Lerisorsedell'Obiettivo1.1«Servizionline»",
        "Tabella1:Finanziamentiperobiettivo",
        "5Monitoraggio",
        "IlDirettoregenerale",
    ];
    let found: Vec<usize> = order
        .iter()
        .map(|s| {
            text.rfind(s)
                .unwrap_or_else(|| panic!("`{s}` not in the PDF"))
        })
        .collect();
    assert!(found.is_sorted(), "out of order: {order:?} at {found:?}");
    // The table of a chapter after the planning chapter is in the list of tables.
    assert!(text.contains("Elencodelletabelle"));
    // Typst numbers the chapter because its counter is set just before it.
    let typ = source(&out, ".typ");
    assert!(
        typ.contains("#counter(heading).update(2)\n= Servizi"),
        "{typ}"
    );
    let html = source(&out, ".html");
    let nav = index_of(&html);
    for entry in [
        "<a href=\"#pianificazione\">3 Servizi</a>",
        "<a href=\"#albero\">3.1 Albero della performance</a>",
        "<a href=\"#schede\">3.2 Schede obiettivi</a>",
        "<a href=\"#assegnazioni\">3.3 Assegnazione degli obiettivi 2024 ai dirigenti</a>",
        "<a href=\"#dopo-1\">4 Strumenti e finanziamenti</a>",
        "<a href=\"#dopo-3\">5 Monitoraggio</a>",
    ] {
        assert!(nav.contains(entry), "`{entry}` not in the index: {nav}");
    }
    let headings = html_headings(&html);
    assert_eq!(
        only(
            &headings,
            &[
                "3 Servizi",
                "3.1 Albero della performance",
                "3.1.1 Obiettivi e indicatori: quadro di sintesi",
                "4 Strumenti e finanziamenti",
                "4.1 Fondi europei",
                "5 Monitoraggio"
            ]
        ),
        [
            (2, "3 Servizi"),
            (3, "3.1 Albero della performance"),
            (4, "3.1.1 Obiettivi e indicatori: quadro di sintesi"),
            (2, "4 Strumenti e finanziamenti"),
            (3, "4.1 Fondi europei"),
            (2, "5 Monitoraggio")
        ]
    );
    assert_no_level_skipped(&headings, 2);
    let (chapter, after, signatures) = (
        html.find("3 Servizi</h2>").unwrap(),
        html.find("4 Strumenti e finanziamenti</h2>").unwrap(),
        html.find("class=\"firme\"").unwrap(),
    );
    assert!(chapter < after && after < signatures);
}

/// Empty headings are left out, the parts stay, and what was below a missing heading moves
/// up one level, so no level is skipped: without the tree's heading the summary is the
/// chapter's first part (4.1 here: three chapters before); without the schede's heading the
/// areas are second-level headings and the schede third-level ones, still unnumbered;
/// without the assignments' heading the managers' headings are second-level. The default
/// headings are replaced by the plan's, `{anno}` by the year.
#[test]
fn empty_headings_are_left_out_and_the_levels_below_move_up() {
    let mut plan = base(small_tree());
    plan["sezioni"] = json!([testo("Uno", None), testo("Due", None), testo("Tre", None)]);
    plan["documento"]["intestazioni"] = json!({
        "albero": "", "sintesi": "Quadro dei risultati", "schede": "", "assegnazioni": ""
    });
    let out = outputs(&plan);
    let got = outline_entries(ending(&out, ".pdf"));
    let got: Vec<(usize, &str)> = got.iter().map(|(l, t)| (*l, t.as_str())).collect();
    assert_eq!(
        got[3..],
        [
            (1, "4 Pianificazione"),
            (2, "4.1 Quadro dei risultati"),
            (2, "Area 1: Servizi digitali"),
            (3, "Obiettivo 1.1: Servizi on line"),
            (2, "Responsabile: Anna Rossi"),
        ]
    );
    let pdf = squash(&pdf_text(ending(&out, ".pdf")));
    for absent in ["4.1Albero", "Schedeobiettivi", "Assegnazionedegliobiettivi"] {
        assert!(!pdf.contains(absent), "`{absent}` printed");
    }
    // The parts stay: the tree (its figure keeps its caption), the schede, the assignments.
    for part in [
        "Figura1:Alberodellaperformance",
        "Serviziinrete",
        "TotaleAnnaRossi",
    ] {
        assert!(pdf.contains(part), "`{part}` not printed");
    }
    let html = source(&out, ".html");
    let headings = html_headings(&html);
    assert_eq!(
        only(
            &headings,
            &[
                "4 Pianificazione",
                "4.1 Quadro dei risultati",
                "Area 1: Servizi digitali",
                "Obiettivo 1.1: Servizi on line",
                "Responsabile: Anna Rossi"
            ]
        ),
        [
            (2, "4 Pianificazione"),
            (3, "4.1 Quadro dei risultati"),
            (3, "Area 1: Servizi digitali"),
            (4, "Obiettivo 1.1: Servizi on line"),
            // Without their part's heading, the managers' tables get headings of their own
            // (as in the PDF), not to read as part of the last scheda.
            (3, "Responsabile: Anna Rossi")
        ]
    );
    assert_no_level_skipped(&headings, 2);
    let nav = index_of(&html);
    assert!(
        nav.contains("<a href=\"#sintesi\">4.1 Quadro dei risultati</a>"),
        "{nav}"
    );
    assert!(!nav.contains("#albero") && !nav.contains("#schede") && !nav.contains("#assegnazioni"));

    // Headings of its own, and `{anno}` in the assignments'.
    plan["documento"]["intestazioni"] = json!({
        "albero": "Obiettivi e risultati attesi", "sintesi": "",
        "schede": "Schede", "assegnazioni": "Obiettivi {anno} dei responsabili"
    });
    let out = outputs(&plan);
    let got = outline_entries(ending(&out, ".pdf"));
    let titles: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        titles[3..7],
        [
            "4 Pianificazione",
            "4.1 Obiettivi e risultati attesi",
            "4.2 Schede",
            "Area 1: Servizi digitali"
        ]
    );
    assert!(
        titles.contains(&"4.3 Obiettivi 2024 dei responsabili"),
        "{titles:?}"
    );
    assert!(!titles.iter().any(|t| t.contains("quadro di sintesi")));
    assert_no_level_skipped(&html_headings(&source(&out, ".html")), 2);
}

/// The tree of the national plan's kind: an objective (with a scheda) whose results have
/// schede of their own and lines of action inside them.
fn tree_with_sections() -> Value {
    json!([{
        "titolo": "Servizi digitali",
        "sezioni": [testo("Scenario dell'area", None), testo("Chiusura dell'area", Some("dopo")), testo("Contesto dell'area", Some("dopo_scheda"))],
        "figli": [
            {
                "titolo": "Servizi on line",
                "sezioni": [
                    testo("Contesto normativo", None),
                    {
                        "titolo": "Dati del contesto",
                        "posizione": "dopo_scheda",
                        "contenuto": [
                            { "tabella": {
                                "titolo": "Servizi per anno",
                                "colonne": [ { "titolo": "Anno" }, { "titolo": "Servizi", "formato": "numero" } ],
                                "righe": [ ["2022", 4], ["2023", 7] ]
                            } },
                            { "grafico": { "tipo": "barre", "titolo": "Andamento dei servizi", "categorie": ["2022", "2023"], "serie": [ { "nome": "Servizi", "valori": [4, 7] } ] } }
                        ],
                        "sezioni": [testo("Fonti dei dati", None)]
                    },
                    testo("Strumenti dell'obiettivo", Some("dopo"))
                ],
                "indicatori": [ { "descrizione": "Servizi in rete", "target": { "2024": "10", "2025": "20" }, "peso": 100 } ],
                "figli": [
                    {
                        "titolo": "Cloud",
                        "indicatori": [ { "descrizione": "Servizi migrati", "target": { "2024": "5", "2025": "9" }, "peso": 100 } ],
                        "sezioni": [testo("Dopo il risultato", Some("dopo"))],
                        "figli": [
                            {
                                "titolo": "Migrazione",
                                "descrizione": "Spostare i servizi.",
                                "sezioni": [testo("Prima della linea", None), testo("Dopo la linea", Some("dopo"))]
                            }
                        ]
                    }
                ]
            }
        ]
    }])
}

/// Sections of a node are printed under it: those before its scheda right under its
/// heading, those after its scheda after its last field, those after its children after
/// the last scheda of its descendants (one level up, as a sibling of the schede, since the
/// schede of an area are all at one level); an area's under its heading and after its
/// schede; an action's around its texts inside its objective's scheda. Each at a level that
/// does not skip one, with tables and charts like the document's chapters (and in their
/// lists), in the PDF and the HTML page.
#[test]
fn node_sections_are_printed_where_the_plan_places_them() {
    let plan = base(tree_with_sections());
    let out = outputs(&plan);
    let pdf = ending(&out, ".pdf");
    let order = [
        (3, "Area 1: Servizi digitali"),
        (4, "Scenario dell'area"),
        (4, "Contesto dell'area"),
        (4, "Obiettivo 1.1: Servizi on line"),
        (5, "Contesto normativo"),
        (5, "Dati del contesto"),
        (6, "Fonti dei dati"),
        (4, "Risultato 1.1.1: Cloud"),
        (5, "Prima della linea"),
        (5, "Dopo la linea"),
        (5, "Dopo il risultato"),
        (4, "Strumenti dell'obiettivo"),
        (4, "Chiusura dell'area"),
    ];
    let titles: Vec<&str> = order.iter().map(|(_, t)| *t).collect();
    let got = outline_entries(pdf);
    // The action's heading (level 5) is not bookmarked, as before: its sections (level 6)
    // hang from its scheda's bookmark.
    assert_eq!(only(&got, &titles), order);
    // In the text: the objective's sections around its scheda, the action's around its
    // description.
    let text = squash(&pdf_text(pdf));
    let sequence = [
        "Area1:Servizidigitali",
        "TestodiScenariodell'area",
        "TestodiContestodell'area",
        "Obiettivo1.1:Servizionline",
        "TestodiContestonormativo",
        "Serviziinrete",
        "Datidelcontesto",
        "Tabella1:Serviziperanno",
        "Figura2:Andamentodeiservizi",
        "TestodiFontideidati",
        "Risultato1.1.1:Cloud",
        "Lineadiazione1.1.1.1:Migrazione",
        "TestodiPrimadellalinea",
        "Spostareiservizi.",
        "TestodiDopolalinea",
        "TestodiDopoilrisultato",
        "TestodiStrumentidell'obiettivo",
        "TestodiChiusuradell'area",
        "Assegnazionedegliobiettivi2024",
    ];
    let mut from = text.rfind("1.2Schedeobiettivi").unwrap();
    for s in sequence {
        let at = text[from..]
            .find(s)
            .unwrap_or_else(|| panic!("`{s}` not after position {from}: {}", &text[from..]));
        from += at + s.len();
    }
    // A node's tables and charts are in the lists after the index.
    let start = text.find("Elencodelletabelle").unwrap();
    let lists = &text[start..start + text[start..].find("1Pianificazione").unwrap()];
    assert!(lists.contains("Tabella1Serviziperanno"), "{lists}");
    assert!(lists.contains("Figura2Andamentodeiservizi"), "{lists}");
    let html = source(&out, ".html");
    let headings = html_headings(&html);
    assert_eq!(
        only(&headings, &titles),
        [
            (4, "Area 1: Servizi digitali"),
            (5, "Scenario dell'area"),
            (5, "Contesto dell'area"),
            (5, "Obiettivo 1.1: Servizi on line"),
            (6, "Contesto normativo"),
            (6, "Dati del contesto"),
            // HTML has six levels: deeper headings stay at the sixth.
            (6, "Fonti dei dati"),
            (5, "Risultato 1.1.1: Cloud"),
            (6, "Prima della linea"),
            (6, "Dopo la linea"),
            (6, "Dopo il risultato"),
            (5, "Strumenti dell'obiettivo"),
            (5, "Chiusura dell'area"),
        ]
    );
    assert_no_level_skipped(&headings, 2);
    assert!(html.contains("<caption id=\"nodo-1-1-s1-t1\">Servizi per anno</caption>"));
    assert!(html.contains("Grafico a barre: Andamento dei servizi."));
    // Every id of the page is unique.
    let mut ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "repeated ids");
}

/// An agency's objective carries its sections too: before its scheda and after it.
#[test]
fn an_agencys_objective_has_its_sections() {
    let mut plan = base(small_tree());
    plan["aziende_speciali"] = json!([{
        "nome": "Azienda Speciale Prova",
        "livello": { "nome": "Obiettivo operativo", "plurale": "Obiettivi operativi" },
        "obiettivi": [{
            "titolo": "Fiera digitale",
            "indicatori": [ { "descrizione": "Visitatori", "target": { "2024": "1000", "2025": "1200" }, "peso": 100 } ],
            "sezioni": [testo("Premessa della fiera", None), testo("Bilancio della fiera", Some("dopo"))]
        }]
    }]);
    let out = outputs(&plan);
    let got = outline_entries(ending(&out, ".pdf"));
    let titles = [
        "1.3 Schede obiettivi Azienda Speciale Prova",
        "1.3.1 Obiettivo operativo 1: Fiera digitale",
        "Premessa della fiera",
        "Bilancio della fiera",
    ];
    let found = only(&got, &titles);
    assert_eq!(found.len(), 4, "{got:#?}");
    assert_eq!(
        found[2..],
        [(4, "Premessa della fiera"), (4, "Bilancio della fiera")]
    );
    assert_no_level_skipped(&html_headings(&source(&out, ".html")), 2);
}

fn diagnostic<'a>(diags: &'a [Value], code: &str, path: &str) -> &'a Value {
    diags
        .iter()
        .find(|d| d["code"] == code && d["path"] == path)
        .unwrap_or_else(|| panic!("no {code} at `{path}`: {diags:#?}"))
}

/// What cannot be placed is said, located, with what to do: `dopo_scheda` on a chapter of
/// the document (it stays before the planning chapter), `posizione` on a subsection or in
/// the POLA, sections on a node the schede do not print (an area's child on a level
/// without scheda), `numerata` on a node's section, a heading for assignments the plan does
/// not have; these are warnings. A chapter number not above the numbered chapters before
/// it is an error.
#[test]
fn misplaced_sections_and_a_repeated_chapter_number_are_reported() {
    let mut plan = base(json!([{ "titolo": "Area", "figli": [
        { "titolo": "Obiettivo", "sezioni": [ { "titolo": "Numerata", "numerata": true, "contenuto": [],
            "sezioni": [ { "titolo": "Sotto", "posizione": "dopo", "contenuto": [] } ] } ] }
    ] }]));
    plan["livelli"] = json!([
        { "nome": "Area", "plurale": "Aree", "scheda": false },
        { "nome": "Programma", "plurale": "Programmi", "scheda": false }
    ]);
    plan["assegnazioni"] = Value::Null;
    plan["documento"]["intestazioni"] = json!({ "assegnazioni": "Obiettivi {anno}" });
    plan["sezioni"] = json!([
        testo("Contesto", Some("dopo_scheda")),
        { "titolo": "Con sottosezioni", "contenuto": [], "sezioni": [testo("Sotto", Some("dopo"))] }
    ]);
    let (code, diags) = check_json(&plan);
    assert_eq!(code, 0, "{diags:#?}");
    let d = diagnostic(&diags, "P045", "sezioni[0].posizione");
    assert_eq!(d["severity"], "avviso");
    assert_eq!(
        d["message"],
        "`dopo_scheda` vale solo per le sezioni di un nodo: la sezione resta prima del capitolo di pianificazione"
    );
    assert!(d["hint"].as_str().unwrap().contains("`\"dopo\"`"));
    assert!(d["position"]["line"].as_u64().is_some());
    diagnostic(&diags, "P045", "sezioni[1].sezioni[0].posizione");
    let d = diagnostic(&diags, "P045", "albero[0].figli[0].sezioni");
    assert!(d["message"].as_str().unwrap().contains("non sono stampate"));
    diagnostic(&diags, "P045", "albero[0].figli[0].sezioni[0].numerata");
    diagnostic(
        &diags,
        "P045",
        "albero[0].figli[0].sezioni[0].sezioni[0].posizione",
    );
    diagnostic(&diags, "P045", "documento.intestazioni.assegnazioni");

    // Chapter 1 after one numbered chapter: two chapters 1.
    let mut plan = base(small_tree());
    plan["sezioni"] = json!([testo("Presentazione", None)]);
    plan["documento"]["numero_capitolo"] = 1.into();
    let (code, diags) = check_json(&plan);
    assert_eq!(code, 1);
    let d = diagnostic(&diags, "P024", "documento.numero_capitolo");
    assert_eq!(
        d["message"],
        "il capitolo di pianificazione ha il numero 1, ma lo precedono 1 capitoli numerati: due capitoli avrebbero lo stesso numero"
    );
    // Chapters placed after it do not count; 0 is never a chapter number.
    plan["sezioni"][0]["posizione"] = "dopo".into();
    assert_eq!(check_json(&plan).0, 0);
    plan["documento"]["numero_capitolo"] = 0.into();
    let (code, diags) = check_json(&plan);
    assert_eq!(code, 1);
    diagnostic(&diags, "P024", "documento.numero_capitolo");
}
