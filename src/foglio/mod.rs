//! Spreadsheets in and out (issue 17): the generic pieces an import stands on.

pub mod celle;
pub mod json;
