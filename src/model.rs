//! The line classifier: two stacked gradient-boosted tree models, shipped as data
//! (`data/model/lines.json`, made by `scripts/train/train.py`).
//!
//! Stage 1 scores each line from its features; stage 2 sees the same features plus the stage-1
//! scores of the neighbouring lines, and gives the final probability that a line belongs to
//! the article.
use crate::error::{Error, Result};
use serde::Deserialize;
use std::sync::OnceLock;

/// The model shipped with rinse.
pub const BUILTIN: &str = include_str!("../data/model/lines.json");

/// One node, 12 bytes: a split (`split == 1`; `feature`, `threshold`, children at `left` and
/// `left + 1` after re-layout) or a leaf (`split == 0`, `left` its own index, so that a step
/// from a leaf stays there; its value in `threshold`).
#[derive(Debug, Clone, Copy)]
struct Node {
    feature: u16,
    split: u16,
    left: u32,
    threshold: f32,
}

/// How many rows one pass of a tree walks side by side: independent walks keep the CPU busy
/// while each waits for its next node.
const LANES: usize = 8;

/// One boosted ensemble of regression trees with a logistic link, all trees in one array.
#[derive(Debug, Clone)]
struct Ensemble {
    baseline: f32,
    nodes: Vec<Node>,
    /// Each tree's root in `nodes` and its depth (the steps from the root to its deepest
    /// leaf): walking a tree is always that many steps, without a branch on where it ends.
    trees: Vec<(u32, u32)>,
}

impl Ensemble {
    fn from_json(v: &RawEnsemble) -> Result<Ensemble> {
        let mut nodes = Vec::new();
        let mut trees = Vec::with_capacity(v.trees.len());
        for tree in &v.trees {
            let base = nodes.len() as u32;
            // Re-layout so that a split's children sit side by side: better for the cache,
            // and one index is enough.
            if tree.is_empty() {
                return Err(Error::Config("model: an empty tree".into()));
            }
            let mut order: Vec<usize> = vec![0];
            let mut slot = vec![u32::MAX; tree.len()];
            let mut level = vec![0u32; tree.len()];
            slot[0] = 0;
            let mut depth = 0;
            let mut k = 0;
            while k < order.len() {
                let (_, _, l, r, _, leaf) = tree[order[k]];
                if leaf == 0 {
                    for child in [l, r] {
                        if child >= tree.len() || slot[child] != u32::MAX {
                            return Err(Error::Config(
                                "model: a tree points outside itself or back".into(),
                            ));
                        }
                        slot[child] = order.len() as u32;
                        level[child] = level[order[k]] + 1;
                        depth = depth.max(level[child]);
                        order.push(child);
                    }
                }
                k += 1;
            }
            for (at, &old) in order.iter().enumerate() {
                let (feature, threshold, l, _, value, leaf) = tree[old];
                nodes.push(if leaf != 0 {
                    Node {
                        feature: 0,
                        split: 0,
                        left: base + at as u32,
                        threshold: value,
                    }
                } else {
                    if feature >= usize::from(u16::MAX) {
                        return Err(Error::Config("model: feature index too large".into()));
                    }
                    Node {
                        feature: feature as u16,
                        split: 1,
                        left: base + slot[l],
                        threshold,
                    }
                });
            }
            trees.push((base, depth));
        }
        Ok(Ensemble {
            baseline: v.baseline,
            nodes,
            trees,
        })
    }

    fn check_width(&self, width: usize) -> Result<()> {
        let too_wide = self
            .nodes
            .iter()
            .any(|n| n.split != 0 && n.feature as usize >= width);
        if too_wide {
            return Err(Error::Config(format!(
                "model: a tree reads a feature beyond the {width} it is given"
            )));
        }
        Ok(())
    }

    /// The probability of the positive class for each row of `x` (`width` features a row).
    ///
    /// Tree by tree, [`LANES`] rows at a time: every walk takes the tree's depth in steps (a
    /// leaf steps onto itself), so the walks interleave without branches; the sums add the
    /// trees in the same order as one row at a time would, so the result is the same.
    fn predict(&self, x: &[f32], width: usize) -> Vec<f32> {
        let n = x.len().checked_div(width).unwrap_or(0);
        let mut raw = vec![self.baseline; n];
        for &(root, depth) in &self.trees {
            for (rows, sums) in x.chunks(width * LANES).zip(raw.chunks_mut(LANES)) {
                let mut at = [root; LANES];
                for _ in 0..depth {
                    for (j, row) in rows.chunks_exact(width).enumerate() {
                        let node = self.nodes[at[j] as usize];
                        // Not `>`: a NaN goes right (features are finite; the training data has no NaN).
                        let left = row[usize::from(node.feature)] <= node.threshold;
                        at[j] = node.left + (u32::from(!left) & u32::from(node.split));
                    }
                }
                for (sum, &leaf) in sums.iter_mut().zip(&at) {
                    *sum += self.nodes[leaf as usize].threshold;
                }
            }
        }
        for r in &mut raw {
            *r = 1.0 / (1.0 + (-*r).exp());
        }
        raw
    }
}

