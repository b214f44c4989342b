#!/usr/bin/env python3
"""The hand labels of tests/corpus/labels/spelling.tsv, written down per word after reading every flagged
(article, word) in context (benches/precision.py --dump-spelling-union lists them). Kept so a reviewer sees
the judgement in one place; rerun with a new union file to label the same words in new places.
Usage: tools/label_spelling_words.py UNION_TSV OUT_TSV"""
import sys
ERR = {}
def e(words, reason):
    for w in words.split(): ERR[w] = reason
e("bodys childs womens doesnt dont isnt thats youll youre youve crohns hashimotos cant",
  "apostrophe lost in the source text (MedQuAD processing): not a word as written")
e("espaol szary", "accented letter lost in the source text (Español, Sézary): not a word as written")
e("anoscopea chlorideto comaa daybecause diarrheaa diarrheadiarrhea diarrhearotavirus electrolyteschemicals energyand "
  "gasafter gelthe imaginginterprets infectionshould intestinethe iodineover iodinesuch kelpmay metabolismthe "
  "peopleespecially placeproduces pregnantabout preventedrotavirus radiologista regularnondietsoft saltsalt "
  "subclinicalmild symptomssuch systemsto tubemay virusesthe weeksmay",
  "two words run together where the source lost a dash: not a word as written")
e("5ounce", "1.5ounce: hyphen lost between number and unit in the source (1.5-ounce)")
e("cycloclosporine", "misspelling of cyclosporine in the source")
e("quidelines", "misspelling of guidelines in the source")
e("infranix", "misspelling of the vaccine brand Infanrix (hexa) in the source")
e("ctl4", "garbled name CTL4-A for CTLA-4 in the source")
e("hayfever", "non-standard run-together form; the same page writes 'hay fever'")

OK = {}
def o(words, reason):
    for w in words.split(): OK[w] = reason
o("apnoea anaemic coeliac diarrhoea dietician labelled lymphoedema microlitre necrotising oesophageal programme programmes "
  "travelled traveller travellers traveller’s travelling",
  "correct British spelling in an en-GB article")
o("haemophilus influenzae calmette guérin guillain barré marmota monax capitis humanus pediculus hominis sarcoptes scabiei "
  "butyricum baratii histolytica lamblia entamoeba giardia campylobacter cryptosporidium gravis inversa suppurativa "
  "hidradenitis fungoides pigmentosum erythematosus nigricans acanthosis scybala vera cava",
  "Latin or taxonomic name / Latin part of a disease name")
o("bron tis throm bo lus lizm ary te ko lants som",
  "part of a pronunciation respelling in parentheses, e.g. (throm-BO-sis)")
o("aap abcde ac acas acwy adhd agep cbt cdc copd ctla dfa dfmo dvt ehrc emg fbc flg gbs gerd hib hepa icb ige iia iib iic "
  "iiia iiib iiic ipv ldh mmr nci niddk nih nlm nmri nsaids pcbs pdl psg ptt rbc tbe td tg tnf tpo tsh ukca uk uvb vq "
  "menacwy braf mcl nci's gms3 t3 t4 b3 b7",
  "abbreviation, acronym or stage/gene/vitamin label")
o("ncstn psen psen1 psenen nlrp nlrp1 ptpn ptpn22 oca2 slc45a2 mc1r tyrp tyrp1 profilaggrin filaggrin secretase",
  "gene or protein name")
o("11am 4pm 8pm 9am 20s 38c 39c 60mg 8mg 167kb 11pm 200mg 3pm 5mg 75mg 7am 7pm 800mg",
  "number glued to a unit or time (e.g. 38C, 8mg, 9am)")
o("www com gov htm aspx vpd ac clinicaltrials pubmed medlineplus healthunlocked healthtalk healthwatch shinglessupport "
  "sexwise rcpsych",
  "web address part or name of a website/service")
o("adfam alateen drinkline nacoa umrah parchman maccoll reporter afro chile",
  "proper name (organisation, person, event, programme) or established word")
