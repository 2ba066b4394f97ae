import json, os, sys
def occ(h, n):
    out=[]; i=h.find(n)
    while i>=0: out.append(i); i=h.find(n,i+1)
    return out
class Doc:
    def __init__(s, id, date, text):
        s.id, s.pub, s.text = id, date, text.lstrip("\n")
        s.recs=[]; s.bad=0
        s.head={"doc":id,"type":"document","schema":1,"chars":len(s.text),"anchor_date":date,"anchor_source":"input","title":None,"byline":None}
    def meta(s, title=None, byline=None):
        s.head["title"]=title; s.head["byline"]=byline
    def _add(s, typ, text, a, fields, opt=False, alt=None, nth=None, k=0):
        if a:
            o=occ(s.text,a); inner=occ(a,text)
            if len(o)!=1 or not inner:
                print(s.id,"BAD anchor",a,len(o),bool(inner),file=sys.stderr); s.bad+=1; return
            st=o[0]+inner[k]
        else:
            o=occ(s.text,text)
            if nth is None and len(o)!=1:
                print(s.id,"AMBIG",text,len(o),file=sys.stderr); s.bad+=1; return
            if nth is not None and nth>=len(o):
                print(s.id,"NO nth",text,nth,file=sys.stderr); s.bad+=1; return
            st=o[nth or 0]
        r={"doc":s.id,"type":typ,"text":text,"start":st,"end":st+len(text)}
        r.update(fields)
        if alt: r["alt"]=alt
        if opt: r["optional"]=True
        assert s.text[r["start"]:r["end"]]==text
        s.recs.append(r)
    def date(s,text,value,a=None,mod=None,dtype="DATE",alt=None,opt=False,nth=None,k=0):
        if dtype=="DATE" and value.startswith("P"): dtype="DURATION"
        s._add("date",text,a,{"value":value,"mod":mod,"dtype":dtype},opt,alt,nth,k)
    def ent(s,typ,text,name=None,a=None,opt=False,nth=None,k=0,**kw):
        f={"name":name or text}; f.update(kw)
        s._add(typ,text,a,f,opt,None,nth,k)
    def place(s,text,name=None,a=None,**kw): s.ent("place",text,name,a,**kw)
    def org(s,text,name=None,a=None,**kw): s.ent("organization",text,name,a,**kw)
    def co(s,text,name=None,a=None,**kw): s.ent("company",text,name,a,**kw)
    def proj(s,text,name=None,a=None,**kw): s.ent("project",text,name,a,**kw)
    def per(s,text,role=None,a=None,name=None,**kw): s.ent("person",text,name,a,role=role,**kw)
    def claim(s,text,value,unit,kind,metric=None,change=None,period=None,place=None,q=None,vmax=None,a=None,opt=False,nth=None,k=0):
        if isinstance(change,str):
            d,b=change.split("/"); change={"direction":d,"basis":None if b=="none" else b}
        f={"value":value}
        if vmax is not None: f["value_max"]=vmax
        f.update({"unit":unit,"kind":kind,"qualifier":q,"metric":metric,"change":change,"period":period,"place":place})
        s._add("claim",text,a,f,opt,None,nth,k)
    def write(s, out=None):
        # the set's folder: the parent of the src/ folder of the script that runs
        out = out or os.path.dirname(os.path.dirname(os.path.abspath(sys.argv[0])))
        for r in s.recs:
            if r["type"]=="claim" and r["start"]>0 and s.text[r["start"]-1] in "约近" and r["qualifier"] and s.text[max(0,r["start"]-2):r["start"]] not in ("接近",):
                r["start"]-=1; r["text"]=s.text[r["start"]:r["end"]]
        s.recs.sort(key=lambda r:(r["start"],r["end"]))
        spans={}
        for r in s.recs:
            key=(r["type"],r["start"],r["end"])
            if key in spans: print(s.id,"DUP",r["text"],file=sys.stderr)
            spans[key]=1
        open(f"{out}/{s.id}.txt","w",encoding="utf-8").write(s.text)
        with open(f"{out}/{s.id}.gold.jsonl","w",encoding="utf-8") as f:
            f.write(json.dumps(s.head,ensure_ascii=False)+"\n")
            for r in s.recs: f.write(json.dumps(r,ensure_ascii=False)+"\n")
        print(s.id, "chars",len(s.text),"recs",len(s.recs),"bad",s.bad)
