//! `nimbo customer …`.

use nimbo_app::customers::{self, CustomerPage};
use nimbo_domain::customer::{
    Customer, CustomerDraft, CustomerPatch, MasterContractDraft, RepresentativeDraft,
    cycle_warning, document_shown,
};

use crate::args::CustomerCommand;
use crate::output::{fields, json, table};
use crate::{CliError, Ctx};

fn print_customer(ctx: &Ctx, c: &Customer) {
    let account = c
        .billing_account
        .as_ref()
        .map(|a| format!("{} ({} {})", a.number, ctx.t("ciclo", "cycle"), a.cycle))
        .unwrap_or_else(|| ctx.t("sin registrar", "not recorded").into());
    let contract = c
        .master_contract
        .as_ref()
        .map(|m| {
            format!(
                "{} ({} {})",
                m.reference,
                ctx.t("firmado el", "signed on"),
                m.signed_on.format("%d/%m/%Y")
            )
        })
        .unwrap_or_else(|| ctx.t("sin registrar", "not recorded").into());
    fields(&[
        (ctx.t("Razón social", "Legal name"), c.name.clone()),
        ("RUC", c.ruc.to_string()),
        (
            ctx.t("Segmento", "Segment"),
            c.segment.name(ctx.lang).into(),
        ),
        (
            ctx.t("Dirección", "Address"),
            c.address
                .clone()
                .unwrap_or_else(|| ctx.t("sin registrar", "not recorded").into()),
        ),
        (ctx.t("Cuenta de facturación", "Billing account"), account),
        (ctx.t("Contrato Marco", "Master contract"), contract),
    ]);
    if let Some(warning) = c
        .billing_account
        .as_ref()
        .and_then(|a| cycle_warning(a.cycle, ctx.lang))
    {
        say!("{warning}");
    }
    if !c.representatives.is_empty() {
        say!(
            "{}",
            ctx.t("Representantes legales:", "Legal representatives:")
        );
        for r in &c.representatives {
            say!(
                "  - {} ({}), {}, {}",
                r.name,
                document_shown(&r.document, ctx.lang),
                r.email,
                r.phone
            );
        }
    }
}

/// A list of customers, as a table or JSON.
fn print_list(ctx: &Ctx, list: &[Customer]) {
    if ctx.json {
        json(&list);
        return;
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|c| {
            vec![
                c.ruc.to_string(),
                c.name.clone(),
                c.segment.name(ctx.lang).into(),
                ctx.t(
                    if c.has_master_contract() { "sí" } else { "no" },
                    if c.has_master_contract() { "yes" } else { "no" },
                )
                .into(),
            ]
        })
        .collect();
    table(
        &[
            "RUC",
            ctx.t("razón social", "legal name"),
            ctx.t("segmento", "segment"),
            ctx.t("contrato marco", "master contract"),
        ],
        &rows,
    );
}

/// A customer with its subscriptions, as text or JSON.
fn print_page(ctx: &Ctx, page: &CustomerPage) {
    if ctx.json {
        json(page);
        return;
    }
    print_customer(ctx, &page.customer);
    for s in &page.subscriptions {
        say!(
            "{} {} — {} {} — {}",
            ctx.t("Suscripción", "Subscription"),
            s.subscriber_id,
            ctx.t("activa desde", "active since"),
            s.activation_date.format("%d/%m/%Y"),
            s.aws_accounts.join(", ")
        );
    }
}

/// Runs a customer command.
pub async fn run(ctx: &Ctx, command: CustomerCommand) -> Result<u8, CliError> {
    let nimbo = ctx.open().await?;
    let changed = match command {
        CustomerCommand::List {
            search,
            limit,
            offset,
        } => {
            let list = customers::search(&nimbo, &search, limit, offset)
                .await
                .map_err(|e| ctx.fail(e))?;
            print_list(ctx, &list);
            None
        }
        CustomerCommand::Show { ruc } => {
            let page = customers::show(&nimbo, &ruc)
                .await
                .map_err(|e| ctx.fail(e))?;
            print_page(ctx, &page);
            None
        }
        CustomerCommand::Add {
            name,
            ruc,
            segment,
            address,
            billing_account,
            cycle,
        } => {
            let draft = CustomerDraft {
                name,
                ruc,
                segment,
                address,
                billing_account,
                billing_cycle: cycle,
            };
            Some(customers::create(&nimbo, ctx.actor()?, &draft).await)
        }
        CustomerCommand::Edit {
            ruc,
            name,
            segment,
            address,
            billing_account,
            cycle,
        } => {
            let patch = CustomerPatch {
                name,
                segment,
                address,
                billing_account,
                billing_cycle: cycle,
            };
            Some(customers::edit(&nimbo, ctx.actor()?, &ruc, &patch).await)
        }
        CustomerCommand::AddRep {
            ruc,
            name,
            document,
            email,
            phone,
        } => {
            let draft = RepresentativeDraft {
                name,
                document,
                email,
                phone,
            };
            Some(customers::add_representative(&nimbo, ctx.actor()?, &ruc, &draft).await)
        }
        CustomerCommand::EditRep {
            ruc,
            rep,
            name,
            document,
            email,
            phone,
        } => {
            let current = customers::show(&nimbo, &ruc)
                .await
                .map_err(|e| ctx.fail(e))?
                .customer;
            // Unnamed options keep the current value; an unknown representative is refused
            // by the use case with the customer's name.
            let was = customers::find_representative(&current, &rep).ok();
            let keep = |given: Option<String>, old: Option<&String>| {
                given.or_else(|| old.cloned()).unwrap_or_default()
            };
            let draft = RepresentativeDraft {
                name: keep(name, was.map(|r| &r.name)),
                document: keep(document, was.map(|r| &r.document)),
                email: keep(email, was.map(|r| &r.email)),
                phone: keep(phone, was.map(|r| &r.phone)),
            };
            Some(customers::correct_representative(&nimbo, ctx.actor()?, &ruc, &rep, &draft).await)
        }
        CustomerCommand::RemoveRep { ruc, rep } => {
            Some(customers::remove_representative(&nimbo, ctx.actor()?, &ruc, &rep).await)
        }
        CustomerCommand::Contract {
            ruc,
            signed_on,
            reference,
        } => {
            let draft = MasterContractDraft {
                signed_on,
                reference,
            };
            Some(customers::record_master_contract(&nimbo, ctx.actor()?, &ruc, &draft).await)
        }
    };
    if let Some(result) = changed {
        let customer = result.map_err(|e| ctx.fail(e))?;
        if ctx.json {
            json(&customer);
        } else {
            print_customer(ctx, &customer);
        }
    }
    nimbo.close().await;
    Ok(0)
}
