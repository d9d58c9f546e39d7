//! liseuse: a terminal reader for archives of news articles.

pub mod app;
pub mod article;
pub mod check;
pub mod cli;
pub mod command;
pub mod config;
pub mod event;
pub mod external;
pub mod find;
pub mod fold;
pub mod foreground;
pub mod fulltext;
pub mod key;
pub mod layout;
pub mod listing;
pub mod loader;
pub mod query;
pub mod ranking;
pub mod reading;
pub mod safe_file;
pub mod sanitize;
pub mod store;
pub mod theme;
pub mod tui;
pub mod typeset;
pub mod ui;
