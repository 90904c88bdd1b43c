"""Secrets and exposure: the data folder (the root and issuer private keys are in its database) is
private to the sandbox's user, and listening beyond loopback takes an explicit flag."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

from kiosk.sandbox.app import DATABASE_FILE


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def sandbox(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "sandbox", *args],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def private_files(folder: Path) -> dict[str, int]:
    names = [DATABASE_FILE, f"{DATABASE_FILE}-wal", f"{DATABASE_FILE}-shm", "root.pub.pem"]
    return {name: mode(folder / name) for name in names if (folder / name).exists()}


def test_the_data_folder_and_its_files_are_private(sandbox: object, sandbox_dir: Path) -> None:
    assert mode(sandbox_dir) == 0o700
    files = private_files(sandbox_dir)
    assert DATABASE_FILE in files and "root.pub.pem" in files
    assert set(files.values()) == {0o600}, files


def test_an_existing_open_folder_is_tightened(tmp_path: Path) -> None:
    data = tmp_path / "data"
    made = sandbox("--data", str(data), "enroll", "GT-GUA-0001")  # a database, no server yet
    assert made.returncode == 0, made.stderr
    data.chmod(0o755)
    (data / DATABASE_FILE).chmod(0o644)
    listed = sandbox("--data", str(data), "devices")  # any start opens the folder the same way
    assert listed.returncode == 0 and "GT-GUA-0001" in listed.stdout
    assert mode(data) == 0o700
    assert set(private_files(data).values()) == {0o600}


def test_a_folder_that_is_not_the_sandboxs_own_is_left_as_it_is(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    (shared / "someone-elses.txt").write_text("x")
    shared.chmod(0o755)
    done = sandbox("--data", str(shared), "enroll", "GT-GUA-0001")
    assert done.returncode == 0, done.stderr
    assert mode(shared) == 0o755  # not ours to change
    assert mode(shared / DATABASE_FILE) == 0o600  # what the sandbox made is still private


def test_a_host_beyond_loopback_needs_allow_remote_and_a_token_of_its_own(
    tmp_path: Path,
) -> None:
    data = str(tmp_path / "d")
    refused = sandbox("--data", data, "--host", "0.0.0.0", "--port", "0")
    assert refused.returncode == 2
    assert "--allow-remote" in refused.stderr and "loopback" in refused.stderr
    public_token = sandbox("--data", data, "--host", "0.0.0.0", "--port", "0", "--allow-remote")
    assert public_token.returncode == 2 and "--device-token" in public_token.stderr
    assert not (tmp_path / "d").exists()  # refused before anything was made
    # allowed, it warns (192.0.2.1 is a documentation address: not this machine's, so the bind
    # fails at once and nothing ever listens)
    allowed = sandbox("--data", data, "--host", "192.0.2.1", "--port", "0", "--allow-remote",
                      "--device-token", "un-token-propio-largo")  # fmt: skip
    assert "Aviso" in allowed.stderr and "192.0.2.1" in allowed.stderr
    assert "No se pudo abrir 192.0.2.1" in allowed.stderr and allowed.returncode == 1
