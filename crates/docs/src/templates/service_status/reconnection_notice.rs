//! The reconnection notice (Aviso de reconexión, DOMAIN §8): a letter from the KAM to
//! the customer's legal representative saying which payment was confirmed (day,
//! reference, amount), the day the service was reconnected, and that it is active again.

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
use crate::templates::Template;
use crate::templates::blocks::{key_values, panel, para, title_block};

/// The payment the service executive confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmedPayment {
    /// The day it was paid.
    pub paid_on: NaiveDate,
    /// Its reference (receipt or transfer number).
    pub reference: String,
    /// The amount paid.
    pub amount: Decimal,
}

/// The reconnection notice's snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReconnectionNotice {
    /// Which version of which document.
    pub document: DocumentMeta,
    /// The edition of the layout it is drawn with.
    pub template: TemplateVersion,
    /// Who issues it.
    pub organisation: Organisation,
    /// Whom it is for.
    pub customer: ServiceCustomer,
    /// The subscription reconnected.
    pub subscription: ServiceSubscription,
    /// The payment confirmed.
    pub payment: ConfirmedPayment,
    /// The day the service was suspended, when known.
    pub suspended_on: Option<NaiveDate>,
    /// The day the service was reconnected.
    pub reconnection_date: NaiveDate,
    /// The KAM, who sends the notice.
    pub kam: Contact,
    /// The organisation's support channels.
    pub support: SupportContact,
    /// Where it is written (`Asunción`).
    pub place: String,
}

impl Template for ReconnectionNotice {
    fn meta(&self) -> &DocumentMeta {
        &self.document
    }

    fn organisation(&self) -> &Organisation {
        &self.organisation
    }

    fn kind(&self) -> &'static str {
        "Aviso de reconexión"
    }

    fn title(&self) -> String {
        "Aviso de reconexión del servicio".into()
    }

    fn subject(&self) -> String {
        format!(
            "{} — reconexión de la suscripción {} el {}",
            self.customer.name,
            self.subscription.subscriber_id,
            day(self.reconnection_date)
        )
    }

    fn template(&self) -> TemplateVersion {
        self.template
    }

    fn compose(&self, flow: &mut Flow) -> Result<(), DocsError> {
        let (c, p) = (&self.customer, &self.payment);
        title_block(
            flow,
            &kicker(&self.subscription),
            "Aviso de reconexión del servicio",
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
        let accounts = self
            .subscription
            .accounts_phrase()
            .map(|a| format!(" El acceso a {a} ya no tiene restricciones."))
            .unwrap_or_default();
        para(
            flow,
            &format!(
                "Le informamos que confirmamos su pago de {} y que el {} reconectamos el servicio de nube de Amazon Web Services (AWS) de {}: el servicio está activo nuevamente.{accounts}",
                usd(p.amount),
                day(self.reconnection_date),
                c.name,
            ),
        );
        panel(
            flow,
            &[
                ("Estado del servicio", "Activo".to_string()),
                ("Reconectado el", day(self.reconnection_date)),
                ("Cuenta de facturación", c.billing_account.clone()),
            ],
            3,
        );

        flow.heading("Pago confirmado");
        key_values(
            flow,
            &[
                ("Fecha del pago", day(p.paid_on)),
                ("Referencia", p.reference.clone()),
                ("Importe", usd(p.amount)),
            ],
        );

        let since = self
            .suspended_on
            .map(|d| format!(", suspendido desde el {},", day(d)))
            .unwrap_or_default();
        closing_section(
            flow,
            "Su servicio",
            &[
                format!(
                    "El servicio{since} está activo desde el {} y se factura como antes de la suspensión. El consumo de AWS del tiempo en que estuvo suspendido se factura en su período, como cualquier otro consumo.",
                    day(self.reconnection_date)
                ),
                "Si nota alguna restricción en sus cuentas o en sus recursos, comuníquese con nosotros:".to_string(),
            ],
            &self.kam,
            &self.support,
            &self.organisation.name,
        );
        Ok(())
    }
}
