#!/usr/bin/env python3
"""Rebuild tests/corpus/articles/*.md from the public repositories they were taken from.

Provenance, not a build step: the committed articles are the corpus. This script documents
exactly how each article was made (which repository, commit and path; how HTML or MedQuAD's
flattened text became Markdown) so a reviewer can re-derive every byte. It needs local git
mirrors of the three repositories (paths in MIRRORS) and writes articles/ and sources.tsv.

Only the article text is taken: images, navigation, link lists of related pages and image
credits are dropped. Headings of MedQuAD articles come from MedQuAD's question type
(information -> "About <focus>", treatment -> "Treatment", ...), since MedQuAD keeps the
source page's text but not its headings; they are the only words not written by the source.
"""
import collections
import hashlib
import html
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)
RETRIEVED = "2026-11-29"

MIRRORS = {
    "NHSDigital/nhs-website-content-api": "/work/.mirror/NHSDigital+nhs-website-content-api/repo",
    "nhsuk/betahealth": "/work/.mirror/nhsuk+betahealth/repo",
    "abachaa/MedQuAD": "/work/.mirror/abachaa+MedQuAD/repo",
}

LICENCES = {
    "NHSDigital/nhs-website-content-api": (
        "OGL-UK-3.0",
        "page JSON: copyrightHolder=Crown Copyright, license=https://developer.api.nhs.uk/terms; "
        "repo README 'Licensing': dual licensed under the MIT license and the OGL",
    ),
    "nhsuk/betahealth": (
        "MIT",
        "repo LICENSE.txt: The MIT License, Copyright (C) 2016 NHS.UK (content/ is part of the repository)",
    ),
    "abachaa/MedQuAD": (
        "public-domain (US Government work) / CC-BY-4.0 compilation",
        "MedQuAD readme.txt + LICENSE.txt: dataset CC BY 4.0; answers are text of NIH/CDC pages "
        "(US federal works, 17 U.S.C. 105); readme: only the copyrighted A.D.A.M., drug and herb "
        "subsets had their answers removed",
    ),
}

# (id, repo, path, locale, class, source name)
NHS_API = [
    ("nhs-acanthosis-nigricans", "conditions-acanthosis-nigricans-no-params", "derm"),
    ("nhs-acne", "conditions-acne-no-params", "derm"),
    ("nhs-aciclovir", "medicines-aciclovir-no-params", "derm"),
    ("nhs-achalasia", "conditions-achalasia-no-params", "other"),
    ("nhs-angiography", "conditions-angiography-no-params", "other"),
    ("nhs-cancer", "conditions-cancer-no-params", "other"),
    ("nhs-zika", "conditions-zika-no-params", "other"),
    ("nhs-acrivastine", "medicines-acrivastine-no-params", "other"),
    ("nhs-zopiclone", "medicines-zopiclone-no-params", "other"),
    ("nhs-6-in-1-vaccine", "vaccinations-6-in-1-vaccine-no-params", "other"),
    ("nhs-travel-vaccines", "vaccinations-available-travel-vaccines-no-params", "other"),
    ("nhs-condoms", "contraception-condoms-no-params", "other"),
    ("nhs-combined-pill", "contraception-what-is-the-combined-pill-no-params", "other"),
    ("nhs-alcohol-support", "live-well-alcohol-advice-alcohol-support-no-params", "other"),
    ("nhs-register-with-a-gp", "nhs-services-gps-how-to-register-with-a-gp-surgery-no-params", "other"),
    ("nhs-finding-out-pregnant", "pregnancy-finding-out-finding-out-you-are-pregnant-no-params", "other"),
    ("nhs-workplace-bullying",
     "mental-health-advice-for-life-situations-and-events-support-for-workplace-bullying-no-params", "other"),
]

BETA = [
    ("nhsbeta-impetigo", "impetigo", "derm"),
    ("nhsbeta-warts", "warts", "derm"),
    ("nhsbeta-heat-rash", "heat-rash", "derm"),
    ("nhsbeta-hives", "hives", "derm"),
    ("nhsbeta-cellulitis", "cellulitis", "derm"),
    ("nhsbeta-shingles", "shingles", "derm"),
    ("nhsbeta-head-lice", "head-lice", "derm"),
    ("nhsbeta-insect-bites", "insect-bites-and-stings", "derm"),
    ("nhsbeta-fungal-nail", "fungal-nail-infection", "derm"),
    ("nhsbeta-blisters", "blisters", "derm"),
    ("nhsbeta-conjunctivitis", "conjunctivitis", "other"),
    ("nhsbeta-type-2-diabetes", "type-2-diabetes", "other"),
    ("nhsbeta-iron-deficiency-anaemia", "iron-deficiency-anaemia", "other"),
    ("nhsbeta-hay-fever", "hay-fever", "other"),
    ("nhsbeta-insomnia", "insomnia", "other"),
    ("nhsbeta-diarrhoea", "diarrhoea", "other"),
]

