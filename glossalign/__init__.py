"""glossalign: align translations, enforce a terminology glossary, score translations."""

from __future__ import annotations

__version__ = "0.1.0"
