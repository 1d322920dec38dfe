//! Diff stage: what changed from one version of a plan to the next, keyed by objective and
//! indicator rather than by position in the JSON.
//!
//! **Identity.** An objective is the same in both versions when:
//! 1. both have an `id` and it is the same (two different `id`s are two objectives, whatever
//!    their titles);
//! 2. otherwise, it has the same title (compared lowercase, without punctuation) under the
//!    same parent;
//! 3. otherwise, its title is found exactly once among the still unpaired objectives of the
//!    same level in the other version: it was **moved**;
//! 4. otherwise, among the unpaired children of the same parent, the most similar one by
//!    title, description or indicators, if similar enough (ties go to the nearer position):
//!    it was **renamed**.
//!
//! Indicators follow the same steps inside their objective (`id`, then description, then a
//! description found once elsewhere: moved; then similarity: reworded). So inserting an
//! objective is one addition plus the renumbering of those after it, never a cascade of
//! changed titles and targets.

mod generico;
pub mod report;
pub mod segni;
pub mod testo;

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use crate::indice::{Indice, Ramo};
use crate::inline::plain;
use crate::model::{Atto, Dirigente, Indicatore, Livello, Nodo, Peso, Piano, Target};
use generico::Raccolta;
pub use generico::{Luogo, Passo};
pub use testo::{Segmento, TipoSegmento};

/// Below this similarity two unpaired siblings are a removal and an addition, not a rename.
const SOGLIA_SOMIGLIANZA: f64 = 0.5;

/// What happened to an objective, an indicator or an act.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Genere {
    /// Only in the new version.
    Aggiunto,
    /// Only in the old version.
    Eliminato,
    /// Under another parent.
    Spostato,
    /// Same parent, another code or number.
    Rinumerato,
    /// Same objective, another title (or indicator, another description).
    Rinominato,
    /// Same act, another subject.
    Modificato,
}

/// An objective as a change names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rif {
    /// Code derived from its position ("1.1.2"; "Azienda Speciale Pro Brixia 1" in an
    /// agency): the key of the marks of `piano build --confronta`.
    pub chiave: String,
    /// Code as the documents print it: the same as `chiave` until
    /// [`Differenze::numeri_stampati`] sets the body's own numbers.
    pub codice: String,
    /// JSON path of the objective in its version (`albero[0].figli[1]`).
    pub percorso: String,
    /// Whether it is an objective of the old version.
    pub vecchio: bool,
}

/// Where an objective hangs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Genitore {
    /// Under another objective.
    Obiettivo(Rif),
    /// At the top of the main tree.
    PrimoLivello,
    /// At the top of an agency's objectives, by the agency's name.
    Azienda(String),
}

/// An act of the plan added, removed or with another subject.
#[derive(Debug, Clone)]
pub struct ModificaAtto {
    /// Added, removed or modified.
    pub genere: Genere,
    /// The act (the new version's, or the old one's when removed).
    pub atto: Atto,
    /// The old subject of a modified act.
    pub oggetto_prima: Option<String>,
    /// JSON path of the act in its version.
    pub percorso: String,
}

/// An objective added, removed, moved, renumbered or renamed.
#[derive(Debug, Clone)]
pub struct ModificaObiettivo {
    /// What happened (a renamed objective may also be moved or renumbered).
    pub generi: Vec<Genere>,
    /// Name of its level.
    pub livello: String,
    /// The objective in the old version, `None` when added.
    pub prima: Option<Rif>,
    /// The objective in the new version, `None` when removed.
    pub dopo: Option<Rif>,
    /// Title: word changes when renamed, else the title.
    pub titolo: Vec<Segmento>,
    /// An added objective: its weight and how many indicators it has.
    pub aggiunto: Option<(Option<f64>, usize)>,
    /// A moved objective: its parent before and after.
    pub spostato: Option<(Genitore, Genitore)>,
}

/// An indicator added, removed, moved, renumbered or reworded.
#[derive(Debug, Clone)]
pub struct ModificaIndicatore {
    /// What happened.
    pub generi: Vec<Genere>,
    /// Its objective in the new version.
    pub obiettivo: Rif,
    /// Its objective in the old version, `None` when added.
    pub obiettivo_prima: Option<Rif>,
    /// Number in the old version (from 1), `None` when added.
    pub numero_prima: Option<usize>,
    /// Number in the new version (from 1), `None` when removed.
    pub numero_dopo: Option<usize>,
    /// Description: word changes when reworded, else the description.
    pub descrizione: Vec<Segmento>,
    /// An added indicator, with the deadlines its targets and weights are read at.
    pub aggiunto: Option<(Indicatore, Vec<String>)>,
}

/// Which value of an indicator or objective changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Voce {
    /// The baseline of the indicator, or of the objective's own targets.
    Baseline,
    /// The target at a deadline of the indicator, or of the objective itself.
    Target(String),
    /// The indicator's weight, the same at every deadline.
    Peso,
    /// The indicator's weight at a deadline.
    PesoAl(String),
    /// The objective's own weight.
    PesoObiettivo,
}

/// A target, baseline or weight as a change carries it.
#[derive(Debug, Clone)]
pub enum Valore {
    /// A weight, in percent.
    Percentuale(f64),
    /// A target or baseline.
    Target(Target),
}

/// A target, baseline or weight changed.
#[derive(Debug, Clone)]
pub struct ModificaValore {
    /// The objective, in the new version.
    pub obiettivo: Rif,
    /// The indicator (number from 1, description), `None` for the objective's own weight
    /// or targets.
    pub indicatore: Option<(usize, String)>,
    /// The objective's title.
    pub titolo: String,
    /// Which value.
    pub voce: Voce,
    /// Old value, `None` when not set.
    pub prima: Option<Valore>,
    /// New value, `None` when not set.
    pub dopo: Option<Valore>,
}

/// A manager as the assignments name them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Persona {
    /// Honorific ("Dott."), if any.
    pub titolo: Option<String>,
    /// Name.
    pub nome: String,
}

/// An assigned objective.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Assegnato {
    /// An objective of the tree, with its title.
    Obiettivo(Rif, String),
    /// A reference to no objective, as written (a plan with errors).
    Riferimento(String),
}

/// What happened to an objective in a manager's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GenereAssegnazione {
    /// Newly assigned.
    Assegnato,
    /// No longer assigned to anyone.
    NonPiuAssegnato,
    /// Same manager, another weight.
    PesoModificato,
    /// Assigned before to another manager.
    Riassegnato(Persona),
}

/// An objective assigned, unassigned, reassigned or reweighted in a manager's list.
#[derive(Debug, Clone)]
pub struct ModificaAssegnazione {
    /// The manager.
    pub dirigente: Persona,
    /// The objective.
    pub obiettivo: Assegnato,
    /// What happened.
    pub genere: GenereAssegnazione,
    /// Old weight, `None` when not assigned.
    pub prima: Option<f64>,
    /// New weight, `None` when no longer assigned.
    pub dopo: Option<f64>,
    /// JSON path of the assignment in its version.
    pub percorso: String,
}

/// A narrative text changed, word by word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModificaTesto {
    /// Where.
    pub dove: Luogo,
    /// The compact word changes.
    pub segmenti: Vec<Segmento>,
}

/// Any other value changed.
#[derive(Debug, Clone, PartialEq)]
pub struct ModificaCampo {
    /// Where.
    pub dove: Luogo,
    /// Old value, `None` when absent.
    pub prima: Option<Value>,
    /// New value, `None` when absent.
    pub dopo: Option<Value>,
}

/// Every change between two versions of a plan, one list per kind, in document order.
#[derive(Debug, Clone, Default)]
pub struct Differenze {
    /// Acts (validation, adoption, amendments).
    pub atti: Vec<ModificaAtto>,
    /// Objectives of the tree and of the agencies.
    pub obiettivi: Vec<ModificaObiettivo>,
    /// Indicators of objectives present in both versions.
    pub indicatori: Vec<ModificaIndicatore>,
    /// Targets, baselines and weights.
    pub valori: Vec<ModificaValore>,
    /// Assignments to managers.
    pub assegnazioni: Vec<ModificaAssegnazione>,
    /// Narrative texts.
    pub testi: Vec<ModificaTesto>,
    /// Everything else.
    pub altre: Vec<ModificaCampo>,
}

impl Differenze {
    /// Writes the objectives' codes as the documents print them: a body's own numbers
    /// (`numero`) instead of positions, and a short title for an objective of an unnumbered
    /// level. Identity is settled by then, and marks for `--confronta` use the positions
    /// (`chiave`), which stay.
    pub fn numeri_stampati(&mut self, old: &Piano, new: &Piano) {
        fn map(piano: &Piano) -> HashMap<String, String> {
            let indice = Indice::build(piano);
            let voci = indice.voci().iter();
            voci.map(|v| (v.chiave.clone(), v.riferimento.clone()))
                .collect()
        }
        let (mo, mn) = (map(old), map(new));
        self.per_ogni_rif(&mut |r| {
            let m = if r.vecchio { &mo } else { &mn };
            if let Some(v) = m.get(r.chiave.as_str()) {
                r.codice = v.clone();
            }
        });
    }

