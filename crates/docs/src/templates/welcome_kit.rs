//! The Welcome KIT (DOMAIN §7): everything a customer needs to start using the service —
//! the plans, the AWS accounts, MCO access (never a password), support and escalation,
//! billing, their contacts and the delivery date.

use chrono::NaiveDate;
use nimbo_domain::Lang;
use nimbo_domain::catalogue::{Plan, Pricing};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Template;
use super::blocks::{
    key_values, note, numbered, panel, para, small, space, subheading, title_block,
};
use crate::dates::{day, long_day};
use crate::error::DocsError;
use crate::flow::Flow;
use crate::model::{Customer, DocumentMeta, Organisation, Person};
use crate::money::{percent, usd};
use crate::style::{CELL, MUTED};
use crate::table::{Column, Table, draw_table};

/// How a plan's price reads in the plans table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Price {
    /// Whatever AWS consumption the month had.
    Consumption,
    /// A fixed monthly price.
    Monthly {
        /// USD per month, net of IVA.
        amount: Decimal,
    },
    /// A monthly minimum (the plan charges a share of consumption above it).
    MonthlyMinimum {
        /// USD per month, net of IVA.
        amount: Decimal,
    },
    /// A price per hour of work.
    Hourly {
        /// USD per hour, net of IVA.
        amount: Decimal,
    },
}

impl Price {
    /// The price as printed, e.g. `USD 50,00 / hora`.
    pub fn text(&self) -> String {
        match self {
            Price::Consumption => "Según consumo".into(),
            Price::Monthly { amount } => format!("{} / mes", usd(*amount)),
            Price::MonthlyMinimum { amount } => format!("Mínimo {} / mes", usd(*amount)),
            Price::Hourly { amount } => format!("{} / hora", usd(*amount)),
        }
    }
}

/// A contracted plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanLine {
    /// Its commercial name.
    pub name: String,
    /// How it is charged, in a sentence.
    pub terms: String,
    /// Its price.
    pub price: Price,
}

impl PlanLine {
    /// The plan as the catalogue describes it, with its wording in Spanish.
    pub fn from_catalogue(plan: &Plan) -> PlanLine {
        let (terms, price) = match &plan.pricing {
            Pricing::Consumption => (
                "El consumo mensual de los servicios de AWS, pago por uso.".to_string(),
                Price::Consumption,
            ),
            Pricing::ShareOfConsumption { rate, minimum } => {
                let threshold = if rate.is_zero() {
                    String::new()
                } else {
                    format!(
                        " (el mínimo rige para consumos de hasta {})",
                        usd(*minimum / *rate)
                    )
                };
                (
                    format!(
                        "Servicios administrados: {} del consumo mensual, con un mínimo de {}{}.",
                        percent(*rate),
                        usd(*minimum),
                        threshold
                    ),
                    Price::MonthlyMinimum { amount: *minimum },
                )
            }
            Pricing::Hourly {
                rate,
                business_hours,
            } => (
                if *business_hours {
                    "Servicios profesionales en horario hábil: lunes a viernes de 08:00 a 18:00, salvo feriados.".to_string()
                } else {
                    "Servicios profesionales fuera del horario hábil, fines de semana y feriados."
                        .to_string()
                },
                Price::Hourly { amount: *rate },
            ),
        };
        PlanLine {
            name: plan.name.clone(),
            terms,
            price,
        }
    }
}

/// An AWS account delivered to the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwsAccount {
    /// The 12-digit account id.
    pub id: String,
    /// What it is for (may be empty).
    pub description: String,
}

/// Access to the managed cloud operations console (MCO). Never a password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct McoAccess {
    /// The console's address.
    pub console_url: String,
    /// The customer's user name.
    pub user_name: String,
}

/// A post-sale technical support channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportChannel {
    /// The channel (e.g. `Mesa de ayuda telefónica`).
    pub channel: String,
    /// The number, address or link.
    pub contact: String,
    /// When it attends (e.g. `24 × 7`).
    pub hours: String,
}

/// A step of the escalation ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationContact {
    /// The level, from 1.
    pub level: u8,
    /// Who.
    pub name: String,
    /// Their position.
    pub role: String,
    /// E-mail address.
    pub email: String,
    /// Telephone.
    pub phone: String,
}

/// How the service is billed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Billing {
    /// The billing cycle: the day of the month a period starts (15 for AWS plans).
    pub cycle_day: u8,
    /// The billing account number.
    pub billing_account: String,
    /// How to get the invoices, in Spanish (paragraphs separated by newlines).
    pub invoices: String,
}

