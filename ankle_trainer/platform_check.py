"""Start-up checks on the machine the app runs on, in plain words.

Two questions are answered here, before any window exists, so the app can
say what is wrong instead of dying later:

* Is the running Qt binding (PySide6) a release known to crash on this
  Python? See :data:`KNOWN_BAD_BINDINGS`.
* When the X11 ("xcb") display plugin cannot load, which shared libraries
  are really missing, and which packages provide them? The dynamic loader is
  asked (``ldd`` on the plugin), because Qt's own message names only one
  library, and not always a missing one.

Pure Python, no Qt: the caller passes in versions and paths, so all of it is
testable without a display. The messages filter for Qt's log is here too.

Cost: ``ldd`` takes 15 to 50 ms (on a busy 2-core machine), so it runs only
when Qt would use X11, and a clean answer is remembered in the data folder's
cache, keyed by the plugin file (path, size, modification time), the dynamic
loader's cache ``/etc/ld.so.cache`` (rewritten by ``ldconfig`` whenever a
package adds or removes a library) and ``LD_LIBRARY_PATH``. A start that
finds the same key skips ``ldd``: one ``stat`` and one small read, well under
a millisecond. Missing libraries are never remembered, so a failed start is
checked afresh each time.

This module is imported on every start of the window, before the first
paint: it keeps its imports light (``subprocess`` and ``shutil`` load only
when ``ldd`` really runs).
"""

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path


class BadBinding:
    """A PySide6 release that must not be used below a Python version.

    ``version`` is the exact PySide6 version string (e.g. ``"6.12.0"``);
    ``python_below`` is the first (major, minor) Python that is safe. A plain
    class read by name: a ``NamedTuple`` type costs about half a million
    instructions to define, at every start-up.
    """

    __slots__ = ("version", "python_below", "why")

    def __init__(self, version: str, python_below: tuple[int, int], why: str) -> None:
        self.version, self.python_below, self.why = version, python_below, why


# Keep in step with the environment markers in pyproject.toml.
KNOWN_BAD_BINDINGS: tuple[BadBinding, ...] = (
    BadBinding(
        "6.12.0",
        (3, 12),
        "each call of a Qt method that returns nothing loses a reference to Python's "
        "None, and Python aborts once none are left (a guided session stops within "
        "a minute)",
    ),
)

# What pip should install instead: the ranges of pyproject.toml, minus the bad ones.
SAFE_REQUIREMENTS = ('"PySide6-Essentials>=6.7,<6.13,!=6.12.0"',
                     '"PySide6-Addons>=6.7,<6.13,!=6.12.0"')


def bad_binding(version: str, python: Sequence[int]) -> BadBinding | None:
    """The known-bad entry matching PySide6 ``version`` on ``python``
    (a ``sys.version_info``-like sequence), or None when the pair is fine."""
    major_minor = (int(python[0]), int(python[1]))
    for bad in KNOWN_BAD_BINDINGS:
        if version == bad.version and major_minor < bad.python_below:
            return bad
    return None


def binding_message(version: str, python: Sequence[int], executable: str) -> str | None:
    """The start-up message for a known-bad PySide6 ``version`` on ``python``,
    with the exact command that fixes it (run with ``executable``), or None
    when this pair is not known to be bad."""
    bad = bad_binding(version, python)
    if bad is None:
        return None
    py = f"{python[0]}.{python[1]}"
    return (
        f"Ankle Trainer cannot run safely with PySide6 {version} on Python {py}: in that "
        f"pair {bad.why}. Install a PySide6 release that works, then start Ankle Trainer "
        f"again:\n\n    {executable} -m pip install {' '.join(SAFE_REQUIREMENTS)}\n\n"
        f"(Python {bad.python_below[0]}.{bad.python_below[1]} or newer does not have this "
        "problem.)"
    )


# -- the X11 display plugin --------------------------------------------------------
XCB_PLUGIN = Path("platforms") / "libqxcb.so"

# Debian and Ubuntu package names that do not follow the usual rule below.
_PACKAGE_EXCEPTIONS = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libfreetype.so.6": "libfreetype6",
    "libstdc++.so.6": "libstdc++6",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
}

_NOT_FOUND = r"^\s*(\S+)\s*=>\s*not found\s*$"  # a line of ldd's output

# Where the dynamic loader keeps its index of installed libraries (glibc).
LOADER_CACHE = Path("/etc/ld.so.cache")
# The file in the data folder's cache that remembers a clean X11 check.
XCB_CHECK_FILE = "x11-libraries-checked"


def uses_xcb(env: Mapping[str, str], platform: str = sys.platform) -> bool:
    """True when Qt will try the X11 plugin: Linux, a DISPLAY, no Wayland
    display, and QT_QPA_PLATFORM unset or naming xcb."""
    if not platform.startswith("linux") or not env.get("DISPLAY"):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":")[0].split(";")[0] == "xcb"
    return not env.get("WAYLAND_DISPLAY")


def parse_ldd(output: str) -> list[str]:
    """The library names ``ldd`` reports as ``not found``, in order, without
    repeats. ``output`` is ldd's standard output."""
    import re

    missing: list[str] = []
    for line in output.splitlines():
        match = re.match(_NOT_FOUND, line)
        if match and match.group(1) not in missing:
            missing.append(match.group(1))
    return missing


