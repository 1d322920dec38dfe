//! The objective sheet (scheda) as the templates show it: fields, indicators with targets
//! and weights, the actions below it, resources, and how its achievement is weighed.

use std::collections::BTreeMap;

use serde::Serialize;

use super::blocchi::{SezioneView, del_nodo};
use crate::format::{format_euro, format_percent};
use crate::indice::{Indice, Voce};
use crate::model::{Livello, Nodo, Piano, PosizioneSezione, Risorsa, Target, TipoIndicatore};

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
    /// PIAO value chain: "OVP1 – Name → strategia S1.1 – Name", when the node links to a
    /// strategy of subsection 2.1.
    pub valore_pubblico: Option<String>,
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
    /// The table of the actions or projects below this objective that have no scheda of
    /// their own, with their texts after it.
    // Flattened: the templates read its fields on the scheda itself.
    #[serde(flatten)]
    pub tabella_azioni: TabellaAzioniView,
    /// Every indicator of the scheda, its own then its actions', for the summary tables.
    pub sintesi: Vec<RigaSintesi>,
    /// Target columns.
    pub scadenze: Vec<ScadenzaView>,
    /// Column headings of the indicators' and the targets' tables, from the node's level.
    pub colonne: ColonneView,
    /// Whether weights are given per deadline (one weight column per deadline).
    pub pesi_per_scadenza: bool,
    /// Whether any indicator has a baseline (a column for it).
    pub baseline_indicatori: bool,
    /// Whether any indicator has a weight (a column for it).
    pub pesi_indicatori: bool,
    /// The node's own targets, when it is its own measure: printed once, without
    /// repeating its title as an indicator.
    pub target: Option<TargetView>,
    /// Indicators.
    pub indicatori: Vec<IndicatoreView>,
    /// Whether any indicator has evidence for the OIV.
    pub ha_documentazione: bool,
    /// Whether any indicator names responsible offices.
    pub ha_uffici_indicatori: bool,
    /// The columns of the table of how the indicators are measured, when any indicator
    /// states its formula, unit, kind, source or offices.
    pub misura: Option<MisuraView>,
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

/// The actions' table of a scheda: its rows, target columns, headings and which optional
/// columns it has.
#[derive(Debug, Serialize)]
pub struct TabellaAzioniView {
    /// Actions or projects below this objective that have no scheda of their own, shown in
    /// one table (action, indicator, target, offices) with their texts after it.
    pub azioni: Vec<AzioneView>,
    /// Target columns of the actions' table.
    pub scadenze_azioni: Vec<ScadenzaView>,
    /// Column headings of the actions' table, from the actions' level.
    pub colonne_azioni: ColonneView,
    /// Whether any action has an indicator (a column for it): an action measured by its
    /// own targets leaves its indicator cell empty.
    pub indicatore_azioni: bool,
    /// Whether any action's indicator names responsible offices.
    pub uffici_azioni: bool,
    /// Whether any action's indicator has a baseline (a column for it).
    pub baseline_azioni: bool,
    /// Whether any action's indicator has a weight (a column for it).
    pub pesi_azioni: bool,
    /// Heading of the actions' period column, when some action has a period.
    pub periodo_azioni: Option<String>,
    /// How many columns the actions' table has, for the rows of group headings that span it.
    pub n_colonne_azioni: usize,
    /// Name of the actions' level ("Azione/Progetto").
    pub livello_azioni: String,
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
    /// Its narrative sections before its texts.
    pub sezioni_prima: Vec<SezioneView>,
    /// Its narrative sections after its texts.
    pub sezioni_dopo: Vec<SezioneView>,
}

