//! The snapshots of a service's documents (issue 13), built from a termination,
//! suspension or reconnection and the facts around it: the subscription and its contract
//! terms, the customer and its representative, the plans in force, the billing account's
//! invoices, and what each step recorded. The templates print; the numbers come from the
//! domain (`nimbo_domain::contract::penalty_table`, `nimbo_domain::billing::debt`).

use chrono::{DateTime, NaiveDate, Utc};
use nimbo_docs::{
    Authorisation, ConfirmedPayment, Contact, ContractTerms, DebtSituation, DocumentMeta,
    OverdueInvoice, PenaltyRow, PenaltyTable, ReconnectionNotice, ServiceCustomer,
    ServiceSubscription, Signer, SignerRole, SupportContact, SuspensionNotice, TemplateVersion,
    TerminationConfirmation, TerminationLetter, TerminationScope as DocScope,
};
use nimbo_domain::Lang;
use nimbo_domain::billing::{Invoice, cents, debt};
use nimbo_domain::catalogue::Plan;
use nimbo_domain::contract::{ServiceFee, penalty_table};
use nimbo_domain::customer::Customer;
use nimbo_domain::document::{DocumentKind, KAM_TITLE, ORDER_MANAGER_TITLE, Party, SignerEntry};
use nimbo_domain::organisation::Organisation;
use nimbo_domain::role::Role;
use nimbo_domain::service::{
    ReconnectionStep, ServiceProcess, SuspensionStep, Termination, TerminationScope,
    TerminationStep,
};
use nimbo_domain::subscription::Subscription;
use nimbo_domain::time::today_in_asuncion;
use nimbo_domain::user::User;
use nimbo_domain::workflow::{FieldValue, Flow};
use nimbo_store::{Connection, attachments, billing, catalogue, processes, users};
use rust_decimal::Decimal;

use super::paper::{Paper, ServicePaper};
use crate::AppError;

/// Where the documents are signed or sent from.
const PLACE: &str = "Asunción";

/// Everything a process's documents are made from, read once.
pub(crate) struct ProcessSources {
    pub process: ServiceProcess,
    pub subscription: Subscription,
    pub customer: Customer,
    organisation: Organisation,
    logo: Option<Vec<u8>>,
    invoices: Vec<Invoice>,
    /// The plans in force on the day that matters (a termination's last day, else today).
    catalogue: Vec<Plan>,
    /// Who generates the document.
    by: User,
    /// The day in Asunción when it is generated.
    today: NaiveDate,
}

/// What a step of a flow recorded under `key`, as a date.
fn date_of<S: Ord>(flow: &Flow<S>, step: S, key: &str) -> Option<NaiveDate> {
    match flow.records.get(&step)?.values.get(key)? {
        FieldValue::Date(d) => Some(*d),
        _ => None,
    }
}

/// What a step of a flow recorded under `key`, as text.
fn text_of<S: Ord>(flow: &Flow<S>, step: S, key: &str) -> Option<String> {
    match flow.records.get(&step)?.values.get(key)? {
        FieldValue::Text(t) => Some(t.trim().to_string()).filter(|t| !t.is_empty()),
        _ => None,
    }
}

/// When a step of a flow was done.
fn done_at<S: Ord>(flow: &Flow<S>, step: S) -> Option<DateTime<Utc>> {
    flow.records.get(&step).map(|r| r.at)
}

fn missing(what: &str) -> AppError {
    AppError::Store(nimbo_store::StoreError::Corrupt(format!(
        "a process's document needs {what}, which is not recorded"
    )))
}