/// A node as the training script writes it: feature, threshold, left, right, value, is-leaf.
type RawNode = (usize, f32, usize, usize, f32, u8);

#[derive(Debug, Deserialize)]
struct RawEnsemble {
    baseline: f32,
    trees: Vec<Vec<RawNode>>,
}

#[derive(Debug, Deserialize)]
struct RawStage2 {
    offsets: Vec<isize>,
    windows: Vec<usize>,
}

#[derive(Debug, Deserialize)]
struct RawModel {
    format: String,
    features: Vec<String>,
    threshold: f32,
    stage2: RawStage2,
    model1: RawEnsemble,
    model2: Option<RawEnsemble>,
}

/// The two-stage line classifier.
#[derive(Debug, Clone)]
pub struct LineModel {
    features: Vec<String>,
    threshold: f32,
    offsets: Vec<isize>,
    windows: Vec<usize>,
    stage1: Ensemble,
    /// Absent when stacking did not pay in cross-validation.
    stage2: Option<Ensemble>,
}

impl LineModel {
    /// Parses a model file and checks that it reads the features this build computes.
    pub fn from_json(text: &str) -> Result<LineModel> {
        let raw: RawModel =
            serde_json::from_str(text).map_err(|e| Error::Config(format!("model: {e}")))?;
        if raw.format != "rinse-gbdt-2stage/1" {
            return Err(Error::Config(format!(
                "model: unknown format {:?}",
                raw.format
            )));
        }
        let names = crate::features::names();
        if raw.features != names {
            return Err(Error::Config(
                "model: trained on other features than this build computes; retrain it".into(),
            ));
        }
        let m = LineModel {
            features: raw.features,
            threshold: raw.threshold,
            offsets: raw.stage2.offsets,
            windows: raw.stage2.windows,
            stage1: Ensemble::from_json(&raw.model1)?,
            stage2: raw.model2.as_ref().map(Ensemble::from_json).transpose()?,
        };
        m.stage1.check_width(m.features.len())?;
        if let Some(s2) = &m.stage2 {
            s2.check_width(m.features.len() + m.stage2_width())?;
        }
        Ok(m)
    }

    /// The model shipped with rinse, parsed once.
    pub fn builtin() -> Result<&'static LineModel> {
        static M: OnceLock<std::result::Result<LineModel, String>> = OnceLock::new();
        M.get_or_init(|| LineModel::from_json(BUILTIN).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| Error::Config(format!("the built-in line model: {e}")))
    }

    /// The probability under which a line is removed.
    pub fn threshold(&self) -> f32 {
        self.threshold
    }

    fn stage2_width(&self) -> usize {
        self.offsets.len() + 2 * self.windows.len() + 2
    }

    /// Probabilities that each line (rows of `x`, `width` features each, in page order) belongs
    /// to the article.
    pub fn predict(&self, x: &[f32], width: usize) -> Vec<f32> {
        let n = x.len().checked_div(width).unwrap_or(0);
        let p1 = self.stage1.predict(x, width);
        let Some(stage2) = &self.stage2 else {
            return p1;
        };
        let mut cum = vec![0f32; n + 1];
        for k in 0..n {
            cum[k + 1] = cum[k] + p1[k];
        }
        let width2 = width + self.stage2_width();
        let mut rows = Vec::with_capacity(n * width2);
        for k in 0..n {
            let row = &mut rows;
            {
                row.extend_from_slice(&x[k * width..(k + 1) * width]);
                for &o in &self.offsets {
                    let j = k as isize + o;
                    row.push(if j >= 0 && (j as usize) < n {
                        p1[j as usize]
                    } else {
                        -1.0
                    });
                }
                for &w in &self.windows {
                    let (lo, hi) = (k.saturating_sub(w), (k + w + 1).min(n));
                    let others = (hi - lo - 1).max(1) as f32;
                    row.push((cum[hi] - cum[lo] - p1[k]) / others);
                }
                for &w in &self.windows {
                    let (lo, hi) = (k.saturating_sub(w), (k + w + 1).min(n));
                    row.push(p1[lo..hi].iter().copied().fold(f32::MIN, f32::max));
                }
                row.push(if k > 0 { cum[k] / k as f32 } else { -1.0 });
                row.push(if k + 1 < n {
                    (cum[n] - cum[k + 1]) / (n - k - 1) as f32
                } else {
                    -1.0
                });
            }
        }
        stage2.predict(&rows, width2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_model_loads_and_scores_in_range() {
        let m = LineModel::builtin().unwrap();
        assert!(m.threshold() > 0.0 && m.threshold() < 1.0);
        let width = crate::features::len();
        let x = vec![0.5f32; width * 3];
        for p in m.predict(&x, width) {
            assert!((0.0..=1.0).contains(&p));
        }
    }

    #[test]
    fn a_model_for_other_features_is_refused() {
        let text = BUILTIN.replacen("\"chars_log\"", "\"renamed\"", 1);
        let e = LineModel::from_json(&text).unwrap_err();
        assert!(e.to_string().contains("retrain"));
    }
}
