//! The suspension notice (Aviso de suspensión, DOMAIN §8): a letter from the KAM to the
//! customer's legal representative listing the invoices overdue beyond the grace period,
//! the total debt and the day the service will be suspended, what the suspension means
//! (consumption during it is still billed), how to pay and whom to contact.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{
    Contact, ServiceCustomer, ServiceSubscription, SupportContact, addressee, closing_section,
    kicker,
};
use crate::dates::{day, local_day};
use crate::error::DocsError;
use crate::flow::Flow;
use crate::model::{DocumentMeta, Organisation, TemplateVersion};
use crate::money::usd;
use crate::style::CELL;
use crate::table::{Column, Table, draw_table};
use crate::templates::Template;
use crate::templates::blocks::{numbered, panel, para, space, title_block};

/// An invoice overdue beyond the grace period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueInvoice {
    /// Its number, as the invoice shows it.
    pub number: String,
    /// The day it fell due.
    pub due_on: NaiveDate,
    /// What is still owed of it.
    pub amount: Decimal,
    /// Days overdue on the notice's day.
    pub days_overdue: u32,
}

/// The suspension notice's snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuspensionNotice {
    /// Which version of which document.
    pub document: DocumentMeta,
    /// The edition of the layout it is drawn with.
    pub template: TemplateVersion,
    /// Who issues it.
    pub organisation: Organisation,
    /// Whom it is for.
    pub customer: ServiceCustomer,
    /// The subscription to be suspended.
    pub subscription: ServiceSubscription,
    /// The invoices overdue beyond the grace period.
    pub invoices: Vec<OverdueInvoice>,
    /// The grace period, in days.
    pub grace_days: u32,
    /// The day the service will be suspended unless the debt is paid.
    pub suspension_date: NaiveDate,
    /// How to pay, in the organisation's words.
    pub payment_instructions: String,
    /// The KAM, who sends the notice.
    pub kam: Contact,
    /// The organisation's support channels.
    pub support: SupportContact,
    /// Where it is written (`Asunción`).
    pub place: String,
}

impl SuspensionNotice {
    /// The total of the overdue invoices.
    pub fn total_debt(&self) -> Decimal {
        self.invoices.iter().map(|i| i.amount).sum()
    }
}

impl Template for SuspensionNotice {
    fn meta(&self) -> &DocumentMeta {
        &self.document
    }

    fn organisation(&self) -> &Organisation {
        &self.organisation
    }

    fn kind(&self) -> &'static str {
        "Aviso de suspensión"
    }

    fn title(&self) -> String {
        "Aviso de suspensión del servicio".into()
    }

    fn subject(&self) -> String {
        format!(
            "{} — suspensión de la suscripción {} el {}",
            self.customer.name,
            self.subscription.subscriber_id,
            day(self.suspension_date)
        )
    }

    fn template(&self) -> TemplateVersion {
        self.template
    }

    fn compose(&self, flow: &mut Flow) -> Result<(), DocsError> {
        let c = &self.customer;
        let total = self.total_debt();
        title_block(
            flow,
            &kicker(&self.subscription),
            "Aviso de suspensión del servicio",
            "",
        );
        addressee(
            flow,
            &format!(
                "{}, {}",
                self.place,
                day(local_day(self.document.issued_at))
            ),
            c,
        );
        let invoices = match self.invoices.len() {
            1 => "una factura vencida".to_string(),
            n => format!("{n} facturas vencidas"),
        };
        // A notice issued again after the cut (a new version) says what happened, not
        // what will.
        let when = if local_day(self.document.issued_at) > self.suspension_date {
            format!(
                "Como el pago no se registró a tiempo, su servicio de nube de Amazon Web Services (AWS) está suspendido desde el {}.",
                day(self.suspension_date)
            )
        } else {
            format!(
                "Si el pago no se registra antes del {}, ese día se suspenderá su servicio de nube de Amazon Web Services (AWS).",
                day(self.suspension_date)
            )
        };
        para(
            flow,
            &format!(
                "Le informamos que {} tiene {invoices} hace más de {} días, por un total de {}. {when}",
                c.name,
                self.grace_days,
                usd(total),
            ),
        );
        panel(
            flow,
            &[
                ("Deuda vencida", usd(total)),
                ("Fecha de suspensión", day(self.suspension_date)),
                ("Cuenta de facturación", c.billing_account.clone()),
            ],
            3,
        );

        flow.heading("Facturas vencidas");
        let columns = |style| {
            vec![
                Column::new("N.º de factura", 0.34).styled(style),
                Column::new("Vencimiento", 0.22).styled(style),
                Column::new("Días de atraso", 0.20).right().styled(style),
                Column::new("Importe", 0.24).right().styled(style),
            ]
        };
        let mut table = Table::new(columns(CELL));
        for i in &self.invoices {
            table = table.row([
                i.number.clone(),
                day(i.due_on),
                i.days_overdue.to_string(),
                usd(i.amount),
            ]);
        }
        draw_table(flow, &table);
        draw_table(
            flow,
            &Table::new(columns(CELL.bold())).without_header().row([
                "Total de la deuda vencida".to_string(),
                String::new(),
                String::new(),
                usd(total),
            ]),
        );
        space(flow);

        flow.heading("Qué implica la suspensión");
        let accounts = self
            .subscription
            .accounts_phrase()
            .unwrap_or_else(|| "sus cuentas AWS".into());
        numbered(
            flow,
            &[
                format!(
                    "Desde el {}, el acceso a {accounts} queda restringido en el Multi Cloud Orchestrator (MCO), la plataforma con la que se gestiona su servicio.",
                    day(self.suspension_date)
                ),
                "El consumo de AWS durante la suspensión se sigue facturando: los recursos que permanezcan en sus cuentas generan cargos en cada período.".to_string(),
                "El servicio se reconecta cuando se confirma el pago de la deuda; le enviaremos entonces un aviso de reconexión.".to_string(),
            ],
        );

        closing_section(
            flow,
            "Cómo regularizar el pago",
            &[format!(
                "{} Si ya realizó el pago, envíe el comprobante a su ejecutivo comercial para que lo confirmemos.",
                self.payment_instructions.trim_end()
            )],
            &self.kam,
            &self.support,
            &self.organisation.name,
        );
        Ok(())
    }
}
