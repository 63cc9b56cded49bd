//! Stories of a contract with a term: what the offers desk may record at step 8, what it is
//! told when the terms do not hold together, the penalty table a termination gets —
//! checked against arithmetic done by hand in each test's comment — and what every table
//! keeps whatever its numbers.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;
use uuid::Uuid;

use super::*;
use crate::Lang;
use crate::catalogue::initial_plans;
use crate::customer::{BillingAccount, Customer, MasterContract};
use crate::order::{Order, Step, StepContext, StepInput};
use crate::role::Role;
use crate::ruc::Ruc;
use crate::segment::Segment;
use crate::subscription::Subscription;
use crate::user::User;
use crate::workflow::FieldValue;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// What step 8 recorded, as validation hands it over (every value a text).
fn recorded(pairs: &[(&str, &str)]) -> BTreeMap<String, FieldValue> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), FieldValue::Text(v.to_string())))
        .collect()
}

/// The field errors of a refusal, as (field, message in Spanish).
fn refusals(e: DomainError) -> Vec<(String, String)> {
    match e {
        DomainError::InvalidFields { errors } => errors
            .iter()
            .map(|f| (f.field.clone(), f.message(Lang::Es)))
            .collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

fn vip() -> ServiceFee {
    ServiceFee {
        plan_code: "aws-vip".into(),
        plan_name: "Tigo Cloud AWS Serv. Adm. VIP".into(),
        monthly_fee: d("75"),
    }
}

fn pay_per_use() -> ServiceFee {
    ServiceFee {
        plan_code: "aws".into(),
        plan_name: "Tigo Cloud AWS".into(),
        monthly_fee: Decimal::ZERO,
    }
}

fn terms(
    term: u32,
    clause: Option<EarlyTerminationClause>,
    investment: &str,
    n: u32,
) -> ContractTerms {
    ContractTerms::new(term, clause, d(investment), n).unwrap()
}

// ======================================================================================
// The terms and how they travel.
// ======================================================================================

#[test]
fn terms_travel_as_snake_case_json_and_read_back_the_same() {
    let t = terms(
        24,
        Some(EarlyTerminationClause::MonthlyFees(3)),
        "12000.00",
        24,
    );
    let json = serde_json::to_value(&t).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "term_months": 24,
            "early_termination": { "kind": "monthly_fees", "value": 3 },
            "installation_investment": "12000.00",
            "installation_instalments": 24
        })
    );
    assert_eq!(serde_json::from_value::<ContractTerms>(json).unwrap(), t);
    let percent = terms(
        12,
        Some(EarlyTerminationClause::RemainingPercent(d("50"))),
        "0",
        1,
    );
    let json = serde_json::to_value(&percent).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "term_months": 12,
            "early_termination": { "kind": "remaining_percent", "value": "50" },
            "installation_instalments": 1
        })
    );
    // A bare term reads back with no clause, no investment and one instalment.
    let bare: ContractTerms = serde_json::from_str(r#"{"term_months":6}"#).unwrap();
    assert_eq!(bare, ContractTerms::term_only(6).unwrap());
}

#[test]
fn terms_out_of_bounds_are_refused_each_on_its_field() {
    let e = ContractTerms::new(0, None, Decimal::ZERO, 1).unwrap_err();
    assert_eq!(
        refusals(e),
        vec![(
            "term_months".to_string(),
            "«plazo del contrato en meses»: «0» debe ser un número entre 1 y 120".to_string()
        )]
    );
    let e = ContractTerms::new(
        12,
        Some(EarlyTerminationClause::MonthlyFees(13)),
        d("-5"),
        13,
    )
    .unwrap_err();
    let fields: Vec<String> = refusals(e).into_iter().map(|(f, _)| f).collect();
    assert_eq!(
        fields,
        vec![
            "early_termination",
            "installation_investment",
            "installation_instalments"
        ]
    );
    for p in ["0", "100.01", "33.333", "-1"] {
        assert!(
            ContractTerms::new(
                12,
                Some(EarlyTerminationClause::RemainingPercent(d(p))),
                Decimal::ZERO,
                1
            )
            .is_err(),
            "{p} %"
        );
    }
    assert!(
        ContractTerms::new(
            12,
            Some(EarlyTerminationClause::RemainingPercent(d("100"))),
            d("0.01"),
            12
        )
        .is_ok()
    );
}

