//! What Nimbo refuses, and how it says so: exit 1, a message that names the rule and what
//! to do (Spanish by default, English with `--lang en`), a stable JSON code — and nothing
//! written to the audit trail or the outbox (`Desk::refuse` checks that on every call).

use crate::office::{
    ADMIN, AWS_ACCOUNTS, BILLING_ACCOUNT, CUSTOMER_NAME, CUSTOMER_RUC, KAM, OFFERS, Office,
    PRESALES, REGIONAL, SUPPORT,
};
use crate::support::{current_step, list, text};

#[test]
fn a_kam_cannot_do_the_presales_needs_survey() {
    let office = Office::ready();
    let order = office.open_order("Cuenta AWS");
    office
        .desk
        .refuse(
            Some(KAM),
            &[
                "order",
                "step",
                &order,
                "--set",
                "needs=Hosting",
                "--set",
                "complex=no",
            ],
        )
        .has_code("not_allowed")
        .says_es(&[
            KAM,
            "Ing. Preventa",
            "paso 1",
            "Pida a un usuario con ese rol",
        ])
        .says_en(&[KAM, "presales", "step 1", "Ask a user with that role"]);
    // The pre-sales engineer may.
    let v = office.complete(&order, 1);
    assert_eq!(current_step(&v), Some(2));
}

#[test]
fn the_customer_signature_waits_for_the_master_contract() {
    let office = Office::customer_without_contract();
    let order = office.open_order("Cuenta AWS");
    office.take_to(&order, 9);
    let signed_offer = format!("signed_offer={}", office.desk.pdf("oferta-firmada.pdf"));
    office
        .desk
        .refuse(
            Some(KAM),
            &["order", "step", &order, "--file", &signed_offer],
        )
        .has_code("master_contract_missing")
        .says_es(&["paso 9", "Contrato Marco", CUSTOMER_NAME, "regístrelo"])
        .says_en(&["Step 9", "Master Solutions Contract", "record it"]);
    // Once the KAM records it, the signature goes through.
    office.record_master_contract();
    let v = office.complete(&order, 9);
    assert_eq!(current_step(&v), Some(10));
}

#[test]
fn siebel_activation_needs_a_billing_account_of_cycle_15() {
    let office = Office::ready();
    let order = office.open_order("Cuenta AWS");
    office.take_to(&order, 13);
    office
        .desk
        .accept(KAM, &["customer", "edit", CUSTOMER_RUC, "--cycle", "1"]);
    let (_, flags) = office.standard_step(13);
    let mut args = vec!["order", "step", order.as_str()];
    args.extend(flags.iter().map(String::as_str));
    office
        .desk
        .refuse(Some(SUPPORT), &args)
        .has_code("billing_cycle_not_15")
        .says_es(&["ciclo 15", "ciclo 1", "registre una cuenta de ciclo 15"])
        .says_en(&["cycle 15", "cycle 1"]);
    // Back on cycle 15, the activation goes through.
    office.desk.accept(
        KAM,
        &[
            "customer",
            "edit",
            CUSTOMER_RUC,
            "--billing-account",
            BILLING_ACCOUNT,
            "--cycle",
            "15",
        ],
    );
    let v = office.complete(&order, 13);
    assert_eq!(current_step(&v), Some(14));
}

#[test]
fn an_aws_account_id_must_have_twelve_digits() {
    let office = Office::ready();
    let order = office.open_order("Cuenta AWS");
    office.take_to(&order, 17);
    for bad in [
        "12345678901",
        "1234567890123",
        "12345678901a",
        "1234-5678-9012",
    ] {
        let accounts = format!("aws_accounts={},{bad}", AWS_ACCOUNTS[0]);
        office
            .desk
            .refuse(
                Some(REGIONAL),
                &[
                    "order",
                    "step",
                    &order,
                    "--set",
                    &accounts,
                    "--set",
                    "mco_reference=MCO-PY-00123",
                    "--set",
                    "mco_console_url=https://mco.example.com.py",
                    "--set",
                    "mco_username=continental-admin",
                ],
            )
            .has_code("invalid_fields")
            .names_field("aws_accounts")
            .says_es(&[bad, "12 dígitos", "123456789012"])
            .says_en(&[bad, "12 digits"]);
    }
}

#[test]
fn a_customer_with_a_wrong_ruc_check_digit_cannot_be_created() {
    let office = Office::without_customer();
    office
        .desk
        .refuse(
            Some(KAM),
            &[
                "customer",
                "add",
                "--name",
                "Comercial Asunción S.A.",
                "--ruc",
                "80021744-8",
                "--segment",
                "corporate",
            ],
        )
        .has_code("invalid_fields")
        .names_field("ruc")
        .says_es(&["80021744-8", "dígito verificador", "6"])
        .says_en(&["80021744-8", "check digit", "6"]);
    // With the digit the tax authority computes, it can.
    let created = office.desk.accept(
        KAM,
        &[
            "customer",
            "add",
            "--name",
            "Comercial Asunción S.A.",
            "--ruc",
            "80021744-6",
            "--segment",
            "corporate",
        ],
    );
    assert_eq!(text(&created, "ruc"), "80021744-6");
}

