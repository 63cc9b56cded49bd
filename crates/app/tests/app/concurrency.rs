//! Two programs on one database at once (the desktop app and the command line): their
//! write transactions queue, the loser of a race is refused cleanly, and the audit chain
//! and the outbox stay whole.

use nimbo_app::orders::{self, StepSubmission};
use nimbo_app::{AppError, Nimbo, audit};
use nimbo_domain::DomainError;
use nimbo_domain::hlc::Hlc;
use nimbo_domain::order::{OrderStatus, Step};

use crate::stories::{add_customer, add_team, performer};
use nimbo_testkit::submissions::simple_path;

use crate::support::{Env, check_stored_orders, count, journal_counts};

fn submission(env: &Env, step: Step) -> StepSubmission {
    let today = env.today();
    simple_path(step, today, today)
}

async fn current(nimbo: &Nimbo, number: &str) -> Option<Step> {
    orders::show(nimbo, number).await.unwrap().order.current
}

fn refused_cleanly(e: &AppError) -> bool {
    matches!(
        e,
        AppError::Domain(
            DomainError::NotCurrentStep { .. }
                | DomainError::OrderClosed { .. }
                | DomainError::TooLateToCancel { .. }
        )
    )
}

async fn two_programs_complete_steps_at_once() {
    let env = Env::new().await;
    let desktop = env.nimbo.clone();
    let cli = env.second_handle().await;
    add_team(&desktop).await;
    let ruc_text = add_customer(&cli, 80_028_061, true).await;

    // Both open orders at once: both are accepted, with different numbers.
    let mut numbers = Vec::new();
    for _ in 0..2 {
        env.advance(1);
        let (a, b) = tokio::join!(
            orders::create(&desktop, "ana", &ruc_text, "desde la app"),
            orders::create(&cli, "pedro", &ruc_text, "desde la línea de comandos"),
        );
        numbers.push(a.unwrap().number);
        numbers.push(b.unwrap().number);
    }
    let mut unique = numbers.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 4, "{numbers:?}");
    let [raced, left, right, cancelled] = <[String; 4]>::try_from(numbers).unwrap();

    let mut races = 0;
    while let Some(step) = current(&desktop, &raced).await {
        env.advance(7);
        races += 1;
        let journal = journal_counts(&desktop).await;
        // The same step of the same order, from both programs: one wins, one is refused.
        let (a, b) = tokio::join!(
            orders::complete_step(&desktop, performer(step), &raced, submission(&env, step)),
            orders::complete_step(&cli, performer(step), &raced, submission(&env, step)),
        );
        match (&a, &b) {
            (Ok(_), Err(e)) | (Err(e), Ok(_)) => {
                assert!(refused_cleanly(e), "step {step}: the loser got {e:?}");
            }
            _ => panic!("step {step}: exactly one must win: {a:?} / {b:?}"),
        }
        // Step 19 also issues the Welcome KIT it delivers, in the same transaction.
        let entries = if step == Step::WelcomeKit { 2 } else { 1 };
        assert_eq!(
            journal_counts(&desktop).await,
            (journal.0 + entries, journal.1 + entries),
            "step {step}: the race wrote one change"
        );
        // Different orders, from both programs: both are accepted.
        if let (Some(l), Some(r)) = (current(&cli, &left).await, current(&cli, &right).await) {
            let (a, b) = tokio::join!(
                orders::complete_step(&desktop, performer(l), &left, submission(&env, l)),
                orders::complete_step(&cli, performer(r), &right, submission(&env, r)),
            );
            a.unwrap_or_else(|e| panic!("step {l} of {left}: {e:?}"));
            b.unwrap_or_else(|e| panic!("step {r} of {right}: {e:?}"));
        }
    }
    assert_eq!(races, 17, "the simple path has 17 steps");

    // Completing and cancelling the same order at once: whatever the order, the result is
    // a reachable state.
    let (a, b) = tokio::join!(
        orders::complete_step(
            &desktop,
            "pedro",
            &cancelled,
            submission(&env, Step::NeedsSurvey)
        ),
        orders::cancel(&cli, "ana", &cancelled, "el cliente desistió"),
    );
    b.unwrap();
    if let Err(e) = &a {
        assert!(refused_cleanly(e), "{e:?}");
    }
    let order = orders::show(&desktop, &cancelled).await.unwrap().order;
    assert_eq!(order.status, OrderStatus::Cancelled);
    assert_eq!(
        order.records.contains_key(&Step::NeedsSurvey),
        a.is_ok(),
        "the survey is recorded exactly when it was accepted"
    );

    for nimbo in [&desktop, &cli] {
        let verification = audit::verify(nimbo).await.unwrap();
        assert!(verification.broken.is_none(), "{:?}", verification.broken);
        let (audit_events, outbox) = journal_counts(nimbo).await;
        assert_eq!(verification.checked, u64::try_from(audit_events).unwrap());
        assert_eq!(audit_events, outbox);
        check_stored_orders(nimbo).await.unwrap();
    }
    for number in [&raced, &left, &right] {
        let page = orders::show(&cli, number).await.unwrap();
        assert_eq!(page.order.status, OrderStatus::Completed);
        assert!(page.subscription.is_some());
    }
    assert_eq!(count(&cli, "subscriptions").await, 3);
    let mut conn = cli.store().read().await.unwrap();
    let stamps: Vec<String> = sqlx::query_scalar("SELECT hlc FROM outbox ORDER BY rowid")
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    let devices: i64 = sqlx::query_scalar("SELECT count(DISTINCT device) FROM audit_events")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    drop(conn);
    assert_eq!(
        devices, 1,
        "one file is one device, whichever program writes"
    );
    let stamps: Vec<Hlc> = stamps.iter().map(|s| s.parse().unwrap()).collect();
    assert!(stamps.windows(2).all(|w| w[0] < w[1]));
    desktop.close().await;
    cli.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn two_programs_on_one_file_complete_steps_at_once_on_one_thread() {
    two_programs_complete_steps_at_once().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_programs_on_one_file_complete_steps_at_once_on_two_threads() {
    two_programs_complete_steps_at_once().await;
}
