//! The achievement of one indicator at one deadline, by the plan's rules: the kind of its
//! target decides the formula (higher or lower is better, yes/no, a deadline, a stated
//! figure), then the cap, the threshold and the bands apply. Every step is kept in the
//! record, so the OIV's annex can show how each figure was reached.

use serde::Serialize;

use crate::format::{Date, format_percent, format_plain};
use crate::model::target::{Struttura, struttura};
use crate::model::{Misurazione, Ponderazione, RisultatoMancante, Target};

/// How a target reads, for the purpose of measuring it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "tipo", rename_all = "snake_case")]
pub enum TipoTarget {
    /// A number to reach or exceed (`>= 250`, `1489`, `100,00%`).
    Maggiore {
        /// The number.
        valore: f64,
    },
    /// A number not to exceed (`<= 90 gg.`).
    Minore {
        /// The number.
        valore: f64,
    },
    /// `SI`: something to do.
    SiNo,
    /// `entro il 1/6/2019`: a date to meet.
    Scadenza {
        /// The date.
        data: Date,
    },
    /// Words that no formula can measure: the results file states the achievement.
    Testuale,
    /// `-`, `Non applicabile`: nothing to reach.
    NonApplicabile,
}

impl TipoTarget {
    /// Reads a target as the plan states it.
    pub fn di(target: &Target) -> TipoTarget {
        if !target.applicabile() {
            return TipoTarget::NonApplicabile;
        }
        if let Some(Struttura {
            confronto, valore, ..
        }) = struttura(target)
        {
            return match confronto.as_str() {
                "<=" | "<" => TipoTarget::Minore { valore },
                _ => TipoTarget::Maggiore { valore },
            };
        }
        let testo = target.testo();
        let t = testo.trim();
        let parola = t
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_uppercase();
        if parola == "SI" || parola == "SÌ" {
            return TipoTarget::SiNo;
        }
        if let Some(data) = data_entro(t) {
            return TipoTarget::Scadenza { data };
        }
        TipoTarget::Testuale
    }
}

/// The date of an `entro il 1/6/2019` (or `entro il 2019-06-01`) target.
fn data_entro(t: &str) -> Option<Date> {
    let lower = t.to_lowercase();
    let rest = lower
        .strip_prefix("entro il ")
        .or_else(|| lower.strip_prefix("entro "))?;
    parse_data(rest.trim().trim_end_matches('.'))
}

/// Parses `2021-06-01`, `1/6/2021` or `01/06/2021`.
pub fn parse_data(text: &str) -> Option<Date> {
    if let Some(d) = Date::parse_iso(text) {
        return Some(d);
    }
    let mut parts = text.split('/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    Date::parse_iso(&format!(
        "{y}-{:02}-{:02}",
        m.parse::<u8>().ok()?,
        d.parse::<u8>().ok()?
    ))
}

/// A result as measured, classified.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "tipo", content = "valore", rename_all = "snake_case")]
pub enum Misurato {
    /// A number.
    Numero(f64),
    /// `SI` or `NO`.
    SiNo(bool),
    /// A date.
    Data(Date),
    /// Words.
    Testo(String),
}

/// The rule applied to reach the raw figure, with its inputs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "regola", rename_all = "snake_case")]
pub enum Formula {
    /// Higher is better: result / target × 100.
    Rapporto {
        /// Result.
        risultato: f64,
        /// Target.
        target: f64,
    },
    /// Lower is better: target / result × 100.
    RapportoInverso {
        /// Result.
        risultato: f64,
        /// Target.
        target: f64,
    },
    /// A target of zero: met (100) or not (0).
    Zero {
        /// Whether the result meets it.
        raggiunto: bool,
    },
    /// `SI`/`NO`: 100 or 0.
    SiNo {
        /// The result.
        risultato: bool,
    },
    /// A deadline: 100 on time; late, 0 or minus points per day.
    Scadenza {
        /// Days late (0 when on time).
        giorni_ritardo: i64,
        /// Points lost per day late, when the plan grades lateness.
        punti_per_giorno: Option<f64>,
    },
    /// Stated by the results file, for targets in words.
    Dichiarata,
    /// No result: counted as the plan says.
    Mancante,
}

/// One indicator's achievement, step by step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calcolo {
    /// The formula and its inputs.
    pub formula: Formula,
    /// The figure the formula gives, before the cap (percent).
    pub grezzo: f64,
    /// After the cap.
    pub limitato: f64,
    /// After the threshold and the bands: the achievement that counts (percent).
    pub finale: f64,
    /// Whether the threshold or a band changed the figure.
    pub fascia: Option<String>,
}

