"""Reading text safely and writing files atomically (private)."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .errors import LoadError, Problem

__all__ = ["atomic_writer", "decode", "read_text"]


def decode(data: str | bytes, *, file: str | None = None) -> str:
    """Return ``data`` as text: UTF-8 bytes decoded, a byte-order mark dropped.

    Raises:
        LoadError: The bytes are not UTF-8, or the text holds a lone surrogate (a string
            can; no UTF-8 file can).
    """
    if isinstance(data, bytes):
        try:
            # Strict UTF-8 decoding refuses encoded surrogates: no search needed after it.
            return data.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as error:
            raise LoadError(
                [
                    Problem(
                        message=f"not UTF-8 text: {error.reason} at byte {error.start}", file=file
                    )
                ]
            ) from None
    if not data.isascii() and (lone := SURROGATE_RE.search(data)) is not None:
        line = data.count("\n", 0, lone.start()) + 1
        raise LoadError(
            [
                Problem(
                    message=f"the text holds a lone surrogate (U+{ord(lone.group()):04X}), "
                    "which is not a character and cannot be written as UTF-8",
                    file=file,
                    line=line,
                )
            ]
        )
    return data.removeprefix("\ufeff")


SURROGATE_RE = re.compile("[\ud800-\udfff]")
"""A UTF-16 surrogate code point: in a Python string, always one without its pair."""


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


_TEMP_SUFFIX = ".tmp"
_STALE_SECONDS = 3600.0
"""A temporary file of ours this old was left by a write that was killed."""


def _temp_stem(name: str, directory: Path) -> str:
    """``.NAME.``, with NAME shortened so that the whole temporary name fits the limit."""
    try:
        limit = os.pathconf(directory, "PC_NAME_MAX")
    except (OSError, ValueError):
        limit = 255
    room = max(1, limit - _TOKEN_LENGTH - len(_TEMP_SUFFIX) - 2)
    return f".{name[:room]}."


def _remove_stale_temps(target: Path, stem: str) -> None:
    """Remove our temporary files for ``target`` left by writes killed over an hour ago.

    Only names made by :func:`atomic_writer` for this target (``stem``, eight hex digits,
    ``.tmp``) are touched, and only when they are older than :data:`_STALE_SECONDS`.
    """
    ours = re.compile(f"{re.escape(stem)}[0-9a-f]{{{_TOKEN_LENGTH}}}{re.escape(_TEMP_SUFFIX)}")
    with contextlib.suppress(OSError):
        now = time.time()
        for entry in os.scandir(target.parent):
            if (
                ours.fullmatch(entry.name) is not None
                and entry.is_file(follow_symlinks=False)
                and now - entry.stat(follow_symlinks=False).st_mtime > _STALE_SECONDS
            ):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


_TOKEN_LENGTH = 8


def _named(error: OSError, target: Path) -> OSError:
    """The same error, naming the target rather than our temporary file."""
    return type(error)(error.errno, error.strerror or str(error), str(target))


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str]) -> Iterator[IO[str]]:
    """Open a temporary file beside ``path``; on success, rename it over ``path``.

    If the block raises (or the process dies), ``path`` keeps its old content and the
    temporary file is removed (or left as ``.NAME.*.tmp`` after a hard crash; such files
    more than an hour old are removed by the next write to the same name). An existing
    file's permission bits are kept; a new file gets the usual ``0o666 & ~umask``.

    - A symbolic link is followed: the file it points to is replaced, the link stays.
    - A path that is not a regular file (a FIFO, ``/dev/stdout``) is written to directly,
      since it cannot be replaced by renaming.
    - A file without write permission is refused (``PermissionError``), as ``open`` would
      refuse it, even for root.
    - Errors name ``path``, never the temporary file.

    Raises:
        OSError: The file cannot be written.
    """
    target = Path(os.path.realpath(path))
    try:
        info: os.stat_result | None = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise _named(error, target) from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        with open(target, "w", encoding="utf-8", newline="\n") as direct:
            yield direct
        return
    if info is not None and not info.st_mode & stat.S_IWUSR:
        raise PermissionError(errno.EACCES, "the file is read-only", str(target))
    stem = _temp_stem(target.name, target.parent)
    _remove_stale_temps(target, stem)
    temp = target.with_name(f"{stem}{secrets.token_hex(_TOKEN_LENGTH // 2)}{_TEMP_SUFFIX}")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        raise _named(error, target) from None
    try:
        if info is not None:
            with contextlib.suppress(OSError):
                os.chmod(temp, info.st_mode & 0o7777)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise _named(error, target) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
