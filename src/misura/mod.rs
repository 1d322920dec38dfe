//! Measure stage, for the Relazione sulla Performance: pairs each result of the results file
//! with its indicator's target, computes every indicator's achievement by the plan's rules
//! ([`regole`]) and rolls it up the tree (weights normalised to their sum, the plan's
//! `ponderazione` between a node's own indicators and its children), to every manager and
//! to the body. Every figure is a typed record with the values it came from, so the
//! documents print, and the OIV's annex explains, the same numbers.

pub mod diagnostica;
pub mod regole;

use std::collections::HashMap;

use serde::Serialize;

use crate::consuntivo::{Consuntivo, RifIndicatore, Valore};
use crate::indice::{Indice, Ramo, Voce};
use crate::model::{Misurazione, Nodo, Piano, Target};
use regole::{Calcolo, Incompatibile, Misurato, TipoTarget};

/// Every achievement figure of the year.
#[derive(Debug, Serialize)]
pub struct Misura {
    /// The year reported on.
    pub anno: i32,
    /// The rules applied (the plan's, or the defaults).
    pub regole: Misurazione,
    /// One per indicator (or node's own target) with a target at the deadline that counts
    /// for the year, in document order.
    pub indicatori: Vec<MisuraIndicatore>,
    /// One per node of the index, in its order.
    pub nodi: Vec<MisuraNodo>,
    /// One per manager of the assignments.
    pub dirigenti: Vec<MisuraDirigente>,
    /// The body as a whole: the mean of the top-level nodes of its tree.
    pub ente: Option<Media>,
}

/// An indicator's target, result and achievement at the deadline that counts.
#[derive(Debug, Serialize)]
pub struct MisuraIndicatore {
    /// Its node's entry in the index.
    pub voce: usize,
    /// Its number in the node (from 1); `None` for the node's own target.
    pub numero: Option<usize>,
    /// What it measures (the node's title for its own target).
    pub descrizione: String,
    /// The deadline that counts.
    pub scadenza: String,
    /// The target, as worded.
    pub target: String,
    /// How the target reads.
    pub tipo: TipoTarget,
    /// Its weight at the deadline, when the plan gives one.
    pub peso: Option<f64>,
    /// The result, as written in the results file.
    pub risultato: Option<String>,
    /// Where the result comes from.
    pub fonte: Option<String>,
    /// Notes on the deviation.
    pub note: Option<String>,
    /// The achievement, step by step; `None` when nothing counts (target not applicable,
    /// missing result left out by the plan's rule).
    pub calcolo: Option<Calcolo>,
    /// Results at the other deadlines of the year (e.g. 30/6), printed, not counted.
    pub intermedi: Vec<Intermedio>,
}

/// A result at a deadline that does not count for the year's achievement.
#[derive(Debug, Serialize)]
pub struct Intermedio {
    /// The deadline.
    pub scadenza: String,
    /// The target there.
    pub target: String,
    /// The result.
    pub risultato: String,
}

/// How a mean was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RegolaMedia {
    /// Weighted by the plan's weights, normalised to their sum.
    Ponderata,
    /// A plain mean: the plan gives no weight to some of the terms.
    Semplice,
}

/// A term of a mean.
#[derive(Debug, Clone, Serialize)]
pub struct Termine {
    /// What it is: "Indicatore 2", "1.2 Titolo".
    pub etichetta: String,
    /// Its achievement (percent).
    pub valore: f64,
    /// Its weight as the plan states it (`None` under a plain mean without weights).
    pub peso: Option<f64>,
    /// Its share of the mean, after normalisation (percent).
    pub quota: f64,
}

/// A mean of achievements, with its terms.
#[derive(Debug, Clone, Serialize)]
pub struct Media {
    /// How it was taken.
    pub regola: RegolaMedia,
    /// The terms.
    pub termini: Vec<Termine>,
    /// The sum of the stated weights, when the mean is weighted.
    pub somma_pesi: Option<f64>,
    /// The result (percent).
    pub valore: f64,
}

