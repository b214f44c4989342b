#!/usr/bin/env python3
"""The hand labels of tests/corpus/heldout4/labels/rules.tsv: every finding of the prose rules (all but spelling
and misspelling, which take their label from spelling.tsv) of the current binary on heldout4/guides, readability
turned on (`benches/precision.py --split heldout4 --dump-rule-findings FINDINGS_JSON` lists them with their keys).
Each finding was read with the sentence or section it points at (and, for near-duplicate and restates-definition,
the sentence it is said to restate); the judgement is written down here per (guide, rule, YAML line at
labelling), with the same standards as heldout3's (tools/label_rules_heldout3.py) and labels/rules.tsv of the first 71
articles:
- the importer's TODO lines, placeholder author, missing reviewer and review date: useful (a publisher must fix);
- near-duplicate / restates-definition: useful when the article really says the same thing twice (a sentence or
  advice repeated in another section); noise for key-point summaries, a lead restated in its section, parallel
  sections (adults / children, men / women) and different on-topic sentences;
- readability, by the first labeller's written rule: lists of resources or names and grades below 9.0 are noise;
  NHS text is useful only at grade 14+ without links; US government text at grade 10+, or 9.0-9.9 with reading
  ease 51 or less, is useful.
Usage: tools/label_rules_heldout4.py FINDINGS_JSON OUT_TSV"""
import json
import re
import sys

U, N = "useful", "noise"
DRAFT = {
    "placeholder": (U, "the importer's TODO lines are what a publisher must review before publishing"),
    "unfinished": (U, "the placeholder author `Your Name` must be replaced before publishing"),
}
REQUIRED = {
    "health guide has no reviewer": (U, "no clinician reviewer is named: right, a health guide needs one"),
    "health guide has no last-reviewed date": (U, "no review date: right, a health guide needs one"),
}
ABOUT = (N, "'About <condition>' is the usual opening heading of a condition page, not the title repeated (the "
             "heading comes from the conversion's 'About <focus>'; the page's own title is the condition's name)")
BY_LINE = {
    ("gard-hypohidrotic-ectodermal-dysplasia-with-hypothyroidism-and-ciliary", "duplicate-heading", 17): ABOUT,
    ("ghr-congenital-hemidysplasia-with-ichthyosiform-erythroderma-and-limb-defects", "duplicate-heading", 17): ABOUT,
    ("gard-pigmented-purpuric-eruption", "restates-definition", 23):
        (N, "the Symptoms section opens with the sign the definition names and goes on with new facts (how the "
            "patches form and fade, no systemic symptoms): a lead restated in its section, as the page's question-"
            "and-answer form does"),
    ("ninds-alzheimers-disease", "claims", 37):
        (N, "'potentially lead to a cure' is a hedged research aim in the Research section, not a claim that a "
            "treatment cures"),
}
# GHR "Treatment" sections are lists of resources ("These resources address the diagnosis or management of ..."),
# read in every GHR guide of the split: all at YAML line 33. GARD "Symptoms" sections are the Human Phenotype
# Ontology's boilerplate and its table of sign names with percentages (flattened into one paragraph by MedQuAD) plus
# a list of more sign names: a list of names, read in each; the ones with a prose description of the signs before
# the table are judged as prose (pigmented purpuric eruption: four sentences of description; nevoid basal cell
# carcinoma syndrome: its prose is itself a list of features, each a name with its gloss, so a list of names).
RESOURCE_LISTS = {(i, 33) for i in (
    "ghr-congenital-hemidysplasia-with-ichthyosiform-erythroderma-and-limb-defects",
    "ghr-giant-congenital-melanocytic-nevus", "ghr-harlequin-ichthyosis",
    "ghr-microphthalmia-with-linear-skin-defects-syndrome")} | {
    ("gard-hypohidrotic-ectodermal-dysplasia-with-hypothyroidism-and-ciliary", 21),
    ("gard-keratoderma-palmoplantar-spastic-paralysis", 17),
    ("gard-mental-retardation-macrocephaly-short-stature-and-craniofacial-dysmorphism", 17),
    ("gard-nevoid-basal-cell-carcinoma-syndrome", 21),
    ("gard-transient-bullous-dermolysis-of-the-newborn", 17),
    ("gard-trichorhinophalangeal-syndrome-type-1", 21)}


def readability(f):
    m = re.search(r"grade ([\d.]+) \(Flesch reading ease (-?\d+)\)", f["message"])
    grade, ease = float(m.group(1)), int(m.group(2))
    if (f["id"], f["line"]) in RESOURCE_LISTS:
        return N, f"a list of resources or names (grade {grade} measures the names), not prose"
    if grade < 9.0:
        return N, f"grade {grade} is below 9.0: plain enough (the labeller's rule)"
    if f["id"].startswith("nhs"):
        return N, f"NHS text at grade {grade} (below 14): plain by the labeller's rule"
    if grade >= 10 or ease <= 51:
        return U, f"US government text at grade {grade}, reading ease {ease}: long sentences, dense terms"
    return N, f"US government text at grade {grade} with reading ease {ease} (above 51): plain enough"


def main():
    findings = json.load(open(sys.argv[1], encoding="utf-8"))
    rows, missing = [], []
    for f in findings:
        if f["code"] in ("spelling", "misspelling"):
            continue
        lab = None
        if f["code"] in DRAFT:
            lab = DRAFT[f["code"]]
        elif (f["id"], f["code"], f["line"]) in BY_LINE and (f["code"] != "required-content"
                                                            or "risks" in f["message"]):
            lab = BY_LINE[(f["id"], f["code"], f["line"])]
        elif f["code"] == "required-content" and f["message"] in REQUIRED:
            lab = REQUIRED[f["message"]]
        elif f["code"] == "readability":
            lab = readability(f)
        if lab is None:
            missing.append(f"{f['id']}:{f['line']}: {f['code']}: {f['message']}")
            continue
        key = f["key"].split("\x1f")
        rows.append((key[0], key[1], key[2], key[3], key[4], lab[0], lab[1], str(f["line"]),
                     f["message"].replace("\t", " ")))
    if missing:
        raise SystemExit("not labelled:\n" + "\n".join(missing))
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        out.write("# Hand labels, split heldout4: every finding of the prose rules of the current binary (3367d94) on "
                  "heldout4/guides, readability turned on; useful = a health editor would want it; noise = not. Key as "
                  "in labels/rules.tsv: id + code + flagged text (+ its YAML line when short) + n. Judgements: "
                  "tools/label_rules_heldout4.py. spelling and misspelling findings take their label from "
                  "spelling.tsv.\n")
        out.write("id\tcode\tflagged\tcontext\tn\tlabel\treason\tline_at_labelling\tmessage_at_labelling\n")
        for r in sorted(rows):
            out.write("\t".join(r) + "\n")
    print(f"{len(rows)} labels: {sum(r[5] == U for r in rows)} useful, {sum(r[5] == N for r in rows)} noise",
          file=sys.stderr)


if __name__ == "__main__":
    main()
