#!/usr/bin/env python3
"""The hand labels of tests/corpus/heldout3/labels/spelling.tsv, with the same standards as heldout2's
(tools/label_spelling_heldout2.py) and the first 71's (tools/label_spelling_words.py).

Two lists are labelled: (1) every (article, word) any tool flagged on the heldout3 articles
(`benches/precision.py --split heldout3 --dump-spelling-union UNION_TSV`: guidepress spelling + misspelling of the
binary of the day, Hunspell en_US/en_GB, codespell, typos, cspell + medical), and (2) every (article, word) that
Hunspell en_US or en_GB does not accept, in any article (`tools/hunspell_words.py tests/corpus/heldout3 SUPERSET_TSV`):
a later guidepress, whose rules change after this labelling, can only newly flag a word no ordinary dictionary
has, so it never meets an unlabelled flag here. Each word was read in its sentence in heldout3/articles/.
`error` = not a word as written in the article's language (a typo, a lost character or space, or a spelling of the
other English in an article that otherwise keeps to its own); `ok` = a correct word, name, unit, abbreviation...
Spellings correct in only one English (color / colour) are checked against the article's locale: a US spelling is ok
only in an en-US article, a British one only in an en-GB article, unless a per-article judgement (BY_ARTICLE) says why.
Usage: tools/label_spelling_heldout3.py MANIFEST_TSV OUT_TSV UNION_TSV [SUPERSET_TSV ...]"""
import collections
import sys

ERR = {}
OK = {}
US_ONLY = {}  # correct US spelling: ok in en-US articles
GB_ONLY = {}  # correct British spelling: ok in en-GB articles
BY_ARTICLE = {}  # (id, word) -> (label, reason): judgements that depend on the article


def o(words, reason):
    for w in words.split():
        OK[w] = reason


def us(words):
    for w in words.split():
        US_ONLY[w] = "correct US spelling in an en-US article"


def gb(words):
    for w in words.split():
        GB_ONLY[w] = "correct British spelling in an en-GB article"


BY_ARTICLE[("nhsbeta-heat-exhaustion-and-heatstroke", "colored")] = (
    "error", "US spelling in an en-GB article ('wear light-colored, loose clothing'; British: coloured): not a "
    "word in the article's language (Hunspell en_GB and typos --locale en-gb reject it)")
BY_ARTICLE[("ghr-epidermolytic-hyperkeratosis", "centre")] = (
    "ok", "part of a proper name in an en-US article ('The Swedish Information Centre for Rare Diseases')")

o("anhidrosis anhidrotic autosomal ectodermal hypodontia hypohidrosis hypohidrotic hypotrichosis lymphadenitis "
  "glycan ankyloblepharon camptodactyly ectrodactyly erosions hypospadias philtrum syndactyly anauxetic atresia "
  "chondrodysplasia endoribonuclease hypopigmentation metaphyseal noncoding epidermolysis epidermolytic "
  "erythroderma hyperkeratotic ichthyoses ichthyosiform keratinocytes palmoplantar anophthalmia aplasia coloboma "
  "microphthalmia mosaicism oligodactyly omphalocele osteopathia telangiectases connexin amyloidosis cryopyrin "
  "inflammasome sensorineural brachydactyly craniosynostosis cryptorchidism undescended complementation "
  "bullous vaginosis rehydration probiotics",
  "correct medical term")
o("adnatum filiforme bullosa cutis striata pes planus pigmentosum hystrix",
  "Latin or taxonomic name / Latin part of a disease name")
o("nonfunctional noncancerous unrepaired nearsightedness buildup eardrops panty ok stings",
  "correct English word (compound, prefix form, or variant: ok for OK; 'it stings')")
o("gastro", "first part of the compound gastro-oesophageal, split at the hyphen by the tool")
o("eda gi aec scid nps nlr ner bv sti uti utis ent nsaids nhs inc gord",
  "abbreviation or acronym (defined in the article or standard: GI, Inc., NSAIDs, ENT)")
