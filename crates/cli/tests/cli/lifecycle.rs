//! The service's life after onboarding from the command line (DOMAIN §6, §8), in a
//! demonstration office: a termination asked too soon is refused naming the earliest
//! date; a total termination with debt goes through the three authorisations to its
//! confirmation; a partial termination's debt shows as a line of the next run; a customer
//! who stops paying is suspended, not twice, and reconnected once the payment is recorded.
//! Dates are counted from today, as the people would.

use chrono::{Duration, Utc};
use serde_json::Value;

use crate::support::Desk;

pub(crate) const KAM: &str = "ana.duarte";
pub(crate) const EXECUTIVE: &str = "sofia.ramirez";
pub(crate) const SUPPORT: &str = "maria.gonzalez";
const PRESALES: &str = "pedro.gimenez";
pub(crate) const REGIONAL: &str = "laura.acosta";
pub(crate) const CREDIT: &str = "ricardo.ortiz";
const SALES_MANAGER: &str = "patricia.caceres";
const OFFERS: &str = "carlos.benitez";
const SPECIALIST: &str = "hugo.martinez";

pub(crate) fn today() -> chrono::NaiveDate {
    nimbo_domain::time::today_in_asuncion(Utc::now())
}

pub(crate) fn ymd(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A demonstration office and one of its subscriptions: Subscriber ID, billing account.
pub(crate) fn office() -> (Desk, String, String) {
    office_where(|_| true)
}

/// A demonstration office and one of its subscriptions `wanted` accepts: Subscriber ID,
/// billing account.
fn office_where(wanted: impl Fn(&Value) -> bool) -> (Desk, String, String) {
    let desk = Desk::empty();
    desk.read(&["demo", "--orders", "200"]);
    let subs = desk.read(&["subscription", "list"]);
    // One the demonstration left alone: active, with no process of its own.
    let all: Vec<Value> = subs
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|v| v["subscription"].clone())
        .collect();
    let s = all
        .iter()
        .find(|s| {
            let id = s["subscriber_id"].as_str().unwrap_or_default();
            let history = desk.read(&["subscription", "history", id]);
            s["status"] == "active" && wanted(s) && history.as_array().is_some_and(Vec::is_empty)
        })
        .cloned()
        .unwrap_or(Value::Null);
    let id = s["subscriber_id"].as_str().unwrap_or_default().to_string();
    let account = s["billing_account"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(!id.is_empty(), "the demo has subscriptions: {subs}");
    (desk, id, account)
}

/// An invoice of the account, due `days_ago` days ago, unpaid.
pub(crate) fn unpaid_invoice(desk: &Desk, account: &str, number: &str, days_ago: i64) {
    let due = today() - Duration::days(days_ago);
    desk.accept(
        SPECIALIST,
        &[
            "invoice",
            "add",
            "--number",
            number,
            "--account",
            account,
            "--issued",
            &ymd(due - Duration::days(10)),
            "--due",
            &ymd(due),
            "--amount",
            "1250.00",
        ],
    );
}

/// Pays in full every unpaid invoice of the account.
pub(crate) fn pay_everything(desk: &Desk, account: &str) {
    let invoices = desk.read(&["invoice", "list"]);
    for i in invoices.as_array().cloned().unwrap_or_default() {
        if i["billing_account"] != account || i["balance"] == "0.00" {
            continue;
        }
        let number = i["number"].as_str().unwrap_or_default();
        desk.accept(
            SPECIALIST,
            &[
                "payment",
                "add",
                "--invoice",
                number,
                "--date",
                &ymd(today()),
                "--amount",
                i["balance"].as_str().unwrap_or_default(),
                "--reference",
                &format!("TRF {number}"),
            ],
        );
    }
}

/// `who` completes the step the termination, suspension or reconnection (`kind`)
/// `number` waits for, with each of `sets` as `--set KEY=VALUE`.
pub(crate) fn take_step(
    desk: &Desk,
    who: &str,
    kind: &str,
    number: &str,
    sets: &[String],
) -> Value {
    let mut args = vec![kind, "step", number];
    for set in sets {
        args.extend(["--set", set.as_str()]);
    }
    desk.accept(who, &args)
}

/// The service executive confirms a suspended subscription's payment, made on
/// `paid_on`; returns the reconnection's number.
pub(crate) fn confirm_payment(
    desk: &Desk,
    subscription: &str,
    reference: &str,
    paid_on: &str,
) -> String {
    let page = desk.accept(
        EXECUTIVE,
        &[
            "reconnection",
            "confirm",
            "--subscription",
            subscription,
            "--reference",
            reference,
            "--paid-on",
            paid_on,
        ],
    );
    page["number"].as_str().unwrap_or_default().to_string()
}

fn status_of(desk: &Desk, subscriber_id: &str) -> String {
    desk.read(&["subscription", "show", subscriber_id])["subscription"]["status"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn waits_for(page: &Value) -> String {
    page["open_step"]["key"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_total_termination_with_debt_needs_the_three_authorisations_and_ends_the_subscription() {
    let (desk, subscription, account) = office();
    unpaid_invoice(&desk, &account, "001-009-0000001", 20);
    let letter = desk.write(
        "carta-baja.pdf",
        b"%PDF-1.4\n% carta de baja firmada\n%%EOF\n",
    );

    // Twenty days ahead is too soon: the refusal names the earliest date.
    let soon = ymd(today() + Duration::days(20));
    let refusal = desk.refuse(
        Some(KAM),
        &[
            "termination",
            "request",
            "--subscription",
            &subscription,
            "--date",
            &soon,
            "--letter",
            &letter,
        ],
    );
    assert_eq!(refusal.code, "termination_too_soon");
    let earliest = (today() + Duration::days(30))
        .format("%d/%m/%Y")
        .to_string();
    assert!(refusal.es.contains(&earliest), "{}", refusal.es);

    let date = ymd(today() + Duration::days(45));
    let page = desk.accept(
        KAM,
        &[
            "termination",
            "request",
            "--subscription",
            &subscription,
            "--date",
            &date,
            "--letter",
            &letter,
        ],
    );
    let number = page["number"].as_str().unwrap_or_default().to_string();
    assert!(number.starts_with("BAJ-"), "{page}");
    assert_eq!(waits_for(&page), "verification");

    // Only the KAM verifies; the customer will not pay, so the three must authorise.
    let refusal = desk.refuse(
        Some(PRESALES),
        &["termination", "step", &number, "--set", "leaves_debt=sí"],
    );
    assert_eq!(refusal.code, "not_allowed");
    let page = desk.accept(
        KAM,
        &["termination", "step", &number, "--set", "leaves_debt=sí"],
    );
    assert_eq!(waits_for(&page), "authorisation");
    for (who, role) in [(CREDIT, "credit_manager"), (SALES_MANAGER, "sales_manager")] {
        desk.accept(
            who,
            &[
                "termination",
                "authorise",
                &number,
                "--role",
                role,
                "--reason",
                "deuda en gestión de cobro",
            ],
        );
    }
    let refusal = desk.refuse(
        Some(CREDIT),
        &[
            "termination",
            "authorise",
            &number,
            "--role",
            "offers",
            "--reason",
            "en nombre de otro",
        ],
    );
    assert_eq!(refusal.code, "not_a_decider");
    let page = desk.accept(
        OFFERS,
        &[
            "termination",
            "authorise",
            &number,
            "--role",
            "offers",
            "--reason",
            "se autoriza",
        ],
    );
    assert_eq!(waits_for(&page), "confirmation_sent");

    desk.accept(
        KAM,
        &[
            "termination",
            "step",
            &number,
            "--set",
            &format!("confirmed_on={}", ymd(today())),
        ],
    );
    let page = desk.accept(
        EXECUTIVE,
        &["termination", "step", &number, "--set", "debt_exists=sí"],
    );
    assert_eq!(waits_for(&page), "request_forwarded");
    desk.accept(KAM, &["termination", "step", &number]);
    let page = desk.accept(
        EXECUTIVE,
        &[
            "termination",
            "step",
            &number,
            "--set",
            &format!("status_changed_on={}", ymd(today())),
        ],
    );
    // The work order has 48 hours from now.
    assert_eq!(waits_for(&page), "work_order");
    assert!(page["open_step"]["deadline"].is_string(), "{page}");
    desk.accept(
        PRESALES,
        &[
            "termination",
            "step",
            &number,
            "--set",
            "work_order=WO0012345",
        ],
    );
    assert_eq!(status_of(&desk, &subscription), "active");
    let page = desk.accept(PRESALES, &["termination", "step", &number]);
    assert_eq!(page["status"], "completed");
    assert_eq!(status_of(&desk, &subscription), "terminated");

    let history = desk.read(&["subscription", "history", &subscription]);
    let lines = history.as_array().cloned().unwrap_or_default();
    assert_eq!(lines.len(), 1, "{history}");
    assert_eq!(lines[0]["number"], number.as_str());
    let listed = desk.read(&["termination", "list"]);
    assert!(listed.to_string().contains(&number), "{listed}");
}

#[test]
fn a_partial_termination_s_debt_shows_as_a_line_of_the_next_billing_run() {
    // A subscription with the VIP plan beside pay per use: ending the VIP plan is partial.
    let (desk, subscription, account) = office_where(|s| {
        s["plans"]
            .as_array()
            .is_some_and(|p| p.len() >= 2 && p.iter().any(|c| c == "aws-vip"))
    });
    unpaid_invoice(&desk, &account, "001-009-0000077", 20);
    let letter = desk.write("carta-baja-vip.pdf", b"%PDF-1.4\n% baja del VIP\n%%EOF\n");
    let last_day = today() + Duration::days(45);
    let page = desk.accept(
        KAM,
        &[
            "termination",
            "request",
            "--subscription",
            &subscription,
            "--date",
            &ymd(last_day),
            "--letter",
            &letter,
            "--plan",
            "aws-vip",
        ],
    );
    let number = page["number"].as_str().unwrap_or_default().to_string();
    // No advance payment: the customer is not asked to pay, nor authorisations.
    let steps: [(&str, Vec<String>); 7] = [
        (KAM, vec!["leaves_debt=no".into()]),
        (KAM, vec![format!("confirmed_on={}", ymd(today()))]),
        (EXECUTIVE, vec!["debt_exists=sí".into()]),
        (KAM, vec![]),
        (
            EXECUTIVE,
            vec![format!("status_changed_on={}", ymd(today()))],
        ),
        (PRESALES, vec!["work_order=WO0012399".into()]),
        (PRESALES, vec![]),
    ];
    let mut page = Value::Null;
    for (who, sets) in &steps {
        let mut args = vec!["termination", "step", number.as_str()];
        for set in sets {
            args.extend(["--set", set.as_str()]);
        }
        page = desk.accept(who, &args);
    }
    assert_eq!(page["status"], "completed", "{page}");
    assert_eq!(status_of(&desk, &subscription), "active");

    // The run of the period of the last day of service carries the debt, with no IVA.
    let period = nimbo_domain::billing::Period::of_day(last_day).to_string();
    let run = desk.read(&["billing", "run", "--period", &period]);
    let lines: Vec<Value> = run["subscriptions"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|s| s["subscriber_id"] == subscription.as_str())
        .flat_map(|s| s["lines"].as_array().cloned().unwrap_or_default())
        .filter(|l| l["kind"] == "termination_debt")
        .collect();
    assert_eq!(lines.len(), 1, "{run}");
    let explanation = lines[0]["explanation"].as_str().unwrap_or_default();
    assert!(
        explanation.starts_with(&format!("Deuda de la baja parcial {number}: factura")),
        "{explanation}"
    );
    assert!(explanation.contains("001-009-0000077"), "{explanation}");
    assert_eq!(lines[0]["iva"], "0.00");
    assert_eq!(lines[0]["net"], lines[0]["total"]);

    // The same run shown in words names the line too.
    let words = desk.run(&["billing", "run", "--period", &period]);
    words.assert_done();
    assert!(
        words
            .stdout
            .contains(&format!("Deuda de la baja parcial {number}")),
        "{}",
        words.stdout
    );

    // Paid before the lock: no longer charged.
    pay_everything(&desk, &account);
    let run = desk.read(&["billing", "run", "--period", &period]);
    assert!(
        !run.to_string().contains("termination_debt"),
        "paid invoices are not charged again: {run}"
    );
}

#[test]
fn a_customer_who_stops_paying_is_suspended_once_and_reconnected_after_paying() {
    let (desk, subscription, account) = office();
    unpaid_invoice(&desk, &account, "001-009-0000002", 40);
    let page = desk.accept(
        CREDIT,
        &["suspension", "decide", "--subscription", &subscription],
    );
    let number = page["number"].as_str().unwrap_or_default().to_string();
    assert!(number.starts_with("SUS-"), "{page}");
    assert_eq!(waits_for(&page), "notice");
    let refusal = desk.refuse(
        Some(CREDIT),
        &["suspension", "decide", "--subscription", &subscription],
    );
    assert_eq!(refusal.code, "already_suspended");

    let t = ymd(today());
    desk.accept(
        KAM,
        &[
            "suspension",
            "step",
            &number,
            "--set",
            &format!("suspension_date={}", ymd(today() + Duration::days(7))),
            "--set",
            &format!("notified_on={t}"),
        ],
    );
    take_step(
        &desk,
        SUPPORT,
        "suspension",
        &number,
        &["servicenow_request=REQ0045678".into()],
    );
    take_step(
        &desk,
        REGIONAL,
        "suspension",
        &number,
        &[format!("cut_on={t}")],
    );
    assert_eq!(status_of(&desk, &subscription), "suspended");

    // Not reconnected before the payment is recorded.
    let refusal = desk.refuse(
        Some(EXECUTIVE),
        &[
            "reconnection",
            "confirm",
            "--subscription",
            &subscription,
            "--reference",
            "TRF 1",
            "--paid-on",
            &t,
        ],
    );
    assert_eq!(refusal.code, "invoice_still_owed");
    pay_everything(&desk, &account);
    let number = confirm_payment(&desk, &subscription, "TRF 889122", &t);
    take_step(
        &desk,
        SUPPORT,
        "reconnection",
        &number,
        &["servicenow_request=REQ0045999".into()],
    );
    take_step(
        &desk,
        REGIONAL,
        "reconnection",
        &number,
        &[format!("reconnected_on={t}")],
    );
    assert_eq!(status_of(&desk, &subscription), "active");
    let page = desk.accept(
        KAM,
        &[
            "reconnection",
            "step",
            &number,
            "--set",
            &format!("notified_on={t}"),
        ],
    );
    assert_eq!(page["status"], "completed");
}
