"""`kiosk verify`: a clerk's (or a script's) check of documents, with the kiosk's own verifier.

    kiosk verify [--json] [--offline] (IMAGE|PDF ... | --text TEXT | --code CODE)

Each image, and each page of a PDF, is decoded; every QR text found is checked like a scan at the
kiosk, and gets one verdict line (with ``--json``, one JSON object per line). Exit status: 0 when
every input is VALID or VALID_OFFLINE, 1 otherwise, 2 for usage or configuration errors and for
unusable input, refused before anything is checked: a path that is a folder, a FIFO, a device or a
socket instead of a file (a missing or undecodable file is a verdict, UNREADABLE), or a ``--text``
or ``--code`` that is not UTF-8. Bytes that are not UTF-8 are shown escaped (``\\xff``), in file
names too (such a file is read as usual).

It uses the kiosk's settings: the portal, the device id and token, the pinned root key and the
trust-list cache. With no portal configured it starts the embedded sandbox portal exactly as the
kiosk does (same data folder), so it judges the documents that this machine's kiosk printed.
``--offline`` asks no portal at all: the cached trust list only, VALID_OFFLINE at best. It says
(on stderr) when the saved list was refused (damaged, rolled back to an older version, or with no
record of the highest version accepted) or is past its renewal date plus the grace
(``trust.offline_grace_days``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import stat
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from kiosk import formats, i18n, logs
from kiosk.config import ConfigError, Settings, load_settings
from kiosk.embedded_portal import EmbeddedPortal, EmbeddedPortalError
from kiosk.i18n import tr
from kiosk.identity import IdentityError, format_dpi
from kiosk.portal.client import PortalClient
from kiosk.seals.cache import CacheProblem, TrustListCache, default_cache_dir, load_root_key
from kiosk.seals.keys import KeyFormatError
from kiosk.seals.reasons import COMPARE_HINT
from kiosk.verification import Check, InputVerdict, Verifier, verdict_label
from kiosk.verification.messages import MESSAGES as VERDICT_MESSAGES

EXIT_VALID, EXIT_NOT_VALID, EXIT_USAGE = 0, 1, 2
LOOKUP_TIMEOUT = 5.0  # a clerk can wait a little longer than a visitor

MESSAGES: dict[str, str] = {
    "usage.inputs": "indique uno o más archivos, o bien --text o --code",
    "usage.mixed": "use archivos, o bien --text / --code, no ambos",
    "input.folder": "{name}: es una carpeta, no un archivo. Indique las imágenes o los PDF.",
    "input.special": (
        "{name}: no es un archivo común (es una tubería, un dispositivo o un socket). Indique una "
        "imagen o un PDF."
    ),
    "input.not_utf8": "{option}: el texto no es UTF-8 válido: {value}",
    "config": "Configuración no válida: {key}: {problem}",
    "root_key": "No se pudo leer la llave raíz del OJ (trust.root_key = {path}): {problem}",
    "no_root_key": (
        "Aviso: falta trust.root_key (la llave pública raíz del OJ). Sin ella no se pueden "
        "comprobar las firmas de los sellos; los enlaces y códigos sí se consultan en línea."
    ),
    "embedded": (
        "Sin portal configurado (portal.url): se usa el portal de pruebas integrado, como en "
        "el quiosco."
    ),
    "embedded_failed": (
        "No se pudo iniciar el portal de pruebas: {problem}. Configure portal.url o use --offline."
    ),
    "unauthorized": (
        "Aviso: el portal no aceptó a este equipo: revise kiosk.id y kiosk.token. Los documentos "
        "se comprueban solo con la lista de confianza guardada."
    ),
    "no_refresh": (
        "Aviso: no se pudo actualizar la lista de confianza desde el portal ({problem}); se usa "
        "la guardada, si la hay."
    ),
    "saved.bad_file": (
        "Aviso: la lista de confianza guardada está dañada o no la firmó la raíz del OJ, y no se "
        "usa. Sin conexión no se puede comprobar ningún sello."
    ),
    "saved.rolled_back": (
        "Aviso: se rechazó la lista de confianza guardada: es más antigua que la última aceptada "
        "(versión {highest}); pudo haber sido reemplazada por una anterior. Sin conexión no se "
        "puede comprobar ningún sello."
    ),
    "saved.unknown_highest": (
        "Aviso: se rechazó la lista de confianza guardada: falta o está dañado el registro de la "
        "última versión aceptada, y sin él no se puede descartar que sea una lista anterior. Sin "
        "conexión no se puede comprobar ningún sello."
    ),
    "saved.outdated": (
        "Aviso: la lista de confianza guardada (versión {version}) debía renovarse el {due} y ya "
        "pasó el plazo de gracia (trust.offline_grace_days). Sin conexión ningún sello se da por "
        "válido."
    ),
    "line": "{input}: {label}. {message}",
    "seal_fields": (
        "{type_label} {code}: {name}, DPI {dpi}, nacimiento {birth}. {result}. "
        "Emitida el {issued}; vence el {expires}."
    ),
    "portal_fields": (
        "Según el portal (datos sin firma): {type_label} {code}: {name}, DPI terminado en "
        "{last4}. Emitido el {issued}; vence el {expires}."
    ),
}


@dataclass(frozen=True)
class Item:
    """One thing to check: a QR text found in an input, or why an input gave none."""

    input: str
    page: str | None = None
    text: str | None = None
    is_code: bool = False  # typed with --code: a verification code, not a QR text
    problem: InputVerdict | None = None
    detail: str = ""  # Spanish, for UNREADABLE


@dataclass(frozen=True)
class Outcome:
    item: Item
    check: Check | None  # None when the input gave no text

    @property
    def verdict(self) -> str:
        if self.check is not None:
            return self.check.verdict.value
        assert self.item.problem is not None
        return self.item.problem.value

    @property
    def accepted(self) -> bool:
        return self.check is not None and self.check.accepted


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk verify",
        description="Verificar documentos del Organismo Judicial (sellos QR, enlaces, códigos).",
        epilog="Estado de salida: 0 si todo es VÁLIDO, 1 si algo no lo es, 2 si el uso o la "
        "configuración no son válidos, o si una entrada no sirve (una carpeta, una tubería o un "
        "dispositivo en lugar de un archivo; un texto que no es UTF-8).",
    )
    parser.add_argument("files", nargs="*", type=Path, metavar="ARCHIVO", help="imagen o PDF")
    parser.add_argument("--text", action="append", default=[], help="el texto de un código QR")
    parser.add_argument("--code", action="append", default=[], help="un código de verificación")
    parser.add_argument("--json", action="store_true", help="una línea JSON por resultado")
    parser.add_argument(
        "--offline", action="store_true", help="sin consultar el portal: solo la lista guardada"
    )
    parser.add_argument("--config", metavar="PATH", help="archivo TOML (o KIOSK_CONFIG)")
    parser.add_argument("--portal", metavar="URL", help="usar este portal (o portal.url)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not (args.files or args.text or args.code):
        parser.error(tr(MESSAGES["usage.inputs"]))
    if args.files and (args.text or args.code):
        parser.error(tr(MESSAGES["usage.mixed"]))
    unusable = _unusable_inputs(args)
    for problem in unusable:
        _error(problem)
    if unusable:
        return EXIT_USAGE
    if not logging.getLogger().handlers:
        logs.configure("ERROR")  # the verdicts already say what went wrong, in Spanish
    try:
        overrides = {"portal": {"url": args.portal}} if args.portal else None
        settings = load_settings(args.config, overrides)
    except ConfigError as exc:
        _error(tr(MESSAGES["config"], key=exc.key, problem=exc.problem))
        return EXIT_USAGE
    return _run(args, settings)


def _error(text: str) -> None:
    print(text, file=sys.stderr)


def printable(text: str) -> str:
    """``text`` with the bytes that are not UTF-8 (surrogate-escaped, as Python decodes file names
    and arguments) written as ``\\xff``: safe to print and to put in JSON. The same as
    ``kiosk.scanning.files.printable``, which a --text check does not import."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that is no escaped byte
        raw = text.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