def missing_libraries(plugin: Path) -> list[str] | None:
    """Shared libraries the dynamic loader cannot find for ``plugin``
    (a path to a ``.so``), directly or through its dependencies.

    Returns None when it cannot tell: no ``ldd`` on this system, the plugin
    file is absent, or ldd fails (e.g. not a dynamic executable).
    """
    import shutil
    import subprocess

    ldd = shutil.which("ldd")
    if ldd is None or not plugin.is_file():
        return None
    try:
        done = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=20,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0 and "not found" not in done.stdout:
        return None
    return parse_ldd(done.stdout)


def debian_package(soname: str) -> str:
    """The Debian/Ubuntu package that usually ships ``soname``.

    Rule of the Debian library packaging policy: ``libNAME.so.N`` is in
    ``libNAMEN``, with a hyphen before N when NAME ends in a digit; names are
    lower case. E.g. ``libxcb-icccm.so.4`` -> ``libxcb-icccm4``,
    ``libxkbcommon-x11.so.0`` -> ``libxkbcommon-x11-0``.
    """
    import re

    if soname in _PACKAGE_EXCEPTIONS:
        return _PACKAGE_EXCEPTIONS[soname]
    match = re.fullmatch(r"(lib.+?)\.so\.(\d+)(?:\.\d+)*", soname)
    if match is None:
        return soname.split(".so")[0].lower()
    name, major = match.group(1).lower(), match.group(2)
    return f"{name}{'-' if name[-1].isdigit() else ''}{major}"


def xcb_message(missing: Sequence[str]) -> str:
    """What to tell the user when the X11 plugin cannot load because the
    libraries ``missing`` (sonames, non-empty) are not installed."""
    packages = sorted({debian_package(name) for name in missing})
    libraries = ", ".join(missing)
    many = len(missing) != 1
    return (
        "Ankle Trainer cannot open its window: Qt's X11 display support needs "
        f"{'these libraries' if many else 'this library'}, which "
        f"{'are' if many else 'is'} not installed: {libraries}.\n\n"
        "On Debian or Ubuntu, install "
        f"{'them' if many else 'it'} with:\n\n"
        f"    sudo apt-get install {' '.join(packages)}\n\n"
        "then start Ankle Trainer again."
    )


def xcb_fingerprint(
    plugin: Path, env: Mapping[str, str], loader_cache: Path = LOADER_CACHE
) -> str | None:
    """What a clean X11 check depends on, as one line of text: the plugin's
    path, size and modification time (ns), the same two for the dynamic
    loader's cache ``loader_cache`` (``-`` when it is absent) and
    ``LD_LIBRARY_PATH`` from ``env``. None when the plugin cannot be read."""
    try:
        stat = plugin.stat()
    except OSError:
        return None
    try:
        loader = loader_cache.stat()
        index = f"{loader.st_size}:{loader.st_mtime_ns}"
    except OSError:
        index = "-"
    search = env.get("LD_LIBRARY_PATH", "")
    return f"v1|{plugin}|{stat.st_size}:{stat.st_mtime_ns}|{index}|{search}"


def xcb_problem(
    plugins_dir: Path,
    env: Mapping[str, str] | None = None,
    cache_dir: Path | None = None,
    loader_cache: Path = LOADER_CACHE,
) -> str | None:
    """The message to show before Qt starts, when Qt would use the X11 plugin
    under ``plugins_dir`` (Qt's plugins folder) and libraries it needs are
    missing; None when there is nothing to say (or no way to tell).

    With ``cache_dir`` (the data folder's cache folder), a clean answer is
    read from and written to :data:`XCB_CHECK_FILE` there, keyed by
    :func:`xcb_fingerprint`, so ``ldd`` runs only when the plugin or the
    installed libraries changed. The folder is never created here (the data
    folder may not exist yet); writing is best effort.
    """
    env = os.environ if env is None else env
    if not uses_xcb(env):
        return None
    plugin = plugins_dir / XCB_PLUGIN
    key = xcb_fingerprint(plugin, env, loader_cache)
    remembered = None if cache_dir is None or key is None else cache_dir / XCB_CHECK_FILE
    if remembered is not None:
        try:
            if remembered.read_text("utf-8") == key:
                return None
        except (OSError, ValueError):
            pass  # not checked yet, or unreadable: ask the loader
    missing = missing_libraries(plugin)
    if missing:
        return xcb_message(missing)
    if missing is not None and remembered is not None and key is not None:
        try:
            remembered.write_text(key, "utf-8")
        except OSError:
            pass  # no cache folder yet (first start) or read-only: check again next time
    return None


# -- Qt's log ------------------------------------------------------------------------
# Lines Qt prints that mean nothing to a user of this app: the offscreen
# plugin (used when there is no display) cannot pass size hints to a window
# manager, because there is none.
QT_NOISE = ("This plugin does not support propagateSizeHints()",)


def is_qt_noise(message: str) -> bool:
    """True for a Qt log line that users should not see."""
    return any(noise in message for noise in QT_NOISE)
