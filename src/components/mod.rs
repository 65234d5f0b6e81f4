//! Shared views (browser): page shell, data status, filter bar.

pub mod filter_bar;
pub mod shell;
pub mod status;
