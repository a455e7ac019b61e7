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
    from glossalign.cli import (  # noqa: F401
        align_cmd,
        apply_cmd,
        batch_cmd,
        check_cmd,
        demo_cmd,
        glossary_cmd,
        report_cmd,
        score_cmd,
        translate_cmd,
    )


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
    except Exception as exc:  # a bug, not bad input: still one line unless asked for more
        if os.environ.get("GLOSSALIGN_DEBUG"):
            raise
        print(f"glossalign: internal error: {type(exc).__name__}: {exc} "
              "(set GLOSSALIGN_DEBUG=1 for the traceback)", file=sys.stderr)
        sys.exit(3)
