//! Everything from the keyboard: a pre-sales engineer signs in, opens "Pedidos", opens an
//! order, records the needs survey and completes the step, then a KAM corrects a legal
//! representative — Tab to move, Enter to act, typing to fill in, never the mouse.

use fantoccini::key::Key;

use crate::harness::App;
use crate::office::{CUSTOMER_RUC, KAM, PRESALES, current_step, office, open_order};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_step_is_completed_and_a_representative_corrected_without_the_mouse() {
    let desk = office(true);
    let order = open_order(&desk, "Cuenta AWS para el sitio de contingencia");
    let app = App::launch(desk, "keyboard").await;
    let enter = Key::Enter.to_string();

    app.find("button.user").await;
    app.tab_to(&format!("button.user[data-username=\"{PRESALES}\"]"), 20)
        .await;
    app.press(&enter).await;
    app.find("#sign-out").await;

    app.tab_to("button[data-nav=\"orders\"]", 20).await;
    app.press(&enter).await;
    app.find(&format!("tr[data-order=\"{order}\"]")).await;
    app.tab_to(&format!("tr[data-order=\"{order}\"]"), 40).await;
    // The focused row shows a ring (drawn by its cells), as every focused target does.
    let ring = app
        .script(
            "const a = document.activeElement; \
             const cell = getComputedStyle(a.querySelector('td')).boxShadow; \
             return cell;",
            vec![],
        )
        .await;
    assert!(
        ring.as_str()
            .is_some_and(|s| s != "none" && s.contains("inset")),
        "a focused row shows its ring: {ring}"
    );
    app.press(&enter).await;
    app.wait_text("h1", &order).await;

    // The needs survey: typed, the yes/no chosen with the arrow keys, sent with Enter.
    app.tab_to("#f-needs", 40).await;
    app.press("Sitio de contingencia en AWS para los sistemas core")
        .await;
    app.tab_to("#f-complex", 5).await;
    app.eventually(
        "«no» chosen in «solución compleja» by keyboard",
        || async {
            if app.prop("#f-complex", "value").await.as_deref() == Some("no") {
                return Ok(());
            }
            app.press(&Key::Down.to_string()).await;
            Err("not yet".to_string())
        },
    )
    .await;
    app.pause(300).await;
    app.tab_to("#complete-step", 10).await;
    app.press(&enter).await;
    app.eventually("the order to move on to step 2", || async {
        match current_step(&app.desk, &order) {
            Some(2) => Ok(()),
            other => Err(format!("at step {other:?}")),
        }
    })
    .await;

    // A KAM corrects a representative's phone: Tab to «Corregir», Enter, type, Enter.
    app.tab_to("#sign-out", 60).await;
    app.press(&enter).await;
    app.find("button.user").await;
    app.tab_to(&format!("button.user[data-username=\"{KAM}\"]"), 20)
        .await;
    app.press(&enter).await;
    app.tab_to("button[data-nav=\"customers\"]", 20).await;
    app.press(&enter).await;
    app.find(&format!("tr[data-ruc=\"{CUSTOMER_RUC}\"]")).await;
    app.tab_to(&format!("tr[data-ruc=\"{CUSTOMER_RUC}\"]"), 40)
        .await;
    app.press(&enter).await;
    // A focused button shows its ring too.
    app.tab_to("#edit-customer", 30).await;
    let outline = app
        .script(
            "const s = getComputedStyle(document.activeElement); \
             return s.outlineStyle + ' ' + s.outlineWidth;",
            vec![],
        )
        .await;
    assert_eq!(
        outline.as_str(),
        Some("solid 2px"),
        "a focused button's ring"
    );
    app.tab_to(
        "li[data-rep=\"1234567\"] button[data-action=\"correct\"]",
        40,
    )
    .await;
    app.press(&enter).await;
    app.tab_to("#r-phone", 10).await;
    let select_all = format!("{}a", Key::Control);
    app.press(&select_all).await;
    app.press("+595 21 414 0000").await;
    app.press(&enter).await;
    app.wait_gone("#rep-form").await;
    app.wait_text("li[data-rep=\"1234567\"]", "+595 21 414 0000")
        .await;
    app.screenshot("keyboard").await;
}
