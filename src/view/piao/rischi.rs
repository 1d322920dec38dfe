//! The PIAO's section «Rischi corruttivi e trasparenza» lowered to a chapter.

use crate::model::Piano;
use crate::model::piao::rischi::Rischi;

use super::{Parte, parte};

/// The section «Rischi corruttivi e trasparenza»: parte generale, tables, ulteriori informazioni, annex.
pub fn sezione(s: &Rischi, _piano: &Piano) -> Parte {
    Parte {
        sezione: parte(
            "Rischi corruttivi e trasparenza",
            &s.generale,
            Vec::new(),
            &s.ulteriori_informazioni,
            s.allegato.as_ref(),
        ),
        aggiunte: Vec::new(),
    }
}
