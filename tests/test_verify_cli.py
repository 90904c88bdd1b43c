"""`kiosk verify` end to end: the real command against a sandbox portal of its own, with seals,
links, codes, images and PDFs made here, and every verdict's exit status."""

from __future__ import annotations

import asyncio
import io
import json
import os
import socket
import subprocess
import sys
import zlib
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
import segno
from PIL import Image
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
from support import sandbox_tools
from support.devices import enroll
from verification.sealed import (
    active_issuer_key,
    active_root_key,
    from_the_future,
    issue_constancia,
    portal_client,
    resigned,
    running_sandbox,
    with_changed_byte,
)

from kiosk.commands import verify as verify_command
from kiosk.embedded_portal import PortalEndpoint
from kiosk.portal.client import PortalClient
from kiosk.portal.models import Certificate
from kiosk.sandbox.demo import DEMO_CLEAN
from kiosk.seals import base45, keys
from kiosk.seals.cache import TrustListCache, load_root_key
from kiosk.seals.codec import seal_to_cose
from kiosk.seals.envelope import TrustListEnvelope
from kiosk.seals.trustlist import sign_trust_list

pytestmark = pytest.mark.timeout(120)
T = TypeVar("T")


CLERK_DESK = "GT-DESK-0001"


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[PortalEndpoint, Path]]:
    """A sandbox of this module's own: one test revokes its issuer key."""
    data = tmp_path_factory.mktemp("verify-cli-sandbox")
    with running_sandbox(data) as endpoint:
        enroll(endpoint, CLERK_DESK)  # the clerk's desk, as its configuration names it
        yield endpoint, data


@pytest.fixture
def endpoint(portal: tuple[PortalEndpoint, Path]) -> PortalEndpoint:
    return portal[0]


