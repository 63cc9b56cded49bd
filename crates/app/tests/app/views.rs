//! The view builders the desktop app calls, on a real SQLite file with demonstration
//! data: localized, complete, and deciding what the signed-in user may do as the domain
//! does.

use std::collections::BTreeMap;

use nimbo_app::AppError;
use nimbo_app::demo;
use nimbo_app::views::order_page::{self, OrderPageView, StepStateView};
use nimbo_app::views::orders::{OrderFilterInput, OrderSortView, OrderStatusView};
use nimbo_app::views::session::{self, SetupInput};
use nimbo_app::views::steps::{FieldKindView, FileInput, RequiredView, StepInput};
use nimbo_app::views::{Language, catalogue, customers, history, orders, ruc, steps, users};
use nimbo_domain::{ErrorCode, Lang};

use nimbo_testkit::customers::ruc as ruc_of;

use crate::support::{Env, fingerprint, journal_counts};

const ES: Lang = Lang::Es;
const EN: Lang = Lang::En;

/// A demonstration with 52 orders: two at every step, six completed, two cancelled.
async fn demo_env() -> Env {
    let env = Env::blank().await;
    demo::fill(&env.nimbo, 52, 2026)
        .await
        .expect("the demo loads");
    env
}

fn field_keys(e: &AppError) -> Vec<String> {
    e.payload(ES).fields.into_iter().map(|f| f.field).collect()
}

/// The first order waiting at a step.
async fn open_at(env: &Env, step: u8) -> String {
    let filter = OrderFilterInput {
        step: Some(step),
        status: Some(OrderStatusView::Open),
        ..OrderFilterInput::default()
    };
    let list = orders::list(&env.nimbo, &filter, ES).await.expect("a list");
    list.orders
        .first()
        .unwrap_or_else(|| panic!("an order waits at step {step}"))
        .number
        .clone()
}

async fn page_as(env: &Env, number: &str, user: Option<&str>) -> OrderPageView {
    order_page::page(&env.nimbo, number, user, ES)
        .await
        .expect("the page")
}

