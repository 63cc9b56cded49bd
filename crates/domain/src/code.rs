//! Every error code Nimbo produces, in one closed list: the domain's refusals, the sync
//! refusals of an operation, the server's answers to a request, the documents' rendering
//! failures, the use cases' own and the laptop's sync failures.
//!
//! A code is what programs branch on — the UI (through the generated bindings), scripts
//! reading `nimbo --json`, the laptop reading the server's answers — so each keeps its
//! spelling for good: it travels as the snake_case string written beside its variant, and
//! that string is written nowhere else. Every error type's `code()` returns an
//! [`ErrorCode`]; its message, in Spanish and English, lives beside the error's variant.
//! A code this build does not know (sent by a newer server) decodes to
//! [`ErrorCode::Unknown`] instead of failing the whole answer.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Declares [`ErrorCode`] with the string each code travels as, and the list of them all.
macro_rules! error_codes {
    ($( $(#[$doc:meta])* $variant:ident = $text:literal, )*) => {
        /// A stable error code: what the UI, scripts and the other side of sync branch on.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        pub enum ErrorCode {
            $(
                $(#[$doc])*
                #[serde(rename = $text)]
                $variant,
            )*
            /// A code this build does not know: a newer server sent it.
            #[serde(rename = "unknown", other)]
            Unknown,
        }

        impl ErrorCode {
            /// Every known code, in the order declared (the fallback [`ErrorCode::Unknown`]
            /// aside).
            pub const ALL: &[ErrorCode] = &[$(ErrorCode::$variant),*];

            /// The string the code travels as.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $text,)*
                    ErrorCode::Unknown => "unknown",
                }
            }
        }
    };
}

