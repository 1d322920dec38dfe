//! Checks of the PIAO's section «Struttura organizzativa».

use crate::diag::Diagnostic;
use crate::model::Piano;
use crate::model::piao::organizzazione::Struttura;

/// Checks `piao.<section>` (JSON paths start with `base`).
pub fn controlla(_s: &Struttura, _piano: &Piano, _base: &str, _out: &mut Vec<Diagnostic>) {}
