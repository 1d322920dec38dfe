//! Checks of the PIAO's section «Rischi corruttivi e trasparenza».

use crate::diag::Diagnostic;
use crate::model::Piano;
use crate::model::piao::rischi::Rischi;

/// Checks `piao.<section>` (JSON paths start with `base`).
pub fn controlla(_s: &Rischi, _piano: &Piano, _base: &str, _out: &mut Vec<Diagnostic>) {}
