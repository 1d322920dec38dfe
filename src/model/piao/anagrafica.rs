//! Sezione 1 of the PIAO, Scheda anagrafica dell'amministrazione (see `../shared/PIAO.md`):
//! the body's registry data, its RPCT and RTD, the methodological presentation and the
//! lists the other sections link to by id (political priorities, organisational areas,
//! stakeholders), with the matrix of the public-value objectives by priority and area.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::Sezione;
use crate::model::piao::valore::Ovp;
use crate::model::piao::{Allegato, InformazioneUlteriore};

/// Sezione 1 of the PIAO: anagrafica and methodological presentation.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Sezione 1 del PIAO: scheda anagrafica dell'amministrazione e presentazione metodologica; la denominazione è `ente.nome`, il sito web `ente.sito`"
)]
pub struct Anagrafica {
    /// Parte generale: the narrative.
    #[serde(default)]
    #[schemars(description = "Parte generale: i testi della sottosezione")]
    pub generale: Vec<Sezione>,
    /// Acronym of the body.
    #[serde(default)]
    #[schemars(description = "Acronimo dell'ente, ad esempio \"CCIAA BS\"")]
    pub acronimo: Option<String>,
    /// Codice fiscale.
    #[serde(default)]
    #[schemars(description = "Codice fiscale dell'ente")]
    pub codice_fiscale: Option<String>,
    /// Code of the body in IndicePA.
    #[serde(default)]
    #[schemars(
        description = "Codice IPA: il codice dell'ente nell'Indice dei domicili digitali della PA (IndicePA)"
    )]
    pub codice_ipa: Option<String>,
    /// Kind of public administration, as IndicePA names it; `ente.tipo` when absent.
    #[serde(default)]
    #[schemars(
        description = "Tipologia di pubblica amministrazione, come la riporta IndicePA (es. \"Camere di Commercio, Industria, Artigianato e Agricoltura\"); se assente, `ente.tipo`"
    )]
    pub tipologia: Option<String>,
    /// ISTAT code of the kind of administration.
    #[serde(default)]
    #[schemars(description = "Codice ISTAT della tipologia di amministrazione")]
    pub codice_istat: Option<String>,
    /// Partita IVA.
    #[serde(default)]
    #[schemars(description = "Partita IVA dell'ente")]
    pub partita_iva: Option<String>,
    /// Address of the registered office.
    #[serde(default)]
    #[schemars(description = "Indirizzo della sede legale")]
    pub sede_legale: Option<String>,
    /// Address of the Ufficio Relazioni con il Pubblico.
    #[serde(default)]
    #[schemars(description = "Indirizzo dell'Ufficio Relazioni con il Pubblico (URP)")]
    pub urp: Option<String>,
    /// E-mail address.
    #[serde(default)]
    #[schemars(description = "Indirizzo di posta elettronica")]
    pub email: Option<String>,
    /// Telephone.
    #[serde(default)]
    #[schemars(description = "Contatto telefonico")]
    pub telefono: Option<String>,
    /// Certified e-mail (PEC).
    #[serde(default)]
    #[schemars(description = "Posta elettronica certificata (PEC)")]
    pub pec: Option<String>,
    /// Social media accounts, one per line.
    #[serde(default)]
    #[schemars(
        description = "I profili social dell'ente, ad esempio \"LinkedIn: linkedin.com/company/...\""
    )]
    pub social: Vec<String>,
    /// The anticorruption and transparency officer.
    #[serde(default)]
    #[schemars(
        description = "Il Responsabile della prevenzione della corruzione e della trasparenza (RPCT)"
    )]
    pub rpct: Option<Rpct>,
    /// The officer for the digital transition.
    #[serde(default)]
    #[schemars(description = "Il Responsabile per la transizione al digitale (RTD)")]
    pub rtd: Option<Rtd>,
    /// Presentazione metodologica: legal, institutional and scientific framework.
    #[serde(default)]
    #[schemars(
        description = "Presentazione metodologica: quadro normativo, istituzionale e scientifico (Markdown ridotto)"
    )]
    pub quadro_normativo: Option<String>,
    /// Presentazione metodologica: how the PIAO is structured.
    #[serde(default)]
    #[schemars(
        description = "Presentazione metodologica: la struttura programmatica del PIAO (Markdown ridotto)"
    )]
    pub struttura_programmatica: Option<String>,
    /// Presentazione metodologica: the timetable of the PIAO's drafting (required by the portal).
    #[serde(default)]
    #[schemars(
        description = "Presentazione metodologica: il cronoprogramma della redazione del PIAO (Markdown ridotto); il Portale PIAO lo richiede"
    )]
    pub cronoprogramma: Option<String>,
    /// The body's mission (required by the portal).
    #[serde(default)]
    #[schemars(
        description = "La missione dell'ente (Markdown ridotto); il Portale PIAO la richiede"
    )]
    pub missione: Option<String>,
    /// Guiding principles.
    #[serde(default)]
    #[schemars(description = "I principi guida del PIAO")]
    pub principi_guida: Vec<PrincipioGuida>,
    /// The integration team that drafts the PIAO.
    #[serde(default)]
    #[schemars(description = "L'Integration Team che redige il PIAO: membri e ruoli")]
    pub team_integrazione: Vec<MembroTeam>,
    /// The political and managerial top organs.
    #[serde(default)]
    #[schemars(description = "Gli organi politici e gestionali di vertice")]
    pub organi_vertice: Vec<OrganoVertice>,
    /// Political priorities, linked by id from the public-value objectives.
    #[serde(default)]
    #[schemars(
        description = "Le priorità politiche, a cui gli obiettivi di valore pubblico rimandano per `id`"
    )]
    pub priorita_politiche: Vec<Ambito>,
    /// Organisational areas, linked by id from the public-value objectives.
    #[serde(default)]
    #[schemars(
        description = "Le aree organizzative, a cui gli obiettivi di valore pubblico rimandano per `id`"
    )]
    pub aree_organizzative: Vec<Ambito>,
    /// The PIAO's stakeholders, linked by id from the other sections.
    #[serde(default)]
    #[schemars(
        description = "Gli stakeholder del PIAO, a cui le altre sezioni rimandano per `id`"
    )]
    pub stakeholder: Vec<Stakeholder>,
    /// Ulteriori informazioni.
    #[serde(default)]
    #[schemars(description = "Ulteriori informazioni")]
    pub ulteriori_informazioni: Vec<InformazioneUlteriore>,
    /// Annex.
    #[serde(default)]
    #[schemars(description = "Allegato della sottosezione")]
    pub allegato: Option<Allegato>,
}

