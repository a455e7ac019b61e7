"""How plausible a short piece of text is: the scoring half of the mojibake detector.

Pure functions of strings: odd characters and neighbours, words mixing scripts or alphabets,
scripts foreign to their line, rare ideographs. :mod:`glossalign.corpora.mojibake` compares a
suspicious run with its repair by these costs.
"""

from __future__ import annotations

import functools
import unicodedata

from ftfy.badness import badness

_FULL_CONTEXT_LETTERS = 12


def is_forbidden(char: str) -> bool:
    category = unicodedata.category(char)
    if category == "Cc":
        return char not in "\t\n\r"
    return category in ("Cn", "Co", "Cs") or char == "\ufffd"


def island_cost(snippet: str, context: list[str]) -> float:
    """Letters of a script that the line does not use, weighed by how much line there is."""
    if not context:
        return 0.0
    foreign = {script(char) for char in snippet if char.isalpha()} - set(context)
    return 2.0 * len(foreign) * min(1.0, len(context) / _FULL_CONTEXT_LETTERS)


def word_cost(word: str) -> float:
    """A word that mixes scripts, or has accented letters that no single alphabet has."""
    letters = {char.lower()[0] for char in word if char.isalpha()}
    scripts = {script(char) for char in letters}
    if len(scripts) > 1 and not scripts <= {"LATIN", "HAN", "HANGUL"}:
        return 2.0
    alphabets = _ALPHABETS.get(scripts.pop(), ()) if len(scripts) == 1 else ()
    special = {char for char in letters if not char.isascii()}
    if special and alphabets and not any(special <= alphabet for alphabet in alphabets):
        return 2.0
    return 0.0


def cost(snippet: str) -> float:
    """Implausibility of a short snippet: odd characters and odd neighbours."""
    total = 2.0 * badness(snippet)
    for index, char in enumerate(snippet):
        previous = snippet[index - 1] if index else ""
        following = snippet[index + 1] if index + 1 < len(snippet) else ""
        total += _char_cost(char, previous, following)
        if previous:
            total += _pair_cost(previous, char)
    return total


def _char_cost(char: str, previous: str, following: str) -> float:
    if is_forbidden(char):
        return 3.0
    point = ord(char)
    total = 0.0 if any(low <= point <= high for low, high in _COMMON_RANGES) else 1.0
    if 0x2500 <= point <= 0x259F:  # box drawing and blocks: koi8-r mojibake
        total += 2.0
    if unicodedata.category(char) in ("Mn", "Me") and not _is_base_for_mark(previous, char):
        total += 2.0
    if char in _THAI_VOWELS_AFTER and not previous.isalpha():
        total += 2.0
    if char in _GREEK_TONOS_CAPITALS and previous.isalpha():
        total += 2.0
    if char == "ß" and previous.isalpha() and previous.lower() not in "aeiouyäöü":  # "fßr"
        total += 2.0
    if _is_lone_accented_letter(char, previous, following):
        total += 2.0
    if char.isalpha() and script(char) in ("HAN", "HANGUL"):
        total += 0.0 if char in _frequent_cjk() else 0.5
        if _is_ascii_letter(previous) and _is_ascii_letter(following):
            total += 2.0  # "informaci贸n": an ideograph inside a Latin word
    return total


def _pair_cost(previous: str, char: str) -> float:
    if previous.isalpha() and char.isalpha():
        scripts = {script(previous), script(char)}
        if len(scripts) == 1:
            if previous.islower() and char.isupper():
                return 1.0 if char.isascii() else 2.0
            return 0.0
        # Chinese, Japanese and Korean glue ASCII words to their own ("A片", "K팝").
        mixed_cjk = (previous.isascii() or char.isascii()) and scripts & {"HAN", "HANGUL"}
        return 0.0 if mixed_cjk else 2.0
    if char in "¡¿" and previous.isalpha():
        return 2.0  # Spanish opening marks start a clause
    if previous == "°":
        return 0.0  # 25°C
    if (previous.isalpha() and _is_symbol(char)) or (_is_symbol(previous) and char.isalpha()):
        return 1.0
    return 0.0


def _is_symbol(char: str) -> bool:
    category = unicodedata.category(char)
    return not char.isascii() and (category.startswith("S") or category == "No")


def _is_ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _is_lone_accented_letter(char: str, previous: str, following: str) -> bool:
    """A one-letter word such as "ö" or "ÿ" (but not the words "à", "é", "ó"...)."""
    if char.isascii() or char in _ONE_LETTER_WORDS or not char.isalpha():
        return False
    return script(char) == "LATIN" and not previous.isalpha() and not following.isalpha()


