//! Import: a filled workbook compared with the plan's own [`Cartella`], cell by cell. What
//! differs in an editable cell becomes one [`Edit`] of the plan's (or the results file's)
//! JSON text; a reference cell changed, a sheet or column the layout does not have, are
//! warned about and ignored; a value of the wrong kind, a weight over 100, a code the plan
//! does not have, a row without a code, a heading renamed or missing are errors located at
//! their cell, and with any error nothing is written.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Value, json};

use super::celle::{CellValue, Workbook, cell_name, column_letters};
use super::json::Edit;
use super::layout::{
    Campo, Cartella, Colonna, Dato, Dove, Genere, NuovoRisultato, Riga, TIPI, Tabella,
};
use crate::consuntivo::RifIndicatore;
use crate::diag::{CellLocation, Codice, Diagnostic};

/// A sheet as read from the workbook: its name and its rows (the first holds the
/// headings), each cell as a person typed it.
#[derive(Debug, Clone)]
pub struct Letto {
    /// The workbook's file, as diagnostics name it.
    pub libro: String,
    /// The sheet's name.
    pub nome: String,
    /// Rows from the first, cells from column A.
    pub righe: Vec<Vec<Dato>>,
}

/// The sheets of a workbook as the import compares them: a percentage is the number shown
/// (40% is 40), a date its `AAAA-MM-GG`, `VERO`/`FALSO` are `SI`/`NO`, a formula its
/// value; a formula's error (`#DIV/0!`) is reported at its cell.
pub fn letti(libro: &Workbook) -> (Vec<Letto>, Vec<Diagnostic>) {
    let mut errori = Vec::new();
    let fogli = libro
        .sheets()
        .iter()
        .map(|foglio| {
            let mut righe: Vec<Vec<Dato>> = Vec::new();
            for riga in foglio.all_rows() {
                let r = riga.number() as usize - 1;
                if righe.len() <= r {
                    righe.resize(r + 1, Vec::new());
                }
                righe[r] = riga
                    .cells()
                    .iter()
                    .map(|cella| match &cella.value {
                        CellValue::Empty => Dato::Vuoto,
                        CellValue::Number(n) | CellValue::Percent(n) => Dato::Numero(*n),
                        CellValue::Bool(b) => Dato::Testo(if *b { "SI" } else { "NO" }.into()),
                        CellValue::Text(t)
                        | CellValue::Date(t)
                        | CellValue::DateTime(t)
                        | CellValue::Time(t) => Dato::Testo(t.clone()),
                        CellValue::Error(_) => {
                            errori.extend(cella.number().err());
                            Dato::Vuoto
                        }
                    })
                    .collect();
            }
            Letto {
                libro: libro.name().to_string(),
                nome: foglio.name().to_string(),
                righe,
            }
        })
        .collect();
    (fogli, errori)
}

impl Letto {
    /// A diagnostic at a cell (row and column from 0), under the heading the sheet gives
    /// the column, or the expected one when the sheet has none there.
    fn alla_cella(
        &self,
        d: Diagnostic,
        riga: usize,
        colonna: usize,
        intestazione: Option<&str>,
    ) -> Diagnostic {
        let scritta = self.cella(0, colonna).testo();
        let heading = Some(scritta.trim())
            .filter(|h| !h.is_empty())
            .or(intestazione)
            .map(str::to_string);
        d.at_cell(CellLocation {
            workbook: self.libro.clone(),
            sheet: self.nome.clone(),
            cell: Some(cell_name(riga as u32 + 1, colonna as u32)),
            row: Some(riga as u32 + 1),
            column: Some(column_letters(colonna as u32)),
            heading,
        })
    }

    /// A diagnostic about the whole sheet.
    fn al_foglio(&self, d: Diagnostic) -> Diagnostic {
        d.at_cell(CellLocation {
            workbook: self.libro.clone(),
            sheet: self.nome.clone(),
            cell: None,
            row: None,
            column: None,
            heading: None,
        })
    }

