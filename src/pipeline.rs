//! The [`Stage`] trait and the [`Pipeline`] that runs stages in order.
use crate::apply::{Cleaned, apply};
use crate::document::Document;
use crate::dump::DumpStats;
use crate::error::Result;
use crate::lang::Lexicon;
use crate::phrases::{Matcher, PhrasesConfig};
use crate::stages::{ArticleConfig, BoilerplateConfig, HeadingsConfig, NormalizeConfig};

/// What a stage may read besides the document: shared word lists, and statistics of the whole
/// dump when the caller collected them.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub lexicon: &'a Lexicon,
    /// The boilerplate phrase lists, compiled.
    pub phrases: &'a Matcher,
    pub dump: Option<&'a DumpStats>,
}

/// One step of cleaning. A stage reads the document's current view and adds annotations;
/// it never edits text in place.
pub trait Stage: Send + Sync {
    /// The stage's name, the prefix of its rule ids.
    fn name(&self) -> &'static str;
    fn annotate(&self, doc: &mut Document, cx: &Context);
}

/// The settings of every stage. Every field has a sensible default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub phrases: PhrasesConfig,
    pub normalize: NormalizeConfig,
    pub headings: HeadingsConfig,
    pub boilerplate: BoilerplateConfig,
    pub article: ArticleConfig,
}

/// The stages in order: normalize → headings → boilerplate → article.
pub struct Pipeline {
    normalizer: Box<dyn Stage>,
    stages: Vec<Box<dyn Stage>>,
    lexicon: &'static Lexicon,
    phrases: Matcher,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<_> = std::iter::once(self.normalizer.name())
            .chain(self.stages.iter().map(|s| s.name()))
            .collect();
        f.debug_struct("Pipeline").field("stages", &names).finish()
    }
}

impl Pipeline {
    pub fn new(config: &Config) -> Result<Pipeline> {
        Ok(Pipeline {
            normalizer: Box::new(config.normalize.build()),
            stages: vec![
                Box::new(config.headings.build()),
                Box::new(config.boilerplate.build()?),
                Box::new(config.article.build()),
            ],
            lexicon: Lexicon::builtin(),
            phrases: config.phrases.build()?,
        })
    }

    /// The names of the stages, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        std::iter::once(self.normalizer.name())
            .chain(self.stages.iter().map(|s| s.name()))
            .collect()
    }

    fn context<'a>(&'a self, dump: Option<&'a DumpStats>) -> Context<'a> {
        Context {
            lexicon: self.lexicon,
            phrases: &self.phrases,
            dump,
        }
    }

    /// Runs the normalizer only and guesses the language: what the dump-wide first pass needs.
    pub fn normalize(&self, doc: &mut Document) {
        let cx = self.context(None);
        self.normalizer.annotate(doc, &cx);
        let live = doc.live();
        let langs = self.lexicon.guess(
            live.iter()
                .flat_map(|&i| doc.text(i).split_whitespace())
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())),
        );
        doc.set_langs(langs);
    }

    /// The dump-wide statistics of a set of documents (the first pass over a dump).
    pub fn dump_stats<'a>(&self, docs: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> DumpStats {
        let mut stats = DumpStats::new();
        for (source, bytes) in docs {
            let mut doc = Document::from_bytes(source, bytes);
            self.normalize(&mut doc);
            stats.add(&doc);
        }
        stats
    }

    /// Runs every stage over `doc`.
    pub fn run(&self, doc: &mut Document, dump: Option<&DumpStats>) {
        self.normalize(doc);
        let cx = self.context(dump);
        for stage in &self.stages {
            stage.annotate(doc, &cx);
        }
    }

    /// Decodes, runs every stage and applies the annotations.
    pub fn clean_bytes(&self, source: &str, bytes: &[u8], dump: Option<&DumpStats>) -> Cleaned {
        let mut doc = Document::from_bytes(source, bytes);
        self.run(&mut doc, dump);
        apply(&doc).with_stages(&self.stage_names())
    }
}
