"""The OJ seal (SEAL.md): a signed QR text a kiosk verifies offline. Pure: no Qt, no network.

Import from the module that says it: ``kiosk.seals.verify.verify_seal`` for scanned text,
``kiosk.seals.codec.encode_seal`` for issuers (the sandbox), ``kiosk.seals.trustlist`` for the
signed list of keys. The package itself loads nothing: cbor2 and cryptography cost 40 ms the kiosk
only pays at the first scan.
"""
