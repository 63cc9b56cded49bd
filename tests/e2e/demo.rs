//! A busy office (`nimbo demo --orders 300`): a KAM's "Mis tareas" lists only the KAM's
//! steps (9, 10, 11), exactly the ones the command line lists, one line per order and
//! without a role column for a person with one role; an order opens on its step form; the
//! orders' headers sort; the administrator cannot deactivate themself; the main screens
//! and «Acerca de» are photographed on the way.

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

    // New orders are numbered without look-alike symbols (no 0/O, 1/I/L).
    for number in &expected {
        assert!(
            number.len() == 9
                && number.bytes().enumerate().all(|(i, b)| {
                    if i == 4 {
                        b == b'-'
                    } else {
                        b"23456789ABCDEFGHJKMNPQRSTVWXYZ".contains(&b)
                    }
                }),
            "{number} is not in the alphabet without look-alikes"
        );
    }

    app.sign_in(KAM).await;
    app.wait_text("h1", "Mis tareas").await;
    // The badge counts the orders' steps and the terminations', suspensions' and
    // reconnections' steps that wait for her.
    let processes = app.desk.cli(Some(KAM), &["tasks", "--limit", "500"])["processes_total"]
        .as_u64()
        .unwrap_or(0);
    app.wait_text(".head .badge", &(total + processes).to_string())
        .await;
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
        // (WebKitWebDriver reads no text from ellipsised cells: ask for their content.)
        let text = row
            .prop("textContent")
            .await
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("text of row {number}"));
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
            !text.contains("KAM"),
            "Ana has one role: no row repeats it: {text}"
        );
        shown.insert(number);
    }
    assert_eq!(shown, expected, "the window and the command line disagree");
    assert!(
        !app.exists("th[data-col=\"role\"]").await,
        "no role column for a person with one role"
    );
    // One line per row: every row as tall as a row of one line.
    let heights = app
        .script(
            "return [...document.querySelectorAll('tr[data-order]')].map(r => r.getBoundingClientRect().height);",
            vec![],
        )
        .await;
    let heights: Vec<f64> = heights
        .as_array()
        .map(|all| all.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default();
    assert!(
        !heights.is_empty() && heights.iter().all(|h| *h <= 44.0),
        "rows of one line each: {heights:?}"
    );
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

    // The waiting header sorts, says so and which way; a second click turns it round.
    assert_eq!(
        app.attr("th[data-col=\"order\"]", "aria-sort")
            .await
            .as_deref(),
        Some("descending"),
        "newest first to begin with"
    );
    app.click("button[data-sort=\"waiting\"]").await;
    app.eventually("longest waiting first", || async {
        match app
            .attr("th[data-col=\"waiting\"]", "aria-sort")
            .await
            .as_deref()
        {
            Some("descending") => Ok(()),
            other => Err(format!("{other:?}")),
        }
    })
    .await;
    assert_eq!(
        app.attr("th[data-col=\"order\"]", "aria-sort")
            .await
            .as_deref(),
        Some("none")
    );
    let first_waiting = app.attr("tr[data-order]", "data-order").await;
    app.click("button[data-sort=\"waiting\"]").await;
    app.eventually("shortest waiting first", || async {
        let way = app.attr("th[data-col=\"waiting\"]", "aria-sort").await;
        let first = app.attr("tr[data-order]", "data-order").await;
        if way.as_deref() == Some("ascending") && first != first_waiting {
            Ok(())
        } else {
            Err(format!("{way:?}, first row {first:?}"))
        }
    })
    .await;
    // No filter's choice is cut: each select is as wide as its text and its arrow need
    // (WebKit's arrow and padding take some 55 px beside the text; 24 let a cut pass).
    let cut = app
        .script(
            "const c = document.createElement('canvas').getContext('2d'); \
             return [...document.querySelectorAll('.filters select')].filter(s => { \
             c.font = getComputedStyle(s).font; \
             const text = s.options[s.selectedIndex].text; \
             return c.measureText(text).width + 55 > s.clientWidth; \
             }).map(s => s.id);",
            vec![],
        )
        .await;
    assert_eq!(cut, Value::Array(vec![]), "filters whose choice is cut");

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
    // «Nuevo usuario» above the fold; no «Desactivar» on one's own row, on the others' yes.
    let new_user_bottom = app
        .script(
            "const r = document.getElementById('new-user').getBoundingClientRect(); \
             return r.bottom <= window.innerHeight;",
            vec![],
        )
        .await;
    assert_eq!(
        new_user_bottom,
        Value::Bool(true),
        "«Nuevo usuario» in view"
    );
    assert!(
        !app.exists("tr[data-user=\"admin\"] button[data-action=\"activate\"]")
            .await
    );
    assert!(
        app.exists(&format!(
            "tr[data-user=\"{KAM}\"] button[data-action=\"activate\"]"
        ))
        .await
    );
    // Every target on the screen at least 32 px high.
    let small = app
        .script(
            "return [...document.querySelectorAll('section button, section select')] \
             .filter(b => b.getBoundingClientRect().height < 32).map(b => b.outerHTML.slice(0, 80));",
            vec![],
        )
        .await;
    assert_eq!(small, Value::Array(vec![]), "targets under 32 px");
    let users: Value = app.desk.cli(None, &["user", "list"]);
    for user in users.as_array().unwrap_or_else(|| panic!("{users}")) {
        let name = user["username"].as_str().unwrap_or_default();
        app.wait_text("section", name).await;
    }
    app.screenshot("users").await;

    // The internals live on «Acerca de»: the version and the database file.
    app.nav("about").await;
    app.wait_text("#about-database", ".sqlite").await;
    let version = app.text("#about-version").await;
    assert!(!version.trim().is_empty(), "the version is shown");
    app.screenshot("about").await;
}
