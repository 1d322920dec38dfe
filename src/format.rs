//! Italian formatting of numbers, amounts, percentages and dates, shared by every output.

/// Formats `value` with `decimals` digits, `.` as thousands separator and `,` as decimal mark.
///
/// `format_number(1171568.59, 2)` gives `1.171.568,59`.
pub fn format_number(value: f64, decimals: usize) -> String {
    let rounded = format!("{:.*}", decimals, value.abs());
    let (int_part, frac_part) = match rounded.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rounded.as_str(), None),
    };
    let mut grouped = String::with_capacity(int_part.len() + int_part.len() / 3);
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    let negative = value < 0.0 && rounded.chars().any(|c| c.is_ascii_digit() && c != '0');
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&grouped);
    if let Some(frac) = frac_part {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// Formats a number the way a plan writes a count or a plain value: no decimals when it is
/// whole, otherwise two.
pub fn format_plain(value: f64) -> String {
    if value.fract() == 0.0 {
        format_number(value, 0)
    } else {
        format_number(value, 2)
    }
}

/// Formats a percentage with two decimals: `40` gives `40,00%`.
pub fn format_percent(value: f64) -> String {
    format!("{}%", format_number(value, 2))
}

/// A period as printed: `2021 - 2023`, or one year.
pub fn periodo(inizio: i32, fine: i32) -> String {
    if inizio == fine {
        inizio.to_string()
    } else {
        format!("{inizio} - {fine}")
    }
}

/// Formats an amount in euro: `16000` gives `€ 16.000,00`.
pub fn format_euro(value: f64) -> String {
    format!("€ {}", format_number(value, 2))
}

const MONTHS: [&str; 12] = [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
];

/// A calendar date checked for validity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month.
    pub day: u8,
}

impl Date {
    /// Parses an ISO date `AAAA-MM-GG`, rejecting impossible days (31 April, 29 February
    /// of a common year).
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        let month: u8 = m.parse().ok()?;
        let day: u8 = d.parse().ok()?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// The date in words, as on a cover: `26 aprile 2021`.
    pub fn long(&self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month - 1)],
            self.year
        )
    }

    /// The date in a table cell: `01/02/2024`.
    pub fn short(&self) -> String {
        format!("{:02}/{:02}/{}", self.day, self.month, self.year)
    }

    /// The month and year in words: `febbraio 2024`.
    pub fn month_year(&self) -> String {
        format!("{} {}", MONTHS[usize::from(self.month - 1)], self.year)
    }

    /// Seconds since the Unix epoch at midnight UTC of this date.
    pub fn unix_seconds(&self) -> i64 {
        // Days from civil, after Howard Hinnant's algorithm.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        (era * 146_097 + doe - 719_468) * 86_400
    }

    /// The UTC date of a Unix timestamp in seconds.
    pub fn from_unix_seconds(secs: i64) -> Date {
        let z = secs.div_euclid(86_400) + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

/// Days in a month (1 to 12) of a year.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_use_italian_separators() {
        assert_eq!(format_number(1_171_568.59, 2), "1.171.568,59");
        assert_eq!(format_number(100.0, 2), "100,00");
        assert_eq!(format_number(999.0, 0), "999");
        assert_eq!(format_number(1000.0, 0), "1.000");
        assert_eq!(format_number(-5.0, 2), "-5,00");
        assert_eq!(format_number(-0.001, 2), "0,00");
        assert_eq!(format_plain(1489.0), "1.489");
        assert_eq!(format_plain(2.5), "2,50");
    }

    #[test]
    fn percent_and_euro() {
        assert_eq!(format_percent(40.0), "40,00%");
        assert_eq!(format_percent(33.335), "33,34%");
        assert_eq!(format_euro(16_000.0), "€ 16.000,00");
        assert_eq!(format_euro(4_739_598.16), "€ 4.739.598,16");
    }

    #[test]
    fn dates_are_checked_and_written_in_words() {
        let d = Date::parse_iso("2021-04-26").unwrap();
        assert_eq!(d.long(), "26 aprile 2021");
        assert!(Date::parse_iso("2021-02-29").is_none());
        assert!(Date::parse_iso("2024-02-29").is_some());
        assert!(Date::parse_iso("2021-04-31").is_none());
        assert!(Date::parse_iso("26.4.2021").is_none());
        assert!(Date::parse_iso("2021-4-26").is_none());
    }

    #[test]
    fn unix_seconds_round_trip() {
        let d = Date::parse_iso("2021-04-26").unwrap();
        assert_eq!(d.unix_seconds(), 1_619_395_200);
        assert_eq!(Date::from_unix_seconds(1_619_395_200 + 3600), d);
        assert_eq!(
            Date::from_unix_seconds(0),
            Date {
                year: 1970,
                month: 1,
                day: 1
            }
        );
    }
}
