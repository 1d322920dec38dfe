//! Export: the workbook of a plan, drawn from its [`Cartella`] as an `.xlsx` a clerk can
//! fill (Italian headings, reference columns greyed and locked, lists where the value has
//! a closed set, a frozen heading row, a "Leggimi" sheet), or as one CSV per sheet.

use anyhow::Context as _;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder,
    ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use super::layout::{Cartella, Colonna, Dato, Genere, LEGGIMI, Riga, Scheda, TIPI, Tabella};

/// The grey of reference cells.
const GRIGIO: u32 = 0xE7E6E6;
/// The heading row's colour.
const INTESTAZIONE: u32 = 0xBDD7EE;

/// Which rows a workbook holds.
#[derive(Debug, Clone, Copy)]
pub enum Filtro {
    /// Every sheet, every row.
    Tutto,
    /// The results workbook of one manager (position in `assegnazioni.dirigenti`): only
    /// the Risultati sheet, only their objectives.
    Dirigente(usize),
}

/// The `.xlsx` of a workbook.
pub fn xlsx(cartella: &Cartella, filtro: Filtro) -> anyhow::Result<Vec<u8>> {
    scrivi(cartella, filtro).context("impossibile comporre il foglio di calcolo")
}

fn scrivi(cartella: &Cartella, filtro: Filtro) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let formati = Formati::new();
    leggimi(wb.add_worksheet(), cartella, filtro, &formati)?;
    for tabella in &cartella.tabelle {
        let righe: Vec<&Riga> = match filtro {
            Filtro::Tutto => tabella.righe.iter().collect(),
            Filtro::Dirigente(_) if tabella.scheda != Scheda::Risultati => continue,
            Filtro::Dirigente(d) => tabella
                .righe
                .iter()
                .filter(|r| r.dirigenti.contains(&d))
                .collect(),
        };
        foglio(wb.add_worksheet(), tabella, &righe, &formati)?;
    }
    wb.save_to_buffer()
}

/// The cell formats, made once per workbook.
struct Formati {
    intestazione: Format,
    /// Reference and editable cells, left-aligned and centred: a column that mixes numbers
    /// and words (targets, results) is centred, so that `12` and `>= 15` line up.
    riferimento: [Format; 2],
    modificabile: [Format; 2],
    testo: Format,
}

impl Formati {
    fn new() -> Formati {
        let riferimento = Format::new()
            .set_background_color(Color::RGB(GRIGIO))
            .set_locked();
        let modificabile = Format::new().set_unlocked();
        let centro = |f: &Format| f.clone().set_align(FormatAlign::Center);
        Formati {
            intestazione: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(INTESTAZIONE))
                .set_border_bottom(FormatBorder::Thin),
            riferimento: [riferimento.clone(), centro(&riferimento)],
            modificabile: [modificabile.clone(), centro(&modificabile)],
            testo: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

/// Whether a column is centred: it mixes numbers and words, or it is a short key.
fn centrata(col: &Colonna) -> bool {
    matches!(col.genere(), Genere::Target | Genere::Valore | Genere::Peso)
        || col.intestazione == "N."
        || col.intestazione == "Scadenza"
}

fn foglio(
    ws: &mut Worksheet,
    tabella: &Tabella,
    righe: &[&Riga],
    f: &Formati,
) -> Result<(), XlsxError> {
    ws.set_name(tabella.scheda.nome())?;
    for (c, col) in tabella.colonne.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, &col.intestazione, &f.intestazione)?;
        // Wide enough for its heading on one line.
        let minima = col.intestazione.chars().count() as f64 + 3.0;
        ws.set_column_width(c, col.larghezza.max(minima))?;
    }
    let ultima = righe.len() as u32;
    for (r, riga) in righe.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, (cella, col)) in riga.celle.iter().zip(&tabella.colonne).enumerate() {
            let c = c as u16;
            let formati = if cella.dove.is_some() {
                &f.modificabile
            } else {
                &f.riferimento
            };
            let formato = &formati[usize::from(centrata(col))];
            match &cella.dato {
                Dato::Vuoto => ws.write_blank(r, c, formato)?,
                Dato::Numero(n) => ws.write_number_with_format(r, c, *n, formato)?,
                Dato::Testo(t) => ws.write_string_with_format(r, c, t, formato)?,
            };
            if let (Some(elenco), Some(_)) = (cella.elenco, &cella.dove) {
                ws.add_data_validation(r, c, r, c, &elenco_chiuso(elenco)?)?;
            }
        }
    }
    if ultima > 0 {
        for (c, col) in tabella.colonne.iter().enumerate() {
            let c = c as u16;
            match col.genere() {
                Genere::Tipo => {
                    ws.add_data_validation(1, c, ultima, c, &elenco_chiuso(TIPI)?)?;
                }
                Genere::Peso if col.modificabile() => {
                    let v = DataValidation::new()
                        .allow_decimal_number(DataValidationRule::Between(0.0, 100.0))
                        .set_error_title("Peso non valido")?
                        .set_error_message("Il peso è una percentuale da 0 a 100 (40 vale 40%).")?;
                    ws.add_data_validation(1, c, ultima, c, &v)?;
                }
                _ => {}
            }
        }
    }
    ws.set_freeze_panes(1, tabella.scheda.chiave() as u16)?;
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
    Ok(())
}