#[test]
fn the_terms_read_in_one_line_in_both_languages() {
    let t = terms(
        24,
        Some(EarlyTerminationClause::MonthlyFees(3)),
        "12000",
        24,
    );
    assert_eq!(
        t.summary(Lang::Es),
        "Plazo de 24 meses; terminación anticipada: 3 abonos mensuales; inversión de instalación 12.000,00 en 24 cuotas"
    );
    assert_eq!(
        t.summary(Lang::En),
        "Term of 24 months; early termination: 3 monthly fees; installation investment 12,000.00 in 24 instalments"
    );
    let t = terms(
        1,
        Some(EarlyTerminationClause::RemainingPercent(d("12.5"))),
        "0",
        1,
    );
    assert_eq!(
        t.summary(Lang::Es),
        "Plazo de 1 mes; terminación anticipada: 12,5 % de los abonos restantes"
    );
    assert_eq!(
        t.summary(Lang::En),
        "Term of 1 month; early termination: 12.5% of the remaining fees"
    );
}

// ======================================================================================
// What step 8 records.
// ======================================================================================

#[test]
fn an_approval_without_terms_records_none() {
    assert_eq!(terms_recorded(&recorded(&[])), Ok(None));
    assert_eq!(
        terms_recorded(&recorded(&[("approval_note", "Aprobado")])),
        Ok(None)
    );
}

