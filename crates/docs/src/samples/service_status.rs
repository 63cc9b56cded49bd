//! The demonstration documents of a service's life after onboarding, for the customer of
//! the other samples: a penalty table of a 24-month contract terminated after 11 months,
//! a total termination confirmed with unpaid debt and the three authorisations (and a
//! partial one whose debt goes to the next invoice), a suspension notice of two overdue
//! invoices and the reconnection notice after their payment. The explanations are worded
//! as the domain words them: the documents print them as given.

use nimbo_domain::role::Role;
use rust_decimal::Decimal;

use super::{SIGNATURE_CUSTOMER_PNG, SIGNATURE_MANAGER_PNG, at, day, organisation};
use crate::model::{DocumentMeta, DrawnSignature, Png, Signer, SignerRole, TemplateVersion};
use crate::templates::service_status::penalty_table::{
    ContractTerms, PenaltyRow, PenaltyTable, UnpaidInstalment,
};
use crate::templates::service_status::reconnection_notice::{ConfirmedPayment, ReconnectionNotice};
use crate::templates::service_status::suspension_notice::{OverdueInvoice, SuspensionNotice};
use crate::templates::service_status::termination_confirmation::{
    Authorisation, DebtSituation, TerminationConfirmation, TerminationLetter, TerminationScope,
};
use crate::templates::service_status::{
    Contact, ServiceCustomer, ServiceSubscription, SupportContact,
};

