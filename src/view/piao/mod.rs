//! The PIAO's view: each section of the PIAO lowered to chapters of blocks (texts, tables
//! with computed totals, charts) that the common section templates lay out, plus the
//! performance chapter (2.2) and the POLA (3.2) the plan already renders.

use serde::Serialize;

use crate::documento::{Approvazione, Copertina, Metadati};
use crate::format::periodo as periodo_di;
use crate::indice::Indice;
use crate::inline::plain;
use crate::model::piao::{
    Allegato, CondizioniLavoroAgile, FasciaDipendenti, FaseCiclo, InformazioneUlteriore,
    LavoroAgile, Performance,
};
use crate::model::{
    Blocco, Cella, Colonna, Piano, Pola, PosizioneSezione, Sezione, Tabella, data_documento,
};
use crate::view::blocchi::{self, BloccoView, SezioneView};
use crate::view::{CapitoloView, PostoCapitolo, soggetto};

pub mod anagrafica;
pub mod fabbisogni;
pub mod formazione;
pub mod monitoraggio;
pub mod organizzazione;
pub mod rischi;
pub mod valore;

/// One section of the PIAO lowered to a chapter: its blocks and subsections as the plan's
/// own narrative chapters are, plus blocks only a view can hold (a Gantt chart).
#[derive(Debug)]
pub struct Parte {
    /// The chapter: title, blocks and subsections.
    pub sezione: Sezione,
    /// View-only blocks, each appended at the end of the (sub)section with that title.
    pub aggiunte: Vec<Aggiunta>,
}

/// A view-only block and the title of the (sub)section it ends.
#[derive(Debug, Serialize)]
pub struct Aggiunta {
    /// The title of the (sub)section of [`Parte::sezione`] the block goes at the end of.
    pub titolo: String,
    /// The block.
    pub blocco: BloccoView,
}

/// A section of the PIAO: its parte generale first, then the tables of its parte
/// funzionale (`funzionale`, subsections built by the caller), then its ulteriori
/// informazioni and its annex.
pub fn parte(
    titolo: &str,
    generale: &[Sezione],
    funzionale: Vec<Sezione>,
    ulteriori: &[InformazioneUlteriore],
    allegato: Option<&Allegato>,
) -> Sezione {
    let mut sezioni: Vec<Sezione> = generale.to_vec();
    sezioni.extend(funzionale);
    if !ulteriori.is_empty() {
        sezioni.push(capitolo(
            "Ulteriori informazioni",
            ulteriori
                .iter()
                .map(|u| Blocco::Testo(format!("**{}**\n\n{}", u.nome, u.testo)))
                .collect(),
        ));
    }
    if let Some(a) = allegato {
        let mut testo = format!("**{}**", a.titolo);
        if let Some(f) = &a.file {
            testo.push_str(&format!(" – {f}"));
        }
        if let Some(d) = &a.descrizione {
            testo.push_str(&format!("\n\n{d}"));
        }
        sezioni.push(capitolo("Allegato", vec![Blocco::Testo(testo)]));
    }
    Sezione {
        titolo: titolo.to_string(),
        numerata: None,
        contenuto: Vec::new(),
        sezioni,
        posizione: None,
    }
}

/// A numbered chapter with blocks and no subsections.
pub fn capitolo(titolo: &str, contenuto: Vec<Blocco>) -> Sezione {
    Sezione {
        titolo: titolo.to_string(),
        numerata: None,
        contenuto,
        sezioni: Vec::new(),
        posizione: None,
    }
}

/// The PIAO as its documents show it: cover, the parts in the Piano tipo's order with their
/// fixed numbers, the 2.2 chapter's headings, and the documents of single sections.
#[derive(Debug, Serialize)]
pub struct PiaoView {
    /// PDF metadata of the whole PIAO.
    pub metadati: Metadati,
    /// Its cover.
    pub copertina: Copertina,
    /// "PIAO ordinario" or "PIAO semplificato", with the band.
    pub forma: String,
    /// The parts, in order: runs of sections, and the planning chapter of 2.2.
    pub parti: Vec<ParteDoc>,
    /// The planning chapter's headings inside 2.2.
    pub capitolo: CapitoloView,
    /// The HTML page's index: the sections and subsections, with anchors.
    pub indice: Vec<SezioneView>,
    /// Whether it has captioned tables.
    pub tabelle: bool,
    /// Whether it has figures besides the tree.
    pub figure: bool,
    /// Subsection 2.3 as a document of its own, for the RPCT.
    pub anticorruzione: Option<DocumentoSezione>,
    /// Every table of the PIAO's sections with its subsection's number, as the plan states
    /// its cells (numbers unformatted), for the open data.
    #[serde(skip)]
    pub tabelle_dati: Vec<(String, Tabella)>,
}