    /// Calls `f` on every objective named by a change.
    fn per_ogni_rif(&mut self, f: &mut dyn FnMut(&mut Rif)) {
        for o in &mut self.obiettivi {
            o.prima
                .iter_mut()
                .chain(o.dopo.iter_mut())
                .for_each(&mut *f);
            for g in o.spostato.iter_mut().flat_map(|(a, b)| [a, b]) {
                if let Genitore::Obiettivo(r) = g {
                    f(r);
                }
            }
        }
        for i in &mut self.indicatori {
            f(&mut i.obiettivo);
            i.obiettivo_prima.iter_mut().for_each(&mut *f);
        }
        self.valori.iter_mut().for_each(|v| f(&mut v.obiettivo));
        for a in &mut self.assegnazioni {
            if let Assegnato::Obiettivo(r, _) = &mut a.obiettivo {
                f(r);
            }
        }
        let luoghi = self.testi.iter_mut().map(|t| &mut t.dove);
        for l in luoghi.chain(self.altre.iter_mut().map(|a| &mut a.dove)) {
            for p in &mut l.passi {
                if let Passo::Obiettivo(r) = p {
                    f(r);
                }
            }
        }
    }

    /// Whether the two versions are the same plan.
    pub fn is_empty(&self) -> bool {
        self.atti.is_empty()
            && self.obiettivi.is_empty()
            && self.indicatori.is_empty()
            && self.valori.is_empty()
            && self.assegnazioni.is_empty()
            && self.testi.is_empty()
            && self.altre.is_empty()
    }

    /// The JSON path of every change: where in its version the changed value is (or the
    /// added or removed object).
    pub fn percorsi(&self) -> Vec<String> {
        let mut out: Vec<String> = self.atti.iter().map(|a| a.percorso.clone()).collect();
        for o in &self.obiettivi {
            let Some(r) = o.dopo.as_ref().or(o.prima.as_ref()) else {
                continue;
            };
            if o.generi.contains(&Genere::Rinominato) {
                out.push(format!("{}.titolo", r.percorso));
            } else {
                out.push(r.percorso.clone());
            }
        }
        for i in &self.indicatori {
            let (r, n) = match (&i.obiettivo_prima, i.numero_prima, i.numero_dopo) {
                (_, _, Some(n)) => (&i.obiettivo, n),
                (Some(r), Some(n), None) => (r, n),
                _ => continue,
            };
            let p = format!("{}.indicatori[{}]", r.percorso, n - 1);
            if i.generi.contains(&Genere::Rinominato) {
                out.push(format!("{p}.descrizione"));
            } else {
                out.push(p);
            }
        }
        for v in &self.valori {
            let base = match &v.indicatore {
                Some((n, _)) => format!("{}.indicatori[{}]", v.obiettivo.percorso, n - 1),
                None => v.obiettivo.percorso.clone(),
            };
            out.push(match &v.voce {
                Voce::Baseline => format!("{base}.baseline"),
                Voce::Target(s) => format!("{base}.target.{s}"),
                Voce::Peso | Voce::PesoObiettivo => format!("{base}.peso"),
                Voce::PesoAl(s) => format!("{base}.peso.{s}"),
            });
        }
        out.extend(self.assegnazioni.iter().map(|a| a.percorso.clone()));
        out.extend(self.testi.iter().map(|t| t.dove.percorso.clone()));
        out.extend(self.altre.iter().map(|a| a.dove.percorso.clone()));
        out
    }
}

/// A node of either version, flattened in document order.
struct Posto<'a> {
    nodo: &'a Nodo,
    /// Derived code ("1.1.2"; "Azienda Speciale Pro Brixia 1" for agencies).
    codice: String,
    /// JSON path (`albero[0].figli[1]`).
    percorso: String,
    /// 0 for the main tree, 1 + index for each agency.
    ramo: usize,
    parent: Option<usize>,
    depth: usize,
    livello: Option<&'a Livello>,
}

impl Posto<'_> {
    /// How changes name this objective; `vecchio` when it is of the old version.
    fn rif(&self, vecchio: bool) -> Rif {
        Rif {
            chiave: self.codice.clone(),
            codice: self.codice.clone(),
            percorso: self.percorso.clone(),
            vecchio,
        }
    }
}

/// An indicator of either version, flattened in document order.
struct PostoInd<'a> {
    ind: &'a Indicatore,
    /// Its node in the flattened list.
    nodo: usize,
    /// Position in its node, from 0.
    pos: usize,
}

fn appiattisci(piano: &Piano) -> Vec<Posto<'_>> {
    let indice = Indice::build(piano);
    indice
        .con_nodi(piano)
        .map(|(nodo, v)| Posto {
            nodo,
            codice: v.chiave.clone(),
            percorso: v.percorso.clone(),
            ramo: match v.ramo {
                Ramo::Albero => 0,
                Ramo::Azienda(k) => k + 1,
            },
            parent: v.padre,
            depth: v.profondita,
            livello: v.livello(piano),
        })
        .collect()
}

fn appiattisci_indicatori<'a>(voci: &[Posto<'a>]) -> Vec<PostoInd<'a>> {
    voci.iter()
        .enumerate()
        .flat_map(|(n, v)| {
            v.nodo
                .indicatori
                .iter()
                .enumerate()
                .map(move |(pos, ind)| PostoInd { ind, nodo: n, pos })
        })
        .collect()
}

/// A title or description reduced to its words, lowercase, for identity.
pub fn normalizza(s: &str) -> String {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether both sides carry an `id` and they differ: then they are different objects.
fn id_diversi(a: Option<&String>, b: Option<&String>) -> bool {
    matches!((a, b), (Some(x), Some(y)) if x.trim() != y.trim())
}

/// Old ↔ new pairing of a list of items.
struct Abbinamento {
    avanti: Vec<Option<usize>>,
    indietro: Vec<Option<usize>>,
}

impl Abbinamento {
    fn new(old: usize, new: usize) -> Self {
        Abbinamento {
            avanti: vec![None; old],
            indietro: vec![None; new],
        }
    }
    fn unisci(&mut self, o: usize, n: usize) {
        if self.avanti[o].is_none() && self.indietro[n].is_none() {
            self.avanti[o] = Some(n);
            self.indietro[n] = Some(o);
        }
    }
    fn libero_vecchio(&self, o: usize) -> bool {
        self.avanti[o].is_none()
    }
    fn libero_nuovo(&self, n: usize) -> bool {
        self.indietro[n].is_none()
    }
    /// Where an unpaired old item goes among the new ones: after the counterpart of the
    /// nearest paired item before it.
    fn posto_eliminato(&self, o: usize) -> usize {
        (0..o)
            .rev()
            .find_map(|p| self.avanti[p])
            .map_or(0, |n| n + 1)
    }
}

/// Pairs unpaired siblings by similarity: the most similar pairs first, ties to the pair
/// whose positions among the unpaired are nearest.
fn abbina_per_somiglianza(
    m: &mut Abbinamento,
    old: &[usize],
    new: &[usize],
    ammesso: &dyn Fn(usize, usize) -> bool,
    somiglianza: &dyn Fn(usize, usize) -> f64,
) {
    let mut candidati = Vec::new();
    for (i, &o) in old.iter().enumerate() {
        for (j, &n) in new.iter().enumerate() {
            if !ammesso(o, n) {
                continue;
            }
            let s = somiglianza(o, n);
            if s >= SOGLIA_SOMIGLIANZA {
                candidati.push((s, i.abs_diff(j), i, o, n));
            }
        }
    }
    candidati.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, _, _, o, n) in candidati {
        m.unisci(o, n);
    }
}

/// Changes keyed by where they go in the new version: the position of the new item (of
/// the one after which a removed item goes), 0 for a present item or 1 for a removed one,
/// and the old position.
type Righe<T> = Vec<((usize, u8, usize), T)>;

/// The pairs of the keys found once in each version (old items, new items) that `ammesso`
/// admits, in order.
fn coppie_uniche<K>(
    per_chiave: &HashMap<K, (Vec<usize>, Vec<usize>)>,
    ammesso: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(usize, usize)> = per_chiave
        .values()
        .filter(|(o, n)| o.len() == 1 && n.len() == 1)
        .map(|(o, n)| (o[0], n[0]))
        .filter(|&(o, n)| ammesso(o, n))
        .collect();
    pairs.sort_unstable();
    pairs
}

/// Where a node hangs, in the new version's terms: a parent node, or the root of a branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Appiglio {
    Nodo(usize),
    Radice(usize),
}

struct Confronto<'a> {
    old: &'a Piano,
    new: &'a Piano,
    vo: Vec<Posto<'a>>,
    vn: Vec<Posto<'a>>,
    /// Agencies: old branch → new branch (branch 0, the tree, always pairs with itself).
    rami: Vec<Option<usize>>,
    nodi: Abbinamento,
    io: Vec<PostoInd<'a>>,
    inn: Vec<PostoInd<'a>>,
    ind: Abbinamento,
}

/// Compares two loaded and validated versions of a plan.
pub fn confronta(old: &Piano, new: &Piano) -> Differenze {
    let vo = appiattisci(old);
    let vn = appiattisci(new);
    let io = appiattisci_indicatori(&vo);
    let inn = appiattisci_indicatori(&vn);
    let mut c = Confronto {
        old,
        new,
        rami: abbina_rami(old, new),
        nodi: Abbinamento::new(vo.len(), vn.len()),
        ind: Abbinamento::new(io.len(), inn.len()),
        vo,
        vn,
        io,
        inn,
    };
    c.abbina_nodi();
    c.abbina_indicatori();

    let mut d = Differenze::default();
    let mut r = Raccolta::default();
    atti(old, new, &mut d, &mut r);
    let (jo, jn) = (
        serde_json::to_value(old).unwrap_or_default(),
        serde_json::to_value(new).unwrap_or_default(),
    );
    let radice = Luogo::default();
    r.campi(&radice, &jo, &jn, &CAMPI_PRIMA);
    c.obiettivi(&mut d, &mut r);
    c.indicatori(&mut d, &mut r);
    c.assegnazioni(&mut d, &mut r);
    r.campi(&radice, &jo, &jn, &CAMPI_DOPO);
    // Every other field of the plan, so that none added to the model goes uncompared.
    let noti = [&CAMPI_PRIMA[..], &CAMPI_PROPRI, &CAMPI_DOPO].concat();
    r.tranne(&radice, Some(&jo), Some(&jn), &noti);
    d.testi = r.testi;
    d.altre = r.altre;
    d
}

