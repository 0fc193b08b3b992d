#!/usr/bin/env python3
"""Writes a copy of a folder of scraped pages (one block per line) as a scraper that saved each
block's inner HTML would have: running text in <p> with a link or an emphasis on some words,
short lines (menus, link lists, headings) as links in list items, for measuring rinse on markup
saved as text.

usage: scripts/tag-corpus.py SRC DST [--escaped]

--escaped  writes the tags as entities (&lt;p&gt;), as a page that showed its markup does.

The same SRC gives the same DST (the choices are seeded by each file's name).
"""
import argparse
import hashlib
import html
import os
import random


def tag_line(line, rng):
    words = line.split(" ")
    if len(words) < 8:
        href = "/" + "-".join(w.lower() for w in words[:3] if w.isalnum()) or "/x"
        if rng.random() < 0.5:
            return f'<li><a href="{href}" class="nav-link">{line}</a></li>'
        return f'<a href="{href}">{line}</a>'
    if rng.random() < 0.4:
        k = rng.randrange(1, len(words) - 3)
        n = rng.randrange(1, 4)
        words[k] = f'<a href="https://example.com/{k}" rel="noopener">' + words[k]
        words[k + n - 1] = words[k + n - 1] + "</a>"
    elif rng.random() < 0.2:
        words[0] = "<strong>" + words[0]
        words[1] = words[1] + "</strong>"
    return "<p>" + " ".join(words) + "</p>"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("--escaped", action="store_true")
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
        for line in lines:
            if line.strip():
                line = tag_line(line.strip(), rng)
                if args.escaped:
                    line = html.escape(line, quote=False)
            out.append(line)
        with open(os.path.join(args.dst, name), "w", encoding="utf-8") as f:
            f.write("\n".join(out))


if __name__ == "__main__":
    main()
