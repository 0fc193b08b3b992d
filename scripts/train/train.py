#!/usr/bin/env python3
"""Train rinse's line classifier on the dev split of the scraped-page corpus.

usage: scripts/train/train.py [--corpus ../shared/corpus] [--out data/model/lines.json] [--cv-only]

1. `rinse features` gives every live line's feature vector (the same code rinse runs at inference).
2. Labels come from the gold: aeb lines that are part of the article body are 1, the rest 0;
   multi lines that contain a "with" snippet are 1, a "without" snippet 0, the others unlabelled.
3. Two gradient-boosted tree models are stacked: the second sees the first one's scores of the
   neighbouring lines (a sequence labeller in two passes).
4. Cross-validation is grouped by site (aeb: one site per page; multi: the URL's host), so no site
   is both trained and tested on; out-of-fold predictions are written as text and scored with the
   corpus's score.py, which gives the honest estimate.
5. The final models, trained on everything, are written as JSON trees for rinse to load.

Requirements: scripts/train/requirements.txt (pinned), in a virtual environment.
"""
import argparse
import difflib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TOKEN = re.compile(r"\w+", re.UNICODE)
WS = re.compile(r"\s+")
SEED = 7
# 0: the folds of the shipped model (largest sites first); other values: --fold-seed.
FOLD_SEED = 0
# Chosen by cross-validation of the whole pipeline by site (`--pipeline-cv`, fold seeds 0 to 3,
# 2026-12-06): 100 trees of up to 16 leaves at 0.15, at least 300 lines per leaf, gave aeb
# 0.907 and multi 0.8835 (means of the four partitions), where 200 trees of up to 8 leaves at
# 0.075 with 500 lines per leaf gave 0.898 and 0.8823, at the same cost at inference (the
# scorer tests 16-leaf trees as it tested 8-leaf ones); 200 of 16 leaves (0.907, 0.882), 100 of
# 8 leaves with 200 lines per leaf (0.907, 0.880) and, on two partitions, 300 at 0.05 or no L2
# term (0.903, 0.883; 0.9035, 0.883) came between. In-sample F1 is higher (aeb 0.944, multi
# 0.924 through the pipeline), a gap of about 0.04 to cross-validation. No early stopping: with it (sklearn's default
# past 10,000 rows) a random tenth of the lines is held out of every fit, and the seed alone moved
# cross-validated F1 by up to 0.007; without it every line is used and the seed changes nothing.
PARAMS = dict(max_iter=100, learning_rate=0.15, max_leaf_nodes=16, min_samples_leaf=300,
              l2_regularization=1.0, early_stopping=False, random_state=SEED)
# neighbour offsets whose stage-1 scores stage 2 sees, and the windows it averages
OFFSETS = [-3, -2, -1, 1, 2, 3]
WINDOWS = [2, 5, 10]


def rinse_features(binary, folder):
    out = subprocess.run([binary, "features", "--names", str(folder)], check=True,
                         capture_output=True, text=True).stdout.splitlines()
    names = json.loads(out[0])
    rows = [json.loads(l) for l in out[1:]]
    return names, rows


def norm(s):
    return WS.sub(" ", s).strip().casefold()


def shingles(tokens, n=4):
    return {tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))}


def label_aeb(rows, gold_dir):
    """A line is article text when most of its words are matched by aligning the page's word
    sequence with the gold's (order-aware, so a table cell or a heading in the gold counts, and
    a menu word that merely occurs in the text does not)."""
    by_doc = defaultdict(list)
    for r in rows:
        by_doc[r["source"]].append(r)
    for src, rs in by_doc.items():
        gold = (gold_dir / src).read_text(encoding="utf8")
        gtoks = [t.casefold() for t in TOKEN.findall(gold)]
        toks, owner = [], []
        for k, r in enumerate(rs):
            for t in TOKEN.findall(r["text"]):
                toks.append(t.casefold())
                owner.append(k)
        matched = [0] * len(rs)
        sm = difflib.SequenceMatcher(None, toks, gtoks, autojunk=False)
        for a, _, size in sm.get_matching_blocks():
            if size < 2:
                continue  # a lone word in common is chance
            for i in range(a, a + size):
                matched[owner[i]] += 1
        counts = [0] * len(rs)
        for o in owner:
            counts[o] += 1
        for k, r in enumerate(rs):
            r["y"] = int(counts[k] > 0 and matched[k] / counts[k] >= 0.5)
            r["group"] = "aeb:" + src
            r["set"] = "aeb"