def _is_base_for_mark(previous: str, mark: str) -> bool:
    if not previous.isalpha():
        return False
    if script(mark) == "INHERITED":
        # Decomposed text puts marks on plain letters, not on already accented ones.
        return len(unicodedata.normalize("NFD", previous)) == 1
    return script(mark) == script(previous)


@functools.cache
def _frequent_cjk() -> frozenset[str]:
    """Kana, and the first-level ideographs and Hangul of GB2312, Big5, JIS X 0208, KS X 1001.

    Wrong-codec decoding mostly yields rarer ones: UTF-8 continuation bytes fall outside the
    first-level rows of these tables.
    """
    chars = {chr(point) for point in range(0x3041, 0x30FF)}
    tables = (
        ("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)),
        ("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)]),
        ("shift_jis", range(0x88, 0x99), [*range(0x40, 0x7F), *range(0x80, 0xFD)]),
        ("euc_kr", range(0xB0, 0xC9), range(0xA1, 0xFF)),
    )
    for codec, leads, trails in tables:
        for lead in leads:
            chars.update(bytes([lead, trail]).decode(codec, "ignore") for trail in trails)
    return frozenset(chars)


@functools.lru_cache(maxsize=4096)
def script(char: str) -> str:
    """A coarse script name from the Unicode character name (Han and kana count as one)."""
    if char.isascii():
        return "LATIN"
    name = unicodedata.name(char, "")
    if name.startswith(_HAN_PREFIXES):
        return "HAN"
    if name.startswith("COMBINING"):
        return "INHERITED"
    return name.split(" ", 1)[0] if name else "UNKNOWN"


_HAN_PREFIXES = ("CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH KATAKANA", "IDEOGRAPHIC", "FULLWIDTH")
_THAI_VOWELS_AFTER = frozenset("\u0e30\u0e32\u0e33\u0e45")  # written after a consonant
_GREEK_TONOS_CAPITALS = frozenset("ΆΈΉΊΌΎΏ")  # only ever word-initial
_ONE_LETTER_WORDS = frozenset("àáâãéèêíóòôõúùÀÁÉÈÓÒÚ")
# Accented letters of one language each: fr de es pt it ca nl sv da/no fi/et is pl cs sk hu
# ro tr hr lt lv eo mt cy sq az pinyin, then vi; ru uk be sr mk.
_ALPHABETS = {
    "LATIN": tuple(
        frozenset(letters)
        for letters in (
            "àâæçéèêëîïôœùûüÿ äöüßé áéíñóúü áâãàçéêíóôõú àèéìíîòóùú àçéèíïòóúü áéíóúàèëïöü "
            "åäöéü æøåéóòôü äöõüšžå áðéíóúýþæö ąćęłńóśźż áčďéěíňóřšťúůýž áäčďéíĺľňóôŕšťúýž "
            "áéíóöőúüű ăâîșțşţ çğıöşüâîû čćđšž ąčęėįšųūž āčēģīķļņšūž ĉĝĥĵŝŭ ċġħżàèìòù "
            "áéíóúàèìòùâêîôûŵŷäëïöü çë çəğıöşü āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê"
        ).split()
    )
    + (frozenset("àáâãèéêìíòóôõùúýăđĩũơư" + "".join(map(chr, range(0x1EA0, 0x1EFA)))),),
    "CYRILLIC": tuple(
        frozenset(letters)
        for letters in (
            "абвгдеёжзийклмнопрстуфхцчшщъыьэюя абвгґдеєжзиіїйклмнопрстуфхцчшщьюя' "
            "абвгдеёжзійклмнопрстуўфхцчшыьэюя абвгдђежзијклљмнњопрстћуфхцчџш "
            "абвгдѓежзѕијклљмнњопрстќуфхцчџш"
        ).split()
    ),
}
# Blocks that genuine text uses routinely; anything else costs a little.
_COMMON_RANGES = (
    (0x0000, 0x0131), (0x0134, 0x0137), (0x0139, 0x013E), (0x0141, 0x0148), (0x014C, 0x0165),
    (0x0168, 0x017E), (0x01CD, 0x01DC), (0x0218, 0x021B), (0x0370, 0x03FF), (0x0400, 0x045F),
    (0x0490, 0x0491), (0x0530, 0x058F), (0x05D0, 0x05EA), (0x0600, 0x06FF), (0x0900, 0x0DFF),
    (0x0E00, 0x0EFF), (0x10A0, 0x10FF), (0x1100, 0x11FF), (0x1E00, 0x1EFF), (0x2000, 0x206F),
    (0x20A0, 0x20BF), (0x2100, 0x22FF), (0x2460, 0x24FF), (0x25A0, 0x27BF), (0x3000, 0x33FF),
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F),
    (0xFF00, 0xFF60), (0xFFE0, 0xFFEE), (0x1F000, 0x1FAFF), (0x20000, 0x3134F),
)  # fmt: skip
