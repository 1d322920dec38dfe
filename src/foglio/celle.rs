//! Reading workbooks (`.xlsx`, `.ods`) as a person typed them: each sheet as rows of typed
//! cells, each cell knowing where it is (sheet «Indicatori», cell `F12`) and its column's
//! heading, so that every problem is reported at its cell.
//!
//! Values are read as they were typed, not as they are stored: a cell showing `40%` is
//! [`CellValue::Percent`]`(40.0)` (the file holds 0.4), a date is `AAAA-MM-GG` whether it is
//! an Excel serial or an ODS date, a formula is its computed value as the file last saved
//! it. Text cells holding Italian numbers or dates (`1.234,5`, `85,5%`, `31/12/2023`) are
//! read by the typed accessors through [`parse_number`] and [`parse_date`].
//!
//! # API
//!
//! ```no_run
//! use piano::foglio::celle::Workbook;
//! # fn main() -> Result<(), piano::diag::Diagnostic> {
//! let book = Workbook::open("obiettivi.xlsx".as_ref())?;      // P170 if unreadable
//! let sheet = book.sheet("Indicatori")?;                        // P171 if missing
//! let target = sheet.column("Target 2022")?;                    // P176 if no such heading
//! for row in sheet.rows() {                                     // data rows, empty ones skipped
//!     let cell = row.cell(target).expect("within the sheet");
//!     let value: Option<f64> = cell.number()?;                  // P172, P174
//!     println!("{} ({:?}): {value:?}", cell.address(), cell.heading());
//! }
//! # Ok(()) }
//! ```
//!
//! - [`Workbook::open`] / [`Workbook::from_bytes`] read every sheet; [`Workbook::sheet`]
//!   finds one by name (exact, then ignoring case and surrounding spaces).
//! - A [`Sheet`]'s header row is its first non-empty row unless
//!   [`Sheet::set_header_row`] says otherwise; [`Sheet::rows`] are the non-empty rows
//!   after it, each [`Row`] holding one [`Cell`] per column of the sheet (absent cells are
//!   [`CellValue::Empty`]).
//! - A [`Cell`] has its [`CellValue`], its address ([`Cell::address`], [`Cell::row`],
//!   [`Cell::column`]), its heading, and typed accessors that return `Ok(None)` for an
//!   empty cell and a located [`Diagnostic`] for a value of the wrong kind:
//!   [`Cell::number`] (P172; [`Cell::parsed_number`] also says whether a `%` was
//!   written), [`Cell::date`] (P173), [`Cell::boolean`] (P175); a formula
//!   error (`#DIV/0!`) is P174 in each. [`Cell::diagnostic`] locates any other problem at
//!   the cell (`--> cartella.xlsx, foglio «Indicatori», cella F12 (colonna «Target 2022»)`).
//! - [`CellValue`]'s `Display` shows a value as an Italian spreadsheet does (`12,5`,
//!   `40%`, `15/03/2022`, `VERO`), for messages.

use std::collections::HashMap;
use std::fmt;
use std::io::{Cursor, Read};
use std::path::Path;
use std::sync::Arc;

use calamine::{Data, Ods, Reader, Xlsx};

use crate::diag::{CellLocation, Codice, Diagnostic};

/// A value as the person typed it.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    /// Nothing in the cell.
    Empty,
    /// A number (typed, or computed by a formula).
    Number(f64),
    /// A number shown as a percentage, as typed: `40%` is `Percent(40.0)`.
    Percent(f64),
    /// Text, exactly as in the cell.
    Text(String),
    /// A logical value (`VERO`/`FALSO`, `TRUE`/`FALSE`).
    Bool(bool),
    /// A date without time of day: `AAAA-MM-GG`.
    Date(String),
    /// A date with a time of day: `AAAA-MM-GGTHH:MM:SS`.
    DateTime(String),
    /// A time of day or a duration: `HH:MM:SS`.
    Time(String),
    /// A formula's error, as the spreadsheet shows it (`#DIV/0!`).
    Error(String),
}

impl fmt::Display for CellValue {
    /// The value as an Italian spreadsheet shows it: `12,5`, `40%`, `15/03/2022`, `VERO`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CellValue::Empty => Ok(()),
            CellValue::Number(n) => f.write_str(&italian(*n)),
            CellValue::Percent(n) => write!(f, "{}%", italian(*n)),
            CellValue::Text(s) | CellValue::Time(s) | CellValue::Error(s) => f.write_str(s),
            CellValue::Bool(b) => f.write_str(if *b { "VERO" } else { "FALSO" }),
            CellValue::Date(d) => f.write_str(&italian_date(d)),
            CellValue::DateTime(d) => match d.split_once('T') {
                Some((day, time)) => write!(f, "{} {}", italian_date(day), time),
                None => f.write_str(d),
            },
        }
    }
}

/// A number with a decimal comma and no grouping: `1234,5`.
fn italian(n: f64) -> String {
    format!("{n}").replace('.', ",")
}

/// `2022-03-15` as `15/03/2022`.
fn italian_date(iso: &str) -> String {
    let mut parts = iso.splitn(3, '-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => format!("{d}/{m}/{y}"),
        _ => iso.to_string(),
    }
}

/// A number read from text, with whether it was written as a percentage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParsedNumber {
    /// The number as written: `85,5%` is 85.5.
    pub value: f64,
    /// Whether a `%` followed it.
    pub percent: bool,
}

