//! Post-sale support channels, response times by severity, escalation contacts and the
//! ways invoices and the MCO password reach the customer, as the Welcome KIT prints them.
//! The procedure names none: they are built from the organisation's profile (its phone,
//! e-mail, website, TBO portal, response times, password and ticket words) and the people
//! of the order, in a fixed order (docs/DECISIONS.md).

use serde::{Deserialize, Serialize};

/// A support channel: how to reach support, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportLine {
    /// The channel, in Spanish.
    pub channel: String,
    /// The number, address or link.
    pub contact: String,
    /// When it answers, in Spanish.
    pub hours: String,
}

/// The support channels of an organisation with the given contact details; when it
/// records none, the KAM is the channel.
pub fn support_lines(
    phone: Option<&str>,
    email: Option<&str>,
    website: Option<&str>,
    kam_email: &str,
) -> Vec<SupportLine> {
    let mut lines = Vec::new();
    let line = |channel: &str, contact: &str, hours: &str| SupportLine {
        channel: channel.into(),
        contact: contact.into(),
        hours: hours.into(),
    };
    if let Some(p) = phone.filter(|p| !p.trim().is_empty()) {
        lines.push(line(
            "Mesa de ayuda telefónica",
            p.trim(),
            "Días hábiles de 08:00 a 18:00",
        ));
    }
    if let Some(e) = email.filter(|e| !e.trim().is_empty()) {
        lines.push(line(
            "Correo electrónico",
            e.trim(),
            "Todos los días, 24 horas",
        ));
    }
    if let Some(w) = website.filter(|w| !w.trim().is_empty()) {
        lines.push(line(
            "Portal de autogestión",
            w.trim(),
            "Todos los días, 24 horas",
        ));
    }
    if lines.is_empty() {
        lines.push(line(
            "Su ejecutivo comercial",
            kam_email,
            "Días hábiles de 08:00 a 18:00",
        ));
    }
    lines
}

/// The KAM's one Spanish title in the documents (the procedure's «Ejecutivo Comercial»).
pub const KAM_TITLE: &str = "Ejecutivo comercial";
/// The order manager's one Spanish title in the documents.
pub const ORDER_MANAGER_TITLE: &str = "Gestor del pedido";

/// How grave an incident is, which sets how soon support answers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The service is down or data is at risk.
    Critical,
    /// The service works with faults that hamper the customer's operation.
    High,
    /// Questions, change requests and minor faults.
    Normal,
}

impl Severity {
    /// The severity's name, in Spanish.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Critical => "Crítica",
            Severity::High => "Alta",
            Severity::Normal => "Normal",
        }
    }

    /// Which incidents have it, in Spanish.
    pub fn meaning(self) -> &'static str {
        match self {
            Severity::Critical => "El servicio no funciona o hay riesgo de pérdida de datos.",
            Severity::High => "El servicio funciona con fallas que afectan su operación.",
            Severity::Normal => "Consultas, pedidos de cambio y fallas menores.",
        }
    }
}

/// How soon support answers an incident of one severity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseLine {
    /// The severity.
    pub severity: Severity,
    /// How soon, in the organisation's words.
    pub response: String,
}

/// The response times an organisation records, gravest first; a severity it records no
/// time for is left out.
pub fn response_lines(
    critical: Option<&str>,
    high: Option<&str>,
    normal: Option<&str>,
) -> Vec<ResponseLine> {
    [
        (Severity::Critical, critical),
        (Severity::High, high),
        (Severity::Normal, normal),
    ]
    .into_iter()
    .filter_map(|(severity, time)| {
        let time = time?.trim();
        (!time.is_empty()).then(|| ResponseLine {
            severity,
            response: time.to_string(),
        })
    })
    .collect()
}

