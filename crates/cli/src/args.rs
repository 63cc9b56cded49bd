//! The command line's grammar. Help is bilingual (Spanish / English); messages follow `--lang`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Nimbo: la mesa de trabajo del equipo B2B Cloud / the B2B cloud team's workbench.
#[derive(Debug, Parser)]
#[command(name = "nimbo", version, about, long_about = None)]
pub struct Cli {
    /// Base de datos / database file (por defecto / default: la del usuario, compartida con la app de escritorio)
    #[arg(long, global = true, env = "NIMBO_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Quién actúa / who acts (usuario / username)
    #[arg(long = "as", global = true, env = "NIMBO_USER", value_name = "USER")]
    pub actor: Option<String>,
    /// Salida JSON / machine-readable JSON output
    #[arg(long, global = true)]
    pub json: bool,
    /// Idioma / language: es (por defecto) o en
    #[arg(
        long,
        global = true,
        env = "NIMBO_LANG",
        default_value = "es",
        value_name = "LANG"
    )]
    pub lang: String,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Crea la organización y su primer administrador / set up the organisation and its first admin
    Init(InitArgs),
    /// La organización: perfil y logotipo / the organisation: profile and logo
    #[command(subcommand)]
    Org(OrgCommand),
    /// Usuarios y roles / users and roles
    #[command(subcommand)]
    User(UserCommand),
    /// Los roles y lo que hacen / the roles and what they do
    Roles,
    /// Clientes / customers
    #[command(subcommand)]
    Customer(CustomerCommand),
    /// RUC: verificar el dígito / check the check digit
    #[command(subcommand)]
    Ruc(RucCommand),
    /// Los 22 pasos y sus campos / the 22 steps and their fields
    Steps {
        /// Un paso (número) / one step (number)
        step: Option<String>,
    },
    /// Pedidos / orders
    #[command(subcommand)]
    Order(OrderCommand),
    /// Mis tareas: pasos que esperan a mis roles / my tasks: steps waiting for my roles
    Tasks {
        /// Cuántos / how many
        #[arg(long, default_value_t = 50)]
        limit: i64,
        /// Desde / offset
        #[arg(long, default_value_t = 0)]
        offset: i64,
    },
    /// Documentos y firmas / documents and signatures
    #[command(subcommand)]
    Doc(DocCommand),
    /// Registro de auditoría / audit trail
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Sincronización con el servidor central / sync with the central server
    #[command(subcommand)]
    Sync(SyncCommand),
    /// Suscripciones / subscriptions
    #[command(subcommand)]
    Subscription(crate::billing_args::SubscriptionCommand),
    /// Bajas (DOMAIN §6) / terminations
    #[command(subcommand)]
    Termination(crate::lifecycle_args::TerminationCommand),
    /// Suspensiones por deuda / suspensions for debt
    #[command(subcommand)]
    Suspension(crate::lifecycle_args::SuspensionCommand),
    /// Reconexiones / reconnections
    #[command(subcommand)]
    Reconnection(crate::lifecycle_args::ReconnectionCommand),
    /// Facturación: importar, correr, cerrar, exportar, ajustar, cotizar / billing
    #[command(subcommand)]
    Billing(crate::billing_args::BillingCommand),
    /// Horas profesionales / professional hours
    #[command(subcommand)]
    Hours(crate::billing_args::HoursCommand),
    /// Facturas de CBS/Siebel / CBS/Siebel invoices
    #[command(subcommand)]
    Invoice(crate::billing_args::InvoiceCommand),
    /// Pagos / payments
    #[command(subcommand)]
    Payment(crate::billing_args::PaymentCommand),
    /// Estado de cuenta de un cliente y período (PDF) / a customer's statement of a period (PDF)
    Statement(crate::billing_args::StatementArgs),
    /// Feriados del Paraguay / Paraguay's holidays
    #[command(subcommand)]
    Holidays(crate::billing_args::HolidaysCommand),
    /// Planes y precios / plans and prices
    #[command(subcommand)]
    Plan(crate::billing_args::PlanCommand),
    /// Riesgos del catálogo / the catalogue's risks
    #[command(subcommand)]
    Risk(crate::billing_args::RiskCommand),
    /// Llena una base vacía con datos de demostración / fill an empty database with demo data
    Demo {
        /// Cuántos pedidos / how many orders
        #[arg(long, default_value_t = 500)]
        orders: usize,
        /// Semilla / random seed
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Nombre de la organización / organisation name
    #[arg(long)]
    pub org_name: String,
    /// RUC de la organización / organisation RUC
    #[arg(long)]
    pub org_ruc: String,
    /// Usuario del administrador / admin username
    #[arg(long)]
    pub admin: String,
    /// Nombre completo del administrador / admin full name
    #[arg(long)]
    pub admin_name: String,
    /// Correo del administrador / admin e-mail
    #[arg(long)]
    pub admin_email: Option<String>,
    /// Logotipo de la organización, PNG / the organisation's logo, PNG
    #[arg(long, value_name = "PNG")]
    pub logo: Option<std::path::PathBuf>,
}

