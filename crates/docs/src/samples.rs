//! Demonstration snapshots of every document, with a logo and drawn signatures: what the
//! tests, the benchmark and a demonstration database render.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use nimbo_domain::Lang;
use nimbo_domain::billing::{
    ChargeCategory, ChargeLine, ConsumptionAggregate, LineKind, Period, cents, es_py, priced,
};
use nimbo_domain::catalogue::{initial_plans, initial_risks};
use nimbo_domain::segment::Segment;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::model::{
    ActBasis, Customer, DocumentMeta, DrawnSignature, MasterContractRef, Organisation, Person, Png,
    Signer, SignerRole, SowRef, TemplateVersion,
};
use crate::templates::acceptance_act::{AcceptanceAct, DeliveredItem};
use crate::templates::certificate::{
    Certificate, CertificateEvent, CertificateSigner, CertifiedDocument, EventKind, SigningMethod,
};
use crate::templates::risk_act::{RiskAct, RiskItem};
use crate::templates::statement::{PeriodTotals, ServiceConsumption, Statement, StatementCustomer};
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

/// The demonstration subscription the statements' lines belong to.
const SUBSCRIPTION: u128 = 0x0193a6f0_7c1e_7d2a_9b40_2f5c8e1a1001;

/// An amount in cents, `cents_of(231_850)` = 2.318,50.
fn money(cents_amount: i64) -> Decimal {
    Decimal::new(cents_amount, 2)
}

/// A charge line of the demonstration subscription, priced by DOMAIN §3's rule.
fn line(
    n: u128,
    period: Period,
    kind: LineKind,
    plan: &str,
    net: Decimal,
    es: String,
    en: String,
) -> ChargeLine {
    let (net, iva, total) = priced(net);
    ChargeLine {
        id: Uuid::from_u128(SUBSCRIPTION + 0x1_0000 + n),
        subscription_id: Uuid::from_u128(SUBSCRIPTION),
        period,
        kind,
        plan_code: plan.to_string(),
        plan_name: plan_name(plan),
        net,
        iva,
        total,
        explanation_es: es,
        explanation_en: en,
    }
}

/// The catalogue's name of a plan.
fn plan_name(code: &str) -> String {
    initial_plans()
        .into_iter()
        .find(|p| p.code == code)
        .map(|p| p.name)
        .unwrap_or_else(|| code.to_string())
}

fn plan_code(pick: impl Fn(&nimbo_domain::catalogue::Plan) -> bool) -> String {
    initial_plans()
        .into_iter()
        .find(|p| pick(p))
        .map(|p| p.code)
        .unwrap_or_default()
}

fn es(v: Decimal) -> String {
    es_py(v, Lang::Es)
}

fn en(v: Decimal) -> String {
    es_py(v, Lang::En)
}

/// The consumption line and the VIP fee of a period, as the run explains them.
fn consumption_and_vip(
    period: Period,
    usage: Decimal,
    credits: Decimal,
    active_days: u32,
) -> Vec<ChargeLine> {
    use nimbo_domain::catalogue::Pricing;
    let consumption = cents(usage + credits);
    let aws = plan_code(|p| matches!(p.pricing, Pricing::Consumption));
    let vip = plan_code(|p| matches!(p.pricing, Pricing::ShareOfConsumption { .. }));
    let share = cents(consumption * Decimal::new(15, 2));
    let days = period.days();
    let minimum = cents(Decimal::from(75) * Decimal::from(active_days) / Decimal::from(days));
    let fee = share.max(minimum);
    let consumption_es = if consumption.is_zero() {
        "Sin consumo de AWS en el período".to_string()
    } else {
        format!(
            "Uso de AWS {} menos créditos y reembolsos {} = {}",
            es(usage),
            es(-credits),
            es(consumption)
        )
    };
    let consumption_en = if consumption.is_zero() {
        "No AWS consumption in the period".to_string()
    } else {
        format!(
            "AWS usage {} less credits and refunds {} = {}",
            en(usage),
            en(-credits),
            en(consumption)
        )
    };
    vec![
        line(
            1,
            period,
            LineKind::Consumption,
            &aws,
            consumption,
            consumption_es,
            consumption_en,
        ),
        line(
            2,
            period,
            LineKind::VipFee,
            &vip,
            fee,
            format!(
                "15 % de {} = {}; mínimo prorrateado 75 × {active_days}/{days} = {}; se aplica {}",
                es(consumption),
                es(share),
                es(minimum),
                es(fee)
            ),
            format!(
                "15 % of {} = {}; prorated minimum 75 × {active_days}/{days} = {}; {} applies",
                en(consumption),
                en(share),
                en(minimum),
                en(fee)
            ),
        ),
    ]
}

