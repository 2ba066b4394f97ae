"""Score predicted records against gold records, both in the format of OUTPUT.md.

The figures are those of the project's reference scorer (`shared/eval/score.py`),
computed the same way so that both print the same numbers:

- per type, precision, recall and F1 on the *exact* span (strict) and F1 on
  *overlap* (partial); matching is one to one within a document and type:
  exact pairs by equal (start, end); overlap pairs greedily, the largest
  overlap first;
- for `date` and `claim`, `correct_*`: an overlapping pair counts only when the
  value is right (a date's `value`; a claim's `unit`, synonyms folded, and
  numeric `value`), gold `alt` listing other accepted values;
- for claims whose value is right, attribute accuracy: `qualifier`, `change`,
  `period`, `place` equal, `metric` with a character F1 of at least 0.5;
- for the entity types, `name` accuracy over exact pairs;
- `core_f1`: the mean of company and project strict F1, date and claim correct F1.

Gold records marked `optional: true` count neither way: a prediction that
overlaps one (and no required gold mention) is left out. Only documents that
appear in the gold file are scored.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Literal

from .annotated import MENTION_TYPES, read_records

CORE_TYPES = ("company", "project", "date", "claim")
VALUE_TYPES = ("date", "claim")
ENTITY_TYPES = ("company", "organization", "project", "person", "place")
CLAIM_ATTRIBUTES = ("qualifier", "change", "period", "place")
METRIC_MIN_F1 = 0.5

# Written forms of one unit that count as the same unit when claims are compared
# (OUTPUT.md asks for the canonical form; a scorer forgives the synonym).
UNIT_FORMS: tuple[tuple[str, ...], ...] = (
    ("元", "人民币", "元人民币", "人民币元", "块", "圆", "￥", "¥", "RMB", "CNY"),
    ("美元", "美圆", "美金", "$", "USD"),
    ("%", "％"),
    ("公里", "千米", "km"),
    ("平方米", "平米", "㎡", "m2"),
    ("平方公里", "平方千米", "km2"),
    ("千克", "公斤", "kg"),
    ("台/套", "台（套）", "台(套)", "台套"),
    ("套", "套（间）", "套(间)"),
)
_UNIT_KEY = {form: min(group) for group in UNIT_FORMS for form in group}

MissKind = Literal["MISSED", "SPURIOUS", "WRONG"]


@dataclass(frozen=True)
class Miss:
    """A gold mention not found (MISSED), a prediction not in gold (SPURIOUS), or
    an overlapping pair whose value is wrong (WRONG)."""

    kind: MissKind
    type: str
    doc: str
    gold: dict[str, Any] | None
    pred: dict[str, Any] | None


def load_records(path: str | Path) -> list[dict[str, Any]]:
    """All records of a JSONL file (InputError on a bad line)."""
    return list(read_records(path))


def _mentions_by_doc_type(records: Iterable[dict[str, Any]], docs: set[str] | None = None
                          ) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Mention records grouped by (doc, type), with integer offsets; records
    without usable offsets are skipped."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for rec in records:
        kind = rec.get("type")
        if kind not in MENTION_TYPES or (docs is not None and rec.get("doc") not in docs):
            continue
        try:
            start, end = int(rec["start"]), int(rec["end"])
        except (KeyError, TypeError, ValueError):
            continue
        groups[(rec["doc"], kind)].append({**rec, "start": start, "end": end})
    return groups


def overlap(a: dict[str, Any], b: dict[str, Any]) -> int:
    """How many characters two mentions share."""
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def exact_pairs(golds: list[dict], preds: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one pairs with the same (start, end)."""
    free: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, p in enumerate(preds):
        free[(p["start"], p["end"])].append(i)
    pairs = []
    for g in golds:
        slot = free.get((g["start"], g["end"]))
        if slot:
            pairs.append((g, preds[slot.pop(0)]))
    return pairs


