//! Index stage, built right after loading: one entry per node of the tree and of every
//! azienda speciale, with its position, parent, level, identity, printed code, JSON path and
//! label. It is the only place that derives how a node is numbered and named: the checks,
//! the views, the open data and the diff read it.

use std::collections::HashMap;

use crate::model::{Livello, Nodo, Piano};

/// The tree a node belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ramo {
    /// The body's own tree (`albero`).
    Albero,
    /// The objectives of the azienda speciale at this position in `aziende_speciali`.
    Azienda(usize),
}

/// One node of the plan, as every stage names it.
#[derive(Debug, Clone)]
pub struct Voce {
    /// The tree it belongs to.
    pub ramo: Ramo,
    /// 0-based positions from the top of its tree: `[1, 0]` is the first child of the second
    /// top-level node.
    pub posizione: Vec<usize>,
    /// Its parent's entry in [`Indice::voci`], `None` at the top of its tree.
    pub padre: Option<usize>,
    /// Its children's entries in [`Indice::voci`], in order.
    pub figli: Vec<usize>,
    /// Depth in its tree, from 0.
    pub profondita: usize,
    /// Position key, unique in the plan: `1.2.3`, or `Azienda Speciale Pro Brixia 1` for an
    /// agency's objective. Anchors, open data keys and the marks of an amendment use it.
    pub chiave: String,
    /// Identity that survives renumbering: the node's `id` if it has one, else [`Self::chiave`].
    pub identita: String,
    /// Code as printed: the node's own `numero`; else, on a numbered level, its position
    /// after the code of its nearest coded ancestor (`1.2.3`); else empty.
    pub codice: String,
    /// How messages, the assignments and the prospetto name it: the printed code, after
    /// the agency's name for an agency's objective; the short title when it has no code.
    pub riferimento: String,
    /// JSON path: `albero[1].figli[0]`, `aziende_speciali[0].obiettivi[2]`.
    pub percorso: String,
    /// Name of its level ("Obiettivo strategico"), empty when `livelli` does not name it.
    pub nome_livello: String,
    /// Title.
    pub titolo: String,
    /// Heading: "Obiettivo strategico 1.2: Titolo", or "Prospettiva BSC: Titolo" without a code.
    pub etichetta: String,
    /// The first words of the title in guillemets, for a node without a code.
    pub titolo_breve: String,
}

impl Voce {
    /// Its level: for the tree, the level at its depth; for an agency's objective, the
    /// agency's own level or the last of the tree; none below that.
    pub fn livello<'p>(&self, piano: &'p Piano) -> Option<&'p Livello> {
        livello_a(piano, self.ramo, self.profondita)
    }

    /// The level of its children, whether or not it has any.
    pub fn livello_figli<'p>(&self, piano: &'p Piano) -> Option<&'p Livello> {
        livello_a(piano, self.ramo, self.profondita + 1)
    }
}

/// Every node of the plan in document order (the tree, then each agency), reachable by
/// `id` and by printed code.
#[derive(Debug, Default)]
pub struct Indice {
    voci: Vec<Voce>,
    per_chiave: HashMap<String, usize>,
    /// Ids declared more than once, with the names of the nodes that declare them.
    pub duplicati: Vec<(String, Vec<String>)>,
    /// Codes printed for more than one node of the tree, with the JSON paths of those nodes.
    pub codici_ripetuti: Vec<(String, Vec<String>)>,
}