// Parsed once per process: boxing the edit's many optional fields would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Muestra el perfil de la organización / show the organisation's profile
    Show,
    /// Edita el perfil (vacío borra un dato opcional) / edit the profile (empty clears an optional value)
    Edit {
        /// Nombre / name
        #[arg(long)]
        name: Option<String>,
        /// RUC
        #[arg(long)]
        ruc: Option<String>,
        /// Dirección / address
        #[arg(long)]
        address: Option<String>,
        /// Teléfono / phone
        #[arg(long)]
        phone: Option<String>,
        /// Correo / e-mail
        #[arg(long)]
        email: Option<String>,
        /// Sitio web / website
        #[arg(long)]
        website: Option<String>,
        /// Dirección del portal TBO de facturas / address of the TBO invoices portal
        #[arg(long, value_name = "URL")]
        tbo_url: Option<String>,
        /// Cómo y cuándo llega la contraseña del MCO, completa «La recibirá …» / how and when the MCO password arrives
        #[arg(long, value_name = "TEXTO")]
        mco_password_delivery: Option<String>,
        /// Cómo abrir un ticket de soporte / how to open a support ticket
        #[arg(long, value_name = "TEXTO")]
        ticket_instructions: Option<String>,
        /// Tiempo de respuesta a incidentes críticos / response time to critical incidents
        #[arg(long, value_name = "TEXTO")]
        response_critical: Option<String>,
        /// Tiempo de respuesta a incidentes de severidad alta / response time to high-severity incidents
        #[arg(long, value_name = "TEXTO")]
        response_high: Option<String>,
        /// Tiempo de respuesta a incidentes de severidad normal / response time to normal incidents
        #[arg(long, value_name = "TEXTO")]
        response_normal: Option<String>,
        /// Días que una factura puede estar vencida antes de listarse para suspensión, 0 a 180 (vacío: 15) / days an invoice may be overdue before it is listed for suspension, 0 to 180 (empty: 15)
        #[arg(long, value_name = "DÍAS")]
        suspension_grace_days: Option<String>,
    },
    /// Pone el logotipo (PNG) o lo quita con --remove / set the logo (PNG), or remove it with --remove
    Logo {
        /// El archivo PNG / the PNG file
        #[arg(required_unless_present = "remove", conflicts_with = "remove")]
        file: Option<std::path::PathBuf>,
        /// Quita el logotipo / remove the logo
        #[arg(long)]
        remove: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Crea un usuario / create a user
    Add {
        /// Usuario / username
        username: String,
        /// Nombre completo / full name
        #[arg(long)]
        name: String,
        /// Correo / e-mail
        #[arg(long)]
        email: Option<String>,
        /// Rol (repetible) / role (repeatable)
        #[arg(long = "role")]
        roles: Vec<String>,
    },
    /// Lista los usuarios / list users
    List,
    /// Muestra un usuario / show a user
    Show {
        /// Usuario / username
        username: String,
    },
    /// Asigna un rol / grant a role
    Grant {
        /// Usuario / username
        username: String,
        /// Rol / role
        role: String,
    },
    /// Quita un rol / revoke a role
    Revoke {
        /// Usuario / username
        username: String,
        /// Rol / role
        role: String,
    },
    /// Desactiva un usuario / deactivate a user
    Deactivate {
        /// Usuario / username
        username: String,
    },
    /// Reactiva un usuario / reactivate a user
    Activate {
        /// Usuario / username
        username: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Crea un cliente / create a customer
    Add {
        /// Razón social / legal name
        #[arg(long)]
        name: String,
        /// RUC
        #[arg(long)]
        ruc: String,
        /// Segmento: corporate, large, government
        #[arg(long)]
        segment: String,
        /// Dirección postal (se imprime en los documentos) / postal address (printed on documents)
        #[arg(long)]
        address: Option<String>,
        /// Cuenta de facturación Siebel / Siebel billing account
        #[arg(long)]
        billing_account: Option<String>,
        /// Ciclo de facturación / billing cycle
        #[arg(long)]
        cycle: Option<String>,
    },
    /// Busca clientes / search customers
    List {
        /// Parte del nombre o RUC / part of the name or RUC
        #[arg(long, default_value = "")]
        search: String,
        /// Cuántos / how many
        #[arg(long, default_value_t = 50)]
        limit: i64,
        /// Desde / offset
        #[arg(long, default_value_t = 0)]
        offset: i64,
    },
    /// Muestra un cliente / show a customer
    Show {
        /// RUC
        ruc: String,
    },
    /// Edita un cliente / edit a customer
    Edit {
        /// RUC
        ruc: String,
        /// Razón social / legal name
        #[arg(long)]
        name: Option<String>,
        /// Segmento / segment
        #[arg(long)]
        segment: Option<String>,
        /// Dirección postal; vacía la quita / postal address; empty removes it
        #[arg(long)]
        address: Option<String>,
        /// Cuenta de facturación / billing account
        #[arg(long)]
        billing_account: Option<String>,
        /// Ciclo / cycle
        #[arg(long)]
        cycle: Option<String>,
    },
    /// Agrega un representante legal / add a legal representative
    AddRep {
        /// RUC
        ruc: String,
        /// Nombre / name
        #[arg(long)]
        name: String,
        /// Documento de identidad / identity document
        #[arg(long)]
        document: String,
        /// Correo / e-mail
        #[arg(long)]
        email: String,
        /// Teléfono / phone
        #[arg(long)]
        phone: String,
    },
    /// Corrige un representante legal / correct a legal representative
    EditRep {
        /// RUC
        ruc: String,
        /// El representante: su documento de identidad o su id / the representative: their identity document or id
        rep: String,
        /// Nombre / name
        #[arg(long)]
        name: Option<String>,
        /// Documento de identidad / identity document
        #[arg(long)]
        document: Option<String>,
        /// Correo / e-mail
        #[arg(long)]
        email: Option<String>,
        /// Teléfono / phone
        #[arg(long)]
        phone: Option<String>,
    },
    /// Quita un representante legal / remove a legal representative
    RemoveRep {
        /// RUC
        ruc: String,
        /// El representante: su documento de identidad o su id / the representative: their identity document or id
        rep: String,
    },
    /// Registra el Contrato Marco firmado / record the signed master contract
    Contract {
        /// RUC
        ruc: String,
        /// Fecha de firma AAAA-MM-DD / signing date YYYY-MM-DD
        #[arg(long)]
        signed_on: String,
        /// Referencia / reference
        #[arg(long)]
        reference: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum RucCommand {
    /// Verifica un RUC (sale con 1 si es inválido) / check a RUC (exit 1 when invalid)
    Check {
        /// RUC, p. ej. 80028061-0
        ruc: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum OrderCommand {
    /// Abre un pedido / open an order
    Create {
        /// RUC del cliente / customer's RUC
        #[arg(long)]
        customer: String,
        /// Qué se vende / what is sold
        #[arg(long)]
        title: String,
    },
    /// Completa el paso actual / complete the current step
    Step {
        /// Número de pedido / order number
        number: String,
        /// El paso (por defecto el actual) / the step (default: the current one)
        #[arg(long)]
        step: Option<String>,
        /// Campo=valor (repetible) / field=value (repeatable)
        #[arg(long = "set", value_name = "FIELD=VALUE")]
        values: Vec<String>,
        /// Campo=archivo (repetible) / field=path (repeatable)
        #[arg(long = "file", value_name = "FIELD=PATH")]
        files: Vec<String>,
    },
    /// Rechaza el paso actual y devuelve el pedido / reject the current step, sending the order back
    Reject {
        /// Número de pedido / order number
        number: String,
        /// Motivo / reason
        #[arg(long)]
        reason: String,
    },
    /// Omite el paso actual (si es opcional) / skip the current step (if optional)
    Skip {
        /// Número de pedido / order number
        number: String,
        /// Motivo / reason
        #[arg(long)]
        reason: String,
    },
    /// Cancela el pedido / cancel the order
    Cancel {
        /// Número de pedido / order number
        number: String,
        /// Motivo / reason
        #[arg(long)]
        reason: String,
    },
    /// Muestra el pedido y sus 22 pasos / show the order and its 22 steps
    Show {
        /// Número de pedido / order number
        number: String,
    },
    /// Lista pedidos / list orders
    List(OrderListArgs),
    /// Historial del pedido / the order's history
    History {
        /// Número de pedido / order number
        number: String,
    },
}

#[derive(Debug, Args)]
pub struct OrderListArgs {
    /// Parte del nombre del cliente / part of the customer's name
    #[arg(long)]
    pub customer: Option<String>,
    /// RUC (o su comienzo) / RUC (or its beginning)
    #[arg(long)]
    pub ruc: Option<String>,
    /// Paso actual (número) / current step (number)
    #[arg(long)]
    pub step: Option<String>,
    /// Rol al que le toca / role whose turn it is
    #[arg(long)]
    pub role: Option<String>,
    /// open, completed, cancelled
    #[arg(long)]
    pub status: Option<String>,
    /// Esperando más de N días / waiting more than N days
    #[arg(long)]
    pub older_than_days: Option<i64>,
    /// Los que más esperan primero / longest waiting first
    #[arg(long)]
    pub oldest_first: bool,
    /// Cuántos / how many
    #[arg(long, default_value_t = 50)]
    pub limit: i64,
    /// Desde / offset
    #[arg(long, default_value_t = 0)]
    pub offset: i64,
}

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Conecta este equipo al servidor (la contraseña se lee de la entrada o de
    /// NIMBO_PASSWORD, nunca de un argumento) / connect this computer to the server (the
    /// password is read from standard input or NIMBO_PASSWORD, never an argument)
    Login {
        /// Dirección del servidor / server address, e.g. https://sync.empresa.com.py
        #[arg(long)]
        server: String,
        /// Usuario / username
        #[arg(long)]
        user: String,
    },
    /// Envía lo pendiente y trae lo de los demás / send what waits and bring what others did
    Now,
    /// Estado: pendientes, rechazados, última sincronización / status
    Status,
    /// Operaciones rechazadas o en conflicto, con el motivo / refused or conflicting operations, with the reason
    Refused,
    /// Conflictos de edición con otras personas (lo que quedó y por qué) / edit conflicts with other people (what was kept and why)
    Conflicts,
    /// Desconecta este equipo (lo pendiente queda en cola) / disconnect this computer (pending work stays queued)
    Logout,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Verifica la cadena de hashes / verify the hash chain
    Verify,
}

/// Which document of which order or process.
#[derive(Debug, Args)]
pub struct DocTarget {
    /// Tipo: welcome_kit, acceptance_act, risk_act, penalty_table, termination_confirmation, suspension_notice, reconnection_notice / kind of document
    pub kind: String,
    /// Número de pedido / order number
    #[arg(long, required_unless_present = "process", conflicts_with = "process")]
    pub order: Option<String>,
    /// Número de baja, suspensión o reconexión (BAJ-…, SUS-…, REC-…) / number of a termination, suspension or reconnection
    #[arg(long)]
    pub process: Option<String>,
}

impl DocTarget {
    /// The order's or process's number given.
    pub fn number(&self) -> &str {
        self.order
            .as_deref()
            .or(self.process.as_deref())
            .unwrap_or_default()
    }
}

#[derive(Debug, Subcommand)]
pub enum DocCommand {
    /// Genera un documento (nueva versión solo si cambiaron sus datos) / generate a document (a new version only when its data changed)
    Generate {
        /// Tipo: welcome_kit, acceptance_act, risk_act, penalty_table, termination_confirmation, suspension_notice, reconnection_notice / kind of document
        kind: String,
        /// Número de pedido / order number
        #[arg(
            long,
            required_unless_present_any = ["completed_in", "process"],
            conflicts_with_all = ["completed_in", "process"]
        )]
        order: Option<String>,
        /// Número de baja, suspensión o reconexión (BAJ-…, SUS-…, REC-…) / number of a termination, suspension or reconnection
        #[arg(long, conflicts_with = "completed_in")]
        process: Option<String>,
        /// Archivo PDF de salida / output PDF file
        #[arg(
            short = 'o',
            long = "out",
            value_name = "FILE",
            conflicts_with = "completed_in"
        )]
        out: Option<PathBuf>,
        /// Todos los pedidos completados en un mes (AAAA-MM) / every order completed in a month (YYYY-MM)
        #[arg(long, value_name = "YYYY-MM", requires = "out_dir")]
        completed_in: Option<String>,
        /// Carpeta de salida del lote / output folder of the batch
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
    /// Verifica si un PDF es una versión emitida por Nimbo (sale con 1 si fue alterado o es desconocido) / check whether a PDF is a version Nimbo issued (exit 1 when altered or unknown)
    Verify {
        /// El PDF / the PDF
        file: PathBuf,
    },
    /// Versiones de los documentos de un pedido o de un trámite / versions of an order's or a process's documents
    List {
        /// Número de pedido / order number
        #[arg(long, required_unless_present = "process", conflicts_with = "process")]
        order: Option<String>,
        /// Número de baja, suspensión o reconexión / number of a termination, suspension or reconnection
        #[arg(long)]
        process: Option<String>,
    },
    /// Certificado de finalización de la última versión: firmantes, eventos y hashes / certificate of completion of the latest version: signers, events and hashes
    Certificate {
        #[command(flatten)]
        target: DocTarget,
        /// Archivo PDF de salida / output PDF file
        #[arg(short = 'o', long = "out", value_name = "FILE")]
        out: PathBuf,
    },
    /// Firmas pendientes: quién falta firmar qué / pending signatures: who still has to sign what
    Pending,
    /// Registra el envío a firmar / record that it was sent for signature
    Send {
        #[command(flatten)]
        target: DocTarget,
        /// Canal: email, in_person, courier, signature_platform / channel
        #[arg(long)]
        channel: String,
        /// Vence sin firmar después de (AAAA-MM-DD) / expires unsigned after (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        expires: Option<String>,
    },
    /// Firma en persona con la firma dibujada (PNG) / sign in person with the drawn signature (PNG)
    Sign {
        #[command(flatten)]
        target: DocTarget,
        /// Quién firma: customer u organisation / who signs
        #[arg(long)]
        signer: String,
        /// La firma dibujada, PNG / the drawn signature, PNG
        #[arg(long, value_name = "PNG")]
        signature: PathBuf,
        /// Guarda el PDF firmado / save the signed PDF
        #[arg(short = 'o', long = "out", value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Adjunta una copia firmada (PDF) / attach a signed copy (PDF)
    AttachSigned {
        #[command(flatten)]
        target: DocTarget,
        /// La copia firmada / the signed copy
        file: PathBuf,
        /// De quién son las firmas (repetible; por defecto customer) / whose signatures it carries (repeatable; default customer)
        #[arg(long = "signer")]
        signers: Vec<String>,
    },
    /// Registra que un firmante rechazó firmar / record that a signer refused to sign
    Decline {
        #[command(flatten)]
        target: DocTarget,
        /// Quién: customer u organisation / who
        #[arg(long)]
        signer: String,
        /// Motivo / reason
        #[arg(long)]
        reason: String,
    },
    /// Anula la última versión / void the latest version
    Void {
        #[command(flatten)]
        target: DocTarget,
        /// Motivo / reason
        #[arg(long)]
        reason: String,
    },
    /// Marca vencida la última versión sin firmar / mark the latest unsigned version expired
    Expire {
        #[command(flatten)]
        target: DocTarget,
    },
}
