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

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use crate::format::format_percent;
use crate::indice::{Indice, Ramo};
use crate::model::{Indicatore, Livello, Nodo, Piano, Target};
use crate::view::View;
use generico::{Raccolta, unisci};
pub use testo::{Segmento, TipoSegmento};

/// Below this similarity two unpaired siblings are a removal and an addition, not a rename.
const SOGLIA_SOMIGLIANZA: f64 = 0.5;

/// What happened to an objective, an indicator or an act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
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

/// An act of the plan added, removed or changed.
#[derive(Debug, Clone, Serialize)]
pub struct ModificaAtto {
    /// What happened.
    pub genere: Genere,
    /// What happened, in words.
    pub modifica: String,
    /// The act as on the cover ("Aggiornato con deliberazione di Giunta n. 95 del ...").
    pub atto: String,
    /// Its subject, "—" when none.
    pub oggetto: String,
}

/// An objective added, removed, moved, renumbered or renamed.
#[derive(Debug, Clone, Serialize)]
pub struct ModificaObiettivo {
    /// What happened (a renamed objective may also be renumbered).
    pub generi: Vec<Genere>,
    /// What happened, in words.
    pub modifica: String,
    /// Name of its level.
    pub livello: String,
    /// Code in the old version, "—" when added.
    pub codice_prima: String,
    /// Code in the new version, "—" when removed.
    pub codice_dopo: String,
    /// Title: word changes when renamed, else the title.
    pub titolo: Vec<Segmento>,
    /// Details (where it moved from, weight and indicators of an added one), or empty.
    pub nota: String,
}

/// An indicator added, removed, moved, renumbered or reworded.
#[derive(Debug, Clone, Serialize)]
pub struct ModificaIndicatore {
    /// What happened.
    pub generi: Vec<Genere>,
    /// What happened, in words.
    pub modifica: String,
    /// Code of its objective (in the new version, or the old one when removed).
    pub obiettivo: String,
    /// Number in the old version, "—" when added.
    pub numero_prima: String,
    /// Number in the new version, "—" when removed.
    pub numero_dopo: String,
    /// Description: word changes when reworded, else the description.
    pub descrizione: Vec<Segmento>,
    /// Details (targets and weight of an added one, where it moved from), or empty.
    pub nota: String,
}

/// A target, baseline or weight changed.
#[derive(Debug, Clone, Serialize)]
pub struct ModificaValore {
    /// Code of the objective.
    pub obiettivo: String,
    /// The indicator ("Indicatore 1: ..."), or the objective's title for its own weight.
    pub oggetto: String,
    /// Which value: "peso", "baseline", "target al 31/12", "peso al 2022".
    pub voce: String,
    /// Old value, "—" when not set.
    pub prima: String,
    /// New value, "—" when not set.
    pub dopo: String,
}

/// An objective assigned, unassigned, reassigned or reweighted in a manager's list.
#[derive(Debug, Clone, Serialize)]
pub struct ModificaAssegnazione {
    /// The manager (honorific and name).
    pub dirigente: String,
    /// Code of the objective.
    pub obiettivo: String,
    /// Its title.
    pub titolo: String,
    /// What happened, in words.
    pub modifica: String,
    /// Old weight, "—" when not assigned.
    pub prima: String,
    /// New weight, "—" when no longer assigned.
    pub dopo: String,
}

/// A narrative text changed, word by word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModificaTesto {
    /// Where: "1.1.2 › descrizione", "«Premessa» › contenuto 1 › testo".
    pub dove: String,
    /// The compact word changes.
    pub segmenti: Vec<Segmento>,
}

/// Any other value changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModificaCampo {
    /// Where.
    pub dove: String,
    /// Old value in a few words, "—" when absent.
    pub prima: String,
    /// New value in a few words, "—" when absent.
    pub dopo: String,
}

