//! Post-sale support channels and escalation contacts printed in the Welcome KIT.
//! The procedure names none: they are built from the organisation's profile (its phone,
//! e-mail and website) and the people of the order, in a fixed order (docs/DECISIONS.md).

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
            "Lunes a viernes de 08:00 a 18:00; incidentes críticos, todos los días",
        ));
    }
    if let Some(e) = email.filter(|e| !e.trim().is_empty()) {
        lines.push(line(
            "Correo electrónico",
            e.trim(),
            "Respuesta en menos de 4 horas hábiles",
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
            "Su ejecutivo de cuenta (KAM)",
            kam_email,
            "Lunes a viernes de 08:00 a 18:00",
        ));
    }
    lines
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
            EscalationLevel::SupportDesk => "Soporte corporativo",
            EscalationLevel::OrderManager => "Gestor del pedido (Order Manager)",
            EscalationLevel::Kam => "Ejecutivo de cuenta (KAM)",
        }
    }
}
