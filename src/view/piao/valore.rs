//! The PIAO's subsection «Valore pubblico» (2.1) lowered to a chapter: context and SWOT,
//! the value chain (OVP → strategia attuativa → the plan's objectives that contribute, by
//! the index's codes), each OVP with its strategies and their indicators, the financial
//! resources and EU funds with their computed totals, the transversal objectives and the
//! procedures to simplify.

use std::collections::BTreeSet;

use crate::format::format_percent;
use crate::indice::Indice;
use crate::inline::plain;
use crate::model::piao::anagrafica::Ambito;
use crate::model::piao::valore::{Ovp, Strategia, ValorePubblico};
use crate::model::{Blocco, Cella, Formato, Indicatore, Nodo, Peso, Piano, Sezione};
use crate::view::scheda::tipo_indicatore;

use super::anagrafica::{colonna, elenco, opzionale, tabella, testo, voci};
use super::{Parte, capitolo, parte};

/// Title of the subsection.
pub const TITOLO: &str = "Valore pubblico";

/// The subsection «Valore pubblico»: parte generale, tables, ulteriori informazioni, annex.
pub fn sezione(s: &ValorePubblico, piano: &Piano, indice: &Indice) -> Parte {
    let mut funzionale: Vec<Sezione> = Vec::new();
    funzionale.extend(contesto(s));
    if let Some(t) = &s.concetto {
        funzionale.push(capitolo(
            "Concetto generale di valore pubblico",
            vec![Blocco::Testo(t.clone())],
        ));
    }
    if !s.obiettivi.is_empty() {
        funzionale.push(obiettivi(s, piano, indice));
    }
    funzionale.extend(risorse(s));
    funzionale.extend(fondi(s));
    funzionale.extend(trasversali(s));
    funzionale.extend(procedure(s));
    Parte {
        sezione: parte(
            TITOLO,
            &s.generale,
            funzionale,
            &s.ulteriori_informazioni,
            s.allegato.as_ref(),
        ),
        aggiunte: Vec::new(),
    }
}

/// The value chain of a node of the plan, as its scheda prints it: "OVP1 – Imprese più
/// competitive → strategia S1.1 – Bandi per l'innovazione"; `None` when it names no
/// strategy, or one that does not exist (the check refuses it).
pub fn catena(piano: &Piano, nodo: &Nodo) -> Option<String> {
    let id = nodo.strategia.as_deref()?;
    let valore = piano.piao.as_ref()?.valore_pubblico.as_ref()?;
    let (ovp, strategia) = valore.strategia(id)?;
    Some(format!(
        "{} – {} → strategia {} – {}",
        ovp.id, ovp.denominazione, strategia.id, strategia.denominazione
    ))
}

/// The plan's objectives that contribute to a strategy, as headed in the document
/// ("Obiettivo strategico 1.2: Titolo"), in document order.
fn contributi(piano: &Piano, indice: &Indice, strategia: &Strategia) -> Vec<String> {
    indice
        .con_nodi(piano)
        .filter(|(n, _)| n.strategia.as_deref() == Some(strategia.id.as_str()))
        .map(|(_, v)| plain(&v.etichetta))
        .collect()
}

/// Context analysis: external, internal, and the SWOT as a 2×2 table.
fn contesto(s: &ValorePubblico) -> Option<Sezione> {
    let mut sezioni: Vec<Sezione> = [
        ("Analisi del contesto esterno", &s.contesto_esterno),
        ("Analisi del contesto interno", &s.contesto_interno),
    ]
    .into_iter()
    .filter_map(|(titolo, t)| {
        t.as_ref()
            .map(|t| capitolo(titolo, vec![Blocco::Testo(t.clone())]))
    })
    .collect();
    if let Some(w) = &s.swot {
        let cella = |nome: &str, voci: &[String]| {
            if voci.is_empty() {
                Cella::Vuota
            } else {
                Cella::Testo(format!("{nome}: {}", voci.join("; ")))
            }
        };
        sezioni.push(capitolo(
            "Analisi SWOT",
            vec![Blocco::Tabella(tabella(
                "Analisi SWOT",
                &["Fattori", "Positivi", "Negativi"],
                vec![
                    vec![
                        testo("Interni"),
                        cella("Punti di forza (S)", &w.punti_di_forza),
                        cella("Punti di debolezza (W)", &w.punti_di_debolezza),
                    ],
                    vec![
                        testo("Esterni"),
                        cella("Opportunità (O)", &w.opportunita),
                        cella("Minacce (T)", &w.minacce),
                    ],
                ],
            ))],
        ));
    }
    (!sezioni.is_empty()).then(|| Sezione {
        sezioni,
        ..capitolo("Analisi del contesto", Vec::new())
    })
}

