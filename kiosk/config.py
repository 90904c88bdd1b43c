"""One Settings object for the whole kiosk: a TOML file plus KIOSK_* environment variables.

Precedence, highest first: command-line overrides, environment (``KIOSK_PORTAL__URL=...``; nested
keys joined with ``__``), the TOML file (``--config PATH`` or ``KIOSK_CONFIG``), the defaults below.
Every key is documented in ``resources/kiosk.example.toml``. Unknown keys and bad values are
errors that name the key, so a typo on a fleet machine never silently falls back to a default.
"""

from __future__ import annotations

import errno
import ipaddress
import json
import os
import re
import tomllib
from enum import StrEnum
from pathlib import Path
from typing import Any, ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

ENV_PREFIX = "KIOSK_"
CONFIG_ENV = "KIOSK_CONFIG"
# pbkdf2_sha256$<iterations>$<salt b64>$<hash b64>, written by `kiosk hash-pin`
PIN_HASH_PATTERN = re.compile(
    r"^pbkdf2_sha256\$\d{5,7}\$[A-Za-z0-9+/=_-]{16,}\$[A-Za-z0-9+/=_-]{32,}$"
)


class Mode(StrEnum):
    KIOSK = "kiosk"  # full screen, locked down, for walk-in citizens
    DESK = "desk"  # a normal window at a staff-assisted service desk


class ScannerEngine(StrEnum):
    ZXING = "zxing-cpp"
    PYZBAR = "pyzbar"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PortalSettings(_Section):
    url: str = Field(
        default="", description="Portal base URL; empty starts the embedded sandbox portal"
    )
    connect_timeout: float = Field(default=3.0, gt=0, le=60)
    read_timeout: float = Field(default=10.0, gt=0, le=300)
    retries: int = Field(default=2, ge=0, le=5, description="extra tries for idempotent GETs")
    sandbox_data_dir: Path | None = Field(
        default=None, description="data directory of the embedded sandbox (platformdirs default)"
    )
    sandbox_seed: int = Field(default=2026, ge=0)
    # The first start seeds every service's data at real volume (~15 s on a slow machine).
    sandbox_start_timeout: float = Field(default=120.0, gt=0, le=600)
    recheck_seconds: int = Field(
        default=15, ge=2, le=600, description="while the portal is unreachable, how often to ask"
    )
    public_url: str = Field(
        default="",
        description="public portal address printed on documents; its /verificar/ links are "
        "checked online like the configured portal's",
    )

    @field_validator("url", "public_url")
    @classmethod
    def _url_shape(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if value and not re.match(r"^https?://[^\s/]+", value):
            raise ValueError("debe empezar con http:// o https:// (o quedar vacío)")
        if value:
            _check_url_host(value)
        return value


class KioskSettings(_Section):
    id: str = Field(default="GT-SANDBOX-0001", pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$")
    token: str = Field(default="", description="device token issued by the portal")
    mode: Mode = Mode.KIOSK
    language: Literal["es", "en"] = "es"
    courthouse: str = Field(
        default="torre-tribunales",
        pattern=r"^[a-z][a-z0-9-]{1,39}$",
        description="the courthouse (sede) the terminal stands in, as the portal names it",
    )
    location: str = Field(
        default="",
        max_length=80,
        description="where in the courthouse it stands, for the desk: «Vestíbulo, primer nivel»",
    )


class IdleSettings(_Section):
    timeout_seconds: int = Field(default=90, ge=10, le=3600)
    countdown_seconds: int = Field(default=20, ge=5, le=300)


class PrinterSettings(_Section):
    queue: str = Field(default="", description="CUPS queue; empty uses the system default")
    job_timeout_seconds: int = Field(default=120, ge=5, le=1800)


class ScannerSettings(_Section):
    engine: ScannerEngine = ScannerEngine.ZXING
    camera: str = Field(default="", description="camera id; empty uses the default camera")


class TrustSettings(_Section):
    root_key: Path | None = Field(
        default=None, description="PEM of the pinned OJ root key; the embedded sandbox sets its own"
    )
    cache_dir: Path | None = None
    offline_grace_days: int = Field(
        default=3, ge=0, le=30, description="days past the list's next_update of offline verdicts"
    )


class StaffSettings(_Section):
    pin_hash: str = Field(default="", description="output of `kiosk hash-pin`; empty: no exit")

    @field_validator("pin_hash")
    @classmethod
    def _pin_shape(cls, value: str) -> str:
        if value and not PIN_HASH_PATTERN.match(value):
            raise ValueError("no es un hash de `kiosk hash-pin` (pbkdf2_sha256$...)")
        return value


class LogSettings(_Section):
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    file: Path | None = None

    @field_validator("file")
    @classmethod
    def _file_place(cls, value: Path | None) -> Path | None:
        if value is None:
            return value
        if value.is_dir():
            raise ValueError("es una carpeta; indique un archivo, p. ej. /var/log/kiosk/kiosk.log")
        for folder in (value.parent, *value.parent.parents):
            if folder.exists() and not folder.is_dir():
                raise ValueError(f"{folder} es un archivo, no una carpeta")
        return value


class AuditSettings(_Section):
    # Empty: the kiosk's own data folder (platformdirs user_data_dir "oj-kiosk", see
    # kiosk.audit.default_log_path), beside the trust list's folder but not in a cache, which
    # the system may clean: the log is a record, not something to fetch again.
    path: Path | None = Field(
        default=None, description="SQLite file of the clerk's audit log (hash chain)"
    )


class DeskSettings(_Section):
    idle_minutes: int = Field(
        default=10, ge=1, le=120, description="minutes without use before a clerk is signed out"
    )
    help_poll_seconds: int = Field(
        default=10, ge=2, le=300, description="how often a desk asks for the public kiosks' calls"
    )
    audit_send_seconds: int = Field(
        default=30, ge=1, le=3600, description="how often queued audit entries are sent"
    )
    reports_dir: Path | None = Field(
        default=None, description="folder for the end-of-day PDF; empty: the user's documents"
    )


class HeartbeatSettings(_Section):
    interval_seconds: int = Field(
        default=60, ge=5, le=3600, description="how often the kiosk tells the portal it is alive"
    )
    max_backoff_seconds: int = Field(
        default=600,
        ge=5,
        le=7200,
        description="longest wait between tries while the portal is down",
    )


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter="__",
        extra="forbid",
        frozen=True,
    )

    portal: PortalSettings = PortalSettings()
    kiosk: KioskSettings = KioskSettings()
    idle: IdleSettings = IdleSettings()
    printer: PrinterSettings = PrinterSettings()
    scanner: ScannerSettings = ScannerSettings()
    trust: TrustSettings = TrustSettings()
    staff: StaffSettings = StaffSettings()
    log: LogSettings = LogSettings()
    audit: AuditSettings = AuditSettings()
    desk: DeskSettings = DeskSettings()
    heartbeat: HeartbeatSettings = HeartbeatSettings()

    _toml_file: ClassVar[Path | None] = None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if cls._toml_file is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=cls._toml_file))
        return tuple(sources)


