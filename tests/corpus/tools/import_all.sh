#!/usr/bin/env bash
# Import every article with the real `guidepress import` (one call per article, --id = the
# manifest id, so ids from equal titles do not collide), into a fresh guides/ folder.
# `import` does not read a `language` from front matter (it writes the `en-US` placeholder
# marked TODO), so for en-GB articles only the value of that one line is changed to en-GB.
# Usage: tests/corpus/tools/import_all.sh [GUIDEPRESS_BINARY [ARTICLES_DIR GUIDES_DIR [MANIFEST]]]
#   (default articles/ -> guides/; the injected copy: articles_injected guides_injected; the heldout2
#   split: heldout2/articles heldout2/guides heldout2/MANIFEST.tsv, and heldout3/..., heldout4/... the same way; folders relative
#   to tests/corpus)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="$(command -v "${1:-guidepress}" || echo "${1:-guidepress}")"
src="$here/${2:-articles}"
out="$here/${3:-guides}"
if [ -e "$out" ]; then echo "refusing: $out exists (import never overwrites; remove it first)" >&2; exit 2; fi
mkdir -p "$out"
log="$here/${3:-guides}.import.log"
: > "$log"
tail -n +2 "$here/${4:-MANIFEST.tsv}" | while IFS=$'\t' read -r id split locale rest; do
  # Relative to the repository root, so the "Imported from" comment names no local folder.
  (cd "$root" && "$bin" import --out "tests/corpus/${3:-guides}" --id "$id" "tests/corpus/${2:-articles}/$id.md") >>"$log" 2>&1
  if [ "$locale" = "en-GB" ]; then
    sed -i -E '0,/^language: en-US(  #.*)?$/s//language: en-GB\1/' "$out/$id.yaml"
  fi
done
echo "imported $(ls "$out" | wc -l) guides into $out"