/// The Welcome KIT's snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WelcomeKit {
    /// Which version of which document.
    pub document: DocumentMeta,
    /// Who issues it.
    pub organisation: Organisation,
    /// Who receives it.
    pub customer: Customer,
    /// The order it closes.
    pub order_number: String,
    /// The contracted plans.
    pub plans: Vec<PlanLine>,
    /// The AWS accounts delivered.
    pub aws_accounts: Vec<AwsAccount>,
    /// MCO access.
    pub mco: McoAccess,
    /// Support channels.
    pub support: Vec<SupportChannel>,
    /// Escalation contacts.
    pub escalation: Vec<EscalationContact>,
    /// Billing.
    pub billing: Billing,
    /// The key account manager.
    pub kam: Person,
    /// The order manager.
    pub order_manager: Person,
    /// The day the service was delivered.
    pub delivery_date: NaiveDate,
}

/// The period of a billing cycle in words.
pub fn cycle_text(cycle_day: u8) -> String {
    match cycle_day {
        0 | 1 => "Ciclo 1: cada período va del primer al último día del mes.".to_string(),
        d => format!(
            "Ciclo {d}: cada período va del día {d} de un mes al día {} del mes siguiente, ambos inclusive; el consumo se cierra el día {d}.",
            d - 1
        ),
    }
}

fn phone(p: &Person) -> String {
    p.phone.clone().unwrap_or_else(|| "—".into())
}

const SECTIONS: [&str; 7] = [
    "Planes contratados",
    "Cuentas de AWS",
    "Acceso a la consola MCO",
    "Soporte técnico y escalamiento",
    "Facturación",
    "Sus contactos",
    "Fecha de entrega",
];

impl Template for WelcomeKit {
    fn meta(&self) -> &DocumentMeta {
        &self.document
    }

    fn organisation(&self) -> &Organisation {
        &self.organisation
    }

    fn kind(&self) -> &'static str {
        "Welcome KIT"
    }

    fn title(&self) -> String {
        "Welcome KIT".into()
    }

    fn subject(&self) -> String {
        format!("{} — pedido {}", self.customer.name, self.order_number)
    }

    fn compose(&self, flow: &mut Flow) -> Result<(), DocsError> {
        self.cover(flow)?;
        flow.new_page();
        // Each section moves to the next page whole rather than break, when it can.
        let sections: [fn(&WelcomeKit, &mut Flow); 7] = [
            WelcomeKit::plans_section,
            WelcomeKit::accounts_section,
            WelcomeKit::mco_section,
            WelcomeKit::support_section,
            WelcomeKit::billing_section,
            WelcomeKit::contacts_section,
            WelcomeKit::delivery_section,
        ];
        for (i, section) in sections.into_iter().enumerate() {
            flow.keep_together(|f| {
                f.heading(&format!("{}. {}", i + 1, SECTIONS[i]));
                section(self, f);
                Ok::<(), DocsError>(())
            })?;
            space(flow);
        }
        Ok(())
    }
}

impl WelcomeKit {
    fn cover(&self, flow: &mut Flow) -> Result<(), DocsError> {
        let c = &self.customer;
        title_block(
            flow,
            &format!("Welcome KIT · Pedido N.º {}", self.order_number),
            &c.name,
            "Kit de bienvenida a su servicio de nube en Amazon Web Services",
        );
        panel(
            flow,
            &[
                ("Cliente", c.name.clone()),
                ("RUC", c.ruc.clone()),
                ("Segmento", c.segment.name(Lang::Es).to_string()),
                ("Dirección", c.address.clone()),
                ("Pedido N.º", self.order_number.clone()),
                ("Fecha de entrega", day(self.delivery_date)),
                ("Gerente de cuenta (KAM)", self.kam.name.clone()),
                ("Gestor del pedido", self.order_manager.name.clone()),
            ],
            2,
        );
        para(flow, "Estimado cliente:");
        para(
            flow,
            &format!(
                "{} le da la bienvenida a su servicio de nube en Amazon Web Services. Este documento reúne lo que necesita para empezar a usarlo y gestionarlo: los planes contratados, sus cuentas de AWS, el acceso a la consola de gestión, los canales de soporte, la facturación y las personas que lo acompañan.",
                self.organisation.name
            ),
        );
        para(
            flow,
            "Le recomendamos guardarlo junto a la documentación del contrato y compartirlo con el equipo técnico de su organización.",
        );
        space(flow);
        // The cover is one page: the contents list only goes on it when it fits.
        let contents = |f: &mut Flow| {
            f.heading("Contenido");
            numbered(f, &SECTIONS.map(String::from));
            Ok::<(), DocsError>(())
        };
        if flow
            .measure(contents)?
            .is_some_and(|h| h <= flow.remaining())
        {
            contents(flow)?;
        }
        Ok(())
    }

