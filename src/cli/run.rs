//! Running the pipeline over the inputs of one call (one dump): a first pass for the dump-wide
//! statistics, then cleaning in input order. Shared by every subcommand.
use rinse::io::{Input, collect_inputs};
use rinse::{Cleaned, Config, Document, DumpStats, Pipeline};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The inputs of a call and the pipeline that cleans them.
pub struct Run {
    pub pipeline: Pipeline,
    pub inputs: Vec<Input>,
    /// Files that failed so far (named on standard error as they failed).
    pub failed: usize,
    stdin: Option<Vec<u8>>,
}

impl Run {
    /// Finds the inputs (a path that cannot be read is reported and counted) and builds the
    /// pipeline. `skip` is an output directory not to read back.
    pub fn new(
        config: &Config,
        paths: &[PathBuf],
        extensions: &[String],
        skip: Option<&Path>,
    ) -> anyhow::Result<Run> {
        let pipeline = Pipeline::new(config)?;
        let (inputs, errors) = collect_inputs(paths, extensions, skip);
        for e in &errors {
            eprintln!("rinse: {e}");
        }
        // Standard input can be read only once: keep it for both passes.
        let stdin = match inputs.iter().find(|i| i.display == "-") {
            Some(i) => Some(i.read()?),
            None => None,
        };
        Ok(Run {
            pipeline,
            inputs,
            failed: errors.len(),
            stdin,
        })
    }

    fn read(&self, input: &Input) -> Result<Vec<u8>, rinse::Error> {
        match &self.stdin {
            Some(bytes) if input.display == "-" => Ok(bytes.clone()),
            _ => input.read(),
        }
    }

    /// Cleans every input in order and hands it to `sink` with its bytes. A file that cannot
    /// be read is named on standard error, counted, and skipped; an error from `sink` stops
    /// the run.
    pub fn each(
        &mut self,
        mut sink: impl FnMut(&Input, &[u8], Cleaned) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let mut stats = DumpStats::new();
        let mut unreadable = HashSet::new();
        for (n, input) in self.inputs.iter().enumerate() {
            match self.read(input) {
                Ok(bytes) => {
                    let mut doc = Document::from_bytes(input.display.as_str(), &bytes);
                    self.pipeline.normalize(&mut doc);
                    stats.add(&doc);
                }
                Err(e) => {
                    eprintln!("rinse: {e}");
                    self.failed += 1;
                    unreadable.insert(n);
                }
            }
        }
        for (n, input) in self.inputs.iter().enumerate() {
            if unreadable.contains(&n) {
                continue;
            }
            let bytes = match self.read(input) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("rinse: {e}");
                    self.failed += 1;
                    continue;
                }
            };
            let cleaned = self
                .pipeline
                .clean_bytes(&input.display, &bytes, Some(&stats));
            sink(input, &bytes, cleaned)?;
        }
        Ok(())
    }
}
