//! A new laptop joins the organisation from the first screen: the office has set up the
//! organisation and the team and synced; the KAM's own laptop has recorded a few
//! thousand customers and orders and synced them (through the use cases, for speed). An
//! EMPTY desk opens on the first-run screen; the KAM chooses «Unirse a su organización»,
//! types the server, her username and password, and the first sync shows its progress —
//! a bar and «Recibiendo N de M cambios…», seen part-way — then the sign-in screen names
//! the organisation, and signed in she finds its orders. The password is nowhere in the
//! database file. A bad address, an unreachable server and a wrong password each say so,
//! marking the field to fix, and store nothing.

use nimbo_app::Nimbo;
use nimbo_app::customers;
use nimbo_app::orders;
use nimbo_testkit::customers::{draft, ruc};

use crate::harness::{App, Desk};
use crate::office::{KAM, PASSWORD, connect, office_on};

/// Customers the KAM's first laptop records, each with an order: two operations each.
const CUSTOMERS: u32 = 2_000;

/// The server with the organisation, its team (passwords set) and the KAM's
/// [`CUSTOMERS`] customers and orders; returns the last order's number.
async fn organisation_on(server: &nimbo_testkit::server::Throwaway) -> String {
    let base = &server.base;
    let _office = office_on(server).await;

    // The KAM's first laptop: her customers and orders, made through the use cases.
    let first = Desk::empty();
    connect(&first, base, KAM);
    let mut last = String::new();
    {
        let nimbo = Nimbo::open(&first.db)
            .await
            .unwrap_or_else(|e| panic!("the KAM's laptop opens: {e}"));
        for i in 0..CUSTOMERS {
            let ruc = ruc(2_000_000 + i);
            customers::create(&nimbo, KAM, &draft(i, &ruc))
                .await
                .unwrap_or_else(|e| panic!("customer {ruc}: {e}"));
            last = orders::create(&nimbo, KAM, &ruc, "Migración del ERP a AWS")
                .await
                .unwrap_or_else(|e| panic!("an order for {ruc}: {e}"))
                .number;
        }
        nimbo.close().await;
    }
    let sent = first.cli(None, &["sync", "now"]);
    let status = first.cli(None, &["sync", "status"]);
    assert_eq!(status["pending"], 0, "all sent: {sent} {status}");
    last
}

