//! Demonstration snapshots of every document, with a logo and drawn signatures: what the
//! tests, the benchmark and a demonstration database render.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use nimbo_domain::catalogue::{initial_plans, initial_risks};
use nimbo_domain::segment::Segment;

use crate::model::{
    ActBasis, Customer, DocumentMeta, DrawnSignature, MasterContractRef, Organisation, Person, Png,
    Signer, SignerRole, SowRef, TemplateVersion,
};
use crate::templates::acceptance_act::{AcceptanceAct, DeliveredItem};
use crate::templates::certificate::{
    Certificate, CertificateEvent, CertificateSigner, CertifiedDocument, EventKind, SigningMethod,
};
use crate::templates::risk_act::{RiskAct, RiskItem};
mod service_status;
mod statement;
pub use service_status::{
    LETTER_SHA256, kam_contact, penalty_table, reconnection_notice, service_customer,
    service_subscription, support_contact, suspension_notice, suspension_notice_of,
    termination_confirmation, termination_confirmation_partial,
};
pub use statement::{
    consumption_aggregates, statement, statement_history, statement_of_subscriptions,
    statement_period, statement_without_consumption,
};

use crate::templates::welcome_kit::{
    AwsAccount, Billing, EscalationContact, McoAccess, PlanLine, ResponseTime, SupportChannel,
    WelcomeKit,
};

/// A square logo mark, 240 × 240 PNG.
pub const LOGO_PNG: &[u8] = include_bytes!("../samples/logo.png");
/// A drawn signature, transparent PNG.
pub const SIGNATURE_CUSTOMER_PNG: &[u8] = include_bytes!("../samples/signature-customer.png");
/// Another drawn signature, transparent PNG.
pub const SIGNATURE_MANAGER_PNG: &[u8] = include_bytes!("../samples/signature-manager.png");

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// The demonstration organisation, with its logo.
pub fn organisation() -> Organisation {
    Organisation {
        name: "Telecom B2B Cloud S.A.".into(),
        ruc: "80012345-6".into(),
        logo: Some(Png(LOGO_PNG.to_vec())),
    }
}

/// The demonstration customer.
pub fn customer() -> Customer {
    Customer {
        name: "Cooperativa Multiactiva Ñandutí Ltda.".into(),
        ruc: "80098765-1".into(),
        address: "Av. Mariscal López 1234 c/ Gral. Aquino, Asunción".into(),
        segment: Segment::Corporate,
    }
}

fn meta(id: &str, number: &str) -> DocumentMeta {
    DocumentMeta {
        id: id.into(),
        number: number.into(),
        version: 1,
        issued_at: at(2026, 11, 26, 13, 15),
    }
}

fn kam() -> Person {
    Person {
        name: "María José Benítez".into(),
        email: "mbenitez@telecom.example.com.py".into(),
        phone: Some("+595 981 123 456".into()),
    }
}

fn order_manager() -> Person {
    Person {
        name: "Sebastián Núñez Acuña".into(),
        email: "snunez@telecom.example.com.py".into(),
        phone: Some("+595 971 654 321".into()),
    }
}

