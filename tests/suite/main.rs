//! Every integration test, in one binary: one link instead of one per file, which keeps a
//! clean `cargo test` quick and its target folder small.

mod common;

mod app;
mod cache;
mod cli;
mod config;
mod dispatches;
mod e2e;
mod fields;
mod formats;
mod fulltext;
mod fuzz;
mod loader;
mod marks;
mod own_files;
mod parts;
mod query;
mod ranking;
mod reading;
mod related;
mod render;
mod store;
mod texts;
mod timeline;
