//! `nimbo ruc check`: the tax authority's modulo-11 check digit, with no database at all.

use crate::support::{DONE, Desk, REFUSED};

#[test]
fn well_formed_rucs_with_the_right_check_digit_are_valid() {
    let desk = Desk::empty();
    for ruc in ["80028061-0", "80000190-7", "1068460-3"] {
        let run = desk.run(&["ruc", "check", ruc]);
        run.assert_done();
        assert!(
            run.stdout.contains(ruc) && run.stdout.contains("válido"),
            "{}",
            run.describe()
        );
        let v = desk.read(&["ruc", "check", ruc]);
        assert_eq!(v["valid"], true, "{v}");
        assert_eq!(v["ruc"], ruc, "{v}");
    }
    assert!(!desk.db.exists(), "checking a RUC needs no database");
}

#[test]
fn a_wrong_check_digit_is_refused_naming_the_expected_one() {
    let desk = Desk::empty();
    let run = desk.run(&["ruc", "check", "80021744-8"]);
    run.assert_refused();
    assert!(
        run.stderr.contains("80021744")
            && run.stderr.contains("revise el número completo")
            && run.stderr.contains("sería 6"),
        "the message should ask to review the whole number, then name the digit 6:\n{}",
        run.describe()
    );
    let run = desk.run(&["--lang", "en", "ruc", "check", "80021744-8"]);
    run.assert_refused();
    assert!(
        run.stderr.contains("check the whole number") && run.stderr.contains("would be 6"),
        "{}",
        run.describe()
    );

    let run = desk.run(&["--json", "ruc", "check", "80021744-8"]);
    assert_eq!(run.code, REFUSED, "{}", run.describe());
    let v = run.json();
    assert_eq!(v["valid"], false, "{v}");
    assert_eq!(v["expected_digit"], 6, "{v}");
    assert_eq!(v["code"], "ruc_check_digit", "{v}");
}

#[test]
fn garbage_is_not_a_ruc() {
    let desk = Desk::empty();
    for garbage in [
        "garbage",
        "",
        " ",
        "80028061",
        "80028061-",
        "80028061-00",
        "8002806l-0",
        "ñ😀-1",
        "80028061—0",
    ] {
        let run = desk.run(&["ruc", "check", garbage]);
        run.assert_refused();
        assert!(
            run.stderr.contains("80028061-0"),
            "a malformed RUC should be answered with an example of the right form:\n{}",
            run.describe()
        );
        let run = desk.run(&["--json", "ruc", "check", garbage]);
        assert_eq!(run.code, REFUSED, "{}", run.describe());
        assert_eq!(run.json()["valid"], false);
    }
    // Whitespace around a good RUC is forgiven.
    assert_eq!(desk.run(&["ruc", "check", " 80028061-0 "]).code, DONE);
}