/// The Responsabile della prevenzione della corruzione e della trasparenza.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Il Responsabile della prevenzione della corruzione e della trasparenza (RPCT)"
)]
pub struct Rpct {
    /// First name.
    #[schemars(description = "Nome")]
    pub nome: String,
    /// Surname.
    #[schemars(description = "Cognome")]
    pub cognome: String,
    /// Role in the body.
    #[serde(default)]
    #[schemars(description = "Ruolo nell'ente, ad esempio \"Segretario Generale\"")]
    pub ruolo: Option<String>,
    /// Date of the appointment act, `AAAA-MM-GG`.
    #[serde(default)]
    #[schemars(description = "Data dell'atto di nomina, nella forma AAAA-MM-GG")]
    pub data_nomina: Option<String>,
}

/// The Responsabile per la transizione al digitale.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Il Responsabile per la transizione al digitale (RTD)")]
pub struct Rtd {
    /// Name.
    #[schemars(description = "Nome e cognome")]
    pub nominativo: String,
    /// The unit it belongs to.
    #[serde(default)]
    #[schemars(description = "Struttura organizzativa di riferimento")]
    pub struttura: Option<String>,
}

/// A guiding principle of the PIAO.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Un principio guida: nome e descrizione")]
pub struct PrincipioGuida {
    /// Name.
    #[schemars(description = "Nome del principio")]
    pub nome: String,
    /// Description.
    #[serde(default)]
    #[schemars(description = "Descrizione")]
    pub descrizione: Option<String>,
}

