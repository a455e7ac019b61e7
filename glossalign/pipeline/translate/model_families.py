"""Load Marian, M2M100 and NLLB models and tell each family which languages to use.

The family comes from ``config.model_type`` (NLLB's dense checkpoints say ``m2m_100`` and are
told apart by their tokenizer). Language codes differ per family:

- Marian: bilingual models need nothing; multilingual ones (a vocabulary with ``>>xxx<<``
  tokens) need the target token at the start of every source sentence (``>>fra<<``).
- M2M100: ``tokenizer.src_lang = "zh"`` and ``forced_bos_token_id = tokenizer.get_lang_id("en")``.
- NLLB: FLORES-200 codes (``zho_Hans``, ``eng_Latn``) for ``src_lang`` and the forced BOS token.

torch and transformers are imported inside the functions: the CLI starts without them.
"""

from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glossalign.errors import UsageError
from glossalign.glossary.model import base_lang
from glossalign.pipeline.translate.offline import (
    hub_access,
    load_error,
    model_source,
    refuse_uncached_hub_id,
    require_modules,
)

logger = logging.getLogger(__name__)

FAMILIES = ("marian", "m2m100", "nllb")
_MODEL_TYPES = {"marian": "marian", "m2m_100": "m2m100", "nllb-moe": "nllb"}

# ISO 639-1 -> (ISO 639-3 as Marian's >>xxx<< tokens use it, FLORES-200 code as NLLB uses it).
LANGUAGE_CODES: dict[str, tuple[str, str]] = {
    "ar": ("ara", "arb_Arab"), "bg": ("bul", "bul_Cyrl"), "bn": ("ben", "ben_Beng"),
    "ca": ("cat", "cat_Latn"), "cs": ("ces", "ces_Latn"), "da": ("dan", "dan_Latn"),
    "de": ("deu", "deu_Latn"), "el": ("ell", "ell_Grek"), "en": ("eng", "eng_Latn"),
    "es": ("spa", "spa_Latn"), "et": ("est", "est_Latn"), "fa": ("fas", "pes_Arab"),
    "fi": ("fin", "fin_Latn"), "fr": ("fra", "fra_Latn"), "he": ("heb", "heb_Hebr"),
    "hi": ("hin", "hin_Deva"), "hr": ("hrv", "hrv_Latn"), "hu": ("hun", "hun_Latn"),
    "id": ("ind", "ind_Latn"), "it": ("ita", "ita_Latn"), "ja": ("jpn", "jpn_Jpan"),
    "kk": ("kaz", "kaz_Cyrl"), "ko": ("kor", "kor_Hang"), "lt": ("lit", "lit_Latn"),
    "lv": ("lav", "lvs_Latn"), "mn": ("mon", "khk_Cyrl"), "ms": ("msa", "zsm_Latn"),
    "my": ("mya", "mya_Mymr"), "nb": ("nob", "nob_Latn"), "nl": ("nld", "nld_Latn"),
    "no": ("nob", "nob_Latn"), "pl": ("pol", "pol_Latn"), "pt": ("por", "por_Latn"),
    "ro": ("ron", "ron_Latn"), "ru": ("rus", "rus_Cyrl"), "sk": ("slk", "slk_Latn"),
    "sl": ("slv", "slv_Latn"), "sr": ("srp", "srp_Cyrl"), "sv": ("swe", "swe_Latn"),
    "sw": ("swa", "swh_Latn"), "ta": ("tam", "tam_Taml"), "th": ("tha", "tha_Thai"),
    "tr": ("tur", "tur_Latn"), "uk": ("ukr", "ukr_Cyrl"), "ur": ("urd", "urd_Arab"),
    "uz": ("uzb", "uzn_Latn"), "vi": ("vie", "vie_Latn"), "zh": ("zho", "zho_Hans"),
}
_FLORES = re.compile(r"[a-z]{3}_[A-Z][a-z]{3}")
_TRADITIONAL = {"tw", "hk", "mo", "hant"}  # zh-TW, zh-HK, zh-MO, zh-Hant


@dataclass(frozen=True)
class TranslationModel:
    """A loaded model with its tokenizer, ready for :func:`translate_lines`."""

    model: Any  # a transformers PreTrainedModel (seq2seq)
    tokenizer: Any
    family: str  # one of FAMILIES
    name: str
    device: str


@dataclass(frozen=True, slots=True)
class LanguagePlan:
    """How one language pair is asked of a model."""

    src_code: str | None  # set as tokenizer.src_lang (M2M100, NLLB)
    tgt_code: str | None
    source_prefix: str  # multilingual Marian: ">>fra<< "
    forced_bos_token_id: int | None
    content_start: int  # decoder positions before the first generated word


def resolve_device(device: str) -> str:
    """``auto`` is CUDA when present, else CPU; asking for CUDA without one is an error."""
    import torch

    if device not in ("auto", "cpu", "cuda") and not device.startswith("cuda:"):
        raise UsageError(f"--device must be cpu, cuda or auto, not {device!r}")
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise UsageError("--device cuda was asked for but torch sees no CUDA device")
    return device


