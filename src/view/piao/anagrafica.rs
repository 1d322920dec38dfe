//! The PIAO's section «Scheda anagrafica dell'amministrazione» lowered to a chapter: the
//! registry data as a table of fields, the methodological presentation, the lists the
//! other sections link to and the matrix of the public-value objectives by political
//! priority and organisational area, computed from subsection 2.1.

use crate::format::Date;
use crate::model::piao::anagrafica::{Ambito, Anagrafica, matrice};
use crate::model::{Blocco, Cella, Colonna, Formato, Piano, Sezione, Tabella};

use super::{Parte, capitolo, parte};

/// Title of the section.
pub const TITOLO: &str = "Scheda anagrafica dell'amministrazione";

/// The section «Scheda anagrafica dell'amministrazione»: parte generale, tables, ulteriori
/// informazioni, annex.
pub fn sezione(s: &Anagrafica, piano: &Piano) -> Parte {
    let mut funzionale = vec![capitolo("Dati anagrafici", vec![dati(s, piano)])];
    funzionale.extend(presentazione(s));
    funzionale.extend(ambiti(s, piano));
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

/// The registry data, the RPCT and the RTD as a table of fields; the name and website
/// are the plan's `ente`, the kind of body `tipologia` or else `ente.tipo`.
fn dati(s: &Anagrafica, piano: &Piano) -> Blocco {
    let tipologia =
        s.tipologia
            .as_ref()
            .or(piano.ente.tipo.as_ref())
            .map(|t| match &s.codice_istat {
                Some(c) => format!("{t} (codice ISTAT {c})"),
                None => t.clone(),
            });
    let tipologia =
        tipologia.or_else(|| s.codice_istat.as_ref().map(|c| format!("codice ISTAT {c}")));
    let rpct = s.rpct.as_ref();
    let rtd = s.rtd.as_ref();
    let social = (!s.social.is_empty()).then(|| s.social.join("; "));
    voci(
        "Dati anagrafici dell'amministrazione",
        &[
            ("Denominazione dell'ente", Some(piano.ente.nome.clone())),
            ("Acronimo", s.acronimo.clone()),
            ("Codice fiscale", s.codice_fiscale.clone()),
            ("Codice IPA", s.codice_ipa.clone()),
            ("Tipologia di PA", tipologia),
            ("Partita IVA", s.partita_iva.clone()),
            ("Indirizzo sede legale", s.sede_legale.clone()),
            ("Indirizzo URP", s.urp.clone()),
            ("Sito web", piano.ente.sito.clone()),
            ("Email", s.email.clone()),
            ("Contatto telefonico", s.telefono.clone()),
            ("PEC", s.pec.clone()),
            ("Social media", social),
            (
                "RPCT: nome e cognome",
                rpct.map(|r| format!("{} {}", r.nome, r.cognome)),
            ),
            ("RPCT: ruolo nell'ente", rpct.and_then(|r| r.ruolo.clone())),
            (
                "RPCT: data dell'atto di nomina",
                rpct.and_then(|r| r.data_nomina.as_deref()).map(data_lunga),
            ),
            ("RTD: nominativo", rtd.map(|r| r.nominativo.clone())),
            (
                "RTD: struttura di riferimento",
                rtd.and_then(|r| r.struttura.clone()),
            ),
        ],
    )
}

/// A date in words ("1 marzo 2023"), or as written when it is not one (the check says so).
fn data_lunga(data: &str) -> String {
    Date::parse_iso(data).map_or_else(|| data.to_string(), |d| d.long())
}

/// The methodological presentation: its texts, principles, integration team and top organs.
fn presentazione(s: &Anagrafica) -> Option<Sezione> {
    let mut sezioni: Vec<Sezione> = [
        (
            "Quadro normativo, istituzionale e scientifico",
            &s.quadro_normativo,
        ),
        ("Struttura programmatica", &s.struttura_programmatica),
        ("Cronoprogramma", &s.cronoprogramma),
        ("Missione", &s.missione),
    ]
    .into_iter()
    .filter_map(|(titolo, testo)| {
        testo
            .as_ref()
            .map(|t| capitolo(titolo, vec![Blocco::Testo(t.clone())]))
    })
    .collect();
    let liste: [Lista; 3] = [
        (
            "Principi guida",
            "Principi guida",
            ["Principio", "Descrizione"],
            s.principi_guida
                .iter()
                .map(|p| vec![testo(&p.nome), opzionale(&p.descrizione)])
                .collect(),
        ),
        (
            "Integration Team",
            "Componenti dell'Integration Team",
            ["Membro", "Ruolo"],
            s.team_integrazione
                .iter()
                .map(|m| vec![testo(&m.membro), opzionale(&m.ruolo)])
                .collect(),
        ),
        (
            "Organi politici e gestionali di vertice",
            "Organi politici e gestionali di vertice",
            ["Organo", "Ruolo"],
            s.organi_vertice
                .iter()
                .map(|o| vec![testo(&o.organo), opzionale(&o.ruolo)])
                .collect(),
        ),
    ];
    for (titolo, didascalia, colonne, righe) in liste {
        if !righe.is_empty() {
            sezioni.push(capitolo(
                titolo,
                vec![Blocco::Tabella(elenco(didascalia, &colonne, righe))],
            ));
        }
    }
    (!sezioni.is_empty()).then(|| Sezione {
        sezioni,
        ..capitolo("Presentazione metodologica", Vec::new())
    })
}

/// A list of two columns: heading, caption, headers, rows.
type Lista<'a> = (&'a str, &'a str, [&'a str; 2], Vec<Vec<Cella>>);

