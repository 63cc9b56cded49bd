//! The penalty table (Tabla de penalidades, DOMAIN §6 Decision): what a customer whose
//! contract has a term owes for ending it early — per service, the months remaining,
//! the charge the early-termination clause defines and the residual value of the
//! installation investment (investment × months remaining ÷ term months), each with the
//! explanation it was computed with — and the installation instalments still unpaid. The
//! customer's legal representative receives it and signs for it.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::explained::{self, Explained, Row};
use super::{ServiceCustomer, ServiceSubscription, kicker};
use crate::dates::{day, local_day};
use crate::error::DocsError;
use crate::flow::Flow;
use crate::model::{DocumentMeta, Organisation, Signer, TemplateVersion};
use crate::money::usd;
use crate::table::{Column, Table, draw_table};
use crate::templates::Template;
use crate::templates::blocks::{
    key_values, note, panel, para, signature_blocks, small, space, title_block,
};

/// The special terms of the contract, as onboarding recorded them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractTerms {
    /// The contract's or the exception's reference, when recorded.
    pub reference: Option<String>,
    /// The day the term started.
    pub starts_on: NaiveDate,
    /// The term's last day.
    pub ends_on: NaiveDate,
    /// The term in months.
    pub term_months: u32,
    /// The early-termination clause in words (`tres cuotas mensuales del plan`).
    pub clause: String,
    /// The installation investment, when there is one.
    pub installation_investment: Option<Decimal>,
    /// In how many instalments it is paid.
    pub instalments: Option<u32>,
}

/// One service's early-termination charges.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PenaltyRow {
    /// The plan, by its catalogue name.
    pub plan: String,
    /// Months of the term remaining at the termination date.
    pub months_remaining: u32,
    /// What the clause charges.
    pub clause_charge: Decimal,
    /// How, with its numbers (`3 cuotas mensuales × USD 450,00 = USD 1.350,00`).
    pub clause_explanation: String,
    /// The residual value of the installation investment.
    pub residual_investment: Decimal,
    /// How, with its numbers (`USD 12.000,00 × 14 ÷ 24 = USD 7.000,00`).
    pub residual_explanation: String,
}

impl PenaltyRow {
    /// The clause's charge and the residual investment together.
    pub fn total(&self) -> Decimal {
        self.clause_charge + self.residual_investment
    }
}

/// An installation instalment due and not paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnpaidInstalment {
    /// Its number, from 1.
    pub number: u32,
    /// The day it fell due.
    pub due_on: NaiveDate,
    /// What is still owed of it.
    pub amount: Decimal,
}

/// The penalty table's snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PenaltyTable {
    /// Which version of which document.
    pub document: DocumentMeta,
    /// The edition of the layout it is drawn with.
    pub template: TemplateVersion,
    /// Who issues it.
    pub organisation: Organisation,
    /// Whom it is for.
    pub customer: ServiceCustomer,
    /// The subscription being terminated.
    pub subscription: ServiceSubscription,
    /// The day the termination takes effect.
    pub termination_date: NaiveDate,
    /// The contract's special terms.
    pub contract: ContractTerms,
    /// One row per service terminated.
    pub rows: Vec<PenaltyRow>,
    /// Installation instalments due and unpaid.
    pub unpaid_instalments: Vec<UnpaidInstalment>,
    /// Where it is signed (`Asunción`).
    pub place: String,
    /// Who signs: the customer's legal representative, who receives it, and the
    /// organisation's representative.
    pub signers: Vec<Signer>,
}

impl PenaltyTable {
    /// The early-termination charges of every row.
    pub fn charges_total(&self) -> Decimal {
        self.rows.iter().map(PenaltyRow::total).sum()
    }

    /// What is owed of the unpaid instalments.
    pub fn instalments_total(&self) -> Decimal {
        self.unpaid_instalments.iter().map(|i| i.amount).sum()
    }

    /// Everything the table asks the customer to pay.
    pub fn total(&self) -> Decimal {
        self.charges_total() + self.instalments_total()
    }
}

impl Template for PenaltyTable {
    fn meta(&self) -> &DocumentMeta {
        &self.document
    }

    fn organisation(&self) -> &Organisation {
        &self.organisation
    }