/// Reads a number written as text the Italian way: decimal comma, dots (or spaces) grouping
/// thousands, an optional sign and an optional final `%` (`1.234,5` → 1234.5,
/// `85,5%` → 85.5 percent, `-3` → -3). A lone dot not grouping thousands is read as a
/// decimal point (`12.5` → 12.5), while `1.234` is one thousand two hundred thirty-four, as an
/// Italian reads it. Anything else (`circa 40`, `1,2,3`, `12.34.5`) is `None`.
pub fn parse_number(text: &str) -> Option<ParsedNumber> {
    let t = text.trim();
    let (t, percent) = match t.strip_suffix('%') {
        Some(rest) => (rest.trim_end(), true),
        None => (t, false),
    };
    let (negative, t) = match t.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    // Spaces, no-break spaces and thin spaces group thousands too.
    let t: String = t
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'))
        .collect();
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let canonical = match (t.matches(',').count(), t.matches('.').count()) {
        (0, 0) => t.clone(),
        // One comma: the decimal comma; dots before it must group thousands.
        (1, _) => {
            let (int, frac) = t.split_once(',')?;
            if frac.is_empty() || frac.contains('.') || !grouped(int) {
                return None;
            }
            format!("{}.{frac}", int.replace('.', ""))
        }
        (0, _) if grouped(&t) => t.replace('.', ""),
        (0, 1) => t.clone(),
        _ => return None,
    };
    if canonical.starts_with('.') || canonical.ends_with('.') {
        return None;
    }
    let value: f64 = canonical.parse().ok()?;
    Some(ParsedNumber {
        value: if negative { -value } else { value },
        percent,
    })
}

/// Whether dots in `int` group thousands properly (`1.234.567`); true without dots.
fn grouped(int: &str) -> bool {
    let mut groups = int.split('.');
    let Some(first) = groups.next() else {
        return false;
    };
    if !int.contains('.') {
        return !first.is_empty();
    }
    (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)
}

