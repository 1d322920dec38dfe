//! Fields the plan accepts where the documents have no place for them (P090): every field
//! is printed, or the office is told it is not.

use crate::diag::{Codice, Diagnostic};
use crate::indice::{Indice, Ramo, Voce};
use crate::model::{Nodo, Piano};

/// Where a node is printed, which decides the fields the documents show of it.
enum Posto {
    /// A first-level node: a heading with its subtitle, weight, description and notes.
    Area,
    /// A node with a scheda of its own: every field.
    Scheda,
    /// A node without a scheda: a row of its objective's table, with its texts after it.
    Azione,
    /// A node without a scheda and without an objective with one above it: its title, in
    /// the tree's diagram, and nothing else.
    SoloAlbero,
    /// An agency's objective: a scheda, not numbered, and nothing below it.
    Azienda,
}

/// A P090 warning for every field of a node, of a level or of a resource that the
/// documents do not print.
pub(super) fn campi_non_stampati(piano: &Piano, indice: &Indice, out: &mut Vec<Diagnostic>) {
    for (nodo, voce) in indice.con_nodi(piano) {
        let posto = match (voce.ramo, voce.profondita) {
            (Ramo::Albero, 0) if voce.livello(piano).is_some_and(|l| !l.ha_scheda()) => Posto::Area,
            (Ramo::Albero, _) if voce.livello(piano).is_some_and(|l| !l.ha_scheda()) => {
                if in_una_scheda(piano, indice, voce) {
                    Posto::Azione
                } else {
                    Posto::SoloAlbero
                }
            }
            (Ramo::Albero, _) => Posto::Scheda,
            (Ramo::Azienda(_), 0) => Posto::Azienda,
            // Below an agency's objective: reported once, at its `figli`.
            (Ramo::Azienda(_), _) => continue,
        };
        nodo_non_stampato(nodo, voce, &posto, out);
        risorse(nodo, &voce.percorso, out);
    }
    for (k, livello) in piano.livelli.iter().enumerate() {
        // A level has tables when its nodes have schede, or are rows of the table of an
        // objective above them that has one.
        let tabelle = livello.ha_scheda() || piano.livelli[..k].iter().any(|l| l.ha_scheda());
        if let Some(c) = livello.colonne.as_ref().filter(|_| !tabelle) {
            for (campo, presente) in [
                ("indicatore", c.indicatore.is_some()),
                ("baseline", c.baseline.is_some()),
                ("target", c.target.is_some()),
                ("peso", c.peso.is_some()),
                ("uffici", c.uffici.is_some()),
                ("periodo", c.periodo.is_some()),
            ] {
                if presente {
                    out.push(
                        Diagnostic::new(
                            Codice::P090,
                            format!(
                                "il campo `colonne.{campo}` non è stampato: i nodi del livello «{}» non sono righe di nessuna tabella",
                                livello.nome
                            ),
                        )
                        .at_path(format!("livelli[{k}].colonne.{campo}"))
                        .with_hint("metti le intestazioni nel livello le cui tabelle le mostrano"),
                    );
                }
            }
        }
        if k == 0 {
            continue;
        }
        if !livello.ha_scheda() && livello.etichetta_peso.is_some() {
            out.push(
                Diagnostic::new(
                    Codice::P090,
                    format!(
                        "il campo `etichetta_peso` non è stampato: i nodi del livello «{}» non hanno una scheda e il loro peso è stampato come «Peso»",
                        livello.nome
                    ),
                )
                .at_path(format!("livelli[{k}].etichetta_peso"))
                .with_hint("togli `etichetta_peso` da questo livello"),
            );
        }
    }
}

/// A P090 warning for every field of `nodo` that its place in the documents leaves out.
fn nodo_non_stampato(nodo: &Nodo, voce: &Voce, posto: &Posto, out: &mut Vec<Diagnostic>) {
    for (campo, presente) in fields_given(nodo) {
        if !presente {
            continue;
        }
        if let Some((perche, hint)) = field_left_out(nodo, voce, posto, campo) {
            out.push(
                Diagnostic::new(
                    Codice::P090,
                    format!(
                        "il campo `{campo}` di {} non è stampato: {perche}",
                        voce.riferimento
                    ),
                )
                .at_path(format!("{}.{campo}", voce.percorso))
                .with_hint(hint.to_string()),
            );
        }
    }
    if let Posto::Azione = posto {
        action_indicators_left_out(nodo, voce, out);
    }
}