/// A subsection of the PIAO printed as a document of its own.
#[derive(Debug, Serialize)]
pub struct DocumentoSezione {
    /// PDF metadata.
    pub metadati: Metadati,
    /// Cover.
    pub copertina: Copertina,
    /// Its sections, numbered from 1.
    pub sezioni: Vec<SezioneView>,
    /// Whether it has captioned tables.
    pub tabelle: bool,
    /// Whether it has figures.
    pub figure: bool,
}

/// A part of the PIAO document.
#[derive(Debug, Serialize)]
#[serde(tag = "tipo", rename_all = "snake_case")]
pub enum ParteDoc {
    /// A run of sections; before the first heading the PDF's heading counter takes
    /// `contatore`, so that a subsection keeps its number when those before it are absent.
    Sezioni {
        /// The heading counter just before the first section (its number less one).
        contatore: Vec<usize>,
        /// The sections, flattened, with their levels and numbers.
        sezioni: Vec<SezioneView>,
    },
    /// The planning chapter (albero, sintesi, schede...), under 2.2.
    Performance,
}

/// One slot of the Piano tipo: its fixed number, its title, and what fills it.
struct Posto<'a> {
    numero: &'a [usize],
    titolo: &'a str,
}

const SEZIONE_2: Posto = Posto {
    numero: &[2],
    titolo: "Valore pubblico, performance e anticorruzione",
};
const SEZIONE_3: Posto = Posto {
    numero: &[3],
    titolo: "Organizzazione e capitale umano",
};
const SEZIONE_3_3: Posto = Posto {
    numero: &[3, 3],
    titolo: "Fabbisogni e formazione del personale",
};

/// Title of subsection 2.2.
pub const TITOLO_PERFORMANCE: &str = "Performance";
/// Title of subsection 3.2.
pub const TITOLO_LAVORO_AGILE: &str = "Organizzazione del lavoro agile";
/// Title of subsection 2.3 (the helper's section may carry its own).
pub const TITOLO_ANTICORRUZIONE: &str = "Rischi corruttivi e trasparenza";

