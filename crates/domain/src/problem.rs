//! What can be wrong with one value a person typed, said so that they can fix it.

use serde::Serialize;

use crate::lang::Lang;

/// Why one field's value was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    /// Nothing was given where something is needed.
    Required,
    /// Longer than allowed.
    TooLong {
        /// The maximum number of characters.
        max: usize,
    },
    /// Not a date in YYYY-MM-DD form.
    NotADate {
        /// What was typed.
        given: String,
    },
    /// A date later than today where only past or present dates make sense.
    DateInFuture {
        /// What was typed.
        given: String,
    },
    /// Not yes or no.
    NotYesNo {
        /// What was typed.
        given: String,
    },
    /// Not of the shape the external system gives its ids.
    BadShape {
        /// What was typed.
        given: String,
        /// What shape was expected, in Spanish.
        expected_es: &'static str,
        /// What shape was expected, in English.
        expected_en: &'static str,
        /// A well-formed example.
        example: &'static str,
    },
    /// A code that is not in the catalogue.
    NotInCatalogue {
        /// What was typed.
        given: String,
        /// The codes that exist.
        known: Vec<String>,
    },
    /// The same value listed twice.
    Repeated {
        /// The repeated value.
        given: String,
    },
    /// A field the step does not record.
    UnknownField {
        /// The field's name as typed.
        given: String,
        /// The fields the step records.
        known: Vec<String>,
    },
    /// A field that must be a file was given as text, or the other way round.
    WantsFile,
    /// A field that must be text was given a file.
    WantsText,
    /// A signed copy that is not a PDF.
    NotAPdf {
        /// The file's name.
        name: String,
    },
    /// A number outside the allowed range.
    OutOfRange {
        /// What was typed.
        given: String,
        /// The smallest allowed value.
        min: i64,
        /// The largest allowed value.
        max: i64,
    },
    /// A RUC whose check digit does not match its base.
    WrongCheckDigit {
        /// What was typed.
        given: String,
        /// The digit the base calls for.
        expected: u8,
    },
    /// Not an e-mail address.
    NotAnEmail {
        /// What was typed.
        given: String,
    },
    /// A picture that is not a PNG image.
    NotAPng {
        /// The file's name.
        name: String,
    },
    /// Not an amount of money as the field wants it.
    NotAnAmount {
        /// What was typed.
        given: String,
        /// Whether a negative amount is allowed (an adjustment may give back).
        signed: bool,
    },
    /// A day earlier than another the field depends on.
    BeforeDay {
        /// What was typed, `YYYY-MM-DD`.
        given: String,
        /// The earliest day allowed, `YYYY-MM-DD`.
        earliest: String,
    },
    /// A file larger than the field allows.
    FileTooLarge {
        /// The file's name.
        name: String,
        /// Its size in kB.
        size_kb: u64,
        /// The most allowed, in kB.
        max_kb: u64,
    },
}

/// A day typed `YYYY-MM-DD` as people read it, dd/mm/aaaa (anything else as given).
fn day_first(given: &str) -> String {
    chrono::NaiveDate::parse_from_str(given.trim(), "%Y-%m-%d")
        .map_or_else(|_| given.to_string(), |d| d.format("%d/%m/%Y").to_string())
}