MEDQUAD = [
    # MedlinePlus health topic summaries (NLM)
    ("mplus-acne", "4_MPlus_Health_Topics_QA/0000005.xml", "derm"),
    ("mplus-botox", "4_MPlus_Health_Topics_QA/0000119.xml", "derm"),
    ("mplus-cosmetics", "4_MPlus_Health_Topics_QA/0000241.xml", "derm"),
    ("mplus-eczema", "4_MPlus_Health_Topics_QA/0000316.xml", "derm"),
    ("mplus-hair-loss", "4_MPlus_Health_Topics_QA/0000417.xml", "derm"),
    ("mplus-melanoma", "4_MPlus_Health_Topics_QA/0000594.xml", "derm"),
    ("mplus-moles", "4_MPlus_Health_Topics_QA/0000617.xml", "derm"),
    ("mplus-piercing-and-tattoos", "4_MPlus_Health_Topics_QA/0000712.xml", "derm"),
    ("mplus-plastic-and-cosmetic-surgery", "4_MPlus_Health_Topics_QA/0000718.xml", "derm"),
    ("mplus-psoriasis", "4_MPlus_Health_Topics_QA/0000753.xml", "derm"),
    ("mplus-rosacea", "4_MPlus_Health_Topics_QA/0000784.xml", "derm"),
    ("mplus-scars", "4_MPlus_Health_Topics_QA/0000795.xml", "derm"),
    ("mplus-skin-aging", "4_MPlus_Health_Topics_QA/0000818.xml", "derm"),
    ("mplus-sun-exposure", "4_MPlus_Health_Topics_QA/0000862.xml", "derm"),
    ("mplus-vitiligo", "4_MPlus_Health_Topics_QA/0000958.xml", "derm"),
    ("mplus-heartburn", "4_MPlus_Health_Topics_QA/0000450.xml", "other"),
    ("mplus-miscarriage", "4_MPlus_Health_Topics_QA/0000613.xml", "other"),
    # NCI PDQ patient summaries
    ("nci-skin-cancer-treatment", "1_CancerGov_QA/0000028_1.xml", "derm"),
    ("nci-melanoma-treatment", "1_CancerGov_QA/0000028_2.xml", "derm"),
    ("nci-skin-cancer-prevention", "1_CancerGov_QA/0000028_4.xml", "derm"),
    ("nci-breast-cancer-screening", "1_CancerGov_QA/0000027_5.xml", "other"),
    # Genetics Home Reference (NLM)
    ("ghr-vitiligo", "3_GHR_QA/0001017.xml", "derm"),
    ("ghr-hidradenitis-suppurativa", "3_GHR_QA/0000480.xml", "derm"),
    ("ghr-atopic-dermatitis", "3_GHR_QA/0000084.xml", "derm"),
    ("ghr-oculocutaneous-albinism", "3_GHR_QA/0000744.xml", "derm"),
    # CDC
    ("cdc-scabies", "9_CDC_QA/0000364.xml", "derm"),
    ("cdc-head-lice", "9_CDC_QA/0000214.xml", "derm"),
    ("cdc-rabies", "9_CDC_QA/0000342.xml", "other"),
    ("cdc-botulism", "9_CDC_QA/0000054.xml", "other"),
    # NIHSeniorHealth
    ("nihsenior-psoriasis", "7_SeniorHealth_QA/0000059.xml", "derm"),
    # NIDDK
    ("niddk-hashimotos-disease", "5_NIDDK_QA/0000005.xml", "other"),
    ("niddk-diarrhea", "5_NIDDK_QA/0000096.xml", "other"),
    ("niddk-hemorrhoids", "5_NIDDK_QA/0000108.xml", "other"),
    ("niddk-lactose-intolerance", "5_NIDDK_QA/0000114.xml", "other"),
    ("niddk-monitor-your-diabetes", "5_NIDDK_QA/0000048.xml", "other"),
    # NHLBI
    ("nhlbi-bronchitis", "8_NHLBI_QA_XML/0000021.xml", "other"),
    ("nhlbi-insomnia", "8_NHLBI_QA_XML/0000081.xml", "other"),
    ("nhlbi-deep-vein-thrombosis", "8_NHLBI_QA_XML/0000051.xml", "other"),
]

MEDQUAD_SOURCE = {
    "MPlusHealthTopics": "MedlinePlus health topics (NLM)",
    "CancerGov": "National Cancer Institute PDQ (cancer.gov)",
    "GHR": "Genetics Home Reference (NLM)",
    "CDC": "Centers for Disease Control and Prevention (cdc.gov)",
    "NIHSeniorHealth": "NIHSeniorHealth (NIA/NLM)",
    "NIDDK": "NIDDK (niddk.nih.gov)",
    "NHLBI": "NHLBI (nhlbi.nih.gov)",
    "GARD": "Genetic and Rare Diseases Information Center (NCATS/NIH)",
    "NINDS": "NINDS (ninds.nih.gov)",
}


def git(repo, *args):
    return subprocess.check_output(["git", "-C", MIRRORS[repo], *args])


def head(repo):
    return git(repo, "rev-parse", "HEAD").decode().strip()


def show(repo, commit, path):
    return git(repo, "show", f"{commit}:{path}").decode("utf-8")