/// Professional hours, `minutes` at the business-hours rate (or the other one).
fn hours_line(n: u128, period: Period, business: bool, minutes: i64, when: &str) -> ChargeLine {
    use nimbo_domain::catalogue::Pricing;
    let code = plan_code(
        |p| matches!(p.pricing, Pricing::Hourly { business_hours, .. } if business_hours == business),
    );
    let rate = if business {
        Decimal::from(50)
    } else {
        Decimal::from(75)
    };
    let net = Decimal::from(minutes) * rate / Decimal::from(60);
    let span = match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02} min"),
    };
    let (kind, where_es, where_en) = if business {
        (
            LineKind::BusinessHours,
            "en horario hábil",
            "in business hours",
        )
    } else {
        (
            LineKind::AfterHours,
            "fuera del horario hábil",
            "outside business hours",
        )
    };
    line(
        n,
        period,
        kind,
        &code,
        net,
        format!(
            "{span} {where_es} × {} por hora = {} ({when})",
            es(rate),
            es(cents(net))
        ),
        format!(
            "{span} {where_en} × {} per hour = {} ({when})",
            en(rate),
            en(cents(net))
        ),
    )
}

fn statement_meta() -> DocumentMeta {
    DocumentMeta {
        id: "0193a6f0-7c1e-7d2a-9b40-2f5c8e1a0005".into(),
        number: "EDC-7K3F-000125".into(),
        version: 1,
        issued_at: at(2026, 12, 16, 13, 30),
    }
}

/// The demonstration period of the statements, 15/11/2026 to 14/12/2026.
pub fn statement_period() -> Period {
    Period::new(2026, 11).unwrap_or_else(|| Period::of_day(day(2026, 11, 15)))
}

/// The imported consumption of the demonstration period, per service and category.
pub fn consumption_aggregates() -> Vec<ConsumptionAggregate> {
    let rows: [(&str, ChargeCategory, i64); 9] = [
        (
            "Amazon Elastic Compute Cloud",
            ChargeCategory::Usage,
            141_237,
        ),
        (
            "Amazon Elastic Compute Cloud",
            ChargeCategory::Credit,
            -5_000,
        ),
        (
            "Amazon Relational Database Service",
            ChargeCategory::Usage,
            52_418,
        ),
        (
            "Amazon Simple Storage Service",
            ChargeCategory::Usage,
            18_742,
        ),
        (
            "Amazon Simple Storage Service",
            ChargeCategory::Refund,
            -2_350,
        ),
        ("AWS Backup", ChargeCategory::Usage, 9_680),
        ("Amazon CloudFront", ChargeCategory::Usage, 7_115),
        ("Amazon Virtual Private Cloud", ChargeCategory::Usage, 5_862),
        ("Amazon CloudWatch", ChargeCategory::Usage, 4_142),
    ];
    rows.into_iter()
        .map(|(service, category, amount)| ConsumptionAggregate {
            subscription_id: Uuid::from_u128(SUBSCRIPTION),
            aws_account: "123456789012".into(),
            period: statement_period(),
            service: service.into(),
            category,
            amount: money(amount),
            rows: 1_000,
        })
        .collect()
}

