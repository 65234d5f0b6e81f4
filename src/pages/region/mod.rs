//! The region page (browser): see `model` for what it shows.

pub mod model;