/// One indicator row of the actions' table.
#[derive(Debug, Serialize)]
pub struct RigaAzione {
    /// Number of the indicator in its action, from 1; `None` for the row of the action's
    /// own targets, or of an action without indicators.
    pub numero: Option<usize>,
    /// Indicator; empty for the action's own targets, "-" for an action without indicators
    /// or targets.
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

/// An indicator in the summary tables, or the own targets of a node.
#[derive(Debug, Serialize)]
pub struct RigaSintesi {
    /// Position in the scheda, from 1; `None` for a node's own targets.
    pub numero: Option<usize>,
    /// What it measures; for a node's own targets, the node's title.
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
    /// Column header ("Risultato atteso al 2021").
    pub etichetta: String,
    /// Header of the weight at this deadline, where weights are given per deadline
    /// ("Peso al 2021").
    pub peso: String,
}

/// Column headings of a table whose rows are one level's nodes or their indicators: the
/// level's `colonne`, else today's headings. Whether a column is shown is the table's own
/// flag (a column empty in every row is left out).
#[derive(Debug, Serialize)]
pub struct ColonneView {
    /// The indicator.
    pub indicatore: String,
    /// The baseline.
    pub baseline: String,
    /// The weight.
    pub peso: String,
    /// The offices responsible.
    pub uffici: String,
    /// The period of an action.
    pub periodo: String,
}

/// The own targets of a node that is its own measure (one implicit indicator).
#[derive(Debug, Serialize)]
pub struct TargetView {
    /// Baseline, `None` when the plan gives none (no column for it).
    pub baseline: Option<String>,
    /// One target per deadline, "-" when none.
    pub valori: Vec<String>,
    /// Whether the amendment compared against changed these targets.
    pub modificato: bool,
}

/// Today's headings of a kind of table, `{scadenza}` standing for the deadline.
struct Predefinite {
    indicatore: &'static str,
    baseline: &'static str,
    target: &'static str,
    peso: &'static str,
    uffici: &'static str,
}

/// The indicators' table of a scheda.
const INTESTAZIONI_INDICATORI: Predefinite = Predefinite {
    indicatore: "Indicatore: descrizione e cosa misura",
    baseline: "Target storico di riferimento",
    target: "Risultato atteso al {scadenza}",
    peso: "Peso",
    uffici: "Servizi/Uffici",
};

/// The actions' table inside a scheda.
const INTESTAZIONI_AZIONI: Predefinite = Predefinite {
    indicatore: "Indicatore",
    baseline: "Target storico",
    target: "Target {scadenza}",
    peso: "Peso",
    uffici: "Servizi/Uffici",
};

/// The column headings of a table whose rows are `livello`'s, and its target columns.
fn intestazioni(
    livello: Option<&Livello>,
    predefinite: &Predefinite,
    scadenze: &[String],
) -> (ColonneView, Vec<ScadenzaView>) {
    let c = livello.and_then(|l| l.colonne.clone()).unwrap_or_default();
    let o = |v: Option<String>, d: &str| v.unwrap_or_else(|| d.to_string());
    let target = o(c.target, predefinite.target);
    let view = ColonneView {
        indicatore: o(c.indicatore, predefinite.indicatore),
        baseline: o(c.baseline, predefinite.baseline),
        peso: o(c.peso, predefinite.peso),
        uffici: o(c.uffici, predefinite.uffici),
        periodo: o(c.periodo, "Periodo"),
    };
    let scadenze = scadenze
        .iter()
        .map(|s| ScadenzaView {
            chiave: s.clone(),
            etichetta: intestazione_scadenza(&target, s, scadenze.len()),
            peso: format!("{} al {s}", view.peso),
        })
        .collect();
    (view, scadenze)
}

/// A target column's heading: `{scadenza}` replaced by the deadline; a heading without it
/// gets the deadline after it when there are several columns, so that none is ambiguous.
fn intestazione_scadenza(modello: &str, scadenza: &str, colonne: usize) -> String {
    if modello.contains("{scadenza}") {
        modello.replace("{scadenza}", scadenza)
    } else if colonne > 1 {
        format!("{modello} {scadenza}")
    } else {
        modello.to_string()
    }
}

/// A target or baseline as printed, "-" when none.
fn testo_o_trattino(t: Option<&Target>) -> String {
    t.map_or_else(|| "-".into(), Target::testo)
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
    /// Whether it states its formula, unit, kind, source or offices (a row of the table of
    /// how the indicators are measured).
    pub misurato: bool,
}

/// Which columns the table of how a scheda's indicators are measured has: those that some
/// indicator fills.
#[derive(Debug, Serialize)]
pub struct MisuraView {
    /// Formula.
    pub formula: bool,
    /// Unit of measure.
    pub unita: bool,
    /// Kind.
    pub tipo: bool,
    /// Source of the data.
    pub fonte: bool,
    /// Responsible offices.
    pub uffici: bool,
}

impl MisuraView {
    /// The columns `indicatori` fill, or `None` when they fill none.
    fn of(indicatori: &[crate::model::Indicatore]) -> Option<MisuraView> {
        let any = |f: fn(&crate::model::Indicatore) -> bool| indicatori.iter().any(f);
        let m = MisuraView {
            formula: any(|i| i.formula.is_some()),
            unita: any(|i| i.unita.is_some()),
            tipo: any(|i| i.tipo.is_some()),
            fonte: any(|i| i.fonte.is_some()),
            uffici: any(|i| !i.uffici.is_empty()),
        };
        (m.formula || m.unita || m.tipo || m.fonte || m.uffici).then_some(m)
    }
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
    /// Whether a line with estimates names its budget line (a column for it).
    pub budget_stime: bool,
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
    /// Budget line, "-" when none.
    pub budget: String,
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

/// The kind of an indicator as printed ("stato delle risorse").
pub(crate) fn tipo_indicatore(t: TipoIndicatore) -> &'static str {
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
/// the label of its weight. Its sections after its children are the caller's to place,
/// after its descendants' schede.
pub(super) fn schede(
    piano: &Piano,
    indice: &Indice,
    nodo: &Nodo,
    voce: &Voce,
    parent: &str,
) -> Vec<(Option<String>, SchedaView)> {
    let tabella = azioni(piano, indice, nodo, voce);
    let tutte: Vec<(&Nodo, String)> = tabella
        .righe
        .iter()
        .map(|a| (a.nodo, a.vista.etichetta.clone()))
        .collect();
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
    /// Every action of the node with its label, in whichever of its schede: for the
    /// summary tables.
    tutte: &'b [(&'a Nodo, String)],
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
        valore_pubblico: None,
        descrizione: None,
        uffici: Vec::new(),
        impegno: None,
        tempi: None,
        benefici: None,
        note: None,
        periodo: None,
        sintesi: Vec::new(),
        indicatori: Vec::new(),
        target: None,
        sezioni_prima: Vec::new(),
        sezioni_dopo: Vec::new(),
        ha_documentazione: false,
        ha_uffici_indicatori: false,
        risorse: RisorseView {
            anni: Vec::new(),
            importi: Vec::new(),
            stime: Vec::new(),
            budget_stime: false,
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
    let scadenze_keys = piano.documento.scadenze(livello);
    let nome = livello.map(|l| l.nome.clone()).unwrap_or_default();
    let etichetta_peso = etichetta_peso(livello, &nome, parent);
    let sintesi = sintesi(nodo, azioni.tutte, &scadenze_keys);
    let tabella_azioni = tabella_azioni(piano, voce, azioni);
    let (colonne, scadenze) = intestazioni(livello, &INTESTAZIONI_INDICATORI, &scadenze_keys);
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
        bilancio: nodo.bilancio.as_ref().map(bilancio),
        valore_pubblico: super::piao::valore::catena(piano, nodo),
        descrizione: nodo.descrizione.clone(),
        uffici: nodo.uffici.clone(),
        impegno: nodo.impegno.clone(),
        tempi: nodo.tempi.clone(),
        benefici: nodo.benefici.clone(),
        note: nodo.note.clone(),
        periodo: nodo.periodo_azione().map(str::to_string),
        etichetta_periodo: etichetta_periodo(livello),
        seguito: false,
        tabella_azioni,
        sintesi,
        scadenze,
        colonne,
        pesi_per_scadenza: nodo
            .indicatori
            .iter()
            .any(|i| matches!(i.peso, Some(crate::model::Peso::PerScadenza(_)))),
        baseline_indicatori: nodo.indicatori.iter().any(|i| i.baseline.is_some()),
        pesi_indicatori: nodo.indicatori.iter().any(|i| i.peso.is_some()),
        target: target_view(nodo, &scadenze_keys),
        ha_documentazione: nodo.indicatori.iter().any(|i| i.documentazione.is_some()),
        ha_uffici_indicatori: nodo.indicatori.iter().any(|i| !i.uffici.is_empty()),
        misura: MisuraView::of(&nodo.indicatori),
        indicatori: indicatori(nodo, &scadenze_keys),
        risorse: risorse(&nodo.risorse, &piano.documento.anni()),
        ponderazione: ponderazione(piano, indice, nodo, voce),
        modifiche: None,
        sezioni_prima: del_nodo(&nodo.sezioni, &voce.chiave, PosizioneSezione::Prima),
        sezioni_dopo: del_nodo(&nodo.sezioni, &voce.chiave, PosizioneSezione::DopoScheda),
        sezioni_chiusura: Vec::new(),
    }
}

