//! The cleaning stages, one module each. Each has a plain config struct with defaults that
//! builds the running stage (regexes and word lists compiled once, there).
pub mod boilerplate;
pub mod headings;
pub mod normalize;
pub mod structure;

pub use boilerplate::{Boilerplate, BoilerplateConfig};
pub use headings::{Headings, HeadingsConfig};
pub use normalize::{NormalizeConfig, Normalizer};
pub use structure::{ArticleConfig, Structure};
