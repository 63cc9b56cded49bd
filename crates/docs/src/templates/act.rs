//! What the acts about an order (acceptance of the service, acceptance of risks) share:
//! the title block and opening paragraph that name the order, the place, the day and both
//! parties, and the closing formula with the signatures. The `*_second` forms are the
//! second edition's: the opening names the contract, offer and SOW the act belongs to, a
//! lined space takes observations, and each signer has name, title and C.I.

use super::Template;
use super::blocks::{
    key_values, para, signature_blocks, signatures, space, title_block, writing_lines,
};
use crate::dates::{act_day, day, local_day};
use crate::error::DocsError;
use crate::flow::Flow;
use crate::model::{ActBasis, Customer, DocumentMeta, Organisation, Signer};

/// The parts of an act's snapshot that its opening and closing speak of.
pub(crate) struct OrderAct<'a> {
    /// Which version of which document.
    pub document: &'a DocumentMeta,
    /// Who issues it.
    pub organisation: &'a Organisation,
    /// The customer, the other party.
    pub customer: &'a Customer,
    /// The order the act is about.
    pub order_number: &'a str,
    /// Where the act is signed.
    pub place: &'a str,
    /// The act's title.
    pub title: String,
}

impl<'a> OrderAct<'a> {
    /// The parts of `act`, whose customer, order and place are given.
    pub fn of(
        act: &'a impl Template,
        customer: &'a Customer,
        order_number: &'a str,
        place: &'a str,
    ) -> OrderAct<'a> {
        OrderAct {
            document: act.meta(),
            organisation: act.organisation(),
            customer,
            order_number,
            place,
            title: act.title(),
        }
    }

    /// The PDF's subject property: the customer and the order.
    pub fn subject(&self) -> String {
        format!("{} — pedido {}", self.customer.name, self.order_number)
    }

    /// The title block, then the opening paragraph: where, when, the customer, `between`,
    /// the provider and `after`, which says what the parties record.
    pub fn open(&self, flow: &mut Flow, between: &str, after: &str) {
        let (c, org) = (self.customer, self.organisation);
        title_block(
            flow,
            &format!("Servicio de nube AWS · Pedido N.º {}", self.order_number),
            &self.title,
            &c.name,
        );
        para(
            flow,
            &format!(
                "En {}, {}, {} (RUC {}), en adelante «el Cliente», {between} {} (RUC {}), en adelante «el Proveedor», {after}",
                self.place,
                act_day(local_day(self.document.issued_at)),
                c.name,
                c.ruc,
                org.name,
                org.ruc
            ),
        );
        space(flow);
    }

    /// The closing formula and the signatures of `signers`.
    pub fn close(&self, flow: &mut Flow, signers: &[Signer]) -> Result<(), DocsError> {
        // The closing formula stays on the page of the signatures it introduces.
        flow.keep_together(|f| {
            para(
                f,
                "En prueba de conformidad, las partes firman la presente acta en dos ejemplares de un mismo tenor y a un solo efecto.",
            );
            space(f);
            signatures(f, signers, &self.customer.name, &self.organisation.name)
        })
    }
}

impl OrderAct<'_> {
    /// The second edition's title block, opening paragraph and the documents the act
    /// belongs to (the master contract, the offer, the SOW, the order), as recorded.
    pub fn open_second(&self, flow: &mut Flow, between: &str, after: &str, basis: &ActBasis) {
        let (c, org) = (self.customer, self.organisation);
        title_block(
            flow,
            &format!("Servicio de nube AWS · Pedido N.º {}", self.order_number),
            &self.title,
            &c.name,
        );
        para(
            flow,
            &format!(
                "En {}, el {}, {} (RUC {}), en adelante «el Cliente», {between} {} (RUC {}), en adelante «el Proveedor», {after}",
                self.place,
                day(local_day(self.document.issued_at)),
                c.name,
                c.ruc,
                org.name,
                org.ruc
            ),
        );
        space(flow);
        let mut rows = Vec::new();
        if let Some(mc) = &basis.master_contract {
            rows.push((
                "Contrato Marco de Soluciones",
                format!("N.º {}, firmado el {}", mc.reference, day(mc.signed_on)),
            ));
        }
        if let Some(offer) = basis.offer_id.as_deref().filter(|o| !o.trim().is_empty()) {
            rows.push(("Oferta", format!("N.º {offer}")));
        }
        if let Some(sow) = &basis.sow {
            rows.push((
                "Alcance del trabajo (SOW)",
                format!("{}, registrado el {}", sow.name, day(sow.recorded_on)),
            ));
        }
        rows.push(("Pedido", format!("N.º {}", self.order_number)));
        flow.heading("Documentos de referencia");
        key_values(flow, &rows);
    }

    /// A heading and ruled lines for the parties' observations, with the ones already
    /// recorded printed above them.
    pub fn observations(&self, flow: &mut Flow, recorded: Option<&str>) {
        // The heading stays on the page of the lines it introduces.
        let block = |f: &mut Flow| {
            f.heading("Observaciones");
            if let Some(text) = recorded.filter(|o| !o.trim().is_empty()) {
                para(f, text);
            }
            writing_lines(f, 4);
            Ok::<(), std::convert::Infallible>(())
        };
        let Ok(()) = flow.keep_together(block);
    }

    /// The second edition's closing formula and signature blocks.
    pub fn close_second(&self, flow: &mut Flow, signers: &[Signer]) -> Result<(), DocsError> {
        flow.keep_together(|f| {
            para(
                f,
                "En prueba de conformidad, las partes firman la presente acta en dos ejemplares de un mismo tenor y a un solo efecto.",
            );
            space(f);
            signature_blocks(f, signers, &self.customer.name, &self.organisation.name)
        })
    }
}
