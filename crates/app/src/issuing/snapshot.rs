//! Each template's snapshot, built from what Nimbo records: the order and its steps, the
//! customer, its legal representative and master contract, the organisation's profile and
//! logo, the KAM and order manager of the order, and the catalogue. New snapshots are of
//! the templates' current edition; a datum Nimbo does not have is left empty for the
//! template to leave out, never written as a dash.

use chrono::NaiveDate;
use nimbo_docs::{
    AcceptanceAct, ActBasis, AwsAccount, Billing, DeliveredItem, Document, DocumentMeta,
    EscalationContact, MasterContractRef, McoAccess, Person, PlanLine, Png, ResponseTime, RiskAct,
    RiskItem, Signer, SignerRole, SowRef, SupportChannel, TemplateVersion, WelcomeKit,
};
use nimbo_domain::customer::{Customer, REQUIRED_BILLING_CYCLE};
use nimbo_domain::document::{
    DocumentKind, EscalationLevel, KAM_TITLE, ORDER_MANAGER_TITLE, Party, SignerEntry,
    escalation_levels, invoice_instructions, password_help, response_lines, support_lines,
};
use nimbo_domain::order::{FieldValue, Order, Step};
use nimbo_domain::organisation::Organisation;
use nimbo_domain::role::Role;
use nimbo_domain::subscription::billing_starts_on;
use nimbo_domain::time::today_in_asuncion;
use nimbo_domain::user::User;
use nimbo_store::{Connection, attachments, catalogue, users};

use crate::AppError;

/// Where acts are signed.
const PLACE: &str = "Asunción";

/// Everything a snapshot is made from, read once.
pub(crate) struct Sources {
    pub order: Order,
    pub customer: Customer,
    pub organisation: Organisation,
    pub logo: Option<Vec<u8>>,
    pub kam: Person,
    pub order_manager: Person,
}

fn text<'a>(order: &'a Order, step: Step, key: &str) -> Option<&'a str> {
    match order.records.get(&step)?.values.get(key)? {
        FieldValue::Text(t) => Some(t),
        _ => None,
    }
}

fn list<'a>(order: &'a Order, step: Step, key: &str) -> &'a [String] {
    match order.records.get(&step).and_then(|r| r.values.get(key)) {
        Some(FieldValue::List(l)) => l,
        _ => &[],
    }
}

fn date(order: &Order, step: Step, key: &str) -> Option<NaiveDate> {
    match order.records.get(&step)?.values.get(key)? {
        FieldValue::Date(d) => Some(*d),
        _ => None,
    }
}

fn person(user: &User) -> Person {
    Person {
        name: user.full_name.clone(),
        email: user.email.clone().unwrap_or_default(),
        phone: None,
    }
}

/// The user who did the first of these steps, else the fallback if they hold the role.
async fn who_did(
    conn: &mut Connection,
    order: &Order,
    steps: &[Step],
    role: Role,
    fallback: &User,
) -> Result<Person, AppError> {
    for step in steps {
        if let Some(record) = order.records.get(step)
            && let Some(user) = users::by_username(conn, &record.by).await?
        {
            return Ok(person(&user));
        }
    }
    if let Some(user) = users::by_username(conn, &order.created_by).await?
        && user.has_any(&[role])
    {
        return Ok(person(&user));
    }
    Ok(person(fallback))
}

impl Sources {
    /// Reads what the documents of an order print.
    pub async fn read(
        conn: &mut Connection,
        order: Order,
        customer: Customer,
        by: &User,
    ) -> Result<Sources, AppError> {
        let organisation = crate::context::require(conn).await?;
        let logo = match &organisation.logo {
            Some(l) => attachments::content(conn, &l.sha256).await?,
            None => None,
        };
        let kam = who_did(
            conn,
            &order,
            &[Step::CustomerSignature, Step::Sow, Step::BackValidationCase],
            Role::Kam,
            by,
        )
        .await?;
        let order_manager = who_did(
            conn,
            &order,
            &[
                Step::SowCompletion,
                Step::ProvisioningRequest,
                Step::WelcomeKit,
                Step::AcceptanceAct,
            ],
            Role::OrderManager,
            by,
        )
        .await?;
        Ok(Sources {
            order,
            customer,
            organisation,
            logo,
            kam,
            order_manager,
        })
    }

    fn organisation(&self) -> nimbo_docs::Organisation {
        nimbo_docs::Organisation {
            name: self.organisation.name.clone(),
            ruc: self.organisation.ruc.to_string(),
            logo: self.logo.clone().map(Png),
        }
    }

    fn customer(&self) -> nimbo_docs::Customer {
        nimbo_docs::Customer {
            name: self.customer.name.clone(),
            ruc: self.customer.ruc.to_string(),
            // Left empty when not recorded: the KIT then leaves the row out.
            address: self.customer.address.clone().unwrap_or_default(),
            segment: self.customer.segment,
        }
    }