    fn kind(&self) -> &'static str {
        "Tabla de penalidades"
    }

    fn title(&self) -> String {
        "Tabla de penalidades".into()
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
        let (c, k) = (&self.customer, &self.contract);
        title_block(
            flow,
            &kicker(&self.subscription),
            "Tabla de penalidades",
            &c.name,
        );
        para(
            flow,
            &format!(
                "{} (RUC {}) solicitó la baja de su servicio de nube de Amazon Web Services (AWS) con fecha {}, antes del fin del plazo de su contrato ({}). Esta tabla detalla, por servicio, lo que corresponde pagar por la terminación anticipada: el cargo que fija la cláusula del contrato y el valor residual de la inversión de instalación, amortizada en partes iguales a lo largo del plazo (inversión × meses restantes ÷ meses del plazo).",
                c.name,
                c.ruc,
                day(self.termination_date),
                day(k.ends_on),
            ),
        );
        panel(
            flow,
            &[
                ("Cliente", c.name.clone()),
                ("Cuenta de facturación", c.billing_account.clone()),
                (
                    "Suscripción (Subscriber ID)",
                    self.subscription.subscriber_id.clone(),
                ),
                ("Fecha de baja", day(self.termination_date)),
                ("Total a pagar", usd(self.total())),
            ],
            3,
        );

        flow.heading("Contrato");
        let mut terms = Vec::new();
        if let Some(reference) = k.reference.as_deref().filter(|r| !r.trim().is_empty()) {
            terms.push(("Referencia", reference.to_string()));
        }
        terms.push((
            "Plazo",
            format!(
                "{} meses, del {} al {}",
                k.term_months,
                day(k.starts_on),
                day(k.ends_on)
            ),
        ));
        terms.push(("Cláusula de terminación anticipada", k.clause.clone()));
        if let Some(investment) = k.installation_investment {
            let instalments = match k.instalments {
                Some(n) if n > 1 => format!(", pagadera en {n} cuotas"),
                _ => String::new(),
            };
            terms.push((
                "Inversión de instalación",
                format!("{}{instalments}", usd(investment)),
            ));
        }
        key_values(flow, &terms);

        flow.heading("Cargos por terminación anticipada");
        let rows = self
            .rows
            .iter()
            .map(|r| Row {
                title: r.plan.clone(),
                subtitle: None,
                explanations: vec![
                    format!("Cláusula: {}", r.clause_explanation),
                    format!("Inversión residual: {}", r.residual_explanation),
                ],
                figures: vec![
                    r.months_remaining.to_string(),
                    usd(r.clause_charge),
                    usd(r.residual_investment),
                    usd(r.total()),
                ],
            })
            .collect();
        let sum = |f: fn(&PenaltyRow) -> Decimal| self.rows.iter().map(f).sum::<Decimal>();
        explained::draw(
            flow,
            &Explained {
                concept: "Plan y cálculo",
                columns: &[
                    ("Meses restantes", 0.12),
                    ("Cargo de la cláusula", 0.15),
                    ("Inversión residual", 0.15),
                    ("Total", 0.15),
                ],
                rows,
                totals: Some((
                    "Total por terminación anticipada",
                    vec![
                        String::new(),
                        usd(sum(|r| r.clause_charge)),
                        usd(sum(|r| r.residual_investment)),
                        usd(self.charges_total()),
                    ],
                )),
            },
        );
        space(flow);

        if !self.unpaid_instalments.is_empty() {
            flow.heading("Cuotas de instalación impagas");
            let columns = |style| {
                vec![
                    Column::new("Cuota", 0.40).styled(style),
                    Column::new("Vencimiento", 0.30).styled(style),
                    Column::new("Importe", 0.30).right().styled(style),
                ]
            };
            let mut table = Table::new(columns(crate::style::CELL));
            for i in &self.unpaid_instalments {
                let of = k
                    .instalments
                    .map(|n| format!(" de {n}"))
                    .unwrap_or_default();
                table = table.row([
                    format!("Cuota {}{of}", i.number),
                    day(i.due_on),
                    usd(i.amount),
                ]);
            }
            draw_table(flow, &table);
            let total = Table::new(columns(crate::style::CELL.bold()))
                .without_header()
                .row([
                    "Total de cuotas impagas".to_string(),
                    String::new(),
                    usd(self.instalments_total()),
                ]);
            draw_table(flow, &total);
            small(
                flow,
                "Las cuotas de instalación vencidas e impagas se pagan junto con los cargos por terminación anticipada.",
            );
            space(flow);
        }

        note(
            flow,
            &if self.unpaid_instalments.is_empty() {
                format!(
                    "Total a pagar por la terminación anticipada: {}.",
                    usd(self.total())
                )
            } else {
                format!(
                    "Total a pagar: {}, de los cuales {} son cargos por terminación anticipada y {} cuotas de instalación impagas.",
                    usd(self.total()),
                    usd(self.charges_total()),
                    usd(self.instalments_total())
                )
            },
        );

        let received = format!(
            "{}, representante legal de {}, firma en constancia de haber recibido esta tabla de penalidades. {}, {}.",
            c.representative,
            c.name,
            self.place,
            day(local_day(self.document.issued_at))
        );
        flow.keep_together(|f| {
            flow_heading_and(f, "Recepción", &received);
            signature_blocks(f, &self.signers, &c.name, &self.organisation.name)
        })
    }
}

/// A heading and a paragraph under it.
fn flow_heading_and(flow: &mut Flow, heading: &str, text: &str) {
    flow.heading(heading);
    para(flow, text);
    space(flow);
}
