//! Checks of the PIAO's section «Monitoraggio».

use crate::diag::Diagnostic;
use crate::model::Piano;
use crate::model::piao::monitoraggio::Monitoraggio;

/// Checks `piao.<section>` (JSON paths start with `base`).
pub fn controlla(_s: &Monitoraggio, _piano: &Piano, _base: &str, _out: &mut Vec<Diagnostic>) {}
