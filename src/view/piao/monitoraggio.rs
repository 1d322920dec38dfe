//! The PIAO's section «Monitoraggio» lowered to a chapter: its texts, the tables of the
//! sub-phases, milestones and categories of objectives, and the Gantt chart drawn from
//! their dates (a view-only block, at the end of «Sottofasi e milestone»).

use crate::format::Date;
use crate::model::piao::monitoraggio::{Asse, Monitoraggio, Sottofase};
use crate::model::{Blocco, Cella, Colonna, Formato, Piano, Sezione, Tabella};
use crate::view::blocchi::{BarraView, BloccoView, GanttView, MarcatoreView, TaccaView};

use super::{Aggiunta, Parte, capitolo, parte};

/// The subsection the Gantt chart ends.
const SOTTOFASI: &str = "Sottofasi e milestone";

/// Italian months, abbreviated and as initials, for the Gantt chart's axis.
const MESI: [&str; 12] = [
    "gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic",
];

/// The section «Monitoraggio»: parte generale, texts, tables, Gantt chart, ulteriori
/// informazioni, annex.
pub fn sezione(s: &Monitoraggio, _piano: &Piano) -> Parte {
    let mut funzionale: Vec<Sezione> = Vec::new();
    funzionale.extend(paragrafo(
        "Strumenti del monitoraggio integrato",
        &s.strumenti,
    ));
    funzionale.extend(paragrafo(
        "Rilevazione della soddisfazione degli utenti",
        &s.soddisfazione_utenti,
    ));
    if let Some(ss) = &s.sottosezioni {
        let mut c = capitolo(
            "Monitoraggio delle sottosezioni",
            ss.introduzione
                .iter()
                .map(|t| Blocco::Testo(t.clone()))
                .collect(),
        );
        c.sezioni = ss
            .testi()
            .into_iter()
            .map(|(titolo, t)| capitolo(titolo, vec![Blocco::Testo(t.to_string())]))
            .collect();
        funzionale.push(c);
    }
    funzionale.extend(paragrafo("Il monitoraggio del PIAO", &s.monitoraggio_piao));
    let mut aggiunte = Vec::new();
    if !s.sottofasi.is_empty() {
        let mut blocchi = vec![Blocco::Tabella(sottofasi(&s.sottofasi))];
        if s.sottofasi.iter().any(|f| !f.milestone.is_empty()) {
            blocchi.push(Blocco::Tabella(milestone(&s.sottofasi)));
        }
        funzionale.push(capitolo(SOTTOFASI, blocchi));
        if let Some(g) = gantt(&s.sottofasi) {
            aggiunte.push(Aggiunta {
                titolo: SOTTOFASI.to_string(),
                blocco: BloccoView::Gantt(g),
            });
        }
    }
    if !s.categorie.is_empty() {
        funzionale.push(capitolo(
            "Categorie di obiettivi",
            vec![Blocco::Tabella(categorie(s))],
        ));
    }
    Parte {
        sezione: parte(
            "Monitoraggio",
            &s.generale,
            funzionale,
            &s.ulteriori_informazioni,
            s.allegato.as_ref(),
        ),
        aggiunte,
    }
}

/// A chapter holding one text, when the text is given.
fn paragrafo(titolo: &str, t: &Option<String>) -> Option<Sezione> {
    t.as_ref()
        .map(|t| capitolo(titolo, vec![Blocco::Testo(t.clone())]))
}

/// A column of the PIAO's tables, aligned by its format.
pub(super) fn col(titolo: &str, formato: Formato) -> Colonna {
    Colonna {
        titolo: titolo.into(),
        allineamento: None,
        formato: Some(formato),
        decimali: None,
    }
}

/// A cell with a text.
pub(super) fn testo(t: &str) -> Cella {
    Cella::Testo(t.to_string())
}

/// A cell with a text, empty when there is none.
pub(super) fn opzionale(t: &Option<String>) -> Cella {
    t.as_deref().map_or(Cella::Vuota, testo)
}

/// A date as a table prints it (`01/02/2024`), or as written when it is not a date.
pub(super) fn data(t: &str) -> String {
    Date::parse_iso(t).map_or_else(|| t.to_string(), |d| d.short())
}

/// From one date to another, as a table prints them: `dal 01/02/2024` and
/// `al 30/04/2024`, each kept whole on a line of the PDF, one line in the page.
pub(super) fn periodo(inizio: &str, fine: &str) -> Cella {
    testo(&format!("{}\n{}", dal(inizio), al(fine)))
}

/// `dal 01/02/2024`, never broken.
pub(super) fn dal(t: &str) -> String {
    format!("dal\u{a0}{}", data(t))
}

/// `al 30/04/2024`, never broken.
pub(super) fn al(t: &str) -> String {
    format!("al\u{a0}{}", data(t))
}

