"""One module (or package) per portal service: its flow, portal actions, printouts and tile, in a
``SERVICE`` descriptor (``base.Service``). ``registry`` collects and checks them at import."""
