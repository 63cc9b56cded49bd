//! What can be wrong with a row of an export, said so that the billing specialist can fix
//! it: each problem names its line (the file's physical line, the header being line 1),
//! its column, its kind from a closed list and the value seen, with a sentence in Spanish
//! and in English that says how to fix it.

use std::collections::BTreeMap;
use std::io::Write;

use nimbo_domain::Lang;
use nimbo_domain::billing::Period;

/// The kinds of problem an import reports: a closed list, so that screens can count and
/// filter them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProblemKind {
    /// The header lacks a column the format needs (nothing is imported).
    MissingColumn,
    /// The AWS account belongs to no subscription.
    UnknownAccount,
    /// The cost is not in USD.
    OtherCurrency,
    /// The cost is not a number.
    MalformedNumber,
    /// The cost is empty.
    EmptyCost,
    /// A date is not one of the forms AWS writes.
    MalformedDate,
    /// The charge belongs to a period already locked: it is compared, not imported.
    LockedPeriod,
    /// The charge category or line item type is not one Nimbo knows.
    UnknownCategory,
    /// A value Nimbo needs (the account, the service) is empty.
    EmptyValue,
    /// The line has fewer fields than the header (a cut file).
    TruncatedLine,
    /// The line has more fields than the header.
    ExtraFields,
}

impl ProblemKind {
    /// Every kind, in the order reports list them.
    pub const ALL: [ProblemKind; 11] = [
        ProblemKind::MissingColumn,
        ProblemKind::UnknownAccount,
        ProblemKind::OtherCurrency,
        ProblemKind::MalformedNumber,
        ProblemKind::EmptyCost,
        ProblemKind::MalformedDate,
        ProblemKind::LockedPeriod,
        ProblemKind::UnknownCategory,
        ProblemKind::EmptyValue,
        ProblemKind::TruncatedLine,
        ProblemKind::ExtraFields,
    ];

    /// A stable id for storage and the UI (`unknown_account`).
    pub fn id(self) -> &'static str {
        match self {
            ProblemKind::MissingColumn => "missing_column",
            ProblemKind::UnknownAccount => "unknown_account",
            ProblemKind::OtherCurrency => "other_currency",
            ProblemKind::MalformedNumber => "malformed_number",
            ProblemKind::EmptyCost => "empty_cost",
            ProblemKind::MalformedDate => "malformed_date",
            ProblemKind::LockedPeriod => "locked_period",
            ProblemKind::UnknownCategory => "unknown_category",
            ProblemKind::EmptyValue => "empty_value",
            ProblemKind::TruncatedLine => "truncated_line",
            ProblemKind::ExtraFields => "extra_fields",
        }
    }

    /// Its short name, as the report's «problema» column prints it.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ProblemKind::MissingColumn, Lang::Es) => "Falta una columna",
            (ProblemKind::MissingColumn, Lang::En) => "Missing column",
            (ProblemKind::UnknownAccount, Lang::Es) => "Cuenta AWS sin suscripción",
            (ProblemKind::UnknownAccount, Lang::En) => "Unknown AWS account",
            (ProblemKind::OtherCurrency, Lang::Es) => "Otra moneda",
            (ProblemKind::OtherCurrency, Lang::En) => "Other currency",
            (ProblemKind::MalformedNumber, Lang::Es) => "Importe mal escrito",
            (ProblemKind::MalformedNumber, Lang::En) => "Malformed number",
            (ProblemKind::EmptyCost, Lang::Es) => "Costo vacío",
            (ProblemKind::EmptyCost, Lang::En) => "Empty cost",
            (ProblemKind::MalformedDate, Lang::Es) => "Fecha mal escrita",
            (ProblemKind::MalformedDate, Lang::En) => "Malformed date",
            (ProblemKind::LockedPeriod, Lang::Es) => "Período cerrado",
            (ProblemKind::LockedPeriod, Lang::En) => "Locked period",
            (ProblemKind::UnknownCategory, Lang::Es) => "Categoría desconocida",
            (ProblemKind::UnknownCategory, Lang::En) => "Unknown category",
            (ProblemKind::EmptyValue, Lang::Es) => "Dato vacío",
            (ProblemKind::EmptyValue, Lang::En) => "Empty value",
            (ProblemKind::TruncatedLine, Lang::Es) => "Línea incompleta",
            (ProblemKind::TruncatedLine, Lang::En) => "Truncated line",
            (ProblemKind::ExtraFields, Lang::Es) => "Campos de más",
            (ProblemKind::ExtraFields, Lang::En) => "Extra fields",
        }
    }
}

