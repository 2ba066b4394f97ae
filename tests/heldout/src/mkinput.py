"""Write input.jsonl of a held-out set from its gold files: python mkinput.py [SET_DIR]."""
import glob
import json
import os
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
with open(os.path.join(root, "input.jsonl"), "w", encoding="utf-8") as out:
    for g in sorted(glob.glob(os.path.join(root, "*.gold.jsonl"))):
        h = json.loads(open(g, encoding="utf-8").readline())
        doc_id = h["doc"]
        t = open(os.path.join(root, f"{doc_id}.txt"), encoding="utf-8").read()
        assert h["chars"] == len(t)
        out.write(json.dumps({"id": doc_id, "text": t, "date": h["anchor_date"]}, ensure_ascii=False) + "\n")