/// Every change between two versions of a plan, one list per kind, in document order.
#[derive(Debug, Clone, Default, Serialize)]
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
    /// level. Identity is settled by then; marks for `--confronta` use the positions, so
    /// this is for the report only.
    pub fn numeri_stampati(&mut self, old: &Piano, new: &Piano) {
        fn map(piano: &Piano) -> HashMap<String, String> {
            let indice = Indice::build(piano);
            let voci = indice.voci().iter();
            voci.map(|v| (v.chiave.clone(), v.riferimento.clone()))
                .collect()
        }
        let (mo, mn) = (map(old), map(new));
        let fix = |m: &HashMap<String, String>, c: &mut String| {
            if let Some(v) = m.get(c.as_str()) {
                *c = v.clone();
            }
        };
        for o in &mut self.obiettivi {
            fix(&mo, &mut o.codice_prima);
            fix(&mn, &mut o.codice_dopo);
        }
        for i in &mut self.indicatori {
            if i.numero_dopo == "—" {
                fix(&mo, &mut i.obiettivo);
            } else {
                fix(&mn, &mut i.obiettivo);
            }
        }
        for v in &mut self.valori {
            fix(&mn, &mut v.obiettivo);
        }
        for a in &mut self.assegnazioni {
            fix(&mn, &mut a.obiettivo);
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

    /// The changes counted by kind, in words: "1 indicatore aggiunto", "3 pesi modificati".
    pub fn riepilogo(&self) -> Vec<String> {
        let mut out = Vec::new();
        let atti: Vec<Genere> = self.atti.iter().map(|a| a.genere).collect();
        conta(&mut out, ("atto", "atti"), &atti, &[]);
        let ob: Vec<Genere> = self
            .obiettivi
            .iter()
            .flat_map(|o| o.generi.clone())
            .collect();
        conta(&mut out, ("obiettivo", "obiettivi"), &ob, &[]);
        let ind: Vec<Genere> = self
            .indicatori
            .iter()
            .flat_map(|o| o.generi.clone())
            .collect();
        conta(
            &mut out,
            ("indicatore", "indicatori"),
            &ind,
            &[(Genere::Rinominato, ("riformulato", "riformulati"))],
        );
        for (n, s, p) in [
            (
                self.valori.len(),
                "target, baseline o peso modificato",
                "target, baseline o pesi modificati",
            ),
            (
                self.assegnazioni.len(),
                "modifica alle assegnazioni ai dirigenti",
                "modifiche alle assegnazioni ai dirigenti",
            ),
            (self.testi.len(), "testo modificato", "testi modificati"),
            (self.altre.len(), "altra modifica", "altre modifiche"),
        ] {
            if n > 0 {
                out.push(format!("{n} {}", if n == 1 { s } else { p }));
            }
        }
        out
    }
}

/// Counts `generi` by kind into phrases such as "2 obiettivi rinumerati".
fn conta(
    out: &mut Vec<String>,
    (singolare, plurale): (&str, &str),
    generi: &[Genere],
    parole: &[(Genere, (&str, &str))],
) {
    for g in [
        Genere::Aggiunto,
        Genere::Eliminato,
        Genere::Spostato,
        Genere::Rinumerato,
        Genere::Rinominato,
        Genere::Modificato,
    ] {
        let n = generi.iter().filter(|x| **x == g).count();
        if n == 0 {
            continue;
        }
        let (ps, pp) = parole
            .iter()
            .find(|(k, _)| *k == g)
            .map_or_else(|| participio(g), |(_, p)| *p);
        if n == 1 {
            out.push(format!("1 {singolare} {ps}"));
        } else {
            out.push(format!("{n} {plurale} {pp}"));
        }
    }
}

fn participio(g: Genere) -> (&'static str, &'static str) {
    match g {
        Genere::Aggiunto => ("aggiunto", "aggiunti"),
        Genere::Eliminato => ("eliminato", "eliminati"),
        Genere::Spostato => ("spostato", "spostati"),
        Genere::Rinumerato => ("rinumerato", "rinumerati"),
        Genere::Rinominato => ("rinominato", "rinominati"),
        Genere::Modificato => ("modificato", "modificati"),
    }
}

/// A node of either version, flattened in document order.
struct Voce<'a> {
    nodo: &'a Nodo,
    /// Derived code ("1.1.2"; "Azienda Speciale Pro Brixia 1" for agencies).
    codice: String,
    /// 0 for the main tree, 1 + index for each agency.
    ramo: usize,
    parent: Option<usize>,
    depth: usize,
    livello: Option<&'a Livello>,
}

/// An indicator of either version, flattened in document order.
struct VoceInd<'a> {
    ind: &'a Indicatore,
    /// Its node in the flattened list.
    nodo: usize,
    /// Position in its node, from 0.
    pos: usize,
}

fn appiattisci(piano: &Piano) -> Vec<Voce<'_>> {
    let indice = Indice::build(piano);
    let voci = indice.con_nodi(piano).map(|(nodo, v)| Voce {
        nodo,
        codice: v.chiave.clone(),
        ramo: match v.ramo {
            Ramo::Albero => 0,
            Ramo::Azienda(k) => k + 1,
        },
        parent: v.padre,
        depth: v.profondita,
        livello: v.livello(piano),
    });
    voci.collect()
}