/// Reads a date written as text: `31/12/2023` (also with `-` or `.`, and one-digit day or
/// month) or `2023-12-31`; the result is `AAAA-MM-GG`, `None` if it is not a real date.
pub fn parse_date(text: &str) -> Option<String> {
    let t = text.trim();
    let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let number = |s: &str, max_len: usize| -> Option<u32> {
        if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let (year, month, day) = if a.len() == 4 {
        (number(a, 4)?, number(b, 2)?, number(c, 2)?)
    } else if c.len() == 4 {
        (number(c, 4)?, number(b, 2)?, number(a, 2)?)
    } else {
        return None;
    };
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

/// The letters of a column, from 0: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_letters(column: u32) -> String {
    let mut n = column as u64 + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        letters.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A cell's name: row from 1, column from 0 → `F12`.
pub fn cell_name(row: u32, column: u32) -> String {
    format!("{}{row}", column_letters(column))
}

/// One cell: its value, where it is and under which heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The value as typed.
    pub value: CellValue,
    row: u32,
    column: u32,
    heading: Option<Arc<str>>,
    sheet: Arc<str>,
    workbook: Arc<str>,
}

impl Cell {
    /// The cell's name, e.g. `F12`.
    pub fn address(&self) -> String {
        cell_name(self.row, self.column)
    }

    /// The row, from 1 (as the spreadsheet numbers it).
    pub fn row(&self) -> u32 {
        self.row
    }

    /// The column, from 0 (`A` is 0); [`column_letters`] gives its letters.
    pub fn column(&self) -> u32 {
        self.column
    }

    /// The heading of the cell's column in the sheet's header row.
    pub fn heading(&self) -> Option<&str> {
        self.heading.as_deref()
    }

    /// The sheet's name.
    pub fn sheet(&self) -> &str {
        &self.sheet
    }

    /// Whether the cell holds nothing (or only spaces).
    pub fn is_empty(&self) -> bool {
        match &self.value {
            CellValue::Empty => true,
            CellValue::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// Where the cell is, for a diagnostic.
    pub fn location(&self) -> CellLocation {
        CellLocation {
            workbook: self.workbook.to_string(),
            sheet: self.sheet.to_string(),
            cell: Some(self.address()),
            row: Some(self.row),
            column: Some(column_letters(self.column)),
            heading: self.heading.as_deref().map(str::to_string),
        }
    }

    /// A diagnostic located at this cell.
    pub fn diagnostic(&self, code: Codice, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(code, message).at_cell(self.location())
    }

    /// The text of a text cell, as written; `None` for any other kind of value.
    pub fn text(&self) -> Option<&str> {
        match &self.value {
            CellValue::Text(s) => Some(s),
            _ => None,
        }
    }

    /// The number in the cell: a number, a percentage as typed (`40%` → 40), or text that
    /// [`parse_number`] reads (`1.234,5`, `85,5%`). `Ok(None)` for an empty cell; P172 for
    /// anything else, P174 for a formula's error.
    pub fn number(&self) -> Result<Option<f64>, Diagnostic> {
        Ok(self.parsed_number()?.map(|n| n.value))
    }

    /// Like [`Cell::number`], saying also whether the number was a percentage.
    pub fn parsed_number(&self) -> Result<Option<ParsedNumber>, Diagnostic> {
        if self.is_empty() {
            return Ok(None);
        }
        let not_a_number = |what: String| {
            self.diagnostic(
                Codice::P172,
                format!("la cella non contiene un numero: {what}"),
            )
            .with_hint("scrivi un numero, ad esempio `40`, `12,5` o `40%`")
        };
        match &self.value {
            CellValue::Number(n) => Ok(Some(ParsedNumber {
                value: *n,
                percent: false,
            })),
            CellValue::Percent(n) => Ok(Some(ParsedNumber {
                value: *n,
                percent: true,
            })),
            CellValue::Text(s) => match parse_number(s) {
                Some(n) => Ok(Some(n)),
                None => Err(not_a_number(format!("«{}»", s.trim()))),
            },
            CellValue::Error(_) => Err(self.formula_error()),
            CellValue::Bool(_) => Err(not_a_number(format!("il valore logico {}", self.value))),
            CellValue::Date(_) | CellValue::DateTime(_) => {
                Err(not_a_number(format!("la data {}", self.value)))
            }
            CellValue::Time(_) => Err(not_a_number(format!("l'ora {}", self.value))),
            CellValue::Empty => Ok(None),
        }
    }

    /// The date in the cell as `AAAA-MM-GG`: a date cell (its time of day dropped) or text
    /// that [`parse_date`] reads (`31/12/2023`, `2023-12-31`). `Ok(None)` for an empty cell;
    /// P173 for anything else (a bare number too: it may be a year or a serial that lost its
    /// date format), P174 for a formula's error.
    pub fn date(&self) -> Result<Option<String>, Diagnostic> {
        if self.is_empty() {
            return Ok(None);
        }
        let not_a_date = || {
            self.diagnostic(
                Codice::P173,
                format!("la cella non contiene una data valida: «{}»", self.value),
            )
            .with_hint("scrivi la data come `31/12/2023`, o formatta la cella come data")
        };
        match &self.value {
            CellValue::Date(d) => Ok(Some(d.clone())),
            CellValue::DateTime(d) => Ok(d.split('T').next().map(str::to_string)),
            CellValue::Text(s) => parse_date(s).map(Some).ok_or_else(not_a_date),
            CellValue::Error(_) => Err(self.formula_error()),
            _ => Err(not_a_date()),
        }
    }

    /// The logical value in the cell: `VERO`/`FALSO` cells, or text `SI`/`SÌ`/`NO`,
    /// `VERO`/`FALSO`, `TRUE`/`FALSE` in any case. `Ok(None)` for an empty cell; P175 for
    /// anything else, P174 for a formula's error.
    pub fn boolean(&self) -> Result<Option<bool>, Diagnostic> {
        if self.is_empty() {
            return Ok(None);
        }
        match &self.value {
            CellValue::Bool(b) => Ok(Some(*b)),
            CellValue::Text(s) => match s.trim().to_uppercase().as_str() {
                "SI" | "SÌ" | "SÍ" | "VERO" | "TRUE" => Ok(Some(true)),
                "NO" | "FALSO" | "FALSE" => Ok(Some(false)),
                _ => Err(self.not_a_boolean()),
            },
            CellValue::Error(_) => Err(self.formula_error()),
            _ => Err(self.not_a_boolean()),
        }
    }

    fn not_a_boolean(&self) -> Diagnostic {
        self.diagnostic(
            Codice::P175,
            format!("la cella non contiene SI o NO: «{}»", self.value),
        )
        .with_hint("scrivi `SI` o `NO`")
    }

    fn formula_error(&self) -> Diagnostic {
        self.diagnostic(
            Codice::P174,
            format!("la formula della cella dà un errore: {}", self.value),
        )
        .with_hint("correggi la formula, o scrivi il valore al suo posto")
    }
}

/// One row of a sheet: one cell per column of the sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    number: u32,
    cells: Vec<Cell>,
}

impl Row {
    /// The row's number, from 1.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The cells, from column `A`.
    pub fn cells(&self) -> &[Cell] {
        &self.cells
    }

    /// The cell in a column (from 0); `None` past the sheet's last used column.
    pub fn cell(&self, column: u32) -> Option<&Cell> {
        self.cells.get(column as usize)
    }

    /// Whether every cell is empty.
    pub fn is_empty(&self) -> bool {
        self.cells.iter().all(Cell::is_empty)
    }
}

/// One sheet: its non-empty rows and the headings of its header row.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    name: Arc<str>,
    workbook: Arc<str>,
    rows: Vec<Row>,
    header_row: Option<u32>,
}

impl Sheet {
    /// The sheet's name, as on its tab.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The header row's number (from 1): the first non-empty row unless set otherwise;
    /// `None` for an empty sheet.
    pub fn header_row(&self) -> Option<u32> {
        self.header_row
    }

    /// Takes row `number` (from 1) as the header row: its cells become the headings.
    pub fn set_header_row(&mut self, number: u32) {
        self.header_row = Some(number);
        let headings: Vec<Option<Arc<str>>> = self
            .rows
            .iter()
            .find(|r| r.number == number)
            .map(|r| r.cells.iter().map(heading_of).collect())
            .unwrap_or_default();
        for row in &mut self.rows {
            for (i, cell) in row.cells.iter_mut().enumerate() {
                cell.heading = headings.get(i).cloned().flatten();
            }
        }
    }

    /// Every non-empty row, the header and anything above it included.
    pub fn all_rows(&self) -> &[Row] {
        &self.rows
    }

    /// The data rows: the non-empty rows after the header row.
    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        let after = self.header_row.unwrap_or(0);
        self.rows.iter().filter(move |r| r.number > after)
    }

    /// The headings, by column (from 0), of the non-empty header cells.
    pub fn headings(&self) -> Vec<(u32, &str)> {
        let Some(header) = self.header_row else {
            return Vec::new();
        };
        self.rows
            .iter()
            .find(|r| r.number == header)
            .map(|r| {
                r.cells
                    .iter()
                    .filter_map(|c| c.heading().map(|h| (c.column, h)))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The column (from 0) whose heading is `heading`: exactly, or ignoring case and spaces.
    pub fn find_column(&self, heading: &str) -> Option<u32> {
        let headings = self.headings();
        let wanted = normalise(heading);
        headings
            .iter()
            .find(|(_, h)| *h == heading)
            .or_else(|| headings.iter().find(|(_, h)| normalise(h) == wanted))
            .map(|(c, _)| *c)
    }

    /// Like [`Sheet::find_column`], with P176 (naming the closest heading) when the column
    /// is missing.
    pub fn column(&self, heading: &str) -> Result<u32, Diagnostic> {
        if let Some(c) = self.find_column(heading) {
            return Ok(c);
        }
        let names: Vec<String> = self.headings().iter().map(|(_, h)| h.to_string()).collect();
        let d = Diagnostic::new(
            Codice::P176,
            format!("manca la colonna «{heading}» nella riga delle intestazioni"),
        )
        .at_cell(self.location());
        Err(match crate::load::closest(heading, &names) {
            Some(near) => d.with_hint(format!(
                "forse è la colonna «{near}»: ripristina l'intestazione «{heading}»"
            )),
            None => d.with_hint(format!(
                "aggiungi la colonna «{heading}», o ripristina il foglio esportato"
            )),
        })
    }

    /// Where the sheet is, for a diagnostic about the whole sheet.
    pub fn location(&self) -> CellLocation {
        CellLocation {
            workbook: self.workbook.to_string(),
            sheet: self.name.to_string(),
            cell: None,
            row: None,
            column: None,
            heading: None,
        }
    }
}

/// A heading's key for matching: lowercase, spaces collapsed.
fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The heading a header cell gives its column: its text as shown, trimmed; none if empty.
fn heading_of(cell: &Cell) -> Option<Arc<str>> {
    let text = cell.value.to_string();
    let text = text.trim();
    (!text.is_empty()).then(|| Arc::from(text))
}

/// A workbook read whole: its sheets of cells in tab order (chart sheets left out).
#[derive(Debug, Clone, PartialEq)]
pub struct Workbook {
    name: Arc<str>,
    sheets: Vec<Sheet>,
}

/// The two formats read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Xlsx,
    Ods,
}

impl Workbook {
    /// Reads a workbook file (`.xlsx` or `.ods`, told by content, not by name); P170 if it
    /// cannot be read. Diagnostics name it as `path` is written.
    pub fn open(path: &Path) -> Result<Workbook, Diagnostic> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| {
            Diagnostic::new(
                Codice::P170,
                format!(
                    "impossibile leggere il foglio di calcolo `{name}`: {}",
                    crate::diag::io_in_italiano(&e)
                ),
            )
            .with_hint("controlla il nome e la cartella del file")
        })?;
        Workbook::from_bytes(&name, bytes)
    }

    /// Reads a workbook from its bytes; `name` is how diagnostics call it.
    pub fn from_bytes(name: &str, bytes: Vec<u8>) -> Result<Workbook, Diagnostic> {
        let unreadable = |why: String| {
            Diagnostic::new(
                Codice::P170,
                format!("impossibile leggere il foglio di calcolo `{name}`: {why}"),
            )
            .with_hint("salvalo come cartella di Excel (`.xlsx`) o di LibreOffice (`.ods`)")
        };
        let format =
            sniff(&bytes).ok_or_else(|| unreadable("non è un file `.xlsx` né `.ods`".into()))?;
        let workbook: Arc<str> = Arc::from(name);
        let damaged = |e: &dyn fmt::Display| unreadable(format!("file danneggiato ({e})"));
        let mut sheets = Vec::new();
        match format {
            Format::Xlsx => {
                let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(&bytes[..]))
                    .map_err(|e| damaged(&e))?;
                for sheet in worksheets(book.sheets_metadata()) {
                    let range = book.worksheet_range(&sheet).map_err(|e| damaged(&e))?;
                    let styles = book.worksheet_style(&sheet).map_err(|e| damaged(&e))?;
                    let shown = |pos: (u32, u32)| {
                        let percent = styles
                            .get(pos)
                            .and_then(|s| s.number_format.as_ref())
                            .is_some_and(|f| is_percent_format(&f.format_code));
                        if percent {
                            Shown::Percent
                        } else {
                            Shown::Plain
                        }
                    };
                    sheets.push(build_sheet(&workbook, &sheet, &range, shown));
                }
            }
            Format::Ods => {
                let kinds = ods_kinds(&bytes).map_err(|e| damaged(&e))?;
                let mut book: Ods<_> = calamine::open_workbook_from_rs(Cursor::new(&bytes[..]))
                    .map_err(|e| damaged(&e))?;
                for sheet in worksheets(book.sheets_metadata()) {
                    let range = book.worksheet_range(&sheet).map_err(|e| damaged(&e))?;
                    let cells = kinds.get(&sheet);
                    let shown = |pos: (u32, u32)| {
                        cells
                            .and_then(|c| c.get(&pos).copied())
                            .unwrap_or(Shown::Plain)
                    };
                    sheets.push(build_sheet(&workbook, &sheet, &range, shown));
                }
            }
        }
        Ok(Workbook {
            name: workbook,
            sheets,
        })
    }

    /// The name diagnostics give the workbook.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The sheets, in tab order.
    pub fn sheets(&self) -> &[Sheet] {
        &self.sheets
    }

    /// The sheet called `name` (exactly, or ignoring case and spaces); P171, listing the
    /// sheets there are, if none is.
    pub fn sheet(&self, name: &str) -> Result<&Sheet, Diagnostic> {
        let i = self.sheet_index(name)?;
        Ok(&self.sheets[i])
    }

    /// Like [`Workbook::sheet`], to change the sheet's header row.
    pub fn sheet_mut(&mut self, name: &str) -> Result<&mut Sheet, Diagnostic> {
        let i = self.sheet_index(name)?;
        Ok(&mut self.sheets[i])
    }

    fn sheet_index(&self, name: &str) -> Result<usize, Diagnostic> {
        let wanted = normalise(name);
        self.sheets
            .iter()
            .position(|s| &*s.name == name)
            .or_else(|| {
                self.sheets
                    .iter()
                    .position(|s| normalise(&s.name) == wanted)
            })
            .ok_or_else(|| {
                let names: Vec<String> = self
                    .sheets
                    .iter()
                    .map(|s| format!("«{}»", s.name))
                    .collect();
                Diagnostic::new(
                    Codice::P171,
                    format!("manca il foglio «{name}» nel file `{}`", self.name),
                )
                .with_note(format!("fogli presenti: {}", names.join(", ")))
                .with_hint(format!(
                    "ripristina il foglio «{name}» (o il suo nome) come nel file esportato"
                ))
            })
    }
}

