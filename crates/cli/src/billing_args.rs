//! The command line's words for billing (DOMAIN §5): subscriptions, imports, runs, locks
//! and exports, adjustments, the quote, hours, invoices, payments, statements, the
//! catalogue's plans and risks, and the holidays.

use std::path::PathBuf;

use clap::{Args, Subcommand};

/// `nimbo subscription …`
#[derive(Debug, Subcommand)]
pub enum SubscriptionCommand {
    /// Las suscripciones / the subscriptions
    List,
    /// Una suscripción / one subscription
    Show {
        /// Subscriber ID de Siebel o id / Siebel Subscriber ID or id
        subscription: String,
    },
    /// Sus bajas, suspensiones y reconexiones / its terminations, suspensions and reconnections
    History {
        /// Subscriber ID de Siebel o id / Siebel Subscriber ID or id
        subscription: String,
    },
}

/// `nimbo billing …`
#[derive(Debug, Subcommand)]
pub enum BillingCommand {
    /// Importa un export de consumo FOCUS o CUR 2.0 (CSV o gzip) / import a FOCUS or CUR 2.0 export
    Import {
        /// El archivo / the file
        file: PathBuf,
        /// Dónde escribir el informe de problemas (CSV) / where to write the problem report (CSV)
        #[arg(long)]
        problems: Option<PathBuf>,
    },
    /// La corrida de un período (vista previa, o la cerrada) / a period's run (preview, or the locked one)
    Run(PeriodArg),
    /// Cierra un período / lock a period
    Lock(LockArgs),
    /// Exporta un período para Satélite (y lo cierra) / export a period for Satélite (and lock it)
    Export {
        #[command(flatten)]
        lock: LockArgs,
        /// El archivo CSV / the CSV file
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Un ajuste, cobrado en el próximo período abierto / an adjustment, charged in the next open period
    Adjust(AdjustArgs),
    /// Cuánto costará un mes / what a month will cost
    Quote(QuoteArgs),
}

/// A period.
#[derive(Debug, Args)]
pub struct PeriodArg {
    /// AAAA-MM: el período que empieza el 15 de ese mes / YYYY-MM: the period starting on the 15th
    #[arg(long)]
    pub period: String,
}

/// Locking a period.
#[derive(Debug, Args)]
pub struct LockArgs {
    /// AAAA-MM
    #[arg(long)]
    pub period: String,
    /// El hash de la corrida revisada (si cambió, no se cierra) / the hash of the run looked at
    #[arg(long)]
    pub hash: Option<String>,
}

/// An adjustment.
#[derive(Debug, Args)]
pub struct AdjustArgs {
    /// Subscriber ID de Siebel / Siebel Subscriber ID
    #[arg(long)]
    pub subscription: String,
    /// Importe neto, negativo para devolver (-10.00) / net amount, negative to give back
    #[arg(long, allow_hyphen_values = true)]
    pub amount: String,
    /// Motivo, como lo leerá el cliente / reason, as the customer will read it
    #[arg(long)]
    pub reason: String,
    /// Plan que corrige (aws si se omite) / plan corrected (aws when omitted)
    #[arg(long, default_value = "")]
    pub plan: String,
}

/// The quote's request.
#[derive(Debug, Args)]
pub struct QuoteArgs {
    /// AAAA-MM
    #[arg(long)]
    pub period: String,
    /// Primer día activo (AAAA-MM-DD) / first active day
    #[arg(long)]
    pub active_from: Option<String>,
    /// Último día activo (AAAA-MM-DD) / last active day
    #[arg(long)]
    pub active_until: Option<String>,
    /// Consumo de AWS del mes / the month's AWS consumption
    #[arg(long)]
    pub consumption: Option<String>,
    /// Con servicios administrados VIP / with VIP managed services
    #[arg(long)]
    pub vip: bool,
    /// Horas: INICIO/FIN en hora de Asunción (2026-11-23T17:00/2026-11-23T19:30) / hours
    #[arg(long)]
    pub hours: Vec<String>,
}

/// `nimbo hours …`
#[derive(Debug, Subcommand)]
pub enum HoursCommand {
    /// Registra un intervalo de trabajo / log an interval of work
    Log {
        /// Subscriber ID de Siebel / Siebel Subscriber ID
        #[arg(long)]
        subscription: String,
        /// Inicio, hora de Asunción (2026-11-23T17:00) / start, Asunción time
        #[arg(long)]
        start: String,
        /// Fin / end
        #[arg(long)]
        end: String,
        /// Qué se hizo / what was done
        #[arg(long)]
        what: String,
        /// Quién trabajó (usted si se omite) / who worked (you when omitted)
        #[arg(long, default_value = "")]
        person: String,
    },
    /// Las horas de una suscripción / a subscription's hours
    List {
        /// Subscriber ID de Siebel / Siebel Subscriber ID
        #[arg(long)]
        subscription: String,
    },
}

/// `nimbo invoice …`
#[derive(Debug, Subcommand)]
pub enum InvoiceCommand {
    /// Registra una factura de CBS/Siebel / record a CBS/Siebel invoice
    Add {
        /// Número / number
        #[arg(long)]
        number: String,
        /// Cuenta de facturación de Siebel / Siebel billing account
        #[arg(long)]
        account: String,
        /// Emisión (AAAA-MM-DD) / issue date
        #[arg(long)]
        issued: String,
        /// Vencimiento (AAAA-MM-DD) / due date
        #[arg(long)]
        due: String,
        /// Importe con IVA / amount with IVA
        #[arg(long)]
        amount: String,
    },
    /// Importa facturas de un CSV (numero, cuenta_facturacion, emision, vencimiento, importe) / import invoices
    Import {
        /// El archivo / the file
        file: PathBuf,
    },
    /// Las facturas / the invoices
    List,
    /// La deuda de un cliente / a customer's debt
    Debt {
        /// RUC del cliente / customer's RUC
        #[arg(long)]
        customer: String,
    },
}

/// `nimbo payment …`
#[derive(Debug, Subcommand)]
pub enum PaymentCommand {
    /// Registra un pago / record a payment
    Add {
        /// Número de factura / invoice number
        #[arg(long)]
        invoice: String,
        /// Fecha de pago (AAAA-MM-DD) / payment date
        #[arg(long)]
        date: String,
        /// Importe / amount
        #[arg(long)]
        amount: String,
        /// Referencia / reference
        #[arg(long)]
        reference: String,
    },
}

/// `nimbo statement --customer RUC --period AAAA-MM -o FILE`, or `nimbo statement list …`
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct StatementArgs {
    /// Otra acción con los estados de cuenta / another action on statements
    #[command(subcommand)]
    pub command: Option<StatementCommand>,
    /// RUC del cliente / customer's RUC
    #[arg(long, required = true)]
    pub customer: Option<String>,
    /// AAAA-MM
    #[arg(long, required = true)]
    pub period: Option<String>,
    /// El PDF / the PDF
    #[arg(short = 'o', long = "output", required = true)]
    pub output: Option<PathBuf>,
}

/// `nimbo statement list …`
#[derive(Debug, Subcommand)]
pub enum StatementCommand {
    /// Los estados de cuenta de un cliente con sus versiones / a customer's statements
    /// with their versions
    List {
        /// RUC del cliente / customer's RUC
        #[arg(long)]
        customer: String,
    },
}

/// `nimbo holidays …`
#[derive(Debug, Subcommand)]
pub enum HolidaysCommand {
    /// Los feriados / the holidays
    List {
        /// Año / year
        #[arg(long)]
        year: Option<i32>,
    },
    /// Agrega o renombra un feriado / add or rename a holiday
    Set {
        /// AAAA-MM-DD
        #[arg(long)]
        date: String,
        /// Nombre / name
        #[arg(long)]
        name: String,
    },
    /// Quita un feriado / remove a holiday
    Remove {
        /// AAAA-MM-DD
        #[arg(long)]
        date: String,
    },
}

/// `nimbo plan …`
#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Los planes y sus precios en el tiempo / plans and their prices over time
    List,
    /// Un precio nuevo desde una fecha / a new price from a day on
    Price {
        /// Código / code
        #[arg(long)]
        code: String,
        /// Vigente desde (AAAA-MM-DD, hoy o después) / in force from
        #[arg(long)]
        from: String,
        /// Nombre / name
        #[arg(long, default_value = "")]
        name: String,
        /// consumption | share | hourly
        #[arg(long, default_value = "")]
        kind: String,
        /// Porcentaje (0.15) o tarifa por hora / share or hourly rate
        #[arg(long)]
        rate: Option<String>,
        /// Mínimo mensual / monthly minimum
        #[arg(long)]
        minimum: Option<String>,
        /// Tarifa de horario hábil (true/false) / business-hours rate
        #[arg(long)]
        business_hours: Option<bool>,
    },
}

/// `nimbo risk …`
#[derive(Debug, Subcommand)]
pub enum RiskCommand {
    /// Los riesgos del catálogo / the catalogue's risks
    List,
    /// Agrega o corrige un riesgo / add or correct a risk
    Set {
        /// Código / code
        #[arg(long)]
        code: String,
        /// Texto en español / Spanish text
        #[arg(long)]
        es: String,
        /// Texto en inglés / English text
        #[arg(long)]
        en: String,
        /// Qué significa para el cliente, en español (lo imprime el acta) / what it means, Spanish
        #[arg(long)]
        description_es: String,
        /// Qué significa, en inglés / what it means, English
        #[arg(long, default_value = "")]
        description_en: String,
        /// Retirado (no se ofrece más) / retired
        #[arg(long)]
        retired: bool,
    },
}