class ConfigError(Exception):
    """A configuration problem, with the offending key named (exit status 2)."""

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"{key}: {problem}")
        self.key = key
        self.problem = problem


def load_settings(
    config_file: str | Path | None = None,
    overrides: dict[str, Any] | None = None,
) -> Settings:
    """Build the Settings from file, environment and overrides; ConfigError names a bad key."""
    env = dict(os.environ)
    path = config_file or env.get(CONFIG_ENV) or None
    toml_path: Path | None = None
    if path:
        toml_path = Path(path).expanduser()
        _check_toml(toml_path)
    _check_env_keys(env)

    class _Loaded(Settings):
        _toml_file: ClassVar[Path | None] = toml_path

    try:
        return _Loaded(**(overrides or {}))
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"]) or "(raíz)"
        raise ConfigError(key, _spanish_problem(first)) from None


def _check_toml(path: Path) -> None:
    if path.is_dir():
        raise ConfigError(str(path), "es una carpeta, no un archivo de configuración")
    if not path.is_file():
        raise ConfigError(str(path), "no existe el archivo de configuración")
    try:
        tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"el archivo no es TOML válido ({exc})") from None
    except OSError as exc:
        raise ConfigError(
            str(path), f"no se puede leer el archivo ({os_error_text(exc)})"
        ) from None


def _check_env_keys(env: dict[str, str]) -> None:
    known = set(Settings.model_fields)
    for name in env:
        if not name.startswith(ENV_PREFIX) or name == CONFIG_ENV:
            continue
        section, nested, _ = name[len(ENV_PREFIX) :].partition("__")
        if section.lower() not in known:
            raise ConfigError(name, "variable de entorno desconocida")
        if not nested:
            _check_section_json(name, env[name])


def _check_section_json(name: str, value: str) -> None:
    """A whole-section variable (``KIOSK_PORTAL``) is parsed as JSON by pydantic-settings."""
    try:
        json.loads(value)
    except ValueError:
        raise ConfigError(
            name,
            'no es JSON válido; una sección entera se escribe como objeto JSON ({"clave": valor}), '
            f"o use una variable por clave: {name}__CLAVE",
        ) from None


_OS_ERRORS = {
    errno.EACCES: "permiso denegado",
    errno.EPERM: "operación no permitida",
    errno.ENOENT: "no existe",
    errno.EISDIR: "es una carpeta",
    errno.ENOTDIR: "una parte de la ruta no es una carpeta",
    errno.EROFS: "sistema de archivos de solo lectura",
    errno.ENOSPC: "no queda espacio en el disco",
}


def os_error_text(exc: OSError) -> str:
    """Why a file could not be opened, in Spanish (the errno's English text as a fallback)."""
    return _OS_ERRORS.get(exc.errno or 0) or exc.strerror or type(exc).__name__


def _spanish_problem(error: Any) -> str:
    kind = error.get("type", "")
    if kind == "extra_forbidden":
        return "clave desconocida"
    if kind == "missing":
        return "falta este valor"
    message = str(error.get("msg", "valor no válido"))
    return message.removeprefix("Value error, ")


def _check_url_host(url: str) -> None:
    """The host httpx really connects to: no userinfo, and plain http only on loopback."""
    parts = urlsplit(url)
    if "@" in parts.netloc:
        raise ValueError(
            "la dirección no debe llevar usuario ni contraseña (usuario@servidor); "
            "escriba solo https://servidor"
        )
    if "?" in url or "#" in url:
        raise ValueError("la dirección base no debe llevar ? ni #")
    try:
        parts.port  # noqa: B018 - a bad port raises here
    except ValueError:
        raise ValueError("el puerto de la dirección no es válido") from None
    host = parts.hostname or ""
    if not host:
        raise ValueError("falta el nombre del servidor en la dirección")
    if parts.scheme == "http" and not _is_loopback_host(host):
        raise ValueError(
            "http sin cifrar solo se permite en loopback (127.0.0.1, ::1 o localhost); use https://"
        )


def _is_loopback_host(host: str) -> bool:
    """``localhost`` exactly, or a loopback IP literal (127.0.0.0/8, ::1); never a name."""
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback
