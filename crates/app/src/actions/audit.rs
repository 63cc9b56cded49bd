//! Verifying the audit trail: every device's hash chain, from its first event.

use nimbo_store::audit::{self, Verification};

use crate::context::require;
use crate::{AppError, Nimbo};

/// Walks the whole trail and reports the first broken link, if any.
pub async fn verify(nimbo: &Nimbo) -> Result<Verification, AppError> {
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await?;
    Ok(audit::verify(&mut conn).await?)
}
