#!/usr/bin/env python3
"""Writes a copy of a folder of scraped pages (one block per line) as a scraper that keeps the
page's markup would have, for measuring rinse on markup saved as text:

  --as html       each block's HTML: running text in <p>, with a link on a few words in four
                  lines of ten or the first words in <strong>; short lines (menus, link lists,
                  headings) as links, half of them in <li>;
  --as escaped    the same with the tags written as entities (&lt;p&gt;), as a page that showed
                  its markup does;
  --as markdown   Markdown, as page-to-Markdown converters write it: the title as a `# `
                  heading, short lines as links, half of them `* ` list items, and in running
                  text a link on a few words or the first words in `**bold**`.

  --as reader     Markdown as a reader service (Jina Reader) writes it: its header (`Title: `
                  the title, `URL Source: `, `Markdown Content:`) above the other lines, as
                  --as markdown writes them.

  --as mixed      (JSON Lines only) a third of the records each as text, HTML and Markdown.

usage: scripts/markup-corpus.py SRC DST --as html|escaped|markdown|reader
       scripts/markup-corpus.py DUMP.jsonl OUT.jsonl --as html|escaped|markdown|reader|mixed

SRC is a folder of pages, or a JSON Lines dump whose records' "text" is converted (each record
seeded by its "id"). The same SRC gives the same DST (the choices are seeded by each file's
name).
"""
import argparse
import hashlib
import html
import json
import os
import random


def link_target(words):
    return "-".join(w.lower() for w in words[:3] if w.isalnum())


def decorate(words, rng, link, bold):
    """Marks up running text: a link on one to three words in four lines of ten, else the first
    two words in bold in one line of five. `link(k)` gives the opening and closing of the link
    around word k, `bold` the bold markers."""
    if rng.random() < 0.4:
        k = rng.randrange(1, len(words) - 3)
        n = rng.randrange(1, 4)
        opening, closing = link(k)
        words[k] = opening + words[k]
        words[k + n - 1] = words[k + n - 1] + closing
    elif rng.random() < 0.2:
        words[0] = bold[0] + words[0]
        words[1] = words[1] + bold[1]
    return " ".join(words)


def html_line(line, rng, first):
    words = line.split(" ")
    if len(words) < 8:
        href = "/" + link_target(words)
        if rng.random() < 0.5:
            return f'<li><a href="{href}" class="nav-link">{line}</a></li>'
        return f'<a href="{href}">{line}</a>'
    link = lambda k: (f'<a href="https://example.com/{k}" rel="noopener">', "</a>")
    return "<p>" + decorate(words, rng, link, ("<strong>", "</strong>")) + "</p>"


def escaped_line(line, rng, first):
    return html.escape(html_line(line, rng, first), quote=False)


def markdown_line(line, rng, first):
    if first:
        return "# " + line
    words = line.split(" ")
    if len(words) < 8:
        href = "https://example.com/" + link_target(words)
        if rng.random() < 0.5:
            return f"* [{line}]({href})"
        return f"[{line}]({href})"
    link = lambda k: ("[", f"](https://example.com/{k})")
    return decorate(words, rng, link, ("**", "**"))


def convert(text, style, rng):
    """Each line of a page in `style` (a function of the line)."""
    out = []
    for i, line in enumerate(text.split("\n")):
        line = line.strip()
        if line:
            line = style(line, rng, i == 0)
        out.append(line)
    return "\n".join(out)


def reader_page(text, rng):
    """A page as a reader service writes it: a header, then the other lines as Markdown."""
    title, _, rest = text.strip("\n").partition("\n")
    body = convert(rest, markdown_line, rng).lstrip("\n")
    slug = link_target(title.split(" "))
    return (f"Title: {title.strip()}\n\nURL Source: https://example.com/{slug}\n\n"
            f"Markdown Content:\n{body}")


# Each style converts a whole page.
STYLES = {
    "html": lambda text, rng: convert(text, html_line, rng),
    "escaped": lambda text, rng: convert(text, escaped_line, rng),
    "markdown": lambda text, rng: convert(text, markdown_line, rng),
    "reader": reader_page,
}


def convert_jsonl(src, dst, name):
    mixed = [None, "html", "markdown"]
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
        for line in f:
            record = json.loads(line)
            rng = random.Random(hashlib.sha256(str(record.get("id", "")).encode()).hexdigest())
            style = mixed[rng.randrange(3)] if name == "mixed" else name
            if style is not None:
                record["text"] = STYLES[style](record["text"], rng)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("--as", dest="style", choices=sorted(STYLES) + ["mixed"], required=True)
    args = ap.parse_args()
    if os.path.isfile(args.src):
        convert_jsonl(args.src, args.dst, args.style)
        return
    if args.style == "mixed":
        ap.error("--as mixed converts a JSON Lines dump")
    style = STYLES[args.style]
    os.makedirs(args.dst, exist_ok=True)
    for name in sorted(os.listdir(args.src)):
        path = os.path.join(args.src, name)
        if not os.path.isfile(path):
            continue
        rng = random.Random(hashlib.sha256(name.encode()).hexdigest())
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        with open(os.path.join(args.dst, name), "w", encoding="utf-8") as f:
            f.write(style(text, rng))


if __name__ == "__main__":
    main()
