//! The errors a use case returns: the domain's refusals, and what can go wrong around
//! them (a record not found, a duplicate, a file that cannot be read, the database).
//! Each has a stable code (one of [`ErrorCode`]) and a message in the user's language
//! that says how to fix it.

use std::path::PathBuf;

use nimbo_domain::operation::{EntityKind, Refusal};
use nimbo_domain::problem::FieldError;
use nimbo_domain::{DomainError, ErrorCode, Lang};
use nimbo_store::StoreError;
use serde::Serialize;

/// A use case's failure.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A rule of the domain refused the action.
    #[error("{}", .0.message(Lang::Es))]
    Domain(#[from] DomainError),
    /// The database has no organisation yet.
    #[error("not initialised")]
    NotInitialised,
    /// The organisation was already set up.
    #[error("already initialised")]
    AlreadyInitialised {
        /// Its name.
        name: String,
    },
    /// No one said who is acting.
    #[error("no actor")]
    NoActor,
    /// No user with that username.
    #[error("unknown user")]
    UnknownUser {
        /// The username asked.
        username: String,
    },
    /// A user with that username exists already.
    #[error("user exists")]
    UserExists {
        /// The username.
        username: String,
    },
    /// No customer with that RUC.
    #[error("customer not found")]
    CustomerNotFound {
        /// The RUC asked.
        ruc: String,
    },
    /// A customer with that RUC exists already.
    #[error("customer exists")]
    CustomerExists {
        /// The RUC.
        ruc: String,
        /// The existing customer's name.
        name: String,
    },
    /// No order with that number.
    #[error("order not found")]
    OrderNotFound {
        /// The number asked.
        number: String,
    },
    /// No subscription with that Subscriber ID or id.
    #[error("subscription not found")]
    SubscriptionNotFound {
        /// What was asked.
        text: String,
    },
    /// No termination, suspension or reconnection with that number.
    #[error("process not found")]
    ProcessNotFound {
        /// What was asked.
        text: String,
    },
    /// No invoice with that number.
    #[error("invoice not found")]
    InvoiceNotFound {
        /// The number asked.
        number: String,
    },
    /// No customer has that Siebel billing account.
    #[error("billing account not found")]
    BillingAccountNotFound {
        /// The account asked.
        account: String,
    },
    /// A consumption export could not be imported at all (nothing was).
    #[error("{}", .0.message(Lang::Es))]
    Import(nimbo_consumption::ImportError),
    /// The quote's request was not understood or cannot be quoted.
    #[error("{0}")]
    Quote(nimbo_domain::billing::QuoteError),
    /// A row of an invoices file could not be recorded.
    #[error("bad invoice file")]
    BadInvoiceFile {
        /// The file's line (the header is line 1).
        line: usize,
        /// What was wrong with it.
        detail: String,
    },
    /// A file could not be read.
    #[error("file unreadable")]
    FileUnreadable {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: FileProblem,
    },
    /// A copy of a file could not be written where the person chose.
    #[error("file not saved")]
    FileNotSaved {
        /// Where it was to be written.
        path: PathBuf,
        /// Why, as the system said it.
        reason: String,
    },
    /// A file is larger than allowed.
    #[error("file too large")]
    FileTooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        max: u64,
    },
    /// The order has no document of that kind yet.
    #[error("document not found")]
    DocumentNotFound {
        /// The order.
        number: String,
        /// The kind of document.
        kind: nimbo_domain::document::DocumentKind,
    },
    /// The customer has no legal representative to sign.
    #[error("no representative")]
    NoRepresentative {
        /// The customer's name.
        customer: String,
    },
    /// A file is not of the type asked, judged by its content.
    #[error("wrong file type")]
    WrongFileType {
        /// The file.
        path: PathBuf,
        /// What was expected (`PDF`, `PNG`).
        expected: &'static str,
    },
    /// The "signed copy" attached is the unsigned PDF Nimbo issued.
    #[error("unsigned original")]
    UnsignedOriginal {
        /// The document's number.
        number: String,
        /// The version.
        version: u32,
    },
    /// A document could not be rendered; the renderer's own message, in either language,
    /// is what the user reads.
    #[error("render failed")]
    Render(nimbo_docs::DocsError),
    /// The window sent a kind of document, a party or a channel Nimbo does not know.
    #[error("unknown {what}: {text}")]
    UnknownChoice {
        /// What was chosen (`document`, `party`, `channel`).
        what: &'static str,
        /// What was sent.
        text: String,
    },
    /// A file asked for is not one of the order's documents.
    #[error("document file not found")]
    DocumentFileNotFound {
        /// The order.
        number: String,
        /// The SHA-256 asked for.
        sha256: String,
    },
    /// A demonstration needs an empty database.
    #[error("demo needs empty database")]
    DemoNeedsEmptyDatabase,
    /// This database was never connected to a sync server.
    #[error("sync not connected")]
    SyncNotConnected,
    /// What was typed as the sync server's address is not one.
    #[error("not a server address: {url}")]
    SyncBadServerUrl {
        /// What was typed.
        url: String,
    },
    /// The sync server could not be reached; the work stays queued.
    #[error("sync server unreachable: {detail}")]
    SyncUnreachable {
        /// What failed, for the log.
        detail: String,
    },
    /// The sync server refused the request itself (not one operation).
    #[error("sync refused: {code}")]
    SyncRefused {
        /// The server's code.
        code: ErrorCode,
        /// The server's message (Spanish).
        message: String,
    },
    /// The sync server's answer is not what the protocol says.
    #[error("sync server answered HTTP {status}: {detail}")]
    SyncUnexpected {
        /// The HTTP status it came with.
        status: u16,
        /// What was wrong with it.
        detail: String,
    },
    /// An operation pulled from the server could not be replayed here.
    #[error("replay failed at {seq}: {code}")]
    SyncReplay {
        /// Its place in the server's sequence.
        seq: i64,
        /// Why, as a code.
        code: ErrorCode,
        /// Why, in words (Spanish).
        message: String,
    },
    /// An edit conflict's lost value cannot be put back: the conflict is gone, the user
    /// lost nothing in it, or the field is money.
    #[error("conflict not restorable")]
    ConflictNotRestorable,
    /// The domain's `apply` refused a change made here for a reason that is not a rule of
    /// the domain (a record it names is missing or taken, a version out of order…).
    #[error("{}", .0.message(Lang::Es))]
    Refused(Refusal),
    /// Another program holds the database.
    #[error("busy")]
    Busy,
    /// The database failed.
    #[error("{0}")]
    Store(StoreError),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> AppError {
        if e.is_busy() {
            AppError::Busy
        } else {
            AppError::Store(e)
        }
    }
}