impl Indice {
    /// Indexes every node of the tree and of the agencies.
    pub fn build(piano: &Piano) -> Indice {
        let mut voci: Vec<Voce> = Vec::new();
        // The entries of the current node's ancestors, nearest last.
        let mut antenati: Vec<usize> = Vec::new();
        percorri(piano, &mut |ramo, nodo, posizione| {
            antenati.truncate(posizione.len() - 1);
            let v = voce(piano, ramo, nodo, posizione, &antenati, &voci);
            let i = voci.len();
            if let Some(&p) = antenati.last() {
                voci[p].figli.push(i);
            }
            antenati.push(i);
            voci.push(v);
        });
        // Assignments refer to a node by `id` (any node) or by printed code (the tree's).
        let mut ids: HashMap<String, Vec<String>> = HashMap::new();
        let mut codes: HashMap<String, Vec<String>> = HashMap::new();
        let mut per_chiave = HashMap::new();
        for (i, (nodo, voce)) in nodi(piano).into_iter().zip(&voci).enumerate() {
            if let Some(id) = &nodo.id {
                ids.entry(id.clone())
                    .or_default()
                    .push(voce.riferimento.clone());
                per_chiave.insert(id.clone(), i);
            }
            if voce.ramo == Ramo::Albero && !voce.codice.is_empty() {
                codes
                    .entry(voce.codice.clone())
                    .or_default()
                    .push(voce.percorso.clone());
                per_chiave.entry(voce.codice.clone()).or_insert(i);
            }
        }
        Indice {
            voci,
            per_chiave,
            duplicati: ripetuti(ids),
            codici_ripetuti: ripetuti(codes),
        }
    }

    /// Every entry, in document order: the tree depth-first, then each agency.
    pub fn voci(&self) -> &[Voce] {
        &self.voci
    }

    /// Every node of `piano` (the plan this index was built from) with its entry, in
    /// document order.
    pub fn con_nodi<'s, 'p>(
        &'s self,
        piano: &'p Piano,
    ) -> impl Iterator<Item = (&'p Nodo, &'s Voce)> {
        nodi(piano).into_iter().zip(&self.voci)
    }

    /// The node an assignment refers to, by `id` or by printed code.
    pub fn cerca(&self, key: &str) -> Option<&Voce> {
        self.per_chiave.get(key.trim()).map(|&i| &self.voci[i])
    }

    /// The parent of an entry.
    pub fn padre(&self, voce: &Voce) -> Option<&Voce> {
        voce.padre.map(|p| &self.voci[p])
    }

    /// The children of an entry, in order.
    pub fn figli<'s>(&'s self, voce: &'s Voce) -> impl Iterator<Item = &'s Voce> {
        voce.figli.iter().map(|&i| &self.voci[i])
    }

    /// The top-level entries of a tree, in order.
    pub fn radici(&self, ramo: Ramo) -> impl Iterator<Item = &Voce> {
        self.voci
            .iter()
            .filter(move |v| v.ramo == ramo && v.padre.is_none())
    }

    /// Where the schede part of the planning chapter prints a node.
    pub fn posto(&self, piano: &Piano, voce: &Voce) -> Posto {
        let scheda = voce.livello(piano).is_none_or(Livello::ha_scheda);
        match (voce.ramo, voce.profondita) {
            (Ramo::Albero, 0) if !scheda => Posto::Intestazione,
            (Ramo::Azienda(_), 0) => Posto::Scheda,
            (Ramo::Albero, _) if scheda => Posto::Scheda,
            _ if !scheda
                && self.padre(voce).is_some_and(|p| {
                    matches!(self.posto(piano, p), Posto::Scheda | Posto::Azione)
                }) =>
            {
                Posto::Azione
            }
            _ => Posto::Nessuno,
        }
    }
}

/// Where the schede part of the planning chapter prints a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Posto {
    /// As a heading over the schede of its descendants (a top-level node of the tree whose
    /// level has no scheda).
    Intestazione,
    /// In a scheda of its own (a top-level one also heads its descendants' schede).
    Scheda,
    /// As a row of the actions' table in its nearest ancestor's scheda, with its texts
    /// after the table (a level without scheda below one with).
    Azione,
    /// Not at all (a level without scheda below another without, or below the top): only
    /// in the tree and the summary tables.
    Nessuno,
}

/// Visits every node in document order (the tree depth-first, then each agency's
/// objectives) with its tree and position: the one order of [`Indice::voci`].
fn percorri<'p>(piano: &'p Piano, f: &mut dyn FnMut(Ramo, &'p Nodo, &[usize])) {
    fn visit<'p>(
        ramo: Ramo,
        nodes: &'p [Nodo],
        prefix: &mut Vec<usize>,
        f: &mut dyn FnMut(Ramo, &'p Nodo, &[usize]),
    ) {
        for (i, n) in nodes.iter().enumerate() {
            prefix.push(i);
            f(ramo, n, prefix);
            visit(ramo, &n.figli, prefix, f);
            prefix.pop();
        }
    }
    visit(Ramo::Albero, &piano.albero, &mut Vec::new(), f);
    for (k, az) in piano.aziende_speciali.iter().enumerate() {
        visit(Ramo::Azienda(k), &az.obiettivi, &mut Vec::new(), f);
    }
}

