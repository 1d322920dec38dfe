//! Open data of the Relazione: one row per indicator and deadline (target, result,
//! achievement and how it was computed), one per objective with its achievement, one per
//! manager; a data package describes them. The figures are those of the measure stage:
//! the same the PDF and the OIV's annex print.

use schemars::JsonSchema;
use serde::Serialize;

use super::{campi, csv_bytes, header, resource};
use crate::indice::Indice;
use crate::manifest::{FileRisultati, licence_url};
use crate::misura::{Misura, esito};
use crate::model::Piano;
use crate::write::Output;

/// One indicator's result at the deadline that counts.
#[derive(Debug, Default, Serialize, JsonSchema)]
pub struct RigaRisultato {
    /// Code by position of the objective.
    #[schemars(description = "Codice dell'obiettivo derivato dalla posizione (es. 1.1.2)")]
    pub codice_obiettivo: String,
    /// The objective as printed.
    #[schemars(description = "Numero dell'obiettivo come stampato nel documento")]
    pub numero_obiettivo: String,
    /// Indicator number; empty for the objective's own target.
    #[schemars(
        description = "Numero dell'indicatore nell'obiettivo; vuoto per il target proprio dell'obiettivo"
    )]
    pub indicatore: Option<usize>,
    /// What it measures.
    #[schemars(description = "Che cosa misura")]
    pub descrizione: String,
    /// Deadline.
    #[schemars(
        description = "Scadenza del target (l'anno, 31/12; o una scadenza intermedia come 30/6, che non conta per il grado)"
    )]
    pub scadenza: String,
    /// Target as worded.
    #[schemars(description = "Target come scritto nel piano")]
    pub target: String,
    /// Weight at the deadline.
    #[schemars(description = "Peso dell'indicatore alla scadenza (percentuale)")]
    pub peso: Option<f64>,
    /// Result as written.
    #[schemars(description = "Risultato come scritto nel consuntivo; vuoto se mancante")]
    pub risultato: String,
    /// Source of the result.
    #[schemars(description = "Fonte del risultato")]
    pub fonte: String,
    /// Notes on the deviation.
    #[schemars(description = "Note sullo scostamento")]
    pub note: String,
    /// How the achievement was computed.
    #[schemars(description = "Regola e calcolo del grado di raggiungimento, con i valori")]
    pub calcolo: String,
    /// Figure before cap and bands.
    #[schemars(
        description = "Grado di raggiungimento prima del tetto e delle fasce (percentuale)"
    )]
    pub grado_calcolato: Option<f64>,
    /// The achievement that counts.
    #[schemars(
        description = "Grado di raggiungimento dell'indicatore (percentuale); vuoto se escluso dal calcolo"
    )]
    pub grado: Option<f64>,
}

/// One objective's achievement.
#[derive(Debug, Default, Serialize, JsonSchema)]
pub struct RigaGrado {
    /// Code by position.
    #[schemars(description = "Codice dell'obiettivo derivato dalla posizione")]
    pub codice: String,
    /// As printed.
    #[schemars(description = "Numero dell'obiettivo come stampato nel documento")]
    pub numero: String,
    /// Level.
    #[schemars(description = "Livello dell'albero")]
    pub livello: String,
    /// Title.
    #[schemars(description = "Titolo dell'obiettivo")]
    pub titolo: String,
    /// Parent's code.
    #[schemars(description = "Codice dell'obiettivo di livello superiore")]
    pub codice_padre: String,
    /// Achievement.
    #[schemars(description = "Grado di raggiungimento (percentuale); vuoto se non misurato")]
    pub grado: Option<f64>,
    /// In words.
    #[schemars(
        description = "Esito: raggiunto, parzialmente raggiunto, non raggiunto, non misurato"
    )]
    pub esito: String,
}

/// One manager's achievement.
#[derive(Debug, Default, Serialize, JsonSchema)]
pub struct RigaDirigente {
    /// Name.
    #[schemars(description = "Dirigente")]
    pub dirigente: String,
    /// Role.
    #[schemars(description = "Ruolo")]
    pub ruolo: String,
    /// Achievement.
    #[schemars(
        description = "Grado di raggiungimento degli obiettivi assegnati, secondo i loro pesi (percentuale)"
    )]
    pub grado: Option<f64>,
}