/// The names of the sheets that hold cells, in tab order: a chart sheet (Excel) has none
/// to read.
fn worksheets(sheets: &[calamine::Sheet]) -> Vec<String> {
    sheets
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect()
}

/// Tells `.xlsx` from `.ods` by what the zip holds.
fn sniff(bytes: &[u8]) -> Option<Format> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    if zip.by_name("xl/workbook.xml").is_ok() {
        return Some(Format::Xlsx);
    }
    let mut mimetype = String::new();
    zip.by_name("mimetype")
        .ok()?
        .take(200)
        .read_to_string(&mut mimetype)
        .ok()?;
    (mimetype.trim() == "application/vnd.oasis.opendocument.spreadsheet").then_some(Format::Ods)
}

/// Whether an Excel number format shows a percentage: a `%` in its first section, not
/// quoted, escaped or in brackets.
fn is_percent_format(code: &str) -> bool {
    let mut quoted = false;
    let mut escaped = false;
    let mut brackets = 0u32;
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '"' => quoted = !quoted,
            _ if quoted => {}
            '\\' | '_' | '*' => escaped = true,
            '[' => brackets += 1,
            ']' => brackets = brackets.saturating_sub(1),
            ';' if brackets == 0 => return false,
            '%' if brackets == 0 => return true,
            _ => {}
        }
    }
    false
}