#[test]
fn only_corporate_large_and_government_customers_may_buy() {
    let office = Office::without_customer();
    for segment in ["retail", "pyme", ""] {
        office
            .desk
            .refuse(
                Some(KAM),
                &[
                    "customer",
                    "add",
                    "--name",
                    "Almacén Don Pedro",
                    "--ruc",
                    "80021744-6",
                    "--segment",
                    segment,
                ],
            )
            .has_code("invalid_fields")
            .names_field("segment");
    }
    office
        .desk
        .refuse(
            Some(KAM),
            &[
                "customer",
                "add",
                "--name",
                "Almacén Don Pedro",
                "--ruc",
                "80021744-6",
                "--segment",
                "retail",
            ],
        )
        .says_es(&["retail", "corporate", "large", "government"])
        .says_en(&["retail", "corporate", "large", "government"]);
    for (ruc, segment) in [
        ("80021744-6", "corporate"),
        ("80012345-0", "large"),
        ("80054321-1", "government"),
    ] {
        let c = office.desk.accept(
            KAM,
            &[
                "customer",
                "add",
                "--name",
                "Cliente de prueba",
                "--ruc",
                ruc,
                "--segment",
                segment,
            ],
        );
        assert_eq!(text(&c, "segment"), segment);
    }
}

#[test]
fn a_rejected_offer_goes_back_to_the_offer_with_the_reason_shown() {
    let office = Office::ready();
    let order = office.open_order("Cuenta AWS con descuento");
    office.take_to(&order, 7);
    let v = office.desk.accept(
        PRESALES,
        &[
            "order",
            "step",
            &order,
            "--set",
            "offer_id=0065f00000AbCdEFGH",
            "--set",
            "plans=aws-vip",
            "--set",
            "price_exception=yes",
            "--set",
            "exception_detail=Fee VIP sin mínimo",
        ],
    );
    assert_eq!(current_step(&v), Some(8));
    // A rejection needs a reason.
    office
        .desk
        .refuse(Some(OFFERS), &["order", "reject", &order, "--reason", "  "])
        .has_code("reason_required")
        .says_es(&["Falta el motivo"])
        .says_en(&["reason is missing"]);
    let v = office.desk.accept(
        OFFERS,
        &[
            "order",
            "reject",
            &order,
            "--reason",
            "El mínimo de USD 75 no se negocia",
        ],
    );
    assert_eq!(
        current_step(&v),
        Some(7),
        "a rejection at step 8 sends the order back to 7"
    );

    let page = office.desk.read(&["order", "show", &order]);
    let rejection = &list(&page["order"], "rejections")[0];
    assert_eq!(
        text(rejection, "reason"),
        "El mínimo de USD 75 no se negocia"
    );
    assert_eq!(text(rejection, "by"), OFFERS);
    let shown = office.desk.run(&["order", "show", &order]);
    shown.assert_done();
    assert!(
        shown.stdout.contains("El mínimo de USD 75 no se negocia")
            && shown.stdout.contains("8 → 7"),
        "the reason and where it went back to should be on the order page:\n{}",
        shown.describe()
    );
    let shown = office.desk.run(&["--lang", "en", "order", "show", &order]);
    assert!(
        shown.stdout.contains("Rejected at step 8"),
        "{}",
        shown.describe()
    );
}

#[test]
fn an_order_cannot_be_cancelled_after_siebel_activation() {
    let office = Office::ready();
    let order = office.open_order("Cuenta AWS");
    office.take_to(&order, 14);
    office
        .desk
        .refuse(
            Some(KAM),
            &["order", "cancel", &order, "--reason", "El cliente desiste"],
        )
        .has_code("too_late_to_cancel")
        .says_es(&[&order, "activado en Siebel", "flujo de baja"])
        .says_en(&[&order, "Siebel"]);
}

#[test]
fn an_unknown_user_cannot_act() {
    let office = Office::ready();
    let order = office.open_order("Cuenta AWS");
    office
        .desk
        .refuse(
            Some("mallory"),
            &[
                "order",
                "step",
                &order,
                "--set",
                "needs=x",
                "--set",
                "complex=no",
            ],
        )
        .has_code("unknown_user")
        .says_es(&["mallory", "nimbo user list"])
        .says_en(&["mallory", "nimbo user list"]);
}