fn sottofasi(list: &[Sottofase]) -> Tabella {
    Tabella {
        titolo: "Sottofasi della fase di monitoraggio".into(),
        colonne: [
            "ID",
            "Sottofase",
            "Descrizione",
            "Attori",
            "Strumenti",
            "Periodo",
            "Fonte del dato",
        ]
        .iter()
        .map(|t| col(t, Formato::Testo))
        .collect(),
        righe: list
            .iter()
            .map(|f| {
                vec![
                    testo(&f.id),
                    testo(&f.sottofase),
                    opzionale(&f.descrizione),
                    opzionale(&f.attori),
                    opzionale(&f.strumenti),
                    periodo(&f.data_inizio, &f.data_fine),
                    opzionale(&f.fonte_dato),
                ]
            })
            .collect(),
        totale: None,
        note: None,
        fonte: None,
        orizzontale: None,
    }
}

/// The milestones of every sub-phase, numbered M1, M2... in order as on the chart.
fn milestone(list: &[Sottofase]) -> Tabella {
    let righe = list
        .iter()
        .flat_map(|f| f.milestone.iter().map(move |m| (f, m)))
        .enumerate()
        .map(|(i, (f, m))| {
            vec![
                testo(&format!("M{}", i + 1)),
                testo(&format!("{} – {}", f.id, f.sottofase)),
                testo(&m.descrizione),
                testo(&data(&m.data)),
            ]
        })
        .collect();
    Tabella {
        titolo: "Milestone delle sottofasi".into(),
        colonne: ["Milestone", "Sottofase", "Descrizione", "Data"]
            .iter()
            .map(|t| col(t, Formato::Testo))
            .collect(),
        righe,
        totale: None,
        note: None,
        fonte: None,
        orizzontale: None,
    }
}

fn categorie(s: &Monitoraggio) -> Tabella {
    let nome = |id: &str| {
        s.sottofasi
            .iter()
            .find(|f| f.id == id)
            .map_or_else(|| id.to_string(), |f| format!("{id} – {}", f.sottofase))
    };
    Tabella {
        titolo: "Categorie di obiettivi monitorate per sottofase".into(),
        colonne: ["Sottofase", "Categoria", "Attori", "Attività", "Periodo"]
            .iter()
            .map(|t| col(t, Formato::Testo))
            .collect(),
        righe: s
            .categorie
            .iter()
            .map(|c| {
                vec![
                    testo(&nome(&c.sottofase)),
                    testo(c.categoria.etichetta()),
                    opzionale(&c.attori),
                    opzionale(&c.attivita),
                    periodo(&c.data_inizio, &c.data_fine),
                ]
            })
            .collect(),
        totale: None,
        note: None,
        fonte: None,
        orizzontale: None,
    }
}