/// Each field of a node a printed place could leave out, with whether the plan gives it.
fn fields_given(nodo: &Nodo) -> [(&'static str, bool); 16] {
    [
        ("sottotitolo", nodo.sottotitolo.is_some()),
        ("peso", nodo.peso.is_some()),
        ("descrizione", nodo.descrizione.is_some()),
        ("scheda", nodo.scheda.is_some()),
        ("bilancio", nodo.bilancio.is_some()),
        ("uffici", !nodo.uffici.is_empty()),
        ("impegno", nodo.impegno.is_some()),
        ("tempi", nodo.tempi.is_some()),
        ("benefici", nodo.benefici.is_some()),
        ("indicatori", !nodo.indicatori.is_empty()),
        ("risorse", !nodo.risorse.is_empty()),
        ("note", nodo.note.is_some()),
        ("target", !nodo.target.is_empty()),
        ("baseline", nodo.baseline.is_some()),
        ("periodo", nodo.periodo.is_some()),
        ("figli", !nodo.figli.is_empty()),
    ]
}

/// Why `campo`, given on `nodo`, is not printed where the node is, and what to do about it;
/// `None` when it is printed.
fn field_left_out(
    nodo: &Nodo,
    voce: &Voce,
    posto: &Posto,
    campo: &str,
) -> Option<(String, &'static str)> {
    match posto {
        Posto::Area
            if matches!(
                campo,
                "scheda"
                    | "target"
                    | "baseline"
                    | "periodo"
                    | "uffici"
                    | "impegno"
                    | "tempi"
                    | "benefici"
                    | "indicatori"
                    | "risorse"
            ) =>
        {
            Some((
                format!(
                    "i nodi del primo livello («{}») non hanno una scheda: il documento ne stampa titolo, sottotitolo, peso, bilancio, descrizione e note",
                    voce.nome_livello
                ),
                "sposta il campo in un obiettivo del livello sotto, che ha la scheda",
            ))
        }
        Posto::Azione
            if matches!(campo, "bilancio" | "impegno" | "risorse" | "note")
                || (campo == "uffici"
                    && !nodo.indicatori.is_empty()
                    && nodo.target.is_empty()
                    && nodo.baseline.is_none()) =>
        {
            Some(action_field_left_out(voce, campo))
        }
        Posto::SoloAlbero if campo != "figli" => Some((
            format!(
                "i nodi del livello «{}» non hanno una scheda e nessun obiettivo sopra {} ha una scheda nella cui tabella stamparlo: il documento ne stampa solo il titolo, nell'albero",
                voce.nome_livello, voce.riferimento
            ),
            "dai una scheda al livello del nodo o a quello sopra, con `\"scheda\": true`",
        )),
        Posto::Azienda if campo == "scheda" => Some((
            "le schede degli obiettivi di un'azienda speciale non sono numerate".into(),
            "togli `scheda`",
        )),
        Posto::Azienda if campo == "figli" => Some((
            "gli obiettivi di un'azienda speciale sono stampati senza i nodi sotto di loro".into(),
            "scrivi questi nodi come obiettivi dell'azienda, in `obiettivi`",
        )),
        _ => None,
    }
}

/// Why a field of an action is not printed in its objective's table, and the fix: its
/// offices are its indicators', the other fields have no column.
fn action_field_left_out(voce: &Voce, campo: &str) -> (String, &'static str) {
    if campo == "uffici" {
        (
            "nella tabella della scheda gli uffici sono quelli dei suoi indicatori".into(),
            "scrivi gli uffici in `uffici` di ciascun indicatore",
        )
    } else {
        (
            format!(
                "i nodi del livello «{}» non hanno una scheda e la tabella della scheda del loro obiettivo non ha posto per questo campo",
                voce.nome_livello
            ),
            "sposta il campo nell'obiettivo che ha la scheda, o dai una scheda al livello con `\"scheda\": true`",
        )
    }
}

/// A P090 warning for every field of an action's indicators that the actions' table has no
/// column for.
fn action_indicators_left_out(nodo: &Nodo, voce: &Voce, out: &mut Vec<Diagnostic>) {
    for (k, ind) in nodo.indicatori.iter().enumerate() {
        let presenti = [
            ("formula", ind.formula.is_some()),
            ("unita", ind.unita.is_some()),
            ("tipo", ind.tipo.is_some()),
            ("fonte", ind.fonte.is_some()),
            ("documentazione", ind.documentazione.is_some()),
        ];
        for (campo, _) in presenti.into_iter().filter(|(_, p)| *p) {
            out.push(
                Diagnostic::new(
                    Codice::P090,
                    format!(
                        "il campo `{campo}` dell'indicatore {} di {} non è stampato: la tabella delle azioni riporta di un indicatore solo descrizione, valore di partenza, target, peso e uffici",
                        k + 1,
                        voce.riferimento
                    ),
                )
                .at_path(format!("{}.indicatori[{k}].{campo}", voce.percorso))
                .with_hint(
                    "sposta l'indicatore nell'obiettivo che ha la scheda, o dai una scheda al livello con `\"scheda\": true`",
                ),
            );
        }
    }
}

/// Whether a node lies below an objective with a scheda, whose table prints it.
fn in_una_scheda(piano: &Piano, indice: &Indice, voce: &Voce) -> bool {
    // The index decides where the schede print a node: one rule for the view and checks.
    indice.posto(piano, voce) == crate::indice::Posto::Azione
}

/// A resource line with estimates per year is printed as such: its single amount is not.
fn risorse(nodo: &Nodo, path: &str, out: &mut Vec<Diagnostic>) {
    for (r, ris) in nodo.risorse.iter().enumerate() {
        if !ris.stime.is_empty() && ris.importo.is_some() {
            out.push(
                Diagnostic::new(
                    Codice::P090,
                    "il campo `importo` non è stampato: una riga di risorse con `stime` è stampata con le stime per anno",
                )
                .at_path(format!("{path}.risorse[{r}].importo"))
                .with_hint("scrivi l'importo in una riga di risorse a sé, senza `stime`"),
            );
        }
    }
}
