//! The objective sheet (scheda) as the templates show it: fields, indicators with targets
//! and weights, the actions below it, resources, and how its achievement is weighed.

use serde::Serialize;

use super::blocchi::{SezioneView, del_nodo};
use crate::format::{format_euro, format_percent};
use crate::indice::{Indice, Voce};
use crate::model::{Nodo, Piano, PosizioneSezione, Risorsa, TipoIndicatore};

/// One objective sheet.
#[derive(Debug, Serialize)]
pub struct SchedaView {
    /// Code as shown ("1.1.2"; empty for an unnumbered level).
    pub codice: String,
    /// Position code ("1.1.2"), unique: for anchors and for the marks of an amendment.
    pub chiave: String,
    /// Heading: "Obiettivo operativo 1.1.2: Titolo", or "Obiettivo operativo: Titolo".
    pub etichetta: String,
    /// When the body numbers its schede and this node opens one: "Scheda 3".
    pub gruppo: Option<String>,
    /// Whether the node is printed inside a numbered scheda (its heading one level down).
    pub in_gruppo: bool,
    /// The numbered scheda the node is printed in ("Scheda 3"), for the summary tables.
    pub scheda: Option<String>,
    /// Depth in the tree, from 0.
    pub livello: usize,
    /// Name of the level ("Obiettivo operativo").
    pub nome_livello: String,
    /// Title.
    pub titolo: String,
    /// Subtitle.
    pub sottotitolo: Option<String>,
    /// Weight in the parent, formatted.
    pub peso: Option<String>,
    /// What the weight is relative to.
    pub etichetta_peso: String,
    /// Budget link lines.
    pub bilancio: Option<BilancioView>,
    /// Description (Markdown).
    pub descrizione: Option<String>,
    /// Offices involved.
    pub uffici: Vec<String>,
    /// Staff committed (Markdown).
    pub impegno: Option<String>,
    /// Timings (Markdown).
    pub tempi: Option<String>,
    /// Expected benefits (Markdown).
    pub benefici: Option<String>,
    /// Notes (Markdown).
    pub note: Option<String>,
    /// Actions or projects below this objective that have no scheda of their own, shown in
    /// one table (action, indicator, target, offices) with their texts after it.
    pub azioni: Vec<AzioneView>,
    /// Target columns of the actions' table.
    pub scadenze_azioni: Vec<ScadenzaView>,
    /// Whether any action's indicator names responsible offices.
    pub uffici_azioni: bool,
    /// Whether any action's indicator has a baseline (a column for it).
    pub baseline_azioni: bool,
    /// Whether any action's indicator has a weight (a column for it).
    pub pesi_azioni: bool,
    /// Name of the actions' level ("Azione/Progetto").
    pub livello_azioni: String,
    /// Every indicator of the scheda, its own then its actions', for the summary tables.
    pub sintesi: Vec<RigaSintesi>,
    /// Target columns.
    pub scadenze: Vec<ScadenzaView>,
    /// Whether weights are given per deadline (one weight column per deadline).
    pub pesi_per_scadenza: bool,
    /// Indicators.
    pub indicatori: Vec<IndicatoreView>,
    /// Whether any indicator has evidence for the OIV.
    pub ha_documentazione: bool,
    /// Whether any indicator names responsible offices.
    pub ha_uffici_indicatori: bool,
    /// Financial resources.
    pub risorse: RisorseView,
    /// How achievement splits between own indicators and children, when it does.
    pub ponderazione: Option<PonderazioneView>,
    /// When the build compares with a previous version: what the amendment changed here.
    pub modifiche: Option<ModificheView>,
    /// The node's narrative sections printed under its heading, before its scheda.
    pub sezioni_prima: Vec<SezioneView>,
    /// Its sections printed after its scheda: those before its children, then, when no
    /// scheda of a descendant follows, those after them.
    pub sezioni_dopo: Vec<SezioneView>,
    /// Sections printed after this scheda, one level up, that close the schede of this
    /// node's ancestors (or its own, when its descendants' schede came after it): the
    /// sections after their children, the nearest first.
    pub sezioni_chiusura: Vec<SezioneView>,
}