/// Why an indicator could not be measured: each is an error of the results file.
#[derive(Debug, Clone, PartialEq)]
pub enum Incompatibile {
    /// A number was expected (numeric target).
    AttesoNumero,
    /// `SI` or `NO` was expected.
    AttesoSiNo,
    /// A date was expected.
    AttesaData,
    /// A target in words needs the achievement stated (`realizzazione`).
    SenzaRealizzazione,
}

/// Computes the achievement of a target against a result (`None`: missing), with the
/// achievement stated by the results file for targets in words.
pub fn calcola(
    regole: &Misurazione,
    tipo: &TipoTarget,
    misurato: Option<&Misurato>,
    dichiarata: Option<f64>,
) -> Result<Option<Calcolo>, Incompatibile> {
    // A target met is 100%, one missed 0%.
    let pieno = |ok: bool| if ok { 100.0 } else { 0.0 };
    let (formula, grezzo) = match (tipo, misurato, dichiarata) {
        (TipoTarget::NonApplicabile, _, _) => return Ok(None),
        (_, _, Some(p)) => (Formula::Dichiarata, p),
        (_, None, None) => match regole.risultato_mancante.unwrap_or_default() {
            RisultatoMancante::Escluso => return Ok(None),
            RisultatoMancante::Zero => (Formula::Mancante, 0.0),
        },
        (TipoTarget::Maggiore { valore }, Some(m), None) => {
            let Misurato::Numero(r) = m else {
                return Err(Incompatibile::AttesoNumero);
            };
            if *valore == 0.0 {
                let raggiunto = *r >= 0.0;
                (Formula::Zero { raggiunto }, pieno(raggiunto))
            } else {
                (
                    Formula::Rapporto {
                        risultato: *r,
                        target: *valore,
                    },
                    r / valore * 100.0,
                )
            }
        }
        (TipoTarget::Minore { valore }, Some(m), None) => {
            let Misurato::Numero(r) = m else {
                return Err(Incompatibile::AttesoNumero);
            };
            if *r <= 0.0 || *valore == 0.0 {
                let raggiunto = *r <= *valore;
                (Formula::Zero { raggiunto }, pieno(raggiunto))
            } else {
                (
                    Formula::RapportoInverso {
                        risultato: *r,
                        target: *valore,
                    },
                    valore / r * 100.0,
                )
            }
        }
        (TipoTarget::SiNo, Some(m), None) => {
            let Misurato::SiNo(r) = m else {
                return Err(Incompatibile::AttesoSiNo);
            };
            (Formula::SiNo { risultato: *r }, pieno(*r))
        }
        (TipoTarget::Scadenza { data }, Some(m), None) => {
            let Misurato::Data(r) = m else {
                return Err(Incompatibile::AttesaData);
            };
            let giorni = ((r.unix_seconds() - data.unix_seconds()) / 86_400).max(0);
            let punti = regole.punti_ritardo;
            let grezzo = match (giorni, punti) {
                (0, _) => 100.0,
                (g, Some(p)) => 100.0 - p * g as f64,
                (_, None) => 0.0,
            };
            (
                Formula::Scadenza {
                    giorni_ritardo: giorni,
                    punti_per_giorno: punti,
                },
                grezzo,
            )
        }
        (TipoTarget::Testuale, Some(_), None) => return Err(Incompatibile::SenzaRealizzazione),
    };
    let limitato = grezzo.clamp(0.0, regole.tetto());
    let (finale, fascia) = regole.applica_fasce(limitato);
    Ok(Some(Calcolo {
        formula,
        grezzo,
        limitato,
        finale,
        fascia,
    }))
}

