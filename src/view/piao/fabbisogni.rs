//! The PIAO's section «Piano triennale dei fabbisogni di personale» lowered to a chapter:
//! its texts, the personnel tables the body gives (in the portal's order, with the
//! portal's headings, years from the plan's triennium, totals computed) and the tabella
//! funzionale.

use crate::format::{format_euro, format_number, format_plain};
use crate::model::piao::fabbisogni::{Fabbisogni, TabellaPersonale, Tipo, Valore};
use crate::model::{Allineamento, Blocco, Cella, Colonna, Formato, Piano, Tabella};

use super::organizzazione::{aggiungi, tabella_funzionale, testo};
use super::{Parte, capitolo, parte};

/// The section «Piano triennale dei fabbisogni di personale»: parte generale, tables, ulteriori informazioni, annex.
pub fn sezione(s: &Fabbisogni, piano: &Piano) -> Parte {
    let t = piano.documento.anno_inizio;
    let mut funzionale = Vec::new();
    aggiungi(&mut funzionale, "Contesto", testo(&s.contesto));
    aggiungi(
        &mut funzionale,
        "Consistenza qualitativa del personale",
        testo(&s.consistenza_qualitativa),
    );
    aggiungi(
        &mut funzionale,
        "Strategie di programmazione",
        testo(&s.strategie_programmazione),
    );
    aggiungi(
        &mut funzionale,
        "Obiettivi di trasformazione dell'allocazione delle risorse",
        testo(&s.obiettivi_trasformazione),
    );
    let mut copertura = vec![Blocco::Testo(if s.rimodulazione {
        "L'ente **rimodula** la dotazione organica nel triennio.".into()
    } else {
        "L'ente non rimodula la dotazione organica nel triennio.".into()
    })];
    copertura.extend(testo(&s.strategia_copertura));
    aggiungi(
        &mut funzionale,
        "Strategia di copertura del fabbisogno",
        copertura,
    );
    aggiungi(
        &mut funzionale,
        "Tempo determinato e altre forme di lavoro flessibile",
        testo(&s.tempo_determinato),
    );
    aggiungi(
        &mut funzionale,
        "Stima dell'evoluzione dei bisogni",
        testo(&s.stima_evoluzione),
    );
    let tabelle: Vec<Blocco> = s.tabelle.elenco(t).iter().map(tabella).collect();
    aggiungi(&mut funzionale, "Tabelle del personale", tabelle);
    if !s.funzionale.is_empty() {
        funzionale.push(capitolo(
            "Tabella funzionale",
            tabella_funzionale(&s.funzionale, piano),
        ));
    }
    Parte {
        sezione: parte(
            "Piano triennale dei fabbisogni di personale",
            &s.generale,
            funzionale,
            &s.ulteriori_informazioni,
            s.allegato.as_ref(),
        ),
        aggiunte: Vec::new(),
    }
}

/// A cell of a personnel table: counts as whole numbers, amounts in euro, figures of the
/// threshold check in their own format.
fn cella(v: &Valore, tipo: Tipo) -> Cella {
    match v {
        Valore::Testo(s) => Cella::Testo(s.clone()),
        Valore::Vuoto => Cella::Vuota,
        Valore::Numero(n, Some(f)) => Cella::Testo(match f {
            Formato::Euro if n.fract() == 0.0 => format!("€ {}", format_number(*n, 0)),
            Formato::Euro => format_euro(*n),
            Formato::Percentuale => format!("{}%", format_number(*n, 2)),
            Formato::Numero | Formato::Testo => format_plain(*n),
        }),
        Valore::Numero(n, None) if tipo == Tipo::Libero => Cella::Testo(format_plain(*n)),
        Valore::Numero(n, None) => Cella::Numero(*n),
    }
}

