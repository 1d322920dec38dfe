//! Charts as inline SVG for the HTML page, drawn from the same view data as the PDF's,
//! with a title and a description (the text alternative) for screen readers.

use serde_json::Value;

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

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .map(|x| x.as_str().unwrap_or_default().to_string())
        .collect()
}

fn nums(v: &Value) -> Vec<f64> {
    v.as_array()
        .into_iter()
        .flatten()
        .map(|x| x.as_f64().unwrap_or(0.0))
        .collect()
}

/// A stable id for the chart's title and description, from its text.
fn ident(alt: &str) -> String {
    let h = alt.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    format!("g{:x}", h & 0xffff_ffff)
}

/// The chart view (`GraficoView` serialised) as an accessible inline SVG.
pub fn grafico(v: &Value) -> String {
    let alt = v["alt"].as_str().unwrap_or_default();
    let titolo = v["titolo"].as_str().unwrap_or_default();
    let id = ident(alt);
    let head = |w: u32, h: u32| {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 {w} {h}\" width=\"100%\" style=\"max-width:{w}px\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
            esc(titolo),
            esc(alt)
        )
    };
    let categorie = strs(&v["categorie"]);
    let serie: Vec<&Value> = v["serie"]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    if v["tipo"] == "torta" {
        let Some(s) = serie.first() else {
            return String::new();
        };
        let valori = nums(&s["valori"]);
        let etichette = strs(&s["etichette"]);
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
    let massimo = v["massimo"].as_f64().unwrap_or(1.0).max(f64::MIN_POSITIVE);
    let bar_h = if serie.len() > 1 { 10 } else { 16 };
    let row_h = (bar_h + 2) * serie.len().max(1) as u32 + 8;
    let h = categorie.len() as u32 * row_h + 10;
    let mut out = head(640, h);
    for (i, c) in categorie.iter().enumerate() {
        let y0 = 5 + i as u32 * row_h;
        out.push_str(&format!(
            "<text x=\"150\" y=\"{}\" font-size=\"12\" text-anchor=\"end\">{}</text>",
            y0 + row_h / 2 + 2,
            esc(c)
        ));
        for (k, s) in serie.iter().enumerate() {
            let val = nums(&s["valori"]).get(i).copied().unwrap_or(0.0);
            let label = strs(&s["etichette"]).get(i).cloned().unwrap_or_default();
            let w = (val / massimo * 380.0).max(0.0);
            let y = y0 + k as u32 * (bar_h + 2);
            out.push_str(&format!(
                "<rect x=\"158\" y=\"{y}\" width=\"{w:.1}\" height=\"{bar_h}\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{}\" font-size=\"11\">{}</text>",
                PALETTE[k % PALETTE.len()],
                162.0 + w,
                y + bar_h - 3,
                esc(&label)
            ));
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_has_title_description_and_escaped_text() {
        let v = serde_json::json!({
            "tipo": "barre", "titolo": "A <b>", "alt": "Grafico: A <b>. x 1",
            "categorie": ["x & y"], "serie": [{"nome": "s", "valori": [1.0], "etichette": ["1"]}], "massimo": 1.0
        });
        let svg = grafico(&v);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""));
        assert!(svg.contains("<title id=\""));
        assert!(svg.contains("A &lt;b&gt;"));
        assert!(svg.contains("x &amp; y"));
        assert!(!svg.contains("<b>"));
        let pie = grafico(
            &serde_json::json!({"tipo": "torta", "titolo": "t", "alt": "a", "categorie": ["a", "b"],
            "serie": [{"nome": "s", "valori": [30.0, 70.0], "etichette": ["30%", "70%"]}], "massimo": 70.0}),
        );
        assert_eq!(pie.matches("<path").count(), 2);
    }
}
