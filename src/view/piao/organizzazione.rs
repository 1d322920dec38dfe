//! The PIAO's section «Struttura organizzativa» lowered to a chapter: its texts, the
//! organisation chart, the ampiezza organizzativa with its computed total and mean, the
//! staff by profile as a chart beside its table, and the tabella funzionale (shared with
//! 3.3.1).

use crate::format::format_number;
use crate::model::piao::organizzazione::{RigaFunzionale, Struttura, ampiezza, ovp_noti};
use crate::model::{
    Allineamento, Blocco, Cella, Colonna, Formato, Grafico, Piano, Serie, Sezione, Tabella,
    TipoGrafico,
};

use super::{Parte, capitolo, parte};

/// The section «Struttura organizzativa»: parte generale, tables, ulteriori informazioni, annex.
pub fn sezione(s: &Struttura, piano: &Piano) -> Parte {
    let t = piano.documento.anno_inizio;
    let mut funzionale = Vec::new();
    let mut al_31 = testo(&s.struttura_al_31_dicembre);
    if let Some(o) = &s.organigramma {
        al_31.push(Blocco::Organigramma(o.clone()));
    }
    aggiungi(
        &mut funzionale,
        &format!("Struttura organizzativa al 31/12/{}", t - 1),
        al_31,
    );
    aggiungi(
        &mut funzionale,
        "Ulteriori dettagli",
        testo(&s.ulteriori_dettagli),
    );
    if let Some(b) = tabella_ampiezza(s) {
        funzionale.push(capitolo("Ampiezza organizzativa", vec![b]));
    }
    aggiungi(
        &mut funzionale,
        "Incarichi dirigenziali",
        testo(&s.incarichi_dirigenziali),
    );
    let mut profili = testo(&s.profili_professionali);
    profili.extend(personale_per_profilo(s));
    aggiungi(&mut funzionale, "Profili professionali", profili);
    aggiungi(
        &mut funzionale,
        "Linee strategiche",
        testo(&s.linee_strategiche),
    );
    if !s.funzionale.is_empty() {
        funzionale.push(capitolo(
            "Tabella funzionale",
            vec![tabella_funzionale(&s.funzionale, piano)],
        ));
    }
    Parte {
        sezione: parte(
            "Struttura organizzativa",
            &s.generale,
            funzionale,
            &s.ulteriori_informazioni,
            s.allegato.as_ref(),
        ),
        aggiunte: Vec::new(),
    }
}

/// The text block of an optional text.
pub(super) fn testo(t: &Option<String>) -> Vec<Blocco> {
    t.iter().map(|t| Blocco::Testo(t.clone())).collect()
}

/// Adds a subsection with `blocchi`, unless it would be empty.
pub(super) fn aggiungi(sezioni: &mut Vec<Sezione>, titolo: &str, blocchi: Vec<Blocco>) {
    if !blocchi.is_empty() {
        sezioni.push(capitolo(titolo, blocchi));
    }
}

fn colonna(titolo: &str, formato: Formato, decimali: Option<u8>) -> Colonna {
    Colonna {
        titolo: titolo.to_string(),
        allineamento: None,
        formato: Some(formato),
        decimali,
    }
}

/// The ampiezza organizzativa: one row per unit, «Totale unità» as the totals row and the
/// «Ampiezza media U.O.» (two decimals) under it, both computed.
fn tabella_ampiezza(s: &Struttura) -> Option<Blocco> {
    let calcolata = ampiezza(&s.ampiezza)?;
    let n = s.ampiezza.len();
    Some(Blocco::Tabella(Tabella {
        titolo: "Ampiezza organizzativa: risorse umane per unità organizzativa".into(),
        colonne: vec![
            colonna("Unità organizzative", Formato::Testo, None),
            colonna("N. risorse umane", Formato::Numero, None),
        ],
        righe: s
            .ampiezza
            .iter()
            .map(|u| vec![Cella::Testo(u.unita.clone()), Cella::Numero(u.risorse)])
            .collect(),
        totale: Some(vec![
            Cella::Testo("Totale unità".into()),
            Cella::Numero(calcolata.totale),
        ]),
        note: Some(format!(
            "Ampiezza media U.O.: **{}** risorse umane per unità organizzativa ({} risorse su {n} unità; media con due decimali).",
            format_number(calcolata.media, 2),
            format_number(calcolata.totale, 0),
        )),
        fonte: s.fonte_personale.clone(),
        orizzontale: Some(false),
    }))
}