/// A member of the integration team.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Un membro dell'Integration Team")]
pub struct MembroTeam {
    /// Name (or office).
    #[schemars(description = "Nome del membro (o ufficio)")]
    pub membro: String,
    /// Role in the team.
    #[serde(default)]
    #[schemars(description = "Ruolo nel team")]
    pub ruolo: Option<String>,
}

/// A political or managerial top organ.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Un organo politico o gestionale di vertice")]
pub struct OrganoVertice {
    /// The organ ("Giunta camerale", "Segretario Generale").
    #[schemars(description = "L'organo, ad esempio \"Giunta\" o \"Segretario Generale\"")]
    pub organo: String,
    /// Its role.
    #[serde(default)]
    #[schemars(description = "Il suo ruolo")]
    pub ruolo: Option<String>,
}

/// A political priority or an organisational area: what the OVPs name by `id`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Una priorità politica o un'area organizzativa, a cui gli obiettivi di valore pubblico rimandano per `id`"
)]
pub struct Ambito {
    /// Identity the OVPs link to.
    #[schemars(description = "Identificativo, usato dagli obiettivi di valore pubblico")]
    pub id: String,
    /// Name.
    #[schemars(description = "Nome")]
    pub nome: String,
    /// Description.
    #[serde(default)]
    #[schemars(description = "Descrizione")]
    pub descrizione: Option<String>,
}

/// A stakeholder of the PIAO.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Uno stakeholder del PIAO")]
pub struct Stakeholder {
    /// Identity the other sections link to.
    #[schemars(description = "Identificativo, usato dalle altre sezioni")]
    pub id: String,
    /// Name.
    #[schemars(description = "Nome dello stakeholder")]
    pub nome: String,
    /// Its relation with the body.
    #[serde(default)]
    #[schemars(description = "Relazione con la PA")]
    pub relazione: Option<String>,
}

/// The matrix of section 1: for each political priority (rows) and organisational area
/// (columns), the OVPs that name both, in their order.
pub fn matrice<'a>(priorita: &[Ambito], aree: &[Ambito], ovp: &'a [Ovp]) -> Vec<Vec<Vec<&'a Ovp>>> {
    priorita
        .iter()
        .map(|p| {
            aree.iter()
                .map(|a| {
                    ovp.iter()
                        .filter(|o| o.priorita.contains(&p.id) && o.aree.contains(&a.id))
                        .collect()
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ambiti(ids: &[&str]) -> Vec<Ambito> {
        ids.iter()
            .map(|id| Ambito {
                id: id.to_string(),
                nome: id.to_uppercase(),
                descrizione: None,
            })
            .collect()
    }

    #[test]
    fn the_matrix_puts_each_ovp_where_its_priorities_and_areas_cross() {
        let ovp: Vec<Ovp> = serde_json::from_value(serde_json::json!([
            { "id": "OVP1", "denominazione": "Imprese", "priorita": ["p1"], "aree": ["a1", "a2"] },
            { "id": "OVP2", "denominazione": "Territorio", "priorita": ["p1", "p2"], "aree": ["a2"] },
            { "id": "OVP3", "denominazione": "Nessuna area", "priorita": ["p2"] }
        ]))
        .unwrap();
        let m = matrice(&ambiti(&["p1", "p2"]), &ambiti(&["a1", "a2"]), &ovp);
        let ids = |r: usize, c: usize| m[r][c].iter().map(|o| o.id.as_str()).collect::<Vec<_>>();
        // p1 × a1: OVP1 only; p1 × a2: OVP1 and OVP2 in order; p2 × a1: none (OVP3 names
        // no area); p2 × a2: OVP2.
        assert_eq!(ids(0, 0), ["OVP1"]);
        assert_eq!(ids(0, 1), ["OVP1", "OVP2"]);
        assert!(ids(1, 0).is_empty());
        assert_eq!(ids(1, 1), ["OVP2"]);
    }
}
