//! The command line's words for the service's life after onboarding (DOMAIN §6, §8):
//! terminations, suspensions and reconnections.

use std::path::PathBuf;

use clap::{Args, Subcommand};

/// What a step records, as on `nimbo order step`.
#[derive(Debug, Args)]
pub struct StepValues {
    /// Número del trámite (BAJ-…, SUS-…, REC-…) / the process's number
    pub number: String,
    /// El paso, por clave o número (por defecto el que espera) / the step, by key or number (default: the one it waits for)
    #[arg(long)]
    pub step: Option<String>,
    /// Campo=valor (repetible) / field=value (repeatable)
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    pub values: Vec<String>,
    /// Campo=archivo (repetible) / field=path (repeatable)
    #[arg(long = "file", value_name = "FIELD=PATH")]
    pub files: Vec<String>,
}

/// A process and a reason.
#[derive(Debug, Args)]
pub struct WithReason {
    /// Número del trámite / the process's number
    pub number: String,
    /// Motivo / reason
    #[arg(long)]
    pub reason: String,
}

/// Listing processes.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Solo los abiertos / open ones only
    #[arg(long)]
    pub open: bool,
    /// Cuántos / how many
    #[arg(long, default_value_t = 100)]
    pub limit: u32,
}

/// `nimbo termination …`
#[derive(Debug, Subcommand)]
pub enum TerminationCommand {
    /// Registra la solicitud de baja del cliente (paso 1) / enter a customer's termination request
    Request {
        /// Subscriber ID de Siebel / Siebel Subscriber ID
        #[arg(long)]
        subscription: String,
        /// Último día de servicio, AAAA-MM-DD, al menos 30 días después de hoy / last day of service
        #[arg(long)]
        date: String,
        /// La carta firmada por el representante legal (PDF) / the letter signed by the legal representative
        #[arg(long)]
        letter: PathBuf,
        /// Un plan que se da de baja (repetible; ninguno: todo el contrato) / a plan ended (none: the whole contract)
        #[arg(long = "plan")]
        plans: Vec<String>,
        /// Una cuenta de AWS que se da de baja (repetible) / an AWS account ended
        #[arg(long = "aws-account")]
        aws_accounts: Vec<String>,
    },
    /// Completa el paso que espera / complete the step it waits for
    Step(StepValues),
    /// Rechaza el paso que espera / reject the step it waits for
    Reject(WithReason),
    /// Autoriza o rechaza en nombre de un rol (baja con deuda) / authorise or refuse in a role's name
    Authorise {
        /// Número del trámite / the process's number
        number: String,
        /// credit_manager, sales_manager u offers
        #[arg(long)]
        role: String,
        /// Rechaza en vez de autorizar / refuse instead of authorising
        #[arg(long)]
        refuse: bool,
        /// Motivo / reason
        #[arg(long)]
        reason: String,
    },
    /// Cancela la baja / cancel the termination
    Cancel(WithReason),
    /// Una baja con sus pasos / one termination with its steps
    Show {
        /// Número / number
        number: String,
    },
    /// Las bajas / the terminations
    List(ListArgs),
}

/// `nimbo suspension …`
#[derive(Debug, Subcommand)]
pub enum SuspensionCommand {
    /// Decide suspender por facturas vencidas (créditos) / decide to suspend for overdue invoices
    Decide {
        /// Subscriber ID de Siebel / Siebel Subscriber ID
        #[arg(long)]
        subscription: String,
    },
    /// Completa el paso que espera / complete the step it waits for
    Step(StepValues),
    /// Cancela la suspensión / cancel the suspension
    Cancel(WithReason),
    /// Una suspensión con sus pasos / one suspension with its steps
    Show {
        /// Número / number
        number: String,
    },
    /// Las suspensiones / the suspensions
    List(ListArgs),
}

/// `nimbo reconnection …`
#[derive(Debug, Subcommand)]
pub enum ReconnectionCommand {
    /// Confirma el pago de una suscripción suspendida (paso 1) / confirm a suspended subscription's payment
    Confirm {
        /// Subscriber ID de Siebel / Siebel Subscriber ID
        #[arg(long)]
        subscription: String,
        /// Referencia del pago / payment reference
        #[arg(long)]
        reference: String,
        /// Fecha del pago, AAAA-MM-DD / date of the payment
        #[arg(long)]
        paid_on: String,
    },
    /// Completa el paso que espera / complete the step it waits for
    Step(StepValues),
    /// Cancela la reconexión / cancel the reconnection
    Cancel(WithReason),
    /// Una reconexión con sus pasos / one reconnection with its steps
    Show {
        /// Número / number
        number: String,
    },
    /// Las reconexiones / the reconnections
    List(ListArgs),
}