impl Media {
    /// The mean of `terms` (label, achievement, weight): weighted when every term has a
    /// positive weight, the weights normalised to their sum; otherwise plain. `None` when
    /// there is no term.
    pub fn di(terms: Vec<(String, f64, Option<f64>)>) -> Option<Media> {
        if terms.is_empty() {
            return None;
        }
        let pesi: Option<Vec<f64>> = terms.iter().map(|t| t.2).collect();
        let somma = pesi.as_ref().map(|p| p.iter().sum::<f64>());
        let (regola, quote): (RegolaMedia, Vec<f64>) = match (pesi, somma) {
            (Some(p), Some(s)) if s > 0.0 => (
                RegolaMedia::Ponderata,
                p.iter().map(|w| w / s * 100.0).collect(),
            ),
            _ => (
                RegolaMedia::Semplice,
                vec![100.0 / terms.len() as f64; terms.len()],
            ),
        };
        let valore = terms.iter().zip(&quote).map(|(t, q)| t.1 * q / 100.0).sum();
        Some(Media {
            regola,
            somma_pesi: (regola == RegolaMedia::Ponderata)
                .then_some(somma)
                .flatten(),
            termini: terms
                .into_iter()
                .zip(quote)
                .map(|((etichetta, valore, peso), quota)| Termine {
                    etichetta,
                    valore,
                    peso: if regola == RegolaMedia::Ponderata {
                        peso
                    } else {
                        None
                    },
                    quota,
                })
                .collect(),
            valore,
        })
    }
}

/// How a node's achievement was reached.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "regola", rename_all = "snake_case")]
pub enum RegolaNodo {
    /// From its own indicators only.
    Indicatori,
    /// From its children only.
    Figli,
    /// The plan's `ponderazione`: this share (percent) to its indicators, the rest to its
    /// children.
    Ponderazione {
        /// The indicators' share.
        quota_indicatori: f64,
    },
    /// It has both but the plan states no `ponderazione`: its own indicators only.
    IndicatoriSenzaPonderazione,
}

/// A node's achievement.
#[derive(Debug, Serialize)]
pub struct MisuraNodo {
    /// Its entry in the index.
    pub voce: usize,
    /// The mean of its own indicators (and own target).
    pub indicatori: Option<Media>,
    /// The mean of its children.
    pub figli: Option<Media>,
    /// How the two combine.
    pub regola: Option<RegolaNodo>,
    /// Its achievement (percent); `None` when nothing below it counts.
    pub realizzazione: Option<f64>,
}

/// A manager's achievement, from the objectives assigned.
#[derive(Debug, Serialize)]
pub struct MisuraDirigente {
    /// Name.
    pub nome: String,
    /// Role.
    pub ruolo: String,
    /// The mean of the assigned objectives, by the assignment's weights.
    pub media: Option<Media>,
}

/// A result that cannot be used, with the JSON path (in the results file) it is at.
#[derive(Debug, Clone, PartialEq)]
pub struct Problema {
    /// JSON path in the results file (`risultati[3].valore`), or in the plan for a
    /// missing result (`albero[0].figli[1].indicatori[2]`).
    pub percorso: String,
    /// Whether the path is in the plan rather than in the results file.
    pub nel_piano: bool,
    /// What is wrong.
    pub tipo: TipoProblema,
}

/// What is wrong with a result.
#[derive(Debug, Clone, PartialEq)]
pub enum TipoProblema {
    /// The year is outside the plan's period.
    AnnoFuoriPiano {
        /// The plan's first year.
        inizio: i32,
        /// The plan's last year.
        fine: i32,
    },
    /// No node with this `id` or code.
    ObiettivoSconosciuto(String),
    /// No indicator with this number or `id`.
    IndicatoreSconosciuto(String),
    /// No objective named and the indicator given by number.
    ObiettivoMancante,
    /// A result for the node's own target, but the node has none.
    SenzaTargetProprio(String),
    /// A deadline its level does not have.
    ScadenzaSconosciuta {
        /// The deadline written.
        scadenza: String,
        /// The level's deadlines.
        previste: Vec<String>,
    },
    /// Two results for the same indicator and deadline.
    Doppio {
        /// JSON path of the first.
        primo: String,
    },
    /// No result for an indicator with a target at the deadline that counts.
    Mancante {
        /// The indicator, as messages name it.
        nome: String,
        /// The deadline.
        scadenza: String,
    },
    /// A value of the wrong kind for its target.
    TipoValore {
        /// What was expected.
        atteso: Incompatibile,
        /// The target.
        target: String,
    },
    /// A unit that differs from the target's.
    Unita {
        /// The result's unit.
        risultato: String,
        /// The target's unit.
        target: String,
    },
    /// An achievement stated for a target a rule measures.
    RealizzazioneSuMisurabile(String),
    /// A result with neither a value nor a stated achievement.
    Vuoto,
    /// A result declared missing that also has a value or an achievement.
    MancanteConValore,
}

