"""The `kiosk` command line: subcommands, staff PIN hashing."""

from __future__ import annotations

import subprocess
import sys

from kiosk.config import PIN_HASH_PATTERN
from kiosk.staff import hash_pin, verify_pin


def kiosk(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=60,
    )


def test_help_lists_the_subcommands() -> None:
    result = kiosk("--help")
    assert result.returncode == 0
    for name in ("run", "sandbox", "check-config", "hash-pin"):
        assert name in result.stdout
    sandbox = kiosk("sandbox", "--help")
    assert sandbox.returncode == 0
    for name in ("serve", "pay", "boleta", "openapi", "--port", "--seed", "--data"):
        assert name in sandbox.stdout


def test_hash_pin_makes_a_hash_the_config_accepts() -> None:
    result = kiosk("hash-pin", stdin="24681357\n")
    assert result.returncode == 0
    stored = result.stdout.strip()
    assert PIN_HASH_PATTERN.match(stored)
    assert verify_pin("24681357", stored)
    assert not verify_pin("24681358", stored)
    assert "24681357" not in stored


def test_hash_pin_refuses_a_short_pin() -> None:
    result = kiosk("hash-pin", stdin="123\n")
    assert result.returncode == 1 and "6 a 12" in result.stderr


def test_verify_pin_survives_garbage() -> None:
    assert not verify_pin("123456", "garbage")
    assert not verify_pin("123456", "md5$1$2$3")
    assert verify_pin("654321", hash_pin("654321", iterations=1000))
