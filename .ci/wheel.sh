#!/usr/bin/env bash
# The fast install paths, end to end (called by .ci/run after the release build; runs locally too):
#   1. the wheel (maturin `bindings = "bin"`, pyproject.toml) builds, installs into a fresh
#      virtualenv with no index, and the installed `guidepress` runs `--version` and `check`;
#   2. pre-commit, with the config `guidepress init` writes (`language: python`, the wheel pinned
#      to this version), installs guidepress from that wheel and checks a guide repository;
#   3. the release workflow, the GitHub Action and the workflow `init` writes are valid
#      GitHub Actions files (action-validator, with the schemastore schemas built in).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)

python3 -m venv "$work/tools"
"$work/tools/bin/pip" install --quiet maturin==1.16.0 pre-commit==4.7.0
# the same target/ as `cargo build --release`: only guidepress itself is compiled again
"$work/tools/bin/maturin" build --quiet --release --locked --out "$work/wheels" 2>&1 | tail -n 3
wheel=$(ls "$work"/wheels/guidepress-"$version"-*.whl)
echo "wheel: $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KiB)"

# 1. a fresh virtualenv, nothing but the wheel
python3 -m venv "$work/user"
"$work/user/bin/pip" install --quiet --no-index "$wheel"
"$work/user/bin/guidepress" --version | grep -qx "guidepress $version" \
  || { echo "the installed wheel does not report version $version"; exit 1; }
mkdir -p "$work/proj" && cp -r content .guidepress.yaml "$work/proj/"
(cd "$work/proj" && "$work/user/bin/guidepress" check --quiet content) \
  || { echo "guidepress from the wheel: check of the bundled content failed"; exit 1; }
echo "wheel: installs into a fresh virtualenv; guidepress $version runs and checks the bundled content"

# 2. pre-commit with init's hooks, guidepress installed from the wheel (a local wheelhouse stands
#    in for PyPI, which holds the same file once the release workflow publishes it)
repo="$work/repo"
mkdir -p "$repo" && cd "$repo"
git init --quiet
"$work/user/bin/guidepress" init --quiet >/dev/null
cp "$root/content/microneedling-101.yaml" content/
git add -A
start=$(date +%s)
PRE_COMMIT_HOME="$work/pre-commit-home" PIP_FIND_LINKS="$work/wheels" \
  "$work/tools/bin/pre-commit" run --all-files >"$work/pre-commit.log" 2>&1 \
  || { cat "$work/pre-commit.log"; echo "pre-commit with init's hooks failed"; exit 1; }
grep -q "guidepress check (changed guides).*Passed" "$work/pre-commit.log" \
  || { cat "$work/pre-commit.log"; echo "init's guidepress-check hook did not run"; exit 1; }
echo "pre-commit: init's hooks installed guidepress from the wheel and passed in $(($(date +%s) - start)) s"
# the hook fails a broken guide
printf 'title: [unclosed\n' > content/broken.yaml
git add content/broken.yaml
if PRE_COMMIT_HOME="$work/pre-commit-home" "$work/tools/bin/pre-commit" run --files content/broken.yaml \
  >"$work/pre-commit.log" 2>&1; then
  cat "$work/pre-commit.log"; echo "pre-commit passed a broken guide"; exit 1
fi
cd "$root"

# 3. GitHub Actions files
(cd "$work" && npm install --silent --no-audit --no-fund --ignore-scripts \
  @action-validator/cli@0.6.0 @action-validator/core@0.6.0 >/dev/null)
for f in "$root"/.github/workflows/*.yml "$root/action.yml" "$repo/.github/workflows/guides.yml"; do
  (cd "$work" && npx action-validator "$f") >/dev/null \
    || { (cd "$work" && npx action-validator "$f") || true; echo "action-validator: $f"; exit 1; }
done
echo "GitHub Actions files valid: release workflow, action.yml, init's workflow"
