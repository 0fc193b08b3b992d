//! The line classifier: two stacked gradient-boosted tree models, shipped as data
//! (`data/model/lines.json`, made by `scripts/train/train.py`).
//!
//! Stage 1 scores each line from its features; stage 2 sees the same features plus the stage-1
//! scores of the neighbouring lines, and gives the final probability that a line belongs to
//! the article.
use crate::error::{Error, Result};
use serde::Deserialize;
use std::sync::{Arc, OnceLock};

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

/// The fewest rows left over (fewer than [`LANES`]) that are scored as a group of [`LANES`]
/// rather than one at a time.
const PAD_FROM: usize = 2;

/// One boosted ensemble of regression trees with a logistic link, all trees in one array.
#[derive(Debug, Clone)]
struct Ensemble {
    baseline: f32,
    nodes: Vec<Node>,
    /// Each tree's root in `nodes` and its depth (the steps from the root to its deepest
    /// leaf): walking a tree is always that many steps, without a branch on where it ends.
    trees: Vec<(u32, u32)>,
    /// The same trees laid out for [`Scorer`], when every tree has at most 16 leaves.
    scorer: Option<Scorer>,
}

/// The trees as QuickScorer (Lucchese et al., SIGIR 2015) lays them out: every split of every
/// tree, grouped by feature and sorted by threshold, with a bit mask of the leaves that stay
/// reachable when its test fails. Scoring a row ANDs the masks of the failed tests into one
/// bit set per tree; the leftmost leaf left in the set is the leaf a walk would reach. Trees of
/// up to 16 leaves (what `train.py` makes) fit 16 bits each.
#[derive(Debug, Clone)]
struct Scorer {
    /// Splits of feature `f` are `by_feature[f]..by_feature[f + 1]`.
    by_feature: Vec<u32>,
    splits: Vec<Split>,
    /// Leaf values, tree by tree, leaves left to right; tree `t`'s first is `leaf_at[t]`.
    leaves: Vec<f32>,
    leaf_at: Vec<u32>,
}

/// One split: its threshold, its tree, and the leaves still reachable when its test fails.
#[derive(Debug, Clone, Copy)]
struct Split {
    threshold: f32,
    tree: u16,
    mask: u16,
}

impl Scorer {
    fn new(trees: &[Vec<RawNode>]) -> Option<Scorer> {
        if trees.len() > usize::from(u16::MAX) {
            return None;
        }
        let mut splits: Vec<(usize, f32, u16, u16)> = Vec::new();
        let mut leaves = Vec::new();
        let mut leaf_at = Vec::with_capacity(trees.len());
        for (t, tree) in trees.iter().enumerate() {
            leaf_at.push(leaves.len() as u32);
            let first_leaf = leaves.len();
            // Depth first, left before right: leaves get their left-to-right numbers, and
            // each split learns which of them lie under its left child.
            fn visit(
                tree: &[RawNode],
                i: usize,
                depth: usize,
                leaves: &mut Vec<f32>,
                first_leaf: usize,
                splits: &mut Vec<(usize, f32, usize, usize)>,
            ) -> Option<()> {
                let (feature, threshold, l, r, value, leaf) = *tree.get(i)?;
                if depth > tree.len() {
                    return None; // a cycle
                }
                if leaf != 0 {
                    leaves.push(value);
                    return Some(());
                }
                let lo = leaves.len() - first_leaf;
                visit(tree, l, depth + 1, leaves, first_leaf, splits)?;
                let hi = leaves.len() - first_leaf;
                splits.push((feature, threshold, lo, hi));
                visit(tree, r, depth + 1, leaves, first_leaf, splits)
            }
            let mut tree_splits = Vec::new();
            visit(tree, 0, 0, &mut leaves, first_leaf, &mut tree_splits)?;
            if leaves.len() - first_leaf > 16 {
                return None;
            }
            for (feature, threshold, lo, hi) in tree_splits {
                // A failed test (go right) rules out the leaves under the left child.
                let left: u16 = (lo..hi).fold(0, |m, b| m | 1 << b);
                splits.push((feature, threshold, t as u16, !left));
            }
        }
        splits.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let features = splits.last().map_or(0, |s| s.0 + 1);
        let mut by_feature = vec![0u32; features + 1];
        for s in &splits {
            by_feature[s.0 + 1] += 1;
        }
        for f in 0..features {
            by_feature[f + 1] += by_feature[f];
        }
        Some(Scorer {
            by_feature,
            splits: splits
                .iter()
                .map(|s| Split {
                    threshold: s.1,
                    tree: s.2,
                    mask: s.3,
                })
                .collect(),
            leaves,
            leaf_at,
        })
    }

