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
/// errors (nothing written), 2 a file cannot be read.
pub fn run(args: &ImportaArgs) -> anyhow::Result<ExitCode> {
    let fonti = match Fonti::leggi(&args.piano, args.consuntivo.as_deref())? {
        Ok(f) => f,
        Err((diags, sources)) => return Ok(fallito(&diags, &sources, args, ERRORI)),
    };
    let libro = match Workbook::open(&args.foglio) {
        Ok(l) => l,
        Err(d) => return Ok(fallito(&[d], &SourceMap::default(), args, ILLEGGIBILE)),
    };
    let mut esito = confronto(args, &fonti, &libro)?;
    if args.diagnostics.strict {
        diag::rigoroso(&mut esito.diagnostiche);
    }
    if esito.ha_errori() {
        return Ok(fallito(
            &esito.diagnostiche,
            &SourceMap::default(),
            args,
            ERRORI,
        ));
    }
    super::report(
        &esito.diagnostiche,
        &args.diagnostics,
        &SourceMap::default(),
    );
    // Every edit is applied and the results checked before anything is written.
    let piano = aggiorna(&fonti.piano.source, &esito.piano)?;
    let consuntivo = match &fonti.consuntivo {
        Some(c) => Some(aggiorna(&c.source, &esito.consuntivo)?),
        None => None,
    };
    if let Err((errori, sources)) = valida(&piano, consuntivo.as_ref()) {
        super::report(&errori, &args.diagnostics, &sources);
        let riga = "con questi valori il file non sarebbe valido: nessun file scritto";
        eprint!("{}", super::prose(&args.diagnostics, riga));
        return Ok(ExitCode::from(ERRORI));
    }
    riepilogo(&esito, args);
    if args.prova || esito.modifiche.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    let uscita = args.output.as_deref().unwrap_or(&args.piano);
    if !esito.piano.is_empty() || args.output.is_some() {
        scrivi(uscita, &piano, args)?;
    }
    if let (Some(path), Some(c), false) =
        (&args.consuntivo, &consuntivo, esito.consuntivo.is_empty())
    {
        scrivi(path, c, args)?;
    }
    if !esito.piano.is_empty() {
        eprint!("{}", super::prose(&args.diagnostics, &come_vederle(args)));
    }
    Ok(ExitCode::SUCCESS)
}

/// Exit code: the workbook or the files have errors.
const ERRORI: u8 = 1;
/// Exit code: the workbook cannot be read.
const ILLEGGIBILE: u8 = 2;

/// The workbook compared with the plan's own: the edits and the problems.
fn confronto(args: &ImportaArgs, fonti: &Fonti, libro: &Workbook) -> anyhow::Result<Esito> {
    let (letti, errori_formule) = importa::letti(libro);
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
    let mut esito = importa::confronta(&fonti.cartella(), &letti, n_risultati);
    esito.diagnostiche.extend(errori_formule);
    Ok(esito)
}

/// The files as they would be written, read again: a value the sheet allowed but the
/// plan's schema does not (an emptied required field) stops the writing.
fn valida(
    piano: &Arc<SourceFile>,
    consuntivo: Option<&Arc<SourceFile>>,
) -> Result<(), (Vec<Diagnostic>, SourceMap)> {
    let mut errori = Vec::new();
    let mut sources = SourceMap::from(piano.clone());
    if let Err(d) = crate::load::parse(piano.clone()) {
        errori.extend(d);
    }
    if let Some(c) = consuntivo {
        sources.add(c.clone());
        if let Err(d) = crate::load::parse_consuntivo(c.clone()) {
            errori.extend(d);
        }
    }
    if errori.is_empty() {
        Ok(())
    } else {
        Err((errori, sources))
    }
}

/// How to see the changes with `piano diff`.
fn come_vederle(args: &ImportaArgs) -> String {
    match &args.output {
        Some(out) => format!(
            "per vedere le modifiche: `piano diff {} {}`",
            args.piano.display(),
            out.display()
        ),
        None => format!(
            "con `-o NUOVO.json` il piano aggiornato va in un altro file e `piano diff {} NUOVO.json` mostra le modifiche",
            args.piano.display()
        ),
    }
}

/// The file's text with the edits applied, as a source for the checks.
fn aggiorna(source: &SourceFile, edits: &[Edit]) -> anyhow::Result<Arc<SourceFile>> {
    let text = json::apply(&source.text, edits)
        .with_context(|| format!("impossibile aggiornare `{}`", source.name))?;
    Ok(Arc::new(SourceFile::new(source.name.clone(), text)))
}

fn scrivi(path: &Path, source: &SourceFile, args: &ImportaArgs) -> anyhow::Result<()> {
    crate::write::write_file(path, source.text.clone().into_bytes())?;
    let riga = format!("scritto `{}`", path.display());
    eprint!("{}", super::prose(&args.diagnostics, &riga));
    Ok(())
}

/// The changes, one a line on stdout: where, which row and column, before and after.
fn riepilogo(esito: &Esito, args: &ImportaArgs) {
    if esito.modifiche.is_empty() {
        let riga = "nessuna modifica: il foglio è uguale al piano";
        eprint!("{}", super::prose(&args.diagnostics, riga));
        return;
    }
    for m in &esito.modifiche {
        println!("{}", riga(m));
    }
    let (risultati, piano): (Vec<&Modifica>, Vec<&Modifica>) =
        esito.modifiche.iter().partition(|m| m.nel_consuntivo);
    let conto = format!(
        "{} nel piano, {} nei risultati",
        quante(piano.len()),
        quante(risultati.len())
    );
    eprint!("{}", super::prose(&args.diagnostics, &conto));
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

/// Problems that stop the import: drawn, and nothing written.
fn fallito(diags: &[Diagnostic], sources: &SourceMap, args: &ImportaArgs, code: u8) -> ExitCode {
    super::report(diags, &args.diagnostics, sources);
    let riga = "nessun file scritto: correggi gli errori e riprova";
    eprint!("{}", super::prose(&args.diagnostics, riga));
    ExitCode::from(code)
}
