//! Checks of the PIAO's section «Rischi corruttivi e trasparenza»: ids unique in the
//! section, every link by id resolved (measure → event, measure → objective, monitoring →
//! measure, prevention objective → tree), ratings within the body's scale and levels as its
//! thresholds give them, a reason for every level, a monitoring for every measure.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{Codice, Diagnostic};
use crate::indice::Indice;
use crate::model::Piano;
use crate::model::piao::rischi::{ConId, ConIndicatori, Rischi, Scala, Soglie};

/// Checks `piao.rischi` (JSON paths start with `base`).
pub fn controlla(s: &Rischi, piano: &Piano, base: &str, out: &mut Vec<Diagnostic>) {
    ids_unici(s, base, out);
    collegamenti(s, piano, base, out);
    valutazioni(s, base, out);
    monitorati(s, base, out);
    let anni = piano.documento.anni();
    let base = |chiave: &str| format!("{base}.{chiave}");
    indicatori(
        &s.obiettivi_generali,
        &anni,
        &base("obiettivi_generali"),
        out,
    );
    indicatori(&s.misure_generali, &anni, &base("misure_generali"), out);
    indicatori(
        &s.obiettivi_prevenzione,
        &anni,
        &base("obiettivi_prevenzione"),
        out,
    );
    indicatori(&s.misure_specifiche, &anni, &base("misure_specifiche"), out);
}

/// The plan's own checks of an indicator (description, a target for each year of the
/// plan, weights), applied to the indicators of each element of a list at `path`.
fn indicatori<T: ConIndicatori>(
    elementi: &[T],
    anni: &[String],
    path: &str,
    out: &mut Vec<Diagnostic>,
) {
    for (i, e) in elementi.iter().enumerate() {
        let path = format!("{path}[{i}].indicatori");
        for (k, ind) in e.indicatori().iter().enumerate() {
            crate::validate::indicator(ind, anni, &format!("{path}[{k}]"), e.id(), k, out);
        }
        crate::validate::indicator_weights(e.indicatori(), anni, &path, e.id(), false, out);
    }
}

/// Every element the section links to or names, with its kind and JSON path, in order.
fn elementi(s: &Rischi, base: &str) -> Vec<(&'static str, String, String)> {
    fn di<T: ConId>(
        v: &mut Vec<(&'static str, String, String)>,
        tipo: &'static str,
        elementi: &[T],
        path: &str,
    ) {
        for (i, e) in elementi.iter().enumerate() {
            v.push((tipo, e.id().to_string(), format!("{path}[{i}]")));
        }
    }
    let mut v = Vec::new();
    let path = |chiave: &str| format!("{base}.{chiave}");
    di(
        &mut v,
        "dall'obiettivo generale",
        &s.obiettivi_generali,
        &path("obiettivi_generali"),
    );
    di(
        &mut v,
        "dalla misura generale",
        &s.misure_generali,
        &path("misure_generali"),
    );
    di(
        &mut v,
        "dall'obiettivo di prevenzione",
        &s.obiettivi_prevenzione,
        &path("obiettivi_prevenzione"),
    );
    let attivita = path("attivita_sensibili");
    di(
        &mut v,
        "dall'attività sensibile",
        &s.attivita_sensibili,
        &attivita,
    );
    for (a, att) in s.attivita_sensibili.iter().enumerate() {
        di(
            &mut v,
            "dall'evento rischioso",
            &att.eventi,
            &format!("{attivita}[{a}].eventi"),
        );
    }
    di(
        &mut v,
        "dalla misura specifica",
        &s.misure_specifiche,
        &path("misure_specifiche"),
    );
    v
}

/// P110: an id names one element of the section, whatever its kind, so that a link by id
/// (a monitoring names a general or a specific measure) is never ambiguous.
fn ids_unici(s: &Rischi, base: &str, out: &mut Vec<Diagnostic>) {
    let mut visti: BTreeMap<String, (&str, String)> = BTreeMap::new();
    for (tipo, id, path) in elementi(s, base) {
        let chiave = id.trim().to_string();
        match visti.get(&chiave) {
            Some((primo, dove)) => out.push(
                Diagnostic::new(
                    Codice::P110,
                    format!("l'id `{id}` è già usato {primo} in `{dove}`"),
                )
                .at_path(format!("{path}.id"))
                .with_hint(
                    "ogni `id` deve essere unico nella sottosezione 2.3: i collegamenti \
                     (misura → evento, monitoraggio → misura) lo usano per trovare l'elemento",
                ),
            ),
            None => {
                visti.insert(chiave, (tipo, path));
            }
        }
    }
}

/// The ids of a kind of element, trimmed, for resolving links.
fn insieme<'a>(ids: impl Iterator<Item = &'a str>) -> BTreeSet<&'a str> {
    ids.map(str::trim).collect()
}

