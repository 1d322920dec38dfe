//! Validate stage: checks a deserialised plan for problems the types cannot express
//! (references, weights, deadlines, dates, control characters, placeholders) and
//! returns every one of them, located by JSON path.

use crate::diag::Diagnostic;
use crate::format::{Date, format_percent};
use crate::load::Loaded;
use crate::model::{Indicatore, Livello, Nodo, Piano, TOLLERANZA_PESI, somma_pesi};
use crate::view::{Catalogo, codice, json_path, livello_azienda, walk};

/// Runs every check; diagnostics come back located and sorted by position.
pub fn validate(loaded: &Loaded, catalogo: &Catalogo) -> Vec<Diagnostic> {
    let piano = &loaded.plan;
    let mut out = Vec::new();
    text_hygiene(&loaded.json, String::new(), &mut out);
    period_and_acts(piano, &mut out);
    tree(piano, &mut out);
    aziende(piano, &mut out);
    assignments(piano, catalogo, &mut out);
    for (id, codes) in &catalogo.duplicati {
        out.push(
            Diagnostic::error(
                "P021",
                format!(
                    "l'id `{id}` è usato da più obiettivi ({})",
                    codes.join(", ")
                ),
            )
            .with_hint("ogni `id` deve essere unico nel piano"),
        );
    }
    for d in &mut out {
        d.file = Some(loaded.source.name.clone());
        loaded.index.locate(d, &loaded.source.text);
    }
    out.sort_by(|a, b| a.position.cmp(&b.position).then(a.code.cmp(b.code)));
    out.dedup();
    out
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
                    Diagnostic::error(
                        "P006",
                        format!("carattere di controllo U+{:04X} nel testo", u32::from(c)),
                    )
                    .at_path(path.clone())
                    .with_hint(
                        "togli il carattere: spesso arriva da un copia-incolla da Word o PDF",
                    ),
                );
            }
            let placeholder = ["____", "TODO", "XXX", "[...]"]
                .iter()
                .find(|p| s.contains(*p));
            if let Some(p) = placeholder {
                out.push(
                    Diagnostic::warning("P040", format!("testo segnaposto `{p}` ancora presente"))
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
    if doc.anno_fine < doc.anno_inizio {
        out.push(
            Diagnostic::error("P008", "l'anno di fine viene prima dell'anno di inizio")
                .at_path("documento.anno_fine"),
        );
    }
    let mut validazione = None;
    let mut adozione = None;
    for (i, atto) in piano.atti.iter().enumerate() {
        match Date::parse_iso(&atto.data) {
            None => out.push(
                Diagnostic::error("P007", format!("data non valida: `{}`", atto.data))
                    .at_path(format!("atti[{i}].data"))
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
            Diagnostic::error(
                "P009",
                "l'adozione della Giunta precede la validazione dell'OIV",
            )
            .at_path(format!("atti[{i}].data"))
            .with_hint("il piano si adotta dopo la validazione: controlla le due date"),
        );
    }
}

fn tree(piano: &Piano, out: &mut Vec<Diagnostic>) {
    if piano.livelli.is_empty() {
        out.push(
            Diagnostic::error("P010", "mancano i nomi dei livelli dell'albero")
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
    walk(&piano.albero, &[], &mut |nodo, pos| {
        let path = json_path(pos);
        let depth = pos.len() - 1;
        match piano.livelli.get(depth) {
            None => out.push(
                Diagnostic::error(
                    "P010",
                    format!(
                        "l'obiettivo {} è al livello {} ma `livelli` ne nomina solo {}",
                        codice(pos),
                        depth + 1,
                        piano.livelli.len()
                    ),
                )
                .at_path(path.clone())
                .with_hint("aggiungi il nome di questo livello in `livelli`"),
            ),
            Some(l) => node(piano, nodo, l, &codice(pos), &path, out),
        }
    });
}

fn aziende(piano: &Piano, out: &mut Vec<Diagnostic>) {
    for (a, az) in piano.aziende_speciali.iter().enumerate() {
        let base = format!("aziende_speciali[{a}].obiettivi");
        siblings_weights(
            &az.obiettivi,
            &base,
            &format!("i pesi degli obiettivi di {}", az.nome),
            out,
        );
        let Some(livello) = livello_azienda(piano, az.livello.as_ref()) else {
            continue;
        };
        for (i, n) in az.obiettivi.iter().enumerate() {
            node(
                piano,
                n,
                livello,
                &format!("{} {}", az.nome, i + 1),
                &format!("{base}[{i}]"),
                out,
            );
        }
    }
}

fn node(
    piano: &Piano,
    nodo: &Nodo,
    livello: &Livello,
    code: &str,
    path: &str,
    out: &mut Vec<Diagnostic>,
) {
    if nodo.titolo.trim().is_empty() {
        out.push(
            Diagnostic::error("P041", format!("l'obiettivo {code} non ha titolo"))
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
        out,
    );
    for (r, ris) in nodo.risorse.iter().enumerate() {
        for y in ris.stime.keys() {
            if !piano.documento.anni().contains(y) {
                out.push(
                    Diagnostic::error("P011", format!("anno `{y}` fuori dal periodo del piano"))
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
            Diagnostic::error("P041", "indicatore senza descrizione")
                .at_path(format!("{path}.descrizione")),
        );
    }
    let keys_hint = format!(
        "le scadenze di questo livello sono: {}",
        scadenze.join(", ")
    );
    for key in ind.target.keys() {
        if !scadenze.contains(key) {
            out.push(
                Diagnostic::error(
                    "P011",
                    format!("scadenza `{key}` non prevista per questo livello"),
                )
                .at_path(format!("{path}.target.{key}"))
                .with_hint(keys_hint.clone()),
            );
        }
    }
    if let Some(crate::model::Peso::PerScadenza(map)) = &ind.peso {
        for key in map.keys() {
            if !scadenze.contains(key) {
                out.push(
                    Diagnostic::error(
                        "P011",
                        format!("scadenza `{key}` non prevista per questo livello"),
                    )
                    .at_path(format!("{path}.peso.{key}"))
                    .with_hint(keys_hint.clone()),
                );
            }
        }
    }
    if let Some(last) = scadenze.last()
        && !ind.target.contains_key(last)
    {
        out.push(
            Diagnostic::warning(
                "P012",
                format!(
                    "l'indicatore {} di {code} non ha target per `{last}`",
                    k + 1
                ),
            )
            .at_path(format!("{path}.target"))
            .with_hint(format!(
                "aggiungi \"{last}\": \"...\" (oppure \"-\" se non applicabile)"
            )),
        );
    }
}

/// Indicator weights: one check over all indicators when each has a single weight (it
/// applies to the final target), one per deadline when weights are given per deadline
/// (over the indicators that have a target at that deadline).
fn indicator_weights(
    inds: &[Indicatore],
    scadenze: &[String],
    base: &str,
    code: &str,
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
            true,
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
                Diagnostic::warning("P031", format!("{what}: nessun peso indicato"))
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
            Diagnostic::warning("P031", format!("{what}: {missing} senza peso"))
                .at_path(base.to_string())
                .with_hint("indica il peso di ciascuno"),
        );
    } else if (sum - 100.0).abs() > TOLLERANZA_PESI {
        out.push(
            Diagnostic::error(
                "P030",
                format!("{what} sommano a {} invece di 100,00%", format_percent(sum)),
            )
            .at_path(base.to_string())
            .with_hint("correggi i pesi perché la somma sia 100"),
        );
    }
}

fn assignments(piano: &Piano, catalogo: &Catalogo, out: &mut Vec<Diagnostic>) {
    let Some(a) = &piano.assegnazioni else { return };
    for (d, dir) in a.dirigenti.iter().enumerate() {
        for (o, ob) in dir.obiettivi.iter().enumerate() {
            if catalogo.get(&ob.obiettivo).is_none() {
                out.push(
                    Diagnostic::error(
                        "P020",
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
                Diagnostic::error(
                    "P033",
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
