//! The catalogue as people pick from it: the plans an offer may contract and the risks a
//! customer may accept.

use nimbo_domain::catalogue::{Plan, Risk};
use nimbo_store::catalogue;

use crate::context::require;
use crate::{AppError, Nimbo};

/// The plans, each at its latest price.
pub async fn plans(nimbo: &Nimbo) -> Result<Vec<Plan>, AppError> {
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await?;
    Ok(catalogue::plans(&mut conn).await?)
}

/// The risks a customer may accept.
pub async fn risks(nimbo: &Nimbo) -> Result<Vec<Risk>, AppError> {
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await?;
    Ok(catalogue::risks(&mut conn).await?)
}