/// Builds the PIAO's view from the plan; `None` when the plan is not a PIAO.
pub fn build(piano: &Piano, indice: &Indice, source_date_epoch: Option<i64>) -> Option<PiaoView> {
    let piao = piano.piao.as_ref()?;
    let doc = &piano.documento;
    let periodo = periodo_di(doc.anno_inizio, doc.anno_fine);
    let forma = match piao.dipendenti {
        FasciaDipendenti::Oltre50 => "PIAO ordinario (più di 50 dipendenti)",
        FasciaDipendenti::FinoA50 => "PIAO semplificato (fino a 50 dipendenti)",
    };
    let mut b = Costruttore::default();
    // 1
    // A section without content is left out (`piano check` says when it is required);
    // the others keep their numbers.
    if let Some(s) = &piao.anagrafica {
        b.parte(&[1], anagrafica::sezione(s, piano), 1);
    }
    // 2
    if piao.valore_pubblico.is_some()
        || piao.rischi.is_some()
        || piao.performance.is_some()
        || !piano.albero.is_empty()
    {
        b.titolo(&SEZIONE_2);
    }
    if let Some(s) = &piao.valore_pubblico {
        b.parte(&[2, 1], valore::sezione(s, piano, indice), 2);
    }
    let capitolo = b.performance(piano, piao.performance.as_ref());
    if let Some(s) = &piao.rischi {
        b.parte(&[2, 3], rischi::sezione(s, piano), 2);
    }
    // 3
    if piao.struttura.is_some()
        || piao.lavoro_agile.is_some()
        || piano.pola.is_some()
        || piao.fabbisogni.is_some()
        || piao.formazione.is_some()
    {
        b.titolo(&SEZIONE_3);
    }
    if let Some(s) = &piao.struttura {
        b.parte(&[3, 1], organizzazione::sezione(s, piano), 2);
    }
    if piao.lavoro_agile.is_some() || piano.pola.is_some() {
        b.parte(
            &[3, 2],
            lavoro_agile(piao.lavoro_agile.as_ref(), piano.pola.as_ref()),
            2,
        );
    }
    if piao.fabbisogni.is_some() || piao.formazione.is_some() {
        b.titolo(&SEZIONE_3_3);
    }
    if let Some(s) = &piao.fabbisogni {
        b.parte(&[3, 3, 1], fabbisogni::sezione(s, piano), 3);
    }
    if let Some(s) = &piao.formazione {
        b.parte(&[3, 3, 2], formazione::sezione(s, piano), 3);
    }
    // 4
    if let Some(s) = &piao.monitoraggio {
        b.parte(&[4], monitoraggio::sezione(s, piano), 1);
    }
    let placed = || {
        b.parti.iter().flat_map(|p| match p {
            ParteDoc::Sezioni { sezioni, .. } => sezioni.as_slice(),
            ParteDoc::Performance => &[],
        })
    };
    let indice_html: Vec<SezioneView> = placed()
        .filter(|s| s.livello <= 2)
        .map(copia_intestazione)
        .collect();
    let tabelle = b
        .parti
        .iter()
        .any(|p| matches!(p, ParteDoc::Sezioni { sezioni, .. } if blocchi::ha_tabelle(sezioni)));
    let figure = b
        .parti
        .iter()
        .any(|p| matches!(p, ParteDoc::Sezioni { sezioni, .. } if blocchi::ha_figure(sezioni)));
    let anticorruzione = piao.rischi.as_ref().map(|s| {
        documento_sezione(
            piano,
            rischi::sezione(s, piano),
            "2.3",
            &periodo,
            source_date_epoch,
        )
    });
    let titolo = plain(&doc.titolo);
    Some(PiaoView {
        metadati: Metadati {
            titolo: format!("{titolo} {periodo}"),
            autore: piano.ente.nome.clone(),
            soggetto: soggetto(&piano.atti),
            parole_chiave: [
                titolo.clone(),
                "PIAO".into(),
                "Piano Integrato di Attività e Organizzazione".into(),
                "DM 132/2022".into(),
                "Amministrazione Trasparente".into(),
            ]
            .into_iter()
            .chain(piano.ente.tipo.clone())
            .collect(),
            data: data_documento(&piano.atti, source_date_epoch, doc.anno_inizio),
        },
        copertina: Copertina {
            titolo: doc.titolo.clone(),
            periodo: periodo.clone(),
            sottotitolo: Some(match &piao.versione {
                Some(v) => format!("{forma} – versione {v}"),
                None => forma.to_string(),
            }),
            riferimento: doc.riferimento_normativo.clone(),
            approvazioni: piano
                .atti
                .iter()
                .map(Approvazione::of)
                .chain(piao.pubblicazione.as_ref().map(|p| Approvazione {
                    testo: format!("Autorità che approva: {}", p.autorita),
                    oggetto: Some(format!(
                        "Pubblicato in Amministrazione Trasparente: {}",
                        p.url_trasparenza
                    )),
                }))
                .collect(),
            avvertenza: crate::documento::avvertenza(doc.illustrativo),
        },
        forma: forma.into(),
        indice: indice_html,
        tabelle,
        figure,
        parti: b.parti,
        tabelle_dati: b.tabelle,
        capitolo,
        anticorruzione,
    })
}

/// The tables of `list` and of its subsections, each with `numero`.
fn raccogli_tabelle(list: &[Sezione], numero: &str, out: &mut Vec<(String, Tabella)>) {
    for s in list {
        for b in &s.contenuto {
            if let Blocco::Tabella(t) = b {
                out.push((numero.to_string(), t.clone()));
            }
        }
        raccogli_tabelle(&s.sezioni, numero, out);
    }
}

/// The heading of a section, without its blocks (for an index).
fn copia_intestazione(s: &SezioneView) -> SezioneView {
    SezioneView {
        livello: s.livello,
        numero: s.numero.clone(),
        ancora: s.ancora.clone(),
        numerata: s.numerata,
        numerazione: s.numerazione,
        titolo: s.titolo.clone(),
        blocchi: Vec::new(),
    }
}

/// Collects the parts of the PIAO in order.
#[derive(Default)]
struct Costruttore {
    parti: Vec<ParteDoc>,
    ancore: usize,
    tabelle: Vec<(String, Tabella)>,
}

impl Costruttore {
    /// A heading with no content of its own (a section whose subsections follow).
    fn titolo(&mut self, posto: &Posto) {
        let sezione = capitolo(posto.titolo, Vec::new());
        self.sezioni(posto.numero, std::slice::from_ref(&sezione), Vec::new());
    }

    /// A section lowered by its module, placed at `numero` (of `livello` components).
    fn parte(&mut self, numero: &[usize], parte: Parte, livello: usize) {
        debug_assert_eq!(numero.len(), livello);
        self.sezioni(numero, std::slice::from_ref(&parte.sezione), parte.aggiunte);
    }