/// Political priorities, organisational areas, stakeholders and, when subsection 2.1 has
/// OVPs, their matrix.
fn ambiti(s: &Anagrafica, piano: &Piano) -> Option<Sezione> {
    let ambiti = |titolo: &str, a: &[Ambito]| {
        Blocco::Tabella(elenco(
            titolo,
            &["ID", "Nome", "Descrizione"],
            a.iter()
                .map(|x| vec![testo(&x.id), testo(&x.nome), opzionale(&x.descrizione)])
                .collect(),
        ))
    };
    let mut blocchi = Vec::new();
    if !s.priorita_politiche.is_empty() {
        blocchi.push(ambiti("Priorità politiche", &s.priorita_politiche));
    }
    if !s.aree_organizzative.is_empty() {
        blocchi.push(ambiti("Aree organizzative", &s.aree_organizzative));
    }
    if !s.stakeholder.is_empty() {
        blocchi.push(Blocco::Tabella(elenco(
            "Stakeholder",
            &["ID", "Stakeholder", "Relazione con la PA"],
            s.stakeholder
                .iter()
                .map(|x| vec![testo(&x.id), testo(&x.nome), opzionale(&x.relazione)])
                .collect(),
        )));
    }
    let ha_ovp = piano
        .piao
        .as_ref()
        .and_then(|p| p.valore_pubblico.as_ref())
        .is_some_and(|v| !v.obiettivi.is_empty());
    if ha_ovp && !s.priorita_politiche.is_empty() && !s.aree_organizzative.is_empty() {
        blocchi.push(Blocco::Tabella(tabella_matrice(s, piano)));
    }
    (!blocchi.is_empty()).then(|| {
        capitolo(
            "Priorità politiche, aree organizzative e stakeholder",
            blocchi,
        )
    })
}

