//! The termination confirmation (Confirmación de baja, DOMAIN §6 step 8): which services
//! ended and from when, the letter that asked for it (by its SHA-256), how the debt was
//! settled — paid, carried to the next invoice (a partial termination), or left unpaid
//! with the three authorisations — and the Siebel status change and ServiceNow work
//! order that carried it out, with signature blocks for both parties.

use chrono::{DateTime, NaiveDate, Utc};
use nimbo_domain::Lang;
use nimbo_domain::role::Role;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{ServiceCustomer, ServiceSubscription, grouped_hash, kicker, spanish_list};
use crate::dates::{day, instant, local_day};
use crate::error::DocsError;
use crate::flow::Flow;
use crate::model::{DocumentMeta, Organisation, Signer, TemplateVersion};
use crate::money::usd;
use crate::table::{Column, Table, draw_table};
use crate::templates::Template;
use crate::templates::blocks::{
    key_values, note, panel, para, signature_blocks, space, title_block,
};

/// Which services end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "scope", rename_all = "snake_case")]
pub enum TerminationScope {
    /// Every service of the contract.
    Total,
    /// Some plans or AWS accounts; the others go on.
    Partial {
        /// The plans that end, by their catalogue names.
        plans: Vec<String>,
        /// The AWS accounts that end.
        aws_accounts: Vec<String>,
    },
}

/// The customer's signed letter asking for the termination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerminationLetter {
    /// The day the letter was received.
    pub received_on: NaiveDate,
    /// Who signed it.
    pub signed_by: String,
    /// The SHA-256 of the letter's PDF, hex.
    pub sha256: String,
}

/// One authorisation of a termination that leaves debt unpaid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Authorisation {
    /// In which role (credit manager, sales manager, offers).
    pub role: Role,
    /// Who, by full name.
    pub person: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Why, in their words.
    pub reason: String,
}

/// How the termination's debt was settled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "situation", rename_all = "snake_case")]
pub enum DebtSituation {
    /// Every invoice and instalment is paid, as the service executive confirmed.
    Paid {
        /// The day the service executive confirmed it.
        confirmed_on: NaiveDate,
    },
    /// A partial termination's debt, added to the next invoice with the other services.
    CarriedToNextInvoice {
        /// The debt carried.
        amount: Decimal,
    },
    /// Debt left unpaid, with the authorisations of the credit manager, the sales
    /// manager and the offers desk.
    Authorised {
        /// The debt left unpaid.
        amount: Decimal,
        /// The authorisations, in the order they were given.
        authorisations: Vec<Authorisation>,
    },
}

/// The termination confirmation's snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerminationConfirmation {
    /// Which version of which document.
    pub document: DocumentMeta,
    /// The edition of the layout it is drawn with.
    pub template: TemplateVersion,
    /// Who issues it.
    pub organisation: Organisation,
    /// Whom it is for.
    pub customer: ServiceCustomer,
    /// The subscription the services belong to.
    pub subscription: ServiceSubscription,
    /// Which services end.
    pub scope: TerminationScope,
    /// The letter that asked for it.
    pub letter: TerminationLetter,
    /// The day the termination takes effect.
    pub termination_date: NaiveDate,
    /// How the debt was settled.
    pub debt: DebtSituation,
    /// The Siebel status change's id.
    pub siebel_change: String,
    /// When Siebel's status was changed.
    pub siebel_changed_at: DateTime<Utc>,
    /// The ServiceNow termination work order's id.
    pub work_order: String,
    /// When the work order was opened.
    pub work_order_at: DateTime<Utc>,
    /// Where it is signed (`Asunción`).
    pub place: String,
    /// Who signs: the customer's legal representative and the organisation's.
    pub signers: Vec<Signer>,
}

impl TerminationConfirmation {
    /// What ended, as the complement of «la baja»: `de todos los servicios de su
    /// contrato`, or `del plan …`, `de los planes …`, `de la cuenta AWS …`.
    fn scope_phrase(&self) -> String {
        let phrase = self.scope_words();
        match phrase.strip_prefix("el ") {
            Some(rest) => format!("del {rest}"),
            None => format!("de {phrase}"),
        }
    }

    /// What ended, in a phrase: `todos los servicios de su contrato`, or the plans and
    /// accounts.
    fn scope_words(&self) -> String {
        match &self.scope {
            TerminationScope::Total => "todos los servicios de su contrato".into(),
            TerminationScope::Partial {
                plans,
                aws_accounts,
            } => {
                let mut parts = Vec::new();
                if !plans.is_empty() {
                    parts.push(format!(
                        "{} {}",
                        if plans.len() == 1 {
                            "el plan"
                        } else {
                            "los planes"
                        },
                        spanish_list(plans)
                    ));
                }
                match aws_accounts.as_slice() {
                    [] => {}
                    [one] => parts.push(format!("la cuenta AWS {one}")),
                    many => parts.push(format!("las cuentas AWS {}", spanish_list(many))),
                }
                spanish_list(&parts)
            }
        }
    }
}

impl Template for TerminationConfirmation {
    fn meta(&self) -> &DocumentMeta {
        &self.document
    }

    fn organisation(&self) -> &Organisation {
        &self.organisation
    }

