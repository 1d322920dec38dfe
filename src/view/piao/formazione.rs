//! The PIAO's section «Formazione del personale» lowered to a chapter. The portal's row of
//! a training activity has twenty columns: the view prints it as two tables of the same
//! rows, one with the figures (targets, people trained, hours, cost) and their computed
//! totals, one with the rest (kind, areas, obligations, assessment, who runs it, when) on
//! a landscape page.

use crate::model::piao::formazione::{AttivitaFormativa, AttivitaRiconosciuta, Formazione, Totali};
use crate::model::{Blocco, Cella, Colonna, Formato, Piano, Sezione, Tabella};

use super::monitoraggio::{al, col, dal, opzionale, testo};
use super::{Parte, capitolo, parte};

/// The section «Formazione del personale»: texts, the tables of the training done and
/// planned with their totals, the recognised training, ulteriori informazioni, annex.
pub fn sezione(s: &Formazione, piano: &Piano) -> Parte {
    let al = format!("al 31.12.{}", piano.documento.anno_inizio - 1);
    let mut funzionale: Vec<Sezione> = Vec::new();
    for (titolo, t) in [
        ("Contesto normativo".to_string(), &s.contesto_normativo),
        (format!("Stato dell'arte {al}"), &s.stato_dell_arte),
        ("Strategia formativa".to_string(), &s.strategia),
        ("Risorse".to_string(), &s.risorse),
        ("Incentivi".to_string(), &s.incentivi),
    ] {
        if let Some(t) = t {
            funzionale.push(capitolo(&titolo, vec![Blocco::Testo(t.clone())]));
        }
    }
    if !s.fotografia.is_empty() {
        let titolo = format!("Fotografia della formazione {al}");
        funzionale.push(capitolo(&titolo, attivita(&titolo, &s.fotografia, true)));
    }
    if !s.obiettivi.is_empty() {
        let titolo = "Obiettivi e risultati attesi";
        funzionale.push(capitolo(titolo, attivita(titolo, &s.obiettivi, false)));
    }
    if !s.riconosciute.is_empty() {
        funzionale.push(capitolo(
            "Attività formative promosse dal singolo e riconosciute",
            vec![Blocco::Tabella(riconosciute(&s.riconosciute))],
        ));
    }
    Parte {
        sezione: parte(
            "Formazione del personale",
            &s.generale,
            funzionale,
            &s.ulteriori_informazioni,
            s.allegato.as_ref(),
        ),
        aggiunte: Vec::new(),
    }
}

fn intero(n: Option<u32>) -> Cella {
    n.map_or(Cella::Vuota, |n| Cella::Numero(f64::from(n)))
}

fn numero(n: Option<f64>) -> Cella {
    n.map_or(Cella::Vuota, Cella::Numero)
}

fn si_no(b: bool) -> Cella {
    testo(if b { "Sì" } else { "No" })
}

/// From one date to another (either may be missing), as a table prints them.
fn periodo(inizio: &Option<String>, fine: &Option<String>) -> Cella {
    match (inizio, fine) {
        (None, None) => Cella::Vuota,
        (Some(a), Some(b)) => super::monitoraggio::periodo(a, b),
        (Some(a), None) => testo(&dal(a)),
        (None, Some(b)) => testo(&al(b)),
    }
}

