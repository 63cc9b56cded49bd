//! Edit conflicts both people see (SYNC.md §2): two people change the same field of the
//! same customer offline; the change made later is kept everywhere, and after their next
//! syncs both laptops list the conflict — from each one's side — with what each wrote
//! and what was kept, naming people by their full names. The one whose value lost puts
//! it back as an ordinary edit, which reaches the other laptop.

use nimbo_app::views::sync::edit_conflicts;
use nimbo_app::{customers, sync};
use nimbo_domain::Lang;
use nimbo_domain::customer::CustomerPatch;

use crate::stories::add_customer;
use crate::support::Env;

fn new_address(text: &str) -> CustomerPatch {
    CustomerPatch {
        address: Some(text.into()),
        ..CustomerPatch::default()
    }
}

async fn address(env: &Env, ruc: &str) -> Option<String> {
    customers::show(&env.nimbo, ruc)
        .await
        .expect("the customer")
        .customer
        .address
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_people_who_change_the_same_address_offline_both_see_the_conflict_and_what_was_kept() {
    let Some(server) = crate::sync::server().await else {
        return;
    };
    let office = crate::sync::office_synced(&server).await;
    let kam = crate::sync::laptop_of(&server, "ana").await;
    let ruc = add_customer(&kam.nimbo, 80_028_061, true).await;
    sync::sync(&kam.nimbo).await.expect("the customer is sent");
    sync::sync(&office.nimbo)
        .await
        .expect("the office receives it");

    // Offline, the administrator corrects the address; ten minutes later the KAM, who has
    // not seen that, types another one.
    office.advance(1);
    customers::edit(
        &office.nimbo,
        "admin",
        &ruc,
        &new_address("Av. Mariscal López 1234"),
    )
    .await
    .expect("the administrator's edit");
    kam.advance(10);
    customers::edit(
        &kam.nimbo,
        "ana",
        &ruc,
        &new_address("Av. España 555, Asunción"),
    )
    .await
    .expect("the KAM's edit");

    let first = sync::sync(&office.nimbo)
        .await
        .expect("the office syncs first");
    assert_eq!((first.applied, first.conflicts), (1, 0), "{first:?}");
    let second = sync::sync(&kam.nimbo).await.expect("the KAM syncs second");
    assert_eq!(
        (second.applied, second.conflicts, second.edit_conflicts),
        (0, 1, 1),
        "the KAM's later edit wins over the one it did not know: {second:?}"
    );
    let again = sync::sync(&office.nimbo)
        .await
        .expect("the office syncs again");
    assert_eq!(again.edit_conflicts, 1, "{again:?}");

    // The later change is kept on both laptops.
    for (who, env) in [("the office", &office), ("the KAM", &kam)] {
        assert_eq!(
            address(env, &ruc).await.as_deref(),
            Some("Av. España 555, Asunción"),
            "{who}'s laptop after {again:?}"
        );
    }

    // Each sees the conflict, from their side.
    let kams = edit_conflicts(&kam.nimbo, Lang::Es)
        .await
        .expect("the KAM's list");
    let offices = edit_conflicts(&office.nimbo, Lang::Es)
        .await
        .expect("the office's list");
    assert_eq!((kams.len(), offices.len()), (1, 1), "{kams:?} {offices:?}");
    let (k, o) = (&kams[0], &offices[0]);
    assert_eq!(
        k.operation, o.operation,
        "the same conflict on both laptops"
    );
    assert!(k.mine && !o.mine);
    assert!(!k.by_hand);
    assert_eq!(k.field, "dirección");
    assert!(k.record.contains("Cliente"), "{}", k.record);
    assert_eq!(k.kept, "Av. España 555, Asunción");
    assert!(
        k.text
            .starts_with("Usted escribió «Av. España 555, Asunción»")
            && k.text
                .contains("Administradora («Av. Mariscal López 1234»)"),
        "{}",
        k.text
    );
    assert!(
        o.text.starts_with("Usuario ana escribió «Av. España 555, Asunción» sin conocer su cambio («Av. Mariscal López 1234»)"),
        "{}",
        o.text
    );
    let english = edit_conflicts(&office.nimbo, Lang::En)
        .await
        .expect("in English");
    assert!(
        english[0].text.contains("without knowing your change"),
        "{}",
        english[0].text
    );

    // Only the administrator lost a value: only she may restore it, and it opens the
    // customer's page.
    assert_eq!(k.restorable, None, "the KAM's value is the one kept");
    assert_eq!(o.restorable.as_deref(), Some("Av. Mariscal López 1234"));
    assert_eq!(o.customer_ruc.as_deref(), Some(ruc.as_str()));
    assert_eq!(o.field_key, "address");
    let refused = sync::restore_mine(&kam.nimbo, "ana", k.operation.parse().unwrap(), "address")
        .await
        .unwrap_err();
    assert_eq!(
        refused.code(),
        nimbo_domain::ErrorCode::ConflictNotRestorable
    );

    let after = nimbo_app::views::sync::restore_mine(
        &office.nimbo,
        "admin",
        &o.operation,
        "address",
        Lang::Es,
    )
    .await
    .expect("the administrator restores her value");
    assert_eq!(
        after[0].restorable, None,
        "restored: nothing more to restore"
    );
    assert_eq!(
        address(&office, &ruc).await.as_deref(),
        Some("Av. Mariscal López 1234")
    );
    // An ordinary edit: sent, and the KAM's laptop receives it.
    let sent = sync::sync(&office.nimbo)
        .await
        .expect("the office sends it");
    assert_eq!((sent.applied, sent.conflicts), (1, 0), "{sent:?}");
    sync::sync(&kam.nimbo).await.expect("the KAM receives it");
    assert_eq!(
        address(&kam, &ruc).await.as_deref(),
        Some("Av. Mariscal López 1234")
    );
}
