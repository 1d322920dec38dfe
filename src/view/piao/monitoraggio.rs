//! The PIAO's section «Monitoraggio» lowered to a chapter.

use crate::model::Piano;
use crate::model::piao::monitoraggio::Monitoraggio;

use super::{Parte, parte};

/// The section «Monitoraggio»: parte generale, tables, ulteriori informazioni, annex.
pub fn sezione(s: &Monitoraggio, _piano: &Piano) -> Parte {
    Parte {
        sezione: parte(
            "Monitoraggio",
            &s.generale,
            Vec::new(),
            &s.ulteriori_informazioni,
            s.allegato.as_ref(),
        ),
        aggiunte: Vec::new(),
    }
}