/// The matrix: a row per political priority, a column per organisational area, in each
/// cell the OVPs of subsection 2.1 that name both ("OVP1 – Denominazione").
fn tabella_matrice(s: &Anagrafica, piano: &Piano) -> Tabella {
    let ovp = piano
        .piao
        .as_ref()
        .and_then(|p| p.valore_pubblico.as_ref())
        .map_or(&[][..], |v| &v.obiettivi[..]);
    let m = matrice(&s.priorita_politiche, &s.aree_organizzative, ovp);
    let mut colonne = vec!["Priorità politica"];
    colonne.extend(s.aree_organizzative.iter().map(|a| a.nome.as_str()));
    let righe = s
        .priorita_politiche
        .iter()
        .zip(&m)
        .map(|(p, riga)| {
            std::iter::once(testo(&p.nome))
                .chain(riga.iter().map(|cella| {
                    if cella.is_empty() {
                        Cella::Vuota
                    } else {
                        Cella::Testo(
                            cella
                                .iter()
                                .map(|o| format!("{} – {}", o.id, o.denominazione))
                                .collect::<Vec<_>>()
                                .join("; "),
                        )
                    }
                }))
                .collect()
        })
        .collect();
    let mut t = tabella(
        "Matrice delle priorità politiche e delle aree organizzative: gli obiettivi di valore pubblico",
        &colonne,
        righe,
    );
    t.note = Some(
        "In ogni cella gli obiettivi di valore pubblico (sottosezione 2.1) che rispondono alla priorità politica e coinvolgono l'area organizzativa.".into(),
    );
    t.orizzontale = (s.aree_organizzative.len() > 5).then_some(true);
    t
}

/// A table of text columns.
pub(super) fn tabella(titolo: &str, colonne: &[&str], righe: Vec<Vec<Cella>>) -> Tabella {
    Tabella {
        titolo: titolo.to_string(),
        colonne: colonne.iter().map(|c| colonna(c, None)).collect(),
        righe,
        totale: None,
        note: None,
        fonte: None,
        orizzontale: None,
    }
}

/// A list's table without the columns after the first that no row fills (a list whose
/// items state no description has no empty «Descrizione» column).
pub(super) fn elenco(titolo: &str, colonne: &[&str], righe: Vec<Vec<Cella>>) -> Tabella {
    let tenute: Vec<usize> = (0..colonne.len())
        .filter(|&k| {
            k == 0
                || righe
                    .iter()
                    .any(|r| !matches!(r.get(k), Some(Cella::Vuota) | None))
        })
        .collect();
    let righe = righe
        .into_iter()
        .map(|r| {
            r.into_iter()
                .enumerate()
                .filter(|(k, _)| tenute.contains(k))
                .map(|(_, c)| c)
                .collect()
        })
        .collect();
    let colonne: Vec<&str> = tenute.iter().map(|&k| colonne[k]).collect();
    tabella(titolo, &colonne, righe)
}

/// A column with a header and, for numbers, their format.
pub(super) fn colonna(titolo: &str, formato: Option<Formato>) -> Colonna {
    Colonna {
        titolo: titolo.to_string(),
        allineamento: None,
        formato,
        decimali: None,
    }
}

/// A table of fields, «Voce | Valore», with a row for each field that has a value.
pub(super) fn voci(titolo: &str, campi: &[(&str, Option<String>)]) -> Blocco {
    Blocco::Tabella(tabella(
        titolo,
        &["Voce", "Valore"],
        campi
            .iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| vec![testo(k), testo(v)]))
            .collect(),
    ))
}

/// A text cell.
pub(super) fn testo(t: &str) -> Cella {
    Cella::Testo(t.to_string())
}