    /// The raw score (before the link) of one row: `baseline` plus each tree's leaf, added in
    /// tree order as a walk adds them, so the sum is the same to the bit.
    fn score(&self, row: &[f32], baseline: f32, sets: &mut [u16]) -> f32 {
        sets.fill(u16::MAX);
        for (f, span) in self.by_feature.windows(2).enumerate() {
            let x = row[f];
            let splits = &self.splits[span[0] as usize..span[1] as usize];
            // Tests that fail are `!(x <= threshold)`: with thresholds sorted, a prefix of
            // them. (A NaN fails them all, as a walk sends it right: `threshold >= NaN` is
            // false.)
            for s in splits {
                if s.threshold >= x {
                    break;
                }
                sets[usize::from(s.tree)] &= s.mask;
            }
        }
        let mut sum = baseline;
        for (set, &at) in sets.iter().zip(&self.leaf_at) {
            sum += self.leaves[at as usize + set.trailing_zeros() as usize];
        }
        sum
    }

    /// [`Scorer::score`] of [`LANES`] rows at once (`rows` holds them, `width` features each):
    /// bits `16 j..16 j + 16` of a tree's `u128` are row `j`'s leaf set. A feature's splits
    /// are applied until every row passes them, and the same split masks only the rows whose
    /// test fails, so each row's set, and its sum, is the one [`Scorer::score`] gives.
    fn score_lanes(
        &self,
        rows: &[f32],
        width: usize,
        baseline: f32,
        sets: &mut [u128],
    ) -> [f32; LANES] {
        const ONES: u128 = 0x0001_0001_0001_0001_0001_0001_0001_0001;
        sets.fill(u128::MAX);
        for (f, span) in self.by_feature.windows(2).enumerate() {
            let x = Lanes::new(std::array::from_fn(|j| rows[j * width + f]));
            for s in &self.splits[span[0] as usize..span[1] as usize] {
                // Bit `j` set when row `j` passes (`threshold >= x`, false for NaN).
                let pass = x.passing(s.threshold);
                if pass == 0xFF {
                    break;
                }
                sets[usize::from(s.tree)] &=
                    SPREAD[usize::from(pass)] | (u128::from(s.mask) * ONES);
            }
        }
        let mut sums = [baseline; LANES];
        for (&set, &at) in sets.iter().zip(&self.leaf_at) {
            let leaves = &self.leaves[at as usize..];
            for (j, sum) in sums.iter_mut().enumerate() {
                *sum += leaves[((set >> (16 * j)) as u16).trailing_zeros() as usize];
            }
        }
        sums
    }
}

/// `SPREAD[b]` has bits `16 j..16 j + 16` all ones where bit `j` of `b` is set.
const SPREAD: [u128; 256] = {
    let mut t = [0u128; 256];
    let mut b = 0;
    while b < 256 {
        let mut j = 0;
        while j < 8 {
            if b >> j & 1 == 1 {
                t[b] |= 0xFFFF << (16 * j);
            }
            j += 1;
        }
        b += 1;
    }
    t
};

/// One feature's values in [`LANES`] rows, compared with a threshold all at once.
struct Lanes(wide::f32x8);

impl Lanes {
    fn new(x: [f32; LANES]) -> Lanes {
        Lanes(wide::f32x8::new(x))
    }