def label_multi(rows, gold_dir):
    by_doc = defaultdict(list)
    for r in rows:
        by_doc[r["source"]].append(r)
    for src, rs in by_doc.items():
        gold = json.loads((gold_dir / (src[:-4] + ".json")).read_text(encoding="utf8"))
        host = urlparse(gold.get("url", "")).netloc or src
        keep = [WS.sub(" ", w).strip() for w in gold["with"]]
        drop = [WS.sub(" ", w).strip() for w in gold["without"]]
        for r in rs:
            t = WS.sub(" ", r["text"]).strip()
            k = any(w and w in t for w in keep)
            d = any(w and w in t for w in drop)
            r["y"] = 1 if k and not d else 0 if d and not k else -1
            r["group"] = "multi:" + host.removeprefix("www.")
            r["set"] = "multi"


# The reference page's lines that EXPECTED.md says go.
SEED_REMOVED = {1, 5, 77, 177, 179, 181, 183}


def augmented(binary, aeb, seed_dir):
    """Clean pages, all kept: each aeb page cut down to its title and gold lines (what a page
    looks like once cleaned, so cleaning it again keeps it), and the reference page, labelled as
    its EXPECTED.md says, with its clean version."""
    by_doc = defaultdict(list)
    for r in aeb:
        by_doc[r["source"]].append(r)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for src, rs in by_doc.items():
            title = [r["text"] for r in rs if r["title"]]
            keep = [r["text"] for r in rs if r["y"] == 1 and not r["title"]]
            (tmp / src).write_text("\n\n".join(title[:1] + keep) + "\n", encoding="utf8")
        seeds = sorted(seed_dir.glob("*.txt"))
        for f in seeds:
            lines = f.read_text(encoding="utf8").split("\n")
            clean = [l for n, l in enumerate(lines, 1) if l.strip() and n not in SEED_REMOVED]
            (tmp / ("seedclean-" + f.name)).write_text("\n\n".join(clean) + "\n", encoding="utf8")
        _, out = rinse_features(binary, tmp)
        for r in out:
            r["y"] = 1
            r["set"] = "aug"
            src = r["source"]
            r["group"] = "seed" if src.startswith("seedclean-") else "aeb:" + src
        rows += out
        for f in seeds:
            _, out = rinse_features(binary, f)
            for r in out:
                r["y"] = 0 if r["line"] in SEED_REMOVED else 1
                r["set"] = "seed"
                r["group"] = "seed"
            rows += out
    return rows


def stage2_features(rows, p1):
    """Neighbour scores of stage 1, per document, in line order."""
    extra = np.zeros((len(rows), len(OFFSETS) + 2 * len(WINDOWS) + 2), dtype=np.float32)
    by_doc = defaultdict(list)
    for idx, r in enumerate(rows):
        by_doc[(r["set"], r["source"])].append(idx)
    for idxs in by_doc.values():
        p = p1[idxs]
        n = len(p)
        c = np.concatenate([[0.0], np.cumsum(p)])
        for j, i in enumerate(idxs):
            f = []
            for o in OFFSETS:
                f.append(p[j + o] if 0 <= j + o < n else -1.0)
            for w in WINDOWS:
                lo, hi = max(0, j - w), min(n, j + w + 1)
                f.append((c[hi] - c[lo] - p[j]) / max(1, hi - lo - 1))
            for w in WINDOWS:
                lo, hi = max(0, j - w), min(n, j + w + 1)
                f.append(float(np.max(p[lo:hi])))
            f.append((c[j] / j) if j else -1.0)  # mean before
            f.append(((c[n] - c[j + 1]) / (n - j - 1)) if j < n - 1 else -1.0)  # mean after
            extra[i] = f
    return extra


def fit(X, y, w):
    m = HistGradientBoostingClassifier(**PARAMS)
    m.fit(X, y, sample_weight=w)
    return m


def group_folds(groups, n_splits=5):
    """Train/test indices of n_splits folds, no group in two: the largest groups first, each
    into the fold with the fewest rows so far, as sklearn's GroupKFold does; but ties between
    groups of one size are broken by name, not by numpy's argsort, whose order of equal keys
    depends on the CPU (AVX-512 sorts differently), so that every machine makes the same folds
    and the same model."""
    names, sizes = np.unique(groups, return_counts=True)
    load = [0] * n_splits
    fold_of = {}
    order = sorted(range(len(names)), key=lambda i: (-sizes[i], names[i]))
    if FOLD_SEED:
        # Other partitions, for estimating how much a score moves with the folds alone
        # (--fold-seed): the groups in a seeded random order, each into the lightest fold.
        order = list(np.random.default_rng(FOLD_SEED).permutation(order))
    for i in order:
        f = min(range(n_splits), key=lambda k: (load[k], k))
        fold_of[names[i]] = f
        load[f] += sizes[i]
    fold = np.array([fold_of[g] for g in groups])
    for f in range(n_splits):
        yield np.flatnonzero(fold != f), np.flatnonzero(fold == f)


