//! The organisation's profile, as every document will print it: an administrator fills
//! in the contact details and chooses the logo; nobody else may; a logo must be a PNG.

use std::path::PathBuf;

use nimbo_testkit::office::INIT;

use crate::office::{ADMIN, KAM, Office};
use crate::support::{Desk, text};

/// The logo the end-to-end stories use too: a real 480×160 PNG.
fn logo() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/logo.png")
        .display()
        .to_string()
}

#[test]
fn an_administrator_fills_in_the_contact_details_and_they_are_shown() {
    let office = Office::without_customer();
    let org = office.desk.accept(
        ADMIN,
        &[
            "org",
            "edit",
            "--address",
            "Av. Mariscal López 1234, Asunción",
            "--phone",
            "+595 21 219 0000",
            "--email",
            "nube@telecom.com.py",
            "--website",
            "https://nube.telecom.com.py",
        ],
    );
    assert_eq!(text(&org, "address"), "Av. Mariscal López 1234, Asunción");
    assert_eq!(text(&org, "name"), "Telecom Paraguay B2B Cloud");
    let shown = office.desk.run(&["org", "show"]);
    let out = shown.assert_done().stdout.clone();
    for part in [
        "Telecom Paraguay B2B Cloud",
        "80000190-7",
        "Av. Mariscal López 1234, Asunción",
        "+595 21 219 0000",
        "nube@telecom.com.py",
    ] {
        assert!(out.contains(part), "«{part}» missing from:\n{out}");
    }

    // A blank value clears an optional detail; the same values again write nothing.
    let cleared = office.desk.accept(ADMIN, &["org", "edit", "--website", ""]);
    assert!(cleared["website"].is_null(), "{cleared}");
    let before = office.desk.trail();
    let again = office.desk.by(
        ADMIN,
        &["--json", "org", "edit", "--phone", "+595 21 219 0000"],
    );
    again.assert_done();
    assert_eq!(
        office.desk.trail(),
        before,
        "an edit that changes nothing is not recorded"
    );
}

#[test]
fn an_administrator_writes_what_the_welcome_kit_says_about_support_and_invoices() {
    let office = Office::without_customer();
    let org = office.desk.accept(
        ADMIN,
        &[
            "org",
            "edit",
            "--tbo-url",
            "https://tbo.telecom.com.py",
            "--mco-password-delivery",
            "por SMS, dentro de las 24 horas siguientes a la entrega",
            "--ticket-instructions",
            "Escriba a soporte@telecom.com.py con el ID de la cuenta de AWS.",
            "--response-critical",
            "1 hora, todos los días",
            "--response-high",
            "4 horas hábiles",
            "--response-normal",
            "1 día hábil",
        ],
    );
    assert_eq!(text(&org, "tbo_url"), "https://tbo.telecom.com.py");
    assert_eq!(text(&org, "response_high"), "4 horas hábiles");
    let out = office
        .desk
        .run(&["org", "show"])
        .assert_done()
        .stdout
        .clone();
    for part in [
        "Portal TBO de facturas",
        "https://tbo.telecom.com.py",
        "por SMS, dentro de las 24 horas siguientes a la entrega",
        "1 hora, todos los días",
        "1 día hábil",
    ] {
        assert!(out.contains(part), "«{part}» missing from:\n{out}");
    }
    // An address that is not one is refused, naming the field.
    office
        .desk
        .refuse(Some(ADMIN), &["org", "edit", "--tbo-url", "tbo"])
        .says_es(&["Portal TBO de facturas"]);
}