/// How a cell shows a value beyond what calamine tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    /// As its value says.
    Plain,
    /// As a percentage: the file holds 0.4 for `40%`.
    Percent,
    /// As a formula's error (an `.ods` stores its text as a string).
    Error,
}

/// The cells of one sheet shown other than [`Shown::Plain`], by absolute position.
type ShownCells = HashMap<(u32, u32), Shown>;

/// The cells of each `.ods` sheet whose value type is `percentage` (calamine gives their
/// value, 0.4, but not that the person typed `40%`) or a formula's error (which calamine
/// gives as text), by calamine's absolute positions.
fn ods_kinds(bytes: &[u8]) -> Result<HashMap<String, ShownCells>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut xml = String::new();
    zip.by_name("content.xml")
        .map_err(|e| e.to_string())?
        .read_to_string(&mut xml)
        .map_err(|e| e.to_string())?;
    let doc = roxmltree::Document::parse_with_options(
        &xml,
        roxmltree::ParsingOptions {
            nodes_limit: u32::MAX,
            ..Default::default()
        },
    )
    .map_err(|e| e.to_string())?;
    const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    const CALCEXT: &str = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0";
    let repeated = |n: roxmltree::Node<'_, '_>, attr: &str| -> u32 {
        n.attribute((TABLE, attr))
            .and_then(|v| v.parse().ok())
            .unwrap_or(1)
    };
    let mut out = HashMap::new();
    for table in doc
        .descendants()
        .filter(|n| n.has_tag_name((TABLE, "table")))
    {
        let name = table.attribute((TABLE, "name")).unwrap_or_default();
        let mut cells = HashMap::new();
        let mut row = 0u32;
        // Rows may sit inside header-row and row groups: every row of the table counts.
        for tr in table
            .descendants()
            .filter(|n| n.has_tag_name((TABLE, "table-row")))
        {
            let rows = repeated(tr, "number-rows-repeated");
            let mut column = 0u32;
            for tc in tr.children().filter(|n| {
                n.has_tag_name((TABLE, "table-cell"))
                    || n.has_tag_name((TABLE, "covered-table-cell"))
            }) {
                let columns = repeated(tc, "number-columns-repeated");
                let shown = if tc.attribute((CALCEXT, "value-type")) == Some("error") {
                    Shown::Error
                } else if tc.attribute((OFFICE, "value-type")) == Some("percentage") {
                    Shown::Percent
                } else {
                    Shown::Plain
                };
                if shown != Shown::Plain {
                    // Repeats are capped: a value repeated over a million empty rows is
                    // not something a person typed.
                    for r in row..row.saturating_add(rows.min(1_000)) {
                        for c in column..column.saturating_add(columns.min(1_000)) {
                            cells.insert((r, c), shown);
                        }
                    }
                }
                column = column.saturating_add(columns);
            }
            row = row.saturating_add(rows);
        }
        out.insert(name.to_string(), cells);
    }
    Ok(out)
}

