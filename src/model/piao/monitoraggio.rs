//! Sezione 4 of the PIAO, Monitoraggio (see `../shared/PIAO.md`): the texts on how the plan
//! is monitored, the sub-phases of the monitoring phase with their milestones, and the
//! categories of objectives each sub-phase looks at. The Gantt chart is drawn from their
//! dates ([`posizione`] and [`Asse`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::format::{Date, days_in_month};
use crate::model::Sezione;
use crate::model::piao::{Allegato, InformazioneUlteriore};

/// Sezione 4 of the PIAO: Monitoraggio.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Sezione 4 del PIAO, Monitoraggio: strumenti, soddisfazione degli utenti, monitoraggio di ogni sottosezione, sottofasi con milestone (da cui il diagramma di Gantt) e categorie di obiettivi"
)]
pub struct Monitoraggio {
    /// Parte generale: the narrative.
    #[serde(default)]
    #[schemars(description = "Parte generale: i testi della sezione")]
    pub generale: Vec<Sezione>,
    /// The tools of integrated monitoring.
    #[serde(default)]
    #[schemars(description = "Strumenti del monitoraggio integrato (Markdown ridotto)")]
    pub strumenti: Option<String>,
    /// How users' satisfaction is surveyed.
    #[serde(default)]
    #[schemars(description = "Rilevazione della soddisfazione degli utenti (Markdown ridotto)")]
    pub soddisfazione_utenti: Option<String>,
    /// How each subsection of the PIAO is monitored.
    #[serde(default)]
    #[schemars(description = "Il monitoraggio di ciascuna sottosezione del PIAO")]
    pub sottosezioni: Option<MonitoraggioSottosezioni>,
    /// How the PIAO as a whole is monitored.
    #[serde(default)]
    #[schemars(description = "Il monitoraggio del PIAO nel suo insieme (Markdown ridotto)")]
    pub monitoraggio_piao: Option<String>,
    /// The sub-phases of the monitoring phase, each with its dates and milestones.
    #[serde(default)]
    #[schemars(
        description = "Le sottofasi della fase di monitoraggio, ciascuna con date e milestone: il diagramma di Gantt è disegnato da queste date"
    )]
    pub sottofasi: Vec<Sottofase>,
    /// The categories of objectives monitored in each sub-phase.
    #[serde(default)]
    #[schemars(
        description = "Le categorie di obiettivi (delle sottosezioni 2.1 e 2.2) monitorate in ciascuna sottofase"
    )]
    pub categorie: Vec<CategoriaMonitorata>,
    /// Ulteriori informazioni.
    #[serde(default)]
    #[schemars(description = "Ulteriori informazioni")]
    pub ulteriori_informazioni: Vec<InformazioneUlteriore>,
    /// Annex.
    #[serde(default)]
    #[schemars(description = "Allegato della sezione")]
    pub allegato: Option<Allegato>,
}

