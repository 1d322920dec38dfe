//! The objective sheet (scheda) as the templates show it: fields, indicators with targets
//! and weights, the actions below it, resources, and how its achievement is weighed.

use serde::Serialize;

use crate::format::{format_euro, format_percent};
use crate::indice::{Indice, Voce};
use crate::model::{Livello, Nodo, Piano, Risorsa, TipoIndicatore};

/// One objective sheet.
#[derive(Debug, Serialize)]
pub struct SchedaView {
    /// Code as shown ("1.1.2"; empty for an unnumbered level).
    pub codice: String,
    /// Position code ("1.1.2"), unique: for anchors and for the marks of an amendment; for
    /// a further numbered scheda of the same node, followed by its number ("1.1.2 scheda 9").
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
    /// The node's own period ("2024-2026"), printed among its fields.
    pub periodo: Option<String>,
    /// Label of that field: the level's period heading, "Periodo" by default.
    pub etichetta_periodo: String,
    /// Whether this is a further numbered scheda of a node already printed: its heading and
    /// its actions only (the node's fields and indicators are in its first scheda).
    pub seguito: bool,
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
    /// Heading of the actions' period column, when some action has a period.
    pub periodo_azioni: Option<String>,
    /// How many columns the actions' table has, for the rows of group headings that span it.
    pub colonne_azioni: usize,
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
}

/// An action or project shown inside its objective's scheda.
#[derive(Debug, Serialize)]
pub struct AzioneView {
    /// Position code, for the marks of an amendment.
    pub chiave: String,
    /// The heading of the group this action opens ("Linee di azione istituzionali"), on the
    /// first of consecutive actions with that group.
    pub gruppo: Option<String>,
    /// Period ("da marzo 2024"), "-" when none.
    pub periodo: String,
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

/// The schede of a node, each with the number of the numbered scheda it is printed in: one
/// scheda, or, when its actions carry scheda numbers, one per run of actions with the same
/// number, the node's own fields and indicators in the first; `parent` names its parent in
/// the label of its weight.
pub(super) fn schede(
    piano: &Piano,
    indice: &Indice,
    nodo: &Nodo,
    voce: &Voce,
    parent: &str,
) -> Vec<(Option<String>, SchedaView)> {
    let tabella = azioni(piano, indice, nodo, voce);
    let tutte: Vec<&Nodo> = tabella.righe.iter().map(|a| a.nodo).collect();
    per_scheda(nodo.numero_scheda(), tabella.righe)
        .into_iter()
        .enumerate()
        .map(|(k, (numero, parte))| {
            let azioni = Azioni {
                parte,
                tutte: &tutte,
                scadenze: &tabella.scadenze,
                livello: &tabella.livello,
            };
            let s = scheda(piano, indice, nodo, voce, parent, azioni);
            let s = match (k, &numero) {
                (0, _) | (_, None) => s,
                (_, Some(n)) => seguito(s, n),
            };
            (numero, s)
        })
        .collect()
}

/// The actions one scheda shows, with what their table needs from all of the node's.
struct Azioni<'a, 'b> {
    /// The actions of this scheda, in document order.
    parte: Vec<Azione<'a>>,
    /// Every action of the node, in whichever of its schede: for the summary tables.
    tutte: &'b [&'a Nodo],
    /// Deadlines of the actions' level.
    scadenze: &'b [String],
    /// Name of the actions' level.
    livello: &'b str,
}

