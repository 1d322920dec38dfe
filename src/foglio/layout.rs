//! The workbook's layout, defined once and read by both the export and the import: which
//! sheets there are, their columns (heading, kind of value, width, editable or reference),
//! and, for a given plan, the rows with each editable cell's JSON path. The export draws
//! these tables; the import compares a filled workbook with them.

use std::collections::HashMap;

use crate::consuntivo::{Consuntivo, RifIndicatore};
use crate::indice::{Indice, Voce};
use crate::misura::regole::TipoTarget;
use crate::model::{Indicatore, Nodo, Peso, Piano, Target, TipoIndicatore};

/// The values of a closed list: the indicator's types as the plan writes them.
pub const TIPI: &[&str] = &[
    "efficacia",
    "efficienza",
    "qualita",
    "volume",
    "outcome",
    "stato_risorse",
];

/// The answers of a yes/no target.
pub const SI_NO: &[&str] = &["SI", "NO"];

/// A sheet of the workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheda {
    /// The objectives of the tree and of the agencies: codes, titles, weights.
    Obiettivi,
    /// The indicators, one row each, with a column per deadline's target.
    Indicatori,
    /// The managers' assignments: one row per manager and objective.
    Assegnazioni,
    /// The year's results: target beside the value to fill.
    Risultati,
}

impl Scheda {
    /// The sheet's name in the workbook.
    pub fn nome(self) -> &'static str {
        match self {
            Scheda::Obiettivi => "Obiettivi",
            Scheda::Indicatori => "Indicatori",
            Scheda::Assegnazioni => "Assegnazioni",
            Scheda::Risultati => "Risultati",
        }
    }

    /// How many leading columns identify a row (the codes).
    pub fn chiave(self) -> usize {
        match self {
            Scheda::Obiettivi => 1,
            Scheda::Indicatori | Scheda::Assegnazioni => 2,
            Scheda::Risultati => 3,
        }
    }

    /// Whether the sheet edits the results file rather than the plan.
    pub fn nel_consuntivo(self) -> bool {
        self == Scheda::Risultati
    }
}

/// The name of the sheet that explains how to fill the others.
pub const LEGGIMI: &str = "Leggimi";

/// What a column holds, which decides how a cell is written and read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Genere {
    /// Words: a number typed here is an error.
    Testo,
    /// A percentage weight, 0–100, written as the plan states it (40 is 40%).
    Peso,
    /// A target or baseline: a number or words (`>= 250`, `SI`, `entro il 30/6/2021`).
    Target,
    /// One of [`TIPI`].
    Tipo,
    /// A measured value: a number, `SI`/`NO`, a date, words.
    Valore,
}

/// What a column is: its kind, and for the per-deadline columns the deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Campo {
    /// The row's key (code, number, manager, deadline), or a reference shown beside it.
    Riferimento,
    /// A field edited as is.
    Valore(Genere),
    /// The target at a deadline.
    Target(String),
    /// The indicator's weight at a deadline (or its single weight).
    Peso(Option<String>),
}

/// One column of a sheet.
#[derive(Debug, Clone)]
pub struct Colonna {
    /// Heading in row 1, Italian.
    pub intestazione: String,
    /// What it holds.
    pub campo: Campo,
    /// Width in characters.
    pub larghezza: f64,
}

impl Colonna {
    /// The kind of value the column holds.
    pub fn genere(&self) -> Genere {
        match &self.campo {
            Campo::Riferimento => Genere::Testo,
            Campo::Valore(g) => *g,
            Campo::Target(_) => Genere::Target,
            Campo::Peso(_) => Genere::Peso,
        }
    }

    /// Whether a clerk may fill the column (some of its cells may still be reference).
    pub fn modificabile(&self) -> bool {
        self.campo != Campo::Riferimento
    }
}