/// One text per monitored subsection (2.2 split into organizational and individual
/// performance, as the portal does).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Come si monitora ciascuna sottosezione: un testo (Markdown ridotto) per sottosezione, la 2.2 divisa in performance organizzativa e individuale"
)]
pub struct MonitoraggioSottosezioni {
    /// Introduction.
    #[serde(default)]
    #[schemars(description = "Introduzione")]
    pub introduzione: Option<String>,
    /// 2.1 Valore pubblico.
    #[serde(default)]
    #[schemars(description = "Monitoraggio della sottosezione 2.1 Valore pubblico")]
    pub valore_pubblico: Option<String>,
    /// 2.2 Performance, organizational.
    #[serde(default)]
    #[schemars(
        description = "Monitoraggio della sottosezione 2.2 Performance: performance organizzativa"
    )]
    pub performance_organizzativa: Option<String>,
    /// 2.2 Performance, individual.
    #[serde(default)]
    #[schemars(
        description = "Monitoraggio della sottosezione 2.2 Performance: performance individuale"
    )]
    pub performance_individuale: Option<String>,
    /// 2.3 Rischi corruttivi e trasparenza.
    #[serde(default)]
    #[schemars(
        description = "Monitoraggio della sottosezione 2.3 Rischi corruttivi e trasparenza"
    )]
    pub rischi_corruttivi: Option<String>,
    /// 3.1 Struttura organizzativa.
    #[serde(default)]
    #[schemars(description = "Monitoraggio della sottosezione 3.1 Struttura organizzativa")]
    pub struttura_organizzativa: Option<String>,
    /// 3.2 Lavoro agile.
    #[serde(default)]
    #[schemars(
        description = "Monitoraggio della sottosezione 3.2 Organizzazione del lavoro agile"
    )]
    pub lavoro_agile: Option<String>,
    /// 3.3.1 Fabbisogni di personale.
    #[serde(default)]
    #[schemars(
        description = "Monitoraggio della sottosezione 3.3.1 Piano triennale dei fabbisogni di personale"
    )]
    pub fabbisogni: Option<String>,
    /// 3.3.2 Formazione del personale.
    #[serde(default)]
    #[schemars(description = "Monitoraggio della sottosezione 3.3.2 Formazione del personale")]
    pub formazione: Option<String>,
}

impl MonitoraggioSottosezioni {
    /// The texts given, each with the title of its subsection, in the PIAO's order.
    pub fn testi(&self) -> Vec<(&'static str, &str)> {
        [
            ("Valore pubblico", &self.valore_pubblico),
            ("Performance organizzativa", &self.performance_organizzativa),
            ("Performance individuale", &self.performance_individuale),
            ("Rischi corruttivi e trasparenza", &self.rischi_corruttivi),
            ("Struttura organizzativa", &self.struttura_organizzativa),
            ("Organizzazione del lavoro agile", &self.lavoro_agile),
            (
                "Piano triennale dei fabbisogni di personale",
                &self.fabbisogni,
            ),
            ("Formazione del personale", &self.formazione),
        ]
        .into_iter()
        .filter_map(|(t, v)| v.as_deref().map(|v| (t, v)))
        .collect()
    }
}

/// A sub-phase of the monitoring phase.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una sottofase della fase di monitoraggio")]
pub struct Sottofase {
    /// Identifier, for the categories that refer to it.
    #[schemars(
        description = "Identificativo della sottofase, a cui rimandano le categorie di obiettivi, ad esempio \"SF1\""
    )]
    pub id: String,
    /// Name of the sub-phase.
    #[schemars(description = "Nome della sottofase")]
    pub sottofase: String,
    /// Description.
    #[serde(default)]
    #[schemars(description = "Descrizione")]
    pub descrizione: Option<String>,
    /// Who takes part.
    #[serde(default)]
    #[schemars(description = "Attori coinvolti")]
    pub attori: Option<String>,
    /// Tools used.
    #[serde(default)]
    #[schemars(description = "Strumenti")]
    pub strumenti: Option<String>,
    /// First day, `AAAA-MM-GG`.
    #[schemars(description = "Data di inizio, AAAA-MM-GG")]
    pub data_inizio: String,
    /// Last day (included), `AAAA-MM-GG`.
    #[schemars(description = "Data di fine (compresa), AAAA-MM-GG")]
    pub data_fine: String,
    /// Where the data come from.
    #[serde(default)]
    #[schemars(description = "Fonte del dato")]
    pub fonte_dato: Option<String>,
    /// Milestones, each within the sub-phase's dates.
    #[serde(default)]
    #[schemars(description = "Le milestone della sottofase, ciascuna entro le sue date")]
    pub milestone: Vec<Milestone>,
}

/// A milestone of a sub-phase.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una milestone della sottofase")]
pub struct Milestone {
    /// What is reached.
    #[schemars(description = "Descrizione della milestone")]
    pub descrizione: String,
    /// When, `AAAA-MM-GG`.
    #[schemars(description = "Data, AAAA-MM-GG")]
    pub data: String,
}

