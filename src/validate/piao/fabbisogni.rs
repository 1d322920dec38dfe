//! Checks of the PIAO's section «Piano triennale dei fabbisogni di personale».

use crate::diag::Diagnostic;
use crate::model::Piano;
use crate::model::piao::fabbisogni::Fabbisogni;

/// Checks `piao.<section>` (JSON paths start with `base`).
pub fn controlla(_s: &Fabbisogni, _piano: &Piano, _base: &str, _out: &mut Vec<Diagnostic>) {}
