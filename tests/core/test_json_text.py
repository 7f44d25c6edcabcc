"""core.json_text.loads: json.loads's value or json.loads's error, without
importing json for a good document (start-up speed)."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest

from ankle_trainer.core.json_text import loads

GOOD = [
    '{"a": 1, "b": [true, false, null], "c": {"d": "e\\u00e9\\n\\"x\\""}}',
    "  \n\t[1, 2.5, -3e4, 1E-2, 0, -0, 12345678901234567890]\r\n ",
    '"text"', "7", "-0.0", "true", "null", "[]", "{}",
    '{"same": 1, "same": 2}',
    '"\\ud83d\\ude00 and \\u2028"',
    '{"n": NaN, "i": Infinity, "j": -Infinity}',
    '[' * 50 + ']' * 50,
]

BAD = [
    "", "   ", "{", '{"a": 1,}', "[1, 2", "tru", "01", '{"a" 1}', "[1] x", "1 2",
    "\ufeff{}", '"line\nbreak"', '"\\x"', "{'a': 1}", "[1,]", "NaNa", "-",
    "1" * 5000,  # more digits than int() takes: ValueError, not JSONDecodeError
    "[" * 100_000,  # nested too deeply: RecursionError
]


def _outcome(read, text):  # type: ignore[no-untyped-def]
    try:
        value = read(text)
    except Exception as exc:  # noqa: BLE001
        return ("raises", type(exc), str(exc), getattr(exc, "lineno", None), getattr(exc, "colno", None))
    return ("value", json.dumps(value, sort_keys=False), type(value))


@pytest.mark.parametrize("text", GOOD + BAD)
def test_loads_gives_what_json_loads_gives(text: str) -> None:
    assert _outcome(loads, text) == _outcome(json.loads, text)


def test_the_special_numbers_are_floats_as_json_reads_them() -> None:
    value = loads('[NaN, Infinity, -Infinity, 1.5, 2]')
    assert math.isnan(value[0]) and value[1:4] == [math.inf, -math.inf, 1.5]
    assert [type(v) for v in value] == [float, float, float, float, int]


def test_a_good_document_is_read_without_importing_json() -> None:
    code = (
        "import sys\n"
        "from ankle_trainer.core.json_text import loads\n"
        "assert loads(' {\"a\": [1, 2.0, \"x\"]} ') == {'a': [1, 2.0, 'x']}\n"
        "print('json' in sys.modules)\n"
        "try:\n"
        "    loads('{bad')\n"
        "except ValueError as exc:\n"
        "    print(type(exc).__module__, type(exc).__name__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         check=True).stdout.split()
    assert out == ["False", "json.decoder", "JSONDecodeError"]
