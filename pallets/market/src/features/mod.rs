//! The logic of each feature of the market.

mod grants;
mod offers;
mod purchase;
pub mod split;