/// Fields of the plan compared before the objectives, in the order a reader meets them.
const CAMPI_PRIMA: [&str; 7] = [
    "ente",
    "documento",
    "livelli",
    "ponderazione",
    "sezioni",
    "introduzione",
    "programmazione",
];
/// Fields of the plan with rules of their own; `$schema` only tells an editor where the
/// schema is, and is not part of the plan.
const CAMPI_PROPRI: [&str; 5] = [
    "$schema",
    "atti",
    "albero",
    "aziende_speciali",
    "assegnazioni",
];
/// Fields of the plan compared after the assignments.
const CAMPI_DOPO: [&str; 2] = ["firme", "pola"];

/// A baseline and targets (of an indicator, or of a node that is its own measure).
type Misura<'a> = (Option<&'a Target>, &'a BTreeMap<String, Target>);

/// What changed between two baselines and their targets at `scadenze`: the baseline, then
/// each deadline, with the values before and after.
fn target_cambiati(
    prima: Misura<'_>,
    dopo: Misura<'_>,
    scadenze: &[String],
) -> Vec<(Voce, Option<Valore>, Option<Valore>)> {
    let json = |t: Option<&Target>| t.map(|t| serde_json::to_value(t).unwrap_or_default());
    let valore = |t: Option<&Target>| t.cloned().map(Valore::Target);
    let mut out = Vec::new();
    if json(prima.0) != json(dopo.0) {
        out.push((Voce::Baseline, valore(prima.0), valore(dopo.0)));
    }
    for s in scadenze {
        let (a, b) = (prima.1.get(s), dopo.1.get(s));
        if json(a) != json(b) {
            out.push((Voce::Target(s.clone()), valore(a), valore(b)));
        }
    }
    out
}

/// Agencies pair by name, then by position among those left.
fn abbina_rami(old: &Piano, new: &Piano) -> Vec<Option<usize>> {
    let (ao, an) = (&old.aziende_speciali, &new.aziende_speciali);
    let mut m = Abbinamento::new(ao.len(), an.len());
    for (i, a) in ao.iter().enumerate() {
        if let Some(j) = an
            .iter()
            .enumerate()
            .position(|(j, b)| m.libero_nuovo(j) && normalizza(&a.nome) == normalizza(&b.nome))
        {
            m.unisci(i, j);
        }
    }
    let lo: Vec<usize> = (0..ao.len()).filter(|&i| m.libero_vecchio(i)).collect();
    let ln: Vec<usize> = (0..an.len()).filter(|&j| m.libero_nuovo(j)).collect();
    for (&i, &j) in lo.iter().zip(&ln) {
        m.unisci(i, j);
    }
    std::iter::once(Some(0))
        .chain(m.avanti.iter().map(|j| j.map(|j| j + 1)))
        .collect()
}

impl<'a> Confronto<'a> {
    /// Where an old node hangs, translated into the new version; `None` if its parent has
    /// no counterpart.
    fn appiglio_vecchio(&self, o: usize) -> Option<Appiglio> {
        match self.vo[o].parent {
            Some(p) => self.nodi.avanti[p].map(Appiglio::Nodo),
            None => self.rami[self.vo[o].ramo].map(Appiglio::Radice),
        }
    }

    fn appiglio_nuovo(&self, n: usize) -> Appiglio {
        match self.vn[n].parent {
            Some(p) => Appiglio::Nodo(p),
            None => Appiglio::Radice(self.vn[n].ramo),
        }
    }

    fn ammesso_nodo(&self, o: usize, n: usize) -> bool {
        !id_diversi(self.vo[o].nodo.id.as_ref(), self.vn[n].nodo.id.as_ref())
    }

    fn abbina_nodi(&mut self) {
        let ids: HashMap<&str, usize> = self
            .vn
            .iter()
            .enumerate()
            .filter_map(|(n, v)| v.nodo.id.as_deref().map(|id| (id.trim(), n)))
            .collect();
        for o in 0..self.vo.len() {
            if let Some(&n) = self.vo[o]
                .nodo
                .id
                .as_deref()
                .and_then(|id| ids.get(id.trim()))
            {
                self.nodi.unisci(o, n);
            }
        }
        let depth = self.vo.iter().chain(&self.vn).map(|v| v.depth).max();
        for d in 0..=depth.unwrap_or(0) {
            self.per_titolo_nello_stesso_genitore(d);
            self.per_titolo_unico(d);
            self.per_somiglianza(d);
        }
    }

    fn per_titolo_nello_stesso_genitore(&mut self, d: usize) {
        for o in 0..self.vo.len() {
            if self.vo[o].depth != d || !self.nodi.libero_vecchio(o) {
                continue;
            }
            let Some(app) = self.appiglio_vecchio(o) else {
                continue;
            };
            let titolo = normalizza(&self.vo[o].nodo.titolo);
            let found = (0..self.vn.len()).find(|&n| {
                self.vn[n].depth == d
                    && self.nodi.libero_nuovo(n)
                    && self.appiglio_nuovo(n) == app
                    && self.ammesso_nodo(o, n)
                    && normalizza(&self.vn[n].nodo.titolo) == titolo
            });
            if let Some(n) = found {
                self.nodi.unisci(o, n);
            }
        }
    }

    fn per_titolo_unico(&mut self, d: usize) {
        let mut by_title: HashMap<(usize, String), (Vec<usize>, Vec<usize>)> = HashMap::new();
        for o in 0..self.vo.len() {
            if self.vo[o].depth == d
                && self.nodi.libero_vecchio(o)
                && let Some(ramo) = self.rami[self.vo[o].ramo]
            {
                let k = (ramo, normalizza(&self.vo[o].nodo.titolo));
                by_title.entry(k).or_default().0.push(o);
            }
        }
        for n in 0..self.vn.len() {
            if self.vn[n].depth == d && self.nodi.libero_nuovo(n) {
                let k = (self.vn[n].ramo, normalizza(&self.vn[n].nodo.titolo));
                if let Some(e) = by_title.get_mut(&k) {
                    e.1.push(n);
                }
            }
        }
        for (o, n) in coppie_uniche(&by_title, |o, n| self.ammesso_nodo(o, n)) {
            self.nodi.unisci(o, n);
        }
    }

    fn per_somiglianza(&mut self, d: usize) {
        let mut gruppi: Vec<(Appiglio, Vec<usize>, Vec<usize>)> = Vec::new();
        for o in 0..self.vo.len() {
            if self.vo[o].depth == d
                && self.nodi.libero_vecchio(o)
                && let Some(app) = self.appiglio_vecchio(o)
            {
                match gruppi.iter_mut().find(|g| g.0 == app) {
                    Some(g) => g.1.push(o),
                    None => gruppi.push((app, vec![o], Vec::new())),
                }
            }
        }
        for n in 0..self.vn.len() {
            if self.vn[n].depth == d && self.nodi.libero_nuovo(n) {
                let app = self.appiglio_nuovo(n);
                if let Some(g) = gruppi.iter_mut().find(|g| g.0 == app) {
                    g.2.push(n);
                }
            }
        }
        for (_, old, new) in gruppi {
            let ammesso = |o: usize, n: usize| self.ammesso_nodo(o, n);
            let somiglianza =
                |o: usize, n: usize| somiglianza_nodi(self.vo[o].nodo, self.vn[n].nodo);
            let mut m = Abbinamento::new(self.vo.len(), self.vn.len());
            abbina_per_somiglianza(&mut m, &old, &new, &ammesso, &somiglianza);
            for (o, n) in m.avanti.iter().enumerate() {
                if let Some(n) = n {
                    self.nodi.unisci(o, *n);
                }
            }
        }
    }

    /// Pairs the indicators, most certain rule first.
    fn abbina_indicatori(&mut self) {
        self.indicatori_per_id();
        self.indicatori_per_descrizione();
        self.indicatori_per_descrizione_unica();
        self.indicatori_per_somiglianza();
    }

    /// Whether old indicator `o` and new indicator `n` are of the same objective.
    fn stesso_obiettivo(&self, o: usize, n: usize) -> bool {
        self.nodi.avanti[self.io[o].nodo] == Some(self.inn[n].nodo)
    }

    /// Whether the objectives of old indicator `o` and new indicator `n` are in both
    /// versions.
    fn obiettivi_in_entrambe(&self, o: usize, n: usize) -> bool {
        self.nodi.avanti[self.io[o].nodo].is_some()
            && self.nodi.indietro[self.inn[n].nodo].is_some()
    }

    fn ammesso_indicatore(&self, o: usize, n: usize) -> bool {
        !id_diversi(self.io[o].ind.id.as_ref(), self.inn[n].ind.id.as_ref())
    }

    /// 1. The same `id`, anywhere among objectives present in both versions.
    fn indicatori_per_id(&mut self) {
        for o in 0..self.io.len() {
            let Some(id) = self.io[o].ind.id.as_deref() else {
                continue;
            };
            let found = (0..self.inn.len()).find(|&n| {
                self.ind.libero_nuovo(n)
                    && self.obiettivi_in_entrambe(o, n)
                    && self.inn[n].ind.id.as_deref().map(str::trim) == Some(id.trim())
            });
            if let Some(n) = found {
                self.ind.unisci(o, n);
            }
        }
    }

