"""Machine translation with glossary enforcement (Marian, M2M100 and NLLB models).

Heavy libraries (torch, transformers) are imported when a model is loaded, not here.
"""

from __future__ import annotations

from glossalign.pipeline.translate.model_families import (
    LanguagePlan,
    TranslationModel,
    flores_code,
    load_model,
    prepare_languages,
)
from glossalign.pipeline.translate.records import (
    ConceptRecord,
    SentenceRecord,
    TranslationResult,
)
from glossalign.pipeline.translate.translator import check_translation, translate_lines

__all__ = [
    "ConceptRecord",
    "LanguagePlan",
    "SentenceRecord",
    "TranslationModel",
    "TranslationResult",
    "check_translation",
    "flores_code",
    "load_model",
    "prepare_languages",
    "translate_lines",
]