/// The open data files of a Relazione.
pub fn outputs(
    piano: &Piano,
    indice: &Indice,
    misura: &Misura,
    files: &FileRisultati,
    licenza: &str,
) -> anyhow::Result<Vec<Output>> {
    let risultati = righe_risultati(indice, misura);
    let obiettivi = righe_gradi(indice, misura);
    let dirigenti: Vec<RigaDirigente> = misura
        .dirigenti
        .iter()
        .map(|d| RigaDirigente {
            dirigente: d.nome.clone(),
            ruolo: d.ruolo.clone(),
            grado: d.media.as_ref().map(|m| m.valore),
        })
        .collect();
    let c_ris = campi::<RigaRisultato>()?;
    let c_obi = campi::<RigaGrado>()?;
    let c_dir = campi::<RigaDirigente>()?;
    let titolo = format!(
        "Relazione sulla Performance {} – {}",
        misura.anno, piano.ente.nome
    );
    let package = serde_json::json!({
        "profile": "tabular-data-package",
        "name": files.nome,
        "title": titolo,
        "description": format!("Risultati {} rispetto ai target del {} {}-{}, con il grado di raggiungimento calcolato secondo le regole del piano (art. 10 D.Lgs. 150/2009).", misura.anno, piano.documento.titolo, piano.documento.anno_inizio, piano.documento.anno_fine),
        "licenses": [ { "name": licenza, "path": licence_url(licenza) } ],
        "contributors": [ { "title": piano.ente.nome, "role": "publisher" } ],
        "resources": [
            resource("risultati", &files.risultati, "Risultati per indicatore, con target e grado di raggiungimento", &c_ris),
            resource("obiettivi", &files.obiettivi, "Grado di raggiungimento per obiettivo", &c_obi),
            resource("dirigenti", &files.dirigenti, "Grado di raggiungimento per dirigente", &c_dir),
        ]
    });
    Ok(vec![
        Output {
            name: files.risultati.clone(),
            bytes: csv_bytes(&risultati, &header(&c_ris))?,
        },
        Output {
            name: files.obiettivi.clone(),
            bytes: csv_bytes(&obiettivi, &header(&c_obi))?,
        },
        Output {
            name: files.dirigenti.clone(),
            bytes: csv_bytes(&dirigenti, &header(&c_dir))?,
        },
        Output {
            name: files.datapackage.clone(),
            bytes: (serde_json::to_string_pretty(&package)? + "\n").into_bytes(),
        },
    ])
}

/// One row per indicator and deadline: the intermediate ones first, then the one that
/// counts, with its computation.
fn righe_risultati(indice: &Indice, misura: &Misura) -> Vec<RigaRisultato> {
    let voci = indice.voci();
    let mut risultati: Vec<RigaRisultato> = Vec::new();
    for m in &misura.indicatori {
        // The results at the other deadlines of the year (30/6): printed, not counted.
        for x in &m.intermedi {
            risultati.push(RigaRisultato {
                codice_obiettivo: voci[m.voce].chiave.clone(),
                numero_obiettivo: voci[m.voce].codice.clone(),
                indicatore: m.numero,
                descrizione: m.descrizione.clone(),
                scadenza: x.scadenza.clone(),
                target: x.target.clone(),
                risultato: x.risultato.clone(),
                calcolo: format!("scadenza intermedia: conta la scadenza {}", m.scadenza),
                ..RigaRisultato::default()
            });
        }
        risultati.push(RigaRisultato {
            codice_obiettivo: voci[m.voce].chiave.clone(),
            numero_obiettivo: voci[m.voce].codice.clone(),
            indicatore: m.numero,
            descrizione: m.descrizione.clone(),
            scadenza: m.scadenza.clone(),
            target: m.target.clone(),
            peso: m.peso,
            risultato: m.risultato.clone().unwrap_or_default(),
            fonte: m.fonte.clone().unwrap_or_default(),
            note: m.note.clone().unwrap_or_default(),
            calcolo: m.calcolo.as_ref().map_or_else(
                || "escluso dal calcolo".into(),
                |c| c.formula.in_parole(c.grezzo),
            ),
            grado_calcolato: m.calcolo.as_ref().map(|c| c.grezzo),
            grado: m.calcolo.as_ref().map(|c| c.finale),
        });
    }
    risultati
}

/// One row per objective with its achievement.
fn righe_gradi(indice: &Indice, misura: &Misura) -> Vec<RigaGrado> {
    let voci = indice.voci();
    voci.iter()
        .zip(&misura.nodi)
        .map(|(v, n)| RigaGrado {
            codice: v.chiave.clone(),
            numero: v.codice.clone(),
            livello: v.nome_livello.clone(),
            titolo: v.titolo.clone(),
            codice_padre: v.padre.map(|p| voci[p].chiave.clone()).unwrap_or_default(),
            grado: n.realizzazione,
            esito: esito(n.realizzazione).into(),
        })
        .collect()
}