/// One problem found in an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file's physical line the row starts on (the header is line 1).
    pub line: u64,
    /// The column's name as the header writes it (several, comma-separated, for a
    /// missing column).
    pub column: String,
    /// What is wrong.
    pub kind: ProblemKind,
    /// The value seen (shortened past 200 characters).
    pub value: String,
    /// What is wrong and how to fix it, in Spanish.
    pub message_es: String,
    /// The same in English.
    pub message_en: String,
}

/// The longest value a problem repeats, in characters.
const VALUE_SHOWN: usize = 200;

impl Problem {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Es => &self.message_es,
            Lang::En => &self.message_en,
        }
    }

    /// A problem whose value is taken from the file's bytes (shown as text even when they
    /// are not UTF-8).
    pub(crate) fn at(line: u64, column: &str, kind: ProblemKind, raw: &[u8]) -> Problem {
        let text = String::from_utf8_lossy(raw);
        let value: String = if text.chars().count() > VALUE_SHOWN {
            text.chars().take(VALUE_SHOWN).chain("…".chars()).collect()
        } else {
            text.into_owned()
        };
        let (message_es, message_en) = messages(kind, column, &value, None);
        Problem {
            line,
            column: column.to_string(),
            kind,
            value,
            message_es,
            message_en,
        }
    }

    /// A charge for a locked period.
    pub(crate) fn locked(line: u64, column: &str, raw: &[u8], period: Period) -> Problem {
        let mut problem = Problem::at(line, column, ProblemKind::LockedPeriod, raw);
        let (es, en) = messages(
            ProblemKind::LockedPeriod,
            column,
            &problem.value,
            Some(period),
        );
        problem.message_es = es;
        problem.message_en = en;
        problem
    }

    /// A line with `seen` fields where the header has `expected`.
    pub(crate) fn field_count(
        line: u64,
        header: &[String],
        seen: usize,
        last_value: &[u8],
    ) -> Problem {
        let expected = header.len();
        let kind = if seen < expected {
            ProblemKind::TruncatedLine
        } else {
            ProblemKind::ExtraFields
        };
        let column = header
            .get(seen.min(expected.saturating_sub(1)))
            .map(String::as_str)
            .unwrap_or_default();
        let mut problem = Problem::at(line, column, kind, last_value);
        if kind == ProblemKind::TruncatedLine {
            problem.message_es = format!(
                "La línea tiene {seen} de las {expected} columnas del encabezado y termina antes \
                 de «{column}»: el archivo parece cortado; descárguelo de nuevo del MCO e \
                 impórtelo otra vez."
            );
            problem.message_en = format!(
                "The line has {seen} of the header's {expected} columns and ends before \
                 «{column}»: the file looks cut short; download it again from the MCO and \
                 import it again."
            );
        } else {
            problem.message_es = format!(
                "La línea tiene {seen} columnas y el encabezado {expected}: revise si un texto \
                 con comas quedó sin comillas o descargue el archivo de nuevo del MCO."
            );
            problem.message_en = format!(
                "The line has {seen} columns and the header {expected}: check whether a text \
                 with commas lost its quotes, or download the file again from the MCO."
            );
        }
        problem
    }
}

