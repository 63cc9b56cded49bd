//! A customer's statement from the command line (issue 12), in a demonstration office
//! whose last period is locked: issued twice it is the same version with the same bytes;
//! issued again after the customer's name changed it is version 2 and both versions are
//! kept, listed and verified; a statement of the open period is refused, saying to lock
//! it first.

use nimbo_domain::billing::Period;
use serde_json::Value;

use crate::support::pdftotext;
use crate::support::{Desk, list};

const SPECIALIST: &str = "hugo.martinez";
const KAM: &str = "ana.duarte";

fn bytes(desk: &Desk, name: &str) -> Vec<u8> {
    std::fs::read(desk.dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A demonstration office, its last locked period and the RUC and name of a customer
/// billed in it.
fn office() -> (Desk, String, String, String) {
    let desk = Desk::empty();
    desk.read(&["demo", "--orders", "40"]);
    let today = chrono::Utc::now().date_naive();
    let locked = Period::of_day(today).previous().to_string();
    let run = desk.read(&["billing", "run", "--period", &locked]);
    assert_eq!(
        run["locked"], true,
        "the demonstration locks its past periods"
    );
    let billed = list(&run, "subscriptions")
        .iter()
        .find(|s| s["lines"].as_array().is_some_and(|l| !l.is_empty()))
        .cloned()
        .unwrap_or(Value::Null);
    let ruc = billed["ruc"].as_str().unwrap_or_default().to_string();
    let name = billed["customer"].as_str().unwrap_or_default().to_string();
    assert!(!ruc.is_empty(), "a customer billed in {locked}: {run}");
    (desk, locked, ruc, name)
}

#[test]
fn issuing_a_statement_twice_gives_the_same_version_and_the_same_bytes() {
    let (desk, period, ruc, name) = office();
    let first = desk.accept(
        SPECIALIST,
        &[
            "statement",
            "--customer",
            &ruc,
            "--period",
            &period,
            "-o",
            "ec-1.pdf",
        ],
    );
    assert_eq!(first["number"], format!("EC-{ruc}-{period}").as_str());
    assert_eq!(
        (first["version"].as_u64(), first["created"].as_bool()),
        (Some(1), Some(true))
    );

    // Again, by the KAM: the same version and bytes, and nothing recorded.
    let again = desk.accept_writing(
        KAM,
        &[
            "statement",
            "--customer",
            &ruc,
            "--period",
            &period,
            "-o",
            "ec-2.pdf",
        ],
        0,
    );
    assert_eq!(
        (again["version"].as_u64(), again["created"].as_bool()),
        (Some(1), Some(false))
    );
    assert_eq!(again["pdf_sha256"], first["pdf_sha256"]);
    assert_eq!(bytes(&desk, "ec-1.pdf"), bytes(&desk, "ec-2.pdf"));
    let text = pdftotext(desk.dir().join("ec-1.pdf"));
    assert!(text.contains(&name), "{text}");
    assert!(text.contains("versión 1"), "{text}");

    // Nimbo recognises the file as the version it issued.
    let verdict = desk.read(&["doc", "verify", "ec-2.pdf"]);
    assert_eq!(verdict["verdict"], "statement_issued", "{verdict}");
    assert_eq!(verdict["statement"]["version"], 1);
    assert_eq!(verdict["statement"]["current"], true);
}

#[test]
fn a_statement_issued_again_after_the_customers_name_changed_is_version_2_and_both_are_kept() {
    let (desk, period, ruc, name) = office();
    let issue = |user: &str, file: &str| {
        desk.accept(
            user,
            &[
                "statement",
                "--customer",
                &ruc,
                "--period",
                &period,
                "-o",
                file,
            ],
        )
    };
    let v1 = issue(SPECIALIST, "v1.pdf");
    assert_eq!(v1["version"], 1);

    let renamed = format!("{name} (nueva razón social)");
    desk.accept(KAM, &["customer", "edit", &ruc, "--name", &renamed]);
    let v2 = issue(KAM, "v2.pdf");
    assert_eq!(
        (v2["version"].as_u64(), v2["created"].as_bool()),
        (Some(2), Some(true))
    );
    assert_ne!(v2["pdf_sha256"], v1["pdf_sha256"]);
    let text = pdftotext(desk.dir().join("v2.pdf"));
    assert!(text.contains("versión 2"), "{text}");
    assert!(text.contains("nueva razón social"), "{text}");

    // Both versions are kept: listed, and each file verified as the version it is.
    let versions = desk.read(&["statement", "list", "--customer", &ruc]);
    let rows: Vec<(u64, bool, String)> = versions
        .as_array()
        .into_iter()
        .flatten()
        .filter(|v| v["period"] == period.as_str())
        .map(|v| {
            (
                v["version"].as_u64().unwrap_or_default(),
                v["current"].as_bool().unwrap_or_default(),
                v["issued_by"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (1, false, SPECIALIST.to_string()),
            (2, true, KAM.to_string())
        ]
    );
    let listed = desk.run(&["statement", "list", "--customer", &ruc]);
    assert!(
        listed.stdout.contains("reemplazada"),
        "{}",
        listed.describe()
    );
    let old = desk.read(&["doc", "verify", "v1.pdf"]);
    assert_eq!(old["verdict"], "statement_issued", "{old}");
    assert_eq!(old["statement"]["version"], 1);
    assert_eq!(old["statement"]["current"], false);

    // The same data again gives back version 2, byte for byte.
    let again = desk.accept_writing(
        SPECIALIST,
        &[
            "statement",
            "--customer",
            &ruc,
            "--period",
            &period,
            "-o",
            "v2-again.pdf",
        ],
        0,
    );
    assert_eq!(again["version"], 2);
    assert_eq!(bytes(&desk, "v2.pdf"), bytes(&desk, "v2-again.pdf"));

    // A copy whose bytes were changed claims a version it is not.
    let mut altered = bytes(&desk, "v2.pdf");
    let middle = altered.len() / 2;
    if let Some(b) = altered.get_mut(middle) {
        *b ^= 0x20;
    }
    std::fs::write(desk.dir().join("altered.pdf"), &altered).unwrap_or_default();
    let verdict = desk.run(&["--json", "doc", "verify", "altered.pdf"]);
    assert_eq!(verdict.code, 1, "{}", verdict.describe());
    assert_eq!(
        verdict.json()["verdict"],
        "statement_altered",
        "{}",
        verdict.describe()
    );
}

#[test]
fn a_statement_of_an_open_period_is_refused_saying_to_lock_it_first() {
    let (desk, _, ruc, _) = office();
    let open = Period::of_day(chrono::Utc::now().date_naive()).to_string();
    desk.refuse(
        Some(SPECIALIST),
        &[
            "statement",
            "--customer",
            &ruc,
            "--period",
            &open,
            "-o",
            "open.pdf",
        ],
    )
    .has_code("period_not_locked")
    .says_es(&["no está cerrado", "Ciérrelo"]);
    assert!(!desk.dir().join("open.pdf").exists());
    // Nor by someone whose role does not issue statements.
    let locked = Period::of_day(chrono::Utc::now().date_naive())
        .previous()
        .to_string();
    desk.refuse(
        Some("diego.rojas"),
        &[
            "statement",
            "--customer",
            &ruc,
            "--period",
            &locked,
            "-o",
            "x.pdf",
        ],
    )
    .has_code("not_allowed");
}
