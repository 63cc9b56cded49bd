//! «Mis tareas»' process waits on the demonstration's service life: each process once,
//! oldest wait first, page by page, for a person with one role or several.

use nimbo_app::{demo, processes, users};
use nimbo_domain::Lang;
use nimbo_domain::role::Role;
use nimbo_domain::user::UserDraft;

use crate::support::Env;

async fn numbers(env: &Env, user: &str) -> (Vec<String>, u64) {
    let (lines, total) = processes::tasks(&env.nimbo, user, 50, 0, Lang::Es)
        .await
        .expect("«Mis tareas»");
    (lines.into_iter().map(|l| l.number).collect(), total)
}

#[tokio::test]
async fn a_person_with_two_of_the_three_authorising_roles_sees_the_termination_waiting_for_both_once()
 {
    let env = Env::blank().await;
    demo::fill(&env.nimbo, 200, 2026).await.expect("the demo");
    users::add(
        &env.nimbo,
        "admin",
        &UserDraft {
            username: "gerencia.ofertas".into(),
            full_name: "Gerencia y Ofertas".into(),
            email: None,
            roles: vec![Role::SalesManager, Role::Offers],
        },
    )
    .await
    .expect("a person with two roles");

    // The demo's termination waiting for the three authorisations, the credit manager's given.
    let (sales, sales_total) = numbers(&env, "patricia.caceres").await;
    let (offers, _) = numbers(&env, "carlos.benitez").await;
    assert!(
        sales_total >= 1,
        "the sales manager waits for an authorisation"
    );
    assert_eq!(sales, offers, "both wait for the same decisions");

    let (both, both_total) = numbers(&env, "gerencia.ofertas").await;
    assert_eq!(both, sales, "each process once, not once per role");
    assert_eq!(both_total, sales_total);
}

#[tokio::test]
async fn a_kams_process_waits_come_oldest_first_and_page_by_page() {
    let env = Env::blank().await;
    demo::fill(&env.nimbo, 200, 2026).await.expect("the demo");

    let (all, total) = processes::tasks(&env.nimbo, "ana.duarte", 50, 0, Lang::Es)
        .await
        .expect("«Mis tareas»");
    assert!(all.len() >= 2, "the demo leaves the KAM several waits");
    assert_eq!(total, all.len() as u64);
    let since: Vec<&str> = all.iter().filter_map(|l| l.since.as_deref()).collect();
    assert_eq!(
        since.len(),
        all.len(),
        "every open process waits since a time"
    );
    assert!(
        since.windows(2).all(|w| w[0] <= w[1]),
        "oldest first: {since:?}"
    );

    let (second, total_again) = processes::tasks(&env.nimbo, "ana.duarte", 1, 1, Lang::Es)
        .await
        .expect("the second page of one");
    assert_eq!(total_again, total);
    assert_eq!(
        second.iter().map(|l| &l.number).collect::<Vec<_>>(),
        vec![&all[1].number]
    );
}
