//! Validate stage: checks a deserialised plan for problems the types cannot express
//! (references, weights, deadlines, dates, control characters, placeholders) and
//! returns every one of them, located by JSON path.

mod piao;
mod posti;
mod stampa;
mod testi;

pub use testi::MAX_LIVELLI_ELENCO;

use crate::diag::{Codice, Diagnostic};
use crate::fonts::Fonts;
use crate::format::{Date, format_percent};
use crate::indice::{Indice, Posto, Ramo};
use crate::load::Loaded;
use crate::model::{
    Indicatore, Livello, Nodo, Piano, PosizioneSezione, TOLLERANZA_PESI, somma_pesi,
};

/// Runs every check; diagnostics come back located and sorted by position. `fonts` are
/// the fonts the documents will be set in, for the characters they lack.
pub fn validate(loaded: &Loaded, indice: &Indice, fonts: &Fonts) -> Vec<Diagnostic> {
    let piano = &loaded.plan;
    let mut out = Vec::new();
    text_hygiene(&loaded.json, String::new(), &mut out);
    period_and_acts(piano, &mut out);
    tree(piano, indice, &mut out);
    aziende(piano, indice, &mut out);
    posti::campi_azioni(piano, indice, &mut out);
    assignments(piano, indice, &mut out);
    stampa::campi_non_stampati(piano, indice, &mut out);
    sections(&piano.sezioni, "sezioni", &mut out);
    for (nodo, voce) in indice.con_nodi(piano) {
        sections(
            &nodo.sezioni,
            &format!("{}.sezioni", voce.percorso),
            &mut out,
        );
    }
    chapter(piano, &mut out);
    placement(piano, indice, &mut out);
    testi::annidamento(piano, &mut out);
    piao::controlla(piano, indice, &mut out);
    if let Some(pola) = &piano.pola {
        sections(&pola.sezioni, "pola.sezioni", &mut out);
    }
    for (code, paths) in &indice.codici_ripetuti {
        for path in &paths[1..] {
            out.push(
                Diagnostic::new(
                    Codice::P022,
                    format!(
                        "il numero `{code}` è già di un altro obiettivo ({})",
                        paths[0]
                    ),
                )
                .at_path(path.clone())
                .with_hint(
                    "correggi `numero`: due obiettivi con lo stesso numero non si distinguono \
                     nell'albero, nelle schede e nelle assegnazioni",
                ),
            );
        }
    }
    for (id, codes) in &indice.duplicati {
        let mut d = Diagnostic::new(
            Codice::P021,
            format!(
                "l'id `{id}` è usato da più obiettivi ({})",
                codes.join(", ")
            ),
        )
        .with_hint("ogni `id` deve essere unico nel piano");
        if let Some(second) = id_paths(piano, indice, id).get(1) {
            d = d.at_path(format!("{second}.id"));
        }
        out.push(d);
    }
    for d in &mut out {
        d.file = Some(loaded.source.name.clone());
        loaded.index.locate(d, &loaded.source);
    }
    out.extend(testi::caratteri(loaded, fonts));
    out.sort_by(|a, b| a.position.cmp(&b.position).then(a.code.cmp(&b.code)));
    out.dedup();
    out
}

/// The JSON paths of the nodes (of the tree, then of the agencies) declaring `id`.
fn id_paths(piano: &Piano, indice: &Indice, id: &str) -> Vec<String> {
    indice
        .con_nodi(piano)
        .filter(|(nodo, _)| nodo.id.as_deref() == Some(id))
        .map(|(_, voce)| voce.percorso.clone())
        .collect()
}

