//! The consumption importer's stories: real-shaped files (generated) and hand-made ones,
//! malformed on purpose, each problem found at its line and column.

mod files;
mod generated;
mod periods;
mod problems;
mod support;