/// The OVPs: the value chain in one table, then each OVP with its strategies.
fn obiettivi(s: &ValorePubblico, piano: &Piano, indice: &Indice) -> Sezione {
    let catena = s
        .obiettivi
        .iter()
        .flat_map(|o| {
            let righe: Vec<Vec<Cella>> = if o.strategie.is_empty() {
                vec![vec![testo(&nome_ovp(o)), Cella::Vuota, Cella::Vuota]]
            } else {
                o.strategie
                    .iter()
                    .map(|st| {
                        let obiettivi = contributi(piano, indice, st);
                        vec![
                            testo(&nome_ovp(o)),
                            testo(&format!("{} – {}", st.id, st.denominazione)),
                            if obiettivi.is_empty() {
                                Cella::Vuota
                            } else {
                                testo(&obiettivi.join("; "))
                            },
                        ]
                    })
                    .collect()
            };
            righe
        })
        .collect();
    let riepilogo = tabella(
        "La catena del valore pubblico: obiettivi di valore pubblico, strategie attuative e obiettivi di performance",
        &[
            "Obiettivo di valore pubblico",
            "Strategia attuativa",
            "Obiettivi del piano che vi contribuiscono",
        ],
        catena,
    );
    Sezione {
        sezioni: s.obiettivi.iter().map(|o| ovp(o, piano, indice)).collect(),
        ..capitolo(
            "Obiettivi di valore pubblico",
            vec![Blocco::Tabella(riepilogo)],
        )
    }
}

/// "OVP1 – Denominazione".
fn nome_ovp(o: &Ovp) -> String {
    format!("{} – {}", o.id, o.denominazione)
}

