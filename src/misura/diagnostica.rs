//! The problems of a results file as diagnostics: Italian, with a suggestion, located in
//! the results file (or, for a missing result, at the indicator in the plan).

use super::regole::Incompatibile;
use super::{Problema, TipoProblema};
use crate::diag::{Codice, Diagnostic};

/// The diagnostic of a problem, unlocated (the caller locates it by its path and file).
pub fn diagnostic(p: &Problema) -> Diagnostic {
    let d = match &p.tipo {
        TipoProblema::AnnoFuoriPiano { inizio, fine } => Diagnostic::new(
            Codice::P100,
            format!("l'anno dei risultati è fuori dal periodo del piano ({inizio}–{fine})"),
        )
        .with_hint("indica un anno del piano, o il piano del periodo giusto in `piano`"),
        TipoProblema::ObiettivoSconosciuto(o) => {
            Diagnostic::new(Codice::P101, format!("nel piano non c'è l'obiettivo `{o}`"))
                .with_hint("scrivi il codice stampato nel piano (es. \"1.1.2\") o il suo `id`")
        }
        TipoProblema::IndicatoreSconosciuto(i) => Diagnostic::new(
            Codice::P101,
            format!("nell'obiettivo non c'è l'indicatore `{i}`"),
        )
        .with_hint("scrivi il numero dell'indicatore nella scheda (da 1) o il suo `id`"),
        TipoProblema::ObiettivoMancante => Diagnostic::new(
            Codice::P101,
            "il risultato non dice a quale obiettivo si riferisce",
        )
        .with_hint("aggiungi `\"obiettivo\": \"1.1.2\"`, o indica l'`id` dell'indicatore"),
        TipoProblema::SenzaTargetProprio(o) => Diagnostic::new(
            Codice::P101,
            format!("il risultato non indica l'indicatore, e l'obiettivo {o} non ha un target proprio"),
        )
        .with_hint("aggiungi `\"indicatore\": 1` (il numero dell'indicatore nella scheda)"),
        TipoProblema::ScadenzaSconosciuta { scadenza, previste } => Diagnostic::new(
            Codice::P102,
            format!("il livello dell'obiettivo non ha la scadenza `{scadenza}`"),
        )
        .with_hint(format!("scadenze previste: {}", previste.join(", "))),
        TipoProblema::Doppio { primo } => Diagnostic::new(
            Codice::P103,
            format!("c'è già un risultato per questo indicatore e questa scadenza (`{primo}`)"),
        )
        .with_hint("tieni un solo risultato: con due, non si sa quale valga"),
        TipoProblema::Vuoto => Diagnostic::new(Codice::P103, "il risultato non ha un valore")
            .with_hint("aggiungi `\"valore\"`: un numero, \"SI\"/\"NO\", una data o un testo"),
        TipoProblema::MancanteConValore => Diagnostic::new(
            Codice::P103,
            "il risultato è dichiarato mancante ma ha un valore o un grado di raggiungimento",
        )
        .with_hint("togli `\"mancante\": true`, oppure togli il valore"),
        TipoProblema::Mancante { nome, scadenza } => Diagnostic::new(
            Codice::P104,
            format!("manca il risultato dell'{nome} alla scadenza {scadenza}"),
        )
        .with_hint(
            "aggiungi il risultato al consuntivo, o dichiaralo non rilevato con `\"mancante\": true` e il motivo in `note`; conta come dice `misurazione.risultato_mancante` (0 se non indicato)",
        ),
        TipoProblema::TipoValore { atteso, target } => {
            let (msg, hint) = match atteso {
                Incompatibile::AttesoNumero => (
                    format!("il target «{target}» chiede un numero"),
                    "scrivi il numero (es. 250, oppure \"85,5%\")",
                ),
                Incompatibile::AttesoSiNo => (
                    format!("il target «{target}» chiede \"SI\" o \"NO\""),
                    "scrivi \"SI\" se l'obiettivo è stato realizzato, altrimenti \"NO\"",
                ),
                Incompatibile::AttesaData => (
                    format!("il target «{target}» chiede una data"),
                    "scrivi la data in cui è stato realizzato, come \"2021-05-30\" o \"30/5/2021\"",
                ),
                Incompatibile::SenzaRealizzazione => (
                    format!(
                        "il target «{target}» è espresso a parole: nessuna regola ne misura il raggiungimento"
                    ),
                    "aggiungi `\"realizzazione\"` (il grado raggiunto in percentuale) e spiegalo in `note`",
                ),
            };
            let code = if *atteso == Incompatibile::SenzaRealizzazione {
                Codice::P107
            } else {
                Codice::P105
            };
            Diagnostic::new(code, msg).with_hint(hint)
        }
        TipoProblema::Unita { risultato, target } => Diagnostic::new(
            Codice::P106,
            format!("il risultato è in «{risultato}», il target in «{target}»"),
        )
        .with_hint(format!("esprimi il risultato in «{target}», come il target")),
        TipoProblema::RealizzazioneSuMisurabile(target) => Diagnostic::new(
            Codice::P107,
            format!(
                "il grado di raggiungimento del target «{target}» si calcola dal valore, con le regole del piano"
            ),
        )
        .with_hint("togli `realizzazione` e indica il `valore` misurato"),
    };
    d.at_path(p.percorso.clone())
}