/// Control characters in any string, and placeholders left from a draft.
fn text_hygiene(value: &serde_json::Value, path: String, out: &mut Vec<Diagnostic>) {
    match value {
        serde_json::Value::String(s) => {
            if let Some(c) = s
                .chars()
                .find(|c| c.is_control() && *c != '\n' && *c != '\t')
            {
                out.push(
                    Diagnostic::new(
                        Codice::P006,
                        format!("carattere di controllo U+{:04X} nel testo", u32::from(c)),
                    )
                    .at_path(path.clone())
                    .with_hint(
                        "togli il carattere: spesso arriva da un copia-incolla da Word o PDF",
                    ),
                );
            }
            let placeholder = if matches!(s.trim(), "..." | "…") {
                Some(s.trim())
            } else {
                ["____", "TODO", "XXX", "[...]"]
                    .into_iter()
                    .find(|p| s.contains(p))
            };
            if let Some(p) = placeholder {
                out.push(
                    Diagnostic::new(
                        Codice::P040,
                        format!("testo segnaposto `{p}` ancora presente"),
                    )
                    .at_path(path)
                    .with_hint("completa il testo prima dell'adozione"),
                );
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                text_hygiene(v, format!("{path}[{i}]"), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let child = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                text_hygiene(v, child, out);
            }
        }
        _ => {}
    }
}

fn period_and_acts(piano: &Piano, out: &mut Vec<Diagnostic>) {
    let doc = &piano.documento;
    period(doc.anno_inizio, doc.anno_fine, "documento.anno_fine", out);
    acts(&piano.atti, "atti", out);
    if let Some(pola) = &piano.pola {
        period(pola.anno_inizio, pola.anno_fine, "pola.anno_fine", out);
        acts(&pola.atti, "pola.atti", out);
    }
}

fn period(start: i32, end: i32, path: &str, out: &mut Vec<Diagnostic>) {
    if end < start {
        out.push(
            Diagnostic::new(
                Codice::P008,
                "l'anno di fine viene prima dell'anno di inizio",
            )
            .at_path(path),
        );
    }
}

fn acts(atti: &[crate::model::Atto], base: &str, out: &mut Vec<Diagnostic>) {
    let mut validazione = None;
    let mut adozione = None;
    for (i, atto) in atti.iter().enumerate() {
        if atto.tipo != crate::model::TipoAtto::Validazione
            && atto.numero.as_deref().is_none_or(|n| n.trim().is_empty())
        {
            out.push(
                Diagnostic::new(Codice::P043, format!("manca il numero della deliberazione di {} del {}", atto.organo, atto.data))
                    .at_path(format!("{base}[{i}]"))
                    .with_hint("aggiungi `\"numero\"`: il frontespizio riporta solo ciò che è noto, senza segnaposto"),
            );
        }
        match Date::parse_iso(&atto.data) {
            None => out.push(
                Diagnostic::new(Codice::P007, format!("data non valida: `{}`", atto.data))
                    .at_path(format!("{base}[{i}].data"))
                    .with_hint("scrivi la data come AAAA-MM-GG, ad esempio 2021-04-26"),
            ),
            Some(d) => match atto.tipo {
                crate::model::TipoAtto::Validazione => validazione = Some((i, d)),
                crate::model::TipoAtto::Adozione => adozione = Some((i, d)),
                crate::model::TipoAtto::Aggiornamento => {}
            },
        }
    }
    if let (Some((_, v)), Some((i, a))) = (validazione, adozione)
        && a < v
    {
        out.push(
            Diagnostic::new(
                Codice::P009,
                "l'adozione della Giunta precede la validazione dell'OIV",
            )
            .at_path(format!("{base}[{i}].data"))
            .with_hint("il piano si adotta dopo la validazione: controlla le due date"),
        );
    }
}

fn tree(piano: &Piano, indice: &Indice, out: &mut Vec<Diagnostic>) {
    if piano.livelli.is_empty() {
        out.push(
            Diagnostic::new(Codice::P010, "mancano i nomi dei livelli dell'albero")
                .at_path("livelli")
                .with_hint("elenca i livelli, ad esempio Area strategica, Obiettivo strategico, Obiettivo operativo"),
        );
        return;
    }
    siblings_weights(
        &piano.albero,
        "albero",
        "i pesi dei nodi di primo livello",
        out,
    );
    let albero = || {
        indice
            .con_nodi(piano)
            .filter(|(_, v)| v.ramo == Ramo::Albero)
    };
    // Indicator weights are expected only when the plan weighs indicators somewhere.
    let pesa_indicatori =
        albero().any(|(nodo, _)| nodo.indicatori.iter().any(|i| i.peso.is_some()));
    schede_numerate(&piano.albero, "albero", out);
    for (nodo, voce) in albero() {
        let path = &voce.percorso;
        let code = &voce.riferimento;
        schede_numerate(&nodo.figli, &format!("{path}.figli"), out);
        match voce.livello(piano) {
            None => out.push(
                Diagnostic::new(
                    Codice::P010,
                    format!(
                        "l'obiettivo {} è al livello {} ma `livelli` ne nomina solo {}",
                        code,
                        voce.profondita + 1,
                        piano.livelli.len()
                    ),
                )
                .at_path(path.clone())
                .with_hint("aggiungi il nome di questo livello in `livelli`"),
            ),
            Some(l) => node(piano, nodo, l, code, path, pesa_indicatori, out),
        }
    }
}

/// Numbered schede: siblings share a scheda only when they follow each other.
fn schede_numerate(nodes: &[Nodo], base: &str, out: &mut Vec<Diagnostic>) {
    let mut seen: Vec<&str> = Vec::new();
    let mut last: Option<&str> = None;
    for (i, n) in nodes.iter().enumerate() {
        let numero = n.scheda.as_deref().map(str::trim).filter(|s| !s.is_empty());
        if let Some(num) = numero
            && last != Some(num)
            && seen.contains(&num)
        {
            out.push(
                Diagnostic::new(
                    Codice::P023,
                    format!(
                        "la scheda {num} è già stata usata da un obiettivo precedente, non contiguo"
                    ),
                )
                .at_path(format!("{base}[{i}].scheda"))
                .with_hint(
                    "gli obiettivi di una stessa scheda devono essere uno dopo l'altro: \
                     spostali vicini o cambia il numero della scheda",
                ),
            );
        }
        if let Some(num) = numero {
            seen.push(num);
        }
        last = numero;
    }
}

fn aziende(piano: &Piano, indice: &Indice, out: &mut Vec<Diagnostic>) {
    for (a, az) in piano.aziende_speciali.iter().enumerate() {
        let base = format!("aziende_speciali[{a}].obiettivi");
        siblings_weights(
            &az.obiettivi,
            &base,
            &format!("i pesi degli obiettivi di {}", az.nome),
            out,
        );
        // An agency is weighed by its own system: its indicators' weights are expected
        // only when it gives some.
        let pesa_indicatori = az
            .obiettivi
            .iter()
            .any(|n| n.indicatori.iter().any(|i| i.peso.is_some()));
        // Its objectives have a level; what hangs below them is not checked (nor printed).
        for (nodo, voce) in indice.con_nodi(piano) {
            if let (Ramo::Azienda(k), Some(livello)) = (voce.ramo, voce.livello(piano))
                && k == a
            {
                let (code, path) = (&voce.riferimento, &voce.percorso);
                node(piano, nodo, livello, code, path, pesa_indicatori, out);
            }
        }
    }
}

fn node(
    piano: &Piano,
    nodo: &Nodo,
    livello: &Livello,
    code: &str,
    path: &str,
    pesa_indicatori: bool,
    out: &mut Vec<Diagnostic>,
) {
    if nodo.titolo.trim().is_empty() {
        out.push(
            Diagnostic::new(Codice::P041, format!("l'obiettivo {code} non ha titolo"))
                .at_path(format!("{path}.titolo")),
        );
    }
    siblings_weights(
        &nodo.figli,
        &format!("{path}.figli"),
        &format!("i pesi degli obiettivi sotto {code}"),
        out,
    );
    let scadenze = livello.scadenze_effettive(&piano.documento);
    // A node that is its own measure: its targets follow its level's deadlines.
    if !nodo.target.is_empty() || nodo.baseline.is_some() {
        let what = format!("l'obiettivo {code}");
        target_deadlines(&nodo.target, &scadenze, path, &what, out);
    }
    for (k, ind) in nodo.indicatori.iter().enumerate() {
        indicator(
            ind,
            &scadenze,
            &format!("{path}.indicatori[{k}]"),
            code,
            k,
            out,
        );
    }
    indicator_weights(
        &nodo.indicatori,
        &scadenze,
        &format!("{path}.indicatori"),
        code,
        pesa_indicatori,
        out,
    );
    for (r, ris) in nodo.risorse.iter().enumerate() {
        for y in ris.stime.keys() {
            if !piano.documento.anni().contains(y) {
                out.push(
                    Diagnostic::new(
                        Codice::P011,
                        format!("anno `{y}` fuori dal periodo del piano"),
                    )
                    .at_path(format!("{path}.risorse[{r}].stime.{y}")),
                );
            }
        }
    }
}

fn indicator(
    ind: &Indicatore,
    scadenze: &[String],
    path: &str,
    code: &str,
    k: usize,
    out: &mut Vec<Diagnostic>,
) {
    if ind.descrizione.trim().is_empty() {
        out.push(
            Diagnostic::new(Codice::P041, "indicatore senza descrizione")
                .at_path(format!("{path}.descrizione")),
        );
    }
    let keys_hint = target_deadlines(
        &ind.target,
        scadenze,
        path,
        &format!("l'indicatore {} di {code}", k + 1),
        out,
    );
    if let Some(crate::model::Peso::PerScadenza(map)) = &ind.peso {
        for key in map.keys() {
            if !scadenze.contains(key) {
                out.push(
                    Diagnostic::new(
                        Codice::P011,
                        format!("scadenza `{key}` non prevista per questo livello"),
                    )
                    .at_path(format!("{path}.peso.{key}"))
                    .with_hint(keys_hint.clone()),
                );
            }
        }
    }
}

/// The deadlines of the targets of `what` (an indicator, or a node that is its own
/// measure) at `path`: each key among the level's `scadenze`, a target for each of them.
/// Returns the hint that lists the level's deadlines.
fn target_deadlines(
    target: &std::collections::BTreeMap<String, crate::model::Target>,
    scadenze: &[String],
    path: &str,
    what: &str,
    out: &mut Vec<Diagnostic>,
) -> String {
    let keys_hint = format!(
        "le scadenze di questo livello sono: {}",
        scadenze.join(", ")
    );
    for key in target.keys() {
        if !scadenze.contains(key) {
            out.push(
                Diagnostic::new(
                    Codice::P011,
                    format!("scadenza `{key}` non prevista per questo livello"),
                )
                .at_path(format!("{path}.target.{key}"))
                .with_hint(keys_hint.clone()),
            );
        }
    }
    for s in scadenze.iter().filter(|s| !target.contains_key(*s)) {
        out.push(
            Diagnostic::new(Codice::P012, format!("{what} non ha target per `{s}`"))
                .at_path(format!("{path}.target"))
                .with_hint(format!(
                    "aggiungi \"{s}\": \"...\" (oppure \"-\" se non applicabile)"
                )),
        );
    }
    keys_hint
}

/// Indicator weights: one check over all indicators when each has a single weight (it
/// applies to the final target), one per deadline when weights are given per deadline
/// (over the indicators that have a target at that deadline).
fn indicator_weights(
    inds: &[Indicatore],
    scadenze: &[String],
    base: &str,
    code: &str,
    expected: bool,
    out: &mut Vec<Diagnostic>,
) {
    let per_deadline = inds
        .iter()
        .any(|i| matches!(i.peso, Some(crate::model::Peso::PerScadenza(_))));
    if !per_deadline {
        let weights: Vec<Option<f64>> = inds.iter().map(|i| i.peso_at("")).collect();
        check_sum(
            &weights,
            base,
            &format!("i pesi degli indicatori di {code}"),
            expected,
            out,
        );
        return;
    }
    for s in scadenze {
        let weights: Vec<Option<f64>> = inds
            .iter()
            .filter(|i| i.target.get(s).is_some_and(|t| t.applicabile()))
            .map(|i| i.peso_at(s))
            .collect();
        check_sum(
            &weights,
            base,
            &format!("i pesi degli indicatori di {code} per la scadenza {s}"),
            true,
            out,
        );
    }
}

/// Weights of sibling objectives: none set is a plan without weights at that level; some
/// missing is a warning; a wrong sum an error.
fn siblings_weights(nodes: &[Nodo], base: &str, what: &str, out: &mut Vec<Diagnostic>) {
    let weights: Vec<Option<f64>> = nodes.iter().map(|n| n.peso).collect();
    check_sum(&weights, base, what, false, out);
}

fn check_sum(
    weights: &[Option<f64>],
    base: &str,
    what: &str,
    warn_if_none: bool,
    out: &mut Vec<Diagnostic>,
) {
    let Some(sum) = somma_pesi(weights.iter().copied()) else {
        if warn_if_none && !weights.is_empty() {
            out.push(
                Diagnostic::new(Codice::P031, format!("{what}: nessun peso indicato"))
                    .at_path(base.to_string())
                    .with_hint(
                        "indica il peso di ciascuno, in percentuale: la somma deve essere 100",
                    ),
            );
        }
        return;
    };
    let missing = weights.iter().filter(|w| w.is_none()).count();
    if missing > 0 {
        out.push(
            Diagnostic::new(Codice::P031, format!("{what}: {missing} senza peso"))
                .at_path(base.to_string())
                .with_hint("indica il peso di ciascuno"),
        );
    } else if (sum - 100.0).abs() > TOLLERANZA_PESI {
        out.push(
            Diagnostic::new(
                Codice::P030,
                format!("{what} sommano a {} invece di 100,00%", format_percent(sum)),
            )
            .at_path(base.to_string())
            .with_hint("correggi i pesi perché la somma sia 100"),
        );
    }
}

/// Lowercase with single spaces, for comparing titles typed in two places.
fn normalize(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn assignments(piano: &Piano, indice: &Indice, out: &mut Vec<Diagnostic>) {
    let Some(a) = &piano.assegnazioni else { return };
    for (d, dir) in a.dirigenti.iter().enumerate() {
        for (o, ob) in dir.obiettivi.iter().enumerate() {
            let voce = indice.cerca(&ob.obiettivo);
            if let (Some(v), Some(t)) = (voce, &ob.titolo)
                && normalize(t) != normalize(&v.titolo)
            {
                out.push(
                    Diagnostic::new(
                        Codice::P042,
                        format!("il titolo scritto qui differisce da quello dell'obiettivo {}: \"{}\"", v.riferimento, v.titolo),
                    )
                    .at_path(format!("assegnazioni.dirigenti[{d}].obiettivi[{o}].titolo"))
                    .with_hint("nei documenti compare il titolo dell'albero: correggi questo o togli il campo `titolo`"),
                );
            }
            if voce.is_none() {
                out.push(
                    Diagnostic::new(
                        Codice::P020,
                        format!(
                            "l'obiettivo `{}` assegnato a {} non esiste",
                            ob.obiettivo, dir.nome
                        ),
                    )
                    .at_path(format!(
                        "assegnazioni.dirigenti[{d}].obiettivi[{o}].obiettivo"
                    ))
                    .with_hint(
                        "usa il codice derivato dall'albero (es. 1.1.2) o l'`id` dell'obiettivo",
                    ),
                );
            }
        }
        let total = dir.totale();
        if !dir.obiettivi.is_empty() && (total - 100.0).abs() > TOLLERANZA_PESI {
            out.push(
                Diagnostic::new(
                    Codice::P033,
                    format!(
                        "i pesi degli obiettivi assegnati a {} sommano a {} invece di 100,00%",
                        dir.nome,
                        format_percent(total)
                    ),
                )
                .at_path(format!("assegnazioni.dirigenti[{d}].obiettivi"))
                .with_hint("correggi i pesi perché la somma sia 100"),
            );
        }
    }
}

fn sections(list: &[crate::model::Sezione], base: &str, out: &mut Vec<Diagnostic>) {
    for (i, sez) in list.iter().enumerate() {
        let path = format!("{base}[{i}]");
        if sez.titolo.trim().is_empty() {
            out.push(
                Diagnostic::new(Codice::P041, "sezione senza titolo")
                    .at_path(format!("{path}.titolo")),
            );
        }
        for (b, blocco) in sez.contenuto.iter().enumerate() {
            block(blocco, &format!("{path}.contenuto[{b}]"), out);
        }
        sections(&sez.sezioni, &format!("{path}.sezioni"), out);
    }
}

/// The planning chapter's number follows the numbered chapters before it; a heading for
/// the assignments needs assignments.
fn chapter(piano: &Piano, out: &mut Vec<Diagnostic>) {
    let doc = &piano.documento;
    if let Some(n) = doc.numero_capitolo {
        let prima = piano.capitoli_prima();
        if n as usize <= prima {
            let message = if prima == 0 {
                "il numero del capitolo di pianificazione deve essere almeno 1".to_string()
            } else {
                format!(
                    "il capitolo di pianificazione ha il numero {n}, ma lo precedono {prima} \
                     capitoli numerati: due capitoli avrebbero lo stesso numero"
                )
            };
            out.push(
                Diagnostic::new(Codice::P024, message)
                    .at_path("documento.numero_capitolo")
                    .with_hint(format!(
                        "usa un numero maggiore di {prima}, o togli `numero_capitolo` perché \
                         il capitolo segua i precedenti"
                    )),
            );
        }
    }
    let assegnazioni = doc
        .intestazioni
        .as_ref()
        .and_then(|h| h.assegnazioni.as_ref());
    if assegnazioni.is_some() && piano.assegnazioni.is_none() {
        out.push(
            Diagnostic::new(
                Codice::P045,
                "il piano non ha assegnazioni: il loro titolo non è stampato",
            )
            .at_path("documento.intestazioni.assegnazioni")
            .with_hint("togli il titolo, o aggiungi le assegnazioni (`assegnazioni`)"),
        );
    }
}

/// Where each section goes: `posizione` and `numerata` where they apply, and sections on
/// nodes that the schede print.
fn placement(piano: &Piano, indice: &Indice, out: &mut Vec<Diagnostic>) {
    for (i, sez) in piano.sezioni.iter().enumerate() {
        if sez.posizione == Some(PosizioneSezione::DopoScheda) {
            out.push(
                Diagnostic::new(
                    Codice::P045,
                    "`dopo_scheda` vale solo per le sezioni di un nodo: la sezione resta prima \
                     del capitolo di pianificazione",
                )
                .at_path(format!("sezioni[{i}].posizione"))
                .with_hint(
                    "scrivi `\"dopo\"` per stamparla dopo il capitolo di pianificazione, o \
                     togli `posizione`",
                ),
            );
        }
        subsections(&sez.sezioni, &format!("sezioni[{i}].sezioni"), out);
    }
    if let Some(pola) = &piano.pola {
        for (i, sez) in pola.sezioni.iter().enumerate() {
            if sez.posizione.is_some_and(|p| p != PosizioneSezione::Prima) {
                out.push(
                    Diagnostic::new(
                        Codice::P045,
                        "le sezioni del POLA seguono l'ordine in cui sono scritte: `posizione` \
                         non si applica",
                    )
                    .at_path(format!("pola.sezioni[{i}].posizione"))
                    .with_hint("togli `posizione`"),
                );
            }
            subsections(&sez.sezioni, &format!("pola.sezioni[{i}].sezioni"), out);
        }
    }
    for (nodo, voce) in indice.con_nodi(piano) {
        if nodo.sezioni.is_empty() {
            continue;
        }
        let path = format!("{}.sezioni", voce.percorso);
        if indice.posto(piano, voce) == Posto::Nessuno {
            out.push(
                Diagnostic::new(
                    Codice::P045,
                    "le sezioni di questo nodo non sono stampate: il nodo non ha una scheda \
                     e non compare nella scheda di un altro",
                )
                .at_path(path.clone())
                .with_hint(
                    "sposta le sezioni sul nodo che lo contiene, o dai una scheda al suo \
                     livello (`\"scheda\": true` in `livelli`)",
                ),
            );
        }
        for (i, sez) in nodo.sezioni.iter().enumerate() {
            if sez.numerata == Some(true) {
                out.push(
                    Diagnostic::new(
                        Codice::P045,
                        "le sezioni di un nodo non sono numerate, come le schede tra cui \
                         stanno: `numerata` non si applica",
                    )
                    .at_path(format!("{path}[{i}].numerata"))
                    .with_hint("togli `numerata`"),
                );
            }
            subsections(&sez.sezioni, &format!("{path}[{i}].sezioni"), out);
        }
    }
}

/// A subsection follows the section that holds it: its own `posizione` does not apply.
fn subsections(list: &[crate::model::Sezione], base: &str, out: &mut Vec<Diagnostic>) {
    for (i, sez) in list.iter().enumerate() {
        let path = format!("{base}[{i}]");
        if sez.posizione.is_some_and(|p| p != PosizioneSezione::Prima) {
            out.push(
                Diagnostic::new(
                    Codice::P045,
                    "una sottosezione segue la sezione che la contiene: `posizione` vale solo \
                     per le sezioni di primo livello",
                )
                .at_path(format!("{path}.posizione"))
                .with_hint("togli `posizione`, o porta la sottosezione al primo livello"),
            );
        }
        subsections(&sez.sezioni, &format!("{path}.sezioni"), out);
    }
}

fn count_mismatch(
    what: &str,
    found: usize,
    expected: usize,
    path: String,
    hint: &str,
) -> Diagnostic {
    Diagnostic::new(
        Codice::P050,
        format!("{what}: {found} valori invece di {expected}"),
    )
    .at_path(path)
    .with_hint(hint.to_string())
}

fn block(blocco: &crate::model::Blocco, path: &str, out: &mut Vec<Diagnostic>) {
    use crate::model::Blocco;
    match blocco {
        Blocco::Testo(_) | Blocco::Organigramma(_) => {}
        Blocco::Tabella(t) => {
            let n = t.colonne.len();
            for (r, riga) in t.righe.iter().enumerate() {
                if riga.len() != n {
                    out.push(count_mismatch(
                        &format!("la riga {} della tabella \"{}\"", r + 1, t.titolo),
                        riga.len(),
                        n,
                        format!("{path}.tabella.righe[{r}]"),
                        "ogni riga ha una cella per colonna (usa null per una cella vuota)",
                    ));
                }
            }
            if let Some(tot) = &t.totale
                && tot.len() != n
            {
                out.push(count_mismatch(
                    "la riga dei totali",
                    tot.len(),
                    n,
                    format!("{path}.tabella.totale"),
                    "una cella per colonna",
                ));
            }
        }
        Blocco::Grafico(g) => {
            for (k, serie) in g.serie.iter().enumerate() {
                if serie.valori.len() != g.categorie.len() {
                    out.push(count_mismatch(
                        &format!("la serie \"{}\" del grafico", serie.nome),
                        serie.valori.len(),
                        g.categorie.len(),
                        format!("{path}.grafico.serie[{k}].valori"),
                        "un valore per categoria (null dove manca)",
                    ));
                }
            }
        }
        Blocco::SerieMensile(m) => {
            for (k, mese) in m.mesi.iter().enumerate() {
                if mese.lavoratori_agili > mese.dipendenti {
                    out.push(
                        Diagnostic::new(
                            Codice::P051,
                            format!(
                                "{}: {} lavoratori agili su {} dipendenti",
                                mese.mese, mese.lavoratori_agili, mese.dipendenti
                            ),
                        )
                        .at_path(format!("{path}.serie_mensile.mesi[{k}].lavoratori_agili"))
                        .with_hint("i lavoratori agili non possono essere più dei dipendenti"),
                    );
                }
            }
        }
        Blocco::Conteggi(c) => {
            for (r, riga) in c.righe.iter().enumerate() {
                if riga.valori.len() != c.periodi.len() {
                    out.push(count_mismatch(
                        &format!("\"{}\"", riga.voce),
                        riga.valori.len(),
                        c.periodi.len(),
                        format!("{path}.conteggi.righe[{r}].valori"),
                        "un valore per periodo",
                    ));
                }
            }
        }
        Blocco::ProgrammaSviluppo(p) => {
            for (k, cond) in p.condizioni.iter().enumerate() {
                if !p.fasi.contains(&cond.fase) {
                    out.push(
                        Diagnostic::new(Codice::P052, format!("fase `{}` non prevista", cond.fase))
                            .at_path(format!("{path}.programma_sviluppo.condizioni[{k}].fase"))
                            .with_hint(format!("le fasi sono: {}", p.fasi.join(", "))),
                    );
                }
            }
        }
        Blocco::IndicatoriDfp(d) => {
            for (k, ind) in d.indicatori.iter().enumerate() {
                for key in ind.target.keys().filter(|key| !d.fasi.contains(key)) {
                    out.push(
                        Diagnostic::new(Codice::P052, format!("fase `{key}` non prevista"))
                            .at_path(format!(
                                "{path}.indicatori_dfp.indicatori[{k}].target.{key}"
                            ))
                            .with_hint(format!("le fasi sono: {}", d.fasi.join(", "))),
                    );
                }
            }
        }
    }
}
