"""The ``glossalign`` command: thin wrappers that parse options and call the library.

Each area registers its commands in its own module; errors from the library (GlossalignError)
become one line on stderr and exit code 2.
"""

from __future__ import annotations

import logging
import os
import sys

from glossalign.cli.app import app
from glossalign.errors import GlossalignError


def _register_commands() -> None:
    # Imported for their side effect of adding commands to ``app``.
    from glossalign.cli import check_cmd, glossary_cmd, report_cmd  # noqa: F401


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(level=os.environ.get("GLOSSALIGN_LOG", "WARNING").upper(),
                        format="glossalign: %(levelname)s: %(message)s")
    _register_commands()
    try:
        app(args=argv, prog_name="glossalign")
    except GlossalignError as exc:
        print(f"glossalign: error: {exc.one_line()}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("glossalign: interrupted", file=sys.stderr)
        sys.exit(130)
