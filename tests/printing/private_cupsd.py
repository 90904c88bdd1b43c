"""A private cupsd for tests: its own config, spool and port; the system's cupsd is never touched.

Layout of the temporary directory (under /tmp, short and traversable: filters run as user "lp")::

    etc/   cupsd.conf, cups-files.conf, printers.conf and ppd/ (ServerRoot)
    spool/ RequestRoot, spool/tmp is TempDir       cache/ CacheDir       run/ StateDir
    lib/   ServerBin: symlinks to /usr/lib/cups/{filter,cgi-bin,daemon,notifier,monitor,driver},
           and backend/ with only cups-pdf (symlink) and kiosk-fail (scripts/test-cups)
    sbin/  a copy of /usr/sbin/cupsd: AppArmor confines /usr/sbin/cupsd by path on Ubuntu hosts,
           and that profile would not let the scheduler run backends from /tmp
    log/   error_log, access_log, page_log, cupsd.out

cupsd runs as root in the foreground (``cupsd -f``); backends with mode 0700 run as root, which
cups-pdf requires. cups-pdf reads /etc/cups/cups-pdf.conf (its path is compiled in; a PPD cannot
set a directory since PPD choices cannot hold "/"), so its PDFs land where that file says:
``Out ${HOME}/PDF`` on Debian, i.e. /root/PDF for root. ``cups_pdf_output_dir`` reads it.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FAILING_BACKEND = REPO / "scripts" / "test-cups" / "failing-backend"
CUPS_LIB = Path("/usr/lib/cups")
CUPSD = Path("/usr/sbin/cupsd")
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")
CUPS_PDF_MODEL = "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"
REQUIRED_PROGRAMS = ("lp", "lpstat", "cancel", "lpadmin", "cupsenable", "cupsdisable", "pdftotext")

CUPSD_CONF = """\
Listen 127.0.0.1:{port}
Browsing No
BrowseLocalProtocols none
WebInterface No
LogLevel {log_level}
DefaultAuthType None
DefaultEncryption Never
PreserveJobHistory Yes
MaxJobTime 60
<Location />
  Order allow,deny
  Allow localhost
</Location>
<Location /admin>
  Order allow,deny
  Allow localhost
</Location>
<Policy default>
  JobPrivateAccess all
  JobPrivateValues none
  SubscriptionPrivateAccess all
  SubscriptionPrivateValues none
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
"""

CUPS_FILES_CONF = """\
ServerRoot {base}/etc
RequestRoot {base}/spool
TempDir {base}/spool/tmp
CacheDir {base}/cache
StateDir {base}/run
ServerBin {base}/lib
DataDir /usr/share/cups
AccessLog {base}/log/access_log
ErrorLog {base}/log/error_log
PageLog {base}/log/page_log
FileDevice No
"""


class CupsdError(RuntimeError):
    pass


def missing_programs() -> list[str]:
    missing = [name for name in REQUIRED_PROGRAMS if shutil.which(name) is None]
    missing += [str(p) for p in (CUPSD, CUPS_LIB / "backend" / "cups-pdf") if not p.exists()]
    return missing


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def cups_pdf_output_dir(user: str) -> Path:
    """Where cups-pdf writes the PDFs of ``user``'s jobs, from /etc/cups/cups-pdf.conf."""
    out = "/var/spool/cups-pdf/${USER}"  # cups-pdf's built-in default
    if CUPS_PDF_CONF.exists():
        for line in CUPS_PDF_CONF.read_text(encoding="utf-8", errors="replace").splitlines():
            key, _sep, value = line.strip().partition(" ")
            if key == "Out" and value.strip():
                out = value.strip()
    home = pwd.getpwnam(user).pw_dir
    return Path(out.replace("${HOME}", home).replace("${USER}", user))


@dataclass(frozen=True)
class TestCups:
    """What the printing tests get from the session's private cupsd."""

    cupsd: PrivateCupsd
    server: str
    pdf_queue: str
    output_dir: Path  # where cups-pdf writes this user's PDFs

    __test__ = False  # not a test class, despite the name


