#!/usr/bin/env python3
"""Make a large synthetic dump from the fixture pages, for end-to-end speed and memory runs.

usage: scripts/make-dump.py N OUT [--format jsonl|tree] [--seed S]

Writes N documents: each is one of the fixture pages (fixtures/dump, fixtures/corpus) with the
words of its longer lines shuffled and replaced from the pages' own vocabulary, so that the
running text of every document is its own while short lines (menus, footers) repeat across the
dump as a site's boilerplate does. Deterministic for a seed. JSONL (`{"id", "url", "text"}` per
line, one file) or a tree of `.txt` files (1,000 per folder).
"""
import argparse
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--format", choices=["jsonl", "tree"], default="jsonl")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    pages = [p.read_text(encoding="utf8") for d in ("dump", "corpus")
             for p in sorted((ROOT / "fixtures" / d).glob("*.txt"))]
    vocab = sorted({w for p in pages for w in p.split() if w.isalpha()})
    rng = random.Random(args.seed)
    out = Path(args.out)
    sink = None
    if args.format == "jsonl":
        out.parent.mkdir(parents=True, exist_ok=True)
        sink = out.open("w", encoding="utf8")
    total = 0
    for k in range(args.n):
        page = pages[k % len(pages)]
        lines = []
        for line in page.split("\n"):
            words = line.split(" ")
            if len(line) > 80:
                words = [rng.choice(vocab) if rng.random() < 0.3 else w for w in words]
                if len(words) > 3:
                    # Shuffle all but the first and last word (a slice is a copy: put it back).
                    middle = words[1:-1]
                    rng.shuffle(middle)
                    words[1:-1] = middle
            lines.append(" ".join(words))
        text = "\n".join(lines)
        total += len(text.encode("utf8"))
        if sink:
            sink.write(json.dumps({"id": f"doc{k:08d}", "url": f"https://example.org/{k}", "text": text},
                                  ensure_ascii=False) + "\n")
        else:
            path = out / f"{k // 1000:05d}" / f"doc{k:08d}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf8")
    if sink:
        sink.close()
    print(f"{args.n} documents, {total / 1e6:.1f} MB of text -> {out}")


if __name__ == "__main__":
    main()
