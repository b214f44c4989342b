#!/usr/bin/env python3
"""The hand labels of tests/corpus/heldout2/labels/spelling.tsv: every (article, word) any tool flagged on the
heldout2 articles (`benches/precision.py --split heldout2 --dump-spelling-union UNION_TSV` lists them), each
read in its sentence in heldout2/articles/ and judged, with the judgement written down per word here.
A word is `error` when it is not a word as written (a source typo, a lost character or space), `ok` when it
is a correct word, name, unit, abbreviation... Same rules as tools/label_spelling_words.py (the first 71).
Usage: tools/label_spelling_heldout2.py UNION_TSV OUT_TSV"""
import collections
import sys

ERR = {}
OK = {}


def e(words, reason):
    for w in words.split():
        ERR[w] = reason


def o(words, reason):
    for w in words.split():
        OK[w] = reason


e("holgun", "accented letter lost in the source text (Holguín province, Cuba): not a word as written")
e("formulasurr", "two words run together where the source lost a dash ('one of two formulas—URR or Kt/V'): "
  "not a word as written")
e("vto", "'Kt/Vto see whether': the measure Kt/V and 'to' run together where the source lost a space")
e("teatowel", "non-standard run-together form of 'tea towel' (dictionaries: tea towel, tea-towel)")

o("pediculicide butoxide ivermectin permethrin piperonyl pyrethrins nicorandil levodopa benzodiazepines "
  "erythropoietin hydroxymethyl hydroxymethylglutaryl methylglutaryl",
  "drug, chemical or drug-class name")
o("ovide atarax vistaril halcion klonopin sinemet e45", "drug or product brand name")
o("perianal autosomal hypotonia hematopoietic leukopenia thrombocytopenia keratinocyte keratinocytes "
  "keratinocytic nonorganoid organoid verrucous atresia erosions melanosomes sensorineural ophthalmoplegia "
  "saccadic spinocerebellar trinucleotide melanocytes nonmelanoma microsuction chalazion supraspinatus "
  "amyloidosis osteodystrophy epidermolysis lyase",
  "correct medical term")
o("bullosa gravis", "Latin or taxonomic name / Latin part of a disease name")
o("stye styes", "correct English word (plural, compound, prefix or contraction part split by the tool)")
o("ok", "correct English word: ok, a variant of OK/okay ('squash mixed with water is ok')")
o("telecare reablement", "correct British social-care term in an en-GB article (NHS and council usage)")
o("stds aml cbf coa hmg eb jeb sca2 cag dra epo pth cpap ibd nsaids niddk",
  "abbreviation, acronym or stage/gene/vitamin label")
o("hmgcl cbfb eto myh11 runx runx1 runx1t1 fgfr fgfr3 itga itga6 itgb itgb4 plec plectin integrin col17a1 "
  "lama3 lamb3 lamc lamc2 laminin gpr143 ataxin atxn atxn2",
  "gene or protein name")
o("medlineplus", "web address part or name of a website/service")
o("reye blaschko herlitz nettleship quervain’s behçet's",
  "eponym (a person's name, with possessive where written) in a disease or anatomy name")
o("38c 5c", "number glued to a unit or time (e.g. 38C, 8mg, 9am)")
o("gps", "correct English word (plural, compound, prefix or contraction part split by the tool)")


def main():
    rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1], encoding="utf-8")][1:]
    both = set(ERR) & set(OK)
    if both:
        raise SystemExit(f"labelled both ways: {sorted(both)}")
    lab, missing = {}, set()
    for i, w, t in rows:
        if w in ERR:
            lab[(i, w)] = ("error", ERR[w], t)
        elif w in OK:
            lab[(i, w)] = ("ok", OK[w], t)
        else:
            missing.add(w)
    if missing:
        print("not labelled yet:", " ".join(sorted(missing)), file=sys.stderr)
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        out.write("# Hand labels, split heldout2: every word any tool flagged on the heldout2 articles (union of "
                  "guidepress spelling+misspelling, Hunspell en_US/en_GB, codespell, typos, cspell+medical). label: "
                  "error = a real non-word as written; ok = a correct word, name, unit, abbreviation... Labelled per "
                  "(article, word) by reading each in context (tools/label_spelling_heldout2.py).\n")
        out.write("id\tword\tlabel\treason\tflagged_by\n")
        for (i, w), (lb, r, t) in sorted(lab.items()):
            out.write(f"{i}\t{w}\t{lb}\t{r}\t{t}\n")
    print(collections.Counter(v[0] for v in lab.values()), file=sys.stderr)


if __name__ == "__main__":
    main()