    /// 2. The same description in the same objective.
    fn indicatori_per_descrizione(&mut self) {
        for o in 0..self.io.len() {
            if !self.ind.libero_vecchio(o) {
                continue;
            }
            let desc = normalizza(&self.io[o].ind.descrizione);
            let found = (0..self.inn.len()).find(|&n| {
                self.ind.libero_nuovo(n)
                    && self.stesso_obiettivo(o, n)
                    && self.ammesso_indicatore(o, n)
                    && normalizza(&self.inn[n].ind.descrizione) == desc
            });
            if let Some(n) = found {
                self.ind.unisci(o, n);
            }
        }
    }

    /// 3. A description found once among the unpaired: moved to another objective.
    fn indicatori_per_descrizione_unica(&mut self) {
        let mut by_desc: HashMap<String, (Vec<usize>, Vec<usize>)> = HashMap::new();
        for o in (0..self.io.len()).filter(|&o| self.ind.libero_vecchio(o)) {
            if self.nodi.avanti[self.io[o].nodo].is_some() {
                let k = normalizza(&self.io[o].ind.descrizione);
                by_desc.entry(k).or_default().0.push(o);
            }
        }
        for n in (0..self.inn.len()).filter(|&n| self.ind.libero_nuovo(n)) {
            if self.nodi.indietro[self.inn[n].nodo].is_some()
                && let Some(e) = by_desc.get_mut(&normalizza(&self.inn[n].ind.descrizione))
            {
                e.1.push(n);
            }
        }
        for (o, n) in coppie_uniche(&by_desc, |o, n| self.ammesso_indicatore(o, n)) {
            self.ind.unisci(o, n);
        }
    }

    /// 4. The most similar unpaired indicator of the same objective: reworded.
    fn indicatori_per_somiglianza(&mut self) {
        for (no, nn) in self.nodi.avanti.clone().into_iter().enumerate() {
            let Some(nn) = nn else { continue };
            let old: Vec<usize> = (0..self.io.len())
                .filter(|&o| self.io[o].nodo == no && self.ind.libero_vecchio(o))
                .collect();
            let new: Vec<usize> = (0..self.inn.len())
                .filter(|&n| self.inn[n].nodo == nn && self.ind.libero_nuovo(n))
                .collect();
            if old.is_empty() || new.is_empty() {
                continue;
            }
            let amm = |o: usize, n: usize| self.ammesso_indicatore(o, n);
            let som = |o: usize, n: usize| somiglianza_indicatori(self.io[o].ind, self.inn[n].ind);
            let mut m = Abbinamento::new(self.io.len(), self.inn.len());
            abbina_per_somiglianza(&mut m, &old, &new, &amm, &som);
            for (o, n) in m.avanti.iter().enumerate() {
                if let Some(n) = n {
                    self.ind.unisci(o, *n);
                }
            }
        }
    }

    fn nome_livello(&self, v: &Posto<'_>) -> String {
        v.livello.map(|l| l.nome.clone()).unwrap_or_default()
    }

    /// Objectives: structure changes, own weight, and the fields without identity.
    fn obiettivi(&self, d: &mut Differenze, r: &mut Raccolta) {
        let mut righe: Righe<ModificaObiettivo> = Vec::new();
        for (n, v) in self.vn.iter().enumerate() {
            let Some(o) = self.nodi.indietro[n] else {
                righe.push(((n, 0, 0), self.obiettivo_aggiunto(v)));
                continue;
            };
            if let Some(m) = self.obiettivo_cambiato(o, n) {
                righe.push(((n, 0, 0), m));
            }
            self.peso_e_campi_obiettivo(o, n, d, r);
        }
        righe.extend(self.obiettivi_eliminati());
        self.campi_aziende(r);
        righe.sort_by_key(|(k, _)| *k);
        d.obiettivi = righe.into_iter().map(|(_, m)| m).collect();
    }

    /// An objective only in the new version.
    fn obiettivo_aggiunto(&self, v: &Posto<'_>) -> ModificaObiettivo {
        ModificaObiettivo {
            generi: vec![Genere::Aggiunto],
            livello: self.nome_livello(v),
            prima: None,
            dopo: Some(v.rif(false)),
            titolo: testo::intero(TipoSegmento::Uguale, &plain(&v.nodo.titolo)),
            aggiunto: Some((v.nodo.peso, v.nodo.indicatori.len())),
            spostato: None,
        }
    }

    /// A paired objective moved, renumbered or renamed; `None` when it is where it was,
    /// with the same code and title.
    fn obiettivo_cambiato(&self, o: usize, n: usize) -> Option<ModificaObiettivo> {
        let (w, v) = (&self.vo[o], &self.vn[n]);
        let mut generi = Vec::new();
        let mut spostato = None;
        if self.appiglio_vecchio(o) != Some(self.appiglio_nuovo(n)) {
            generi.push(Genere::Spostato);
            spostato = Some((
                Self::genitore(self.old, &self.vo, o, true),
                Self::genitore(self.new, &self.vn, n, false),
            ));
        } else if w.codice != v.codice {
            generi.push(Genere::Rinumerato);
        }
        let rinominato = plain(&w.nodo.titolo).trim() != plain(&v.nodo.titolo).trim();
        if rinominato {
            generi.push(Genere::Rinominato);
        }
        if generi.is_empty() {
            return None;
        }
        Some(ModificaObiettivo {
            generi,
            livello: self.nome_livello(v),
            prima: Some(w.rif(true)),
            dopo: Some(v.rif(false)),
            titolo: if rinominato {
                testo::confronta(&plain(&w.nodo.titolo), &plain(&v.nodo.titolo))
            } else {
                testo::intero(TipoSegmento::Uguale, &plain(&v.nodo.titolo))
            },
            aggiunto: None,
            spostato,
        })
    }

    /// A paired objective's own weight, and its fields without identity.
    fn peso_e_campi_obiettivo(&self, o: usize, n: usize, d: &mut Differenze, r: &mut Raccolta) {
        let (w, v) = (&self.vo[o], &self.vn[n]);
        if w.nodo.peso != v.nodo.peso {
            d.valori.push(ModificaValore {
                obiettivo: v.rif(false),
                indicatore: None,
                titolo: plain(&v.nodo.titolo),
                voce: Voce::PesoObiettivo,
                prima: w.nodo.peso.map(Valore::Percentuale),
                dopo: v.nodo.peso.map(Valore::Percentuale),
            });
        }
        // The node's own targets, when it is its own measure: compared like an indicator's.
        let mut scadenze = self.scadenze(v, &[]);
        for k in w.nodo.target.keys().chain(v.nodo.target.keys()) {
            if !scadenze.contains(k) {
                scadenze.push(k.clone());
            }
        }
        let prima = (w.nodo.baseline.as_ref(), &w.nodo.target);
        let dopo = (v.nodo.baseline.as_ref(), &v.nodo.target);
        for (voce, a, b) in target_cambiati(prima, dopo, &scadenze) {
            d.valori.push(ModificaValore {
                obiettivo: v.rif(false),
                indicatore: None,
                titolo: v.nodo.titolo.clone(),
                voce,
                prima: a,
                dopo: b,
            });
        }
        r.tranne(
            &Luogo::obiettivo(v.rif(false)),
            serde_json::to_value(w.nodo).ok().as_ref(),
            serde_json::to_value(v.nodo).ok().as_ref(),
            &[
                "titolo",
                "peso",
                "indicatori",
                "figli",
                "target",
                "baseline",
            ],
        );
    }

    /// The objectives only in the old version, each keyed after the new node that follows
    /// its nearest paired predecessor.
    fn obiettivi_eliminati(&self) -> Righe<ModificaObiettivo> {
        let mut righe = Vec::new();
        for (o, w) in self.vo.iter().enumerate() {
            if self.nodi.avanti[o].is_some() {
                continue;
            }
            righe.push((
                (self.nodi.posto_eliminato(o), 1, o),
                ModificaObiettivo {
                    generi: vec![Genere::Eliminato],
                    livello: self.nome_livello(w),
                    prima: Some(w.rif(true)),
                    dopo: None,
                    titolo: testo::intero(TipoSegmento::Uguale, &plain(&w.nodo.titolo)),
                    aggiunto: None,
                    spostato: None,
                },
            ));
        }
        righe
    }

    /// The agencies' own fields (name, level...): of those in both versions, and of those
    /// added or removed (whose objectives are listed with the objectives).
    fn campi_aziende(&self, r: &mut Raccolta) {
        let senza_obiettivi = &["obiettivi"];
        let (jo, jn) = (
            serde_json::to_value(&self.old.aziende_speciali).unwrap_or_default(),
            serde_json::to_value(&self.new.aziende_speciali).unwrap_or_default(),
        );
        let radice = Luogo::default();
        for (k, a) in jo.as_array().into_iter().flatten().enumerate() {
            match self.rami[k + 1] {
                Some(j) => {
                    let b = &jn[j - 1];
                    let luogo = radice.elemento("aziende_speciali", j - 1, generico::nome(b));
                    r.tranne(&luogo, Some(a), Some(b), senza_obiettivi);
                }
                None => {
                    let luogo = radice.elemento("aziende_speciali", k, generico::nome(a));
                    r.tranne(&luogo, Some(a), None, senza_obiettivi);
                }
            }
        }
        for (j, b) in jn.as_array().into_iter().flatten().enumerate() {
            if !self.rami.contains(&Some(j + 1)) {
                let luogo = radice.elemento("aziende_speciali", j, generico::nome(b));
                r.tranne(&luogo, None, Some(b), senza_obiettivi);
            }
        }
    }

