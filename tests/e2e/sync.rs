//! Two laptops, each with its own data folder, and one sync server (in-process, on the
//! test PostgreSQL): the office sets up the organisation and syncs; the KAM's laptop
//! starts empty, pulls it, records a customer and an order offline and sends them from
//! its window («Sincronizar ahora»); the pre-sales engineer's laptop pulls them, completes
//! step 1 in its window offline and sends it; the KAM's laptop then sees the order at
//! step 2, and its history says pre-sales completed step 1 on another laptop. The
//! header's indicator shows the pending work and clears when it is sent. When both change
//! the customer's address offline, the KAM sees the conflict by people's names and puts
//! her value back with «Restaurar mi valor».

use crate::harness::{App, Desk};
use crate::office::{
    CUSTOMER_RUC, KAM, PRESALES, connect, current_step, office_on, ready_customer,
};

/// Opens the sync screen from the header's indicator and syncs now; waits until nothing
/// is pending.
async fn sync_in_the_window(app: &App) {
    app.click("#sync-indicator").await;
    app.click("#sync-now").await;
    app.find("#sync-notice").await;
    app.eventually("the indicator to show nothing pending", || async {
        match app.attr("#sync-indicator", "data-pending").await.as_deref() {
            Some("0") => Ok(()),
            other => Err(format!("pending: {other:?}")),
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_order_advanced_offline_on_one_laptop_appears_on_the_other_after_both_sync() {
    let Some(server) = nimbo_testkit::server::for_tests("the sync story").await else {
        return;
    };
    let base = &server.base;

    // The office: the organisation and the team, sent by the administrator.
    let _office = office_on(&server).await;

    // The KAM's laptop: empty, then the organisation from the server; offline, a
    // customer and an order.
    let kam = Desk::empty();
    connect(&kam, base, KAM);
    ready_customer(&kam, true);
    let order = crate::office::open_order(&kam, "Hosting del portal de clientes");
    {
        let app = App::launch(kam.sharing(), "sync-kam").await;
        app.sign_in(KAM).await;
        let pending = app
            .attr("#sync-indicator", "data-pending")
            .await
            .unwrap_or_default();
        assert_ne!(pending, "0", "the KAM's offline work waits to be sent");
        sync_in_the_window(&app).await;
        app.screenshot("sync-screen").await;
    }

    // The pre-sales engineer's laptop pulls the order, completes step 1 offline in its
    // window and sends it.
    let presales = Desk::empty();
    connect(&presales, base, PRESALES);
    {
        let app = App::launch(presales.sharing(), "sync-presales").await;
        app.sign_in(PRESALES).await;
        app.open_order(&order).await;
        app.find("form.step-form[data-step=\"1\"]").await;
        app.fill("needs", "Hosting del portal de clientes en AWS")
            .await;
        app.fill("complex", "no").await;
        app.complete_step().await;
        app.find("li[data-step=\"1\"][data-state=\"done\"]").await;
        sync_in_the_window(&app).await;
    }

    // The KAM's laptop syncs and sees step 1 done by pre-sales: the order waits at step 2.
    kam.cli(None, &["sync", "now"]);
    assert_eq!(current_step(&kam, &order), Some(2));
    let shown = kam.cli(None, &["order", "show", &order]);
    let text = shown.to_string();
    assert!(text.contains(PRESALES), "step 1 by pre-sales: {text}");
    let status = kam.cli(None, &["sync", "status"]);
    assert_eq!(status["pending"], 0, "{status}");
    assert_eq!(status["unaccepted"], 0, "{status}");

    // The order's history on the KAM's laptop says who completed step 1 and when, marked
    // as done on another laptop — on the command line and on the order's page.
    let history = kam.cli(None, &["order", "history", &order]);
    let entries = history.as_array().cloned().unwrap_or_default();
    assert!(
        entries.iter().any(|e| e["actor"] == PRESALES
            && e["action"] == "order.step_completed"
            && e["origin"] == "replayed"
            && e["changes"]["step"] == 1),
        "step 1 by pre-sales, from another laptop: {history}"
    );
    let app = App::launch(kam.sharing(), "sync-kam-history").await;
    app.sign_in(KAM).await;
    app.open_order(&order).await;
    let replayed = app.text("#history li[data-elsewhere=\"true\"]").await;
    assert!(
        replayed.contains("Pedro Giménez")
            && replayed.contains("completó el paso 1")
            && replayed.contains("otro equipo"),
        "{replayed}"
    );
    let own = app.text("#history li[data-elsewhere=\"false\"]").await;
    assert!(own.contains("abrió el pedido"), "{own}");
    // The history card sits below the fold: bring it into view for the picture.
    let _ = app
        .client
        .execute(
            "document.getElementById('history').scrollIntoView({block: 'center'}); return true;",
            vec![],
        )
        .await;
    app.screenshot("order-history-from-another-laptop").await;

    // Offline, both correct the customer's address; pre-sales' change, made later, is
    // kept everywhere, and the KAM's sync screen shows the conflict from her side.
    kam.cli(
        Some(KAM),
        &[
            "customer",
            "edit",
            CUSTOMER_RUC,
            "--address",
            "Av. Mariscal López 1234, Asunción",
        ],
    );
    presales.cli(
        Some(PRESALES),
        &[
            "customer",
            "edit",
            CUSTOMER_RUC,
            "--address",
            "Av. España 555, Asunción",
        ],
    );
    kam.cli(None, &["sync", "now"]);
    // `sync now` ends with 1 when the server found a conflict: that is the point here.
    let second = presales.run(None, &["--json", "sync", "now"]);
    assert_eq!(second.code, 1, "{}\n{}", second.stdout, second.stderr);
    assert_eq!(second.json()["conflicts"], 1, "{}", second.stdout);
    kam.cli(None, &["sync", "now"]);
    app.click("#sync-indicator").await;
    let conflict = app.text("#sync-conflicts li").await;
    assert!(
        conflict.contains("Pedro Giménez")
            && !conflict.contains(PRESALES)
            && conflict.contains("sin conocer su cambio")
            && conflict.contains("Quedó «Av. España 555, Asunción»"),
        "{conflict}"
    );
    // Above a conflict the screen does not claim that every change was accepted.
    assert!(!app.exists("#sync-all-accepted").await);
    let screen = app.text("section").await;
    assert!(!screen.contains("aceptó todos los cambios"), "{screen}");
    assert!(
        app.exists("#sync-conflicts button[data-action=\"open-customer\"]")
            .await
    );
    app.screenshot("sync-conflicts").await;

    // Her value lost: she puts it back, as an ordinary edit that the next sync sends.
    app.click("#sync-conflicts button[data-action=\"restore-mine\"]")
        .await;
    app.wait_text("#sync-notice", "Se restauró su valor").await;
    app.wait_gone("#sync-conflicts button[data-action=\"restore-mine\"]")
        .await;
    let shown = kam.cli(None, &["customer", "show", CUSTOMER_RUC]);
    assert_eq!(
        shown["customer"]["address"], "Av. Mariscal López 1234, Asunción",
        "{shown}"
    );
    kam.cli(None, &["sync", "now"]);
    presales.cli(None, &["sync", "now"]);
    let there = presales.cli(None, &["customer", "show", CUSTOMER_RUC]);
    assert_eq!(
        there["customer"]["address"], "Av. Mariscal López 1234, Asunción",
        "the restored value reaches the other laptop: {there}"
    );

    // «Abrir cliente» opens the customer's page.
    app.click("#sync-conflicts button[data-action=\"open-customer\"]")
        .await;
    app.wait_text("#customer-address", "Av. Mariscal López 1234")
        .await;
}
