//! The PIAO's section «Formazione del personale» lowered to a chapter.

use crate::model::Piano;
use crate::model::piao::formazione::Formazione;

use super::{Parte, parte};

/// The section «Formazione del personale»: parte generale, tables, ulteriori informazioni, annex.
pub fn sezione(s: &Formazione, _piano: &Piano) -> Parte {
    Parte {
        sezione: parte(
            "Formazione del personale",
            &s.generale,
            Vec::new(),
            &s.ulteriori_informazioni,
            s.allegato.as_ref(),
        ),
        aggiunte: Vec::new(),
    }
}
