#!/usr/bin/env python3
"""Writes a copy of a folder of scraped pages (one block per line) as a text browser or
html2text would have saved them: each block wrapped at WIDTH columns, for measuring rinse on
hard-wrapped text; or, with --sentences, as a sentence splitter saves them.

usage: scripts/wrap-corpus.py SRC DST [--width 78] [--indent N] [--no-blank] [--sentences]

--indent N   indents every line by N spaces (lynx indents paragraphs by 3);
--no-blank   leaves out the blank line after each block;
--sentences  does not wrap: breaks each block after every sentence (`.`, `!` or `?` and a space
             before a capital letter or a quote), one sentence per line, a blank line after
             each block.
"""
import argparse
import os
import re
import textwrap

# The space after a sentence's end, before a capital letter (German's too) or a quote.
SENTENCE_BREAK = re.compile(r'(?<=[.!?])\s+(?=[A-ZÄÖÜ"“„])')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("--width", type=int, default=78)
    ap.add_argument("--indent", type=int, default=0)
    ap.add_argument("--no-blank", action="store_true")
    ap.add_argument("--sentences", action="store_true")
    args = ap.parse_args()
    indent = " " * args.indent
    os.makedirs(args.dst, exist_ok=True)
    for name in sorted(os.listdir(args.src)):
        path = os.path.join(args.src, name)
        if not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        out = []
        for line in text.split("\n"):
            if not line.strip():
                continue
            if args.sentences:
                out.extend(SENTENCE_BREAK.split(line))
            else:
                out.extend(
                    textwrap.wrap(line, args.width, initial_indent=indent, subsequent_indent=indent)
                    or [""]
                )
            if not args.no_blank:
                out.append("")
        with open(os.path.join(args.dst, name), "w", encoding="utf-8") as f:
            f.write("\n".join(out))


if __name__ == "__main__":
    main()