/// A sheet from calamine's range, with `shown` saying how the cell at an absolute position
/// shows its value.
fn build_sheet(
    workbook: &Arc<str>,
    name: &str,
    range: &calamine::Range<Data>,
    shown: impl Fn((u32, u32)) -> Shown,
) -> Sheet {
    let sheet: Arc<str> = Arc::from(name);
    let mut rows = Vec::new();
    if let (Some(start), Some(end)) = (range.start(), range.end()) {
        // Every row spans columns A to the last used one, so that a column's index is the
        // same in every row.
        let width = end.1 + 1;
        for r in start.0..=end.0 {
            let cells: Vec<Cell> = (0..width)
                .map(|c| Cell {
                    value: range
                        .get_value((r, c))
                        .map_or(CellValue::Empty, |d| typed(d, shown((r, c)))),
                    row: r + 1,
                    column: c,
                    heading: None,
                    sheet: sheet.clone(),
                    workbook: workbook.clone(),
                })
                .collect();
            let row = Row {
                number: r + 1,
                cells,
            };
            if !row.is_empty() {
                rows.push(row);
            }
        }
    }
    let mut sheet = Sheet {
        name: sheet,
        workbook: workbook.clone(),
        header_row: None,
        rows,
    };
    if let Some(first) = sheet.rows.first().map(|r| r.number) {
        sheet.set_header_row(first);
    }
    sheet
}

/// A calamine value as typed.
fn typed(data: &Data, shown: Shown) -> CellValue {
    let percent = shown == Shown::Percent;
    match data {
        Data::Empty => CellValue::Empty,
        Data::Int(i) => number(*i as f64, percent),
        Data::Float(f) => number(*f, percent),
        Data::String(s) if shown == Shown::Error => CellValue::Error(s.clone()),
        Data::String(s) => CellValue::Text(s.clone()),
        Data::Bool(b) => CellValue::Bool(*b),
        Data::Error(e) => CellValue::Error(e.to_string()),
        Data::DateTime(dt) => {
            let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
            if dt.is_duration() {
                let hours = (dt.as_f64() * 24.0).floor() as u64;
                CellValue::Time(format!("{hours:02}:{mi:02}:{s:02}"))
            } else if (h, mi, s, ms) == (0, 0, 0, 0) {
                CellValue::Date(format!("{y:04}-{mo:02}-{d:02}"))
            } else if dt.as_f64() < 1.0 {
                CellValue::Time(format!("{h:02}:{mi:02}:{s:02}"))
            } else {
                CellValue::DateTime(format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}"))
            }
        }
        Data::DateTimeIso(iso) => iso_date(iso),
        Data::DurationIso(iso) => CellValue::Time(iso_duration(iso)),
    }
}

/// A number, shown as a percentage or not.
fn number(f: f64, percent: bool) -> CellValue {
    if percent {
        CellValue::Percent(times_100(f))
    } else {
        CellValue::Number(f)
    }
}

/// `f × 100` by moving the decimal point of its shortest spelling, so that 0.57 is 57
/// (not 56.99999999999999) and 0.125 is 12.5.
fn times_100(f: f64) -> f64 {
    if !f.is_finite() {
        return f * 100.0;
    }
    let text = format!("{f}");
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let frac = format!("{frac:0<2}");
    let moved = format!("{sign}{int}{}.{}", &frac[..2], &frac[2..]);
    moved.trim_end_matches('.').parse().unwrap_or(f * 100.0)
}

/// An ODS date (`2022-03-15` or `2022-03-15T10:30:00`) as typed.
fn iso_date(iso: &str) -> CellValue {
    match iso.split_once('T') {
        None => CellValue::Date(iso.to_string()),
        Some((day, time)) => {
            let time = time.split('.').next().unwrap_or(time);
            if time.trim_start_matches(['0', ':']).is_empty() {
                CellValue::Date(day.to_string())
            } else {
                CellValue::DateTime(format!("{day}T{time}"))
            }
        }
    }
}

