//! Charts as SVG, the one drawing of a chart: inline in the HTML page (with a title and a
//! description, the text alternative, for screen readers) and embedded in the PDF as an
//! image whose text stays real text.

use super::blocchi::{GanttView, GraficoView, SerieView};

const PALETTE: [&str; 10] = [
    "#0066CC", "#F2A900", "#00A3A1", "#D1344C", "#5C6F82", "#7FB2E5", "#8E44AD", "#2E7D32",
    "#A0522D", "#17324D",
];

/// Escapes text for SVG/HTML content and attributes.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A stable id for the chart's title and description, from its text.
fn ident(alt: &str) -> String {
    let h = alt.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    format!("g{:x}", h & 0xffff_ffff)
}

/// A chart as an accessible SVG.
pub fn grafico(v: &GraficoView) -> String {
    let id = ident(&v.alt);
    let head = |w: u32, h: u32| {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" style=\"max-width:100%;height:auto\" font-family=\"Titillium Web, sans-serif\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
            esc(&v.titolo),
            esc(&v.alt)
        )
    };
    let categorie = &v.categorie;
    let serie = &v.serie;
    if v.forma == "torta" {
        let Some(s) = serie.first() else {
            return head(560, 230) + "</svg>";
        };
        let (valori, etichette) = (&s.valori, &s.etichette);
        let total: f64 = valori.iter().sum();
        let (cx, cy, r) = (110.0_f64, 110.0_f64, 100.0_f64);
        let h = (categorie.len() as u32 * 22 + 20).max(230);
        let mut out = head(560, h);
        let mut start = -std::f64::consts::FRAC_PI_2;
        for (i, val) in valori.iter().enumerate() {
            if total <= 0.0 || *val <= 0.0 {
                continue;
            }
            let sweep = val / total * std::f64::consts::TAU;
            if sweep >= std::f64::consts::TAU - 1e-9 {
                // A single slice is the whole disc: an arc cannot start and end at the
                // same point.
                out.push_str(&format!(
                    "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{r:.1}\" fill=\"{}\" stroke=\"#fff\"/>",
                    PALETTE[i % PALETTE.len()]
                ));
                continue;
            }
            let end = start + sweep;
            let (x1, y1, x2, y2) = (
                cx + r * start.cos(),
                cy + r * start.sin(),
                cx + r * end.cos(),
                cy + r * end.sin(),
            );
            let large = i32::from(sweep > std::f64::consts::PI);
            out.push_str(&format!(
                "<path d=\"M{cx:.1},{cy:.1} L{x1:.1},{y1:.1} A{r:.1},{r:.1} 0 {large} 1 {x2:.1},{y2:.1} Z\" fill=\"{}\" stroke=\"#fff\"/>",
                PALETTE[i % PALETTE.len()]
            ));
            start = end;
        }
        for (i, c) in categorie.iter().enumerate() {
            let y = 20 + i as u32 * 22;
            out.push_str(&format!(
                "<rect x=\"240\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"258\" y=\"{}\" font-size=\"13\">{}: {}</text>",
                y,
                PALETTE[i % PALETTE.len()],
                y + 11,
                esc(c),
                esc(etichette.get(i).map_or("", String::as_str))
            ));
        }
        out.push_str("</svg>");
        return out;
    }
    let massimo = v.massimo.max(f64::MIN_POSITIVE);
    if v.forma == "linee" {
        let mut scala = v.scala.clone();
        if let Some(u) = v.unita.as_deref().filter(|u| *u != "%") {
            scala.push(u.to_string());
        }
        return linee(&head(640, 300), categorie, serie, massimo, &scala);
    }
    let bar_h = if serie.len() > 1 { 10 } else { 16 };
    let row_h = (bar_h + 2) * serie.len().max(1) as u32 + 8;
    let h = categorie.len() as u32 * row_h + 10;
    let mut out = head(640, h);
    // The labels' column fits the longest category (about 6.2 units a character at this
    // size), between 150 and 300 units; the bars take the rest.
    let longest = categorie
        .iter()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(0);
    let etichette = (longest as f64 * 6.2 + 8.0).clamp(150.0, 300.0);
    let lunghezza = 530.0 - etichette;
    for (i, c) in categorie.iter().enumerate() {
        let y0 = 5 + i as u32 * row_h;
        out.push_str(&format!(
            "<text x=\"{etichette:.0}\" y=\"{}\" font-size=\"12\" text-anchor=\"end\">{}</text>",
            y0 + row_h / 2 + 2,
            esc(c)
        ));
        for (k, s) in serie.iter().enumerate() {
            let val = s.valori.get(i).copied().unwrap_or(0.0);
            let label = s.etichette.get(i).map_or("", String::as_str);
            let w = (val / massimo * lunghezza).max(0.0);
            let y = y0 + k as u32 * (bar_h + 2);
            out.push_str(&format!(
                "<rect x=\"{:.0}\" y=\"{y}\" width=\"{w:.1}\" height=\"{bar_h}\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{}\" font-size=\"11\">{}</text>",
                etichette + 8.0,
                PALETTE[k % PALETTE.len()],
                etichette + 12.0 + w,
                y + bar_h - 3,
                esc(label)
            ));
        }
    }
    out.push_str("</svg>");
    out
}

