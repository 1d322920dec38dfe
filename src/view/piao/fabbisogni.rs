//! The PIAO's section «Piano triennale dei fabbisogni di personale» lowered to a chapter.

use crate::model::Piano;
use crate::model::piao::fabbisogni::Fabbisogni;

use super::{Parte, parte};

/// The section «Piano triennale dei fabbisogni di personale»: parte generale, tables, ulteriori informazioni, annex.
pub fn sezione(s: &Fabbisogni, _piano: &Piano) -> Parte {
    Parte {
        sezione: parte(
            "Piano triennale dei fabbisogni di personale",
            &s.generale,
            Vec::new(),
            &s.ulteriori_informazioni,
            s.allegato.as_ref(),
        ),
        aggiunte: Vec::new(),
    }
}