/// The label of a node's weight: its level's own, else relative to the plan for the first
/// level (`parent` empty), else to `parent`.
fn etichetta_peso(livello: Option<&Livello>, nome: &str, parent: &str) -> String {
    match livello.and_then(|l| l.etichetta_peso.clone()) {
        Some(e) => e,
        None if parent.is_empty() => format!("Peso dell'{}", nome.to_lowercase()),
        None => format!("Peso nel livello superiore: {parent}"),
    }
}

/// The node's indicators as shown, read at `scadenze`.
fn indicatori(nodo: &Nodo, scadenze: &[String]) -> Vec<IndicatoreView> {
    nodo.indicatori
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
            valori: scadenze
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
            misurato: ind.formula.is_some()
                || ind.unita.is_some()
                || ind.tipo.is_some()
                || ind.fonte.is_some()
                || !ind.uffici.is_empty(),
        })
        .collect()
}

/// The node's own targets as printed, read at `scadenze`, when it is its own measure.
fn target_view(nodo: &Nodo, scadenze: &[String]) -> Option<TargetView> {
    target_proprio(nodo).map(|(baseline, valori)| TargetView {
        baseline: baseline.map(Target::testo),
        valori: scadenze
            .iter()
            .map(|s| testo_o_trattino(valori.get(s)))
            .collect(),
        modificato: false,
    })
}

