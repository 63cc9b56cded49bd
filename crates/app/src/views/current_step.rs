//! The order's current step as its card shows it, decided for this order before anything
//! is typed: what blocks it (its table's preconditions, with the record that fixes each),
//! whether each field is needed (said as the result, not the rule), and the rejection that
//! sent the order back to it.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use nimbo_domain::Lang;
use nimbo_domain::customer::Customer;
use nimbo_domain::document::DocumentKind;
use nimbo_domain::error::DomainError;
use nimbo_domain::order::{Order, Precondition, Requirement, Step, requirement};
use serde::{Deserialize, Serialize};
use specta::Type;

use super::{People, instant, label_case};
use nimbo_domain::time::today_in_asuncion as asuncion_day;

/// Where a person fixes what blocks a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum FixView {
    /// The customer's page (master contract, billing account).
    Customer,
    /// The order's documents card (a document to sign).
    Documents,
}

/// Something that must be put right before the current step can be completed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct BlockerView {
    /// The precondition's id: `master_contract`, `billing_cycle15` or `risk_act_signed`.
    pub precondition: String,
    /// What is missing and how to fix it, in one sentence.
    pub text: String,
    /// Where it is fixed.
    pub fix: FixView,
}

/// Whether a field of the current step must be given, decided for this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum NeedView {
    /// It must be given.
    Required,
    /// It may be left empty.
    Optional,
    /// Needed only when the yes/no field named in `depends_on` is yes: the form decides
    /// as it is filled (and shows the field only then).
    WhenYes,
    /// Not needed for this order (no input is offered).
    NotNeeded,
    /// Not needed: its document is signed in Nimbo (no input is offered).
    SignedInNimbo,
}

/// One field of the current step as this order needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct FieldNeedView {
    /// The field's key.
    pub key: String,
    /// Whether it is needed.
    pub need: NeedView,
    /// The result in words («obligatorio», «No hace falta: la oferta no registra
    /// riesgos», «✓ Firmada en Nimbo el 02/12/2026»).
    pub text: String,
    /// The yes/no field it depends on, for `when_yes`.
    pub depends_on: Option<String>,
}

/// The rejection that sent the order back to its current step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ReturnedView {
    /// The step whose work was rejected, with its number («8. Aprobación de la oferta»).
    pub from_step: String,
    /// Who returned it: their full name.
    pub by_name: String,
    /// When (RFC 3339).
    pub at: String,
    /// Why.
    pub reason: String,
}

/// The current step as its card shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CurrentStepView {
    /// What must be put right before it can be completed, in the table's order.
    pub blockers: Vec<BlockerView>,
    /// Each field and whether this order needs it, in the form's order.
    pub fields: Vec<FieldNeedView>,
    /// The rejection that sent the order back to it, if that is how it became current.
    pub returned: Option<ReturnedView>,
}

/// What the current step's card needs to know beyond the order.
pub(crate) struct Facts<'a> {
    /// The order's customer.
    pub customer: &'a Customer,
    /// The order's documents whose latest version is signed, with when the last
    /// signature was recorded.
    pub signed: &'a BTreeMap<DocumentKind, Option<DateTime<Utc>>>,
    /// The people, for full names.
    pub people: &'a People,
}

fn blocker(p: Precondition, refusal: &DomainError, lang: Lang) -> BlockerView {
    let (id, fix, text) = match refusal {
        DomainError::MasterContractMissing { customer, .. } => (
            "master_contract",
            FixView::Customer,
            match lang {
                Lang::Es => format!(
                    "{customer} no tiene registrado el Contrato Marco de Soluciones: regístrelo en la ficha del cliente para poder completar este paso."
                ),
                Lang::En => format!(
                    "{customer} has no Master Solutions Contract on record: record it on the customer's page to complete this step."
                ),
            },
        ),
        DomainError::BillingCycleNot15 {
            cycle: Some(cycle), ..
        } => (
            "billing_cycle15",
            FixView::Customer,
            match lang {
                Lang::Es => format!(
                    "El ciclo de facturación debe ser 15 y hoy es {cycle}: corríjalo en la ficha del cliente."
                ),
                Lang::En => format!(
                    "The billing cycle must be 15 and today it is {cycle}: correct it on the customer's page."
                ),
            },
        ),
        DomainError::BillingCycleNot15 { customer, .. } => (
            "billing_cycle15",
            FixView::Customer,
            match lang {
                Lang::Es => format!(
                    "{customer} no tiene cuenta de facturación: regístrela con ciclo 15 en la ficha del cliente."
                ),
                Lang::En => format!(
                    "{customer} has no billing account: record one on cycle 15 on the customer's page."
                ),
            },
        ),
        other => (
            match p {
                Precondition::MasterContract => "master_contract",
                Precondition::BillingCycle15 => "billing_cycle15",
                Precondition::RiskActSigned => "risk_act_signed",
            },
            FixView::Documents,
            match lang {
                Lang::Es if p == Precondition::RiskActSigned => "El acta de aceptación de riesgos no está firmada: hágala firmar en Documentos, o rechace el paso para que se adjunte la copia firmada.".to_string(),
                Lang::En if p == Precondition::RiskActSigned => "The risk acceptance act is not signed: have it signed under Documents, or reject the step so that the signed copy is attached.".to_string(),
                _ => other.message(lang),
            },
        ),
    };
    BlockerView {
        precondition: id.to_string(),
        text,
        fix,
    }
}

