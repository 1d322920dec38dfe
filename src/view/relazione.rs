//! The Relazione sulla Performance as the templates show it. Its chapters (principal
//! results, the tree, one table per objective, the managers, the OIV's annex) are built as
//! sections of tables and charts from the measured figures, and laid out by the same loop
//! of sections and blocks as every narrative chapter: one layout, one accessible table.

use serde::Serialize;

use super::blocchi::{self, BloccoView, LuceView, SemaforoView, SezioneView, Stile};
use super::{FirmaView, firme, soggetto};
use crate::consuntivo::Consuntivo;
use crate::documento::{Copertina, Metadati};
use crate::format::{format_percent, format_plain, periodo};
use crate::indice::{Indice, Ramo, Voce};
use crate::misura::regole::TipoTarget;
use crate::misura::{Media, Misura, RegolaMedia, RegolaNodo, esito};
use crate::model::{
    Allineamento, Blocco, Cella, Colonna, Formato, Grafico, Piano, PosizioneSezione, Serie,
    Sezione, Tabella, TipoGrafico,
};

/// The Relazione, ready to lay out.
#[derive(Debug, Serialize)]
pub struct RelazioneView {
    /// PDF metadata.
    pub metadati: Metadati,
    /// What the cover shows.
    pub copertina: Copertina,
    /// Every chapter, flattened: narrative ones and the ones built from the results.
    pub sezioni: Vec<SezioneView>,
    /// The OIV's annex ("prospetto di calcolo"), flattened.
    pub allegato: Vec<SezioneView>,
    /// Whether it has captioned tables (a list of tables after the index).
    pub tabelle: bool,
    /// Whether it has figures (a list of figures).
    pub figure: bool,
    /// Signatures.
    pub firme: Vec<FirmaView>,
}

/// Builds the Relazione's view from the plan, its results and their measure.
pub fn build(
    piano: &Piano,
    indice: &Indice,
    consuntivo: &Consuntivo,
    misura: &Misura,
    source_date_epoch: Option<i64>,
) -> RelazioneView {
    let titolo = consuntivo
        .titolo
        .clone()
        .unwrap_or_else(|| "Relazione sulla Performance".into());
    let anno = consuntivo.anno.to_string();
    let doc = &piano.documento;
    let piano_titolo = format!("{} {}", doc.titolo, periodo(doc.anno_inizio, doc.anno_fine));
    let sezioni = capitoli(piano, indice, consuntivo, misura);
    let allegato = blocchi::sezioni(
        &[allegato(piano, indice, misura)],
        1,
        1,
        "oiv-",
        Stile::Capitoli,
    );
    RelazioneView {
        metadati: Metadati {
            titolo: format!("{titolo} {anno}"),
            autore: piano.ente.nome.clone(),
            soggetto: if consuntivo.atti.is_empty() {
                format!("Risultati {anno} del {piano_titolo}")
            } else {
                soggetto(&consuntivo.atti)
            },
            parole_chiave: vec![
                titolo.clone(),
                "ciclo della performance".into(),
                "D.Lgs. 150/2009".into(),
                "Amministrazione Trasparente".into(),
            ],
            data: crate::model::data_documento(
                &consuntivo.atti,
                source_date_epoch,
                consuntivo.anno,
            ),
        },
        copertina: Copertina {
            titolo,
            periodo: anno,
            sottotitolo: Some(format!("Risultati rispetto al {piano_titolo}")),
            riferimento: Some("art. 10, comma 1, lettera b), D.Lgs. 150/2009".into()),
            approvazioni: consuntivo
                .atti
                .iter()
                .map(crate::documento::Approvazione::of)
                .collect(),
            avvertenza: crate::documento::avvertenza(consuntivo.illustrativo.or(doc.illustrativo)),
        },
        tabelle: true,
        figure: blocchi::ha_figure(&sezioni),
        sezioni,
        allegato,
        firme: firme(&consuntivo.firme),
    }
}

