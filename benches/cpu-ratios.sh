#!/usr/bin/env bash
# Whole-process CPU time (user + system, GNU time) of guidepress beside the tools a user would
# otherwise run, measured in one run on the same input; prints the ratios (no thresholds).
#   benches/cpu-ratios.sh [BIN ...]   (default target/release/guidepress; run from the repo root)
# Needs: typos (pip install typos), codespell, pandoc, groff (pdfroff), GNU time.
set -u
bins=("$@"); [ ${#bins[@]} -eq 0 ] && bins=(target/release/guidepress)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
seed=content/microneedling-101.yaml
mkdir "$tmp/corpus"
for i in $(seq -w 0 999); do
  sed "0,/id: microneedling-101/s//id: microneedling-101-0$i/" "$seed" >"$tmp/corpus/guide-0$i.yaml"
done
cp content/vocabulary.txt "$tmp/" 2>/dev/null || true
# CPU seconds of a shell command (best of 3)
cpu() {
  local best=
  for _ in 1 2 3; do
    local t
    t=$(/usr/bin/time -f '%U %S' bash -c "$1" 2>&1 >/dev/null | tail -1 | awk '{print $1 + $2}')
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
  done
  echo "$best"
}
ratio() { awk "BEGIN{printf \"%.2f\", $1 / ($2 > 0 ? $2 : 0.001)}"; }
typos=$(command -v typos || echo /tmp/perf-venv/bin/typos)
t_typos=$(cpu "$typos $tmp/corpus")
t_codespell=$(cpu "codespell $tmp/corpus")
echo "check of 1,000 seed guides, CPU s: typos $t_typos, codespell $t_codespell"
for b in "${bins[@]}"; do
  t=$(cpu "$b check --format json $tmp/corpus")
  echo "  $b: $t s; typos/guidepress = $(ratio "$t_typos" "$t")x, codespell/guidepress = $(ratio "$t_codespell" "$t")x"
done
# exports: 50 processes each (GNU time counts in 10 ms steps), seed guide vs pandoc on the same guide as Markdown
"${bins[0]}" export --quiet --format txt --out "$tmp/x" "$seed" >/dev/null 2>&1
python3 - "$seed" >"$tmp/guide.md" <<'PY'
import sys, yaml
g = yaml.safe_load(open(sys.argv[1]))
out = [f'---\ntitle: "{g["title"]}"\nlang: {g.get("language", "en")}\n---\n']
def text(x): return x if isinstance(x, str) else x.get("text", "") if isinstance(x, dict) else str(x)
def blocks(bs):
    for b in bs or []:
        (k, v), = b.items() if isinstance(b, dict) and len(b) == 1 else [(None, b)]
        if k in ("ordered", "steps"):
            out.extend(f"{i+1}. {text(it)}" for i, it in enumerate(v)); out.append("")
        elif k in ("bullets", "list"):
            out.extend(f"- {text(it)}" for it in v); out.append("")
        elif k == "paragraph": out.append(text(v) + "\n")
        else: out.append("> " + text(v if not isinstance(v, dict) else v.get("text", "")) + "\n")
def section(s, d):
    out.append("#" * d + " " + s["title"] + "\n"); blocks(s.get("blocks"))
    for sub in s.get("sections") or []: section(sub, d + 1)
blocks(g.get("introduction"))
for s in g.get("sections") or []: section(s, 2)
print("\n".join(out))
PY
mkdir -p "$tmp/p"
n=50
for spec in "pdf|-t ms --pdf-engine=pdfroff -o p.pdf" "epub|-t epub3 -o p.epub" "txt|-t plain -o p.txt" "html|-s --toc -t html5 -o p.html"; do
  fmt=${spec%%|*}; pargs=${spec#*|}
  tp=$(cpu "cd $tmp/p && for i in \$(seq $n); do pandoc $tmp/guide.md $pargs; done")
  line="export $fmt x$n, CPU s: pandoc $tp"
  for b in "${bins[@]}"; do
    bb=$(realpath "$b")
    # like pandoc's -o, each export replaces the file the one before wrote (no `rm` process
    # per export, which counted only against guidepress: ~1 ms of a ~5 ms export)
    t=$(cpu "for i in \$(seq $n); do $bb export --quiet --format $fmt --out $tmp/o $seed; done")
    line="$line; $b $t (pandoc/guidepress = $(ratio "$tp" "$t")x)"
  done
  echo "$line"
done