/// The known ids of a kind (`di` is «degli eventi rischiosi»), for a hint: at most ten.
fn esistenti(ids: &BTreeSet<&str>, di: &str) -> String {
    if ids.is_empty() {
        return format!(
            "nessun id {di} nella sottosezione: aggiungi l'elemento o correggi il collegamento"
        );
    }
    let mut elenco: Vec<&str> = ids.iter().copied().take(10).collect();
    if ids.len() > 10 {
        elenco.push("…");
    }
    format!("gli id {di} sono: {}", elenco.join(", "))
}

/// P111–P114: every link by id resolves.
fn collegamenti(s: &Rischi, piano: &Piano, base: &str, out: &mut Vec<Diagnostic>) {
    let eventi = insieme(s.eventi().map(|(_, _, _, e)| e.id.as_str()));
    let generali = insieme(s.obiettivi_generali.iter().map(|o| o.id.as_str()));
    let prevenzione = insieme(s.obiettivi_prevenzione.iter().map(|o| o.id.as_str()));
    let misure = insieme(
        s.misure_generali
            .iter()
            .map(|m| m.id.as_str())
            .chain(s.misure_specifiche.iter().map(|m| m.id.as_str())),
    );
    for (i, m) in s.misure_generali.iter().enumerate() {
        if !generali.contains(m.obiettivo_generale.trim()) {
            out.push(
                Diagnostic::new(
                    Codice::P112,
                    format!(
                        "la misura generale `{}` è collegata all'obiettivo generale `{}`, che non esiste",
                        m.id, m.obiettivo_generale
                    ),
                )
                .at_path(format!("{base}.misure_generali[{i}].obiettivo_generale"))
                .with_hint(esistenti(&generali, "degli obiettivi generali")),
            );
        }
    }
    for (i, m) in s.misure_specifiche.iter().enumerate() {
        if !eventi.contains(m.evento.trim()) {
            out.push(
                Diagnostic::new(
                    Codice::P111,
                    format!(
                        "la misura specifica `{}` contrasta l'evento rischioso `{}`, che non esiste",
                        m.id, m.evento
                    ),
                )
                .at_path(format!("{base}.misure_specifiche[{i}].evento"))
                .with_hint(esistenti(&eventi, "degli eventi rischiosi")),
            );
        }
        if let Some(o) = &m.obiettivo_prevenzione
            && !prevenzione.contains(o.trim())
        {
            out.push(
                Diagnostic::new(
                    Codice::P112,
                    format!(
                        "la misura specifica `{}` è collegata all'obiettivo di prevenzione `{o}`, che non esiste",
                        m.id
                    ),
                )
                .at_path(format!("{base}.misure_specifiche[{i}].obiettivo_prevenzione"))
                .with_hint(esistenti(&prevenzione, "degli obiettivi di prevenzione")),
            );
        }
    }
    for (i, m) in s.monitoraggi.iter().enumerate() {
        if !misure.contains(m.misura.trim()) {
            out.push(
                Diagnostic::new(
                    Codice::P113,
                    format!(
                        "il monitoraggio riguarda la misura `{}`, che non esiste",
                        m.misura
                    ),
                )
                .at_path(format!("{base}.monitoraggi[{i}].misura"))
                .with_hint(esistenti(&misure, "delle misure generali e specifiche")),
            );
        }
    }
    valore_pubblico(s, piano, base, out);
    let organizzativi: Vec<(usize, &str)> = s
        .obiettivi_prevenzione
        .iter()
        .enumerate()
        .filter_map(|(i, o)| o.obiettivo_organizzativo.as_deref().map(|k| (i, k)))
        .collect();
    if organizzativi.is_empty() {
        return;
    }
    let indice = Indice::build(piano);
    for (i, chiave) in organizzativi {
        if indice.cerca(chiave).is_none() {
            out.push(
                Diagnostic::new(
                    Codice::P114,
                    format!(
                        "l'obiettivo di prevenzione `{}` è collegato all'obiettivo organizzativo `{chiave}`, che non è nell'albero del piano",
                        s.obiettivi_prevenzione[i].id
                    ),
                )
                .at_path(format!("{base}.obiettivi_prevenzione[{i}].obiettivo_organizzativo"))
                .with_hint("usa il codice dell'obiettivo nell'albero (es. 4.1.1) o il suo `id`"),
            );
        }
    }
}

