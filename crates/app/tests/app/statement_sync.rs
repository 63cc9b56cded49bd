//! A customer's statement issued offline reaches the sync server, which decides it with
//! the same code (a real server on the test PostgreSQL, `NIMBO_TEST_DATABASE_URL`): the
//! server records its version, another laptop pulls it and recognises the very file.

use nimbo_app::billing::{run, statement};
use nimbo_app::documents::{self, Verdict};
use nimbo_app::sync;
use nimbo_domain::Lang;
use nimbo_domain::billing::Period;
use nimbo_domain::role::Role;
use nimbo_testkit::server::set_passwords;

use crate::stories::add_user;
use crate::support::Env;
use crate::sync::{laptop_of, office_synced, server};

/// One person holding every role but the administrator's: the story is about the
/// statement, not about who did the rest.
const EVERYONE: &str = "tomas";

/// On `env`'s laptop: a customer whose order is taken to its subscription, active 40
/// days ago, and the period before today's locked. The customer's RUC and that period.
async fn a_locked_period(env: &Env) -> (String, Period) {
    let (ruc_text, _) = env.onboarded(EVERYONE, 80_028_061, 40).await;
    let period = Period::of_day(env.today()).previous();
    let seen = run::preview(&env.nimbo, period, Lang::Es)
        .await
        .expect("the run")
        .hash;
    run::lock(&env.nimbo, EVERYONE, period, Some(&seen))
        .await
        .expect("the lock");
    (ruc_text, period)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_records_a_statement_issued_offline_and_another_laptop_recognises_it() {
    let Some(server) = server().await else {
        return;
    };
    let office = office_synced(&server).await;
    let mut roles: Vec<Role> = Role::ALL.to_vec();
    roles.retain(|r| *r != Role::Admin);
    add_user(&office.nimbo, EVERYONE, &roles).await;
    sync::sync(&office.nimbo)
        .await
        .expect("the person reaches the server");
    set_passwords(&server, [EVERYONE]).await;

    let desk = laptop_of(&server, EVERYONE).await;
    let (ruc_text, period) = a_locked_period(&desk).await;
    let sent = sync::sync(&desk.nimbo).await.expect("the lock is sent");
    assert_eq!(sent.refused, 0, "{sent:?}");

    // Offline, the statement is issued: recorded here, waiting in the outbox.
    desk.advance(60);
    let file = desk.path.with_file_name("estado-de-cuenta.pdf");
    let issued = statement::statement(&desk.nimbo, EVERYONE, &ruc_text, period, &file)
        .await
        .expect("the statement");
    assert_eq!((issued.version, issued.created), (1, true));

    // Back online: the server decides it with the same code and records it.
    let sent = sync::sync(&desk.nimbo)
        .await
        .expect("the statement is sent");
    assert_eq!((sent.applied, sent.refused), (1, 0), "{sent:?}");

    // Another laptop pulls it: the same version, and the very file is recognised.
    let other = laptop_of(&server, EVERYONE).await;
    let there = statement::list(&other.nimbo, &ruc_text)
        .await
        .expect("the statements");
    assert_eq!(there.len(), 1, "{there:?}");
    assert_eq!(there[0].version, 1);
    assert_eq!(there[0].pdf_sha256, issued.pdf_sha256);
    assert_eq!(there[0].issued_by, EVERYONE);
    let bytes = std::fs::read(&file).expect("the PDF");
    match documents::verify(&other.nimbo, &bytes)
        .await
        .expect("verified")
    {
        Verdict::StatementIssued { statement } => assert_eq!(statement.version, 1),
        other => panic!("not recognised as the statement issued: {other:?}"),
    }

    // Issued again there from the same data: the same version, nothing new to send.
    let again_file = other.path.with_file_name("otra-vez.pdf");
    let again = statement::statement(&other.nimbo, EVERYONE, &ruc_text, period, &again_file)
        .await
        .expect("the statement again");
    assert_eq!((again.version, again.created), (1, false));
    assert_eq!(again.pdf_sha256, issued.pdf_sha256);
}
