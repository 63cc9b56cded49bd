//! Documents in the window: the order manager generates the service acceptance act,
//! opens it in the app's viewer, the customer's representative and the order manager sign
//! it by drawing on the laptop, and step 20 completes with no file attached; the KAM
//! generates the risk acceptance act and attaches its signed scan, and step 9 then needs
//! only the signed offer. «Firmas pendientes» lists what is still unsigned.

use nimbo_testkit::dates::days_ago;

use crate::harness::App;
use crate::office::{
    KAM, ORDER_MANAGER, PRESALES, current_step, from_signature_to, office, open_order, step,
    to_the_offer_decision,
};

const ACT: &str = "section.doc[data-kind=\"acceptance_act\"]";
const RISKS: &str = "section.doc[data-kind=\"risk_act\"]";

/// Has `party` sign the acceptance act on the laptop, drawing in the signature box.
async fn sign_in_person(app: &App, party: &str) {
    app.click(&format!(
        "{ACT} li[data-party=\"{party}\"] [data-action=\"sign\"]"
    ))
    .await;
    app.find("#signature-pad").await;
    app.draw("#signature-canvas").await;
    let strokes = app
        .attr("#signature-canvas", "data-strokes")
        .await
        .unwrap_or_default();
    assert_ne!(strokes, "0", "the drawing should have left strokes");
    app.click("#confirm-signature").await;
    app.wait_gone("#signature-pad").await;
    app.find(&format!(
        "{ACT} li[data-party=\"{party}\"][data-state=\"signed\"]"
    ))
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]

