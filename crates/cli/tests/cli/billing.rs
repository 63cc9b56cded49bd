//! Billing from the command line (DOMAIN §3, §5), in a demonstration office whose year of
//! billing is already there: a month's export imported with every problem at its line,
//! the run explained, locked only with the run looked at, exported for Satélite, corrected
//! by an adjustment in the next period; the quote; invoices, payments and debt.

use serde_json::Value;

use crate::support::{Desk, list};

const SPECIALIST: &str = "hugo.martinez";

fn demo(orders: usize) -> Desk {
    let desk = Desk::empty();
    desk.read(&["demo", "--orders", &orders.to_string()]);
    desk
}

/// The first subscription with an AWS account: its Subscriber ID and account.
fn a_subscription(desk: &Desk) -> (String, String) {
    let subs = desk.read(&["subscription", "list"]);
    let s = subs
        .as_array()
        .and_then(|a| a.first())
        .map(|v| v["subscription"].clone())
        .unwrap_or(Value::Null);
    (
        s["subscriber_id"].as_str().unwrap_or_default().to_string(),
        s["aws_accounts"][0]
            .as_str()
            .unwrap_or_default()
            .to_string(),
    )
}

#[test]
fn a_months_export_is_imported_once_and_every_problem_is_reported_at_its_line_and_column() {
    let desk = demo(60);
    let (_, account) = a_subscription(&desk);
    let header = "BilledCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ServiceName,SubAccountId";
    // A UTF-8 BOM and CRLF as Excel leaves them; a quoted service with a comma; an amount
    // in scientific notation; a credit; then four rows with problems and a last line the
    // download cut short.
    let rows = [
        format!("\u{feff}{header}"),
        format!(
            "100.25,USD,2026-12-01T10:00:00Z,2026-12-01T11:00:00Z,Usage,\"Amazon EC2, Linux\",{account}"
        ),
        format!("1.5E+2,USD,2026-12-02T10:00:00Z,2026-12-02T11:00:00Z,Usage,AWS Lambda,{account}"),
        format!("-10.25,USD,2026-12-02T10:00:00Z,2026-12-02T11:00:00Z,Credit,AWS Lambda,{account}"),
        "9.99,USD,2026-12-02T10:00:00Z,2026-12-02T11:00:00Z,Usage,AWS Lambda,999999999999"
            .to_string(),
        format!("5.00,EUR,2026-12-02T10:00:00Z,2026-12-02T11:00:00Z,Usage,AWS Lambda,{account}"),
        format!("5.00,USD,02/12/2026,2026-12-02T11:00:00Z,Usage,AWS Lambda,{account}"),
        format!(",USD,2026-12-02T10:00:00Z,2026-12-02T11:00:00Z,Usage,AWS Lambda,{account}"),
        "7.00,USD,2026-12-02T10:00:00Z".to_string(),
    ];
    let file = desk.write("focus-2026-12.csv", rows.join("\r\n").as_bytes());
    let run = desk.by(
        SPECIALIST,
        &[
            "--json",
            "billing",
            "import",
            &file,
            "--problems",
            "problemas.csv",
        ],
    );
    assert_eq!(
        run.code,
        1,
        "problems make exit 1, the rows without are recorded:\n{}",
        run.describe()
    );
    let report = run.json();
    assert_eq!(report["recorded"], true, "{report}");
    assert_eq!(report["rows"], 8);
    assert_eq!(report["rows_billed"], 3);
    let seen: Vec<(u64, String, String)> = list(&report, "problems")
        .iter()
        .map(|p| {
            (
                p["line"].as_u64().unwrap_or_default(),
                p["column"].as_str().unwrap_or_default().to_string(),
                p["kind"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let at = |line: u64, kind: &str| seen.iter().any(|(l, _, k)| *l == line && k == kind);
    assert!(at(5, "unknown_account"), "{seen:?}");
    assert!(at(6, "other_currency"), "{seen:?}");
    assert!(at(7, "malformed_date"), "{seen:?}");
    assert!(at(8, "empty_cost"), "{seen:?}");
    assert!(at(9, "truncated_line"), "{seen:?}");
    assert!(seen.iter().any(|(l, c, _)| *l == 5 && c == "SubAccountId"));
    // 100.25 + 150 − 10.25 = 240.00 in the period of 1–2 December.
    assert_eq!(report["periods"][0][1], "240.00", "{report}");
    let csv = std::fs::read_to_string(desk.dir().join("problemas.csv")).unwrap_or_default();
    assert!(csv.starts_with('\u{feff}'), "Excel needs the BOM");
    assert_eq!(
        csv.lines().count(),
        6,
        "a header and the five problems:\n{csv}"
    );

    // The same file again changes nothing.
    let before = desk.trail();
    let again = desk
        .by(SPECIALIST, &["--json", "billing", "import", &file])
        .json();
    assert_eq!(again["recorded"], false);
    assert!(again["already_imported"].is_string(), "{again}");
    assert_eq!(desk.trail(), before);

    // A wrong header names what is missing and imports nothing.
    let wrong = desk.write("otro.csv", b"fecha,importe\n2026-12-01,10\n");
    desk.refuse(Some(SPECIALIST), &["billing", "import", &wrong])
        .has_code("import_failed")
        .says_es(&["BilledCost"]);
}

#[test]
fn a_period_is_locked_with_the_run_looked_at_exported_for_satelite_and_then_corrected_by_an_adjustment()
 {
    let desk = demo(60);
    // The open period of the demonstration (today's): preview, with each line explained.
    let subs = desk.read(&["subscription", "list"]);
    assert!(subs.as_array().is_some_and(|a| !a.is_empty()));
    let today = chrono::Utc::now().date_naive();
    let open = nimbo_domain::billing::Period::of_day(today).to_string();
    let run = desk.read(&["billing", "run", "--period", &open]);
    assert_eq!(run["locked"], false);
    let lines: Vec<&Value> = list(&run, "subscriptions")
        .iter()
        .flat_map(|s| s["lines"].as_array().into_iter().flatten())
        .collect();
    assert!(!lines.is_empty(), "{run}");
    assert!(
        lines
            .iter()
            .all(|l| !l["explanation"].as_str().unwrap_or_default().is_empty())
    );
    let hash = run["hash"].as_str().unwrap_or_default().to_string();

    // A run nobody looked at is not locked.
    desk.refuse(
        Some(SPECIALIST),
        &["billing", "lock", "--period", &open, "--hash", "0123"],
    )
    .has_code("run_changed")
    .says_es(&["vista previa"]);
    // Neither by someone who is not the billing specialist.
    desk.refuse(
        Some("diego.rojas"),
        &["billing", "lock", "--period", &open, "--hash", &hash],
    )
    .has_code("not_allowed");

    let exported = desk.accept(
        SPECIALIST,
        &[
            "billing",
            "export",
            "--period",
            &open,
            "--hash",
            &hash,
            "-o",
            "satelite.csv",
        ],
    );
    assert_eq!(exported["run_hash"], hash.as_str());
    let csv = std::fs::read_to_string(desk.dir().join("satelite.csv")).unwrap_or_default();
    let mut rows = csv.lines();
    assert_eq!(
        rows.next(),
        Some(
            "cuenta_facturacion,subscriber_id,plan_codigo,plan_nombre,periodo,periodo_desde,periodo_hasta,neto,iva,total,moneda,linea_id,explicacion"
        )
    );
    assert_eq!(rows.count(), lines.len(), "one row per charge line");
    let locked = desk.read(&["billing", "run", "--period", &open]);
    assert_eq!(locked["locked"], true);
    assert_eq!(locked["total"], run["total"]);

    // After the lock, a correction is an adjustment in the next period, never an edit.
    let (subscriber, _) = a_subscription(&desk);
    let adjustment = desk.accept(
        SPECIALIST,
        &[
            "billing",
            "adjust",
            "--subscription",
            &subscriber,
            "--amount",
            "-12.50",
            "--reason",
            "Crédito por corte del servicio",
        ],
    );
    let next = nimbo_domain::billing::Period::of_day(today)
        .next()
        .to_string();
    assert_eq!(adjustment["period"], next.as_str());
    desk.refuse(
        Some("diego.rojas"),
        &[
            "hours",
            "log",
            "--subscription",
            &subscriber,
            "--start",
            &format!("{today}T09:00"),
            "--end",
            &format!("{today}T10:00"),
            "--what",
            "Soporte",
        ],
    )
    .has_code("period_locked");
}

#[test]
fn the_quote_prints_what_a_month_will_cost_with_the_runs_own_lines() {
    let desk = demo(12);
    let q = desk.read(&[
        "billing",
        "quote",
        "--period",
        "2026-11",
        "--active-from",
        "2026-11-25",
        "--consumption",
        "1234.57",
        "--vip",
        "--hours",
        "2026-11-23T17:00/2026-11-23T19:30",
    ]);
    let lines: Vec<(String, String, String, String)> = list(&q, "lines")
        .iter()
        .map(|l| {
            let s = |k: &str| l[k].as_str().unwrap_or_default().to_string();
            (s("plan"), s("net"), s("iva"), s("total"))
        })
        .collect();
    let row = |p: &str, n: &str, i: &str, t: &str| {
        (p.to_string(), n.to_string(), i.to_string(), t.to_string())
    };
    assert_eq!(
        lines,
        vec![
            row("aws", "1234.57", "123.46", "1358.03"),
            row("aws-vip", "185.19", "18.52", "203.71"),
            // 17:00–18:00 is business time on a Monday, 18:00–19:30 is not.
            row("ps-business", "50.00", "5.00", "55.00"),
            row("ps-after-hours", "112.50", "11.25", "123.75"),
        ]
    );
    assert_eq!(
        list(&q, "lines")[1]["explanation"],
        "15 % de 1.234,57 = 185,19; mínimo prorrateado 75 × 20/30 = 50,00; se aplica 185,19"
    );
    assert_eq!(
        (q["net"].as_str(), q["iva"].as_str(), q["total"].as_str()),
        (Some("1582.26"), Some("158.23"), Some("1740.49"))
    );
}

#[test]
fn invoices_and_payments_make_a_customers_debt_and_an_overpayment_is_refused() {
    let desk = demo(60);
    let subs = desk.read(&["subscription", "list"]);
    let first = &subs[0];
    let account = first["subscription"]["billing_account"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let ruc = first["ruc"].as_str().unwrap_or_default().to_string();
    desk.accept(
        SPECIALIST,
        &[
            "invoice",
            "add",
            "--number",
            "001-009-0000001",
            "--account",
            &account,
            "--issued",
            "2026-10-01",
            "--due",
            "2026-10-20",
            "--amount",
            "500.00",
        ],
    );
    desk.accept(
        SPECIALIST,
        &[
            "payment",
            "add",
            "--invoice",
            "001-009-0000001",
            "--date",
            "2026-10-25",
            "--amount",
            "200.00",
            "--reference",
            "TRX-77",
        ],
    );
    desk.refuse(
        Some(SPECIALIST),
        &[
            "payment",
            "add",
            "--invoice",
            "001-009-0000001",
            "--date",
            "2026-10-26",
            "--amount",
            "300.01",
            "--reference",
            "TRX-78",
        ],
    )
    .has_code("payment_exceeds_balance")
    .says_es(&["300,01", "300,00"]);
    desk.refuse(
        Some(SPECIALIST),
        &[
            "payment",
            "add",
            "--invoice",
            "001-009-0000001",
            "--date",
            "2026-10-26",
            "--amount",
            "10.00",
            "--reference",
            "TRX-77",
        ],
    )
    .has_code("payment_recorded");
    let debt = desk.read(&["invoice", "debt", "--customer", &ruc]);
    let ours = list(&debt, "invoices")
        .iter()
        .find(|i| i["number"] == "001-009-0000001")
        .cloned()
        .unwrap_or(Value::Null);
    assert_eq!(ours["status"], "overdue");
    assert_eq!(ours["balance"], "300.00");

    // An invoices file with one bad row records none of its rows, naming the line.
    let file = desk.write("facturas.csv", format!("numero,cuenta_facturacion,emision,vencimiento,importe\n001-009-0000002,{account},2026-11-01,2026-11-20,10.00\n001-009-0000003,000,2026-11-01,2026-11-20,10.00\n").as_bytes());
    desk.refuse(Some(SPECIALIST), &["invoice", "import", &file])
        .has_code("bad_invoice_file")
        .says_es(&["Línea 3"]);
    let all = desk.read(&["invoice", "list"]);
    assert!(
        !all.as_array()
            .into_iter()
            .flatten()
            .any(|i| i["number"] == "001-009-0000002")
    );
}
