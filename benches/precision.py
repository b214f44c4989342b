#!/usr/bin/env python3
"""Precision bench on the real-text corpus (tests/corpus): a guidepress binary beside the peers.

Runs `guidepress check --format json` on tests/corpus/guides (the 71 imported articles) and on
tests/corpus/guides_injected (the same articles with ~1 word in 200 replaced by a real human
misspelling), runs the peers (Hunspell en_US/en_GB, codespell, typos, cspell with
@cspell/dict-medicalterms) on the same articles' text, and prints, per rule, per split
(tune/heldout) and per locale: findings, precision, recall where labelled, and false alarms per
5,000 words, from the hand labels in tests/corpus/labels/.

A finding no label covers is never counted as right or wrong: it is reported as `unlabelled: N`
and listed. Exit status: 0 unless a tool crashed or the corpus is unreadable (2), or a goal given
with --min-precision / --max-false-alarms / --min-recall is missed (1).

Python 3 standard library only, plus the peers it calls. Missing peers are reported and skipped
(under CI=true they are required: exit 2). Install them with benches/install-peers.sh.

  python3 benches/precision.py [--guidepress target/release/guidepress] [--peers DIR]
      [--min-precision RULE=0.9 ...] [--max-false-alarms spelling=2 ...] [--min-recall spelling=0.95]
      [--json OUT] [--max-list N] [--split heldout2|heldout3|heldout4]

--split heldout2 measures the second held-out split instead (tests/corpus/heldout2/: 25 articles chosen by a
written rule, labelled the same way (development data since round 3's fourth stop); groups heldout2, heldout2/en-US,
heldout2/en-GB, heldout2/derm (derm_cosmetic), heldout2/other; goals are checked on its locale groups). Without it
the output is the 71-article corpus's, as before. --split heldout3 measures the third held-out split the same way
(tests/corpus/heldout3/: measured unseen once at 3367d94, development data since round 3's fifth stop; groups heldout3, heldout3/en-US, ...), and --split heldout4 the
fourth (tests/corpus/heldout4/, final measurement only, the same way). For each, the bench also
prints how many distinct (article, word) pairs any tool flagged that no label covers (should be 0).
With --split heldout4, --adjudicated uses labels/adjudicated.tsv's final labels (the first and a second labeller
reconciled) over the first labeller's.
"""
import argparse
import collections
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "tests", "corpus")
SPELL_RULES = ("spelling", "misspelling")
PROSE_RULES = ("near-duplicate", "claims", "duplicate-heading", "duplicate-block", "required-content",
               "readability", "repeated-word", "misspelling", "spelling", "contradiction")


class Crash(Exception):
    pass


# ---------------------------------------------------------------- corpus

def read_tsv(path):
    rows = []
    header = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            cells += [""] * (len(header) - len(cells))
            rows.append(dict(zip(header, cells)))
    return rows


def load_manifest():
    rows = read_tsv(os.path.join(CORPUS, "MANIFEST.tsv"))
    return {r["id"]: r for r in rows}


def split_of(item_id):
    """The split rule recorded in MANIFEST.tsv: a third held out by a hash of the id."""
    return "heldout" if hashlib.sha256(item_id.encode()).digest()[0] % 3 == 0 else "tune"


def plain_text(markdown):
    """What a reader reads in an article: title, prose, list items, table cells; no markup or URLs."""
    lines = markdown.split("\n")
    out = []
    i = 0
    if lines and lines[0] == "---":
        i = 1
        while i < len(lines) and lines[i] != "---":
            m = re.match(r'title:\s*"?(.*?)"?\s*$', lines[i])
            if m:
                out.append(m.group(1))
            i += 1
        i += 1
    for line in lines[i:]:
        target = r"\((?:[^()\s]|\([^()\s]*\))*\)"  # a link target, one level of parentheses inside
        line = re.sub(r"!\[[^\]]*\]" + target, "", line)
        line = re.sub(r"\[([^\]]*)\]" + target, r"\1", line)
        line = re.sub(r"^\s*#+\s*", "", line)
        line = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", line)
        if re.fullmatch(r"\s*\|?[\s:|-]+\|?\s*", line) and "-" in line:
            continue
        line = line.replace("|", " ").replace("**", "").replace("__", "")
        line = re.sub(r"(?<!\w)\*(\S[^*]*)\*(?!\w)", r"\1", line)
        out.append(line)
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- guidepress

