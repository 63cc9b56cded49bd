//! The order page in the user's words: people by full name, plans by the catalogue's
//! names, files by name and size, whose turn it is by name, what blocks the current step
//! before anything is typed, each field decided for this order, and the rejection that
//! sent the order back, in the current step's card.

use chrono::Duration;
use nimbo_app::orders;
use nimbo_app::views::current_step::{FixView, NeedView};
use nimbo_app::views::order_page;
use nimbo_domain::Lang;
use nimbo_domain::order::Step;

use crate::stories::{add_customer, add_team, add_user, team_and_order, walk};
use crate::support::Env;

const ES: Lang = Lang::Es;

#[tokio::test(flavor = "current_thread")]
async fn the_page_names_people_plans_and_files_and_the_kam_whose_turn_it_is() {
    let env = Env::new().await;
    let (_, number) = team_and_order(&env).await;
    walk(
        &env,
        &number,
        Some(Step::Sow),
        env.today() - Duration::days(1),
    )
    .await;
    let page = order_page::page(&env.nimbo, &number, Some("carlos"), ES)
        .await
        .unwrap();

    assert_eq!(page.created_by, "ana");
    assert_eq!(page.created_by_name, "Usuario ana");
    let offer = &page.timeline[6];
    assert_eq!(offer.by_name.as_deref(), Some("Usuario pedro"));
    let plans = offer.values.iter().find(|v| v.key == "plans").unwrap();
    assert_eq!(plans.label, "Planes");
    assert_eq!(plans.value, "Tigo Cloud AWS, Tigo Cloud AWS Serv. Adm. VIP");
    let signature = &page.timeline[8];
    let offer_file = signature.values[0].file.as_ref().unwrap();
    assert_eq!(offer_file.name, "oferta-firmada.pdf");
    assert!(offer_file.size_label.ends_with(" KB"), "{offer_file:?}");
    assert_eq!(offer_file.sha256.len(), 64);
    assert_eq!(signature.values[0].value, "oferta-firmada.pdf");

    // Step 10 is the KAM's: the KAM who opened the order, by name, among two KAMs.
    add_user(&env.nimbo, "otra.kam", &[nimbo_domain::role::Role::Kam]).await;
    let page = order_page::page(&env.nimbo, &number, Some("carlos"), ES)
        .await
        .unwrap();
    assert_eq!(page.turn_name.as_deref(), Some("Usuario ana"));
    let history = nimbo_app::views::history::order_history(&env.nimbo, &number, ES)
        .await
        .unwrap();
    assert!(history.iter().all(|h| h.actor_name.starts_with("Usuario ")));
}

#[tokio::test(flavor = "current_thread")]
async fn what_blocks_the_step_and_what_it_needs_are_decided_before_anything_is_typed() {
    let env = Env::new().await;
    add_team(&env.nimbo).await;
    let without_contract = add_customer(&env.nimbo, 80_028_061, false).await;
    let number = orders::create(&env.nimbo, "ana", &without_contract, "AWS")
        .await
        .unwrap()
        .number;
    walk(&env, &number, Some(Step::CustomerSignature), env.today()).await;
    let page = order_page::page(&env.nimbo, &number, Some("ana"), ES)
        .await
        .unwrap();
    let current = page.current.unwrap();
    assert_eq!(current.blockers.len(), 1, "{:?}", current.blockers);
    let blocker = &current.blockers[0];
    assert_eq!(blocker.precondition, "master_contract");
    assert_eq!(blocker.fix, FixView::Customer);
    assert!(blocker.text.contains("Contrato Marco"), "{}", blocker.text);
    let need = |key: &str| current.fields.iter().find(|f| f.key == key).unwrap();
    assert_eq!(need("signed_offer").need, NeedView::Required);
    let act = need("signed_risk_act");
    assert_eq!(act.need, NeedView::NotNeeded);
    assert_eq!(act.text, "No hace falta: la oferta no registra riesgos");
    assert!(current.returned.is_none());
}

#[tokio::test(flavor = "current_thread")]
async fn a_rejection_is_shown_in_the_card_of_the_step_it_sent_the_order_back_to() {
    let env = Env::new().await;
    let (_, number) = team_and_order(&env).await;
    walk(
        &env,
        &number,
        Some(Step::DocumentValidation),
        env.today() - Duration::days(1),
    )
    .await;
    orders::reject(&env.nimbo, "maria", &number, "Falta la firma del SOW")
        .await
        .unwrap();
    let page = order_page::page(&env.nimbo, &number, Some("ana"), ES)
        .await
        .unwrap();
    assert_eq!(page.current_step, Some(9));
    let returned = page.current.unwrap().returned.unwrap();
    assert_eq!(returned.by_name, "Usuario maria");
    assert_eq!(returned.reason, "Falta la firma del SOW");
    assert!(
        returned.from_step.starts_with("12. "),
        "{}",
        returned.from_step
    );
}