#[tokio::test]
async fn app_status_tells_a_blank_database_from_a_set_up_one_and_a_demo() {
    let env = Env::blank().await;
    let blank = session::app_status(&env.nimbo, &env.path, ES)
        .await
        .unwrap();
    assert!(!blank.initialised && !blank.demo && blank.organisation.is_none());
    assert_eq!(blank.database, env.path.display().to_string());
    assert_eq!(blank.language, Language::Es);

    let org = session::init_organisation(
        &env.nimbo,
        &SetupInput {
            org_name: "Tigo Business Paraguay".into(),
            org_ruc: ruc_of(80000190),
            admin_username: "admin".into(),
            admin_full_name: "Administradora".into(),
            admin_email: Some(String::new()),
            logo: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(org.ruc, ruc_of(80000190));
    let set_up = session::app_status(&env.nimbo, &env.path, EN)
        .await
        .unwrap();
    assert!(set_up.initialised && !set_up.demo);
    assert_eq!(set_up.organisation, Some(org));
    assert_eq!(set_up.language, Language::En);

    let demo = demo_env().await;
    let status = session::app_status(&demo.nimbo, &demo.path, ES)
        .await
        .unwrap();
    assert!(status.initialised && status.demo);
    assert!(status.organisation.unwrap().name.contains("demostración"));
}

#[tokio::test]
async fn the_setup_form_reports_every_wrong_field_at_once() {
    let env = Env::blank().await;
    let err = session::init_organisation(
        &env.nimbo,
        &SetupInput {
            org_name: String::new(),
            org_ruc: "80000190-1".into(),
            admin_username: "Admin User".into(),
            admin_full_name: String::new(),
            admin_email: None,
            logo: None,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidFields);
    let keys = field_keys(&err);
    assert!(keys.len() >= 3, "{keys:?}");
}

#[tokio::test]
async fn a_demo_loaded_from_the_interface_lists_a_user_for_every_role() {
    let env = Env::blank().await;
    let demo = session::load_demo(&env.nimbo, 30, ES).await.unwrap();
    assert_eq!(demo.orders, 30);
    assert_eq!(demo.users.len(), 12);
    assert!(session::load_demo(&env.nimbo, 30, ES).await.is_err());
    let too_many = Env::blank().await;
    let err = session::load_demo(&too_many.nimbo, 100_001, ES)
        .await
        .unwrap_err();
    assert_eq!(field_keys(&err), ["orders"]);
}

#[tokio::test]
async fn users_are_shown_with_their_roles_named_in_the_users_language() {
    let env = demo_env().await;
    let es = users::list(&env.nimbo, ES).await.unwrap();
    let ana = es.iter().find(|u| u.username == "ana.duarte").unwrap();
    assert_eq!(ana.full_name, "Ana Duarte");
    assert_eq!(ana.roles.len(), 1);
    assert_eq!(ana.roles[0].id, "kam");
    assert_eq!(ana.roles[0].name, "Ejecutivo comercial");
    assert!(ana.active);
    let en = users::list(&env.nimbo, EN).await.unwrap();
    let ana = en.iter().find(|u| u.username == "ana.duarte").unwrap();
    assert_eq!(ana.roles[0].name, "Key account manager");
    assert_eq!(users::all_roles(EN).len(), 11);
}

#[tokio::test]
async fn signing_in_needs_an_existing_active_user_and_the_session_follows_them() {
    let env = demo_env().await;
    let n = &env.nimbo;
    let pedro = session::sign_in(n, "pedro.gimenez", ES).await.unwrap();
    assert_eq!(pedro.roles[0].id, "presales");
    let unknown = session::sign_in(n, "nadie", ES).await.unwrap_err();
    assert_eq!(unknown.code(), ErrorCode::UnknownUser);
    assert_eq!(
        session::sign_in(n, " ", ES).await.unwrap_err().code(),
        ErrorCode::NoActor
    );

    assert_eq!(session::session(n, None, ES).await.unwrap(), None);
    assert_eq!(session::session(n, Some("nadie"), ES).await.unwrap(), None);
    let s = session::session(n, Some("pedro.gimenez"), ES)
        .await
        .unwrap();
    assert_eq!(s.map(|u| u.username).as_deref(), Some("pedro.gimenez"));

    let off = users::set_active(n, "admin", "pedro.gimenez", false, ES)
        .await
        .unwrap();
    assert!(!off.active);
    let refused = session::sign_in(n, "pedro.gimenez", ES).await.unwrap_err();
    assert_eq!(refused.code(), ErrorCode::UserInactive);
    assert_eq!(
        session::session(n, Some("pedro.gimenez"), ES)
            .await
            .unwrap(),
        None
    );
}

#[tokio::test]
async fn administrators_add_users_and_grant_roles_by_id() {
    let env = demo_env().await;
    let n = &env.nimbo;
    let input = users::UserInput {
        username: "nora.ayala".into(),
        full_name: "Nora Ayala".into(),
        email: Some(String::new()),
        roles: vec!["kam".into()],
    };
    let nora = users::add(n, "admin", &input, ES).await.unwrap();
    assert_eq!(nora.email, None);
    let nora = users::set_role(n, "admin", "nora.ayala", "presales", true, ES)
        .await
        .unwrap();
    assert_eq!(
        nora.roles.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        ["presales", "kam"]
    );
    let bad = users::set_role(n, "admin", "nora.ayala", "chef", true, ES)
        .await
        .unwrap_err();
    assert_eq!(field_keys(&bad), ["role"]);
    let refused = users::add(n, "ana.duarte", &input, ES).await.unwrap_err();
    assert_eq!(refused.code(), ErrorCode::NotAllowed);
    let wrong_role = users::UserInput {
        roles: vec!["kam".into(), "chef".into()],
        ..input
    };
    assert_eq!(
        field_keys(&users::add(n, "admin", &wrong_role, ES).await.unwrap_err()),
        ["role"]
    );
}

#[tokio::test]
async fn step_forms_are_the_22_steps_with_their_fields_typed_for_a_form() {
    let forms = steps::step_forms(ES);
    assert_eq!(forms.len(), 22);
    assert_eq!(
        forms.iter().map(|f| f.number).collect::<Vec<_>>(),
        (1..=22).collect::<Vec<u8>>()
    );
    let survey = &forms[0];
    assert_eq!(survey.id, "needs_survey");
    assert_eq!(survey.name, "Relevamiento de necesidades");
    assert_eq!(survey.role_id, "presales");
    assert_eq!(survey.role_name, "Ing. Preventa");
    assert_eq!(survey.fields[1].kind, FieldKindView::YesNo);

    let apn = &forms[1].fields[0];
    assert_eq!(
        (apn.kind, apn.required),
        (FieldKindView::Id, RequiredView::Always)
    );
    assert_eq!(apn.example, "O1234567");
    assert!(!apn.hint.is_empty());

    let feasibility = &forms[4];
    assert!(feasibility.optional);
    assert_eq!(feasibility.branch, "complex");

    let offer = &forms[6];
    let detail = offer
        .fields
        .iter()
        .find(|f| f.key == "exception_detail")
        .unwrap();
    assert_eq!(detail.required, RequiredView::WhenPriceException);
    assert_eq!(detail.depends_on.as_deref(), Some("price_exception"));
    assert_eq!(forms[7].rejects_to, Some(7));

    let signature = &forms[8];
    let kinds: Vec<_> = signature
        .fields
        .iter()
        .map(|f| (f.kind, f.required))
        .collect();
    assert_eq!(
        kinds,
        [
            (FieldKindView::SignedPdf, RequiredView::Always),
            (
                FieldKindView::SignedPdf,
                RequiredView::WhenRisksUnlessSignedInNimbo
            )
        ]
    );
    // The signed acceptance act of step 20 is one Nimbo issues and can record signed.
    assert_eq!(
        forms[19].fields[0].required,
        RequiredView::UnlessSignedInNimbo
    );
    assert_eq!(forms[12].fields[1].kind, FieldKindView::Date);
    assert_eq!(steps::step_forms(EN)[0].name, "Needs survey");
}

#[tokio::test]
async fn a_completed_demo_order_shows_its_22_steps_and_its_subscription() {
    let env = demo_env().await;
    let filter = OrderFilterInput {
        status: Some(OrderStatusView::Completed),
        ..OrderFilterInput::default()
    };
    let list = orders::list(&env.nimbo, &filter, ES).await.unwrap();
    assert!(list.total >= 1);
    let line = &list.orders[0];
    assert_eq!(line.status, OrderStatusView::Completed);
    assert_eq!(line.status_label, "completado");
    assert_eq!(line.current_step, None);

    let page = page_as(&env, &line.number, Some("pedro.gimenez")).await;
    assert_eq!(page.status, OrderStatusView::Completed);
    assert_eq!(page.timeline.len(), 22);
    assert!(page.subscription.is_some());
    assert_eq!(page.current_step, None);
    assert!(!page.can_act && !page.can_reject && !page.can_skip && !page.can_cancel);
    for step in &page.timeline {
        assert!(
            matches!(
                step.state,
                StepStateView::Done | StepStateView::NotApplicable | StepStateView::Skipped
            ),
            "{step:?}"
        );
        if step.state == StepStateView::Done {
            assert!(step.by.is_some() && step.at.as_deref().is_some_and(|a| a.ends_with('Z')));
        }
    }
    let siebel = &page.timeline[12];
    assert_eq!(siebel.name, "Activación en Siebel");
    let labels: Vec<_> = siebel.values.iter().map(|v| v.label.as_str()).collect();
    assert_eq!(labels, ["Subscriber ID de Siebel", "Fecha de activación"]);
    let sub = page.subscription.unwrap();
    assert_eq!(sub.subscriber_id, siebel.values[0].value);
    assert_eq!(sub.status, "active");
    assert_eq!(sub.activation_date.len(), 10);

    let entries = history::order_history(&env.nimbo, &line.number, ES)
        .await
        .unwrap();
    assert_eq!(entries[0].text, "abrió el pedido");
    assert!(
        entries
            .iter()
            .any(|e| e.text == "completó el paso 22 «Cierre de la validación back»")
    );
    let en = history::order_history(&env.nimbo, &line.number, EN)
        .await
        .unwrap();
    assert_eq!(en[0].text, "opened the order");
}

#[tokio::test]
async fn the_order_page_says_what_the_signed_in_user_may_do() {
    let env = demo_env().await;
    let offer = open_at(&env, 7).await;
    let as_presales = page_as(&env, &offer, Some("pedro.gimenez")).await;
    assert_eq!(as_presales.current_step, Some(7));
    assert_eq!(
        as_presales.current_role_name.as_deref(),
        Some("Ing. Preventa")
    );
    assert_eq!(as_presales.status_label, "paso 7 «Oferta» — Ing. Preventa");
    assert!(as_presales.can_act && !as_presales.can_reject && !as_presales.can_skip);
    assert!(as_presales.can_cancel);
    assert_eq!(as_presales.timeline[6].state, StepStateView::Current);
    let as_kam = page_as(&env, &offer, Some("ana.duarte")).await;
    assert!(!as_kam.can_act && as_kam.can_cancel);
    let as_support = page_as(&env, &offer, Some("maria.gonzalez")).await;
    assert!(!as_support.can_act && !as_support.can_cancel);
    let nobody = page_as(&env, &offer, None).await;
    assert!(!nobody.can_act && !nobody.can_cancel);

    let approval = open_at(&env, 8).await;
    let offers = page_as(&env, &approval, Some("carlos.benitez")).await;
    assert!(offers.can_act && offers.can_reject && !offers.can_skip);

    let feasibility = open_at(&env, 5).await;
    let presales = page_as(&env, &feasibility, Some("pedro.gimenez")).await;
    assert!(presales.can_act && presales.can_skip && !presales.can_reject);

    let after_activation = open_at(&env, 14).await;
    let kam = page_as(&env, &after_activation, Some("ana.duarte")).await;
    assert!(!kam.can_cancel);
}

#[tokio::test]
async fn lists_filter_by_step_and_role_and_refuse_what_cannot_be_a_filter() {
    let env = demo_env().await;
    let n = &env.nimbo;
    let at_7 = orders::list(
        n,
        &OrderFilterInput {
            step: Some(7),
            ..OrderFilterInput::default()
        },
        ES,
    )
    .await
    .unwrap();
    assert_eq!(at_7.total as usize, at_7.orders.len());
    assert!(at_7.total >= 1);
    for l in &at_7.orders {
        assert_eq!(l.current_step, Some(7));
        assert_eq!(l.step_name.as_deref(), Some("Oferta"));
        assert_eq!(l.role_id.as_deref(), Some("presales"));
    }
    let page = orders::list(
        n,
        &OrderFilterInput {
            limit: Some(5),
            offset: Some(5),
            sort: Some(OrderSortView::LongestWaiting),
            ..OrderFilterInput::default()
        },
        ES,
    )
    .await
    .unwrap();
    assert_eq!((page.total, page.orders.len()), (52, 5));

    // Each sortable header's two ways: the list comes in that order.
    for (sort, key) in [
        (OrderSortView::Newest, "created"),
        (OrderSortView::Oldest, "created"),
        (OrderSortView::LongestWaiting, "waiting"),
        (OrderSortView::ShortestWaiting, "waiting"),
    ] {
        let all = orders::list(
            n,
            &OrderFilterInput {
                sort: Some(sort),
                limit: Some(100),
                ..OrderFilterInput::default()
            },
            ES,
        )
        .await
        .unwrap();
        let keys: Vec<&str> = all
            .orders
            .iter()
            .map(|l| {
                if key == "created" {
                    l.created_at.as_str()
                } else {
                    l.step_since.as_str()
                }
            })
            .collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        if matches!(sort, OrderSortView::Newest | OrderSortView::ShortestWaiting) {
            sorted.reverse();
        }
        assert_eq!(keys, sorted, "{sort:?}");
        assert_eq!(all.orders.len(), 52);
    }

    for (filter, key) in [
        (
            OrderFilterInput {
                step: Some(23),
                ..Default::default()
            },
            "step",
        ),
        (
            OrderFilterInput {
                role: Some("chef".into()),
                ..Default::default()
            },
            "role",
        ),
        (
            OrderFilterInput {
                older_than_days: Some(-1),
                ..Default::default()
            },
            "older_than_days",
        ),
        (
            OrderFilterInput {
                limit: Some(0),
                ..Default::default()
            },
            "limit",
        ),
        (
            OrderFilterInput {
                offset: Some(-1),
                ..Default::default()
            },
            "offset",
        ),
    ] {
        let err = orders::list(n, &filter, ES).await.unwrap_err();
        assert_eq!(field_keys(&err), [key]);
    }

    let tasks = orders::tasks(n, "pedro.gimenez", (100, 0), None, ES)
        .await
        .unwrap();
    assert!(tasks.total >= 1);
    assert!(
        tasks
            .orders
            .iter()
            .all(|l| l.role_id.as_deref() == Some("presales"))
    );
    let waits: Vec<_> = tasks.orders.iter().map(|l| l.step_since.clone()).collect();
    let mut sorted = waits.clone();
    sorted.sort();
    assert_eq!(waits, sorted);
}

#[tokio::test]
async fn validating_a_step_checks_like_completing_it_and_writes_nothing() {
    let env = demo_env().await;
    let n = &env.nimbo;
    let customer = customers::search(n, "", 1, 0, ES).await.unwrap()[0]
        .ruc
        .clone();
    let opened = order_page::create(n, "pedro.gimenez", &customer, "Migración", ES)
        .await
        .unwrap();
    assert_eq!(opened.current_step, Some(1));
    assert!(opened.can_act);
    let number = opened.number;

    let before = (fingerprint(n).await, journal_counts(n).await);
    let empty = steps::validate(n, "pedro.gimenez", &number, &StepInput::default(), ES)
        .await
        .unwrap();
    let mut keys: Vec<_> = empty.iter().map(|m| m.field.as_str()).collect();
    keys.sort();
    assert_eq!(keys, ["complex", "needs"]);
    let good = StepInput {
        values: BTreeMap::from([
            ("needs".to_string(), "Migrar el ERP".to_string()),
            ("complex".to_string(), "no".to_string()),
        ]),
        files: Vec::new(),
    };
    assert_eq!(
        steps::validate(n, "pedro.gimenez", &number, &good, ES)
            .await
            .unwrap(),
        []
    );
    let refused = steps::validate(n, "ana.duarte", &number, &good, ES)
        .await
        .unwrap_err();
    assert_eq!(refused.code(), ErrorCode::NotAllowed);
    assert_eq!(before, (fingerprint(n).await, journal_counts(n).await));

    let page = steps::complete(n, "pedro.gimenez", &number, &good, ES)
        .await
        .unwrap();
    assert_eq!(page.current_step, Some(2));
    assert_eq!(page.timeline[0].values.len(), 2);
    assert_eq!(page.timeline[2].state, StepStateView::NotApplicable);
    let gone = steps::complete(n, "pedro.gimenez", &number, &StepInput::default(), ES)
        .await
        .unwrap_err();
    assert_eq!(field_keys(&gone), ["apn_opportunity_id"]);
}

#[tokio::test]
async fn a_signed_copy_sent_as_bytes_must_be_a_pdf() {
    let env = demo_env().await;
    let n = &env.nimbo;
    let number = open_at(&env, 9).await;
    let file = |bytes: &[u8]| StepInput {
        values: BTreeMap::new(),
        files: vec![FileInput {
            key: "signed_offer".into(),
            name: Some("oferta.pdf".into()),
            bytes: Some(bytes.to_vec()),
            path: None,
        }],
    };
    let page = page_as(&env, &number, Some("ana.duarte")).await;
    assert!(page.can_act);
    let needs_risks = page.timeline[6]
        .values
        .iter()
        .any(|v| v.key == "risks" || v.key == "risks_other");
    let keys = |messages: &[nimbo_app::FieldMessage]| {
        messages
            .iter()
            .map(|m| m.field.clone())
            .filter(|k| k != "signed_risk_act")
            .collect::<Vec<_>>()
    };
    let not_pdf = steps::validate(n, "ana.duarte", &number, &file(b"hola"), ES)
        .await
        .unwrap();
    assert_eq!(keys(&not_pdf), ["signed_offer"]);
    let empty = steps::validate(n, "ana.duarte", &number, &file(b""), ES)
        .await
        .unwrap();
    assert_eq!(keys(&empty), ["signed_offer"]);
    let missing = StepInput {
        values: BTreeMap::new(),
        files: vec![FileInput {
            key: "signed_offer".into(),
            path: Some("/no/such/file.pdf".into()),
            ..FileInput::default()
        }],
    };
    let missing = steps::validate(n, "ana.duarte", &number, &missing, ES)
        .await
        .unwrap();
    assert_eq!(keys(&missing), ["signed_offer"]);
    assert!(
        missing[0].message.contains("no existe"),
        "{}",
        missing[0].message
    );

    let pdf = file(b"%PDF-1.4\n%%EOF\n");
    let problems = steps::validate(n, "ana.duarte", &number, &pdf, ES)
        .await
        .unwrap();
    if needs_risks {
        assert_eq!(
            problems
                .iter()
                .map(|m| m.field.as_str())
                .collect::<Vec<_>>(),
            ["signed_risk_act"]
        );
    } else {
        assert_eq!(problems, []);
        let done = steps::complete(n, "ana.duarte", &number, &pdf, ES)
            .await
            .unwrap();
        assert_eq!(done.timeline[8].state, StepStateView::Done);
        assert!(done.timeline[8].values[0].value.starts_with("oferta.pdf"));
    }
}

#[tokio::test]
async fn customers_are_searched_shown_created_and_edited_through_their_views() {
    let env = demo_env().await;
    let n = &env.nimbo;
    let all = customers::search(n, "", 100, 0, ES).await.unwrap();
    assert_eq!(all.len(), 12);
    let first = customers::page(n, &all[0].ruc, ES).await.unwrap();
    assert_eq!(first.ruc, all[0].ruc);
    assert!(!first.representatives.is_empty());
    assert!(!first.orders.is_empty());
    assert!(first.orders.iter().all(|o| o.ruc == first.ruc));

    let ruc = ruc_of(80099991);
    let created = customers::create(
        n,
        "ana.duarte",
        &customers::CustomerInput {
            name: "Cooperativa Nueva".into(),
            ruc: ruc.clone(),
            segment: "gobierno".into(),
            address: None,
            billing_account: None,
            billing_cycle: None,
        },
        EN,
    )
    .await
    .unwrap();
    assert_eq!(
        (created.segment.as_str(), created.segment_label.as_str()),
        ("government", "Government")
    );
    assert!(created.master_contract.is_none() && created.orders.is_empty());
    let edited = customers::edit(
        n,
        "ana.duarte",
        &ruc,
        &customers::CustomerEditInput {
            billing_account: Some("100234567".into()),
            billing_cycle: Some("15".into()),
            ..Default::default()
        },
        ES,
    )
    .await
    .unwrap();
    assert_eq!(edited.billing_cycle, Some(15));
    let with_rep = customers::add_representative(
        n,
        "ana.duarte",
        &ruc,
        &customers::RepresentativeInput {
            name: "Lidia Vera".into(),
            document: "1234567".into(),
            email: "lidia@coop.com.py".into(),
            phone: "+595981123456".into(),
        },
        ES,
    )
    .await
    .unwrap();
    assert_eq!(with_rep.representatives[0].name, "Lidia Vera");
    let signed = customers::record_master_contract(
        n,
        "ana.duarte",
        &ruc,
        &customers::ContractInput {
            signed_on: "2026-11-02".into(),
            reference: "CMS-2026-0099".into(),
        },
        ES,
    )
    .await
    .unwrap();
    assert_eq!(signed.master_contract.unwrap().signed_on, "2026-11-02");
    let line = customers::search(n, "Cooperativa Nueva", 10, 0, ES)
        .await
        .unwrap();
    assert!(line[0].has_master_contract && line[0].billing_cycle == Some(15));
    let refused = customers::create(n, "diego.rojas", &customers::CustomerInput::default(), ES)
        .await
        .unwrap_err();
    assert_eq!(refused.code(), ErrorCode::NotAllowed);
}

#[tokio::test]
async fn the_ruc_check_and_the_catalogue_speak_the_users_language() {
    let ok = ruc::check_ruc(" 80028061-0 ", ES);
    assert!(ok.valid);
    assert_eq!(ok.normalized.as_deref(), Some("80028061-0"));
    let wrong = ruc::check_ruc("80028061-1", EN);
    assert!(!wrong.valid);
    assert_eq!(
        (wrong.expected_digit, wrong.code),
        (Some(0), Some(ErrorCode::RucCheckDigit))
    );
    assert!(wrong.message.contains("check digit"));
    let bad = ruc::check_ruc("abc", ES);
    assert_eq!(
        (bad.expected_digit, bad.code),
        (None, Some(ErrorCode::RucMalformed))
    );

    let env = demo_env().await;
    let es = catalogue::catalogue(&env.nimbo, ES).await.unwrap();
    assert_eq!(es.plans.len(), 4);
    assert!(
        es.risks
            .iter()
            .any(|r| r.code == "no-backup" && r.name.starts_with("Sin"))
    );
    assert_eq!((es.roles.len(), es.segments.len()), (11, 3));
    let en = catalogue::catalogue(&env.nimbo, EN).await.unwrap();
    assert!(en.risks.iter().any(|r| r.name == "No backup policy"));
    let blank = Env::blank().await;
    let err = catalogue::catalogue(&blank.nimbo, ES).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotInitialised);
}