    /// The parent, or the branch (first level, an agency) of a top node.
    fn genitore(piano: &Piano, voci: &[Posto<'_>], i: usize, vecchio: bool) -> Genitore {
        match voci[i].parent {
            Some(p) => Genitore::Obiettivo(voci[p].rif(vecchio)),
            None if voci[i].ramo == 0 => Genitore::PrimoLivello,
            None => Genitore::Azienda(piano.aziende_speciali[voci[i].ramo - 1].nome.clone()),
        }
    }

    /// Indicators of objectives present in both versions: structure, values, other fields.
    fn indicatori(&self, d: &mut Differenze, r: &mut Raccolta) {
        let mut righe: Righe<ModificaIndicatore> = Vec::new();
        for (n, x) in self.inn.iter().enumerate() {
            let v = &self.vn[x.nodo];
            let Some(o) = self.ind.indietro[n] else {
                if self.nodi.indietro[x.nodo].is_some() {
                    righe.push(((n, 0, 0), self.indicatore_aggiunto(x)));
                }
                continue;
            };
            if let Some(m) = self.indicatore_cambiato(o, n) {
                righe.push(((n, 0, 0), m));
            }
            let y = &self.io[o];
            self.valori(d, y.ind, x, v);
            r.tranne(
                &Luogo::obiettivo(v.rif(false)).indicatore(x.pos),
                serde_json::to_value(y.ind).ok().as_ref(),
                serde_json::to_value(x.ind).ok().as_ref(),
                &["descrizione", "baseline", "target", "peso"],
            );
        }
        righe.extend(self.indicatori_eliminati());
        righe.sort_by_key(|(k, _)| *k);
        d.indicatori = righe.into_iter().map(|(_, m)| m).collect();
    }

    /// An indicator only in the new version, of an objective in both.
    fn indicatore_aggiunto(&self, x: &PostoInd<'_>) -> ModificaIndicatore {
        let v = &self.vn[x.nodo];
        ModificaIndicatore {
            generi: vec![Genere::Aggiunto],
            obiettivo: v.rif(false),
            obiettivo_prima: None,
            numero_prima: None,
            numero_dopo: Some(x.pos + 1),
            descrizione: testo::intero(TipoSegmento::Uguale, &plain(&x.ind.descrizione)),
            aggiunto: Some((x.ind.clone(), self.scadenze(v, &[x.ind]))),
        }
    }

    /// A paired indicator moved, renumbered or reworded; `None` when it is where it was,
    /// with the same number and description.
    fn indicatore_cambiato(&self, o: usize, n: usize) -> Option<ModificaIndicatore> {
        let (y, x) = (&self.io[o], &self.inn[n]);
        let mut generi = Vec::new();
        if self.nodi.avanti[y.nodo] != Some(x.nodo) {
            generi.push(Genere::Spostato);
        } else if y.pos != x.pos {
            generi.push(Genere::Rinumerato);
        }
        let riformulato = plain(&y.ind.descrizione).trim() != plain(&x.ind.descrizione).trim();
        if riformulato {
            generi.push(Genere::Rinominato);
        }
        if generi.is_empty() {
            return None;
        }
        Some(ModificaIndicatore {
            generi,
            obiettivo: self.vn[x.nodo].rif(false),
            obiettivo_prima: Some(self.vo[y.nodo].rif(true)),
            numero_prima: Some(y.pos + 1),
            numero_dopo: Some(x.pos + 1),
            descrizione: if riformulato {
                testo::confronta(&plain(&y.ind.descrizione), &plain(&x.ind.descrizione))
            } else {
                testo::intero(TipoSegmento::Uguale, &plain(&x.ind.descrizione))
            },
            aggiunto: None,
        })
    }

    /// The indicators only in the old version, of objectives in both.
    fn indicatori_eliminati(&self) -> Righe<ModificaIndicatore> {
        let mut righe = Vec::new();
        for (o, y) in self.io.iter().enumerate() {
            let Some(nn) = self.nodi.avanti[y.nodo] else {
                continue;
            };
            if self.ind.avanti[o].is_some() {
                continue;
            }
            righe.push((
                (self.ind.posto_eliminato(o), 1, o),
                ModificaIndicatore {
                    generi: vec![Genere::Eliminato],
                    obiettivo: self.vn[nn].rif(false),
                    obiettivo_prima: Some(self.vo[y.nodo].rif(true)),
                    numero_prima: Some(y.pos + 1),
                    numero_dopo: None,
                    descrizione: testo::intero(TipoSegmento::Uguale, &plain(&y.ind.descrizione)),
                    aggiunto: None,
                },
            ));
        }
        righe
    }

    /// The deadlines of a node's targets: its level's, then any other key in the data.
    fn scadenze(&self, v: &Posto<'_>, extra: &[&Indicatore]) -> Vec<String> {
        let mut out = self.new.documento.scadenze(v.livello);
        for ind in extra {
            let mut keys: Vec<&String> = ind.target.keys().collect();
            if let Some(Peso::PerScadenza(m)) = &ind.peso {
                keys.extend(m.keys());
            }
            for k in keys {
                if !out.contains(k) {
                    out.push(k.clone());
                }
            }
        }
        out
    }

    fn valori(&self, d: &mut Differenze, old: &Indicatore, x: &PostoInd<'_>, v: &Posto<'_>) {
        let new = x.ind;
        let mut push = |voce: Voce, prima: Option<Valore>, dopo: Option<Valore>| {
            d.valori.push(ModificaValore {
                obiettivo: v.rif(false),
                indicatore: Some((x.pos + 1, plain(&new.descrizione))),
                titolo: plain(&v.nodo.titolo),
                voce,
                prima,
                dopo,
            });
        };
        let scadenze = self.scadenze(v, &[old, new]);
        let prima = (old.baseline.as_ref(), &old.target);
        let dopo = (new.baseline.as_ref(), &new.target);
        for (voce, a, b) in target_cambiati(prima, dopo, &scadenze) {
            push(voce, a, b);
        }
        let percento = |p: Option<f64>| p.map(Valore::Percentuale);
        match (&old.peso, &new.peso) {
            (Some(Peso::Unico(a)), Some(Peso::Unico(b))) if a == b => {}
            (None, None) => {}
            (Some(Peso::Unico(_)) | None, Some(Peso::Unico(_)) | None) => push(
                Voce::Peso,
                percento(old.peso_at("")),
                percento(new.peso_at("")),
            ),
            _ => {
                for s in &scadenze {
                    let (a, b) = (old.peso_at(s), new.peso_at(s));
                    if a != b {
                        push(Voce::PesoAl(s.clone()), percento(a), percento(b));
                    }
                }
            }
        }
    }

    /// An assigned objective of the old version, in the new version's terms.
    fn chiave_vecchia(&self, chiavi: &HashMap<String, usize>, k: &str) -> Chiave {
        match chiavi.get(k.trim()) {
            Some(&o) => self.nodi.avanti[o].map_or(Chiave::Vecchio(o), Chiave::Nuovo),
            None => Chiave::Testo(k.trim().to_string()),
        }
    }

    /// An assigned objective as the changes name it.
    fn descrivi(&self, c: &Chiave) -> Assegnato {
        match c {
            Chiave::Nuovo(n) => {
                Assegnato::Obiettivo(self.vn[*n].rif(false), plain(&self.vn[*n].nodo.titolo))
            }
            Chiave::Vecchio(o) => {
                Assegnato::Obiettivo(self.vo[*o].rif(true), plain(&self.vo[*o].nodo.titolo))
            }
            Chiave::Testo(t) => Assegnato::Riferimento(t.clone()),
        }
    }

    /// Assignments: per manager and objective (by identity, whatever code it has now).
    fn assegnazioni(&self, d: &mut Differenze, r: &mut Raccolta) {
        let (jo, jn) = (
            serde_json::to_value(&self.old.assegnazioni).unwrap_or_default(),
            serde_json::to_value(&self.new.assegnazioni).unwrap_or_default(),
        );
        let luogo = Luogo::default().campo("assegnazioni");
        r.tranne(&luogo, Some(&jo), Some(&jn), &["dirigenti"]);
        let assegnazioni = Assegnazioni::new(self, luogo, jo.get("dirigenti"), jn.get("dirigenti"));
        d.assegnazioni = assegnazioni.righe(r);
    }
}

/// The managers of both versions, their assigned objectives and how they pair: what the
/// changes to the assignments are read from.
struct Assegnazioni<'c> {
    c: &'c Confronto<'c>,
    /// The managers of the old version.
    dir_o: &'c [Dirigente],
    /// The managers of the new version.
    dir_n: &'c [Dirigente],
    /// The old managers as JSON, for the places of the changes.
    lo: Option<&'c Value>,
    /// The new managers as JSON.
    ln: Option<&'c Value>,
    /// Where the assignments are in a plan.
    luogo: Luogo,
    /// Every objective in the old managers' lists.
    vecchie: Vec<Assegnata>,
    /// Every objective in the new managers' lists.
    nuove: Vec<Assegnata>,
    /// Old manager ↔ new manager, by name.
    dm: Abbinamento,
    /// The old assignment each new one continues.
    continua: Continuazioni,
}

