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
    aggiungi(
        &mut funzionale,
        "Ampiezza organizzativa",
        ampiezza_organizzativa(s),
    );
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
            tabella_funzionale(&s.funzionale, piano),
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

/// The ampiezza organizzativa: one row per unit and «Totale unità» as the totals row, then
/// the «Ampiezza media U.O.» (two decimals), both computed.
fn ampiezza_organizzativa(s: &Struttura) -> Vec<Blocco> {
    let Some(calcolata) = ampiezza(&s.ampiezza) else {
        return Vec::new();
    };
    let n = s.ampiezza.len();
    vec![
        Blocco::Tabella(Tabella {
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
            note: None,
            fonte: s.fonte_personale.clone(),
            orizzontale: Some(false),
        }),
        Blocco::Testo(format!(
            "**Ampiezza media U.O.: {}** risorse umane per unità organizzativa ({} risorse su {n} unità; media arrotondata a due decimali).",
            format_number(calcolata.media, 2),
            format_number(calcolata.totale, 0),
        )),
    ]
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
        // The table below, with the same values, states the source.
        fonte: None,
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

/// The tabella funzionale of a subsection (3.1, 3.3.1), in two tables that fit a portrait
/// page, both led by the row's code: who and what (OVP, name, responsible, stakeholders,
/// dimensions, polarity), then how it is measured (formula, source, the baseline of the
/// year before the plan and the targets of its three years).
pub fn tabella_funzionale(righe: &[RigaFunzionale], piano: &Piano) -> Vec<Blocco> {
    let t = piano.documento.anno_inizio;
    let anni = [t, t + 1, t + 2];
    let testi = |titoli: &[&str]| -> Vec<Colonna> {
        titoli
            .iter()
            .map(|h| colonna(h, Formato::Testo, None))
            .collect()
    };
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
    let chi = righe
        .iter()
        .map(|r| {
            let i = &r.indicatore;
            vec![
                Cella::Testo(r.codice.clone()),
                obiettivo(&r.ovp),
                Cella::Testo(match &i.unita {
                    Some(u) => format!("{} (unità di misura: {u})", i.descrizione),
                    None => i.descrizione.clone(),
                }),
                opz(&r.responsabile),
                if r.stakeholder.is_empty() {
                    Cella::Vuota
                } else {
                    Cella::Testo(r.stakeholder.join("; "))
                },
                opz(&r.dimensioni),
                opz(&r.polarita),
            ]
        })
        .collect();
    let come = righe
        .iter()
        .map(|r| {
            let i = &r.indicatore;
            let mut riga = vec![
                Cella::Testo(r.codice.clone()),
                opz(&i.formula),
                opz(&i.fonte),
                i.baseline
                    .as_ref()
                    .map_or(Cella::Vuota, |b| Cella::Testo(b.testo())),
            ];
            riga.extend(anni.iter().map(|a| {
                i.target
                    .get(&a.to_string())
                    .map_or(Cella::Vuota, |v| Cella::Testo(v.testo()))
            }));
            riga
        })
        .collect();
    let mut colonne_come = testi(&["Codice", "Formula", "Fonte"]);
    colonne_come.push(colonna(
        &format!("Baseline {}", t - 1),
        Formato::Testo,
        None,
    ));
    colonne_come.extend(
        anni.iter()
            .map(|a| colonna(&format!("Target {a}"), Formato::Testo, None)),
    );
    for c in colonne_come.iter_mut().skip(3) {
        c.allineamento = Some(Allineamento::Destra);
    }
    let tabella = |titolo: &str, colonne, righe| {
        Blocco::Tabella(Tabella {
            titolo: titolo.into(),
            colonne,
            righe,
            totale: None,
            note: None,
            fonte: None,
            orizzontale: Some(false),
        })
    };
    vec![
        tabella(
            "Tabella funzionale: gli indicatori e l'obiettivo di valore pubblico",
            testi(&[
                "Codice",
                "Obiettivo di valore pubblico",
                "Denominazione sintetica",
                "Responsabile amministrativo",
                "Stakeholder interni ed esterni",
                "Dimensioni",
                "Polarità",
            ]),
            chi,
        ),
        tabella(
            "Tabella funzionale: formula, baseline e target",
            colonne_come,
            come,
        ),
    ]
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::model::piao::organizzazione::Struttura;

    /// A plan of the triennium 2025–2027, for the views of its sections.
    pub(in crate::view::piao) fn piano() -> Piano {
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
        assert!(
            matches!(b[1], Blocco::Testo(t) if t.starts_with("**Ampiezza media U.O.: 7,67**")),
            "{b:?}"
        );
        assert!(matches!(b[2], Blocco::Grafico(g) if g.serie[0].valori == [Some(9.0), Some(14.0)]));
        // 9 + 14 = 23.
        let Blocco::Tabella(prof) = b[3] else {
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
        let [Blocco::Tabella(chi), Blocco::Tabella(come)] =
            &tabella_funzionale(&righe, &piano())[..]
        else {
            panic!()
        };
        assert!(matches!(&chi.righe[0][1], Cella::Testo(d) if d == "OVP1"));
        assert!(
            matches!(&chi.righe[0][2], Cella::Testo(d) if d == "Tempo medio (unità di misura: giorni)")
        );
        let h: Vec<&str> = come.colonne.iter().map(|c| c.titolo.as_str()).collect();
        assert_eq!(
            h[3..],
            ["Baseline 2024", "Target 2025", "Target 2026", "Target 2027"]
        );
        let r = &come.righe[0];
        assert!(matches!(&r[3], Cella::Testo(v) if v == "30"));
        assert!(matches!(&r[4], Cella::Testo(v) if v == "<= 25"));
        assert!(matches!(r[5], Cella::Vuota));
        assert!(matches!(&r[6], Cella::Testo(v) if v == "20"));
    }
}