def oof(X, y, w, groups, labelled):
    """Out-of-fold probabilities for every row (labelled or not), grouped by site."""
    pred = np.zeros(len(y))
    for tr, te in group_folds(groups):
        tr = tr[labelled[tr]]
        m = fit(X[tr], y[tr], w[tr])
        pred[te] = m.predict_proba(X[te])[:, 1]
    return pred


def fold_of_rows(groups, n_splits=5):
    fold = np.zeros(len(groups), dtype=int)
    for f, (_, te) in enumerate(group_folds(groups, n_splits)):
        fold[te] = f
    return fold


def two_stage(X, y, w, groups, labelled, rows, stages=2):
    """Stage 1 on every labelled row; stage 2 (unless `stages` is 1) on the out-of-fold stage-1
    scores of the rows."""
    m1 = fit(X[labelled], y[labelled], w[labelled])
    if stages == 1:
        return m1, None
    p1 = oof(X, y, w, groups, labelled)
    X2 = np.hstack([X, stage2_features(rows, p1)])
    return m1, fit(X2[labelled], y[labelled], w[labelled])


def model_json(names, threshold, m1, m2):
    return {
        "format": "rinse-gbdt-2stage/1",
        "features": names,
        "threshold": threshold,
        "stage2": {"offsets": OFFSETS, "windows": WINDOWS},
        "model1": export(m1),
        "model2": export(m2) if m2 else None,
        "params": PARAMS,
        "trained_on": "aeb/dev + multi/dev of the workplace corpus, labels from gold",
    }


def pipeline_cv(args, corpus, names, rows, X, y, w, groups, labelled, threshold):
    """Cross-validation of the whole of rinse, not only of its classifier: for each fold, a
    model trained on the other folds' sites (stage 2 on their own out-of-fold scores) cleans
    the dev folders with `rinse clean --model`, and the fold's pages are kept; the pages of
    all folds are then scored together with score.py."""
    fold = fold_of_rows(groups)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for f in range(5):
            tr = np.flatnonzero(fold != f)
            sub = [rows[i] for i in tr]
            m1, m2 = two_stage(X[tr], y[tr], w[tr], groups[tr], labelled[tr], sub, args.stages)
            model = tmp / f"fold{f}.json"
            model.write_text(json.dumps(model_json(names, threshold, m1, m2)), encoding="utf8")
            test = {(rows[i]["set"], rows[i]["source"]) for i in np.flatnonzero(fold == f)}
            for name in ("aeb", "multi"):
                out = tmp / f"out{f}-{name}"
                subprocess.run([args.binary, "clean", str(corpus / name / "dev/input"), "--model",
                                str(model), "-o", str(out), "--format", "text", "-q"],
                               check=True, stderr=subprocess.DEVNULL)
                dest = tmp / f"cv-{name}"
                dest.mkdir(exist_ok=True)
                for s, src in test:
                    if s == name:
                        (dest / src).write_bytes((out / src).read_bytes())
        res = {name: score(corpus, tmp / f"cv-{name}", name) for name in ("aeb", "multi")}
        if args.keep_cv:
            for name in ("aeb", "multi"):
                shutil.copytree(tmp / f"cv-{name}", Path(args.keep_cv) / name, dirs_exist_ok=True)
    a, m = res["aeb"], res["multi"]
    print(f"cv of rinse (whole pipeline): aeb F1 {a['f1']:.3f} (P {a['precision']:.3f} R {a['recall']:.3f}) "
          f"multi F1 {m['f1']:.3f} (P {m['precision']:.3f} R {m['recall']:.3f})", file=sys.stderr)


def write_outputs(rows, p, threshold, out_dir):
    out_dir.mkdir(parents=True, exist_ok=True)
    docs = defaultdict(list)
    for r, s in zip(rows, p):
        docs[r["source"]].append((r, 1.0 if r["protected"] else s))
    for src, items in docs.items():
        title = [r["text"] for r, _ in items if r["title"]]
        body = [r["text"] for r, s in items if not r["title"] and s >= threshold]
        lines = title[:1] + body
        (out_dir / src).write_text("\n\n".join(lines) + ("\n" if lines else ""), encoding="utf8")


def score(corpus, out_dir, dataset):
    args = [sys.executable, str(corpus / "score.py"), str(out_dir), "--set", dataset, "--n-bootstrap", "0"]
    if dataset == "aeb":
        args.append("--drop-first-line")
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    line = [l for l in out.splitlines() if l.startswith("SCORE ")][0]
    return json.loads(line[6:])


