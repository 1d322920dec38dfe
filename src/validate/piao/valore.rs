//! Checks of the PIAO's subsection 2.1 «Valore pubblico» and of the value chain: the ids
//! of its OVPs and strategies, what an OVP names of section 1, the resources' OVP, and the
//! plan's objectives linked to a strategy.

use std::collections::HashMap;

use crate::diag::{Codice, Diagnostic};
use crate::indice::Indice;
use crate::load::closest;
use crate::model::Piano;
use crate::model::piao::valore::ValorePubblico;

/// Checks `piao.valore_pubblico` (JSON paths start with `base`).
pub fn controlla(s: &ValorePubblico, piano: &Piano, base: &str, out: &mut Vec<Diagnostic>) {
    id_ripetuti(
        s.obiettivi
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), format!("{base}.obiettivi[{i}].id"))),
        "gli obiettivi di valore pubblico",
        out,
    );
    id_ripetuti(
        s.obiettivi.iter().enumerate().flat_map(|(i, o)| {
            o.strategie.iter().enumerate().map(move |(j, st)| {
                (
                    st.id.as_str(),
                    format!("{base}.obiettivi[{i}].strategie[{j}].id"),
                )
            })
        }),
        "le strategie attuative",
        out,
    );
    let anagrafica = piano.piao.as_ref().and_then(|p| p.anagrafica.as_ref());
    for (i, o) in s.obiettivi.iter().enumerate() {
        let dove = format!("{base}.obiettivi[{i}]");
        let elenchi = [
            (
                "aree",
                &o.aree,
                "l'area organizzativa",
                "aree_organizzative",
                anagrafica.map(|a| a.aree_organizzative.iter().map(|x| x.id.clone()).collect()),
            ),
            (
                "priorita",
                &o.priorita,
                "la priorità politica",
                "priorita_politiche",
                anagrafica.map(|a| a.priorita_politiche.iter().map(|x| x.id.clone()).collect()),
            ),
            (
                "stakeholder",
                &o.stakeholder,
                "lo stakeholder",
                "stakeholder",
                anagrafica.map(|a| a.stakeholder.iter().map(|x| x.id.clone()).collect()),
            ),
        ];
        for (chiave, ids, cosa, elenco, noti) in elenchi {
            let noti: Vec<String> = noti.unwrap_or_default();
            for (k, id) in ids.iter().enumerate() {
                if noti.contains(id) {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        Codice::P132,
                        format!(
                            "l'obiettivo di valore pubblico {} nomina {cosa} `{id}`, che non esiste in `piao.anagrafica.{elenco}`",
                            o.id
                        ),
                    )
                    .at_path(format!("{dove}.{chiave}[{k}]"))
                    .with_hint(suggerimento(id, &noti, &format!("piao.anagrafica.{elenco}"))),
                );
            }
        }
        if o.strategie.is_empty() {
            out.push(
                Diagnostic::new(
                    Codice::P133,
                    format!(
                        "l'obiettivo di valore pubblico {} non ha strategie attuative",
                        o.id
                    ),
                )
                .at_path(dove)
                .with_hint(
                    "aggiungi in `strategie` almeno una strategia, con `id` e `denominazione`: il Portale PIAO chiede almeno un OVP con almeno una strategia",
                ),
            );
        }
    }
    if s.obiettivi.is_empty() {
        out.push(
            Diagnostic::new(
                Codice::P133,
                "la sottosezione 2.1 Valore pubblico non ha obiettivi di valore pubblico",
            )
            .at_path(base.to_string())
            .with_hint(
                "aggiungi in `obiettivi` almeno un OVP con una strategia attuativa: il Portale PIAO lo chiede",
            ),
        );
    }
    let ovp: Vec<String> = s.obiettivi.iter().map(|o| o.id.clone()).collect();
    for (i, r) in s.risorse_finanziarie.iter().enumerate() {
        if !ovp.contains(&r.obiettivo) {
            out.push(
                Diagnostic::new(
                    Codice::P134,
                    format!(
                        "la risorsa finanziaria «{}» è per l'obiettivo di valore pubblico `{}`, che non esiste",
                        r.iniziativa, r.obiettivo
                    ),
                )
                .at_path(format!("{base}.risorse_finanziarie[{i}].obiettivo"))
                .with_hint(suggerimento(
                    &r.obiettivo,
                    &ovp,
                    &format!("{base}.obiettivi"),
                )),
            );
        }
    }
    if s.concetto.as_deref().is_none_or(|t| t.trim().is_empty()) {
        out.push(
            Diagnostic::new(
                Codice::P135,
                "manca il concetto generale di valore pubblico della sottosezione 2.1",
            )
            .at_path(base.to_string())
            .with_hint("scrivi il testo in `concetto`: il Portale PIAO lo richiede"),
        );
    }
}

/// The plan's objectives linked to a strategy (`strategia`): each must name a strategy of
/// subsection 2.1 (P131).
pub fn collegamenti(piano: &Piano, indice: &Indice, out: &mut Vec<Diagnostic>) {
    let valore = piano.piao.as_ref().and_then(|p| p.valore_pubblico.as_ref());
    let noti: Vec<String> = valore
        .into_iter()
        .flat_map(|v| &v.obiettivi)
        .flat_map(|o| &o.strategie)
        .map(|s| s.id.clone())
        .collect();
    for (nodo, voce) in indice.con_nodi(piano) {
        let Some(id) = &nodo.strategia else {
            continue;
        };
        if noti.contains(id) {
            continue;
        }
        let (perche, hint) = match valore {
            Some(_) => (
                "che non esiste nella sottosezione 2.1 Valore pubblico".to_string(),
                suggerimento(id, &noti, "piao.valore_pubblico.obiettivi[].strategie"),
            ),
            None => (
                "ma il piano non ha la sottosezione 2.1 Valore pubblico (`piao.valore_pubblico`)"
                    .to_string(),
                "aggiungi la strategia agli obiettivi di valore pubblico di `piao.valore_pubblico`, o togli `strategia`".to_string(),
            ),
        };
        out.push(
            Diagnostic::new(
                Codice::P131,
                format!(
                    "l'obiettivo {} è collegato alla strategia `{id}`, {perche}",
                    voce.riferimento
                ),
            )
            .at_path(format!("{}.strategia", voce.percorso))
            .with_hint(hint),
        );
    }
}

/// A P130 error for every `id` already given to an earlier item of the same kind.
pub(super) fn id_ripetuti<'a>(
    ids: impl Iterator<Item = (&'a str, String)>,
    cosa: &str,
    out: &mut Vec<Diagnostic>,
) {
    let mut visti: HashMap<&str, String> = HashMap::new();
    for (id, percorso) in ids {
        match visti.get(id) {
            Some(primo) => out.push(
                Diagnostic::new(
                    Codice::P130,
                    format!("`id` ripetuto tra {cosa}: `{id}` è già in `{primo}`"),
                )
                .at_path(percorso)
                .with_hint("dai a ciascuno un `id` diverso: i collegamenti lo usano per trovarlo"),
            ),
            None => {
                visti.insert(id, percorso);
            }
        }
    }
}

/// The hint for an unknown `id`: the nearest known one, else the known ones.
fn suggerimento(id: &str, noti: &[String], dove: &str) -> String {
    match closest(id, noti) {
        Some(c) => format!("forse intendevi `{c}`?"),
        None if noti.is_empty() => {
            format!("`{dove}` è vuoto: aggiungi lì l'elemento a cui rimandare")
        }
        None => format!("gli `id` in `{dove}` sono: {}", noti.join(", ")),
    }
}
