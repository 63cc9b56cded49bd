//! Stored files: a file reaches the records, by its hash, before any fact refers to it.

use serde_json::json;

use crate::order::AttachmentRef;
use crate::permission::Action;

use super::super::records::{RecordKey, Records};
use super::super::{Command, Outcome, Refusal};
use super::{Area, Context, misrouted};

/// The stored files' command.
pub(super) struct Files;

impl Area for Files {
    fn wanted(&self, _command: &Command, _view: &dyn Records) -> Vec<RecordKey> {
        Vec::new()
    }

    // The file itself is checked by the caller; it changes no record.
    fn apply(&self, command: &Command, _cx: &Context<'_>) -> Result<Outcome, Refusal> {
        match command {
            Command::StoreAttachment { attachment } => {
                Ok(Outcome::default().noting(json!({ "attachment": attachment })))
            }
            _ => Err(misrouted()),
        }
    }

    // Any active user may store a file: only a later fact that refers to it gives it
    // meaning, and that fact is checked.
    fn action(&self, _command: &Command) -> Option<Action> {
        None
    }

    fn history_action(&self, _command: &Command) -> &'static str {
        "attachment.stored"
    }

    fn attachments<'c>(&self, command: &'c Command) -> Vec<&'c AttachmentRef> {
        match command {
            Command::StoreAttachment { attachment } => vec![attachment],
            _ => Vec::new(),
        }
    }
}