/// One OVP: its fields, its description, its context analysis, its strategies.
fn ovp(o: &Ovp, piano: &Piano, indice: &Indice) -> Sezione {
    let anagrafica = piano.piao.as_ref().and_then(|p| p.anagrafica.as_ref());
    let nomi = |ids: &[String], elenco: Option<&[Ambito]>| -> Option<String> {
        (!ids.is_empty()).then(|| {
            ids.iter()
                .map(|id| {
                    elenco
                        .and_then(|e| e.iter().find(|a| &a.id == id))
                        .map_or_else(|| id.clone(), |a| a.nome.clone())
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
    };
    let stakeholder = (!o.stakeholder.is_empty()).then(|| {
        o.stakeholder
            .iter()
            .map(|id| {
                anagrafica
                    .and_then(|a| a.stakeholder.iter().find(|x| &x.id == id))
                    .map_or_else(|| id.clone(), |x| x.nome.clone())
            })
            .collect::<Vec<_>>()
            .join("; ")
    });
    // The table first: the heading sticks to it, and a short table moves whole to the next
    // page, so the heading is never left alone with a paragraph at the bottom of a page.
    let mut blocchi = vec![voci(
        &format!("Obiettivo di valore pubblico {}", nome_ovp(o)),
        &[
            ("ID OVP", Some(o.id.clone())),
            ("Settore o ambito di intervento", o.settore.clone()),
            ("Responsabile politico", o.responsabile_politico.clone()),
            (
                "Responsabile amministrativo",
                o.responsabile_amministrativo.clone(),
            ),
            (
                "Priorità politiche",
                nomi(&o.priorita, anagrafica.map(|a| &a.priorita_politiche[..])),
            ),
            (
                "Aree organizzative",
                nomi(&o.aree, anagrafica.map(|a| &a.aree_organizzative[..])),
            ),
            ("Stakeholder", stakeholder),
            (
                "Indice sintetico di impatto multidimensionale",
                o.indice_impatto.as_ref().map(|i| match &i.descrizione {
                    Some(d) => format!("{} – {d}", i.valore),
                    None => i.valore.to_string(),
                }),
            ),
        ],
    )];
    if let Some(d) = &o.descrizione {
        blocchi.push(Blocco::Testo(d.clone()));
    }
    if let Some(a) = &o.analisi_contesto {
        blocchi.push(Blocco::Testo(format!("**Analisi di contesto**\n\n{a}")));
    }
    for st in &o.strategie {
        blocchi.extend(strategia(st, piano, indice));
    }
    capitolo(&nome_ovp(o), blocchi)
}

/// A strategy: its fields with the plan's objectives that contribute, its indicators.
fn strategia(st: &Strategia, piano: &Piano, indice: &Indice) -> Vec<Blocco> {
    let obiettivi = contributi(piano, indice, st);
    let mut blocchi = vec![voci(
        &format!("Strategia attuativa {} – {}", st.id, st.denominazione),
        &[
            ("ID strategia", Some(st.id.clone())),
            ("Descrizione", st.descrizione.as_deref().map(plain)),
            ("Soggetto responsabile", st.responsabile.clone()),
            (
                "Obiettivi del piano che vi contribuiscono",
                (!obiettivi.is_empty()).then(|| obiettivi.join("; ")),
            ),
        ],
    )];
    blocchi.extend(indicatori(
        &format!("Indicatori della strategia {}", st.id),
        &st.indicatori,
        &piano.documento.anni(),
    ));
    blocchi
}

/// The indicators' table (description, baseline, a target per year, weight) and, when
/// any states how it is measured, the table of how (formula, unit, kind, source,
/// offices, evidence), with only the columns some indicator fills. The target columns
/// are the plan's years, then any other key an indicator uses.
fn indicatori(titolo: &str, ind: &[Indicatore], anni: &[String]) -> Vec<Blocco> {
    if ind.is_empty() {
        return Vec::new();
    }
    let mut scadenze: Vec<String> = anni.to_vec();
    let altre: BTreeSet<&String> = ind
        .iter()
        .flat_map(|i| {
            let pesi = match &i.peso {
                Some(Peso::PerScadenza(m)) => m.keys().collect(),
                _ => Vec::new(),
            };
            i.target.keys().chain(pesi)
        })
        .filter(|k| !anni.contains(k))
        .collect();
    scadenze.extend(altre.into_iter().cloned());
    let baseline = ind.iter().any(|i| i.baseline.is_some());
    let peso = ind.iter().any(|i| i.peso.is_some());
    let mut colonne = vec!["N.".to_string(), "Indicatore".to_string()];
    if baseline {
        colonne.push("Baseline".into());
    }
    colonne.extend(scadenze.iter().map(|s| format!("Target {s}")));
    if peso {
        colonne.push("Peso".into());
    }
    let righe = ind
        .iter()
        .enumerate()
        .map(|(k, i)| {
            let mut r = vec![testo(&(k + 1).to_string()), testo(&i.descrizione)];
            if baseline {
                r.push(
                    i.baseline
                        .as_ref()
                        .map_or(Cella::Vuota, |b| testo(&b.testo())),
                );
            }
            r.extend(
                scadenze
                    .iter()
                    .map(|s| i.target.get(s).map_or(Cella::Vuota, |t| testo(&t.testo()))),
            );
            if peso {
                r.push(match &i.peso {
                    None => Cella::Vuota,
                    Some(Peso::Unico(v)) => testo(&format_percent(*v)),
                    Some(Peso::PerScadenza(m)) => testo(
                        &m.iter()
                            .map(|(s, p)| format!("{s}: {}", format_percent(p.0)))
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                });
            }
            r
        })
        .collect();
    let colonne: Vec<&str> = colonne.iter().map(String::as_str).collect();
    let mut blocchi = vec![Blocco::Tabella(tabella(titolo, &colonne, righe))];
    let misura: [(&str, Campo); 6] = [
        ("Formula di calcolo", |i| i.formula.clone()),
        ("Unità di misura", |i| i.unita.clone()),
        ("Tipo", |i| i.tipo.map(|t| tipo_indicatore(t).to_string())),
        ("Fonte dei dati", |i| i.fonte.clone()),
        ("Uffici responsabili", |i| {
            (!i.uffici.is_empty()).then(|| i.uffici.join("; "))
        }),
        ("Documentazione", |i| i.documentazione.clone()),
    ];
    let presenti: Vec<_> = misura
        .iter()
        .filter(|(_, f)| ind.iter().any(|i| f(i).is_some()))
        .collect();
    if !presenti.is_empty() {
        let mut colonne = vec!["N."];
        colonne.extend(presenti.iter().map(|(c, _)| *c));
        let righe = ind
            .iter()
            .enumerate()
            .map(|(k, i)| {
                std::iter::once(testo(&(k + 1).to_string()))
                    .chain(presenti.iter().map(|(_, f)| opzionale(&f(i))))
                    .collect()
            })
            .collect();
        blocchi.push(Blocco::Tabella(tabella(
            &format!("{titolo}: come si misurano"),
            &colonne,
            righe,
        )));
    }
    blocchi
}

/// How a column of the measurement table reads an indicator.
type Campo = fn(&Indicatore) -> Option<String>;

/// The financial resources, with their computed total.
fn risorse(s: &ValorePubblico) -> Option<Sezione> {
    let righe = s
        .risorse_finanziarie
        .iter()
        .map(|r| {
            vec![
                testo(
                    &s.ovp(&r.obiettivo)
                        .map_or_else(|| r.obiettivo.clone(), nome_ovp),
                ),
                testo(&r.iniziativa),
                opzionale(&r.descrizione),
                Cella::Numero(r.dotazione),
                opzionale(&r.fonte),
            ]
        })
        .collect();
    con_totale(
        "Risorse finanziarie",
        "Risorse finanziarie per il valore pubblico",
        &[
            "Obiettivo di valore pubblico",
            "Iniziativa",
            "Descrizione",
            "Dotazione finanziaria (€)",
            "Fonte di finanziamento",
        ],
        righe,
        (3, s.totale_risorse()),
    )
}

/// The EU-funded projects, with their computed total.
fn fondi(s: &ValorePubblico) -> Option<Sezione> {
    let righe = s
        .fondi_europei
        .iter()
        .map(|f| {
            vec![
                testo(&f.progetto),
                opzionale(&f.descrizione),
                Cella::Numero(f.importo),
            ]
        })
        .collect();
    con_totale(
        "Fondi europei",
        "Progetti finanziati con fondi europei",
        &["Progetto finanziato", "Descrizione", "Fondi stanziati (€)"],
        righe,
        (2, s.totale_fondi_europei()),
    )
}

/// A chapter with a table of amounts in euro in the column `euro.0` and a totals row with
/// `euro.1`, their computed sum; none without rows.
fn con_totale(
    titolo: &str,
    didascalia: &str,
    colonne: &[&str],
    righe: Vec<Vec<Cella>>,
    euro: (usize, f64),
) -> Option<Sezione> {
    if righe.is_empty() {
        return None;
    }
    let (k, totale) = euro;
    let mut t = tabella(didascalia, colonne, righe);
    t.colonne[k] = colonna(colonne[k], Some(Formato::Euro));
    let mut riga = vec![Cella::Vuota; colonne.len()];
    riga[0] = testo("Totale");
    riga[k] = Cella::Numero(totale);
    t.totale = Some(riga);
    Some(capitolo(titolo, vec![Blocco::Tabella(t)]))
}

/// The four transversal objectives, each a text.
fn trasversali(s: &ValorePubblico) -> Option<Sezione> {
    let t = s.obiettivi_trasversali.as_ref()?;
    let sezioni: Vec<Sezione> = [
        ("Accessibilità digitale", &t.accessibilita_digitale),
        ("Accessibilità fisica", &t.accessibilita_fisica),
        ("Semplificazione", &t.semplificazione),
        ("Pari opportunità", &t.pari_opportunita),
    ]
    .into_iter()
    .filter_map(|(titolo, testo)| {
        testo
            .as_ref()
            .map(|x| capitolo(titolo, vec![Blocco::Testo(x.clone())]))
    })
    .collect();
    (!sezioni.is_empty()).then(|| Sezione {
        sezioni,
        ..capitolo("Obiettivi trasversali", Vec::new())
    })
}

/// The procedures to simplify or re-engineer.
fn procedure(s: &ValorePubblico) -> Option<Sezione> {
    if s.procedure.is_empty() {
        return None;
    }
    let righe = s
        .procedure
        .iter()
        .map(|p| {
            vec![
                testo(&p.procedura),
                opzionale(&p.descrizione),
                opzionale(&p.unita),
                opzionale(&p.misurazione_attuale),
                opzionale(&p.target),
                opzionale(&p.ufficio),
            ]
        })
        .collect();
    Some(capitolo(
        "Procedure da semplificare o reingegnerizzare",
        vec![Blocco::Tabella(elenco(
            "Procedure da semplificare o reingegnerizzare",
            &[
                "Procedura",
                "Descrizione",
                "Unità di misura",
                "Misurazione attuale",
                "Target",
                "Ufficio responsabile",
            ],
            righe,
        ))],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Tabella;
    use crate::view::piao::anagrafica::tests::{riga as celle, tabelle};

    fn piano() -> Piano {
        serde_json::from_value(serde_json::json!({
            "ente": { "nome": "Camera di Prova" },
            "documento": { "titolo": "PIAO", "anno_inizio": 2025, "anno_fine": 2027 },
            "livelli": [
                { "nome": "Area", "plurale": "Aree", "scheda": false },
                { "nome": "Obiettivo strategico", "plurale": "Obiettivi strategici" }
            ],
            "albero": [{
                "titolo": "Imprese",
                "figli": [
                    { "titolo": "Bandi *digitali*", "strategia": "S1.1" },
                    { "titolo": "Sportello unico", "strategia": "S1.1" },
                    { "titolo": "Formazione", "strategia": "S2.1" }
                ]
            }],
            "piao": {
                "dipendenti": "oltre_50",
                "anagrafica": {
                    "priorita_politiche": [{ "id": "P1", "nome": "Competitività" }],
                    "stakeholder": [{ "id": "SH1", "nome": "Imprese del territorio" }]
                },
                "valore_pubblico": {
                    "obiettivi": [
                        { "id": "OVP1", "denominazione": "Imprese più competitive",
                          "priorita": ["P1"], "stakeholder": ["SH1"],
                          "indice_impatto": { "valore": 72, "descrizione": "media di 4 indicatori" },
                          "strategie": [{
                              "id": "S1.1", "denominazione": "Bandi per l'innovazione",
                              "indicatori": [{
                                  "descrizione": "Imprese finanziate",
                                  "baseline": 120,
                                  "target": { "2025": ">= 130", "2027": ">= 150", "2028": ">= 160" },
                                  "peso": 100,
                                  "fonte": "Registro delle imprese"
                              }]
                          }] },
                        { "id": "OVP2", "denominazione": "Lavoratori formati",
                          "strategie": [{ "id": "S2.1", "denominazione": "Corsi" }] }
                    ],
                    "risorse_finanziarie": [
                        { "obiettivo": "OVP1", "iniziativa": "Bando digitale", "dotazione": 150000.5 },
                        { "obiettivo": "OVP2", "iniziativa": "Corsi", "dotazione": 49999.5 }
                    ],
                    "fondi_europei": [
                        { "progetto": "PNRR", "importo": 80000 },
                        { "progetto": "FESR", "importo": 20000.25 }
                    ]
                }
            }
        }))
        .unwrap()
    }

    fn tabella_di<'a>(p: &'a Parte, titolo: &str) -> &'a Tabella {
        tabelle(&p.sezione)
            .into_iter()
            .find(|t| t.titolo.starts_with(titolo))
            .unwrap_or_else(|| panic!("no table {titolo}"))
    }

    fn parte_di(p: &Piano) -> Parte {
        let v = p.piao.as_ref().unwrap().valore_pubblico.as_ref().unwrap();
        sezione(v, p, &Indice::build(p))
    }

    #[test]
    fn the_chain_names_the_objectives_by_their_codes() {
        let p = piano();
        let parte = parte_di(&p);
        let t = tabella_di(&parte, "La catena");
        let righe: Vec<Vec<String>> = t.righe.iter().map(|r| celle(r)).collect();
        assert_eq!(
            righe,
            [
                [
                    "OVP1 – Imprese più competitive",
                    "S1.1 – Bandi per l'innovazione",
                    "Obiettivo strategico 1.1: Bandi digitali; Obiettivo strategico 1.2: Sportello unico"
                ],
                [
                    "OVP2 – Lavoratori formati",
                    "S2.1 – Corsi",
                    "Obiettivo strategico 1.3: Formazione"
                ],
            ]
        );
        let nodo = &p.albero[0].figli[2];
        assert_eq!(
            catena(&p, nodo).as_deref(),
            Some("OVP2 – Lavoratori formati → strategia S2.1 – Corsi")
        );
        assert_eq!(catena(&p, &p.albero[0]), None);
    }

    #[test]
    fn an_ovp_names_its_priorities_and_stakeholders_and_its_strategy_indicators_by_year() {
        let p = piano();
        let parte = parte_di(&p);
        let t = tabella_di(&parte, "Obiettivo di valore pubblico OVP1");
        let righe: Vec<Vec<String>> = t.righe.iter().map(|r| celle(r)).collect();
        assert!(righe.contains(&vec!["Priorità politiche".into(), "Competitività".into()]));
        assert!(righe.contains(&vec!["Stakeholder".into(), "Imprese del territorio".into()]));
        assert!(righe.contains(&vec![
            "Indice sintetico di impatto multidimensionale".into(),
            "72 – media di 4 indicatori".into()
        ]));
        let t = tabella_di(&parte, "Indicatori della strategia S1.1");
        let intestazioni: Vec<&str> = t.colonne.iter().map(|c| c.titolo.as_str()).collect();
        // The plan's three years, then the key 2028 the indicator adds.
        assert_eq!(
            intestazioni,
            [
                "N.",
                "Indicatore",
                "Baseline",
                "Target 2025",
                "Target 2026",
                "Target 2027",
                "Target 2028",
                "Peso"
            ]
        );
        assert_eq!(
            celle(&t.righe[0]),
            [
                "1",
                "Imprese finanziate",
                "120",
                ">= 130",
                "",
                ">= 150",
                ">= 160",
                "100,00%"
            ]
        );
        let t = tabella_di(&parte, "Indicatori della strategia S1.1: come si misurano");
        assert_eq!(celle(&t.righe[0]), ["1", "Registro delle imprese"]);
    }

    #[test]
    fn resources_and_funds_get_a_computed_total() {
        let p = piano();
        let parte = parte_di(&p);
        let t = tabella_di(&parte, "Risorse finanziarie");
        assert_eq!(
            celle(&t.righe[0]),
            [
                "OVP1 – Imprese più competitive",
                "Bando digitale",
                "",
                "150000.5",
                ""
            ]
        );
        // 150000.5 + 49999.5 = 200000.
        assert_eq!(
            celle(t.totale.as_ref().unwrap()),
            ["Totale", "", "", "200000", ""]
        );
        let t = tabella_di(&parte, "Progetti finanziati");
        // 80000 + 20000.25 = 100000.25.
        assert_eq!(
            celle(t.totale.as_ref().unwrap()),
            ["Totale", "", "100000.25"]
        );
    }
}
