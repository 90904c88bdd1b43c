"""The command-line entry points of the `kiosk` program.

``cli`` is the `kiosk` command itself (it opens the kiosk window, and dispatches the
subcommands); ``verify`` is `kiosk verify`, the clerk's check of documents; ``print_test`` is
`kiosk print-test`, the technician's sample printout. None of them imports Qt at module level:
``cli`` imports ``kiosk.app`` only inside the function that opens the window.
"""
