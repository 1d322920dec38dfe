//! `piano importa`: a filled workbook back into the plan and its results file, changing
//! only the values the workbook changed and leaving every other byte as it was.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;

use crate::args::ImportaArgs;
use crate::diag::{self, Diagnostic, SourceFile, SourceMap};
use crate::foglio::Fonti;
use crate::foglio::celle::Workbook;
use crate::foglio::importa::{self, Esito, Modifica};
use crate::foglio::json::{self, Edit};
use crate::foglio::layout::Scheda;

/// Runs `piano importa`: 0 written (or nothing to write), 1 the workbook or the files have
/// errors (nothing written).
pub fn run(args: &ImportaArgs) -> anyhow::Result<ExitCode> {
    let fonti = match Fonti::leggi(&args.piano, args.consuntivo.as_deref())? {
        Ok(f) => f,
        Err((diags, sources)) => return Ok(fallito(&diags, &sources, args)),
    };
    let libro = match Workbook::open(&args.foglio) {
        Ok(l) => l,
        Err(d) => {
            super::report(&[d], &args.diagnostics, &SourceMap::default());
            return Ok(ExitCode::from(2));
        }
    };
    let (letti, errori_formule) = importa::letti(&libro);
    let cartella = fonti.cartella();
    let risultati = Scheda::Risultati.nome();
    if fonti.consuntivo.is_none()
        && letti
            .iter()
            .any(|l| l.nome.eq_ignore_ascii_case(risultati) && l.righe.len() > 1)
    {
        anyhow::bail!(
            "il foglio `{}` ha il foglio `{risultati}`: indica il file dei risultati con `--consuntivo`",
            args.foglio.display()
        );
    }
    let n_risultati = fonti
        .consuntivo
        .as_ref()
        .map_or(0, |c| c.consuntivo.risultati.len());
    let mut esito = importa::confronta(&cartella, &letti, n_risultati);
    esito.diagnostiche.extend(errori_formule);
    if args.diagnostics.strict {
        diag::rigoroso(&mut esito.diagnostiche);
    }
    let mut sources = SourceMap::default();
    super::report(&esito.diagnostiche, &args.diagnostics, &sources);
    if esito.ha_errori() {
        eprint!(
            "{}",
            super::prose(
                &args.diagnostics,
                "nessun file scritto: correggi il foglio e riprova"
            )
        );
        return Ok(ExitCode::from(1));
    }
    // Every edit is applied and the results checked before anything is written.
    let piano = aggiorna(&fonti.piano.source, &esito.piano)?;
    let consuntivo = match &fonti.consuntivo {
        Some(c) => Some(aggiorna(&c.source, &esito.consuntivo)?),
        None => None,
    };
    let mut errori = Vec::new();
    if let Err(d) = crate::load::parse(piano.clone()) {
        sources.add(piano.clone());
        errori.extend(d);
    }
    if let Some(Err(d)) = consuntivo
        .as_ref()
        .map(|c| crate::load::parse_consuntivo(c.clone()))
    {
        errori.extend(d);
    }
    if let Some(c) = &consuntivo {
        sources.add(c.clone());
    }
    if !errori.is_empty() {
        super::report(&errori, &args.diagnostics, &sources);
        eprint!(
            "{}",
            super::prose(
                &args.diagnostics,
                "con questi valori il file non sarebbe valido: nessun file scritto"
            )
        );
        return Ok(ExitCode::from(1));
    }
    riepilogo(&esito);
    if args.prova || esito.modifiche.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    let uscita = args.output.as_deref().unwrap_or(&args.piano);
    if !esito.piano.is_empty() || args.output.is_some() {
        scrivi(uscita, &piano)?;
    }
    if let (Some(path), Some(c), false) =
        (&args.consuntivo, &consuntivo, esito.consuntivo.is_empty())
    {
        scrivi(path, c)?;
    }
    if !esito.piano.is_empty() {
        let suggerimento = match &args.output {
            Some(out) => format!(
                "per vedere le modifiche: `piano diff {} {}`",
                args.piano.display(),
                out.display()
            ),
            None => format!(
                "con `-o NUOVO.json` il piano aggiornato va in un altro file e `piano diff {} NUOVO.json` mostra le modifiche",
                args.piano.display()
            ),
        };
        eprint!("{}", super::prose(&args.diagnostics, &suggerimento));
    }
    Ok(ExitCode::SUCCESS)
}

/// The file's text with the edits applied, as a source for the checks.
fn aggiorna(source: &SourceFile, edits: &[Edit]) -> anyhow::Result<Arc<SourceFile>> {
    let text = json::apply(&source.text, edits)
        .with_context(|| format!("impossibile aggiornare `{}`", source.name))?;
    Ok(Arc::new(SourceFile::new(source.name.clone(), text)))
}

fn scrivi(path: &Path, source: &SourceFile) -> anyhow::Result<()> {
    crate::write::write_file(path, source.text.clone().into_bytes())?;
    eprintln!("scritto `{}`", path.display());
    Ok(())
}

/// The changes, one a line on stdout: where, which row and column, before and after.
fn riepilogo(esito: &Esito) {
    if esito.modifiche.is_empty() {
        eprintln!("nessuna modifica: il foglio è uguale al piano");
        return;
    }
    for m in &esito.modifiche {
        println!("{}", riga(m));
    }
    let (risultati, piano): (Vec<&Modifica>, Vec<&Modifica>) =
        esito.modifiche.iter().partition(|m| m.nel_consuntivo);
    eprintln!(
        "{} nel piano, {} nei risultati",
        quante(piano.len()),
        quante(risultati.len())
    );
}

fn quante(n: usize) -> String {
    match n {
        1 => "1 modifica".into(),
        n => format!("{n} modifiche"),
    }
}

/// `Indicatori!J5 · 1.1.2 n. 1 · Target 2021: «>= 250» → «>= 300»`.
fn riga(m: &Modifica) -> String {
    format!(
        "{} · {} · {}: {} → {}",
        m.cella,
        m.riga,
        m.colonna,
        m.prima.mostra(),
        m.dopo.mostra()
    )
}

/// The plan or the results file has errors: they are drawn, nothing is read further.
fn fallito(diags: &[Diagnostic], sources: &SourceMap, args: &ImportaArgs) -> ExitCode {
    super::report(diags, &args.diagnostics, sources);
    eprint!(
        "{}",
        super::prose(
            &args.diagnostics,
            "nessun file scritto: correggi gli errori e riprova"
        )
    );
    ExitCode::from(1)
}
