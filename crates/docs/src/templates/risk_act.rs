//! The AWS risk acceptance act (Acta de aceptación de riesgos AWS, DOMAIN §7): the risks
//! the customer knowingly accepts, chosen from the catalogue plus free text, the
//! customer's declaration and signatures. The second edition also names the master
//! contract and the offer that records the risks, and leaves lined room for observations.

use nimbo_domain::catalogue::Risk;
use serde::{Deserialize, Serialize};

use super::Template;
use super::act::OrderAct;
use super::blocks::{para, space};
use crate::error::DocsError;
use crate::flow::Flow;
use crate::model::{ActBasis, Customer, DocumentMeta, Organisation, Signer, TemplateVersion};
use crate::table::{Column, Table, draw_table};

/// A risk the customer accepts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskItem {
    /// The catalogue's code, when it comes from the catalogue.
    pub code: Option<String>,
    /// Its name.
    pub title: String,
    /// What it means for the customer.
    pub description: String,
}

impl RiskItem {
    /// A risk of the catalogue, with the description the catalogue keeps for it.
    pub fn from_catalogue(risk: &Risk) -> RiskItem {
        RiskItem {
            code: Some(risk.code.clone()),
            title: risk.name_es.clone(),
            description: risk.description_es.clone(),
        }
    }
}

/// The risk act's snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskAct {
    /// Which version of which document.
    pub document: DocumentMeta,
    /// The edition of the layout it is drawn with.
    #[serde(default, skip_serializing_if = "TemplateVersion::is_first")]
    pub template: TemplateVersion,
    /// The contract and offer the act belongs to (from the second edition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<ActBasis>,
    /// Who issues it.
    pub organisation: Organisation,
    /// Who accepts the risks.
    pub customer: Customer,
    /// The order the risks were recorded on.
    pub order_number: String,
    /// Where the act is signed (e.g. `Asunción`).
    pub place: String,
    /// The risks accepted.
    pub risks: Vec<RiskItem>,
    /// Other risks the parties describe in their own words.
    pub other_risks: Option<String>,
    /// Who signs.
    pub signers: Vec<Signer>,
}

impl RiskAct {
    /// What the act's opening and closing speak of.
    fn act(&self) -> OrderAct<'_> {
        OrderAct::of(self, &self.customer, &self.order_number, &self.place)
    }
}

impl Template for RiskAct {
    fn meta(&self) -> &DocumentMeta {
        &self.document
    }

    fn organisation(&self) -> &Organisation {
        &self.organisation
    }

    fn kind(&self) -> &'static str {
        "Aceptación de riesgos"
    }

    fn title(&self) -> String {
        "Acta de aceptación de riesgos AWS".into()
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

impl RiskAct {
    /// The risks accepted and the customer's declaration, the same in both editions.
    fn risks_and_declaration(&self, flow: &mut Flow) {
        flow.heading("Riesgos aceptados");
        let mut table = Table::new(vec![
            Column::new("N.º", 0.07),
            Column::new("Riesgo", 0.30).styled(crate::style::CELL.bold()),
            Column::new("Qué significa", 0.63),
        ]);
        for (i, r) in self.risks.iter().enumerate() {
            table = table.row([(i + 1).to_string(), r.title.clone(), r.description.clone()]);
        }
        draw_table(flow, &table);
        if let Some(other) = self.other_risks.as_deref().filter(|o| !o.trim().is_empty()) {
            space(flow);
            flow.heading("Otros riesgos declarados");
            para(flow, other);
        }
        space(flow);

        flow.heading("Declaración del Cliente");
        para(
            flow,
            "El Cliente declara que el Proveedor le explicó cada uno de los riesgos enumerados y las medidas que podrían reducirlos, que los comprende, y que decide mantener la configuración actual de su servicio.",
        );
        para(
            flow,
            "En consecuencia, acepta esos riesgos de forma expresa y asume las consecuencias que de ellos pudieran derivarse, sin perjuicio de solicitar en cualquier momento las medidas que los reduzcan.",
        );
    }

    /// The first edition, as issued until December 2026: do not edit.
    fn compose_first(&self, flow: &mut Flow) -> Result<(), DocsError> {
        self.act().open(
            flow,
            "deja constancia ante",
            "de que fue informado de los riesgos que se describen a continuación, propios de la configuración de su servicio en Amazon Web Services que el Cliente eligió.",
        );

        self.risks_and_declaration(flow);
        self.act().close(flow, &self.signers)
    }

    /// The second edition.
    fn compose_second(&self, flow: &mut Flow) -> Result<(), DocsError> {
        let act = self.act();
        act.open_second(
            flow,
            "deja constancia ante",
            "de que fue informado de los riesgos que se describen a continuación, propios de la configuración de su servicio en Amazon Web Services que el Cliente eligió.",
            &self.basis.clone().unwrap_or_default(),
        );

        self.risks_and_declaration(flow);
        space(flow);
        act.observations(flow, None);
        act.close_second(flow, &self.signers)
    }
}
