"""`kiosk print-test`: the technician's check when installing a kiosk. Prints a sample constancia
(clearly marked as a sample, signed with a throwaway key that no trust list knows) on the
configured queue and reports what happened to the job, so a wrong queue, a missing driver or an
empty tray shows up before the first citizen does."""

from __future__ import annotations

import asyncio
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from kiosk.documents import render_constancia
from kiosk.identity import make_dpi
from kiosk.portal.models import Certificate
from kiosk.printing import OnProblem, Outcome, PrintingError, print_pdf, printer_state
from kiosk.seals.codec import encode_seal
from kiosk.seals.keys import generate_private_key
from kiosk.seals.model import DocumentType, RecordResult, SealedDocument, add_months

SAMPLE_NAME = "MUESTRA DE IMPRESIÓN — SIN VALIDEZ"
SAMPLE_CODE = "CAP-0000-PRUEBA"


def sample_certificate(now: datetime | None = None) -> Certificate:
    issued = (now or datetime.now(UTC)).replace(microsecond=0)
    document = SealedDocument(
        type=DocumentType.CAP,
        code=SAMPLE_CODE,
        full_name=SAMPLE_NAME,
        dpi=make_dpi("00000001", 1, 1),
        birth_date=date(2000, 1, 1),
        result=RecordResult.NR,
        issued_at=issued,
        expires_at=add_months(issued, 6),
    )
    return Certificate(
        code=document.code,
        type=document.type.value,
        full_name=document.full_name,
        dpi=document.dpi,
        birth_date=document.birth_date,
        result=document.result.value,
        issued_at=document.issued_at,
        valid_until=document.expires_at,
        seal=encode_seal(document, generate_private_key()),
    )


async def run_print_test(queue: str, *, server: str | None, timeout: float) -> tuple[bool, str]:
    """(printed?, a report for the technician)."""
    lines: list[str] = []
    try:
        state = await printer_state(queue or None, server=server)
        lines.append(f"Impresora «{queue or 'predeterminada'}»: {state.message}")
        if state.reasons:
            lines.append(f"  Estado CUPS: {', '.join(state.reasons)}")
        with tempfile.TemporaryDirectory(prefix="kiosk-print-test-") as folder:
            pdf = Path(folder) / "muestra.pdf"
            pdf.write_bytes(render_constancia(sample_certificate()))
            # A test print goes out even when CUPS still shows an old alert: it is how a
            # technician clears one after refilling the tray.
            outcome = await print_pdf(
                pdf,
                queue=queue or None,
                server=server,
                title="Prueba de impresion OJ",
                timeout=timeout,
                check_first=False,
                on_problem=OnProblem.IGNORE,
            )
    except PrintingError as error:
        lines.append(f"Error: {error.message} ({error.kind.value})")
        return False, "\n".join(lines)
    job = f" (trabajo {outcome.job})" if outcome.job else ""
    lines.append(f"Resultado{job}: {outcome.outcome.value} en {outcome.elapsed:.1f} s")
    lines.append(outcome.message)
    return outcome.outcome is Outcome.COMPLETED, "\n".join(lines)


def main(queue: str, server: str | None, timeout: float) -> int:
    ok, report = asyncio.run(run_print_test(queue, server=server, timeout=timeout))
    print(report)
    return 0 if ok else 1