/// A column of a sheet as declared: heading, what it holds, width; `{s}` in the heading
/// of a per-deadline column stands for the deadline.
struct Dichiarata(&'static str, Spec, f64);

/// What a declared column holds.
#[derive(Clone, Copy)]
enum Spec {
    Rif,
    Val(Genere),
    /// One column per deadline: the target at each.
    Targets,
    /// One weight column, or one per deadline when a weight of the plan varies by deadline.
    Pesi,
}

/// The columns of every sheet, in order: the first [`Scheda::chiave`] are the row's key.
fn dichiarate(scheda: Scheda) -> &'static [Dichiarata] {
    use Genere::*;
    use Spec::*;
    match scheda {
        Scheda::Obiettivi => &[
            Dichiarata("Codice", Rif, 12.0),
            Dichiarata("Id", Rif, 14.0),
            Dichiarata("Livello", Rif, 20.0),
            Dichiarata("Titolo", Rif, 60.0),
            Dichiarata("Peso", Val(Peso), 10.0),
        ],
        Scheda::Indicatori => &[
            Dichiarata("Codice obiettivo", Rif, 12.0),
            Dichiarata("N.", Rif, 6.0),
            Dichiarata("Id", Rif, 12.0),
            Dichiarata("Descrizione", Val(Testo), 50.0),
            Dichiarata("Unità", Val(Testo), 10.0),
            Dichiarata("Formula", Val(Testo), 30.0),
            Dichiarata("Tipo", Val(Tipo), 14.0),
            Dichiarata("Fonte", Val(Testo), 20.0),
            Dichiarata("Baseline", Val(Target), 14.0),
            Dichiarata("Target {s}", Targets, 16.0),
            Dichiarata("Peso {s}", Pesi, 10.0),
        ],
        Scheda::Assegnazioni => &[
            Dichiarata("Dirigente", Rif, 28.0),
            Dichiarata("Obiettivo", Rif, 12.0),
            Dichiarata("Titolo", Rif, 60.0),
            Dichiarata("Peso", Val(Peso), 10.0),
        ],
        Scheda::Risultati => &[
            Dichiarata("Codice obiettivo", Rif, 12.0),
            Dichiarata("N.", Rif, 6.0),
            Dichiarata("Scadenza", Rif, 10.0),
            Dichiarata("Indicatore", Rif, 50.0),
            Dichiarata("Target", Rif, 16.0),
            Dichiarata("Risultato", Val(Valore), 16.0),
            Dichiarata("Fonte", Val(Testo), 20.0),
            Dichiarata("Note", Val(Testo), 40.0),
        ],
    }
}

/// A cell's content, as written to the sheet and as compared with what is read back.
#[derive(Debug, Clone, PartialEq)]
pub enum Dato {
    /// Nothing.
    Vuoto,
    /// A number.
    Numero(f64),
    /// Words.
    Testo(String),
}

impl Dato {
    /// A plan's target or baseline as the cell shows it: a number stays a number.
    pub fn di_target(t: Option<&Target>) -> Dato {
        match t {
            None => Dato::Vuoto,
            Some(Target::Numero(n)) => Dato::Numero(*n),
            Some(t) => Dato::Testo(t.testo()),
        }
    }

    /// Optional words.
    pub fn di_testo(t: Option<&str>) -> Dato {
        match t {
            None => Dato::Vuoto,
            Some(t) => Dato::Testo(t.to_string()),
        }
    }

    /// The content as messages show it: numbers in Italian form, with the decimals they
    /// have (`1.250`, `37,5`).
    pub fn testo(&self) -> String {
        match self {
            Dato::Vuoto => String::new(),
            Dato::Numero(n) if n.fract() == 0.0 => crate::format::format_plain(*n),
            Dato::Numero(n) => n.to_string().replace('.', ","),
            Dato::Testo(t) => t.clone(),
        }
    }

    /// The content in guillemets for a message, or `(vuoto)`.
    pub fn mostra(&self) -> String {
        match self.testo() {
            t if t.trim().is_empty() => "(vuoto)".to_string(),
            t => format!("«{t}»"),
        }
    }