/// The entries of a lookup that more than one node claims, sorted.
fn ripetuti(map: HashMap<String, Vec<String>>) -> Vec<(String, Vec<String>)> {
    let mut v: Vec<_> = map.into_iter().filter(|(_, v)| v.len() > 1).collect();
    v.sort();
    v
}

fn nodi(piano: &Piano) -> Vec<&Nodo> {
    let mut out = Vec::new();
    percorri(piano, &mut |_, nodo, _| out.push(nodo));
    out
}

/// The entry of a node, given the entries of its ancestors (nearest last) among those before it.
fn voce(
    piano: &Piano,
    ramo: Ramo,
    nodo: &Nodo,
    posizione: &[usize],
    antenati: &[usize],
    prima: &[Voce],
) -> Voce {
    let profondita = posizione.len() - 1;
    let i = posizione[profondita];
    let ereditato = antenati
        .iter()
        .rev()
        .map(|&a| prima[a].codice.as_str())
        .find(|c| !c.is_empty())
        .unwrap_or_default();
    let livello = livello_a(piano, ramo, profondita);
    let proprio = nodo
        .numero
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let codice = match proprio {
        Some(c) => c.to_string(),
        None if !livello.is_none_or(Livello::ha_numeri) => String::new(),
        None if ereditato.is_empty() => (i + 1).to_string(),
        None => format!("{ereditato}.{}", i + 1),
    };
    let posizioni = posizione
        .iter()
        .map(|p| (p + 1).to_string())
        .collect::<Vec<_>>()
        .join(".");
    let figli: String = posizione[1..]
        .iter()
        .map(|p| format!(".figli[{p}]"))
        .collect();
    let azienda = match ramo {
        Ramo::Albero => None,
        Ramo::Azienda(k) => piano.aziende_speciali.get(k).map(|az| az.nome.as_str()),
    };
    let (chiave, percorso, qualificato) = match (ramo, azienda) {
        (Ramo::Azienda(k), Some(nome)) => (
            format!("{nome} {posizioni}"),
            format!("aziende_speciali[{k}].obiettivi[{}]{figli}", posizione[0]),
            format!("{nome} {codice}"),
        ),
        _ => (
            posizioni,
            format!("albero[{}]{figli}", posizione[0]),
            codice.clone(),
        ),
    };
    let titolo_breve = titolo_breve(&nodo.titolo);
    let riferimento = if !codice.is_empty() {
        qualificato
    } else if !nodo.titolo.trim().is_empty() {
        titolo_breve.clone()
    } else {
        chiave.clone()
    };
    let nome_livello = livello.map(|l| l.nome.clone()).unwrap_or_default();
    Voce {
        ramo,
        posizione: posizione.to_vec(),
        padre: antenati.last().copied(),
        figli: Vec::new(),
        profondita,
        identita: nodo.id.clone().unwrap_or_else(|| chiave.clone()),
        chiave,
        etichetta: etichetta(&nome_livello, &codice, &nodo.titolo),
        codice,
        riferimento,
        percorso,
        nome_livello,
        titolo: nodo.titolo.clone(),
        titolo_breve,
    }
}

fn livello_a(piano: &Piano, ramo: Ramo, profondita: usize) -> Option<&Livello> {
    match ramo {
        Ramo::Albero => piano.livelli.get(profondita),
        Ramo::Azienda(k) if profondita == 0 => piano
            .aziende_speciali
            .get(k)
            .and_then(|az| livello_azienda(piano, az.livello.as_ref())),
        Ramo::Azienda(_) => None,
    }
}

/// The level of an agency's objectives: its own, or the last of the main tree.
pub fn livello_azienda<'a>(piano: &'a Piano, own: Option<&'a Livello>) -> Option<&'a Livello> {
    own.or(piano.livelli.last())
}