/// The two tables of a list of activities: figures with totals, then the details;
/// `formati` adds the people trained (the fotografia has them, the objectives do not).
fn attivita(titolo: &str, righe: &[AttivitaFormativa], formati: bool) -> Vec<Blocco> {
    let tot = Totali::di(righe);
    let mut colonne = vec![
        col("Codice", Formato::Testo),
        col("Titolo", Formato::Testo),
        col("Destinatari", Formato::Testo),
        col("Target dirigenti", Formato::Numero),
        col("Target non dirigenti", Formato::Numero),
    ];
    if formati {
        colonne.push(col("Formati dirigenti", Formato::Numero));
        colonne.push(col("Formati non dirigenti", Formato::Numero));
    }
    colonne.extend([
        col("Ore", Formato::Numero),
        Colonna {
            decimali: Some(2),
            ..col("Costo (€)", Formato::Numero)
        },
    ]);
    let figure = |a: &AttivitaFormativa| {
        let mut r = vec![
            testo(&a.codice),
            testo(&a.titolo),
            testo(a.destinatari.etichetta()),
            intero(a.target_dirigenti),
            intero(a.target_non_dirigenti),
        ];
        if formati {
            r.push(intero(a.formati_dirigenti));
            r.push(intero(a.formati_non_dirigenti));
        }
        r.extend([numero(a.ore), numero(a.costo)]);
        r
    };
    // The label in the wide column: a code's column may be too narrow for it.
    let mut totale = vec![
        Cella::Vuota,
        testo(&format!("Totale ({} attività)", righe.len())),
        Cella::Vuota,
        Cella::Numero(f64::from(tot.target_dirigenti)),
        Cella::Numero(f64::from(tot.target_non_dirigenti)),
    ];
    if formati {
        totale.push(Cella::Numero(f64::from(tot.formati_dirigenti)));
        totale.push(Cella::Numero(f64::from(tot.formati_non_dirigenti)));
    }
    totale.extend([Cella::Numero(tot.ore), Cella::Numero(tot.costo)]);
    let dettagli = Tabella {
        titolo: format!("{titolo}: tipologia, ambiti, obblighi, modalità e periodo"),
        colonne: vec![
            col("Codice", Formato::Testo),
            col("Tipologia", Formato::Testo),
            col("Ambito di competenza", Formato::Testo),
            col("Area tematica", Formato::Testo),
            col("Obbligatoria", Formato::Testo),
            col("Riferimento normativo", Formato::Testo),
            col("Verifica di apprendimento", Formato::Testo),
            col("Crediti", Formato::Numero),
            col("Modalità di gestione", Formato::Testo),
            col("Ente erogatore", Formato::Testo),
            col("Periodo", Formato::Testo),
        ],
        righe: righe
            .iter()
            .map(|a| {
                vec![
                    testo(&a.codice),
                    testo(&a.tipologia),
                    opzionale(&a.ambito),
                    opzionale(&a.area_tematica),
                    si_no(a.obbligatoria),
                    opzionale(&a.riferimento_normativo),
                    si_no(a.verifica_apprendimento),
                    numero(a.crediti),
                    opzionale(&a.modalita_gestione),
                    opzionale(&a.ente_erogatore),
                    periodo(&a.data_inizio, &a.data_fine),
                ]
            })
            .collect(),
        totale: None,
        note: None,
        fonte: None,
        // Eleven columns of words: on a landscape page of its own, after the figures.
        orizzontale: Some(true),
    };
    vec![
        Blocco::Tabella(Tabella {
            titolo: format!("{titolo}: attività, destinatari, ore e costi"),
            colonne,
            righe: righe.iter().map(figure).collect(),
            totale: Some(totale),
            note: Some("I totali sono calcolati dalle righe della tabella.".into()),
            fonte: None,
            orizzontale: Some(false),
        }),
        Blocco::Tabella(dettagli),
    ]
}