impl Misurazione {
    /// The rules in words, each with its value: the plan prints them, the OIV's annex of
    /// the Relazione too.
    pub fn in_parole(&self, ponderazione: Option<&Ponderazione>) -> Vec<(String, String)> {
        let mut out = vec![
            (
                "Tetto del grado di raggiungimento di un indicatore".to_string(),
                format_percent(self.tetto()),
            ),
            (
                "Soglia sotto la quale un indicatore conta zero".into(),
                self.soglia.map_or_else(|| "nessuna".into(), format_percent),
            ),
            (
                "Target a scadenza mancato".into(),
                self.punti_ritardo.map_or_else(
                    || "conta zero".into(),
                    |p| format!("100 meno {} punti per giorno di ritardo", format_plain(p)),
                ),
            ),
            (
                "Risultato mancante".into(),
                match self.risultato_mancante.unwrap_or_default() {
                    RisultatoMancante::Zero => "conta zero",
                    RisultatoMancante::Escluso => "l'indicatore è escluso dalla media",
                }
                .into(),
            ),
            (
                "Obiettivo con indicatori propri e obiettivi collegati".into(),
                ponderazione.map_or_else(
                    || "il piano non indica `ponderazione`: contano i soli indicatori propri".into(),
                    |p| {
                        format!(
                            "{} agli indicatori propri, {} agli obiettivi collegati (secondo i loro pesi)",
                            format_percent(p.quota_indicatori),
                            format_percent(100.0 - p.quota_indicatori)
                        )
                    },
                ),
            ),
            (
                "Pesi".into(),
                "normalizzati sulla loro somma; se un peso manca, media semplice".into(),
            ),
        ];
        for f in &self.fasce {
            out.push((
                format!("Fascia da {}", format_percent(f.da)),
                format!("vale {}", format_percent(f.punteggio)),
            ));
        }
        if self.pro_rata == Some(true) && !self.fasce.is_empty() {
            out.push((
                "Dentro una fascia".into(),
                "pro rata, dal punteggio della fascia a quello della successiva".into(),
            ));
        }
        out
    }

    /// The cap of an indicator's achievement: 100 unless the plan says otherwise.
    pub fn tetto(&self) -> f64 {
        self.tetto.unwrap_or(100.0)
    }

    /// Applies the threshold, then the bands: the figure that counts, and the band's words
    /// when a band or the threshold changed it.
    pub fn applica_fasce(&self, valore: f64) -> (f64, Option<String>) {
        if let Some(s) = self.soglia
            && valore < s
        {
            return (0.0, Some(format!("sotto la soglia del {}", pct(s))));
        }
        let fascia = self
            .fasce
            .iter()
            .filter(|f| valore >= f.da)
            .max_by(|a, b| a.da.total_cmp(&b.da));
        // Pro rata, the score runs from this band's to the next one's across the band.
        let successiva = fascia.and_then(|f| {
            self.fasce
                .iter()
                .filter(|g| g.da > f.da)
                .min_by(|a, b| a.da.total_cmp(&b.da))
        });
        match (fascia, successiva, self.pro_rata.unwrap_or(false)) {
            (Some(f), Some(g), true) => {
                let punteggio =
                    f.punteggio + (valore - f.da) / (g.da - f.da) * (g.punteggio - f.punteggio);
                let parole = format!(
                    "fascia da {} a {}, pro rata: {} + ({} − {}) / ({} − {}) × ({} − {}) = {}",
                    pct(f.da),
                    pct(g.da),
                    format_plain(f.punteggio),
                    format_plain(valore),
                    format_plain(f.da),
                    format_plain(g.da),
                    format_plain(f.da),
                    format_plain(g.punteggio),
                    format_plain(f.punteggio),
                    pct(punteggio)
                );
                (punteggio, (punteggio != valore).then_some(parole))
            }
            (Some(f), _, _) if f.punteggio != valore => (
                f.punteggio,
                Some(format!("fascia da {}: {}", pct(f.da), pct(f.punteggio))),
            ),
            _ => (valore, None),
        }
    }
}

impl Formula {
    /// The formula in words, with its figures: "200 / 250 × 100 = 80,00%".
    pub fn in_parole(&self, grezzo: f64) -> String {
        let g = format_percent(grezzo);
        match self {
            Formula::Rapporto { risultato, target } => format!(
                "risultato / target × 100 = {} / {} × 100 = {g}",
                format_plain(*risultato),
                format_plain(*target)
            ),
            Formula::RapportoInverso { risultato, target } => format!(
                "target / risultato × 100 = {} / {} × 100 = {g}",
                format_plain(*target),
                format_plain(*risultato)
            ),
            Formula::Zero { raggiunto: true } => format!("target zero raggiunto: {g}"),
            Formula::Zero { raggiunto: false } => format!("target zero non raggiunto: {g}"),
            Formula::SiNo { risultato: true } => format!("SI: {g}"),
            Formula::SiNo { risultato: false } => format!("NO: {g}"),
            Formula::Scadenza {
                giorni_ritardo: 0, ..
            } => format!("nei termini: {g}"),
            Formula::Scadenza {
                giorni_ritardo,
                punti_per_giorno: Some(p),
            } => format!(
                "{giorni_ritardo} giorni di ritardo: 100 − {} × {giorni_ritardo} = {g}",
                format_plain(*p)
            ),
            Formula::Scadenza { giorni_ritardo, .. } => {
                format!("{giorni_ritardo} giorni di ritardo: {g}")
            }
            Formula::Dichiarata => format!("dichiarato nel consuntivo: {g}"),
            Formula::Mancante => format!("risultato mancante: {g}"),
        }
    }
}

