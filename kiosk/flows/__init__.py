"""The flow engine (no Qt): flows are data (``model``), walked by ``engine.FlowRun``.

``fields`` turns typed text into answers and answers into review text; ``registry.FLOWS`` lists
the services; one module per service (``account``, ...) declares its flow.
"""
