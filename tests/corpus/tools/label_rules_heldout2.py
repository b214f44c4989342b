#!/usr/bin/env python3
"""The hand labels of tests/corpus/heldout2/labels/rules.tsv: every finding of the prose rules (all but spelling
and misspelling, which take their label from spelling.tsv) of the current binary on heldout2/guides, readability
turned on (`benches/precision.py --split heldout2 --dump-rule-findings FINDINGS_JSON` lists them with their keys).
Each finding was read with the sentence or section it points at (and, for near-duplicate and restates-definition,
the sentence it is said to restate); the judgement is written down here per (guide, rule, YAML line at
labelling), with the same standards as labels/rules.tsv of the first 71 articles:
- the importer's TODO lines, placeholder author, missing reviewer and review date: useful (a publisher must fix);
- near-duplicate / restates-definition: useful when the article really says the same thing twice (a sentence or
  advice repeated in another section); noise for key-point summaries, a lead restated in its section, parallel
  sections (adults / children, men / women) and different on-topic sentences;
- readability, by the first labeller's written rule: lists of resources or names and grades below 9.0 are noise;
  NHS text is useful only at grade 14+ without links; US government text at grade 10+, or 9.0-9.9 with reading
  ease 51 or less, is useful.
Usage: tools/label_rules_heldout2.py FINDINGS_JSON OUT_TSV"""
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
BY_LINE = {
    ("cdc-parasites-lice-pubic-crab-lice", "near-duplicate", 23):
        (U, "the article repeats its sentence 'Pubic lice infestation is found worldwide and occurs in all races, "
            "ethnic groups and levels of society' almost word for word in a second section"),
    ("cdc-parasites-lice-pubic-crab-lice", "near-duplicate", 61):
        (U, "the same advice twice (avoid sexual contact until partners are treated and reevaluated), in "
            "Treatment and again in Prevention"),
    ("cdc-parasites-lice-pubic-crab-lice", "near-duplicate", 62):
        (U, "the same laundering advice twice (dry-clean or seal in a plastic bag for 2 weeks; hot wash at "
            "130°F), in Treatment and again in Prevention"),
    ("cdc-parasites-lice-pubic-crab-lice", "near-duplicate", 63):
        (N, "different statements: advice not to share clothing vs how lice spread through shared clothing"),
    ("cdc-parasites-lice-pubic-crab-lice", "near-duplicate", 65):
        (U, "the same advice twice (people with pubic lice should be checked for other STDs)"),
    ("ghr-junctional-epidermolysis-bullosa", "near-duplicate", 27):
        (N, "different statements: the two types of JEB vs which genes cause them"),
    ("ghr-spinocerebellar-ataxia-type-2", "near-duplicate", 31):
        (N, "different statements: inheritance risk of carriers vs how many CAG repeats cause SCA2"),
    ("nci-skin-cancer", "near-duplicate", 43):
        (N, "the section opens with the Key Points bullet it expands (PDQ key-point summary, deliberate)"),
    ("nci-skin-cancer", "near-duplicate", 44):
        (N, "restates a Key Points bullet in the section that expands it (deliberate summary)"),
    ("nci-skin-cancer", "restates-definition", 24):
        (N, "the definition first appears in the Key Points summary and then opens the text it summarises "
            "(deliberate PDQ structure)"),
    ("nhsbeta-cold", "near-duplicate", 82):
        (N, "different point: how colds spread (prevention) vs why antibiotics do not help"),
    ("nhsbeta-constipation", "near-duplicate", 57):
        (N, "the lead restated in its own section ('treat at home with simple changes to diet and lifestyle')"),
    ("nhsbeta-constipation", "near-duplicate", 84):
        (N, "parallel sections: causes in adults vs in babies and toddlers"),
    ("nhsbeta-constipation", "near-duplicate", 97):
        (N, "parallel sections: causes in adults vs in babies and toddlers"),
    ("nhsbeta-constipation", "near-duplicate", 101):
        (N, "parallel sections: treatment for adults vs for children"),
    ("nhsbeta-constipation", "near-duplicate", 102):
        (N, "parallel sections: treatment for adults vs for children (the same time frame, said of each)"),
    ("nhsbeta-constipation", "near-duplicate", 117):
        (N, "parallel sections: toilet advice for adults vs for children learning to use the toilet"),
    ("nhsbeta-constipation", "near-duplicate", 122):
        (N, "different statements: see a pharmacist if changes do not help vs changes can help"),
    ("nhsbeta-hand-foot-and-mouth-disease", "restates-definition", 53):
        (N, "not a restatement: 'is infectious' adds a fact the definition does not give"),
    ("nhsbeta-thrush", "duplicate-heading", 30):
        (N, "parallel subheadings (symptoms in women / in men) with different content"),
    ("nhsbeta-thrush", "near-duplicate", 60):
        (N, "different statement: get thrush in men diagnosed to rule out balanitis or an STI"),
    ("nhsbeta-thrush", "near-duplicate", 112):
        (N, "the lead's 'not an STI' restated and expanded in the causes section (lead, deliberate)"),
    ("nhsbeta-thrush", "near-duplicate", 119):
        (N, "list items of two different lists (when to see a GP vs what makes thrush more likely)"),
    ("niddk-treatment-methods-for-kidney-failure-hemodialysis", "claims", 33):
        (N, "hedged report ('Some people have found dramatic relief'): accurate as written, not promotion"),
    ("niddk-treatment-methods-for-kidney-failure-hemodialysis", "claims", 34):
        (N, "negated claim ('a cure ... has not been found'); the cosmetic reason does not fit a medical page"),
    ("niddk-treatment-methods-for-kidney-failure-hemodialysis", "near-duplicate", 27):
        (N, "two different 'see the NIDDK fact sheet' referrals (anemia vs dose measurement)"),
    ("niddk-treatment-methods-for-kidney-failure-hemodialysis", "near-duplicate", 41):
        (N, "two different 'see the NIDDK fact sheet' referrals (amyloidosis vs dose measurement)"),
    ("niddk-treatment-methods-for-kidney-failure-hemodialysis", "required-content", 4):
        (N, "the page's complications of dialysis (itching, sleep problems, anemia, bone disease, amyloidosis) "
            "sit under 'Treatment': the risks are there under another heading"),
}
# GHR "Treatment" sections are lists of resources ("These resources address the diagnosis or management of ...").
RESOURCE_LISTS = {(i, 33) for i in (
    "ghr-3-hydroxy-3-methylglutaryl-coa-lyase-deficiency", "ghr-core-binding-factor-acute-myeloid-leukemia",
    "ghr-epidermal-nevus", "ghr-epidermolysis-bullosa-with-pyloric-atresia", "ghr-junctional-epidermolysis-bullosa",
    "ghr-ocular-albinism")}


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
        out.write("# Hand labels, split heldout2: every finding of the prose rules of the current binary (cb210f1) on "
                  "heldout2/guides, readability turned on; useful = a health editor would want it; noise = not. Key as "
                  "in labels/rules.tsv: id + code + flagged text (+ its YAML line when short) + n. Judgements: "
                  "tools/label_rules_heldout2.py. spelling and misspelling findings take their label from "
                  "spelling.tsv.\n")
        out.write("id\tcode\tflagged\tcontext\tn\tlabel\treason\tline_at_labelling\tmessage_at_labelling\n")
        for r in sorted(rows):
            out.write("\t".join(r) + "\n")
    print(f"{len(rows)} labels: {sum(r[5] == U for r in rows)} useful, {sum(r[5] == N for r in rows)} noise",
          file=sys.stderr)


if __name__ == "__main__":
    main()