fn appiattisci_indicatori<'a>(voci: &[Voce<'a>]) -> Vec<VoceInd<'a>> {
    voci.iter()
        .enumerate()
        .flat_map(|(n, v)| {
            v.nodo
                .indicatori
                .iter()
                .enumerate()
                .map(move |(pos, ind)| VoceInd { ind, nodo: n, pos })
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

/// Where a node hangs, in the new version's terms: a parent node, or the root of a branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Appiglio {
    Nodo(usize),
    Radice(usize),
}

struct Confronto<'a> {
    old: &'a Piano,
    new: &'a Piano,
    vo: Vec<Voce<'a>>,
    vn: Vec<Voce<'a>>,
    /// Agencies: old branch → new branch (branch 0, the tree, always pairs with itself).
    rami: Vec<Option<usize>>,
    nodi: Abbinamento,
    io: Vec<VoceInd<'a>>,
    inn: Vec<VoceInd<'a>>,
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

    let mut d = Differenze {
        atti: atti(old, new),
        ..Differenze::default()
    };
    let mut r = Raccolta::default();
    let (jo, jn) = (
        serde_json::to_value(old).unwrap_or_default(),
        serde_json::to_value(new).unwrap_or_default(),
    );
    for key in [
        "ente",
        "documento",
        "livelli",
        "ponderazione",
        "sezioni",
        "introduzione",
        "programmazione",
    ] {
        r.campo("", key, jo.get(key), jn.get(key));
    }
    c.obiettivi(&mut d, &mut r);
    c.indicatori(&mut d, &mut r);
    c.assegnazioni(&mut d, &mut r);
    for key in ["firme", "pola"] {
        r.campo("", key, jo.get(key), jn.get(key));
    }
    d.testi = r.testi;
    d.altre = r.altre;
    d
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
        let mut pairs: Vec<(usize, usize)> = by_title
            .values()
            .filter(|(o, n)| o.len() == 1 && n.len() == 1)
            .map(|(o, n)| (o[0], n[0]))
            .filter(|&(o, n)| self.ammesso_nodo(o, n))
            .collect();
        pairs.sort_unstable();
        for (o, n) in pairs {
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

    fn abbina_indicatori(&mut self) {
        let coppia =
            |s: &Self, o: usize, n: usize| s.nodi.avanti[s.io[o].nodo] == Some(s.inn[n].nodo);
        let entrambi = |s: &Self, o: usize, n: usize| {
            s.nodi.avanti[s.io[o].nodo].is_some() && s.nodi.indietro[s.inn[n].nodo].is_some()
        };
        let ammesso = |s: &Self, o: usize, n: usize| {
            !id_diversi(s.io[o].ind.id.as_ref(), s.inn[n].ind.id.as_ref())
        };
        // 1. The same `id`, anywhere among objectives present in both versions.
        for o in 0..self.io.len() {
            let Some(id) = self.io[o].ind.id.as_deref() else {
                continue;
            };
            let found = (0..self.inn.len()).find(|&n| {
                self.ind.libero_nuovo(n)
                    && entrambi(self, o, n)
                    && self.inn[n].ind.id.as_deref().map(str::trim) == Some(id.trim())
            });
            if let Some(n) = found {
                self.ind.unisci(o, n);
            }
        }
        // 2. The same description in the same objective.
        for o in 0..self.io.len() {
            if !self.ind.libero_vecchio(o) {
                continue;
            }
            let desc = normalizza(&self.io[o].ind.descrizione);
            let found = (0..self.inn.len()).find(|&n| {
                self.ind.libero_nuovo(n)
                    && coppia(self, o, n)
                    && ammesso(self, o, n)
                    && normalizza(&self.inn[n].ind.descrizione) == desc
            });
            if let Some(n) = found {
                self.ind.unisci(o, n);
            }
        }
        // 3. A description found once among the unpaired: moved to another objective.
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
        let mut pairs: Vec<(usize, usize)> = by_desc
            .values()
            .filter(|(o, n)| o.len() == 1 && n.len() == 1)
            .map(|(o, n)| (o[0], n[0]))
            .filter(|&(o, n)| ammesso(self, o, n))
            .collect();
        pairs.sort_unstable();
        for (o, n) in pairs {
            self.ind.unisci(o, n);
        }
        // 4. The most similar unpaired indicator of the same objective: reworded.
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
            let amm = |o: usize, n: usize| ammesso(self, o, n);
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

    fn nome_livello(&self, v: &Voce<'_>) -> String {
        v.livello.map(|l| l.nome.clone()).unwrap_or_default()
    }

    /// Objectives: structure changes, own weight, and the fields without identity.
    fn obiettivi(&self, d: &mut Differenze, r: &mut Raccolta) {
        let mut righe: Vec<((usize, u8, usize), ModificaObiettivo)> = Vec::new();
        for (n, v) in self.vn.iter().enumerate() {
            let Some(o) = self.nodi.indietro[n] else {
                let nota = format!(
                    "peso {}; {}",
                    v.nodo
                        .peso
                        .map_or_else(|| "non indicato".into(), format_percent),
                    quanti(v.nodo.indicatori.len(), "indicatore", "indicatori")
                );
                righe.push((
                    (n, 0, 0),
                    ModificaObiettivo {
                        generi: vec![Genere::Aggiunto],
                        modifica: "aggiunto".into(),
                        livello: self.nome_livello(v),
                        codice_prima: "—".into(),
                        codice_dopo: v.codice.clone(),
                        titolo: testo::intero(TipoSegmento::Uguale, &v.nodo.titolo),
                        nota,
                    },
                ));
                continue;
            };
            let w = &self.vo[o];
            let mut generi = Vec::new();
            let mut nota = String::new();
            let spostato = self.appiglio_vecchio(o) != Some(self.appiglio_nuovo(n));
            if spostato {
                generi.push(Genere::Spostato);
                nota = format!(
                    "da {} a {}",
                    Self::genitore(self.old, &self.vo, o),
                    Self::genitore(self.new, &self.vn, n)
                );
            } else if w.codice != v.codice {
                generi.push(Genere::Rinumerato);
            }
            let rinominato = w.nodo.titolo.trim() != v.nodo.titolo.trim();
            if rinominato {
                generi.push(Genere::Rinominato);
            }
            if !generi.is_empty() {
                righe.push((
                    (n, 0, 0),
                    ModificaObiettivo {
                        modifica: generi
                            .iter()
                            .map(|g| participio(*g).0)
                            .collect::<Vec<_>>()
                            .join(", "),
                        generi,
                        livello: self.nome_livello(v),
                        codice_prima: w.codice.clone(),
                        codice_dopo: v.codice.clone(),
                        titolo: if rinominato {
                            testo::confronta(&w.nodo.titolo, &v.nodo.titolo)
                        } else {
                            testo::intero(TipoSegmento::Uguale, &v.nodo.titolo)
                        },
                        nota,
                    },
                ));
            }
            if w.nodo.peso != v.nodo.peso {
                d.valori.push(ModificaValore {
                    obiettivo: v.codice.clone(),
                    oggetto: v.nodo.titolo.clone(),
                    voce: "peso dell'obiettivo".into(),
                    prima: opt_percent(w.nodo.peso),
                    dopo: opt_percent(v.nodo.peso),
                });
            }
            let (mut a, mut b) = (
                serde_json::to_value(w.nodo).unwrap_or_default(),
                serde_json::to_value(v.nodo).unwrap_or_default(),
            );
            for x in [&mut a, &mut b] {
                if let Some(m) = x.as_object_mut() {
                    for k in ["id", "titolo", "peso", "indicatori", "figli"] {
                        m.remove(k);
                    }
                }
            }
            r.confronta(&v.codice, Some(&a), Some(&b));
        }
        for (o, w) in self.vo.iter().enumerate() {
            if self.nodi.avanti[o].is_some() {
                continue;
            }
            let anchor = (0..o)
                .rev()
                .find_map(|p| self.nodi.avanti[p])
                .map_or(0, |n| n + 1);
            righe.push((
                (anchor, 1, o),
                ModificaObiettivo {
                    generi: vec![Genere::Eliminato],
                    modifica: "eliminato".into(),
                    livello: self.nome_livello(w),
                    codice_prima: w.codice.clone(),
                    codice_dopo: "—".into(),
                    titolo: testo::intero(TipoSegmento::Uguale, &w.nodo.titolo),
                    nota: String::new(),
                },
            ));
        }
        // Agency-level fields (name, level) of agencies present in both versions.
        for (k, az) in self.old.aziende_speciali.iter().enumerate() {
            if let Some(j) = self.rami[k + 1] {
                let bz = &self.new.aziende_speciali[j - 1];
                let luogo = format!("«{}»", bz.nome);
                r.confronta(
                    &unisci(&luogo, "nome"),
                    Some(&Value::from(az.nome.as_str())),
                    Some(&Value::from(bz.nome.as_str())),
                );
                let (a, b) = (
                    serde_json::to_value(&az.livello).unwrap_or_default(),
                    serde_json::to_value(&bz.livello).unwrap_or_default(),
                );
                r.confronta(&unisci(&luogo, "livello"), Some(&a), Some(&b));
            }
        }
        righe.sort_by_key(|(k, _)| *k);
        d.obiettivi = righe.into_iter().map(|(_, m)| m).collect();
    }

    /// The parent's code, or the branch (first level, an agency's name) of a top node.
    fn genitore(piano: &Piano, voci: &[Voce<'_>], i: usize) -> String {
        match voci[i].parent {
            Some(p) => voci[p].codice.clone(),
            None if voci[i].ramo == 0 => "primo livello".into(),
            None => piano.aziende_speciali[voci[i].ramo - 1].nome.clone(),
        }
    }

    /// Indicators of objectives present in both versions: structure, values, other fields.
    fn indicatori(&self, d: &mut Differenze, r: &mut Raccolta) {
        let mut righe: Vec<((usize, u8, usize), ModificaIndicatore)> = Vec::new();
        for (n, x) in self.inn.iter().enumerate() {
            let v = &self.vn[x.nodo];
            let Some(o) = self.ind.indietro[n] else {
                if self.nodi.indietro[x.nodo].is_some() {
                    righe.push((
                        (n, 0, 0),
                        ModificaIndicatore {
                            generi: vec![Genere::Aggiunto],
                            modifica: "aggiunto".into(),
                            obiettivo: v.codice.clone(),
                            numero_prima: "—".into(),
                            numero_dopo: (x.pos + 1).to_string(),
                            descrizione: testo::intero(TipoSegmento::Uguale, &x.ind.descrizione),
                            nota: self.dettagli(x.ind, v),
                        },
                    ));
                }
                continue;
            };
            let y = &self.io[o];
            let w = &self.vo[y.nodo];
            let mut generi = Vec::new();
            let mut nota = String::new();
            if self.nodi.avanti[y.nodo] != Some(x.nodo) {
                generi.push(Genere::Spostato);
                nota = format!("dall'obiettivo {} (indicatore {})", w.codice, y.pos + 1);
            } else if y.pos != x.pos {
                generi.push(Genere::Rinumerato);
            }
            let riformulato = y.ind.descrizione.trim() != x.ind.descrizione.trim();
            if riformulato {
                generi.push(Genere::Rinominato);
            }
            if !generi.is_empty() {
                righe.push((
                    (n, 0, 0),
                    ModificaIndicatore {
                        modifica: generi
                            .iter()
                            .map(|g| match g {
                                Genere::Rinominato => "riformulato",
                                g => participio(*g).0,
                            })
                            .collect::<Vec<_>>()
                            .join(", "),
                        generi,
                        obiettivo: v.codice.clone(),
                        numero_prima: (y.pos + 1).to_string(),
                        numero_dopo: (x.pos + 1).to_string(),
                        descrizione: if riformulato {
                            testo::confronta(&y.ind.descrizione, &x.ind.descrizione)
                        } else {
                            testo::intero(TipoSegmento::Uguale, &x.ind.descrizione)
                        },
                        nota,
                    },
                ));
            }
            self.valori(d, y.ind, x, v);
            let (mut a, mut b) = (
                serde_json::to_value(y.ind).unwrap_or_default(),
                serde_json::to_value(x.ind).unwrap_or_default(),
            );
            for j in [&mut a, &mut b] {
                if let Some(m) = j.as_object_mut() {
                    for k in ["id", "descrizione", "baseline", "target", "peso"] {
                        m.remove(k);
                    }
                }
            }
            let luogo = format!("{} › indicatore {}", v.codice, x.pos + 1);
            r.confronta(&luogo, Some(&a), Some(&b));
        }
        for (o, y) in self.io.iter().enumerate() {
            if self.ind.avanti[o].is_some() || self.nodi.avanti[y.nodo].is_none() {
                continue;
            }
            let anchor = (0..o)
                .rev()
                .find_map(|p| self.ind.avanti[p])
                .map_or(0, |n| n + 1);
            righe.push((
                (anchor, 1, o),
                ModificaIndicatore {
                    generi: vec![Genere::Eliminato],
                    modifica: "eliminato".into(),
                    obiettivo: self.vo[y.nodo].codice.clone(),
                    numero_prima: (y.pos + 1).to_string(),
                    numero_dopo: "—".into(),
                    descrizione: testo::intero(TipoSegmento::Uguale, &y.ind.descrizione),
                    nota: String::new(),
                },
            ));
        }
        righe.sort_by_key(|(k, _)| *k);
        d.indicatori = righe.into_iter().map(|(_, m)| m).collect();
    }

    /// The deadlines of a node's targets: its level's, then any other key in the data.
    fn scadenze(&self, v: &Voce<'_>, extra: &[&Indicatore]) -> Vec<String> {
        let mut out = v.livello.map_or_else(
            || self.new.documento.anni(),
            |l| l.scadenze_effettive(&self.new.documento),
        );
        for ind in extra {
            let mut keys: Vec<&String> = ind.target.keys().collect();
            if let Some(crate::model::Peso::PerScadenza(m)) = &ind.peso {
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

    /// Baseline, targets and weights of an added indicator, in one line.
    fn dettagli(&self, ind: &Indicatore, v: &Voce<'_>) -> String {
        let mut parts = vec![format!(
            "baseline {}",
            ind.baseline.as_ref().map_or_else(|| "—".into(), target)
        )];
        for s in self.scadenze(v, &[ind]) {
            if let Some(t) = ind.target.get(&s) {
                parts.push(format!("target al {s} {}", target(t)));
            }
        }
        match &ind.peso {
            Some(crate::model::Peso::Unico(p)) => {
                parts.push(format!("peso {}", format_percent(*p)))
            }
            Some(crate::model::Peso::PerScadenza(_)) => {
                for s in self.scadenze(v, &[ind]) {
                    if let Some(p) = ind.peso_at(&s) {
                        parts.push(format!("peso al {s} {}", format_percent(p)));
                    }
                }
            }
            None => parts.push("peso non indicato".into()),
        }
        parts.join("; ")
    }

    fn valori(&self, d: &mut Differenze, old: &Indicatore, x: &VoceInd<'_>, v: &Voce<'_>) {
        let new = x.ind;
        let oggetto = format!("Indicatore {}: {}", x.pos + 1, new.descrizione);
        let mut push = |voce: String, prima: String, dopo: String| {
            d.valori.push(ModificaValore {
                obiettivo: v.codice.clone(),
                oggetto: oggetto.clone(),
                voce,
                prima,
                dopo,
            });
        };
        let json = |t: Option<&Target>| t.map(|t| serde_json::to_value(t).unwrap_or_default());
        if json(old.baseline.as_ref()) != json(new.baseline.as_ref()) {
            push(
                "baseline".into(),
                opt_target(old.baseline.as_ref()),
                opt_target(new.baseline.as_ref()),
            );
        }
        let scadenze = self.scadenze(v, &[old, new]);
        for s in &scadenze {
            let (a, b) = (old.target.get(s), new.target.get(s));
            if json(a) != json(b) {
                push(format!("target al {s}"), opt_target(a), opt_target(b));
            }
        }
        use crate::model::Peso;
        match (&old.peso, &new.peso) {
            (Some(Peso::Unico(a)), Some(Peso::Unico(b))) if a == b => {}
            (None, None) => {}
            (Some(Peso::Unico(_)) | None, Some(Peso::Unico(_)) | None) => push(
                "peso".into(),
                opt_percent(old.peso_at("")),
                opt_percent(new.peso_at("")),
            ),
            _ => {
                for s in &scadenze {
                    let (a, b) = (old.peso_at(s), new.peso_at(s));
                    if a != b {
                        push(format!("peso al {s}"), opt_percent(a), opt_percent(b));
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

    /// Code and title of an assigned objective.
    fn descrivi(&self, c: &Chiave) -> (String, String) {
        match c {
            Chiave::Nuovo(n) => (self.vn[*n].codice.clone(), self.vn[*n].nodo.titolo.clone()),
            Chiave::Vecchio(o) => (self.vo[*o].codice.clone(), self.vo[*o].nodo.titolo.clone()),
            Chiave::Testo(t) => (t.clone(), String::new()),
        }
    }

    /// Assignments: per manager and objective (by identity, whatever code it has now).
    fn assegnazioni(&self, d: &mut Differenze, r: &mut Raccolta) {
        let nessuno = Vec::new();
        let dir_o = self
            .old
            .assegnazioni
            .as_ref()
            .map_or(&nessuno, |a| &a.dirigenti);
        let dir_n = self
            .new
            .assegnazioni
            .as_ref()
            .map_or(&nessuno, |a| &a.dirigenti);
        if let (Some(a), Some(b)) = (&self.old.assegnazioni, &self.new.assegnazioni) {
            r.confronta(
                "assegnazioni › anno",
                Some(&Value::from(a.anno)),
                Some(&Value::from(b.anno)),
            );
        }
        let (ko, kn) = (chiavi(&self.vo), chiavi(&self.vn));
        let vecchie: Vec<Assegnata> = dir_o
            .iter()
            .enumerate()
            .flat_map(|(i, x)| x.obiettivi.iter().map(move |a| (i, a)))
            .map(|(i, a)| Assegnata {
                dirigente: i,
                chiave: self.chiave_vecchia(&ko, &a.obiettivo),
                peso: a.peso,
            })
            .collect();
        let nuove: Vec<Assegnata> = dir_n
            .iter()
            .enumerate()
            .flat_map(|(j, x)| x.obiettivi.iter().map(move |a| (j, a)))
            .map(|(j, a)| Assegnata {
                dirigente: j,
                chiave: match kn.get(a.obiettivo.trim()) {
                    Some(&n) => Chiave::Nuovo(n),
                    None => Chiave::Testo(a.obiettivo.trim().to_string()),
                },
                peso: a.peso,
            })
            .collect();
        let mut dm = Abbinamento::new(dir_o.len(), dir_n.len());
        for (i, a) in dir_o.iter().enumerate() {
            let found = (0..dir_n.len())
                .find(|&j| dm.libero_nuovo(j) && normalizza(&dir_n[j].nome) == normalizza(&a.nome));
            if let Some(j) = found {
                dm.unisci(i, j);
            }
        }
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
        let nome = |x: &crate::model::Dirigente| match &x.titolo {
            Some(t) => format!("{t} {}", x.nome),
            None => x.nome.clone(),
        };
        let riga = |dir: String, c: &Chiave, modifica: String, prima: String, dopo: String| {
            let (obiettivo, titolo) = self.descrivi(c);
            ModificaAssegnazione {
                dirigente: dir,
                obiettivo,
                titolo,
                modifica,
                prima,
                dopo,
            }
        };
        let tolta = |e: &Assegnata| {
            riga(
                nome(&dir_o[e.dirigente]),
                &e.chiave,
                "non più assegnato".into(),
                format_percent(e.peso),
                "—".into(),
            )
        };
        let mut righe = Vec::new();
        for (j, x) in dir_n.iter().enumerate() {
            for (k, e) in nuove.iter().enumerate().filter(|(_, e)| e.dirigente == j) {
                let dopo = format_percent(e.peso);
                match (stessa[k], da[k]) {
                    (Some(i), _) if vecchie[i].peso != e.peso => righe.push(riga(
                        nome(x),
                        &e.chiave,
                        "peso modificato".into(),
                        format_percent(vecchie[i].peso),
                        dopo,
                    )),
                    (Some(_), _) => {}
                    (None, Some(i)) => righe.push(riga(
                        nome(x),
                        &e.chiave,
                        format!(
                            "riassegnato (prima a {})",
                            nome(&dir_o[vecchie[i].dirigente])
                        ),
                        format_percent(vecchie[i].peso),
                        dopo,
                    )),
                    (None, None) => righe.push(riga(
                        nome(x),
                        &e.chiave,
                        "assegnato".into(),
                        "—".into(),
                        dopo,
                    )),
                }
            }
            if let Some(i) = dm.indietro[j] {
                let luogo = format!("assegnazioni › «{}»", x.nome);
                let a = &dir_o[i];
                for (key, va, vb) in [
                    ("ruolo", Some(a.ruolo.as_str()), Some(x.ruolo.as_str())),
                    ("titolo", a.titolo.as_deref(), x.titolo.as_deref()),
                ] {
                    r.confronta(
                        &unisci(&luogo, key),
                        va.map(Value::from).as_ref(),
                        vb.map(Value::from).as_ref(),
                    );
                }
                for (k, e) in vecchie.iter().enumerate() {
                    if !usata[k] && e.dirigente == i {
                        righe.push(tolta(e));
                    }
                }
            }
        }
        for (k, e) in vecchie.iter().enumerate() {
            if !usata[k] && dm.avanti[e.dirigente].is_none() {
                righe.push(tolta(e));
            }
        }
        d.assegnazioni = righe;
    }
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
    chiave: Chiave,
    peso: f64,
}

/// Ids and codes (of the main tree) → node, as assignments refer to objectives.
fn chiavi<'a>(voci: &[Voce<'a>]) -> HashMap<String, usize> {
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

/// The acts as the cover of the plan reads them, one line each.
fn righe_atti(piano: &Piano) -> Vec<String> {
    View::build(piano, &Indice::build(piano), None).approvazioni
}

/// Acts pair by how they read on the cover; a changed subject is a modified act.
fn atti(old: &Piano, new: &Piano) -> Vec<ModificaAtto> {
    let lo = righe_atti(old);
    let ln = righe_atti(new);
    let oggetto = |a: &crate::model::Atto| a.oggetto.clone().unwrap_or_else(|| "—".into());
    let mut usati = vec![false; lo.len()];
    let mut out = Vec::new();
    for (j, b) in new.atti.iter().enumerate() {
        match (0..lo.len()).find(|&i| !usati[i] && lo[i] == ln[j]) {
            Some(i) => {
                usati[i] = true;
                if old.atti[i].oggetto != b.oggetto {
                    out.push(ModificaAtto {
                        genere: Genere::Modificato,
                        modifica: format!("oggetto modificato (prima: {})", oggetto(&old.atti[i])),
                        atto: ln[j].clone(),
                        oggetto: oggetto(b),
                    });
                }
            }
            None => out.push(ModificaAtto {
                genere: Genere::Aggiunto,
                modifica: "aggiunto".into(),
                atto: ln[j].clone(),
                oggetto: oggetto(b),
            }),
        }
    }
    for (i, a) in old.atti.iter().enumerate() {
        if !usati[i] {
            out.push(ModificaAtto {
                genere: Genere::Eliminato,
                modifica: "eliminato".into(),
                atto: lo[i].clone(),
                oggetto: oggetto(a),
            });
        }
    }
    out
}

fn quanti(n: usize, s: &str, p: &str) -> String {
    if n == 1 {
        format!("1 {s}")
    } else {
        format!("{n} {p}")
    }
}

fn opt_percent(v: Option<f64>) -> String {
    v.map_or_else(|| "—".into(), format_percent)
}

/// A target as printed, with its numeric structure when it has one.
fn target(t: &Target) -> String {
    match t {
        Target::Strutturato(s) if s.confronto.is_some() || s.valore.is_some() => {
            let mut parts = Vec::new();
            parts.extend(s.confronto.clone());
            parts.extend(s.valore.map(crate::format::format_plain));
            parts.extend(s.unita.clone());
            format!("{} ({})", s.testo, parts.join(" "))
        }
        t => t.testo(),
    }
}

fn opt_target(t: Option<&Target>) -> String {
    t.map_or_else(|| "—".into(), target)
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

    fn generi(d: &Differenze) -> Vec<(String, String, Vec<Genere>)> {
        d.obiettivi
            .iter()
            .map(|o| {
                (
                    o.codice_prima.clone(),
                    o.codice_dopo.clone(),
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
        let righe: Vec<(&str, &str)> = d
            .assegnazioni
            .iter()
            .map(|a| (a.obiettivo.as_str(), a.modifica.as_str()))
            .collect();
        assert_eq!(righe, [("1.2", "assegnato"), ("1.3", "non più assegnato")]);
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
        assert_eq!(d.obiettivi[0].nota, "da 1 a 2");
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
        let righe: Vec<(&str, &str, &str)> = d
            .indicatori
            .iter()
            .map(|i| {
                (
                    i.modifica.as_str(),
                    i.numero_prima.as_str(),
                    i.numero_dopo.as_str(),
                )
            })
            .collect();
        assert_eq!(
            righe,
            [
                ("aggiunto", "—", "1"),
                ("rinumerato", "1", "2"),
                ("rinumerato", "2", "3")
            ]
        );
        assert_eq!(
            d.indicatori[0].nota,
            "baseline —; target al 2024 3; peso 20,00%"
        );
        let valori: Vec<(&str, &str, &str)> = d
            .valori
            .iter()
            .map(|v| (v.voce.as_str(), v.prima.as_str(), v.dopo.as_str()))
            .collect();
        assert_eq!(
            valori,
            [("peso", "50,00%", "40,00%"), ("peso", "50,00%", "40,00%")]
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
        assert_eq!(d.indicatori[0].modifica, "riformulato");
        assert_eq!(d.valori.len(), 1);
        assert_eq!(
            (
                d.valori[0].voce.as_str(),
                d.valori[0].prima.as_str(),
                d.valori[0].dopo.as_str()
            ),
            ("target al 2024", "SI", ">= 250")
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
        let righe: Vec<(&str, &str, &str)> = d
            .assegnazioni
            .iter()
            .map(|a| {
                (
                    a.dirigente.as_str(),
                    a.obiettivo.as_str(),
                    a.modifica.as_str(),
                )
            })
            .collect();
        assert_eq!(
            righe,
            [
                ("Anna Rossi", "2.1", "riassegnato (prima a Luca Bianchi)"),
                ("Luca Bianchi", "1.2", "riassegnato (prima a Anna Rossi)"),
            ]
        );
    }

    #[test]
    fn narrative_text_changes_are_word_level() {
        let mut new = base();
        new[1]["figli"][0]["descrizione"] = "Descrizione aggiornata di Lavoro agile.".into();
        let d = confronta(&piano(base()), &piano(new));
        assert_eq!(d.testi.len(), 1);
        assert_eq!(d.testi[0].dove, "2.1 › descrizione");
        assert!(d.obiettivi.is_empty() && d.altre.is_empty());
    }
}