/// A line chart: one polyline per series (broken where a value is missing), a dot and the
/// value at each point, the scale on the left (`scala`: three labels, then the unit if
/// any), the categories below, a legend.
fn linee(
    head: &str,
    categorie: &[String],
    serie: &[SerieView],
    massimo: f64,
    scala: &[String],
) -> String {
    let (left, right, top, h) = (70.0_f64, 580.0_f64, 40.0_f64, 200.0_f64);
    let n = categorie.len();
    let x = |i: usize| {
        if n > 1 {
            left + (right - left) * i as f64 / (n - 1) as f64
        } else {
            (left + right) / 2.0
        }
    };
    let y = |val: f64| top + h - h * (val / massimo).clamp(0.0, 1.0);
    let mut out = head.to_string();
    if let Some(unit) = scala.get(3) {
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"14\" font-size=\"11\" font-style=\"italic\">{}</text>",
            left - 60.0,
            esc(unit)
        ));
    }
    for (k, f) in [0.0, 0.5, 1.0].iter().enumerate() {
        let yy = y(massimo * f);
        out.push_str(&format!(
            "<line x1=\"{left}\" y1=\"{yy:.1}\" x2=\"{right}\" y2=\"{yy:.1}\" stroke=\"#A9B8C8\" stroke-width=\"0.6\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
            left - 6.0,
            yy + 4.0,
            esc(scala.get(k).map_or("", String::as_str))
        ));
    }
    for (i, c) in categorie.iter().enumerate() {
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
            x(i),
            top + h + 18.0,
            esc(c)
        ));
    }
    for (k, s) in serie.iter().enumerate() {
        let colour = PALETTE[k % PALETTE.len()];
        let (valori, etichette) = (&s.valori, &s.etichette);
        let given = |i: usize| s.presenti.get(i).copied().unwrap_or(false);
        let mut run: Vec<String> = Vec::new();
        for i in 0..=n {
            if i < n && given(i) {
                run.push(format!(
                    "{:.1},{:.1}",
                    x(i),
                    y(valori.get(i).copied().unwrap_or(0.0))
                ));
                continue;
            }
            if run.len() > 1 {
                out.push_str(&format!(
                    "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"/>",
                    run.join(" ")
                ));
            }
            run.clear();
        }
        for i in (0..n).filter(|&i| given(i)) {
            let (px, py) = (x(i), y(valori.get(i).copied().unwrap_or(0.0)));
            out.push_str(&format!(
                "<circle cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"3.5\" fill=\"{colour}\"/><text x=\"{px:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\">{}</text>",
                py - 7.0,
                esc(etichette.get(i).map_or("", String::as_str))
            ));
        }
    }
    if serie.len() > 1 {
        for (k, s) in serie.iter().enumerate() {
            let lx = left + k as f64 * 160.0;
            out.push_str(&format!(
                "<rect x=\"{lx:.1}\" y=\"275\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{:.1}\" y=\"286\" font-size=\"12\">{}</text>",
                PALETTE[k % PALETTE.len()],
                lx + 16.0,
                esc(&s.nome)
            ));
        }
    }
    out.push_str("</svg>");
    out
}