/// The chapters, flattened: the narrative ones before, those built from the results, the
/// narrative ones after (`posizione: "dopo"`).
fn capitoli(
    piano: &Piano,
    indice: &Indice,
    consuntivo: &Consuntivo,
    misura: &Misura,
) -> Vec<SezioneView> {
    let (dopo, prima): (Vec<Sezione>, Vec<Sezione>) = consuntivo
        .sezioni
        .iter()
        .cloned()
        .partition(|s| s.posizione == Some(PosizioneSezione::Dopo));
    let mut capitoli = prima.clone();
    capitoli.push(sintesi(piano, indice, misura));
    capitoli.push(albero(piano, indice, misura));
    capitoli.push(obiettivi(indice, misura));
    capitoli.extend(dirigenti(piano, misura));
    capitoli.extend(dopo);
    let mut sezioni = blocchi::sezioni(&capitoli, 1, 1, "sez-", Stile::Capitoli);
    // The principal results open with the body's figure and the bars, then the light of
    // every objective: a block of its own (coloured, with its words), not a model table.
    let k = blocchi::sezioni(&prima, 1, 1, "sez-", Stile::Capitoli).len();
    if let Some(s) = sezioni.get_mut(k) {
        s.blocchi
            .push(BloccoView::Semaforo(semaforo(indice, misura)));
    }
    sezioni
}

fn col(titolo: &str) -> Colonna {
    Colonna {
        titolo: titolo.into(),
        allineamento: None,
        formato: None,
        decimali: None,
    }
}

fn col_pct(titolo: &str) -> Colonna {
    Colonna {
        formato: Some(Formato::Percentuale),
        decimali: Some(2),
        ..col(titolo)
    }
}

fn col_centro(titolo: &str) -> Colonna {
    Colonna {
        allineamento: Some(Allineamento::Centro),
        ..col(titolo)
    }
}

fn testo(s: impl Into<String>) -> Cella {
    Cella::Testo(s.into())
}

fn pct(v: Option<f64>) -> Cella {
    v.map_or_else(|| testo("n.d."), Cella::Numero)
}

fn tabella(titolo: String, colonne: Vec<Colonna>, righe: Vec<Vec<Cella>>) -> Blocco {
    Blocco::Tabella(Tabella::nuova(titolo, colonne, righe))
}

fn sezione(titolo: &str, contenuto: Vec<Blocco>, sezioni: Vec<Sezione>) -> Sezione {
    Sezione {
        titolo: titolo.into(),
        numerata: None,
        contenuto,
        sezioni,
        posizione: None,
    }
}

/// A short label for a chart: "Area strategica 1", or the first words of the title.
fn breve(v: &Voce) -> String {
    if v.codice.is_empty() {
        v.titolo_breve.clone()
    } else {
        format!("{} {}", v.nome_livello, v.codice)
    }
}

/// Principal results: the body's achievement, one bar per top-level node, the traffic
/// light of every objective.
fn sintesi(piano: &Piano, indice: &Indice, misura: &Misura) -> Sezione {
    let voci = indice.voci();
    let radici: Vec<usize> = (0..voci.len())
        .filter(|&i| voci[i].ramo == Ramo::Albero && voci[i].padre.is_none())
        .collect();
    let livello = piano
        .livelli
        .first()
        .map_or_else(|| "Area".to_string(), |l| l.nome.clone());
    let mut contenuto = Vec::new();
    contenuto.push(tabella(
        format!("Grado di raggiungimento complessivo {}", misura.anno),
        vec![
            col("Ente"),
            col_pct("Grado di raggiungimento"),
            col_centro("Esito"),
        ],
        vec![vec![
            testo(piano.ente.nome.clone()),
            pct(misura.ente.as_ref().map(|e| e.valore)),
            testo(esito(misura.ente.as_ref().map(|e| e.valore))),
        ]],
    ));
    let misurate: Vec<usize> = radici
        .iter()
        .copied()
        .filter(|&i| misura.nodi[i].realizzazione.is_some())
        .collect();
    if !misurate.is_empty() {
        contenuto.push(Blocco::Grafico(Grafico {
            tipo: TipoGrafico::Barre,
            titolo: format!(
                "Grado di raggiungimento per {} ({})",
                livello.to_lowercase(),
                misura.anno
            ),
            categorie: misurate.iter().map(|&i| breve(&voci[i])).collect(),
            serie: vec![Serie {
                nome: "Grado di raggiungimento".into(),
                valori: misurate
                    .iter()
                    .map(|&i| misura.nodi[i].realizzazione)
                    .collect(),
            }],
            unita: Some("%".into()),
            fonte: None,
        }));
    }
    sezione("Sintesi dei risultati", contenuto, Vec::new())
}