@pytest.fixture(autouse=True)
def settings_env(
    monkeypatch: pytest.MonkeyPatch, portal: tuple[PortalEndpoint, Path], tmp_path: Path
) -> None:
    """The clerk's configuration: this portal's device token, root key and a cache folder."""
    for name in list(os.environ):
        if name.startswith("KIOSK_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("KIOSK_KIOSK__ID", CLERK_DESK)
    monkeypatch.setenv("KIOSK_KIOSK__TOKEN", portal[0].device_token)
    monkeypatch.setenv("KIOSK_TRUST__ROOT_KEY", str(portal[0].root_key))
    monkeypatch.setenv("KIOSK_TRUST__CACHE_DIR", str(tmp_path / "trust-cache"))


def with_portal(endpoint: PortalEndpoint, call: Callable[[PortalClient], Awaitable[T]]) -> T:
    async def run() -> T:
        async with portal_client(endpoint) as client:
            return await call(client)

    return asyncio.run(run())


def issue(endpoint: PortalEndpoint) -> Certificate:
    return with_portal(endpoint, issue_constancia)


Run = Callable[..., tuple[int, list[str]]]


@pytest.fixture
def verify(capsys: pytest.CaptureFixture[str], endpoint: PortalEndpoint) -> Run:
    """``kiosk verify --portal <sandbox> ARGS`` in this process: (exit status, stdout lines)."""

    def run(*args: str, portal: str | None = endpoint.url) -> tuple[int, list[str]]:
        capsys.readouterr()
        argv = [*(["--portal", portal] if portal else []), *args]
        try:
            status = verify_command.main(argv)
        except SystemExit as exit_:  # argparse's usage errors
            status = int(exit_.code or 0)
        return status, capsys.readouterr().out.splitlines()

    return run


def records(lines: list[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in lines]


def test_a_valid_seal_online(verify: Run, endpoint: PortalEndpoint) -> None:
    certificate = issue(endpoint)
    status, lines = verify("--text", certificate.seal)
    assert status == 0
    assert lines[0] == (
        "--text: VÁLIDO. Documento auténtico y vigente, confirmado en línea con el Organismo "
        "Judicial."
    )
    assert "María José Pérez López, DPI 2468 13571 0101" in lines[1]
    assert certificate.code in lines[1] and "No registra antecedentes penales" in lines[1]
    assert lines[2].strip() == "Compare estos datos con el papel y con el DPI de la persona."

    status, lines = verify("--json", "--text", certificate.seal)
    (record,) = records(lines)
    assert status == 0
    assert record["input"] == "--text" and record["text"] == certificate.seal
    assert (record["verdict"], record["reason"], record["source"]) == ("VALID", None, "seal")
    assert record["fields"]["from"] == "seal" and record["fields"]["dpi"] == DEMO_CLEAN.dpi
    assert record["fields"]["code"] == certificate.code


def test_valid_offline_when_the_portal_is_down(verify: Run, endpoint: PortalEndpoint) -> None:
    certificate = issue(endpoint)
    assert verify("--text", certificate.seal)[0] == 0  # the trust list is now in the cache
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        down = f"http://127.0.0.1:{probe.getsockname()[1]}"
    for args, portal in ((("--json",), down), (("--json", "--offline"), endpoint.url)):
        status, lines = verify(*args, "--text", certificate.seal, portal=portal)
        (record,) = records(lines)
        assert status == 0, args
        assert record["verdict"] == "VALID_OFFLINE" and record["fields"]["code"] == certificate.code


def test_expired_and_revoked_documents(verify: Run, endpoint: PortalEndpoint) -> None:
    code = issue(endpoint).code
    expired = with_portal(
        endpoint, lambda client: sandbox_tools.sandbox_backdate_document(client, code, 200)
    )
    revoked = issue(endpoint)
    with_portal(
        endpoint, lambda client: sandbox_tools.sandbox_revoke_document(client, revoked.code)
    )
    status, lines = verify("--json", "--text", expired.seal, "--text", revoked.seal)
    assert status == 1
    assert [(r["verdict"], r["reason"]) for r in records(lines)] == [
        ("EXPIRED", "expired"),
        ("REVOKED", "document_revoked"),  # the trust list fetched now already says so
    ]
    status, lines = verify("--text", expired.seal)
    assert status == 1 and lines[0].startswith("--text: VENCIDO. Documento auténtico, pero vencido")


def test_a_revoked_issuer_key(verify: Run, endpoint: PortalEndpoint) -> None:
    certificate = issue(endpoint)
    with_portal(endpoint, lambda client: sandbox_tools.sandbox_revoke_issuer_key(client))
    status, lines = verify("--json", "--text", certificate.seal)
    (record,) = records(lines)
    assert status == 1
    assert (record["verdict"], record["reason"]) == ("REVOKED", "key_revoked")
    assert record["fields"] == {}  # a revoked key vouches for nothing
    assert verify("--text", issue(endpoint).seal)[0] == 0  # the new key's seals are fine


def test_invalid_seals(verify: Run, portal: tuple[PortalEndpoint, Path]) -> None:
    endpoint, data = portal
    seal = issue(endpoint).seal
    texts = {
        "bad_signature": with_changed_byte(seal),
        "unknown_key": resigned(seal, keys.generate_private_key()),
        "not_yet_valid": from_the_future(seal, active_issuer_key(data)),
        # cut after whole base45 triples: the text reads, the zlib stream ends early
        "bad_compression": seal[: 4 + (len(seal) - 4) // 2 // 3 * 3],
    }
    args = [arg for text in texts.values() for arg in ("--text", text)]
    status, lines = verify("--json", *args)
    assert status == 1
    assert [(r["verdict"], r["reason"]) for r in records(lines)] == [
        ("INVALID", reason) for reason in texts
    ]
    status, lines = verify("--text", texts["bad_signature"])
    assert lines == [
        "--text: NO VÁLIDO. La firma del sello no coincide con sus datos: el documento fue "
        "alterado o no es auténtico."
    ]


def test_not_oj_texts(verify: Run, endpoint: PortalEndpoint) -> None:
    seal = issue(endpoint).seal
    hc1 = "HC1:" + base45.encode(zlib.compress(seal_to_cose(seal)))
    others = ["https://example.com/verificar/CAP-2026-ABCD-EFGH", "Hola, buenos días", hc1]
    status, lines = verify("--json", *[arg for text in others for arg in ("--text", text)])
    assert status == 1
    assert [(r["verdict"], r["text"]) for r in records(lines)] == [("NOT_OJ", t) for t in others]
    status, lines = verify("--text", "Hola")
    assert lines == [
        "--text: NO ES DEL OJ. Este código QR no es un documento del Organismo Judicial."
    ]


def test_links_and_typed_codes(verify: Run, endpoint: PortalEndpoint) -> None:
    certificate = issue(endpoint)
    link = f"{endpoint.url}/verificar/{certificate.code.lower()}"
    typed = certificate.code.replace("-", " ")
    status, lines = verify("--json", "--text", link, "--code", typed)
    assert status == 0
    for record in records(lines):
        assert record["verdict"] == "VALID" and record["fields"]["from"] == "portal"
        assert record["fields"]["dpi_last4"] == DEMO_CLEAN.dpi[-4:]
        assert "dpi" not in record["fields"]
    status, lines = verify("--code", certificate.code)
    assert lines[1].strip().startswith("Según el portal (datos sin firma):")
    status, lines = verify("--code", "CAP-2026")
    assert status == 1 and "faltan 8" in lines[0]


def qr_png(text: str, path: Path) -> Path:
    segno.make(text, error="q", micro=False).save(str(path), scale=6, border=4)
    return path


def pdf_with(pages: list[str | None], path: Path) -> Path:
    """One page per entry: a QR of the text, or a page with words only."""
    pdf = canvas.Canvas(str(path), pagesize=letter)
    for text in pages:
        pdf.setFont("Helvetica", 14)
        pdf.drawString(72, 720, "Organismo Judicial - documento de prueba")
        if text is not None:
            image = io.BytesIO()
            segno.make(text, error="q", micro=False).save(image, kind="png", scale=8, border=4)
            image.seek(0)
            pdf.drawImage(ImageReader(image), 72, 300, width=180, height=180)
        pdf.showPage()
    pdf.save()
    return path


def test_images_and_pdf_pages(verify: Run, endpoint: PortalEndpoint, tmp_path: Path) -> None:
    certificate = issue(endpoint)
    png = qr_png(certificate.seal, tmp_path / "constancia.png")
    pdf = pdf_with([None, certificate.seal, "https://example.com"], tmp_path / "expediente.pdf")
    status, lines = verify("--json", str(png), str(pdf))
    got = [(r["input"], r["page"], r["verdict"]) for r in records(lines)]
    assert got == [
        (str(png), None, "VALID"),
        (str(pdf), "p2", "VALID"),  # page 1 has no code: nothing to say about it
        (str(pdf), "p3", "NOT_OJ"),
    ]
    assert records(lines)[0]["text"] == certificate.seal
    assert status == 1  # the link to another site is not an OJ document

    status, lines = verify(str(png), str(pdf_with([certificate.seal], tmp_path / "one.pdf")))
    assert status == 0
    assert lines[0].startswith(f"{png}: VÁLIDO.")
    assert any(line.startswith(f"{tmp_path / 'one.pdf'}#p1: VÁLIDO.") for line in lines)


def test_files_without_a_code_or_unreadable(
    verify: Run, endpoint: PortalEndpoint, tmp_path: Path
) -> None:
    blank = tmp_path / "blanco.png"
    Image.new("L", (400, 300), 255).save(blank)
    text_file = tmp_path / "nota.txt"
    text_file.write_text("no es una imagen")
    words_only = pdf_with([None, None], tmp_path / "sin-qr.pdf")
    missing = tmp_path / "no-existe.png"
    status, lines = verify("--json", *(str(p) for p in (blank, text_file, words_only, missing)))
    assert status == 1
    assert [(r["input"], r["verdict"], r["text"]) for r in records(lines)] == [
        (str(blank), "NO_CODE", None),
        (str(text_file), "UNREADABLE", None),
        (str(words_only), "NO_CODE", None),
        (str(missing), "UNREADABLE", None),
    ]
    status, lines = verify(str(blank), str(missing))
    assert lines[0] == (
        f"{blank}: SIN CÓDIGO QR. No se encontró ningún código QR en esta imagen o página."
    )
    assert lines[1] == f"{missing}: ARCHIVO ILEGIBLE. No se encontró el archivo no-existe.png."


def test_usage_and_configuration_errors(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def status_and_errors(*argv: str) -> tuple[int, str]:
        try:
            status = verify_command.main(list(argv))
        except SystemExit as exit_:  # argparse's usage errors
            status = int(exit_.code or 0)
        return status, capsys.readouterr().err

    status, err = status_and_errors()
    assert status == 2 and "indique uno o más archivos" in err
    status, err = status_and_errors(str(tmp_path / "a.png"), "--text", "x")
    assert status == 2 and "no ambos" in err
    monkeypatch.setenv("KIOSK_TRUST__ROOT_KEY", str(tmp_path / "no-such-root.pem"))
    status, err = status_and_errors("--offline", "--text", "x")
    assert status == 2 and "trust.root_key" in err and "no-such-root.pem" in err
    monkeypatch.setenv("KIOSK_PORTAL__RETRIES", "99")
    status, err = status_and_errors("--offline", "--text", "x")
    assert status == 2 and "portal.retries" in err


def test_the_command_as_installed(endpoint: PortalEndpoint) -> None:
    certificate = issue(endpoint)
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "verify", "--portal", endpoint.url, "--json",
         "--text", certificate.seal, "--text", "https://example.com"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert [json.loads(line)["verdict"] for line in result.stdout.splitlines()] == [
        "VALID",
        "NOT_OJ",
    ]
    assert DEMO_CLEAN.dpi not in result.stderr  # nothing personal in the logs


def test_without_a_portal_it_starts_the_embedded_sandbox(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Like the kiosk: no portal.url means the embedded sandbox, on its data folder, whose
    documents (printed by this machine's kiosk) it can then verify."""
    data = tmp_path / "kiosk-sandbox"
    with running_sandbox(data) as kiosk_portal:
        certificate = issue(kiosk_portal)
    for name in ("KIOSK_KIOSK__TOKEN", "KIOSK_TRUST__ROOT_KEY"):
        monkeypatch.delenv(name)
    env = dict(os.environ, KIOSK_PORTAL__SANDBOX_DATA_DIR=str(data))
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "verify", "--text", certificate.seal],
        capture_output=True, text=True, timeout=90, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("--text: VÁLIDO.")
    assert "portal de pruebas integrado" in result.stderr


def test_a_refused_device_token_is_said_plainly(
    verify: Run,
    endpoint: PortalEndpoint,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    certificate = issue(endpoint)
    assert verify("--text", certificate.seal)[0] == 0  # the trust list is cached
    monkeypatch.setenv("KIOSK_KIOSK__TOKEN", "not-this-desk")
    capsys.readouterr()
    status = verify_command.main(["--portal", endpoint.url, "--json", "--text", certificate.seal])
    captured = capsys.readouterr()
    assert status == 0 and json.loads(captured.out)["verdict"] == "VALID_OFFLINE"
    assert "kiosk.token" in captured.err


# --- the saved trust list with --offline ----------------------------------------------------------


def offline_check(
    endpoint: PortalEndpoint, capsys: pytest.CaptureFixture[str], seal: str
) -> tuple[int, dict[str, Any], str]:
    """``kiosk verify --offline --json --text SEAL``: (status, the record, stderr)."""
    capsys.readouterr()
    status = verify_command.main(["--portal", endpoint.url, "--offline", "--json", "--text", seal])
    captured = capsys.readouterr()
    (record,) = records(captured.out.splitlines())
    return status, record, captured.err


def saved_cache(endpoint: PortalEndpoint, tmp_path: Path) -> TrustListCache:
    """The clerk's cache (KIOSK_TRUST__CACHE_DIR), read as `kiosk verify` reads it."""
    return TrustListCache(load_root_key(endpoint.root_key), tmp_path / "trust-cache")


def test_offline_says_when_the_saved_list_was_rolled_back(
    verify: Run,
    endpoint: PortalEndpoint,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    certificate = issue(endpoint)
    assert verify("--text", certificate.seal)[0] == 0  # the trust list is now in the cache
    path = saved_cache(endpoint, tmp_path).path
    assert path is not None
    before = path.read_bytes()
    with_portal(
        endpoint, lambda client: sandbox_tools.sandbox_revoke_document(client, certificate.code)
    )
    status, lines = verify("--json", "--text", certificate.seal)  # fetches the newer list
    assert (status, records(lines)[0]["reason"]) == (1, "document_revoked")
    highest = saved_cache(endpoint, tmp_path).highest

    path.write_bytes(before)  # the older, validly signed list put back on disk
    status, record, err = offline_check(endpoint, capsys, certificate.seal)
    assert status == 1
    assert (record["verdict"], record["reason"]) == ("CANNOT_VERIFY", "no_trust_list")
    assert "se rechazó la lista de confianza guardada" in err
    assert f"es más antigua que la última aceptada (versión {highest})" in err


def test_offline_says_when_the_saved_list_is_too_old(
    verify: Run,
    portal: tuple[PortalEndpoint, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    endpoint, data = portal
    certificate = issue(endpoint)
    assert verify("--text", certificate.seal)[0] == 0
    cache = saved_cache(endpoint, tmp_path)
    assert cache.current is not None
    # the same list (same version), as the root signed it some days ago: due 3 days and 1 hour ago
    now = datetime.now(UTC)
    old = cache.current.model_copy(
        update={
            "issued_at": now - timedelta(days=5),
            "next_update": now - timedelta(days=3, hours=1),
        }
    )
    envelope = sign_trust_list(old, active_root_key(data))

    async def fetch() -> TrustListEnvelope:
        return envelope

    assert asyncio.run(cache.refresh(fetch, force=True))  # the cache saves it as its own

    status, record, err = offline_check(endpoint, capsys, certificate.seal)
    assert status == 1
    assert (record["verdict"], record["reason"]) == ("CANNOT_VERIFY", "trust_list_outdated")
    assert record["fields"] == {}
    assert f"(versión {old.version}) debía renovarse el" in err
    assert "ya pasó el plazo de gracia" in err

    monkeypatch.setenv("KIOSK_TRUST__OFFLINE_GRACE_DAYS", "4")  # inside a longer grace
    status, record, err = offline_check(endpoint, capsys, certificate.seal)
    assert (status, record["verdict"]) == (0, "VALID_OFFLINE")
    assert "lista de confianza" not in err


# --- inputs that cannot be checked, and names that are not UTF-8 ---------------------------------


def status_and_stderr(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``kiosk verify ARGV`` in this process: (exit status, stdout, stderr)."""
    capsys.readouterr()
    status = verify_command.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_a_fifo_a_device_or_a_folder_is_unusable_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Exit 2, like a usage error, with the reason; opening the FIFO would wait for ever."""
    fifo = tmp_path / "tubo.png"
    os.mkfifo(fifo)
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "verify", "--offline", str(fifo)],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.strip() == (
        f"{fifo}: no es un archivo común (es una tubería, un dispositivo o un socket). Indique "
        "una imagen o un PDF."
    )
    status, out, err = status_and_stderr(capsys, "--offline", str(tmp_path), "/dev/null")
    assert (status, out) == (2, "")
    assert err.splitlines() == [
        f"{tmp_path}: es una carpeta, no un archivo. Indique las imágenes o los PDF.",
        "/dev/null: no es un archivo común (es una tubería, un dispositivo o un socket). Indique "
        "una imagen o un PDF.",
    ]


def test_a_text_that_is_not_utf8_is_unusable_input(
    capsys: pytest.CaptureFixture[str], endpoint: PortalEndpoint
) -> None:
    # as from a terminal whose bytes are not UTF-8, under a UTF-8 locale (strict stdout)
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "verify", "--json", "--portal", endpoint.url,
         "--text", b"CAP-2026-\xff"],
        capture_output=True, text=True, timeout=60,
        env=dict(os.environ, PYTHONIOENCODING="utf-8:strict"),
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert result.stderr.strip() == "--text: el texto no es UTF-8 válido: CAP-2026-\\xff"
    status, out, err = status_and_stderr(capsys, "--offline", "--code", "CAP\udce92026")
    assert (status, out) == (2, "")
    assert err.strip() == "--code: el texto no es UTF-8 válido: CAP\\xe92026"


def test_file_names_are_shown_printable(
    verify: Run, endpoint: PortalEndpoint, tmp_path: Path
) -> None:
    """A name with bytes that are not UTF-8 is read, and shown escaped (it broke the output);
    a "#" in a name is not taken for a page number."""
    seal = issue(endpoint).seal
    odd = qr_png(seal, Path(os.fsdecode(os.fsencode(tmp_path) + b"/constancia-\xff.png")))
    hashed = qr_png(seal, tmp_path / "Escaneo #3.png")
    shown = f"{tmp_path}/constancia-\\xff.png"
    status, lines = verify("--json", str(odd), str(hashed))
    assert status == 0
    assert [(r["input"], r["page"], r["verdict"]) for r in records(lines)] == [
        (shown, None, "VALID"),
        (str(hashed), None, "VALID"),
    ]
    status, lines = verify(str(odd), str(hashed))
    assert lines[0].startswith(f"{shown}: VÁLIDO.")
    assert any(line.startswith(f"{hashed}: VÁLIDO.") for line in lines)
