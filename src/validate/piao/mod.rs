//! Checks of the PIAO: required subsections by headcount band, links by id between
//! sections, and each section's own rules.

use crate::diag::{Codice, Diagnostic};
use crate::indice::Indice;
use crate::model::Piano;
use crate::model::piao::{FasciaDipendenti, Piao};

mod anagrafica;
mod fabbisogni;
mod formazione;
mod monitoraggio;
mod organizzazione;
mod rischi;
mod valore;

/// Runs the PIAO's checks when the plan is a PIAO, and those of the plan's links to it.
pub fn controlla(piano: &Piano, indice: &Indice, out: &mut Vec<Diagnostic>) {
    valore::collegamenti(piano, indice, out);
    let Some(piao) = &piano.piao else {
        return;
    };
    richieste(piano, piao, out);
    lavoro_agile(piao, out);
    portale(piano, piao, out);
    if let Some(s) = &piao.anagrafica {
        anagrafica::controlla(s, piano, "piao.anagrafica", out);
    }
    if let Some(s) = &piao.valore_pubblico {
        valore::controlla(s, piano, "piao.valore_pubblico", out);
    }
    if let Some(s) = &piao.rischi {
        rischi::controlla(s, piano, "piao.rischi", out);
    }
    if let Some(s) = &piao.struttura {
        organizzazione::controlla(s, piano, "piao.struttura", out);
    }
    if let Some(s) = &piao.fabbisogni {
        fabbisogni::controlla(s, piano, "piao.fabbisogni", out);
    }
    if let Some(s) = &piao.formazione {
        formazione::controlla(s, piano, "piao.formazione", out);
    }
    if let Some(s) = &piao.monitoraggio {
        monitoraggio::controlla(s, piano, "piao.monitoraggio", out);
    }
}

