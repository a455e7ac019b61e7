"""Load from local folders only, unless the user allowed downloads; fail fast and clearly.

A hub id such as ``Helsinki-NLP/opus-mt-zh-en`` that is not a local folder is looked up in the
local Hugging Face cache only (``local_files_only``), with ``HF_HUB_OFFLINE=1`` set for the
load, so that a machine without network gets one clear line instead of a minute of retries.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from glossalign.errors import GlossalignError, InputError, UsageError


@dataclass(frozen=True, slots=True)
class ModelSource:
    """What to hand to ``from_pretrained`` and how."""

    name: str  # a folder path or a hub id
    local_folder: bool
    allow_download: bool

    @property
    def local_files_only(self) -> bool:
        return self.local_folder or not self.allow_download


def model_source(name: str | Path, allow_download: bool = False) -> ModelSource:
    """A local folder, or a hub id; a path that names a file is refused."""
    text = str(name)
    path = Path(text).expanduser()
    if path.is_dir():
        return ModelSource(str(path), True, allow_download)
    if path.exists():
        raise UsageError("is a file; give the folder that holds the model", text)
    if text.startswith((".", "/", "~")) or text.count("/") > 1 or "\\" in text:
        raise InputError("model folder not found", text)
    return ModelSource(text, False, allow_download)


@contextmanager
def hub_access(source: ModelSource) -> Iterator[None]:
    """``HF_HUB_OFFLINE=1`` while loading, unless downloads are allowed; restored afterwards.

    The variable only reaches huggingface_hub when it is imported inside this block, so the
    loader also passes ``local_files_only``, which holds whatever was imported before.
    """
    if source.allow_download and not source.local_folder:
        yield
        return
    previous = os.environ.get("HF_HUB_OFFLINE")
    os.environ["HF_HUB_OFFLINE"] = "1"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("HF_HUB_OFFLINE", None)
        else:
            os.environ["HF_HUB_OFFLINE"] = previous


def load_error(source: ModelSource, exc: Exception) -> GlossalignError:
    """The one-line error for a failed ``from_pretrained``."""
    reason = " ".join(str(exc).split())[:300]
    if not source.local_folder and not source.allow_download:
        return UsageError(f"model '{source.name}' is not a local folder and cannot be downloaded "
                          "offline; give the path of a downloaded model folder, or pass "
                          "--allow-download where the network is reachable")
    if not source.local_folder:
        return UsageError(f"model '{source.name}' could not be loaded from the hub: {reason}")
    missing = missing_parts(Path(source.name))
    lacks = f" (missing {', '.join(missing)})" if missing else ""
    return InputError(f"not a loadable translation model folder{lacks}: {reason}", source.name)


_TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "source.spm", "spm.model",
                    "sentencepiece.bpe.model", "sentencepiece.model")


def missing_parts(folder: Path) -> list[str]:
    """What a model folder lacks, in words: config, weights, tokenizer files."""
    missing = []
    if not (folder / "config.json").is_file():
        missing.append("config.json")
    if not any(folder.glob("*.safetensors")) and not any(folder.glob("*.bin")):
        missing.append("weights (*.safetensors or *.bin)")
    if not any((folder / name).is_file() for name in _TOKENIZER_FILES):
        missing.append("tokenizer files")
    return missing