impl<'c> Assegnazioni<'c> {
    fn new(
        c: &'c Confronto<'c>,
        luogo: Luogo,
        lo: Option<&'c Value>,
        ln: Option<&'c Value>,
    ) -> Self {
        let (dir_o, dir_n) = (dirigenti(c.old), dirigenti(c.new));
        let (ko, kn) = (chiavi(&c.vo), chiavi(&c.vn));
        let vecchie = assegnate(dir_o, |k| c.chiave_vecchia(&ko, k));
        let nuove = assegnate(dir_n, |k| match kn.get(k.trim()) {
            Some(&n) => Chiave::Nuovo(n),
            None => Chiave::Testo(k.trim().to_string()),
        });
        let dm = abbina_dirigenti(dir_o, dir_n);
        let continua = Continuazioni::new(&vecchie, &nuove, &dm);
        Assegnazioni {
            c,
            dir_o,
            dir_n,
            lo,
            ln,
            luogo,
            vecchie,
            nuove,
            dm,
            continua,
        }
    }

    /// The changes, manager by manager of the new version, then the objectives of the
    /// removed managers; the other fields of managers and assignments go to `r`.
    fn righe(&self, r: &mut Raccolta) -> Vec<ModificaAssegnazione> {
        let mut righe = Vec::new();
        for j in 0..self.dir_n.len() {
            for k in (0..self.nuove.len()).filter(|&k| self.nuove[k].dirigente == j) {
                righe.extend(self.nuova(k, r));
            }
            let i = self.dm.indietro[j];
            r.tranne(
                &self.dirigente(self.ln, j),
                i.and_then(|i| elemento(self.lo, i)),
                elemento(self.ln, j),
                &["obiettivi"],
            );
            if let Some(i) = i {
                righe.extend(self.tolte(|e| e.dirigente == i));
            }
        }
        for i in 0..self.dir_o.len() {
            if self.dm.avanti[i].is_none() {
                r.tranne(
                    &self.dirigente(self.lo, i),
                    elemento(self.lo, i),
                    None,
                    &["obiettivi"],
                );
            }
        }
        righe.extend(self.tolte(|e| self.dm.avanti[e.dirigente].is_none()));
        righe
    }

    /// The change of the `k`th new assignment, if any; its other fields go to `r`.
    fn nuova(&self, k: usize, r: &mut Raccolta) -> Option<ModificaAssegnazione> {
        let e = &self.nuove[k];
        let x = &self.dir_n[e.dirigente];
        let (vecchia, genere) = self.genere(k);
        if let Some(i) = vecchia {
            // The assignment's other fields (the title as the office reads it...).
            let (a, b) = (
                &self.dir_o[self.vecchie[i].dirigente].obiettivi[self.vecchie[i].indice],
                &x.obiettivi[e.indice],
            );
            let dove = self.dirigente(self.ln, e.dirigente).elemento(
                "obiettivi",
                e.indice,
                Some(b.obiettivo.trim()),
            );
            r.tranne(
                &dove,
                serde_json::to_value(a).ok().as_ref(),
                serde_json::to_value(b).ok().as_ref(),
                &["obiettivo", "peso"],
            );
        }
        match (vecchia, genere) {
            (Some(i), GenereAssegnazione::PesoModificato) if self.vecchie[i].peso == e.peso => None,
            (vecchia, genere) => Some(ModificaAssegnazione {
                dirigente: persona(x),
                obiettivo: self.c.descrivi(&e.chiave),
                genere,
                prima: vecchia.map(|i| self.vecchie[i].peso),
                dopo: Some(e.peso),
                percorso: self.percorso(self.ln, e),
            }),
        }
    }

    /// The old assignment the `k`th new one continues, if any, and what happened to it.
    fn genere(&self, k: usize) -> (Option<usize>, GenereAssegnazione) {
        match (self.continua.stessa[k], self.continua.da[k]) {
            (Some(i), _) => (Some(i), GenereAssegnazione::PesoModificato),
            (None, Some(i)) => (
                Some(i),
                GenereAssegnazione::Riassegnato(persona(&self.dir_o[self.vecchie[i].dirigente])),
            ),
            (None, None) => (None, GenereAssegnazione::Assegnato),
        }
    }

    /// The old assignments that no new one continues and `scelta` picks, in order.
    fn tolte(
        &self,
        scelta: impl Fn(&Assegnata) -> bool,
    ) -> impl Iterator<Item = ModificaAssegnazione> {
        self.vecchie
            .iter()
            .enumerate()
            .filter(move |&(k, e)| !self.continua.usata[k] && scelta(e))
            .map(|(_, e)| ModificaAssegnazione {
                dirigente: persona(&self.dir_o[e.dirigente]),
                obiettivo: self.c.descrivi(&e.chiave),
                genere: GenereAssegnazione::NonPiuAssegnato,
                prima: Some(e.peso),
                dopo: None,
                percorso: self.percorso(self.lo, e),
            })
    }

    /// Where the `i`th manager of the version whose managers are `l` is.
    fn dirigente(&self, l: Option<&Value>, i: usize) -> Luogo {
        let v = elemento(l, i).cloned().unwrap_or_default();
        self.luogo
            .elemento("dirigenti", i, v.get("nome").and_then(Value::as_str))
    }

    /// JSON path of an assignment in the version whose managers are `l`.
    fn percorso(&self, l: Option<&Value>, e: &Assegnata) -> String {
        format!(
            "{}.obiettivi[{}]",
            self.dirigente(l, e.dirigente).percorso,
            e.indice
        )
    }
}

/// Which old assignment each new one continues.
struct Continuazioni {
    /// Per new assignment, the old one of the same manager and objective.
    stessa: Vec<Option<usize>>,
    /// Per new assignment without one, the old one of the same objective from another
    /// manager.
    da: Vec<Option<usize>>,
    /// Per old assignment, whether a new one continues it.
    usata: Vec<bool>,
}

impl Continuazioni {
    fn new(vecchie: &[Assegnata], nuove: &[Assegnata], dm: &Abbinamento) -> Self {
        let mut usata = vec![false; vecchie.len()];
        let trova = |usata: &mut Vec<bool>, e: &Assegnata, stesso: bool| {
            let i = (0..vecchie.len()).find(|&i| {
                !usata[i]
                    && vecchie[i].chiave == e.chiave
                    && (!stesso || dm.avanti[vecchie[i].dirigente] == Some(e.dirigente))
            })?;
            usata[i] = true;
            Some(i)
        };
        // Same manager and objective first; then the same objective from another manager.
        let stessa: Vec<Option<usize>> = nuove.iter().map(|e| trova(&mut usata, e, true)).collect();
        let da: Vec<Option<usize>> = nuove
            .iter()
            .zip(&stessa)
            .map(|(e, s)| {
                if s.is_some() {
                    None
                } else {
                    trova(&mut usata, e, false)
                }
            })
            .collect();
        Continuazioni { stessa, da, usata }
    }
}

/// The managers of a version (none without assignments).
fn dirigenti(piano: &Piano) -> &[Dirigente] {
    piano
        .assegnazioni
        .as_ref()
        .map(|a| a.dirigenti.as_slice())
        .unwrap_or_default()
}

/// Every objective in the managers' lists, in order, with the key `chiave` gives it.
fn assegnate(dirigenti: &[Dirigente], chiave: impl Fn(&str) -> Chiave) -> Vec<Assegnata> {
    dirigenti
        .iter()
        .enumerate()
        .flat_map(|(i, x)| x.obiettivi.iter().enumerate().map(move |(k, a)| (i, k, a)))
        .map(|(i, k, a)| Assegnata {
            dirigente: i,
            indice: k,
            chiave: chiave(&a.obiettivo),
            peso: a.peso,
        })
        .collect()
}

/// Managers pair by name.
fn abbina_dirigenti(dir_o: &[Dirigente], dir_n: &[Dirigente]) -> Abbinamento {
    let mut dm = Abbinamento::new(dir_o.len(), dir_n.len());
    for (i, a) in dir_o.iter().enumerate() {
        let found = (0..dir_n.len())
            .find(|&j| dm.libero_nuovo(j) && normalizza(&dir_n[j].nome) == normalizza(&a.nome));
        if let Some(j) = found {
            dm.unisci(i, j);
        }
    }
    dm
}

/// A manager as the changes name them.
fn persona(x: &Dirigente) -> Persona {
    Persona {
        titolo: x.titolo.clone(),
        nome: x.nome.clone(),
    }
}

/// The `i`th element of a JSON array, if any.
fn elemento(l: Option<&Value>, i: usize) -> Option<&Value> {
    l.and_then(|l| l.get(i))
}

/// An assigned objective, in the new version's terms where it still exists.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Chiave {
    /// A node of the new version.
    Nuovo(usize),
    /// A node only in the old version.
    Vecchio(usize),
    /// A reference to no node (the plan was invalid).
    Testo(String),
}

/// One objective in a manager's list.
struct Assegnata {
    dirigente: usize,
    /// Position in the manager's list.
    indice: usize,
    chiave: Chiave,
    peso: f64,
}

/// Ids and codes (of the main tree) → node, as assignments refer to objectives.
fn chiavi<'a>(voci: &[Posto<'a>]) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for (i, v) in voci.iter().enumerate() {
        if v.ramo == 0 {
            out.insert(v.codice.clone(), i);
        }
    }
    for (i, v) in voci.iter().enumerate() {
        if let Some(id) = &v.nodo.id {
            out.insert(id.trim().to_string(), i);
        }
    }
    out
}

