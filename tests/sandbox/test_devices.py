"""The device registry: only enrolled kiosks, each with its own token, use the portal, and rate
limits key on the kiosk the registry vouches for (changing X-Kiosk-Id gains nothing)."""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys
import uuid
from contextlib import closing
from pathlib import Path

import httpx
from support.devices import enroll, enrolled_kiosk

from kiosk.embedded_portal import PortalEndpoint
from kiosk.sandbox import devices
from kiosk.sandbox.app import DATABASE_FILE


def sandbox_command(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "sandbox", "--data", str(data), *args],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def services(url: str, kiosk_id: str, token: str) -> httpx.Response:
    headers = {"X-Kiosk-Id": kiosk_id, "X-Kiosk-Token": token}
    return httpx.get(f"{url}/v1/services", headers=headers, timeout=10)


def test_an_unknown_id_and_a_wrong_token_get_the_same_401(
    sandbox: PortalEndpoint, kiosk_id: str
) -> None:
    assert services(sandbox.url, kiosk_id, sandbox.device_token).status_code == 200
    refused = [
        services(sandbox.url, kiosk_id, "not-its-token"),
        services(sandbox.url, f"GT-NEVER-{uuid.uuid4().hex[:6]}", sandbox.device_token),
        services(sandbox.url, "x", sandbox.device_token),  # not even an id
        httpx.get(f"{sandbox.url}/v1/services", timeout=10),  # no headers at all
    ]
    assert {r.status_code for r in refused} == {401}
    assert len({r.text for r in refused}) == 1  # nothing tells which part was wrong
    assert refused[0].json()["code"] == "device_unauthorized"


def test_a_kiosk_enrolled_while_the_sandbox_runs_is_let_in_and_a_revoked_one_out_at_once(
    sandbox: PortalEndpoint, sandbox_dir: Path
) -> None:
    kiosk = f"GT-NEW-{uuid.uuid4().hex[:6]}"
    token = devices.new_token()
    assert services(sandbox.url, kiosk, token).status_code == 401
    enroll(sandbox_dir, kiosk, token)
    assert services(sandbox.url, kiosk, token).status_code == 200  # no restart
    assert services(sandbox.url, kiosk, sandbox.device_token).status_code == 401  # its own token
    with closing(sqlite3.connect(sandbox_dir / DATABASE_FILE)) as conn, conn:
        assert devices.revoke(conn, kiosk)
    assert services(sandbox.url, kiosk, token).status_code == 401


def test_changing_the_declared_kiosk_id_does_not_get_around_the_login_limit(
    sandbox: PortalEndpoint,
) -> None:
    """The probe: 40 bad log-ins, each under another X-Kiosk-Id, and never a 429. An id that is
    not enrolled is refused before any log-in; spread over enrolled kiosks, the log-in tried
    is locked after ten failures from all of them together."""
    login = f"victima.{uuid.uuid4().hex[:8]}@ejemplo.gt"
    body = {"login": login, "password": "adivinando otra vez"}
    made_up = [
        httpx.post(
            f"{sandbox.url}/v1/sessions",
            json=body,
            headers={"X-Kiosk-Id": f"GT-FAKE-{n:04d}", "X-Kiosk-Token": sandbox.device_token},
            timeout=10,
        ).json()["code"]
        for n in range(40)
    ]
    assert set(made_up) == {"device_unauthorized"}  # not one log-in was tried
    kiosks = [enrolled_kiosk(sandbox, "GT-FLEET") for _ in range(8)]  # 5 tries each: under 10
    answers = []
    for n in range(40):
        headers = {"X-Kiosk-Id": kiosks[n % 8], "X-Kiosk-Token": sandbox.device_token}
        answers.append(
            httpx.post(f"{sandbox.url}/v1/sessions", json=body, headers=headers, timeout=30)
        )
    codes = [answer.status_code for answer in answers]
    assert codes[:10] == [401] * 10 and set(codes[10:]) == {429}
    locked = answers[10]
    assert int(locked.headers["Retry-After"]) > 60
    assert "minutos" in locked.json()["detail"]


# --- the commands --------------------------------------------------------------------------------


def test_enroll_prints_a_token_once_that_works_and_enrolling_again_replaces_it(
    sandbox: PortalEndpoint, sandbox_dir: Path
) -> None:
    kiosk = f"GT-CLI-{uuid.uuid4().hex[:6]}"
    first = sandbox_command(sandbox_dir, "enroll", kiosk)
    assert first.returncode == 0, first.stderr
    token = first.stdout.strip().splitlines()[-1]
    assert len(token) >= 40
    assert services(sandbox.url, kiosk, token).status_code == 200
    second = sandbox_command(sandbox_dir, "enroll", kiosk)
    new_token = second.stdout.strip().splitlines()[-1]
    assert new_token != token
    assert services(sandbox.url, kiosk, token).status_code == 401
    assert services(sandbox.url, kiosk, new_token).status_code == 200

    listed = sandbox_command(sandbox_dir, "devices")
    assert listed.returncode == 0
    [line] = [line for line in listed.stdout.splitlines() if line.startswith(kiosk)]
    assert "activo" in line and new_token not in listed.stdout and token not in listed.stdout
    revoked = sandbox_command(sandbox_dir, "revoke-device", kiosk)
    assert revoked.returncode == 0
    assert services(sandbox.url, kiosk, new_token).status_code == 401
    assert "dado de baja" in sandbox_command(sandbox_dir, "devices").stdout
    unknown = sandbox_command(sandbox_dir, "revoke-device", "GT-NOBODY-0000")
    assert unknown.returncode == 1 and "no está dado de alta" in unknown.stderr


def test_enroll_writes_the_token_to_a_private_file_when_asked(tmp_path: Path) -> None:
    data, token_file = tmp_path / "data", tmp_path / "kiosk.token"
    token_file.write_text("old\n")
    token_file.chmod(0o644)  # an existing file is made private too
    done = sandbox_command(data, "enroll", "GT-GUA-0007", "--token-file", str(token_file))
    assert done.returncode == 0, done.stderr
    token = token_file.read_text().strip()
    assert token not in done.stdout and str(token_file) in done.stdout
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    with closing(sqlite3.connect(data / DATABASE_FILE)) as conn:
        conn.row_factory = sqlite3.Row
        assert devices.is_enrolled(conn, "GT-GUA-0007", token)
        assert not devices.is_enrolled(conn, "GT-GUA-0007", "old")
        stored = conn.execute("SELECT token_sha256 FROM devices").fetchone()[0]
    assert token not in stored  # only its hash is kept
    bad = sandbox_command(data, "enroll", "no es un id")
    assert bad.returncode == 2 and "no válido" in bad.stderr


def test_the_demo_device_is_enrolled_by_serve_with_the_device_token(
    sandbox: PortalEndpoint,
) -> None:
    # the session's sandbox is started as the kiosk starts it: the kiosk's id, a random token
    assert services(sandbox.url, devices.DEMO_KIOSK_ID, sandbox.device_token).status_code == 200
    assert services(sandbox.url, devices.DEMO_KIOSK_ID, "sandbox").status_code == 401
