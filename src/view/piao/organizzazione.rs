//! The PIAO's section «Struttura organizzativa» lowered to a chapter.

use crate::model::Piano;
use crate::model::piao::organizzazione::Struttura;

use super::{Parte, parte};

/// The section «Struttura organizzativa»: parte generale, tables, ulteriori informazioni, annex.
pub fn sezione(s: &Struttura, _piano: &Piano) -> Parte {
    Parte {
        sezione: parte(
            "Struttura organizzativa",
            &s.generale,
            Vec::new(),
            &s.ulteriori_informazioni,
            s.allegato.as_ref(),
        ),
        aggiunte: Vec::new(),
    }
}
