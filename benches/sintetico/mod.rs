//! Synthetic plans k times the size of a real one, to show how the cost grows.

use serde_json::Value;

/// The plan with its strategic areas (`albero`) repeated `k` times. In every copy the ids
/// get a suffix (they must stay unique) and titles and descriptions a mark, so that Typst
/// cannot reuse the layout of one copy's paragraphs for another's: each copy costs what
/// new content costs. Weights are per area, so every copy's weights still add up.
pub fn moltiplica(plan: &Value, k: usize) -> Value {
    let mut plan = plan.clone();
    let Some(albero) = plan.get_mut("albero").and_then(Value::as_array_mut) else {
        return plan;
    };
    let aree = albero.clone();
    for copia in 2..=k {
        for area in &aree {
            let mut area = area.clone();
            marca(&mut area, copia);
            albero.push(area);
        }
    }
    plan
}

fn marca(v: &mut Value, copia: usize) {
    match v {
        Value::Object(map) => {
            for (key, val) in map.iter_mut() {
                match (key.as_str(), &mut *val) {
                    ("id", Value::String(s)) => *s = format!("{s}-{copia}"),
                    ("titolo" | "descrizione", Value::String(s)) => {
                        *s = format!("{s} (copia {copia})")
                    }
                    _ => marca(val, copia),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| marca(i, copia)),
        _ => {}
    }
}

/// The plan as another body's might be: the same structure, but every title and description
/// marked with `n`, so that a batch of variants cannot reuse one plan's layout for the next.
pub fn variante(plan: &Value, n: usize) -> Value {
    let mut plan = plan.clone();
    segna(&mut plan, n);
    plan
}

fn segna(v: &mut Value, n: usize) {
    match v {
        Value::Object(map) => {
            for (key, val) in map.iter_mut() {
                match (key.as_str(), &mut *val) {
                    ("titolo" | "descrizione", Value::String(s)) => *s = format!("{s} (ente {n})"),
                    _ => segna(val, n),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| segna(i, n)),
        _ => {}
    }
}
