//! Sottosezione 3.1 of the PIAO (see `../shared/PIAO.md`): the texts, the organisation
//! chart, the ampiezza organizzativa, the staff by profile and the tabella funzionale, which
//! 3.3.1 shares.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::piao::{Allegato, InformazioneUlteriore};
use crate::model::{Indicatore, Organigramma, Piano, Sezione};

/// Sottosezione 3.1 of the PIAO.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Sottosezione 3.1 del PIAO")]
pub struct Struttura {
    /// Parte generale: the narrative.
    #[serde(default)]
    #[schemars(description = "Parte generale: i testi della sottosezione")]
    pub generale: Vec<Sezione>,
    /// The structure at 31 December of the year before.
    #[serde(default)]
    #[schemars(
        description = "La struttura organizzativa al 31 dicembre dell'anno precedente (Markdown ridotto)"
    )]
    pub struttura_al_31_dicembre: Option<String>,
    /// Further details of the structure.
    #[serde(default)]
    #[schemars(description = "Ulteriori dettagli sulla struttura (Markdown ridotto)")]
    pub ulteriori_dettagli: Option<String>,
    /// Managerial appointments and the like (required by the portal).
    #[serde(default)]
    #[schemars(
        description = "Incarichi dirigenziali e simili: livelli di responsabilità organizzativa, numero di fasce (obbligatorio sul portale; Markdown ridotto)"
    )]
    pub incarichi_dirigenziali: Option<String>,
    /// Professional profiles (art. 6-ter D.Lgs. 165/2001; required by the portal).
    #[serde(default)]
    #[schemars(
        description = "Profili professionali secondo le linee di indirizzo dell'art. 6-ter del D.Lgs. 165/2001 (obbligatorio sul portale; Markdown ridotto)"
    )]
    pub profili_professionali: Option<String>,
    /// Strategic lines of the organisation.
    #[serde(default)]
    #[schemars(
        description = "Linee strategiche di sviluppo dell'organizzazione (Markdown ridotto)"
    )]
    pub linee_strategiche: Option<String>,
    /// The organisation chart, drawn from data.
    #[serde(default)]
    #[schemars(
        description = "L'organigramma dell'ente, disegnato dai dati (obbligatorio sul portale)"
    )]
    pub organigramma: Option<Organigramma>,
    /// Ampiezza organizzativa: each unit and its staff; total and mean are computed.
    #[serde(default)]
    #[schemars(
        description = "Ampiezza organizzativa: ogni unità organizzativa con il numero delle sue risorse umane; «Totale unità» e «Ampiezza media U.O.» sono calcolati"
    )]
    pub ampiezza: Vec<UnitaAmpiezza>,
    /// Staff by profilo di ruolo, drawn as a bar chart beside its table.
    #[serde(default)]
    #[schemars(
        description = "Il personale per profilo di ruolo: disegnato come grafico a barre, con accanto la tabella degli stessi valori"
    )]
    pub personale_per_profilo: Vec<PersonaleProfilo>,
    /// Date or source of the staff figures (e.g. "Conto annuale 2024").
    #[serde(default)]
    #[schemars(
        description = "Fonte o data di riferimento dei dati sul personale, ad esempio \"Conto annuale 2024, dati al 31.12\""
    )]
    pub fonte_personale: Option<String>,
    /// Tabella funzionale: the indicators of the subsection.
    #[serde(default)]
    #[schemars(
        description = "Tabella funzionale: gli indicatori della sottosezione, ciascuno collegato a un obiettivo di valore pubblico"
    )]
    pub funzionale: Vec<RigaFunzionale>,
    /// Ulteriori informazioni.
    #[serde(default)]
    #[schemars(description = "Ulteriori informazioni")]
    pub ulteriori_informazioni: Vec<InformazioneUlteriore>,
    /// Annex.
    #[serde(default)]
    #[schemars(description = "Allegato della sottosezione")]
    pub allegato: Option<Allegato>,
}

/// A unit of the ampiezza organizzativa and its number of staff.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Un'unità organizzativa e il numero delle sue risorse umane")]
pub struct UnitaAmpiezza {
    /// Name of the unit.
    #[schemars(description = "Nome dell'unità organizzativa")]
    pub unita: String,
    /// Number of staff (a whole number).
    #[schemars(description = "Numero di risorse umane dell'unità (un numero intero)")]
    pub risorse: f64,
}

