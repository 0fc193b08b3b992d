#!/usr/bin/env bash
# Cleans each dev set of the scraped-page corpus as one dump and scores it with the corpus's score.py.
# usage: scripts/score-corpus.sh [CORPUS_DIR] [SPLIT]      (default: ../shared/corpus dev)
set -euo pipefail
corpus=${1:-../shared/corpus}
split=${2:-dev}
here=$(cd "$(dirname "$0")/.." && pwd)
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
bin="$here/target/release/rinse"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" clean "$corpus/aeb/$split/input" -o "$out/aeb" --format text -q
"$bin" clean "$corpus/multi/$split/input" -o "$out/multi" --format text -q
python3 "$corpus/score.py" "$out/aeb" --set aeb --split "$split" --drop-first-line
python3 "$corpus/score.py" "$out/multi" --set multi --split "$split"