/// The light of every objective below the top level (and of the agencies').
fn semaforo(indice: &Indice, misura: &Misura) -> SemaforoView {
    let voci = indice.voci();
    SemaforoView {
        titolo: format!("Esito di ogni obiettivo nel {}", misura.anno),
        righe: (0..voci.len())
            .filter(|&i| voci[i].padre.is_some() || voci[i].ramo != Ramo::Albero)
            .filter(|&i| misura.nodi[i].regola.is_some())
            .map(|i| {
                let r = misura.nodi[i].realizzazione;
                LuceView {
                    codice: voci[i].riferimento.clone(),
                    titolo: voci[i].titolo.clone(),
                    grado: r.map_or_else(|| "n.d.".into(), format_percent),
                    esito: esito(r).into(),
                    colore: match esito(r) {
                        "raggiunto" => "verde",
                        "parzialmente raggiunto" => "giallo",
                        "non raggiunto" => "rosso",
                        _ => "grigio",
                    },
                }
            })
            .collect(),
    }
}

/// The tree with each node's achievement.
fn albero(piano: &Piano, indice: &Indice, misura: &Misura) -> Sezione {
    let nodi: Vec<&crate::model::Nodo> = indice.con_nodi(piano).map(|(n, _)| n).collect();
    let righe = indice
        .voci()
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let r = misura.nodi[i].realizzazione;
            vec![
                testo(v.riferimento.clone()),
                testo(format!("{}{}", "· ".repeat(v.profondita), v.titolo)),
                testo(v.nome_livello.clone()),
                nodi[i].peso.map_or_else(|| testo("-"), Cella::Numero),
                pct(r),
            ]
        })
        .collect();
    sezione(
        "La performance organizzativa: l'albero degli obiettivi",
        vec![tabella(
            "Grado di raggiungimento di ogni nodo dell'albero".into(),
            vec![
                col("Codice"),
                col("Obiettivo"),
                col("Livello"),
                col_pct("Peso"),
                col_pct("Grado di raggiungimento"),
            ],
            righe,
        )],
        Vec::new(),
    )
}

/// One table per objective with indicators: Indicatore | Peso | Target | Risultato |
/// % realizzazione | Note sugli scostamenti.
fn obiettivi(indice: &Indice, misura: &Misura) -> Sezione {
    let voci = indice.voci();
    let mut figli = Vec::new();
    for (i, v) in voci.iter().enumerate() {
        let righe: Vec<Vec<Cella>> = misura
            .indicatori
            .iter()
            .filter(|m| m.voce == i)
            .map(|m| {
                let mut risultato = m.risultato.clone().unwrap_or_else(|| "non rilevato".into());
                for x in &m.intermedi {
                    risultato.push_str(&format!(" (al {}: {})", x.scadenza, x.risultato));
                }
                vec![
                    testo(m.numero.map_or_else(|| "-".into(), |n| n.to_string())),
                    testo(m.descrizione.clone()),
                    m.peso.map_or_else(|| testo("-"), Cella::Numero),
                    testo(m.target.clone()),
                    testo(risultato),
                    pct(m.calcolo.as_ref().map(|c| c.finale)),
                    testo(match (&m.note, &m.fonte) {
                        (Some(n), Some(f)) => format!("{n} (fonte: {f})"),
                        (Some(n), None) => n.clone(),
                        (None, Some(f)) => format!("Fonte: {f}"),
                        (None, None) => String::new(),
                    }),
                ]
            })
            .collect();
        if righe.is_empty() {
            continue;
        }
        let r = misura.nodi[i].realizzazione;
        let scadenza = misura
            .indicatori
            .iter()
            .find(|m| m.voce == i)
            .map_or("", |m| m.scadenza.as_str());
        let mut t = Tabella::nuova(
            format!("Indicatori di {} al {scadenza}", v.riferimento),
            vec![
                col("N."),
                col("Indicatore"),
                col_pct("Peso"),
                col("Target"),
                col("Risultato"),
                col_pct("% realizzazione"),
                col("Note sugli scostamenti"),
            ],
            righe,
        );
        t.totale = Some(vec![
            Cella::Vuota,
            testo("Grado di raggiungimento dell'obiettivo"),
            Cella::Vuota,
            Cella::Vuota,
            Cella::Vuota,
            pct(r),
            testo(esito(r)),
        ]);
        figli.push(sezione(&v.etichetta, vec![Blocco::Tabella(t)], Vec::new()));
    }
    sezione("Risultati per obiettivo", Vec::new(), figli)
}