    /// The content as part of a row's key: a code typed as a number (`1.1`, `2024`) as
    /// written, not in Italian form.
    pub fn chiave(&self) -> String {
        match self {
            Dato::Vuoto => String::new(),
            Dato::Numero(n) => n.to_string(),
            Dato::Testo(t) => t.trim().to_string(),
        }
    }

    /// The content as a CSV field: numbers as programs read them (`12.5`), a text that a
    /// spreadsheet would run as a formula after a `'` (as the open data).
    pub fn csv(&self) -> String {
        match self {
            Dato::Vuoto => String::new(),
            Dato::Numero(n) => n.to_string(),
            Dato::Testo(t) => crate::export::neutralised(t),
        }
    }
}

/// Where an editable cell's value lives.
#[derive(Debug, Clone, PartialEq)]
pub enum Dove {
    /// A JSON path in the plan (or, on the Risultati sheet, in the results file).
    Json(String),
    /// A field (`valore`, `fonte`, `note`) of a result the results file does not have
    /// yet: the import adds the result.
    Nuovo(&'static str),
}

/// One cell of a row: what it shows and, when a clerk may change it, where it goes.
#[derive(Debug, Clone)]
pub struct Cella {
    /// The content.
    pub dato: Dato,
    /// Where the value goes; `None` for a reference cell (greyed and locked).
    pub dove: Option<Dove>,
    /// The answers allowed, for a yes/no target or result.
    pub elenco: Option<&'static [&'static str]>,
}

impl Cella {
    fn rif(dato: Dato) -> Cella {
        Cella {
            dato,
            dove: None,
            elenco: None,
        }
    }

    fn json(dato: Dato, path: String) -> Cella {
        Cella {
            dato,
            dove: Some(Dove::Json(path)),
            elenco: None,
        }
    }
}

/// A new result's identity, when the results file has none for this row yet.
#[derive(Debug, Clone, PartialEq)]
pub struct NuovoRisultato {
    /// The objective: its code, or its `id` when it has no code.
    pub obiettivo: String,
    /// The indicator: its `id`, or its number; `None` for the node's own target.
    pub indicatore: Option<RifIndicatore>,
    /// The deadline.
    pub scadenza: String,
}

/// One row of a sheet.
#[derive(Debug, Clone)]
pub struct Riga {
    /// The cells, one per column.
    pub celle: Vec<Cella>,
    /// On the Risultati sheet, for a result the file does not have yet: how to add it.
    pub nuovo: Option<NuovoRisultato>,
    /// The manager the row belongs to (Risultati: the objective's managers), for the
    /// per-manager workbooks.
    pub dirigenti: Vec<usize>,
}

impl Riga {
    /// The row's key: its first cells' text.
    pub fn chiave(&self, n: usize) -> Vec<String> {
        self.celle[..n].iter().map(|c| c.dato.chiave()).collect()
    }
}

/// One sheet of a plan's workbook: its columns and rows.
#[derive(Debug, Clone)]
pub struct Tabella {
    /// Which sheet.
    pub scheda: Scheda,
    /// Columns, in order.
    pub colonne: Vec<Colonna>,
    /// Rows, in the plan's order.
    pub righe: Vec<Riga>,
}

impl Tabella {
    /// The rows by key.
    pub fn per_chiave(&self) -> HashMap<Vec<String>, usize> {
        let n = self.scheda.chiave();
        self.righe
            .iter()
            .enumerate()
            .map(|(i, r)| (r.chiave(n), i))
            .collect()
    }
}

/// The workbook of a plan: its sheets, in order.
#[derive(Debug, Clone)]
pub struct Cartella {
    /// The sheets.
    pub tabelle: Vec<Tabella>,
    /// Managers' names, by position in `assegnazioni.dirigenti`.
    pub dirigenti: Vec<String>,
    /// The results year, when the workbook has a Risultati sheet.
    pub anno: Option<i32>,
}