    fn cella(&self, r: usize, c: usize) -> &Dato {
        self.righe
            .get(r)
            .and_then(|riga| riga.get(c))
            .unwrap_or(&Dato::Vuoto)
    }
}

/// A value changed by the workbook, as the summary shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Modifica {
    /// Where: `Indicatori!J5`.
    pub cella: String,
    /// The row's key, as shown: `1.1.2 n. 1`.
    pub riga: String,
    /// The column's heading.
    pub colonna: String,
    /// The value in the plan.
    pub prima: Dato,
    /// The value in the workbook.
    pub dopo: Dato,
    /// Whether it goes to the results file.
    pub nel_consuntivo: bool,
}

/// What a workbook changes: the edits of each file, the changes to show, the problems.
#[derive(Debug, Default)]
pub struct Esito {
    /// Edits of the plan's JSON text.
    pub piano: Vec<Edit>,
    /// Edits of the results file's JSON text.
    pub consuntivo: Vec<Edit>,
    /// Every value changed, in the workbook's order.
    pub modifiche: Vec<Modifica>,
    /// Errors and warnings, located at their cells.
    pub diagnostiche: Vec<Diagnostic>,
}

impl Esito {
    /// Whether an error forbids writing.
    pub fn ha_errori(&self) -> bool {
        self.diagnostiche.iter().any(Diagnostic::is_error)
    }
}

/// Compares the sheets read with the plan's workbook. `risultati` is how many results the
/// results file has (new ones are appended after them).
pub fn confronta(attesa: &Cartella, letti: &[Letto], risultati: usize) -> Esito {
    let mut esito = Esito::default();
    let mut nuovi = Vec::new();
    let mut riconosciuti = 0;
    for letto in letti {
        let Some(tabella) = attesa
            .tabelle
            .iter()
            .find(|t| t.scheda.nome().eq_ignore_ascii_case(letto.nome.trim()))
        else {
            if letto.nome != super::layout::LEGGIMI && !vuoto(letto) {
                esito.diagnostiche.push(
                    letto.al_foglio(
                        Diagnostic::new(
                            Codice::P166,
                            format!(
                                "il foglio `{}` non è tra quelli esportati: ignorato",
                                letto.nome
                            ),
                        )
                        .with_hint(format!(
                            "i fogli letti sono {}",
                            nomi(attesa.tabelle.iter().map(|t| t.scheda.nome()))
                        )),
                    ),
                );
            }
            continue;
        };
        riconosciuti += 1;
        Foglio::new(tabella, letto, &mut esito).confronta(&mut esito, &mut nuovi);
    }
    if riconosciuti == 0 {
        esito.diagnostiche.push(
            Diagnostic::new(
                Codice::P164,
                "il foglio di calcolo non ha nessuno dei fogli esportati da `piano esporta`",
            )
            .with_hint(format!(
                "i fogli attesi sono {}: esporta il foglio con `piano esporta` e compila quello",
                nomi(attesa.tabelle.iter().map(|t| t.scheda.nome()))
            )),
        );
    }
    aggiungi_nuovi(&mut esito, nuovi, risultati);
    esito
}

fn vuoto(letto: &Letto) -> bool {
    letto
        .righe
        .iter()
        .all(|r| r.iter().all(|c| *c == Dato::Vuoto))
}

