//! Workbooks filled in LibreOffice Calc (tests/fixtures/celle, made by `compila.py`, which
//! types each cell with the Italian locale) read back as the person typed them, from the
//! `.ods` and from the `.xlsx` LibreOffice saved.

use piano::diag::{self, Codice, SourceMap};
use piano::foglio::celle::{CellValue, Workbook};

use crate::common::root;

fn open(file: &str) -> Workbook {
    let path = root().join("tests/fixtures/celle").join(file);
    Workbook::open(&path).unwrap_or_else(|d| panic!("{file}: {}", d.message))
}

fn both() -> [Workbook; 2] {
    [open("compilato.ods"), open("compilato.xlsx")]
}

/// Sheet «Indicatori» as typed (see `compila.py`):
///
/// | row | C (Target 2022) | D (Peso)  | E (Scadenza) | F (Doppio) | G    | H (Fatto) | I (Testo numero) | J (Testo percentuale) |
/// |-----|-----------------|-----------|--------------|------------|------|-----------|------------------|-----------------------|
/// | 2   | `40%`           | `12,5`    | `15/03/2022` | `=D2*2`    |      | `VERO`    | `'1.234,5`       | `'85,5%`              |
/// | 3   | `12,5%`         | `1.234,5` | `31/12/2023` | `=D3*2`    | nota | `FALSO`   | `circa 40`       | `'31/12/2023`         |
/// | 4   | (empty row)     |           |              |            |      |           |                  |                       |
/// | 5   | `100%`          | `7`       | `29/02/2024` | `=1/0`     |      |           | `12.5`           |                       |
#[test]
fn values_are_read_as_typed_in_both_formats() {
    for book in both() {
        let name = book.name().to_string();
        let names: Vec<&str> = book.sheets().iter().map(|s| s.name()).collect();
        assert_eq!(names, ["Indicatori", "Risultati"], "{name}");
        let sheet = book.sheet("Indicatori").unwrap();
        assert_eq!(sheet.header_row(), Some(1));
        let rows: Vec<_> = sheet.rows().collect();
        // The empty row 4 is skipped; row numbers are the sheet's.
        let numbers: Vec<u32> = rows.iter().map(|r| r.number()).collect();
        assert_eq!(numbers, [2, 3, 5], "{name}");
        let value = |row: usize, col: u32| rows[row].cell(col).unwrap().value.clone();

        // Percentages as typed, not as fractions.
        assert_eq!(value(0, 2), CellValue::Percent(40.0), "{name}");
        assert_eq!(value(1, 2), CellValue::Percent(12.5), "{name}");
        assert_eq!(value(2, 2), CellValue::Percent(100.0), "{name}");
        // Italian decimals typed into number cells.
        assert_eq!(value(0, 3), CellValue::Number(12.5), "{name}");
        assert_eq!(value(1, 3), CellValue::Number(1234.5), "{name}");
        // Dates (an ODS date, an Excel serial with a date format), a leap day.
        assert_eq!(value(0, 4), CellValue::Date("2022-03-15".into()), "{name}");
        assert_eq!(value(1, 4), CellValue::Date("2023-12-31".into()), "{name}");
        assert_eq!(value(2, 4), CellValue::Date("2024-02-29".into()), "{name}");
        // Formulas: their computed value, or their error.
        assert_eq!(value(0, 5), CellValue::Number(25.0), "{name}");
        assert_eq!(value(1, 5), CellValue::Number(2469.0), "{name}");
        assert_eq!(value(2, 5), CellValue::Error("#DIV/0!".into()), "{name}");
        // Empty cells, text with unicode and quotes, booleans.
        assert_eq!(value(0, 6), CellValue::Empty, "{name}");
        assert_eq!(value(1, 6), CellValue::Text("nota".into()), "{name}");
        assert_eq!(
            value(1, 1),
            CellValue::Text("Qualità è \"alta\"".into()),
            "{name}"
        );
        assert_eq!(value(0, 7), CellValue::Bool(true), "{name}");
        assert_eq!(value(1, 7), CellValue::Bool(false), "{name}");
        // Text cells holding Italian numbers and dates, read by the typed accessors.
        let cell = |row: usize, col: u32| rows[row].cell(col).unwrap();
        assert_eq!(value(0, 8), CellValue::Text("1.234,5".into()), "{name}");
        assert_eq!(cell(0, 8).number().unwrap(), Some(1234.5), "{name}");
        let p = cell(0, 9).parsed_number().unwrap().unwrap();
        assert_eq!((p.value, p.percent), (85.5, true), "{name}");
        assert_eq!(cell(2, 8).number().unwrap(), Some(12.5), "{name}");
        assert_eq!(
            cell(1, 9).date().unwrap().as_deref(),
            Some("2023-12-31"),
            "{name}"
        );
        assert_eq!(cell(0, 2).number().unwrap(), Some(40.0), "{name}");
        assert_eq!(cell(0, 6).number().unwrap(), None, "{name}");
        assert_eq!(cell(0, 7).boolean().unwrap(), Some(true), "{name}");
        assert_eq!(cell(0, 4).date().unwrap().as_deref(), Some("2022-03-15"));
    }
}