/// An action or project shown inside its objective's scheda.
#[derive(Debug, Serialize)]
pub struct AzioneView {
    /// Position code, for the marks of an amendment.
    pub chiave: String,
    /// "Azione 1 - Uscite ispettive ...": the code when the level is numbered, the title.
    pub etichetta: String,
    /// Subtitle.
    pub sottotitolo: Option<String>,
    /// Weight in its objective, formatted.
    pub peso: Option<String>,
    /// One row per indicator (at least one row, for an action without indicators).
    pub righe: Vec<RigaAzione>,
    /// Description (Markdown).
    pub descrizione: Option<String>,
    /// Timings (Markdown).
    pub tempi: Option<String>,
    /// Expected benefits (Markdown).
    pub benefici: Option<String>,
    /// Its narrative sections before its texts.
    pub sezioni_prima: Vec<SezioneView>,
    /// Its narrative sections after its texts.
    pub sezioni_dopo: Vec<SezioneView>,
}

/// One indicator row of the actions' table.
#[derive(Debug, Serialize)]
pub struct RigaAzione {
    /// Indicator, "-" for an action without indicators.
    pub descrizione: String,
    /// Baseline, "-" when none.
    pub baseline: String,
    /// Weight in the action (one weight, or one per deadline), "-" when none.
    pub peso: String,
    /// One target per column.
    pub valori: Vec<String>,
    /// Offices responsible.
    pub uffici: Vec<String>,
    /// Rows the offices cell spans: 0 when this row shares the cell above (same offices).
    pub righe_uffici: usize,
    /// Whether the amendment compared against added or changed this row.
    pub modificato: bool,
}

/// An indicator in the summary tables.
#[derive(Debug, Serialize)]
pub struct RigaSintesi {
    /// Position in the scheda, from 1.
    pub numero: usize,
    /// What it measures.
    pub descrizione: String,
    /// One target per column of the scheda.
    pub valori: Vec<String>,
}

/// What an amendment changed in a scheda.
#[derive(Debug, Serialize)]
pub struct ModificheView {
    /// "Modificato con deliberazione di Giunta n. 78 del 19 luglio 2021".
    pub nota: String,
    /// What changed, in words ("indicatore 5 aggiunto", "peso modificato").
    pub voci: Vec<String>,
}

/// A target column.
#[derive(Debug, Serialize)]
pub struct ScadenzaView {
    /// Key in the data ("2021", "31/12").
    pub chiave: String,
    /// Column header.
    pub etichetta: String,
}

/// Budget classification lines.
#[derive(Debug, Serialize)]
pub struct BilancioView {
    /// "Missione 011 – Competitività e sviluppo delle imprese".
    pub missione: String,
    /// "Programma 005 – ...".
    pub programma: String,
}

/// An indicator as shown.
#[derive(Debug, Serialize)]
pub struct IndicatoreView {
    /// Position in the objective, from 1.
    pub numero: usize,
    /// What it measures.
    pub descrizione: String,
    /// Formula.
    pub formula: Option<String>,
    /// Unit.
    pub unita: Option<String>,
    /// Kind, in words.
    pub tipo: Option<String>,
    /// Source.
    pub fonte: Option<String>,
    /// Baseline, "-" when none.
    pub baseline: String,
    /// One cell per deadline.
    pub valori: Vec<ValoreView>,
    /// Single weight (when not per deadline), formatted, "-" when missing.
    pub peso: String,
    /// Evidence for the OIV.
    pub documentazione: Option<String>,
    /// Offices responsible.
    pub uffici: Vec<String>,
    /// Whether the amendment compared against added or changed this row.
    pub modificato: bool,
}

/// Target and weight at one deadline.
#[derive(Debug, Serialize)]
pub struct ValoreView {
    /// Target as worded, "-" when none.
    pub target: String,
    /// Weight at this deadline, formatted, "-" when none.
    pub peso: String,
}

/// Financial resources in one of the two shapes plans use.
#[derive(Debug, Serialize)]
pub struct RisorseView {
    /// Years of the estimates, when lines carry per-year estimates.
    pub anni: Vec<String>,
    /// Lines with a single amount.
    pub importi: Vec<RigaImporto>,
    /// Lines with per-year estimates.
    pub stime: Vec<RigaStima>,
}

/// A resource line with one amount.
#[derive(Debug, Serialize)]
pub struct RigaImporto {
    /// Amount, formatted, "-" when none.
    pub importo: String,
    /// Account.
    pub conto: String,
    /// Budget line.
    pub budget: String,
}

/// A resource line with per-year estimates.
#[derive(Debug, Serialize)]
pub struct RigaStima {
    /// Account.
    pub conto: String,
    /// One amount per year, "-" when none.
    pub stime: Vec<String>,
}