/// A refusal of a change made here, in the words the use case had before it went
/// through `apply`: the domain's own refusals as they are, the ones a person can meet
/// (a username or organisation taken, the unsigned original offered as signed) as their
/// own errors.
impl From<Refusal> for AppError {
    fn from(refusal: Refusal) -> AppError {
        match refusal {
            Refusal::Domain(e) => AppError::Domain(e),
            Refusal::RecordExists {
                kind: EntityKind::User,
                key,
            } => AppError::UserExists { username: key },
            Refusal::AlreadyInitialised { name } => AppError::AlreadyInitialised { name },
            Refusal::UnsignedOriginal { number, version } => {
                AppError::UnsignedOriginal { number, version }
            }
            other => AppError::Refused(other),
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> AppError {
        AppError::from(StoreError::from(e))
    }
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// No file at that path.
    Missing,
    /// Not allowed to read it.
    Denied,
    /// The path is a folder.
    Folder,
    /// The file is empty.
    Empty,
    /// Anything else the system said.
    Other(String),
}

impl FileProblem {
    /// Classifies an error of the file system.
    pub fn from_io(e: &std::io::Error) -> FileProblem {
        match e.kind() {
            std::io::ErrorKind::NotFound => FileProblem::Missing,
            std::io::ErrorKind::PermissionDenied => FileProblem::Denied,
            std::io::ErrorKind::IsADirectory => FileProblem::Folder,
            _ => FileProblem::Other(e.to_string()),
        }
    }

    fn describe(&self, lang: Lang) -> String {
        match self {
            FileProblem::Missing => lang
                .pick(
                    "no existe; revise la ruta",
                    "it does not exist; check the path",
                )
                .into(),
            FileProblem::Denied => lang
                .pick("no tiene permiso para leerlo", "you may not read it")
                .into(),
            FileProblem::Folder => lang
                .pick(
                    "es una carpeta, no un archivo",
                    "it is a folder, not a file",
                )
                .into(),
            FileProblem::Empty => lang.pick("está vacío", "it is empty").into(),
            FileProblem::Other(text) => text.clone(),
        }
    }
}

/// An error as it crosses into a user interface: the UI branches on `code`.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ErrorPayload {
    /// A stable code.
    pub code: ErrorCode,
    /// The message in the user's language.
    pub message: String,
    /// The problems of individual fields, for forms.
    pub fields: Vec<FieldMessage>,
}

/// One field's problem, for a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct FieldMessage {
    /// The field's key.
    pub field: String,
    /// The message in the user's language.
    pub message: String,
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

impl AppError {
    /// The stable code the UI and scripts branch on.
    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::Domain(e) => e.code(),
            AppError::NotInitialised => ErrorCode::NotInitialised,
            AppError::AlreadyInitialised { .. } => ErrorCode::AlreadyInitialised,
            AppError::NoActor => ErrorCode::NoActor,
            AppError::UnknownUser { .. } => ErrorCode::UnknownUser,
            AppError::UserExists { .. } => ErrorCode::UserExists,
            AppError::CustomerNotFound { .. } => ErrorCode::CustomerNotFound,
            AppError::CustomerExists { .. } => ErrorCode::CustomerExists,
            AppError::OrderNotFound { .. } => ErrorCode::OrderNotFound,
            AppError::SubscriptionNotFound { .. } => ErrorCode::SubscriptionNotFound,
            AppError::ProcessNotFound { .. } => ErrorCode::ProcessNotFound,
            AppError::InvoiceNotFound { .. } => ErrorCode::InvoiceNotFound,
            AppError::BillingAccountNotFound { .. } => ErrorCode::BillingAccountNotFound,
            AppError::BadInvoiceFile { .. } => ErrorCode::BadInvoiceFile,
            AppError::Quote(e) => e.code(),
            AppError::Import(_) => ErrorCode::ImportFailed,
            AppError::FileUnreadable { .. } => ErrorCode::FileUnreadable,
            AppError::FileNotSaved { .. } => ErrorCode::FileNotSaved,
            AppError::FileTooLarge { .. } => ErrorCode::FileTooLarge,
            AppError::DocumentNotFound { .. } => ErrorCode::DocumentNotFound,
            AppError::NoRepresentative { .. } => ErrorCode::NoRepresentative,
            AppError::WrongFileType { .. } => ErrorCode::WrongFileType,
            AppError::UnsignedOriginal { .. } => ErrorCode::UnsignedOriginal,
            AppError::Render(e) => e.code(),
            AppError::UnknownChoice { .. } => ErrorCode::UnknownChoice,
            AppError::DocumentFileNotFound { .. } => ErrorCode::DocumentFileNotFound,
            AppError::DemoNeedsEmptyDatabase => ErrorCode::DemoNeedsEmptyDatabase,
            AppError::SyncNotConnected => ErrorCode::SyncNotConnected,
            AppError::SyncBadServerUrl { .. } => ErrorCode::SyncBadServerUrl,
            AppError::SyncUnreachable { .. } => ErrorCode::SyncUnreachable,
            AppError::SyncRefused {
                code: ErrorCode::BadCredentials,
                ..
            } => ErrorCode::SyncWrongCredentials,
            AppError::SyncRefused { .. } | AppError::SyncUnexpected { .. } => {
                ErrorCode::SyncRefused
            }
            AppError::SyncReplay { .. } => ErrorCode::SyncReplayFailed,
            AppError::ConflictNotRestorable => ErrorCode::ConflictNotRestorable,
            AppError::Refused(r) => r.code(),
            AppError::Busy => ErrorCode::DatabaseBusy,
            AppError::Store(_) => ErrorCode::DatabaseError,
        }
    }

    /// The field problems, when the error is about what was typed.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            AppError::Domain(DomainError::InvalidFields { errors }) => errors,
            _ => &[],
        }
    }

    /// The message in the user's language: what was wrong and what to do.
    pub fn message(&self, lang: Lang) -> String {
        // Grouped by what went wrong so that each group's words stay readable; the match
        // is exhaustive, so a new variant must be given a group.
        let message = match self {
            AppError::Domain(..)
            | AppError::NotInitialised
            | AppError::AlreadyInitialised { .. }
            | AppError::NoActor
            | AppError::UnknownUser { .. }
            | AppError::UserExists { .. }
            | AppError::CustomerNotFound { .. }
            | AppError::CustomerExists { .. }
            | AppError::OrderNotFound { .. }
            | AppError::SubscriptionNotFound { .. }
            | AppError::ProcessNotFound { .. }
            | AppError::InvoiceNotFound { .. }
            | AppError::BillingAccountNotFound { .. }
            | AppError::BadInvoiceFile { .. }
            | AppError::Quote(..)
            | AppError::Import(..)
            | AppError::DocumentNotFound { .. }
            | AppError::NoRepresentative { .. }
            | AppError::UnsignedOriginal { .. }
            | AppError::UnknownChoice { .. }
            | AppError::DemoNeedsEmptyDatabase => self.record_message(lang),
            AppError::FileUnreadable { .. }
            | AppError::FileNotSaved { .. }
            | AppError::FileTooLarge { .. }
            | AppError::WrongFileType { .. }
            | AppError::Render(..)
            | AppError::DocumentFileNotFound { .. } => self.file_message(lang),
            AppError::SyncNotConnected
            | AppError::SyncBadServerUrl { .. }
            | AppError::SyncUnreachable { .. }
            | AppError::SyncRefused { .. }
            | AppError::SyncUnexpected { .. }
            | AppError::SyncReplay { .. }
            | AppError::ConflictNotRestorable
            | AppError::Refused(..)
            | AppError::Busy
            | AppError::Store(..) => self.sync_message(lang),
        };
        message.unwrap_or_default()
    }

    /// The organisation, users, customers, orders and documents asked for.
    fn record_message(&self, lang: Lang) -> Option<String> {
        let es = lang == Lang::Es;
        Some(match self {
                AppError::Domain(e) => e.message(lang),
                AppError::NotInitialised => lang
                    .pick(
                        "la base de datos no tiene organización todavía: créela, o cargue datos de demostración para conocer Nimbo",
                        "the database has no organisation yet: set it up, or load demonstration data to get to know Nimbo",
                    )
                    .into(),
                AppError::AlreadyInitialised { name } => {
                    if es {
                        format!("la base de datos ya pertenece a «{name}»; para otra organización use otra base de datos")
                    } else {
                        format!("the database already belongs to «{name}»; for another organisation use another database")
                    }
                }
                AppError::NoActor => lang
                    .pick(
                        "no se sabe quién actúa: elija su usuario",
                        "nobody is acting: choose your user",
                    )
                    .into(),
                AppError::UnknownUser { username } => {
                    if es {
                        format!("no existe el usuario «{username}»; revise el nombre en la lista de usuarios")
                    } else {
                        format!("there is no user «{username}»; check the name in the list of users")
                    }
                }
                AppError::UserExists { username } => {
                    if es {
                        format!("ya existe el usuario «{username}»; elija otro nombre de usuario")
                    } else {
                        format!("user «{username}» already exists; choose another username")
                    }
                }
                AppError::CustomerNotFound { ruc } => {
                    if es {
                        format!("no hay cliente con RUC {ruc}; búsquelo por su nombre entre los clientes")
                    } else {
                        format!("there is no customer with RUC {ruc}; search for it by name among the customers")
                    }
                }
                AppError::CustomerExists { ruc, name } => {
                    if es {
                        format!("ya existe un cliente con RUC {ruc}: «{name}»; edítelo en lugar de crearlo de nuevo")
                    } else {
                        format!("a customer with RUC {ruc} already exists: «{name}»; edit it instead of creating it again")
                    }
                }
                AppError::OrderNotFound { number } => {
                    if es {
                        format!("no hay pedido {number}; búsquelo en la lista de pedidos")
                    } else {
                        format!("there is no order {number}; look for it in the list of orders")
                    }
                }

                AppError::Quote(e) => e.message(lang),
                AppError::Import(e) => e.message(lang),
                AppError::ProcessNotFound { text } => {
                    if es {
                        format!("no hay baja, suspensión ni reconexión «{text}»; escriba su número tal como figura en la lista (nimbo termination list)")
                    } else {
                        format!("there is no termination, suspension or reconnection «{text}»; type its number as the list shows it (nimbo termination list)")
                    }
                }
                AppError::SubscriptionNotFound { text } => {
                    if es {
                        format!("no hay suscripción «{text}»; escriba su Subscriber ID de Siebel tal como figura en la factura (nimbo subscription list)")
                    } else {
                        format!("there is no subscription «{text}»; type its Siebel Subscriber ID as printed on the invoice (nimbo subscription list)")
                    }
                }
                AppError::InvoiceNotFound { number } => {
                    if es {
                        format!("no hay factura {number}; regístrela primero o revise el número en la lista de facturas")
                    } else {
                        format!("there is no invoice {number}; record it first or check the number in the list of invoices")
                    }
                }
                AppError::BillingAccountNotFound { account } => {
                    if es {
                        format!("ningún cliente tiene la cuenta de facturación {account}; revise el número o cárguelo en la ficha del cliente")
                    } else {
                        format!("no customer has billing account {account}; check the number or enter it on the customer's page")
                    }
                }
                AppError::BadInvoiceFile { line, detail } => {
                    if es {
                        format!("línea {line} del archivo de facturas: {detail}. No se registró ninguna factura del archivo; corríjalo e impórtelo de nuevo")
                    } else {
                        format!("line {line} of the invoices file: {detail}. No invoice of the file was recorded; correct it and import it again")
                    }
                }
                AppError::DocumentNotFound { number, kind } => {
                    if es {
                        format!("el pedido {number} no tiene «{}» todavía; genérelo primero", kind.name(lang))
                    } else {
                        format!("order {number} has no «{}» yet; generate it first", kind.name(lang))
                    }
                }
                AppError::NoRepresentative { customer } => {
                    if es {
                        format!("{customer} no tiene representante legal registrado, y el documento lo necesita como firmante; agréguelo en la ficha del cliente")
                    } else {
                        format!("{customer} has no legal representative on record, and the document needs one as signer; add one on the customer's page")
                    }
                }
                AppError::UnsignedOriginal { number, version } => {
                    if es {
                        format!("el archivo es el PDF sin firmar que Nimbo emitió ({number} versión {version}), no una copia firmada; adjunte el escaneo o el PDF con las firmas")
                    } else {
                        format!("the file is the unsigned PDF Nimbo issued ({number} version {version}), not a signed copy; attach the scan or the PDF bearing the signatures")
                    }
                }
                AppError::UnknownChoice { what, text } => {
                    let (es_what, en_what) = match *what {
                        "document" => ("tipo de documento", "kind of document"),
                        "party" => ("firmante", "signer"),
                        "step" => ("paso de este trámite", "step of this process"),
                        "role" => ("rol que decida este paso", "role deciding this step"),
                        _ => ("canal de envío", "sending channel"),
                    };
                    if es {
                        format!("«{text}» no es un {es_what} que Nimbo conozca; elija uno de la lista")
                    } else {
                        format!("«{text}» is not a {en_what} Nimbo knows; choose one from the list")
                    }
                }
                AppError::DemoNeedsEmptyDatabase => lang
                    .pick(
                        "los datos de demostración van en una base vacía; use otro archivo, por ejemplo --db demo.sqlite",
                        "demonstration data goes into an empty database; use another file, for example --db demo.sqlite",
                    )
                    .into(),
            _ => return None,
        })
    }

    /// Files read, rendered and stored.
    fn file_message(&self, lang: Lang) -> Option<String> {
        let es = lang == Lang::Es;
        Some(match self {
            AppError::FileUnreadable { path, reason } => {
                let why = reason.describe(lang);
                if es {
                    format!("no se pudo leer el archivo {}: {why}", path.display())
                } else {
                    format!("could not read the file {}: {why}", path.display())
                }
            }
            AppError::FileNotSaved { path, reason } => {
                if es {
                    format!(
                        "No se pudo guardar el archivo en {} ({reason}); elija otra carpeta.",
                        path.display()
                    )
                } else {
                    format!(
                        "The file could not be saved in {} ({reason}); choose another folder.",
                        path.display()
                    )
                }
            }
            AppError::FileTooLarge { path, size, max } => {
                if es {
                    format!(
                        "el archivo {} pesa {} y el máximo es {}; redúzcalo (por ejemplo escaneando a menor resolución)",
                        path.display(),
                        mb(*size),
                        mb(*max)
                    )
                } else {
                    format!(
                        "the file {} is {} and the maximum is {}; make it smaller (for example scan at a lower resolution)",
                        path.display(),
                        mb(*size),
                        mb(*max)
                    )
                }
            }
            AppError::WrongFileType { path, expected } => {
                if es {
                    format!(
                        "el archivo {} no es un {expected} (se reconoce por su contenido, no por su nombre); elija el archivo {expected} correcto",
                        path.display()
                    )
                } else {
                    format!(
                        "the file {} is not a {expected} (judged by its content, not its name); choose the right {expected} file",
                        path.display()
                    )
                }
            }
            // The renderer says what went wrong and what to do in the user's language:
            // wrapping it in more words would chain two messages.
            AppError::Render(e) => e.message(lang),
            AppError::DocumentFileNotFound { number, sha256 } => {
                let short = sha256.get(..12).unwrap_or(sha256);
                if es {
                    format!(
                        "el archivo {short}… no es un documento del pedido {number}; ábralo desde la lista de documentos del pedido"
                    )
                } else {
                    format!(
                        "the file {short}… is not a document of order {number}; open it from the order's list of documents"
                    )
                }
            }
            _ => return None,
        })
    }

    /// The sync server, the database and refusals of operations.
    fn sync_message(&self, lang: Lang) -> Option<String> {
        let es = lang == Lang::Es;
        Some(match self {
                AppError::SyncNotConnected => lang
                    .pick(
                        "este equipo todavía no se conectó a un servidor de sincronización; conéctelo con la dirección del servidor, su usuario y su contraseña",
                        "this computer is not connected to a sync server yet; connect it with the server's address, your username and your password",
                    )
                    .into(),
                AppError::SyncBadServerUrl { url } => {
                    if es {
                        format!("«{url}» no es la dirección de un servidor; escríbala completa, con http:// o https://, por ejemplo https://sync.empresa.com.py")
                    } else {
                        format!("«{url}» is not a server address; type it in full, with http:// or https://, for example https://sync.empresa.com.py")
                    }
                }
                // What the system or the server said beyond one sentence goes to the log
                // (`detail`), never after the user's sentence.
                AppError::SyncUnreachable { .. } => lang
                    .pick(
                        "no se pudo llegar al servidor de sincronización; el trabajo queda guardado en este equipo y se enviará cuando vuelva la conexión",
                        "the sync server could not be reached; the work stays saved on this computer and will be sent when the connection returns",
                    )
                    .into(),
                AppError::SyncRefused { code, message } => refused_by_server(*code, message, lang),
                AppError::SyncUnexpected { .. } => lang
                    .pick(
                        "el servidor de sincronización respondió algo que este equipo no entiende; actualice Nimbo o avise al administrador",
                        "the sync server answered something this computer does not understand; update Nimbo or tell the administrator",
                    )
                    .into(),
                AppError::SyncReplay { seq, .. } => {
                    if es {
                        format!("no se pudo aplicar en este equipo el cambio n.º {seq} del servidor y los siguientes esperan; avise al administrador")
                    } else {
                        format!("change no. {seq} from the server could not be applied on this computer and the following ones wait; tell the administrator")
                    }
                }
                AppError::ConflictNotRestorable => lang
                    .pick(
                        "ese conflicto ya no tiene un valor suyo que restaurar; sincronice para ver la lista al día",
                        "that conflict no longer has a value of yours to restore; sync to see the list up to date",
                    )
                    .into(),
                AppError::Refused(r) => r.message(lang),
                AppError::Busy => lang
                    .pick(
                        "otro programa tiene la base de datos ocupada; espere a que termine y vuelva a intentarlo",
                        "another program is holding the database; wait for it to finish and try again",
                    )
                    .into(),
                // Opening a file names it and why (a path a person can check); anything
                // else is SQLite's words, which go to the log.
                AppError::Store(e @ (StoreError::Open { .. } | StoreError::Migrate { .. })) => {
                    if es {
                        format!("{e}")
                    } else {
                        format!("database failure: {e}")
                    }
                }
                AppError::Store(_) => lang
                    .pick(
                        "la base de datos de este equipo falló; cierre Nimbo, vuelva a abrirlo y, si sigue, avise al administrador",
                        "this computer's database failed; close Nimbo, open it again and, if it goes on, tell the administrator",
                    )
                    .into(),

            _ => return None,
        })
    }

    /// What was left out of the message for the log: what the system, the network or the
    /// server said in its own words.
    pub fn detail(&self) -> Option<String> {
        match self {
            AppError::SyncUnreachable { detail } => Some(detail.clone()),
            AppError::SyncRefused { code, message } => Some(format!("{code}: {message}")),
            AppError::SyncUnexpected { status, detail } => Some(format!("HTTP {status}: {detail}")),
            AppError::SyncReplay { code, message, .. } => Some(format!("{code}: {message}")),
            AppError::Store(e) => Some(e.to_string()),
            _ => None,
        }
    }

    /// The message as a person reads it on a screen: one sentence, capitalised.
    pub fn sentence(&self, lang: Lang) -> String {
        sentence(&self.message(lang))
    }

    /// The error as a user interface receives it.
    pub fn payload(&self, lang: Lang) -> ErrorPayload {
        ErrorPayload {
            code: self.code(),
            message: self.sentence(lang),
            fields: self
                .field_errors()
                .iter()
                .map(|f| FieldMessage {
                    field: f.field.clone(),
                    message: sentence(&f.message(lang)),
                })
                .collect(),
        }
    }
}