/// How invoices reach the customer (DOMAIN §5.4), with TBO spelled out and its address
/// when the organisation records it.
pub fn invoice_instructions(tbo_url: Option<&str>) -> String {
    let portal = match tbo_url.map(str::trim).filter(|u| !u.is_empty()) {
        Some(url) => format!("TBO, la plataforma de autogestión de facturas ({url})"),
        None => "TBO, la plataforma de autogestión de facturas".to_string(),
    };
    format!(
        "Cada mes puede descargar su factura en {portal}, en «Mis facturas». Si no puede acceder, su {} se la enviará por correo electrónico.",
        KAM_TITLE.to_lowercase()
    )
}

/// Whom a customer calls when the MCO password does not arrive: the help desk's phone,
/// else the support e-mail, else the KAM.
pub fn password_help(
    phone: Option<&str>,
    email: Option<&str>,
    kam_name: &str,
    kam_email: &str,
) -> String {
    let given = |t: Option<&str>| {
        t.map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    };
    if let Some(p) = given(phone) {
        format!("la mesa de ayuda, al {p}")
    } else if let Some(e) = given(email) {
        format!("soporte, en {e}")
    } else {
        format!("su {}, {kam_name} ({kam_email})", KAM_TITLE.to_lowercase())
    }
}

/// One level of escalation: who, in what role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EscalationLevel {
    /// 1: the organisation's support desk (its phone and e-mail).
    SupportDesk,
    /// 2: the order manager who delivered the service.
    OrderManager,
    /// 3: the key account manager.
    Kam,
}

/// The escalation levels, first to last.
pub fn escalation_levels() -> [EscalationLevel; 3] {
    [
        EscalationLevel::SupportDesk,
        EscalationLevel::OrderManager,
        EscalationLevel::Kam,
    ]
}

impl EscalationLevel {
    /// The level's number, from 1.
    pub fn number(self) -> u8 {
        match self {
            EscalationLevel::SupportDesk => 1,
            EscalationLevel::OrderManager => 2,
            EscalationLevel::Kam => 3,
        }
    }

    /// The role printed, in Spanish.
    pub fn role(self) -> &'static str {
        match self {
            EscalationLevel::SupportDesk => "Soporte técnico postventa",
            EscalationLevel::OrderManager => ORDER_MANAGER_TITLE,
            EscalationLevel::Kam => KAM_TITLE,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn response_times_leave_out_a_severity_without_a_time() {
        let lines = response_lines(Some("1 hora"), Some("  "), Some("1 día hábil"));
        let said: Vec<(&str, &str)> = lines
            .iter()
            .map(|l| (l.severity.name(), l.response.as_str()))
            .collect();
        assert_eq!(said, [("Crítica", "1 hora"), ("Normal", "1 día hábil")]);
        assert!(response_lines(None, None, None).is_empty());
    }

    #[test]
    fn invoices_name_tbo_once_with_its_address_when_known() {
        let with = invoice_instructions(Some("https://tbo.telecom.com.py"));
        assert!(with.contains(
            "TBO, la plataforma de autogestión de facturas (https://tbo.telecom.com.py)"
        ));
        assert_eq!(with.matches("TBO").count(), 1);
        assert!(with.contains("su ejecutivo comercial se la enviará"));
        assert!(!invoice_instructions(None).contains('('));
    }

    #[test]
    fn a_missing_password_is_asked_of_the_help_desk_first() {
        let kam = ("María Benítez", "mbenitez@telecom.com.py");
        assert_eq!(
            password_help(Some("0800 11 2020"), Some("s@t.py"), kam.0, kam.1),
            "la mesa de ayuda, al 0800 11 2020"
        );
        assert_eq!(
            password_help(None, Some("s@t.py"), kam.0, kam.1),
            "soporte, en s@t.py"
        );
        assert_eq!(
            password_help(Some(" "), None, kam.0, kam.1),
            "su ejecutivo comercial, María Benítez (mbenitez@telecom.com.py)"
        );
    }

    #[test]
    fn escalation_titles_are_one_spanish_title_per_role() {
        assert_eq!(EscalationLevel::OrderManager.role(), "Gestor del pedido");
        assert_eq!(EscalationLevel::Kam.role(), "Ejecutivo comercial");
        assert!(escalation_levels().iter().all(|l| !l.role().contains('(')));
    }
}