impl Cartella {
    /// The tables of `piano` (and of its results file, when given).
    pub fn di(piano: &Piano, indice: &Indice, consuntivo: Option<&Consuntivo>) -> Cartella {
        let dirigenti = piano
            .assegnazioni
            .as_ref()
            .map(|a| a.dirigenti.iter().map(|d| d.nome.clone()).collect())
            .unwrap_or_default();
        let mut tabelle = vec![obiettivi(piano, indice), indicatori(piano, indice)];
        if piano.assegnazioni.is_some() {
            tabelle.push(assegnazioni(piano, indice));
        }
        if let Some(c) = consuntivo {
            tabelle.push(risultati(piano, indice, c));
        }
        Cartella {
            tabelle,
            dirigenti,
            anno: consuntivo.map(|c| c.anno),
        }
    }

    /// The sheet of this kind, if the workbook has it.
    pub fn tabella(&self, scheda: Scheda) -> Option<&Tabella> {
        self.tabelle.iter().find(|t| t.scheda == scheda)
    }
}

/// The columns of a sheet for a plan whose deadlines, in order, are `scadenze`.
pub fn colonne(scheda: Scheda, scadenze: &[String], pesi_per_scadenza: bool) -> Vec<Colonna> {
    let mut out = Vec::new();
    for Dichiarata(intestazione, spec, larghezza) in dichiarate(scheda) {
        let una = |campo| Colonna {
            intestazione: intestazione.to_string(),
            campo,
            larghezza: *larghezza,
        };
        let per_scadenza = |campo: &dyn Fn(String) -> Campo| -> Vec<Colonna> {
            scadenze
                .iter()
                .map(|s| Colonna {
                    intestazione: intestazione.replace("{s}", s),
                    campo: campo(s.clone()),
                    larghezza: *larghezza,
                })
                .collect()
        };
        match spec {
            Spec::Rif => out.push(una(Campo::Riferimento)),
            Spec::Val(g) => out.push(una(Campo::Valore(*g))),
            Spec::Targets => out.extend(per_scadenza(&Campo::Target)),
            Spec::Pesi if pesi_per_scadenza => out.extend(per_scadenza(&|s| Campo::Peso(Some(s)))),
            Spec::Pesi => out.push(Colonna {
                intestazione: intestazione.replace(" {s}", ""),
                campo: Campo::Peso(None),
                larghezza: *larghezza,
            }),
        }
    }
    out
}