/// How an achievement reads in words, beside its colour: the traffic light (reached,
/// partly reached, not reached, not measured).
pub fn esito(v: Option<f64>) -> &'static str {
    match v {
        None => "non misurato",
        Some(x) if x >= 100.0 - 1e-9 => "raggiunto",
        Some(x) if x <= 1e-9 => "non raggiunto",
        Some(_) => "parzialmente raggiunto",
    }
}

/// The deadline that counts for `anno` among a level's deadlines: the year itself, or, for
/// deadlines within a year ("30/6", "31/12"), the last one.
pub fn scadenza_dell_anno(scadenze: &[String], anno: i32) -> Option<String> {
    let y = anno.to_string();
    if scadenze.contains(&y) {
        return Some(y);
    }
    if !scadenze.is_empty() && scadenze.iter().all(|s| s.contains('/')) {
        return scadenze.last().cloned();
    }
    None
}

/// Reads a value as the kind its target needs.
pub fn misurato(tipo: &TipoTarget, valore: &Valore) -> Result<Misurato, Incompatibile> {
    match (tipo, valore) {
        (TipoTarget::Maggiore { .. } | TipoTarget::Minore { .. }, Valore::Numero(n)) => {
            Ok(Misurato::Numero(*n))
        }
        (TipoTarget::Maggiore { .. } | TipoTarget::Minore { .. }, Valore::Testo(t)) => {
            crate::model::target::parse(t)
                .filter(|s| s.confronto == "=")
                .map(|s| Misurato::Numero(s.valore))
                .ok_or(Incompatibile::AttesoNumero)
        }
        (TipoTarget::SiNo, Valore::Testo(t)) => match t.trim().to_uppercase().as_str() {
            "SI" | "SÌ" => Ok(Misurato::SiNo(true)),
            "NO" => Ok(Misurato::SiNo(false)),
            _ => Err(Incompatibile::AttesoSiNo),
        },
        (TipoTarget::SiNo, Valore::Numero(_)) => Err(Incompatibile::AttesoSiNo),
        (TipoTarget::Scadenza { .. }, Valore::Testo(t)) => regole::parse_data(t.trim())
            .map(Misurato::Data)
            .ok_or(Incompatibile::AttesaData),
        (TipoTarget::Scadenza { .. }, Valore::Numero(_)) => Err(Incompatibile::AttesaData),
        (TipoTarget::Testuale | TipoTarget::NonApplicabile, v) => Ok(Misurato::Testo(v.testo())),
    }
}

/// The unit a result states in its value or `unita` (`85,5%` → `%`).
fn unita_risultato(valore: Option<&Valore>, unita: Option<&str>) -> Option<String> {
    unita.map(str::to_string).or_else(|| match valore {
        Some(Valore::Testo(t)) => crate::model::target::parse(t).and_then(|s| s.unita),
        _ => None,
    })
}

/// Normalises the ways a unit is written (`gg` and `gg.` and `giorni` are days).
fn unita_normale(u: &str) -> String {
    match u.trim().trim_end_matches('.').to_lowercase().as_str() {
        "gg" | "giorni" => "giorni".into(),
        other => other.into(),
    }
}

/// One measurable item of a node: an indicator (number from 1) or the node's own target.
struct Misurabile<'p> {
    numero: Option<usize>,
    descrizione: &'p str,
    target: &'p std::collections::BTreeMap<String, Target>,
    peso: Option<&'p crate::model::Peso>,
    percorso: String,
}

fn misurabili<'p>(nodo: &'p Nodo, voce: &Voce) -> Vec<Misurabile<'p>> {
    let mut out = Vec::new();
    if !nodo.target.is_empty() {
        out.push(Misurabile {
            numero: None,
            descrizione: &nodo.titolo,
            target: &nodo.target,
            peso: None,
            percorso: format!("{}.target", voce.percorso),
        });
    }
    for (k, ind) in nodo.indicatori.iter().enumerate() {
        out.push(Misurabile {
            numero: Some(k + 1),
            descrizione: &ind.descrizione,
            target: &ind.target,
            peso: ind.peso.as_ref(),
            percorso: format!("{}.indicatori[{k}]", voce.percorso),
        });
    }
    out
}

