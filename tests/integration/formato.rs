//! Inline formatting of titles and targets, lettered lists, and the layout of tables and
//! of the tree on plans of other bodies (long targets, long office names, wide trees).

use crate::common::*;

/// A plan whose titles, indicators and targets carry the plan's inline Markdown, and whose
/// description has a lettered list.
fn piano_formattato() -> serde_json::Value {
    serde_json::json!({
        "ente": { "nome": "Comune di Prova" },
        "documento": {
            "titolo": "Piano *integrato*",
            "anno_inizio": 2024,
            "anno_fine": 2024
        },
        "livelli": [
            { "nome": "Area", "plurale": "Aree", "scheda": false },
            { "nome": "Obiettivo", "plurale": "Obiettivi" }
        ],
        "albero": [{ "titolo": "Area", "figli": [{
            "titolo": "Servizi *e-service* per le imprese",
            "sottotitolo": "Sottotitolo **forte**",
            "descrizione": "Le fasi:\na. analisi;\nb. avvio;\nc. verifica.",
            "indicatori": [{
                "descrizione": "Scostamento dalla *baseline*",
                "baseline": "5*",
                "target": { "2024": "**>= 10**" }
            }]
        }]}]
    })
}

/// Emphasis and strong reach the PDF (as Typst calls) and the page (as `em`, `strong`);
/// an unpaired `*` prints; the PDF's title, the tree's boxes and their text alternatives,
/// and the open data take the text without markers.
#[test]
fn titles_and_targets_keep_their_emphasis() {
    let (dir, path) = plan_file(&piano_formattato());
    let out = build_into(&path, "-o", dir.path().join("out"), &["--emit-typst"]);
    let typ = std::fs::read_to_string(out.join("piano-integrato-2024.typ")).unwrap();
    for expected in [
        "[Obiettivo 1\\.1\\: Servizi #emph[e\\-service] per le imprese]",
        "#text(style: \"italic\")[Sottotitolo #strong[forte]]",
        "[Scostamento dalla #emph[baseline]], [5\\*],",
        "[#strong[\\>\\= 10]]",
        "#enum(numbering: \"a.\", [analisi;], [avvio;], [verifica\\.])",
        // The diagram's data: plain text.
        "\"titolo\": \"Servizi e-service per le imprese\"",
    ] {
        assert!(
            typ.contains(expected),
            "`{expected}` not in the Typst source"
        );
    }
    let html = std::fs::read_to_string(out.join("piano-integrato-2024.html")).unwrap();
    for expected in [
        "<h5>Obiettivo 1.1: Servizi <em>e-service</em> per le imprese</h5>",
        "<p><em>Sottotitolo <strong>forte</strong></em></p>",
        "<th scope=\"row\">Scostamento dalla <em>baseline</em></th><td>5*</td>",
        "<td><strong>&gt;= 10</strong></td>",
        "<ol type=\"a\">\n<li>analisi;</li>\n<li>avvio;</li>\n<li>verifica.</li>\n</ol>",
        "<title>Piano integrato 2024 – Comune di Prova</title>",
        "<h1>Piano <em>integrato</em> 2024</h1>",
    ] {
        assert!(html.contains(expected), "`{expected}` not in the page");
    }
    let pdf = std::fs::read(out.join("piano-integrato-2024.pdf")).unwrap();
    assert_eq!(info(&pdf, "Title").as_deref(), Some("Piano integrato 2024"));
    let text = squash(&pdf_text(&pdf));
    for expected in [
        "Obiettivo 1.1: Servizi e-service per le imprese",
        "Le fasi: a. analisi; b. avvio; c. verifica.",
        "Scostamento dalla baseline 5* >= 10",
    ] {
        assert!(
            text.contains(&squash(expected)),
            "`{expected}` not in {text}"
        );
    }
    assert!(!text.contains("*e") && !text.contains("**"), "{text}");
    for alt in alt_texts(&pdf) {
        assert!(!alt.contains("*e-service*"), "{alt}");
    }
    let obiettivi =
        std::fs::read_to_string(out.join("piano-integrato-2024-obiettivi.csv")).unwrap();
    assert!(
        obiettivi.contains(",Servizi e-service per le imprese,"),
        "{obiettivi}"
    );
    let indicatori =
        std::fs::read_to_string(out.join("piano-integrato-2024-indicatori.csv")).unwrap();
    assert!(
        indicatori.contains(",Scostamento dalla baseline,") && indicatori.contains(",5*,"),
        "{indicatori}"
    );
    assert!(indicatori.contains(",>= 10,"), "{indicatori}");
}

