#!/usr/bin/env bash
# Reference outputs for "an optimisation changes no output byte": every export (pdf, epub,
# txt, html, each paper/width default) of every guide under content/ and tests/fixtures/
# (one guide per process; the exit code and both streams are kept too, so invalid fixtures
# are compared by their errors), and `check --format json` of content/, tests/fixtures/
# and tests/corpus/. Run from the repository root:
#   benches/reference-outputs.sh BIN OUT_DIR   then   diff -r OUT_BEFORE OUT_AFTER
set -u
bin=$(realpath "$1")
out=$2
mkdir -p "$out"
out=$(realpath "$out")
find content tests/fixtures -name '*.yaml' | LC_ALL=C sort | while read -r f; do
  key=$(printf '%s' "$f" | tr '/' '_')
  for fmt in pdf epub txt html; do
    d="$out/export/$key.$fmt"
    mkdir -p "$d/files"
    (cd "$(dirname "$f")" && "$bin" export --format "$fmt" --out "$d/files" "$(basename "$f")" \
      >"$d/stdout" 2>"$d/stderr"; echo $? >"$d/rc")
    # the output folder's absolute path may appear in messages
    sed -i "s#$d#OUT#g" "$d/stdout" "$d/stderr"
  done
done
for dir in content tests/fixtures tests/corpus; do
  key=$(printf '%s' "$dir" | tr '/' '_')
  "$bin" check --format json "$dir" >"$out/check-$key.json" 2>"$out/check-$key.stderr"
  echo $? >"$out/check-$key.rc"
done
