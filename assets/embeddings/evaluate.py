#!/usr/bin/env python3
"""Score the labelled restatement pairs (tests/fixtures/restatement/pairs.tsv) with the
distilled static embeddings (stems.txt/stems.bin from distill.py, in the folder given or this
one): lexical TF-IDF over stems and stem pairs, IDF-weighted mean vectors, and BERTScore-style
best-match alignment; prints AUC and the best recall at precision >= 0.9 for each.

    python3 assets/embeddings/distill.py --out /tmp/emb && python3 assets/embeddings/evaluate.py /tmp/emb
"""
import numpy as np, re, struct, math, sys, snowballstemmer
stem = snowballstemmer.stemmer("english").stemWord
HERE = __import__("os").path.dirname(__import__("os").path.abspath(__file__))
ROOT = __import__("os").path.dirname(__import__("os").path.dirname(HERE))
D = sys.argv[1] if len(sys.argv) > 1 else HERE
stems = open(f"{D}/stems.txt").read().split("\n")[:-1]
raw = open(f"{D}/stems.bin","rb").read()
n, d = struct.unpack("<II", raw[6:14])
M = np.zeros((n,d), np.float32); off=14
for i in range(n):
    s = struct.unpack("<f", raw[off:off+4])[0]; off+=4
    M[i] = np.frombuffer(raw[off:off+d], np.int8).astype(np.float32)*s; off+=d
M /= np.linalg.norm(M,axis=1,keepdims=True)
idx = {s:i for i,s in enumerate(stems)}
stop = set(l.strip() for l in open(ROOT + "/assets/rules/stop-words.txt") if l.strip() and not l.startswith("#"))
pairs=[]
for line in open(ROOT + "/tests/fixtures/restatement/pairs.tsv"):
    if line[0] in "01":
        l,a,b = line.rstrip("\n").split("\t"); pairs.append((int(l),a,b))
def toks(s):
    ws=[w.lower().replace("’","'") for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", s)]
    out=[]
    for w in ws:
        if w in stop: continue
        for p in w.split("-"):
            if p and p not in stop: out.append(stem(p.removesuffix("'s")))
    return out
sents=[t for _,a,b in pairs for t in (a,b)]
df={}
for s in sents:
    for t in set(toks(s)): df[t]=df.get(t,0)+1
N=len(sents)
idf=lambda t: 1+math.log((1+N)/(1+df.get(t,0)))
def lex(a,b):
    def vec(s):
        ts=toks(s); c={}
        for t in ts: c[t]=c.get(t,0)+1
        for p in zip(ts,ts[1:]): c[p]=c.get(p,0)+1
        v={k:(1+math.log(x))*idf(k if isinstance(k,str) else k) for k,x in c.items()}
        nn=math.sqrt(sum(x*x for x in v.values())) or 1
        return {k:x/nn for k,x in v.items()}
    va,vb=vec(a),vec(b)
    return sum(va[k]*vb.get(k,0) for k in va)
def emb(t): return M[idx[t]] if t in idx else None
def avg(a,b):
    def v(s):
        acc=np.zeros(d)
        for t in toks(s):
            e=emb(t)
            if e is not None: acc+=idf(t)*e
        return acc/(np.linalg.norm(acc) or 1)
    return float(v(a)@v(b))
def align(a,b):
    ta=[t for t in toks(a)]; tb=[t for t in toks(b)]
    def sim(x,y):
        if x==y: return 1.0
        ex,ey=emb(x),emb(y)
        return float(ex@ey) if ex is not None and ey is not None else 0.0
    def side(p,q):
        if not p or not q: return 0
        w=sum(idf(t) for t in p)
        return sum(idf(t)*max(sim(t,u) for u in q) for t in p)/w
    r,pr=side(ta,tb),side(tb,ta)
    return 2*r*pr/(r+pr) if r+pr else 0
def report(name, f):
    sc=[(f(a,b),l) for l,a,b in pairs]
    best=None
    for th in sorted(set(round(s,3) for s,_ in sc)):
        tp=sum(1 for s,l in sc if s>=th and l); fp=sum(1 for s,l in sc if s>=th and not l)
        fn=sum(1 for s,l in sc if s<th and l)
        p=tp/(tp+fp) if tp+fp else 1; r=tp/(tp+fn)
        if p>=0.9 and (best is None or r>best[2]): best=(th,p,r)
    print(name, "best recall at precision>=0.9:", best)
    return sc
report("lexical", lex)
report("avg", avg)
report("align", align)
for alpha in [0.3,0.5,0.7]:
    report(f"mix{alpha}", lambda a,b: alpha*lex(a,b)+(1-alpha)*align(a,b))
def dist(name,f):
    sc=[(f(a,b),l) for l,a,b in pairs]
    pos=sorted(s for s,l in sc if l); neg=sorted(s for s,l in sc if not l)
    auc=sum((p>n)+0.5*(p==n) for p in pos for n in neg)/(len(pos)*len(neg))
    print(name, "AUC %.3f"%auc, "pos median %.3f"%pos[len(pos)//2], "neg median %.3f"%neg[len(neg)//2], "neg max %.3f"%neg[-1], "top negs", sorted(neg)[-5:])
dist("lex",lex); dist("avg",avg); dist("align",align)
e=lambda w: emb(stem(w))
print("begin/start", float(e("begins")@e("starts")), "begin/sunscreen", float(e("begins")@e("sunscreen")), "pain/discomfort", float(e("pain")@e("discomfort")), "skin/collagen", float(e("skin")@e("collagen")), "apply/avoid", float(e("apply")@e("avoid")))
