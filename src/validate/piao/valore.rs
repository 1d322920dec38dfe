//! Checks of the PIAO's section «Valore pubblico».

use crate::diag::Diagnostic;
use crate::model::Piano;
use crate::model::piao::valore::ValorePubblico;

/// Checks `piao.<section>` (JSON paths start with `base`).
pub fn controlla(_s: &ValorePubblico, _piano: &Piano, _base: &str, _out: &mut Vec<Diagnostic>) {}
