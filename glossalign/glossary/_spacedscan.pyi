"""Types of the compiled spaced-script matcher loop (``_spacedscan.pyx``)."""

from collections.abc import Callable
from typing import Any

class SpacedScanner:
    def __init__(self, key_of: Callable[[str], tuple[int, int, int]], char_table: Any,
                 automaton: Any, concepts: list[str], terms: list[str], statuses: list[str],
                 lang: str, shared: bytes, more_terms: Callable[[int, Any], list[Any]],
                 hit_type: type, limit: int) -> None: ...
    def find_many(self, texts: list[str], first_segment: int, results: list[Any],
                  batch_chars: int) -> None: ...
