//! Why a quote could not be made: what pre-sales typed, refused with a sentence that shows
//! how to write it (Spanish by `Display`, English by [`QuoteError::message`]).

use crate::Lang;
use crate::code::ErrorCode;
use crate::error::DomainError;

/// Why a quote could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuoteError {
    /// Not a period.
    #[error("«{0}» no es un período: escríbalo como AAAA-MM, p. ej. 2026-11 (del 15/11 al 14/12)")]
    NotAPeriod(String),
    /// Not a day.
    #[error("«{0}» no es una fecha: escríbala dd/mm/aaaa, p. ej. 25/11/2026")]
    NotADay(String),
    /// Not an amount.
    #[error("«{0}» no es un importe: escríbalo con coma decimal, p. ej. 1.234,57")]
    NotAnAmount(String),
    /// A separator that may be read as thousands or as decimals.
    #[error(
        "«{0}» puede leerse como miles o como decimales: escriba los miles sin separador y los decimales con coma, p. ej. 1234 o 1,234"
    )]
    AmbiguousAmount(String),
    /// Not an interval.
    #[error(
        "«{0}» no es un intervalo: escríbalo INICIO/FIN en hora de Asunción, p. ej. 2026-11-23T17:00/2026-11-23T19:30"
    )]
    NotAnInterval(String),
    /// The service would end before it starts.
    #[error("el servicio termina el {until} antes de empezar el {from}: revise las fechas")]
    EndsBeforeItStarts {
        /// The first active day, dd/mm/aaaa.
        from: String,
        /// The last active day.
        until: String,
    },
    /// The service is not active on any day of the period.
    #[error("con esas fechas el servicio no está activo ningún día del período {0}")]
    NotActiveInPeriod(String),
    /// An interval that starts outside the period.
    #[error(
        "el trabajo que empieza el {start} no pertenece al período {period}: cotícelo en el período de su día"
    )]
    HoursOutsidePeriod {
        /// When it starts, dd/mm/aaaa hh:mm.
        start: String,
        /// The period, 15/11/2026 – 14/12/2026.
        period: String,
    },
    /// No VIP plan in force on the period's first day.
    #[error("no hay un plan VIP vigente el {0}: revise el catálogo de planes")]
    NoVipPlan(String),
    /// An interval the hours log would refuse.
    #[error("{}", .0.message(Lang::Es))]
    Hours(DomainError),
}

impl QuoteError {
    /// The refusal in the user's language (its `Display` is the Spanish).
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::Es {
            return self.to_string();
        }
        match self {
            QuoteError::NotAPeriod(t) => {
                format!("«{t}» is not a period: write it as YYYY-MM, e.g. 2026-11 (15/11 to 14/12)")
            }
            QuoteError::NotADay(t) => {
                format!("«{t}» is not a date: write it dd/mm/yyyy, e.g. 25/11/2026")
            }
            QuoteError::NotAnAmount(t) => {
                format!(
                    "«{t}» is not an amount: write it with a decimal point or comma, e.g. 1234.57"
                )
            }
            QuoteError::AmbiguousAmount(t) => format!(
                "«{t}» may be read as thousands or as decimals: write thousands without a separator and decimals with a point, e.g. 1234 or 1.234"
            ),
            QuoteError::NotAnInterval(t) => format!(
                "«{t}» is not an interval: write it START/END in Asunción time, e.g. 2026-11-23T17:00/2026-11-23T19:30"
            ),
            QuoteError::EndsBeforeItStarts { from, until } => {
                format!("the service ends on {until} before it starts on {from}: check the dates")
            }
            QuoteError::NotActiveInPeriod(p) => {
                format!("with those dates the service is not active on any day of the period {p}")
            }
            QuoteError::HoursOutsidePeriod { start, period } => format!(
                "the work starting on {start} does not belong to the period {period}: quote it in its day's period"
            ),
            QuoteError::NoVipPlan(day) => {
                format!("no VIP plan is in force on {day}: check the plan catalogue")
            }
            QuoteError::Hours(e) => e.message(Lang::En),
        }
    }

    /// The code scripts branch on: the hours log's own for an interval it would refuse,
    /// else `invalid_fields`.
    pub fn code(&self) -> ErrorCode {
        match self {
            QuoteError::Hours(e) => e.code(),
            _ => ErrorCode::InvalidFields,
        }
    }
}