def load_model(name: str | Path, *, device: str = "auto",
               allow_download: bool = False) -> TranslationModel:
    """Load a local model folder (or, with ``allow_download``, a hub id) for translation."""
    source = model_source(name, allow_download)
    refuse_uncached_hub_id(source)
    require_modules("torch", "transformers")
    target_device = resolve_device(device)
    with hub_access(source):
        from transformers import AutoConfig, AutoModelForSeq2SeqLM, AutoTokenizer
        from transformers.utils import logging as transformers_logging

        # its "Loading weights" bar would be a second, unasked-for line on stderr
        transformers_logging.disable_progress_bar()
        try:
            config = AutoConfig.from_pretrained(
                source.name, local_files_only=source.local_files_only)
            if config.model_type not in _MODEL_TYPES:  # before loading weights for nothing
                raise UsageError(f"model type '{config.model_type}' is not supported; "
                                 f"glossalign translates with {', '.join(FAMILIES)} models",
                                 source.name)
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message=".*sacremoses.*")
                tokenizer = AutoTokenizer.from_pretrained(
                    source.name, local_files_only=source.local_files_only)
            model = AutoModelForSeq2SeqLM.from_pretrained(
                source.name, local_files_only=source.local_files_only)
        # Tokenizer constructors fail on missing files with TypeError or AssertionError too.
        except (OSError, ValueError, KeyError, TypeError, AssertionError) as exc:
            raise load_error(source, exc) from None
    family = model_family(config.model_type, type(tokenizer).__name__)
    model.to(target_device)
    model.eval()
    logger.info("loaded %s model %s on %s", family, source.name, target_device)
    return TranslationModel(model, tokenizer, family, source.name, target_device)


def model_family(model_type: str, tokenizer_class: str) -> str:
    """``marian``, ``m2m100`` or ``nllb`` from the config's model type and the tokenizer class."""
    family = _MODEL_TYPES.get(model_type)
    if family is None:
        raise UsageError(f"model type '{model_type}' is not supported")
    if family == "m2m100" and tokenizer_class.lower().startswith("nllb"):
        return "nllb"
    return family


def flores_code(lang: str) -> str:
    """FLORES-200 code for an ISO code (``zh`` -> ``zho_Hans``, ``zh-TW`` -> ``zho_Hant``).

    A code already in FLORES form (``xxx_Yyyy``) is returned as given.
    """
    if _FLORES.fullmatch(lang):
        return lang
    code = base_lang(lang)
    if code not in LANGUAGE_CODES:
        raise UsageError(f"no FLORES-200 code known for language '{lang}'; "
                         "give the FLORES code itself (e.g. zho_Hans)")
    flores = LANGUAGE_CODES[code][1]
    if code == "zh" and _region(lang) in _TRADITIONAL:
        return "zho_Hant"
    return flores


def _region(lang: str) -> str:
    parts = lang.replace("_", "-").lower().split("-")
    return parts[-1] if len(parts) > 1 else ""


def marian_target_token(supported: list[str], lang: str) -> str | None:
    """The ``>>xxx<<`` token of a multilingual Marian vocabulary for a language, or None."""
    if not supported:
        return None
    code = base_lang(lang)
    iso3 = LANGUAGE_CODES.get(code, (code, ""))[0]
    script = "Hant" if code == "zh" and _region(lang) in _TRADITIONAL else "Hans"
    candidates = [lang, code, iso3, flores_code(lang) if code in LANGUAGE_CODES else code]
    if code == "zh":
        candidates[:0] = [f"cmn_{script}", f"zho_{script}", "cmn"]
    for candidate in candidates:
        token = f">>{candidate}<<"
        if token in supported:
            return token
    shown = ", ".join(sorted(supported)[:20])
    raise UsageError(f"this multilingual Marian model has no target token for '{lang}' "
                     f"(it knows {shown}{', ...' if len(supported) > 20 else ''})")


def prepare_languages(tm: TranslationModel, src_lang: str, tgt_lang: str) -> LanguagePlan:
    """Set the tokenizer's languages and say what generation needs for the pair."""
    tokenizer = tm.tokenizer
    if tm.family == "marian":
        supported = list(getattr(tokenizer, "supported_language_codes", []) or [])
        token = marian_target_token(supported, tgt_lang)
        prefix = f"{token} " if token else ""
        return LanguagePlan(None, None, prefix, None, 1)
    if tm.family == "m2m100":
        src, tgt = base_lang(src_lang), base_lang(tgt_lang)
        known = getattr(tokenizer, "lang_code_to_id", {})
        for code in (src, tgt):
            if code not in known:
                raise UsageError(f"this M2M100 model does not know language '{code}'")
        tokenizer.src_lang, tokenizer.tgt_lang = src, tgt
        return LanguagePlan(src, tgt, "", tokenizer.get_lang_id(tgt), 2)
    src, tgt = flores_code(src_lang), flores_code(tgt_lang)
    for code in (src, tgt):
        if tokenizer.convert_tokens_to_ids(code) in (None, tokenizer.unk_token_id):
            raise UsageError(f"this NLLB model has no language token '{code}'")
    tokenizer.src_lang, tokenizer.tgt_lang = src, tgt
    return LanguagePlan(src, tgt, "", tokenizer.convert_tokens_to_ids(tgt), 2)