/// A Welcome KIT of the first edition, with the four catalogue plans and two AWS
/// accounts, as such KITs were issued until December 2026.
pub fn welcome_kit_first() -> WelcomeKit {
    WelcomeKit {
        document: meta("0193a6f0-7c1e-7d2a-9b40-2f5c8e1a0001", "KIT-7K3F-000123"),
        template: TemplateVersion::FIRST,
        recipient: None,
        ticket: None,
        response_times: Vec::new(),
        organisation: organisation(),
        customer: customer(),
        order_number: "7K3F-000123".into(),
        plans: initial_plans().iter().map(PlanLine::from_catalogue).collect(),
        aws_accounts: vec![
            AwsAccount {
                id: "123456789012".into(),
                description: "Producción: sistema de gestión de socios".into(),
            },
            AwsAccount {
                id: "210987654321".into(),
                description: "Desarrollo y pruebas".into(),
            },
        ],
        mco: McoAccess {
            console_url: "https://mco.telecom.example.com.py/console".into(),
            user_name: "admin.80098765".into(),
            password_delivery: None,
            password_help: None,
        },
        support: vec![
            SupportChannel {
                channel: "Mesa de ayuda telefónica".into(),
                contact: "0800 11 2020 (opción 3: nube)".into(),
                hours: "Todos los días, 24 horas".into(),
            },
            SupportChannel {
                channel: "Correo electrónico".into(),
                contact: "soporte.nube@telecom.example.com.py".into(),
                hours: "Todos los días, 24 horas".into(),
            },
            SupportChannel {
                channel: "Portal de autogestión".into(),
                contact: "https://soporte.telecom.example.com.py".into(),
                hours: "Todos los días, 24 horas".into(),
            },
        ],
        escalation: vec![
            EscalationContact {
                level: 1,
                name: "Centro de Operaciones de Red".into(),
                role: "Soporte corporativo".into(),
                email: "noc@telecom.example.com.py".into(),
                phone: "+595 21 200 2000".into(),
            },
            EscalationContact {
                level: 2,
                name: "Lucía Fernández".into(),
                role: "Ejecutiva de servicio".into(),
                email: "lfernandez@telecom.example.com.py".into(),
                phone: "+595 981 222 333".into(),
            },
            EscalationContact {
                level: 3,
                name: "Jorge Cáceres".into(),
                role: "Gerente de servicios de nube".into(),
                email: "jcaceres@telecom.example.com.py".into(),
                phone: "+595 981 444 555".into(),
            },
        ],
        billing: Billing {
            cycle_day: 15,
            billing_account: "100200300".into(),
            invoices: "Cada mes puede descargar su factura en la plataforma de autogestión TBO, en «Mis facturas». Si tiene algún inconveniente, su ejecutivo de cuenta se la enviará por correo electrónico.".into(),
        },
        kam: kam(),
        order_manager: order_manager(),
        delivery_date: day(2026, 11, 24),
    }
}

/// A Welcome KIT of the current edition, built as the app builds it from a demonstration
/// organisation's profile: four plans, two AWS accounts, response times by severity.
pub fn welcome_kit() -> WelcomeKit {
    let kit = welcome_kit_first();
    WelcomeKit {
        template: TemplateVersion::CURRENT,
        recipient: Some("Ana Beatriz Ocampos".into()),
        mco: McoAccess {
            password_delivery: Some(
                "por SMS al celular del representante legal, dentro de las 24 horas siguientes a la entrega".into(),
            ),
            password_help: Some("la mesa de ayuda, al 0800 11 2020 (opción 3: nube)".into()),
            ..kit.mco.clone()
        },
        ticket: Some("Escriba a soporte.nube@telecom.example.com.py o llame a la mesa de ayuda, indicando el ID de la cuenta de AWS, qué ocurre desde cuándo y la severidad. Recibirá el número de ticket por correo electrónico.".into()),
        response_times: vec![
            ResponseTime {
                severity: "Crítica".into(),
                meaning: "El servicio no funciona o hay riesgo de pérdida de datos.".into(),
                response: "1 hora, todos los días".into(),
            },
            ResponseTime {
                severity: "Alta".into(),
                meaning: "El servicio funciona con fallas que afectan su operación.".into(),
                response: "4 horas hábiles".into(),
            },
            ResponseTime {
                severity: "Normal".into(),
                meaning: "Consultas, pedidos de cambio y fallas menores.".into(),
                response: "1 día hábil".into(),
            },
        ],
        escalation: vec![
            EscalationContact {
                level: 1,
                name: "Mesa de ayuda".into(),
                role: "Soporte técnico postventa".into(),
                email: "soporte.nube@telecom.example.com.py".into(),
                phone: "0800 11 2020".into(),
            },
            EscalationContact {
                level: 2,
                name: order_manager().name,
                role: "Gestor del pedido".into(),
                email: order_manager().email,
                phone: String::new(),
            },
            EscalationContact {
                level: 3,
                name: kam().name,
                role: "Ejecutivo comercial".into(),
                email: kam().email,
                phone: "+595 981 123 456".into(),
            },
        ],
        billing: Billing {
            invoices: "Cada mes puede descargar su factura en TBO, la plataforma de autogestión de facturas (https://tbo.telecom.example.com.py), en «Mis facturas». Si no puede acceder, su ejecutivo comercial se la enviará por correo electrónico.".into(),
            ..kit.billing.clone()
        },
        ..kit
    }
}

