"""The one mechanism by which the suite's own flows get past its write guards.

A guarded ``write``/``create``/``unlink`` lets a change through only when
``is_internal(env)`` holds, i.e. when the context carries the marker object
below under ``ps_internal``. It is a Python object, not a string or a number:
a JSON-RPC client can send any context key, but never this object, so no
context a user can forge changes what that user may do. Server code enters
the internal mode with ``internal(records)``, right where the flow (a button,
an approval, a cron) has already checked who acts.
"""

INTERNAL = object()
CONTEXT_KEY = "ps_internal"


def internal(records):
    """``records`` with the marker in their context: their writes are the system's."""
    return records.with_context(**{CONTEXT_KEY: INTERNAL})


def is_internal(env):
    """Whether ``env`` was entered through ``internal()`` by server code."""
    return env.context.get(CONTEXT_KEY) is INTERNAL


def is_system(env):
    """Whether the server itself acts in ``env``: superuser code (``sudo()``,
    data loading, crons as root) or a flow in internal mode. The guards let
    these through and refuse everything else, whatever the context says."""
    return env.su or is_internal(env)