fn nomi<'a>(nomi: impl Iterator<Item = &'a str>) -> String {
    nomi.map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A result the results file does not have yet, with the fields the workbook gives it.
struct Nuovo {
    chi: NuovoRisultato,
    campi: BTreeMap<&'static str, Value>,
}

/// New results are appended to `risultati` (made when the file has none), their keys in
/// the order people write them: objective, indicator, deadline, value, source, note.
fn aggiungi_nuovi(esito: &mut Esito, nuovi: Vec<Nuovo>, risultati: usize) {
    let nuovi: Vec<Nuovo> = nuovi
        .into_iter()
        .filter(|n| n.campi.contains_key("valore"))
        .collect();
    if nuovi.is_empty() {
        return;
    }
    if risultati == 0 {
        esito.consuntivo.push(Edit::set("risultati", json!([])));
    }
    for (k, n) in nuovi.into_iter().enumerate() {
        esito.consuntivo.push(Edit::append(
            "risultati",
            json!({ "obiettivo": n.chi.obiettivo }),
        ));
        let path = format!("risultati[{}]", risultati + k);
        let indicatore = match n.chi.indicatore {
            Some(RifIndicatore::Numero(k)) => Some(json!(k)),
            Some(RifIndicatore::Id(id)) => Some(json!(id)),
            None => None,
        };
        let campi = indicatore
            .map(|i| ("indicatore", i))
            .into_iter()
            .chain([("scadenza", json!(n.chi.scadenza))])
            .chain(
                ["valore", "fonte", "note"]
                    .into_iter()
                    .filter_map(|c| n.campi.get(c).map(|v| (c, v.clone()))),
            );
        for (chiave, valore) in campi {
            esito
                .consuntivo
                .push(Edit::insert(path.clone(), chiave, valore));
        }
    }
}

/// One sheet being compared: where each expected column is in the workbook.
struct Foglio<'a> {
    tabella: &'a Tabella,
    letto: &'a Letto,
    /// For each expected column, its position in the sheet read, if found.
    posizioni: Vec<Option<usize>>,
}