/// How the node's achievement splits between its own indicators and its children, when it
/// has both and the plan states the split.
fn ponderazione(
    piano: &Piano,
    indice: &Indice,
    nodo: &Nodo,
    voce: &Voce,
) -> Option<PonderazioneView> {
    // The split between own indicators and children is shown only by the rule the plan
    // chose (`ponderazione`): no share is invented.
    piano
        .ponderazione
        .as_ref()
        .filter(|_| !nodo.indicatori.is_empty() && !nodo.figli.is_empty())
        .map(|p| PonderazioneView {
            quota_indicatori: format_percent(p.quota_indicatori),
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
                    peso_effettivo: opt_percent(
                        f.peso.map(|w| w * (100.0 - p.quota_indicatori) / 100.0),
                    ),
                    indicatori: f.indicatori.iter().map(|i| i.descrizione.clone()).collect(),
                })
                .collect(),
        })
}

/// The actions' table of the scheda of `voce`'s node: its rows with their group headings,
/// the target columns some row fills, the headings of the actions' level, and which
/// optional columns it has.
fn tabella_azioni(piano: &Piano, voce: &Voce, azioni: Azioni<'_, '_>) -> TabellaAzioniView {
    let Azioni {
        parte,
        scadenze,
        livello: livello_azioni,
        ..
    } = azioni;
    let azioni_nodi: Vec<&Nodo> = parte.iter().map(|a| a.nodo).collect();
    let mut azioni = with_group_headings(parte);
    let scadenze_azioni = drop_empty_target_columns(&mut azioni, scadenze);
    let (colonne_azioni, scadenze_azioni) = intestazioni(
        voce.livello_figli(piano),
        &INTESTAZIONI_AZIONI,
        &scadenze_azioni,
    );
    let periodo_azioni = azioni_nodi
        .iter()
        .any(|n| n.periodo_azione().is_some())
        .then(|| colonne_azioni.periodo.clone());
    let indicatore_azioni = azioni
        .iter()
        .any(|a| a.righe.iter().any(|r| r.numero.is_some()));
    let baseline_azioni = azioni_nodi
        .iter()
        .any(|n| n.baseline.is_some() || n.indicatori.iter().any(|i| i.baseline.is_some()));
    let pesi_azioni = azioni_nodi
        .iter()
        .any(|n| n.indicatori.iter().any(|i| i.peso.is_some()));
    let uffici_azioni = azioni
        .iter()
        .any(|a| a.righe.iter().any(|r| !r.uffici.is_empty()));
    // The action, then the optional columns and the targets.
    let n_colonne_azioni = 1
        + scadenze_azioni.len()
        + [
            indicatore_azioni,
            baseline_azioni,
            pesi_azioni,
            uffici_azioni,
            periodo_azioni.is_some(),
        ]
        .iter()
        .filter(|&&c| c)
        .count();
    TabellaAzioniView {
        azioni,
        scadenze_azioni,
        colonne_azioni,
        indicatore_azioni,
        uffici_azioni,
        baseline_azioni,
        pesi_azioni,
        periodo_azioni,
        n_colonne_azioni,
        livello_azioni: livello_azioni.to_string(),
    }
}

/// The actions' rows, each naming the group it opens.
fn with_group_headings(parte: Vec<Azione<'_>>) -> Vec<AzioneView> {
    // A group heading opens where an action's group differs from the last one opened.
    let mut aperto: Option<&str> = None;
    parte
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
        .collect()
}

/// Leaves out of the actions' rows every target column that is empty in all of them, and
/// returns the deadlines of the columns kept.
fn drop_empty_target_columns(azioni: &mut [AzioneView], scadenze: &[String]) -> Vec<String> {
    // Actions measured by their period alone have no targets: their columns would be
    // dashes only.
    let piene: Vec<bool> = (0..scadenze.len())
        .map(|j| {
            azioni
                .iter()
                .flat_map(|a| &a.righe)
                .any(|r| r.valori.get(j).is_some_and(|v| v != "-"))
        })
        .collect();
    for r in azioni.iter_mut().flat_map(|a| &mut a.righe) {
        let mut j = 0;
        r.valori.retain(|_| {
            j += 1;
            piene[j - 1]
        });
    }
    scadenze
        .iter()
        .zip(&piene)
        .filter(|&(_, &piena)| piena)
        .map(|(s, _)| s.clone())
        .collect()
}