/// Achievement per manager, from the objectives assigned.
fn dirigenti(piano: &Piano, misura: &Misura) -> Option<Sezione> {
    let a = piano.assegnazioni.as_ref()?;
    let figli = misura
        .dirigenti
        .iter()
        .map(|d| {
            let mut righe: Vec<Vec<Cella>> = d
                .media
                .iter()
                .flat_map(|m| &m.termini)
                .map(|t| {
                    vec![
                        testo(t.etichetta.clone()),
                        t.peso.map_or_else(|| testo("-"), Cella::Numero),
                        Cella::Numero(t.valore),
                        Cella::Numero(t.valore * t.quota / 100.0),
                    ]
                })
                .collect();
            righe.push(vec![
                testo(format!("Grado di raggiungimento di {}", d.nome)),
                Cella::Vuota,
                Cella::Vuota,
                pct(d.media.as_ref().map(|m| m.valore)),
            ]);
            sezione(
                &format!("{}: {}", d.ruolo, d.nome),
                vec![tabella(
                    format!("Obiettivi {} di {}", a.anno, d.nome),
                    vec![
                        col("Obiettivo"),
                        col_pct("Peso"),
                        col_pct("Grado di raggiungimento"),
                        col_pct("Contributo"),
                    ],
                    righe,
                )],
                Vec::new(),
            )
        })
        .collect();
    Some(sezione("Risultati per dirigente", Vec::new(), figli))
}

fn tipo_target(t: &TipoTarget) -> &'static str {
    match t {
        TipoTarget::Maggiore { .. } => "da raggiungere o superare",
        TipoTarget::Minore { .. } => "da non superare",
        TipoTarget::SiNo => "SI/NO",
        TipoTarget::Scadenza { .. } => "scadenza",
        TipoTarget::Testuale => "a parole",
        TipoTarget::NonApplicabile => "non applicabile",
    }
}

fn media_regola(m: &Media) -> String {
    match (m.regola, m.somma_pesi) {
        (RegolaMedia::Ponderata, Some(s)) => format!(
            "media ponderata, pesi normalizzati sulla loro somma ({})",
            format_plain(s)
        ),
        (RegolaMedia::Ponderata, None) => "media ponderata".into(),
        (RegolaMedia::Semplice, _) => "media semplice (pesi non indicati per tutti)".into(),
    }
}

/// The annex for the OIV: the rules, then every figure with the values it came from.
fn allegato(piano: &Piano, indice: &Indice, misura: &Misura) -> Sezione {
    let regole: Vec<Vec<Cella>> = misura
        .regole
        .in_parole(piano.ponderazione.as_ref())
        .into_iter()
        .map(|(regola, valore)| vec![testo(regola), testo(valore)])
        .collect();
    let mut contenuto = vec![
        tabella(
            "Regole di misurazione applicate".into(),
            vec![col("Regola"), col("Valore")],
            regole,
        ),
        tabella(
            format!(
                "Calcolo del grado di raggiungimento di ogni indicatore ({})",
                misura.anno
            ),
            vec![
                col("Obiettivo"),
                col("Indicatore"),
                col("Target"),
                col("Risultato"),
                col("Calcolo"),
                col_pct("Grado"),
            ],
            calcolo_indicatori(indice, misura),
        ),
        tabella(
            "Calcolo del grado di raggiungimento di ogni obiettivo".into(),
            vec![
                col("Obiettivo"),
                col("Componente"),
                col_pct("Grado"),
                col("Peso"),
                col_pct("Quota"),
                col_pct("Contributo"),
            ],
            calcolo_nodi(indice, misura),
        ),
    ];
    if let Some(e) = &misura.ente {
        let mut righe: Vec<Vec<Cella>> = e.termini.iter().map(termine).collect();
        righe.push(vec![
            testo(format!(
                "= grado complessivo dell'ente ({})",
                media_regola(e)
            )),
            Cella::Vuota,
            testo(""),
            Cella::Vuota,
            Cella::Numero(e.valore),
        ]);
        contenuto.push(tabella(
            "Calcolo del grado di raggiungimento complessivo dell'ente".into(),
            vec![
                col("Componente"),
                col_pct("Grado"),
                col("Peso"),
                col_pct("Quota"),
                col_pct("Contributo"),
            ],
            righe,
        ));
    }
    let mut s = sezione(
        "Allegato per l'OIV: prospetto di calcolo",
        contenuto,
        Vec::new(),
    );
    s.numerata = Some(false);
    s
}

