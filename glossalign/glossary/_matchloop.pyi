"""Types of the compiled matcher loop (``_matchloop.pyx``)."""

from collections.abc import Callable
from typing import Any

class HitMaker:
    def __init__(self, concepts: list[str], terms: list[str], statuses: list[str], lang: str,
                 shared: bytes, more_terms: Callable[[int, Any], list[Any]],
                 hit_type: type) -> None: ...
    def hits_from_rows(self, found: list[tuple[int, int, int]], texts: list[str],
                       separator: int, first_segment: int, results: list[Any],
                       first_result: int) -> None: ...

class SpacedScanner(HitMaker):
    def __init__(self, key_of: Callable[[str], tuple[int, int, int]], char_table: Any,
                 automaton: Any, concepts: list[str], terms: list[str], statuses: list[str],
                 lang: str, shared: bytes, more_terms: Callable[[int, Any], list[Any]],
                 hit_type: type, limit: int) -> None: ...
    def find_many(self, texts: list[str], first_segment: int, results: list[Any],
                  batch_chars: int) -> None: ...