/// The node's own targets and baseline, when it is its own measure (it has either).
fn target_proprio(nodo: &Nodo) -> Option<(Option<&Target>, &BTreeMap<String, Target>)> {
    (!nodo.target.is_empty() || nodo.baseline.is_some())
        .then_some((nodo.baseline.as_ref(), &nodo.target))
}

/// The rows of a scheda in the summary tables: the node's own targets (worded by its
/// title), its indicators, then each action's own targets (worded by the action) and
/// indicators; indicators numbered from 1 through the scheda, read at `scadenze`.
fn sintesi(nodo: &Nodo, azioni: &[(&Nodo, String)], scadenze: &[String]) -> Vec<RigaSintesi> {
    let valori = |target: &BTreeMap<String, Target>| -> Vec<String> {
        scadenze
            .iter()
            .map(|s| testo_o_trattino(target.get(s)))
            .collect()
    };
    let mut righe = Vec::new();
    let mut numero = 0;
    let misure = std::iter::once((nodo, nodo.titolo.as_str()))
        .chain(azioni.iter().map(|(n, a)| (*n, a.as_str())));
    for (n, nome) in misure {
        if let Some((_, target)) = target_proprio(n) {
            righe.push(RigaSintesi {
                numero: None,
                descrizione: nome.to_string(),
                valori: valori(target),
            });
        }
        for ind in &n.indicatori {
            numero += 1;
            righe.push(RigaSintesi {
                numero: Some(numero),
                descrizione: ind.descrizione.clone(),
                valori: valori(&ind.target),
            });
        }
    }
    righe
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
    let mut out = Vec::new();
    let own = nodo.numero_scheda().map(str::to_string);
    collect_actions(piano, indice, &nodo.figli, voce, own, true, &mut out);
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

/// The actions among `nodes` and below them; `numero` is the scheda number of the one
/// before, which the direct actions of the node (`diretti`) may change.
fn collect_actions<'a>(
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
        out.push(Azione {
            nodo: n,
            vista: azione_view(n, v, righe_azione(n, &scadenze)),
            scheda: numero.clone(),
        });
        collect_actions(piano, indice, &n.figli, v, numero.clone(), false, out);
    }
}

/// The rows of an action in the actions' table, read at `scadenze`: its own targets, its
/// indicators, or one row of dashes when it has neither.
fn righe_azione(n: &Nodo, scadenze: &[String]) -> Vec<RigaAzione> {
    // The action's own targets first, its indicator cell empty: the action's
    // title, in the first column, says what they measure.
    let propri = target_proprio(n).map(|(baseline, target)| RigaAzione {
        numero: None,
        descrizione: String::new(),
        baseline: testo_o_trattino(baseline),
        peso: "-".into(),
        valori: scadenze
            .iter()
            .map(|s| testo_o_trattino(target.get(s)))
            .collect(),
        uffici: n.uffici.clone(),
        righe_uffici: 1,
        modificato: false,
    });
    let mut righe: Vec<RigaAzione> = propri
        .into_iter()
        .chain(
            n.indicatori
                .iter()
                .enumerate()
                .map(|(k, ind)| riga_indicatore(k + 1, ind, scadenze)),
        )
        .collect();
    if righe.is_empty() {
        righe.push(RigaAzione {
            numero: None,
            descrizione: "-".into(),
            baseline: "-".into(),
            peso: "-".into(),
            valori: scadenze.iter().map(|_| "-".into()).collect(),
            uffici: n.uffici.clone(),
            righe_uffici: 1,
            modificato: false,
        });
    }
    share_office_cells(&mut righe);
    righe
}

/// The row of an action's indicator number `numero`, read at `scadenze`.
fn riga_indicatore(
    numero: usize,
    ind: &crate::model::Indicatore,
    scadenze: &[String],
) -> RigaAzione {
    RigaAzione {
        numero: Some(numero),
        descrizione: ind.descrizione.clone(),
        baseline: ind
            .baseline
            .as_ref()
            .map_or_else(|| "-".into(), |b| b.testo()),
        peso: peso_indicatore(ind, scadenze),
        valori: scadenze
            .iter()
            .map(|s| ind.target.get(s).map_or_else(|| "-".into(), |t| t.testo()))
            .collect(),
        uffici: ind.uffici.clone(),
        righe_uffici: 1,
        modificato: false,
    }
}

