//! The PIAO's section «Rischi corruttivi e trasparenza» lowered to a chapter: the
//! framework and the risk system in words, then the tables in the order a reader follows
//! the value chain (general objectives and measures; prevention objectives; each sensitive
//! activity with its events rated P×I×C; the specific measures with the event and the
//! objective each serves; their monitoring; the transparency obligations).

use std::collections::BTreeMap;

use crate::format::format_number;
use crate::indice::Indice;
use crate::model::piao::rischi::{
    AttivitaSensibile, ConIndicatori, EventoRischioso, LivelloRischio, Rischi, Scala, Trasparenza,
};
use crate::model::{Allineamento, Blocco, Cella, Colonna, Formato, Piano, Sezione, Tabella};
use crate::view::scheda::{peso_indicatore, tipo_indicatore};

use super::{Parte, capitolo, colonna, parte};

/// The section «Rischi corruttivi e trasparenza»: parte generale, tables, ulteriori informazioni, annex.
pub fn sezione(s: &Rischi, piano: &Piano) -> Parte {
    let anni = piano.documento.anni();
    let funzionale: Vec<Sezione> = [
        quadro_normativo(s),
        contesto(s),
        sistema(s),
        obiettivi_e_misure_generali(s, &anni),
        valore_pubblico(s, piano, &anni),
        valutazione(s),
        misure_specifiche(s, &anni),
        monitoraggio(s),
        s.trasparenza.as_ref().and_then(trasparenza),
    ]
    .into_iter()
    .flatten()
    .collect();
    Parte {
        sezione: parte(
            "Rischi corruttivi e trasparenza",
            &s.generale,
            funzionale,
            &s.ulteriori_informazioni,
            s.allegato.as_ref(),
        ),
        aggiunte: Vec::new(),
    }
}

fn quadro_normativo(s: &Rischi) -> Option<Sezione> {
    let righe = s
        .normativa
        .iter()
        .map(|n| vec![testo(&n.normativa), testo(&n.azione_prevista)])
        .collect();
    let t = tabella(
        "Normativa e azioni previste",
        vec![colonna("Normativa"), colonna("Azione prevista")],
        righe,
    )?;
    Some(capitolo("Quadro normativo", vec![t]))
}

fn contesto(s: &Rischi) -> Option<Sezione> {
    sottosezioni(
        "Analisi del contesto",
        [
            ("Impatto del contesto esterno", &s.contesto_esterno),
            ("Impatto del contesto interno", &s.contesto_interno),
        ],
    )
}

fn sistema(s: &Rischi) -> Option<Sezione> {
    let m = s.modalita.as_ref()?;
    sottosezioni(
        "Il sistema di gestione del rischio",
        [
            ("Gestione del rischio", &m.gestione),
            ("Identificazione degli eventi rischiosi", &m.identificazione),
            ("Analisi del rischio", &m.analisi),
            ("Misurazione del rischio", &m.misurazione),
            ("Trattamento del rischio", &m.trattamento),
            ("Monitoraggio del sistema", &m.monitoraggio),
        ],
    )
}

/// A chapter whose subsections are the texts that are set, each under its title; none
/// when no text is.
fn sottosezioni<const N: usize>(
    titolo: &str,
    testi: [(&str, &Option<String>); N],
) -> Option<Sezione> {
    let sezioni: Vec<Sezione> = testi
        .into_iter()
        .filter_map(|(t, testo)| {
            testo
                .as_ref()
                .map(|x| capitolo(t, vec![Blocco::Testo(x.clone())]))
        })
        .collect();
    if sezioni.is_empty() {
        return None;
    }
    let mut c = capitolo(titolo, Vec::new());
    c.sezioni = sezioni;
    Some(c)
}

