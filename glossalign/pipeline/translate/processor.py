"""The glossary constraints as a transformers logits processor, per sentence of a batch.

Why a processor of our own rather than ``bad_words_ids`` or ``prefix_allowed_tokens_fn``:
``bad_words_ids`` is one list for the whole ``generate`` call, and
``prefix_allowed_tokens_fn`` (itself a logits processor) returns allowed-token lists and never
sees the scores. This processor gets the rows of every sentence (``batch x beams``), so each
sentence keeps its own constraints inside one batch, and it sees the scores, so a required term
can be inserted where the model wants to stop instead of at an arbitrary place. Bans work as
``bad_words_ids`` does (the last token of a banned sequence is forbidden where the rest ends the
prefix), per sentence (:class:`BanTable`).

Forcing (``mode="force"``), per beam, recomputed from the generated prefix at every step (so
beam reordering needs no bookkeeping):

1. a required term whose first tokens end the prefix must be continued (only its next token
   is allowed);
2. a required term not yet rendered is started when the model's best token is EOS, or when the
   tokens left before ``max_length`` (one kept for EOS) are just enough for the pending terms;
3. otherwise EOS is forbidden while a required term is pending;
4. right after a rendered term, pieces that would glue onto its last word are forbidden
   (spaced scripts), so the term stays a word the glossary check can find.

``mode="favour"`` adds ``bias`` to the first token of each pending term and twice that to the
next token of a started one, with no hard mask; bans stay hard in both modes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import torch
from transformers import LogitsProcessor

from glossalign.pipeline.translate.constraints import (
    MODES,
    RequiredTerm,
    SentenceConstraints,
    TokenSeq,
)


@dataclass(frozen=True, slots=True)
class RowPlan:
    """What one beam still owes: the tokens it may continue with, or start, and how many."""

    pending: int
    continuations: frozenset[int]
    starts: frozenset[int]
    need: int
    ends_term: bool  # the prefix ends with a rendered required term


def _contains(seq: list[int], part: TokenSeq) -> bool:
    first, size, at = part[0], len(part), -1
    try:
        while True:
            at = seq.index(first, at + 1)
            if size == 1 or tuple(seq[at:at + size]) == part:
                return True
    except ValueError:
        return False


def _started(seq: Sequence[int], part: TokenSeq) -> int:
    """Length of the longest proper prefix of ``part`` that ends ``seq`` (0 when none)."""
    for k in range(min(len(part) - 1, len(seq)), 0, -1):
        if tuple(seq[-k:]) == part[:k]:
            return k
    return 0


def plan_row(generated: list[int], required: Sequence[RequiredTerm], slots: int) -> RowPlan:
    """The state of one beam: pending terms, their continuations and starts, tokens needed.

    A started term whose rest no longer fits in ``slots`` is treated as not started, so the
    budget goes to a fresh copy of its forced sequence.
    """
    partial: list[tuple[RequiredTerm, int, int]] = []  # (term, next token, tokens left)
    fresh: list[RequiredTerm] = []
    ends_term = False
    last = generated[-1] if generated else -1
    present = set(generated)
    for term in required:
        if term.finals & present and any(_contains(generated, seq) for seq in term.accepted):
            ends_term = ends_term or any(_ends_with(generated, seq) for seq in term.accepted)
            continue
        k, seq = 0, term.forced
        if last in term.inner:  # cheap test first: most steps start no term
            k, seq = max(((_started(generated, s), s) for s in term.accepted),
                         key=lambda pair: pair[0])
        if k:
            partial.append((term, seq[k], len(seq) - k))
        else:
            fresh.append(term)
    need = sum(len(t.forced) for t in fresh) + sum(left for _, _, left in partial)
    if partial and need > slots:
        fresh += [term for term, _, _ in partial]
        partial = []
        need = sum(len(t.forced) for t in fresh)
    return RowPlan(len(partial) + len(fresh), frozenset(nxt for _, nxt, _ in partial),
                   frozenset(t.forced[0] for t in fresh), need, ends_term)


def _ends_with(seq: list[int], part: TokenSeq) -> bool:
    return len(seq) >= len(part) and tuple(seq[-len(part):]) == part


class BanTable:
    """Token sequences to forbid for some rows: the last token of a sequence is banned where
    the rest of it ends the prefix.

    What transformers' ``NoBadWordsLogitsProcessor`` does for a whole batch, here per sentence
    and by dictionary lookup (that processor builds a vocabulary-wide bias tensor per call).
    """

    def __init__(self, banned: Iterable[TokenSeq], vocab_size: int, eos_token_id: int):
        usable = [seq for seq in banned if max(seq) < vocab_size and seq != (eos_token_id,)]
        self.singles = torch.tensor(sorted({s[0] for s in usable if len(s) == 1}),
                                    dtype=torch.long)
        self.by_prefix: dict[TokenSeq, list[int]] = {}
        for seq in usable:
            if len(seq) > 1:
                self.by_prefix.setdefault(seq[:-1], []).append(seq[-1])
        self.lengths = sorted({len(prefix) for prefix in self.by_prefix})

    def __bool__(self) -> bool:
        return bool(len(self.singles) or self.by_prefix)

    def apply(self, scores: torch.Tensor, low: int, generated: list[list[int]]) -> None:
        if len(self.singles):
            if self.singles.device != scores.device:
                self.singles = self.singles.to(scores.device)
            scores[low:low + len(generated), self.singles] = -math.inf
        for offset, prefix in enumerate(generated):
            for size in self.lengths:
                lasts = self.by_prefix.get(tuple(prefix[-size:])) if size <= len(prefix) else None
                if lasts:
                    scores[low + offset, lasts] = -math.inf


class GlossaryConstraintProcessor(LogitsProcessor):
    """Bans and required terms for each sentence of a ``generate`` batch."""

    def __init__(self, constraints: Sequence[SentenceConstraints], *, content_start: int,
                 max_length: int, eos_token_id: int, vocab_size: int, mode: str = "force",
                 bias: float = 4.0, glue_ids: Sequence[int] = ()):
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        self.constraints = list(constraints)
        self.required = [c.required for c in self.constraints]
        self.content_start = content_start
        self.max_length = max_length
        self.eos = eos_token_id
        self.mode = mode
        self.bias = bias
        self._bans = [BanTable(c.banned, vocab_size, eos_token_id) for c in self.constraints]
        self._glue = torch.tensor([i for i in glue_ids if i < vocab_size], dtype=torch.long)

    def __call__(self, input_ids: torch.LongTensor, original: torch.FloatTensor) -> torch.Tensor:
        cur_len = input_ids.shape[1]
        if cur_len < self.content_start:
            return original  # the forced language token comes first
        rows = input_ids.shape[0] // len(self.constraints)
        scores = original.clone()
        slots = self.max_length - cur_len - 1
        if self._glue.device != scores.device:
            self._glue = self._glue.to(scores.device)
        # One device-to-host copy per step, not one per row.
        generated = input_ids[:, self.content_start:].tolist()
        best = original.argmax(dim=-1).tolist() if self.mode == "force" else []
        for index, ban in enumerate(self._bans):
            low = index * rows
            ban.apply(scores, low, generated[low:low + rows])
            for row in range(low, low + rows) if self.required[index] else ():
                plan = plan_row(generated[row], self.required[index], slots)
                if plan.ends_term and len(self._glue):
                    scores[row, self._glue] = -math.inf
                if plan.pending:
                    self._steer(scores, original, row, plan, slots, best)
        return scores

    def _steer(self, scores: torch.Tensor, original: torch.Tensor, row: int, plan: RowPlan,
               slots: int, best: list[int]) -> None:
        if self.mode == "favour":
            scores[row, list(plan.starts)] += self.bias
            scores[row, list(plan.continuations)] += 2 * self.bias
            return
        if plan.continuations:
            self._allow_only(scores, original, row, plan.continuations)
        elif plan.need >= slots or best[row] == self.eos:
            self._allow_only(scores, original, row, plan.starts)
        else:
            scores[row, self.eos] = -math.inf

    @staticmethod
    def _allow_only(scores: torch.Tensor, original: torch.Tensor, row: int,
                    allowed: frozenset[int]) -> None:
        index = torch.tensor(sorted(allowed), device=scores.device)
        values = original[row, index]
        if bool(torch.isneginf(values).all()):
            values = torch.zeros_like(values)  # another processor ruled them out; ours wins
        scores[row] = -math.inf
        scores[row, index] = values