async fn the_acceptance_act_signed_in_person_on_the_laptop_completes_step_20_without_a_file() {
    let desk = office(true);
    let order = open_order(&desk, "Hosting del portal de clientes");
    to_the_offer_decision(&desk, &order, false);
    from_signature_to(&desk, &order, 20);
    let app = App::launch(desk, "documents-acceptance").await;
    app.sign_in(ORDER_MANAGER).await;
    app.open_order(&order).await;

    // Not made yet; generating it issues version 1.
    app.find(&format!("{ACT}[data-state=\"none\"]")).await;
    app.click(&format!("{ACT} [data-action=\"generate\"]"))
        .await;
    app.find(&format!("{ACT}[data-state=\"issued\"]")).await;
    let card = app.text(ACT).await;
    assert!(
        card.contains("Diego Rojas"),
        "the organisation signs: {card}"
    );

    // The viewer draws every page of the PDF inside the app.
    app.click(&format!("{ACT} [data-action=\"open\"]")).await;
    let pages = app.viewer_drawn().await;
    assert!(pages >= 1);
    for button in ["#save-pdf", "#print-pdf", "#close-viewer"] {
        assert!(app.exists(button).await, "the viewer offers {button}");
    }
    app.screenshot("document-viewer").await;
    app.click("#close-viewer").await;
    app.wait_gone("#pdf-viewer").await;

    // Pending signatures list it until both have signed.
    app.nav("signatures").await;
    app.find(&format!(
        "#pending-signatures tr[data-order=\"{order}\"][data-kind=\"acceptance_act\"]"
    ))
    .await;
    app.screenshot("pending-signatures").await;
    app.open_row(&order).await;

    sign_in_person(&app, "customer").await;
    app.find(&format!("{ACT}[data-state=\"partially_signed\"]"))
        .await;
    app.click(&format!(
        "{ACT} li[data-party=\"organisation\"] [data-action=\"sign\"]"
    ))
    .await;
    app.find("#signature-pad").await;
    app.pause(300).await;
    app.screenshot("signature-pad").await;
    app.click("#clear-signature").await;
    app.click("button[type=button]:not(#clear-signature)").await;
    app.wait_gone("#signature-pad").await;
    sign_in_person(&app, "organisation").await;
    app.find(&format!("{ACT}[data-state=\"signed\"]")).await;
    // The signed rendering joins the original among the files.
    assert_eq!(
        app.all(&format!("{ACT} [data-action=\"open\"]"))
            .await
            .len(),
        3,
        "the original and one signed rendering per signature"
    );
    app.screenshot("document-signed").await;

    // The card's words: «Ver PDF», «Guardar PDF…», «Historial».
    let card = app.text(ACT).await;
    for words in ["Ver PDF", "Ver copia firmada", "Guardar PDF…", "Historial"] {
        assert!(
            card.contains(words),
            "the card should say «{words}»: {card}"
        );
    }

    // Step 20 now needs only the acceptance date: the act is signed in Nimbo, said as
    // the result, and no upload is offered; the date is typed day first.
    app.find("form.step-form[data-step=\"20\"]").await;
    let act = app
        .text("form.step-form [data-field=\"signed_acceptance_act\"]")
        .await;
    assert!(
        act.contains("✓ Firmada en Nimbo el ") && !app.exists("#f-signed_acceptance_act").await,
        "the signed act stands in for the upload: {act}"
    );
    assert_eq!(
        app.attr("#f-accepted_on", "placeholder").await.as_deref(),
        Some("dd/mm/aaaa")
    );
    let help = app
        .text("form.step-form [data-field=\"accepted_on\"] .help")
        .await;
    assert!(
        help.contains("dd/mm/aaaa"),
        "the help says the same order: {help}"
    );
    app.screenshot("order-step-signed-in-nimbo").await;
    app.fill("accepted_on", &days_ago(1)).await;
    app.complete_step().await;
    app.find("li[data-step=\"20\"][data-state=\"done\"]").await;
    assert_eq!(current_step(&app.desk, &order), Some(21));

    // Nothing waits for a signature any more, and the command line agrees.
    app.nav("signatures").await;
    app.find("#pending-signatures, .empty").await;
    assert!(
        !app.exists(&format!("#pending-signatures tr[data-order=\"{order}\"]"))
            .await,
        "the signed act should have left «Firmas pendientes»"
    );
    let listed = app.desk.cli(None, &["doc", "list", "--order", &order]);
    let text = listed.to_string();
    assert!(text.contains("\"signed\""), "{text}");
    app.desk.cli(None, &["audit", "verify"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_scan_of_the_risk_act_attached_in_the_window_lets_step_9_take_the_offer_alone() {
    let desk = office(true);
    let order = open_order(&desk, "AWS con riesgos aceptados");
    step(
        &desk,
        PRESALES,
        &order,
        &[
            ("needs", "Hosting del portal de clientes en AWS"),
            ("complex", "no"),
        ],
    );
    step(
        &desk,
        PRESALES,
        &order,
        &[("apn_opportunity_id", "O1234567")],
    );
    step(
        &desk,
        PRESALES,
        &order,
        &[
            ("offer_id", "0065f00000AbCdEFGH"),
            ("plans", "aws,aws-vip"),
            ("price_exception", "no"),
            ("risks", "no-backup,single-az"),
            (
                "risks_other",
                "El cliente administra sus propias llaves de cifrado",
            ),
        ],
    );
    assert_eq!(current_step(&desk, &order), Some(9));
    let scan = desk.pdf("riesgos-firmado.pdf");
    let offer = desk.pdf("oferta-firmada.pdf");
    let app = App::launch(desk, "documents-risks").await;
    app.sign_in(KAM).await;
    app.open_order(&order).await;

    app.click(&format!("{RISKS} [data-action=\"generate\"]"))
        .await;
    app.find(&format!("{RISKS}[data-state=\"issued\"]")).await;

    // A file that is not a PDF is refused by its content, and nothing changes.
    let fake = app.desk.dir().join("no-es-pdf.pdf");
    std::fs::write(&fake, "esto no es un PDF").unwrap_or_else(|e| panic!("{e}"));
    app.click(&format!("{RISKS} [data-action=\"attach\"]"))
        .await;
    app.find("#attach-dialog").await;
    app.find("#signed-copy")
        .await
        .send_keys(&fake.display().to_string())
        .await
        .unwrap_or_else(|e| panic!("cannot pick the file: {e}"));
    app.click("#confirm-attach").await;
    // The refusal is said inside the dialog, beside the file, in one sentence.
    let refusal = app.wait_text("#attach-dialog #attach-error", "PDF").await;
    assert!(refusal.contains("contenido"), "{refusal}");
    assert!(
        refusal.starts_with("El archivo") && !app.exists("#documents-error").await,
        "one sentence with its capital, in the dialog: {refusal}"
    );
    app.screenshot("attach-signed-copy-not-a-pdf").await;
    app.find(&format!("{RISKS}[data-state=\"issued\"]")).await;

    // The real scan, chosen in the same dialog, carrying both signatures (both ticked by
    // default).
    app.find("#signed-copy")
        .await
        .send_keys(&scan)
        .await
        .unwrap_or_else(|e| panic!("cannot pick the file: {e}"));
    app.pause(200).await;
    app.screenshot("attach-signed-copy").await;
    app.click("#confirm-attach").await;
    app.wait_gone("#attach-dialog").await;
    app.find(&format!("{RISKS}[data-state=\"signed\"]")).await;

    // Step 9 takes the signed offer alone.
    app.find("form.step-form[data-step=\"9\"]").await;
    app.fill("signed_offer", &offer).await;
    app.complete_step().await;
    app.find("li[data-step=\"9\"][data-state=\"done\"]").await;
    assert_eq!(current_step(&app.desk, &order), Some(10));
    let verdict = app
        .desk
        .cli(None, &["doc", "verify", "riesgos-firmado.pdf"]);
    assert_eq!(verdict["verdict"], "signed", "{verdict}");
}
