"""The HTML pages' shared parts: our templates, CSS and JS, and the Content-Security-Policy.

Both pages (the editor's alignment report and the score report) are single offline files: their
CSS and JS are inlined and allowed by hash, and nothing may be fetched.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader, StrictUndefined

_PACKAGE, _FOLDER = "glossalign.pipeline", "templates"


@cache
def asset(name: str) -> str:
    """A file of the templates folder (CSS, JS) as text."""
    return files(_PACKAGE).joinpath(_FOLDER, name).read_text(encoding="utf-8")


@cache
def environment() -> Environment:
    """Jinja2 over the templates folder: autoescaped, undefined names are errors."""
    return Environment(loader=PackageLoader(_PACKAGE, _FOLDER), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def content_security_policy(css: str, js: str | None) -> str:
    """Only our own inline style (and script, if any) may run; nothing may be fetched."""
    script = f"'{_sha256(js)}'" if js is not None else "'none'"
    return (f"default-src 'none'; style-src '{_sha256(css)}'; script-src {script}; "
            "img-src data:; base-uri 'none'; form-action 'none'")


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")
