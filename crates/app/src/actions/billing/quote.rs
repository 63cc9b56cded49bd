//! The pre-sales calculator: what a month will cost, on the same code as the run, priced
//! with this database's catalogue and holidays.

use nimbo_domain::billing::{Quote, QuoteRequest, quote as quoted};
use nimbo_domain::catalogue::PlanPrice;
use nimbo_store::catalogue;

use crate::context::require;
use crate::{AppError, Nimbo};

/// The quote of a request.
pub async fn quote(nimbo: &Nimbo, request: &QuoteRequest) -> Result<Quote, AppError> {
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await?;
    let prices: Vec<PlanPrice> = catalogue::plan_records(&mut conn)
        .await?
        .into_iter()
        .flat_map(|p| p.prices)
        .collect();
    let holidays = super::calendar(&mut conn).await?;
    quoted(request, &prices, &holidays).map_err(AppError::Quote)
}