class PrivateCupsd:
    """Start with ``start()``, stop with ``stop()``; ``server`` is "127.0.0.1:PORT"."""

    def __init__(self, log_level: str = "info") -> None:
        self.base = Path(tempfile.mkdtemp(prefix="kiosk-cups-"))
        self.base.chmod(0o755)  # filters run as "lp" and must reach the spool
        self.log_level = log_level
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def server(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def log_dir(self) -> Path:
        return self.base / "log"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
        env.update(LC_ALL="C", LANG="C", CUPS_SERVER=self.server)
        return env

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """A CUPS command against this cupsd (C locale)."""
        result = subprocess.run(
            args, env=self.env(), capture_output=True, text=True, timeout=30, check=False
        )
        if check and result.returncode != 0:
            raise CupsdError(f"{' '.join(args)} failed ({result.returncode}): {result.stderr}")
        return result

    # --- set-up ---------------------------------------------------------------------------

    def _layout(self) -> None:
        for sub in ("etc/ppd", "spool/tmp", "cache", "run", "lib/backend", "sbin", "log"):
            (self.base / sub).mkdir(parents=True, exist_ok=True)
        for name in ("filter", "cgi-bin", "daemon", "notifier", "monitor", "driver"):
            if (CUPS_LIB / name).exists():
                (self.base / "lib" / name).symlink_to(CUPS_LIB / name)
        # Only our backends: cups-pdf (0700 root, so cupsd runs it as root) and the failing one.
        (self.base / "lib/backend/cups-pdf").symlink_to(CUPS_LIB / "backend" / "cups-pdf")
        failing = self.base / "lib/backend/kiosk-fail"
        shutil.copyfile(FAILING_BACKEND, failing)
        failing.chmod(0o755)  # not 0700: runs as "lp", it needs no privileges
        shutil.copy2(CUPSD, self.base / "sbin/cupsd")
        (self.base / "etc/cups-files.conf").write_text(CUPS_FILES_CONF.format(base=self.base))

    def start(self, timeout: float = 20.0) -> None:
        self._layout()
        problems: list[str] = []
        for _attempt in range(3):  # the free port may be taken between probe and bind
            self.port = free_port()
            conf = CUPSD_CONF.format(port=self.port, log_level=self.log_level)
            (self.base / "etc/cupsd.conf").write_text(conf)
            out = (self.log_dir / "cupsd.out").open("ab")
            self.process = subprocess.Popen(
                [
                    str(self.base / "sbin/cupsd"),
                    "-f",
                    "-c",
                    str(self.base / "etc/cupsd.conf"),
                    "-s",
                    str(self.base / "etc/cups-files.conf"),
                ],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                env={k: v for k, v in self.env().items() if not k.startswith("CUPS_")},
            )
            out.close()
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline and self.process.poll() is None:
                if "scheduler is running" in self.run("lpstat", "-r", check=False).stdout:
                    return
                time.sleep(0.05)
            problems.append(self._failure_report())
            self._terminate()
        raise CupsdError("cupsd did not start:\n" + "\n".join(problems))

    def _failure_report(self) -> str:
        status = "running" if self.process and self.process.poll() is None else "exited"
        logs = []
        for name in ("cupsd.out", "error_log"):
            path = self.log_dir / name
            if path.exists():
                logs.append(f"--- {name} ---\n{path.read_text(errors='replace')[-3000:]}")
        return f"cupsd on port {self.port} ({status}):\n" + "\n".join(logs)

    def add_cups_pdf_queue(self, name: str) -> None:
        """A cups-pdf queue: Letter paper, file name from the job title plus "-job_N"."""
        self.run(
            "lpadmin", "-p", name, "-E", "-v", "cups-pdf:/", "-m", CUPS_PDF_MODEL,
            "-o", "PageSize=Letter", "-o", "TitlePref=1", "-o", "Label=2", "-o", "LogType=1",
        )  # fmt: skip

    def add_failing_queue(self, name: str, mode: str = "media-empty", **options: str) -> None:
        """A raw queue on scripts/test-cups/failing-backend (``mode``: media-empty or abort)."""
        args = ["lpadmin", "-p", name, "-E", "-v", f"kiosk-fail:/{mode}"]
        for key, value in options.items():
            args += ["-o", f"{key.replace('_', '-')}={value}"]
        self.run(*args)

    def delete_queue(self, name: str) -> None:
        self.run("lpadmin", "-x", name, check=False)

    # --- tear-down ------------------------------------------------------------------------

    def _terminate(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)

    def stop(self, keep: bool = False) -> None:
        """Stop cupsd; remove its directory unless ``keep`` (to read the logs of a failure)."""
        self._terminate()
        if not keep:
            shutil.rmtree(self.base, ignore_errors=True)
