//! The PIAO's section «Valore pubblico» lowered to a chapter.

use crate::model::Piano;
use crate::model::piao::valore::ValorePubblico;

use super::{Parte, parte};

/// The section «Valore pubblico»: parte generale, tables, ulteriori informazioni, annex.
pub fn sezione(s: &ValorePubblico, _piano: &Piano) -> Parte {
    Parte {
        sezione: parte(
            "Valore pubblico",
            &s.generale,
            Vec::new(),
            &s.ulteriori_informazioni,
            s.allegato.as_ref(),
        ),
        aggiunte: Vec::new(),
    }
}