class Html2Md(HTMLParser):
    """The small HTML subset of NHS pages (p, h2-h4, ul/ol/li, a, strong/b, em/i, br) to Markdown."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []  # finished blocks
        self.cur = ""
        self.kind = None  # "p", "h", "li"
        self.level = 0
        self.href = None
        self.linktext = ""
        self.lists = []  # stack of "ul"/"ol" counters

    def flush(self):
        text = re.sub(r"\s+", " ", self.cur).strip()
        if text:
            if self.kind == "h":
                self.blocks.append("#" * self.level + " " + text)
            elif self.kind == "li":
                if self.lists and self.lists[-1][0] == "ol":
                    self.lists[-1][1] += 1
                    self.blocks.append(f"{self.lists[-1][1]}. {text}")
                else:
                    self.blocks.append("- " + text)
            else:
                self.blocks.append(text)
        self.cur = ""
        self.kind = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("p", "div"):
            self.flush()
            self.kind = "p"
        elif tag in ("h1", "h2", "h3", "h4", "h5"):
            self.flush()
            self.kind = "h"
            self.level = max(3, int(tag[1]))
        elif tag in ("ul", "ol"):
            self.flush()
            self.lists.append([tag, 0])
        elif tag == "li":
            self.flush()
            self.kind = "li"
        elif tag == "br":
            self.cur += " "
        elif tag == "a":
            self.href = a.get("href") or ""
            self.linktext = ""
        elif tag in ("strong", "b"):
            self.cur += "**"
        elif tag in ("em", "i"):
            self.cur += "*"

    def handle_endtag(self, tag):
        if tag in ("p", "div", "h1", "h2", "h3", "h4", "h5", "li"):
            self.flush()
        elif tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()
        elif tag == "a":
            text = self.linktext
            href = self.href or ""
            self.href = None
            if href.startswith("http") and text.strip():
                self.cur += f"[{text}]({href})"
            else:
                self.cur += text
        elif tag in ("strong", "b"):
            self.cur += "**"
        elif tag in ("em", "i"):
            self.cur += "*"

    def handle_data(self, data):
        if self.href is not None:
            self.linktext += data
        else:
            self.cur += data

    def markdown(self):
        self.flush()
        out = []
        for b in self.blocks:
            b = b.replace("****", "").replace("** **", " ")
            out.append(b)
        return out


def html_blocks(text):
    p = Html2Md()
    p.feed(text)
    p.close()
    return p.markdown()


def join_blocks(blocks):
    """Blank line between blocks, except between consecutive list items."""
    out = []
    prev_li = False
    for b in blocks:
        li = b.startswith("- ") or re.match(r"\d+\. ", b) is not None
        if out:
            out.append("\n" if (li and prev_li) else "\n\n")
        out.append(b)
        prev_li = li
    return "".join(out) + "\n"


def nhs_api(item_id, name, cls):
    repo = "NHSDigital/nhs-website-content-api"
    commit = head(repo)
    path = f"sandbox/responses/{name}.json"
    d = json.loads(show(repo, commit, path))
    title = d["name"]
    blocks = []
    seen = set()

    def add(bs):
        for b in bs:
            blocks.append(b)

    for part in d.get("mainEntityOfPage", []):
        if part.get("name") == "lead paragraph" or ("text" in part and "mainEntityOfPage" not in part):
            t = part.get("text") or ""
            if t and t not in seen:
                seen.add(t)
                add(html_blocks(t) if "<" in t else [t.strip()])
            continue
        headline = (part.get("headline") or "").strip()
        children = part.get("mainEntityOfPage") or []
        texts = [c for c in children if (c.get("text") or "").strip()]
        if not texts:
            continue
        if headline:
            blocks.append("## " + headline)
        for c in texts:
            t = c["text"]
            if t in seen:
                continue
            seen.add(t)
            sub = (c.get("headline") or "").strip()
            if sub:
                blocks.append("### " + sub)
            add(html_blocks(t))
    # Some pages (medicines) carry their text only in hasPart (HealthTopicContent sections), with
    # mainEntityOfPage holding just link lists: take whichever of the two holds more of the page.
    alt = []
    seen_alt = set()
    for part in d.get("hasPart", []):
        headline = (part.get("headline") or "").strip()
        texts = [c for c in (part.get("hasPart") or []) if (c.get("text") or "").strip()]
        if not texts:
            continue
        if headline:
            alt.append("## " + headline)
        for c in texts:
            t = c["text"]
            if t in seen_alt:
                continue
            if (c.get("headline") or "").strip() and len(re.sub(r"<[^>]+>", " ", t).split()) < 4:
                continue  # a navigation card ("Acne" / "Symptoms"), not text
            seen_alt.add(t)
            sub = (c.get("headline") or "").strip()
            if sub:
                alt.append("### " + sub)
            alt.extend(html_blocks(t) if "<" in t else [t.strip()])

    def nwords(bs):
        return sum(len(b.split()) for b in bs if not b.startswith("#"))

    if nwords(alt) > nwords(blocks):
        lead = [b for b in blocks[:1] if not b.startswith("#")]
        blocks = lead + alt
    url = "https://www.nhs.uk" + re.sub(r"^https://api\.service\.nhs\.uk(/nhs-website-content)?", "", d["url"])
    body = f"# {title}\n\n" + join_blocks(blocks)
    return dict(id=item_id, title=title, locale="en-GB", cls=cls, source="NHS website (via NHS website content API)",
                url=url, repo=repo, commit=commit, path=path, body=body,
                reviewed=(d.get("lastReviewed") or [""])[0][:10])


def beta(item_id, slug, cls, section="conditions"):
    repo = "nhsuk/betahealth"
    commit = head(repo)
    base = f"content/{section}/{slug}"
    manifest = json.loads(show(repo, commit, base + "/manifest.json"))
    title = manifest.get("title") or slug.replace("-", " ").capitalize()
    blocks = []

    def text_of(value):
        if value.startswith("!file="):
            return show(repo, commit, base + "/" + value[len("!file="):]).strip()
        return value.strip()

    def walk(node, demote=0):
        if isinstance(node, list):
            for n in node:
                walk(n, demote)
            return
        if not isinstance(node, dict):
            return
        t = node.get("type")
        props = node.get("props") or {}
        if t == "text" and isinstance(props.get("value"), str):
            md = text_of(props["value"])
            if demote:
                md = re.sub(r"^(#+) ", lambda m: "#" * min(6, len(m.group(1)) + demote) + " ", md, flags=re.M)
            if "<" in md and re.search(r"</?(p|ul|li|h\d)\b", md):
                blocks.extend(html_blocks(md))
            else:
                blocks.append(md)
            return
        if t in ("image", "gallery", "reveal-image"):
            return
        inner = demote
        for key in ("heading", "title", "summary"):
            if isinstance(props.get(key), str) and props[key].strip() and t in ("panel", "reveal", "callout"):
                blocks.append("### " + props[key].strip())
                inner = demote + 1  # the reveal's own subheadings sit under its summary
        for key in ("children", "header", "body", "main", "footer", "content"):
            if key in props:
                walk(props[key], inner)
        for key in ("header", "main"):
            if key in node:
                walk(node[key], inner)

    content = manifest.get("content") or {}
    walk(content.get("header") or [])
    walk(content.get("main") or [])
    # Demote the page's own H1 if a content file has one, and drop a repeated title.
    fixed = []
    for b in blocks:
        if b.startswith("# "):
            if b[2:].strip().lower() == title.lower():
                continue
            b = "#" + b
        fixed.append(b)
    body = f"# {title}\n\n" + "\n\n".join(fixed).strip() + "\n"
    # Site markup, not prose: kramdown list classes and template links of the beta site.
    body = re.sub(r"^\{\.[\w-]+\}\n", "", body, flags=re.M)
    body = re.sub(r"^\*\[[^\]]+\]: .*\n", "", body, flags=re.M)  # kramdown abbreviation definitions
    body = re.sub(r"\{data-[\w-]+=[\w-]+\}", "", body)  # kramdown attribute lists ({data-analytics=anchor})
    body = re.sub(r"\[([^\]]+)\]\((\{\{[^)]*|/[^)]*)\)", r"\1", body)
    body = re.sub(r"\n{3,}", "\n\n", body)
    return dict(id=item_id, title=title, locale="en-GB", cls=cls, source="NHS.UK beta (nhsuk/betahealth content)",
                url=f"https://www.nhs.uk/{section}/{slug}/", repo=repo, commit=commit, path=base + "/",
                body=body, reviewed="")


QTYPE_HEADING = {
    "information": None,  # "About <focus>"
    "susceptibility": "Who is at risk",
    "symptoms": "Symptoms",
    "exams and tests": "Diagnosis",
    "outlook": "Outlook",
    "stages": "Stages",
    "treatment": "Treatment",
    "research": "Research",
    "causes": "Causes",
    "prevention": "Prevention",
    "frequency": "How common it is",
    "genetic changes": "Genetic changes",
    "inheritance": "Inheritance",
    "complications": "Complications",
    "considerations": "Things to consider",
    "support groups": "Support",
}


def flat_blocks(text):
    """MedQuAD flattens pages: paragraphs become runs of spaces or indented newlines and list
    items become ' - item' inside a line. Recover paragraphs and list items."""
    text = html.unescape(text)
    lines = [ln.strip() for ln in text.split("\n")]
    paras, cur = [], []
    for ln in lines:
        if not ln:
            if cur:
                paras.append(" ".join(cur))
                cur = []
        else:
            cur.append(ln)
    if cur:
        paras.append(" ".join(cur))
    # A list marker left alone on its line belongs to the next paragraph.
    merged = []
    for p in paras:
        if merged and merged[-1].rstrip().endswith(" -") or (merged and merged[-1].strip() == "-"):
            merged[-1] = merged[-1].rstrip() + " " + p
        else:
            merged.append(p)
    paras = merged
    blocks = []
    for p in paras:
        pending_dash = False
        for chunk in re.split(r"\s{3,}(?=\S)", p):
            chunk = chunk.strip()
            if not chunk:
                continue
            if chunk == "-":
                pending_dash = True
                continue
            if pending_dash:
                chunk = "- " + chunk
                pending_dash = False
            items = re.split(r"\s+-\s+(?=\S)", " " + chunk) if re.search(r"(^|\s)-\s+\S", chunk) else [chunk]
            head_ = items[0].strip()
            if head_.startswith("- "):
                head_ = head_[2:]
                items = [head_] + items[1:]
                head_ = None
            else:
                items = items[1:]
            if head_:
                blocks.append(head_)
            for it in items:
                it = it.strip()
                if it:
                    blocks.append("- " + it)
    return blocks


def medquad(item_id, path, cls):
    repo = "abachaa/MedQuAD"
    commit = head(repo)
    raw = show(repo, commit, path)
    root = ET.fromstring(raw.encode("utf-8"))
    focus = (root.findtext("Focus") or "").strip()
    src = root.get("source")
    url = root.get("url")
    blocks = []
    seen = set()
    emitted = set()
    sections = {}
    for qa in root.iter("QAPair"):
        q = qa.find("Question")
        a = qa.find("Answer")
        ans = (a.text or "").strip() if a is not None else ""
        if not ans or ans in seen:
            continue
        seen.add(ans)
        qtype = q.get("qtype") if q is not None else "information"
        heading = QTYPE_HEADING.get(qtype, qtype.capitalize())
        if heading is None:
            heading = f"About {focus}"
        # MedQuAD's answers of one page overlap (e.g. "treatment" and "research" both carry the page's
        # clinical-trials paragraphs): a block already given by an earlier answer is that overlap, not
        # the page repeating itself, so it is dropped. Repeats inside one answer are the page's own.
        new_blocks = [b for b in flat_blocks(ans) if b not in emitted]
        if not new_blocks:
            continue
        emitted.update(new_blocks)
        # The headings are ours (from the question type): answers of one type go under one heading,
        # in the order the type first appears, so no heading is repeated by the conversion.
        sections.setdefault(heading, []).extend(new_blocks)
    for heading, section_blocks in sections.items():
        blocks.append("## " + heading)
        blocks.extend(section_blocks)
    title = focus
    body = f"# {title}\n\n" + join_blocks(blocks)
    return dict(id=item_id, title=title, locale="en-US", cls=cls,
                source=MEDQUAD_SOURCE.get(src, src) + " via MedQuAD", url=url, repo=repo, commit=commit,
                path=path, body=body, reviewed="")


def split_of(item_id):
    return "heldout" if hashlib.sha256(item_id.encode()).digest()[0] % 3 == 0 else "tune"


# ---------------------------------------------------------------- heldout2 (a second held-out split)
#
# Written down before any article's words were read: the split `heldout2` is chosen by this rule alone.
# Pools: the pages of the same three repositories (same commits) that the first 71 articles did not use:
#   NHS API: sandbox/responses/*-no-params.json, except listings (names with "root", "health-a-to-z",
#     "manifest-pages", "error-"); betahealth: content/conditions/*/; MedQuAD: the same seven subsets
#     (MedlinePlus health topics, CancerGov, GHR, CDC, NIDDK, NHLBI, SeniorHealth; no A.D.A.M., drugs, herbs).
# Class, from the title alone (NHS API: the file name; betahealth: manifest title; MedQuAD: <Focus>):
#   derm_cosmetic when it matches DERM_TITLE (skin, hair and nail conditions, rash illnesses, cosmetic
#   procedures), else other.
# Order: ascending sha256("heldout2:" + repo + ":" + path); walking each pool in that order, an article is
#   taken when it builds to HELDOUT2_MIN..HELDOUT2_MAX words (listing pages and stubs build to less), its
#   id is new, its source's class quota (HELDOUT2_QUOTA) is not full and (MedQuAD) its subset has fewer than
#   HELDOUT2_PER_SUBSET articles of its class taken. MedQuAD pages whose title says they are for professionals
#   (PROFESSIONAL_TITLE) are not patient-facing and not in the pool.
# Adjusted once, after the first run and before any article's text was read (only titles and word counts
#   seen): the NHS API pool has only 2 pages in the word range (the rest are link hubs), so betahealth
#   gives 9 "other" instead of 5; at most 4 instead of 3 per MedQuAD subset and class, not per subset
#   (MedlinePlus summaries are mostly under 250 words and GHR's cap went to "other" pages, so the derm
#   quota could not fill); PROFESSIONAL_TITLE added (the first run took a NIDDK page
#   "... for Health Care Professionals").
DERM_TITLE = re.compile(
    r"\b(skin|derm\w*|acne|eczema|psoria\w*|rosacea|warts?|moles?|melanoma|nev(i|us)|naev\w*|hair|alopecia|"
    r"nails?|lice|scabies|rash\w*|hives|urticaria|itch\w*|prurit\w*|blisters?|burns?|sunburn|scars?|keloids?|"
    r"tattoos?|piercing|cosmetic|botox|vitiligo|albinism|pigment\w*|ichthyos\w*|epiderm\w*|pemphig\w*|impetigo|"
    r"cellulitis|shingles|sweat\w*|hyperhidrosis|kerato\w*|wrinkles?|ectodermal|xeroderma|exanthem\w*|"
    r"measles|rubella|chickenpox|scarlet|hand, foot and mouth|hand-foot-and-mouth)\b", re.I)
HELDOUT2_MIN, HELDOUT2_MAX = 250, 2000
HELDOUT2_PER_SUBSET = 4
PROFESSIONAL_TITLE = re.compile(r"health ?care professionals|health professionals|clinicians", re.I)
HELDOUT2_QUOTA = {  # (source, class) -> articles; gives 13 en-GB, 12 en-US, 10 derm_cosmetic of 25
    ("NHSDigital/nhs-website-content-api", "derm"): 0,  # none of its unused pages is one
    ("NHSDigital/nhs-website-content-api", "other"): 6,  # only 2 of its unused pages are in the word range
    ("nhsuk/betahealth", "derm"): 2,
    ("nhsuk/betahealth", "other"): 9,
    ("abachaa/MedQuAD", "derm"): 8,
    ("abachaa/MedQuAD", "other"): 4,
}
MEDQUAD_SUBSETS = {"1_CancerGov_QA": "nci", "3_GHR_QA": "ghr", "4_MPlus_Health_Topics_QA": "mplus",
                   "5_NIDDK_QA": "niddk", "7_SeniorHealth_QA": "nihsenior", "8_NHLBI_QA_XML": "nhlbi",
                   "9_CDC_QA": "cdc"}


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


def heldout2_items(used_paths, used_ids, quota=None, per_subset_cap=None, repo_cap=None, not_derm=None):
    """The articles of split heldout2, by the rule above, in the order they were chosen. With quota and
    per_subset_cap (split heldout3, below) the same walk continues past the pages already used."""
    quota = HELDOUT2_QUOTA if quota is None else quota
    per_subset_cap = HELDOUT2_PER_SUBSET if per_subset_cap is None else per_subset_cap
    pools = []  # (key, repo, path, make(cls) -> item dict, cls)
    repo = "NHSDigital/nhs-website-content-api"
    for path in git(repo, "ls-tree", "--name-only", head(repo), "sandbox/responses/").decode().split():
        name = path.rsplit("/", 1)[1][: -len(".json")]
        if not name.endswith("-no-params") or any(x in name for x in ("root", "health-a-to-z", "manifest-pages",
                                                                       "error-")):
            continue
        short = name[: -len("-no-params")]
        cls = "derm" if DERM_TITLE.search(short.replace("-", " ")) else "other"
        pools.append((repo, path, "nhs-" + short, lambda c, n=name, s=short: nhs_api("nhs-" + s, n, c), cls))
    repo = "nhsuk/betahealth"
    for path in git(repo, "ls-tree", "--name-only", head(repo), "content/conditions/").decode().split():
        s = path.rsplit("/", 1)[1]
        title = json.loads(show(repo, head(repo), path + "/manifest.json")).get("title") or s
        cls = "derm" if DERM_TITLE.search(title) or DERM_TITLE.search(s.replace("-", " ")) else "other"
        pools.append((repo, path + "/", "nhsbeta-" + s, lambda c, s=s: beta("nhsbeta-" + s, s, c), cls))
    repo = "abachaa/MedQuAD"
    for sub, prefix in MEDQUAD_SUBSETS.items():
        for path in git(repo, "ls-tree", "--name-only", head(repo), sub + "/").decode().split():
            root = ET.fromstring(show(repo, head(repo), path).encode("utf-8"))
            focus = (root.findtext("Focus") or "").strip()
            if PROFESSIONAL_TITLE.search(focus):
                continue  # written for professionals, not patients
            cls = "derm" if DERM_TITLE.search(focus) and not (not_derm and not_derm.search(focus)) else "other"
            pools.append((repo, path, f"{prefix}-{slug(focus)}", lambda c, p=path, i=f"{prefix}-{slug(focus)}":
                          medquad(i, p, c), cls))
    pools.sort(key=lambda x: hashlib.sha256(f"heldout2:{x[0]}:{x[1]}".encode()).hexdigest())
    taken = collections.Counter()
    per_subset = collections.Counter()
    per_repo = collections.Counter()
    items = []
    for repo, path, item_id, make, cls in pools:
        if path in used_paths or item_id in used_ids or taken[(repo, cls)] >= quota[(repo, cls)]:
            continue
        if repo_cap is not None and per_repo[repo] >= repo_cap.get(repo, 10 ** 9):
            continue
        sub = path.split("/", 1)[0] if repo == "abachaa/MedQuAD" else None
        if sub and per_subset[(sub, cls)] >= per_subset_cap:
            continue
        it = make(cls)
        it["id"] = item_id
        words = len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’\-]*", re.sub(r"^# .*\n\n", "", it["body"], count=1)))
        if not HELDOUT2_MIN <= words <= HELDOUT2_MAX:
            continue
        taken[(repo, cls)] += 1
        per_repo[repo] += 1
        if sub:
            per_subset[(sub, cls)] += 1
        used_ids.add(item_id)
        items.append(it)
    return items


def write_split(items, out_dir, manifest_path, split_for):
    os.makedirs(out_dir, exist_ok=True)
    rows = []
    for it in items:
        front = f"---\ntitle: {json.dumps(it['title'])}\nlanguage: {it['locale']}\n---\n"
        text = it["body"]
        # The H1 duplicates the front-matter title; keep only the front matter.
        text = re.sub(r"^# .*\n\n", "", text, count=1)
        md = front + "\n" + text
        with open(os.path.join(out_dir, it["id"] + ".md"), "w", encoding="utf-8") as f:
            f.write(md)
        lic, evidence = LICENCES[it["repo"]]
        words = len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’\-]*", text))
        rows.append([it["id"], split_for(it["id"]), it["locale"], "derm_cosmetic" if it["cls"] == "derm" else "other",
                     str(words), it["source"], it["url"], lic,
                     f"{it['repo']}@{it['commit']}:{it['path']}", RETRIEVED_HELDOUT2 if split_for(it["id"]) ==
                     "heldout2" else RETRIEVED, evidence])
    header = ["id", "split", "locale", "class", "words", "source", "url", "licence", "repo_commit_path",
              "retrieved", "licence_evidence"]
    with open(manifest_path, "w", encoding="utf-8") as f:
        f.write("\t".join(header) + "\n")
        for r in sorted(rows):
            f.write("\t".join(c.replace("\t", " ") for c in r) + "\n")
    print(f"{len(rows)} articles", file=sys.stderr)


RETRIEVED_HELDOUT2 = "2026-11-29"


def main_heldout2():
    """tools/build_articles.py --heldout2: heldout2/articles/ and heldout2/MANIFEST.tsv."""
    used_paths, used_ids = set(), set()
    for line in open(os.path.join(CORPUS, "MANIFEST.tsv"), encoding="utf-8").read().splitlines()[1:]:
        cells = line.split("\t")
        used_ids.add(cells[0])
        used_paths.add(cells[8].split(":", 1)[1])
    items = heldout2_items(used_paths, used_ids)
    base = os.path.join(CORPUS, "heldout2")
    write_split(items, os.path.join(base, "articles"), os.path.join(base, "MANIFEST.tsv"), lambda _i: "heldout2")


# ---------------------------------------------------------------- heldout3 (a third held-out split)
#
# Written down before any heldout3 article's words were read (only heldout2's rule and its README known). Split
# `heldout3` continues heldout2's walk: the same pools, classes, order (ascending sha256("heldout2:" + repo + ":"
# + path)), word range 250-2,000, professional-title exclusion and per-MedQuAD-subset-and-class cap of 4 (counted
# afresh for heldout3), skipping every page the first 71 or heldout2 used. Quotas (25 articles, about half en-GB,
# at least a third derm_cosmetic):
#   en-GB: NHS API and betahealth, 13 in all, whatever their class (the NHS API pool had only 2 pages with text,
#     both taken by heldout2, so betahealth is expected to give them all); first NHS API pages, then betahealth.
#   en-US: MedQuAD 9 derm_cosmetic (a third of 25 without counting on the en-GB pages) + 3 other; should the
#     en-GB sources give fewer than 13, MedQuAD "other" takes the places left, so the split still has 25.
# Adjusted once, after the first run and before any article's text was read (only titles, classes and word
#   counts seen): the first run gave 21 articles, 5 of them derm_cosmetic by the title rule, because MedQuAD's
#   derm pages in the word range ran out under the cap of 4 per subset and class (GHR filled it; MedlinePlus
#   summaries are mostly under 250 words; NCI's skin pages were all used), and two of the 5 were not skin pages
#   at all: the title rule matched "mole" in "hydatidiform mole" (a pregnancy growth) and "pigment" in
#   "pigmented glia" (brain cells). So: NOT_DERM_TITLE makes such titles "other" (heldout3 only; heldout2's
#   classes are as recorded), and the MedQuAD cap per subset and class is HELDOUT3_PER_SUBSET = 9 (no cap in
#   effect) so the 9 derm places fill; the split leans on GHR genetics pages, as heldout2 did.
NOT_DERM_TITLE = re.compile(r"hydatidiform mole|pigmented glia|retinitis pigmentosa", re.I)
HELDOUT3_PER_SUBSET = 9
HELDOUT3_EN_GB = 13
HELDOUT3_QUOTA = {
    ("NHSDigital/nhs-website-content-api", "derm"): HELDOUT3_EN_GB,
    ("NHSDigital/nhs-website-content-api", "other"): HELDOUT3_EN_GB,
    ("nhsuk/betahealth", "derm"): HELDOUT3_EN_GB,
    ("nhsuk/betahealth", "other"): HELDOUT3_EN_GB,
    ("abachaa/MedQuAD", "derm"): 9,
    ("abachaa/MedQuAD", "other"): 3,
}
RETRIEVED_HELDOUT3 = "2026-11-29"


def heldout3_items(used_paths, used_ids):
    """The articles of split heldout3, by the rule above."""
    en_gb_repos = ("NHSDigital/nhs-website-content-api", "nhsuk/betahealth")
    no_medquad = dict(HELDOUT3_QUOTA)
    no_medquad[("abachaa/MedQuAD", "derm")] = no_medquad[("abachaa/MedQuAD", "other")] = 0
    nhs_only = {k: (v if k[0] == en_gb_repos[0] else 0) for k, v in no_medquad.items()}
    first = heldout2_items(set(used_paths), set(used_ids), nhs_only, HELDOUT2_PER_SUBSET,
                           {en_gb_repos[0]: HELDOUT3_EN_GB})
    beta_only = {k: (v if k[0] == en_gb_repos[1] else 0) for k, v in no_medquad.items()}
    second = heldout2_items(set(used_paths) | {i["path"] for i in first}, set(used_ids) | {i["id"] for i in first},
                            beta_only, HELDOUT2_PER_SUBSET, {en_gb_repos[1]: HELDOUT3_EN_GB - len(first)})
    en_gb = first + second
    quota = {k: (v if k[0] == "abachaa/MedQuAD" else 0) for k, v in HELDOUT3_QUOTA.items()}
    quota[("abachaa/MedQuAD", "other")] += HELDOUT3_EN_GB - len(en_gb)
    en_us = heldout2_items(set(used_paths), set(used_ids) | {i["id"] for i in en_gb}, quota, HELDOUT3_PER_SUBSET,
                           not_derm=NOT_DERM_TITLE)
    return en_gb + en_us


def main_heldout3():
    """tools/build_articles.py --heldout3: heldout3/articles/ and heldout3/MANIFEST.tsv."""
    used_paths, used_ids = set(), set()
    for manifest in ("MANIFEST.tsv", os.path.join("heldout2", "MANIFEST.tsv")):
        for line in open(os.path.join(CORPUS, manifest), encoding="utf-8").read().splitlines()[1:]:
            cells = line.split("\t")
            used_ids.add(cells[0])
            used_paths.add(cells[8].split(":", 1)[1])
    items = heldout3_items(used_paths, used_ids)
    base = os.path.join(CORPUS, "heldout3")
    write_split(items, os.path.join(base, "articles"), os.path.join(base, "MANIFEST.tsv"), lambda _i: "heldout3")


# ---------------------------------------------------------------- heldout4 (a fourth held-out split)
#
# Written down and committed before any heldout4 article was built or its words read (only heldout3's rule, its
# README and the names of the pools' folders known). Split `heldout4` continues the same walk: the same order
# (ascending sha256("heldout2:" + repo + ":" + path)), the same title-based class (DERM_TITLE, with heldout3's
# NOT_DERM_TITLE), the same 250-2,000 word range and professional-title exclusion, skipping every page the first
# 71, heldout2 or heldout3 used. Pools, widened because the old ones are nearly spent:
#   en-GB: betahealth's unused condition pages (content/conditions/*/) and its symptom pages
#     (content/symptoms/*/, built the same way; same repository, same MIT licence), in the walk order, any class,
#     up to HELDOUT4_EN_GB; the NHS API sandbox has no unused page with text and is not walked.
#   en-US: MedQuAD's public-domain subsets: the seven used so far plus GARD (2_GARD_QA) and NINDS (6_NINDS_QA);
#     never the MedlinePlus A.D.A.M., drugs or herbs subsets (10_, 11_, 12_: answers removed for copyright).
#     HELDOUT4_DERM derm_cosmetic pages (a third of 25 without counting on en-GB derm pages), the rest "other",
#     so that the split has 25 articles (MedQuAD "other" takes any en-GB place left empty).
#   Caps so that no kind of page dominates: at most HELDOUT4_PER_SUBSET pages per MedQuAD subset and class, and
#     at most HELDOUT4_GHR_CAP Genetics Home Reference pages in all.
HELDOUT4_EN_GB = 13
HELDOUT4_DERM = 9
HELDOUT4_PER_SUBSET = 4
HELDOUT4_GHR_CAP = 8
HELDOUT4_SUBSETS = dict(MEDQUAD_SUBSETS, **{"2_GARD_QA": "gard", "6_NINDS_QA": "ninds"})


def heldout4_pools(used_paths, used_ids):
    """(repo, path, id, make(cls) -> item, cls) of heldout4's pools, in the walk order."""
    pools = []
    repo = "nhsuk/betahealth"
    for section in ("conditions", "symptoms"):
        for path in git(repo, "ls-tree", "--name-only", head(repo), f"content/{section}/").decode().split():
            s = path.rsplit("/", 1)[1]
            title = json.loads(show(repo, head(repo), path + "/manifest.json")).get("title") or s
            cls = "derm" if DERM_TITLE.search(title) or DERM_TITLE.search(s.replace("-", " ")) else "other"
            pools.append((repo, path + "/", "nhsbeta-" + s,
                          lambda c, s=s, sec=section: beta("nhsbeta-" + s, s, c, sec), cls))
    repo = "abachaa/MedQuAD"
    for sub, prefix in HELDOUT4_SUBSETS.items():
        for path in git(repo, "ls-tree", "--name-only", head(repo), sub + "/").decode().split():
            root = ET.fromstring(show(repo, head(repo), path).encode("utf-8"))
            focus = (root.findtext("Focus") or "").strip()
            if PROFESSIONAL_TITLE.search(focus):
                continue
            cls = "derm" if DERM_TITLE.search(focus) and not NOT_DERM_TITLE.search(focus) else "other"
            pools.append((repo, path, f"{prefix}-{slug(focus)}", lambda c, p=path, i=f"{prefix}-{slug(focus)}":
                          medquad(i, p, c), cls))
    pools.sort(key=lambda x: hashlib.sha256(f"heldout2:{x[0]}:{x[1]}".encode()).hexdigest())
    return [p for p in pools if p[1] not in used_paths and p[2] not in used_ids]


