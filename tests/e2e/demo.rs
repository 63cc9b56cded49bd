//! A busy office (`nimbo demo --orders 300`): a KAM's "Mis tareas" lists only the KAM's
//! steps (9, 10, 11), exactly the ones the command line lists; an order opens on its step
//! form; the main screens are photographed on the way.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::harness::{App, Desk};

const KAM: &str = "ana.duarte";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kam_sees_only_kam_steps_in_my_tasks_and_opens_an_order() {
    let app = App::launch(Desk::demo(300), "demo").await;
    app.find(&format!("button.user[data-username=\"{KAM}\"]"))
        .await;
    app.wait_text("main", "(demostración)").await;
    app.screenshot("sign-in").await;

    // What the command line says Ana's tasks are.
    let expected = app.desk.cli(Some(KAM), &["tasks", "--limit", "500"]);
    let total = expected["total"]
        .as_u64()
        .unwrap_or_else(|| panic!("no total in {expected}"));
    assert!(
        total > 0 && total <= 50,
        "the demo should give Ana one page of tasks, not {total}"
    );
    let expected: BTreeSet<String> = expected["orders"]
        .as_array()
        .unwrap_or_else(|| panic!("no orders in {expected}"))
        .iter()
        .filter_map(|o| o["number"].as_str().map(str::to_string))
        .collect();

    app.sign_in(KAM).await;
    app.wait_text("h1", "Mis tareas").await;
    app.wait_text(".head .badge", &total.to_string()).await;
    let rows = app
        .eventually("one row per task", || async {
            let rows = app.all("tr[data-order]").await;
            if rows.len() as u64 == total {
                Ok(rows)
            } else {
                Err(format!("{} rows", rows.len()))
            }
        })
        .await;
    let mut shown = BTreeSet::new();
    for row in &rows {
        let number = row
            .attr("data-order")
            .await
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("a row without data-order"));
        let text = row
            .text()
            .await
            .unwrap_or_else(|e| panic!("text of row {number}: {e}"));
        let step: u8 = row
            .find(fantoccini::Locator::Css(".step"))
            .await
            .unwrap_or_else(|e| panic!("row {number} shows no step ({e}): {text}"))
            .text()
            .await
            .unwrap_or_else(|e| panic!("step of row {number}: {e}"))
            .trim()
            .parse()
            .unwrap_or_else(|e| panic!("row {number}: step is not a number ({e}): {text}"));
        assert!(
            [9, 10, 11].contains(&step),
            "Mis tareas of a KAM lists step {step} (order {number}): {text}"
        );
        assert!(
            text.contains("KAM"),
            "row {number} should name the KAM's role: {text}"
        );
        shown.insert(number);
    }
    assert_eq!(shown, expected, "the window and the command line disagree");
    app.screenshot("tasks").await;

    // Opening the first task shows the order on its step, with the form for Ana.
    let first = rows
        .first()
        .unwrap_or_else(|| panic!("no rows"))
        .attr("data-order")
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    let line = app.desk.cli(None, &["order", "list", "--limit", "500"]);
    let step = line["orders"]
        .as_array()
        .and_then(|all| all.iter().find(|o| o["number"] == first.as_str()))
        .and_then(|o| o["current_step"].as_u64())
        .unwrap_or_else(|| panic!("order {first} has no current step: {line}"));
    app.open_row(&first).await;
    app.find(&format!("form.step-form[data-step=\"{step}\"]"))
        .await;
    app.find(&format!("li[data-step=\"{step}\"][data-state=\"current\"]"))
        .await;
    app.wait_text("#current-step h2", &format!("{step}.")).await;
    assert!(app.exists("#complete-step").await);
    assert!(!app.exists("#not-your-turn").await);
    let history = app.text("#history").await;
    assert!(
        !history.trim().is_empty(),
        "the order's history should be listed"
    );
    app.screenshot("order-page").await;

    // The other main screens.
    app.nav("orders").await;
    app.eventually("a full page of orders", || async {
        let n = app.all("tr[data-order]").await.len();
        if n == 50 {
            Ok(())
        } else {
            Err(format!("{n} rows"))
        }
    })
    .await;
    app.screenshot("orders").await;

    app.nav("customers").await;
    app.find("tr[data-ruc]").await;
    app.screenshot("customers").await;

    app.nav("organisation").await;
    app.pause(300).await;
    app.screenshot("organisation").await;

    // Users is for administrators: Ana has no such entry; the admin has.
    assert!(!app.exists("button[data-nav=\"users\"]").await);
    app.switch_user("admin").await;
    app.nav("users").await;
    app.wait_text("section", KAM).await;
    let users: Value = app.desk.cli(None, &["user", "list"]);
    for user in users.as_array().unwrap_or_else(|| panic!("{users}")) {
        let name = user["username"].as_str().unwrap_or_default();
        app.wait_text("section", name).await;
    }
    app.screenshot("users").await;
}
