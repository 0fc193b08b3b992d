//! The cleaning stages, one module each. Each has a plain config struct with defaults that
//! builds the running stage (regexes and word lists compiled once, there).
pub mod boilerplate;
pub mod headings;
pub mod homoglyphs;
pub mod markdown;
pub mod normalize;
pub mod reader;
pub mod structure;
pub mod tags;
pub mod unwrap;

pub use boilerplate::{Boilerplate, BoilerplateConfig};
pub use headings::{Headings, HeadingsConfig};
pub use normalize::{NormalizeConfig, Normalizer};
pub use structure::{ArticleConfig, Structure};

use crate::analysis::LineInfo;
use crate::document::{Document, Role, Rule};
use crate::pipeline::Context;
use crate::text::Shape;

/// The live lines of `doc` (kept, not blank) and their measurements.
pub(crate) fn live_infos(doc: &mut Document, cx: &Context) -> (Vec<usize>, Vec<LineInfo>) {
    doc.analyze(cx);
    let live = doc.live();
    let infos = live.iter().map(|&i| *doc.info(i)).collect();
    (live, infos)
}

/// The live lines of `doc` (kept, not blank) and their shapes.
pub(crate) fn live_shapes(doc: &mut Document, cx: &Context) -> (Vec<usize>, Vec<Shape>) {
    let (live, infos) = live_infos(doc, cx);
    (live, infos.iter().map(|i| i.shape).collect())
}

/// Lines that became neighbours when the lines between them were removed: the same text twice
/// in a row (in reading order, where the title comes first wherever it stood) is one block.
pub(crate) fn remove_repeated_neighbours(doc: &mut Document, cx: &Context, rule: Rule) {
    doc.analyze(cx);
    let live: Vec<usize> = doc
        .live()
        .into_iter()
        .filter(|&i| doc.role(i) != Some(Role::Title))
        .collect();
    let mut prev: Option<(usize, u64)> = None;
    for i in live {
        let folded = doc.info(i).fold_hash;
        match prev {
            Some((p, f)) if f == folded => {
                doc.remove(
                    i,
                    rule,
                    format!("the same text as line {} just above", doc.line_number(p)),
                );
            }
            _ => prev = Some((i, folded)),
        }
    }
}