/// Split of an objective's achievement between its indicators and its children.
#[derive(Debug, Serialize)]
pub struct PonderazioneView {
    /// Share of own indicators, formatted.
    pub quota_indicatori: String,
    /// Own indicators' descriptions.
    pub indicatori: Vec<String>,
    /// Children with weight and effective weight.
    pub figli: Vec<FiglioView>,
}

/// A child objective in a parent's summary.
#[derive(Debug, Serialize)]
pub struct FiglioView {
    /// Code.
    pub codice: String,
    /// Title.
    pub titolo: String,
    /// Weight in the parent, formatted, "-" when missing.
    pub peso: String,
    /// Effective weight in the parent's achievement, formatted, "-" when unknown.
    pub peso_effettivo: String,
    /// Its indicators' descriptions.
    pub indicatori: Vec<String>,
}

fn tipo_indicatore(t: TipoIndicatore) -> &'static str {
    match t {
        TipoIndicatore::Efficacia => "efficacia",
        TipoIndicatore::Efficienza => "efficienza",
        TipoIndicatore::Qualita => "qualità",
        TipoIndicatore::Volume => "volume",
        TipoIndicatore::Outcome => "outcome",
        TipoIndicatore::StatoRisorse => "stato delle risorse",
    }
}

fn opt_percent(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_string(), format_percent)
}

