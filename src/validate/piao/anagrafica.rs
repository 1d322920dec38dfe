//! Checks of the PIAO's section «Scheda anagrafica dell'amministrazione».

use crate::diag::Diagnostic;
use crate::model::Piano;
use crate::model::piao::anagrafica::Anagrafica;

/// Checks `piao.<section>` (JSON paths start with `base`).
pub fn controlla(_s: &Anagrafica, _piano: &Piano, _base: &str, _out: &mut Vec<Diagnostic>) {}