/// A text cell, empty when there is no text.
pub(super) fn opzionale(t: &Option<String>) -> Cella {
    t.as_deref().map_or(Cella::Vuota, testo)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::model::Cella;

    fn piano(piao: serde_json::Value) -> Piano {
        serde_json::from_value(serde_json::json!({
            "ente": { "nome": "Comune di Prova", "tipo": "Comune", "sito": "https://prova.example.it" },
            "documento": { "titolo": "PIAO", "anno_inizio": 2025, "anno_fine": 2027 },
            "livelli": [{ "nome": "Obiettivo", "plurale": "Obiettivi" }],
            "albero": [{ "titolo": "Servizi", "strategia": "S1" }],
            "piao": piao
        }))
        .unwrap()
    }

    /// Every table of a chapter and of its subsections, in order.
    pub(in crate::view::piao) fn tabelle(s: &Sezione) -> Vec<&Tabella> {
        let mut out: Vec<&Tabella> = s
            .contenuto
            .iter()
            .filter_map(|b| match b {
                Blocco::Tabella(t) => Some(t),
                _ => None,
            })
            .collect();
        for sotto in &s.sezioni {
            out.extend(tabelle(sotto));
        }
        out
    }

    /// A row's cells as text (numbers as Rust writes them).
    pub(in crate::view::piao) fn riga(r: &[Cella]) -> Vec<String> {
        r.iter()
            .map(|c| match c {
                Cella::Testo(t) => t.clone(),
                Cella::Numero(n) => n.to_string(),
                Cella::Vuota => String::new(),
            })
            .collect()
    }

    fn celle(t: &Tabella) -> Vec<Vec<String>> {
        t.righe.iter().map(|r| riga(r)).collect()
    }

    #[test]
    fn the_registry_table_takes_the_name_from_the_plan_and_dates_in_words() {
        let p = piano(serde_json::json!({
            "dipendenti": "fino_a_50",
            "anagrafica": {
                "codice_fiscale": "00123450123", "codice_istat": "017999",
                "rpct": { "nome": "Anna", "cognome": "Bianchi", "ruolo": "Segretario comunale", "data_nomina": "2024-03-01" },
                "rtd": { "nominativo": "Luca Verdi" }
            }
        }));
        let s = p.piao.as_ref().unwrap().anagrafica.as_ref().unwrap();
        let parte = sezione(s, &p);
        let t = tabelle(&parte.sezione);
        assert_eq!(
            celle(t[0]),
            [
                ["Denominazione dell'ente", "Comune di Prova"],
                ["Codice fiscale", "00123450123"],
                // `tipologia` absent: the plan's `ente.tipo`, with the ISTAT code.
                ["Tipologia di PA", "Comune (codice ISTAT 017999)"],
                ["Sito web", "https://prova.example.it"],
                ["RPCT: nome e cognome", "Anna Bianchi"],
                ["RPCT: ruolo nell'ente", "Segretario comunale"],
                ["RPCT: data dell'atto di nomina", "1 marzo 2024"],
                ["RTD: nominativo", "Luca Verdi"],
            ]
        );
    }

    #[test]
    fn the_matrix_lists_the_ovps_of_each_priority_and_area() {
        let p = piano(serde_json::json!({
            "dipendenti": "oltre_50",
            "anagrafica": {
                "priorita_politiche": [
                    { "id": "P1", "nome": "Competitività" },
                    { "id": "P2", "nome": "Sostenibilità" }
                ],
                "aree_organizzative": [
                    { "id": "A1", "nome": "Promozione" },
                    { "id": "A2", "nome": "Anagrafe" }
                ]
            },
            "valore_pubblico": {
                "obiettivi": [
                    { "id": "OVP1", "denominazione": "Imprese", "priorita": ["P1"], "aree": ["A1", "A2"] },
                    { "id": "OVP2", "denominazione": "Ambiente", "priorita": ["P1", "P2"], "aree": ["A1"] }
                ]
            }
        }));
        let s = p.piao.as_ref().unwrap().anagrafica.as_ref().unwrap();
        let parte = sezione(s, &p);
        let t = tabelle(&parte.sezione);
        let m = t.last().unwrap();
        let intestazioni: Vec<&str> = m.colonne.iter().map(|c| c.titolo.as_str()).collect();
        assert_eq!(
            intestazioni,
            ["Priorità politica", "Promozione", "Anagrafe"]
        );
        // P1 × A1: both OVPs; P1 × A2: OVP1; P2 × A1: OVP2; P2 × A2: none.
        assert_eq!(
            celle(m),
            [
                [
                    "Competitività",
                    "OVP1 – Imprese; OVP2 – Ambiente",
                    "OVP1 – Imprese"
                ],
                ["Sostenibilità", "OVP2 – Ambiente", ""],
            ]
        );
    }
}