def heldout4_items(used_paths, used_ids):
    """The articles of split heldout4, by the rule above, in the order they were chosen."""
    pools = heldout4_pools(used_paths, used_ids)
    used_ids = set(used_ids)
    items = []

    def in_range(it):
        words = len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’\-]*", re.sub(r"^# .*\n\n", "", it["body"], count=1)))
        return HELDOUT4_MIN <= words <= HELDOUT4_MAX

    for repo, path, item_id, make, cls in pools:  # en-GB first
        if repo != "nhsuk/betahealth" or len(items) >= HELDOUT4_EN_GB or item_id in used_ids:
            continue
        it = make(cls)
        it["id"] = heldout4_id(item_id)
        if in_range(it):
            used_ids.add(item_id)
            items.append(it)
    quota = {"derm": HELDOUT4_DERM, "other": 25 - HELDOUT4_DERM - len(items)}
    taken, per_subset, ghr = collections.Counter(), collections.Counter(), 0
    for repo, path, item_id, make, cls in pools:
        if repo != "abachaa/MedQuAD" or item_id in used_ids or taken[cls] >= quota[cls]:
            continue
        sub = path.split("/", 1)[0]
        if per_subset[(sub, cls)] >= HELDOUT4_PER_SUBSET or (sub == "3_GHR_QA" and ghr >= HELDOUT4_GHR_CAP):
            continue
        it = make(cls)
        it["id"] = heldout4_id(item_id)
        if not in_range(it):
            continue
        taken[cls] += 1
        per_subset[(sub, cls)] += 1
        ghr += sub == "3_GHR_QA"
        used_ids.add(item_id)
        items.append(it)
    return items