/// The actions split by the numbered scheda they are printed in: runs of consecutive actions
/// with the same number, the first run being the node's own scheda (numbered `own`, or, when
/// the node names none, by its first action). An action's number is its own, else the one of
/// the action before it, else `own`.
fn per_scheda<'a>(
    own: Option<&str>,
    azioni: Vec<Azione<'a>>,
) -> Vec<(Option<String>, Vec<Azione<'a>>)> {
    let mut parti: Vec<(Option<String>, Vec<Azione<'a>>)> =
        vec![(own.map(str::to_string), Vec::new())];
    for a in azioni {
        match parti.last_mut() {
            Some((numero, lista)) if *numero == a.scheda => lista.push(a),
            _ => parti.push((a.scheda.clone(), vec![a])),
        }
    }
    if own.is_none() && parti.len() > 1 && parti[0].1.is_empty() {
        parti.remove(0);
    }
    parti
}

/// A further numbered scheda of a node printed before: its heading and its actions, with
/// a key of its own; the node's fields, indicators and resources are in its first scheda.
fn seguito(s: SchedaView, numero: &str) -> SchedaView {
    SchedaView {
        chiave: format!("{} scheda {numero}", s.chiave),
        seguito: true,
        sottotitolo: None,
        peso: None,
        bilancio: None,
        descrizione: None,
        uffici: Vec::new(),
        impegno: None,
        tempi: None,
        benefici: None,
        note: None,
        periodo: None,
        sintesi: Vec::new(),
        indicatori: Vec::new(),
        ha_documentazione: false,
        ha_uffici_indicatori: false,
        risorse: RisorseView {
            anni: Vec::new(),
            importi: Vec::new(),
            stime: Vec::new(),
        },
        ponderazione: None,
        ..s
    }
}

/// The scheda of a node showing `azioni`; `parent` names its parent in the label of its
/// weight.
fn scheda(
    piano: &Piano,
    indice: &Indice,
    nodo: &Nodo,
    voce: &Voce,
    parent: &str,
    azioni: Azioni<'_, '_>,
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
    let Azioni {
        parte,
        tutte,
        scadenze,
        livello: livello_azioni,
    } = azioni;
    let mut sintesi: Vec<RigaSintesi> = nodo
        .indicatori
        .iter()
        .map(|ind| (ind, scadenze_keys.as_slice()))
        .chain(
            tutte
                .iter()
                .flat_map(|a| a.indicatori.iter().map(|i| (i, scadenze_keys.as_slice()))),
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
    let azioni_nodi: Vec<&Nodo> = parte.iter().map(|a| a.nodo).collect();
    // A group heading opens where an action's group differs from the last one opened.
    let mut aperto: Option<&str> = None;
    let azioni: Vec<AzioneView> = parte
        .into_iter()
        .map(|a| {
            let mut v = a.vista;
            if let Some(g) = a.nodo.nome_gruppo()
                && aperto != Some(g)
            {
                v.gruppo = Some(g.to_string());
                aperto = Some(g);
            }
            v
        })
        .collect();
    let scadenze_azioni: &[String] = if azioni.is_empty() { &[] } else { scadenze };
    let periodo_azioni = azioni_nodi
        .iter()
        .any(|n| n.periodo_azione().is_some())
        .then(|| etichetta_periodo(voce.livello_figli(piano)));
    let baseline_azioni = azioni_nodi
        .iter()
        .any(|n| n.indicatori.iter().any(|i| i.baseline.is_some()));
    let pesi_azioni = azioni_nodi
        .iter()
        .any(|n| n.indicatori.iter().any(|i| i.peso.is_some()));
    let uffici_azioni = azioni
        .iter()
        .any(|a| a.righe.iter().any(|r| !r.uffici.is_empty()));
    // Action and indicator, then the optional columns.
    let colonne_azioni = 2
        + scadenze_azioni.len()
        + [
            baseline_azioni,
            pesi_azioni,
            uffici_azioni,
            periodo_azioni.is_some(),
        ]
        .iter()
        .filter(|&&c| c)
        .count();
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
        periodo: nodo.periodo_azione().map(str::to_string),
        etichetta_periodo: etichetta_periodo(livello),
        seguito: false,
        uffici_azioni,
        baseline_azioni,
        pesi_azioni,
        periodo_azioni,
        colonne_azioni,
        azioni,
        scadenze_azioni: scadenze_azioni
            .iter()
            .map(|s| ScadenzaView {
                chiave: s.clone(),
                etichetta: format!("Target {s}"),
            })
            .collect(),
        livello_azioni: livello_azioni.to_string(),
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
    }
}

/// The heading of a level's period (of an action in its table, of a node among its fields).
fn etichetta_periodo(livello: Option<&Livello>) -> String {
    livello
        .and_then(|l| l.colonne.as_ref())
        .and_then(|c| c.periodo.clone())
        .unwrap_or_else(|| "Periodo".into())
}

/// An action of a scheda's node, as shown, with its node and the number of the numbered
/// scheda it is printed in.
struct Azione<'a> {
    /// The action.
    nodo: &'a Nodo,
    /// Its row in the actions' table, and its texts.
    vista: AzioneView,
    /// Its own scheda number, or the one of the action before it, or its objective's;
    /// an action below another one is printed with it.
    scheda: Option<String>,
}

/// The actions of a scheda's node: its descendants that have no scheda of their own.
struct TabellaAzioni<'a> {
    /// In document order.
    righe: Vec<Azione<'a>>,
    /// The deadlines of their table.
    scadenze: Vec<String>,
    /// Their level's name.
    livello: String,
}