impl ProcessSources {
    /// Reads what the documents of a process print.
    pub async fn read(
        conn: &mut Connection,
        process: ServiceProcess,
        subscription: Subscription,
        customer: Customer,
        by: &User,
        now: DateTime<Utc>,
    ) -> Result<ProcessSources, AppError> {
        let organisation = crate::context::require(conn).await?;
        let logo = match &organisation.logo {
            Some(l) => attachments::content(conn, &l.sha256).await?,
            None => None,
        };
        let invoices = billing::invoices::of_account(conn, &subscription.billing_account).await?;
        let today = today_in_asuncion(now);
        let day = match &process {
            ServiceProcess::Termination(t) => t.detail.termination_date,
            _ => today,
        };
        let prices: Vec<_> = catalogue::plan_records(conn)
            .await?
            .into_iter()
            .flat_map(|p| p.prices)
            .collect();
        Ok(ProcessSources {
            catalogue: nimbo_domain::catalogue::in_force(&prices, day),
            process,
            subscription,
            customer,
            organisation,
            logo,
            invoices,
            by: by.clone(),
            today,
        })
    }

    fn organisation(&self) -> nimbo_docs::Organisation {
        nimbo_docs::Organisation {
            name: self.organisation.name.clone(),
            ruc: self.organisation.ruc.to_string(),
            logo: self.logo.clone().map(nimbo_docs::Png),
        }
    }

    fn representative(&self) -> Result<&nimbo_domain::customer::LegalRepresentative, AppError> {
        self.customer
            .representatives
            .first()
            .ok_or_else(|| AppError::NoRepresentative {
                customer: self.customer.name.clone(),
            })
    }

    fn customer(&self) -> Result<ServiceCustomer, AppError> {
        Ok(ServiceCustomer {
            name: self.customer.name.clone(),
            ruc: self.customer.ruc.to_string(),
            address: self.customer.address.clone(),
            billing_account: self.subscription.billing_account.clone(),
            representative: self.representative()?.name.clone(),
        })
    }

    /// A plan's catalogue name, or its code when the catalogue no longer has it.
    fn plan_name(&self, code: &str) -> String {
        self.catalogue
            .iter()
            .find(|p| p.code == code)
            .map_or_else(|| code.to_string(), |p| p.name.clone())
    }

    fn subscription(&self) -> ServiceSubscription {
        let s = &self.subscription;
        // A terminated subscription keeps what it had in its ended services.
        let mut plans = s.plans.clone();
        let mut accounts = s.aws_accounts.clone();
        for ended in &s.ended {
            plans.extend(ended.plans.iter().cloned());
            accounts.extend(ended.aws_accounts.iter().cloned());
        }
        plans.dedup();
        accounts.dedup();
        ServiceSubscription {
            subscriber_id: s.subscriber_id.clone(),
            plans: plans.iter().map(|c| self.plan_name(c)).collect(),
            aws_accounts: accounts,
        }
    }

    fn support(&self) -> SupportContact {
        let org = &self.organisation;
        SupportContact {
            phone: org.phone.clone(),
            email: org.email.clone(),
            invoices_portal: org.tbo_url.clone(),
        }
    }

    /// The user who did a step, else the one generating the document.
    async fn who(&self, conn: &mut Connection, by: Option<&str>) -> Result<User, AppError> {
        if let Some(name) = by
            && let Some(user) = users::by_username(conn, name).await?
        {
            return Ok(user);
        }
        Ok(self.by.clone())
    }

    fn contact(user: &User) -> Contact {
        Contact {
            name: user.full_name.clone(),
            title: KAM_TITLE.into(),
            email: user.email.clone().unwrap_or_default(),
            phone: None,
        }
    }

    /// The people who must sign a document of this kind: the customer's representative,
    /// and for the organisation the one who generates it (the KAM of the penalty table,
    /// pre-sales or the order manager of the confirmation).
    pub fn signers(&self, kind: DocumentKind) -> Result<Vec<SignerEntry>, AppError> {
        let mut out = Vec::new();
        for party in kind.signers() {
            out.push(match party {
                Party::Customer => {
                    let rep = self.representative()?;
                    SignerEntry::pending(
                        *party,
                        &rep.name,
                        Some(rep.email.clone()),
                        Some(rep.document.clone()),
                    )
                }
                Party::Organisation => {
                    SignerEntry::pending(*party, &self.by.full_name, self.by.email.clone(), None)
                }
            });
        }
        Ok(out)
    }