HELDOUT4_MIN, HELDOUT4_MAX = HELDOUT2_MIN, HELDOUT2_MAX


def heldout4_id(item_id):
    """`guidepress import --id` takes at most 80 characters (found on the first build, which only failed to import):
    a longer id is cut at its last hyphen within 80 characters. Ids only; the choice of pages is unchanged."""
    while len(item_id) > 80:
        item_id = item_id.rsplit("-", 1)[0]
    return item_id


def main_heldout4(dry_run=False):
    """tools/build_articles.py --heldout4: heldout4/articles/ and heldout4/MANIFEST.tsv. With --dry-run, print
    only each chosen page's id, source path, class and word count (no text) and write nothing."""
    used_paths, used_ids = set(), set()
    for manifest in ("MANIFEST.tsv", os.path.join("heldout2", "MANIFEST.tsv"), os.path.join("heldout3", "MANIFEST.tsv")):
        for line in open(os.path.join(CORPUS, manifest), encoding="utf-8").read().splitlines()[1:]:
            cells = line.split("\t")
            used_ids.add(cells[0])
            used_paths.add(cells[8].split(":", 1)[1])
    items = heldout4_items(used_paths, used_ids)
    if dry_run:
        for it in items:
            words = len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’\-]*", re.sub(r"^# .*\n\n", "", it["body"], count=1)))
            print(f"{it['id']}\t{it['locale']}\t{it['cls']}\t{words}\t{it['path']}")
        return
    base = os.path.join(CORPUS, "heldout4")
    write_split(items, os.path.join(base, "articles"), os.path.join(base, "MANIFEST.tsv"), lambda _i: "heldout4")


