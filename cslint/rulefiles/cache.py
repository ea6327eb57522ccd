"""Loaded rules kept between runs, so the many short runs of pre-commit start fast.

Reading and validating a few hundred YAML rule files (each phrase compiled once to check
it, then the rule's combined pattern) costs far more than linting one reply. The loaded
rules are pickled under the user's cache folder, keyed by everything that decides them:
the cslint, Python and ``regex`` versions, cslint's own modules, the rule types, the rule settings, and the
path and exact bytes of every rule file. Editing a rule file changes the key, so a stale
entry is never used. The patterns inside keep their compiled form as the ``regex``
module pickles it (its compiled code), loaded only when a reply first needs it: a run
then compiles nothing, instead of compiling the patterns its replies need again in
each worker process (see :class:`cslint.prefilter.pattern.PrefilteredPattern`).

The cache is an optimisation only: an unwritable folder, a corrupt or foreign file, or
anything unpicklable means the rules are loaded from their files as if there were no
cache, silently. ``CSLINT_NO_CACHE=1`` turns it off; ``CSLINT_CACHE_DIR`` moves it.

Unpickling runs code, and no data format could hold what the cache keeps (compiled
``regex`` code, which its C engine trusts, and the rule types' own objects, plugins'
included) without trusting the bytes just as much. So an entry is read only when nobody
but the user can have written it (docs/robustness.md, "threat model"):

- the cache folder and the entry belong to the user and nobody else may write them;
- the entry is opened without following a symlink, and must be a regular file;
- it carries an HMAC-SHA256 of its pickle, keyed by 32 random bytes kept in the user's
  own cache folder (mode 0600), which ``CSLINT_CACHE_DIR`` does not move: an entry
  copied in from elsewhere (another user, a restored CI cache) fails it.

Anything else is not unpickled: the rules are built again and the entry replaced.
"""
from __future__ import annotations

import functools
import gc
import hashlib
import hmac
import os
import pickle
import stat
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

DIR_VARIABLE = "CSLINT_CACHE_DIR"
OFF_VARIABLE = "CSLINT_NO_CACHE"
#: Cache files kept of each kind; older ones are removed when a new one is written.
KEEP = 8


def folder() -> Path | None:
    """Where cache files go, or None when caching is off."""
    if os.environ.get(OFF_VARIABLE, "").strip() not in ("", "0"):
        return None
    configured = os.environ.get(DIR_VARIABLE)
    return Path(configured) if configured else own_folder()


def own_folder() -> Path:
    """The user's own cache folder for cslint (where the HMAC key lives, wherever
    ``CSLINT_CACHE_DIR`` puts the entries)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "cslint" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "cslint"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "cslint"


def key(parts: Iterable[object], files: Iterable[Path]) -> str | None:
    """A digest of ``parts`` (reprs) and of the path and bytes of each file; None when a
    file cannot be read (the loader then reports the problem itself)."""
    import regex

    from .. import __version__  # imported here: cslint/__init__ imports the API

    h = hashlib.sha256()
    for part in (__version__, sys.version, getattr(regex, "__version__", ""), _code_stamp(), *parts):
        h.update(repr(part).encode("utf-8", "surrogatepass") + b"\0")
    try:
        for path in files:
            h.update(os.fsencode(path) + b"\0" + path.read_bytes() + b"\0")
    except OSError:
        return None
    return h.hexdigest()[:32]


@functools.cache
def _code_stamp() -> tuple[tuple[str, int, int], ...]:
    """Size and modification time of cslint's own modules: pickles hold its classes, so
    an edited checkout (same version number) must not read entries an older one wrote."""
    here = Path(__file__).parents[1]
    stamp = []
    for path in sorted(here.rglob("*.py")):
        st = path.stat()
        stamp.append((str(path.relative_to(here)), st.st_size, st.st_mtime_ns))
    return tuple(stamp)


#: Bytes of the HMAC key, and of the tag that starts every entry.
KEY_SIZE = TAG_SIZE = 32
KEY_NAME = "hmac-key"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _owned(st: os.stat_result, others: int = 0o022) -> bool:
    """Whether a file or folder is the user's and nobody else may write it (nor, with
    ``others=0o077``, read it)."""
    if not hasattr(os, "getuid"):
        return True  # pragma: no cover - Windows: the profile folder is the user's own
    return st.st_uid == os.getuid() and not st.st_mode & others


def _read(where: Path, name: str, others: int = 0o022) -> bytes | None:
    """The bytes of ``name`` in ``where`` when the folder and the file are the user's own
    (:func:`_owned`) and the file is a regular file, not reached through a symlink; else
    None."""
    if not _owned(os.stat(where)):
        return None
    # O_NONBLOCK: opening a FIFO planted under the name would otherwise wait forever
    fd = os.open(where / name, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(fd, "rb") as f:
        st = os.fstat(fd)
        return f.read() if stat.S_ISREG(st.st_mode) and _owned(st, others) else None


def _secret() -> bytes | None:
    """The user's HMAC key, made on first use; None when it cannot be kept safely."""
    where = own_folder()
    try:
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not (where / KEY_NAME).exists():
            import secrets
            import tempfile  # only the first run pays for it

            fd, tmp = tempfile.mkstemp(dir=where, prefix=".tmp-")  # mode 0600
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(secrets.token_bytes(KEY_SIZE))
                os.link(tmp, where / KEY_NAME)  # whole, and never over a key another run made
            except FileExistsError:
                pass
            finally:
                os.unlink(tmp)
        data = _read(where, KEY_NAME, others=0o077)
        return data if data is not None and len(data) == KEY_SIZE else None
    except OSError:
        return None