/// One personnel table as a model table: its rows and the total, the subtotals under it.
fn tabella(p: &TabellaPersonale) -> Blocco {
    // Amounts in whole euro print without cents, unless some amount of the column has them.
    let intero = |i: usize| {
        p.righe
            .iter()
            .chain(&p.parziali)
            .chain(&p.totale)
            .all(|r| !matches!(r.get(i), Some(Valore::Numero(n, _)) if n.fract() != 0.0))
    };
    let colonne: Vec<Colonna> = p
        .colonne
        .iter()
        .enumerate()
        .map(|(i, (titolo, c))| Colonna {
            titolo: titolo.clone(),
            allineamento: (c.tipo == Tipo::Libero).then_some(Allineamento::Destra),
            formato: Some(match c.tipo {
                Tipo::Testo | Tipo::Libero => Formato::Testo,
                Tipo::Unita => Formato::Numero,
                Tipo::Euro => Formato::Euro,
            }),
            decimali: (c.tipo == Tipo::Euro).then(|| if intero(i) { 0 } else { 2 }),
        })
        .collect();
    let riga = |r: &Vec<Valore>| -> Vec<Cella> {
        r.iter()
            .zip(&p.colonne)
            .map(|(v, (_, c))| cella(v, c.tipo))
            .collect()
    };
    // The subtotals go under the table, in words: they are not rows of data (the open data
    // holds the rows as stated).
    let parziali: Vec<String> = p
        .parziali
        .iter()
        .map(|r| {
            let etichetta = match r.first() {
                Some(Valore::Testo(t)) => t.as_str(),
                _ => "",
            };
            let valori: Vec<String> = r
                .iter()
                .zip(&colonne)
                .skip(1)
                .filter_map(|(v, c)| match v {
                    Valore::Numero(n, _) => Some(format!(
                        "{} {}",
                        c.titolo,
                        match c.decimali {
                            Some(d) => format!("€ {}", format_number(*n, usize::from(d))),
                            None => format_plain(*n),
                        }
                    )),
                    _ => None,
                })
                .collect();
            format!("**{etichetta}**: {}.", valori.join("; "))
        })
        .collect();
    Blocco::Tabella(Tabella {
        titolo: p.titolo.clone(),
        righe: p.righe.iter().map(riga).collect(),
        totale: p.totale.as_ref().map(riga),
        // At most seven columns of short values: a portrait page holds them.
        orizzontale: Some(false),
        colonne,
        note: (!parziali.is_empty()).then(|| parziali.join(" ")),
        fonte: None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::organizzazione::tests::piano;
    use super::*;

    fn tabelle(s: &Fabbisogni) -> Vec<Tabella> {
        let p = sezione(s, &piano());
        p.sezione
            .sezioni
            .iter()
            .flat_map(|s| &s.contenuto)
            .filter_map(|b| match b {
                Blocco::Tabella(t) => Some(t.clone()),
                _ => None,
            })
            .collect()
    }

    fn numero(c: &Cella) -> f64 {
        match c {
            Cella::Numero(n) => *n,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn tables_print_in_the_portal_order_with_totals() {
        let s: Fabbisogni = serde_json::from_value(serde_json::json!({
            "tabelle": {
                "cessazioni": [
                    { "qualifica": "Dirigente", "dirigenziale": true, "unita": 1, "risorse": 85000 },
                    { "qualifica": "Area dei Funzionari", "unita": 2, "risorse": 70000.5 }
                ],
                "dotazione_organica": [
                    { "qualifica": "Area degli Istruttori", "unita": 20, "valore": 650000 },
                    { "qualifica": "Area dei Funzionari", "unita": 12, "valore": 450000 }
                ],
                "limite_spesa": [
                    { "voce": "Spesa macroaggregato 101", "anno_t": 1200000, "anno_t_1": 1230000, "anno_t_2": 1260000 }
                ]
            }
        }))
        .unwrap();
        let t = tabelle(&s);
        let titoli: Vec<&str> = t.iter().map(|t| t.titolo.as_str()).collect();
        assert_eq!(
            titoli,
            [
                "Valore finanziario della dotazione organica al 31/12/2024",
                "Riepilogo delle cessazioni",
                "Limite di spesa del personale 2025–2027"
            ]
        );
        // Dotazione: 20 + 12 = 32 units; 650.000 + 450.000 = 1.100.000 euro.
        let tot = t[0].totale.as_ref().unwrap();
        assert_eq!((numero(&tot[1]), numero(&tot[2])), (32.0, 1_100_000.0));
        // Cessazioni: 3 units and 155.000,50 euro in total; the subtotals in words.
        assert_eq!(t[1].righe.len(), 2);
        assert_eq!(
            t[1].note.as_deref(),
            Some(
                "**Totale dirigenti**: Totale unità cessate 1; Totale risorse da cessazione € 85.000,00. \
                 **Totale aree**: Totale unità cessate 2; Totale risorse da cessazione € 70.000,50."
            )
        );
        let tot = t[1].totale.as_ref().unwrap();
        assert_eq!((numero(&tot[1]), numero(&tot[2])), (3.0, 155_000.5));
        // Limite: headings by year; media (1.200.000 + 1.230.000 + 1.260.000) / 3 = 1.230.000.
        let h: Vec<&str> = t[2].colonne.iter().map(|c| c.titolo.as_str()).collect();
        assert_eq!(
            h,
            [
                "Spesa del personale",
                "Anno 2025",
                "Anno 2026",
                "Anno 2027",
                "Media"
            ]
        );
        assert_eq!(numero(&t[2].righe[0][4]), 1_230_000.0);
    }
}
