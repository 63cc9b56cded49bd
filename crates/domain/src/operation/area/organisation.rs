//! The organisation's profile: setting it up with its first administrator, and its logo.

use serde_json::json;

use crate::order::AttachmentRef;
use crate::organisation::{self, check_logo};
use crate::permission::Action;

use super::super::records::{Record, RecordKey, Records};
use super::super::{Command, EntityKind, Outcome, Refusal};
use super::{Area, Context, misrouted, users};

/// The organisation's commands.
pub(super) struct Organisation;

impl Area for Organisation {
    fn wanted(&self, command: &Command, _view: &dyn Records) -> Vec<RecordKey> {
        match command {
            Command::InitOrganisation { admin, .. } => {
                vec![
                    RecordKey::Organisation,
                    RecordKey::User(admin.username.clone()),
                ]
            }
            _ => vec![RecordKey::Organisation],
        }
    }

    fn apply(&self, command: &Command, cx: &Context<'_>) -> Result<Outcome, Refusal> {
        match command {
            Command::InitOrganisation {
                name,
                ruc,
                admin,
                logo,
                demo,
            } => {
                if let Some(existing) = cx.view.organisation() {
                    return Err(Refusal::AlreadyInitialised {
                        name: existing.name,
                    });
                }
                let mut org =
                    organisation::validate(name, ruc, *demo, cx.at).map_err(Refusal::invalid)?;
                if let Some(logo) = logo {
                    check_logo(logo).map_err(Refusal::invalid)?;
                    org.logo = Some(logo.clone());
                }
                let changes = json!({ "name": org.name, "ruc": org.ruc, "admin": admin.username,
                                      "demo": demo, "logo": org.logo });
                let mut records = vec![Record::Organisation(org)];
                // The server's administrator sends it; the laptop's first administrator
                // becomes a user unless one of that name exists.
                if cx.view.user(&admin.username).is_none() {
                    records.push(Record::User(users::user_record(admin)?));
                }
                // The catalogue's initial content (DOMAIN §3, §7) and Paraguay's holidays
                // start as records of the organisation, so that the server and every laptop
                // that replays the set-up hold the same ones, each then changed by commands.
                records.extend(
                    crate::operation::initial_plan_records()
                        .into_iter()
                        .map(Record::Plan),
                );
                records.extend(
                    crate::catalogue::initial_risks()
                        .into_iter()
                        .map(Record::Risk),
                );
                records.extend(
                    crate::billing::holidays_py::seed_holidays()
                        .into_iter()
                        .map(Record::Holiday),
                );
                Ok(Outcome {
                    records,
                    changes,
                    ..Outcome::default()
                })
            }
            Command::SetOrganisationLogo { logo } => {
                let mut org = cx
                    .view
                    .organisation()
                    .ok_or_else(|| Refusal::unknown(EntityKind::Organisation, "organización"))?;
                if let Some(logo) = logo {
                    check_logo(logo).map_err(Refusal::invalid)?;
                }
                let previous = std::mem::replace(&mut org.logo, logo.clone());
                Ok(Outcome::one(Record::Organisation(org))
                    .noting(json!({ "logo": logo, "previous": previous })))
            }
            _ => Err(misrouted()),
        }
    }

    // On a laptop the first administrator sets the organisation up before anyone can sign
    // in; on the server the administrator already exists and must hold the role.
    fn action(&self, _command: &Command) -> Option<Action> {
        Some(Action::EditOrganisation)
    }

    fn history_action(&self, command: &Command) -> &'static str {
        match command {
            Command::SetOrganisationLogo { logo: Some(_) } => "organisation.logo_set",
            Command::SetOrganisationLogo { logo: None } => "organisation.logo_removed",
            _ => "organisation.initialised",
        }
    }

    fn attachments<'c>(&self, command: &'c Command) -> Vec<&'c AttachmentRef> {
        match command {
            Command::InitOrganisation { logo, .. } | Command::SetOrganisationLogo { logo } => {
                logo.iter().collect()
            }
            _ => Vec::new(),
        }
    }
}
