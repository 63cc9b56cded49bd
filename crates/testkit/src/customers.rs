//! Valid RUCs and what the stories' customers sign.

use chrono::NaiveDate;
use nimbo_domain::customer::MasterContract;
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

/// The Master Solutions Contract a customer signed on 14 March 2025.
pub fn master_contract() -> MasterContract {
    MasterContract {
        signed_on: NaiveDate::from_ymd_opt(2025, 3, 14).expect("a date"),
        reference: "CMS-2025-0042".into(),
    }
}
