//! Billing's records (DOMAIN §5): holidays, professional hours, adjustments, imported
//! consumption, locked periods with their lines, invoices with their payments, and customers'
//! statements with their versions. Each
//! is read and written as the domain's type; nothing is decided here.

pub mod adjustments;
pub mod consumption;
pub mod holidays;
pub mod hours;
pub mod invoices;
pub mod locks;
pub mod statements;
