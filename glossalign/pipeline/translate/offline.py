"""Load from local folders only, unless the user allowed downloads; fail fast and clearly.

A hub id such as ``Helsinki-NLP/opus-mt-zh-en`` that is not a local folder is looked up in the
local Hugging Face cache only (``local_files_only``), with ``HF_HUB_OFFLINE=1`` set for the
load, so that a machine without network gets one clear line instead of a minute of retries.
Offline, a hub id that is not in the cache is refused before torch and transformers are even
imported (that import alone takes seconds), so the error comes in well under three seconds.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from glossalign.environment import hub_reachable, scoped_environ
from glossalign.errors import GlossalignError, InputError, UsageError


@dataclass(frozen=True, slots=True)
class ModelSource:
    """What to hand to ``from_pretrained`` and how."""

    name: str  # a folder path or a hub id
    local_folder: bool
    allow_download: bool

    @property
    def local_files_only(self) -> bool:
        return self.local_folder or offline_requested(self.allow_download)


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


_OPTIONAL_MODULES = {"torch": "neural", "transformers": "neural", "sentencepiece": "neural",
                     "tokenizers": "neural", "safetensors": "neural", "distributed": "distributed",
                     "dask": "distributed"}


def missing_extra_error(module: str) -> UsageError | None:
    """The one-line error for an optional dependency that is not installed (None if unknown)."""
    top = module.split(".")[0]
    extra = _OPTIONAL_MODULES.get(top)
    if extra is None:
        return None
    return UsageError(f"this needs the optional dependency '{top}': "
                      f"pip install 'glossalign[{extra}]'")


def require_modules(*modules: str) -> None:
    """Raise the one-line install hint unless every module can be imported."""
    for module in modules:
        if importlib.util.find_spec(module) is None:
            error = missing_extra_error(module)
            raise error or UsageError(f"this needs the Python package '{module}'")


def offline_requested(allow_download: bool = False) -> bool:
    """Downloads are off unless allowed, and always off when ``HF_HUB_OFFLINE`` is set."""
    flag = os.environ.get("HF_HUB_OFFLINE", "").strip().lower()
    return not allow_download or flag in ("1", "true", "yes", "on")


def hub_cache_folders() -> list[Path]:
    """Where huggingface_hub keeps downloaded repositories, in its order of precedence."""
    folders = []
    for variable in ("HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "TRANSFORMERS_CACHE"):
        if os.environ.get(variable):
            folders.append(Path(os.environ[variable]).expanduser())
    if os.environ.get("HF_HOME"):
        folders.append(Path(os.environ["HF_HOME"]).expanduser() / "hub")
    cache_home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache").expanduser()
    folders.append(cache_home / "huggingface" / "hub")
    return folders


def in_hub_cache(hub_id: str) -> bool:
    """Whether a snapshot of the model ``hub_id`` is in a local Hugging Face cache."""
    repo = "models--" + hub_id.replace("/", "--")
    return any(any((folder / repo / "snapshots").glob("*/config.json"))
               for folder in hub_cache_folders())


def refuse_uncached_hub_id(source: ModelSource) -> None:
    """A hub id with no cached snapshot fails now, without importing transformers, when
    downloads are off, or allowed but the hub cannot be reached (instead of a minute of
    retries)."""
    if source.local_folder or in_hub_cache(source.name):
        return
    if not offline_requested(source.allow_download):
        if not hub_reachable():
            raise UsageError(f"model '{source.name}' is not in the local Hugging Face cache "
                             "and huggingface.co cannot be reached; download it where the "
                             "network is reachable, or give the path of a model folder")
        return
    raise UsageError(f"model '{source.name}' is not a local folder and not in the local "
                     "Hugging Face cache, and downloads are off; give the path of a "
                     "downloaded model folder, or pass --allow-download where the network "
                     "is reachable (and HF_HUB_OFFLINE is unset)")


def check_model_available(name: str | Path, allow_download: bool = False) -> ModelSource:
    """Cheap checks before any heavy import: the model can be found and the extra is there."""
    source = model_source(name, allow_download)
    refuse_uncached_hub_id(source)
    require_modules("torch", "transformers")
    return source


@contextmanager
def hub_access(source: ModelSource) -> Iterator[None]:
    """``HF_HUB_OFFLINE=1`` while loading, unless downloads are allowed; restored afterwards.

    The variable only reaches huggingface_hub when it is imported inside this block, so the
    loader also passes ``local_files_only``, which holds whatever was imported before.
    """
    if not source.local_folder and not offline_requested(source.allow_download):
        yield
        return
    with scoped_environ(HF_HUB_OFFLINE="1"):
        yield


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