def run_guidepress(binary, guides_dir, extra=()):
    proc = subprocess.run([binary, "check", "--format", "json", *extra, guides_dir], capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise Crash(f"{binary} check {guides_dir}: exit {proc.returncode}: {proc.stderr.strip()[:500]}")
    try:
        data = json.loads(proc.stdout)
    except json.JSONDecodeError as e:
        raise Crash(f"{binary} check: output is not JSON ({e})")
    findings = []
    cache = {}
    for d in data.get("diagnostics", []):
        path = d.get("file", "")
        item = os.path.splitext(os.path.basename(path))[0]
        loc = d.get("location") or {}
        if path not in cache:
            try:
                with open(path if os.path.isabs(path) else os.path.join(ROOT, path), "rb") as f:
                    cache[path] = f.read()
            except OSError:
                cache[path] = b""
        src = cache[path]
        start, end = loc.get("start", 0), loc.get("end", 0)
        flagged = src[start:end].decode("utf-8", "replace")
        line_start = src.rfind(b"\n", 0, start) + 1
        line_end = src.find(b"\n", start)
        line_text = src[line_start:line_end if line_end >= 0 else len(src)].decode("utf-8", "replace")
        m = re.search(r"`([^`]+)`", d.get("message", ""))
        findings.append(dict(id=item, code=d.get("code", ""), line=loc.get("line", 0), message=d.get("message", ""),
                             flagged=flagged, line_text=line_text, word=m.group(1) if m else flagged,
                             severity=d.get("severity", ""), suggestions=d.get("suggestions") or []))
    return findings


def norm(text):
    return re.sub(r"\s+", " ", text).strip()


def finding_key(f):
    """Re-identifiable after code changes: guide + rule + the flagged text (+ its YAML line when the
    flagged text is short, e.g. `cure`), not the line number or the message wording. Findings that
    point at no text of their own (e.g. a missing field) key on the message with numbers removed."""
    flagged = norm(f["flagged"])
    if len(flagged) >= 3 and not flagged.startswith(("id:", "title:")):
        context = norm(f["line_text"])[:160] if len(flagged) < 40 else ""
        return "\x1f".join((f["id"], f["code"], flagged[:200], context))
    msg = re.sub(r"\d+(\.\d+)?", "#", norm(f["message"]))
    return "\x1f".join((f["id"], f["code"], "", msg))


def numbered_keys(findings):
    """finding -> key#n (n-th finding with that key in the guide, in line order)."""
    counts = collections.Counter()
    out = []
    for f in sorted(findings, key=lambda f: (f["id"], f["code"], f["line"], f["flagged"])):
        k = finding_key(f)
        counts[k] += 1
        out.append((f"{k}\x1f{counts[k]}", f))
    return out


# ---------------------------------------------------------------- peers

def which(name, peers_dir):
    cands = []
    if peers_dir:
        cands += [os.path.join(peers_dir, "node_modules", ".bin", name), os.path.join(peers_dir, "venv", "bin", name),
                  os.path.join(peers_dir, "bin", name)]
    for c in cands:
        if os.access(c, os.X_OK):
            return c
    return shutil.which(name)


def tokens_of(text):
    return re.findall(r"[A-Za-z][A-Za-z'’]*", text)


def peer_hunspell(binary, files_by_locale, _peers):
    out = {}
    for locale, files in files_by_locale.items():
        dic = "en_GB" if locale == "en-GB" else "en_US"
        for item, path in files:
            proc = subprocess.run([binary, "-l", "-d", dic, "-i", "utf-8", path], capture_output=True, text=True)
            if proc.returncode != 0:
                raise Crash(f"hunspell -d {dic} {path}: exit {proc.returncode}: {proc.stderr[:300]}")
            out[item] = [w for w in proc.stdout.split("\n") if w.strip()]
    return out


def peer_codespell(binary, files_by_locale, _peers):
    out = {}
    for _locale, files in files_by_locale.items():
        paths = {path: item for item, path in files}
        for item in paths.values():
            out.setdefault(item, [])
        proc = subprocess.run([binary, *paths.keys()], capture_output=True, text=True)
        if proc.returncode not in (0, 65):
            raise Crash(f"codespell: exit {proc.returncode}: {proc.stderr[:300]}")
        for path, word in re.findall(r"^(.*?):\d+: (\S+) ==>", proc.stdout, flags=re.M):
            if path in paths:
                out[paths[path]].append(word)
    return out


def peer_typos(binary, files_by_locale, _peers):
    out = {}
    for locale, files in files_by_locale.items():
        for item, path in files:
            args = [binary, "--format", "json", "--no-check-filenames"]
            if locale == "en-GB":
                args += ["--locale", "en-gb"]
            proc = subprocess.run(args + [path], capture_output=True, text=True)
            if proc.returncode not in (0, 2):
                raise Crash(f"typos {path}: exit {proc.returncode}: {proc.stderr[:300]}")
            words = []
            for line in proc.stdout.splitlines():
                try:
                    j = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if j.get("type") == "typo" and j.get("typo"):
                    words.append(j["typo"])
            out[item] = words
    return out


def peer_cspell(binary, files_by_locale, peers_dir):
    out = {}
    base = os.path.join(peers_dir, "node_modules") if peers_dir else None
    tmp = tempfile.mkdtemp(prefix="cspell-cfg-")
    try:
        for locale, files in files_by_locale.items():
            imports = []
            if base:
                imports.append(os.path.join(base, "@cspell", "dict-medicalterms", "cspell-ext.json"))
                if locale == "en-GB":
                    imports.append(os.path.join(base, "@cspell", "dict-en-gb", "cspell-ext.json"))
            else:
                imports.append("@cspell/dict-medicalterms/cspell-ext.json")
                if locale == "en-GB":
                    imports.append("@cspell/dict-en-gb/cspell-ext.json")
            cfg = {"version": "0.2", "language": "en-GB" if locale == "en-GB" else "en",
                   "import": imports, "dictionaries": ["medical terms"]}
            cfg_path = os.path.join(tmp, f"cspell-{locale}.json")
            with open(cfg_path, "w") as f:
                json.dump(cfg, f)
            # cspell names files relative to its working folder: run it in the texts' folder.
            cwd = os.path.dirname(files[0][1]) if files else tmp
            paths = {os.path.relpath(path, cwd): item for item, path in files}
            proc = subprocess.run([binary, "lint", "--config", cfg_path, "--no-progress", "--no-summary", "--no-color",
                                   "--no-must-find-files", "--no-gitignore", *paths.keys()], capture_output=True,
                                  text=True, cwd=cwd)
            if proc.returncode not in (0, 1):
                raise Crash(f"cspell: exit {proc.returncode}: {proc.stderr[:300]}")
            for item in paths.values():
                out.setdefault(item, [])
            for line in proc.stdout.splitlines():
                m = re.match(r"(.*?):\d+:\d+ - Unknown word \((.+?)\)", line)
                if m and m.group(1) in paths:
                    out[paths[m.group(1)]].append(m.group(2))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


PEERS = [
    ("hunspell", "hunspell", peer_hunspell),
    ("codespell", "codespell", peer_codespell),
    ("typos", "typos", peer_typos),
    ("cspell+medical", "cspell", peer_cspell),
]


def write_texts(manifest, articles_dir, tmp):
    by_locale = collections.defaultdict(list)
    for item, row in sorted(manifest.items()):
        with open(os.path.join(articles_dir, item + ".md"), encoding="utf-8") as f:
            text = plain_text(f.read())
        path = os.path.join(tmp, item + ".txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        by_locale[row["locale"]].append((item, path))
    return by_locale


# ---------------------------------------------------------------- metrics

def ratio(a, b):
    return a / b if b else None


def fmt(x, digits=2):
    return "-" if x is None else f"{x:.{digits}f}"


def groups_of_heldout2(manifest, split="heldout2"):
    """The heldout2 (or heldout3) view: the whole split, then per locale and per class."""
    g = collections.OrderedDict()
    g[split] = set(manifest)
    for locale in ("en-US", "en-GB"):
        g[f"{split}/{locale}"] = {i for i, r in manifest.items() if r["locale"] == locale}
    for cls in ("derm_cosmetic", "other"):
        g[f"{split}/{cls.split('_')[0]}"] = {i for i, r in manifest.items() if r["class"] == cls}
    return g


def groups_of(manifest):
    g = collections.OrderedDict()
    g["all"] = set(manifest)
    for split in ("tune", "heldout"):
        g[split] = {i for i, r in manifest.items() if r["split"] == split}
    for locale in ("en-US", "en-GB"):
        g[locale] = {i for i, r in manifest.items() if r["locale"] == locale}
    for split in ("tune", "heldout"):
        for locale in ("en-US", "en-GB"):
            g[f"{split}/{locale}"] = {i for i, r in manifest.items() if r["split"] == split and r["locale"] == locale}
    return g


def spelling_table(tools_flags, tools_injected, labels, injected, manifest, groups, tools_occ=None):
    """tools_flags: tool -> id -> set(lowercased words) on the original corpus;
    tools_injected: tool -> id -> set(lowercased words) on the injected copy."""
    natural_errors = {(i, w) for (i, w), (lab, _r) in labels.items() if lab == "error"}
    rows = []
    unlabelled = collections.defaultdict(list)
    for tool, flags in tools_flags.items():
        for gname, ids in groups.items():
            words = sum(int(manifest[i]["words"]) for i in ids)
            flagged = {(i, w) for i in ids for w in flags.get(i, ())}
            errs = {p for p in flagged if labels.get(p, ("",))[0] == "error"}
            oks = {p for p in flagged if labels.get(p, ("",))[0] == "ok"}
            unl = flagged - errs - oks
            if gname == next(iter(groups)):
                unlabelled[tool] = sorted(unl)
            nat_total = {p for p in natural_errors if p[0] in ids}
            inj = [r for r in injected if r["id"] in ids]
            inj_found = sum(1 for r in inj if r["wrong"].lower() in tools_injected.get(tool, {}).get(r["id"], ()))
            found = len(errs) + inj_found
            total = len(nat_total) + len(inj)
            occ = (tools_occ or {}).get(tool, {})
            fa_occ = sum(n for i in ids for w, n in occ.get(i, {}).items() if labels.get((i, w), ("",))[0] == "ok")
            rows.append(dict(tool=tool, group=gname, words=words, flagged=len(flagged), errors=len(errs),
                             false_alarms=len(oks), unlabelled=len(unl), precision=ratio(len(errs), len(errs) + len(oks)),
                             recall=ratio(found, total), natural_found=len(errs), natural_total=len(nat_total),
                             injected_found=inj_found, injected_total=len(inj),
                             fa_per_5k=(len(oks) * 5000 / words) if words else None,
                             fa_occurrences=fa_occ, fa_occ_per_5k=(fa_occ * 5000 / words) if words else None))
    return rows, unlabelled


def rules_table(findings, labels, manifest, groups, rules, spell_labels):
    """Precision of each rule from rules.tsv; spelling and misspelling findings take the label of
    their (article, word) in spelling.tsv (error -> useful, ok -> noise)."""
    rows = []
    unlabelled = collections.defaultdict(list)
    keyed = numbered_keys(findings)
    labels = dict(labels)
    for k, f in keyed:
        if f["code"] in SPELL_RULES and k not in labels:
            lab = spell_labels.get((f["id"], f["word"].lower()))
            if lab:
                labels[k] = ("useful" if lab[0] == "error" else "noise", lab[1])
    for rule in rules:
        mine = [(k, f) for k, f in keyed if f["code"] == rule]
        for gname, ids in groups.items():
            words = sum(int(manifest[i]["words"]) for i in ids)
            sel = [(k, f) for k, f in mine if f["id"] in ids]
            useful = sum(1 for k, _ in sel if labels.get(k, ("",))[0] == "useful")
            noise = sum(1 for k, _ in sel if labels.get(k, ("",))[0] == "noise")
            unl = [(k, f) for k, f in sel if k not in labels]
            if gname == next(iter(groups)):
                unlabelled[rule] = unl
            rows.append(dict(rule=rule, group=gname, words=words, findings=len(sel), useful=useful, noise=noise,
                             unlabelled=len(unl), precision=ratio(useful, useful + noise),
                             noise_per_5k_est=(len(sel) * (noise / (useful + noise)) * 5000 / words)
                             if words and (useful + noise) else None))
    return rows, unlabelled


def load_intended():
    """(id, lower-case word) -> the forms the real error was meant to be (labels/intended.tsv)."""
    path = os.path.join(CORPUS, "labels", "intended.tsv")
    out = {}
    if os.path.exists(path):
        for r in read_tsv(path):
            out[(r["id"], r["word"].lower())] = {f.strip().lower() for f in r["intended"].split("|")}
    return out


def canon(word):
    return word.replace("\u2019", "'").lower()


def suggestion_table(gp, gp_inj, labels, intended, injected, manifest, groups):
    """Issue 24, item 5: for every real error guidepress flags, is its first suggestion the intended
    word, or is there none? Natural errors: labels/intended.tsv; injected: injected.tsv's `right`.
    Counted per distinct (article, word); a word flagged with different suggestions counts its first."""
    def firsts(findings):
        out = {}
        for f in sorted(findings, key=lambda f: (f["id"], f["line"])):
            if f["code"] in SPELL_RULES:
                out.setdefault((f["id"], f["word"].lower()), f["suggestions"])
        return out

    nat, inj = firsts(gp), firsts(gp_inj)
    cases = []  # (id, kind, word, intended set, suggestions)
    for (i, w), (lab, _r) in sorted(labels.items()):
        if lab == "error" and (i, w) in nat:
            cases.append((i, "natural", w, intended.get((i, w)), nat[(i, w)]))
    for r in injected:
        k = (r["id"], r["wrong"].lower())
        if k in inj:
            cases.append((r["id"], "injected", r["wrong"], {r["right"].lower()}, inj[k]))
    rows, wrong = [], []
    for gname, ids in groups.items():
        for kind in ("natural", "injected"):
            sel = [c for c in cases if c[0] in ids and c[1] == kind]
            right = sum(1 for c in sel if c[3] and c[4] and canon(c[4][0]) in c[3])
            none = sum(1 for c in sel if not c[4])
            unl = sum(1 for c in sel if c[3] is None)
            rows.append(dict(group=gname, kind=kind, found=len(sel), right=right, none=none, unlabelled=unl,
                             wrong=len(sel) - right - none - unl,
                             right_or_none=ratio(right + none, len(sel) - unl)))
    for c in cases:
        if c[3] is not None and c[4] and canon(c[4][0]) not in c[3]:
            wrong.append(c)
    return rows, wrong


def load_spelling_labels():
    path = os.path.join(CORPUS, "labels", "spelling.tsv")
    labels = {}
    if os.path.exists(path):
        for r in read_tsv(path):
            labels[(r["id"], r["word"].lower())] = (r["label"], r.get("reason", ""))
    return labels


def load_rule_labels():
    path = os.path.join(CORPUS, "labels", "rules.tsv")
    labels = {}
    if os.path.exists(path):
        for r in read_tsv(path):
            key = "\x1f".join((r["id"], r["code"], r["flagged"], r["context"], r["n"]))
            labels[key] = (r["label"], r.get("reason", ""))
    return labels


def apply_adjudicated(spell_labels, rule_labels):
    """--adjudicated: labels/adjudicated.tsv's `final` label replaces the first labeller's for each item it lists
    (kind `spelling`: id + word; kind `rules`: id, code, flagged, context, n). Returns how many labels changed."""
    path = os.path.join(CORPUS, "labels", "adjudicated.tsv")
    if not os.path.exists(path):
        raise Crash(f"--adjudicated: {os.path.relpath(path, ROOT)} is missing")
    changed = 0
    for r in read_tsv(path):
        if r["kind"] == "spelling":
            labels, key = spell_labels, (r["id"], r["word"].lower())
        elif r["kind"] == "rules":
            labels, key = rule_labels, "\x1f".join((r["id"], r["code"], r["flagged"], r["context"], r["n"]))
        else:
            raise Crash(f"--adjudicated: unknown kind {r['kind']!r} in {os.path.relpath(path, ROOT)}")
        if key not in labels:
            raise Crash(f"--adjudicated: {os.path.relpath(path, ROOT)} lists an item no first label has: {key!r}")
        if labels[key][0] != r["final"]:
            changed += 1
        labels[key] = (r["final"], "adjudicated: " + r.get("reason", ""))
    return changed


# ---------------------------------------------------------------- main

def parse_goals(items, what):
    goals = {}
    for it in items or []:
        if "=" not in it:
            raise SystemExit(f"--{what} wants RULE=NUMBER, got {it!r}")
        k, v = it.split("=", 1)
        goals[k] = float(v)
    return goals


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--guidepress", default=os.path.join(ROOT, "target", "release", "guidepress"))
    ap.add_argument("--peers", default=os.environ.get("GUIDEPRESS_PEERS"),
                    help="folder benches/install-peers.sh filled (node_modules/, venv/); default: PATH")
    ap.add_argument("--no-peers", action="store_true", help="only guidepress")
    ap.add_argument("--min-precision", action="append", metavar="RULE=P")
    ap.add_argument("--max-false-alarms", action="append", metavar="spelling=N", help="per 5,000 words")
    ap.add_argument("--min-recall", action="append", metavar="spelling=R")
    ap.add_argument("--min-first-suggestion", type=float, metavar="R",
                    help="share of the real (natural) errors found whose first suggestion is the intended word or none")
    ap.add_argument("--json", metavar="OUT", help="write every number as JSON")
    ap.add_argument("--max-list", type=int, default=30, help="unlabelled findings listed per rule (0: all)")
    ap.add_argument("--split", choices=("heldout2", "heldout3", "heldout4"),
                    help="measure the second, third or fourth held-out split (tests/corpus/heldout2/, heldout3/ or heldout4/; "
                         "heldout2 and heldout3 are development data now, heldout4 is for final measurement only)")
    ap.add_argument("--adjudicated", action="store_true",
                    help="with --split heldout4: use labels/adjudicated.tsv's final labels (first and second labeller "
                         "reconciled) over the first labeller's")
    ap.add_argument("--dump-spelling-union", metavar="OUT", help=argparse.SUPPRESS)
    ap.add_argument("--dump-rule-findings", metavar="OUT", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.adjudicated and args.split != "heldout4":
        ap.error("--adjudicated needs --split heldout4 (the only split with a second labeller)")
    goals_p = parse_goals(args.min_precision, "min-precision")
    goals_fa = parse_goals(args.max_false_alarms, "max-false-alarms")
    goals_r = parse_goals(args.min_recall, "min-recall")
    ci = os.environ.get("CI") == "true"
    t0 = time.time()
    global CORPUS
    if args.split in ("heldout2", "heldout3", "heldout4"):
        CORPUS = os.path.join(ROOT, "tests", "corpus", args.split)
    try:
        manifest = load_manifest()
        for item, row in manifest.items():
            if args.split in ("heldout2", "heldout3", "heldout4"):
                if row["split"] != args.split:
                    raise Crash(f"{args.split}/MANIFEST.tsv: {item} is in split {row['split']}, not {args.split}")
            elif row["split"] != split_of(item):
                raise Crash(f"MANIFEST.tsv: {item} is in split {row['split']}, the rule says {split_of(item)}")
            for sub, ext in (("articles", ".md"), ("articles_injected", ".md"), ("guides", ".yaml"),
                             ("guides_injected", ".yaml")):
                if not os.path.exists(os.path.join(CORPUS, sub, item + ext)):
                    raise Crash(f"tests/corpus/{sub}/{item}{ext} is missing")
            if not row.get("licence") or not row.get("repo_commit_path"):
                raise Crash(f"MANIFEST.tsv: {item} has no licence or provenance")
        if not os.access(args.guidepress, os.X_OK):
            raise Crash(f"no guidepress binary at {args.guidepress} (build it: cargo build --release)")
        groups = groups_of_heldout2(manifest, args.split) if args.split else groups_of(manifest)
        first = next(iter(groups))
        timings = {}
        t = time.time()
        gp = run_guidepress(args.guidepress, os.path.join(CORPUS, "guides"))
        gp_inj = run_guidepress(args.guidepress, os.path.join(CORPUS, "guides_injected"))
        if args.split in ("heldout2", "heldout3", "heldout4"):
            # readability is off by default; heldout2 and heldout3 are labelled with it on (the only change)
            with tempfile.TemporaryDirectory(prefix="guidepress-readability-") as cfg_dir:
                cfg = os.path.join(cfg_dir, "readability.yaml")
                with open(cfg, "w", encoding="utf-8") as f:
                    f.write("rules:\n  readability: note\n")
                readability = [f for f in run_guidepress(args.guidepress, os.path.join(CORPUS, "guides"),
                                                         ["--config", cfg]) if f["code"] == "readability"]
            if not any(f["code"] == "readability" for f in gp):  # a binary with it on by default: no double count
                gp += readability
        timings["guidepress"] = time.time() - t

        def gp_words(findings, codes):
            out = collections.defaultdict(set)
            for f in findings:
                if f["code"] in codes:
                    out[f["id"]].add(f["word"].lower())
            return out

        def gp_occ(findings, codes):
            out = collections.defaultdict(collections.Counter)
            for f in findings:
                if f["code"] in codes:
                    out[f["id"]][f["word"].lower()] += 1
            return out

        tools_flags = collections.OrderedDict()
        tools_inj = {}
        tools_occ = {}
        for name, codes in (("guidepress spelling+misspelling", SPELL_RULES), ("guidepress spelling", ("spelling",)),
                            ("guidepress misspelling", ("misspelling",))):
            tools_flags[name] = gp_words(gp, codes)
            tools_inj[name] = gp_words(gp_inj, codes)
            tools_occ[name] = gp_occ(gp, codes)
        missing = []
        if not args.no_peers:
            tmp = tempfile.mkdtemp(prefix="guidepress-precision-")
            try:
                orig = write_texts(manifest, os.path.join(CORPUS, "articles"), os.path.join(tmp, "o") if os.makedirs(
                    os.path.join(tmp, "o")) is None else None)
                os.makedirs(os.path.join(tmp, "i"))
                inj = write_texts(manifest, os.path.join(CORPUS, "articles_injected"), os.path.join(tmp, "i"))
                for name, exe, fn in PEERS:
                    binary = which(exe, args.peers)
                    if not binary:
                        missing.append(name)
                        continue
                    t = time.time()
                    a = fn(binary, orig, args.peers)
                    b = fn(binary, inj, args.peers)
                    timings[name] = time.time() - t
                    tools_flags[name] = {i: {w.lower() for w in ws} for i, ws in a.items()}
                    tools_occ[name] = {i: collections.Counter(w.lower() for w in ws) for i, ws in a.items()}
                    tools_inj[name] = {i: {w.lower() for w in ws} for i, ws in b.items()}
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
        if missing and ci:
            raise Crash(f"peers missing under CI=true: {', '.join(missing)} (run benches/install-peers.sh)")

        if args.dump_spelling_union:
            with open(args.dump_spelling_union, "w", encoding="utf-8") as f:
                f.write("id\tword\ttools\n")
                union = collections.defaultdict(set)
                for tool, flags in tools_flags.items():
                    for i, ws in flags.items():
                        for w in ws:
                            union[(i, w)].add(tool.replace("guidepress ", "gp-"))
                for (i, w), ts in sorted(union.items()):
                    f.write(f"{i}\t{w}\t{','.join(sorted(ts))}\n")
        if args.dump_rule_findings:
            with open(args.dump_rule_findings, "w", encoding="utf-8") as f:
                json.dump([dict(key=k, **fd) for k, fd in numbered_keys(gp)], f, indent=1)

        spell_labels = load_spelling_labels()
        rule_labels = load_rule_labels()
        adjudicated_changed = apply_adjudicated(spell_labels, rule_labels) if args.adjudicated else None
        injected = read_tsv(os.path.join(CORPUS, "labels", "injected.tsv"))
        srows, s_unl = spelling_table(tools_flags, tools_inj, spell_labels, injected, manifest, groups, tools_occ)
        sugg_rows, sugg_wrong = suggestion_table(gp, gp_inj, spell_labels, load_intended(), injected, manifest,
                                                 groups)
        present = sorted({f["code"] for f in gp} | set(PROSE_RULES), key=lambda r: (r not in PROSE_RULES, r))
        rrows, r_unl = rules_table(gp, rule_labels, manifest, groups, present, spell_labels)
    except Crash as e:
        print(f"precision bench: {e}", file=sys.stderr)
        return 2

    total_words = sum(int(r["words"]) for r in manifest.values())
    if args.split in ("heldout2", "heldout3", "heldout4"):
        print(f"corpus: split {args.split} (tests/corpus/{args.split}/{', development data' if args.split in ('heldout2', 'heldout3') else ', for final measurement only'}): {len(manifest)} "
              f"articles, {total_words} words ({sum(1 for r in manifest.values() if r['locale'] == 'en-GB')} en-GB, "
              f"{sum(1 for r in manifest.values() if r['class'] == 'derm_cosmetic')} dermatology/cosmetic); "
              f"{len(injected)} injected misspellings; guidepress: {args.guidepress}")
    else:
        print(f"corpus: {len(manifest)} articles, {total_words} words "
              f"({sum(1 for r in manifest.values() if r['locale'] == 'en-GB')} en-GB, "
              f"{sum(1 for r in manifest.values() if r['class'] == 'derm_cosmetic')} dermatology/cosmetic; "
              f"split {sum(1 for r in manifest.values() if r['split'] == 'tune')} tune / "
              f"{sum(1 for r in manifest.values() if r['split'] == 'heldout')} held out); "
              f"{len(injected)} injected misspellings; guidepress: {args.guidepress}")
    if adjudicated_changed is not None:
        print(f"labels: adjudicated (labels/adjudicated.tsv over the first labeller's: {adjudicated_changed} changed)")
    if missing:
        print(f"peers not found (skipped): {', '.join(missing)}")
    print()
    print("SPELLING (a finding = a distinct flagged word in an article; precision and false alarms on the "
          "original articles; recall = labelled real errors + injected misspellings found; FA/5k = false alarms "
          "(distinct words per article) per 5,000 words, FAocc/5k = every flagged occurrence of them)")
    hdr = f"{'tool':34} {'group':16} {'words':>6} {'flagged':>7} {'errors':>6} {'false':>5} {'unlab':>5} " \
          f"{'prec':>5} {'recall':>6} {'(nat':>5} {'inj)':>7} {'FA/5k':>6} {'FAocc/5k':>8}"
    print(hdr)
    for r in srows:
        print(f"{r['tool']:34} {r['group']:16} {r['words']:6d} {r['flagged']:7d} {r['errors']:6d} {r['false_alarms']:5d} "
              f"{r['unlabelled']:5d} {fmt(r['precision']):>5} {fmt(r['recall']):>6} "
              f"{r['natural_found']:>2}/{r['natural_total']:<2} {r['injected_found']:>3}/{r['injected_total']:<3} "
              f"{fmt(r['fa_per_5k'], 1):>6} {fmt(r['fa_occ_per_5k'], 1):>8}")
    print()
    print("FIRST SUGGESTION (guidepress spelling+misspelling, issue 24 item 5: of the real errors found, how many "
          "have the intended word first, or no suggestion; natural = labels/intended.tsv, injected = injected.tsv)")
    print(f"{'group':16} {'kind':9} {'found':>5} {'right':>5} {'none':>4} {'wrong':>5} {'unlab':>5} {'right|none':>10}")
    for r in sugg_rows:
        print(f"{r['group']:16} {r['kind']:9} {r['found']:5d} {r['right']:5d} {r['none']:4d} {r['wrong']:5d} "
              f"{r['unlabelled']:5d} {fmt(r['right_or_none']):>10}")
    nat_wrong = [c for c in sugg_wrong if c[1] == "natural"]
    if nat_wrong:
        print("wrong first suggestion (natural errors): " + ", ".join(
            f"{i}:{w} -> {s[0]!r} (meant {'|'.join(sorted(m))})" for i, _k, w, m, s in nat_wrong))
    print()
    print("PROSE RULES (guidepress; precision = useful / labelled; findings no label covers are unlabelled)")
    print(f"{'rule':18} {'group':16} {'words':>6} {'findings':>8} {'useful':>6} {'noise':>5} {'unlab':>5} {'prec':>5} "
          f"{'noise/5k(est)':>13}")
    for r in rrows:
        print(f"{r['rule']:18} {r['group']:16} {r['words']:6d} {r['findings']:8d} {r['useful']:6d} {r['noise']:5d} "
              f"{r['unlabelled']:5d} {fmt(r['precision']):>5} {fmt(r['noise_per_5k_est'], 1):>13}")
    print()
    any_unl = False
    for tool, pairs in s_unl.items():
        if pairs:
            any_unl = True
            shown = pairs if args.max_list == 0 else pairs[: args.max_list]
            print(f"unlabelled: {len(pairs)} spelling findings of {tool}: " + ", ".join(f"{i}:{w}" for i, w in shown)
                  + (f" … {len(pairs) - len(shown)} more (--max-list 0)" if len(shown) < len(pairs) else ""))
    for rule, items in r_unl.items():
        if items:
            any_unl = True
            shown = items if args.max_list == 0 else items[: args.max_list]
            print(f"unlabelled: {len(items)} {rule} findings")
            for _k, f in shown:
                print(f"  {f['id']}:{f['line']}: {f['message'][:100]} [{norm(f['flagged'])[:60]}]")
            if len(shown) < len(items):
                print(f"  … {len(items) - len(shown)} more (--max-list 0)")
    if not any_unl:
        print("unlabelled: 0")
    flagged_union = unlabelled_union = None
    if args.split:
        flagged_union = {(i, w) for flags in tools_flags.values() for i, ws in flags.items() for w in ws}
        unlabelled_union = sorted(p for p in flagged_union if p not in spell_labels)
        print(f"unlabelled flagged words ({args.split}, any tool, distinct article+word): {len(unlabelled_union)} of "
              f"{len(flagged_union)} flagged" + (" (should be 0)" if unlabelled_union else ""))
    elapsed = time.time() - t0
    print()
    print("time: " + ", ".join(f"{k} {v:.1f}s" for k, v in timings.items()) + f"; total {elapsed:.1f}s")

    failed = []
    goal_groups = ((args.split, f"{args.split}/en-US", f"{args.split}/en-GB") if args.split
                   else ("all", "tune", "heldout", "en-US", "en-GB"))
    by = {(r["tool"], r["group"]): r for r in srows}
    for rule, goal in goals_p.items():
        if rule == "spelling":
            p = by.get(("guidepress spelling+misspelling", first), {}).get("precision")
        else:
            p = next((r["precision"] for r in rrows if r["rule"] == rule and r["group"] == first), None)
        if p is None or p < goal:
            failed.append(f"precision of {rule} {fmt(p)} < {goal}")
    for rule, goal in goals_fa.items():
        for g in goal_groups:
            fa = by.get(("guidepress spelling+misspelling", g), {}).get("fa_per_5k")
            if fa is None or fa > goal:
                failed.append(f"false alarms per 5,000 words ({g}) {fmt(fa, 1)} > {goal}")
    for rule, goal in goals_r.items():
        for g in goal_groups:
            rc = by.get(("guidepress spelling+misspelling", g), {}).get("recall")
            if rc is None or rc < goal:
                failed.append(f"recall ({g}) {fmt(rc)} < {goal}")
    if args.min_first_suggestion is not None:
        r = next(r for r in sugg_rows if r["group"] == first and r["kind"] == "natural")
        if r["right_or_none"] is None or r["right_or_none"] < args.min_first_suggestion:
            failed.append(f"first suggestion right or none (natural errors) {fmt(r['right_or_none'])} "
                          f"< {args.min_first_suggestion}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(dict(spelling=srows, rules=rrows, first_suggestion=sugg_rows, timings=timings, missing_peers=missing,
                           **({} if adjudicated_changed is None else dict(adjudicated_labels_changed=adjudicated_changed)),
                           unlabelled_spelling={t: [list(p) for p in v] for t, v in s_unl.items()},
                           unlabelled_rules={r: [dict(id=f["id"], line=f["line"], message=f["message"]) for _k, f in v]
                                             for r, v in r_unl.items()},
                           goals_failed=failed,
                           **({} if flagged_union is None else dict(
                               unlabelled_flagged_words=dict(count=len(unlabelled_union), flagged=len(flagged_union),
                                                             pairs=[list(p) for p in unlabelled_union])))),
                      f, indent=1)
    for msg in failed:
        print(f"goal missed: {msg}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
