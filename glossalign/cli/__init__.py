"""The ``glossalign`` command: thin wrappers that parse options and call the library.

Each area defines its commands in its own module, imported only when its command runs
(see glossalign/cli/app.py); errors from the library (GlossalignError)
become one line on stderr and exit code 2.
"""

from __future__ import annotations

import logging
import os
import sys

from glossalign.cli.app import app
from glossalign.errors import GlossalignError


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(level=os.environ.get("GLOSSALIGN_LOG", "WARNING").upper(),
                        format="glossalign: %(levelname)s: %(message)s")
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