/// A category of objectives monitored in a sub-phase.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una categoria di obiettivi monitorata in una sottofase")]
pub struct CategoriaMonitorata {
    /// The sub-phase (its `id`).
    #[schemars(description = "La sottofase (il suo `id`)")]
    pub sottofase: String,
    /// The category of objectives.
    #[schemars(description = "La categoria di obiettivi")]
    pub categoria: CategoriaObiettivi,
    /// Who takes part.
    #[serde(default)]
    #[schemars(description = "Attori coinvolti")]
    pub attori: Option<String>,
    /// What is done.
    #[serde(default)]
    #[schemars(description = "Attività svolte")]
    pub attivita: Option<String>,
    /// First day, `AAAA-MM-GG`.
    #[schemars(description = "Data di inizio, AAAA-MM-GG")]
    pub data_inizio: String,
    /// Last day (included), `AAAA-MM-GG`.
    #[schemars(description = "Data di fine (compresa), AAAA-MM-GG")]
    pub data_fine: String,
}

/// The categories of objectives of subsections 2.1 and 2.2, as the portal lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(description = "Categoria di obiettivi delle sottosezioni 2.1 e 2.2")]
pub enum CategoriaObiettivi {
    /// 2.1: public value objectives.
    #[schemars(description = "Obiettivi di valore pubblico (2.1)")]
    ValorePubblico,
    /// 2.1: implementing strategies.
    #[schemars(description = "Strategie attuative (2.1)")]
    StrategieAttuative,
    /// 2.2: transversal objectives.
    #[schemars(description = "Obiettivi trasversali (2.2)")]
    Trasversali,
    /// 2.2: objectives of the whole administration.
    #[schemars(description = "Obiettivi relativi a tutta la PA (2.2)")]
    TuttaLaPa,
    /// 2.2: organizational performance.
    #[schemars(description = "Obiettivi di performance organizzativa (2.2)")]
    PerformanceOrganizzativa,
    /// 2.2: individual performance.
    #[schemars(description = "Obiettivi di performance individuale (2.2)")]
    PerformanceIndividuale,
}

impl CategoriaObiettivi {
    /// The category as printed.
    pub fn etichetta(self) -> &'static str {
        match self {
            CategoriaObiettivi::ValorePubblico => "Obiettivi di valore pubblico",
            CategoriaObiettivi::StrategieAttuative => "Strategie attuative",
            CategoriaObiettivi::Trasversali => "Obiettivi trasversali",
            CategoriaObiettivi::TuttaLaPa => "Obiettivi relativi a tutta la PA",
            CategoriaObiettivi::PerformanceOrganizzativa => {
                "Obiettivi di performance organizzativa"
            }
            CategoriaObiettivi::PerformanceIndividuale => "Obiettivi di performance individuale",
        }
    }
}

/// The time axis of a Gantt chart: whole months, from the first month of the earliest
/// date to the last month of the latest, each month the same width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Asse {
    /// First month on the axis.
    pub inizio: (i32, u8),
    /// How many months the axis spans (at least one).
    pub mesi: u32,
}

