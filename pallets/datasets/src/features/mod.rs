//! The logic of each feature of the registry.

mod lifecycle;
mod lineage;
mod register;
pub mod validate;
