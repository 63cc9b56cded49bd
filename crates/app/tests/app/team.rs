//! The whole team, each on a laptop of their own, takes one order from its opening to
//! its completion through the sync server: every step is done by its performer after a
//! sync brought the previous one, and at the end every laptop holds the completed order
//! and the same subscription — the id billing will refer to — whether it completed the
//! order itself or replayed it.

use nimbo_app::{orders, sync};
use nimbo_domain::order::OrderStatus;
use nimbo_domain::subscription::Subscription;
use nimbo_testkit::submissions::simple_path;

use crate::stories::{TEAM, add_customer, performer};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_order_the_team_completes_on_six_laptops_leaves_the_same_subscription_on_each() {
    let Some(server) = crate::sync::server().await else {
        return;
    };
    let _office = crate::sync::office_synced(&server).await;
    let mut laptops = Vec::new();
    for (username, _) in TEAM {
        laptops.push((*username, crate::sync::laptop_of(&server, username).await));
    }
    let laptop = |user: &str| {
        &laptops
            .iter()
            .find(|(u, _)| *u == user)
            .expect("a laptop for every performer")
            .1
    };

    let kam = laptop("ana");
    let ruc = add_customer(&kam.nimbo, 80_028_061, true).await;
    let number = orders::create(&kam.nimbo, "ana", &ruc, "AWS para el ERP")
        .await
        .expect("the order opens")
        .number;
    sync::sync(&kam.nimbo).await.expect("the order is sent");

    let mut steps = 0;
    loop {
        // Whoever acts next first brings what the others did.
        let mut current = None;
        for (_, env) in &laptops {
            sync::sync(&env.nimbo).await.expect("a sync");
            if current.is_none() {
                current = orders::show(&env.nimbo, &number)
                    .await
                    .expect("the order")
                    .order
                    .current;
            }
        }
        let Some(step) = current else { break };
        let user = performer(step);
        let env = laptop(user);
        env.advance(30);
        orders::complete_step(
            &env.nimbo,
            user,
            &number,
            simple_path(step, env.today(), env.today()),
        )
        .await
        .unwrap_or_else(|e| panic!("{user} completes step {}: {e:?}", step.number()));
        let sent = sync::sync(&env.nimbo).await.expect("the step is sent");
        assert_eq!(sent.refused, 0, "step {}: {sent:?}", step.number());
        steps += 1;
        assert!(steps <= 22, "the order never completes");
    }

    let expected = Subscription::id_for(
        orders::show(&kam.nimbo, &number)
            .await
            .expect("the order")
            .order
            .id,
    );
    for (user, env) in &laptops {
        let order = orders::show(&env.nimbo, &number)
            .await
            .expect("the order")
            .order;
        assert_eq!(order.status, OrderStatus::Completed, "on {user}'s laptop");
        let mut conn = env.nimbo.store().read().await.expect("a connection");
        let held = nimbo_store::subscriptions::by_order(&mut conn, order.id)
            .await
            .expect("the subscription")
            .map(|s| s.id);
        assert_eq!(
            held,
            Some(expected),
            "{user}'s laptop names the subscription alike"
        );
    }
    eprintln!("the team completed the order in {steps} steps on six laptops");
}