/// A term of a mean as a row: what, its achievement, its weight, its share, its part.
fn termine(t: &crate::misura::Termine) -> Vec<Cella> {
    vec![
        testo(t.etichetta.clone()),
        Cella::Numero(t.valore),
        t.peso
            .map_or_else(|| testo("-"), |p| testo(format_plain(p))),
        Cella::Numero(t.quota),
        Cella::Numero(t.valore * t.quota / 100.0),
    ]
}

/// Every indicator's computation, with the rule, its values, the cap and the band.
fn calcolo_indicatori(indice: &Indice, misura: &Misura) -> Vec<Vec<Cella>> {
    let voci = indice.voci();
    misura
        .indicatori
        .iter()
        .map(|m| {
            let ind = m.numero.map_or_else(|| "target".into(), |n| n.to_string());
            let (calcolo, finale) = match &m.calcolo {
                Some(c) => {
                    let mut calcolo = c.formula.in_parole(c.grezzo);
                    if c.limitato != c.grezzo {
                        calcolo.push_str(&format!("; tetto: {}", format_percent(c.limitato)));
                    }
                    if let Some(f) = &c.fascia {
                        calcolo.push_str(&format!("; {f}"));
                    }
                    (calcolo, Cella::Numero(c.finale))
                }
                None => ("escluso dal calcolo".into(), testo("-")),
            };
            vec![
                testo(voci[m.voce].riferimento.clone()),
                testo(ind),
                testo(format!("{} ({})", m.target, tipo_target(&m.tipo))),
                testo(m.risultato.clone().unwrap_or_else(|| "-".into())),
                testo(calcolo),
                finale,
            ]
        })
        .collect()
}

/// Every objective's computation: the terms of its means, each mean, and how they combine.
fn calcolo_nodi(indice: &Indice, misura: &Misura) -> Vec<Vec<Cella>> {
    let voci = indice.voci();
    let mut nodi: Vec<Vec<Cella>> = Vec::new();
    for (i, n) in misura.nodi.iter().enumerate() {
        let Some(regola) = n.regola else { continue };
        let v = &voci[i];
        for (parte, media) in [
            ("indicatori", &n.indicatori),
            ("obiettivi collegati", &n.figli),
        ] {
            let Some(m) = media else { continue };
            for t in &m.termini {
                let mut riga = termine(t);
                riga[0] = testo(format!("{parte}: {}", t.etichetta));
                riga.insert(0, testo(v.riferimento.clone()));
                nodi.push(riga);
            }
            nodi.push(vec![
                testo(v.riferimento.clone()),
                testo(format!("= media degli {parte} ({})", media_regola(m))),
                Cella::Vuota,
                testo(""),
                Cella::Vuota,
                Cella::Numero(m.valore),
            ]);
        }
        nodi.push(vec![
            testo(v.riferimento.clone()),
            testo(come_si_combina(regola)),
            Cella::Vuota,
            testo(""),
            Cella::Vuota,
            pct(n.realizzazione),
        ]);
    }
    nodi
}

/// How a node's own indicators and its children make its achievement, in words.
fn come_si_combina(regola: RegolaNodo) -> String {
    match regola {
        RegolaNodo::Indicatori => "grado dell'obiettivo = media degli indicatori".to_string(),
        RegolaNodo::Figli => "grado dell'obiettivo = media degli obiettivi collegati".into(),
        RegolaNodo::IndicatoriSenzaPonderazione => {
            "grado dell'obiettivo = media degli indicatori (nessuna `ponderazione` nel piano)"
                .into()
        }
        RegolaNodo::Ponderazione { quota_indicatori } => format!(
            "grado dell'obiettivo = {} × indicatori + {} × obiettivi collegati",
            format_percent(quota_indicatori),
            format_percent(100.0 - quota_indicatori)
        ),
    }
}