/// An indicator's weight as printed: one percentage, or one per deadline
/// ("2024: 40,00%; 2025: 30,00%"), "-" when it has none.
pub(crate) fn peso_indicatore(ind: &crate::model::Indicatore, scadenze: &[String]) -> String {
    match &ind.peso {
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
    }
}

/// Makes consecutive rows with the same offices share one cell, as in the plans: the first
/// spans them, the others span none.
fn share_office_cells(righe: &mut [RigaAzione]) {
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
}

/// The action `n` at `v` as shown in its objective's scheda, with its table rows `righe`.
fn azione_view(n: &Nodo, v: &Voce, righe: Vec<RigaAzione>) -> AzioneView {
    AzioneView {
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
        sezioni_prima: del_nodo(&n.sezioni, &v.chiave, PosizioneSezione::Prima),
        // An action has no scheda, and its own actions are rows of the same
        // table: its sections after either follow its texts.
        sezioni_dopo: [PosizioneSezione::DopoScheda, PosizioneSezione::Dopo]
            .into_iter()
            .flat_map(|p| del_nodo(&n.sezioni, &v.chiave, p))
            .collect(),
    }
}

/// The budget link as printed: "Missione 011 – ...", "Programma 005 – ...".
pub(super) fn bilancio(b: &crate::model::Bilancio) -> BilancioView {
    BilancioView {
        missione: format!(
            "Missione {} – {}",
            b.missione.codice, b.missione.descrizione
        ),
        programma: format!(
            "Programma {} – {}",
            b.programma.codice, b.programma.descrizione
        ),
    }
}

