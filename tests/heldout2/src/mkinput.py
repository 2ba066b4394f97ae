import json,glob,os
out=open('/work/main/tests/heldout2/input.jsonl','w',encoding='utf-8')
for g in sorted(glob.glob('/work/main/tests/heldout2/*.gold.jsonl')):
    h=json.loads(open(g).readline())
    id=h['doc']; t=open(f'/work/main/tests/heldout2/{id}.txt',encoding='utf-8').read()
    assert h['chars']==len(t)
    out.write(json.dumps({"id":id,"text":t,"date":h['anchor_date']},ensure_ascii=False)+"\n")
