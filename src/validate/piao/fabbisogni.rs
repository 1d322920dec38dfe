//! Checks of the PIAO's section «Piano triennale dei fabbisogni di personale»: the
//! rimodulazione and its table, counts whole and not negative, «di cui» within their
//! totals, coverage years in the triennium, and the tabella funzionale.

use crate::diag::{Codice, Diagnostic};
use crate::model::Piano;
use crate::model::piao::fabbisogni::{Fabbisogni, Tipo, Valore};

use super::organizzazione::{funzionale, unita};

/// Checks `piao.<section>` (JSON paths start with `base`).
pub fn controlla(s: &Fabbisogni, piano: &Piano, base: &str, out: &mut Vec<Diagnostic>) {
    rimodulazione(s, base, out);
    let t = piano.documento.anno_inizio;
    for tab in s.tabelle.elenco(t) {
        for (r, riga) in tab.tutti.iter().enumerate() {
            for (col, v) in tab.tutte.iter().zip(riga) {
                let (Some(chiave), Valore::Numero(n, _)) = (col.chiave, v) else {
                    continue;
                };
                let path = format!("{base}.{}[{r}].{chiave}", tab.chiave);
                let etichetta = match &riga[0] {
                    Valore::Testo(s) => s.as_str(),
                    _ => "",
                };
                let cosa = format!(
                    "«{}» della riga «{etichetta}» della tabella «{}»",
                    tab.colonne
                        .iter()
                        .find(|(_, k)| k.chiave == Some(chiave))
                        .map_or(chiave, |(h, _)| h.as_str()),
                    tab.titolo
                );
                match col.tipo {
                    Tipo::Unita => unita(*n, &path, &cosa, out),
                    Tipo::Euro if *n < 0.0 && !tab.negativi => out.push(
                        Diagnostic::new(Codice::P122, format!("{cosa}: l'importo {n} è negativo"))
                            .at_path(path)
                            .with_hint("scrivi l'importo in euro, zero o più"),
                    ),
                    _ => {}
                }
            }
        }
    }
    di_cui(s, base, out);
    copertura(s, piano, base, out);
    funzionale(&s.funzionale, piano, base, out);
}

/// P120 and P121: the rimodulazione and its table go together.
fn rimodulazione(s: &Fabbisogni, base: &str, out: &mut Vec<Diagnostic>) {
    let tabella = !s.tabelle.dotazione_rimodulata.is_empty();
    if s.rimodulazione && !tabella {
        out.push(
            Diagnostic::new(
                Codice::P120,
                "`rimodulazione` è vera ma manca la tabella della dotazione organica rimodulata",
            )
            .at_path(format!("{base}.rimodulazione"))
            .with_hint("aggiungi le righe in `tabelle.dotazione_rimodulata`"),
        );
    }
    if tabella && !s.rimodulazione {
        out.push(
            Diagnostic::new(
                Codice::P121,
                "c'è la tabella della dotazione organica rimodulata ma `rimodulazione` non è vera",
            )
            .at_path(format!("{base}.tabelle.dotazione_rimodulata"))
            .with_hint("scrivi `\"rimodulazione\": true`, o togli la tabella"),
        );
    }
}

/// P124: those seconded out are part of the staff on the rolls.
fn di_cui(s: &Fabbisogni, base: &str, out: &mut Vec<Diagnostic>) {
    let righe = s
        .tabelle
        .dirigenti
        .iter()
        .map(|r| ("dirigenti", &r.qualifica, r.di_ruolo, r.comandati_out))
        .chain(
            s.tabelle
                .non_dirigenti
                .iter()
                .map(|r| ("non_dirigenti", &r.area, r.di_ruolo, r.comandati_out)),
        );
    let mut indici = std::collections::HashMap::new();
    for (tabella, nome, di_ruolo, out_) in righe {
        let i = indici.entry(tabella).or_insert(0);
        if out_ > di_ruolo {
            out.push(
                Diagnostic::new(
                    Codice::P124,
                    format!(
                        "nella riga «{nome}» i comandati OUT ({out_}) sono più del personale di ruolo ({di_ruolo}), di cui fanno parte"
                    ),
                )
                .at_path(format!("{base}.tabelle.{tabella}[{i}].comandati_out"))
                .with_hint("i comandati OUT sono dipendenti di ruolo dell'ente: contali anche in `di_ruolo`"),
            );
        }
        *i += 1;
    }
}

/// P126: each year of coverage is one of the triennium's, once.
fn copertura(s: &Fabbisogni, piano: &Piano, base: &str, out: &mut Vec<Diagnostic>) {
    let t = piano.documento.anno_inizio;
    let mut visti = Vec::new();
    for (k, c) in s.tabelle.copertura.iter().enumerate() {
        let path = format!("{base}.tabelle.copertura[{k}].anno");
        if !(t..=t + 2).contains(&c.anno) {
            out.push(
                Diagnostic::new(
                    Codice::P126,
                    format!(
                        "l'anno {} della copertura del fabbisogno è fuori dal triennio {t}–{}",
                        c.anno,
                        t + 2
                    ),
                )
                .at_path(path)
                .with_hint(format!("usa uno degli anni {t}, {}, {}", t + 1, t + 2)),
            );
        } else if visti.contains(&c.anno) {
            out.push(
                Diagnostic::new(
                    Codice::P126,
                    format!(
                        "l'anno {} della copertura del fabbisogno è ripetuto",
                        c.anno
                    ),
                )
                .at_path(path)
                .with_hint("riunisci le righe dello stesso anno in un solo elemento"),
            );
        }
        visti.push(c.anno);
    }
}
