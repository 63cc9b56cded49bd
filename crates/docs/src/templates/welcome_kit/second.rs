//! The Welcome KIT's second edition (issue 14): the cover greets the customer's
//! representative by name and lists the contents with their pages; the sections flow
//! without forced page breaks; each fact is said once (IVA, the delivery date, the
//! contacts); MCO and TBO are spelled out where they first appear; the password's arrival,
//! response times by severity and how to open a ticket come from the organisation's
//! profile; a datum Nimbo does not have is left out, never printed as a dash.

use nimbo_domain::Lang;

use super::WelcomeKit;
use crate::dates::day;
use crate::error::DocsError;
use crate::flow::Flow;
use crate::style::{BODY, CELL, MUTED};
use crate::table::{Column, Table, draw_table};
use crate::templates::blocks::{
    contents, key_values, note, panel, para, small, space, subheading, title_block,
};

/// The sections, in order, as the contents list and the headings name them.
pub const SECTIONS: [&str; 5] = [
    "Planes contratados",
    "Sus cuentas de AWS y la consola de gestión",
    "Soporte técnico",
    "Contactos y escalamiento",
    "Facturación",
];

/// The billing period of a cycle in one sentence that agrees with itself: a cycle of day
/// 15 runs from the 15th through the 14th and is billed once it has ended.
pub fn cycle_sentence(cycle_day: u8) -> String {
    match cycle_day {
        0 | 1 => "Cada período va del primer al último día del mes; se factura una vez cerrado."
            .to_string(),
        d => format!(
            "Cada período va del día {d} de un mes al día {} del mes siguiente, ambos inclusive; se factura una vez cerrado.",
            d - 1
        ),
    }
}

/// Lays out a Welcome KIT of the second edition. The body is laid out twice: once to
/// learn the page each section starts on, once with those pages in the contents list
/// (whose height does not depend on them, so the pages stay where they were).
pub(super) fn compose(kit: &WelcomeKit, flow: &mut Flow) -> Result<(), DocsError> {
    let mut scratch = Flow::new(flow.fonts, flow.geo);
    let pages = body(kit, &mut scratch, None);
    body(kit, flow, Some(&pages));
    Ok(())
}

/// The whole body; gives the page each section starts on.
fn body(kit: &WelcomeKit, flow: &mut Flow, pages: Option<&[usize]>) -> Vec<usize> {
    cover(kit, flow, pages);
    let sections: [fn(&WelcomeKit, &mut Flow); 5] = [
        plans_section,
        accounts_section,
        support_section,
        contacts_section,
        billing_section,
    ];
    let mut starts = Vec::with_capacity(SECTIONS.len());
    for (i, section) in sections.into_iter().enumerate() {
        flow.heading(&format!("{}. {}", i + 1, SECTIONS[i]));
        starts.push(flow.page());
        section(kit, flow);
        space(flow);
    }
    closing(kit, flow);
    starts
}

fn cover(kit: &WelcomeKit, flow: &mut Flow, pages: Option<&[usize]>) {
    let c = &kit.customer;
    title_block(
        flow,
        &format!("Welcome KIT · Pedido N.º {}", kit.order_number),
        &c.name,
        "Kit de bienvenida a su servicio de nube en Amazon Web Services",
    );
    let mut facts = vec![
        ("RUC", c.ruc.clone()),
        ("Segmento", c.segment.name(Lang::Es).to_string()),
        ("Pedido N.º", kit.order_number.clone()),
        ("Fecha de entrega", day(kit.delivery_date)),
    ];
    if !c.address.trim().is_empty() {
        facts.insert(2, ("Dirección", c.address.clone()));
    }
    panel(flow, &facts, 3);
    let greeting = match kit.recipient.as_deref().filter(|r| !r.trim().is_empty()) {
        Some(name) => format!("Estimado/a {}:", name.trim()),
        None => "Estimados señores:".to_string(),
    };
    para(flow, &greeting);
    para(
        flow,
        &format!(
            "{} le da la bienvenida a su servicio de nube en Amazon Web Services. Este documento reúne lo que necesita para empezar a usarlo y gestionarlo; le recomendamos compartirlo con el equipo técnico de su organización.",
            kit.organisation.name
        ),
    );
    flow.gap(4.0);
    flow.heading("Contenido");
    let entries: Vec<(&str, Option<usize>)> = SECTIONS
        .iter()
        .enumerate()
        .map(|(i, s)| (*s, pages.and_then(|p| p.get(i).copied())))
        .collect();
    contents(flow, &entries);
    space(flow);
}

fn plans_section(kit: &WelcomeKit, flow: &mut Flow) {
    para(
        flow,
        "Estos son los planes activados para su organización. Los precios están en dólares estadounidenses (USD) y no incluyen el IVA del 10 %, que se suma a cada cargo.",
    );
    let mut plans = Table::new(vec![
        Column::new("Plan", 0.30),
        Column::new("Condiciones", 0.44),
        Column::new("Precio", 0.26).right(),
    ]);
    for p in &kit.plans {
        plans = plans.row([p.name.clone(), p.terms.clone(), p.price.text()]);
    }
    draw_table(flow, &plans);
    small(
        flow,
        "Los planes se prorratean según los días de servicio activo del período.",
    );
}

