//! Checks of the PIAO's section «Struttura organizzativa»: staff counts whole and not
//! negative, and the tabella funzionale (shared with 3.3.1) linked to existing OVPs.

use crate::diag::{Codice, Diagnostic};
use crate::model::Piano;
use crate::model::piao::organizzazione::{RigaFunzionale, Struttura, ovp_noti};

/// Checks `piao.<section>` (JSON paths start with `base`).
pub fn controlla(s: &Struttura, piano: &Piano, base: &str, out: &mut Vec<Diagnostic>) {
    for (i, u) in s.ampiezza.iter().enumerate() {
        unita(
            u.risorse,
            &format!("{base}.ampiezza[{i}].risorse"),
            &format!("le risorse umane dell'unità «{}»", u.unita),
            out,
        );
    }
    for (i, p) in s.personale_per_profilo.iter().enumerate() {
        unita(
            p.unita,
            &format!("{base}.personale_per_profilo[{i}].unita"),
            &format!("i dipendenti del profilo «{}»", p.profilo),
            out,
        );
    }
    funzionale(&s.funzionale, piano, base, out);
}

/// A head count: P122 when negative, P123 when not whole.
pub(super) fn unita(n: f64, path: &str, cosa: &str, out: &mut Vec<Diagnostic>) {
    if n < 0.0 {
        out.push(
            Diagnostic::new(Codice::P122, format!("{cosa}: {n} è un numero negativo"))
                .at_path(path)
                .with_hint("scrivi il numero di persone, zero o più"),
        );
    } else if n.fract() != 0.0 {
        out.push(
            Diagnostic::new(Codice::P123, format!("{cosa}: {n} non è un numero intero"))
                .at_path(path)
                .with_hint("le unità di personale si contano per teste: scrivi un numero intero"),
        );
    }
}

/// The rows of a tabella funzionale at `{base}.funzionale`: each OVP exists (when 2.1 is
/// there), targets fall in the triennium, and the indicator's fields the table does not
/// print are warned.
pub(super) fn funzionale(
    righe: &[RigaFunzionale],
    piano: &Piano,
    base: &str,
    out: &mut Vec<Diagnostic>,
) {
    let ovp: Option<Vec<String>> =
        ovp_noti(piano).map(|l| l.into_iter().map(|(id, _)| id).collect());
    let t = piano.documento.anno_inizio;
    let anni = [t, t + 1, t + 2].map(|a| a.to_string());
    for (i, r) in righe.iter().enumerate() {
        let path = format!("{base}.funzionale[{i}]");
        if let (Some(id), Some(ids)) = (&r.ovp, &ovp)
            && !ids.contains(id)
        {
            let noti = if ids.is_empty() {
                "la sottosezione 2.1 non ne definisce".to_string()
            } else {
                format!("quelli della 2.1 sono {}", ids.join(", "))
            };
            out.push(
                Diagnostic::new(
                    Codice::P125,
                    format!(
                        "la riga {} della tabella funzionale è collegata all'obiettivo di valore pubblico «{id}», che non esiste: {noti}",
                        r.codice
                    ),
                )
                .at_path(format!("{path}.ovp"))
                .with_hint("scrivi l'`id` di un OVP di `piao.valore_pubblico`"),
            );
        }
        for anno in r.indicatore.target.keys() {
            if !anni.contains(anno) {
                out.push(
                    Diagnostic::new(
                        Codice::P127,
                        format!(
                            "il target «{anno}» della riga {} della tabella funzionale non è stampato: la tabella riporta i target degli anni {}",
                            r.codice,
                            anni.join(", ")
                        ),
                    )
                    .at_path(format!("{path}.indicatore.target.{anno}"))
                    .with_hint("indica i target per gli anni del triennio del piano"),
                );
            }
        }
        let i = &r.indicatore;
        let non_stampati = [
            ("tipo", i.tipo.is_some()),
            ("peso", i.peso.is_some()),
            ("documentazione", i.documentazione.is_some()),
            ("uffici", !i.uffici.is_empty()),
        ];
        for (campo, _) in non_stampati.iter().filter(|(_, c)| *c) {
            out.push(
                Diagnostic::new(
                    Codice::P090,
                    format!(
                        "il campo `{campo}` dell'indicatore della riga {} non è stampato: la tabella funzionale riporta denominazione, unità, formula, baseline, target e fonte",
                        r.codice
                    ),
                )
                .at_path(format!("{path}.indicatore.{campo}"))
                .with_hint("togli il campo, o scrivi l'informazione in un'altra colonna della riga"),
            );
        }
    }
}