/// The two sentences of a problem.
fn messages(
    kind: ProblemKind,
    column: &str,
    value: &str,
    period: Option<Period>,
) -> (String, String) {
    match kind {
        ProblemKind::MissingColumn => (
            format!(
                "Al encabezado le falta {column}: exporte el consumo del MCO en formato FOCUS \
                 1.x o AWS CUR 2.0 (CSV, con o sin gzip) con esas columnas."
            ),
            format!(
                "The header lacks {column}: export the consumption from the MCO as FOCUS 1.x \
                 or AWS CUR 2.0 (CSV, gzip or not) with those columns."
            ),
        ),
        ProblemKind::UnknownAccount => (
            format!(
                "La cuenta AWS «{value}» no pertenece a ninguna suscripción: asóciela a la \
                 suscripción del cliente e importe el archivo de nuevo."
            ),
            format!(
                "AWS account «{value}» belongs to no subscription: link it to the customer's \
                 subscription and import the file again."
            ),
        ),
        ProblemKind::OtherCurrency => (
            format!(
                "El costo está en «{value}» y Nimbo factura en USD: exporte el consumo en USD \
                 desde el MCO."
            ),
            format!(
                "The cost is in «{value}» and Nimbo bills in USD: export the consumption in \
                 USD from the MCO."
            ),
        ),
        ProblemKind::MalformedNumber => (
            format!(
                "«{value}» en {column} no es un importe: escríbalo con punto decimal \
                 (1234.5678, -0.25 o 1.5E-7), sin separador de miles ni moneda."
            ),
            format!(
                "«{value}» in {column} is not an amount: write it with a decimal point \
                 (1234.5678, -0.25 or 1.5E-7), without thousands separators or currency."
            ),
        ),
        ProblemKind::EmptyCost => (
            format!(
                "{column} está vacío: Nimbo no supone un costo; complete el importe (0 si no \
                 hubo costo) o descargue el archivo de nuevo del MCO."
            ),
            format!(
                "{column} is empty: Nimbo does not assume a cost; fill in the amount (0 if \
                 there was none) or download the file again from the MCO."
            ),
        ),
        ProblemKind::MalformedDate => (
            format!(
                "«{value}» en {column} no es una fecha y hora: escríbala como AWS, p. ej. \
                 2026-11-01T00:00:00Z, 2026-11-01T00:00:00.000Z o 2026-11-01 00:00:00 (UTC)."
            ),
            format!(
                "«{value}» in {column} is not a date and time: write it as AWS does, e.g. \
                 2026-11-01T00:00:00Z, 2026-11-01T00:00:00.000Z or 2026-11-01 00:00:00 (UTC)."
            ),
        ),
        ProblemKind::LockedPeriod => {
            let name = period.map(|p| p.to_string()).unwrap_or_default();
            let span = period.map(|p| p.span_display()).unwrap_or_default();
            (
                format!(
                    "El cargo del {value} pertenece al período {name} ({span}), ya cerrado: no \
                     se importa; su total se compara con lo facturado y una diferencia se \
                     corrige con un ajuste."
                ),
                format!(
                    "The charge of {value} belongs to period {name} ({span}), already locked: \
                     it is not imported; its total is compared with what was billed and a \
                     difference is corrected with an adjustment."
                ),
            )
        }
        ProblemKind::UnknownCategory => (
            format!(
                "«{value}» en {column} no es una categoría que Nimbo conozca: revise que el \
                 archivo sea FOCUS 1.x o CUR 2.0 sin modificar, o avise al equipo de Nimbo \
                 para que la clasifique."
            ),
            format!(
                "«{value}» in {column} is not a category Nimbo knows: check that the file is \
                 an unmodified FOCUS 1.x or CUR 2.0 export, or ask Nimbo's team to classify it."
            ),
        ),
        ProblemKind::EmptyValue => (
            format!(
                "{column} está vacío: complete el dato o descargue el archivo de nuevo del MCO."
            ),
            format!("{column} is empty: fill it in or download the file again from the MCO."),
        ),
        ProblemKind::TruncatedLine | ProblemKind::ExtraFields => (
            format!("La línea no tiene las columnas del encabezado ({column})."),
            format!("The line does not have the header's columns ({column})."),
        ),
    }
}

/// The problems of one import: the first ones kept, all counted by kind, and every one
/// written to the optional report.
pub(crate) struct ProblemLog<'a> {
    pub(crate) kept: Vec<Problem>,
    keep: usize,
    pub(crate) counts: BTreeMap<ProblemKind, u64>,
    report: Option<(csv::Writer<&'a mut dyn Write>, Lang)>,
}

impl<'a> ProblemLog<'a> {
    /// A log keeping the first `keep` problems, writing all to `report` (header first).
    pub(crate) fn new(
        keep: usize,
        report: Option<(&'a mut dyn Write, Lang)>,
    ) -> std::io::Result<ProblemLog<'a>> {
        let report = match report {
            Some((sink, lang)) => {
                // A BOM, so that Excel reads the report as UTF-8.
                sink.write_all(b"\xEF\xBB\xBF")?;
                let mut writer = csv::Writer::from_writer(sink);
                writer.write_record(["linea", "columna", "problema", "valor", "detalle"])?;
                Some((writer, lang))
            }
            None => None,
        };
        Ok(ProblemLog {
            kept: Vec::new(),
            keep,
            counts: BTreeMap::new(),
            report,
        })
    }

    /// Notes a problem.
    pub(crate) fn note(&mut self, problem: Problem) -> std::io::Result<()> {
        *self.counts.entry(problem.kind).or_insert(0) += 1;
        if let Some((writer, lang)) = self.report.as_mut() {
            writer.write_record([
                problem.line.to_string().as_str(),
                problem.column.as_str(),
                problem.kind.label(*lang),
                problem.value.as_str(),
                problem.message(*lang),
            ])?;
        }
        if self.kept.len() < self.keep {
            self.kept.push(problem);
        }
        Ok(())
    }

    /// Flushes the report.
    pub(crate) fn finish(&mut self) -> std::io::Result<()> {
        if let Some((writer, _)) = self.report.as_mut() {
            writer.flush()?;
        }
        Ok(())
    }
}
