//! Checks of the PIAO's section 1 «Scheda anagrafica dell'amministrazione»: the ids the
//! other sections link to, the date of the RPCT's appointment, the texts the portal requires.

use crate::diag::{Codice, Diagnostic};
use crate::format::Date;
use crate::model::Piano;
use crate::model::piao::anagrafica::Anagrafica;

use super::valore::id_ripetuti;

/// Checks `piao.anagrafica` (JSON paths start with `base`).
pub fn controlla(s: &Anagrafica, _piano: &Piano, base: &str, out: &mut Vec<Diagnostic>) {
    id_ripetuti(
        s.priorita_politiche
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), format!("{base}.priorita_politiche[{i}].id"))),
        "le priorità politiche",
        out,
    );
    id_ripetuti(
        s.aree_organizzative
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), format!("{base}.aree_organizzative[{i}].id"))),
        "le aree organizzative",
        out,
    );
    id_ripetuti(
        s.stakeholder
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), format!("{base}.stakeholder[{i}].id"))),
        "gli stakeholder",
        out,
    );
    if let Some(data) = s.rpct.as_ref().and_then(|r| r.data_nomina.as_ref())
        && Date::parse_iso(data).is_none()
    {
        out.push(
            Diagnostic::new(Codice::P007, format!("data non valida: `{data}`"))
                .at_path(format!("{base}.rpct.data_nomina"))
                .with_hint("scrivi la data come AAAA-MM-GG, ad esempio 2021-04-26"),
        );
    }
    for (chiave, testo, cosa) in [
        ("cronoprogramma", &s.cronoprogramma, "il cronoprogramma"),
        ("missione", &s.missione, "la missione"),
    ] {
        if testo.as_deref().is_none_or(|t| t.trim().is_empty()) {
            out.push(
                Diagnostic::new(
                    Codice::P135,
                    format!("manca {cosa} nella presentazione metodologica della sezione 1"),
                )
                .at_path(base.to_string())
                .with_hint(format!(
                    "scrivi il testo in `{chiave}`: il Portale PIAO lo richiede"
                )),
            );
        }
    }
}
