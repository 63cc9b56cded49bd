//! A customer's legal representatives change: a new phone, a person who leaves. They are
//! named by their identity document (as `customer show` prints it) or by id; a correction
//! keeps the person's id, and each change is one audit event and one outbox operation
//! (`Desk::accept` checks both).

use crate::office::{CUSTOMER_NAME, CUSTOMER_RUC, KAM, OFFERS, Office};
use crate::support::{list, text};

fn only_representative(customer: &serde_json::Value) -> serde_json::Value {
    let reps = list(customer, "representatives");
    assert_eq!(reps.len(), 1, "one representative expected: {customer}");
    reps[0].clone()
}

#[test]
fn a_kam_corrects_a_representatives_phone_and_they_stay_the_same_person() {
    let office = Office::ready();
    let shown = office.desk.read(&["customer", "show", CUSTOMER_RUC]);
    let before = only_representative(&shown["customer"]);

    let corrected = office.desk.accept(
        KAM,
        &[
            "customer",
            "edit-rep",
            CUSTOMER_RUC,
            "1234567",
            "--phone",
            "+595 21 414 0000",
        ],
    );
    let after = only_representative(&corrected);
    assert_eq!(text(&after, "id"), text(&before, "id"));
    assert_eq!(text(&after, "phone"), "+595 21 414 0000");
    // What was not named keeps its value.
    assert_eq!(text(&after, "name"), "Juan Pérez Benítez");
    assert_eq!(text(&after, "email"), "juan.perez@continental.com.py");

    // By id works too.
    let by_id = office.desk.accept(
        KAM,
        &[
            "customer",
            "edit-rep",
            CUSTOMER_RUC,
            text(&before, "id"),
            "--email",
            "jperez@continental.com.py",
        ],
    );
    assert_eq!(
        text(&only_representative(&by_id), "email"),
        "jperez@continental.com.py"
    );
}

#[test]
fn a_correction_with_a_bad_e_mail_is_refused_and_changes_nothing() {
    let office = Office::ready();
    office
        .desk
        .refuse(
            Some(KAM),
            &[
                "customer",
                "edit-rep",
                CUSTOMER_RUC,
                "1234567",
                "--email",
                "juan.perez-en-continental",
            ],
        )
        .has_code("invalid_fields")
        .says_es(&["correo"])
        .says_en(&["e-mail"]);
    let shown = office.desk.read(&["customer", "show", CUSTOMER_RUC]);
    assert_eq!(
        text(&only_representative(&shown["customer"]), "email"),
        "juan.perez@continental.com.py"
    );
}

#[test]
fn a_representative_who_left_is_removed_once_and_a_second_removal_says_what_to_do() {
    let office = Office::ready();
    let removed = office
        .desk
        .accept(KAM, &["customer", "remove-rep", CUSTOMER_RUC, "1234567"]);
    assert!(list(&removed, "representatives").is_empty());
    office
        .desk
        .refuse(
            Some(KAM),
            &["customer", "remove-rep", CUSTOMER_RUC, "1234567"],
        )
        .has_code("representative_not_found")
        .says_es(&[CUSTOMER_NAME, "1234567", "Vuelva a abrir el cliente"])
        .says_en(&[CUSTOMER_NAME, "Open the customer again"]);
}

#[test]
fn the_offers_desk_cannot_remove_a_customers_representative() {
    let office = Office::ready();
    office
        .desk
        .refuse(
            Some(OFFERS),
            &["customer", "remove-rep", CUSTOMER_RUC, "1234567"],
        )
        .has_code("not_allowed")
        .says_es(&[OFFERS, "editar clientes"]);
}