    fn doc_signers(&self, kind: DocumentKind) -> Result<Vec<Signer>, AppError> {
        let organisation_title = match kind {
            DocumentKind::PenaltyTable => Some(KAM_TITLE.to_string()),
            _ if self.by.has_any(&[Role::OrderManager]) => Some(ORDER_MANAGER_TITLE.to_string()),
            _ => Some("Ingeniero de preventa".to_string()),
        };
        Ok(self
            .signers(kind)?
            .into_iter()
            .map(|s| Signer {
                role: match s.party {
                    Party::Customer => SignerRole::CustomerRepresentative,
                    Party::Organisation => SignerRole::OrganisationRepresentative,
                },
                name: s.name,
                position: match s.party {
                    Party::Customer => None,
                    Party::Organisation => organisation_title.clone(),
                },
                id_number: s.id_number,
                signature: None,
            })
            .collect())
    }

    /// The snapshot of a document of this kind with the given identity.
    pub async fn paper(
        &self,
        conn: &mut Connection,
        kind: DocumentKind,
        meta: DocumentMeta,
    ) -> Result<Paper, AppError> {
        let paper = match (&self.process, kind) {
            (ServiceProcess::Termination(t), DocumentKind::PenaltyTable) => {
                ServicePaper::PenaltyTable(self.penalty_table(t, meta)?)
            }
            (ServiceProcess::Termination(t), DocumentKind::TerminationConfirmation) => {
                ServicePaper::TerminationConfirmation(self.confirmation(conn, t, meta).await?)
            }
            (ServiceProcess::Suspension(_), DocumentKind::SuspensionNotice) => {
                ServicePaper::SuspensionNotice(self.suspension_notice(conn, meta).await?)
            }
            (ServiceProcess::Reconnection(_), DocumentKind::ReconnectionNotice) => {
                ServicePaper::ReconnectionNotice(self.reconnection_notice(conn, meta).await?)
            }
            _ => {
                return Err(nimbo_domain::DomainError::NotADocumentOf {
                    kind,
                    number: self.process.number().to_string(),
                }
                .into());
            }
        };
        Ok(Paper::Service(paper))
    }

    fn penalty_table(&self, t: &Termination, meta: DocumentMeta) -> Result<PenaltyTable, AppError> {
        let s = &self.subscription;
        let terms = s.terms.as_ref();
        let (codes, total) = match &t.detail.scope {
            TerminationScope::Total => (plan_codes(s), true),
            TerminationScope::Partial { plans, .. } => (plans.clone(), false),
        };
        let services = ServiceFee::of_plans(&self.catalogue, &codes);
        let table = penalty_table(
            terms,
            s.activation_date,
            t.detail.termination_date,
            &services,
            total,
        )
        .ok_or_else(|| nimbo_domain::DomainError::NoPenalties {
            number: t.number.clone(),
            subscriber_id: s.subscriber_id.clone(),
        })?;
        let terms = terms.ok_or_else(|| missing("the contract's terms"))?;
        let months = table.position.months_remaining;
        let residual_note = if table.residual.is_some() {
            "se cobra una sola vez, en la fila de la inversión de instalación"
        } else if terms.has_investment() {
            "una baja parcial no cobra la inversión de instalación"
        } else {
            "el contrato no tiene inversión de instalación"
        };
        let mut rows: Vec<PenaltyRow> = table
            .rows
            .iter()
            .map(|r| PenaltyRow {
                plan: r.plan_name.clone(),
                months_remaining: r.months_remaining,
                clause_charge: cents(r.charge),
                clause_explanation: r.explanation_es.clone(),
                residual_investment: Decimal::ZERO,
                residual_explanation: residual_note.into(),
            })
            .collect();
        if let Some(r) = &table.residual {
            rows.push(PenaltyRow {
                plan: "Inversión de instalación".into(),
                months_remaining: months,
                clause_charge: Decimal::ZERO,
                clause_explanation: "la cláusula no se aplica a la inversión".into(),
                residual_investment: cents(r.amount),
                residual_explanation: r.explanation_es.clone(),
            });
        }
        Ok(PenaltyTable {
            document: meta,
            template: TemplateVersion::CURRENT,
            organisation: self.organisation(),
            customer: self.customer()?,
            subscription: self.subscription(),
            termination_date: t.detail.termination_date,
            contract: ContractTerms {
                reference: None,
                starts_on: s.activation_date,
                ends_on: table.position.term_ends_on,
                term_months: terms.term_months,
                clause: terms.early_termination.map_or_else(
                    || "el contrato no fija cargo por terminación anticipada".to_string(),
                    |c| c.describe(Lang::Es),
                ),
                installation_investment: terms
                    .has_investment()
                    .then_some(terms.installation_investment),
                instalments: terms
                    .has_investment()
                    .then_some(terms.installation_instalments),
            },
            rows,
            // The instalments are invoiced: what is unpaid of them is in the invoices
            // the verification lists, not printed twice here.
            unpaid_instalments: Vec::new(),
            place: PLACE.into(),
            signers: self.doc_signers(DocumentKind::PenaltyTable)?,
        })
    }