/// How similar two objectives are: by title, description or shared indicators.
fn somiglianza_nodi(a: &Nodo, b: &Nodo) -> f64 {
    let mut s = testo::somiglianza(&a.titolo, &b.titolo);
    if let (Some(x), Some(y)) = (&a.descrizione, &b.descrizione) {
        s = s.max(testo::somiglianza(x, y));
    }
    let max = a.indicatori.len().max(b.indicatori.len());
    if max > 0 {
        let da: Vec<String> = a
            .indicatori
            .iter()
            .map(|i| normalizza(&i.descrizione))
            .collect();
        let comuni = b
            .indicatori
            .iter()
            .filter(|i| da.contains(&normalizza(&i.descrizione)))
            .count();
        s = s.max(comuni as f64 / max as f64);
    }
    s
}

/// How similar two indicators are: by description or by the evidence for the OIV.
fn somiglianza_indicatori(a: &Indicatore, b: &Indicatore) -> f64 {
    let mut s = testo::somiglianza(&a.descrizione, &b.descrizione);
    if let (Some(x), Some(y)) = (&a.documentazione, &b.documentazione) {
        s = s.max(testo::somiglianza(x, y));
    }
    s
}

/// Acts pair by how they read on the cover; a changed subject is a modified act, and any
/// other field of a paired act is compared as it is.
fn atti(old: &Piano, new: &Piano, d: &mut Differenze, r: &mut Raccolta) {
    let lo: Vec<String> = old.atti.iter().map(Atto::approvazione).collect();
    let ln: Vec<String> = new.atti.iter().map(Atto::approvazione).collect();
    let radice = Luogo::default();
    let mut usati = vec![false; lo.len()];
    for (j, b) in new.atti.iter().enumerate() {
        let percorso = format!("atti[{j}]");
        match (0..lo.len()).find(|&i| !usati[i] && lo[i] == ln[j]) {
            Some(i) => {
                usati[i] = true;
                let a = &old.atti[i];
                if a.oggetto != b.oggetto {
                    d.atti.push(ModificaAtto {
                        genere: Genere::Modificato,
                        atto: b.clone(),
                        oggetto_prima: a.oggetto.clone(),
                        percorso: format!("{percorso}.oggetto"),
                    });
                }
                let jb = serde_json::to_value(b).unwrap_or_default();
                r.tranne(
                    &radice.elemento("atti", j, None),
                    serde_json::to_value(a).ok().as_ref(),
                    Some(&jb),
                    &["oggetto"],
                );
            }
            None => d.atti.push(ModificaAtto {
                genere: Genere::Aggiunto,
                atto: b.clone(),
                oggetto_prima: None,
                percorso,
            }),
        }
    }
    for (i, a) in old.atti.iter().enumerate() {
        if !usati[i] {
            d.atti.push(ModificaAtto {
                genere: Genere::Eliminato,
                atto: a.clone(),
                oggetto_prima: None,
                percorso: format!("atti[{i}]"),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obiettivo(titolo: &str, indicatori: &[&str]) -> Value {
        let n = indicatori.len().max(1) as f64;
        json!({
            "titolo": titolo,
            "peso": 50,
            "descrizione": format!("Descrizione di {titolo}."),
            "indicatori": indicatori
                .iter()
                .map(|d| json!({"descrizione": d, "target": {"2024": "SI"}, "peso": 100.0 / n}))
                .collect::<Vec<_>>(),
        })
    }

    fn piano(albero: Value) -> Piano {
        serde_json::from_value(json!({
            "ente": {"nome": "Comune di Prova"},
            "documento": {"titolo": "Piano della Performance", "anno_inizio": 2024, "anno_fine": 2024},
            "livelli": [
                {"nome": "Area strategica", "plurale": "Aree strategiche", "scheda": false},
                {"nome": "Obiettivo strategico", "plurale": "Obiettivi strategici"}
            ],
            "albero": albero,
            "assegnazioni": {"anno": 2024, "dirigenti": [
                {"nome": "Anna Rossi", "ruolo": "Dirigente", "obiettivi": [{"obiettivo": "1.2", "peso": 100}]},
                {"nome": "Luca Bianchi", "ruolo": "Dirigente", "obiettivi": [{"obiettivo": "2.1", "peso": 100}]}
            ]}
        }))
        .unwrap()
    }

    fn base() -> Value {
        json!([
            {"titolo": "Imprese", "figli": [
                obiettivo("Bandi camerali", &["domande istruite", "contributi erogati"]),
                obiettivo("Digitalizzazione dei servizi", &["pratiche telematiche"]),
                obiettivo("Qualità dei dati", &["posizioni cancellate d'ufficio"]),
            ]},
            {"titolo": "Persone", "figli": [
                obiettivo("Lavoro agile", &["dipendenti in lavoro agile"]),
            ]}
        ])
    }

    /// The code of an objective, `—` when there is none.
    fn codice(r: Option<&Rif>) -> String {
        r.map_or_else(|| "—".into(), |r| r.codice.clone())
    }

    fn generi(d: &Differenze) -> Vec<(String, String, Vec<Genere>)> {
        d.obiettivi
            .iter()
            .map(|o| {
                (
                    codice(o.prima.as_ref()),
                    codice(o.dopo.as_ref()),
                    o.generi.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn the_same_plan_has_no_differences() {
        let d = confronta(&piano(base()), &piano(base()));
        assert!(d.is_empty(), "{d:#?}");
        assert!(d.riepilogo().is_empty());
    }

    #[test]
    fn an_inserted_objective_is_one_addition_plus_renumbering() {
        let mut new = base();
        new[0]["figli"].as_array_mut().unwrap().insert(
            1,
            obiettivo("Sportello per le start up", &["incontri di orientamento"]),
        );
        let mut new = piano(new);
        // The office follows the renumbering in the assignments: 1.2 is now 1.3.
        new.assegnazioni.as_mut().unwrap().dirigenti[0].obiettivi[0].obiettivo = "1.3".into();
        let d = confronta(&piano(base()), &new);
        assert_eq!(
            generi(&d),
            vec![
                ("—".into(), "1.2".into(), vec![Genere::Aggiunto]),
                ("1.2".into(), "1.3".into(), vec![Genere::Rinumerato]),
                ("1.3".into(), "1.4".into(), vec![Genere::Rinumerato]),
            ]
        );
        // No cascade: titles, indicators, values and texts of the shifted ones are unchanged.
        assert!(d.indicatori.is_empty(), "{:#?}", d.indicatori);
        assert!(d.valori.is_empty(), "{:#?}", d.valori);
        assert!(d.testi.is_empty() && d.altre.is_empty(), "{d:#?}");
        assert!(d.assegnazioni.is_empty(), "{:#?}", d.assegnazioni);
        assert_eq!(
            d.riepilogo()[..2],
            ["1 obiettivo aggiunto", "2 obiettivi rinumerati"]
        );
    }

    #[test]
    fn a_code_that_now_points_elsewhere_changes_the_assignment() {
        let mut new = base();
        new[0]["figli"].as_array_mut().unwrap().insert(
            0,
            obiettivo("Sportello per le start up", &["incontri di orientamento"]),
        );
        // Anna Rossi's "1.2" was "Digitalizzazione" and is now "Bandi camerali".
        let d = confronta(&piano(base()), &piano(new));
        let righe: Vec<(String, GenereAssegnazione)> = d
            .assegnazioni
            .iter()
            .map(|a| match &a.obiettivo {
                Assegnato::Obiettivo(r, _) => (r.codice.clone(), a.genere.clone()),
                Assegnato::Riferimento(t) => (t.clone(), a.genere.clone()),
            })
            .collect();
        assert_eq!(
            righe,
            [
                ("1.2".into(), GenereAssegnazione::Assegnato),
                ("1.3".into(), GenereAssegnazione::NonPiuAssegnato)
            ]
        );
    }

    #[test]
    fn a_renamed_objective_is_reported_as_renamed() {
        let mut new = base();
        new[0]["figli"][1]["titolo"] = "Digitalizzazione e semplificazione dei servizi".into();
        let d = confronta(&piano(base()), &piano(new));
        assert_eq!(
            generi(&d),
            vec![("1.2".into(), "1.2".into(), vec![Genere::Rinominato])]
        );
        let aggiunto: Vec<&str> = d.obiettivi[0]
            .titolo
            .iter()
            .filter(|s| s.tipo == TipoSegmento::Aggiunto)
            .map(|s| s.testo.as_str())
            .collect();
        assert_eq!(aggiunto, ["e semplificazione"]);
        assert!(d.assegnazioni.is_empty() && d.indicatori.is_empty());
    }

    #[test]
    fn an_unrelated_replacement_is_a_removal_and_an_addition() {
        let mut new = base();
        new[0]["figli"][2] = obiettivo("Mediazione e arbitrato", &["procedure concluse"]);
        let d = confronta(&piano(base()), &piano(new));
        assert_eq!(
            generi(&d),
            vec![
                ("—".into(), "1.3".into(), vec![Genere::Aggiunto]),
                ("1.3".into(), "—".into(), vec![Genere::Eliminato]),
            ]
        );
    }

    #[test]
    fn an_objective_moved_to_another_area_keeps_its_identity() {
        let mut new = base();
        let moved = new[0]["figli"].as_array_mut().unwrap().remove(2);
        new[1]["figli"].as_array_mut().unwrap().push(moved);
        let d = confronta(&piano(base()), &piano(new));
        assert_eq!(
            generi(&d),
            vec![("1.3".into(), "2.2".into(), vec![Genere::Spostato])]
        );
        let r = |c: &str, p: &str| Rif {
            chiave: c.into(),
            codice: c.into(),
            percorso: p.into(),
            vecchio: false,
        };
        assert_eq!(
            d.obiettivi[0].spostato,
            Some((
                Genitore::Obiettivo(Rif {
                    vecchio: true,
                    ..r("1", "albero[0]")
                }),
                Genitore::Obiettivo(r("2", "albero[1]"))
            ))
        );
        assert_eq!(d.percorsi(), ["albero[1].figli[1]"]);
        assert!(d.indicatori.is_empty() && d.valori.is_empty());
    }

    #[test]
    fn different_ids_are_different_objectives_even_with_the_same_title() {
        let (mut old, mut new) = (base(), base());
        old[1]["figli"][0]["id"] = "agile".into();
        new[1]["figli"][0]["id"] = "agile-2025".into();
        let d = confronta(&piano(old), &piano(new));
        let g: Vec<Vec<Genere>> = d.obiettivi.iter().map(|o| o.generi.clone()).collect();
        assert_eq!(g, vec![vec![Genere::Aggiunto], vec![Genere::Eliminato]]);
    }

    #[test]
    fn an_inserted_indicator_renumbers_the_next_and_weights_are_old_to_new() {
        let mut new = base();
        let inds = new[0]["figli"][0]["indicatori"].as_array_mut().unwrap();
        inds.insert(0, json!({"id": "nuovo", "descrizione": "sportelli aperti", "target": {"2024": "3"}, "peso": 20}));
        inds[1]["peso"] = 40.into();
        inds[2]["peso"] = 40.into();
        let d = confronta(&piano(base()), &piano(new));
        let righe: Vec<(Vec<Genere>, Option<usize>, Option<usize>)> = d
            .indicatori
            .iter()
            .map(|i| (i.generi.clone(), i.numero_prima, i.numero_dopo))
            .collect();
        assert_eq!(
            righe,
            [
                (vec![Genere::Aggiunto], None, Some(1)),
                (vec![Genere::Rinumerato], Some(1), Some(2)),
                (vec![Genere::Rinumerato], Some(2), Some(3))
            ]
        );
        let (aggiunto, scadenze) = d.indicatori[0].aggiunto.as_ref().unwrap();
        assert_eq!(aggiunto.descrizione, "sportelli aperti");
        assert_eq!(scadenze, &["2024"]);
        let valori: Vec<(&Voce, Option<f64>, Option<f64>)> = d
            .valori
            .iter()
            .map(|v| {
                let p = |x: &Option<Valore>| match x {
                    Some(Valore::Percentuale(p)) => Some(*p),
                    _ => None,
                };
                (&v.voce, p(&v.prima), p(&v.dopo))
            })
            .collect();
        assert_eq!(
            valori,
            [
                (&Voce::Peso, Some(50.0), Some(40.0)),
                (&Voce::Peso, Some(50.0), Some(40.0))
            ]
        );
        assert_eq!(
            d.percorsi(),
            [
                "albero[0].figli[0].indicatori[0]",
                "albero[0].figli[0].indicatori[1]",
                "albero[0].figli[0].indicatori[2]",
                "albero[0].figli[0].indicatori[1].peso",
                "albero[0].figli[0].indicatori[2].peso"
            ]
        );
        assert!(d.obiettivi.is_empty());
    }

    #[test]
    fn a_reworded_indicator_and_a_changed_target() {
        let mut new = base();
        new[0]["figli"][0]["indicatori"][1]["descrizione"] =
            "contributi erogati alle imprese".into();
        new[0]["figli"][0]["indicatori"][1]["target"]["2024"] = ">= 250".into();
        let d = confronta(&piano(base()), &piano(new));
        assert_eq!(d.indicatori.len(), 1);
        assert_eq!(d.indicatori[0].generi, [Genere::Rinominato]);
        assert_eq!(d.valori.len(), 1);
        let testo = |v: &Option<Valore>| match v {
            Some(Valore::Target(t)) => t.testo(),
            _ => String::new(),
        };
        assert_eq!(
            (
                &d.valori[0].voce,
                testo(&d.valori[0].prima),
                testo(&d.valori[0].dopo)
            ),
            (&Voce::Target("2024".into()), "SI".into(), ">= 250".into())
        );
        assert_eq!(
            d.percorsi(),
            [
                "albero[0].figli[0].indicatori[1].descrizione",
                "albero[0].figli[0].indicatori[1].target.2024"
            ]
        );
    }

    #[test]
    fn an_objective_given_to_another_manager_is_reassigned() {
        let old = piano(base());
        let mut new = old.clone();
        let a = new.assegnazioni.as_mut().unwrap();
        a.dirigenti[0].obiettivi[0].obiettivo = "2.1".into();
        a.dirigenti[1].obiettivi[0].obiettivo = "1.2".into();
        let d = confronta(&old, &new);
        let persona = |nome: &str| Persona {
            titolo: None,
            nome: nome.into(),
        };
        let righe: Vec<(&str, &str, &GenereAssegnazione)> = d
            .assegnazioni
            .iter()
            .map(|a| match &a.obiettivo {
                Assegnato::Obiettivo(r, _) => {
                    (a.dirigente.nome.as_str(), r.codice.as_str(), &a.genere)
                }
                Assegnato::Riferimento(t) => (a.dirigente.nome.as_str(), t.as_str(), &a.genere),
            })
            .collect();
        assert_eq!(
            righe,
            [
                (
                    "Anna Rossi",
                    "2.1",
                    &GenereAssegnazione::Riassegnato(persona("Luca Bianchi"))
                ),
                (
                    "Luca Bianchi",
                    "1.2",
                    &GenereAssegnazione::Riassegnato(persona("Anna Rossi"))
                ),
            ]
        );
        assert_eq!(
            d.percorsi(),
            [
                "assegnazioni.dirigenti[0].obiettivi[0]",
                "assegnazioni.dirigenti[1].obiettivi[0]"
            ]
        );
    }

    #[test]
    fn a_managers_fields_are_located_by_the_managers_name() {
        let mut old = piano(base());
        old.assegnazioni.as_mut().unwrap().dirigenti[0].titolo = Some("Dott.".into());
        let mut new = old.clone();
        let a = new.assegnazioni.as_mut().unwrap();
        a.dirigenti[0].ruolo = "Segretario generale".into();
        a.dirigenti[0].obiettivi[0].titolo = Some("Digitalizzazione".into());
        let d = confronta(&old, &new);
        let altre: Vec<(String, &str)> = d
            .altre
            .iter()
            .map(|a| (report::dove(&a.dove.passi), a.dove.percorso.as_str()))
            .collect();
        assert_eq!(
            altre,
            [
                (
                    "assegnazioni › «Anna Rossi» › «1.2» › titolo".into(),
                    "assegnazioni.dirigenti[0].obiettivi[0].titolo"
                ),
                (
                    "assegnazioni › «Anna Rossi» › ruolo".into(),
                    "assegnazioni.dirigenti[0].ruolo"
                )
            ]
        );
        assert!(d.assegnazioni.is_empty(), "{:#?}", d.assegnazioni);
    }

    #[test]
    fn narrative_text_changes_are_word_level() {
        let mut new = base();
        new[1]["figli"][0]["descrizione"] = "Descrizione aggiornata di Lavoro agile.".into();
        let d = confronta(&piano(base()), &piano(new));
        assert_eq!(d.testi.len(), 1);
        assert_eq!(report::dove(&d.testi[0].dove.passi), "2.1 › descrizione");
        assert_eq!(d.testi[0].dove.percorso, "albero[1].figli[0].descrizione");
        assert!(d.obiettivi.is_empty() && d.altre.is_empty());
    }

    /// A node's narrative sections are compared with the node: a moved section (its
    /// `posizione`) and a reworded one, located by the objective's code and the section's
    /// title; the chapter's number and headings with the document.
    #[test]
    fn a_nodes_sections_and_the_chapters_headings_are_compared() {
        let sezioni = |posizione: &str, testo: &str| {
            json!([{"titolo": "Contesto normativo", "posizione": posizione,
                "contenuto": [{"testo": testo}]}])
        };
        let mut old = base();
        old[0]["figli"][1]["sezioni"] = sezioni(
            "prima",
            "Il Codice dell'amministrazione digitale e le linee guida.",
        );
        let mut new = base();
        new[0]["figli"][1]["sezioni"] = sezioni(
            "dopo",
            "Il Codice dell'amministrazione digitale e le nuove linee guida.",
        );
        let (mut po, mut pn) = (piano(old), piano(new));
        po.documento.numero_capitolo = None;
        pn.documento.numero_capitolo = Some(3);
        pn.documento.intestazioni = Some(crate::model::Intestazioni {
            schede: Some("Schede".into()),
            ..Default::default()
        });
        let d = confronta(&po, &pn);
        assert!(d.obiettivi.is_empty(), "{:#?}", d.obiettivi);
        let testi: Vec<(String, &str)> = d
            .testi
            .iter()
            .map(|t| (report::dove(&t.dove.passi), t.dove.percorso.as_str()))
            .collect();
        assert_eq!(
            testi,
            [(
                "1.2 › «Contesto normativo» › contenuto 1 › testo".into(),
                "albero[0].figli[1].sezioni[0].contenuto[0].testo"
            )]
        );
        let altre: Vec<&str> = d.altre.iter().map(|a| a.dove.percorso.as_str()).collect();
        assert_eq!(
            altre,
            [
                "documento.intestazioni",
                "documento.numero_capitolo",
                "albero[0].figli[1].sezioni[0].posizione"
            ]
        );
    }
}
