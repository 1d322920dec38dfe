//! Spreadsheets in and out (issue 17): a plan's targets, weights, assignments and results
//! as a workbook that offices fill in Excel or LibreOffice, and back. The layout is
//! declared once ([`layout`]) and read by the export ([`esporta`]) and the import
//! ([`importa`]); [`celle`] reads a workbook as a person typed it, [`json`] writes only
//! what changed into the plan's JSON text.

pub mod celle;
pub mod esporta;
pub mod importa;
pub mod json;
pub mod layout;

use std::path::Path;

use crate::diag::{Diagnostic, SourceMap};
use crate::indice::Indice;
use crate::load::{Loaded, LoadedConsuntivo};

/// A plan and, when given, its results file, read and indexed for a workbook.
pub struct Fonti {
    /// The plan.
    pub piano: Loaded,
    /// Its index.
    pub indice: Indice,
    /// The results file.
    pub consuntivo: Option<LoadedConsuntivo>,
}

impl Fonti {
    /// Reads the plan and the results file. A file that cannot be read is a tool failure
    /// (`Err`); a file with errors gives its diagnostics and the sources to draw them.
    pub fn leggi(
        piano: &Path,
        consuntivo: Option<&Path>,
    ) -> anyhow::Result<Result<Fonti, (Vec<Diagnostic>, SourceMap)>> {
        let source = crate::load::read(piano)?;
        let mut sources = SourceMap::from(source.clone());
        let consuntivo = match consuntivo {
            Some(p) => {
                let c = crate::load::read(p)?;
                sources.add(c.clone());
                match crate::load::parse_consuntivo(c) {
                    Ok(c) => Some(c),
                    Err(d) => return Ok(Err((d, sources))),
                }
            }
            None => None,
        };
        if let Some(c) = &consuntivo {
            let nominato = c.percorso_piano();
            let stesso = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
                (Ok(a), Ok(b)) => a == b,
                _ => a == b,
            };
            if !stesso(&nominato, piano) {
                anyhow::bail!(
                    "il file dei risultati `{}` si riferisce al piano `{}`, non a `{}`: indica il piano a cui si riferisce",
                    c.source.name,
                    nominato.display(),
                    piano.display()
                );
            }
        }
        let piano = match crate::load::parse(source) {
            Ok(p) => p,
            Err(d) => return Ok(Err((d, sources))),
        };
        let indice = Indice::build(&piano.plan);
        Ok(Ok(Fonti {
            piano,
            indice,
            consuntivo,
        }))
    }

    /// The workbook's tables.
    pub fn cartella(&self) -> layout::Cartella {
        layout::Cartella::di(
            &self.piano.plan,
            &self.indice,
            self.consuntivo.as_ref().map(|c| &c.consuntivo),
        )
    }
}