def _tag(secret: bytes, data: bytes | memoryview) -> bytes:
    return hmac.new(secret, data, hashlib.sha256).digest()


def load(digest: str, kind: str = "rules") -> Any | None:
    """The entry's value, when it passes every check (see the module's docstring)."""
    where = folder()
    if where is None:
        return None
    try:
        data = _read(where, f"{kind}-{digest}.pickle")
        secret = _secret() if data is not None else None
        if data is None or secret is None:
            return None
        body = memoryview(data)[TAG_SIZE:]  # (megabytes: not copied)
        if not hmac.compare_digest(data[:TAG_SIZE], _tag(secret, body)):
            return None
        return _unpickled(body)
    except Exception:  # noqa: BLE001 - missing, truncated, foreign: rebuild from the rule files
        return None


def _unpickled(data: memoryview) -> Any:
    """The value pickled in ``data``, read with the garbage collector paused: unpickling
    the rules and the prefilter's index makes tens of thousands of containers, none of
    them garbage, and each collection that their number sets off would go through all of
    them again (a tenth of the time it takes to read them)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if paused:
            gc.enable()


def store(digest: str, value: object, kind: str = "rules") -> None:
    where = folder()
    secret = _secret() if where is not None else None
    if where is None or secret is None:
        return
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _owned(os.stat(where)):
            return  # others could replace what is written: a cache there is never read
        import tempfile  # only a run that writes the cache pays for it

        fd, tmp = tempfile.mkstemp(dir=where, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(_tag(secret, data) + data)
            os.replace(tmp, where / f"{kind}-{digest}.pickle")  # atomic: readers never see half a file
        except BaseException:
            os.unlink(tmp)
            raise
        _prune(where, kind)
    except Exception:  # noqa: BLE001 - read-only home, full disk, unpicklable plugin: no cache
        return


def _prune(where: Path, kind: str) -> None:
    entries = sorted(where.glob(f"{kind}-*.pickle"), key=lambda p: p.lstat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)


def cached(parts: Iterable[object], files: Iterable[Path], build: Callable[[], T], kind: str = "rules") -> T:
    """``build()``, or its result from an earlier run with the same key (cache files of
    each ``kind`` are kept and pruned apart)."""
    digest = key(parts, files) if folder() is not None else None
    if digest is not None:
        found = load(digest, kind)
        if found is not None:
            return found  # type: ignore[no-any-return]
    value = build()
    if digest is not None:
        store(digest, value, kind)
    return value


def rule_types_part(types: Mapping[str, type]) -> list[str]:
    """The rule types as they enter a key: name and where the class lives."""
    return [f"{name}={cls.__module__}.{cls.__qualname__}" for name, cls in sorted(types.items())]