/// Every deadline of the plan's levels, in the order they first appear.
pub fn scadenze(piano: &Piano, indice: &Indice) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in indice.voci() {
        for s in piano.documento.scadenze(v.livello(piano)) {
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

fn obiettivi(piano: &Piano, indice: &Indice) -> Tabella {
    let righe = indice
        .con_nodi(piano)
        .map(|(nodo, voce)| Riga {
            celle: vec![
                Cella::rif(Dato::Testo(voce.chiave.clone())),
                Cella::rif(Dato::di_testo(nodo.id.as_deref())),
                Cella::rif(Dato::Testo(voce.nome_livello.clone())),
                Cella::rif(Dato::Testo(voce.titolo.clone())),
                Cella::json(
                    nodo.peso.map_or(Dato::Vuoto, Dato::Numero),
                    format!("{}.peso", voce.percorso),
                ),
            ],
            nuovo: None,
            dirigenti: Vec::new(),
        })
        .collect();
    Tabella {
        scheda: Scheda::Obiettivi,
        colonne: colonne(Scheda::Obiettivi, &[], false),
        righe,
    }
}

fn indicatori(piano: &Piano, indice: &Indice) -> Tabella {
    let tutte = scadenze(piano, indice);
    let per_scadenza = indice.con_nodi(piano).any(|(n, _)| {
        n.indicatori
            .iter()
            .any(|i| matches!(i.peso, Some(Peso::PerScadenza(_))))
    });
    let colonne = colonne(Scheda::Indicatori, &tutte, per_scadenza);
    let mut righe = Vec::new();
    for (nodo, voce) in indice.con_nodi(piano) {
        let proprie = piano.documento.scadenze(voce.livello(piano));
        if !nodo.target.is_empty() {
            righe.push(target_proprio(nodo, voce, &colonne, &proprie));
        }
        for (k, ind) in nodo.indicatori.iter().enumerate() {
            righe.push(indicatore(ind, voce, k, &colonne, &proprie));
        }
    }
    Tabella {
        scheda: Scheda::Indicatori,
        colonne,
        righe,
    }
}

/// A node's own target, as a row whose description is the node's title (reference).
fn target_proprio(nodo: &Nodo, voce: &Voce, colonne: &[Colonna], proprie: &[String]) -> Riga {
    let base = &voce.percorso;
    let celle = colonne
        .iter()
        .enumerate()
        .map(|(c, col)| match (&col.campo, c) {
            (_, 0) => Cella::rif(Dato::Testo(voce.chiave.clone())),
            (_, 3) => Cella::rif(Dato::Testo(voce.titolo.clone())),
            (Campo::Valore(Genere::Target), _) => Cella::json(
                Dato::di_target(nodo.baseline.as_ref()),
                format!("{base}.baseline"),
            ),
            (Campo::Target(s), _) if proprie.contains(s) => target_cell(
                nodo.target.get(s),
                format!("{base}.target{}", chiave_json(s)),
            ),
            _ => Cella::rif(Dato::Vuoto),
        })
        .collect();
    Riga {
        celle,
        nuovo: None,
        dirigenti: Vec::new(),
    }
}

fn indicatore(
    ind: &Indicatore,
    voce: &Voce,
    k: usize,
    colonne: &[Colonna],
    proprie: &[String],
) -> Riga {
    let base = format!("{}.indicatori[{k}]", voce.percorso);
    let testo =
        |campo: &str, v: Option<&str>| Cella::json(Dato::di_testo(v), format!("{base}.{campo}"));
    let tipo = ind.tipo.map(nome_tipo);
    let mut celle = vec![
        Cella::rif(Dato::Testo(voce.chiave.clone())),
        Cella::rif(Dato::Numero((k + 1) as f64)),
        Cella::rif(Dato::di_testo(ind.id.as_deref())),
        testo("descrizione", Some(&ind.descrizione)),
        testo("unita", ind.unita.as_deref()),
        testo("formula", ind.formula.as_deref()),
        Cella {
            elenco: Some(TIPI),
            ..testo("tipo", tipo)
        },
        testo("fonte", ind.fonte.as_deref()),
        Cella::json(
            Dato::di_target(ind.baseline.as_ref()),
            format!("{base}.baseline"),
        ),
    ];
    for col in &colonne[celle.len()..] {
        celle.push(match &col.campo {
            Campo::Target(s) if proprie.contains(s) => target_cell(
                ind.target.get(s),
                format!("{base}.target{}", chiave_json(s)),
            ),
            Campo::Peso(None) => Cella::json(
                ind.peso_at("").map_or(Dato::Vuoto, Dato::Numero),
                format!("{base}.peso"),
            ),
            Campo::Peso(Some(s)) if proprie.contains(s) => {
                let path = match &ind.peso {
                    Some(Peso::PerScadenza(_)) => format!("{base}.peso{}", chiave_json(s)),
                    // A single weight shown under every deadline: the import writes one
                    // number back while every column agrees.
                    _ => format!("{base}.peso"),
                };
                Cella::json(ind.peso_at(s).map_or(Dato::Vuoto, Dato::Numero), path)
            }
            _ => Cella::rif(Dato::Vuoto),
        });
    }
    Riga {
        celle,
        nuovo: None,
        dirigenti: Vec::new(),
    }
}

/// A target cell, with the yes/no list when the target is `SI`.
fn target_cell(t: Option<&Target>, path: String) -> Cella {
    Cella {
        elenco: si_no(t),
        ..Cella::json(Dato::di_target(t), path)
    }
}

fn si_no(t: Option<&Target>) -> Option<&'static [&'static str]> {
    t.filter(|t| TipoTarget::di(t) == TipoTarget::SiNo)
        .map(|_| SI_NO)
}

/// The type's name as the plan writes it.
pub fn nome_tipo(t: TipoIndicatore) -> &'static str {
    match t {
        TipoIndicatore::Efficacia => TIPI[0],
        TipoIndicatore::Efficienza => TIPI[1],
        TipoIndicatore::Qualita => TIPI[2],
        TipoIndicatore::Volume => TIPI[3],
        TipoIndicatore::Outcome => TIPI[4],
        TipoIndicatore::StatoRisorse => TIPI[5],
    }
}