impl Problem {
    /// Describes the problem for the field named `label`.
    pub fn message(&self, label: &str, lang: Lang) -> String {
        use Problem::*;
        match (self, lang) {
            (Required, Lang::Es) => format!("falta «{label}»: es obligatorio"),
            (Required, Lang::En) => format!("«{label}» is missing: it is required"),
            (TooLong { max }, Lang::Es) => {
                format!("«{label}» es demasiado largo: como máximo {max} caracteres")
            }
            (TooLong { max }, Lang::En) => {
                format!("«{label}» is too long: at most {max} characters")
            }
            (NotADate { given }, Lang::Es) => {
                format!(
                    "«{label}»: «{given}» no es una fecha; escríbala AAAA-MM-DD, por ejemplo 2026-03-15"
                )
            }
            (NotADate { given }, Lang::En) => {
                format!(
                    "«{label}»: «{given}» is not a date; write it YYYY-MM-DD, for example 2026-03-15"
                )
            }
            (DateInFuture { given }, Lang::Es) => {
                let day = day_first(given);
                format!("«{label}»: {day} es una fecha futura; use la fecha en que ocurrió")
            }
            (DateInFuture { given }, Lang::En) => {
                let day = day_first(given);
                format!("«{label}»: {day} is in the future; use the date it happened")
            }
            (NotYesNo { given }, Lang::Es) => {
                format!("«{label}»: «{given}» no es sí ni no; escriba si o no")
            }
            (NotYesNo { given }, Lang::En) => {
                format!("«{label}»: «{given}» is neither yes nor no; write yes or no")
            }
            (
                BadShape {
                    given,
                    expected_es,
                    example,
                    ..
                },
                Lang::Es,
            ) => format!(
                "«{label}»: «{given}» no tiene la forma esperada ({expected_es}), por ejemplo {example}"
            ),
            (
                BadShape {
                    given,
                    expected_en,
                    example,
                    ..
                },
                Lang::En,
            ) => format!(
                "«{label}»: «{given}» does not have the expected shape ({expected_en}), for example {example}"
            ),
            (NotInCatalogue { given, known }, Lang::Es) => format!(
                "«{label}»: «{given}» no está en el catálogo; use uno de: {}",
                known.join(", ")
            ),
            (NotInCatalogue { given, known }, Lang::En) => format!(
                "«{label}»: «{given}» is not in the catalogue; use one of: {}",
                known.join(", ")
            ),
            (Repeated { given }, Lang::Es) => format!("«{label}»: «{given}» figura dos veces"),
            (Repeated { given }, Lang::En) => format!("«{label}»: «{given}» is listed twice"),
            (UnknownField { given, known }, Lang::Es) => format!(
                "este paso no registra «{given}»; sus campos son: {}",
                known.join(", ")
            ),
            (UnknownField { given, known }, Lang::En) => format!(
                "this step does not record «{given}»; its fields are: {}",
                known.join(", ")
            ),
            (WantsFile, Lang::Es) => format!("«{label}» es un archivo: adjúntelo"),
            (WantsFile, Lang::En) => format!("«{label}» is a file: attach it"),
            (NotAPdf { name }, Lang::Es) => format!(
                "«{label}»: {name} no es un PDF; adjunte el documento firmado escaneado o firmado digitalmente en PDF"
            ),
            (NotAPdf { name }, Lang::En) => format!(
                "«{label}»: {name} is not a PDF; attach the signed document, scanned or digitally signed, as a PDF"
            ),
            (NotAPng { name }, Lang::Es) => format!(
                "«{label}»: {name} no es una imagen PNG; exporte el logotipo como PNG (con fondo transparente, si lo tiene) y elíjalo de nuevo"
            ),
            (NotAPng { name }, Lang::En) => format!(
                "«{label}»: {name} is not a PNG image; export the logo as PNG (with a transparent background, if it has one) and choose it again"
            ),
            (
                FileTooLarge {
                    name,
                    size_kb,
                    max_kb,
                },
                Lang::Es,
            ) => format!(
                "«{label}»: {name} pesa {size_kb} kB y el máximo es {max_kb} kB; reduzca la imagen (unos 600 píxeles de ancho bastan) y elíjala de nuevo"
            ),
            (
                FileTooLarge {
                    name,
                    size_kb,
                    max_kb,
                },
                Lang::En,
            ) => format!(
                "«{label}»: {name} is {size_kb} kB and the most allowed is {max_kb} kB; make the picture smaller (about 600 pixels wide is enough) and choose it again"
            ),
            (NotAnAmount { given, signed }, Lang::Es) => format!(
                "«{label}»: «{given}» no es un importe en USD{}; escríbalo con punto decimal y hasta dos decimales, p. ej. 1234.57",
                if *signed {
                    " distinto de cero"
                } else {
                    " mayor que cero"
                }
            ),
            (NotAnAmount { given, signed }, Lang::En) => format!(
                "«{label}»: «{given}» is not a{} amount in USD; write it with a decimal point and up to two decimals, e.g. 1234.57",
                if *signed { " non-zero" } else { " positive" }
            ),
            (BeforeDay { given, earliest }, Lang::Es) => format!(
                "«{label}»: {} es anterior al {}; corrija la fecha",
                day_first(given),
                day_first(earliest)
            ),
            (BeforeDay { given, earliest }, Lang::En) => format!(
                "«{label}»: {} is before {}; correct the date",
                day_first(given),
                day_first(earliest)
            ),
            (WantsText, Lang::Es) => format!("«{label}» es un texto, no un archivo"),
            (WantsText, Lang::En) => format!("«{label}» is text, not a file"),
            (OutOfRange { given, min, max }, Lang::Es) => {
                format!("«{label}»: «{given}» debe ser un número entre {min} y {max}")
            }
            (OutOfRange { given, min, max }, Lang::En) => {
                format!("«{label}»: «{given}» must be a number from {min} to {max}")
            }
            (WrongCheckDigit { given, expected }, Lang::Es) => format!(
                "«{label}»: «{given}» no concuerda con su dígito verificador; revise el número completo (con esa base, el dígito sería {expected})"
            ),
            (WrongCheckDigit { given, expected }, Lang::En) => format!(
                "«{label}»: «{given}» does not match its check digit; check the whole number (with that base, the digit would be {expected})"
            ),
            (NotAnEmail { given }, Lang::Es) => {
                format!(
                    "«{label}»: «{given}» no es una dirección de correo, por ejemplo nombre@empresa.com.py"
                )
            }
            (NotAnEmail { given }, Lang::En) => {
                format!(
                    "«{label}»: «{given}» is not an e-mail address, for example name@company.com.py"
                )
            }
        }
    }
}

/// One field's problem, named by the field's key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field's key, as the command line and the UI name it.
    pub field: String,
    /// The field's label in Spanish.
    pub label_es: String,
    /// The field's label in English.
    pub label_en: String,
    /// What is wrong.
    pub problem: Problem,
}

impl FieldError {
    /// Builds the error of a field whose labels are known.
    pub fn new(field: &str, label_es: &str, label_en: &str, problem: Problem) -> FieldError {
        FieldError {
            field: field.to_string(),
            label_es: label_es.to_string(),
            label_en: label_en.to_string(),
            problem,
        }
    }

    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        self.problem
            .message(lang.pick(&self.label_es, &self.label_en), lang)
    }
}

/// Checks that a required text is present and not too long; returns it trimmed.
pub fn required_text(value: &str, max: usize) -> Result<String, Problem> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Problem::Required);
    }
    if v.chars().count() > max {
        return Err(Problem::TooLong { max });
    }
    Ok(v.to_string())
}

/// Checks the loose shape of an e-mail address: something@domain.tld, no spaces.
pub fn email(value: &str) -> Result<String, Problem> {
    let v = value.trim();
    let bad = || Problem::NotAnEmail {
        given: v.to_string(),
    };
    if v.chars().count() > 254 || v.chars().any(char::is_whitespace) {
        return Err(bad());
    }
    let (local, domain) = v.split_once('@').ok_or_else(bad)?;
    if local.is_empty()
        || domain.contains('@')
        || !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
    {
        return Err(bad());
    }
    Ok(v.to_string())
}