/// The scheda of a node; `parent` names its parent in the label of its weight. Its
/// sections after its children are the caller's to place, after its descendants' schede.
pub(super) fn scheda(
    piano: &Piano,
    indice: &Indice,
    nodo: &Nodo,
    voce: &Voce,
    parent: &str,
) -> SchedaView {
    let livello = voce.livello(piano);
    let scadenze_keys = livello.map_or_else(
        || piano.documento.anni(),
        |l| l.scadenze_effettive(&piano.documento),
    );
    let pesi_per_scadenza = nodo
        .indicatori
        .iter()
        .any(|i| matches!(i.peso, Some(crate::model::Peso::PerScadenza(_))));
    let indicatori = nodo
        .indicatori
        .iter()
        .enumerate()
        .map(|(k, ind)| IndicatoreView {
            numero: k + 1,
            descrizione: ind.descrizione.clone(),
            formula: ind.formula.clone(),
            unita: ind.unita.clone(),
            tipo: ind.tipo.map(|t| tipo_indicatore(t).to_string()),
            fonte: ind.fonte.clone(),
            baseline: ind
                .baseline
                .as_ref()
                .map_or_else(|| "-".into(), |b| b.testo()),
            valori: scadenze_keys
                .iter()
                .map(|s| ValoreView {
                    target: ind.target.get(s).map_or_else(|| "-".into(), |t| t.testo()),
                    peso: opt_percent(ind.peso_at(s)),
                })
                .collect(),
            peso: match &ind.peso {
                Some(crate::model::Peso::Unico(v)) => format_percent(*v),
                _ => "-".into(),
            },
            documentazione: ind.documentazione.clone(),
            uffici: ind.uffici.clone(),
            modificato: false,
        })
        .collect();

    let quota = piano.ponderazione.as_ref().map(|p| p.quota_indicatori);
    let (own_share, children_share) = match (nodo.indicatori.is_empty(), nodo.figli.is_empty()) {
        (false, false) => {
            let q = quota.unwrap_or(50.0);
            (q, 100.0 - q)
        }
        (true, _) => (0.0, 100.0),
        (false, true) => (100.0, 0.0),
    };
    let ponderazione =
        (!nodo.indicatori.is_empty() && !nodo.figli.is_empty()).then(|| PonderazioneView {
            quota_indicatori: format_percent(own_share),
            indicatori: nodo
                .indicatori
                .iter()
                .map(|i| i.descrizione.clone())
                .collect(),
            figli: nodo
                .figli
                .iter()
                .zip(indice.figli(voce))
                .map(|(f, v)| FiglioView {
                    codice: v.codice.clone(),
                    titolo: f.titolo.clone(),
                    peso: opt_percent(f.peso),
                    peso_effettivo: opt_percent(f.peso.map(|p| p * children_share / 100.0)),
                    indicatori: f.indicatori.iter().map(|i| i.descrizione.clone()).collect(),
                })
                .collect(),
        });

    let nome = livello.map(|l| l.nome.clone()).unwrap_or_default();
    let etichetta_peso = match livello.and_then(|l| l.etichetta_peso.clone()) {
        Some(e) => e,
        None if parent.is_empty() => format!("Peso dell'{}", nome.to_lowercase()),
        None => format!("Peso nel livello superiore: {parent}"),
    };
    let (azioni, scadenze_azioni, livello_azioni) = azioni(piano, indice, nodo, voce);
    let mut sintesi: Vec<RigaSintesi> = nodo
        .indicatori
        .iter()
        .map(|ind| (ind, scadenze_keys.as_slice()))
        .chain(
            azioni
                .iter()
                .flat_map(|(a, _)| a.indicatori.iter().map(|i| (i, scadenze_keys.as_slice()))),
        )
        .enumerate()
        .map(|(k, (ind, keys))| RigaSintesi {
            numero: k + 1,
            descrizione: ind.descrizione.clone(),
            valori: keys
                .iter()
                .map(|s| ind.target.get(s).map_or_else(|| "-".into(), |t| t.testo()))
                .collect(),
        })
        .collect();
    sintesi.shrink_to_fit();
    let azioni_nodi: Vec<&Nodo> = azioni.iter().map(|(n, _)| *n).collect();
    let azioni: Vec<AzioneView> = azioni.into_iter().map(|(_, v)| v).collect();
    SchedaView {
        etichetta: voce.etichetta.clone(),
        codice: voce.codice.clone(),
        chiave: voce.chiave.clone(),
        gruppo: None,
        in_gruppo: false,
        scheda: None,
        livello: voce.profondita,
        nome_livello: nome,
        titolo: nodo.titolo.clone(),
        sottotitolo: nodo.sottotitolo.clone(),
        peso: nodo.peso.map(format_percent),
        etichetta_peso,
        bilancio: nodo.bilancio.as_ref().map(|b| BilancioView {
            missione: format!(
                "Missione {} – {}",
                b.missione.codice, b.missione.descrizione
            ),
            programma: format!(
                "Programma {} – {}",
                b.programma.codice, b.programma.descrizione
            ),
        }),
        descrizione: nodo.descrizione.clone(),
        uffici: nodo.uffici.clone(),
        impegno: nodo.impegno.clone(),
        tempi: nodo.tempi.clone(),
        benefici: nodo.benefici.clone(),
        note: nodo.note.clone(),
        uffici_azioni: azioni
            .iter()
            .any(|a| a.righe.iter().any(|r| !r.uffici.is_empty())),
        baseline_azioni: azioni_nodi
            .iter()
            .any(|n| n.indicatori.iter().any(|i| i.baseline.is_some())),
        pesi_azioni: azioni_nodi
            .iter()
            .any(|n| n.indicatori.iter().any(|i| i.peso.is_some())),
        azioni,
        scadenze_azioni: scadenze_azioni
            .iter()
            .map(|s| ScadenzaView {
                chiave: s.clone(),
                etichetta: format!("Target {s}"),
            })
            .collect(),
        livello_azioni,
        sintesi,
        scadenze: scadenze_keys
            .iter()
            .map(|s| ScadenzaView {
                chiave: s.clone(),
                etichetta: format!("al {s}"),
            })
            .collect(),
        pesi_per_scadenza,
        ha_documentazione: nodo.indicatori.iter().any(|i| i.documentazione.is_some()),
        ha_uffici_indicatori: nodo.indicatori.iter().any(|i| !i.uffici.is_empty()),
        indicatori,
        risorse: risorse(&nodo.risorse, &piano.documento.anni()),
        ponderazione,
        modifiche: None,
        sezioni_prima: del_nodo(&nodo.sezioni, &voce.chiave, PosizioneSezione::Prima),
        sezioni_dopo: del_nodo(&nodo.sezioni, &voce.chiave, PosizioneSezione::DopoScheda),
        sezioni_chiusura: Vec::new(),
    }
}