    /// Sections placed from the number `numero` on, with view-only blocks added.
    fn sezioni(&mut self, numero: &[usize], list: &[Sezione], aggiunte: Vec<Aggiunta>) {
        let etichetta = numero
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(".");
        raccogli_tabelle(list, &etichetta, &mut self.tabelle);
        let (last, parent) = numero.split_last().unwrap_or((&1, &[]));
        let mut sezioni = blocchi::sezioni_sotto(
            list,
            numero.len(),
            parent,
            last - 1,
            &format!("piao-{}-", self.ancore),
        );
        self.ancore += 1;
        for a in aggiunte {
            if let Some(s) = sezioni.iter_mut().find(|s| s.titolo == a.titolo) {
                s.blocchi.push(a.blocco);
            }
        }
        let mut contatore = numero.to_vec();
        if let Some(l) = contatore.last_mut() {
            *l -= 1;
        }
        self.parti.push(ParteDoc::Sezioni { contatore, sezioni });
    }

    /// Subsection 2.2: its heading, the plan's narrative chapters and the subsection's
    /// parte generale, the planning chapter, then what follows it; the chapter's headings.
    fn performance(&mut self, piano: &Piano, p: Option<&Performance>) -> CapitoloView {
        let vuoto = Performance::default();
        let p = p.unwrap_or(&vuoto);
        let ha_albero = !piano.albero.is_empty();
        let mut prima: Vec<Sezione> = piano.sezioni_prima().cloned().collect();
        prima.extend(p.generale.iter().cloned());
        if !p.fasi.is_empty() {
            prima.push(capitolo(
                "Fasi del ciclo della performance",
                vec![fasi(&p.fasi)],
            ));
        }
        let numerate = prima.iter().filter(|s| s.numerata.unwrap_or(true)).count();
        let posto = PostoCapitolo {
            base: 1,
            numero: "2.2".into(),
            prima: numerate,
        };
        let cap = CapitoloView::at(piano, &posto);
        if !ha_albero
            && prima.is_empty()
            && piano.piao.as_ref().is_some_and(|x| x.performance.is_none())
        {
            return cap;
        }
        let mut testa = capitolo(TITOLO_PERFORMANCE, Vec::new());
        testa.sezioni = prima;
        self.sezioni(&[2, 2], std::slice::from_ref(&testa), Vec::new());
        if ha_albero {
            self.parti.push(ParteDoc::Performance);
        }
        let mut dopo: Vec<Sezione> = blocchi::al_posto(&piano.sezioni, PosizioneSezione::Dopo)
            .cloned()
            .collect();
        let coda = parte(
            "",
            &[],
            Vec::new(),
            &p.ulteriori_informazioni,
            p.allegato.as_ref(),
        );
        dopo.extend(coda.sezioni);
        if !dopo.is_empty() {
            let n = numerate + if ha_albero { cap.indice.len() } else { 0 };
            raccogli_tabelle(&dopo, "2.2", &mut self.tabelle);
            let sezioni = blocchi::sezioni_sotto(&dopo, 3, &[2, 2], n, "piao-22-dopo-");
            self.parti.push(ParteDoc::Sezioni {
                contatore: vec![2, 2, n],
                sezioni,
            });
        }
        cap
    }
}

/// The phases of the performance cycle as a table.
fn fasi(list: &[FaseCiclo]) -> Blocco {
    let testo = |t: &Option<String>| t.clone().map_or(Cella::Vuota, Cella::Testo);
    Blocco::Tabella(Tabella {
        titolo: "Le fasi del ciclo della performance".into(),
        colonne: ["Fase", "Descrizione", "Attività", "Attori", "Tempi"]
            .into_iter()
            .map(colonna)
            .collect(),
        righe: list
            .iter()
            .map(|f| {
                vec![
                    Cella::Testo(f.fase.clone()),
                    testo(&f.descrizione),
                    testo(&f.attivita),
                    testo(&f.attori),
                    testo(&f.tempi),
                ]
            })
            .collect(),
        totale: None,
        note: None,
        fonte: None,
        orizzontale: None,
    })
}

/// A text column with its heading.
pub fn colonna(titolo: &str) -> Colonna {
    Colonna {
        titolo: titolo.into(),
        allineamento: None,
        formato: None,
        decimali: None,
    }
}

