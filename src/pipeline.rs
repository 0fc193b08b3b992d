//! The [`Stage`] trait and the [`Pipeline`] that runs stages in order.
use crate::apply::{Cleaned, apply};
use crate::document::{Action, Document};
use crate::dump::DumpStats;
use crate::error::Result;
use crate::lang::Lexicon;
use crate::meta::MetaPatterns;
use crate::phrases::{Matcher, PhrasesConfig};
use crate::stages::{
    ArticleConfig, Boilerplate, BoilerplateConfig, Headings, HeadingsConfig, NormalizeConfig,
    Normalizer, Structure,
};

/// What a stage may read besides the document: shared word lists, and statistics of the whole
/// dump when the caller collected them.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub lexicon: &'a Lexicon,
    /// The boilerplate phrase lists, compiled.
    pub phrases: &'a Matcher,
    /// Byline and dateline patterns, compiled.
    pub meta: &'a MetaPatterns,
    pub dump: Option<&'a DumpStats>,
    /// Measure what the line classifier reads of each line's own text along with the rest
    /// (see [`crate::document::Document::analyze`]): true when the classifier runs.
    pub own_text: bool,
    /// Which pipeline this is, for the per-thread cache of line measurements.
    pub(crate) pipeline: u64,
}

/// One step of cleaning. A stage reads the document's current view and adds annotations;
/// it never edits text in place.
pub trait Stage: Send + Sync {
    /// The stage's name, the prefix of its rule ids.
    fn name(&self) -> &'static str;
    fn annotate(&self, doc: &mut Document, cx: &Context);
}

/// The settings of every stage. Every field has a sensible default.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    pub phrases: PhrasesConfig,
    pub normalize: NormalizeConfig,
    pub headings: HeadingsConfig,
    pub boilerplate: BoilerplateConfig,
    pub article: ArticleConfig,
}

/// How many times the clean text is cleaned again to settle context-dependent decisions.
const MAX_SETTLE_ROUNDS: usize = 16;

/// Numbers pipelines (from 1) for [`Context::pipeline`].
static NEXT_PIPELINE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// The stages in order: normalize → headings → boilerplate → article.
pub struct Pipeline {
    normalizer: Normalizer,
    headings: Headings,
    boilerplate: Boilerplate,
    structure: Structure,
    lexicon: &'static Lexicon,
    phrases: Matcher,
    meta: MetaPatterns,
    id: u64,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline")
            .field("stages", &self.stage_names())
            .finish()
    }
}

impl Pipeline {
    pub fn new(config: &Config) -> Result<Pipeline> {
        Ok(Pipeline {
            normalizer: config.normalize.build(),
            headings: config.headings.build(),
            boilerplate: config.boilerplate.build()?,
            structure: config.article.build(),
            lexicon: Lexicon::builtin(),
            phrases: config.phrases.build()?,
            meta: MetaPatterns::new(),
            id: NEXT_PIPELINE.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        })
    }

    /// The stages after the normalizer, in order.
    fn stages(&self) -> [&dyn Stage; 3] {
        [&self.headings, &self.boilerplate, &self.structure]
    }