#[test]
fn a_change_needs_someone_to_act() {
    let office = Office::ready();
    let order = office.open_order("Cuenta AWS");
    office
        .desk
        .refuse(
            None,
            &[
                "order",
                "step",
                &order,
                "--set",
                "needs=x",
                "--set",
                "complex=no",
            ],
        )
        .has_code("no_actor")
        .says_es(&["--as", "NIMBO_USER"])
        .says_en(&["--as", "NIMBO_USER"]);
    office
        .desk
        .refuse(
            Some("   "),
            &[
                "order",
                "create",
                "--customer",
                CUSTOMER_RUC,
                "--title",
                "x",
            ],
        )
        .has_code("no_actor");
    office
        .desk
        .refuse(
            None,
            &[
                "customer",
                "add",
                "--name",
                "X",
                "--ruc",
                "80021744-6",
                "--segment",
                "corporate",
            ],
        )
        .has_code("no_actor");
}

#[test]
fn a_step_is_done_in_its_turn_and_only_by_an_active_user() {
    let office = Office::ready();
    let order = office.open_order("Cuenta AWS");
    office
        .desk
        .refuse(
            Some(PRESALES),
            &[
                "order",
                "step",
                &order,
                "--step",
                "2",
                "--set",
                "apn_opportunity_id=O1234567",
            ],
        )
        .has_code("not_current_step")
        .says_es(&["paso 1", "no el 2"]);
    office
        .desk
        .refuse(
            Some(PRESALES),
            &["order", "skip", &order, "--reason", "no hace falta"],
        )
        .says_es(&["no es opcional", "(5)"]);
    office.desk.accept(ADMIN, &["user", "deactivate", PRESALES]);
    office
        .desk
        .refuse(
            Some(PRESALES),
            &[
                "order",
                "step",
                &order,
                "--set",
                "needs=x",
                "--set",
                "complex=no",
            ],
        )
        .says_es(&[PRESALES, "desactivado"]);
    office.desk.accept(ADMIN, &["user", "activate", PRESALES]);
    office.complete(&order, 1);
}

#[test]
fn only_the_admin_manages_users() {
    let office = Office::ready();
    office
        .desk
        .refuse(
            Some(KAM),
            &[
                "user", "add", "intruso", "--name", "Intruso", "--role", "admin",
            ],
        )
        .has_code("not_allowed")
        .says_es(&["Administrador"]);
    office
        .desk
        .refuse(
            Some(ADMIN),
            &[
                "user", "add", "nuevo", "--name", "Nuevo", "--role", "emperor",
            ],
        )
        .has_code("invalid_fields")
        .says_es(&["emperor", "presales"]);
    office
        .desk
        .refuse(
            Some(ADMIN),
            &["user", "add", KAM, "--name", "Otra Karina", "--role", "kam"],
        )
        .has_code("user_exists");
}

#[test]
fn a_database_belongs_to_one_organisation() {
    let office = Office::ready();
    office
        .desk
        .refuse(
            None,
            &[
                "init",
                "--org-name",
                "Otra",
                "--org-ruc",
                "80000190-7",
                "--admin",
                "otro",
                "--admin-name",
                "Otro",
            ],
        )
        .has_code("already_initialised")
        .says_es(&["Telecom Paraguay B2B Cloud", "--db"]);
}

#[test]
fn the_signed_risk_act_is_required_when_the_offer_records_risks() {
    let office = Office::ready();
    let order = office.open_order("Cuenta AWS en una sola zona");
    office.take_to(&order, 7);
    office.desk.accept(
        PRESALES,
        &[
            "order",
            "step",
            &order,
            "--set",
            "offer_id=0065f00000AbCdEFGH",
            "--set",
            "plans=aws",
            "--set",
            "price_exception=no",
            "--set",
            "risks=single-az,no-backup",
        ],
    );
    let offer = format!("signed_offer={}", office.desk.pdf("oferta.pdf"));
    office
        .desk
        .refuse(Some(KAM), &["order", "step", &order, "--file", &offer])
        .has_code("invalid_fields")
        .names_field("signed_risk_act")
        .says_es(&["acta de aceptación de riesgos firmada"]);
    let act = format!("signed_risk_act={}", office.desk.pdf("acta-riesgos.pdf"));
    let v = office.desk.accept(
        KAM,
        &["order", "step", &order, "--file", &offer, "--file", &act],
    );
    assert_eq!(current_step(&v), Some(10));
}

#[test]
fn a_signed_offer_must_be_a_pdf() {
    // DOMAIN §7: a signature is recorded by attaching the signed copy, «a scanned or
    // digitally signed PDF». crates/app/src/attachments.rs sniffs the media type
    // (text/plain here) but nothing refuses it.
    let office = Office::ready();
    let order = office.open_order("Cuenta AWS");
    office.take_to(&order, 9);
    let fake = office
        .desk
        .write("oferta-firmada.pdf", b"esto no es un PDF\n");
    office.desk.refuse(
        Some(KAM),
        &[
            "order",
            "step",
            &order,
            "--file",
            &format!("signed_offer={fake}"),
        ],
    );
}