/// An ODS duration (`PT10H30M00S`) as `10:30:00`; anything else as it is.
fn iso_duration(iso: &str) -> String {
    let Some(rest) = iso.strip_prefix("PT") else {
        return iso.to_string();
    };
    let mut parts = [0u64; 3];
    let mut current = String::new();
    for c in rest.chars() {
        match c {
            'H' | 'M' | 'S' => {
                let i = match c {
                    'H' => 0,
                    'M' => 1,
                    _ => 2,
                };
                let whole = current.split('.').next().unwrap_or("0");
                parts[i] = whole.parse().unwrap_or(0);
                current.clear();
            }
            _ => current.push(c),
        }
    }
    format!("{:02}:{:02}:{:02}", parts[0], parts[1], parts[2])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> Option<(f64, bool)> {
        parse_number(text).map(|p| (p.value, p.percent))
    }

    #[test]
    fn italian_numbers_in_text() {
        assert_eq!(n("1.234,5"), Some((1234.5, false)));
        assert_eq!(n("85,5%"), Some((85.5, true)));
        assert_eq!(n(" 85,5 % "), Some((85.5, true)));
        assert_eq!(n("12,5"), Some((12.5, false)));
        assert_eq!(n("1.234.567"), Some((1_234_567.0, false)));
        assert_eq!(n("1 234,5"), Some((1234.5, false)));
        assert_eq!(n("1\u{a0}234"), Some((1234.0, false)));
        assert_eq!(n("-3"), Some((-3.0, false)));
        assert_eq!(n("\u{2212}0,5"), Some((-0.5, false)));
        assert_eq!(n("+7"), Some((7.0, false)));
        assert_eq!(n("40%"), Some((40.0, true)));
        // A lone dot that cannot group thousands is a decimal point; `1.234` is Italian.
        assert_eq!(n("12.5"), Some((12.5, false)));
        assert_eq!(n("1.234"), Some((1234.0, false)));
        for bad in [
            "", "%", "circa 40", "1,2,3", "12.34.5", "1.23,4", "1,", ",5", "12,5.3", "4O", "1e3",
            "-", ".5", "5.",
        ] {
            assert_eq!(n(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn dates_in_text() {
        assert_eq!(parse_date("31/12/2023").as_deref(), Some("2023-12-31"));
        assert_eq!(parse_date("1/3/2022").as_deref(), Some("2022-03-01"));
        assert_eq!(parse_date("15.03.2022").as_deref(), Some("2022-03-15"));
        assert_eq!(parse_date("15-03-2022").as_deref(), Some("2022-03-15"));
        assert_eq!(parse_date(" 2024-02-29 ").as_deref(), Some("2024-02-29"));
        for bad in [
            "29/02/2023",
            "31/04/2022",
            "2022-13-01",
            "00/01/2022",
            "12/2022",
            "15/03/22",
            "domani",
            "2022/3",
            "1/1/1/2022",
        ] {
            assert_eq!(parse_date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn column_names() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(5), "F");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
        assert_eq!(cell_name(12, 5), "F12");
    }

    #[test]
    fn percentages_move_the_point_exactly() {
        assert_eq!(times_100(0.4), 40.0);
        assert_eq!(times_100(0.57), 57.0);
        assert_eq!(times_100(0.125), 12.5);
        assert_eq!(times_100(0.855), 85.5);
        assert_eq!(times_100(1.5), 150.0);
        assert_eq!(times_100(-0.07), -7.0);
        assert_eq!(times_100(0.0), 0.0);
        assert_eq!(times_100(3.0), 300.0);
        assert_eq!(times_100(0.000123), 0.0123);
    }

    #[test]
    fn percent_formats() {
        for yes in ["0%", "0.00%", "#,##0.0%", "0%;[Red]-0%", "0.0 %"] {
            assert!(is_percent_format(yes), "{yes}");
        }
        for no in [
            "General",
            "0.00",
            "\"%\"0",
            "0\\%",
            "[$%-410]0",
            "0;0%",
            "dd/mm/yyyy",
        ] {
            assert!(!is_percent_format(no), "{no}");
        }
    }

    #[test]
    fn ods_dates_and_durations() {
        assert_eq!(iso_date("2022-03-15"), CellValue::Date("2022-03-15".into()));
        assert_eq!(
            iso_date("2022-03-15T00:00:00"),
            CellValue::Date("2022-03-15".into())
        );
        assert_eq!(
            iso_date("2022-03-15T10:30:00.5"),
            CellValue::DateTime("2022-03-15T10:30:00".into())
        );
        assert_eq!(iso_duration("PT10H30M00S"), "10:30:00");
        assert_eq!(iso_duration("PT01H02M03.25S"), "01:02:03");
    }

    fn cell(value: CellValue) -> Cell {
        Cell {
            value,
            row: 12,
            column: 5,
            heading: Some(Arc::from("Target 2022")),
            sheet: Arc::from("Indicatori"),
            workbook: Arc::from("cartella.xlsx"),
        }
    }

    #[test]
    fn typed_accessors() {
        assert_eq!(cell(CellValue::Number(12.5)).number().unwrap(), Some(12.5));
        assert_eq!(cell(CellValue::Percent(40.0)).number().unwrap(), Some(40.0));
        assert_eq!(
            cell(CellValue::Text("1.234,5".into())).number().unwrap(),
            Some(1234.5)
        );
        assert_eq!(cell(CellValue::Text("  ".into())).number().unwrap(), None);
        assert_eq!(cell(CellValue::Empty).date().unwrap(), None);
        assert_eq!(
            cell(CellValue::Date("2022-03-15".into()))
                .date()
                .unwrap()
                .as_deref(),
            Some("2022-03-15")
        );
        assert_eq!(
            cell(CellValue::DateTime("2022-03-15T10:00:00".into()))
                .date()
                .unwrap()
                .as_deref(),
            Some("2022-03-15")
        );
        assert_eq!(
            cell(CellValue::Text("31/12/2023".into()))
                .date()
                .unwrap()
                .as_deref(),
            Some("2023-12-31")
        );
        assert_eq!(cell(CellValue::Bool(true)).boolean().unwrap(), Some(true));
        assert_eq!(
            cell(CellValue::Text("sì".into())).boolean().unwrap(),
            Some(true)
        );
        assert_eq!(
            cell(CellValue::Text("NO".into())).boolean().unwrap(),
            Some(false)
        );
    }

    /// Wrong kinds are located at the cell, with its heading, in Italian.
    #[test]
    fn wrong_kinds_are_diagnostics_at_the_cell() {
        let d = cell(CellValue::Text("circa 40".into()))
            .number()
            .unwrap_err();
        assert_eq!(d.code, Codice::P172);
        assert_eq!(d.message, "la cella non contiene un numero: «circa 40»");
        let at = d.cell.unwrap();
        assert_eq!(
            at.describe(),
            "cartella.xlsx, foglio «Indicatori», cella F12 (colonna «Target 2022»)"
        );
        let d = cell(CellValue::Date("2022-03-15".into()))
            .number()
            .unwrap_err();
        assert_eq!(
            d.message,
            "la cella non contiene un numero: la data 15/03/2022"
        );
        let d = cell(CellValue::Number(2023.0)).date().unwrap_err();
        assert_eq!(d.code, Codice::P173);
        assert_eq!(d.message, "la cella non contiene una data valida: «2023»");
        let d = cell(CellValue::Text("30/02/2023".into()))
            .date()
            .unwrap_err();
        assert_eq!(d.code, Codice::P173);
        let d = cell(CellValue::Error("#DIV/0!".into()))
            .number()
            .unwrap_err();
        assert_eq!(d.code, Codice::P174);
        assert_eq!(d.message, "la formula della cella dà un errore: #DIV/0!");
        let d = cell(CellValue::Text("forse".into())).boolean().unwrap_err();
        assert_eq!(d.code, Codice::P175);
    }

    #[test]
    fn values_display_as_an_italian_spreadsheet_shows_them() {
        assert_eq!(CellValue::Number(1234.5).to_string(), "1234,5");
        assert_eq!(CellValue::Number(2022.0).to_string(), "2022");
        assert_eq!(CellValue::Percent(12.5).to_string(), "12,5%");
        assert_eq!(CellValue::Bool(false).to_string(), "FALSO");
        assert_eq!(
            CellValue::Date("2022-03-15".into()).to_string(),
            "15/03/2022"
        );
        assert_eq!(
            CellValue::DateTime("2022-03-15T10:30:00".into()).to_string(),
            "15/03/2022 10:30:00"
        );
    }

    /// A minimal `.ods` whose `content.xml` holds `rows`, the body of one sheet.
    fn ods(rows: &str) -> Vec<u8> {
        use std::io::Write;
        let content = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="Foglio1">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        );
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("mimetype", stored).unwrap();
        zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        zip.start_file("META-INF/manifest.xml", stored).unwrap();
        zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
        zip.start_file("content.xml", stored).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    }

    /// Percentages are found where calamine puts the value, past repeated rows and columns,
    /// merged (covered) cells and header-row groups.
    #[test]
    fn ods_percentages_past_repeats_and_merges() {
        let pct = |v: &str| {
            format!(
                r#"<table:table-cell office:value-type="percentage" office:value="{v}"><text:p>x</text:p></table:table-cell>"#
            )
        };
        let num = r#"<table:table-cell office:value-type="float" office:value="0.5"><text:p>0,5</text:p></table:table-cell>"#;
        let empty = |n: u32| format!(r#"<table:table-cell table:number-columns-repeated="{n}"/>"#);
        let rows = format!(
            "<table:table-header-rows><table:table-row><table:table-cell office:value-type=\"string\"><text:p>Titolo</text:p></table:table-cell></table:table-row></table:table-header-rows>\
             <table:table-row table:number-rows-repeated=\"3\">{}</table:table-row>\
             <table:table-row>{}{}{}</table:table-row>\
             <table:table-row><table:table-cell table:number-columns-spanned=\"2\" office:value-type=\"float\" office:value=\"1\"/><table:covered-table-cell/>{}</table:table-row>",
            empty(4),
            empty(2),
            pct("0.4"),
            num,
            pct("0.125"),
        );
        let book = Workbook::from_bytes("prova.ods", ods(&rows)).unwrap();
        let sheet = &book.sheets()[0];
        let value = |row: u32, col: u32| {
            sheet
                .all_rows()
                .iter()
                .find(|r| r.number() == row)
                .and_then(|r| r.cell(col))
                .map(|c| c.value.clone())
        };
        // Row 1 the title, rows 2–4 empty (repeated), row 5: C5 40%, D5 0,5; row 6: C6 12,5%.
        assert_eq!(value(5, 2), Some(CellValue::Percent(40.0)));
        assert_eq!(value(5, 3), Some(CellValue::Number(0.5)));
        assert_eq!(value(6, 0), Some(CellValue::Number(1.0)));
        assert_eq!(value(6, 2), Some(CellValue::Percent(12.5)));
    }

    #[test]
    fn not_a_workbook_is_p170() {
        let d = Workbook::from_bytes("note.txt", b"ciao".to_vec()).unwrap_err();
        assert_eq!(d.code, Codice::P170);
        assert_eq!(
            d.message,
            "impossibile leggere il foglio di calcolo `note.txt`: non è un file `.xlsx` né `.ods`"
        );
        let d = Workbook::open(Path::new("/nessuna/cartella.xlsx")).unwrap_err();
        assert_eq!(
            d.message,
            "impossibile leggere il foglio di calcolo `/nessuna/cartella.xlsx`: il file o la cartella non esiste"
        );
    }
}
