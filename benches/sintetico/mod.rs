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

/// How many strategic objectives an area of [`obiettivi`] holds, and operational
/// objectives a strategic one.
const STRATEGICI_PER_AREA: usize = 5;
const OPERATIVI_PER_STRATEGICO: usize = 4;

/// A plan of `n` objectives on three levels (areas, which have no scheda; strategic
/// objectives; operational objectives), five strategic objectives per area and four
/// operational ones per strategic objective; each objective has a description, an office
/// and two indicators with a target per year, and one manager per area is assigned the
/// area's first operational objectives. Titles carry the objective's number, so that no
/// two schede are laid out alike.
pub fn obiettivi(n: usize) -> Value {
    use serde_json::json;
    let mut aree: Vec<Value> = Vec::new();
    let mut dirigenti: Vec<Value> = Vec::new();
    let mut fatti = 0;
    let obiettivo = |k: usize, livello: &str| {
        json!({
            "titolo": format!("{livello} numero {k}: migliorare i servizi resi alle imprese del territorio"),
            "descrizione": format!(
                "Descrizione dell'obiettivo {k}. Si tratta di semplificare le procedure, \
                 ridurre i tempi di risposta e rendere più chiare le informazioni pubblicate.\n\n\
                 - prima azione dell'obiettivo {k}\n- seconda azione"
            ),
            "uffici": [format!("Ufficio {}", k % 17 + 1)],
            "indicatori": [
                {
                    "descrizione": format!("Tempo medio di risposta (obiettivo {k})"),
                    "tipo": "efficienza",
                    "baseline": "30 giorni",
                    "target": { "2024": "<= 25 giorni", "2025": "<= 20 giorni", "2026": "<= 15 giorni" }
                },
                {
                    "descrizione": format!("Pratiche chiuse nell'anno (obiettivo {k})"),
                    "tipo": "volume",
                    "target": { "2024": ">= 100", "2025": ">= 120", "2026": ">= 140" }
                }
            ]
        })
    };
    while fatti < n {
        let a = aree.len() + 1;
        let mut strategici = Vec::new();
        let mut assegnati = Vec::new();
        for s in 1..=STRATEGICI_PER_AREA {
            if fatti >= n {
                break;
            }
            fatti += 1;
            let mut strategico = obiettivo(fatti, "Obiettivo strategico");
            let mut operativi = Vec::new();
            for o in 1..=OPERATIVI_PER_STRATEGICO {
                if fatti >= n {
                    break;
                }
                fatti += 1;
                operativi.push(obiettivo(fatti, "Obiettivo operativo"));
                if s == 1 {
                    assegnati.push(format!("{a}.{s}.{o}"));
                }
            }
            strategico["figli"] = Value::Array(operativi);
            strategici.push(strategico);
        }
        aree.push(json!({
            "titolo": format!("Area strategica numero {a}: competitività del territorio"),
            "figli": strategici,
        }));
        if !assegnati.is_empty() {
            let peso = 100.0 / assegnati.len() as f64;
            let peso = (peso * 100.0).round() / 100.0;
            let pesi: Vec<f64> = (0..assegnati.len())
                .map(|i| {
                    if i == 0 {
                        100.0 - peso * (assegnati.len() - 1) as f64
                    } else {
                        peso
                    }
                })
                .collect();
            dirigenti.push(json!({
                "nome": format!("Dirigente {a}"),
                "ruolo": format!("Dirigente dell'area {a}"),
                "obiettivi": assegnati
                    .iter()
                    .zip(pesi)
                    .map(|(c, p)| json!({ "obiettivo": c, "peso": p }))
                    .collect::<Vec<_>>(),
            }));
        }
    }
    json!({
        "ente": { "nome": "Comune di Prova Grande", "tipo": "Comune" },
        "documento": { "titolo": "Piano della Performance", "anno_inizio": 2024, "anno_fine": 2026 },
        "atti": [
            { "organo": "OIV", "tipo": "validazione", "data": "2024-01-20" },
            { "organo": "Giunta", "tipo": "adozione", "numero": "7", "data": "2024-01-30" }
        ],
        "livelli": [
            { "nome": "Area strategica", "plurale": "Aree strategiche", "scheda": false },
            { "nome": "Obiettivo strategico", "plurale": "Obiettivi strategici" },
            { "nome": "Obiettivo operativo", "plurale": "Obiettivi operativi" }
        ],
        "programmazione": ["Documento Unico di Programmazione 2024-2026"],
        "albero": aree,
        "assegnazioni": { "anno": 2024, "dirigenti": dirigenti },
    })
}
