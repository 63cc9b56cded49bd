//! The service a completed order leaves running, as its order and its customer show it.

use nimbo_domain::Lang;
use nimbo_domain::catalogue::Plan;
use nimbo_domain::subscription::{Subscription, SubscriptionStatus};
use serde::{Deserialize, Serialize};
use specta::Type;

use super::day;

/// A subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SubscriptionView {
    /// Siebel's Subscriber ID.
    pub subscriber_id: String,
    /// The billing account it is billed on.
    pub billing_account: String,
    /// The day billing starts (`YYYY-MM-DD`).
    pub activation_date: String,
    /// The plan codes contracted.
    pub plans: Vec<String>,
    /// Their commercial names, from the catalogue (the code when no longer in it).
    pub plan_names: Vec<String>,
    /// The AWS accounts it covers.
    pub aws_accounts: Vec<String>,
    /// `active`, `suspended` or `terminated`.
    pub status: String,
    /// The status in the user's language.
    pub status_label: String,
}

/// A subscription's view; `catalogue` names its plans.
pub fn subscription_view(s: &Subscription, lang: Lang, catalogue: &[Plan]) -> SubscriptionView {
    SubscriptionView {
        subscriber_id: s.subscriber_id.clone(),
        billing_account: s.billing_account.clone(),
        activation_date: day(s.activation_date),
        plans: s.plans.clone(),
        plan_names: s
            .plans
            .iter()
            .map(|code| {
                catalogue
                    .iter()
                    .find(|p| &p.code == code)
                    .map_or_else(|| code.clone(), |p| p.name.clone())
            })
            .collect(),
        aws_accounts: s.aws_accounts.clone(),
        status: s.status.id().to_string(),
        status_label: match s.status {
            SubscriptionStatus::Active => lang.pick("activa", "active"),
            SubscriptionStatus::Suspended => lang.pick("suspendida", "suspended"),
            SubscriptionStatus::Terminated => lang.pick("terminada", "terminated"),
        }
        .to_string(),
    }
}
