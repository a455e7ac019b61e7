"""The ``glossalign`` command: thin wrappers that parse options and call the library.

Each area defines its commands in its own module, imported only when its command runs
(see glossalign/cli/app.py); errors from the library (GlossalignError)
become one line on stderr and exit code 2.
"""

from __future__ import annotations

import errno
import logging
import os
import sys
from typing import Any

import typer
import typer.core

from glossalign.cli.app import app
from glossalign.errors import GlossalignError
from glossalign.safe_io import (
    describe_os_error,
    forget_created_folders,
    remove_created_folders,
)

# Recent typer carries its own copy of click (typer._click), older typer uses click itself: the
# exceptions the parser raises come from whichever typer.core imported.
click: Any = getattr(typer.core, "_click", None) or typer.core.click  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> None:
    forget_created_folders()  # a folder made by an earlier call in this process is not ours
    try:
        _main(argv)
    except SystemExit as exit:
        if exit.code not in (None, 0, 1):  # failed or interrupted: no empty output folders
            remove_created_folders()
        raise


def _main(argv: list[str] | None) -> None:
    logging.basicConfig(level=os.environ.get("GLOSSALIGN_LOG", "WARNING").upper(),
                        format="glossalign: %(levelname)s: %(message)s")
    try:
        # standalone_mode off: the parser's errors come here as exceptions, so they are one line
        # plus a pointer to --help, never a box, and our exit codes stay ours.
        code = app(args=argv, prog_name="glossalign", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.ctx.get_help() if exc.ctx else "", err=False)
        sys.exit(0)
    except click.exceptions.UsageError as exc:
        print(f"glossalign: error: {' '.join(exc.format_message().split())}", file=sys.stderr)
        print(_help_pointer(exc.ctx), file=sys.stderr)
        sys.exit(2)
    except click.exceptions.ClickException as exc:
        print(f"glossalign: error: {' '.join(exc.format_message().split())}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except typer.Abort:
        _interrupted()
    except GlossalignError as exc:
        print(f"glossalign: error: {exc.one_line()}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        _interrupted()
    except MemoryError:
        _out_of_memory()
    except OSError as exc:
        if exc.errno == errno.EPIPE:  # the reader of our output went away (| head)
            sys.exit(1)
        if exc.errno == errno.ENOMEM:
            _out_of_memory()
        if exc.errno in _USER_FIXABLE:  # disk full, read-only, no permission: not a bug
            error = describe_os_error(exc, exc.filename or "-")
            print(f"glossalign: error: {error.one_line()}", file=sys.stderr)
            sys.exit(2)
        _internal_error(exc)
    except Exception as exc:  # a bug, not bad input: still one line unless asked for more
        _internal_error(exc)
    if code == _INTERRUPTED:  # typer turns Ctrl-C inside a command into this exit code
        _interrupted()
    sys.exit(code if isinstance(code, int) else 0)


_INTERRUPTED = 130


def _interrupted() -> None:
    # Every output goes through safe_io.atomic_writer, whose temporary file is removed when the
    # interrupt unwinds it, so the promise holds at any moment of the command.
    print("glossalign: interrupted; each output file is either complete or was not written",
          file=sys.stderr)
    sys.exit(_INTERRUPTED)


_USER_FIXABLE = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM,
                 errno.ENOENT, errno.EISDIR, errno.ENOTDIR}


def _help_pointer(ctx: click.Context | None) -> str:
    command = ctx.command_path if ctx is not None else "glossalign"
    return f"Try '{command} --help' for help."


def _out_of_memory() -> None:
    # Not a bug in the sense of exit 3: the same command fits with smaller inputs or more memory
    # (a 50 MB single line segmented and aligned as a source, for example). No traceback: the
    # memory to format one is what ran out.
    print("glossalign: error: out of memory: the inputs are too large to process at once on "
          "this machine (split them, or break very long lines)", file=sys.stderr)
    sys.exit(2)


def _internal_error(exc: BaseException) -> None:
    if os.environ.get("GLOSSALIGN_DEBUG"):
        raise exc
    print(f"glossalign: internal error: {type(exc).__name__}: {exc} "
          "(set GLOSSALIGN_DEBUG=1 for the traceback)", file=sys.stderr)
    sys.exit(3)
