"""Real English sentences from the data on disk, and glossaries of real n-grams mined from them.

For matcher benchmarks that must not run on a synthetic vocabulary: the English side of the
Bible and ParIce alignment gold sets and the WMT21 terminology dev set under ``../shared/eval``,
plus the bundled demo corpus. Larger corpora are these sentences repeated (say so in a table).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

SHARED_EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"
DEMO = Path(__file__).resolve().parents[1] / "corpora" / "data" / "demo"
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# An n-gram never spans these: it would then be a term no boundary-respecting matcher finds.
_CLAUSE = re.compile(r"[.?!,;:()。？！，；：（）、\"“”]")
# Glossary terms start and end with a content word: "end of" or "and the" are not terms.
_FUNCTION_WORDS = frozenset("""a about after all also an and any are as at be because been but by
can could did do does for from had has have he her him his how i if in into is it its let me my no
not now of on or our out shall she so some than that the their them then there these they this
those thou thee thy to unto up upon us was we were what when which who will with would ye yet you
your""".split())


def english_sentences(shared_eval: Path = SHARED_EVAL) -> list[str]:
    """Distinct non-empty English sentences, in a fixed order."""
    from glossalign.eval.wmt21_sgml import read_sgml

    lines: list[str] = []
    bible = shared_eval / "align" / "bible-en-zh" / "001.en"
    if bible.exists():
        lines += bible.read_text(encoding="utf-8").splitlines()
    for path in sorted((shared_eval / "align" / "parice-en-is" / "eng").glob("*.txt")):
        lines += [line.split("\t", 1)[-1] for line in path.read_text(encoding="utf-8").splitlines()]
    wmt = shared_eval / "term" / "wmt21-en-fr-dev" / "dev.en-fr.en.sgm"
    if wmt.exists():
        lines += [seg.text for seg in read_sgml(wmt).segments]
    lines += (DEMO / "en-ref.txt").read_text(encoding="utf-8").splitlines()
    seen: set[str] = set()
    sentences = []
    for line in lines:
        line = line.strip()
        if line and line not in seen:
            seen.add(line)
            sentences.append(line)
    return sentences


def repeated(sentences: list[str], count: int) -> list[str]:
    """``count`` sentences: the list cycled as often as needed."""
    return [sentences[i % len(sentences)] for i in range(count)]


def ngram_terms(sentences: list[str], count: int, min_words: int = 2,
                max_words: int = 4) -> list[str]:
    """The ``count`` most frequent term-like word n-grams (ties by text).

    Term-like: inside one clause, first and last word not a function word.
    """
    counts: Counter[str] = Counter()
    for sentence in sentences:
        for clause in _CLAUSE.split(sentence):
            words = [w.lower() for w in _WORD.findall(clause)]
            content = [w not in _FUNCTION_WORDS for w in words]
            for n in range(min_words, max_words + 1):
                counts.update(" ".join(words[i:i + n]) for i in range(len(words) - n + 1)
                              if content[i] and content[i + n - 1])
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [text for text, _ in ranked[:count]]