fn obiettivi_e_misure_generali(s: &Rischi, anni: &[String]) -> Option<Sezione> {
    let nomi: BTreeMap<&str, &str> = s
        .obiettivi_generali
        .iter()
        .map(|o| (o.id.trim(), o.denominazione.as_str()))
        .collect();
    let blocchi: Vec<Blocco> = [
        tabella(
            "Obiettivi generali",
            vec![
                colonna("ID"),
                colonna("Obiettivo generale"),
                colonna("Descrizione"),
            ],
            s.obiettivi_generali
                .iter()
                .map(|o| {
                    vec![
                        testo(&o.id),
                        testo(&o.denominazione),
                        opzionale(&o.descrizione),
                    ]
                })
                .collect(),
        ),
        tabella_indicatori(
            "Indicatori degli obiettivi generali",
            "Obiettivo",
            &s.obiettivi_generali,
            anni,
        ),
        tabella(
            "Misure generali",
            vec![
                colonna("ID"),
                colonna("Misura generale"),
                colonna("Obiettivo generale"),
                colonna("Tipologia e descrizione"),
                colonna("Responsabile"),
                colonna("Stakeholder"),
            ],
            s.misure_generali
                .iter()
                .map(|m| {
                    vec![
                        testo(&m.id),
                        testo(&m.denominazione),
                        testo(&con_nome(&m.obiettivo_generale, &nomi)),
                        opzionale(&m.tipologia),
                        testo(&m.responsabile),
                        elenco(&m.stakeholder),
                    ]
                })
                .collect(),
        ),
        tabella_indicatori(
            "Indicatori delle misure generali",
            "Misura",
            &s.misure_generali,
            anni,
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!blocchi.is_empty()).then(|| capitolo("Obiettivi generali e misure generali", blocchi))
}

fn valore_pubblico(s: &Rischi, piano: &Piano, anni: &[String]) -> Option<Sezione> {
    let indice = s
        .obiettivi_prevenzione
        .iter()
        .any(|o| o.obiettivo_organizzativo.is_some())
        .then(|| Indice::build(piano));
    let organizzativo = |chiave: &str| match indice.as_ref().and_then(|i| i.cerca(chiave)) {
        Some(v) => format!("{}: {}", v.riferimento, v.titolo),
        None => chiave.to_string(),
    };
    let mut blocchi: Vec<Blocco> = s
        .valore_pubblico
        .iter()
        .map(|t| Blocco::Testo(t.clone()))
        .collect();
    blocchi.extend(tabella(
        "Obiettivi di prevenzione",
        vec![
            colonna("ID"),
            colonna("Obiettivo di prevenzione"),
            colonna("Descrizione"),
            colonna("Obiettivo di valore pubblico"),
            colonna("Strategia attuativa"),
            colonna("Obiettivo organizzativo"),
        ],
        s.obiettivi_prevenzione
            .iter()
            .map(|o| {
                vec![
                    testo(&o.id),
                    testo(&o.denominazione),
                    opzionale(&o.descrizione),
                    opzionale(&o.obiettivo_valore_pubblico),
                    opzionale(&o.strategia),
                    o.obiettivo_organizzativo
                        .as_deref()
                        .map_or(Cella::Vuota, |k| testo(&organizzativo(k))),
                ]
            })
            .collect(),
    ));
    blocchi.extend(tabella_indicatori(
        "Indicatori degli obiettivi di prevenzione",
        "Obiettivo",
        &s.obiettivi_prevenzione,
        anni,
    ));
    (!blocchi.is_empty()).then(|| capitolo("Valore pubblico e anticorruzione", blocchi))
}

/// «Valutazione del rischio»: how the value is computed and the body's scale, the count of
/// events per level, then one subsection per sensitive activity with its events.
fn valutazione(s: &Rischi) -> Option<Sezione> {
    if s.attivita_sensibili.is_empty() && s.scala.is_none() {
        return None;
    }
    let mut blocchi = vec![Blocco::Testo(
        "Per ogni evento rischioso la valutazione è il prodotto di probabilità (P), impatto (I) \
         e controlli (C), calcolato dai valori indicati; accanto, il livello di rischio \
         attribuito dall'ente e la sua motivazione."
            .into(),
    )];
    blocchi.extend(s.scala.as_ref().and_then(tabella_scala));
    blocchi.extend(riepilogo_livelli(s));
    let mut c = capitolo("Valutazione del rischio", blocchi);
    c.sezioni = s.attivita_sensibili.iter().map(attivita).collect();
    Some(c)
}

/// The body's scale: the range of each factor and the range of P×I×C of each level.
fn tabella_scala(scala: &Scala) -> Option<Blocco> {
    let mut righe: Vec<Vec<Cella>> = [
        ("Probabilità (P)", scala.massimo_probabilita),
        ("Impatto (I)", scala.massimo_impatto),
        ("Controlli (C)", scala.massimo_controlli),
    ]
    .into_iter()
    .filter_map(|(nome, max)| {
        max.map(|m| {
            vec![
                testo(nome),
                testo(&format!("da 1 a {}", intero(u64::from(m)))),
            ]
        })
    })
    .collect();
    if let Some(soglie) = &scala.soglie {
        righe.push(vec![
            testo("Rischio basso"),
            testo(&format!("P×I×C fino a {}", intero(soglie.basso))),
        ]);
        righe.push(vec![
            testo("Rischio medio"),
            testo(&format!(
                "P×I×C da {} a {}",
                intero(soglie.basso.saturating_add(1)),
                intero(soglie.medio)
            )),
        ]);
        righe.push(vec![
            testo("Rischio alto"),
            testo(&format!("P×I×C oltre {}", intero(soglie.medio))),
        ]);
    }
    tabella(
        "Scala di valutazione del rischio",
        vec![colonna("Elemento"), colonna("Valori")],
        righe,
    )
}

/// How many events the body rated at each level, with the total.
fn riepilogo_livelli(s: &Rischi) -> Option<Blocco> {
    let conta = |l: LivelloRischio| s.eventi().filter(|(_, _, _, e)| e.livello == l).count();
    let righe = LivelloRischio::ALL
        .iter()
        .map(|&l| vec![testo(l.nome()), numero(conta(l) as f64)])
        .collect();
    let totale = s.eventi().count();
    if totale == 0 {
        return None;
    }
    let mut t = Tabella::nuova(
        "Eventi rischiosi per livello di rischio",
        vec![
            colonna("Livello di rischio"),
            colonna_numero("Eventi rischiosi"),
        ],
        righe,
    );
    t.totale = Some(vec![testo("Totale"), numero(totale as f64)]);
    Some(Blocco::Tabella(t))
}

/// A sensitive activity: what it is, then the table of its events.
fn attivita(a: &AttivitaSensibile) -> Sezione {
    let mut righe = Vec::new();
    if let Some(p) = &a.processo {
        righe.push(format!("**Processo collegato:** {p}"));
    }
    if let Some(d) = &a.descrizione {
        righe.push(format!("**Descrizione:** {d}"));
    }
    if !a.attori.is_empty() {
        righe.push(format!("**Attori:** {}", a.attori.join(", ")));
    }
    let mut blocchi = Vec::new();
    if !righe.is_empty() {
        blocchi.push(Blocco::Testo(righe.join("\n\n")));
    }
    blocchi.extend(tabella(
        &format!("Eventi rischiosi dell'attività {}", a.id),
        vec![
            colonna("ID"),
            colonna("Evento rischioso"),
            colonna("Fattori abilitanti"),
            colonna_numero("P"),
            colonna_numero("I"),
            colonna_numero("C"),
            colonna_numero("P×I×C"),
            colonna("Livello"),
            colonna("Motivazione"),
        ],
        a.eventi.iter().map(riga_evento).collect(),
    ));
    capitolo(&format!("Attività {}: {}", a.id, a.attivita), blocchi)
}

fn riga_evento(e: &EventoRischioso) -> Vec<Cella> {
    vec![
        testo(&e.id),
        testo(&e.evento),
        elenco(&e.fattori_abilitanti),
        numero(f64::from(e.probabilita)),
        numero(f64::from(e.impatto)),
        numero(f64::from(e.controlli)),
        numero(e.valutazione() as f64),
        testo(e.livello.nome()),
        opzionale(&e.motivazione),
    ]
}

/// The specific measures: first the chain each is part of (the event it counters, with its
/// rating, and the prevention objective it serves, by id and name), then how it is done.
fn misure_specifiche(s: &Rischi, anni: &[String]) -> Option<Sezione> {
    let eventi: BTreeMap<&str, &EventoRischioso> =
        s.eventi().map(|(_, _, _, e)| (e.id.trim(), e)).collect();
    let obiettivi: BTreeMap<&str, &str> = s
        .obiettivi_prevenzione
        .iter()
        .map(|o| (o.id.trim(), o.denominazione.as_str()))
        .collect();
    let catena = s
        .misure_specifiche
        .iter()
        .map(|m| {
            let evento = eventi.get(m.evento.trim());
            vec![
                testo(&m.id),
                testo(&m.misura),
                testo(&match evento {
                    Some(e) => format!("{}: {}", e.id, e.evento),
                    None => m.evento.clone(),
                }),
                evento.map_or(Cella::Vuota, |e| {
                    testo(&format!(
                        "{} ({})",
                        e.livello.nome(),
                        intero(e.valutazione())
                    ))
                }),
                m.obiettivo_prevenzione
                    .as_deref()
                    .map_or(Cella::Vuota, |o| testo(&con_nome(o, &obiettivi))),
            ]
        })
        .collect();
    let attuazione = s
        .misure_specifiche
        .iter()
        .map(|m| {
            vec![
                testo(&m.id),
                opzionale(&m.tipologia),
                testo(&m.responsabile),
                elenco(&m.stakeholder),
            ]
        })
        .collect();
    let blocchi: Vec<Blocco> = [
        tabella(
            "Misure specifiche: evento rischioso contrastato e obiettivo di prevenzione",
            vec![
                colonna("ID"),
                colonna("Misura specifica"),
                colonna("Evento rischioso"),
                colonna("Rischio (P×I×C)"),
                colonna("Obiettivo di prevenzione"),
            ],
            catena,
        ),
        tabella(
            "Misure specifiche: attuazione",
            vec![
                colonna("ID"),
                colonna("Tipologia e descrizione"),
                colonna("Responsabile"),
                colonna("Stakeholder"),
            ],
            attuazione,
        ),
        tabella_indicatori(
            "Indicatori delle misure specifiche",
            "Misura",
            &s.misure_specifiche,
            anni,
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!blocchi.is_empty()).then(|| capitolo("Misure specifiche", blocchi))
}

fn monitoraggio(s: &Rischi) -> Option<Sezione> {
    let nomi: BTreeMap<&str, &str> = s
        .misure_generali
        .iter()
        .map(|m| (m.id.trim(), m.denominazione.as_str()))
        .chain(
            s.misure_specifiche
                .iter()
                .map(|m| (m.id.trim(), m.misura.as_str())),
        )
        .collect();
    let t = tabella(
        "Monitoraggio delle misure",
        vec![
            colonna("Misura"),
            colonna("Tipologia"),
            colonna("Modalità"),
            colonna("Responsabile"),
            colonna("Tempistiche"),
        ],
        s.monitoraggi
            .iter()
            .map(|m| {
                vec![
                    testo(&con_nome(&m.misura, &nomi)),
                    opzionale(&m.tipologia),
                    opzionale(&m.modalita),
                    opzionale(&m.responsabile),
                    opzionale(&m.tempistiche),
                ]
            })
            .collect(),
    )?;
    Some(capitolo("Monitoraggio delle misure", vec![t]))
}

/// Transparency: the text, then one row per datum to publish, its obligation named on the
/// obligation's first row; on a landscape page, the table being wide.
fn trasparenza(t: &Trasparenza) -> Option<Sezione> {
    let mut blocchi: Vec<Blocco> = t.testo.iter().map(|x| Blocco::Testo(x.clone())).collect();
    let righe: Vec<Vec<Cella>> = t
        .obblighi
        .iter()
        .flat_map(|o| {
            o.dati.iter().enumerate().map(move |(k, d)| {
                let (nome, contenuto) = if k == 0 {
                    (testo(&o.denominazione), opzionale(&o.contenuto))
                } else {
                    (Cella::Vuota, Cella::Vuota)
                };
                vec![
                    nome,
                    contenuto,
                    testo(&d.dato),
                    opzionale(&d.tipologia),
                    opzionale(&d.responsabile_trasmissione),
                    opzionale(&d.termini),
                    opzionale(&d.monitoraggio),
                    opzionale(&d.motivazione),
                ]
            })
        })
        .collect();
    let colonne = vec![
        colonna("Obbligo"),
        colonna("Contenuto"),
        colonna("Dato da pubblicare"),
        colonna("Tipologia di dato"),
        colonna("Responsabile della trasmissione"),
        colonna("Termini di pubblicazione"),
        colonna("Modalità di monitoraggio"),
        colonna("Motivazione se non pubblicabile"),
    ];
    if let Some(Blocco::Tabella(mut tab)) = tabella("Obblighi di pubblicazione", colonne, righe) {
        tab.orizzontale = Some(tab.colonne.len() > 5);
        blocchi.push(Blocco::Tabella(tab));
    }
    (!blocchi.is_empty()).then(|| capitolo("Trasparenza", blocchi))
}

/// The indicators of a group of elements, one row each after the element's id: only the
/// columns some indicator fills, a target column per year of the plan.
fn tabella_indicatori<T: ConIndicatori>(
    titolo: &str,
    di: &str,
    elementi: &[T],
    anni: &[String],
) -> Option<Blocco> {
    let mut colonne = vec![
        colonna(di),
        colonna("Indicatore"),
        colonna("Formula"),
        colonna("Unità di misura"),
        colonna("Tipo"),
        colonna("Fonte"),
        colonna("Baseline"),
    ];
    colonne.extend(anni.iter().map(|a| colonna(&format!("Target {a}"))));
    colonne.extend([
        colonna("Peso"),
        colonna("Documentazione"),
        colonna("Uffici"),
    ]);
    let righe = elementi
        .iter()
        .flat_map(|e| {
            e.indicatori().iter().map(move |i| {
                let mut r = vec![
                    testo(e.id()),
                    testo(&i.descrizione),
                    opzionale(&i.formula),
                    opzionale(&i.unita),
                    i.tipo.map_or(Cella::Vuota, |t| testo(tipo_indicatore(t))),
                    opzionale(&i.fonte),
                    i.baseline
                        .as_ref()
                        .map_or(Cella::Vuota, |b| testo(&b.testo())),
                ];
                r.extend(
                    anni.iter()
                        .map(|a| i.target.get(a).map_or(Cella::Vuota, |t| testo(&t.testo()))),
                );
                r.push(if i.peso.is_some() {
                    testo(&peso_indicatore(i, anni))
                } else {
                    Cella::Vuota
                });
                r.push(opzionale(&i.documentazione));
                r.push(elenco(&i.uffici));
                r
            })
        })
        .collect();
    tabella(titolo, colonne, righe)
}

/// A table of the columns that have some content, or none when it has no rows.
fn tabella(titolo: &str, colonne: Vec<Colonna>, righe: Vec<Vec<Cella>>) -> Option<Blocco> {
    if righe.is_empty() {
        return None;
    }
    let piene: Vec<bool> = (0..colonne.len())
        .map(|c| righe.iter().any(|r| !vuota(&r[c])))
        .collect();
    let righe = righe.into_iter().map(|r| solo_piene(r, &piene)).collect();
    Some(Blocco::Tabella(Tabella::nuova(
        titolo,
        solo_piene(colonne, &piene),
        righe,
    )))
}

/// The elements of `v` whose column is kept.
fn solo_piene<T>(v: Vec<T>, piene: &[bool]) -> Vec<T> {
    v.into_iter()
        .zip(piene)
        .filter_map(|(x, &p)| p.then_some(x))
        .collect()
}

fn vuota(c: &Cella) -> bool {
    match c {
        Cella::Vuota => true,
        Cella::Testo(t) => t.trim().is_empty(),
        Cella::Numero(_) => false,
    }
}

fn colonna_numero(titolo: &str) -> Colonna {
    Colonna {
        titolo: titolo.to_string(),
        allineamento: Some(Allineamento::Destra),
        formato: Some(Formato::Numero),
        decimali: Some(0),
    }
}

fn testo(s: &str) -> Cella {
    Cella::Testo(s.to_string())
}

fn numero(n: f64) -> Cella {
    Cella::Numero(n)
}

/// A whole number as printed in Italian: 65.231.
fn intero(n: u64) -> String {
    format_number(n as f64, 0)
}

fn opzionale(s: &Option<String>) -> Cella {
    s.as_deref().map_or(Cella::Vuota, testo)
}

fn elenco(v: &[String]) -> Cella {
    if v.is_empty() {
        Cella::Vuota
    } else {
        testo(&v.join("; "))
    }
}

/// An id with the name of what it names, when known: «OG1: Prevenire i conflitti».
fn con_nome(id: &str, nomi: &BTreeMap<&str, &str>) -> String {
    match nomi.get(id.trim()) {
        Some(nome) => format!("{}: {nome}", id.trim()),
        None => id.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A plan with two events: E1 P3 × I3 × C3 = 27 (medio), E2 P2 × I2 × C1 = 4 (basso).
    fn piano() -> Piano {
        serde_json::from_value(json!({
            "ente": { "nome": "Comune di Prova" },
            "documento": { "titolo": "PIAO", "anno_inizio": 2025, "anno_fine": 2027 },
            "livelli": [{ "nome": "Obiettivo", "plurale": "Obiettivi" }],
            "albero": [{ "id": "ob-trasp", "titolo": "Trasparenza degli atti" }],
            "piao": {
                "dipendenti": "fino_a_50",
                "rischi": {
                    "obiettivi_generali": [{ "id": "OG1", "denominazione": "Più trasparenza" }],
                    "misure_generali": [{
                        "id": "MG1", "obiettivo_generale": "OG1", "denominazione": "Formazione",
                        "responsabile": "RPCT"
                    }],
                    "obiettivi_prevenzione": [{
                        "id": "OP1", "denominazione": "Contributi imparziali",
                        "obiettivo_organizzativo": "ob-trasp",
                        "indicatori": [{ "descrizione": "Pratiche controllate",
                                         "target": { "2025": "10%", "2026": "15%", "2027": "20%" } }]
                    }],
                    "scala": { "massimo_probabilita": 5, "soglie": { "basso": 8, "medio": 27 } },
                    "attivita_sensibili": [{
                        "id": "A1", "attivita": "Contributi", "processo": "Sostegno alle imprese",
                        "attori": ["Ufficio attività produttive"],
                        "eventi": [
                            { "id": "E1", "evento": "Favoritismi", "fattori_abilitanti": ["discrezionalità", "urgenza"],
                              "probabilita": 3, "impatto": 3, "controlli": 3, "livello": "medio", "motivazione": "importi alti" },
                            { "id": "E2", "evento": "Ritardi", "probabilita": 2, "impatto": 2, "controlli": 1, "livello": "basso" }
                        ]
                    }],
                    "misure_specifiche": [{
                        "id": "MS1", "evento": "E1", "obiettivo_prevenzione": "OP1",
                        "misura": "Controllo a campione", "responsabile": "Segretario"
                    }],
                    "monitoraggi": [{ "misura": "MS1", "tempistiche": "semestrale" }],
                    "trasparenza": { "obblighi": [{
                        "denominazione": "Sovvenzioni", "contenuto": "art. 26 D.Lgs. 33/2013",
                        "dati": [{ "dato": "Atti di concessione", "termini": "tempestivo" },
                                 { "dato": "Elenco beneficiari", "termini": "annuale" }]
                    }] }
                }
            }
        }))
        .unwrap()
    }

    fn sezione_di_prova() -> Sezione {
        let p = piano();
        let s = p.piao.as_ref().and_then(|x| x.rischi.as_ref()).unwrap();
        sezione(s, &p).sezione
    }

    fn trova<'a>(s: &'a Sezione, titolo: &str) -> &'a Sezione {
        s.sezioni
            .iter()
            .find(|x| x.titolo == titolo)
            .unwrap_or_else(|| panic!("no section {titolo}"))
    }

    fn tabelle(s: &Sezione) -> Vec<&Tabella> {
        s.contenuto
            .iter()
            .filter_map(|b| match b {
                Blocco::Tabella(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    fn cella(c: &Cella) -> String {
        match c {
            Cella::Testo(t) => t.clone(),
            Cella::Numero(n) => n.to_string(),
            Cella::Vuota => String::new(),
        }
    }

    fn righe(t: &Tabella) -> Vec<Vec<String>> {
        t.righe
            .iter()
            .map(|r| r.iter().map(cella).collect())
            .collect()
    }

    #[test]
    fn the_chapter_follows_the_value_chain() {
        let s = sezione_di_prova();
        let titoli: Vec<&str> = s.sezioni.iter().map(|x| x.titolo.as_str()).collect();
        assert_eq!(
            titoli,
            [
                "Obiettivi generali e misure generali",
                "Valore pubblico e anticorruzione",
                "Valutazione del rischio",
                "Misure specifiche",
                "Monitoraggio delle misure",
                "Trasparenza"
            ]
        );
    }

    #[test]
    fn events_show_the_computed_value_beside_the_chosen_level() {
        let s = sezione_di_prova();
        let v = trova(&s, "Valutazione del rischio");
        let a = &v.sezioni[0];
        assert_eq!(a.titolo, "Attività A1: Contributi");
        let t = tabelle(a)[0];
        let intestazioni: Vec<&str> = t.colonne.iter().map(|c| c.titolo.as_str()).collect();
        assert_eq!(
            intestazioni,
            [
                "ID",
                "Evento rischioso",
                "Fattori abilitanti",
                "P",
                "I",
                "C",
                "P×I×C",
                "Livello",
                "Motivazione"
            ]
        );
        // 3 × 3 × 3 = 27 and 2 × 2 × 1 = 4.
        assert_eq!(
            righe(t),
            [
                [
                    "E1",
                    "Favoritismi",
                    "discrezionalità; urgenza",
                    "3",
                    "3",
                    "3",
                    "27",
                    "Medio",
                    "importi alti"
                ],
                ["E2", "Ritardi", "", "2", "2", "1", "4", "Basso", ""]
            ]
        );
        // The scale: P from 1 to 5; basso up to 8, medio 9 to 27, alto above.
        let [scala, riepilogo] = tabelle(v)[..] else {
            panic!("two tables")
        };
        assert_eq!(
            righe(scala),
            [
                ["Probabilità (P)", "da 1 a 5"],
                ["Rischio basso", "P×I×C fino a 8"],
                ["Rischio medio", "P×I×C da 9 a 27"],
                ["Rischio alto", "P×I×C oltre 27"]
            ]
        );
        // One event basso, one medio, none alto: 2 in all.
        assert_eq!(
            righe(riepilogo),
            [["Basso", "1"], ["Medio", "1"], ["Alto", "0"]]
        );
        assert_eq!(
            riepilogo
                .totale
                .as_ref()
                .unwrap()
                .iter()
                .map(cella)
                .collect::<Vec<_>>(),
            ["Totale", "2"]
        );
    }

    #[test]
    fn measures_name_the_event_and_objective_they_serve() {
        let s = sezione_di_prova();
        let m = trova(&s, "Misure specifiche");
        let catena = tabelle(m)[0];
        assert_eq!(
            righe(catena),
            [[
                "MS1",
                "Controllo a campione",
                "E1: Favoritismi",
                "Medio (27)",
                "OP1: Contributi imparziali"
            ]]
        );
        // Only the filled columns of the second table: id and responsible.
        let attuazione = tabelle(m)[1];
        assert_eq!(righe(attuazione), [["MS1", "Segretario"]]);
        let mon = tabelle(trova(&s, "Monitoraggio delle misure"))[0];
        assert_eq!(righe(mon), [["MS1: Controllo a campione", "semestrale"]]);
        let g = tabelle(trova(&s, "Obiettivi generali e misure generali"));
        assert_eq!(
            righe(g[1]),
            [["MG1", "Formazione", "OG1: Più trasparenza", "RPCT"]]
        );
    }

    #[test]
    fn prevention_objectives_name_the_tree_objective_and_list_indicators() {
        let s = sezione_di_prova();
        let v = tabelle(trova(&s, "Valore pubblico e anticorruzione"));
        // The tree's only objective has code 1.
        assert_eq!(
            righe(v[0]),
            [["OP1", "Contributi imparziali", "1: Trasparenza degli atti"]]
        );
        assert_eq!(
            righe(v[1]),
            [["OP1", "Pratiche controllate", "10%", "15%", "20%"]]
        );
        let intestazioni: Vec<&str> = v[1].colonne.iter().map(|c| c.titolo.as_str()).collect();
        assert_eq!(
            intestazioni,
            [
                "Obiettivo",
                "Indicatore",
                "Target 2025",
                "Target 2026",
                "Target 2027"
            ]
        );
    }

    #[test]
    fn obligations_name_each_obligation_once() {
        let s = sezione_di_prova();
        let t = tabelle(trova(&s, "Trasparenza"))[0];
        assert_eq!(
            righe(t),
            [
                [
                    "Sovvenzioni",
                    "art. 26 D.Lgs. 33/2013",
                    "Atti di concessione",
                    "tempestivo"
                ],
                ["", "", "Elenco beneficiari", "annuale"]
            ]
        );
        assert_eq!(t.orizzontale, Some(false));
    }
}