def main():
    if sys.argv[1:] == ["--heldout2"]:
        return main_heldout2()
    if sys.argv[1:] == ["--heldout3"]:
        return main_heldout3()
    if sys.argv[1:2] == ["--heldout4"]:
        return main_heldout4(dry_run=sys.argv[2:] == ["--dry-run"])
    out_dir = os.path.join(CORPUS, "articles")
    os.makedirs(out_dir, exist_ok=True)
    items = [nhs_api(*x) for x in NHS_API] + [beta(*x) for x in BETA] + [medquad(*x) for x in MEDQUAD]
    rows = []
    for it in items:
        front = f"---\ntitle: {json.dumps(it['title'])}\nlanguage: {it['locale']}\n---\n"
        text = it["body"]
        # The H1 duplicates the front-matter title; keep only the front matter.
        text = re.sub(r"^# .*\n\n", "", text, count=1)
        md = front + "\n" + text
        with open(os.path.join(out_dir, it["id"] + ".md"), "w", encoding="utf-8") as f:
            f.write(md)
        lic, evidence = LICENCES[it["repo"]]
        words = len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’\-]*", text))
        rows.append([it["id"], split_of(it["id"]), it["locale"], "derm_cosmetic" if it["cls"] == "derm" else "other",
                     str(words), it["source"], it["url"], lic,
                     f"{it['repo']}@{it['commit']}:{it['path']}", RETRIEVED, evidence])
    header = ["id", "split", "locale", "class", "words", "source", "url", "licence", "repo_commit_path",
              "retrieved", "licence_evidence"]
    with open(os.path.join(CORPUS, "MANIFEST.tsv"), "w", encoding="utf-8") as f:
        f.write("\t".join(header) + "\n")
        for r in sorted(rows):
            f.write("\t".join(c.replace("\t", " ") for c in r) + "\n")
    print(f"{len(rows)} articles", file=sys.stderr)


if __name__ == "__main__":
    main()