/// An amount in cents, `money(135_000)` = 1.350,00.
fn money(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

fn meta(id: &str, number: &str, issued_at: chrono::DateTime<chrono::Utc>) -> DocumentMeta {
    DocumentMeta {
        id: id.into(),
        number: number.into(),
        version: 1,
        issued_at,
    }
}

/// The demonstration customer as these documents address it.
pub fn service_customer() -> ServiceCustomer {
    ServiceCustomer {
        name: "Cooperativa Multiactiva Ñandutí Ltda.".into(),
        ruc: "80098765-1".into(),
        address: Some("Av. Mariscal López 1234 c/ Gral. Aquino, Asunción".into()),
        billing_account: "100200300".into(),
        representative: "Ana Beatriz Ocampos".into(),
    }
}

/// The demonstration subscription: the VIP plan, professional services in business
/// hours, two AWS accounts.
pub fn service_subscription() -> ServiceSubscription {
    ServiceSubscription {
        subscriber_id: "1-7K3F001".into(),
        plans: vec![
            "Tigo Cloud AWS Serv. Adm. VIP".into(),
            "Tigo Cloud AWS Serv. Prof. Hora Hábil".into(),
        ],
        aws_accounts: vec!["123456789012".into(), "210987654321".into()],
    }
}

/// The demonstration KAM, who sends the notices.
pub fn kam_contact() -> Contact {
    Contact {
        name: "María José Benítez".into(),
        title: "Ejecutivo comercial".into(),
        email: "mbenitez@telecom.example.com.py".into(),
        phone: Some("+595 981 123 456".into()),
    }
}

/// The demonstration organisation's support channels.
pub fn support_contact() -> SupportContact {
    SupportContact {
        phone: Some("+595 21 200 2000".into()),
        email: Some("soporte.nube@telecom.example.com.py".into()),
        invoices_portal: Some("https://tbo.telecom.example.com.py".into()),
    }
}

/// The customer's legal representative and the KAM for the organisation; `signed` adds
/// both drawn signatures.
fn termination_signers(signed: bool) -> Vec<Signer> {
    vec![
        Signer {
            role: SignerRole::CustomerRepresentative,
            name: "Ana Beatriz Ocampos".into(),
            position: Some("Presidenta del Consejo de Administración".into()),
            id_number: Some("1234567".into()),
            signature: signed.then(|| DrawnSignature {
                png: Png(SIGNATURE_CUSTOMER_PNG.to_vec()),
                signed_at: at(2026, 11, 27, 17, 42),
            }),
        },
        Signer {
            role: SignerRole::OrganisationRepresentative,
            name: kam_contact().name,
            position: Some(kam_contact().title),
            id_number: None,
            signature: signed.then(|| DrawnSignature {
                png: Png(SIGNATURE_MANAGER_PNG.to_vec()),
                signed_at: at(2026, 11, 27, 17, 45),
            }),
        },
    ]
}

/// The penalty table of a 24-month contract (15/02/2026 to 14/02/2028) terminated on
/// 15/01/2027, 13 months early: the clause charges three monthly fees per plan; the
/// USD 9.600,00 installation investment, on the VIP plan, leaves USD 5.200,00 of residual
/// value; two instalments are unpaid. `signed` adds both drawn signatures.
pub fn penalty_table(signed: bool) -> PenaltyTable {
    PenaltyTable {
        document: meta(
            "0193a6f0-7c1e-7d2a-9b40-2f5c8e1a0130",
            "PEN-7K3F-000130",
            at(2026, 11, 26, 13, 15),
        ),
        template: TemplateVersion::CURRENT,
        organisation: organisation(),
        customer: service_customer(),
        subscription: service_subscription(),
        termination_date: day(2027, 1, 15),
        contract: ContractTerms {
            reference: Some("Excepción comercial EXC-2026-014, Contrato Marco CMS-2026-0456".into()),
            starts_on: day(2026, 2, 15),
            ends_on: day(2028, 2, 14),
            term_months: 24,
            clause: "Tres cuotas mensuales de cada plan dado de baja, al precio mensual acordado en la excepción comercial.".into(),
            installation_investment: Some(money(960_000)),
            instalments: Some(24),
        },
        rows: vec![
            PenaltyRow {
                plan: "Tigo Cloud AWS Serv. Adm. VIP".into(),
                months_remaining: 13,
                clause_charge: money(135_000),
                clause_explanation: "3 cuotas × 450,00 = 1.350,00".into(),
                residual_investment: money(520_000),
                residual_explanation: "9.600,00 × 13 meses restantes ÷ 24 meses del plazo = 5.200,00".into(),
            },
            PenaltyRow {
                plan: "Tigo Cloud AWS Serv. Prof. Hora Hábil".into(),
                months_remaining: 13,
                clause_charge: money(120_000),
                clause_explanation: "3 cuotas × 400,00 = 1.200,00".into(),
                residual_investment: Decimal::ZERO,
                residual_explanation: "este plan no tiene inversión de instalación".into(),
            },
        ],
        unpaid_instalments: vec![
            UnpaidInstalment {
                number: 9,
                due_on: day(2026, 10, 15),
                amount: money(40_000),
            },
            UnpaidInstalment {
                number: 10,
                due_on: day(2026, 11, 15),
                amount: money(40_000),
            },
        ],
        place: "Asunción".into(),
        signers: termination_signers(signed),
    }
}

/// The SHA-256 of the demonstration termination letter.
pub const LETTER_SHA256: &str = "3f2a9c1b77e04d5a8c6b19e2f0a4d7c35b8e91f26a0c4d7e8b19f3a5c6d2e4f1";

/// A total termination confirmed on 15/01/2027 with USD 3.762,64 unpaid, authorised by
/// the credit manager, the sales manager and the offers desk.
pub fn termination_confirmation() -> TerminationConfirmation {
    TerminationConfirmation {
        document: meta(
            "0193a6f0-7c1e-7d2a-9b40-2f5c8e1a0131",
            "BAJ-7K3F-000131",
            at(2027, 1, 15, 15, 30),
        ),
        template: TemplateVersion::CURRENT,
        organisation: organisation(),
        customer: service_customer(),
        subscription: service_subscription(),
        scope: TerminationScope::Total,
        letter: TerminationLetter {
            received_on: day(2026, 11, 24),
            signed_by: "Ana Beatriz Ocampos".into(),
            sha256: LETTER_SHA256.into(),
        },
        termination_date: day(2027, 1, 15),
        debt: DebtSituation::Authorised {
            amount: money(376_264),
            authorisations: vec![
                Authorisation {
                    role: Role::CreditManager,
                    person: "Ricardo Villalba".into(),
                    at: at(2027, 1, 8, 12, 10),
                    reason: "Deuda en gestión de cobro judicial; no bloquea la baja.".into(),
                },
                Authorisation {
                    role: Role::SalesManager,
                    person: "Claudia Giménez".into(),
                    at: at(2027, 1, 8, 14, 35),
                    reason: "El cliente migra a otro proveedor; mantener la deuda no aporta."
                        .into(),
                },
                Authorisation {
                    role: Role::Offers,
                    person: "Gustavo Ramírez".into(),
                    at: at(2027, 1, 9, 11, 0),
                    reason: "Sin objeciones comerciales.".into(),
                },
            ],
        },
        siebel_change: "1-9XK4T2".into(),
        siebel_changed_at: at(2027, 1, 15, 13, 5),
        work_order: "WO0048213".into(),
        work_order_at: at(2027, 1, 15, 14, 20),
        place: "Asunción".into(),
        signers: termination_signers(false),
    }
}

/// A partial termination of the professional services plan and one AWS account, whose
/// debt of USD 1.200,00 goes to the next invoice.
pub fn termination_confirmation_partial() -> TerminationConfirmation {
    TerminationConfirmation {
        scope: TerminationScope::Partial {
            plans: vec!["Tigo Cloud AWS Serv. Prof. Hora Hábil".into()],
            aws_accounts: vec!["210987654321".into()],
        },
        debt: DebtSituation::CarriedToNextInvoice {
            amount: money(120_000),
        },
        ..termination_confirmation()
    }
}

/// A suspension notice of `invoices` overdue invoices (the demonstration has two),
/// issued on 26/11/2026 with a grace period of 30 days, for suspension on 10/12/2026.
pub fn suspension_notice_of(invoices: usize) -> SuspensionNotice {
    let amounts = [349_249, 287_015, 301_880, 276_430];
    SuspensionNotice {
        document: meta(
            "0193a6f0-7c1e-7d2a-9b40-2f5c8e1a0140",
            "SUS-7K3F-000140",
            at(2026, 11, 26, 13, 15),
        ),
        template: TemplateVersion::CURRENT,
        organisation: organisation(),
        customer: service_customer(),
        subscription: service_subscription(),
        invoices: (0..invoices)
            .map(|i| {
                let due = day(2026, 10, 10) - chrono::Months::new(i as u32);
                OverdueInvoice {
                    number: format!("001-002-{:07}", 4873 - 97 * i),
                    due_on: due,
                    amount: money(amounts[i % amounts.len()]),
                    days_overdue: (day(2026, 11, 26) - due).num_days() as u32,
                }
            })
            .rev()
            .collect(),
        grace_days: 30,
        suspension_date: day(2026, 12, 10),
        payment_instructions: "Puede pagar en cualquier agencia de Telecom B2B Cloud S.A., por transferencia a la cuenta corriente N.º 12-345678/9 del Banco Continental a su nombre, o con tarjeta en el portal de autogestión (TBO), indicando su cuenta de facturación 100200300.".into(),
        kam: kam_contact(),
        support: support_contact(),
        place: "Asunción".into(),
    }
}

/// The demonstration suspension notice: two invoices overdue, USD 6.362,64.
pub fn suspension_notice() -> SuspensionNotice {
    suspension_notice_of(2)
}

/// The reconnection after the demonstration suspension: USD 6.362,64 paid on
/// 12/12/2026, reconnected on 13/12/2026.
pub fn reconnection_notice() -> ReconnectionNotice {
    ReconnectionNotice {
        document: meta(
            "0193a6f0-7c1e-7d2a-9b40-2f5c8e1a0141",
            "REC-7K3F-000141",
            at(2026, 12, 13, 14, 0),
        ),
        template: TemplateVersion::CURRENT,
        organisation: organisation(),
        customer: service_customer(),
        subscription: service_subscription(),
        payment: ConfirmedPayment {
            paid_on: day(2026, 12, 12),
            reference: "Transferencia N.º 20261212-88431".into(),
            amount: money(636_264),
        },
        suspended_on: Some(day(2026, 12, 10)),
        reconnection_date: day(2026, 12, 13),
        kam: kam_contact(),
        support: support_contact(),
        place: "Asunción".into(),
    }
}
