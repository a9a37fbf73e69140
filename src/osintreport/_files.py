"""Reading text safely and writing files atomically (private)."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .errors import LoadError, Problem

__all__ = ["atomic_writer", "decode", "read_text"]


def decode(data: str | bytes, *, file: str | None = None) -> str:
    """Return ``data`` as text: UTF-8 bytes decoded, a byte-order mark dropped.

    Raises:
        LoadError: The bytes are not UTF-8.
    """
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise LoadError(
                [
                    Problem(
                        message=f"not UTF-8 text: {error.reason} at byte {error.start}", file=file
                    )
                ]
            ) from None
    return data.removeprefix("\ufeff")


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a UTF-8 text file.

    Raises:
        LoadError: The file cannot be read or is not UTF-8.
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise LoadError(
            [Problem(message=f"cannot read file: {error.strerror or error}", file=str(path))]
        ) from None
    return decode(raw, file=str(path))


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str]) -> Iterator[IO[str]]:
    """Open a temporary file beside ``path``; on success, rename it over ``path``.

    If the block raises (or the process dies), ``path`` keeps its old content and the
    temporary file is removed (or left as ``.NAME.*.tmp`` after a hard crash). An existing
    file's permission bits are kept; a new file gets the usual ``0o666 & ~umask``.
    """
    target = Path(path)
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with contextlib.suppress(OSError):
            os.chmod(temp, target.stat().st_mode & 0o7777)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
