//! A complex order with a price exception, taken through all 22 steps by the right people.

use nimbo_testkit::dates::days_ago;
use serde_json::Value;

use crate::office::{
    AWS_ACCOUNTS, CUSTOMER_NAME, CUSTOMER_RUC, KAM, OFFERS, ORDER_MANAGER, Office, PRESALES,
    REGIONAL, SUBSCRIBER_ID, SUPPORT, TEAM,
};
use crate::support::{DONE, Desk, current_step, list, text};

/// `order step NUMBER` with `--set`/`--file` pairs, by `user`; returns the order.
fn step(
    office: &Office,
    user: &str,
    order: &str,
    sets: &[(&str, &str)],
    files: &[(&str, &str)],
) -> Value {
    let mut args: Vec<String> = vec!["order".into(), "step".into(), order.into()];
    for (k, v) in sets {
        args.push("--set".into());
        args.push(format!("{k}={v}"));
    }
    for (k, name) in files {
        args.push("--file".into());
        args.push(format!("{k}={}", office.desk.pdf(name)));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let entries = office.desk.entries_completing(order);
    office.desk.accept_writing(user, &args, entries)
}

fn waits_at(order: &Value, expected: u8) {
    assert_eq!(
        current_step(order),
        Some(expected),
        "the order should now wait at step {expected}: {order}"
    );
}

#[test]
fn a_complex_order_with_a_price_exception_goes_through_all_22_steps() {
    // The organisation is set up and its administrator hires one user per role.
    let office = Office {
        desk: Desk::empty(),
    };
    let org = office.init();
    assert_eq!(text(&org, "name"), "Telecom Paraguay B2B Cloud");
    office.hire_team();
    let users = office.desk.read(&["user", "list"]);
    let users = users
        .as_array()
        .unwrap_or_else(|| panic!("user list is not a list"));
    assert_eq!(
        users.len(),
        TEAM.len() + 1,
        "the admin and the team: {users:?}"
    );
    for (username, _, role) in TEAM {
        let user = office.desk.read(&["user", "show", username]);
        assert_eq!(
            list(&user, "roles"),
            &vec![Value::from(role)],
            "{username}'s roles"
        );
    }

    // The KAM signs up a corporate customer, with its billing account of cycle 15, its legal
    // representative and its Master Solutions Contract.
    office.sign_up_customer();
    office.record_master_contract();
    let page = office.desk.read(&["customer", "show", CUSTOMER_RUC]);
    let customer = &page["customer"];
    assert_eq!(text(customer, "segment"), "corporate");
    assert_eq!(customer["billing_account"]["cycle"], 15);
    assert_eq!(list(customer, "representatives").len(), 1);
    assert!(customer["master_contract"].is_object(), "{customer}");

    // The KAM opens the order.
    let order = office.open_order("Migración del ERP a AWS con servicios administrados");
    let o = order.as_str();

    // Pre-sales surveys the needs: a complex solution.
    let v = step(
        &office,
        PRESALES,
        o,
        &[
            (
                "needs",
                "Migrar el ERP y el portal a AWS, con respaldo y monitoreo 24x7",
            ),
            ("complex", "sí"),
        ],
        &[],
    );
    waits_at(&v, 2);
    waits_at(
        &step(
            &office,
            PRESALES,
            o,
            &[("apn_opportunity_id", "O7654321")],
            &[],
        ),
        3,
    );
    waits_at(
        &step(
            &office,
            PRESALES,
            o,
            &[
                (
                    "estimate_link",
                    "https://calculator.aws/#/estimate?id=9f8e7d6c",
                ),
                ("checklist_notes", "Dos regiones, RDS Multi-AZ"),
            ],
            &[],
        ),
        4,
    );
    waits_at(
        &step(
            &office,
            PRESALES,
            o,
            &[("salesforce_request_id", "5003000000D8cuIAAR")],
            &[],
        ),
        5,
    );
    // The feasibility request is optional: pre-sales skips it, saying why.
    let v = office.desk.accept(
        PRESALES,
        &[
            "order",
            "skip",
            o,
            "--reason",
            "Arquitectura estándar, sin factibilidad",
        ],
    );
    waits_at(&v, 6);
    // The regional architect attaches the HLD.
    waits_at(
        &step(&office, REGIONAL, o, &[], &[("hld_document", "hld.pdf")]),
        7,
    );
    // Pre-sales builds the offer, with a price exception.
    let offer = [
        ("offer_id", "0065f00000AbCdEFGH"),
        ("plans", "aws,aws-vip,ps-business"),
        ("price_exception", "sí"),
        (
            "exception_detail",
            "Descuento del 20% en el fee VIP por 12 meses",
        ),
    ];
    waits_at(&step(&office, PRESALES, o, &offer, &[]), 8);
    // The offers desk rejects it once: the order goes back to the offer.
    let v = office.desk.accept(
        OFFERS,
        &[
            "order",
            "reject",
            o,
            "--reason",
            "El descuento supera la política: máximo 10%",
        ],
    );
    waits_at(&v, 7);
    let offer = [
        ("offer_id", "0065f00000AbCdEFGH"),
        ("plans", "aws,aws-vip,ps-business"),
        ("price_exception", "sí"),
        (
            "exception_detail",
            "Descuento del 10% en el fee VIP por 12 meses",
        ),
    ];
    waits_at(&step(&office, PRESALES, o, &offer, &[]), 8);
    // ... and approves the corrected offer.
    waits_at(
        &step(
            &office,
            OFFERS,
            o,
            &[("approval_note", "Dentro de la política")],
            &[],
        ),
        9,
    );
    // The KAM gets the signature, attaches the SOW and opens the back validation case.
    waits_at(
        &step(
            &office,
            KAM,
            o,
            &[],
            &[("signed_offer", "oferta-firmada.pdf")],
        ),
        10,
    );
    waits_at(&step(&office, KAM, o, &[], &[("sow", "sow.pdf")]), 11);
    waits_at(
        &step(&office, KAM, o, &[("case_number", "00012345")], &[]),
        12,
    );
    // Corporate support validates, activates in Siebel and opens the provisioning case.
    waits_at(
        &step(
            &office,
            SUPPORT,
            o,
            &[("validation_note", "Oferta, Contrato Marco y SOW en orden")],
            &[],
        ),
        13,
    );
    let activated_on = days_ago(3);
    waits_at(
        &step(
            &office,
            SUPPORT,
            o,
            &[
                ("subscriber_id", SUBSCRIBER_ID),
                ("activation_date", &activated_on),
            ],
            &[],
        ),
        14,
    );
    waits_at(
        &step(&office, SUPPORT, o, &[("case_number", "00012346")], &[]),
        15,
    );
    // The order manager completes the SOW and requests provisioning.
    waits_at(
        &step(
            &office,
            ORDER_MANAGER,
            o,
            &[],
            &[("completed_sow", "sow-completo.pdf")],
        ),
        16,
    );
    waits_at(
        &step(
            &office,
            ORDER_MANAGER,
            o,
            &[("servicenow_request", "RITM0012345")],
            &[],
        ),
        17,
    );
    // The regional team provisions two AWS accounts and hands over the Delivery KIT.
    let accounts = AWS_ACCOUNTS.join(",");
    waits_at(
        &step(
            &office,
            REGIONAL,
            o,
            &[
                ("aws_accounts", &accounts),
                ("mco_reference", "MCO-PY-00123"),
                ("mco_console_url", "https://mco.example.com.py/console"),
                ("mco_username", "continental-admin"),
            ],
            &[],
        ),
        18,
    );
    waits_at(
        &step(
            &office,
            REGIONAL,
            o,
            &[],
            &[("delivery_kit", "delivery-kit.pdf")],
        ),
        19,
    );
    // The order manager delivers the Welcome KIT, gets the acceptance act signed and closes
    // the provisioning case.
    waits_at(
        &step(
            &office,
            ORDER_MANAGER,
            o,
            &[
                ("delivered_to", "juan.perez@continental.com.py"),
                ("delivered_on", &days_ago(2)),
            ],
            &[],
        ),
        20,
    );
    waits_at(
        &step(
            &office,
            ORDER_MANAGER,
            o,
            &[("accepted_on", &days_ago(1))],
            &[("signed_acceptance_act", "acta-aceptacion.pdf")],
        ),
        21,
    );
    waits_at(
        &step(
            &office,
            ORDER_MANAGER,
            o,
            &[("closing_note", "Cerrado")],
            &[],
        ),
        22,
    );
    // Corporate support closes the back validation: the order is complete.
    let done = step(&office, SUPPORT, o, &[("closing_note", "Cerrado")], &[]);
    assert_eq!(text(&done, "status"), "completed");
    assert_eq!(current_step(&done), None);

    // The order page shows it completed, with the active subscription.
    let page = office.desk.read(&["order", "show", o]);
    assert_eq!(text(&page["order"], "status"), "completed");
    let sub = &page["subscription"];
    assert_eq!(text(sub, "subscriber_id"), SUBSCRIBER_ID, "{page}");
    assert_eq!(text(sub, "activation_date"), activated_on);
    assert_eq!(text(sub, "billing_account"), crate::office::BILLING_ACCOUNT);
    assert_eq!(text(sub, "status"), "active");
    assert_eq!(
        list(sub, "aws_accounts"),
        &AWS_ACCOUNTS.map(Value::from).to_vec()
    );
    assert_eq!(
        list(sub, "plans"),
        &["aws", "aws-vip", "ps-business"].map(Value::from).to_vec()
    );
    let rejection = &list(&page["order"], "rejections")[0];
    assert_eq!(
        text(rejection, "reason"),
        "El descuento supera la política: máximo 10%"
    );
    // The customer's page lists the subscription too.
    let customer = office.desk.read(&["customer", "show", CUSTOMER_RUC]);
    assert_eq!(
        text(&list(&customer, "subscriptions")[0], "subscriber_id"),
        SUBSCRIBER_ID
    );

    // For a person, in Spanish.
    let shown = office.desk.run(&["order", "show", o]);
    shown.assert_done();
    for words in [
        "completado",
        CUSTOMER_NAME,
        "Suscripción activa",
        SUBSCRIBER_ID,
        "El descuento supera la política",
        "omitido",
    ] {
        assert!(
            shown.stdout.contains(words),
            "«{words}» missing:\n{}",
            shown.describe()
        );
    }

    // The history lists every step, who did it, the skip and the rejection.
    let history = office.desk.read(&["order", "history", o]);
    let events = history
        .as_array()
        .unwrap_or_else(|| panic!("history is not a list: {history}"));
    let mut done_by: Vec<(u64, String, String)> = Vec::new();
    for e in events {
        // The history's JSON carries each event's changes as an object, not as a string.
        let changes = e
            .get("changes")
            .filter(|c| c.is_object())
            .unwrap_or_else(|| panic!("changes is not a JSON object: {e}"));
        if let Some(n) = changes.get("step").and_then(Value::as_u64) {
            done_by.push((
                n,
                text(e, "action").to_string(),
                text(e, "actor").to_string(),
            ));
        }
    }
    for n in 1..=22u64 {
        assert!(
            done_by
                .iter()
                .any(|(s, a, _)| *s == n
                    && (a == "order.step_completed" || a == "order.step_skipped")),
            "the history should list step {n}: {done_by:?}"
        );
    }
    let expected_actor = |n: u64| match n {
        1..=5 | 7 => PRESALES,
        6 | 17 | 18 => REGIONAL,
        8 => OFFERS,
        9..=11 => KAM,
        12..=14 | 22 => SUPPORT,
        _ => ORDER_MANAGER,
    };
    for (n, action, actor) in &done_by {
        assert_eq!(
            actor,
            expected_actor(*n),
            "step {n} ({action}) done by the wrong user"
        );
    }
    assert!(done_by.contains(&(5, "order.step_skipped".into(), PRESALES.into())));
    assert!(done_by.contains(&(8, "order.rejected".into(), OFFERS.into())));
    assert_eq!(
        done_by
            .iter()
            .filter(|(s, a, _)| *s == 7 && a == "order.step_completed")
            .count(),
        2,
        "the offer was made twice: {done_by:?}"
    );
    assert_eq!(text(&events[0], "action"), "order.opened");
    assert_eq!(text(&events[0], "actor"), KAM);

    // And the audit trail is intact.
    let verify = office.desk.run(&["audit", "verify"]);
    assert_eq!(verify.code, DONE, "{}", verify.describe());
    assert!(verify.stdout.contains("íntegro"), "{}", verify.describe());
    let report = office.desk.read(&["audit", "verify"]);
    assert!(report["broken"].is_null(), "{report}");
    assert_eq!(Some(office.desk.trail().audit), report["checked"].as_i64());
}

#[test]
fn a_simple_order_skips_the_complex_steps_and_the_approval() {
    let office = Office::ready();
    let order = office.open_order("Cuenta AWS para el portal");
    let v = office.complete(&order, 1);
    assert_eq!(current_step(&v), Some(2));
    let v = office.complete(&order, 2);
    assert_eq!(
        current_step(&v),
        Some(7),
        "steps 3 to 6 are for complex solutions only"
    );
    let v = office.complete(&order, 7);
    assert_eq!(
        current_step(&v),
        Some(9),
        "step 8 is only for a price exception"
    );

    let page = office.desk.read(&["order", "show", &order]);
    let states: Vec<(String, String)> = list(&page, "timeline")
        .iter()
        .map(|e| {
            (
                text(e, "step").to_string(),
                text(&e["state"], "state").to_string(),
            )
        })
        .collect();
    for id in [
        "hld_checklist",
        "architect_request",
        "feasibility_request",
        "hld_design",
        "offer_approval",
    ] {
        assert!(
            states.contains(&(id.to_string(), "not_applicable".to_string())),
            "{id} should not apply: {states:?}"
        );
    }
}

#[test]
fn an_order_can_be_cancelled_before_activation_with_a_reason() {
    let office = Office::ready();
    let order = office.open_order("Piloto de respaldo");
    office.take_to(&order, 9);
    let v = office.desk.accept(
        KAM,
        &[
            "order",
            "cancel",
            &order,
            "--reason",
            "El cliente eligió otro proveedor",
        ],
    );
    assert_eq!(text(&v, "status"), "cancelled");
    let page = office.desk.read(&["order", "show", &order]);
    assert_eq!(
        text(&page["order"]["cancellation"], "reason"),
        "El cliente eligió otro proveedor"
    );
    // Nothing more can be done on it.
    let refusal = office.desk.refuse(
        Some(KAM),
        &[
            "order",
            "step",
            &order,
            "--file",
            &format!("signed_offer={}", office.desk.pdf("o.pdf")),
        ],
    );
    assert!(!refusal.code.is_empty());
}

#[test]
fn the_order_page_lists_a_steps_values_in_the_order_of_its_fields() {
    // crates/cli/src/commands/orders.rs print_page iterates `record.values` (a map sorted by
    // key): step 1 shows «solución compleja» before «necesidades del cliente», step 7 shows
    // «detalle de la excepción de precio» before «id de la oferta en Salesforce» — the
    // reverse of `nimbo steps` and of the form. (Commit 0078967 says «fields in step order».)
    let office = Office::ready();
    let order = office.open_order("Cuenta AWS");
    office.complete(&order, 1);
    let shown = office.desk.run(&["order", "show", &order]);
    shown.assert_done();
    let at = |label: &str| {
        shown
            .stdout
            .find(label)
            .unwrap_or_else(|| panic!("«{label}» missing:\n{}", shown.describe()))
    };
    assert!(
        at("necesidades del cliente") < at("solución compleja"),
        "step 1's values should follow its fields (needs, then complex):\n{}",
        shown.stdout
    );
}
