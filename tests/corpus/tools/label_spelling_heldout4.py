#!/usr/bin/env python3
"""The hand labels of tests/corpus/heldout4/labels/spelling.tsv, with the same standards as heldout3's
(tools/label_spelling_heldout3.py), heldout2's and the first 71's (tools/label_spelling_words.py).

Two lists are labelled: (1) every (article, word) any tool flagged on the heldout4 articles
(`benches/precision.py --split heldout4 --dump-spelling-union UNION_TSV`: guidepress spelling + misspelling of the
binary of the day, Hunspell en_US/en_GB, codespell, typos, cspell + medical), and (2) every (article, word) that
Hunspell en_US or en_GB does not accept, in any article (`tools/hunspell_words.py tests/corpus/heldout4 SUPERSET_TSV`):
a later guidepress, whose rules change after this labelling, can only newly flag a word no ordinary dictionary
has, so it never meets an unlabelled flag here. Each word was read in its sentence in heldout4/articles/.
`error` = not a word as written in the article's language (a typo, a lost character or space, or a spelling of the
other English in an article that otherwise keeps to its own); `ok` = a correct word, name, unit, abbreviation...
Spellings correct in only one English (color / colour) are checked against the article's locale: a US spelling is ok
only in an en-US article, a British one only in an en-GB article, unless a per-article judgement (BY_ARTICLE) says why.
Usage: tools/label_spelling_heldout4.py MANIFEST_TSV OUT_TSV UNION_TSV [SUPERSET_TSV ...]"""
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


ERR["teatowel"] = ("non-standard run-together form of 'tea towel' (dictionaries: tea towel, tea-towel; labelled "
                   "the same in heldout2)")
ERR["alzheimers"] = ("MedQuAD lost the apostrophe of Alzheimer's ('the National Alzheimers Plan', 'conquering "
                     "Alzheimers disease'; the same page also lost it in 'our nations commitment'): not a word as written")

o("aplasia autosomal dyskinesia ectodermal enteropathy ephelides hypohidrosis hypohidrotic melanocytic axonal "
  "hemiparesis hypertonia keratoderma palmoplantar hyperlordosis hypoventilation macroglossia myoglobinuria "
  "phosphokinase dysmorphism megalencephaly prognathia subluxation acitretin arachnodactyly brachydactyly "
  "bronchogenic coloboma cryptorchidism dermoid epicanthus fibromas hamartomatous hemivertebrae hypertelorism "
  "isotretinoin keratocystic keratocysts kyphoscoliosis medulloblastomas meningioma microphthalmia milia "
  "odontogenic osteolysis photodynamic pilonidal polycystic polydactyly polyposis retinoids rhabdomyoma "
  "sacrococcygeal syndactyly telecanthus pentoxifylline aminaphtone photochemotherapy purpuric cheilitis "
  "dermolysis hypopigmented avascular camptodactyly clinodactyly interphalangeal leukonychia macrotia microdontia "
  "multisystem osteopenia philtrum trichorhinophalangeal hypotonia medulloblastoma bullous erythroderma hemidysplasia ichthyosiform "
  "hypertrichosis melanocytes melanosis neurocutaneous schwannomas synthase triphosphate holocytochrome "
  "dementias donepezil galantamine memantine neurofibrillary rivastigmine azathioprine calcinosis "
  "cyclophosphamide dermatomyositis myopathies tacrolimus rehydration nevoid",
  "correct medical term (disease, sign, drug, enzyme or anatomical term)")
o("cavus pes planus bifida spina occulta callosum falx cerebri sella turcica carinatum pectus coxa magna "
  "externa molluscum contagiosum toxicum",
  "Latin part of a medical or anatomical name (pes cavus, spina bifida occulta, falx cerebri, otitis externa, "
  "molluscum contagiosum, erythema toxicum...)")
o("noncancerous byproducts multisystem onwards stings peed pooing lightheaded",
  "correct English word (prefix or closed compound, informal but standard: 'you haven't peed', 'when pooing'; "
  "'lightheaded' is the closed form dictionaries give beside light-headed; codespell's 'stings' -> 'strings' is "
  "wrong: 'things like stings')")
o("hemi pre", "prefix written as such ('\"Hemi-\" means \"half\"'; 'pre-existing' split at the hyphen)")
o("gastro", "first part of the compound gastro-oesophageal, split at the hyphen by the tool")
o("hpo emg lgmd2i lgmd nbccs puva nfts ninds atp gps gord",
  "abbreviation or acronym (defined in the article or standard: HPO, EMG, PUVA, ATP, GPs, GORD)")
o("fkrp ptch1 ptch trps1 trps nsdhl braf nras ras abca12 abca hccs",
  "gene or protein name (or the part of one a tool split off at a digit; N-Ras)")
o("2i 4b 8q24", "type or chromosome-band designation (type 2I, ichthyosis 4B, 8q24.12)")
o("sprengel blaschko", "eponym (a person's name) in a medical term (Sprengel anomaly, lines of Blaschko)")
o("sebelius", "a person's name (Kathleen Sebelius, US Secretary of Health and Human Services)")
o("orphanet medlineplus", "name of a database or website")
o("aricept exelon razadyne namenda", "drug brand name")
o("38c 5s 30s 40s 50s", "number glued to a unit or a plural of a number (38C, under 5s, their 30s)")
o("tea’", "the word 'tea' with the closing quotation mark of 'having a cup of tea’' kept by the tool")
us("behavioral tumor tumors counseling color centers neighboring aging behavior gynecomastia discolorations "
   "cyclosporine nevus nevi")
gb("anaesthetic colour diarrhoea fontanelle anaemia oesophageal haemophilia fibre haemorrhoids coloured "
   "discoloured organise")


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
        out.write("# Hand labels, split heldout4: every word any tool flagged on the heldout4 articles (union of "
                  "guidepress spelling+misspelling, Hunspell en_US/en_GB, codespell, typos, cspell+medical) and every "
                  "word Hunspell en_US or en_GB does not accept (flagged_by hunspell-en_US/-en_GB: the superset a "
                  "later binary could flag). label: error = not a word as written in the article's language; ok = a "
                  "correct word, name, unit, abbreviation... Labelled per (article, word) by reading each in context "
                  "(tools/label_spelling_heldout4.py).\n")
        out.write("id\tword\tlabel\treason\tflagged_by\n")
        for (i, w), (lb, r, t) in sorted(lab.items()):
            out.write(f"{i}\t{w}\t{lb}\t{r}\t{t}\n")
    print(collections.Counter(v[0] for v in lab.values()), file=sys.stderr)


if __name__ == "__main__":
    main()