def overlap_pairs(golds: list[dict], preds: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one pairs of overlapping mentions, chosen greedily: the largest
    overlap first; among equal overlaps, the later gold, then the later prediction."""
    order = sorted(range(len(preds)), key=lambda i: preds[i]["start"])
    candidates = []
    for gi, g in enumerate(golds):
        for pi in order:
            p = preds[pi]
            if p["start"] >= g["end"]:
                break
            shared = overlap(g, p)
            if shared:
                candidates.append((shared, gi, pi))
    candidates.sort(reverse=True)
    gold_taken: set[int] = set()
    pred_taken: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi in gold_taken or pi in pred_taken:
            continue
        gold_taken.add(gi)
        pred_taken.add(pi)
        pairs.append((golds[gi], preds[pi]))
    return pairs


def same_unit(gold: Any, pred: Any) -> bool:
    return gold is not None and _UNIT_KEY.get(gold, gold) == _UNIT_KEY.get(pred, pred)


def same_number(a: Any, b: Any) -> bool:
    try:
        x, y = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(x - y) <= 1e-6 * max(1.0, abs(x), abs(y))


def value_correct(gold: dict[str, Any], pred: dict[str, Any], kind: str) -> bool:
    """Is the prediction's normalized value one the gold mention accepts?"""
    accepted = [gold.get("value"), *(gold.get("alt") or [])]
    if kind == "claim":
        return same_unit(gold.get("unit"), pred.get("unit")) and \
            any(same_number(v, pred.get("value")) for v in accepted)
    return pred.get("value") in accepted


def char_f1(gold: str, pred: str) -> float:
    """F1 of the characters two strings share (as multisets); 1.0 when both are empty."""
    if not gold or not pred:
        return float(not gold and not pred)
    counts: dict[str, int] = defaultdict(int)
    for ch in gold:
        counts[ch] += 1
    shared = 0
    for ch in pred:
        if counts[ch] > 0:
            counts[ch] -= 1
            shared += 1
    if not shared:
        return 0.0
    precision, recall = shared / len(pred), shared / len(gold)
    return 2 * precision * recall / (precision + recall)


def prf(hits: int, n_gold: int, n_pred: int) -> tuple[float, float, float]:
    """Precision, recall, F1 rounded to 4 places; nothing predicted for nothing is perfect."""
    precision = hits / n_pred if n_pred else (0.0 if n_gold else 1.0)
    recall = hits / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 4), round(recall, 4), round(f1, 4)


def _name(rec: dict[str, Any]) -> Any:
    return rec.get("name", rec.get("text"))