impl<'a> Foglio<'a> {
    /// Finds each heading; a heading missing or renamed is an error at its cell, a column
    /// the layout does not have a warning.
    fn new(tabella: &'a Tabella, letto: &'a Letto, esito: &mut Esito) -> Foglio<'a> {
        let intestazioni: Vec<String> = letto
            .righe
            .first()
            .map(|r| r.iter().map(|d| d.testo().trim().to_string()).collect())
            .unwrap_or_default();
        let posizioni: Vec<Option<usize>> = tabella
            .colonne
            .iter()
            .map(|col| intestazioni.iter().position(|h| *h == col.intestazione))
            .collect();
        let foglio = Foglio {
            tabella,
            letto,
            posizioni,
        };
        for (i, col) in tabella.colonne.iter().enumerate() {
            if foglio.posizioni[i].is_some() {
                continue;
            }
            // Where it was exported: a different heading there was renamed.
            let scritta = intestazioni.get(i).filter(|h| !h.is_empty());
            let message = match scritta {
                Some(h) if !tabella.colonne.iter().any(|c| c.intestazione == *h) => format!(
                    "la colonna `{}` è stata rinominata in `{h}`",
                    col.intestazione
                ),
                _ => format!("manca la colonna `{}`", col.intestazione),
            };
            let d = Diagnostic::new(Codice::P164, message).with_hint(format!(
                "ripristina l'intestazione `{}` (le colonne si riconoscono dall'intestazione); per cambiare le scadenze, cambia il piano ed esporta di nuovo il foglio",
                col.intestazione
            ));
            esito
                .diagnostiche
                .push(foglio.letto.alla_cella(d, 0, i, None));
        }
        for (c, h) in intestazioni.iter().enumerate() {
            // A heading where an expected one is missing was reported as renamed.
            let rinominata = foglio.posizioni.get(c).is_some_and(Option::is_none);
            if !h.is_empty()
                && !rinominata
                && !tabella.colonne.iter().any(|col| col.intestazione == *h)
            {
                let d = Diagnostic::new(
                    Codice::P166,
                    format!("la colonna `{h}` non è tra quelle esportate: ignorata"),
                );
                esito
                    .diagnostiche
                    .push(foglio.letto.alla_cella(d, 0, c, None));
            }
        }
        foglio
    }

    /// Compares every row; a column not found (already reported) is left out, and without
    /// the key columns no row can be recognised.
    fn confronta(&self, esito: &mut Esito, nuovi: &mut Vec<Nuovo>) {
        if self.posizioni[..self.tabella.scheda.chiave()]
            .iter()
            .any(Option::is_none)
        {
            return;
        }
        let n = self.tabella.scheda.chiave();
        let per_chiave = self.tabella.per_chiave();
        let mut viste: HashMap<Vec<String>, usize> = HashMap::new();
        for r in 1..self.letto.righe.len() {
            let cella =
                |c: usize| self.posizioni[c].map_or(&Dato::Vuoto, |p| self.letto.cella(r, p));
            let chiave: Vec<String> = (0..n).map(|c| cella(c).chiave()).collect();
            let piena = (0..self.tabella.colonne.len()).any(|c| *cella(c) != Dato::Vuoto);
            if !piena {
                continue;
            }
            if chiave[0].is_empty() {
                let d = Diagnostic::new(
                    Codice::P163,
                    format!(
                        "riga {} senza `{}`: una riga aggiunta nel foglio non entra nel piano",
                        r + 1,
                        self.tabella.colonne[0].intestazione
                    ),
                )
                .with_hint(
                    "un obiettivo o un indicatore nuovo si aggiunge nel file JSON del piano, poi si esporta di nuovo il foglio; se la riga è un appunto, cancellala",
                );
                esito.diagnostiche.push(self.letto.alla_cella(
                    d,
                    r,
                    self.posizioni[0].unwrap_or(0),
                    None,
                ));
                continue;
            }
            let Some(&i) = per_chiave.get(&chiave) else {
                esito.diagnostiche.push(self.sconosciuta(r, &chiave));
                continue;
            };
            if let Some(prima) = viste.insert(chiave.clone(), r) {
                let d = Diagnostic::new(
                    Codice::P162,
                    format!(
                        "la riga {} ripete la riga {} (`{}`)",
                        r + 1,
                        prima + 1,
                        chiave.join(" ")
                    ),
                )
                .with_hint("tieni una riga sola per ogni codice");
                esito.diagnostiche.push(self.letto.alla_cella(
                    d,
                    r,
                    self.posizioni[0].unwrap_or(0),
                    None,
                ));
                continue;
            }
            self.riga(r, &self.tabella.righe[i], esito, nuovi);
        }
    }

    /// A key the plan does not have, located at its first unknown part.
    fn sconosciuta(&self, r: usize, chiave: &[String]) -> Diagnostic {
        let n = chiave.len();
        // The first key column whose value no expected row shares with this one's prefix.
        let mut c = 0;
        while c + 1 < n
            && self
                .tabella
                .righe
                .iter()
                .any(|riga| riga.chiave(c + 1) == chiave[..=c])
        {
            c += 1;
        }
        let candidati: Vec<String> = self
            .tabella
            .righe
            .iter()
            .filter(|riga| riga.chiave(c) == chiave[..c])
            .map(|riga| riga.celle[c].dato.chiave())
            .collect();
        let col = &self.tabella.colonne[c].intestazione;
        let mut d = Diagnostic::new(
            Codice::P162,
            format!("`{}` in `{col}` non è nel piano", chiave[c]),
        );
        d = match crate::load::closest(&chiave[c], &candidati) {
            Some(s) => d.with_hint(format!("forse `{s}`? i codici vengono dal piano: non modificarli")),
            None => d.with_hint("i codici vengono dal piano: non modificarli; una riga nuova si aggiunge nel file JSON del piano"),
        };
        self.letto
            .alla_cella(d, r, self.posizioni[c].unwrap_or(c), Some(col))
    }

    /// Compares one row with the plan's.
    fn riga(&self, r: usize, attesa: &Riga, esito: &mut Esito, nuovi: &mut Vec<Nuovo>) {
        let mut nuovo = attesa.nuovo.clone().map(|chi| Nuovo {
            chi,
            campi: BTreeMap::new(),
        });
        // A single weight shown under each deadline: its path and the values read.
        let mut pesi_unici: Vec<(usize, Dato)> = Vec::new();
        for (c, (col, cella)) in self.tabella.colonne.iter().zip(&attesa.celle).enumerate() {
            let Some(p) = self.posizioni[c] else {
                continue;
            };
            let valore = match self.cambiata(r, p, col, cella) {
                Ok(Some(v)) => v,
                Ok(None) => continue,
                Err(d) => {
                    let d = self.letto.alla_cella(d, r, p, Some(&col.intestazione));
                    esito.diagnostiche.push(d);
                    continue;
                }
            };
            let Some(dove) = &cella.dove else {
                continue;
            };
            if matches!(col.campo, Campo::Peso(Some(_)))
                && matches!(dove, Dove::Json(path) if path.ends_with(".peso"))
            {
                pesi_unici.push((c, valore));
                continue;
            }
            esito.modifiche.push(Modifica {
                cella: indirizzo(&self.letto.nome, r, p),
                riga: self.chiave_leggibile(attesa),
                colonna: col.intestazione.clone(),
                prima: cella.dato.clone(),
                dopo: valore.clone(),
                nel_consuntivo: self.tabella.scheda.nel_consuntivo(),
            });
            let json = in_json(&valore);
            match (dove, &mut nuovo) {
                (Dove::Json(path), _) => {
                    let edit = match json {
                        Some(v) => Edit::set(path.clone(), v),
                        None => Edit::remove(path.clone()),
                    };
                    if self.tabella.scheda.nel_consuntivo() {
                        esito.consuntivo.push(edit);
                    } else {
                        esito.piano.push(edit);
                    }
                }
                (Dove::Nuovo(campo), Some(n)) => {
                    n.campi.extend(json.map(|v| (*campo, v)));
                }
                (Dove::Nuovo(_), None) => {}
            }
        }
        if !pesi_unici.is_empty() {
            self.peso_unico(r, attesa, pesi_unici, esito);
        }
        if let Some(n) = nuovo.filter(|n| !n.campi.is_empty()) {
            nuovi.push(n);
        }
    }

    /// What the workbook says of one cell (row `r`, column `p` of the sheet read): `None`
    /// when it says what the plan says; a diagnostic to locate at the cell when it cannot
    /// be taken (a warning for a reference cell changed, an error for a wrong value).
    fn cambiata(
        &self,
        r: usize,
        p: usize,
        col: &Colonna,
        cella: &super::layout::Cella,
    ) -> Result<Option<Dato>, Diagnostic> {
        let letto = self.letto.cella(r, p);
        let Some(dove) = &cella.dove else {
            if uguali(letto, &cella.dato) {
                return Ok(None);
            }
            return Err(Diagnostic::new(
                Codice::P166,
                format!(
                    "la cella di riferimento `{}` è stata cambiata da {} a {}: ignorata",
                    col.intestazione,
                    cella.dato.mostra(),
                    letto.mostra()
                ),
            )
            .with_hint("le celle grigie vengono dal piano: per cambiarle, cambia il piano"));
        };
        let valore = self.leggi(col, letto, cella.elenco)?;
        if uguali(&valore, &cella.dato) {
            return Ok(None);
        }
        if valore == Dato::Vuoto && matches!(dove, Dove::Json(p) if p.ends_with(".descrizione")) {
            return Err(Diagnostic::new(
                Codice::P160,
                format!("la cella `{}` non può restare vuota", col.intestazione),
            )
            .with_hint("ogni indicatore ha una descrizione: scrivila, o rimetti quella di prima"));
        }
        Ok(Some(come_nel_piano(valore, &cella.dato)))
    }

    /// A single weight shown under every deadline of its level: one number while the
    /// columns agree, one weight per deadline when they differ.
    fn peso_unico(&self, r: usize, attesa: &Riga, cambiati: Vec<(usize, Dato)>, esito: &mut Esito) {
        let mut per_scadenza = serde_json::Map::new();
        let mut path = String::new();
        let mut prima = Dato::Vuoto;
        for (c, (col, cella)) in self.tabella.colonne.iter().zip(&attesa.celle).enumerate() {
            let (Campo::Peso(Some(s)), Some(Dove::Json(p))) = (&col.campo, &cella.dove) else {
                continue;
            };
            path = p.clone();
            prima = cella.dato.clone();
            let v = cambiati
                .iter()
                .find(|(k, _)| *k == c)
                .map_or(&cella.dato, |(_, v)| v);
            if let Some(v) = in_json(v) {
                per_scadenza.insert(s.clone(), v);
            }
        }
        let valori: Vec<&Value> = per_scadenza.values().collect();
        let nuovo = match valori.first() {
            Some(first) if valori.iter().all(|v| v == first) => (*first).clone(),
            _ => Value::Object(per_scadenza.clone()),
        };
        for (c, v) in &cambiati {
            esito.modifiche.push(Modifica {
                cella: indirizzo(&self.letto.nome, r, self.posizioni[*c].unwrap_or(*c)),
                riga: self.chiave_leggibile(attesa),
                colonna: self.tabella.colonne[*c].intestazione.clone(),
                prima: prima.clone(),
                dopo: v.clone(),
                nel_consuntivo: false,
            });
        }
        esito.piano.push(Edit::set(path, nuovo));
    }

    fn chiave_leggibile(&self, riga: &Riga) -> String {
        let n = self.tabella.scheda.chiave();
        self.tabella.colonne[..n]
            .iter()
            .zip(riga.chiave(n))
            .filter(|(_, v)| !v.is_empty())
            .map(|(c, v)| match c.intestazione.as_str() {
                "N." => format!("n. {v}"),
                _ => v,
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A cell read as the column's kind needs it, or the error to report at the cell.
    fn leggi(
        &self,
        col: &Colonna,
        letto: &Dato,
        elenco: Option<&'static [&'static str]>,
    ) -> Result<Dato, Diagnostic> {
        let t = match letto {
            Dato::Testo(t) => Dato::Testo(t.trim().to_string()),
            d => d.clone(),
        };
        match (col.genere(), &t) {
            (_, Dato::Testo(s)) if s.is_empty() => Ok(Dato::Vuoto),
            (Genere::Testo, Dato::Numero(n)) => Err(Diagnostic::new(
                Codice::P160,
                format!(
                    "un numero ({}) nella colonna di testo `{}`",
                    crate::format::format_plain(*n),
                    col.intestazione
                ),
            )
            .with_hint(
                "scrivi il testo per intero; se è proprio un numero, formatta la cella come testo",
            )),
            (Genere::Peso, Dato::Testo(s)) => match numero_italiano(s) {
                Some(n) => peso(n, col),
                None => Err(Diagnostic::new(
                    Codice::P160,
                    format!("«{s}» nella colonna `{}` non è un numero", col.intestazione),
                )
                .with_hint("scrivi il peso come percentuale da 0 a 100, per esempio 40 o 12,5")),
            },
            (Genere::Peso, Dato::Numero(n)) => peso(*n, col),
            (Genere::Tipo, Dato::Testo(s)) => tipo(s, col),
            (Genere::Tipo, Dato::Numero(_)) => tipo(&t.testo(), col),
            (Genere::Target | Genere::Valore, Dato::Testo(s)) => match elenco {
                Some(ammessi) if ammessi.iter().any(|a| a.eq_ignore_ascii_case(s)) => {
                    Ok(Dato::Testo(s.to_uppercase()))
                }
                _ => Ok(t.clone()),
            },
            _ => Ok(t),
        }
    }
}

/// A weight from 0 to 100.
fn peso(n: f64, col: &Colonna) -> Result<Dato, Diagnostic> {
    if (0.0..=100.0).contains(&n) {
        return Ok(Dato::Numero(n));
    }
    let d = Diagnostic::new(
        Codice::P161,
        format!(
            "peso {} nella colonna `{}`: un peso va da 0 a 100",
            crate::format::format_plain(n),
            col.intestazione
        ),
    );
    Err(d.with_hint(
        "il peso è una percentuale da 0 a 100 (40 vale 40%); i pesi di un obiettivo sommano a 100",
    ))
}

/// A type of indicator from its closed list; `Qualità` is `qualita`.
fn tipo(s: &str, col: &Colonna) -> Result<Dato, Diagnostic> {
    let norm = s.trim().to_lowercase().replace('à', "a").replace(' ', "_");
    if let Some(t) = TIPI.iter().find(|t| **t == norm) {
        return Ok(Dato::Testo(t.to_string()));
    }
    let candidati: Vec<String> = TIPI.iter().map(|t| t.to_string()).collect();
    let d = Diagnostic::new(
        Codice::P165,
        format!(
            "«{s}» non è un tipo di indicatore (colonna `{}`)",
            col.intestazione
        ),
    );
    Err(match crate::load::closest(&norm, &candidati) {
        Some(c) => d.with_hint(format!("forse `{c}`? i tipi sono {}", TIPI.join(", "))),
        None => d.with_hint(format!("scegli dall'elenco: {}", TIPI.join(", "))),
    })
}

/// An Italian-format number typed as text: `12,5`, `1.250` (thousands), `40%`; `12.5`
/// as a program writes it.
fn numero_italiano(s: &str) -> Option<f64> {
    let t = s.trim().trim_end_matches('%').trim();
    let migliaia = |t: &str| {
        let mut parti = t.trim_start_matches('-').split('.');
        parti.next().is_some_and(|p| (1..=3).contains(&p.len()))
            && t.contains('.')
            && parti.all(|p| p.len() == 3)
    };
    let t = if t.contains(',') || migliaia(t) {
        t.replace('.', "").replace(',', ".")
    } else {
        t.to_string()
    };
    t.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Two cell values equal as a person reads them: numbers by value, so `50%` or `12,5`
/// written as text in the plan equal a cell holding 50 or 12.5.
fn uguali(a: &Dato, b: &Dato) -> bool {
    match (a, b) {
        (Dato::Numero(x), Dato::Numero(y)) => (x - y).abs() < 1e-9,
        (Dato::Numero(x), Dato::Testo(t)) | (Dato::Testo(t), Dato::Numero(x)) => {
            numero_italiano(t).is_some_and(|y| (x - y).abs() < 1e-9)
        }
        (Dato::Testo(x), Dato::Testo(y)) => x.trim() == y.trim(),
        (Dato::Testo(t), Dato::Vuoto) | (Dato::Vuoto, Dato::Testo(t)) => t.trim().is_empty(),
        _ => a == b,
    }
}

/// The value to write: a number replacing a percentage the plan wrote as text (`50%`)
/// stays a percentage in the plan's form (`60%`).
fn come_nel_piano(nuovo: Dato, prima: &Dato) -> Dato {
    match (&nuovo, prima) {
        (Dato::Numero(_), Dato::Testo(t)) if t.trim().ends_with('%') => {
            Dato::Testo(format!("{}%", nuovo.testo()))
        }
        _ => nuovo,
    }
}

/// The JSON value of a cell; `None` when the cell is empty (the key is removed).
fn in_json(d: &Dato) -> Option<Value> {
    match d {
        Dato::Vuoto => None,
        Dato::Numero(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(json!(*n as i64)),
        Dato::Numero(n) => Some(json!(n)),
        Dato::Testo(t) => Some(json!(t)),
    }
}

/// A cell's address: `Indicatori!J5` (row and column from 0).
pub fn indirizzo(foglio: &str, riga: usize, colonna: usize) -> String {
    format!("{foglio}!{}", cell_name(riga as u32 + 1, colonna as u32))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indice::Indice;
    use crate::model::Piano;

    /// One operational objective with deadlines 30/6 and 31/12: indicator 1 weighs 40 at
    /// both (one number), indicator 2 has a weight per deadline, so the sheet has the
    /// columns Peso 30/6 (N) and Peso 31/12 (O) after A–I and Target 30/6 (J), Target
    /// 31/12 (K)... (the exact letters do not matter here: cells are found by heading).
    fn piano() -> Piano {
        serde_json::from_value(json!({
            "ente": { "nome": "Ente" },
            "documento": { "titolo": "Piano", "anno_inizio": 2024, "anno_fine": 2024 },
            "livelli": [ { "nome": "Obiettivo", "plurale": "Obiettivi", "scadenze": ["30/6", "31/12"] } ],
            "albero": [ { "titolo": "Uno", "indicatori": [
                { "descrizione": "A", "target": { "30/6": "SI", "31/12": "SI" }, "peso": 40 },
                { "descrizione": "B", "target": { "30/6": 1, "31/12": 2 }, "peso": { "30/6": 60, "31/12": 60 } }
            ] } ]
        }))
        .unwrap()
    }

    /// The Indicatori sheet as exported, with `cambia` applied to the first indicator's row.
    fn foglio(cartella: &Cartella, cambia: &[(&str, Dato)]) -> Letto {
        let t = cartella
            .tabella(super::super::layout::Scheda::Indicatori)
            .unwrap();
        let mut righe = vec![
            t.colonne
                .iter()
                .map(|c| Dato::Testo(c.intestazione.clone()))
                .collect(),
        ];
        for r in &t.righe {
            righe.push(r.celle.iter().map(|c| c.dato.clone()).collect::<Vec<_>>());
        }
        for (intestazione, dato) in cambia {
            let c = t
                .colonne
                .iter()
                .position(|c| c.intestazione == *intestazione)
                .unwrap();
            righe[1][c] = dato.clone();
        }
        Letto {
            libro: "f.xlsx".into(),
            nome: "Indicatori".into(),
            righe,
        }
    }

    fn modifiche(cambia: &[(&str, Dato)]) -> Vec<(String, Value)> {
        let p = piano();
        let cartella = Cartella::di(&p, &Indice::build(&p), None);
        let esito = confronta(&cartella, &[foglio(&cartella, cambia)], 0);
        assert!(!esito.ha_errori(), "{:?}", esito.diagnostiche);
        esito
            .piano
            .iter()
            .map(|e| match e {
                Edit::Set { path, value } => (path.clone(), value.clone()),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn a_single_weight_stays_one_number_while_its_columns_agree() {
        assert_eq!(modifiche(&[]), []);
        // Both columns 50: the weight becomes 50.
        assert_eq!(
            modifiche(&[
                ("Peso 30/6", Dato::Numero(50.0)),
                ("Peso 31/12", Dato::Numero(50.0))
            ]),
            [("albero[0].indicatori[0].peso".to_string(), json!(50))]
        );
        // Only 30/6 changed: one weight per deadline, 31/12 keeping its 40.
        assert_eq!(
            modifiche(&[("Peso 30/6", Dato::Numero(50.0))]),
            [(
                "albero[0].indicatori[0].peso".to_string(),
                json!({ "30/6": 50, "31/12": 40 })
            )]
        );
        // A per-deadline weight is edited at its own key; "si" answers a SI target.
        assert_eq!(
            modifiche(&[("Target 30/6", Dato::Testo("no".into()))]),
            [(
                "albero[0].indicatori[0].target.30/6".to_string(),
                json!("NO")
            )]
        );
    }

    #[test]
    fn numbers_typed_the_italian_way() {
        // Decimal comma, thousands dots, a final %; a lone dot is a decimal point.
        assert_eq!(numero_italiano("12,5"), Some(12.5));
        assert_eq!(numero_italiano("1.250"), Some(1250.0));
        assert_eq!(numero_italiano("1.250,75"), Some(1250.75));
        assert_eq!(numero_italiano("40%"), Some(40.0));
        assert_eq!(numero_italiano("12.5"), Some(12.5));
        assert_eq!(numero_italiano(">= 15"), None);
        // Text and number equal by value; a number replacing "50%" stays a percentage.
        assert!(uguali(&Dato::Numero(50.0), &Dato::Testo("50%".into())));
        assert!(uguali(&Dato::Testo(" ".into()), &Dato::Vuoto));
        assert!(!uguali(&Dato::Numero(15.0), &Dato::Testo(">= 15".into())));
        assert_eq!(
            come_nel_piano(Dato::Numero(55.5), &Dato::Testo("50%".into())),
            Dato::Testo("55,5%".into())
        );
    }
}
