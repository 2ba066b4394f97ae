import json,sys
from collections import defaultdict
G=[json.loads(l) for l in open(sys.argv[1])]; P=[json.loads(l) for l in open(sys.argv[2])]
idx=defaultdict(list)
for p in P:
    if p['type']!='document': idx[(p['doc'],p['type'])].append(p)
for g in G:
    if g['type']=='document' or g.get('optional'): continue
    ps=[p for p in idx[(g['doc'],g['type'])] if p['start']<g['end'] and g['start']<p['end']]
    if not ps: continue
    p=max(ps,key=lambda p:min(p['end'],g['end'])-max(p['start'],g['start']))
    d=g['doc'].split('-')[0]
    if (p['start'],p['end'])!=(g['start'],g['end']):
        print(f"SPAN  {g['type']:8} {d:9} gold {g['text']!r} pred {p['text']!r}")
    if g['type'] in('place','company','organization','project','person'):
        if g.get('name')!=p.get('name'): print(f"NAME  {g['type']:8} {d:9} {g['text']!r}: gold {g['name']!r} pred {p.get('name')!r}")
        if g['type']=='person' and g.get('role')!=p.get('role'): print(f"ROLE  person   {d:9} {g['text']!r}: gold {g['role']!r} pred {p.get('role')!r}")
    if g['type']=='date' and (g['mod'],g['dtype'])!=(p.get('mod'),p.get('dtype')): print(f"DATTR date     {d:9} {g['text']!r}: gold {g['mod']},{g['dtype']} pred {p.get('mod')},{p.get('dtype')}")
    if g['type']=='claim':
        for k in ('value','unit','qualifier','change','period','place','value_max'):
            if g.get(k)!=p.get(k): print(f"ATTR  claim.{k:9} {d:9} {g['text']!r}: gold {g.get(k)!r} pred {p.get(k)!r}")
        from difflib import SequenceMatcher
        gm,pm=g.get('metric') or '',p.get('metric') or ''
        common=sum(min(gm.count(c),pm.count(c)) for c in set(gm))
        f=0 if not common else 2*common/(len(gm)+len(pm))
        if (gm or pm) and f<0.5: print(f"ATTR  claim.metric    {d:9} {g['text']!r}: gold {gm!r} pred {pm!r}")