/// The Gantt chart of the sub-phases whose dates are valid (the checks refuse the
/// others), on an axis of the months their dates and milestones span; `None` when no
/// sub-phase has valid dates.
pub fn gantt(list: &[Sottofase]) -> Option<GanttView> {
    let valide: Vec<(usize, &Sottofase, Date, Date)> = list
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            Some((
                i,
                f,
                Date::parse_iso(&f.data_inizio)?,
                Date::parse_iso(&f.data_fine)?,
            ))
        })
        .collect();
    let date = valide.iter().flat_map(|(_, f, a, b)| {
        [*a, *b]
            .into_iter()
            .chain(f.milestone.iter().filter_map(|m| Date::parse_iso(&m.data)))
    });
    let asse = Asse::di(date)?;
    let quota = 1.0 / f64::from(asse.mesi);
    let mesi: Vec<TaccaView> = (0..asse.mesi)
        .map(|i| {
            let (_, m) = asse.mese(i);
            let nome = MESI[usize::from(m - 1)];
            TaccaView {
                etichetta: match asse.mesi {
                    0..=18 => nome.to_string(),
                    19..=48 => nome.chars().take(1).collect::<String>().to_uppercase(),
                    _ => String::new(),
                },
                inizio: f64::from(i) * quota,
                ampiezza: quota,
            }
        })
        .collect();
    let mut anni: Vec<TaccaView> = Vec::new();
    for i in 0..asse.mesi {
        let anno = asse.mese(i).0.to_string();
        match anni.last_mut() {
            Some(a) if a.etichetta == anno => a.ampiezza += quota,
            _ => anni.push(TaccaView {
                etichetta: anno,
                inizio: f64::from(i) * quota,
                ampiezza: quota,
            }),
        }
    }
    // Milestones are numbered across every sub-phase, as in the table, including those of
    // a sub-phase left out of the chart.
    let primi: Vec<usize> = list
        .iter()
        .scan(1, |n, f| {
            let primo = *n;
            *n += f.milestone.len();
            Some(primo)
        })
        .collect();
    let barre: Vec<BarraView> = valide
        .iter()
        .map(|(i, f, a, b)| {
            let (inizio, ampiezza) = asse.barra(*a, *b);
            BarraView {
                etichetta: format!("{} – {}", f.id, f.sottofase),
                periodo: format!("dal {} al {}", a.long(), b.long()),
                inizio,
                ampiezza,
                milestone: f
                    .milestone
                    .iter()
                    .zip(primi[*i]..)
                    .filter_map(|(m, n)| {
                        let d = Date::parse_iso(&m.data)?;
                        Some(MarcatoreView {
                            sigla: format!("M{n}"),
                            descrizione: m.descrizione.clone(),
                            data: d.long(),
                            posizione: asse.posizione(d),
                        })
                    })
                    .collect(),
            }
        })
        .collect();
    let primo = asse.mese(0);
    let ultimo = asse.mese(asse.mesi - 1);
    let mese = |(year, month): (i32, u8)| {
        Date {
            year,
            month,
            day: 1,
        }
        .month_year()
    };
    let titolo = "Cronoprogramma del monitoraggio: sottofasi e milestone".to_string();
    let mut alt = format!(
        "Diagramma di Gantt: {titolo}. Asse dei tempi da {} a {}.",
        mese(primo),
        mese(ultimo)
    );
    for b in &barre {
        alt.push_str(&format!(" {}: {}", b.etichetta, b.periodo));
        let ms: Vec<String> = b
            .milestone
            .iter()
            .map(|m| format!("{} {}, {}", m.sigla, m.descrizione, m.data))
            .collect();
        if !ms.is_empty() {
            alt.push_str(&format!("; milestone {}", ms.join("; ")));
        }
        alt.push('.');
    }
    let mut view = GanttView {
        titolo,
        anni,
        mesi,
        barre,
        alt,
        svg: String::new(),
    };
    view.svg = crate::view::svg::gantt(&view);
    Some(view)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn monitoraggio(json: serde_json::Value) -> Monitoraggio {
        serde_json::from_value(json).unwrap()
    }

    fn esempio() -> Monitoraggio {
        monitoraggio(serde_json::json!({
            "strumenti": "Cruscotto degli indicatori.",
            "sottosezioni": {
                "introduzione": "Ogni sottosezione ha il suo monitoraggio.",
                "performance_individuale": "Colloqui di metà anno.",
                "valore_pubblico": "Indicatori di impatto."
            },
            "sottofasi": [
                {
                    "id": "SF1", "sottofase": "Monitoraggio intermedio",
                    "data_inizio": "2024-02-01", "data_fine": "2024-04-30",
                    "milestone": [{ "descrizione": "Report", "data": "2024-03-15" }]
                },
                {
                    "id": "SF2", "sottofase": "Monitoraggio finale",
                    "data_inizio": "2024-10-01", "data_fine": "2024-12-31",
                    "milestone": [
                        { "descrizione": "Relazione", "data": "2024-12-31" },
                        { "descrizione": "Avvio", "data": "2024-10-01" }
                    ]
                },
                {
                    "id": "SF3", "sottofase": "Avvio",
                    "data_inizio": "2024-01-01", "data_fine": "2024-01-31"
                }
            ],
            "categorie": [{
                "sottofase": "SF2", "categoria": "performance_organizzativa",
                "data_inizio": "2024-10-01", "data_fine": "2024-11-30"
            }]
        }))
    }

    #[test]
    fn gantt_bars_and_markers_are_computed_from_the_dates() {
        let g = gantt(&esempio().sottofasi).unwrap();
        // The dates span January to December 2024: twelve months, one year.
        assert_eq!(g.mesi.len(), 12);
        assert_eq!(g.mesi[0].etichetta, "gen");
        assert_eq!(g.anni.len(), 1);
        assert_eq!(g.anni[0].etichetta, "2024");
        assert!((g.anni[0].ampiezza - 1.0).abs() < 1e-12);
        // SF1, 1 February to 30 April: starts at 1/12, spans 3/12.
        let sf1 = &g.barre[0];
        assert!((sf1.inizio - 1.0 / 12.0).abs() < 1e-12);
        assert!((sf1.ampiezza - 3.0 / 12.0).abs() < 1e-12);
        assert_eq!(sf1.periodo, "dal 1 febbraio 2024 al 30 aprile 2024");
        // Its milestone, 15 March, mid-day: (2 + 14.5/31)/12.
        let m1 = &sf1.milestone[0];
        assert_eq!(m1.sigla, "M1");
        assert!((m1.posizione - (2.0 + 14.5 / 31.0) / 12.0).abs() < 1e-12);
        // SF2, October to December: from 9/12 to the end; its milestones M2, M3 in the
        // order given.
        let sf2 = &g.barre[1];
        assert!((sf2.inizio - 0.75).abs() < 1e-12);
        assert!((sf2.ampiezza - 0.25).abs() < 1e-12);
        assert_eq!(sf2.milestone[0].sigla, "M2");
        assert_eq!(sf2.milestone[1].sigla, "M3");
        // The SVG draws the SF1 bar at 190 + 440 × 1/12 = 226.7, 36.7 wide.
        assert!(
            g.svg.contains("<rect x=\"226.7\" y=\"") && g.svg.contains("width=\"36.7\""),
            "{}",
            g.svg
        );
        assert!(g.alt.starts_with(
            "Diagramma di Gantt: Cronoprogramma del monitoraggio: sottofasi e milestone. Asse dei tempi da gennaio 2024 a dicembre 2024. SF1 – Monitoraggio intermedio: dal 1 febbraio 2024 al 30 aprile 2024; milestone M1 Report, 15 marzo 2024."
        ), "{}", g.alt);
    }

    #[test]
    fn a_long_axis_labels_months_by_initials_and_years_by_span() {
        let mut s = esempio();
        s.sottofasi[2].data_inizio = "2023-11-01".into();
        let g = gantt(&s.sottofasi).unwrap();
        // November 2023 to December 2024: 14 months, still abbreviated.
        assert_eq!(g.mesi.len(), 14);
        assert_eq!(g.mesi[0].etichetta, "nov");
        assert_eq!(g.anni[0].etichetta, "2023");
        assert!((g.anni[0].ampiezza - 2.0 / 14.0).abs() < 1e-12);
        assert!((g.anni[1].inizio - 2.0 / 14.0).abs() < 1e-12);
        s.sottofasi[2].data_fine = "2025-12-31".into();
        let g = gantt(&s.sottofasi).unwrap();
        assert_eq!(g.mesi.len(), 26);
        assert_eq!(g.mesi[0].etichetta, "N");
        assert_eq!(g.anni.len(), 3);
    }

    #[test]
    fn sub_phases_with_invalid_dates_are_left_out_of_the_chart() {
        let mut s = esempio();
        s.sottofasi[0].data_fine = "2024-02-30".into();
        let g = gantt(&s.sottofasi).unwrap();
        assert_eq!(g.barre.len(), 2);
        // Milestone numbers stay those of the table.
        assert_eq!(g.barre[0].milestone[0].sigla, "M2");
        s.sottofasi
            .iter_mut()
            .for_each(|f| f.data_inizio = "x".into());
        assert!(gantt(&s.sottofasi).is_none());
    }

    #[test]
    fn section_lowers_texts_tables_and_the_gantt() {
        let piano: Piano =
            serde_json::from_str(include_str!("../../../tests/fixtures/minimo.json")).unwrap();
        let p = sezione(&esempio(), &piano);
        let titoli: Vec<&str> = p
            .sezione
            .sezioni
            .iter()
            .map(|s| s.titolo.as_str())
            .collect();
        assert_eq!(
            titoli,
            [
                "Strumenti del monitoraggio integrato",
                "Monitoraggio delle sottosezioni",
                "Sottofasi e milestone",
                "Categorie di obiettivi"
            ]
        );
        // Subsection texts in the PIAO's order, not the file's.
        let sotto: Vec<&str> = p.sezione.sezioni[1]
            .sezioni
            .iter()
            .map(|s| s.titolo.as_str())
            .collect();
        assert_eq!(sotto, ["Valore pubblico", "Performance individuale"]);
        let Blocco::Tabella(t) = &p.sezione.sezioni[2].contenuto[0] else {
            panic!()
        };
        assert_eq!(t.righe.len(), 3);
        assert!(
            matches!(&t.righe[0][5], Cella::Testo(d) if d == "dal\u{a0}01/02/2024\nal\u{a0}30/04/2024")
        );
        let Blocco::Tabella(m) = &p.sezione.sezioni[2].contenuto[1] else {
            panic!()
        };
        assert!(matches!(&m.righe[2][0], Cella::Testo(d) if d == "M3"));
        assert!(matches!(&m.righe[2][1], Cella::Testo(d) if d == "SF2 – Monitoraggio finale"));
        let Blocco::Tabella(c) = &p.sezione.sezioni[3].contenuto[0] else {
            panic!()
        };
        assert!(
            matches!(&c.righe[0][1], Cella::Testo(d) if d == "Obiettivi di performance organizzativa")
        );
        assert_eq!(p.aggiunte.len(), 1);
        assert_eq!(p.aggiunte[0].titolo, "Sottofasi e milestone");
    }
}