fn riconosciute(righe: &[AttivitaRiconosciuta]) -> Tabella {
    let tot = Totali::riconosciute(righe);
    Tabella {
        titolo: "Attività formative promosse dal singolo e riconosciute".into(),
        colonne: vec![
            col("Tipologia", Formato::Testo),
            col("Ambito di competenza", Formato::Testo),
            col("Area tematica", Formato::Testo),
            col("Formati dirigenti", Formato::Numero),
            col("Formati non dirigenti", Formato::Numero),
            col("Ore", Formato::Numero),
            col("Verifica di apprendimento", Formato::Testo),
        ],
        righe: righe
            .iter()
            .map(|a| {
                vec![
                    testo(&a.tipologia),
                    opzionale(&a.ambito),
                    opzionale(&a.area_tematica),
                    intero(a.formati_dirigenti),
                    intero(a.formati_non_dirigenti),
                    numero(a.ore),
                    si_no(a.verifica_apprendimento),
                ]
            })
            .collect(),
        totale: Some(vec![
            testo("Totale"),
            testo(&format!("{} attività", righe.len())),
            Cella::Vuota,
            Cella::Numero(f64::from(tot.formati_dirigenti)),
            Cella::Numero(f64::from(tot.formati_non_dirigenti)),
            Cella::Numero(tot.ore),
            Cella::Vuota,
        ]),
        note: Some("I totali sono calcolati dalle righe della tabella.".into()),
        fonte: None,
        orizzontale: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::blocchi;

    fn esempio() -> Formazione {
        serde_json::from_value(serde_json::json!({
            "stato_dell_arte": "Nel 2020 la formazione è stata a distanza.",
            "fotografia": [
                {
                    "codice": "F1", "tipologia": "Webinar", "titolo": "Anticorruzione",
                    "obbligatoria": true, "destinatari": "entrambi",
                    "target_dirigenti": 4, "target_non_dirigenti": 120,
                    "formati_dirigenti": 4, "formati_non_dirigenti": 112,
                    "ore": 4, "verifica_apprendimento": true, "costo": 1200.5,
                    "data_inizio": "2020-03-02", "data_fine": "2020-03-20"
                },
                {
                    "codice": "F2", "tipologia": "Aula", "titolo": "Excel avanzato",
                    "obbligatoria": false, "destinatari": "non_dirigenti",
                    "target_non_dirigenti": 15, "formati_non_dirigenti": 13,
                    "ore": 12.5, "verifica_apprendimento": false, "costo": 800
                }
            ],
            "riconosciute": [
                { "tipologia": "Master", "formati_non_dirigenti": 2, "ore": 120, "verifica_apprendimento": true },
                { "tipologia": "Corso", "formati_dirigenti": 1, "formati_non_dirigenti": 3, "ore": 16, "verifica_apprendimento": false }
            ]
        }))
        .unwrap()
    }

    #[test]
    fn totals_are_computed_from_the_rows() {
        let s = esempio();
        // Targets 4 + 0 and 120 + 15, trained 4 + 0 and 112 + 13, hours 4 + 12.5, cost
        // 1200.50 + 800.
        assert_eq!(
            Totali::di(&s.fotografia),
            Totali {
                target_dirigenti: 4,
                target_non_dirigenti: 135,
                formati_dirigenti: 4,
                formati_non_dirigenti: 125,
                ore: 16.5,
                costo: 2000.5,
            }
        );
        let r = Totali::riconosciute(&s.riconosciute);
        assert_eq!(
            (r.formati_dirigenti, r.formati_non_dirigenti, r.ore),
            (1, 5, 136.0)
        );
    }

    #[test]
    fn section_prints_figures_with_totals_and_details() {
        let piano: Piano =
            serde_json::from_str(include_str!("../../../tests/fixtures/minimo.json")).unwrap();
        let anno = piano.documento.anno_inizio - 1;
        let p = sezione(&esempio(), &piano);
        let titoli: Vec<&str> = p
            .sezione
            .sezioni
            .iter()
            .map(|s| s.titolo.as_str())
            .collect();
        let fotografia = format!("Fotografia della formazione al 31.12.{anno}");
        assert_eq!(
            titoli,
            [
                format!("Stato dell'arte al 31.12.{anno}").as_str(),
                fotografia.as_str(),
                "Attività formative promosse dal singolo e riconosciute"
            ]
        );
        let Blocco::Tabella(t) = &p.sezione.sezioni[1].contenuto[0] else {
            panic!()
        };
        let v = blocchi::tabella(t);
        assert!(!v.orizzontale);
        assert_eq!(v.intestazioni.len(), 9);
        assert_eq!(
            v.righe[0],
            [
                "F1",
                "Anticorruzione",
                "Entrambi",
                "4",
                "120",
                "4",
                "112",
                "4",
                "1.200,50"
            ]
        );
        assert_eq!(
            v.totale.unwrap(),
            [
                "",
                "Totale (2 attività)",
                "",
                "4",
                "135",
                "4",
                "125",
                "16,50",
                "2.000,50"
            ]
        );
        let Blocco::Tabella(d) = &p.sezione.sezioni[1].contenuto[1] else {
            panic!()
        };
        let d = blocchi::tabella(d);
        assert_eq!(d.righe[0][1], "Webinar");
        assert_eq!(d.righe[0][4], "Sì");
        assert_eq!(d.righe[1][6], "No");
        assert_eq!(d.righe[0][10], "dal\u{a0}02/03/2020\nal\u{a0}20/03/2020");
        assert_eq!(d.righe[1][10], "");
        let Blocco::Tabella(r) = &p.sezione.sezioni[2].contenuto[0] else {
            panic!()
        };
        let r = blocchi::tabella(r);
        assert_eq!(r.totale.unwrap()[3..6], ["1", "5", "136"]);
    }
}