def _unusable_inputs(args: argparse.Namespace) -> list[str]:
    """Why inputs cannot be checked at all (Spanish, one line each): texts that are not UTF-8,
    and paths that are no file. Checked before any file is opened: opening a FIFO blocks until
    someone writes to it. A missing or unreadable file is left to its verdict, UNREADABLE."""
    problems = [
        tr(MESSAGES["input.not_utf8"], option=option, value=printable(text))
        for option, texts in (("--text", args.text), ("--code", args.code))
        for text in texts
        if printable(text) != text  # it had bytes to escape: not UTF-8
    ]
    for path in args.files:
        try:
            mode = path.stat().st_mode
        except OSError:
            continue
        if stat.S_ISDIR(mode):
            problems.append(tr(MESSAGES["input.folder"], name=printable(str(path))))
        elif not stat.S_ISREG(mode):
            problems.append(tr(MESSAGES["input.special"], name=printable(str(path))))
    return problems


def _run(args: argparse.Namespace, settings: Settings) -> int:
    i18n.set_language(settings.kiosk.language)
    embedded: EmbeddedPortal | None = None
    if not settings.portal.url and not args.offline:
        _error(tr(MESSAGES["embedded"]))
        embedded = EmbeddedPortal(
            settings.portal.sandbox_data_dir,
            settings.portal.sandbox_seed,
            settings.portal.sandbox_start_timeout,
            kiosk_id=settings.kiosk.id,
        )
        embedded.start()  # it boots while the files are decoded
    try:
        items = _items(args)
        portal_url, token, root_path = settings.portal.url, settings.kiosk.token, None
        if embedded is not None:
            endpoint = embedded.wait_ready()
            portal_url, token, root_path = endpoint.url, endpoint.device_token, endpoint.root_key
        else:
            root_path = settings.trust.root_key
        cache = _cache(settings, root_path)
        if cache is None:
            return EXIT_USAGE
        outcomes = asyncio.run(_check_all(items, settings, cache, portal_url, token, args.offline))
    except EmbeddedPortalError as exc:
        _error(tr(MESSAGES["embedded_failed"], problem=str(exc)))
        return EXIT_USAGE
    finally:
        if embedded is not None:
            embedded.stop()
    for outcome in outcomes:
        print(_json_line(outcome) if args.json else _text_lines(outcome), flush=True)
    return EXIT_VALID if all(o.accepted for o in outcomes) else EXIT_NOT_VALID