    /// The people who must sign a document of this kind.
    pub fn signers(&self, kind: DocumentKind) -> Result<Vec<SignerEntry>, AppError> {
        let mut out = Vec::new();
        for party in kind.signers() {
            out.push(match party {
                Party::Customer => {
                    let rep = self.customer.representatives.first().ok_or_else(|| {
                        AppError::NoRepresentative {
                            customer: self.customer.name.clone(),
                        }
                    })?;
                    SignerEntry::pending(
                        *party,
                        &rep.name,
                        Some(rep.email.clone()),
                        Some(rep.document.clone()),
                    )
                }
                Party::Organisation => {
                    let who = match kind {
                        DocumentKind::RiskAct => &self.kam,
                        _ => &self.order_manager,
                    };
                    let email = Some(who.email.clone()).filter(|e| !e.is_empty());
                    SignerEntry::pending(*party, &who.name, email, None)
                }
            });
        }
        Ok(out)
    }

    fn doc_signers(&self, kind: DocumentKind) -> Result<Vec<Signer>, AppError> {
        Ok(self
            .signers(kind)?
            .into_iter()
            .map(|s| Signer {
                role: match (s.party, kind) {
                    (Party::Customer, _) => SignerRole::CustomerRepresentative,
                    (Party::Organisation, DocumentKind::RiskAct) => {
                        SignerRole::OrganisationRepresentative
                    }
                    (Party::Organisation, _) => SignerRole::OrderManager,
                },
                name: s.name,
                position: match (s.party, kind) {
                    (Party::Customer, _) => None,
                    (Party::Organisation, DocumentKind::RiskAct) => Some(KAM_TITLE.into()),
                    (Party::Organisation, _) => Some(ORDER_MANAGER_TITLE.into()),
                },
                id_number: s.id_number,
                signature: None,
            })
            .collect())
    }

    async fn plans(&self, conn: &mut Connection) -> Result<Vec<PlanLine>, AppError> {
        let catalogue = catalogue::plans(conn).await?;
        Ok(list(&self.order, Step::Offer, "plans")
            .iter()
            .filter_map(|code| catalogue.iter().find(|p| &p.code == code))
            .map(PlanLine::from_catalogue)
            .collect())
    }

    /// The day the service was delivered: the Welcome KIT's delivery date once step 19
    /// records it, else the day the Delivery KIT (18) or provisioning (17) was done.
    fn delivery_date(&self) -> NaiveDate {
        date(&self.order, Step::WelcomeKit, "delivered_on")
            .or_else(|| {
                [Step::DeliveryKit, Step::Provisioning]
                    .into_iter()
                    .find_map(|s| self.order.records.get(&s))
                    .map(|r| today_in_asuncion(r.at))
            })
            .unwrap_or_else(|| today_in_asuncion(self.order.created_at))
    }

    fn aws_accounts(&self) -> Vec<AwsAccount> {
        let description = match text(&self.order, Step::Provisioning, "mco_reference") {
            Some(mco) => format!("Referencia en el MCO: {mco}"),
            None => String::new(),
        };
        list(&self.order, Step::Provisioning, "aws_accounts")
            .iter()
            .map(|id| AwsAccount {
                id: id.clone(),
                description: description.clone(),
            })
            .collect()
    }

    /// The master contract, offer and SOW the order's acts belong to, as recorded.
    fn basis(&self, with_sow: bool) -> ActBasis {
        let sow = with_sow
            .then(|| self.order.records.get(&Step::Sow))
            .flatten()
            .and_then(|r| match r.values.get("sow") {
                Some(FieldValue::File(file)) => Some(SowRef {
                    name: file.name.clone(),
                    recorded_on: today_in_asuncion(r.at),
                }),
                _ => None,
            });
        ActBasis {
            master_contract: self
                .customer
                .master_contract
                .as_ref()
                .map(|mc| MasterContractRef {
                    reference: mc.reference.clone(),
                    signed_on: mc.signed_on,
                }),
            offer_id: text(&self.order, Step::Offer, "offer_id").map(str::to_string),
            sow,
        }
    }

    /// The escalation ladder: the organisation's help desk, the order manager, the KAM.
    fn escalation(&self) -> Vec<EscalationContact> {
        let org = &self.organisation;
        escalation_levels()
            .into_iter()
            .map(|level| {
                let (name, email, phone) = match level {
                    EscalationLevel::SupportDesk => (
                        "Mesa de ayuda".to_string(),
                        org.email.clone().unwrap_or_default(),
                        org.phone.clone().unwrap_or_default(),
                    ),
                    EscalationLevel::OrderManager => (
                        self.order_manager.name.clone(),
                        self.order_manager.email.clone(),
                        self.order_manager.phone.clone().unwrap_or_default(),
                    ),
                    EscalationLevel::Kam => (
                        self.kam.name.clone(),
                        self.kam.email.clone(),
                        self.kam.phone.clone().unwrap_or_default(),
                    ),
                };
                EscalationContact {
                    level: level.number(),
                    name,
                    role: level.role().into(),
                    email,
                    phone,
                }
            })
            .collect()
    }

