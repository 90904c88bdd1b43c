"""HTTP routes of the sandbox portal, one module per group of the API contract."""
