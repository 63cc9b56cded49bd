//! The Welcome KIT's first edition, as issued until December 2026: kept unchanged so that
//! the versions issued with it render again to the very same bytes. Do not edit; a new
//! layout is a new edition beside it.

use nimbo_domain::Lang;

use super::WelcomeKit;
use crate::dates::{day, long_day};
use crate::error::DocsError;
use crate::flow::Flow;
use crate::model::Person;
use crate::style::{CELL, MUTED};
use crate::table::{Column, Table, draw_table};
use crate::templates::blocks::{
    key_values, note, numbered, panel, para, small, space, subheading, title_block,
};

/// The period of a billing cycle in words, as the first edition says it.
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

/// The KIT seen by the first edition's layout.
struct First<'a>(&'a WelcomeKit);

impl std::ops::Deref for First<'_> {
    type Target = WelcomeKit;

    fn deref(&self) -> &WelcomeKit {
        self.0
    }
}

/// Lays out a Welcome KIT of the first edition.
pub(super) fn compose<'k>(kit: &'k WelcomeKit, flow: &mut Flow) -> Result<(), DocsError> {
    let kit = First(kit);
    kit.cover(flow)?;
    flow.new_page();
    // Each section moves to the next page whole rather than break, when it can.
    let sections: [fn(&First<'k>, &mut Flow); 7] = [
        First::plans_section,
        First::accounts_section,
        First::mco_section,
        First::support_section,
        First::billing_section,
        First::contacts_section,
        First::delivery_section,
    ];
    for (i, section) in sections.into_iter().enumerate() {
        flow.keep_together(|f| {
            f.heading(&format!("{}. {}", i + 1, SECTIONS[i]));
            section(&kit, f);
            Ok::<(), DocsError>(())
        })?;
        space(flow);
    }
    Ok(())
}

impl First<'_> {
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