def _cache(settings: Settings, root_path: Path | None) -> TrustListCache | None:
    """The kiosk's trust-list cache, or None (after saying why) when the root key is unusable."""
    root_key = None
    if root_path is None:
        _error(tr(MESSAGES["no_root_key"]))
    else:
        try:
            root_key = load_root_key(root_path)
        except (OSError, KeyFormatError) as exc:
            problem = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            _error(tr(MESSAGES["root_key"], path=str(root_path), problem=problem))
            return None
    return TrustListCache(
        root_key,
        settings.trust.cache_dir or default_cache_dir(),
        offline_grace=timedelta(days=settings.trust.offline_grace_days),
    )


def _items(args: argparse.Namespace) -> list[Item]:
    items = [Item("--text", text=text) for text in args.text]
    items += [Item("--code", text=code, is_code=True) for code in args.code]
    for path in args.files:
        items += _file_items(path)
    return items


def _file_items(path: Path) -> list[Item]:
    """One item per QR text in the file; one NO_CODE item when no page has any (the pages
    without a code of a document that has one elsewhere are not reported)."""
    # Imported here: decoding pulls in the image libraries, which a --text check never needs.
    from kiosk.scanning.files import UnreadableFile, read_file_codes, shown_name

    name = printable(str(path))
    try:
        pages = read_file_codes(path)
    except UnreadableFile as exc:
        return [Item(name, problem=InputVerdict.UNREADABLE, detail=str(exc))]
    label = shown_name(path)
    items = [
        # "doc.pdf#p2" -> page "p2"; a single image's label is just its name (which may hold "#")
        Item(name, page.label.removeprefix(f"{label}#") if page.label != label else None, text=text)
        for page in pages
        for text in page.texts
    ]
    return items or [Item(name, problem=InputVerdict.NO_CODE)]


async def _check_all(
    items: list[Item],
    settings: Settings,
    cache: TrustListCache,
    portal_url: str,
    token: str,
    offline: bool,
) -> list[Outcome]:
    client = None
    if not offline and portal_url:
        client = PortalClient(
            portal_url,
            kiosk_id=settings.kiosk.id,
            kiosk_token=token,
            connect_timeout=settings.portal.connect_timeout,
            read_timeout=settings.portal.read_timeout,
            retries=settings.portal.retries,
        )
    verifier = Verifier(
        client,
        cache,
        portal_url,
        public_urls=(settings.portal.public_url,),
        lookup_timeout=LOOKUP_TIMEOUT,
    )
    try:
        # A clerk's check uses the newest list (revocations of the day), and a portal that
        # refuses this desk's token is said plainly instead of passing for an outage.
        wanted = client is not None and any(item.text is not None for item in items)
        if offline:
            _saved_list_note(cache)
        if wanted and not await verifier.refresh_trust_list(force=True):
            _portal_note(cache)
        outcomes: list[Outcome] = []
        for item in items:
            check = None
            if item.text is not None and item.is_code:
                check = await verifier.check_code(item.text)
            elif item.text is not None:
                check = await verifier.check_text(item.text)
            outcomes.append(Outcome(item, check))
        return outcomes
    finally:
        if client is not None:
            await client.aclose()