fn accounts_section(kit: &WelcomeKit, flow: &mut Flow) {
    para(
        flow,
        "Su servicio se gestiona desde el Multi Cloud Orchestrator (MCO), la consola en la que consulta sus recursos en la nube y su consumo. Estas son sus cuentas de AWS; indique el identificador de la cuenta en cada consulta al soporte.",
    );
    let mut accounts = Table::new(vec![
        Column::new("N.º", 0.08),
        Column::new("ID de cuenta AWS", 0.30),
        Column::new("Descripción", 0.62),
    ]);
    for (i, a) in kit.aws_accounts.iter().enumerate() {
        accounts = accounts.row([(i + 1).to_string(), a.id.clone(), a.description.clone()]);
    }
    draw_table(flow, &accounts);
    subheading(flow, "Acceso a la consola MCO");
    key_values(
        flow,
        &[
            ("Dirección de la consola", kit.mco.console_url.clone()),
            ("Usuario", kit.mco.user_name.clone()),
        ],
    );
    let arrives = match kit.mco.password_delivery.as_deref().map(str::trim) {
        Some(how) if !how.is_empty() => {
            format!("La recibirá {}.", how.trim_end_matches('.'))
        }
        _ => "La recibirá por un canal separado.".to_string(),
    };
    let help = match kit.mco.password_help.as_deref().map(str::trim) {
        Some(who) if !who.is_empty() => format!(
            " Si no la recibe, comuníquese con {}.",
            who.trim_end_matches('.')
        ),
        _ => String::new(),
    };
    note(
        flow,
        &format!(
            "Por su seguridad, la contraseña no figura en este documento. {arrives} Deberá cambiarla en su primer ingreso; nadie de nuestro equipo se la pedirá.{help}"
        ),
    );
}

fn support_section(kit: &WelcomeKit, flow: &mut Flow) {
    para(
        flow,
        "Para consultas técnicas y reportes de incidentes, use estos canales de soporte postventa:",
    );
    let mut channels = Table::new(vec![
        Column::new("Canal", 0.26),
        Column::new("Contacto", 0.40),
        Column::new("Horario de atención", 0.34),
    ]);
    for s in &kit.support {
        channels = channels.row([s.channel.clone(), s.contact.clone(), s.hours.clone()]);
    }
    draw_table(flow, &channels);
    if let Some(ticket) = kit.ticket.as_deref().filter(|t| !t.trim().is_empty()) {
        subheading(flow, "Cómo abrir un ticket");
        para(flow, ticket.trim());
    }
    if !kit.response_times.is_empty() {
        // A few rows: kept on one page rather than split under a repeated header.
        let block = |f: &mut Flow| {
            subheading(f, "Tiempos de respuesta según la severidad");
            para(
                f,
                "Indique la severidad al abrir un ticket: de ella depende el plazo de respuesta.",
            );
            let mut times = Table::new(vec![
                Column::new("Severidad", 0.14).styled(CELL.bold()),
                Column::new("Cuándo corresponde", 0.60),
                Column::new("Tiempo de respuesta", 0.26),
            ]);
            for t in &kit.response_times {
                times = times.row([t.severity.clone(), t.meaning.clone(), t.response.clone()]);
            }
            draw_table(f, &times);
            Ok::<(), std::convert::Infallible>(())
        };
        let Ok(()) = flow.keep_together(block);
    }
}

fn contacts_section(kit: &WelcomeKit, flow: &mut Flow) {
    para(
        flow,
        &format!(
            "Su ejecutivo comercial, {}, lo acompaña en la relación comercial. Si un incidente no se resuelve en el plazo de su severidad, escálelo en este orden:",
            kit.kam.name
        ),
    );
    let mut ladder = Table::new(vec![
        Column::new("Nivel", 0.08),
        Column::new("Contacto", 0.42),
        Column::new("Correo electrónico y teléfono", 0.50),
    ]);
    let mut escalation = kit.escalation.clone();
    escalation.sort_by_key(|e| e.level);
    for e in &escalation {
        let reach: Vec<&str> = [e.email.as_str(), e.phone.as_str()]
            .into_iter()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect();
        ladder = ladder.row([
            e.level.to_string(),
            format!("{}\n{}", e.name, e.role),
            reach.join("\n"),
        ]);
    }
    draw_table(flow, &ladder);
}

fn billing_section(kit: &WelcomeKit, flow: &mut Flow) {
    let mut rows = vec![(
        "Ciclo de facturación",
        format!(
            "Ciclo {}. {}",
            kit.billing.cycle_day,
            cycle_sentence(kit.billing.cycle_day)
        ),
    )];
    if !kit.billing.billing_account.trim().is_empty() {
        rows.push(("Cuenta de facturación", kit.billing.billing_account.clone()));
    }
    rows.push(("Moneda", "Dólares estadounidenses (USD)".to_string()));
    rows.push(("Sus facturas", kit.billing.invoices.trim().to_string()));
    key_values(flow, &rows);
}

fn closing(kit: &WelcomeKit, flow: &mut Flow) {
    let om = &kit.order_manager;
    // The thanks and the sign-off stay together on one page.
    let block = |f: &mut Flow| {
        para(
            f,
            "Gracias por confiar en nosotros; quedamos a su disposición en cada etapa de su servicio.",
        );
        f.paragraph(BODY, "Atentamente,");
        f.gap(4.0);
        f.paragraph(CELL.bold(), &om.name);
        f.paragraph(
            CELL.coloured(MUTED),
            &format!("Gestor del pedido · {}", kit.organisation.name),
        );
        if !om.email.trim().is_empty() {
            f.paragraph(CELL.coloured(MUTED), &om.email);
        }
        Ok::<(), std::convert::Infallible>(())
    };
    let Ok(()) = flow.keep_together(block);
}