impl Asse {
    /// The axis spanning every date given, or `None` when there is none.
    pub fn di(date: impl IntoIterator<Item = Date>) -> Option<Asse> {
        let mut iter = date.into_iter();
        let first = iter.next()?;
        let (lo, hi) = iter.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d)));
        let mesi = mese_assoluto(hi) - mese_assoluto(lo) + 1;
        Some(Asse {
            inizio: (lo.year, lo.month),
            mesi: u32::try_from(mesi).unwrap_or(1),
        })
    }

    /// The `i`-th month of the axis (from 0) as year and month.
    pub fn mese(&self, i: u32) -> (i32, u8) {
        let abs = i64::from(self.inizio.0) * 12 + i64::from(self.inizio.1 - 1) + i64::from(i);
        (abs.div_euclid(12) as i32, (abs.rem_euclid(12) + 1) as u8)
    }

    /// Where a moment falls on the axis, from 0 (its start) to 1 (its end): the month's
    /// index plus the elapsed share of that month (`giorni`: days elapsed, fractional).
    fn frazione(&self, d: Date, giorni: f64) -> f64 {
        let inizio = i64::from(self.inizio.0) * 12 + i64::from(self.inizio.1 - 1);
        let indice = (mese_assoluto(d) - inizio) as f64;
        let lunghezza = f64::from(days_in_month(d.year, d.month));
        ((indice + giorni / lunghezza) / f64::from(self.mesi)).clamp(0.0, 1.0)
    }

    /// Where a bar from `inizio` to `fine` (both days included) starts and how wide it is,
    /// as shares of the axis.
    pub fn barra(&self, inizio: Date, fine: Date) -> (f64, f64) {
        let a = self.frazione(inizio, f64::from(inizio.day - 1));
        let b = self.frazione(fine, f64::from(fine.day));
        (a, (b - a).max(0.0))
    }

    /// Where a one-day event falls: the middle of its day, as a share of the axis.
    pub fn posizione(&self, d: Date) -> f64 {
        self.frazione(d, f64::from(d.day) - 0.5)
    }
}

/// Months since year 0 of a date.
fn mese_assoluto(d: Date) -> i64 {
    i64::from(d.year) * 12 + i64::from(d.month - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn axis_spans_whole_months_of_every_date() {
        let a = Asse::di([d("2024-02-01"), d("2024-12-31"), d("2024-01-15")]).unwrap();
        assert_eq!(
            a,
            Asse {
                inizio: (2024, 1),
                mesi: 12
            }
        );
        // From November 2023 to February 2025: 2 + 12 + 2 months.
        let b = Asse::di([d("2023-11-30"), d("2025-02-01")]).unwrap();
        assert_eq!(b.mesi, 16);
        assert_eq!(b.mese(0), (2023, 11));
        assert_eq!(b.mese(2), (2024, 1));
        assert_eq!(b.mese(15), (2025, 2));
        assert!(Asse::di([]).is_none());
    }

    #[test]
    fn a_bar_starts_and_spans_by_months() {
        let a = Asse {
            inizio: (2024, 1),
            mesi: 12,
        };
        // 1 February to 30 April: starts after January (1/12), spans Feb, Mar, Apr (3/12).
        let (x, w) = a.barra(d("2024-02-01"), d("2024-04-30"));
        assert!((x - 1.0 / 12.0).abs() < 1e-12, "{x}");
        assert!((w - 3.0 / 12.0).abs() < 1e-12, "{w}");
        // 16 to 31 January: half of January is 15/31 of it, then 16 days.
        let (x, w) = a.barra(d("2024-01-16"), d("2024-01-31"));
        assert!((x - 15.0 / 31.0 / 12.0).abs() < 1e-12);
        assert!((w - 16.0 / 31.0 / 12.0).abs() < 1e-12);
        // The whole year fills the axis.
        assert_eq!(a.barra(d("2024-01-01"), d("2024-12-31")), (0.0, 1.0));
        // 15 March, a one-day marker, sits mid-day: (2 + 14.5/31)/12.
        let m = a.posizione(d("2024-03-15"));
        assert!((m - (2.0 + 14.5 / 31.0) / 12.0).abs() < 1e-12);
        // 29 February of a leap year is the last of 29 days.
        let (x, w) = a.barra(d("2024-02-29"), d("2024-02-29"));
        assert!((x - (1.0 + 28.0 / 29.0) / 12.0).abs() < 1e-12);
        assert!((w - 1.0 / 29.0 / 12.0).abs() < 1e-12);
    }
}