/// What the demonstration customer was charged in the eleven periods before the
/// statement's: consumption growing month by month, the VIP fee and now and then hours.
pub fn statement_history() -> Vec<PeriodTotals> {
    let consumption: [i64; 11] = [
        148_020, 152_375, 161_040, 158_810, 170_295, 175_530, 182_064, 191_108, 200_437, 215_090,
        223_612,
    ];
    let hours: [i64; 11] = [0, 150, 0, 0, 300, 0, 0, 120, 0, 240, 0];
    let mut period = statement_period();
    for _ in 0..11 {
        period = period.previous();
    }
    consumption
        .into_iter()
        .zip(hours)
        .map(|(c, minutes)| {
            let c = money(c);
            let fee = cents(c * Decimal::new(15, 2)).max(Decimal::from(75));
            let work = Decimal::from(minutes) * Decimal::from(50) / Decimal::from(60);
            let charges = priced(c).2 + priced(fee).2 + priced(work).2;
            let totals = PeriodTotals {
                period,
                consumption: c,
                charges,
            };
            period = period.next();
            totals
        })
        .collect()
}

/// A customer's statement of November 2026: consumption of seven AWS services with
/// credits, the VIP fee, hours in and outside business hours and an adjustment of
/// October, with the eleven periods before it.
pub fn statement() -> Statement {
    let period = statement_period();
    let consumption = ServiceConsumption::from_aggregates(&consumption_aggregates());
    let usage: Decimal = consumption.iter().map(|s| s.usage + s.taxes).sum();
    let credits: Decimal = consumption.iter().map(|s| s.credits).sum();
    let mut lines = consumption_and_vip(period, usage, credits, period.days());
    lines.push(hours_line(
        3,
        period,
        true,
        390,
        "3 intervalos entre el 18/11/2026 y el 02/12/2026",
    ));
    lines.push(hours_line(
        4,
        period,
        false,
        105,
        "el 21/11/2026 de 18:00 a 19:45",
    ));
    let hh = plan_code(|p| {
        matches!(
            p.pricing,
            nimbo_domain::catalogue::Pricing::Hourly {
                business_hours: true,
                ..
            }
        )
    });
    lines.push(line(
        5,
        period,
        LineKind::Adjustment,
        &hh,
        money(-10_000),
        "Corrección del período de octubre de 2026: 2 h en horario hábil registradas dos veces, 2 × 50,00 = 100,00 a descontar".into(),
        "Correction of October 2026: 2 h in business hours logged twice, 2 × 50.00 = 100.00 to deduct".into(),
    ));
    Statement {
        document: statement_meta(),
        template: TemplateVersion::CURRENT,
        organisation: organisation(),
        customer: StatementCustomer {
            name: customer().name,
            ruc: customer().ruc,
            billing_account: "100200300".into(),
        },
        period,
        lines,
        consumption,
        history: statement_history(),
        run_sha256: "5d41c8a7e2f09b3d6c1a4e8f7b2d9c0a3e6f1b4d7c2a5e8f0b3d6c9a1e4f7b20".into(),
    }
}

/// The statement of a customer activated on 25/11/2026 without any AWS consumption yet:
/// a zero consumption line, the prorated VIP minimum, no history.
pub fn statement_without_consumption() -> Statement {
    let period = statement_period();
    let active = period.active_days(day(2026, 11, 25), None);
    Statement {
        lines: consumption_and_vip(period, Decimal::ZERO, Decimal::ZERO, active),
        consumption: Vec::new(),
        history: Vec::new(),
        ..statement()
    }
}

/// The demonstration statement with `hours` more lines of professional hours, one per
/// interval logged: enough of them run the charges over a page.
pub fn statement_with_hours(hours: usize) -> Statement {
    let mut s = statement();
    let period = s.period;
    for i in 0..hours {
        let d = 16 + (i % 14) as u32;
        let n = 10 + i as u128;
        s.lines.push(hours_line(
            n,
            period,
            i % 3 != 0,
            45 + 15 * (i as i64 % 7),
            &format!("el {d:02}/11/2026, pedido de cambio N.º {}", 200 + i),
        ));
    }
    s
}