/// The staff by profilo di ruolo: a bar chart and, for who cannot see it, the table of the
/// same values with their total.
fn personale_per_profilo(s: &Struttura) -> Vec<Blocco> {
    if s.personale_per_profilo.is_empty() {
        return Vec::new();
    }
    let totale: f64 = s.personale_per_profilo.iter().map(|p| p.unita).sum();
    let grafico = Grafico {
        tipo: TipoGrafico::Barre,
        titolo: "Personale per profilo di ruolo".into(),
        categorie: s
            .personale_per_profilo
            .iter()
            .map(|p| p.profilo.clone())
            .collect(),
        serie: vec![Serie {
            nome: "Dipendenti".into(),
            valori: s
                .personale_per_profilo
                .iter()
                .map(|p| Some(p.unita))
                .collect(),
        }],
        unita: Some("dipendenti".into()),
        fonte: s.fonte_personale.clone(),
    };
    let tabella = Tabella {
        titolo: "Personale per profilo di ruolo: i valori del grafico".into(),
        colonne: vec![
            colonna("Profilo di ruolo", Formato::Testo, None),
            colonna("Dipendenti", Formato::Numero, None),
        ],
        righe: s
            .personale_per_profilo
            .iter()
            .map(|p| vec![Cella::Testo(p.profilo.clone()), Cella::Numero(p.unita)])
            .collect(),
        totale: Some(vec![Cella::Testo("Totale".into()), Cella::Numero(totale)]),
        note: None,
        fonte: s.fonte_personale.clone(),
        orizzontale: Some(false),
    };
    vec![Blocco::Grafico(grafico), Blocco::Tabella(tabella)]
}