    fn kind(&self) -> &'static str {
        "Confirmación de baja"
    }

    fn title(&self) -> String {
        "Confirmación de baja".into()
    }

    fn subject(&self) -> String {
        format!(
            "{} — baja de la suscripción {} el {}",
            self.customer.name,
            self.subscription.subscriber_id,
            day(self.termination_date)
        )
    }

    fn template(&self) -> TemplateVersion {
        self.template
    }

    fn compose(&self, flow: &mut Flow) -> Result<(), DocsError> {
        let c = &self.customer;
        title_block(
            flow,
            &kicker(&self.subscription),
            "Confirmación de baja",
            &c.name,
        );
        let total = matches!(self.scope, TerminationScope::Total);
        para(
            flow,
            &format!(
                "{} (RUC {}) confirma a {} (RUC {}) la baja {}, que su representante legal solicitó por nota recibida el {}. La baja rige desde el {}.",
                self.organisation.name,
                self.organisation.ruc,
                c.name,
                c.ruc,
                self.scope_phrase(),
                day(self.letter.received_on),
                day(self.termination_date),
            ),
        );
        panel(
            flow,
            &[
                ("Baja", if total { "Total" } else { "Parcial" }.to_string()),
                ("Cuenta de facturación", c.billing_account.clone()),
                (
                    "Suscripción (Subscriber ID)",
                    self.subscription.subscriber_id.clone(),
                ),
                ("Solicitud recibida", day(self.letter.received_on)),
                ("Fecha de baja", day(self.termination_date)),
            ],
            3,
        );

        flow.heading("Servicios dados de baja");
        self.scope_section(flow);
        space(flow);

        // The heading, the debt's words and the authorisations stay on one page.
        flow.keep_together(|f| {
            f.heading("Situación de la deuda");
            self.debt_section(f);
            Ok::<(), DocsError>(())
        })?;
        space(flow);

        flow.heading("Trámite de la baja");
        key_values(
            flow,
            &[
                (
                    "Nota de solicitud",
                    format!(
                        "Firmada por {}, recibida el {}",
                        self.letter.signed_by,
                        day(self.letter.received_on)
                    ),
                ),
                (
                    "Huella SHA-256 de la nota",
                    grouped_hash(&self.letter.sha256),
                ),
                (
                    "Estado en Siebel, el sistema de facturación",
                    format!(
                        "Servicios dados de baja el {}; cambio N.º {}",
                        instant(self.siebel_changed_at),
                        self.siebel_change
                    ),
                ),
                (
                    "Orden de trabajo de baja en ServiceNow",
                    format!(
                        "N.º {}, abierta el {}",
                        self.work_order,
                        instant(self.work_order_at)
                    ),
                ),
            ],
        );

        let closing = format!(
            "En prueba de conformidad, las partes firman la presente confirmación en dos ejemplares de un mismo tenor. {}, {}.",
            self.place,
            day(local_day(self.document.issued_at))
        );
        flow.keep_together(|f| {
            para(f, &closing);
            space(f);
            signature_blocks(f, &self.signers, &c.name, &self.organisation.name)
        })
    }
}

impl TerminationConfirmation {
    /// The services that ended: every plan and account for a total termination, the
    /// ones named for a partial one, with what goes on.
    fn scope_section(&self, flow: &mut Flow) {
        let (plans, accounts, words) = match &self.scope {
            TerminationScope::Total => (
                &self.subscription.plans,
                &self.subscription.aws_accounts,
                "Baja total: terminan todos los servicios del contrato.",
            ),
            TerminationScope::Partial {
                plans,
                aws_accounts,
            } => (
                plans,
                aws_accounts,
                "Baja parcial: terminan los servicios que se listan; los demás servicios de la suscripción continúan y se facturan como hasta ahora.",
            ),
        };
        para(flow, words);
        let mut rows = Vec::new();
        if !plans.is_empty() {
            let label = if plans.len() == 1 { "Plan" } else { "Planes" };
            rows.push((label, spanish_list(plans)));
        }
        if !accounts.is_empty() {
            let label = if accounts.len() == 1 {
                "Cuenta AWS"
            } else {
                "Cuentas AWS"
            };
            rows.push((label, spanish_list(accounts)));
        }
        if !rows.is_empty() {
            key_values(flow, &rows);
        }
    }

    /// How the debt was settled, with the authorisations when it was left unpaid.
    fn debt_section(&self, flow: &mut Flow) {
        match &self.debt {
            DebtSituation::Paid { confirmed_on } => note(
                flow,
                &format!(
                    "Sin deuda: todas las facturas y cuotas de instalación están pagadas, según confirmó el Ejecutivo de Servicios B2B el {}.",
                    day(*confirmed_on)
                ),
            ),
            DebtSituation::CarriedToNextInvoice { amount } => note(
                flow,
                &format!(
                    "La deuda de los servicios dados de baja, {}, se suma a su próxima factura junto con los servicios que continúan.",
                    usd(*amount)
                ),
            ),
            DebtSituation::Authorised {
                amount,
                authorisations,
            } => {
                note(
                    flow,
                    &format!(
                        "La baja se completó con una deuda pendiente de {}, con la autorización del Gerente de créditos, del Gerente comercial y de Ofertas. Su ejecutivo comercial le contactará para acordar su pago.",
                        usd(*amount)
                    ),
                );
                let mut table = Table::new(vec![
                    Column::new("Autoriza", 0.20),
                    Column::new("Persona", 0.20),
                    Column::new("Fecha", 0.20),
                    Column::new("Motivo", 0.40),
                ]);
                for a in authorisations {
                    table = table.row([
                        a.role.name(Lang::Es).to_string(),
                        a.person.clone(),
                        instant(a.at),
                        a.reason.clone(),
                    ]);
                }
                draw_table(flow, &table);
            }
        }
    }
}