/// The sync server's refusal of a request, in one sentence: its own message (a sentence in
/// Spanish), or in English the words for the refusals a person can act on.
fn refused_by_server(code: ErrorCode, message: &str, lang: Lang) -> String {
    if lang == Lang::Es {
        return message.trim().to_string();
    }
    match code {
        ErrorCode::BadCredentials => "Wrong username or password: check them and try again.".into(),
        ErrorCode::SessionExpired | ErrorCode::TokenInvalid => {
            "The sync session ended: connect this computer again with your password.".into()
        }
        ErrorCode::UserInactive => {
            "Your user is deactivated on the server: ask an administrator to reactivate it.".into()
        }
        ErrorCode::UpdateRequired => {
            "This version of Nimbo can no longer sync with the server: update Nimbo.".into()
        }
        _ => message.trim().to_string(),
    }
}

/// Turns field errors into the domain's refusal.
pub(crate) fn invalid(errors: Vec<FieldError>) -> AppError {
    AppError::Domain(DomainError::InvalidFields { errors })
}

/// A message as a sentence: its first word capitalised (the one after an opening «
/// when it starts with a quoted label) and a full stop at the end when it has none. A
/// first word that is not a plain word — a username (`karina.duarte`), a code, a number —
/// is left as written.
pub fn sentence(text: &str) -> String {
    let text = text.trim();
    let quoted = text.starts_with('«');
    let body = text.trim_start_matches('«');
    let first = body
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_end_matches([':', ',', ';', '»', ')', '.', '!', '?']);
    let plain = !first.is_empty() && first.chars().all(char::is_alphabetic);
    let mut out = String::with_capacity(text.len() + 2);
    if quoted {
        out.push('«');
    }
    let mut chars = body.chars();
    match (plain, chars.next()) {
        (true, Some(c)) => out.extend(c.to_uppercase()),
        (false, Some(c)) => out.push(c),
        (_, None) => {}
    }
    out.extend(chars);
    if !out.is_empty() && !out.ends_with(['.', '!', '?', '…']) {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod sentence_tests {
    use super::sentence;

    #[test]
    fn a_message_is_a_sentence_with_its_capital_and_full_stop() {
        assert_eq!(
            sentence("falta «fecha»: es obligatorio"),
            "Falta «fecha»: es obligatorio."
        );
        assert_eq!(
            sentence("«fecha»: 12/02/2026 es futura"),
            "«Fecha»: 12/02/2026 es futura."
        );
        assert_eq!(sentence("Ya está."), "Ya está.");
        assert_eq!(
            sentence("falta (por ejemplo «x»)"),
            "Falta (por ejemplo «x»)."
        );
        assert_eq!(
            sentence("el archivo x.pdf pesa 30 MB"),
            "El archivo x.pdf pesa 30 MB."
        );
        assert_eq!(sentence("2026 no es válido"), "2026 no es válido.");
        assert_eq!(
            sentence("karina.duarte no puede editar la organización"),
            "karina.duarte no puede editar la organización."
        );
    }
}