o("benadryl botox citrucel bismol pepto coumadin inderal synthroid zovirax natroba ulesfia sklice licide rotarix rotateq "
  "vaxelis ceralyte naturalyte infalyte pedialyte kaopectate tensilon hexa",
  "drug or product brand name")
o("aminobutyric aminophylline azelaic chlorphenamine cimetidine clarithromycin gaba itraconazole mofetil mycophenolate "
  "oxycodone probenecid promethazine ritonavir tramadol aciclovir acrivastine zopiclone ketoconazole pseudoephedrine progestogen imiquimod sonidegib vismodegib ipilimumab "
  "nivolumab pembrolizumab trametinib dabrafenib cobimetinib vemurafenib celecoxib nicotinamide difluoromethylornithine "
  "isotretinoin ivermectin permethrin pyrethrins pyrethroid piperonyl butoxide spinosad crotamiton diethyltoluamide deet "
  "levothyroxine loperamide subsalicylate psyllium methylcellulose indomethacin hydroxychloroquine anthralin calcipotriene "
  "retinoid retinoids biologics thrombolytics bronchodilators antimalarials polysorbate organochloride pediculicide "
  "pediculicides pediculocide scabicide scabicides antithyroid",
  "drug, chemical or drug-class name")
o("achalasia angioedema anorectal atopic autoantibodies autosomal biotherapy blepharospasm breslow bullous carcinoid "
  "chemoprevention chemopreventive colonoscope colorectal comedogenic cytomegalovirus depigmentation depigmented "
  "disinfestation diverticular ductal electrodesiccation epidemiologic epigenetic exanthematous excimer excisional "
  "fasciitis folate foodborne hydrocolloid hyperthermic incisional injectable keloids lichenification lymphadenectomy "
  "lymphoblastic lymphocytic malabsorption manometry melanocyte melanocytes merkel mesothelioma micrographic mohs myotomy "
  "nasopharyngeal neuroendocrine nonmelanoma nonpersistence nonsegmental norovirus oculocutaneous oncolytic ovicidal "
  "periorbital photodynamic polycystic polysomnogram pompholyx postexposure posttraumatic psoriatic pustulosis "
  "reexposure rehydration reinfestation retreatment revaccination rosacea rotavirus sclerotherapy sigmoidoscope "
  "sigmoidoscopy thermogram thrombosed thyroglobulin thyroperoxidase triiodothyronine unvaccinated uveal venography "
  "meningococcal",
  "correct medical term")
o("bedmates canners countertops diarrheas etc gps headedness intolerances olds pre sleeplike suncare sting stings ve",
  "correct English word (plural, compound, prefix or contraction part split by the tool)")
o("antidepression", "deliberate word formation (anti- + depression) in the source, understood as written")
o("crohn’s hashimoto's", "eponym with possessive")
o("nhs", "abbreviation, acronym or stage/gene/vitamin label")
lab = {}
import collections
rows=[l.rstrip('\n').split('\t') for l in open(sys.argv[1])][1:]
missing=set()
for i,w,t in rows:
    if w in ERR: lab[(i,w)]=('error',ERR[w],t)
    elif w in OK: lab[(i,w)]=('ok',OK[w],t)
    else: missing.add(w)
both=set(ERR)&set(OK)
print('both',both, file=sys.stderr)
print('missing',sorted(missing), file=sys.stderr)
out=open(sys.argv[2],'w')
out.write("# Hand labels: every word any tool flagged on the original articles (union of guidepress spelling+misspelling, "
          "Hunspell en_US/en_GB, codespell, typos, cspell+medical). label: error = a real non-word as written; "
          "ok = a correct word, name, unit, abbreviation... Labelled per (article, word) by reading each in context.\n")
out.write("id\tword\tlabel\treason\tflagged_by\n")
for (i,w),(l,r,t) in sorted(lab.items()):
    out.write(f"{i}\t{w}\t{l}\t{r}\t{t}\n")
c=collections.Counter(v[0] for v in lab.values()); print(c, file=sys.stderr)
