"""Printing tests run against the session's private cupsd (see private_cupsd.py): a cups-pdf queue
``kiosk-pdf`` and failing queues (paper out, aborted). Its fixtures, ``cups``, ``make_queue`` and
``cups_pdf_outputs``, live in tests/conftest.py so that the UI journeys print on the same cupsd.
"""