def export(model):
    trees = []
    for it in model._predictors:
        nodes = it[0].nodes
        trees.append([
            [int(n["feature_idx"]), float(n["num_threshold"]), int(n["left"]), int(n["right"]),
             float(n["value"]), int(n["is_leaf"])]
            for n in nodes
        ])
    return {"baseline": float(model._baseline_prediction.ravel()[0]), "trees": trees}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--binary", default=str(ROOT / "target" / "release" / "rinse"))
    ap.add_argument("--out", default=str(ROOT / "data" / "model" / "lines.json"))
    ap.add_argument("--multi-weight", type=float, default=3.0)
    ap.add_argument("--cv-only", action="store_true")
    ap.add_argument("--keep-cv", metavar="DIR",
                    help="with --pipeline-cv: keep the cross-validated outputs in DIR/aeb and DIR/multi")
    ap.add_argument("--params", default="", help="JSON object overriding the tree parameters")
    ap.add_argument("--stages", type=int, default=2, choices=[1, 2])
    ap.add_argument("--aug-weight", type=float, default=0.3,
                    help="weight of the clean versions of the aeb pages (their gold lines only, all kept)")
    ap.add_argument("--threshold", type=float, default=0.5,
                    help="the score under which a line is removed (default: the best in cross-validation)")
    ap.add_argument("--seed-dir", default=str(ROOT.parent / "shared" / "seed"))
    ap.add_argument("--fold-seed", type=int, default=0,
                    help="assign sites to cross-validation folds in a seeded random order "
                         "(0: the default folds); to see how much a CV score moves with the folds")
    ap.add_argument("--pipeline-cv", action="store_true",
                    help="also cross-validate the whole of rinse: fold models clean the dev pages through "
                         "`rinse clean --model` (30 more fits, about a minute)")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    PARAMS.update(json.loads(args.params or "{}"))
    global FOLD_SEED
    FOLD_SEED = args.fold_seed

    names, aeb = rinse_features(args.binary, corpus / "aeb/dev/input")
    _, multi = rinse_features(args.binary, corpus / "multi/dev/input")
    label_aeb(aeb, corpus / "aeb/dev/gold")
    label_multi(multi, corpus / "multi/dev/gold")
    aug = augmented(args.binary, aeb, Path(args.seed_dir))
    rows = aeb + multi + aug
    X = np.array([r["x"] for r in rows], dtype=np.float32)
    y = np.array([r["y"] for r in rows])
    groups = np.array([r["group"] for r in rows])
    labelled = y >= 0
    weight = {"aeb": 1.0, "multi": args.multi_weight, "aug": args.aug_weight, "seed": 1.0}
    w = np.array([weight[r["set"]] for r in rows])
    print(f"{len(rows)} lines, {labelled.sum()} labelled ({(y == 1).sum()} keep), "
          f"{len(set(groups))} sites, {X.shape[1]} features", file=sys.stderr)

    p1 = oof(X, y, w, groups, labelled)
    X2 = np.hstack([X, stage2_features(rows, p1)])
    p = oof(X2, y, w, groups, labelled) if args.stages == 2 else p1

    def evaluate(p, label, thresholds):
        out = {}
        with tempfile.TemporaryDirectory() as tmp:
            for t in thresholds:
                res = {}
                for name, part in (("aeb", aeb), ("multi", multi)):
                    sel = np.array([r["set"] == name for r in rows])
                    d = Path(tmp) / f"{t}-{name}"
                    write_outputs(part, p[sel], t, d)
                    res[name] = score(corpus, d, name)
                a, m = res["aeb"], res["multi"]
                print(f"{label} t={t}: aeb F1 {a['f1']:.3f} (P {a['precision']:.3f} R {a['recall']:.3f}) "
                      f"multi F1 {m['f1']:.3f} (P {m['precision']:.3f} R {m['recall']:.3f})", file=sys.stderr)
                out[t] = (a["f1"], m["f1"])
        return out

    cv = evaluate(p, f"cv stage{args.stages}", (0.3, 0.4, 0.5, 0.6))
    threshold = args.threshold if args.threshold is not None else max(cv, key=lambda t: sum(cv[t]))
    print(f"threshold {threshold}", file=sys.stderr)
    if args.pipeline_cv:
        pipeline_cv(args, corpus, names, rows, X, y, w, groups, labelled, threshold)
    m1 = fit(X[labelled], y[labelled], w[labelled])
    # Stage 2 is trained on out-of-fold stage-1 scores (what it will see on unseen pages).
    m2 = fit(X2[labelled], y[labelled], w[labelled]) if args.stages == 2 else None
    # In-sample figures (what `rinse clean` on the dev split will show), to watch the gap.
    q1 = m1.predict_proba(X)[:, 1]
    q = m2.predict_proba(np.hstack([X, stage2_features(rows, q1)]))[:, 1] if m2 else q1
    evaluate(q, "in-sample", (threshold,))
    if args.cv_only:
        return
    model = model_json(names, threshold, m1, m2)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