fn elenco_chiuso(elenco: &[&str]) -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_list_strings(elenco)?
        .set_error_title("Valore non previsto")?
        .set_error_message(format!("Scegli uno di: {}.", elenco.join(", ")))
}

/// The sheet that says how to fill the others.
fn leggimi(
    ws: &mut Worksheet,
    cartella: &Cartella,
    filtro: Filtro,
    f: &Formati,
) -> Result<(), XlsxError> {
    ws.set_name(LEGGIMI)?;
    ws.set_column_width(0, 110)?;
    let mut righe: Vec<String> = Vec::new();
    match filtro {
        Filtro::Dirigente(d) => righe.push(format!(
            "Risultati degli obiettivi assegnati a {}{}",
            cartella.dirigenti.get(d).map_or("", String::as_str),
            cartella
                .anno
                .map_or(String::new(), |a| format!(", anno {a}"))
        )),
        Filtro::Tutto => righe.push("Come compilare questo foglio di calcolo".into()),
    }
    righe.extend(LEGGIMI_TESTO.iter().map(|s| s.to_string()));
    for (r, riga) in righe.iter().enumerate() {
        let formato = if r == 0 { &f.intestazione } else { &f.testo };
        ws.write_string_with_format(r as u32, 0, riga, formato)?;
        // Spreadsheets do not grow a row to its wrapped text on opening: about 100
        // characters fit a line of the column.
        let linee = riga.chars().count().div_ceil(100).max(1);
        ws.set_row_height(r as u32, 15.0 * linee as f64)?;
    }
    Ok(())
}

/// The instructions of the "Leggimi" sheet, one paragraph a row.
const LEGGIMI_TESTO: &[&str] = &[
    "",
    "Questo foglio è stato generato da `piano esporta` a partire dal file JSON del piano: il piano resta l'unica copia dei dati. Compilalo e restituiscilo: `piano importa` riporta nel piano (e nel file dei risultati) solo quello che è cambiato.",
    "Le celle bianche si compilano; le celle grigie (codici, titoli, target nel foglio Risultati) sono di riferimento e sono bloccate: servono a riconoscere ogni riga, non modificarle.",
    "Non aggiungere, togliere o rinominare colonne e fogli; non aggiungere righe: un obiettivo o un indicatore nuovo si aggiunge nel file JSON del piano, poi si esporta di nuovo il foglio.",
    "Pesi: una percentuale da 0 a 100, come la scrive il piano (40 vale 40%; anche una cella in formato percentuale 40% vale 40).",
    "Target e baseline: un numero, oppure il testo come lo scrive il piano («>= 250», «SI», «entro il 30/6/2021», «-» se non applicabile). I decimali si scrivono con la virgola (85,5).",
    "Tipo di indicatore: scegli dall'elenco (efficacia, efficienza, qualita, volume, outcome, stato_risorse).",
    "Risultati: nella colonna «Risultato» il valore misurato accanto al suo target (un numero, SI/NO, una data come 30/5/2021, un testo); in «Fonte» da dove viene il dato, in «Note» il motivo di uno scostamento.",
    "Si può usare Excel o LibreOffice Calc e salvare in .xlsx o .ods; le formule vanno bene (conta il loro risultato).",
    "Dopo la compilazione: `piano importa FOGLIO.xlsx PIANO.json` (con `--consuntivo RISULTATI.json` per i risultati). Se qualcosa non va, il comando indica la cella (per esempio Indicatori!F12) e non scrive nulla.",
];

/// One CSV per sheet, in UTF-8 with the same headings: `(file name, bytes)`.
pub fn csv(cartella: &Cartella) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    cartella
        .tabelle
        .iter()
        .map(|t| {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new());
            w.write_record(t.colonne.iter().map(|c| c.intestazione.as_str()))?;
            for r in &t.righe {
                w.write_record(r.celle.iter().map(|c| c.dato.csv()))?;
            }
            let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
            Ok((format!("{}.csv", t.scheda.nome().to_lowercase()), bytes))
        })
        .collect()
}