/// The descendants of a scheda's node that have no scheda of their own (actions, projects),
/// in document order, each with its node; the deadlines of their table; their level's name.
fn azioni<'a>(
    piano: &Piano,
    indice: &Indice,
    nodo: &'a Nodo,
    voce: &Voce,
) -> (Vec<(&'a Nodo, AzioneView)>, Vec<String>, String) {
    fn visit<'a>(
        piano: &Piano,
        indice: &Indice,
        nodes: &'a [Nodo],
        parent: &Voce,
        out: &mut Vec<(&'a Nodo, AzioneView)>,
    ) {
        let Some(livello) = parent.livello_figli(piano) else {
            return;
        };
        if livello.ha_scheda() {
            return;
        }
        for (n, v) in nodes.iter().zip(indice.figli(parent)) {
            let scadenze = livello.scadenze_effettive(&piano.documento);
            let mut righe: Vec<RigaAzione> = n
                .indicatori
                .iter()
                .map(|ind| RigaAzione {
                    descrizione: ind.descrizione.clone(),
                    baseline: ind
                        .baseline
                        .as_ref()
                        .map_or_else(|| "-".into(), |b| b.testo()),
                    peso: match &ind.peso {
                        Some(crate::model::Peso::Unico(v)) => format_percent(*v),
                        Some(crate::model::Peso::PerScadenza(_)) => scadenze
                            .iter()
                            .filter_map(|s| {
                                ind.peso_at(s)
                                    .map(|p| format!("{s}: {}", format_percent(p)))
                            })
                            .collect::<Vec<_>>()
                            .join("; "),
                        None => "-".into(),
                    },
                    valori: scadenze
                        .iter()
                        .map(|s| ind.target.get(s).map_or_else(|| "-".into(), |t| t.testo()))
                        .collect(),
                    uffici: ind.uffici.clone(),
                    righe_uffici: 1,
                    modificato: false,
                })
                .collect();
            if righe.is_empty() {
                righe.push(RigaAzione {
                    descrizione: "-".into(),
                    baseline: "-".into(),
                    peso: "-".into(),
                    valori: scadenze.iter().map(|_| "-".into()).collect(),
                    uffici: n.uffici.clone(),
                    righe_uffici: 1,
                    modificato: false,
                });
            }
            // Consecutive rows with the same offices share one cell, as in the plans.
            let mut start = 0;
            for k in 1..=righe.len() {
                if k == righe.len() || righe[k].uffici != righe[start].uffici {
                    righe[start].righe_uffici = k - start;
                    for r in &mut righe[start + 1..k] {
                        r.righe_uffici = 0;
                    }
                    start = k;
                }
            }
            let view = AzioneView {
                chiave: v.chiave.clone(),
                // Without a code, the title alone: the table's header names the level.
                etichetta: if v.codice.is_empty() {
                    n.titolo.clone()
                } else {
                    v.etichetta.clone()
                },
                sottotitolo: n.sottotitolo.clone(),
                peso: n.peso.map(format_percent),
                righe,
                descrizione: n.descrizione.clone(),
                tempi: n.tempi.clone(),
                benefici: n.benefici.clone(),
                sezioni_prima: del_nodo(&n.sezioni, &v.chiave, PosizioneSezione::Prima),
                // An action has no scheda, and its own actions are rows of the same
                // table: its sections after either follow its texts.
                sezioni_dopo: [PosizioneSezione::DopoScheda, PosizioneSezione::Dopo]
                    .into_iter()
                    .flat_map(|p| del_nodo(&n.sezioni, &v.chiave, p))
                    .collect(),
            };
            out.push((n, view));
            visit(piano, indice, &n.figli, v, out);
        }
    }
    let mut out = Vec::new();
    visit(piano, indice, &nodo.figli, voce, &mut out);
    let livello = voce.livello_figli(piano);
    let scadenze = match (out.is_empty(), livello) {
        (false, Some(l)) => l.scadenze_effettive(&piano.documento),
        _ => Vec::new(),
    };
    let nome = livello.map(|l| l.nome.clone()).unwrap_or_default();
    (out, scadenze, nome)
}

fn risorse(righe: &[Risorsa], anni: &[String]) -> RisorseView {
    let mut view = RisorseView {
        anni: Vec::new(),
        importi: Vec::new(),
        stime: Vec::new(),
    };
    for r in righe {
        if r.stime.is_empty() {
            view.importi.push(RigaImporto {
                importo: r.importo.map_or_else(|| "-".into(), format_euro),
                conto: r.conto.clone().unwrap_or_else(|| "-".into()),
                budget: r.budget.clone().unwrap_or_else(|| "-".into()),
            });
        } else {
            view.stime.push(RigaStima {
                conto: r.conto.clone().unwrap_or_else(|| "-".into()),
                stime: anni
                    .iter()
                    .map(|a| {
                        r.stime
                            .get(a)
                            .map_or_else(|| "-".into(), |v| format_euro(*v))
                    })
                    .collect(),
            });
        }
    }
    if !view.stime.is_empty() {
        view.anni = anni.to_vec();
    }
    view
}