    /// The names of the stages, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        std::iter::once(self.normalizer.name())
            .chain(self.stages().iter().map(|s| s.name()))
            .collect()
    }

    pub(crate) fn context<'a>(&'a self, dump: Option<&'a DumpStats>) -> Context<'a> {
        Context {
            lexicon: self.lexicon,
            phrases: &self.phrases,
            meta: &self.meta,
            dump,
            own_text: self.boilerplate.classifies(),
            pipeline: self.id,
        }
    }

    /// Runs the normalizer only and guesses the language: what the dump-wide first pass needs.
    pub fn normalize(&self, doc: &mut Document) {
        let cx = self.context(None);
        self.normalizer.annotate(doc, &cx);
    }

    /// Measures the lines and guesses the document's language from their stopwords (the
    /// first 4,000 words or so).
    fn analyze(&self, doc: &mut Document, cx: &Context) {
        doc.analyze(cx);
        let mut hits = [0u32; 8];
        let mut words = 0;
        for i in doc.live() {
            let shape = &doc.info(i).shape;
            for (h, &n) in hits.iter_mut().zip(&shape.lang_hits) {
                *h += u32::from(n);
            }
            words += shape.words;
            if words >= 4000 {
                break;
            }
        }
        let langs = self.lexicon.pick(&hits);
        doc.set_langs(langs);
    }

    /// The fold hashes of a document's paragraphs (running text of at least
    /// [`crate::dedup::PARAGRAPH_WORDS`] words) that occur in more than one document of the
    /// dump: the candidates of paragraph deduplication.
    pub fn paragraph_hashes(
        &self,
        source: &str,
        decoded: &crate::io::Decoded,
        dump: &DumpStats,
    ) -> Vec<u64> {
        let mut doc = Document::from_bytes(source, &decoded.bytes);
        self.normalize(&mut doc);
        let cx = self.context(Some(dump));
        self.analyze(&mut doc, &cx);
        let mut out: Vec<u64> = doc
            .live()
            .into_iter()
            .map(|i| doc.info(i))
            .filter(|i| i.prose && i.shape.words >= crate::dedup::PARAGRAPH_WORDS)
            .map(|i| i.fold_hash)
            .filter(|&h| dump.line_documents_of_hash(h) >= 2)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// What a light deduplication (`rinse dedup --light`) signs instead of a cleaned article:
    /// the normalized lines of a document without the dump's template lines (see
    /// [`crate::dedup::is_template_line`]), one per line; a page that is all template, whole.
    /// No line is measured and no classifier runs, so this costs a fraction of cleaning.
    pub fn template_free_text(&self, source: &str, bytes: &[u8], dump: &DumpStats) -> String {
        let mut doc = Document::from_bytes(source, bytes);
        self.normalize(&mut doc);
        let live = doc.live();
        let mut out = String::new();
        for &i in &live {
            let text = doc.text(i);
            if !crate::dedup::is_template_line(text, dump) {
                out.push_str(text);
                out.push('\n');
            }
        }
        if out.is_empty() {
            for &i in &live {
                out.push_str(doc.text(i));
                out.push('\n');
            }
        }
        out
    }

    /// The dump-wide statistics of a set of documents (the first pass over a dump), as
    /// `rinse clean` counts them.
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
    ///
    /// Then the clean text is cleaned again, and what that second cleaning would remove is
    /// removed here too (with its rule, and a reason that says so), until nothing changes: so
    /// cleaning rinse's own output changes nothing, even where a decision depends on the lines
    /// around it.
    pub fn run(&self, doc: &mut Document, dump: Option<&DumpStats>) {
        self.run_with(doc, dump, None);
    }

    /// [`Pipeline::run`] with one more stage after the boilerplate stage (the dump-wide
    /// paragraph deduplication, which needs what came before this document).
    pub fn run_with(
        &self,
        doc: &mut Document,
        dump: Option<&DumpStats>,
        extra: Option<&dyn Stage>,
    ) {
        self.normalize(doc);
        let cx = self.context(dump);
        self.analyze(doc, &cx);
        self.headings.annotate(doc, &cx);
        self.boilerplate.annotate(doc, &cx);
        if let Some(extra) = extra {
            extra.annotate(doc, &cx);
        }
        self.structure.annotate(doc, &cx);
        if self.structure.settles() {
            for _round in 0..MAX_SETTLE_ROUNDS {
                if !self.settle(doc, &cx) {
                    break;
                }
            }
        }
    }

    /// Cleans the current clean text again; removes what that removes. Returns whether it
    /// removed anything.
    fn settle(&self, doc: &mut Document, cx: &Context) -> bool {
        let blocks = crate::apply::block_lines(doc);
        if blocks.is_empty() {
            return false;
        }
        let mut text = String::new();
        for (k, &i) in blocks.iter().enumerate() {
            if k > 0 {
                text.push_str("\n\n");
            }
            text.push_str(doc.text(i));
        }
        let mut again = Document::from_bytes(doc.source(), text.as_bytes());
        // Its reasons name the lines of the source (a block's blank line after it, its own).
        let numbers: Box<[usize]> = (0..again.len())
            .map(|j| doc.line_number(blocks[(j / 2).min(blocks.len() - 1)]))
            .collect();
        again.set_line_numbers(numbers);
        again.inherit_metadata_lines(doc);
        self.normalize(&mut again);
        // The lines are the same texts as before: reuse their measurements.
        for (k, &i) in blocks.iter().enumerate() {
            if again.text(2 * k) == doc.text(i)
                && let Some(info) = doc.cached_info(i)
            {
                again.set_info(2 * k, *info);
                if let Some(own) = doc.own_text(i) {
                    again.set_own_text(2 * k, own.clone());
                }
            }
        }
        self.analyze(&mut again, cx);
        for stage in self.stages() {
            stage.annotate(&mut again, cx);
        }
        let mut removed_any = false;
        for a in again.annotations() {
            if (a.line - 1) % 2 != 0 {
                continue;
            }
            let i = blocks[(a.line - 1) / 2];
            match &a.action {
                Action::Remove => {
                    removed_any |= doc.remove(
                        i,
                        a.rule,
                        format!("{} (found when the clean text was cleaned again)", a.reason),
                    );
                }
                Action::Metadata(field, value) => {
                    doc.metadata(i, *field, value.clone(), a.rule, a.reason.clone());
                }
                // The classifier's verdicts of this pass count too: a report shows a kept
                // line's closest call.
                &Action::Keep { score, threshold } => doc.keep(i, a.rule, score, threshold),
                _ => {}
            }
        }
        if removed_any {
            // Roles around the removed lines may have changed: mark them again.
            self.structure.annotate(doc, cx);
        }
        removed_any
    }

    /// Runs the stages up to the boilerplate stage's rules and returns what the line classifier
    /// sees there: the live lines' indices, their vectors (see [`crate::features`]), and whether
    /// each has a role already (the title, protected structure), which the classifier leaves alone.
    pub fn features(
        &self,
        doc: &mut Document,
        dump: Option<&DumpStats>,
    ) -> (Vec<usize>, Vec<f32>, Vec<bool>) {
        self.normalize(doc);
        let cx = self.context(dump);
        self.analyze(doc, &cx);
        self.headings.annotate(doc, &cx);
        self.boilerplate.rules(doc, &cx);
        let (live, x) = crate::features::extract(doc, &cx);
        let protected = live.iter().map(|&i| doc.role(i).is_some()).collect();
        (live, x, protected)
    }

    /// Reads `bytes` as UTF-8, runs every stage and applies the annotations.
    pub fn clean_bytes(&self, source: &str, bytes: &[u8], dump: Option<&DumpStats>) -> Cleaned {
        let mut doc = Document::from_bytes(source, bytes);
        self.run(&mut doc, dump);
        doc.release_measurements();
        apply(&doc).with_stages(&self.stage_names())
    }

    /// Cleans decoded input (see [`crate::io::decode`]): a transcoded input is noted, and its
    /// record names the encoding.
    pub fn clean_decoded(
        &self,
        source: &str,
        decoded: &crate::io::Decoded,
        dump: Option<&DumpStats>,
    ) -> Cleaned {
        self.clean_decoded_with(source, decoded, dump, None)
    }

    /// [`Pipeline::clean_decoded`] with one more stage (see [`Pipeline::run_with`]).
    pub fn clean_decoded_with(
        &self,
        source: &str,
        decoded: &crate::io::Decoded,
        dump: Option<&DumpStats>,
        extra: Option<&dyn Stage>,
    ) -> Cleaned {
        let mut doc = Document::from_bytes(source, &decoded.bytes);
        if let Some(how) = decoded.how {
            let replaced = match decoded.replaced {
                0 => String::new(),
                n => format!("; {n} undecodable byte sequences replaced by U+FFFD"),
            };
            doc.note(
                None,
                "normalize/encoding",
                format!("decoded from {} ({how}){replaced}", decoded.encoding),
            );
        }
        self.run_with(&mut doc, dump, extra);
        doc.release_measurements();
        let mut cleaned = apply(&doc).with_stages(&self.stage_names());
        cleaned.encoding = decoded.encoding;
        cleaned.transcoded = decoded.transcoded();
        cleaned
    }
}
