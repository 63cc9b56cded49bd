//! The service acceptance act (Acta de aceptación del servicio, DOMAIN §7): what was
//! delivered and when, the customer's statement of acceptance, and signatures of the
//! customer's legal representative and the order manager. The second edition also names
//! the master contract, the offer and the SOW, says from when billing runs, and leaves
//! lined room for observations.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Template;
use super::act::OrderAct;
use super::blocks::{para, space};
use crate::dates::{day, long_day};
use crate::error::DocsError;
use crate::flow::Flow;
use crate::model::{ActBasis, Customer, DocumentMeta, Organisation, Signer, TemplateVersion};
use crate::table::{Column, Table, draw_table};

/// One thing delivered: a plan, an AWS account, the console access…
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveredItem {
    /// What it is (`Plan`, `Cuenta AWS`, `Acceso a la consola MCO`).
    pub concept: String,
    /// Which one.
    pub detail: String,
}

/// The acceptance act's snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcceptanceAct {
    /// Which version of which document.
    pub document: DocumentMeta,
    /// The edition of the layout it is drawn with.
    #[serde(default, skip_serializing_if = "TemplateVersion::is_first")]
    pub template: TemplateVersion,
    /// The contract, offer and SOW the act belongs to (from the second edition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<ActBasis>,
    /// The day billing runs from: the service's activation in Siebel (from the second
    /// edition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_from: Option<NaiveDate>,
    /// Who issues it.
    pub organisation: Organisation,
    /// Who accepts.
    pub customer: Customer,
    /// The order it closes.
    pub order_number: String,
    /// Where the act is signed (e.g. `Asunción`).
    pub place: String,
    /// What was delivered.
    pub delivered: Vec<DeliveredItem>,
    /// The day the service was delivered.
    pub delivery_date: NaiveDate,
    /// Remarks the parties add, if any.
    pub observations: Option<String>,
    /// Who signs: the customer's legal representative and the order manager.
    pub signers: Vec<Signer>,
}

impl AcceptanceAct {
    /// What the act's opening and closing speak of.
    fn act(&self) -> OrderAct<'_> {
        OrderAct::of(self, &self.customer, &self.order_number, &self.place)
    }
}

impl Template for AcceptanceAct {
    fn meta(&self) -> &DocumentMeta {
        &self.document
    }

    fn organisation(&self) -> &Organisation {
        &self.organisation
    }

    fn kind(&self) -> &'static str {
        "Acta de aceptación"
    }

    fn title(&self) -> String {
        "Acta de aceptación del servicio".into()
    }

    fn subject(&self) -> String {
        self.act().subject()
    }

    fn template(&self) -> TemplateVersion {
        self.template
    }

    fn compose(&self, flow: &mut Flow) -> Result<(), DocsError> {
        if self.template.is_first() {
            self.compose_first(flow)
        } else {
            self.compose_second(flow)
        }
    }
}

impl AcceptanceAct {
    /// What was delivered, ending with its delivery date as the edition writes it.
    fn delivered_table(&self, flow: &mut Flow, delivery_date: String) {
        flow.heading("Servicio entregado");
        let mut table = Table::new(vec![
            Column::new("Concepto", 0.32),
            Column::new("Detalle", 0.68),
        ]);
        for item in &self.delivered {
            table = table.row([item.concept.clone(), item.detail.clone()]);
        }
        table = table.row(["Fecha de entrega".to_string(), delivery_date]);
        draw_table(flow, &table);
        space(flow);
    }

    /// The first edition, as issued until December 2026: do not edit.
    fn compose_first(&self, flow: &mut Flow) -> Result<(), DocsError> {
        self.act().open(
            flow,
            "y",
            "dejan constancia de la entrega y aceptación del servicio que se detalla a continuación.",
        );

        self.delivered_table(flow, long_day(self.delivery_date));

        flow.heading("Declaración de aceptación");
        para(
            flow,
            &format!(
                "El Cliente declara que recibió el servicio descrito el {}, que lo verificó y que funciona conforme a lo contratado. En consecuencia, lo acepta a partir de esa fecha, desde la cual rigen la facturación y las condiciones del contrato.",
                long_day(self.delivery_date)
            ),
        );
        if let Some(obs) = self
            .observations
            .as_deref()
            .filter(|o| !o.trim().is_empty())
        {
            flow.heading("Observaciones");
            para(flow, obs);
        }
        self.act().close(flow, &self.signers)
    }

    /// The second edition.
    fn compose_second(&self, flow: &mut Flow) -> Result<(), DocsError> {
        let act = self.act();
        act.open_second(
            flow,
            "y",
            "dejan constancia de la entrega y aceptación del servicio que se detalla a continuación.",
            &self.basis.clone().unwrap_or_default(),
        );

        self.delivered_table(flow, day(self.delivery_date));

        flow.heading("Declaración de aceptación");
        para(
            flow,
            &format!(
                "El Cliente declara que recibió el servicio descrito el {}, que lo verificó y que funciona conforme a lo contratado, y lo acepta en los términos del Contrato Marco de Soluciones y de la oferta indicados.",
                day(self.delivery_date)
            ),
        );
        if let Some(from) = self.billing_from {
            para(
                flow,
                &format!(
                    "La facturación rige desde el {}, fecha de activación del servicio.",
                    day(from)
                ),
            );
        }
        space(flow);
        act.observations(flow, self.observations.as_deref());
        act.close_second(flow, &self.signers)
    }
}
