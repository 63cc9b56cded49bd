//! The catalogue in the window: the administrator sets a plan's new price from a day on
//! (the one in force stays, the new one shows as upcoming), corrects what a risk means,
//! and adds a holiday; a KAM reads the catalogue and changes nothing.

use crate::harness::App;
use crate::office::{ADMIN, KAM, organisation_with_team};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_prices_a_plan_from_a_day_on_and_adds_a_holiday() {
    let app = App::launch(organisation_with_team(), "catalogue").await;
    app.sign_in(ADMIN).await;
    app.nav("catalogue").await;
    app.wait_text("#plans", "15 % del consumo, mínimo USD 75,00 prorrateado")
        .await;

    // A price in the past is refused, saying why; one from a later day is kept.
    app.click("#plans button[data-plan='aws-vip']").await;
    app.type_into("#price-from", "01/01/2020").await;
    app.type_into("#price-minimum", "80").await;
    app.click("#price-form button[type=submit]").await;
    app.wait_text("#price-form [role=alert]", "ya pasó").await;
    app.type_into("#price-from", "15/01/2030").await;
    app.click("#price-form button[type=submit]").await;
    app.wait_gone("#price-form").await;
    app.wait_text("#plans", "mínimo USD 80,00").await;
    app.wait_text("#plans", "próximo").await;

    // A holiday decreed for a year ahead.
    app.click("#holidays button[aria-label='Año siguiente']")
        .await;
    app.click("#holidays button[aria-label='Año siguiente']")
        .await;
    app.type_into("#holiday-date", "02/11/2028").await;
    app.type_into("#holiday-name", "Feriado decretado de prueba")
        .await;
    app.click("#holiday-form button[type=submit]").await;
    app.wait_text("#holidays", "Feriado decretado de prueba")
        .await;
    app.screenshot("catalogue").await;

    // A KAM reads it all and finds nothing to change.
    app.switch_user(KAM).await;
    app.nav("catalogue").await;
    app.wait_text("#risks", "Sin política de respaldo").await;
    assert!(!app.exists("#plans button[data-plan]").await);
    assert!(!app.exists("#new-risk").await);
    app.screenshot("catalogue-read-only").await;
}
