"""Numbers as written in Chinese news, to values: pure functions, no rules data.

parse_number("158.82") == 158.82; parse_number("１２０") == 120;
parse_number("两千三百") == 2300; parse_number("三点五") == 3.5;
parse_number("二〇二四") == 2024 (digit by digit); parse_number("1,234.5") == 1234.5.
Magnitude words inside a Chinese numeral are applied (一百二十万 == 1200000);
an Arabic number followed by 万/亿 is the claims extractor's business.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

DIGITS = {"零": 0, "〇": 0, "○": 0, "Ｏ": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "俩": 2,
          "三": 3, "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7,
          "八": 8, "捌": 8, "九": 9, "玖": 9, "仨": 3, "幺": 1}
# Contracted tens, read as written out (廿三 → 二十三).
_TENS = str.maketrans({"廿": "二十", "卅": "三十", "卌": "四十"})
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
# Full-width digits and signs fold one to one (offsets are unaffected).
_WIDTH = str.maketrans("０１２３４５６７８９．，％－＋", "0123456789.,%-+")


def fold_width(text: str) -> str:
    """Full-width digits and signs to ASCII, one character for one."""
    return text.translate(_WIDTH)


# A space, no-break space or thin space grouping thousands (5 000, 12 500): dropped like a comma.
_GROUP_SPACE = re.compile("(?<=[0-9])[ \u00a0\u2009\u202f](?=[0-9]{3}(?![0-9]))")


def _ungroup(s: str) -> str:
    s = s.replace(",", "")
    if " " in s or "\u00a0" in s or "\u2009" in s or "\u202f" in s:
        s = _GROUP_SPACE.sub("", s)
    return s


def _parse_chinese_int(s: str) -> int | None:
    if not s:
        return None
    if all(c in DIGITS for c in s):
        if len(s) == 1:
            return DIGITS[s]
        return int("".join(str(DIGITS[c]) for c in s))  # 二〇二四 → 2024
    v = _parse_grouped(s)
    return int(v) if v is not None and v == int(v) else None


def _parse_grouped(s: str) -> Decimal | None:
    """A numeral with unit characters (十百千万亿), its digits Chinese or Arabic:
    一千零一, 两千万, 三亿五千万, 1亿5000万, 3万5千, 1.5万. A last digit right after
    a unit is one place below it (一万二 → 12000, 三千五 → 3500, 两百五 → 250),
    after 零 it is units (一万零二 → 10002)."""
    total, section = Decimal(0), Decimal(0)
    digit: Decimal | None = None
    last_unit, zero, i, n = 0, False, 0, len(s)
    while i < n:
        c = s[i]
        if c in DIGITS:
            if digit is not None:
                if DIGITS[c] == 0 or digit != 0:
                    return None  # two digits in a row (三五百): not a single numeral
            digit = Decimal(DIGITS[c])
            zero = zero or DIGITS[c] == 0
            i += 1
        elif "0" <= c <= "9":
            j = i
            while j < n and ("0" <= s[j] <= "9" or (s[j] == "." and j > i)):
                j += 1
            if digit is not None and digit != 0:
                return None
            try:
                digit = Decimal(s[i:j])
            except InvalidOperation:
                return None
            i = j
        elif c in SMALL_UNITS:
            u = SMALL_UNITS[c]
            section += (Decimal(1) if digit is None or digit == 0 else digit) * u  # 一千零十 → 1010
            digit, zero, last_unit = None, False, u
            i += 1
        elif c in BIG_UNITS:
            u = BIG_UNITS[c]
            section += digit or 0
            if not section and not total:  # 万 alone (万余人) is one 万
                section = Decimal(1)
            if u == 100_000_000:  # 亿 scales all before it: 一万亿, 十万亿
                total = (total + section) * u
            else:
                total += section * u
            section, digit, zero, last_unit = Decimal(0), None, False, u
            i += 1
        else:
            return None
    if digit is not None and not zero and last_unit >= 100 and digit == int(digit) and 0 < digit < 10:
        digit *= last_unit // 10  # 一万二 → 12000, 三千五 → 3500
    return total + section + (digit or 0)


def parse_number(text: str) -> float | int | None:
    """The value of a number written in Arabic, full-width or Chinese digits, or None.
    Also: 负五 / -5 (negative), 1.5万 and 3万5千 (mixed), 三分之一 and 百分之五十 (a ratio:
    0.333…, 0.5)."""
    s = _ungroup(fold_width(text.strip())).translate(_TENS)
    if not s:
        return None
    sign = 1
    if s[0] in "-−负":
        sign, s = -1, s[1:].lstrip()
        if not s or s[0] in "-−负":
            return None
    elif s[0] == "+":
        s = s[1:]
    v = _parse_unsigned(s)
    if v is None:
        return None
    return -v if sign < 0 else v


def _parse_unsigned(s: str) -> float | int | None:
    if not s:
        return None
    if s.isascii():
        if s.isdigit():
            return int(s)
        whole, dot, frac = s.partition(".")
        if dot and frac.isdigit() and (whole.isdigit() or not whole):
            return float(s)
    if "又" in s and "分之" in s:  # 三又二分之一 → 3.5 (a whole and a fraction)
        whole, _, frac = s.partition("又")
        w, f = _parse_unsigned(whole), _parse_unsigned(frac)
        if w is None or f is None or "分之" not in frac or "分之" in whole:
            return None
        return normalize_decimal(Decimal(str(w)) + Decimal(str(f)))
    if "分之" in s:  # 三分之一, 百分之五十
        den, _, num = s.partition("分之")
        d, nm = _parse_unsigned(den), _parse_unsigned(num)
        if not d or nm is None:
            return None
        return normalize_decimal(round(Decimal(str(nm)) / Decimal(str(d)), 12))
    if "点" in s:  # 三点五 → 3.5, 十二点五万 → 125000
        whole, _, frac = s.partition("点")
        k = 0
        while k < len(frac) and frac[k] in DIGITS:
            k += 1
        mag = frac[k:]
        w = _parse_chinese_int(whole) if whole else 0
        if w is None or not k or (mag and mag not in MAGNITUDES):
            return None
        v = Decimal(f"{w}.{''.join(str(DIGITS[c]) for c in frac[:k])}")
        if mag:
            return normalize_decimal(v * MAGNITUDES[mag])
        return float(v)
    if all(c in DIGITS for c in s):
        return _parse_chinese_int(s)
    v = _parse_grouped(s)
    return None if v is None else normalize_decimal(v)


# Magnitude words after an Arabic number (3.74万, 158.82亿); folded into the value.
MAGNITUDES = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000,
              "万亿": 10**12, "千万亿": 10**15, "百万亿": 10**14, "千万": 10**7, "百万": 10**6, "十万": 10**5, "千": 1000, "百": 100}
_PAIR_DIGITS = "一两二三四五六七八九"


def parse_cn_range(text: str) -> tuple[int, int] | None:
    """Two neighbouring Chinese digits give an approximate range: 两三 → (2, 3),
    三四十 → (30, 40), 十五六 → (15, 16), 一百五六十 → (150, 160), 一两 → (1, 2), 三五 → (3, 5).
    None when the text is not such a pair (二〇二四, 二十三)."""
    s = text.strip()
    for i in range(len(s) - 1):
        a, b = s[i], s[i + 1]
        if a in _PAIR_DIGITS and b in _PAIR_DIGITS:
            da, db = DIGITS[a], DIGITS[b]
            if db != da + 1 and (da, db) != (3, 5):  # 三五家: three to five
                return None
            lo = _parse_chinese_int(s[:i + 1] + s[i + 2:])
            hi = _parse_chinese_int(s[:i] + s[i + 1:])
            if lo is None or hi is None or lo >= hi:
                return None
            return lo, hi
    return None


def exact_value(text: str, factor: float | int = 1) -> int | float | None:
    """`parse_number(text) * factor` without binary noise: 158.82 × 1亿 == 15882000000
    (an int when whole), 3.74 × 1万 == 37400."""
    s = _ungroup(fold_width(text.strip()))
    if type(factor) is int and 0 < factor <= 10**12 and s.isascii():
        # What the Decimal product gives, in integers (exact at this size: no rounding);
        # int / int is correctly rounded like float(Decimal).
        whole, dot, frac = s.partition(".")
        if whole.isdigit() and (frac.isdigit() if dot else True) and len(whole) + len(frac) <= 15:
            num = int(whole + frac) * factor
            if not frac:
                return num
            den = 10 ** len(frac)
            return num // den if num % den == 0 else num / den
    try:
        d = Decimal(s)
    except InvalidOperation:
        v = parse_number(text)
        if v is None:
            return None
        d = Decimal(str(v))
    return normalize_decimal(d * Decimal(str(factor)))


def normalize_decimal(d) -> int | float:
    """An int when the value is whole, else the nearest float."""
    if d == d.to_integral_value():
        return int(d)
    return float(d)