/// P114: a prevention objective's OVP and strategy are those of subsection 2.1, when the
/// PIAO has it (without it there is nothing to check them against).
fn valore_pubblico(s: &Rischi, piano: &Piano, base: &str, out: &mut Vec<Diagnostic>) {
    let Some(vp) = piano.piao.as_ref().and_then(|p| p.valore_pubblico.as_ref()) else {
        return;
    };
    let ovp = insieme(vp.obiettivi.iter().map(|o| o.id.as_str()));
    let strategie = insieme(
        vp.obiettivi
            .iter()
            .flat_map(|o| &o.strategie)
            .map(|s| s.id.as_str()),
    );
    for (i, o) in s.obiettivi_prevenzione.iter().enumerate() {
        let collegamenti = [
            (
                &o.obiettivo_valore_pubblico,
                "obiettivo_valore_pubblico",
                "all'obiettivo di valore pubblico",
                &ovp,
                "degli obiettivi di valore pubblico",
            ),
            (
                &o.strategia,
                "strategia",
                "alla strategia",
                &strategie,
                "delle strategie attuative",
            ),
        ];
        for (valore, chiave, cosa, noti, quali) in collegamenti {
            let Some(v) = valore else { continue };
            if noti.contains(v.trim()) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    Codice::P114,
                    format!(
                        "l'obiettivo di prevenzione `{}` è collegato {cosa} `{v}`, che non è nella sottosezione 2.1",
                        o.id
                    ),
                )
                .at_path(format!("{base}.obiettivi_prevenzione[{i}].{chiave}"))
                .with_hint(esistenti(noti, quali)),
            );
        }
    }
}

