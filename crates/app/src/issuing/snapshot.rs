//! Each template's snapshot, built from what Nimbo records: the order and its steps, the
//! customer and its legal representative, the organisation's profile and logo, the KAM
//! and order manager of the order, and the catalogue.

use chrono::NaiveDate;
use nimbo_docs::{
    AcceptanceAct, AwsAccount, Billing, DeliveredItem, Document, DocumentMeta, EscalationContact,
    McoAccess, Person, PlanLine, Png, RiskAct, RiskItem, Signer, SignerRole, SupportChannel,
    WelcomeKit,
};
use nimbo_domain::customer::{Customer, REQUIRED_BILLING_CYCLE};
use nimbo_domain::document::{
    DocumentKind, EscalationLevel, Party, SignerEntry, escalation_levels, support_lines,
};
use nimbo_domain::order::{FieldValue, Order, Step};
use nimbo_domain::organisation::Organisation;
use nimbo_domain::role::Role;
use nimbo_domain::time::today_in_asuncion;
use nimbo_domain::user::User;
use nimbo_store::{Connection, attachments, catalogue, users};

use crate::AppError;

/// Where acts are signed.
const PLACE: &str = "Asunción";

/// How invoices reach the customer (DOMAIN §5.4).
const INVOICES: &str = "Cada mes puede descargar su factura en la plataforma de autogestión TBO, en «Mis facturas». Si tiene algún inconveniente, su ejecutivo de cuenta (KAM) se la enviará por correo electrónico.";

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
        email: user.email.clone().unwrap_or_else(|| "—".into()),
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
            // A customer recorded without an address prints a dash, not an empty line.
            address: self.customer.address.clone().unwrap_or_else(|| "—".into()),
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
                    SignerEntry::pending(*party, &who.name, Some(who.email.clone()), None)
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
                position: None,
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
        let mco = text(&self.order, Step::Provisioning, "mco_reference").unwrap_or("—");
        list(&self.order, Step::Provisioning, "aws_accounts")
            .iter()
            .map(|id| AwsAccount {
                id: id.clone(),
                description: format!("Cuenta administrada en el MCO (referencia {mco})"),
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
                let escalation = escalation_levels()
                    .into_iter()
                    .map(|level| {
                        let (name, email, phone) = match level {
                            EscalationLevel::SupportDesk => (
                                format!("Soporte de {}", org.name),
                                org.email.clone().unwrap_or_else(|| "—".into()),
                                org.phone.clone().unwrap_or_else(|| "—".into()),
                            ),
                            EscalationLevel::OrderManager => (
                                self.order_manager.name.clone(),
                                self.order_manager.email.clone(),
                                "—".into(),
                            ),
                            EscalationLevel::Kam => {
                                (self.kam.name.clone(), self.kam.email.clone(), "—".into())
                            }
                        };
                        EscalationContact {
                            level: level.number(),
                            name,
                            role: level.role().into(),
                            email,
                            phone,
                        }
                    })
                    .collect();
                let account = order
                    .activation_account
                    .clone()
                    .or_else(|| self.customer.billing_account.clone());
                Document::WelcomeKit(WelcomeKit {
                    document: meta,
                    organisation: self.organisation(),
                    customer: self.customer(),
                    order_number: order.number.clone(),
                    plans: self.plans(conn).await?,
                    aws_accounts: self.aws_accounts(),
                    mco: McoAccess {
                        console_url: text(order, Step::Provisioning, "mco_console_url")
                            .unwrap_or("—")
                            .into(),
                        user_name: text(order, Step::Provisioning, "mco_username")
                            .unwrap_or("—")
                            .into(),
                    },
                    support,
                    escalation,
                    billing: Billing {
                        cycle_day: account
                            .as_ref()
                            .map(|a| a.cycle)
                            .unwrap_or(REQUIRED_BILLING_CYCLE),
                        billing_account: account.map(|a| a.number).unwrap_or_else(|| "—".into()),
                        invoices: INVOICES.into(),
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
                for a in self.aws_accounts() {
                    delivered.push(DeliveredItem {
                        concept: format!("Cuenta AWS {}", a.id),
                        detail: a.description,
                    });
                }
                if let Some(url) = text(order, Step::Provisioning, "mco_console_url") {
                    delivered.push(DeliveredItem {
                        concept: "Acceso a la consola del MCO".into(),
                        detail: format!(
                            "{url}, usuario {}",
                            text(order, Step::Provisioning, "mco_username").unwrap_or("—")
                        ),
                    });
                }
                Document::AcceptanceAct(AcceptanceAct {
                    document: meta,
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
        })
    }
}