error_codes! {
    // The domain's refusals (`DomainError`).
    /// The user does not hold a role allowed to take the action.
    NotAllowed = "not_allowed",
    /// The user has been deactivated.
    UserInactive = "user_inactive",
    /// Some values were refused; each field says why.
    InvalidFields = "invalid_fields",
    /// The order is completed or cancelled.
    OrderClosed = "order_closed",
    /// The step asked is not the one the order waits for.
    NotCurrentStep = "not_current_step",
    /// A step needs the customer's signed master contract, not on record.
    MasterContractMissing = "master_contract_missing",
    /// Siebel activation needs a billing account of cycle 15.
    BillingCycleNot15 = "billing_cycle_not_15",
    /// The step's work cannot be rejected.
    NotRejectable = "not_rejectable",
    /// The step cannot be skipped.
    NotSkippable = "not_skippable",
    /// The order was activated in Siebel: too late to cancel it.
    TooLateToCancel = "too_late_to_cancel",
    /// A rejection, cancellation or skip without a reason.
    ReasonRequired = "reason_required",
    /// A step that several roles decide was asked to be completed by one person.
    DecisionsRequired = "decisions_required",
    /// The role does not decide that step.
    NotADecider = "not_a_decider",
    /// The last active administrator would lose the role.
    LastAdmin = "last_admin",
    /// The customer has no legal representative with that id.
    RepresentativeNotFound = "representative_not_found",
    /// The document version is not in a state that allows the action.
    DocumentNotInState = "document_not_in_state",
    /// The document is delivered, not signed.
    DocumentNeedsNoSignature = "document_needs_no_signature",
    /// The party is not among the document's signers.
    NotASigner = "not_a_signer",
    /// The signer signed already.
    AlreadySigned = "already_signed",
    /// An expiry date before today.
    ExpiryInPast = "expiry_in_past",
    /// The document's expiry date has not passed.
    NotExpiredYet = "not_expired_yet",
    /// The data a document shows is not recorded yet.
    DocumentDataMissing = "document_data_missing",
    /// A risk act for an order whose offer records no risks.
    NoRisksRecorded = "no_risks_recorded",
    /// A step needs a signed document that is not signed.
    DocumentNotSigned = "document_not_signed",
    /// Logged work does not end after it starts.
    HoursEndNotAfterStart = "hours_end_not_after_start",
    /// Logged work is longer than a day.
    HoursLongerThanADay = "hours_longer_than_a_day",
    /// Logged work overlaps other work of the same person.
    HoursOverlap = "hours_overlap",
    /// The change touches a billing period already locked and exported.
    PeriodLocked = "period_locked",
    /// The period was locked by someone else with other charges.
    PeriodLockedOtherwise = "period_locked_otherwise",
    /// The run's inputs changed since it was looked at.
    RunChanged = "run_changed",
    /// The same consumption export was imported before.
    AlreadyImported = "already_imported",
    /// A new price would apply from a day already past.
    PriceInThePast = "price_in_the_past",
    /// A plan code the catalogue does not have.
    UnknownPlan = "unknown_plan",
    /// A payment larger than the invoice's balance.
    PaymentExceedsBalance = "payment_exceeds_balance",
    /// A payment whose reference the invoice already has.
    PaymentRecorded = "payment_recorded",

    // The service's life after onboarding (`ServiceError`).
    /// The termination, suspension or reconnection is completed or cancelled.
    ProcessClosed = "process_closed",
    /// A termination asked for fewer than 30 days ahead.
    TerminationTooSoon = "termination_too_soon",
    /// A plan or AWS account the subscription does not have.
    NotInSubscription = "not_in_subscription",
    /// The subscription is terminated already.
    SubscriptionTerminated = "subscription_terminated",
    /// Another process of the same kind is open for the subscription.
    ProcessUnderway = "process_underway",
    /// The subscription is suspended already, or being suspended.
    AlreadySuspended = "already_suspended",
    /// A reconnection of a subscription that is not suspended.
    NotSuspended = "not_suspended",
    /// A reconnection of a subscription being terminated.
    BeingTerminated = "being_terminated",
    /// No invoice is overdue beyond the grace period.
    NothingOverdue = "nothing_overdue",
    /// Invoices or due instalments unpaid without the three authorisations.
    DebtUnpaid = "debt_unpaid",
    /// Authorisations asked for a customer who owes nothing.
    NoDebtToAuthorise = "no_debt_to_authorise",
    /// An invoice of the suspension is still owed.
    InvoiceStillOwed = "invoice_still_owed",
    /// Someone else completed or sent back the process's step meanwhile (another laptop).
    StepTakenMeanwhile = "step_taken_meanwhile",

    // A RUC as typed (`RucError`).
    /// The text does not have the RUC's `BASE-D` shape.
    RucMalformed = "ruc_malformed",
    /// The RUC's check digit does not match its base.
    RucCheckDigit = "ruc_check_digit",

    // Why an operation does not apply to the records (`Refusal`).
    /// The operation names a record that does not exist.
    UnknownRecord = "unknown_record",
    /// The operation creates a record that exists already.
    RecordExists = "record_exists",
    /// The organisation was set up already.
    AlreadyInitialised = "already_initialised",
    /// A per-field edit names a field the record does not have.
    UnknownField = "unknown_field",
    /// A per-field edit of a kind of record that changes only through commands.
    NotEditable = "not_editable",
    /// A field's value is not of the type the field holds.
    BadValue = "bad_value",
    /// A money field was changed by someone else since the author saw it.
    MoneyConflict = "money_conflict",
    /// A document version that is not the next one.
    VersionOutOfOrder = "version_out_of_order",
    /// A document version that names another order or kind than its document.
    DocumentMismatch = "document_mismatch",
    /// A second document of a kind the order already has.
    DocumentKindTaken = "document_kind_taken",
    /// A document's snapshot does not hash to the SHA-256 sent with it.
    SnapshotAltered = "snapshot_altered",
    /// The signers are not the parties the kind of document names.
    WrongSigners = "wrong_signers",
    /// The unsigned PDF Nimbo issued offered as the signed copy.
    UnsignedOriginal = "unsigned_original",
    /// The document has no such version.
    UnknownVersion = "unknown_version",
    /// The operation's record and its body disagree.
    Inconsistent = "inconsistent",

    // The server's refusals of one pushed operation before it is decided.
    /// The server cannot read the operation.
    Malformed = "malformed",
    /// The operation's author is not the signed-in user.
    ActorMismatch = "actor_mismatch",
    /// Another operation was received under the same id.
    IdReused = "id_reused",
    /// An attachment is not named by a SHA-256.
    BadAttachment = "bad_attachment",
    /// Files the operation names are not on the server yet.
    BlobMissing = "blob_missing",
    /// The laptop's clock runs ahead of the server's.
    ClockAhead = "clock_ahead",

    // The sync server's answers to a request and its command line (`ServerError`).
    /// The server's configuration is missing a value or holds a wrong one.
    Config = "config",
    /// The server's database could not be reached or refused a statement.
    DatabaseUnavailable = "database_unavailable",
    /// The server's database schema could not be brought up to date.
    MigrationFailed = "migration_failed",
    /// A bug or an unexpected state of the server.
    Internal = "internal",
    /// The request is not what the protocol says.
    BadRequest = "bad_request",
    /// The client speaks a protocol version the server no longer does.
    UpdateRequired = "update_required",
    /// No access token came with a request that needs one.
    NotSignedIn = "not_signed_in",
    /// Wrong username or password.
    BadCredentials = "bad_credentials",
    /// The session is past its time.
    SessionExpired = "session_expired",
    /// The token is not this server's, was altered, or its session was closed.
    TokenInvalid = "token_invalid",
    /// A file is named by something that is not a SHA-256.
    BadHash = "bad_hash",
    /// An uploaded file does not hash to the name it was sent under.
    BlobHashMismatch = "blob_hash_mismatch",
    /// An uploaded file is larger than the server accepts.
    BlobTooLarge = "blob_too_large",
    /// The server holds no file with that SHA-256.
    BlobNotFound = "blob_not_found",
    /// Too many operations in one push.
    BatchTooLarge = "batch_too_large",
    /// No user has that username on the server.
    UserNotFound = "user_not_found",
    /// A password too short to accept.
    PasswordTooShort = "password_too_short",
    /// What was typed for a new user on the server was refused.
    InvalidUser = "invalid_user",

    // Rendering a document (`DocsError`).
    /// The embedded font could not be read.
    DocsFont = "docs_font",
    /// The organisation's logo is not a readable PNG.
    DocsLogo = "docs_logo",
    /// A drawn signature is not a readable PNG.
    DocsSignatureImage = "docs_signature_image",
    /// The document's data could not be written as canonical JSON.
    DocsSnapshot = "docs_snapshot",
    /// The verification QR code could not be made.
    DocsQr = "docs_qr",
    /// The PDF writer failed.
    DocsWrite = "docs_write",

    // The use cases' own failures (`AppError`).
    /// The database has no organisation yet.
    NotInitialised = "not_initialised",
    /// No one said who is acting.
    NoActor = "no_actor",
    /// No user with that username.
    UnknownUser = "unknown_user",
    /// A user with that username exists already.
    UserExists = "user_exists",
    /// No customer with that RUC.
    CustomerNotFound = "customer_not_found",
    /// A customer with that RUC exists already.
    CustomerExists = "customer_exists",
    /// No order with that number.
    OrderNotFound = "order_not_found",
    /// No subscription with that Subscriber ID or id.
    SubscriptionNotFound = "subscription_not_found",
    /// No termination, suspension or reconnection with that number.
    ProcessNotFound = "process_not_found",
    /// No invoice with that number.
    InvoiceNotFound = "invoice_not_found",
    /// No customer has that billing account.
    BillingAccountNotFound = "billing_account_not_found",
    /// A row of an invoices file could not be recorded.
    BadInvoiceFile = "bad_invoice_file",
    /// A statement asked of a period not locked yet.
    PeriodNotLocked = "period_not_locked",
    /// A consumption export could not be imported at all.
    ImportFailed = "import_failed",
    /// A file could not be read.
    FileUnreadable = "file_unreadable",
    /// A file is larger than allowed.
    FileTooLarge = "file_too_large",
    /// A copy of a file could not be written where the person chose.
    FileNotSaved = "file_not_saved",
    /// The order has no document of that kind yet.
    DocumentNotFound = "document_not_found",
    /// The customer has no legal representative to sign.
    NoRepresentative = "no_representative",
    /// A file is not of the type asked, judged by its content.
    WrongFileType = "wrong_file_type",
    /// A kind of document, party or channel Nimbo does not know.
    UnknownChoice = "unknown_choice",
    /// A file asked for is not one of the order's documents.
    DocumentFileNotFound = "document_file_not_found",
    /// Demonstration data needs an empty database.
    DemoNeedsEmptyDatabase = "demo_needs_empty_database",
    /// Another program holds the local database.
    DatabaseBusy = "database_busy",
    /// The local database failed.
    DatabaseError = "database_error",

    // The laptop's side of sync.
    /// This database was never connected to a sync server.
    SyncNotConnected = "sync_not_connected",
    /// What was typed as the sync server's address is not one.
    SyncBadServerUrl = "sync_bad_server_url",
    /// The sync server could not be reached.
    SyncUnreachable = "sync_unreachable",
    /// The sync server refused the username or password.
    SyncWrongCredentials = "sync_wrong_credentials",
    /// The sync server refused the request itself.
    SyncRefused = "sync_refused",
    /// An operation pulled from the server could not be replayed here.
    SyncReplayFailed = "sync_replay_failed",
    /// An edit conflict's lost value cannot be restored: the conflict is gone, the person
    /// lost no value in it, or the field is money, settled by hand.
    ConflictNotRestorable = "conflict_not_restorable",
    /// A file fetched from the server does not hash to its name.
    FileAltered = "file_altered",
    /// A pulled operation's author is not a user this laptop knows.
    UnknownActor = "unknown_actor",
    /// The server answered fewer operations than it was sent.
    IncompleteAnswer = "incomplete_answer",
    /// No password was given to connect to the server.
    NoPassword = "no_password",
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_travels_as_its_string_and_back() {
        for &code in ErrorCode::ALL {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
            assert_eq!(code.to_string(), code.as_str());
        }
    }

    #[test]
    fn the_list_holds_every_code_once_with_a_snake_case_string() {
        // A variant missing from ALL would have a discriminant ALL skips.
        for (i, &code) in ErrorCode::ALL.iter().enumerate() {
            assert_eq!(code as usize, i, "{code:?} is out of place in ALL");
            let text = code.as_str();
            assert!(
                !text.is_empty()
                    && text
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{text} is not snake_case"
            );
        }
        assert_eq!(ErrorCode::Unknown as usize, ErrorCode::ALL.len());
        let mut texts: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        texts.push(ErrorCode::Unknown.as_str());
        texts.sort_unstable();
        texts.dedup();
        assert_eq!(
            texts.len(),
            ErrorCode::ALL.len() + 1,
            "a string is used twice"
        );
    }

    #[test]
    fn a_code_this_build_does_not_know_decodes_to_the_fallback() {
        let code: ErrorCode = serde_json::from_str("\"billing_run_locked\"").unwrap();
        assert_eq!(code, ErrorCode::Unknown);
        #[derive(Deserialize)]
        struct Body {
            code: ErrorCode,
            message: String,
        }
        let body: Body =
            serde_json::from_str(r#"{"code":"some_future_code","message":"Hola"}"#).unwrap();
        assert_eq!(
            (body.code, body.message.as_str()),
            (ErrorCode::Unknown, "Hola")
        );
    }

    #[test]
    fn the_wire_spellings_of_today_are_kept() {
        // A sample spelled out, as scripts and older laptops read them.
        for (code, text) in [
            (ErrorCode::BillingCycleNot15, "\"billing_cycle_not_15\""),
            (ErrorCode::NotASigner, "\"not_a_signer\""),
            (ErrorCode::DocsSignatureImage, "\"docs_signature_image\""),
            (ErrorCode::BadCredentials, "\"bad_credentials\""),
            (
                ErrorCode::SyncWrongCredentials,
                "\"sync_wrong_credentials\"",
            ),
        ] {
            assert_eq!(serde_json::to_string(&code).unwrap(), text);
        }
    }
}