/// Whether `needle` appears anywhere in the desk's database files (the main file and
/// its write-ahead log).
fn stored_anywhere(desk: &Desk, needle: &str) -> bool {
    ["", "-wal", "-shm"].iter().any(|suffix| {
        let mut path = desk.db.as_os_str().to_owned();
        path.push(suffix);
        std::fs::read(std::path::PathBuf::from(path))
            .is_ok_and(|bytes| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_laptop_joins_the_organisation_from_the_first_screen_and_sees_the_first_sync_progress()
 {
    let Some(server) = nimbo_testkit::server::for_tests("the join story").await else {
        return;
    };
    let last_order = organisation_on(&server).await;

    let app = App::launch(Desk::empty(), "join").await;
    app.click("#join-tab").await;
    app.find("#join-server").await;
    app.type_into("#join-server", &server.base).await;
    app.type_into("#join-user", KAM).await;
    app.type_into("#join-password", PASSWORD).await;
    app.screenshot("join-form").await;
    app.click("#join-submit").await;

    // The bar moves: seen part-way at least once, the words matching the figures. One
    // look at the page per probe (no waiting on elements that come and go).
    let mut seen: Vec<(i64, i64)> = Vec::new();
    let mut shot = false;
    let started = std::time::Instant::now();
    loop {
        let look = app
            .client
            .execute(
                "const p = document.querySelector('#join-progress'); \
                 const s = document.querySelector('#join-sync'); \
                 return { done: p ? p.dataset.done : null, total: p ? p.dataset.total : null, \
                   words: (document.querySelector('#join-count') || {}).textContent || '', \
                   phase: s ? s.dataset.phase : null, \
                   error: (document.querySelector('#join-error') || {}).textContent || '', \
                   signIn: !!document.querySelector('button.user') };",
                vec![],
            )
            .await
            .unwrap_or_else(|e| panic!("a look at the join screen: {e}"));
        if look["signIn"] == true {
            break;
        }
        assert_ne!(look["phase"], "failed", "the first sync failed: {look}");
        let figure = |key: &str| look[key].as_str().and_then(|v| v.parse::<i64>().ok());
        if let (Some(done), Some(total)) = (figure("done"), figure("total")) {
            seen.push((done, total));
            if 0 < done && done < total && !shot {
                let words = look["words"].as_str().unwrap_or_default();
                assert!(
                    words.contains("Recibiendo")
                        && words.contains(" de ")
                        && words.contains("cambios"),
                    "the count in words: {look}"
                );
                app.screenshot("join-progress").await;
                shot = true;
            }
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(180),
            "the first sync did not end in 3 minutes; progress seen: {seen:?}"
        );
        app.pause(50).await;
    }
    assert!(
        seen.iter().any(|(done, total)| 0 < *done && done < total),
        "the progress was seen part-way at least once: {seen:?}"
    );
    assert!(
        seen.windows(2).all(|w| w[0].0 <= w[1].0),
        "the progress never goes back: {seen:?}"
    );
    let total = seen.iter().map(|(_, t)| *t).max().unwrap_or_default();
    assert!(
        total >= i64::from(CUSTOMERS) * 2,
        "the total counts the organisation's operations: {seen:?}"
    );

    // The sign-in screen names the organisation; the KAM finds its orders.
    app.wait_text("main", "Telecom Paraguay B2B Cloud").await;
    app.screenshot("join-sign-in").await;
    assert!(
        !stored_anywhere(&app.desk, PASSWORD),
        "the password is not kept in the database"
    );
    app.sign_in(KAM).await;
    app.open_order(&last_order).await;
    app.wait_text("section", "Migración del ERP a AWS").await;
    app.nav("sync").await;
    app.wait_text("#sync-status", &server.base).await;
    app.screenshot("join-sync-screen").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn joining_with_a_bad_address_an_unreachable_server_or_a_wrong_password_says_which_and_keeps_nothing()
 {
    let Some(server) = nimbo_testkit::server::for_tests("the join story").await else {
        return;
    };
    server
        .add_user(
            KAM,
            "Karina Duarte",
            &[nimbo_domain::role::Role::Kam],
            PASSWORD,
        )
        .await
        .unwrap_or_else(|e| panic!("the KAM on the server: {e}"));
    let app = App::launch(Desk::empty(), "join-refused").await;
    app.click("#join-tab").await;

    // An address without its scheme: the address field is marked.
    app.type_into("#join-server", "sync.empresa.com.py").await;
    app.type_into("#join-user", KAM).await;
    app.type_into("#join-password", PASSWORD).await;
    app.click("#join-submit").await;
    app.wait_text("#join-error", "no es la dirección de un servidor")
        .await;
    assert_eq!(
        app.attr("#join-error", "data-code").await.as_deref(),
        Some("sync_bad_server_url")
    );
    assert_eq!(
        app.attr("#join-server", "aria-invalid").await.as_deref(),
        Some("true")
    );

    // Nobody listening there: said so, the address field marked.
    app.type_into("#join-server", "http://127.0.0.1:9").await;
    app.type_into("#join-password", PASSWORD).await;
    app.click("#join-submit").await;
    app.wait_text("#join-error", "o se pudo llegar al servidor")
        .await;
    assert_eq!(
        app.attr("#join-error", "data-code").await.as_deref(),
        Some("sync_unreachable")
    );

    // The right server, a wrong password: the server's reason, the password marked.
    let wrong = "una-clave-equivocada-987";
    app.type_into("#join-server", &server.base).await;
    app.type_into("#join-password", wrong).await;
    app.click("#join-submit").await;
    let said = app
        .wait_text("#join-error", "Usuario o contraseña incorrectos")
        .await;
    assert!(
        said.contains("no aceptó la solicitud"),
        "the server's refusal, said as such: {said}"
    );
    assert_eq!(
        app.attr("#join-error", "data-code").await.as_deref(),
        Some("sync_wrong_credentials")
    );
    assert_eq!(
        app.attr("#join-password", "aria-invalid").await.as_deref(),
        Some("true")
    );
    assert_eq!(
        app.prop("#join-password", "value").await.as_deref(),
        Some(""),
        "the password is cleared from the form"
    );
    app.screenshot("join-wrong-password").await;

    // Nothing stored: not connected, no password in the file, still the first screen.
    let status = app.desk.cli(None, &["sync", "status"]);
    assert!(status["server_url"].is_null(), "not connected: {status}");
    assert!(
        !stored_anywhere(&app.desk, wrong),
        "the password is not kept"
    );
    assert!(app.exists("#join-form").await, "still the join form");
}
