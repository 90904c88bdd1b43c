"""The `kiosk` command line: subcommands, staff PIN hashing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import PIN_HASH_PATTERN
from kiosk.staff import hash_pin, verify_pin


def kiosk(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=60,
        env=None if env is None else {**os.environ, **env},
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
    for name in ("enroll", "devices", "revoke-device", "--allow-remote", "--device-id"):
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


def config_problems(tmp_path: Path) -> dict[str, tuple[list[str], dict[str, str], str]]:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    return {
        "config is a folder": (["--config", str(tmp_path)], {}, str(tmp_path)),
        "section variable not JSON": ([], {"KIOSK_PORTAL": "notjson"}, "KIOSK_PORTAL"),
        "log.file under a file": ([], {"KIOSK_LOG__FILE": f"{tmp_path}/afile/k.log"}, "log.file"),
        "userinfo in portal.url": (
            ["--portal", "http://127.0.0.1@evil.example/"],
            {},
            "portal.url",
        ),
    }


@pytest.mark.parametrize(
    "case",
    [
        "config is a folder",
        "section variable not JSON",
        "log.file under a file",
        "userinfo in portal.url",
    ],
)
@pytest.mark.parametrize("command", ["check-config", "run"])
def test_config_problems_exit_2_naming_the_key(tmp_path: Path, case: str, command: str) -> None:
    args, env, key = config_problems(tmp_path)[case]
    extra = ["--quit-after-start"] if command == "run" else []
    result = kiosk(command, *args, *extra, env=env)
    assert result.returncode == 2, result.stderr
    assert f"Configuración no válida: {key}: " in result.stderr
    assert "Traceback" not in result.stderr


def test_a_log_file_that_cannot_be_opened_exits_2(tmp_path: Path) -> None:
    log_file = tmp_path / "kiosk.log"
    log_file.symlink_to(tmp_path / "missing" / "kiosk.log")  # valid for the config, not to open
    result = kiosk(
        "--quit-after-start",
        "--windowed",
        env={"KIOSK_LOG__FILE": str(log_file), "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 2, result.stderr
    assert "Configuración no válida: log.file: no se puede abrir" in result.stderr
    assert "Traceback" not in result.stderr