/// The subsections of the Piano tipo: number, title, key, whether the plan has it, and
/// whether a PIAO semplificato must have it (DM 132/2022 art. 6).
fn sottosezioni(
    piano: &Piano,
    piao: &Piao,
) -> [(&'static str, &'static str, &'static str, bool, bool); 9] {
    [
        (
            "1",
            "Scheda anagrafica dell'amministrazione",
            "piao.anagrafica",
            piao.anagrafica.is_some(),
            true,
        ),
        (
            "2.1",
            "Valore pubblico",
            "piao.valore_pubblico",
            piao.valore_pubblico.is_some(),
            false,
        ),
        (
            "2.2",
            "Performance",
            "albero",
            !piano.albero.is_empty(),
            false,
        ),
        (
            "2.3",
            "Rischi corruttivi e trasparenza",
            "piao.rischi",
            piao.rischi.is_some(),
            true,
        ),
        (
            "3.1",
            "Struttura organizzativa",
            "piao.struttura",
            piao.struttura.is_some(),
            true,
        ),
        (
            "3.2",
            "Organizzazione del lavoro agile",
            "piao.lavoro_agile",
            piao.lavoro_agile.is_some() || piano.pola.is_some(),
            true,
        ),
        (
            "3.3.1",
            "Piano triennale dei fabbisogni di personale",
            "piao.fabbisogni",
            piao.fabbisogni.is_some(),
            true,
        ),
        (
            "3.3.2",
            "Formazione del personale",
            "piao.formazione",
            piao.formazione.is_some(),
            false,
        ),
        (
            "4",
            "Monitoraggio",
            "piao.monitoraggio",
            piao.monitoraggio.is_some(),
            false,
        ),
    ]
}

/// P150: a subsection the band requires is missing.
fn richieste(piano: &Piano, piao: &Piao, out: &mut Vec<Diagnostic>) {
    let semplificato = piao.dipendenti == FasciaDipendenti::FinoA50;
    for (numero, titolo, chiave, presente, nel_semplificato) in sottosezioni(piano, piao) {
        if presente || (semplificato && !nel_semplificato) {
            continue;
        }
        let forma = if semplificato {
            "nel PIAO semplificato (fino a 50 dipendenti)"
        } else {
            "nel PIAO ordinario (più di 50 dipendenti)"
        };
        let hint = if chiave == "albero" {
            "aggiungi gli obiettivi di performance nell'`albero` del piano".to_string()
        } else {
            format!(
                "aggiungi la chiave `{chiave}` (`piano nuovo --piao` ne scrive lo schema); se l'ente ha al più 50 dipendenti, `piao.dipendenti` è `fino_a_50`"
            )
        };
        out.push(
            Diagnostic::new(
                Codice::P150,
                format!(
                    "manca la sottosezione {numero} {titolo} (`{chiave}`), obbligatoria {forma}"
                ),
            )
            .at_path("piao.dipendenti")
            .with_hint(hint),
        );
    }
}

/// P151: subsection 3.2 must say how each of the five conditions is ensured.
fn lavoro_agile(piao: &Piao, out: &mut Vec<Diagnostic>) {
    let Some(l) = &piao.lavoro_agile else {
        return;
    };
    let Some(c) = &l.condizioni else {
        out.push(
            Diagnostic::new(
                Codice::P151,
                "la sottosezione 3.2 non indica le cinque condizioni del lavoro agile (art. 4, comma 1, lettera b), DM 132/2022)",
            )
            .at_path("piao.lavoro_agile")
            .with_hint(
                "aggiungi `condizioni` con `servizi_agli_utenti`, `rotazione_e_prevalenza`, `riservatezza_dei_dati`, `smaltimento_arretrato` e `dotazione_tecnologica`: per ognuna, come il piano la assicura",
            ),
        );
        return;
    };
    for (chiave, nome, testo) in crate::view::piao::condizioni(c) {
        if testo.is_some_and(|t| !t.trim().is_empty()) {
            continue;
        }
        out.push(
            Diagnostic::new(
                Codice::P151,
                format!("la condizione «{nome}» del lavoro agile non è indicata"),
            )
            .at_path("piao.lavoro_agile.condizioni")
            .with_hint(format!("aggiungi `{chiave}`: come il piano assicura la condizione (DM 132/2022, art. 4, comma 1, lettera b)")),
        );
    }
}

/// P152: what the portal's upload form asks, within its limits.
fn portale(piano: &Piano, piao: &Piao, out: &mut Vec<Diagnostic>) {
    let modulo = crate::model::piao::ModuloPortale::new(piano, piao);
    if modulo.atto.is_none() {
        out.push(
            Diagnostic::new(
                Codice::P152,
                "il PIAO non ha l'atto di adozione: il Portale PIAO ne chiede data ed estremi",
            )
            .at_path("atti")
            .with_hint("aggiungi in `atti` l'atto con `tipo: \"adozione\"` (organo, numero, data)"),
        );
    }
    if let Some(estremi) = &modulo.estremi_atto {
        let n = estremi.chars().count();
        if n > 200 {
            out.push(
                Diagnostic::new(
                    Codice::P152,
                    format!("gli estremi dell'atto di approvazione hanno {n} caratteri: il modulo del Portale PIAO ne accetta al più 200"),
                )
                .at_path(format!("atti[{}]", modulo.atto.unwrap_or_default()))
                .with_hint("accorcia l'organo o il numero dell'atto"),
            );
        }
    }
    if let Some(p) = &piao.pubblicazione {
        let n = p.url_trasparenza.chars().count();
        if n > 500
            || !(p.url_trasparenza.starts_with("https://")
                || p.url_trasparenza.starts_with("http://"))
        {
            out.push(
                Diagnostic::new(
                    Codice::P152,
                    format!("l'indirizzo in Amministrazione Trasparente deve essere un indirizzo web (http o https) di al più 500 caratteri; questo ne ha {n}"),
                )
                .at_path("piao.pubblicazione.url_trasparenza")
                .with_hint("scrivi l'indirizzo completo della pagina del PIAO in Amministrazione Trasparente"),
            );
        }
    } else {
        out.push(
            Diagnostic::new(
                Codice::P152,
                "mancano l'autorità che approva e l'indirizzo in Amministrazione Trasparente, che il Portale PIAO chiede al caricamento",
            )
            .at_path("piao")
            .with_hint("aggiungi `pubblicazione` con `autorita` (ad esempio \"Giunta Comunale\") e `url_trasparenza`"),
        );
    }
}