fn risorse(righe: &[Risorsa], anni: &[String]) -> RisorseView {
    let mut view = RisorseView {
        anni: Vec::new(),
        importi: Vec::new(),
        stime: Vec::new(),
        budget_stime: false,
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
                budget: r.budget.clone().unwrap_or_else(|| "-".into()),
            });
            view.budget_stime |= r.budget.is_some();
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
    use serde_json::json;

    /// The schede of a plan with the given levels and tree, for 2024–2026.
    fn schede_di(livelli: serde_json::Value, extra: serde_json::Value) -> Vec<SchedaView> {
        let mut plan = json!({
            "ente": { "nome": "Comune di Prova" },
            "documento": { "titolo": "Piano", "anno_inizio": 2024, "anno_fine": 2026 },
            "livelli": livelli,
        });
        for (k, v) in extra.as_object().unwrap() {
            plan[k] = v.clone();
        }
        let piano: Piano = serde_json::from_value(plan).unwrap();
        let indice = Indice::build(&piano);
        crate::view::View::build(&piano, &indice, None)
            .aree
            .into_iter()
            .flat_map(|a| a.schede)
            .collect()
    }

    fn etichette(s: &[ScadenzaView]) -> Vec<&str> {
        s.iter().map(|c| c.etichetta.as_str()).collect()
    }

    /// Without `colonne`, today's headings; with them, the plan's, each table from the
    /// level of its rows: the indicators' from the scheda's level, the actions' from the
    /// actions' level.
    #[test]
    fn headings_come_from_the_level_of_the_rows() {
        let albero = json!({ "albero": [{ "titolo": "Area", "figli": [{
            "titolo": "Obiettivo",
            "indicatori": [{ "descrizione": "pratiche", "target": { "2024": "1" } }],
            "figli": [{ "titolo": "Azione", "indicatori": [{ "descrizione": "x",
                "target": { "2024": "1", "2025": "2", "2026": "3", "30/6": "4", "31/12": "5" } }] }]
        }] }] });
        let predefinite = schede_di(
            json!([
                { "nome": "Area", "plurale": "Aree", "scheda": false },
                { "nome": "Obiettivo", "plurale": "Obiettivi" },
                { "nome": "Azione", "plurale": "Azioni", "scheda": false }
            ]),
            albero.clone(),
        );
        let s = &predefinite[0];
        assert_eq!(
            s.colonne.indicatore,
            "Indicatore: descrizione e cosa misura"
        );
        assert_eq!(s.colonne.baseline, "Target storico di riferimento");
        assert_eq!(s.colonne.peso, "Peso");
        assert_eq!(
            etichette(&s.scadenze),
            [
                "Risultato atteso al 2024",
                "Risultato atteso al 2025",
                "Risultato atteso al 2026"
            ]
        );
        assert_eq!(s.scadenze[0].peso, "Peso al 2024");
        assert_eq!(s.tabella_azioni.colonne_azioni.indicatore, "Indicatore");
        assert_eq!(s.tabella_azioni.colonne_azioni.baseline, "Target storico");
        assert_eq!(s.tabella_azioni.colonne_azioni.uffici, "Servizi/Uffici");
        assert_eq!(s.tabella_azioni.colonne_azioni.periodo, "Periodo");
        assert_eq!(
            etichette(&s.tabella_azioni.scadenze_azioni),
            ["Target 2024", "Target 2025", "Target 2026"]
        );

        let proprie = schede_di(
            json!([
                { "nome": "Area", "plurale": "Aree", "scheda": false,
                  "colonne": { "indicatore": "Non usata" } },
                { "nome": "Obiettivo", "plurale": "Obiettivi",
                  "colonne": { "indicatore": "Indicatore", "target": "Target {scadenza}", "peso": "Peso %" } },
                { "nome": "Azione", "plurale": "Azioni", "scheda": false, "scadenze": ["30/6", "31/12"],
                  "colonne": { "baseline": "Baseline", "target": "Valore atteso", "uffici": "Responsabile", "periodo": "Tempi" } }
            ]),
            albero,
        );
        let s = &proprie[0];
        assert_eq!(s.colonne.indicatore, "Indicatore");
        assert_eq!(s.colonne.baseline, "Target storico di riferimento");
        assert_eq!(
            etichette(&s.scadenze),
            ["Target 2024", "Target 2025", "Target 2026"]
        );
        assert_eq!(s.scadenze[1].peso, "Peso % al 2025");
        assert_eq!(s.tabella_azioni.colonne_azioni.indicatore, "Indicatore");
        assert_eq!(s.tabella_azioni.colonne_azioni.baseline, "Baseline");
        assert_eq!(s.tabella_azioni.colonne_azioni.uffici, "Responsabile");
        assert_eq!(s.tabella_azioni.colonne_azioni.periodo, "Tempi");
        // A heading without `{scadenza}` over two columns gets the deadline after it.
        assert_eq!(
            etichette(&s.tabella_azioni.scadenze_azioni),
            ["Valore atteso 30/6", "Valore atteso 31/12"]
        );
        assert_eq!(
            intestazione_scadenza("Valore atteso", "2024", 1),
            "Valore atteso"
        );
    }

    /// A column empty in every row is left out: baseline and weight of the indicators, and
    /// in the actions' table the indicator column when no action has an indicator.
    #[test]
    fn columns_empty_in_every_row_are_left_out() {
        let livelli = json!([
            { "nome": "Area", "plurale": "Aree", "scheda": false },
            { "nome": "Obiettivo", "plurale": "Obiettivi" },
            { "nome": "Azione", "plurale": "Azioni", "scheda": false }
        ]);
        let s = &schede_di(
            livelli.clone(),
            json!({ "albero": [{ "titolo": "Area", "figli": [{ "titolo": "Obiettivo",
                "indicatori": [
                    { "descrizione": "a", "target": { "2024": "1" } },
                    { "descrizione": "b", "target": { "2024": "2" } }
                ],
                "figli": [{ "titolo": "Azione", "target": { "2024": "SI" } }]
            }] }] }),
        )[0];
        assert!(!s.baseline_indicatori && !s.pesi_indicatori);
        assert!(
            !s.tabella_azioni.indicatore_azioni
                && !s.tabella_azioni.baseline_azioni
                && !s.tabella_azioni.pesi_azioni
        );
        assert!(!s.tabella_azioni.uffici_azioni);
        let s = &schede_di(
            livelli,
            json!({ "albero": [{ "titolo": "Area", "figli": [{ "titolo": "Obiettivo",
                "indicatori": [
                    { "descrizione": "a", "target": { "2024": "1" } },
                    { "descrizione": "b", "baseline": "0", "peso": 100, "target": { "2024": "2" } }
                ],
                "figli": [
                    { "titolo": "Prima", "target": { "2024": "SI" } },
                    { "titolo": "Seconda", "indicatori": [{ "descrizione": "c", "uffici": ["Ragioneria"] }] }
                ]
            }] }] }),
        )[0];
        assert!(s.baseline_indicatori && s.pesi_indicatori);
        assert_eq!(s.indicatori[0].baseline, "-");
        assert_eq!(s.indicatori[0].peso, "-");
        assert!(s.tabella_azioni.indicatore_azioni && s.tabella_azioni.uffici_azioni);
    }

    /// The table of how an objective's achievement splits between its indicators and its
    /// children is shown only when the plan states `ponderazione`; the children's codes are
    /// the index's: none for an unnumbered level, the node's own `numero` when it has one.
    #[test]
    fn the_weighting_table_follows_the_plans_rule_and_codes() {
        let livelli = json!([
            { "nome": "Area", "plurale": "Aree", "scheda": false },
            { "nome": "Obiettivo strategico", "plurale": "Obiettivi strategici" },
            { "nome": "Obiettivo operativo", "plurale": "Obiettivi operativi", "numerato": false }
        ]);
        let albero = json!([{ "titolo": "Area", "figli": [{ "titolo": "Strategico",
            "indicatori": [{ "descrizione": "pratiche", "target": { "2024": "1" } }],
            "figli": [
                { "titolo": "Senza numero", "peso": 60 },
                { "titolo": "Con numero", "numero": "B7", "peso": 40 }
            ]
        }] }]);
        let senza = schede_di(livelli.clone(), json!({ "albero": albero.clone() }));
        assert!(senza[0].ponderazione.is_none());

        let con = schede_di(
            livelli,
            json!({ "albero": albero, "ponderazione": { "quota_indicatori": 40 } }),
        );
        let p = con[0].ponderazione.as_ref().unwrap();
        assert_eq!(p.quota_indicatori, "40,00%");
        assert_eq!(p.indicatori, ["pratiche"]);
        let figli: Vec<(&str, &str, &str, &str)> = p
            .figli
            .iter()
            .map(|f| {
                let (c, t) = (f.codice.as_str(), f.titolo.as_str());
                (c, t, f.peso.as_str(), f.peso_effettivo.as_str())
            })
            .collect();
        // 60% and 40% of the children's 60%: 36% and 24%.
        assert_eq!(
            figli,
            [
                ("", "Senza numero", "60,00%", "36,00%"),
                ("B7", "Con numero", "40,00%", "24,00%")
            ]
        );
    }

    /// A node with its own targets is its own measure: a target table in its scheda (no
    /// indicator worded by its title), a row with an empty indicator cell in its parent's
    /// actions' table, and an unnumbered row in the summary worded by its title.
    #[test]
    fn own_targets_are_one_implicit_indicator_printed_once() {
        let s = &schede_di(
            json!([
                { "nome": "Obiettivo", "plurale": "Obiettivi", "scheda": false },
                { "nome": "Risultato atteso", "plurale": "Risultati attesi" },
                { "nome": "Linea di azione", "plurale": "Linee di azione", "scheda": false }
            ]),
            json!({ "albero": [{ "titolo": "Obiettivo", "figli": [{ "titolo": "Più servizi online",
                "baseline": "12%",
                "target": { "2024": "30%", "2026": 70 },
                "indicatori": [{ "descrizione": "accessi", "target": { "2024": "1000" } }],
                "figli": [
                    { "titolo": "Pagamenti", "uffici": ["Ufficio piattaforme"],
                      "target": { "2025": "100 enti" },
                      "indicatori": [{ "descrizione": "enti aderenti", "target": { "2024": "50" } }] },
                    { "titolo": "Linee guida" }
                ]
            }] }] }),
        )[0];
        let t = s.target.as_ref().unwrap();
        assert_eq!(t.baseline.as_deref(), Some("12%"));
        assert_eq!(t.valori, ["30%", "-", "70"]);
        assert_eq!(s.indicatori.len(), 1);
        assert_eq!(s.indicatori[0].descrizione, "accessi");

        let righe: Vec<(Option<usize>, &str, &str, Vec<&str>)> = s
            .tabella_azioni
            .azioni
            .iter()
            .flat_map(|a| &a.righe)
            .map(|r| {
                let valori = r.valori.iter().map(String::as_str).collect();
                (
                    r.numero,
                    r.descrizione.as_str(),
                    r.baseline.as_str(),
                    valori,
                )
            })
            .collect();
        assert_eq!(
            righe,
            [
                // 2026 has no target in any row: its column is left out.
                (None, "", "-", vec!["-", "100 enti"]),
                (Some(1), "enti aderenti", "-", vec!["50", "-"]),
                (None, "-", "-", vec!["-", "-"]),
            ]
        );
        assert_eq!(
            s.tabella_azioni.azioni[0].righe[0].uffici,
            ["Ufficio piattaforme"]
        );
        assert!(s.tabella_azioni.indicatore_azioni);

        let sintesi: Vec<(Option<usize>, &str, Vec<&str>)> = s
            .sintesi
            .iter()
            .map(|r| {
                let valori = r.valori.iter().map(String::as_str).collect();
                (r.numero, r.descrizione.as_str(), valori)
            })
            .collect();
        assert_eq!(
            sintesi,
            [
                (None, "Più servizi online", vec!["30%", "-", "70"]),
                (Some(1), "accessi", vec!["1000", "-", "-"]),
                (
                    None,
                    "Linea di azione 1.1.1: Pagamenti",
                    vec!["-", "100 enti", "-"]
                ),
                (Some(2), "enti aderenti", vec!["50", "-", "-"]),
            ]
        );
    }

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
                    .tabella_azioni
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