/// The staff of one profilo di ruolo.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Il personale di un profilo di ruolo")]
pub struct PersonaleProfilo {
    /// Profile.
    #[schemars(description = "Profilo di ruolo, ad esempio \"Funzionario amministrativo\"")]
    pub profilo: String,
    /// Number of staff (a whole number).
    #[schemars(description = "Numero di dipendenti del profilo (un numero intero)")]
    pub unita: f64,
}

/// A row of a tabella funzionale (3.1, 3.2, 3.3.1, 3.3.2): an indicator tied to an OVP.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Una riga della tabella funzionale: un indicatore della sottosezione collegato a un obiettivo di valore pubblico"
)]
pub struct RigaFunzionale {
    /// Code of the row.
    #[schemars(description = "Codice della riga, ad esempio \"SO-01\"")]
    pub codice: String,
    /// The OVP it serves (`id` of an OVP of `piao.valore_pubblico`).
    #[serde(default)]
    #[schemars(
        description = "L'obiettivo di valore pubblico a cui contribuisce: l'`id` di un OVP di `piao.valore_pubblico`"
    )]
    pub ovp: Option<String>,
    /// Administrative responsible.
    #[serde(default)]
    #[schemars(description = "Responsabile amministrativo")]
    pub responsabile: Option<String>,
    /// Internal and external stakeholders.
    #[serde(default)]
    #[schemars(description = "Stakeholder interni ed esterni")]
    pub stakeholder: Vec<String>,
    /// Dimensions of the indicator.
    #[serde(default)]
    #[schemars(description = "Dimensioni dell'indicatore, ad esempio \"Efficienza\"")]
    pub dimensioni: Option<String>,
    /// Polarity: whether more is better.
    #[serde(default)]
    #[schemars(
        description = "Polarità: se il valore migliora crescendo o diminuendo, ad esempio \"positiva\""
    )]
    pub polarita: Option<String>,
    /// The indicator: its description is the «denominazione sintetica»; formula, unit,
    /// baseline (year before the triennium), targets by year of the triennium, source.
    #[schemars(
        description = "L'indicatore: `descrizione` è la denominazione sintetica; poi formula, unità, `baseline` (anno prima del triennio), `target` per anno del triennio e `fonte`"
    )]
    pub indicatore: Indicatore,
}

/// The OVPs of subsection 2.1 (`id`, `denominazione`), when the plan has that subsection.
pub fn ovp_noti(piano: &Piano) -> Option<Vec<(String, String)>> {
    let v = piano.piao.as_ref()?.valore_pubblico.as_ref()?;
    // Read through the data, not the type: 2.1's OVPs (`obiettivi`, each with `id` and
    // `denominazione`) are typed on another branch of the same issue.
    let json = serde_json::to_value(v).ok()?;
    let testo = |o: &serde_json::Value, k: &str| {
        o.get(k)
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    Some(
        json.get("obiettivi")
            .and_then(serde_json::Value::as_array)
            .into_iter()
            .flatten()
            .map(|o| (testo(o, "id"), testo(o, "denominazione")))
            .collect(),
    )
}

/// The ampiezza organizzativa's computed figures: the total staff and the mean per unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AmpiezzaCalcolata {
    /// «Totale unità»: the sum of the units' staff.
    pub totale: f64,
    /// «Ampiezza media U.O.»: the total over the number of units.
    pub media: f64,
}

/// The total and mean of the ampiezza organizzativa, `None` when it lists no unit.
pub fn ampiezza(unita: &[UnitaAmpiezza]) -> Option<AmpiezzaCalcolata> {
    if unita.is_empty() {
        return None;
    }
    let totale: f64 = unita.iter().map(|u| u.risorse).sum();
    Some(AmpiezzaCalcolata {
        totale,
        media: totale / unita.len() as f64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(n: f64) -> UnitaAmpiezza {
        UnitaAmpiezza {
            unita: "U".into(),
            risorse: n,
        }
    }

    #[test]
    fn ampiezza_sums_and_averages() {
        // 12 + 7 + 4 = 23; 23 / 3 = 7,666…
        let a = ampiezza(&[u(12.0), u(7.0), u(4.0)]).unwrap();
        assert_eq!(a.totale, 23.0);
        assert!((a.media - 23.0 / 3.0).abs() < 1e-12);
        assert_eq!(ampiezza(&[]), None);
    }
}