/// P115–P118: ratings within the scale, levels as the thresholds give them, a reason each.
fn valutazioni(s: &Rischi, base: &str, out: &mut Vec<Diagnostic>) {
    let scala = s.scala.clone().unwrap_or_default();
    let soglie = scala
        .soglie
        .filter(|soglie| soglie_valide(soglie, base, out));
    for (a, _, e, ev) in s.eventi() {
        let path = format!("{base}.attivita_sensibili[{a}].eventi[{e}]");
        for (campo, nome, valore, massimo) in
            fattori(&scala, ev.probabilita, ev.impatto, ev.controlli)
        {
            if let Some(max) = massimo
                && !(1..=max).contains(&valore)
            {
                out.push(
                    Diagnostic::new(
                        Codice::P115,
                        format!("{nome} {valore} è fuori dalla scala dell'ente (da 1 a {max})"),
                    )
                    .at_path(format!("{path}.{campo}"))
                    .with_hint(format!(
                        "usa un intero da 1 a {max}, o correggi `scala.massimo_{campo}`"
                    )),
                );
            }
        }
        if let Some(soglie) = &soglie {
            let valore = ev.valutazione();
            let atteso = soglie.livello(valore);
            if atteso != ev.livello {
                out.push(
                    Diagnostic::new(
                        Codice::P116,
                        format!(
                            "l'evento rischioso `{}` ha livello {}, ma P×I×C = {} × {} × {} = {valore} e le soglie dell'ente danno {}",
                            ev.id,
                            ev.livello.nome().to_lowercase(),
                            ev.probabilita,
                            ev.impatto,
                            ev.controlli,
                            atteso.nome().to_lowercase()
                        ),
                    )
                    .at_path(format!("{path}.livello"))
                    .with_hint(format!(
                        "scrivi \"livello\": \"{}\", o correggi probabilità, impatto o controlli; soglie: fino a {} basso, fino a {} medio, oltre alto",
                        atteso.nome().to_lowercase(),
                        soglie.basso,
                        soglie.medio
                    )),
                );
            }
        }
        match &ev.motivazione {
            Some(m) if !m.trim().is_empty() => {}
            Some(_) => out.push(senza_motivazione(&ev.id).at_path(format!("{path}.motivazione"))),
            None => out.push(senza_motivazione(&ev.id).at_path(path.clone())),
        }
    }
}

fn senza_motivazione(id: &str) -> Diagnostic {
    Diagnostic::new(
        Codice::P118,
        format!("l'evento rischioso `{id}` non motiva il livello scelto"),
    )
    .with_hint("aggiungi \"motivazione\": perché il rischio è basso, medio o alto")
}

/// The three factors of an event with their key, name and the scale's maximum.
fn fattori(
    scala: &Scala,
    probabilita: u16,
    impatto: u16,
    controlli: u16,
) -> [(&'static str, &'static str, u16, Option<u16>); 3] {
    [
        (
            "probabilita",
            "la probabilità",
            probabilita,
            scala.massimo_probabilita,
        ),
        ("impatto", "l'impatto", impatto, scala.massimo_impatto),
        (
            "controlli",
            "il valore dei controlli",
            controlli,
            scala.massimo_controlli,
        ),
    ]
}

/// P117: thresholds that rise from low to medium; otherwise no level is compared.
fn soglie_valide(soglie: &Soglie, base: &str, out: &mut Vec<Diagnostic>) -> bool {
    if soglie.basso < soglie.medio {
        return true;
    }
    out.push(
        Diagnostic::new(
            Codice::P117,
            format!(
                "la soglia del rischio basso ({}) non è minore di quella del rischio medio ({})",
                soglie.basso, soglie.medio
            ),
        )
        .at_path(format!("{base}.scala.soglie"))
        .with_hint("`basso` è il valore P×I×C più alto di un rischio basso, `medio` di uno medio: basso < medio"),
    );
    false
}

/// P119: every specific measure has a monitoring.
fn monitorati(s: &Rischi, base: &str, out: &mut Vec<Diagnostic>) {
    let monitorate = insieme(s.monitoraggi.iter().map(|m| m.misura.as_str()));
    for (i, m) in s.misure_specifiche.iter().enumerate() {
        if !monitorate.contains(m.id.trim()) {
            out.push(
                Diagnostic::new(
                    Codice::P119,
                    format!("la misura specifica `{}` non ha un monitoraggio", m.id),
                )
                .at_path(format!("{base}.misure_specifiche[{i}]"))
                .with_hint(format!(
                    "aggiungi in `monitoraggi` un elemento con \"misura\": \"{}\", tipologia, modalità, responsabile e tempistiche",
                    m.id
                )),
            );
        }
    }
}