/// The descendants of a scheda's node that have no scheda of their own (actions, projects).
fn azioni<'a>(piano: &Piano, indice: &Indice, nodo: &'a Nodo, voce: &Voce) -> TabellaAzioni<'a> {
    /// The actions among `nodes` and below them; `numero` is the scheda number of the one
    /// before, which the direct actions of the node (`diretti`) may change.
    fn visit<'a>(
        piano: &Piano,
        indice: &Indice,
        nodes: &'a [Nodo],
        parent: &Voce,
        mut numero: Option<String>,
        diretti: bool,
        out: &mut Vec<Azione<'a>>,
    ) {
        let Some(livello) = parent.livello_figli(piano) else {
            return;
        };
        if livello.ha_scheda() {
            return;
        }
        for (n, v) in nodes.iter().zip(indice.figli(parent)) {
            if diretti && let Some(k) = n.numero_scheda() {
                numero = Some(k.to_string());
            }
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
                gruppo: None,
                periodo: n.periodo_azione().unwrap_or("-").to_string(),
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
            };
            out.push(Azione {
                nodo: n,
                vista: view,
                scheda: numero.clone(),
            });
            visit(piano, indice, &n.figli, v, numero.clone(), false, out);
        }
    }
    let mut out = Vec::new();
    let own = nodo.numero_scheda().map(str::to_string);
    visit(piano, indice, &nodo.figli, voce, own, true, &mut out);
    let livello = voce.livello_figli(piano);
    let scadenze = match (out.is_empty(), livello) {
        (false, Some(l)) => l.scadenze_effettive(&piano.documento),
        _ => Vec::new(),
    };
    TabellaAzioni {
        righe: out,
        scadenze,
        livello: livello.map(|l| l.nome.clone()).unwrap_or_default(),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// An action of a test plan: title, scheda number, group, and its sub-actions' titles
    /// and scheda numbers.
    type AzioneProva<'a> = (
        &'a str,
        Option<&'a str>,
        Option<&'a str>,
        &'a [(&'a str, Option<&'a str>)],
    );

    /// A scheda as the tests read it: its number, whether it continues the objective's,
    /// its actions' labels with their group headings, whether it has the objective's text.
    type ParteProva = (Option<String>, bool, Vec<(String, Option<String>)>, bool);

    /// The schede of an objective (with its own `scheda` number, or none) and its actions.
    fn parti(own: Option<&str>, azioni: &[AzioneProva<'_>]) -> Vec<ParteProva> {
        let figli: Vec<serde_json::Value> = azioni
            .iter()
            .map(|(titolo, scheda, gruppo, sotto)| {
                serde_json::json!({
                    "titolo": titolo, "scheda": scheda, "gruppo": gruppo,
                    "figli": sotto.iter().map(|(t, s)| serde_json::json!({"titolo": t, "scheda": s})).collect::<Vec<_>>(),
                })
            })
            .collect();
        let piano: Piano = serde_json::from_value(serde_json::json!({
            "ente": { "nome": "Camera" },
            "documento": { "titolo": "Programmi", "anno_inizio": 2019, "anno_fine": 2019 },
            "livelli": [
                { "nome": "Obiettivo", "plurale": "Obiettivi" },
                { "nome": "Azione", "plurale": "Azioni", "scheda": false, "numerato": false },
                { "nome": "Fase", "plurale": "Fasi", "scheda": false, "numerato": false }
            ],
            "albero": [{ "titolo": "Obiettivo", "scheda": own, "descrizione": "Testo", "figli": figli }]
        }))
        .unwrap();
        let indice = Indice::build(&piano);
        let voce = &indice.voci()[0];
        schede(&piano, &indice, &piano.albero[0], voce, "")
            .into_iter()
            .map(|(n, s)| {
                let azioni = s
                    .azioni
                    .iter()
                    .map(|a| (a.etichetta.clone(), a.gruppo.clone()))
                    .collect();
                (n, s.seguito, azioni, s.descrizione.is_some())
            })
            .collect()
    }

    fn a(titolo: &str, gruppo: Option<&str>) -> (String, Option<String>) {
        (titolo.to_string(), gruppo.map(str::to_string))
    }

    #[test]
    fn without_numbers_on_the_actions_one_scheda_holds_them_all() {
        let p = parti(
            Some("3"),
            &[("A", None, Some("G"), &[]), ("B", None, Some("G"), &[])],
        );
        assert_eq!(
            p,
            [(
                Some("3".into()),
                false,
                vec![a("A", Some("G")), a("B", None)],
                true
            )]
        );
    }

    /// An action without a number stays in the scheda of the one before it; a sub-action
    /// is printed with its action whatever its own number; group headings open again in
    /// each scheda.
    #[test]
    fn runs_of_numbered_actions_make_the_schede_of_their_objective() {
        let p = parti(
            None,
            &[
                ("A", Some("8"), Some("G"), &[("A.1", Some("9"))]),
                ("B", None, Some("G"), &[]),
                ("C", Some("9"), Some("G"), &[]),
            ],
        );
        assert_eq!(
            p,
            [
                (
                    Some("8".into()),
                    false,
                    vec![a("A", Some("G")), a("A.1", None), a("B", None)],
                    true
                ),
                (Some("9".into()), true, vec![a("C", Some("G"))], false),
            ]
        );
    }

    /// The objective's own number names the scheda of its fields; actions before the
    /// first numbered one are in it.
    #[test]
    fn the_objectives_own_number_opens_its_first_scheda() {
        let p = parti(
            Some("7"),
            &[("A", Some("8"), None, &[]), ("B", Some("9"), None, &[])],
        );
        assert_eq!(
            p,
            [
                (Some("7".into()), false, vec![], true),
                (Some("8".into()), true, vec![a("A", None)], false),
                (Some("9".into()), true, vec![a("B", None)], false),
            ]
        );
        let p = parti(None, &[("A", None, None, &[]), ("B", Some("9"), None, &[])]);
        assert_eq!(
            p,
            [
                (None, false, vec![a("A", None)], true),
                (Some("9".into()), true, vec![a("B", None)], false),
            ]
        );
    }
}
