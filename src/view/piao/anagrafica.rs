//! The PIAO's section «Scheda anagrafica dell'amministrazione» lowered to a chapter.

use crate::model::Piano;
use crate::model::piao::anagrafica::Anagrafica;

use super::{Parte, parte};

/// The section «Scheda anagrafica dell'amministrazione»: parte generale, tables, ulteriori informazioni, annex.
pub fn sezione(s: &Anagrafica, _piano: &Piano) -> Parte {
    Parte {
        sezione: parte(
            "Scheda anagrafica dell'amministrazione",
            &s.generale,
            Vec::new(),
            &s.ulteriori_informazioni,
            s.allegato.as_ref(),
        ),
        aggiunte: Vec::new(),
    }
}