fn field_need(
    step: Step,
    spec: &nimbo_domain::order::FieldSpec,
    order: &Order,
    facts: &Facts<'_>,
    lang: Lang,
) -> FieldNeedView {
    let signed: BTreeSet<DocumentKind> = facts.signed.keys().copied().collect();
    let decided = requirement(step, spec, order.has_risks(), &signed);
    let (need, text, depends_on) = match decided {
        Requirement::Required => (
            NeedView::Required,
            lang.pick("obligatorio", "required").to_string(),
            None,
        ),
        Requirement::Optional => (
            NeedView::Optional,
            lang.pick("opcional", "optional").to_string(),
            None,
        ),
        Requirement::WhenYes(flag) => {
            let flag_label = step
                .fields()
                .iter()
                .find(|f| f.key == flag)
                .map_or(flag, |f| f.label(lang));
            (
                NeedView::WhenYes,
                match lang {
                    Lang::Es => format!("obligatorio porque «{flag_label}» es sí"),
                    Lang::En => format!("required because «{flag_label}» is yes"),
                },
                Some(flag.to_string()),
            )
        }
        Requirement::NotNeededWithoutRisks => (
            NeedView::NotNeeded,
            lang.pick(
                "No hace falta: la oferta no registra riesgos",
                "Not needed: the offer records no risks",
            )
            .to_string(),
            None,
        ),
        Requirement::SignedInNimbo(kind) => {
            let on = facts
                .signed
                .get(&kind)
                .copied()
                .flatten()
                .map(|at| asuncion_day(at).format("%d/%m/%Y").to_string());
            let text = match (lang, on) {
                (Lang::Es, Some(day)) => format!("✓ Firmada en Nimbo el {day}"),
                (Lang::Es, None) => "✓ Firmada en Nimbo".to_string(),
                (Lang::En, Some(day)) => format!("✓ Signed in Nimbo on {day}"),
                (Lang::En, None) => "✓ Signed in Nimbo".to_string(),
            };
            (NeedView::SignedInNimbo, text, None)
        }
    };
    FieldNeedView {
        key: spec.key.to_string(),
        need,
        text,
        depends_on,
    }
}

fn returned(order: &Order, step: Step, people: &People, lang: Lang) -> Option<ReturnedView> {
    let last = order.rejections.last()?;
    (last.back_to == step).then(|| ReturnedView {
        from_step: format!("{}. {}", last.step.number(), last.step.name(lang)),
        by_name: people.name(&last.by),
        at: instant(last.at),
        reason: last.reason.clone(),
    })
}

/// The order's current step as its card shows it, while the order waits at one.
pub(crate) fn current_step_view(
    order: &Order,
    facts: &Facts<'_>,
    lang: Lang,
) -> Option<CurrentStepView> {
    let step = order.current?;
    let signed: BTreeSet<DocumentKind> = facts.signed.keys().copied().collect();
    Some(CurrentStepView {
        blockers: order
            .unmet_preconditions(step, facts.customer, &signed)
            .iter()
            .map(|(p, refusal)| blocker(*p, refusal, lang))
            .collect(),
        fields: step
            .fields()
            .iter()
            .map(|spec| field_need(step, spec, order, facts, lang))
            .collect(),
        returned: returned(order, step, facts.people, lang),
    })
}

/// The label of a step's field as a form shows it.
pub(crate) fn field_label(spec: &nimbo_domain::order::FieldSpec, lang: Lang) -> String {
    label_case(spec.label(lang))
}
