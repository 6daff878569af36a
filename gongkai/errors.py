"""Turning expected failures into one line on stderr and a non-zero exit."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class UserError(Exception):
    """A failure the user can act on; its message is shown as a single line."""


def one_line_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Wrap a CLI entry point: known failures print `gongkai: <message>` and exit 2.

    Anything unexpected also exits non-zero with one line, because a traceback
    is of no use to the analyst running the nightly job; set
    GONGKAI_DEBUG=1 to see it.
    """

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        import os

        try:
            return func(*args, **kwargs)
        except (UserError, OSError) as exc:
            _die(str(exc) or exc.__class__.__name__)
        except Exception as exc:
            if os.environ.get("GONGKAI_DEBUG"):
                raise
            _die(f"internal error: {exc.__class__.__name__}: {exc}".splitlines()[0])
        raise AssertionError("unreachable")

    return wrapper


def _die(message: str) -> None:
    print(f"gongkai: {' '.join(message.split())}", file=sys.stderr)
    sys.exit(2)