    async fn confirmation(
        &self,
        conn: &mut Connection,
        t: &Termination,
        meta: DocumentMeta,
    ) -> Result<TerminationConfirmation, AppError> {
        let flow = &t.flow;
        let owed = debt(&self.invoices, self.today).owed;
        let debt_situation = match flow.decisions.get(&TerminationStep::Authorisation) {
            Some(decisions) if flow.records.contains_key(&TerminationStep::Authorisation) => {
                let mut authorisations = Vec::new();
                for d in decisions {
                    let person = self.who(conn, Some(&d.by)).await?;
                    authorisations.push(Authorisation {
                        role: d.role,
                        person: person.full_name,
                        at: d.at,
                        reason: d.reason.clone(),
                    });
                }
                DebtSituation::Authorised {
                    amount: cents(owed),
                    authorisations,
                }
            }
            _ if owed > Decimal::ZERO
                && matches!(t.detail.scope, TerminationScope::Partial { .. }) =>
            {
                DebtSituation::CarriedToNextInvoice {
                    amount: cents(owed),
                }
            }
            _ => DebtSituation::Paid {
                confirmed_on: done_at(flow, TerminationStep::DebtConfirmation)
                    .map_or(self.today, today_in_asuncion),
            },
        };
        let scope = match &t.detail.scope {
            TerminationScope::Total => DocScope::Total,
            TerminationScope::Partial {
                plans,
                aws_accounts,
            } => DocScope::Partial {
                plans: plans.iter().map(|c| self.plan_name(c)).collect(),
                aws_accounts: aws_accounts.clone(),
            },
        };
        Ok(TerminationConfirmation {
            document: meta,
            template: TemplateVersion::CURRENT,
            organisation: self.organisation(),
            customer: self.customer()?,
            subscription: self.subscription(),
            scope,
            letter: TerminationLetter {
                received_on: t.detail.requested_on,
                signed_by: self.representative()?.name.clone(),
                sha256: t.detail.letter.sha256.clone(),
            },
            termination_date: t.detail.termination_date,
            debt: debt_situation,
            // Step 6 records the day, not Siebel's change number: the change is filed
            // under the termination's number.
            siebel_change: text_of(flow, TerminationStep::StatusChange, "siebel_change")
                .unwrap_or_else(|| t.number.clone()),
            siebel_changed_at: done_at(flow, TerminationStep::StatusChange)
                .ok_or_else(|| missing("the Siebel status change (step 6)"))?,
            work_order: text_of(flow, TerminationStep::WorkOrder, "work_order")
                .ok_or_else(|| missing("the work order (step 7)"))?,
            work_order_at: done_at(flow, TerminationStep::WorkOrder)
                .ok_or_else(|| missing("the work order (step 7)"))?,
            place: PLACE.into(),
            signers: self.doc_signers(DocumentKind::TerminationConfirmation)?,
        })
    }

