#!/usr/bin/env bash
# A large synthetic dump built from the fixture pages: scripts/make-dump.sh N [OUT] [jsonl|tree]
# (default OUT: /tmp/rinse-dump.jsonl, format from OUT's name). See scripts/make-dump.py.
set -euo pipefail
n=${1:?usage: scripts/make-dump.sh N [OUT] [jsonl|tree]}
out=${2:-/tmp/rinse-dump.jsonl}
format=${3:-$([[ $out == *.jsonl ]] && echo jsonl || echo tree)}
exec python3 "$(dirname "$0")/make-dump.py" "$n" "$out" --format "$format"