/// A map key as a JSON path segment: `.30/6` (a segment after a dot is always a key).
pub fn chiave_json(k: &str) -> String {
    format!(".{k}")
}

fn assegnazioni(piano: &Piano, indice: &Indice) -> Tabella {
    let mut righe = Vec::new();
    if let Some(a) = &piano.assegnazioni {
        for (di, d) in a.dirigenti.iter().enumerate() {
            for (oi, o) in d.obiettivi.iter().enumerate() {
                let titolo = indice.cerca(&o.obiettivo).map(|v| v.titolo.clone());
                righe.push(Riga {
                    celle: vec![
                        Cella::rif(Dato::Testo(d.nome.clone())),
                        Cella::rif(Dato::Testo(o.obiettivo.clone())),
                        Cella::rif(Dato::di_testo(titolo.as_deref().or(o.titolo.as_deref()))),
                        Cella::json(
                            Dato::Numero(o.peso),
                            format!("assegnazioni.dirigenti[{di}].obiettivi[{oi}].peso"),
                        ),
                    ],
                    nuovo: None,
                    dirigenti: vec![di],
                });
            }
        }
    }
    Tabella {
        scheda: Scheda::Assegnazioni,
        colonne: colonne(Scheda::Assegnazioni, &[], false),
        righe,
    }
}

/// The managers each node belongs to: those it is assigned to, and those of its ancestors
/// (a manager answers for the objectives under theirs).
fn dirigenti_per_voce(piano: &Piano, indice: &Indice) -> Vec<Vec<usize>> {
    let voci = indice.voci();
    let mut out = vec![Vec::new(); voci.len()];
    if let Some(a) = &piano.assegnazioni {
        for (di, d) in a.dirigenti.iter().enumerate() {
            for o in &d.obiettivi {
                let Some(v) = indice.cerca(&o.obiettivo) else {
                    continue;
                };
                let Some(i) = voci.iter().position(|x| std::ptr::eq(x, v)) else {
                    continue;
                };
                // The node and everything under it.
                let mut pila = vec![i];
                while let Some(j) = pila.pop() {
                    if !out[j].contains(&di) {
                        out[j].push(di);
                    }
                    pila.extend(&voci[j].figli);
                }
            }
        }
    }
    out
}

/// The deadlines of a level that belong to the results year: the year itself, or every
/// deadline within a year (`30/6`, `31/12`).
pub fn scadenze_dell_anno(scadenze: &[String], anno: i32) -> Vec<String> {
    let y = anno.to_string();
    if scadenze.contains(&y) {
        return vec![y];
    }
    if scadenze.iter().all(|s| s.contains('/')) {
        return scadenze.to_vec();
    }
    Vec::new()
}

