//! Checks of the PIAO's section «Monitoraggio»: dates that exist and run forward, ids
//! that are unique, milestones and categories within their sub-phase's dates, categories
//! that point at a sub-phase that exists.

use std::collections::HashSet;

use crate::diag::{Codice, Diagnostic};
use crate::format::Date;
use crate::model::Piano;
use crate::model::piao::monitoraggio::Monitoraggio;

/// Checks `piao.monitoraggio` (JSON paths start with `base`).
pub fn controlla(s: &Monitoraggio, _piano: &Piano, base: &str, out: &mut Vec<Diagnostic>) {
    let mut visti = HashSet::new();
    for (i, f) in s.sottofasi.iter().enumerate() {
        let path = format!("{base}.sottofasi[{i}]");
        if !visti.insert(f.id.as_str()) {
            out.push(
                Diagnostic::new(
                    Codice::P143,
                    format!("la sottofase `{}` compare più di una volta", f.id),
                )
                .at_path(format!("{path}.id"))
                .with_hint("dai a ogni sottofase un `id` diverso: le categorie di obiettivi rimandano alla sottofase per `id`"),
            );
        }
        let date = periodo(
            Some(&f.data_inizio),
            Some(&f.data_fine),
            &path,
            &format!("sottofase `{}`", f.id),
            out,
        );
        for (k, m) in f.milestone.iter().enumerate() {
            let mpath = format!("{path}.milestone[{k}].data");
            let Some(d) = data(&m.data, &mpath, out) else {
                continue;
            };
            if let Some((a, b)) = date
                && (d < a || d > b)
            {
                out.push(
                    Diagnostic::new(
                        Codice::P141,
                        format!(
                            "la milestone «{}» ({}) è fuori dalle date della sottofase `{}` ({} – {})",
                            m.descrizione,
                            d.short(),
                            f.id,
                            a.short(),
                            b.short()
                        ),
                    )
                    .at_path(mpath)
                    .with_hint("una milestone segna un traguardo della sua sottofase: correggi la data o le date della sottofase"),
                );
            }
        }
    }
    for (i, c) in s.categorie.iter().enumerate() {
        let path = format!("{base}.categorie[{i}]");
        let date = periodo(
            Some(&c.data_inizio),
            Some(&c.data_fine),
            &path,
            &format!("categoria di obiettivi «{}»", c.categoria.etichetta()),
            out,
        );
        let Some(f) = s.sottofasi.iter().find(|f| f.id == c.sottofase) else {
            let ids: Vec<String> = s.sottofasi.iter().map(|f| format!("`{}`", f.id)).collect();
            out.push(
                Diagnostic::new(
                    Codice::P142,
                    format!("la sottofase `{}` non esiste", c.sottofase),
                )
                .at_path(format!("{path}.sottofase"))
                .with_hint(if ids.is_empty() {
                    "aggiungi la sottofase in `sottofasi`".to_string()
                } else {
                    format!("le sottofasi sono: {}", ids.join(", "))
                }),
            );
            continue;
        };
        if let (Some((a, b)), Some(fa), Some(fb)) = (
            date,
            Date::parse_iso(&f.data_inizio),
            Date::parse_iso(&f.data_fine),
        ) && (a < fa || b > fb)
        {
            out.push(
                Diagnostic::new(
                    Codice::P141,
                    format!(
                        "la categoria «{}» ({} – {}) esce dalle date della sottofase `{}` ({} – {})",
                        c.categoria.etichetta(),
                        a.short(),
                        b.short(),
                        f.id,
                        fa.short(),
                        fb.short()
                    ),
                )
                .at_path(format!("{path}.data_inizio"))
                .with_hint("le attività di una categoria si svolgono nella sua sottofase: correggi le date"),
            );
        }
    }
}

/// A date of the plan, or a diagnostic at `path` when it is not one.
pub(super) fn data(text: &str, path: &str, out: &mut Vec<Diagnostic>) -> Option<Date> {
    let d = Date::parse_iso(text);
    if d.is_none() {
        out.push(
            Diagnostic::new(Codice::P007, format!("data non valida: `{text}`"))
                .at_path(path)
                .with_hint("scrivi la data come AAAA-MM-GG, ad esempio 2024-02-01"),
        );
    }
    d
}

/// The start and end dates of `{path}.data_inizio` and `{path}.data_fine`, when both are
/// given and valid, after checking that the end does not come before the start (`cosa`
/// names the row in the message).
pub(super) fn periodo(
    inizio: Option<&str>,
    fine: Option<&str>,
    path: &str,
    cosa: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<(Date, Date)> {
    let a = inizio.and_then(|t| data(t, &format!("{path}.data_inizio"), out));
    let b = fine.and_then(|t| data(t, &format!("{path}.data_fine"), out));
    let (a, b) = (a?, b?);
    if b < a {
        out.push(
            Diagnostic::new(
                Codice::P140,
                format!(
                    "{cosa}: la data di fine ({}) viene prima della data di inizio ({})",
                    b.short(),
                    a.short()
                ),
            )
            .at_path(format!("{path}.data_fine"))
            .with_hint("la data di fine è l'ultimo giorno, compreso: deve essere uguale o successiva alla data di inizio"),
        );
        return None;
    }
    Some((a, b))
}