/// Measures the year: every indicator, node, manager and the body, with the problems of
/// the results file (errors and missing results).
pub fn misura(piano: &Piano, indice: &Indice, consuntivo: &Consuntivo) -> (Misura, Vec<Problema>) {
    let regole = piano.misurazione.clone().unwrap_or_default();
    let anno = consuntivo.anno;
    let mut problemi = Vec::new();
    let doc = &piano.documento;
    if anno < doc.anno_inizio || anno > doc.anno_fine {
        problemi.push(Problema {
            percorso: "anno".into(),
            nel_piano: false,
            tipo: TipoProblema::AnnoFuoriPiano {
                inizio: doc.anno_inizio,
                fine: doc.anno_fine,
            },
        });
    }
    let abbinati = Abbinati {
        regole: &regole,
        consuntivo,
        risultati: abbina(piano, indice, consuntivo, &mut problemi),
    };
    let mut indicatori = Vec::new();
    for (vi, (nodo, voce)) in indice.con_nodi(piano).enumerate() {
        let scadenze = doc.scadenze(voce.livello(piano));
        let Some(scadenza) = scadenza_dell_anno(&scadenze, anno) else {
            continue;
        };
        for m in misurabili(nodo, voce) {
            let dove = Dove {
                vi,
                voce,
                scadenza: &scadenza,
                scadenze: &scadenze,
            };
            indicatori.extend(abbinati.indicatore(&dove, &m, &mut problemi));
        }
    }
    let voci = indice.voci();
    let nodi_piano: Vec<&Nodo> = indice.con_nodi(piano).map(|(n, _)| n).collect();
    let nodi = rollup(piano, voci, &nodi_piano, &indicatori);
    let dirigenti = dirigenti(piano, indice, &nodi);
    let ente = ente(piano, indice, &nodi);
    (
        Misura {
            anno,
            regole,
            indicatori,
            nodi,
            dirigenti,
            ente,
        },
        problemi,
    )
}

/// The body as a whole: the mean of the top-level nodes of its tree, by their weights.
fn ente(piano: &Piano, indice: &Indice, nodi: &[MisuraNodo]) -> Option<Media> {
    let voci = indice.voci();
    Media::di(
        indice
            .radici(Ramo::Albero)
            .zip(&piano.albero)
            .filter_map(|(v, n)| {
                let i = voci.iter().position(|x| std::ptr::eq(x, v))?;
                Some((etichetta(v), nodi[i].realizzazione?, n.peso))
            })
            .collect(),
    )
}

/// The results file with each result paired with its indicator and deadline, and the
/// rules that measure them.
struct Abbinati<'a> {
    regole: &'a Misurazione,
    consuntivo: &'a Consuntivo,
    /// (entry, indicator number, deadline) → position in `risultati`.
    risultati: HashMap<(usize, Option<usize>, String), usize>,
}

/// Where an indicator is measured: its node's entry and the deadlines of its level.
struct Dove<'a> {
    vi: usize,
    voce: &'a Voce,
    /// The deadline that counts for the year.
    scadenza: &'a str,
    /// Every deadline of the level.
    scadenze: &'a [String],
}