fn risultati(piano: &Piano, indice: &Indice, consuntivo: &Consuntivo) -> Tabella {
    let abbinati = crate::misura::abbinamenti(piano, indice, consuntivo);
    let dirigenti = dirigenti_per_voce(piano, indice);
    let mut righe = Vec::new();
    for (vi, (nodo, voce)) in indice.con_nodi(piano).enumerate() {
        let scadenze = piano.documento.scadenze(voce.livello(piano));
        let proprio = (!nodo.target.is_empty()).then_some((None, &voce.titolo, &nodo.target, None));
        let misure = proprio.into_iter().chain(
            nodo.indicatori
                .iter()
                .enumerate()
                .map(|(k, i)| (Some(k + 1), &i.descrizione, &i.target, i.id.as_ref())),
        );
        for (numero, descrizione, targets, id) in misure {
            for s in scadenze_dell_anno(&scadenze, consuntivo.anno) {
                let Some(target) = targets.get(&s).filter(|t| t.applicabile()) else {
                    continue;
                };
                let esistente = abbinati.get(&(vi, numero, s.clone())).copied();
                let r = esistente.map(|i| &consuntivo.risultati[i]);
                let campo = |nome: &'static str, dato: Dato| Cella {
                    dato,
                    dove: Some(match esistente {
                        Some(i) => Dove::Json(format!("risultati[{i}].{nome}")),
                        None => Dove::Nuovo(nome),
                    }),
                    elenco: None,
                };
                let valore = r
                    .and_then(|r| r.valore.as_ref())
                    .map_or(Dato::Vuoto, |v| match v {
                        crate::consuntivo::Valore::Numero(n) => Dato::Numero(*n),
                        crate::consuntivo::Valore::Testo(t) => Dato::Testo(t.clone()),
                    });
                let celle = vec![
                    Cella::rif(Dato::Testo(voce.chiave.clone())),
                    Cella::rif(numero.map_or(Dato::Vuoto, |n| Dato::Numero(n as f64))),
                    Cella::rif(Dato::Testo(s.clone())),
                    Cella::rif(Dato::Testo(descrizione.clone())),
                    Cella::rif(Dato::di_target(Some(target))),
                    Cella {
                        elenco: si_no(Some(target)),
                        ..campo("valore", valore)
                    },
                    campo("fonte", Dato::di_testo(r.and_then(|r| r.fonte.as_deref()))),
                    campo("note", Dato::di_testo(r.and_then(|r| r.note.as_deref()))),
                ];
                // A new result names its objective by printed code, or by `id` where the
                // code does not reach it (an agency's objective, an unnumbered level).
                let obiettivo = match (&voce.ramo, voce.codice.is_empty(), &nodo.id) {
                    (crate::indice::Ramo::Albero, false, _) => Some(voce.codice.clone()),
                    (_, _, Some(id)) => Some(id.clone()),
                    _ => None,
                };
                let nuovo = match (esistente, obiettivo) {
                    (Some(_), _) => None,
                    (None, None) => continue,
                    (None, Some(obiettivo)) => Some(NuovoRisultato {
                        obiettivo,
                        indicatore: numero.map(|n| match id {
                            Some(id) => RifIndicatore::Id(id.clone()),
                            None => RifIndicatore::Numero(n),
                        }),
                        scadenza: s.clone(),
                    }),
                };
                righe.push(Riga {
                    celle,
                    nuovo,
                    dirigenti: dirigenti[vi].clone(),
                });
            }
        }
    }
    Tabella {
        scheda: Scheda::Risultati,
        colonne: colonne(Scheda::Risultati, &[], false),
        righe,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_deadline_columns_expand_in_place() {
        let s = vec!["2021".to_string(), "30/6".to_string()];
        let titoli = |per: bool| -> Vec<String> {
            colonne(Scheda::Indicatori, &s, per)
                .into_iter()
                .map(|c| c.intestazione)
                .collect()
        };
        assert_eq!(
            titoli(true)[9..],
            ["Target 2021", "Target 30/6", "Peso 2021", "Peso 30/6"]
        );
        assert_eq!(titoli(false)[9..], ["Target 2021", "Target 30/6", "Peso"]);
    }

    #[test]
    fn the_deadlines_of_a_year() {
        let v = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            scadenze_dell_anno(&v(&["2021", "2022"]), 2021),
            v(&["2021"])
        );
        assert_eq!(
            scadenze_dell_anno(&v(&["30/6", "31/12"]), 2021),
            v(&["30/6", "31/12"])
        );
        assert_eq!(scadenze_dell_anno(&v(&["2022", "2023"]), 2021), v(&[]));
    }
}
