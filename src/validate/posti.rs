//! Where the fields of an action may stand: `periodo`, `gruppo` and `scheda` are printed
//! only on the nodes whose layout has a place for them, and a warning names the others.

use crate::diag::{Codice, Diagnostic};
use crate::indice::{Indice, Ramo};
use crate::model::Piano;

/// How a node is printed, as far as these fields are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stampa {
    /// With a scheda of its own in the tree: its period among its fields, its number as
    /// the numbered scheda it is printed in.
    Scheda,
    /// An agency's objective: a scheda of its own, its period among its fields, but the
    /// agency's schede are not numbered.
    SchedaAzienda,
    /// A row of its objective's actions' table: period, group and, for a direct action of
    /// the objective (`diretta`), the numbered scheda.
    Azione {
        /// Whether its parent is the objective (not another action).
        diretta: bool,
    },
    /// A heading or a box of the tree diagram only, or not printed at all.
    Altro,
}

/// A warning for each `periodo`, `gruppo` or `scheda` set where the documents do not print it.
pub(super) fn campi_azioni(piano: &Piano, indice: &Indice, out: &mut Vec<Diagnostic>) {
    let mut stampe: Vec<Stampa> = Vec::with_capacity(indice.voci().len());
    for (nodo, voce) in indice.con_nodi(piano) {
        let padre = voce.padre.and_then(|p| stampe.get(p)).copied();
        let stampa = match (voce.ramo, voce.livello(piano)) {
            (Ramo::Azienda(_), _) if voce.profondita == 0 => Stampa::SchedaAzienda,
            (Ramo::Albero, Some(l)) if l.ha_scheda() => Stampa::Scheda,
            (Ramo::Albero, Some(_)) => match padre {
                Some(Stampa::Scheda) => Stampa::Azione { diretta: true },
                Some(Stampa::Azione { .. }) => Stampa::Azione { diretta: false },
                _ => Stampa::Altro,
            },
            _ => Stampa::Altro,
        };
        stampe.push(stampa);
        // A node without a level is an error of its own (P010).
        if voce.livello(piano).is_none() {
            continue;
        }
        let senza_posto = "il nodo non ha una scheda e non è un'azione";
        let periodo = matches!(stampa, Stampa::Altro).then_some(senza_posto);
        let gruppo = match stampa {
            Stampa::Azione { .. } => None,
            _ => Some("solo le azioni si raggruppano"),
        };
        let scheda = match stampa {
            Stampa::Scheda | Stampa::Azione { diretta: true } => None,
            Stampa::Azione { diretta: false } => {
                Some("un'azione sotto un'altra azione è stampata con essa")
            }
            Stampa::SchedaAzienda => Some("le schede delle aziende speciali non sono numerate"),
            Stampa::Altro => Some(senza_posto),
        };
        let campi = [
            (
                "periodo",
                nodo.periodo_azione(),
                periodo,
                "`periodo` è stampato nella riga di un'azione o tra i campi di una scheda: \
                 scrivilo nei nodi che lo stampano, o nella `descrizione`",
            ),
            (
                "gruppo",
                nodo.nome_gruppo(),
                gruppo,
                "`gruppo` dà un titolo alle righe consecutive della tabella delle azioni; \
                 per i nodi con una propria scheda usa `scheda` o un livello dell'albero",
            ),
            (
                "scheda",
                nodo.numero_scheda(),
                scheda,
                "`scheda` numera le schede degli obiettivi e, sulle azioni di un \
                 obiettivo, le schede in cui l'obiettivo si divide",
            ),
        ];
        for (campo, valore, motivo, hint) in campi {
            if let (Some(_), Some(motivo)) = (valore, motivo) {
                out.push(
                    Diagnostic::new(
                        Codice::P044,
                        format!("`{campo}` di {} non è stampato: {motivo}", voce.riferimento),
                    )
                    .at_path(format!("{}.{campo}", voce.percorso))
                    .with_hint(hint),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A four-level plan like Venezia's (Prospettiva, Obiettivo strategico without schede;
    /// Obiettivo operativo with its scheda; Azione in its table), each field set everywhere.
    fn piano() -> Piano {
        let campi = |titolo: &str, figli: serde_json::Value| {
            serde_json::json!({
                "titolo": titolo, "periodo": "2024", "gruppo": "G", "scheda": "1",
                "figli": figli,
            })
        };
        let azione = campi(
            "Azione",
            serde_json::json!([campi("Sotto-azione", serde_json::json!([]))]),
        );
        serde_json::from_value(serde_json::json!({
            "ente": { "nome": "Camera" },
            "documento": { "titolo": "Programmi", "anno_inizio": 2024, "anno_fine": 2024 },
            "livelli": [
                { "nome": "Prospettiva", "plurale": "Prospettive", "scheda": false },
                { "nome": "Obiettivo strategico", "plurale": "Obiettivi strategici", "scheda": false },
                { "nome": "Obiettivo operativo", "plurale": "Obiettivi operativi" },
                { "nome": "Azione", "plurale": "Azioni", "scheda": false },
                { "nome": "Sotto-azione", "plurale": "Sotto-azioni", "scheda": false }
            ],
            "albero": [campi("Prospettiva", serde_json::json!([
                campi("Strategico", serde_json::json!([campi("Operativo", serde_json::json!([azione]))]))
            ]))],
            "aziende_speciali": [{ "nome": "Azienda", "obiettivi": [campi("Obiettivo", serde_json::json!([]))] }]
        }))
        .unwrap()
    }

    /// Each field is warned exactly where the documents have no place for it: the period
    /// on the heading levels; the group everywhere but on actions; the scheda number on the
    /// heading levels, on an action below another action and on an agency's objective.
    #[test]
    fn fields_of_actions_are_warned_where_they_are_not_printed() {
        let piano = piano();
        let mut out = Vec::new();
        campi_azioni(&piano, &Indice::build(&piano), &mut out);
        let mut paths: Vec<String> = out.iter().map(|d| d.path.clone().unwrap()).collect();
        paths.sort();
        let op = "albero[0].figli[0].figli[0]";
        let mut expected = vec![
            "albero[0].periodo".to_string(),
            "albero[0].gruppo".into(),
            "albero[0].scheda".into(),
            "albero[0].figli[0].periodo".into(),
            "albero[0].figli[0].gruppo".into(),
            "albero[0].figli[0].scheda".into(),
            format!("{op}.gruppo"),
            format!("{op}.figli[0].figli[0].scheda"),
            "aziende_speciali[0].obiettivi[0].gruppo".into(),
            "aziende_speciali[0].obiettivi[0].scheda".into(),
        ];
        expected.sort();
        assert_eq!(paths, expected);
        assert!(out.iter().all(|d| d.code == Codice::P044));
    }
}
