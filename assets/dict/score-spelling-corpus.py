#!/usr/bin/env python3
"""score-spelling-corpus.py BINARY SPLIT [v] (CORPUS=tests/corpus):  spelling+misspelling findings on the corpus split, scored with
labels/spelling.tsv (false alarm = a finding labelled ok, or unlabelled) and recall over the
labelled real errors plus labels/injected.tsv (found in guides_injected)."""
import json, subprocess, sys, re, collections
import os
C=os.environ.get('CORPUS', 'tests/corpus')
binary, split = sys.argv[1], sys.argv[2]; verbose=len(sys.argv)>3
man=[l.rstrip('\n').split('\t') for l in open(f'{C}/MANIFEST.tsv') if not l.startswith('#')][1:]
rows=[r for r in man if split=='all' or r[1]==split]
ids={r[0] for r in rows}
lab={}
for l in open(f'{C}/labels/spelling.tsv'):
    if l.startswith('#') or l.startswith('id\t'): continue
    f=l.rstrip('\n').split('\t'); lab[(f[0],f[1].lower())]=f[2]
inj=collections.defaultdict(list)
for l in open(f'{C}/labels/injected.tsv'):
    if l.startswith('#') or l.startswith('id\t'): continue
    f=l.rstrip('\n').split('\t'); inj[f[0]].append((f[2],f[3]))
def lint(path):
    o=subprocess.run([binary,'lint','--format','json',path],capture_output=True)
    v=json.loads(o.stdout); out=[]
    for d in v['diagnostics']:
        if d['code'] in ('spelling','misspelling'):
            m=re.match(r"unknown word `([^`]*)`|`([^`]*)` is a misspelling", d['message'])
            out.append((m.group(1) or m.group(2), d.get('suggestions') or []))
    return out
words=collections.Counter(); fa=collections.Counter(); unl=[]; fal=[]
err_total=0; err_found=0; missed=[]; sugg_ok=0; sugg_bad=[]
for r in rows:
    id_,loc=r[0],r[2]; words[loc]+=int(r[4])
    found=lint(f'{C}/guides/{id_}.yaml'); fw={}
    for w,s in found: fw.setdefault(w,s)
    for w,s in found:
        l=lab.get((id_,w.lower())) or lab.get((id_,w.lower().replace('’',"'")))
        if l=='error': continue
        fa[loc]+=1; fal.append((id_,w,l))
    for (i,w),l in lab.items():
        if i==id_ and l=='error':
            err_total+=1
            if w in {x.lower() for x in fw}: err_found+=1
            else: missed.append((id_,w))
    if inj[id_]:
        g=lint(f'{C}/guides_injected/{id_}.yaml'); gw={}
        for w,s in g: gw.setdefault(w,s)
        for wrong,right in inj[id_]:
            err_total+=1
            if wrong in gw:
                err_found+=1
                s=gw[wrong]
                if s and s[0].lower()==right.lower(): sugg_ok+=1
                else: sugg_bad.append((wrong,right,s[:2]))
            else: missed.append((id_,wrong))
tw=sum(words.values()); tf=sum(fa.values())
print(f"{split}: {len(rows)} guides, {tw} words: false alarms {tf} = {5000*tf/tw:.2f} per 5,000 words; recall {err_found}/{err_total} = {100*err_found/err_total:.1f}%; injected first suggestion right {sugg_ok}/{sum(len(inj[i]) for i in ids)}")
for loc in sorted(words): print(f"  {loc}: {fa[loc]} false alarms in {words[loc]} words = {5000*fa[loc]/words[loc]:.2f} per 5,000")
if verbose:
    print('false alarms:', collections.Counter((w,l) for _,w,l in fal).most_common())
    print('missed:', missed)
    print('wrong first suggestion:', sugg_bad)
