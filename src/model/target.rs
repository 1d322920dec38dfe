//! The numeric structure of a target, when its wording has one: `>= 250`, `<= 90 gg.`,
//! `100,00%`, `1489`. Anything else (`SI`, `entro il 1/6/2019`, `1800 (totali nell'anno)`)
//! has no structure: nothing is guessed.

use crate::model::Target;

/// Comparator, value and unit of a target.
#[derive(Debug, Clone, PartialEq)]
pub struct Struttura {
    /// `>=`, `<=`, `>`, `<` or `=`.
    pub confronto: String,
    /// The number.
    pub valore: f64,
    /// The unit, if any.
    pub unita: Option<String>,
}

/// The structure stated in the plan, or derived from plain wordings.
pub fn struttura(t: &Target) -> Option<Struttura> {
    match t {
        Target::Numero(n) => Some(Struttura {
            confronto: "=".into(),
            valore: *n,
            unita: None,
        }),
        Target::Strutturato(s) => match (s.valore, &s.confronto) {
            (Some(v), c) => Some(Struttura {
                confronto: c.clone().unwrap_or_else(|| "=".into()),
                valore: v,
                unita: s.unita.clone(),
            }),
            (None, _) => parse(&s.testo),
        },
        Target::Testo(s) => parse(s),
    }
}

/// Parses `[comparator] number [unit]` with Italian number format.
pub fn parse(text: &str) -> Option<Struttura> {
    let t = text.trim();
    let (confronto, rest) = [
        (">=", ">="),
        ("≥", ">="),
        ("<=", "<="),
        ("≤", "<="),
        (">", ">"),
        ("<", "<"),
        ("=", "="),
    ]
    .iter()
    .find_map(|(p, c)| t.strip_prefix(p).map(|r| (c.to_string(), r.trim_start())))
    .unwrap_or_else(|| ("=".to_string(), t));
    let num_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',' || c == '-' || c == '+'))
        .unwrap_or(rest.len());
    let (num, unit) = rest.split_at(num_end);
    if num.is_empty() || !num.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let valore: f64 = num.replace('.', "").replace(',', ".").parse().ok()?;
    let unit = unit.trim();
    let allowed = ["", "%", "gg.", "gg", "giorni", "€", "ore", "mesi"];
    if !allowed.contains(&unit) {
        return None;
    }
    Some(Struttura {
        confronto,
        valore,
        unita: (!unit.is_empty()).then(|| unit.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<(String, f64, Option<String>)> {
        parse(s).map(|x| (x.confronto, x.valore, x.unita))
    }

    #[test]
    fn plain_wordings_have_structure() {
        assert_eq!(p(">= 250"), Some((">=".into(), 250.0, None)));
        assert_eq!(
            p("<= 90 gg."),
            Some(("<=".into(), 90.0, Some("gg.".into())))
        );
        assert_eq!(p("100,00%"), Some(("=".into(), 100.0, Some("%".into()))));
        assert_eq!(p("1489"), Some(("=".into(), 1489.0, None)));
        assert_eq!(p("1.171"), Some(("=".into(), 1171.0, None)));
        assert_eq!(p("-5,00%"), Some(("=".into(), -5.0, Some("%".into()))));
        assert_eq!(p(">=10"), Some((">=".into(), 10.0, None)));
    }

    #[test]
    fn other_wordings_are_left_alone() {
        for s in [
            "SI",
            "entro il 1/6/2019",
            "1800 (totali nell'anno)",
            "n. 70",
            "Almeno 4",
            "-",
            "Non applicabile",
            ">= 40 (+ 30 rispetto al 2018)",
        ] {
            assert_eq!(parse(s), None, "{s}");
        }
    }
}
