//! Whose turn it is on an order, as a person: the one who would take its current step
//! when Nimbo can tell (docs/DECISIONS.md, «Whose turn it is»).

use crate::permission::{Action, authorize};
use crate::user::User;

use super::lifecycle::Order;

impl Order {
    /// The person whose turn the current step is, when it can be told: the person who
    /// opened the order when they may take the step (the order's KAM for the KAM's
    /// steps), else the only active user who may take it; `None` when several may (the
    /// role is named instead) or the order is not open at a step.
    pub fn turn_holder<'u>(&self, users: &'u [User]) -> Option<&'u User> {
        let step = self.current?;
        let may = |u: &&User| authorize(u, Action::CompleteStep(step)).is_ok();
        if let Some(opener) = users
            .iter()
            .filter(may)
            .find(|u| u.username == self.created_by)
        {
            return Some(opener);
        }
        let mut able = users.iter().filter(may);
        match (able.next(), able.next()) {
            (Some(only), None) => Some(only),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use chrono::{TimeZone, Utc};
    use uuid::Uuid;

    use super::*;
    use crate::order::Step;
    use crate::role::Role;
    use crate::workflow::Flow;

    fn user(username: &str, role: Role, active: bool) -> User {
        User {
            id: Uuid::nil(),
            username: username.into(),
            full_name: username.to_uppercase(),
            email: None,
            roles: BTreeSet::from([role]),
            active,
            created_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        }
    }

    fn order_at(step: Step, opened_by: &str) -> Order {
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut flow = Flow::start(now);
        flow.current = Some(step);
        Order {
            id: Uuid::nil(),
            number: "N".into(),
            customer_id: Uuid::nil(),
            title: "t".into(),
            flow,
            created_by: opened_by.into(),
            created_at: now,
            activation_account: None,
        }
    }

    #[test]
    fn the_kam_who_opened_the_order_holds_the_kam_steps_even_among_several_kams() {
        let users = [
            user("ana", Role::Kam, true),
            user("karina", Role::Kam, true),
            user("pedro", Role::Presales, true),
        ];
        let order = order_at(Step::CustomerSignature, "karina");
        assert_eq!(
            order.turn_holder(&users).map(|u| u.username.as_str()),
            Some("karina")
        );
    }

    #[test]
    fn the_only_active_user_of_the_role_holds_the_step_and_several_hold_none() {
        let mut users = vec![
            user("karina", Role::Kam, true),
            user("pedro", Role::Presales, true),
            user("old", Role::Presales, false),
        ];
        let order = order_at(Step::Offer, "karina");
        assert_eq!(
            order.turn_holder(&users).map(|u| u.username.as_str()),
            Some("pedro"),
            "the inactive pre-sales engineer does not count"
        );
        users.push(user("lucia", Role::Presales, true));
        assert_eq!(order.turn_holder(&users), None);
    }

    #[test]
    fn nobody_holds_a_closed_order_nor_a_step_no_one_may_take() {
        let users = [user("karina", Role::Kam, true)];
        let mut order = order_at(Step::Offer, "karina");
        assert_eq!(order.turn_holder(&users), None);
        order.flow.current = None;
        assert_eq!(order.turn_holder(&users), None);
    }
}
