//! Why billing refuses a change: each case a person can act on, with a message in Spanish
//! and English that says what to do. They travel as [`crate::DomainError::Billing`].

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::code::ErrorCode;
use crate::lang::Lang;

use super::money::es_py;
use super::period::Period;

/// A refusal by a billing rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BillingError {
    /// The change touches a locked period.
    #[error("period locked")]
    PeriodLocked {
        /// The period.
        period: Period,
    },
    /// A statement of a period not locked yet.
    #[error("period not locked")]
    PeriodNotLocked {
        /// The period.
        period: Period,
    },
    /// The period was locked with other charges than the ones asked for.
    #[error("period locked otherwise")]
    LockedOtherwise {
        /// The period.
        period: Period,
        /// Who locked it.
        by: String,
    },
    /// The run's inputs changed since the person looked at it.
    #[error("run changed")]
    RunChanged {
        /// The period.
        period: Period,
    },
    /// The same export was imported before.
    #[error("already imported")]
    AlreadyImported {
        /// The file's name when it was imported.
        file_name: String,
        /// The day it was imported.
        on: NaiveDate,
        /// Who imported it.
        by: String,
    },
    /// A new price that would change the past.
    #[error("price in the past")]
    PriceInThePast {
        /// The plan.
        plan: String,
        /// The day asked.
        from: NaiveDate,
        /// Today.
        today: NaiveDate,
    },
    /// A plan code the catalogue does not have.
    #[error("unknown plan")]
    UnknownPlan {
        /// The code.
        code: String,
    },
    /// A payment larger than what is owed.
    #[error("payment exceeds balance")]
    PaymentExceedsBalance {
        /// The invoice.
        invoice: String,
        /// The payment.
        amount: Decimal,
        /// What is owed.
        balance: Decimal,
    },
    /// A payment with a reference already recorded on the invoice.
    #[error("payment recorded")]
    PaymentRecorded {
        /// The invoice.
        invoice: String,
        /// The reference.
        reference: String,
    },
}

impl BillingError {
    /// The stable code the UI and scripts branch on.
    pub fn code(&self) -> ErrorCode {
        match self {
            BillingError::PeriodLocked { .. } => ErrorCode::PeriodLocked,
            BillingError::PeriodNotLocked { .. } => ErrorCode::PeriodNotLocked,
            BillingError::LockedOtherwise { .. } => ErrorCode::PeriodLockedOtherwise,
            BillingError::RunChanged { .. } => ErrorCode::RunChanged,
            BillingError::AlreadyImported { .. } => ErrorCode::AlreadyImported,
            BillingError::PriceInThePast { .. } => ErrorCode::PriceInThePast,
            BillingError::UnknownPlan { .. } => ErrorCode::UnknownPlan,
            BillingError::PaymentExceedsBalance { .. } => ErrorCode::PaymentExceedsBalance,
            BillingError::PaymentRecorded { .. } => ErrorCode::PaymentRecorded,
        }
    }

    /// The message in the user's language: the rule, and what to do.
    pub fn message(&self, lang: Lang) -> String {
        let es = lang == Lang::Es;
        let day = |d: &NaiveDate| d.format("%d/%m/%Y").to_string();
        match self {
            BillingError::PeriodLocked { period } if es => format!(
                "El período {period} ({}) ya está cerrado y exportado: no se modifica. Registre un ajuste, que se cobrará en el próximo período abierto.",
                period.span_display()
            ),
            BillingError::PeriodLocked { period } => format!(
                "Period {period} ({}) is locked and exported: it is not changed. Record an adjustment, which is charged in the next open period.",
                period.span_display()
            ),
            BillingError::PeriodNotLocked { period } if es => format!(
                "El período {period} ({}) no está cerrado todavía: su estado de cuenta se emite con lo exportado a Satélite. Ciérrelo y expórtelo primero; luego emita el estado de cuenta.",
                period.span_display()
            ),
            BillingError::PeriodNotLocked { period } => format!(
                "Period {period} ({}) is not locked yet: its statement is issued with what was exported to Satélite. Lock and export it first, then issue the statement.",
                period.span_display()
            ),
            BillingError::LockedOtherwise { period, by } if es => format!(
                "{by} ya cerró el período {period} con otros importes. Sincronice, revise la corrida cerrada y, si algo falta, regístrelo como ajuste."
            ),
            BillingError::LockedOtherwise { period, by } => format!(
                "{by} already locked period {period} with other amounts. Sync, look at the locked run and record anything missing as an adjustment."
            ),
            BillingError::RunChanged { period } if es => format!(
                "Los datos del período {period} cambiaron desde que vio la corrida (consumo, horas, ajustes o precios recibidos). Vuelva a abrir la vista previa, revísela y cierre de nuevo."
            ),
            BillingError::RunChanged { period } => format!(
                "The data of period {period} changed since you looked at the run (consumption, hours, adjustments or prices received). Open the preview again, check it and lock again."
            ),
            BillingError::AlreadyImported { file_name, on, by } if es => format!(
                "Este archivo ya se importó ({file_name}, el {} por {by}): importarlo otra vez no cambia nada. Si el archivo se corrigió, expórtelo de nuevo del MCO e importe el nuevo.",
                day(on)
            ),
            BillingError::AlreadyImported { file_name, on, by } => format!(
                "This file was imported already ({file_name}, on {} by {by}): importing it again changes nothing. If the file was corrected, export it again from the MCO and import the new one.",
                day(on)
            ),
            BillingError::PriceInThePast { plan, from, today } if es => format!(
                "Un precio nuevo de {plan} no puede regir desde el {} porque ya pasó (hoy es {}): los períodos pasados se facturan con los precios de entonces. Indique hoy o una fecha futura.",
                day(from),
                day(today)
            ),
            BillingError::PriceInThePast { plan, from, today } => format!(
                "A new price of {plan} cannot apply from {} because that day has passed (today is {}): past periods are billed at the prices of their time. Give today or a later day.",
                day(from),
                day(today)
            ),
            BillingError::UnknownPlan { code } if es => format!(
                "El catálogo no tiene un plan «{code}». Elija uno de los planes del catálogo (nimbo plan list)."
            ),
            BillingError::UnknownPlan { code } => format!(
                "The catalogue has no plan «{code}». Choose one of the catalogue's plans (nimbo plan list)."
            ),
            BillingError::PaymentExceedsBalance {
                invoice,
                amount,
                balance,
            } if es => format!(
                "El pago de USD {} supera el saldo de la factura {invoice}, USD {}. Revise el importe; si el cliente pagó de más, registre solo el saldo y anote el resto aparte.",
                es_py(*amount, lang),
                es_py(*balance, lang)
            ),
            BillingError::PaymentExceedsBalance {
                invoice,
                amount,
                balance,
            } => format!(
                "The payment of USD {} exceeds invoice {invoice}'s balance of USD {}. Check the amount; if the customer overpaid, record the balance only and note the rest apart.",
                es_py(*amount, lang),
                es_py(*balance, lang)
            ),
            BillingError::PaymentRecorded { invoice, reference } if es => format!(
                "La factura {invoice} ya tiene un pago con la referencia «{reference}»: quizás otra persona ya lo registró. Revise los pagos de la factura antes de registrarlo otra vez."
            ),
            BillingError::PaymentRecorded { invoice, reference } => format!(
                "Invoice {invoice} already has a payment with reference «{reference}»: someone may have recorded it already. Check the invoice's payments before recording it again."
            ),
        }
    }
}