def score(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> tuple[dict[str, Any], list[Miss]]:
    """The report (a dict per type, plus `core_f1`) and the list of misses."""
    docs = {r["doc"] for r in gold if "doc" in r}
    gold_groups = _mentions_by_doc_type(gold)
    pred_groups = _mentions_by_doc_type(pred, docs)
    report: dict[str, Any] = {}
    misses: list[Miss] = []
    for kind in MENTION_TYPES:
        n = defaultdict(int)
        attrs: dict[str, list[int]] = {}

        def tally(attr: str, ok: bool) -> None:
            right_total = attrs.setdefault(attr, [0, 0])
            right_total[0] += ok
            right_total[1] += 1

        for doc in sorted(docs):
            all_gold = gold_groups.get((doc, kind), [])
            preds = pred_groups.get((doc, kind), [])
            required = [g for g in all_gold if not g.get("optional")]
            optional = [g for g in all_gold if g.get("optional")]
            on_optional = {id(p) for _, p in overlap_pairs(optional, preds)}
            counted = [p for p in preds
                       if id(p) not in on_optional or any(overlap(g, p) for g in required)]
            n["gold"] += len(required)
            n["pred"] += len(counted)
            exact = exact_pairs(required, counted)
            overlapping = overlap_pairs(required, counted)
            n["exact"] += len(exact)
            n["overlap"] += len(overlapping)
            if kind in VALUE_TYPES:
                for g, p in overlapping:
                    if not value_correct(g, p, kind):
                        misses.append(Miss("WRONG", kind, doc, g, p))
                        continue
                    n["correct"] += 1
                    if kind == "claim":
                        for attr in CLAIM_ATTRIBUTES:
                            tally(attr, g.get(attr) == p.get(attr))
                        tally("metric", char_f1(g.get("metric") or "", p.get("metric") or "") >= METRIC_MIN_F1)
            else:
                for g, p in exact:
                    tally("name", _name(g) == _name(p))
            found_gold = {id(g) for g, _ in overlapping}
            found_pred = {id(p) for _, p in overlapping}
            misses += [Miss("MISSED", kind, doc, g, None) for g in required if id(g) not in found_gold]
            misses += [Miss("SPURIOUS", kind, doc, None, p) for p in counted if id(p) not in found_pred]
        row: dict[str, Any] = {"gold": n["gold"], "pred": n["pred"]}
        row["strict_p"], row["strict_r"], row["strict_f1"] = prf(n["exact"], n["gold"], n["pred"])
        row["partial_f1"] = prf(n["overlap"], n["gold"], n["pred"])[2]
        if kind in VALUE_TYPES:
            row["correct_p"], row["correct_r"], row["correct_f1"] = prf(n["correct"], n["gold"], n["pred"])
        for attr, (right, total) in attrs.items():
            row[f"{attr}_acc"] = round(right / total, 4)
        report[kind] = row
    core = [report[k].get("correct_f1", report[k]["strict_f1"]) for k in CORE_TYPES]
    report["core_f1"] = round(sum(core) / len(core), 4)
    return report, misses


def score_files(gold_path: str | Path, pred_path: str | Path) -> tuple[dict[str, Any], list[Miss]]:
    return score(load_records(gold_path), load_records(pred_path))


# ---- presentation -------------------------------------------------------------

COLUMNS = ("gold", "pred", "strict_p", "strict_r", "strict_f1", "partial_f1", "correct_f1")


def format_table(report: dict[str, Any]) -> str:
    """The report as a fixed-width table, one row per type."""
    lines = [f"{'type':<13}" + "".join(f"{c:>11}" for c in COLUMNS) + "  attributes"]
    for kind in MENTION_TYPES:
        row = report[kind]
        extra = " ".join(f"{k}={v}" for k, v in row.items() if k.endswith("_acc"))
        lines.append(f"{kind:<13}" + "".join(f"{str(row.get(c, '-')):>11}" for c in COLUMNS) + "  " + extra)
    lines.append("core_f1 (company strict, project strict, date correct, claim correct): "
                 f"{report['core_f1']}")
    return "\n".join(lines)


def _describe(rec: dict[str, Any]) -> str:
    out = f"{rec.get('text')!r}@{rec['start']}-{rec['end']}"
    if rec.get("type") in VALUE_TYPES:
        out += f" {rec.get('value')}{rec.get('unit') or ''}"
        if rec.get("alt"):
            out += f" (alt {rec['alt']})"
    elif rec.get("name") is not None and rec.get("name") != rec.get("text"):
        out += f" name={rec['name']!r}"
    return out


def format_misses(misses: Iterable[Miss], kinds: Iterable[str] | None = None) -> str:
    """One line per miss: MISSED/SPURIOUS/WRONG, type, document, gold and prediction."""
    wanted = set(kinds) if kinds else None
    lines = []
    for m in misses:
        if wanted is not None and m.type not in wanted:
            continue
        gold = f"gold {_describe(m.gold)}" if m.gold else ""
        pred = f"pred {_describe(m.pred)}" if m.pred else ""
        lines.append(f"{m.kind:<9} {m.type:<12} {m.doc}: {gold} {pred}".replace("  ", " ").rstrip())
    return "\n".join(lines)


def misses_as_json(misses: Iterable[Miss]) -> list[dict[str, Any]]:
    return [{"kind": m.kind, "type": m.type, "doc": m.doc, "gold": m.gold, "pred": m.pred} for m in misses]