impl Abbinati<'_> {
    /// One indicator's target, result and achievement at the deadline that counts, when it
    /// has a target there; a missing result is reported at the indicator, in the plan.
    fn indicatore(
        &self,
        dove: &Dove<'_>,
        m: &Misurabile<'_>,
        problemi: &mut Vec<Problema>,
    ) -> Option<MisuraIndicatore> {
        let scadenza = dove.scadenza.to_string();
        let target = m.target.get(&scadenza)?;
        let tipo = TipoTarget::di(target);
        let trovato = self.risultati.get(&(dove.vi, m.numero, scadenza.clone()));
        if trovato.is_none() && tipo != TipoTarget::NonApplicabile {
            let nome = match m.numero {
                Some(n) => format!("indicatore {n} di {}", dove.voce.riferimento),
                None => format!("target di {}", dove.voce.riferimento),
            };
            problemi.push(Problema {
                percorso: m.percorso.clone(),
                nel_piano: true,
                tipo: TipoProblema::Mancante {
                    nome,
                    scadenza: scadenza.clone(),
                },
            });
        }
        let r = trovato.map(|&i| (i, &self.consuntivo.risultati[i]));
        let calcolo = match r {
            None => regole::calcola(self.regole, &tipo, None, None)
                .ok()
                .flatten(),
            // A result that cannot be measured still prints; its achievement is unknown.
            Some((i, r)) => misura_risultato(self.regole, &tipo, target, i, r, problemi).flatten(),
        };
        Some(MisuraIndicatore {
            voce: dove.vi,
            numero: m.numero,
            descrizione: m.descrizione.to_string(),
            target: target.testo(),
            tipo,
            peso: m.peso.and_then(|p| p.at(&scadenza)),
            risultato: r.and_then(|(_, r)| testo_risultato(r)),
            fonte: r.and_then(|(_, r)| r.fonte.clone()),
            note: r.and_then(|(_, r)| r.note.clone()),
            calcolo,
            intermedi: self.intermedi(dove, m),
            scadenza,
        })
    }

    /// The results at the level's other deadlines (30/6), printed beside, not counted.
    fn intermedi(&self, dove: &Dove<'_>, m: &Misurabile<'_>) -> Vec<Intermedio> {
        dove.scadenze
            .iter()
            .filter(|s| s.as_str() != dove.scadenza)
            .filter_map(|s| {
                let &i = self.risultati.get(&(dove.vi, m.numero, s.clone()))?;
                Some(Intermedio {
                    scadenza: s.clone(),
                    target: m.target.get(s).map_or_else(|| "-".into(), Target::testo),
                    risultato: self.consuntivo.risultati[i]
                        .valore
                        .as_ref()
                        .map_or_else(|| "-".into(), Valore::testo),
                })
            })
            .collect()
    }
}

/// A result as printed: the value with the unit the office states, or "non rilevato".
fn testo_risultato(r: &crate::consuntivo::Risultato) -> Option<String> {
    match (&r.valore, r.mancante) {
        (_, Some(true)) => Some("non rilevato".to_string()),
        (v, _) => v.as_ref().map(|v| match &r.unita {
            Some(u) => format!("{} {u}", v.testo()),
            None => v.testo(),
        }),
    }
}

/// Measures one result against its target, recording what is wrong with it.
fn misura_risultato(
    regole: &Misurazione,
    tipo: &TipoTarget,
    target: &Target,
    i: usize,
    r: &crate::consuntivo::Risultato,
    problemi: &mut Vec<Problema>,
) -> Option<Option<Calcolo>> {
    let at = |campo: &str| format!("risultati[{i}].{campo}");
    let mut push = |percorso: String, tipo: TipoProblema| {
        problemi.push(Problema {
            percorso,
            nel_piano: false,
            tipo,
        })
    };
    if r.mancante == Some(true) {
        if r.valore.is_some() || r.realizzazione.is_some() {
            push(
                format!("risultati[{i}].mancante"),
                TipoProblema::MancanteConValore,
            );
            return None;
        }
        return Some(regole::calcola(regole, tipo, None, None).ok().flatten());
    }
    let misurabile = !matches!(tipo, TipoTarget::Testuale | TipoTarget::NonApplicabile);
    if misurabile && r.realizzazione.is_some() {
        push(
            at("realizzazione"),
            TipoProblema::RealizzazioneSuMisurabile(target.testo()),
        );
        return None;
    }
    if r.valore.is_none() && r.realizzazione.is_none() {
        push(format!("risultati[{i}]"), TipoProblema::Vuoto);
        return None;
    }
    if let (Some(ru), Some(tu)) = (
        unita_risultato(r.valore.as_ref(), r.unita.as_deref()),
        crate::model::target::struttura(target).and_then(|s| s.unita),
    ) && unita_normale(&ru) != unita_normale(&tu)
    {
        push(
            at(if r.unita.is_some() { "unita" } else { "valore" }),
            TipoProblema::Unita {
                risultato: ru,
                target: tu,
            },
        );
        return None;
    }
    let m = match r.valore.as_ref().map(|v| misurato(tipo, v)).transpose() {
        Ok(m) => m,
        Err(atteso) => {
            push(
                at("valore"),
                TipoProblema::TipoValore {
                    atteso,
                    target: target.testo(),
                },
            );
            return None;
        }
    };
    match regole::calcola(regole, tipo, m.as_ref(), r.realizzazione) {
        Ok(c) => Some(c),
        Err(atteso) => {
            push(
                at("realizzazione"),
                TipoProblema::TipoValore {
                    atteso,
                    target: target.testo(),
                },
            );
            None
        }
    }
}