    /// The snapshot of a document of this kind with the given identity.
    pub async fn document(
        &self,
        conn: &mut Connection,
        kind: DocumentKind,
        meta: DocumentMeta,
    ) -> Result<Document, AppError> {
        let order = &self.order;
        Ok(match kind {
            DocumentKind::WelcomeKit => {
                let org = &self.organisation;
                let support = support_lines(
                    org.phone.as_deref(),
                    org.email.as_deref(),
                    org.website.as_deref(),
                    &self.kam.email,
                )
                .into_iter()
                .map(|l| SupportChannel {
                    channel: l.channel,
                    contact: l.contact,
                    hours: l.hours,
                })
                .collect();
                let response_times = response_lines(
                    org.response_critical.as_deref(),
                    org.response_high.as_deref(),
                    org.response_normal.as_deref(),
                )
                .into_iter()
                .map(|l| ResponseTime {
                    severity: l.severity.name().into(),
                    meaning: l.severity.meaning().into(),
                    response: l.response,
                })
                .collect();
                let account = order
                    .activation_account
                    .clone()
                    .or_else(|| self.customer.billing_account.clone());
                Document::WelcomeKit(WelcomeKit {
                    document: meta,
                    template: TemplateVersion::CURRENT,
                    recipient: self
                        .customer
                        .representatives
                        .first()
                        .map(|r| r.name.clone()),
                    organisation: self.organisation(),
                    customer: self.customer(),
                    order_number: order.number.clone(),
                    plans: self.plans(conn).await?,
                    aws_accounts: self.aws_accounts(),
                    mco: McoAccess {
                        console_url: text(order, Step::Provisioning, "mco_console_url")
                            .unwrap_or_default()
                            .into(),
                        user_name: text(order, Step::Provisioning, "mco_username")
                            .unwrap_or_default()
                            .into(),
                        password_delivery: org.mco_password_delivery.clone(),
                        password_help: Some(password_help(
                            org.phone.as_deref(),
                            org.email.as_deref(),
                            &self.kam.name,
                            &self.kam.email,
                        )),
                    },
                    support,
                    ticket: org.ticket_instructions.clone(),
                    response_times,
                    escalation: self.escalation(),
                    billing: Billing {
                        cycle_day: account
                            .as_ref()
                            .map(|a| a.cycle)
                            .unwrap_or(REQUIRED_BILLING_CYCLE),
                        billing_account: account.map(|a| a.number).unwrap_or_default(),
                        invoices: invoice_instructions(org.tbo_url.as_deref()),
                    },
                    kam: self.kam.clone(),
                    order_manager: self.order_manager.clone(),
                    delivery_date: self.delivery_date(),
                })
            }
            DocumentKind::AcceptanceAct => {
                let mut delivered: Vec<DeliveredItem> = self
                    .plans(conn)
                    .await?
                    .into_iter()
                    .map(|p| DeliveredItem {
                        concept: p.name,
                        detail: "Plan activado en la cuenta de facturación (ciclo 15)".into(),
                    })
                    .collect();
                // The console first: its row spells out MCO, which the accounts' rows use.
                if let Some(url) = text(order, Step::Provisioning, "mco_console_url") {
                    let detail = match text(order, Step::Provisioning, "mco_username") {
                        Some(user) => format!("{url}, usuario {user}"),
                        None => url.to_string(),
                    };
                    delivered.push(DeliveredItem {
                        concept: "Consola del Multi Cloud Orchestrator (MCO)".into(),
                        detail,
                    });
                }
                for a in self.aws_accounts() {
                    delivered.push(DeliveredItem {
                        concept: format!("Cuenta AWS {}", a.id),
                        detail: a.description,
                    });
                }
                Document::AcceptanceAct(AcceptanceAct {
                    document: meta,
                    template: TemplateVersion::CURRENT,
                    basis: Some(self.basis(true)),
                    billing_from: billing_starts_on(order),
                    organisation: self.organisation(),
                    customer: self.customer(),
                    order_number: order.number.clone(),
                    place: PLACE.into(),
                    delivered,
                    delivery_date: self.delivery_date(),
                    observations: None,
                    signers: self.doc_signers(kind)?,
                })
            }
            DocumentKind::RiskAct => {
                let catalogue = catalogue::risks(conn).await?;
                Document::RiskAct(RiskAct {
                    document: meta,
                    template: TemplateVersion::CURRENT,
                    // Made at the customer's signature (step 9), before the SOW.
                    basis: Some(self.basis(false)),
                    organisation: self.organisation(),
                    customer: self.customer(),
                    order_number: order.number.clone(),
                    place: PLACE.into(),
                    risks: list(order, Step::Offer, "risks")
                        .iter()
                        .filter_map(|code| catalogue.iter().find(|r| &r.code == code))
                        .map(RiskItem::from_catalogue)
                        .collect(),
                    other_risks: text(order, Step::Offer, "risks_other").map(str::to_string),
                    signers: self.doc_signers(kind)?,
                })
            }
            DocumentKind::PenaltyTable
            | DocumentKind::TerminationConfirmation
            | DocumentKind::SuspensionNotice
            | DocumentKind::ReconnectionNotice => {
                return Err(nimbo_domain::DomainError::NotADocumentOf {
                    kind,
                    number: order.number.clone(),
                }
                .into());
            }
        })
    }
}
