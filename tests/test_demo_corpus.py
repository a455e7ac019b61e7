"""Integrity of the bundled demo corpus: texts, gold alignments, glossary, README error list.

Plain Python on purpose (csv and re only): the data must be right independently of the code that
reads it.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parents[1] / "glossalign" / "corpora" / "data" / "demo"
TEXTS = ("zh.txt", "en-mt.txt", "en-ref.txt")
GOLD = {"zh-en-mt.align": ("zh.txt", "en-mt.txt"), "zh-en-ref.align": ("zh.txt", "en-ref.txt")}
HEADER = ["concept", "lang", "term", "status", "note"]
STATUSES = {"preferred", "admitted", "deprecated", "superseded"}
APPROVED = {"preferred", "admitted"}
DISAPPROVED = {"deprecated", "superseded"}
BEAD = re.compile(r"^\[(\d+(?:, \d+)*)?\]:\[(\d+(?:, \d+)*)?\]$")
ERROR_ROW = re.compile(r"^\| (\S+?\.txt):(\d+) \| ([a-z ]+) \| `([^`]+)` \| (?:`([^`]+)`)? ?\|$")

Bead = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class ErrorRow:
    file: str
    line: int
    kind: str
    text: str
    term: str | None


def read_raw(name: str) -> str:
    return (DEMO / name).read_bytes().decode("utf-8")


def file_lines(name: str) -> list[str]:
    return read_raw(name).split("\n")[:-1]


def sentences(name: str) -> list[str]:
    return [line for line in file_lines(name) if line.strip()]


def sentence_id_of_line(name: str, line_number: int) -> int:
    """0-based sentence id of a 1-based file line, counting non-blank lines only."""
    lines = file_lines(name)
    assert lines[line_number - 1].strip(), f"{name}:{line_number} is blank"
    return sum(1 for line in lines[:line_number] if line.strip()) - 1


def paragraphs(name: str) -> list[list[str]]:
    return [block.split("\n") for block in read_raw(name).rstrip("\n").split("\n\n")]


def parse_ids(field: str | None) -> tuple[int, ...]:
    return tuple(int(v) for v in field.split(", ")) if field else ()


def read_gold(name: str) -> list[Bead]:
    beads = []
    for number, line in enumerate(file_lines(name), start=1):
        match = BEAD.match(line)
        assert match, f"{name}:{number}: not a bead: {line!r}"
        bead = (parse_ids(match.group(1)), parse_ids(match.group(2)))
        assert bead[0] or bead[1], f"{name}:{number}: empty bead"
        beads.append(bead)
    return beads


def read_glossary() -> tuple[list[str], list[dict[str, str]]]:
    with open(DEMO / "glossary.csv", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        header = next(reader)
        rows = [dict(zip(header, row, strict=True)) for row in reader]
    return header, rows


def read_error_rows() -> list[ErrorRow]:
    text = read_raw("README.md")
    section = text.split("## Deliberate errors in en-mt.txt", 1)[1]
    rows = []
    for line in section.splitlines():
        match = ERROR_ROW.match(line)
        if match:
            file, number, kind, surface, term = match.groups()
            rows.append(ErrorRow(file, int(number), kind, surface, term))
    return rows


def singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    return [singular(w) for w in re.split(r"[\s\-]+", text.casefold()) if w]


def term_pattern(term: str) -> re.Pattern[str]:
    """The term with any case, hyphen-or-space separators and a plural on any word."""
    parts = []
    for word in re.split(r"[\s\-]+", term.strip()):
        core = re.escape(word)
        if word[-1:].lower() == "y":
            core = re.escape(word[:-1]) + "(?:y|ies)"
        elif word[-1:].isalnum():
            core += "(?:s|es)?"
        parts.append(core)
    return re.compile(r"(?<![\w-])" + r"[\s\-]+".join(parts) + r"(?![\w-])", re.IGNORECASE)


def en_terms(statuses: set[str]) -> list[str]:
    _, rows = read_glossary()
    return sorted({r["term"] for r in rows if r["lang"] == "en" and r["status"] in statuses})


def disapproved_occurrences(name: str) -> set[tuple[int, str]]:
    """(file line, term) of every disapproved en term in a file; the longest match wins."""
    found = set()
    for number, line in enumerate(file_lines(name), start=1):
        spans = [
            (m.start(), m.end(), term)
            for term in en_terms(DISAPPROVED)
            for m in term_pattern(term).finditer(line)
        ]
        for start, end, term in spans:
            inside_longer = any(
                s <= start and end <= e and (e - s) > (end - start) for s, e, _ in spans
            )
            if not inside_longer:
                found.add((number, term))
    return found


# --- texts -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", TEXTS)
def test_text_file_is_clean_utf8_with_one_blank_line_between_paragraphs(name: str) -> None:
    data = (DEMO / name).read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf"), "BOM"
    assert b"\r" not in data
    text = data.decode("utf-8")
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert not text.startswith("\n")
    assert "\n\n\n" not in text
    for number, line in enumerate(file_lines(name), start=1):
        assert line == line.strip(), f"{name}:{number}: stray whitespace"


def test_source_is_long_enough() -> None:
    assert len(sentences("zh.txt")) >= 60
    assert len(paragraphs("zh.txt")) >= 6


def test_all_texts_have_the_same_paragraph_count() -> None:
    counts = {name: len(paragraphs(name)) for name in TEXTS}
    assert len(set(counts.values())) == 1, counts


def test_chinese_sentences_end_with_chinese_punctuation() -> None:
    for sentence in sentences("zh.txt"):
        assert sentence[-1] in "。！？”", sentence


def test_source_has_quotes_titles_numbers_and_latin_tokens() -> None:
    text = read_raw("zh.txt")
    for needle in ("“", "《", "2014", "2015", "2019", "2020", "%", "5G", "IPv6", "WIC"):
        assert needle in text, needle


# --- gold alignments -------------------------------------------------------------------------


@pytest.mark.parametrize("gold", sorted(GOLD))
def test_gold_beads_cover_every_sentence_once_in_order(gold: str) -> None:
    src_name, tgt_name = GOLD[gold]
    beads = read_gold(gold)
    src_ids = [i for src, _ in beads for i in src]
    tgt_ids = [j for _, tgt in beads for j in tgt]
    assert src_ids == list(range(len(sentences(src_name))))
    assert tgt_ids == list(range(len(sentences(tgt_name))))


def test_mt_gold_has_an_omission_and_a_merge() -> None:
    kinds = Counter((len(src), len(tgt)) for src, tgt in read_gold("zh-en-mt.align"))
    assert kinds[(1, 0)] >= 1
    assert kinds[(2, 1)] >= 1


def test_ref_gold_has_a_split_and_no_omission() -> None:
    kinds = Counter((len(src), len(tgt)) for src, tgt in read_gold("zh-en-ref.align"))
    assert kinds[(1, 2)] >= 1
    assert kinds[(1, 0)] == 0


# --- glossary --------------------------------------------------------------------------------


def test_glossary_header_statuses_and_size() -> None:
    header, rows = read_glossary()
    assert header == HEADER
    for number, row in enumerate(rows, start=2):
        assert row["status"] in STATUSES, f"glossary.csv row {number}: {row['status']!r}"
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", row["concept"]), row["concept"]
        assert row["term"] == row["term"].strip() and row["term"], f"row {number}"
    assert len({row["concept"] for row in rows}) >= 40


def test_every_concept_has_zh_and_en_preferred_terms() -> None:
    _, rows = read_glossary()
    preferred = {(r["concept"], r["lang"]) for r in rows if r["status"] == "preferred"}
    for concept in {r["concept"] for r in rows}:
        assert (concept, "zh") in preferred, concept
        assert (concept, "en") in preferred, concept


def test_glossary_has_no_duplicates_and_no_term_shared_by_two_concepts() -> None:
    _, rows = read_glossary()
    keys = Counter((r["concept"], r["lang"], r["term"]) for r in rows)
    assert [k for k, n in keys.items() if n > 1] == []
    owners: dict[tuple[str, str], set[str]] = {}
    for r in rows:
        owners.setdefault((r["lang"], r["term"].casefold()), set()).add(r["concept"])
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_ref_uses_no_disapproved_term() -> None:
    assert disapproved_occurrences("en-ref.txt") == set()


def test_ref_renders_every_glossary_concept_of_its_source_sentence() -> None:
    _, rows = read_glossary()
    zh_terms = [(r["concept"], r["term"]) for r in rows if r["lang"] == "zh"]
    approved: dict[str, list[re.Pattern[str]]] = {}
    for r in rows:
        if r["lang"] == "en" and r["status"] in APPROVED:
            approved.setdefault(r["concept"], []).append(term_pattern(r["term"]))
    zh, ref = sentences("zh.txt"), sentences("en-ref.txt")
    for src, tgt in read_gold("zh-en-ref.align"):
        zh_text = "".join(zh[i] for i in src)
        en_text = " ".join(ref[j] for j in tgt)
        for concept, term in zh_terms:
            if term in zh_text:
                assert any(p.search(en_text) for p in approved[concept]), (concept, en_text)


# --- the README's list of deliberate errors --------------------------------------------------


def test_readme_lists_every_kind_of_deliberate_error() -> None:
    kinds = Counter(row.kind for row in read_error_rows())
    for kind in ("deprecated", "omission", "merge", "doubled phrase", "encoding damage"):
        assert kinds[kind] >= 1, kind
    damage = {row.text for row in read_error_rows() if row.kind == "encoding damage"}
    assert {"ยท", "â€™"} <= damage


def test_readme_error_texts_occur_on_the_lines_given() -> None:
    for row in read_error_rows():
        lines = file_lines(row.file)
        assert row.text.casefold() in lines[row.line - 1].casefold(), row


def test_listed_deprecated_terms_are_glossary_terms_used_in_mt_and_absent_from_ref() -> None:
    _, rows = read_glossary()
    status = {r["term"]: r["status"] for r in rows if r["lang"] == "en"}
    ref = read_raw("en-ref.txt")
    for row in read_error_rows():
        if row.kind not in DISAPPROVED:
            continue
        assert row.term is not None and status.get(row.term) == row.kind, row
        assert words(row.text) == words(row.term), row
        assert row.text.casefold() in read_raw("en-mt.txt").casefold(), row
        assert row.text.casefold() not in ref.casefold(), row
        assert not term_pattern(row.term).search(ref), row


def test_readme_lists_every_disapproved_term_in_mt() -> None:
    listed = {(r.line, r.term) for r in read_error_rows() if r.kind in DISAPPROVED}
    assert disapproved_occurrences("en-mt.txt") == listed


def test_missing_term_rows_name_an_approved_term_absent_from_that_line() -> None:
    _, rows = read_glossary()
    approved = {r["term"] for r in rows if r["lang"] == "en" and r["status"] in APPROVED}
    for row in read_error_rows():
        if row.kind == "missing term":
            assert row.term in approved, row
            assert not term_pattern(row.term).search(file_lines(row.file)[row.line - 1]), row


def test_omissions_and_merges_agree_with_the_gold_alignment() -> None:
    beads = read_gold("zh-en-mt.align")
    omitted = {src[0] for src, tgt in beads if not tgt}
    merged_into = {tgt[0] for src, tgt in beads if len(src) == 2 and len(tgt) == 1}
    rows = read_error_rows()
    assert {sentence_id_of_line("zh.txt", r.line) for r in rows if r.kind == "omission"} == omitted
    assert {
        sentence_id_of_line("en-mt.txt", r.line) for r in rows if r.kind == "merge"
    } == merged_into


def test_doubled_phrase_is_doubled() -> None:
    for row in read_error_rows():
        if row.kind == "doubled phrase":
            half = row.text.split(" and ", 1)
            assert len(half) == 2 and half[0] == half[1], row


def test_mt_names_the_world_internet_conference_three_ways() -> None:
    mt = read_raw("en-mt.txt")
    for name in ("World Internet Conference", "World Interconnection Conference",
                 "Cyberconference"):
        assert name in mt, name