#[test]
fn an_administrator_gives_overdue_invoices_thirty_days_before_suspension() {
    let office = Office::without_customer();
    let before = office.desk.read(&["org", "show"]);
    assert!(before["suspension_grace_days"].is_null(), "{before}");
    let out = office
        .desk
        .run(&["org", "show"])
        .assert_done()
        .stdout
        .clone();
    assert!(out.contains("15 días (por defecto)"), "{out}");

    let org = office
        .desk
        .accept(ADMIN, &["org", "edit", "--suspension-grace-days", "30"]);
    assert_eq!(org["suspension_grace_days"], 30, "{org}");
    let shown = office.desk.read(&["org", "show"]);
    assert_eq!(shown["suspension_grace_days"], 30, "{shown}");
    let out = office
        .desk
        .run(&["org", "show"])
        .assert_done()
        .stdout
        .clone();
    for part in ["Período de gracia para suspensión", "30 días"] {
        assert!(out.contains(part), "«{part}» missing from:\n{out}");
    }

    // Half a year is the most; the refusal says the range and keeps the thirty days.
    office
        .desk
        .refuse(
            Some(ADMIN),
            &["org", "edit", "--suspension-grace-days", "200"],
        )
        .has_code("invalid_fields")
        .says_es(&["gracia para suspensión (días)", "«200»", "entre 0 y 180"])
        .says_en(&["grace period (days)", "from 0 to 180"]);
    let kept = office.desk.read(&["org", "show"]);
    assert_eq!(kept["suspension_grace_days"], 30, "{kept}");

    // A blank value goes back to the default.
    let cleared = office
        .desk
        .accept(ADMIN, &["org", "edit", "--suspension-grace-days", ""]);
    assert!(cleared["suspension_grace_days"].is_null(), "{cleared}");
}

#[test]
fn a_kam_cannot_change_the_organisation() {
    let office = Office::without_customer();
    office
        .desk
        .refuse(Some(KAM), &["org", "edit", "--phone", "+595 21 000 000"])
        .has_code("not_allowed")
        .says_es(&[KAM, "editar la organización", "administrador"])
        .says_en(&[KAM, "edit the organisation"]);
    office
        .desk
        .refuse(Some(KAM), &["org", "logo", &logo()])
        .has_code("not_allowed");
}

#[test]
fn a_wrong_ruc_digit_in_the_profile_names_the_right_one() {
    let office = Office::without_customer();
    office
        .desk
        .refuse(Some(ADMIN), &["org", "edit", "--ruc", "80000190-1"])
        .has_code("invalid_fields")
        .says_es(&["RUC de la organización", "7"]);
}

#[test]
fn the_logo_is_a_png_kept_by_its_hash_and_can_be_removed() {
    let office = Office::without_customer();
    let org = office.desk.accept(ADMIN, &["org", "logo", &logo()]);
    assert_eq!(org["logo"]["media_type"], "image/png", "{org}");
    assert_eq!(org["logo"]["sha256"].as_str().map(str::len), Some(64));
    let out = office
        .desk
        .run(&["org", "show"])
        .assert_done()
        .stdout
        .clone();
    assert!(out.contains("logo.png"), "{out}");

    let removed = office.desk.accept(ADMIN, &["org", "logo", "--remove"]);
    assert!(removed["logo"].is_null(), "{removed}");
}

#[test]
fn a_jpeg_logo_is_refused_with_what_to_do() {
    let office = Office::without_customer();
    let jpeg = office.desk.dir().join("logo.jpg");
    std::fs::write(
        &jpeg,
        [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0],
    )
    .unwrap();
    office
        .desk
        .refuse(Some(ADMIN), &["org", "logo", &jpeg.display().to_string()])
        .has_code("invalid_fields")
        .says_es(&[
            "logo.jpg",
            "no es una imagen PNG",
            "exporte el logotipo como PNG",
        ])
        .says_en(&["logo.jpg", "is not a PNG image"]);
}

#[test]
fn the_logo_can_be_chosen_when_the_organisation_is_set_up() {
    let office = Office {
        desk: Desk::empty(),
    };
    let logo = logo();
    let org = office
        .desk
        .accept_without_actor(&[&INIT[..], &["--logo", &logo]].concat());
    assert_eq!(org["logo"]["name"], "logo.png", "{org}");
}
