"""Image -> QR text for the kiosk (Qt-free): camera frames, files and keyboard-wedge scanners.

- ``frames``: ``GreyFrame``, the 8-bit grey frame the camera code hands over; the aim square.
- ``decoders``: zxing-cpp (default) or pyzbar behind ``Decoder``; ``make_decoder(engine)``.
- ``pipeline``: ``ScanPipeline(decoder).read(frame)``: cheap read first, enhancements in budget.
- ``confirm``: ``ScanConfirmer``: a text counts after N equal reads, and is announced once.
- ``wedge``: ``WedgeDetector``: a USB scanner typing like a keyboard, told from a person.
- ``files``: ``read_file_codes(path)``: the codes in an image or PDF file (``kiosk verify``).

Nothing is imported here, so that the GUI can use ``wedge`` and ``confirm`` without loading the
decoders (zxing-cpp, PDFium) at start-up.
"""