    fn plans_section(&self, flow: &mut Flow) {
        para(
            flow,
            "Estos son los planes activados para su organización. Los precios están expresados en dólares estadounidenses y no incluyen el IVA.",
        );
        let mut plans = Table::new(vec![
            Column::new("Plan", 0.30),
            Column::new("Condiciones", 0.44),
            Column::new("Precio", 0.26).right(),
        ]);
        for p in &self.plans {
            plans = plans.row([p.name.clone(), p.terms.clone(), p.price.text()]);
        }
        draw_table(flow, &plans);
        small(
            flow,
            "A cada cargo se suma el IVA del 10 %. Los planes se prorratean según los días de servicio activo del período.",
        );
    }

    fn accounts_section(&self, flow: &mut Flow) {
        para(
            flow,
            "Su servicio se presta en las siguientes cuentas de AWS. Indique el identificador de la cuenta en cada consulta al soporte.",
        );
        let mut accounts = Table::new(vec![
            Column::new("N.º", 0.08),
            Column::new("ID de cuenta AWS", 0.30),
            Column::new("Descripción", 0.62),
        ]);
        for (i, a) in self.aws_accounts.iter().enumerate() {
            accounts = accounts.row([(i + 1).to_string(), a.id.clone(), a.description.clone()]);
        }
        draw_table(flow, &accounts);
    }

    fn mco_section(&self, flow: &mut Flow) {
        para(
            flow,
            "La consola MCO (Multi Cloud Orchestrator) le permite consultar sus recursos en la nube y su consumo.",
        );
        key_values(
            flow,
            &[
                ("Dirección de la consola", self.mco.console_url.clone()),
                ("Usuario", self.mco.user_name.clone()),
            ],
        );
        note(
            flow,
            "Por su seguridad, la contraseña no figura en este documento: la recibirá por un canal separado y deberá cambiarla en su primer ingreso. Nadie de nuestro equipo se la pedirá.",
        );
    }

    fn support_section(&self, flow: &mut Flow) {
        para(
            flow,
            "Para consultas técnicas y reportes de incidentes, use los siguientes canales de soporte postventa:",
        );
        let mut channels = Table::new(vec![
            Column::new("Canal", 0.28),
            Column::new("Contacto", 0.44),
            Column::new("Horario de atención", 0.28),
        ]);
        for s in &self.support {
            channels = channels.row([s.channel.clone(), s.contact.clone(), s.hours.clone()]);
        }
        draw_table(flow, &channels);
        subheading(flow, "Escalamiento");
        para(
            flow,
            "Si un incidente no se resuelve en los plazos acordados, escálelo en este orden:",
        );
        let mut ladder = Table::new(vec![
            Column::new("Nivel", 0.08),
            Column::new("Contacto", 0.33),
            Column::new("Correo electrónico", 0.38),
            Column::new("Teléfono", 0.21),
        ]);
        let mut escalation = self.escalation.clone();
        escalation.sort_by_key(|e| e.level);
        for e in &escalation {
            ladder = ladder.row([
                e.level.to_string(),
                format!("{}\n{}", e.name, e.role),
                e.email.clone(),
                e.phone.clone(),
            ]);
        }
        draw_table(flow, &ladder);
    }

    fn billing_section(&self, flow: &mut Flow) {
        key_values(
            flow,
            &[
                ("Ciclo de facturación", cycle_text(self.billing.cycle_day)),
                (
                    "Cuenta de facturación",
                    self.billing.billing_account.clone(),
                ),
                (
                    "Moneda",
                    "Dólares estadounidenses (USD); precios sin IVA, IVA del 10 % aparte.".into(),
                ),
            ],
        );
        subheading(flow, "Cómo obtener sus facturas");
        para(flow, &self.billing.invoices);
    }

    fn contacts_section(&self, flow: &mut Flow) {
        para(
            flow,
            "Estas personas lo acompañan en la relación comercial y en la entrega del servicio:",
        );
        let card = |p: &Person| format!("{}\n{}\n{}", p.name, p.email, phone(p));
        panel(
            flow,
            &[
                ("Gerente de cuenta (KAM)", card(&self.kam)),
                ("Gestor del pedido", card(&self.order_manager)),
            ],
            2,
        );
    }

    fn delivery_section(&self, flow: &mut Flow) {
        para(
            flow,
            &format!(
                "El servicio fue entregado el {}, con el pedido N.º {}.",
                long_day(self.delivery_date),
                self.order_number
            ),
        );
        para(
            flow,
            "Gracias por confiar en nosotros. Quedamos a su disposición para acompañarlo en cada etapa de su servicio.",
        );
        flow.gap(8.0);
        para(flow, "Atentamente,");
        flow.gap(10.0);
        let om = &self.order_manager;
        flow.paragraph(CELL.bold(), &om.name);
        flow.paragraph(
            CELL.coloured(MUTED),
            &format!("Gestor del pedido · {}", self.organisation.name),
        );
        flow.paragraph(CELL.coloured(MUTED), &om.email);
    }
}
