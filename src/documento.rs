//! What every document shows whatever it is (the plan, the POLA, the prospetto delle
//! modifiche, and those to come): the metadata of its PDF and its cover. The views of the
//! documents share these shapes, so the templates lay them out once.

use serde::Serialize;

use crate::format::Date;

/// What a document's PDF says of itself (title, author, subject, keywords, date): the
/// plan, the POLA and the prospetto alike.
#[derive(Debug, Serialize)]
pub struct Metadati {
    /// Document title with period.
    pub titolo: String,
    /// The body.
    pub autore: String,
    /// Subject: the acts that adopted or changed the document.
    pub soggetto: String,
    /// Keywords.
    pub parole_chiave: Vec<String>,
    /// Date of the document, by the rule of [`crate::model::data_documento`].
    pub data: Option<Date>,
}

/// What a document's cover shows, the same for every document: the templates lay it out
/// once (`copertina.typ.j2`).
#[derive(Debug, Clone, Serialize)]
pub struct Copertina {
    /// Title.
    pub titolo: String,
    /// Period, e.g. `2021 - 2023`.
    pub periodo: String,
    /// A line under the title.
    pub sottotitolo: Option<String>,
    /// Legal basis, or the line that stands for it.
    pub riferimento: Option<String>,
    /// Lines of approval.
    pub approvazioni: Vec<Approvazione>,
    /// When the data is illustrative, the notice that says so (cover and page header).
    pub avvertenza: Option<String>,
}

/// The notice on the cover of a document built from illustrative data.
pub const AVVERTENZA_ILLUSTRATIVO: &str =
    "Documento illustrativo: i dati non sono tratti da un atto adottato dall'ente";

/// The notice for a plan whose `documento.illustrativo` is true.
pub fn avvertenza(illustrativo: Option<bool>) -> Option<String> {
    illustrativo
        .unwrap_or(false)
        .then(|| AVVERTENZA_ILLUSTRATIVO.to_string())
}

/// An act that approved the document, as its cover lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Approvazione {
    /// How it approved the document: "Adottato con deliberazione di Giunta n. 45 del 26
    /// aprile 2021".
    pub testo: String,
    /// The act's subject, on a line of its own.
    pub oggetto: Option<String>,
}

impl Approvazione {
    /// The cover's line of `atto`.
    pub fn of(atto: &crate::model::Atto) -> Approvazione {
        Approvazione {
            testo: atto.approvazione(),
            oggetto: atto.oggetto.clone(),
        }
    }
}