/// Words of `text` in lines of at most `max` characters (a longer word stays whole).
fn righe_di(text: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(l) if l.chars().count() + 1 + word.chars().count() <= max => {
                l.push(' ');
                l.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// A Gantt chart as an accessible SVG: the labels on the left, the years and months on
/// top, a bar per row, each milestone a diamond with its short name.
pub fn gantt(v: &GanttView) -> String {
    let id = ident(&v.alt);
    let (left, right, top) = (190.0_f64, 630.0_f64, 38.0_f64);
    let x = |f: f64| left + (right - left) * f;
    let rows: Vec<Vec<String>> = v.barre.iter().map(|b| righe_di(&b.etichetta, 30)).collect();
    let heights: Vec<f64> = rows
        .iter()
        .map(|r| (r.len().max(1) as f64 * 13.0 + 10.0).max(30.0))
        .collect();
    let h = top + heights.iter().sum::<f64>() + 6.0;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 640 {h:.0}\" width=\"640\" height=\"{h:.0}\" style=\"max-width:100%;height:auto\" font-family=\"Titillium Web, sans-serif\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        esc(&v.titolo),
        esc(&v.alt)
    );
    for a in &v.anni {
        out.push_str(&format!(
            "<rect x=\"{:.1}\" y=\"0\" width=\"{:.1}\" height=\"16\" fill=\"#EEF2F6\" stroke=\"#A9B8C8\" stroke-width=\"0.6\"/><text x=\"{:.1}\" y=\"12\" font-size=\"11\" font-weight=\"600\" text-anchor=\"middle\">{}</text>",
            x(a.inizio),
            (right - left) * a.ampiezza,
            x(a.inizio + a.ampiezza / 2.0),
            esc(&a.etichetta)
        ));
    }
    for m in &v.mesi {
        out.push_str(&format!(
            "<line x1=\"{0:.1}\" y1=\"16\" x2=\"{0:.1}\" y2=\"{1:.1}\" stroke=\"#A9B8C8\" stroke-width=\"0.4\"/><text x=\"{2:.1}\" y=\"30\" font-size=\"9\" text-anchor=\"middle\">{3}</text>",
            x(m.inizio),
            h - 6.0,
            x(m.inizio + m.ampiezza / 2.0),
            esc(&m.etichetta)
        ));
    }
    out.push_str(&format!(
        "<line x1=\"{0:.1}\" y1=\"16\" x2=\"{0:.1}\" y2=\"{1:.1}\" stroke=\"#A9B8C8\" stroke-width=\"0.4\"/>",
        right,
        h - 6.0
    ));
    let mut y = top;
    for ((b, lines), row_h) in v.barre.iter().zip(&rows).zip(&heights) {
        let first = y + row_h / 2.0 - (lines.len() as f64 - 1.0) * 6.5 + 4.0;
        for (k, l) in lines.iter().enumerate() {
            out.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
                left - 8.0,
                first + k as f64 * 13.0,
                esc(l)
            ));
        }
        let mid = y + row_h / 2.0;
        out.push_str(&format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"10\" rx=\"2\" fill=\"#0066CC\"/>",
            x(b.inizio),
            mid - 5.0,
            ((right - left) * b.ampiezza).max(1.0)
        ));
        for m in &b.milestone {
            let mx = x(m.posizione);
            out.push_str(&format!(
                "<polygon points=\"{:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\" fill=\"#F2A900\" stroke=\"#17324D\" stroke-width=\"0.8\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9\" text-anchor=\"middle\">{}</text>",
                mx,
                mid - 6.0,
                mx + 6.0,
                mid,
                mx,
                mid + 6.0,
                mx - 6.0,
                mid,
                mx,
                mid - 7.5,
                esc(&m.sigla)
            ));
        }
        y += row_h;
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Grafico, Serie, TipoGrafico};

    fn chart(tipo: TipoGrafico, titolo: &str, categorie: &[&str], valori: &[f64]) -> GraficoView {
        crate::view::blocchi::grafico(&Grafico {
            tipo,
            titolo: titolo.into(),
            categorie: categorie.iter().map(|c| c.to_string()).collect(),
            serie: vec![Serie {
                nome: "s".into(),
                valori: valori.iter().map(|v| Some(*v)).collect(),
            }],
            unita: None,
            fonte: None,
        })
    }

    #[test]
    fn svg_has_title_description_and_escaped_text() {
        let svg = chart(TipoGrafico::Barre, "A <b>", &["x & y"], &[1.0]).svg;
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""));
        assert!(svg.contains("<title id=\""));
        assert!(svg.contains("A &lt;b&gt;"));
        assert!(svg.contains("x &amp; y"));
        assert!(!svg.contains("<b>"));
        let pie = chart(TipoGrafico::Torta, "t", &["a", "b"], &[30.0, 70.0]).svg;
        assert_eq!(pie.matches("<path").count(), 2);
    }

    #[test]
    fn a_single_slice_of_a_pie_is_the_whole_disc() {
        // An SVG arc from a point to itself draws nothing: the one slice must be a circle.
        let pie = chart(TipoGrafico::Torta, "t", &["tutto"], &[100.0]).svg;
        assert_eq!(pie.matches("<path").count(), 0);
        assert_eq!(pie.matches("<circle").count(), 1);
        assert!(pie.contains("tutto: 100"));
    }
}
