#!/usr/bin/env python3
"""Writes a copy of a folder of scraped pages (one block per line) as a scraper that converts
pages to Markdown would have: the title as a `# ` heading, short lines (menus, link lists,
headings) as links, half of them list items, and in running text a link on a few words in four
lines of ten or the first words in bold, for measuring rinse on Markdown saved as text.

usage: scripts/markdown-corpus.py SRC DST

The same SRC gives the same DST (the choices are seeded by each file's name).
"""
import argparse
import hashlib
import os
import random


def markdown_line(line, rng):
    words = line.split(" ")
    if len(words) < 8:
        href = "https://example.com/" + "-".join(w.lower() for w in words[:3] if w.isalnum())
        if rng.random() < 0.5:
            return f"* [{line}]({href})"
        return f"[{line}]({href})"
    if rng.random() < 0.4:
        k = rng.randrange(1, len(words) - 3)
        n = rng.randrange(1, 4)
        words[k] = "[" + words[k]
        words[k + n - 1] = words[k + n - 1] + f"](https://example.com/{k})"
    elif rng.random() < 0.2:
        words[0] = "**" + words[0]
        words[1] = words[1] + "**"
    return " ".join(words)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("dst")
    args = ap.parse_args()
    os.makedirs(args.dst, exist_ok=True)
    for name in sorted(os.listdir(args.src)):
        path = os.path.join(args.src, name)
        if not os.path.isfile(path):
            continue
        rng = random.Random(hashlib.sha256(name.encode()).hexdigest())
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().split("\n")
        out = []
        for i, line in enumerate(lines):
            line = line.strip()
            if line:
                line = "# " + line if i == 0 else markdown_line(line, rng)
            out.append(line)
        with open(os.path.join(args.dst, name), "w", encoding="utf-8") as f:
            f.write("\n".join(out))


if __name__ == "__main__":
    main()