fn pct(v: f64) -> String {
    crate::format::format_percent(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Fascia;

    fn regole() -> Misurazione {
        Misurazione::default()
    }

    fn t(s: &str) -> TipoTarget {
        TipoTarget::di(&Target::Testo(s.into()))
    }

    fn finale(r: &Misurazione, target: &str, m: Misurato) -> f64 {
        calcola(r, &t(target), Some(&m), None)
            .unwrap()
            .unwrap()
            .finale
    }

    #[test]
    fn targets_read_by_their_wording() {
        assert_eq!(t(">= 250"), TipoTarget::Maggiore { valore: 250.0 });
        assert_eq!(t("1489"), TipoTarget::Maggiore { valore: 1489.0 });
        assert_eq!(t("<= 90 gg."), TipoTarget::Minore { valore: 90.0 });
        assert_eq!(t("SI"), TipoTarget::SiNo);
        assert_eq!(t("SI (avvio a regime)"), TipoTarget::SiNo);
        assert_eq!(
            t("entro il 1/6/2019"),
            TipoTarget::Scadenza {
                data: Date {
                    year: 2019,
                    month: 6,
                    day: 1
                }
            }
        );
        assert_eq!(t("Avvio gruppi di lavoro"), TipoTarget::Testuale);
        assert_eq!(t("Non applicabile"), TipoTarget::NonApplicabile);
        assert_eq!(t("-"), TipoTarget::NonApplicabile);
        // "Sito" is not "SI".
        assert_eq!(t("Sito rinnovato"), TipoTarget::Testuale);
    }

    #[test]
    fn higher_is_better_is_result_over_target_capped() {
        // 200 / 250 = 80%.
        assert_eq!(finale(&regole(), ">= 250", Misurato::Numero(200.0)), 80.0);
        // 300 / 250 = 120%, capped at 100%.
        let c = calcola(
            &regole(),
            &t(">= 250"),
            Some(&Misurato::Numero(300.0)),
            None,
        )
        .unwrap()
        .unwrap();
        assert_eq!((c.grezzo, c.limitato, c.finale), (120.0, 100.0, 100.0));
    }

    #[test]
    fn lower_is_better_is_target_over_result() {
        // 90 / 120 = 75%.
        assert_eq!(
            finale(&regole(), "<= 90 gg.", Misurato::Numero(120.0)),
            75.0
        );
        // 60 days against 90: on time, 150% capped at 100%.
        assert_eq!(
            finale(&regole(), "<= 90 gg.", Misurato::Numero(60.0)),
            100.0
        );
    }

    #[test]
    fn zero_targets_are_met_or_not() {
        assert_eq!(finale(&regole(), "0,00%", Misurato::Numero(0.5)), 100.0);
        assert_eq!(finale(&regole(), "0,00%", Misurato::Numero(-1.0)), 0.0);
        assert_eq!(finale(&regole(), "<= 0", Misurato::Numero(0.0)), 100.0);
        assert_eq!(finale(&regole(), "<= 0", Misurato::Numero(2.0)), 0.0);
    }

    #[test]
    fn a_reduction_target_reached_by_more_is_met() {
        // -7% against -5%: 140%, capped; +2% against -5%: negative, floored at 0.
        assert_eq!(finale(&regole(), "-5,00%", Misurato::Numero(-7.0)), 100.0);
        assert_eq!(finale(&regole(), "-5,00%", Misurato::Numero(-3.0)), 60.0);
        assert_eq!(finale(&regole(), "-5,00%", Misurato::Numero(2.0)), 0.0);
    }

    #[test]
    fn yes_no_and_deadlines_are_all_or_nothing_by_default() {
        assert_eq!(finale(&regole(), "SI", Misurato::SiNo(true)), 100.0);
        assert_eq!(finale(&regole(), "SI", Misurato::SiNo(false)), 0.0);
        let on_time = Misurato::Data(Date::parse_iso("2019-06-01").unwrap());
        let late = Misurato::Data(Date::parse_iso("2019-06-11").unwrap());
        assert_eq!(finale(&regole(), "entro il 1/6/2019", on_time), 100.0);
        assert_eq!(finale(&regole(), "entro il 1/6/2019", late.clone()), 0.0);
        // Two points per day late: 10 days late, 100 - 20 = 80%.
        let graded = Misurazione {
            punti_ritardo: Some(2.0),
            ..Misurazione::default()
        };
        assert_eq!(finale(&graded, "entro il 1/6/2019", late), 80.0);
    }

    #[test]
    fn threshold_and_bands() {
        let soglia = Misurazione {
            soglia: Some(70.0),
            ..Misurazione::default()
        };
        // 65% is below the 70% threshold: 0.
        assert_eq!(finale(&soglia, ">= 100", Misurato::Numero(65.0)), 0.0);
        assert_eq!(finale(&soglia, ">= 100", Misurato::Numero(75.0)), 75.0);
        let fasce = Misurazione {
            fasce: vec![
                Fascia {
                    da: 0.0,
                    punteggio: 0.0,
                },
                Fascia {
                    da: 70.0,
                    punteggio: 70.0,
                },
                Fascia {
                    da: 90.0,
                    punteggio: 90.0,
                },
                Fascia {
                    da: 100.0,
                    punteggio: 100.0,
                },
            ],
            ..Misurazione::default()
        };
        // 85% falls in the 70–90 band: 70; 95% in the 90–100 band: 90; 69%: 0.
        assert_eq!(finale(&fasce, ">= 100", Misurato::Numero(85.0)), 70.0);
        assert_eq!(finale(&fasce, ">= 100", Misurato::Numero(95.0)), 90.0);
        assert_eq!(finale(&fasce, ">= 100", Misurato::Numero(69.0)), 0.0);
        assert_eq!(finale(&fasce, ">= 100", Misurato::Numero(130.0)), 100.0);
        // Pro rata: bands 0/0, 70/50, 100/100; 85% is halfway from 70 to 100, so halfway
        // from 50 to 100: 75; 35% is halfway from 0 to 70: 25; 100% and beyond: 100.
        let pro_rata = Misurazione {
            fasce: vec![
                Fascia {
                    da: 0.0,
                    punteggio: 0.0,
                },
                Fascia {
                    da: 70.0,
                    punteggio: 50.0,
                },
                Fascia {
                    da: 100.0,
                    punteggio: 100.0,
                },
            ],
            pro_rata: Some(true),
            ..Misurazione::default()
        };
        assert_eq!(finale(&pro_rata, ">= 100", Misurato::Numero(85.0)), 75.0);
        assert_eq!(finale(&pro_rata, ">= 100", Misurato::Numero(35.0)), 25.0);
        assert_eq!(finale(&pro_rata, ">= 100", Misurato::Numero(120.0)), 100.0);
    }

    #[test]
    fn missing_results_count_as_the_plan_says() {
        let zero = calcola(&regole(), &t(">= 10"), None, None)
            .unwrap()
            .unwrap();
        assert_eq!((zero.formula, zero.finale), (Formula::Mancante, 0.0));
        let escluso = Misurazione {
            risultato_mancante: Some(RisultatoMancante::Escluso),
            ..Misurazione::default()
        };
        assert_eq!(calcola(&escluso, &t(">= 10"), None, None), Ok(None));
    }

    #[test]
    fn words_need_a_stated_achievement_and_kinds_must_match() {
        let words = t("Avvio gruppi di lavoro");
        let text = Misurato::Testo("avviati tre gruppi".into());
        assert_eq!(
            calcola(&regole(), &words, Some(&text), None),
            Err(Incompatibile::SenzaRealizzazione)
        );
        let stated = calcola(&regole(), &words, Some(&text), Some(80.0))
            .unwrap()
            .unwrap();
        assert_eq!((stated.formula, stated.finale), (Formula::Dichiarata, 80.0));
        let date = Misurato::Data(Date::parse_iso("2021-05-30").unwrap());
        assert_eq!(
            calcola(&regole(), &t(">= 250"), Some(&date), None),
            Err(Incompatibile::AttesoNumero)
        );
        assert_eq!(
            calcola(&regole(), &t("SI"), Some(&Misurato::Numero(1.0)), None),
            Err(Incompatibile::AttesoSiNo)
        );
    }

    #[test]
    fn dates_in_two_forms() {
        let d = Date::parse_iso("2021-06-01").unwrap();
        assert_eq!(parse_data("1/6/2021"), Some(d));
        assert_eq!(parse_data("01/06/2021"), Some(d));
        assert_eq!(parse_data("31/4/2021"), None);
    }
}