/// `piano diff` names objectives and indicators without the markers.
#[test]
fn the_diff_prints_titles_without_markers() {
    let old = piano_formattato();
    let mut new = old.clone();
    new["albero"][0]["figli"][0]["titolo"] = "Servizi *e-service* per i cittadini".into();
    let (dir, old_path) = plan_file(&old);
    let new_path = dir.path().join("nuovo.json");
    std::fs::write(&new_path, serde_json::to_string(&new).unwrap()).unwrap();
    let run = piano(&[
        "diff",
        old_path.to_str().unwrap(),
        new_path.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("e-service"), "{stdout}");
    assert!(!stdout.contains('*'), "{stdout}");
}

/// A glyph as a reader sees it: its page (from 1) and baseline height in points from the
/// page's bottom edge.
struct Glifo {
    pagina: u32,
    y: f64,
}

/// The glyphs of a PDF, in the order they are drawn, with the text they draw (without
/// spaces and hyphens).
#[derive(Default)]
struct Glifi {
    testo: String,
    /// One entry per `char` of `testo`.
    posizioni: Vec<Glifo>,
    pagina: u32,
}

impl pdf_extract::OutputDev for Glifi {
    fn begin_page(
        &mut self,
        page_num: u32,
        _: &pdf_extract::MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.pagina = page_num;
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        _: f64,
        _: f64,
        _: f64,
        char: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        // Hyphens are left out, so that a word broken across lines is still found whole
        // (its glyphs then sit on two baselines).
        for c in char
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{ad}'))
        {
            self.testo.push(c);
            self.posizioni.push(Glifo {
                pagina: self.pagina,
                y: trm.m32,
            });
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

impl Glifi {
    fn di(pdf: &[u8]) -> Glifi {
        let doc = pdf_extract::Document::load_mem(pdf).unwrap();
        let mut g = Glifi::default();
        pdf_extract::output_doc(&doc, &mut g).unwrap();
        g
    }

    /// The glyphs of the first occurrence of `s` (written without spaces and hyphens).
    fn di_testo(&self, s: &str) -> &[Glifo] {
        self.di_testo_dopo(s, "")
    }

    /// The glyphs of the first occurrence of `s` after the first of `dopo`.
    fn di_testo_dopo(&self, s: &str, dopo: &str) -> &[Glifo] {
        let from = self.testo.find(dopo).expect("`dopo` drawn") + dopo.len();
        let start = from
            + self.testo[from..]
                .find(s)
                .unwrap_or_else(|| panic!("`{s}` not drawn in one piece"));
        let k = self.testo[..start].chars().count();
        &self.posizioni[k..k + s.chars().count()]
    }
}

/// The bottom margin of the pages (2.2 cm), in points: below it only the footer is drawn.
const MARGINE_BASSO: f64 = 2.2 / 2.54 * 72.0;

/// On every page, what is drawn below the bottom margin is the footer "pag. N di M" alone.
fn niente_sul_piede(g: &Glifi) {
    let pagine = g.posizioni.iter().map(|p| p.pagina).max().unwrap_or(0);
    for pagina in 2..=pagine {
        let piede: String = g
            .testo
            .chars()
            .zip(&g.posizioni)
            .filter(|(_, p)| p.pagina == pagina && p.y < MARGINE_BASSO)
            .map(|(c, _)| c)
            .collect();
        assert_eq!(piede, format!("pag.{pagina}di{pagine}"), "page {pagina}");
    }
}

/// A tree with a branch taller than a page: one objective with 31 lines of action under
/// one expected result, beside another with 3.
fn piano_albero_alto() -> serde_json::Value {
    let linea = |o: usize, r: usize, l: usize| {
        serde_json::json!({ "titolo": format!(
            "Linea di azione {o}.{r}.{l}: adozione della piattaforma nazionale e migrazione dei servizi verso il cloud qualificato"
        ) })
    };
    let albero: Vec<serde_json::Value> = (1..=3)
        .map(|o| {
            serde_json::json!({
                "titolo": format!("Obiettivo {o}: rafforzare la digitalizzazione"),
                "figli": (1..=2).map(|r| serde_json::json!({
                    "titolo": format!("Risultato atteso {o}.{r}: aumento dei servizi digitali"),
                    "figli": (1..=if r == 1 { 31 } else { 3 }).map(|l| linea(o, r, l)).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::json!({
        "ente": { "nome": "Agenzia di Prova" },
        "documento": { "titolo": "Piano triennale", "anno_inizio": 2024, "anno_fine": 2026 },
        "livelli": [
            { "nome": "Obiettivo", "plurale": "Obiettivi", "scheda": false },
            { "nome": "Risultato atteso", "plurale": "Risultati attesi" },
            { "nome": "Linea di azione", "plurale": "Linee di azione", "scheda": false }
        ],
        "albero": albero,
    })
}

/// A branch taller than a page breaks between boxes: the plan's box, the branch's header
/// and its first boxes share a page (no page holding one box), and no box runs into the
/// footer.
#[test]
fn a_tall_tree_breaks_between_boxes() {
    let (_dir, path) = plan_file(&piano_albero_alto());
    let g = Glifi::di(&build_pdf(&path));
    niente_sul_piede(&g);
    let radice = g.di_testo_dopo("PIANOTRIENNALE20242026", "Figura1:")[0].pagina;
    assert_eq!(g.di_testo("OBIETTIVO1")[0].pagina, radice);
    assert_eq!(g.di_testo("Lineadiazione1.1.1:")[0].pagina, radice);
    // The 31 boxes of 1.1 take more than a page: the last is on a later one.
    assert!(g.di_testo("Lineadiazione1.1.31:")[0].pagina > radice);
}

/// A plan whose indicator has one long target beside short ones, and whose action's
/// offices have long names.
fn piano_tabelle() -> serde_json::Value {
    let lungo = "Attivazione entro il 31 dicembre del nuovo servizio digitale di prenotazione \
                 degli appuntamenti per tutti gli sportelli dell'ente, con integrazione nel \
                 fascicolo del cittadino, pubblicazione dei tempi medi di attesa e rilevazione \
                 della soddisfazione degli utenti mediante questionario online somministrato a \
                 campione";
    let uffici = [
        "Settore Servizi Demografici, Elettorali e Statistici",
        "Ufficio protocollo informatico e gestione documentale",
    ];
    let indicatore = serde_json::json!({
        "descrizione": "Indicatore di realizzazione del progetto",
        "target": { "2024": lungo, "2025": "SI", "2026": "SI" },
        "uffici": uffici,
    });
    serde_json::json!({
        "ente": { "nome": "Comune di Prova" },
        "documento": { "titolo": "Piano della Performance", "anno_inizio": 2024, "anno_fine": 2026 },
        "livelli": [
            { "nome": "Area", "plurale": "Aree", "scheda": false },
            { "nome": "Obiettivo", "plurale": "Obiettivi" },
            { "nome": "Azione", "plurale": "Azioni", "scheda": false }
        ],
        "albero": [{ "titolo": "Servizi", "figli": [{
            "titolo": "Prenotazioni online",
            "indicatori": [indicatore.clone()],
            "figli": [{ "titolo": "Nuovo servizio", "indicatori": [indicatore] }],
        }] }],
    })
}

/// Columns follow their content: the long target gets the room the "SI" columns do not
/// need (a few lines, not one word a line), and office names are not hyphenated.
#[test]
fn columns_follow_their_content() {
    let (_dir, path) = plan_file(&piano_tabelle());
    let g = Glifi::di(&build_pdf(&path));
    for name in [
        "Demografici,",
        "protocollo",
        "documentale",
        "Settore",
        "Statistici",
    ] {
        let glyphs = g.di_testo(name);
        assert!(
            glyphs.iter().all(|p| p.y == glyphs[0].y),
            "`{name}` hyphenated"
        );
    }
    // The target twice in the summary (the objective's and the action's indicator), in the
    // indicators' table and in the actions' table. Its
    // 330 characters at 8.5 pt fill about 1,300 pt on one line: in a column of at least
    // a third of the page (160 pt) they take at most 9 lines of about 10.5 pt.
    let mut seen = 0;
    let mut rest = g.testo.as_str();
    let mut offset = 0;
    while let Some(start) = rest.find("Attivazioneentroil31") {
        let from = offset + rest[..start].chars().count();
        let tail = &rest[start..];
        let len = tail
            .find("campione")
            .unwrap_or_else(|| panic!("{}", &tail[..tail.len().min(600)]))
            + "campione".len();
        let glyphs = &g.posizioni[from..from + tail[..len].chars().count()];
        let top = glyphs.first().unwrap();
        let bottom = glyphs.last().unwrap();
        assert_eq!(top.pagina, bottom.pagina);
        let lines = ((top.y - bottom.y) / 10.0).round() + 1.0;
        assert!(lines <= 9.0, "the target takes {lines} lines");
        seen += 1;
        offset = from + tail[..len].chars().count();
        rest = &tail[len..];
    }
    assert_eq!(seen, 4);
    niente_sul_piede(&g);
}

/// The examples' short texts hold no emphasis, so their documents print them as before:
/// through `mdi` each gives exactly the escaped text the templates printed until now.
#[test]
fn the_examples_short_texts_print_as_before() {
    fn visit(v: &serde_json::Value, key: &str, in_indicator: bool, seen: &mut usize) {
        use piano::render::{escape::markup, markdown::inline_typst};
        match v {
            serde_json::Value::String(s) => {
                let short = matches!(key, "titolo" | "sottotitolo" | "baseline" | "target")
                    || (in_indicator && key == "descrizione");
                if short {
                    assert_eq!(inline_typst(s), markup(s), "{key}: {s}");
                    *seen += 1;
                }
            }
            serde_json::Value::Array(items) => {
                for i in items {
                    visit(i, key, in_indicator || key == "indicatori", seen);
                }
            }
            serde_json::Value::Object(map) => {
                for (k, x) in map {
                    // A target's deadlines are its keys: its texts are targets too.
                    let k = if key == "target" { key } else { k.as_str() };
                    visit(x, k, in_indicator, seen);
                }
            }
            _ => {}
        }
    }
    for example in [
        "brescia-2021-2023",
        "brescia-2021-2023-agg1",
        "venezia-rovigo-2019",
    ] {
        let mut seen = 0;
        let json = read_json(&root().join(format!("data/{example}.json")));
        visit(&json, "", false, &mut seen);
        assert!(seen > 50, "{example}: {seen} texts");
    }
}

/// A group heading row inside the actions' table spans it and is no column's: the columns
/// after it keep their widths. Before, the heading counted as a cell and shifted every
/// following cell one column: the long action titles were squeezed into a narrow column.
#[test]
fn a_group_heading_does_not_shift_the_column_widths() {
    let titolo = "Censimento dei servizi e dei procedimenti e priorità per numero di istanze";
    let azione = |t: &str, g: &str| {
        serde_json::json!({"titolo": t, "periodo": "entro marzo 2025", "gruppo": g,
                           "uffici": ["Settore Affari generali e innovazione"]})
    };
    let plan = serde_json::json!({
        "ente": {"nome": "Comune di Prova"},
        "documento": {"titolo": "Piano", "anno_inizio": 2025, "anno_fine": 2025},
        "livelli": [
            {"nome": "Obiettivo", "plurale": "Obiettivi", "scheda": false},
            {"nome": "Risultato", "plurale": "Risultati"},
            {"nome": "Azione", "plurale": "Azioni", "scheda": false}
        ],
        "albero": [{"titolo": "Servizi", "figli": [{"titolo": "Servizi online",
            "target": {"2025": ">= 20"},
            "figli": [
                azione(titolo, "Azioni del Comune"),
                azione("Attivazione dei servizi su piattaforma con accesso SPID/CIE e pagamento pagoPA", "Azioni del Comune"),
                azione("Formazione del personale degli sportelli sulle istanze online", "Azioni del Comune"),
                azione("Punti di facilitazione digitale presso la biblioteca e i centri anziani", "Con i partner")
            ]
        }]}]
    });
    let (_dir, path) = plan_file(&plan);
    let g = Glifi::di(&build_pdf(&path));
    // The title's 76 characters at 8.5 pt take about 300 pt: in the widest column (about
    // half the page) they fit in two lines, where the squeezed column took four.
    let squashed: String = titolo.chars().filter(|c| !c.is_whitespace()).collect();
    // The last occurrence: the first is in the tree diagram.
    let start = g.testo.rfind(&squashed).expect("the title is in the PDF");
    let from = g.testo[..start].chars().count();
    let glyphs = &g.posizioni[from..from + squashed.chars().count()];
    let lines = ((glyphs[0].y - glyphs.last().unwrap().y) / 10.0).round() + 1.0;
    assert!(lines <= 2.0, "the action's title takes {lines} lines");
}