/// The five conditions of DM 132/2022 art. 4 c. 1 lett. b, with their wording.
pub fn condizioni(c: &CondizioniLavoroAgile) -> [(&'static str, &'static str, Option<&String>); 5] {
    [
        (
            "servizi_agli_utenti",
            "Nessun pregiudizio né riduzione dei servizi agli utenti",
            c.servizi_agli_utenti.as_ref(),
        ),
        (
            "rotazione_e_prevalenza",
            "Rotazione del personale e prevalenza del lavoro in presenza",
            c.rotazione_e_prevalenza.as_ref(),
        ),
        (
            "riservatezza_dei_dati",
            "Strumenti che garantiscono la riservatezza dei dati",
            c.riservatezza_dei_dati.as_ref(),
        ),
        (
            "smaltimento_arretrato",
            "Piano di smaltimento del lavoro arretrato",
            c.smaltimento_arretrato.as_ref(),
        ),
        (
            "dotazione_tecnologica",
            "Idonea dotazione tecnologica al lavoratore",
            c.dotazione_tecnologica.as_ref(),
        ),
    ]
}

/// Subsection 3.2: its parte generale, the five conditions, the POLA's parts as its
/// subsections, ulteriori informazioni and annex.
fn lavoro_agile(l: Option<&LavoroAgile>, pola: Option<&Pola>) -> Parte {
    let vuoto = LavoroAgile::default();
    let l = l.unwrap_or(&vuoto);
    let mut funzionale = Vec::new();
    if let Some(c) = &l.condizioni {
        funzionale.push(capitolo(
            "Condizioni per il lavoro agile",
            vec![Blocco::Tabella(Tabella {
                titolo: "Le condizioni dell'art. 4, comma 1, lettera b), del DM 132/2022".into(),
                colonne: vec![colonna("Condizione"), colonna("Come il piano la assicura")],
                righe: condizioni(c)
                    .into_iter()
                    .map(|(_, nome, testo)| {
                        vec![
                            Cella::Testo(nome.into()),
                            testo.cloned().map_or(Cella::Vuota, Cella::Testo),
                        ]
                    })
                    .collect(),
                totale: None,
                note: None,
                fonte: None,
                orizzontale: None,
            })],
        ));
    }
    if let Some(p) = pola {
        funzionale.extend(p.sezioni.iter().cloned());
    }
    Parte {
        sezione: parte(
            TITOLO_LAVORO_AGILE,
            &l.generale,
            funzionale,
            &l.ulteriori_informazioni,
            l.allegato.as_ref(),
        ),
        aggiunte: Vec::new(),
    }
}

/// A subsection of the PIAO as a document of its own: its cover names the subsection and
/// the PIAO; its subsections are the document's chapters.
fn documento_sezione(
    piano: &Piano,
    parte: Parte,
    numero: &str,
    periodo: &str,
    source_date_epoch: Option<i64>,
) -> DocumentoSezione {
    let doc = &piano.documento;
    let titolo = parte.sezione.titolo.clone();
    // One chapter, the subsection itself, its parts the sections below it: a part of a
    // few lines does not start a page of its own, as a chapter would. Unnumbered, so that no
    // number contradicts the subsection's own («2.3») printed on the cover.
    let mut testa = parte.sezione.clone();
    testa.numerata = Some(false);
    let mut sezioni = blocchi::sezioni(
        std::slice::from_ref(&testa),
        1,
        1,
        "sez-",
        blocchi::Stile::Capitoli,
    );
    for a in parte.aggiunte {
        if let Some(s) = sezioni.iter_mut().find(|s| s.titolo == a.titolo) {
            s.blocchi.push(a.blocco);
        }
    }
    let piao = format!("{} {periodo}", plain(&doc.titolo));
    DocumentoSezione {
        metadati: Metadati {
            titolo: format!("{titolo} – sottosezione {numero} del {piao}"),
            autore: piano.ente.nome.clone(),
            soggetto: soggetto(&piano.atti),
            parole_chiave: vec![
                titolo.clone(),
                "PIAO".into(),
                "anticorruzione".into(),
                "trasparenza".into(),
                "Amministrazione Trasparente".into(),
            ],
            data: data_documento(&piano.atti, source_date_epoch, doc.anno_inizio),
        },
        copertina: Copertina {
            titolo,
            periodo: periodo.to_string(),
            sottotitolo: Some(format!("Sottosezione {numero} del {piao}")),
            riferimento: doc.riferimento_normativo.clone(),
            approvazioni: piano.atti.iter().map(Approvazione::of).collect(),
            avvertenza: crate::documento::avvertenza(doc.illustrativo),
        },
        tabelle: blocchi::ha_tabelle(&sezioni),
        figure: blocchi::ha_figure(&sezioni),
        sezioni,
    }
}