/// Pairs each result with its node, indicator and deadline: (entry, indicator number,
/// deadline) → position in `risultati`.
/// Each result of the file paired with its indicator and deadline: (entry in the index,
/// indicator number or `None` for the node's own target, deadline) → position in
/// `risultati`; results that pair with nothing are left out (the checks report them).
pub fn abbinamenti(
    piano: &Piano,
    indice: &Indice,
    consuntivo: &Consuntivo,
) -> HashMap<(usize, Option<usize>, String), usize> {
    abbina(piano, indice, consuntivo, &mut Vec::new())
}

fn abbina(
    piano: &Piano,
    indice: &Indice,
    consuntivo: &Consuntivo,
    problemi: &mut Vec<Problema>,
) -> HashMap<(usize, Option<usize>, String), usize> {
    let nodi: Vec<&Nodo> = indice.con_nodi(piano).map(|(n, _)| n).collect();
    // Indicators by `id`, anywhere in the plan.
    let mut per_id: HashMap<&str, (usize, usize)> = HashMap::new();
    for (vi, nodo) in nodi.iter().enumerate() {
        for (k, ind) in nodo.indicatori.iter().enumerate() {
            if let Some(id) = &ind.id {
                per_id.insert(id.as_str(), (vi, k + 1));
            }
        }
    }
    let mut out: HashMap<(usize, Option<usize>, String), usize> = HashMap::new();
    for (i, r) in consuntivo.risultati.iter().enumerate() {
        let chiave = indicatore_di(indice, &nodi, &per_id, r).and_then(|(vi, numero)| {
            let scadenza = scadenza_di(piano, &indice.voci()[vi], r, consuntivo.anno)?;
            match out.get(&(vi, numero, scadenza.clone())) {
                Some(&primo) => Err((
                    "",
                    TipoProblema::Doppio {
                        primo: format!("risultati[{primo}]"),
                    },
                )),
                None => Ok((vi, numero, scadenza)),
            }
        });
        match chiave {
            Ok(k) => {
                out.insert(k, i);
            }
            Err((campo, tipo)) => problemi.push(Problema {
                percorso: if campo.is_empty() {
                    format!("risultati[{i}]")
                } else {
                    format!("risultati[{i}].{campo}")
                },
                nel_piano: false,
                tipo,
            }),
        }
    }
    out
}

