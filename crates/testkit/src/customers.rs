//! Valid RUCs and the customers the stories sell to: drafts as a laptop fills them in,
//! their legal representative and what they sign.

use chrono::NaiveDate;
use nimbo_domain::customer::{CustomerDraft, MasterContract, RepresentativeDraft};
use nimbo_domain::ruc::check_digit;

/// A valid RUC of a base: the base, a dash and its check digit.
pub fn ruc(base: u32) -> String {
    let b = base.to_string();
    format!("{b}-{}", check_digit(&b).expect("a RUC base is digits"))
}

/// The RUC of a base with a wrong check digit.
pub fn wrong_ruc(base: u32) -> String {
    let b = base.to_string();
    let d = check_digit(&b).expect("a RUC base is digits");
    format!("{b}-{}", (d + 1) % 10)
}

/// Customer number `n`, corporate, with its address and no billing account yet.
pub fn draft(n: u32, ruc: &str) -> CustomerDraft {
    CustomerDraft {
        name: format!("Cliente {n} S.A."),
        ruc: ruc.into(),
        segment: "corporate".into(),
        address: Some("Av. España 1234, Asunción".into()),
        billing_account: None,
        billing_cycle: None,
    }
}

/// Customer number `n` with its billing account, of cycle 15.
pub fn billed_draft(n: u32, ruc: &str) -> CustomerDraft {
    CustomerDraft {
        billing_account: Some("200300400".into()),
        billing_cycle: Some("15".into()),
        ..draft(n, ruc)
    }
}

/// A legal representative who signs for the customer.
pub fn representative() -> RepresentativeDraft {
    RepresentativeDraft {
        name: "Rosalía Ñamandú Giménez".into(),
        document: "1234567".into(),
        email: "rosalia@cliente.com.py".into(),
        phone: "+595 981 000 111".into(),
    }
}

/// The Master Solutions Contract a customer signed on 14 March 2025.
pub fn master_contract() -> MasterContract {
    MasterContract {
        signed_on: NaiveDate::from_ymd_opt(2025, 3, 14).expect("a date"),
        reference: "CMS-2025-0042".into(),
    }
}