#[test]
fn an_approval_records_a_term_a_clause_and_an_investment_in_instalments() {
    let t = terms_recorded(&recorded(&[
        ("term_months", "24"),
        ("early_termination", "3"),
        ("installation_investment", "12000.00"),
        ("installation_instalments", "12"),
    ]))
    .unwrap()
    .unwrap();
    assert_eq!(
        t,
        terms(
            24,
            Some(EarlyTerminationClause::MonthlyFees(3)),
            "12000",
            12
        )
    );
    // A percentage, with or without a space before the sign; an investment in one payment.
    for clause in ["50 %", "50%", " 50 % "] {
        let t = terms_recorded(&recorded(&[
            ("term_months", "12"),
            ("early_termination", clause.trim()),
            ("installation_investment", "1500"),
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(
            t.early_termination,
            Some(EarlyTerminationClause::RemainingPercent(d("50")))
        );
        assert_eq!(t.installation_instalments, 1);
    }
    assert_eq!(
        terms_recorded(&recorded(&[("term_months", "36")])),
        Ok(Some(ContractTerms::term_only(36).unwrap()))
    );
}

#[test]
fn a_clause_without_a_term_is_refused_saying_the_clause_needs_it() {
    let e = terms_recorded(&recorded(&[("early_termination", "3")])).unwrap_err();
    assert_eq!(
        refusals(e),
        vec![(
            "term_months".to_string(),
            "falta «plazo del contrato en meses, que pide la cláusula de terminación anticipada»: es obligatorio".to_string()
        )]
    );
    let e = terms_recorded(&recorded(&[("installation_investment", "5000")])).unwrap_err();
    assert_eq!(
        refusals(e)[0].1,
        "falta «plazo del contrato en meses, que pide la inversión de instalación»: es obligatorio"
    );
}

#[test]
fn instalments_without_an_investment_are_refused_saying_so() {
    let e = terms_recorded(&recorded(&[
        ("term_months", "12"),
        ("installation_instalments", "6"),
    ]))
    .unwrap_err();
    assert_eq!(
        refusals(e),
        vec![(
            "installation_investment".to_string(),
            "falta «inversión de instalación en USD, que pide la cantidad de cuotas»: es obligatorio".to_string()
        )]
    );
}

#[test]
fn numbers_that_do_not_read_or_exceed_the_term_are_refused_all_at_once() {
    let e = terms_recorded(&recorded(&[
        ("term_months", "doce"),
        ("early_termination", "tres abonos"),
        ("installation_investment", "12.000,00"),
        ("installation_instalments", "0"),
    ]))
    .unwrap_err();
    assert_eq!(
        refusals(e),
        vec![
            (
                "term_months".to_string(),
                "«plazo del contrato en meses»: «doce» debe ser un número entre 1 y 120".to_string()
            ),
            (
                "early_termination".to_string(),
                "«terminación anticipada (abonos mensuales o % de los restantes)»: «tres abonos» no tiene la forma esperada (una cantidad de abonos mensuales o un porcentaje de los abonos restantes seguido de %), por ejemplo 50 %".to_string()
            ),
            (
                "installation_investment".to_string(),
                "«inversión de instalación en USD»: «12.000,00» no es un importe en USD mayor que cero; escríbalo con punto decimal y hasta dos decimales, p. ej. 1234.57".to_string()
            ),
            (
                "installation_instalments".to_string(),
                "«cuotas de la inversión de instalación»: «0» debe ser un número entre 1 y 120".to_string()
            ),
        ]
    );
    // Bounded by the term: 30 fees or 36 instalments in a 24-month contract, 150 %.
    let e = terms_recorded(&recorded(&[
        ("term_months", "24"),
        ("early_termination", "30"),
        ("installation_investment", "100"),
        ("installation_instalments", "36"),
    ]))
    .unwrap_err();
    let messages: Vec<String> = refusals(e).into_iter().map(|(_, m)| m).collect();
    assert!(messages[0].ends_with("«30» debe ser un número entre 1 y 24"));
    assert!(messages[1].ends_with("«36» debe ser un número entre 1 y 24"));
    let e = terms_recorded(&recorded(&[
        ("term_months", "24"),
        ("early_termination", "150 %"),
    ]))
    .unwrap_err();
    assert!(
        refusals(e)[0]
            .1
            .ends_with("«150 %» debe ser un número entre 1 y 100")
    );
}

// ======================================================================================
// Onboarding records the terms and the subscription keeps them.
// ======================================================================================

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap() + Duration::minutes(minutes)
}

fn customer() -> Customer {
    Customer {
        id: Uuid::from_u128(0xC0_0B),
        ruc: "80028061-0".parse::<Ruc>().unwrap(),
        name: "Cooperativa Universitaria Ltda.".to_string(),
        segment: Segment::Corporate,
        address: None,
        billing_account: Some(BillingAccount {
            number: "100234567".to_string(),
            cycle: 15,
        }),
        master_contract: Some(MasterContract {
            signed_on: day("2026-08-01"),
            reference: "CMS-2026-0042".to_string(),
        }),
        representatives: Vec::new(),
        created_at: at(-200_000),
    }
}

fn person(username: &str, role: Role) -> User {
    User {
        id: Uuid::from_u128(7),
        username: username.to_string(),
        full_name: username.to_string(),
        email: None,
        roles: [role].into_iter().collect(),
        active: true,
        created_at: at(-100_000),
    }
}

/// An order with a price exception whose offer (step 7) is done: it waits for the offers
/// desk's approval. The earlier steps' records are set straight on the flow: their checks
/// are onboarding's stories, not these.
fn waiting_for_approval() -> Order {
    let kam = person("karina", Role::Kam);
    let mut order = Order::open(
        Uuid::from_u128(0x0D),
        "ORD-TERMS".into(),
        &customer(),
        "Migración con plazo",
        &person("pablo", Role::Presales),
        at(0),
    )
    .unwrap();
    let flag = |b: bool| FieldValue::Flag(b);
    let text = |t: &str| FieldValue::Text(t.to_string());
    let steps: [(Step, Vec<(&str, FieldValue)>); 3] = [
        (
            Step::NeedsSurvey,
            vec![("needs", text("ERP")), ("complex", flag(false))],
        ),
        (
            Step::ApnOpportunity,
            vec![("apn_opportunity_id", text("O1234567"))],
        ),
        (
            Step::Offer,
            vec![
                ("offer_id", text("0061234567890ABC")),
                (
                    "plans",
                    FieldValue::List(vec!["aws".into(), "aws-vip".into()]),
                ),
                ("price_exception", flag(true)),
                ("exception_detail", text("Plazo de 24 meses")),
            ],
        ),
    ];
    for (n, (step, values)) in steps.into_iter().enumerate() {
        let values = values
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        order
            .flow
            .complete(step, &kam.username, values, at(n as i64 + 1))
            .unwrap();
    }
    assert_eq!(order.current, Some(Step::OfferApproval));
    order
}

fn ctx() -> StepContext {
    StepContext {
        today: day("2026-11-26"),
        plans: initial_plans().into_iter().map(|p| p.code).collect(),
        risks: Vec::new(),
        signed_documents: Default::default(),
    }
}

fn approve(order: &Order, values: &[(&str, &str)]) -> Result<Order, DomainError> {
    let mut input = StepInput::default();
    for (k, v) in values {
        input.values.insert(k.to_string(), v.to_string());
    }
    order
        .complete_step(
            Step::OfferApproval,
            &input,
            &ctx(),
            &customer(),
            &person("olga", Role::Offers),
            at(100),
        )
        .map(|(next, _)| next)
}

/// Carries an approved order to its end with the steps' records set straight on the flow.
fn finish(mut order: Order) -> Order {
    let mut minute = 200;
    while let Some(step) = order.current {
        let mut values = BTreeMap::new();
        match step {
            Step::SiebelActivation => {
                values.insert("subscriber_id".into(), FieldValue::Text("1-7ABCD12".into()));
                values.insert(
                    "activation_date".into(),
                    FieldValue::Date(day("2026-01-15")),
                );
                order.activation_account = customer().billing_account;
            }
            Step::Provisioning => {
                values.insert(
                    "aws_accounts".into(),
                    FieldValue::List(vec!["123456789012".into()]),
                );
            }
            _ => {}
        }
        minute += 1;
        order.flow.complete(step, "x", values, at(minute)).unwrap();
    }
    order
}

#[test]
fn the_offers_desk_records_a_24_month_term_and_the_subscription_keeps_it() {
    let approved = approve(
        &waiting_for_approval(),
        &[
            ("approval_note", "Caso de negocio aprobado"),
            ("term_months", "24"),
            ("early_termination", "3"),
            ("installation_investment", "12000"),
            ("installation_instalments", "24"),
        ],
    )
    .unwrap();
    assert_eq!(approved.current, Some(Step::CustomerSignature));
    let subscription = Subscription::from_completed_order(&finish(approved)).unwrap();
    assert_eq!(
        subscription.terms,
        Some(terms(
            24,
            Some(EarlyTerminationClause::MonthlyFees(3)),
            "12000",
            24
        ))
    );
    // Stored as JSON and read back, the terms are the same.
    let json = serde_json::to_string(&subscription).unwrap();
    assert!(json.contains(r#""terms":{"term_months":24"#));
    assert_eq!(
        serde_json::from_str::<Subscription>(&json).unwrap(),
        subscription
    );
}

#[test]
fn an_approval_without_terms_leaves_a_subscription_without_terms_and_its_json_unchanged() {
    let approved = approve(&waiting_for_approval(), &[("approval_note", "Aprobado")]).unwrap();
    let subscription = Subscription::from_completed_order(&finish(approved)).unwrap();
    assert_eq!(subscription.terms, None);
    let json = serde_json::to_string(&subscription).unwrap();
    assert!(!json.contains("terms"));
    // A subscription stored before terms existed reads as one without terms.
    assert_eq!(
        serde_json::from_str::<Subscription>(&json).unwrap(),
        subscription
    );
}

#[test]
fn the_offers_desk_is_told_that_a_clause_needs_a_term_and_nothing_changes() {
    let order = waiting_for_approval();
    let e = approve(&order, &[("early_termination", "50 %")]).unwrap_err();
    assert_eq!(
        refusals(e),
        vec![(
            "term_months".to_string(),
            "falta «plazo del contrato en meses, que pide la cláusula de terminación anticipada»: es obligatorio".to_string()
        )]
    );
    assert_eq!(order.current, Some(Step::OfferApproval));
}

// ======================================================================================
// The penalty table, against arithmetic done by hand.
// ======================================================================================

#[test]
fn a_contract_of_24_months_ended_after_10_owes_14_months_of_residual_investment() {
    // Activated 15/01/2026, last day of service 14/11/2026: months 1..10 began (15/01 …
    // 15/10), month 11 would begin on 15/11: 24 − 10 = 14 remain.
    // VIP: 3 monthly fees × 75.00 = 225.00. Pay per use: no monthly fee, 0.00.
    // Residual: 12,000.00 × 14 ÷ 24 = 7,000.00. Total 225.00 + 0.00 + 7,000.00 = 7,225.00.
    let t = terms(
        24,
        Some(EarlyTerminationClause::MonthlyFees(3)),
        "12000",
        24,
    );
    let table = penalty_table(
        Some(&t),
        day("2026-01-15"),
        day("2026-11-14"),
        &[vip(), pay_per_use()],
        true,
    )
    .unwrap();
    assert_eq!(table.position.months_remaining, 14);
    assert_eq!(table.rows[0].charge, d("225.00"));
    assert_eq!(
        table.rows[0].explanation_es,
        "3 abonos mensuales × 75,00 = 225,00"
    );
    assert_eq!(
        table.rows[0].explanation_en,
        "3 monthly fees × 75.00 = 225.00"
    );
    assert_eq!(table.rows[1].charge, d("0.00"));
    assert_eq!(
        table.rows[1].explanation_es,
        "El plan no tiene abono mensual: sin cargo"
    );
    let residual = table.residual.as_ref().unwrap();
    assert_eq!(residual.amount, d("7000.00"));
    assert_eq!(
        residual.explanation_es,
        "Inversión 12.000,00 × 14 meses restantes ÷ 24 meses de plazo = 7.000,00"
    );
    assert_eq!(
        residual.explanation_en,
        "Investment 12,000.00 × 14 remaining months ÷ 24-month term = 7,000.00"
    );
    assert_eq!(table.charges_total, d("225.00"));
    assert_eq!(table.total, d("7225.00"));
    assert_eq!(table.total.to_string(), "7225.00");
    assert_eq!(
        table.months_explanation_es,
        "Plazo de 24 meses, del 15/01/2026 al 14/01/2028; al 14/11/2026, último día de servicio, comenzaron 10 meses: quedan 14"
    );
}

#[test]
fn half_of_the_remaining_fees_of_13_months_is_487_50() {
    // Last day 20/11/2026: month 11 began on 15/11, so 24 − 11 = 13 remain (the partial
    // month is served, not a fraction). 50 % × 13 × 75.00 = 487.50.
    let t = terms(
        24,
        Some(EarlyTerminationClause::RemainingPercent(d("50"))),
        "0",
        1,
    );
    let table = penalty_table(
        Some(&t),
        day("2026-01-15"),
        day("2026-11-20"),
        &[vip()],
        true,
    )
    .unwrap();
    assert_eq!(table.rows[0].months_remaining, 13);
    assert_eq!(table.rows[0].charge, d("487.50"));
    assert_eq!(
        table.rows[0].explanation_es,
        "50 % de los abonos restantes: 50 % × 13 meses × 75,00 = 487,50"
    );
    assert_eq!(
        table.rows[0].explanation_en,
        "50% of the remaining fees: 50% × 13 months × 75.00 = 487.50"
    );
    // No investment: no residual row, even for a total termination.
    assert!(table.residual.is_none());
    assert_eq!(table.total, d("487.50"));
}

#[test]
fn every_amount_is_rounded_half_away_from_zero_once_and_the_total_adds_the_rounded_rows() {
    // Term 7 months from 15/01/2026, last day 10/05/2026: months 1..4 began (15/01 …
    // 15/04), 3 remain.
    // Clause 33.33 %: 0.3333 × 3 × 75 = 74.9925 → 74.99.
    // Residual: 100.05 × 3 ÷ 7 = 42.878571… → 42.88.
    // Total 74.99 + 42.88 = 117.87.
    let t = terms(
        7,
        Some(EarlyTerminationClause::RemainingPercent(d("33.33"))),
        "100.05",
        7,
    );
    let table = penalty_table(
        Some(&t),
        day("2026-01-15"),
        day("2026-05-10"),
        &[vip()],
        true,
    )
    .unwrap();
    assert_eq!(table.position.months_remaining, 3);
    assert_eq!(table.rows[0].charge, d("74.99"));
    assert_eq!(table.residual.as_ref().unwrap().amount, d("42.88"));
    assert_eq!(table.total, d("117.87"));
    // Half a cent goes up: 100.05 × 1 ÷ 2 = 50.025 → 50.03 (half to even would give 50.02).
    let t = terms(2, None, "100.05", 1);
    let table = penalty_table(
        Some(&t),
        day("2026-01-15"),
        day("2026-02-20"),
        &[vip()],
        true,
    )
    .unwrap();
    assert_eq!(table.position.months_remaining, 0);
    let table = penalty_table(
        Some(&t),
        day("2026-01-15"),
        day("2026-01-20"),
        &[vip()],
        true,
    )
    .unwrap();
    assert_eq!(table.residual.as_ref().unwrap().amount, d("50.03"));
    assert_eq!(
        table.rows[0].explanation_es,
        "El contrato no tiene cláusula de terminación anticipada: sin cargo"
    );
}

#[test]
fn a_clause_of_3_fees_with_one_month_left_charges_one_fee() {
    // Term 12 from 15/01/2026, last day 20/11/2026: 11 months began, 1 remains.
    // min(3, 1) × 75.00 = 75.00; residual 2,400.00 × 1 ÷ 12 = 200.00.
    let t = terms(12, Some(EarlyTerminationClause::MonthlyFees(3)), "2400", 12);
    let table = penalty_table(
        Some(&t),
        day("2026-01-15"),
        day("2026-11-20"),
        &[vip()],
        true,
    )
    .unwrap();
    assert_eq!(table.rows[0].charge, d("75.00"));
    assert_eq!(
        table.rows[0].explanation_es,
        "3 abonos mensuales, pero queda 1 mes: 1 × 75,00 = 75,00"
    );
    assert_eq!(
        table.rows[0].explanation_en,
        "3 monthly fees, but 1 month remains: 1 × 75.00 = 75.00"
    );
    assert_eq!(
        table.residual.as_ref().unwrap().explanation_es,
        "Inversión 2.400,00 × 1 mes restante ÷ 12 meses de plazo = 200,00"
    );
    assert_eq!(table.total, d("275.00"));
}

#[test]
fn past_the_term_the_table_is_all_zeros_and_says_the_term_was_completed() {
    let t = terms(12, Some(EarlyTerminationClause::MonthlyFees(3)), "2400", 12);
    let table = penalty_table(
        Some(&t),
        day("2026-01-15"),
        day("2027-06-30"),
        &[vip()],
        true,
    )
    .unwrap();
    assert_eq!(table.position.months_remaining, 0);
    assert_eq!(table.rows[0].charge, d("0.00"));
    assert_eq!(table.rows[0].explanation_es, "Plazo cumplido: sin cargo");
    let residual = table.residual.as_ref().unwrap();
    assert_eq!(residual.amount, d("0.00"));
    assert_eq!(
        residual.explanation_es,
        "Plazo cumplido: la inversión de 2.400,00 está amortizada; sin cargo"
    );
    assert_eq!(table.total, d("0.00"));
}

#[test]
fn the_standard_service_without_a_term_has_no_penalty_table() {
    assert!(penalty_table(None, day("2026-01-15"), day("2026-11-20"), &[vip()], true).is_none());
}

#[test]
fn a_partial_termination_lists_its_clause_charges_but_not_the_residual_investment() {
    // Ending only the VIP service: 3 × 75.00 = 225.00; the investment stays with the
    // services that go on, and is charged once, by the termination that ends the contract.
    let t = terms(
        24,
        Some(EarlyTerminationClause::MonthlyFees(3)),
        "12000",
        24,
    );
    let table = penalty_table(
        Some(&t),
        day("2026-01-15"),
        day("2026-11-14"),
        &[vip()],
        false,
    )
    .unwrap();
    assert!(table.residual.is_none());
    assert_eq!(table.total, d("225.00"));
}

#[test]
fn the_vip_plans_monthly_fee_is_its_minimum_and_the_others_have_none() {
    let fees: Vec<(String, Decimal)> = initial_plans()
        .iter()
        .map(|p| (p.code.clone(), monthly_fee(&p.pricing)))
        .collect();
    assert_eq!(
        fees,
        vec![
            ("aws".to_string(), d("0")),
            ("aws-vip".to_string(), d("75")),
            ("ps-business".to_string(), d("0")),
            ("ps-after-hours".to_string(), d("0")),
        ]
    );
}

#[test]
fn the_services_ended_take_their_names_and_fees_from_the_catalogue_in_force() {
    let codes: Vec<String> = ["aws-vip", "aws", "retired"].map(String::from).to_vec();
    let services = ServiceFee::of_plans(&initial_plans(), &codes);
    assert_eq!(services[0], vip());
    assert_eq!(services[1], pay_per_use());
    assert_eq!(
        services[2],
        ServiceFee {
            plan_code: "retired".into(),
            plan_name: "retired".into(),
            monthly_fee: Decimal::ZERO,
        }
    );
}

// ======================================================================================
// What every table keeps.
// ======================================================================================

fn any_clause() -> impl Strategy<Value = Option<EarlyTerminationClause>> {
    prop_oneof![
        Just(None),
        (1u32..=120).prop_map(|n| Some(EarlyTerminationClause::MonthlyFees(n))),
        (1i64..=10_000)
            .prop_map(|p| Some(EarlyTerminationClause::RemainingPercent(Decimal::new(p, 2)))),
    ]
}

prop_compose! {
    fn any_terms()(
        term in 1u32..=120,
        clause in any_clause(),
        investment_cents in 0i64..100_000_000,
        instalments in 1u32..=120,
    ) -> ContractTerms {
        let clause = match clause {
            Some(EarlyTerminationClause::MonthlyFees(n)) =>
                Some(EarlyTerminationClause::MonthlyFees(n.min(term))),
            other => other,
        };
        ContractTerms::new(term, clause, Decimal::new(investment_cents, 2), instalments.min(term))
            .unwrap()
    }
}

proptest! {
    #[test]
    fn the_residual_never_exceeds_the_investment_and_totals_are_sums_of_rows(
        t in any_terms(),
        activated in 0i64..3000,
        served in -40i64..4000,
        fees in prop::collection::vec(0i64..100_000, 1..4),
        ends_contract in any::<bool>(),
    ) {
        let activation = day("2020-01-01") + Duration::days(activated);
        let last_day = activation + Duration::days(served);
        let services: Vec<ServiceFee> = fees
            .iter()
            .enumerate()
            .map(|(i, c)| ServiceFee {
                plan_code: format!("p{i}"),
                plan_name: format!("Plan {i}"),
                monthly_fee: Decimal::new(*c, 2),
            })
            .collect();
        let table = penalty_table(Some(&t), activation, last_day, &services, ends_contract).unwrap();
        let p = table.position;
        prop_assert_eq!(p.months_begun + p.months_remaining, t.term_months);
        prop_assert_eq!(table.rows.len(), services.len());
        let rows: Decimal = table.rows.iter().map(|r| r.charge).sum();
        prop_assert_eq!(table.charges_total, rows);
        let residual = table.residual.as_ref().map_or(Decimal::ZERO, |r| r.amount);
        prop_assert_eq!(table.total, rows + residual);
        prop_assert!(residual >= Decimal::ZERO);
        prop_assert!(residual <= t.installation_investment);
        for row in &table.rows {
            prop_assert_eq!(row.charge, cents_of(row.charge));
            prop_assert!(row.charge >= Decimal::ZERO);
            // No clause charges more than the fees left for the rest of the term.
            prop_assert!(row.charge <= cents_of(row.monthly_fee * Decimal::from(p.months_remaining)));
        }
        if p.months_remaining == 0 {
            prop_assert_eq!(table.total, Decimal::ZERO);
        }
    }

    #[test]
    fn a_later_last_day_never_leaves_more_months_remaining(
        term in 1u32..=120,
        activated in 0i64..3000,
        a in -40i64..4000,
        b in -40i64..4000,
    ) {
        let activation = day("2020-01-01") + Duration::days(activated);
        let (early, late) = (a.min(b), a.max(b));
        let first = TermPosition::of(term, activation, activation + Duration::days(early));
        let second = TermPosition::of(term, activation, activation + Duration::days(late));
        prop_assert!(second.months_remaining <= first.months_remaining);
        prop_assert!(first.term_ends_on >= activation);
    }

    #[test]
    fn the_instalments_add_up_to_the_investment_and_fall_due_in_order(
        t in any_terms(),
        activated in 0i64..3000,
    ) {
        let activation = day("2020-01-01") + Duration::days(activated);
        let all = t.instalments(activation);
        prop_assert_eq!(instalments::total(&all), t.installation_investment);
        prop_assert!(all.iter().all(|i| i.amount >= Decimal::ZERO));
        prop_assert!(all.windows(2).all(|w| w[0].due_on < w[1].due_on));
        if t.has_investment() {
            prop_assert_eq!(all.len() as u32, t.installation_instalments);
            prop_assert_eq!(all[0].due_on, activation);
        }
        let json = serde_json::to_string(&t).unwrap();
        prop_assert_eq!(serde_json::from_str::<ContractTerms>(&json).unwrap(), t);
    }
}

fn cents_of(amount: Decimal) -> Decimal {
    crate::billing::cents(amount)
}