/// A problem of a result: the field it is at (empty for the result as a whole) and what.
type Errato = (&'static str, TipoProblema);

/// The node entry and indicator number (`None`: the node's own target) a result names.
fn indicatore_di(
    indice: &Indice,
    nodi: &[&Nodo],
    per_id: &HashMap<&str, (usize, usize)>,
    r: &crate::consuntivo::Risultato,
) -> Result<(usize, Option<usize>), Errato> {
    let voci = indice.voci();
    let sconosciuto = |id: String| Err(("indicatore", TipoProblema::IndicatoreSconosciuto(id)));
    match (&r.obiettivo, &r.indicatore) {
        (_, Some(RifIndicatore::Id(id))) if per_id.contains_key(id.as_str()) => {
            let (vi, n) = per_id[id.as_str()];
            Ok((vi, Some(n)))
        }
        (None, Some(RifIndicatore::Id(id))) => sconosciuto(id.clone()),
        (None, _) => Err(("", TipoProblema::ObiettivoMancante)),
        (Some(o), rif) => {
            let vi = indice
                .cerca(o)
                .and_then(|v| voci.iter().position(|x| std::ptr::eq(x, v)))
                .ok_or_else(|| ("obiettivo", TipoProblema::ObiettivoSconosciuto(o.clone())))?;
            let nodo = nodi[vi];
            match rif {
                None if nodo.target.is_empty() => Err((
                    "",
                    TipoProblema::SenzaTargetProprio(voci[vi].riferimento.clone()),
                )),
                None => Ok((vi, None)),
                Some(RifIndicatore::Numero(n)) if (1..=nodo.indicatori.len()).contains(n) => {
                    Ok((vi, Some(*n)))
                }
                Some(RifIndicatore::Numero(n)) => sconosciuto(n.to_string()),
                Some(RifIndicatore::Id(id)) => sconosciuto(id.clone()),
            }
        }
    }
}

/// The deadline a result is for: the one it names, if its level has it, else the one that
/// counts for the year.
fn scadenza_di(
    piano: &Piano,
    voce: &Voce,
    r: &crate::consuntivo::Risultato,
    anno: i32,
) -> Result<String, Errato> {
    let scadenze = piano.documento.scadenze(voce.livello(piano));
    let scritta = r.scadenza.clone();
    match scritta.or_else(|| scadenza_dell_anno(&scadenze, anno)) {
        Some(s) if scadenze.contains(&s) => Ok(s),
        other => Err((
            "scadenza",
            TipoProblema::ScadenzaSconosciuta {
                scadenza: other.unwrap_or_else(|| anno.to_string()),
                previste: scadenze,
            },
        )),
    }
}

/// How a node is named in the terms of its parent's mean.
fn etichetta(v: &Voce) -> String {
    if v.codice.is_empty() {
        v.titolo.clone()
    } else {
        format!("{} {}", v.codice, v.titolo)
    }
}

/// Rolls achievement up: each node from its own indicators and its children, bottom-up.
fn rollup(
    piano: &Piano,
    voci: &[Voce],
    nodi_piano: &[&Nodo],
    indicatori: &[MisuraIndicatore],
) -> Vec<MisuraNodo> {
    let mut out: Vec<MisuraNodo> = (0..voci.len())
        .map(|voce| MisuraNodo {
            voce,
            indicatori: None,
            figli: None,
            regola: None,
            realizzazione: None,
        })
        .collect();
    // Children come after their parent in document order: walk backwards.
    for vi in (0..voci.len()).rev() {
        let own = Media::di(
            indicatori
                .iter()
                .filter(|m| m.voce == vi)
                .filter_map(|m| {
                    let c = m.calcolo.as_ref()?;
                    let label = match m.numero {
                        Some(n) => format!("Indicatore {n}"),
                        None => "Target dell'obiettivo".to_string(),
                    };
                    Some((label, c.finale, m.peso))
                })
                .collect(),
        );
        let children = Media::di(
            voci[vi]
                .figli
                .iter()
                .filter_map(|&c| {
                    Some((
                        etichetta(&voci[c]),
                        out[c].realizzazione?,
                        nodi_piano[c].peso,
                    ))
                })
                .collect(),
        );
        let (regola, valore) = match (&own, &children, &piano.ponderazione) {
            (None, None, _) => (None, None),
            (Some(o), None, _) => (Some(RegolaNodo::Indicatori), Some(o.valore)),
            (None, Some(c), _) => (Some(RegolaNodo::Figli), Some(c.valore)),
            (Some(o), Some(c), Some(p)) => (
                Some(RegolaNodo::Ponderazione {
                    quota_indicatori: p.quota_indicatori,
                }),
                Some(
                    o.valore * p.quota_indicatori / 100.0
                        + c.valore * (100.0 - p.quota_indicatori) / 100.0,
                ),
            ),
            (Some(o), Some(_), None) => (
                Some(RegolaNodo::IndicatoriSenzaPonderazione),
                Some(o.valore),
            ),
        };
        out[vi].indicatori = own;
        out[vi].figli = children;
        out[vi].regola = regola;
        out[vi].realizzazione = valore;
    }
    out
}

/// Each manager's achievement: the assigned objectives' achievements by their weights.
fn dirigenti(piano: &Piano, indice: &Indice, nodi: &[MisuraNodo]) -> Vec<MisuraDirigente> {
    let voci = indice.voci();
    let Some(a) = &piano.assegnazioni else {
        return Vec::new();
    };
    a.dirigenti
        .iter()
        .map(|d| MisuraDirigente {
            nome: d.nome.clone(),
            ruolo: d.ruolo.clone(),
            media: Media::di(
                d.obiettivi
                    .iter()
                    .filter_map(|o| {
                        let v = indice.cerca(&o.obiettivo)?;
                        let i = voci.iter().position(|x| std::ptr::eq(x, v))?;
                        Some((etichetta(v), nodi[i].realizzazione?, Some(o.peso)))
                    })
                    .collect(),
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests;