def _portal_note(cache: TrustListCache) -> None:
    if cache.last_error is None or cache.last_error is CacheProblem.NO_ROOT_KEY:
        return
    if cache.last_error_detail == "PortalUnauthorized":
        _error(tr(MESSAGES["unauthorized"]))
    else:
        _error(tr(MESSAGES["no_refresh"], problem=cache.last_error.value))


def _saved_list_note(cache: TrustListCache) -> None:
    """With ``--offline`` the saved list is all there is: say when it was refused or is too old,
    so that its verdicts (CANNOT_VERIFY) are not read as the documents' fault."""
    if cache.last_error is CacheProblem.BAD_FILE:
        _error(tr(MESSAGES["saved.bad_file"]))
    elif cache.last_error is CacheProblem.ROLLED_BACK:
        _error(tr(MESSAGES["saved.rolled_back"], highest=cache.highest))
    elif cache.last_error is CacheProblem.UNKNOWN_HIGHEST:
        _error(tr(MESSAGES["saved.unknown_highest"]))
    elif cache.current is not None and cache.is_outdated():
        due = formats.day(cache.current.next_update)
        _error(tr(MESSAGES["saved.outdated"], version=cache.current.version, due=due))


# --- output ---------------------------------------------------------------------------------------


def _dpi(dpi: str) -> str:
    try:
        return format_dpi(dpi)
    except IdentityError:  # the seal's DPI is the issuer's record, printed as it is
        return dpi


def fields(check: Check | None) -> dict[str, str | None]:
    """The document's fields for JSON: signed ones (``from`` = seal) or the portal's."""
    if check is None:
        return {}
    if check.document is not None:
        doc = check.document
        return {
            "from": "seal",
            "code": doc.code,
            "type": doc.type.value,
            "type_label": doc.type_label,
            "full_name": doc.full_name,
            "dpi": doc.dpi,
            "birth_date": doc.birth_date.isoformat(),
            "result": doc.result.value,
            "result_label": doc.result_label,
            "issued_at": doc.issued_at.isoformat(),
            "expires_at": doc.expires_at.isoformat(),
        }
    record = check.portal_record
    if record is None:
        return {}
    return {
        "from": "portal",
        "code": record.code,
        "type": record.type,
        "type_label": record.type_label,
        "state": record.state.value,
        "full_name": record.full_name,
        "dpi_last4": record.dpi_last4,
        "issued_at": record.issued_at.isoformat(),
        "expires_at": record.expires_at.isoformat(),
        "revoked_at": None if record.revoked_at is None else record.revoked_at.isoformat(),
    }


def _json_line(outcome: Outcome) -> str:
    check, item = outcome.check, outcome.item
    if check is not None:
        message = check.translated()
    elif item.problem is InputVerdict.UNREADABLE:
        message = item.detail
    else:
        message = tr(VERDICT_MESSAGES["no_code"])
    data = {
        "input": item.input,
        "page": item.page,
        "text": item.text,
        "verdict": outcome.verdict,
        "reason": None if check is None or check.reason is None else check.reason.value,
        "source": None if check is None else check.source.value,
        "message": message,
        "fields": fields(check),
    }
    return json.dumps(data, ensure_ascii=False)


def _text_lines(outcome: Outcome) -> str:
    check, item = outcome.check, outcome.item
    where = f"{item.input}#{item.page}" if item.page else item.input
    if check is None:
        assert item.problem is not None
        message = item.detail or tr(VERDICT_MESSAGES["no_code"])
        return tr(MESSAGES["line"], input=where, label=verdict_label(item.problem), message=message)
    lines = [
        tr(
            MESSAGES["line"],
            input=where,
            label=verdict_label(check.verdict),
            message=check.translated(),
        )
    ]
    if check.document is not None:
        doc = check.document
        lines.append(
            "    "
            + tr(
                MESSAGES["seal_fields"],
                type_label=tr(doc.type_label),
                code=doc.code,
                name=doc.full_name,
                dpi=_dpi(doc.dpi),
                birth=formats.day(doc.birth_date),
                result=tr(doc.result_label),
                issued=formats.day(doc.issued_at),
                expires=formats.day(doc.expires_at),
            )
        )
    elif check.portal_record is not None:
        record = check.portal_record
        lines.append(
            "    "
            + tr(
                MESSAGES["portal_fields"],
                type_label=tr(record.type_label),
                code=record.code,
                name=record.full_name,
                last4=record.dpi_last4,
                issued=formats.day(record.issued_at),
                expires=formats.day(record.expires_at),
            )
        )
    if check.accepted and check.document is not None:
        lines.append("    " + tr(COMPARE_HINT))
    return "\n".join(lines)
