"""The clerk's audit log (issue 14, item 3): a local hash chain in SQLite, its check, and the
queue that sends it to the portal in order. Qt-free: the desk screens append, ``kiosk audit
verify`` checks, ``AuditSender`` sends."""

from kiosk.audit.log import AuditEntry, AuditLog, VerifyResult, default_log_path, verify

__all__ = ["AuditEntry", "AuditLog", "VerifyResult", "default_log_path", "verify"]