/// Every cell knows its address and heading; problems are drawn at the cell, in Italian.
#[test]
fn problems_point_at_the_cell_and_its_heading() {
    for book in both() {
        let name = book.name().to_string();
        let file = name.rsplit('/').next().unwrap().to_string();
        let sheet = book.sheet("indicatori ").unwrap();
        let testo = sheet.column("Testo numero").unwrap();
        assert_eq!(testo, 8);
        let row3 = sheet.rows().find(|r| r.number() == 3).unwrap();
        let cell = row3.cell(testo).unwrap();
        assert_eq!(cell.address(), "I3");
        assert_eq!(cell.heading(), Some("Testo numero"));
        let d = cell.number().unwrap_err();
        assert_eq!(d.code, Codice::P172);
        let out = diag::render(&[d], &SourceMap::default(), false);
        let expected = format!(
            "errore[P172]: la cella non contiene un numero: «circa 40»\n\
             --> {name}, foglio «Indicatori», cella I3 (colonna «Testo numero»)\n \
             = suggerimento: scrivi un numero, ad esempio `40`, `12,5` o `40%`\n\n\
             1 errore, 0 avvisi\n"
        );
        assert_eq!(out, expected, "{file}");

        let row5 = sheet.rows().find(|r| r.number() == 5).unwrap();
        let d = row5.cell(5).unwrap().number().unwrap_err();
        assert_eq!(d.code, Codice::P174);
        let at = d.cell.as_ref().unwrap();
        assert_eq!(
            (at.cell.as_deref(), at.heading.as_deref()),
            (Some("F5"), Some("Doppio"))
        );
        let d = row5.cell(1).unwrap().date().unwrap_err();
        assert_eq!(d.code, Codice::P173);

        let d = sheet.column("Target 2023").unwrap_err();
        assert_eq!(d.code, Codice::P176);
        assert_eq!(
            d.hint.as_deref(),
            Some("forse è la colonna «Target 2022»: ripristina l'intestazione «Target 2023»")
        );
        assert_eq!(
            d.cell.as_ref().unwrap().describe(),
            format!("{name}, foglio «Indicatori»")
        );

        let d = book.sheet("Assegnazioni").unwrap_err();
        assert_eq!(d.code, Codice::P171);
        assert_eq!(
            d.message,
            format!("manca il foglio «Assegnazioni» nel file `{name}`")
        );
        assert_eq!(
            d.note.as_deref(),
            Some("fogli presenti: «Indicatori», «Risultati»")
        );
    }
}

/// A sheet whose headings are not on the first row (a title above them).
#[test]
fn the_header_row_can_be_set() {
    for mut book in both() {
        let sheet = book.sheet_mut("Risultati").unwrap();
        assert_eq!(sheet.header_row(), Some(1));
        sheet.set_header_row(3);
        let headings: Vec<(u32, &str)> = sheet.headings();
        assert_eq!(
            headings,
            [(0, "Codice"), (1, "Valore"), (2, "Data rilevazione")]
        );
        let rows: Vec<_> = sheet.rows().collect();
        assert_eq!(rows.len(), 1);
        let valore = sheet.column("valore").unwrap();
        let cell = rows[0].cell(valore).unwrap();
        assert_eq!(
            (cell.address().as_str(), cell.heading()),
            ("B4", Some("Valore"))
        );
        assert_eq!(cell.number().unwrap(), Some(38.5));
        let data = rows[0]
            .cell(sheet.column("Data rilevazione").unwrap())
            .unwrap();
        assert_eq!(data.date().unwrap().as_deref(), Some("2023-01-10"));
    }
}