fn signers(signed: bool) -> Vec<Signer> {
    vec![
        Signer {
            role: SignerRole::CustomerRepresentative,
            name: "Ana Beatriz Ocampos".into(),
            position: Some("Presidenta del Consejo de Administración".into()),
            id_number: Some("1.234.567".into()),
            signature: signed.then(|| DrawnSignature {
                png: Png(SIGNATURE_CUSTOMER_PNG.to_vec()),
                signed_at: at(2026, 11, 27, 17, 42),
            }),
        },
        Signer {
            role: SignerRole::OrderManager,
            name: order_manager().name,
            position: Some("Gestor de pedidos, Nube B2B".into()),
            id_number: None,
            signature: signed.then(|| DrawnSignature {
                png: Png(SIGNATURE_MANAGER_PNG.to_vec()),
                signed_at: at(2026, 11, 27, 17, 45),
            }),
        },
    ]
}

/// The contract, offer and SOW the demonstration acts belong to.
pub fn act_basis() -> ActBasis {
    ActBasis {
        master_contract: Some(MasterContractRef {
            reference: "CMS-2026-0456".into(),
            signed_on: day(2026, 10, 2),
        }),
        offer_id: Some("0065f00000XyZabcDE".into()),
        sow: Some(SowRef {
            name: "SOW-Nanduti-nube.pdf".into(),
            recorded_on: day(2026, 10, 20),
        }),
    }
}

/// A service acceptance act of the current edition; `signed` adds both drawn signatures.
pub fn acceptance_act(signed: bool) -> AcceptanceAct {
    let mut signers = signers(signed);
    // As the app makes them: the organisation's signer has the title of its role and no
    // identity card on record (it is written in by hand).
    if let Some(org) = signers.get_mut(1) {
        org.position = Some("Gestor del pedido".into());
    }
    AcceptanceAct {
        template: TemplateVersion::CURRENT,
        basis: Some(act_basis()),
        billing_from: Some(day(2026, 11, 16)),
        signers,
        ..acceptance_act_first(signed)
    }
}

/// A service acceptance act of the first edition; `signed` adds both drawn signatures.
pub fn acceptance_act_first(signed: bool) -> AcceptanceAct {
    AcceptanceAct {
        document: meta("0193a6f0-7c1e-7d2a-9b40-2f5c8e1a0002", "ACT-7K3F-000123"),
        template: TemplateVersion::FIRST,
        basis: None,
        billing_from: None,
        organisation: organisation(),
        customer: customer(),
        order_number: "7K3F-000123".into(),
        place: "Asunción".into(),
        delivered: vec![
            DeliveredItem {
                concept: "Plan".into(),
                detail: "Tigo Cloud AWS: consumo mensual de AWS, pago por uso".into(),
            },
            DeliveredItem {
                concept: "Plan".into(),
                detail: "Tigo Cloud AWS Serv. Adm. VIP: servicios administrados".into(),
            },
            DeliveredItem {
                concept: "Cuentas AWS".into(),
                detail: "123456789012 (producción) y 210987654321 (desarrollo y pruebas)".into(),
            },
            DeliveredItem {
                concept: "Consola MCO".into(),
                detail: "https://mco.telecom.example.com.py/console, usuario admin.80098765".into(),
            },
            DeliveredItem {
                concept: "Welcome KIT".into(),
                detail: "KIT-7K3F-000123, entregado a ti@nanduti.example.com.py".into(),
            },
        ],
        delivery_date: day(2026, 11, 24),
        observations: None,
        signers: signers(signed),
    }
}