/// How an objective without a number is named in messages and in the prospetto: its first
/// words in guillemets ("«Accertamento della violazione dell'omesso deposito del…»").
pub fn titolo_breve(titolo: &str) -> String {
    const PAROLE: usize = 6;
    let words: Vec<&str> = titolo.split_whitespace().collect();
    if words.len() <= PAROLE {
        format!("«{}»", words.join(" "))
    } else {
        format!("«{}…»", words[..PAROLE].join(" "))
    }
}

/// A node's label: "Obiettivo strategico 1.2: Titolo", or "Prospettiva BSC: Titolo".
fn etichetta(nome_livello: &str, codice: &str, titolo: &str) -> String {
    match (nome_livello.is_empty(), codice.is_empty()) {
        (true, true) => titolo.to_string(),
        (true, false) => format!("{codice}: {titolo}"),
        (false, true) => format!("{nome_livello}: {titolo}"),
        (false, false) => format!("{nome_livello} {codice}: {titolo}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Areas (no scheda), strategic objectives, operational objectives without numbers,
    /// actions; own numbers on some nodes; an agency with its own level.
    fn piano() -> Piano {
        serde_json::from_value(serde_json::json!({
            "ente": { "nome": "Comune di Prova" },
            "documento": { "titolo": "Piano", "anno_inizio": 2024, "anno_fine": 2024 },
            "livelli": [
                { "nome": "Area", "plurale": "Aree", "scheda": false },
                { "nome": "Obiettivo strategico", "plurale": "Obiettivi strategici" },
                { "nome": "Obiettivo operativo", "plurale": "Obiettivi operativi", "numerato": false },
                { "nome": "Azione", "plurale": "Azioni", "scheda": false }
            ],
            "albero": [
                { "titolo": "Area uno", "figli": [
                    { "id": "os", "titolo": "Strategico uno", "figli": [
                        { "titolo": "Operativo senza numero con un titolo molto lungo", "figli": [
                            { "titolo": "Alfa" },
                            { "titolo": "Beta" }
                        ] },
                        { "numero": " OP9 ", "titolo": "Operativo con numero", "figli": [
                            { "titolo": "Gamma" },
                            { "id": "delta", "numero": "X1", "titolo": "Delta" }
                        ] }
                    ] }
                ] },
                { "numero": "7", "titolo": "Area sette", "figli": [
                    { "titolo": "Strategico sette" }
                ] }
            ],
            "aziende_speciali": [
                { "nome": "Azienda Prova", "livello": { "nome": "Obiettivo aziendale", "plurale": "Obiettivi aziendali" },
                  "obiettivi": [
                    { "titolo": "Aziendale primo", "figli": [ { "titolo": "Sotto" } ] },
                    { "id": "az-b", "numero": "B", "titolo": "Aziendale secondo" }
                  ] }
            ]
        }))
        .unwrap()
    }

    fn column(indice: &Indice, f: impl Fn(&Voce) -> String) -> Vec<String> {
        indice.voci().iter().map(f).collect()
    }

    #[test]
    fn codes_follow_one_rule_for_tree_actions_and_agencies() {
        let indice = Indice::build(&piano());
        assert_eq!(
            column(&indice, |v| v.codice.clone()),
            [
                "1", "1.1", "", "1.1.1", "1.1.2", "OP9", "OP9.1", "X1", "7", "7.1", "1", "1.1", "B"
            ]
        );
        assert_eq!(
            column(&indice, |v| v.chiave.clone()),
            [
                "1",
                "1.1",
                "1.1.1",
                "1.1.1.1",
                "1.1.1.2",
                "1.1.2",
                "1.1.2.1",
                "1.1.2.2",
                "2",
                "2.1",
                "Azienda Prova 1",
                "Azienda Prova 1.1",
                "Azienda Prova 2"
            ]
        );
        assert_eq!(
            column(&indice, |v| v.riferimento.clone()),
            [
                "1",
                "1.1",
                "«Operativo senza numero con un titolo…»",
                "1.1.1",
                "1.1.2",
                "OP9",
                "OP9.1",
                "X1",
                "7",
                "7.1",
                "Azienda Prova 1",
                "Azienda Prova 1.1",
                "Azienda Prova B"
            ]
        );
        assert_eq!(
            column(&indice, |v| v.identita.clone())[..3],
            ["1", "os", "1.1.1"]
        );
    }

    #[test]
    fn entries_know_their_place_level_and_label() {
        let piano = piano();
        let indice = Indice::build(&piano);
        let v = &indice.voci();
        assert_eq!(v[7].percorso, "albero[0].figli[0].figli[1].figli[1]");
        assert_eq!(v[12].percorso, "aziende_speciali[0].obiettivi[1]");
        assert_eq!(v[11].percorso, "aziende_speciali[0].obiettivi[0].figli[0]");
        assert_eq!(v[6].posizione, [0, 0, 1, 0]);
        assert_eq!(v[6].profondita, 3);
        assert_eq!(
            indice.padre(&v[6]).map(|p| p.chiave.as_str()),
            Some("1.1.2")
        );
        let figli: Vec<&str> = indice.figli(&v[1]).map(|f| f.titolo.as_str()).collect();
        assert_eq!(
            figli,
            [
                "Operativo senza numero con un titolo molto lungo",
                "Operativo con numero"
            ]
        );
        assert_eq!(v[1].etichetta, "Obiettivo strategico 1.1: Strategico uno");
        assert_eq!(
            v[2].etichetta,
            "Obiettivo operativo: Operativo senza numero con un titolo molto lungo"
        );
        assert_eq!(v[12].etichetta, "Obiettivo aziendale B: Aziendale secondo");
        assert_eq!(
            v[3].livello(&piano).map(|l| l.nome.as_str()),
            Some("Azione")
        );
        assert_eq!(
            v[2].livello_figli(&piano).map(|l| l.nome.as_str()),
            Some("Azione")
        );
        assert!(v[3].livello_figli(&piano).is_none());
        assert_eq!(v[10].nome_livello, "Obiettivo aziendale");
        assert!(v[11].livello(&piano).is_none());
        assert_eq!(v[11].ramo, Ramo::Azienda(0));
        let radici: Vec<&str> = indice
            .radici(Ramo::Albero)
            .map(|r| r.codice.as_str())
            .collect();
        assert_eq!(radici, ["1", "7"]);
        let pairs: Vec<(&str, &str)> = indice
            .con_nodi(&piano)
            .map(|(n, v)| (n.titolo.as_str(), v.titolo.as_str()))
            .collect();
        assert!(pairs.iter().all(|(a, b)| a == b) && pairs.len() == 13);
    }

    #[test]
    fn lookup_by_id_and_printed_code() {
        let indice = Indice::build(&piano());
        let titolo = |k: &str| indice.cerca(k).map(|v| v.titolo.clone());
        assert_eq!(titolo("os").as_deref(), Some("Strategico uno"));
        assert_eq!(titolo(" OP9.1 ").as_deref(), Some("Gamma"));
        assert_eq!(titolo("7.1").as_deref(), Some("Strategico sette"));
        assert_eq!(titolo("az-b").as_deref(), Some("Aziendale secondo"));
        // The position key of a renumbered node is not how the document names it.
        assert_eq!(titolo("1.1.2.1"), None);
        // An agency's printed code is not looked up: the tree's "1" is the area.
        assert_eq!(titolo("1").as_deref(), Some("Area uno"));
        assert_eq!(titolo("B"), None);
        assert!(indice.duplicati.is_empty() && indice.codici_ripetuti.is_empty());
    }

    #[test]
    fn repeated_ids_and_codes_are_listed() {
        let mut piano = piano();
        piano.albero[1].figli[0].id = Some("os".into());
        piano.albero[1].figli[0].numero = Some("OP9".into());
        let indice = Indice::build(&piano);
        assert_eq!(
            indice.duplicati,
            [("os".to_string(), vec!["1.1".to_string(), "OP9".to_string()])]
        );
        assert_eq!(
            indice.codici_ripetuti,
            [(
                "OP9".to_string(),
                vec![
                    "albero[0].figli[0].figli[1]".to_string(),
                    "albero[1].figli[0]".to_string()
                ]
            )]
        );
    }

    #[test]
    fn a_short_title_keeps_six_words() {
        assert_eq!(titolo_breve("Uno  due tre"), "«Uno due tre»");
        assert_eq!(
            titolo_breve("uno due tre quattro cinque sei sette"),
            "«uno due tre quattro cinque sei…»"
        );
    }
}