    /// Bit `j` set when `threshold >= x[j]` (false for a NaN, as in [`Scorer::score`]).
    fn passing(&self, threshold: f32) -> u8 {
        wide::f32x8::splat(threshold).simd_ge(self.0).to_bitmask() as u8
    }
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
                return Err(Error::Model("an empty tree".into()));
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
                            return Err(Error::Model(
                                "a tree points outside itself or back".into(),
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
                        return Err(Error::Model("feature index too large".into()));
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
            scorer: Scorer::new(&v.trees),
        })
    }

    fn check_width(&self, width: usize) -> Result<()> {
        let too_wide = self
            .nodes
            .iter()
            .any(|n| n.split != 0 && n.feature as usize >= width);
        if too_wide {
            return Err(Error::Model(format!(
                "a tree reads a feature beyond the {width} it is given"
            )));
        }
        Ok(())
    }

    /// The probability of the positive class for each row of `x` (`width` features a row), by
    /// the [`Scorer`] when the trees fit it, else by walking them.
    fn predict(&self, x: &[f32], width: usize) -> Vec<f32> {
        let Some(scorer) = &self.scorer else {
            return self.predict_walk(x, width);
        };
        let link = |raw: f32| 1.0 / (1.0 + (-raw).exp());
        let mut out = Vec::with_capacity(x.len().checked_div(width).unwrap_or(0));
        let mut lanes = vec![0u128; self.trees.len()];
        let groups = x.chunks_exact(width * LANES);
        let rest = groups.remainder();
        for rows in groups {
            let sums = scorer.score_lanes(rows, width, self.baseline, &mut lanes);
            out.extend(sums.map(link));
        }
        let rest_rows = rest.len().checked_div(width).unwrap_or(0);
        if rest_rows >= PAD_FROM {
            // Filled up with copies of the last row, which take no more splits than it does.
            let mut rows = Vec::with_capacity(width * LANES);
            rows.extend_from_slice(rest);
            let last = &rest[rest.len() - width..];
            while rows.len() < width * LANES {
                rows.extend_from_slice(last);
            }
            let sums = scorer.score_lanes(&rows, width, self.baseline, &mut lanes);
            out.extend(sums[..rest_rows].iter().copied().map(link));
        } else {
            let mut sets = vec![0u16; self.trees.len()];
            out.extend(
                rest.chunks_exact(width)
                    .map(|row| link(scorer.score(row, self.baseline, &mut sets))),
            );
        }
        out
    }

    /// [`Ensemble::predict`] by walking the trees: tree by tree, [`LANES`] rows at a time.
    /// Every walk takes the tree's depth in steps (a leaf steps onto itself), so the walks
    /// interleave without branches; the sums add the trees in the same order as one row at a
    /// time would, so the result is the same.
    fn predict_walk(&self, x: &[f32], width: usize) -> Vec<f32> {
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
        let raw: RawModel = serde_json::from_str(text).map_err(|e| Error::Model(e.to_string()))?;
        if raw.format != "rinse-gbdt-2stage/1" {
            return Err(Error::Model(format!("unknown format {:?}", raw.format)));
        }
        let names = crate::features::names();
        if raw.features != names {
            return Err(Error::Model(
                "trained on other features than this build computes; retrain it".into(),
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
    pub fn builtin() -> Result<Arc<LineModel>> {
        static M: OnceLock<std::result::Result<Arc<LineModel>, String>> = OnceLock::new();
        M.get_or_init(|| {
            LineModel::from_json(BUILTIN)
                .map(Arc::new)
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .cloned()
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
        // Stage 2 reads blocks of rows, built as it goes: a copy of the whole page's rows would
        // double the classifier's memory on a long page. Each row's score does not depend on the
        // others (and a block is a whole number of groups of LANES rows), so it is the same.
        const BLOCK: usize = 64 * LANES;
        let mut scores = Vec::with_capacity(n);
        let mut rows = Vec::with_capacity(BLOCK.min(n) * width2);
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
            if rows.len() == BLOCK * width2 || k + 1 == n {
                scores.extend(stage2.predict(&rows, width2));
                rows.clear();
            }
        }
        scores
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

    proptest::proptest! {
        /// The split-sorted scorer gives the walk's scores to the bit, on the shipped model, for
        /// rows of any values (NaN and infinities too) and rows at the split thresholds.
        #[test]
        fn scorer_and_walk_agree(
            rows in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::num::f32::ANY,
                    (-3f32..3.0),
                    proptest::sample::select(vec![0.0f32, 0.5, 1.0, -1.0]),
                ],
                crate::features::len()..crate::features::len() * 20,
            ),
            at_thresholds in proptest::bool::ANY,
        ) {
            let m = LineModel::builtin().unwrap();
            let e = &m.stage1;
            let width = crate::features::len();
            let mut x = rows;
            x.truncate(x.len() / width * width);
            if at_thresholds {
                // Put some features exactly on a threshold the model splits them at.
                let n_rows = x.len() / width;
                for (k, n) in e.nodes.iter().filter(|n| n.split != 0).take(40 * n_rows).enumerate() {
                    x[k % n_rows * width + usize::from(n.feature)] = n.threshold;
                }
            }
            proptest::prop_assert!(e.scorer.is_some());
            let a = e.predict(&x, width);
            let b = e.predict_walk(&x, width);
            let same = a.iter().zip(&b).all(|(p, q)| p.to_bits() == q.to_bits());
            proptest::prop_assert!(same, "{:?} vs {:?}", a, b);
        }
    }

    #[test]
    fn a_model_for_other_features_is_refused() {
        let text = BUILTIN.replacen("\"chars_log\"", "\"renamed\"", 1);
        let e = LineModel::from_json(&text).unwrap_err();
        assert!(e.to_string().contains("retrain"));
    }
}