/// The tabella funzionale of a subsection (3.1, 3.3.1): one row per indicator, the
/// baseline of the year before the plan and the targets of its three years.
pub fn tabella_funzionale(righe: &[RigaFunzionale], piano: &Piano) -> Blocco {
    let t = piano.documento.anno_inizio;
    let anni = [t, t + 1, t + 2];
    let mut colonne: Vec<Colonna> = [
        "Codice",
        "Obiettivo di valore pubblico",
        "Denominazione sintetica",
        "Responsabile amministrativo",
        "Stakeholder interni ed esterni",
        "Dimensioni",
        "Formula",
        "Polarità",
    ]
    .iter()
    .map(|h| colonna(h, Formato::Testo, None))
    .collect();
    colonne.push(colonna(
        &format!("Baseline {}", t - 1),
        Formato::Testo,
        None,
    ));
    for a in anni {
        colonne.push(colonna(&format!("Target {a}"), Formato::Testo, None));
    }
    colonne.push(colonna("Fonte", Formato::Testo, None));
    for c in colonne.iter_mut().skip(8).take(4) {
        c.allineamento = Some(Allineamento::Destra);
    }
    let opz = |s: &Option<String>| s.clone().map_or(Cella::Vuota, Cella::Testo);
    let ovp = ovp_noti(piano).unwrap_or_default();
    // The OVP by its id and name, as 2.1 prints it.
    let obiettivo = |id: &Option<String>| match id {
        Some(id) => Cella::Testo(match ovp.iter().find(|(k, d)| k == id && !d.is_empty()) {
            Some((_, d)) => format!("{id} – {d}"),
            None => id.clone(),
        }),
        None => Cella::Vuota,
    };
    let righe = righe
        .iter()
        .map(|r| {
            let i = &r.indicatore;
            let denominazione = match &i.unita {
                Some(u) => format!("{} (unità di misura: {u})", i.descrizione),
                None => i.descrizione.clone(),
            };
            let mut riga = vec![
                Cella::Testo(r.codice.clone()),
                obiettivo(&r.ovp),
                Cella::Testo(denominazione),
                opz(&r.responsabile),
                if r.stakeholder.is_empty() {
                    Cella::Vuota
                } else {
                    Cella::Testo(r.stakeholder.join("; "))
                },
                opz(&r.dimensioni),
                opz(&i.formula),
                opz(&r.polarita),
                i.baseline
                    .as_ref()
                    .map_or(Cella::Vuota, |b| Cella::Testo(b.testo())),
            ];
            for a in anni {
                riga.push(
                    i.target
                        .get(&a.to_string())
                        .map_or(Cella::Vuota, |v| Cella::Testo(v.testo())),
                );
            }
            riga.push(opz(&i.fonte));
            riga
        })
        .collect();
    Blocco::Tabella(Tabella {
        titolo: "Tabella funzionale: indicatori della sottosezione".into(),
        colonne,
        righe,
        totale: None,
        note: None,
        fonte: None,
        orizzontale: Some(true),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::piao::organizzazione::Struttura;

    fn piano() -> Piano {
        serde_json::from_value(serde_json::json!({
            "ente": { "nome": "Comune di Prova" },
            "documento": { "titolo": "PIAO", "anno_inizio": 2025, "anno_fine": 2027 },
            "livelli": [{ "nome": "Obiettivo", "plurale": "Obiettivi" }],
            "albero": []
        }))
        .unwrap()
    }

    fn blocchi(s: &Sezione) -> Vec<&Blocco> {
        s.contenuto
            .iter()
            .chain(s.sezioni.iter().flat_map(blocchi))
            .collect()
    }

    #[test]
    fn ampiezza_and_profiles_are_computed() {
        let s: Struttura = serde_json::from_value(serde_json::json!({
            "ampiezza": [
                { "unita": "Segreteria", "risorse": 12 },
                { "unita": "Tecnico", "risorse": 7 },
                { "unita": "Finanziario", "risorse": 4 }
            ],
            "personale_per_profilo": [
                { "profilo": "Funzionario", "unita": 9 },
                { "profilo": "Istruttore", "unita": 14 }
            ]
        }))
        .unwrap();
        let p = sezione(&s, &piano());
        let b = blocchi(&p.sezione);
        let Blocco::Tabella(amp) = b[0] else {
            panic!("{b:?}")
        };
        // 12 + 7 + 4 = 23 units; 23 / 3 = 7,67.
        assert!(matches!(amp.totale.as_deref(), Some([_, Cella::Numero(n)]) if *n == 23.0));
        assert!(amp.note.as_deref().unwrap().contains("**7,67**"), "{amp:?}");
        assert!(matches!(b[1], Blocco::Grafico(g) if g.serie[0].valori == [Some(9.0), Some(14.0)]));
        // 9 + 14 = 23.
        let Blocco::Tabella(prof) = b[2] else {
            panic!()
        };
        assert!(matches!(prof.totale.as_deref(), Some([_, Cella::Numero(n)]) if *n == 23.0));
    }

    #[test]
    fn tabella_funzionale_has_the_triennium_years() {
        let righe: Vec<RigaFunzionale> = serde_json::from_value(serde_json::json!([{
            "codice": "SO-1", "ovp": "OVP1",
            "indicatore": {
                "descrizione": "Tempo medio", "unita": "giorni", "baseline": 30,
                "target": { "2025": "<= 25", "2027": 20 }
            }
        }]))
        .unwrap();
        let Blocco::Tabella(t) = tabella_funzionale(&righe, &piano()) else {
            panic!()
        };
        let h: Vec<&str> = t.colonne.iter().map(|c| c.titolo.as_str()).collect();
        assert_eq!(
            h[8..12],
            ["Baseline 2024", "Target 2025", "Target 2026", "Target 2027"]
        );
        let r = &t.righe[0];
        assert!(matches!(&r[2], Cella::Testo(d) if d == "Tempo medio (unità di misura: giorni)"));
        assert!(matches!(&r[8], Cella::Testo(v) if v == "30"));
        assert!(matches!(&r[9], Cella::Testo(v) if v == "<= 25"));
        assert!(matches!(r[10], Cella::Vuota));
        assert!(matches!(&r[11], Cella::Testo(v) if v == "20"));
    }
}