o("ikbkg nfkbia p63 tp63 rmrp rnase mrp krt14 krt5 plec plectin krt1 krt10 porcn wnt gjb2 cias cias1 nlrp nlrp3 "
  "fgfr fgfr1 fgfr2 ascl ascl1 tcf4 foxn foxn1 ercc ercc2 polh xpc tp krt gjb tcf",
  "gene, protein or enzyme name (or the part of one a tool split off at a digit)")
o("rapp dowling meara koebner touraine mckusick hirschsprung muckle pfeiffer guillain",
  "eponym (a person's name) in a disease or type name")
o("ogna", "place name in a disease type name (the Ogna type, after a Norwegian locality)")
o("debra medlineplus", "name of an organisation or website")
o("38c 37c 40c 5c 11am 3pm", "number glued to a unit or time (e.g. 38C, 37.5C, 11am)")
o("e45", "product brand name (E45 cream)")
o("am pm", "time abbreviation, the letters of 11am / 3pm split from the digits")
us("color colored coloring counseling signaling centers esophageal esophagus leukemia celiac fibers odor behavioral "
   "demeanor apnea neighboring tumors")
gb("grey anaemia organise anaesthetic oesophageal ageing behaviour diarrhoea colour gonorrhoea centre")


def label(item, word, locale):
    if (item, word) in BY_ARTICLE:
        return BY_ARTICLE[(item, word)]
    if word in ERR:
        return "error", ERR[word]
    if word in OK:
        return "ok", OK[word]
    if word in US_ONLY:
        if locale != "en-US":
            raise SystemExit(f"{item}: US spelling {word!r} in an {locale} article needs a judgement (BY_ARTICLE)")
        return "ok", US_ONLY[word]
    if word in GB_ONLY:
        if locale != "en-GB":
            raise SystemExit(f"{item}: British spelling {word!r} in an {locale} article needs a judgement (BY_ARTICLE)")
        return "ok", GB_ONLY[word]
    return None


def main():
    manifest, out_path, lists = sys.argv[1], sys.argv[2], sys.argv[3:]
    rows = [line.split("\t") for line in open(manifest, encoding="utf-8").read().splitlines()[1:]]
    locale = {r[0]: r[2] for r in rows}
    overlap = ((set(ERR) & set(OK)) | (set(US_ONLY) & set(GB_ONLY))
               | ((set(US_ONLY) | set(GB_ONLY)) & (set(ERR) | set(OK))))
    if overlap:
        raise SystemExit(f"labelled more than one way: {sorted(overlap)}")
    flagged_by = collections.defaultdict(set)
    for path in lists:
        for line in open(path, encoding="utf-8").read().splitlines()[1:]:
            i, w, t = line.split("\t")
            flagged_by[(i, w)].update(t.split(","))
    lab, missing = {}, set()
    for (i, w), tools in flagged_by.items():
        j = label(i, w, locale[i])
        if j is None:
            missing.add(f"{i}:{w}")
        else:
            lab[(i, w)] = (j[0], j[1], ",".join(sorted(tools)))
    if missing:
        raise SystemExit("not labelled yet: " + " ".join(sorted(missing)))
    with open(out_path, "w", encoding="utf-8") as out:
        out.write("# Hand labels, split heldout3: every word any tool flagged on the heldout3 articles (union of "
                  "guidepress spelling+misspelling, Hunspell en_US/en_GB, codespell, typos, cspell+medical) and every "
                  "word Hunspell en_US or en_GB does not accept (flagged_by hunspell-en_US/-en_GB: the superset a "
                  "later binary could flag). label: error = not a word as written in the article's language; ok = a "
                  "correct word, name, unit, abbreviation... Labelled per (article, word) by reading each in context "
                  "(tools/label_spelling_heldout3.py).\n")
        out.write("id\tword\tlabel\treason\tflagged_by\n")
        for (i, w), (lb, r, t) in sorted(lab.items()):
            out.write(f"{i}\t{w}\t{lb}\t{r}\t{t}\n")
    print(collections.Counter(v[0] for v in lab.values()), file=sys.stderr)


if __name__ == "__main__":
    main()
