//! The PIAO's view: each section of the PIAO lowered to chapters of blocks (texts, tables
//! with computed totals, charts) that the common section templates lay out, plus the
//! performance chapter (2.2) and the POLA (3.2) the plan already renders.

use serde::Serialize;

use crate::model::piao::{Allegato, InformazioneUlteriore};
use crate::model::{Blocco, Sezione};
use crate::view::blocchi::BloccoView;

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

#[cfg(test)]
mod anteprima_tmp {
    #[test]
    fn anteprima() {
        for (f, out) in [
            (
                "data/castelnuovo-piao-2025-2027.json",
                "/tmp/organico/anteprima-c.json",
            ),
            (
                "data/brescia-piao-2021-2023.json",
                "/tmp/organico/anteprima-b.json",
            ),
        ] {
            let text = std::fs::read_to_string(f).unwrap();
            let mut piano: crate::model::Piano = serde_json::from_str(&text).unwrap();
            let piao = piano.piao.take().unwrap();
            let a = super::organizzazione::sezione(piao.struttura.as_ref().unwrap(), &piano);
            let b = super::fabbisogni::sezione(piao.fabbisogni.as_ref().unwrap(), &piano);
            piano.sezioni = vec![a.sezione, b.sezione];
            let mut v = serde_json::to_value(&piano).unwrap();
            v.as_object_mut().unwrap().remove("$schema");
            std::fs::write(out, serde_json::to_string_pretty(&v).unwrap()).unwrap();
        }
    }
}