    async fn suspension_notice(
        &self,
        conn: &mut Connection,
        meta: DocumentMeta,
    ) -> Result<SuspensionNotice, AppError> {
        let ServiceProcess::Suspension(c) = &self.process else {
            return Err(missing("a suspension"));
        };
        let flow = &c.flow;
        let by = flow
            .records
            .get(&SuspensionStep::Notice)
            .map(|r| r.by.clone());
        let kam = self.who(conn, by.as_deref()).await?;
        Ok(SuspensionNotice {
            document: meta,
            template: TemplateVersion::CURRENT,
            organisation: self.organisation(),
            customer: self.customer()?,
            subscription: self.subscription(),
            invoices: c
                .detail
                .invoices
                .iter()
                .map(|i| OverdueInvoice {
                    number: i.number.clone(),
                    due_on: i.due_on,
                    amount: cents(i.balance),
                    days_overdue: u32::try_from(i.days_overdue).unwrap_or(0),
                })
                .collect(),
            grace_days: c.detail.grace_days,
            suspension_date: date_of(flow, SuspensionStep::Notice, "suspension_date")
                .ok_or_else(|| missing("the suspension date (step 2)"))?,
            payment_instructions: format!(
                "Puede pagar las facturas vencidas por los medios de pago habituales, indicando la cuenta de facturación {}.",
                self.subscription.billing_account
            ),
            kam: Self::contact(&kam),
            support: self.support(),
            place: PLACE.into(),
        })
    }

    async fn reconnection_notice(
        &self,
        conn: &mut Connection,
        meta: DocumentMeta,
    ) -> Result<ReconnectionNotice, AppError> {
        let ServiceProcess::Reconnection(c) = &self.process else {
            return Err(missing("a reconnection"));
        };
        let flow = &c.flow;
        let suspension = processes::by_id(conn, c.detail.suspension_id).await?;
        let (paid, suspended_on) = match &suspension {
            Some(ServiceProcess::Suspension(s)) => (
                s.detail.invoices.iter().map(|i| i.balance).sum::<Decimal>(),
                date_of(&s.flow, SuspensionStep::Cut, "cut_on")
                    .or_else(|| date_of(&s.flow, SuspensionStep::Notice, "suspension_date")),
            ),
            _ => (Decimal::ZERO, None),
        };
        let by = flow
            .records
            .get(&ReconnectionStep::Notice)
            .map(|r| r.by.clone());
        let kam = self.who(conn, by.as_deref()).await?;
        Ok(ReconnectionNotice {
            document: meta,
            template: TemplateVersion::CURRENT,
            organisation: self.organisation(),
            customer: self.customer()?,
            subscription: self.subscription(),
            payment: ConfirmedPayment {
                paid_on: date_of(flow, ReconnectionStep::PaymentConfirmed, "paid_on")
                    .ok_or_else(|| missing("the payment's date (step 1)"))?,
                reference: text_of(
                    flow,
                    ReconnectionStep::PaymentConfirmed,
                    "payment_reference",
                )
                .unwrap_or_default(),
                amount: cents(paid),
            },
            suspended_on,
            reconnection_date: date_of(flow, ReconnectionStep::Reconnected, "reconnected_on")
                .ok_or_else(|| missing("the reconnection's date (step 3)"))?,
            kam: Self::contact(&kam),
            support: self.support(),
            place: PLACE.into(),
        })
    }
}

/// The codes of every plan the subscription had, ended ones too.
fn plan_codes(s: &Subscription) -> Vec<String> {
    let mut codes = s.plans.clone();
    for ended in &s.ended {
        codes.extend(ended.plans.iter().cloned());
    }
    codes.dedup();
    codes
}