/// A risk acceptance act of the current edition with every catalogue risk and a
/// free-text one.
pub fn risk_act() -> RiskAct {
    let mut signers = signers(false);
    if let Some(org) = signers.get_mut(1) {
        org.role = SignerRole::OrganisationRepresentative;
        org.name = kam().name;
        org.position = Some("Ejecutivo comercial".into());
    }
    RiskAct {
        template: TemplateVersion::CURRENT,
        basis: Some(ActBasis {
            sow: None,
            ..act_basis()
        }),
        signers,
        ..risk_act_first()
    }
}

/// A risk acceptance act of the first edition with every catalogue risk and a free-text
/// one.
pub fn risk_act_first() -> RiskAct {
    RiskAct {
        document: meta("0193a6f0-7c1e-7d2a-9b40-2f5c8e1a0003", "RSK-7K3F-000123"),
        template: TemplateVersion::FIRST,
        basis: None,
        organisation: organisation(),
        customer: customer(),
        order_number: "7K3F-000123".into(),
        place: "Asunción".into(),
        risks: initial_risks().iter().map(RiskItem::from_catalogue).collect(),
        other_risks: Some("El Cliente administra por su cuenta las claves de acceso de sus desarrolladores externos y no las rota periódicamente.".into()),
        signers: signers(false),
    }
}

/// A certificate of completion for the signed acceptance act.
pub fn certificate() -> Certificate {
    Certificate {
        document: meta("0193a6f0-7c1e-7d2a-9b40-2f5c8e1a0004", "CRT-7K3F-000123"),
        organisation: organisation(),
        subject: CertifiedDocument {
            title: "Acta de aceptación del servicio".into(),
            id: "0193a6f0-7c1e-7d2a-9b40-2f5c8e1a0002".into(),
            number: "ACT-7K3F-000123".into(),
            version: 1,
            customer: customer().name,
        },
        signers: vec![
            CertificateSigner {
                name: "Ana Beatriz Ocampos".into(),
                role: SignerRole::CustomerRepresentative,
                email: Some("aocampos@nanduti.example.com.py".into()),
                method: Some(SigningMethod::InPerson),
                signed_at: Some(at(2026, 11, 27, 17, 42)),
            },
            CertificateSigner {
                name: order_manager().name,
                role: SignerRole::OrderManager,
                email: Some(order_manager().email),
                method: Some(SigningMethod::InPerson),
                signed_at: Some(at(2026, 11, 27, 17, 45)),
            },
        ],
        events: vec![
            CertificateEvent {
                at: at(2026, 11, 26, 13, 15),
                kind: EventKind::Issued,
                actor: order_manager().name,
                detail: "Versión 1".into(),
            },
            CertificateEvent {
                at: at(2026, 11, 26, 13, 20),
                kind: EventKind::Sent,
                actor: order_manager().name,
                detail: "Por correo electrónico a aocampos@nanduti.example.com.py".into(),
            },
            CertificateEvent {
                at: at(2026, 11, 27, 17, 42),
                kind: EventKind::Signed,
                actor: "Ana Beatriz Ocampos".into(),
                detail: "En persona, en la oficina del cliente".into(),
            },
            CertificateEvent {
                at: at(2026, 11, 27, 17, 45),
                kind: EventKind::Signed,
                actor: order_manager().name,
                detail: "En persona".into(),
            },
        ],
        original_sha256: "9f2c4b7e1a0d3f5e8c6b2a1d4e7f9a0b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f".into(),
        final_sha256: Some(
            "4e1d8c2b7a6f5e3d9c0b1a2f4e6d8c0a2b4d6f8e0c2a4b6d8f0e2c4a6b8d0f2e".into(),
        ),
    }
}
