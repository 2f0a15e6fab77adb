"""Schemathesis hooks for ApiFuzzIT (loaded through SCHEMATHESIS_HOOKS=fuzz_hooks).

- problem_json_errors: every 4xx/5xx answer is application/problem+json whose status is the
  HTTP status (the document says so too; this also covers answers it does not list).
- Path parameters are sometimes swapped for ids that exist (FUZZ_MIGRATION_IDS, FUZZ_BATCH_IDS,
  comma-separated), so the operations on a real run are reached as well as the 404s.
- POST /migrations bodies with the same source and destination org are left out: the document
  cannot state that rule, and the API's tests check its 400.
- Every answer is counted by status class; the counts go to FUZZ_FIGURES (a JSON file) at exit.
"""

import atexit
import json
import os
import re
import threading

import schemathesis
from hypothesis import strategies as st

ORG_ID = re.compile(r"^[a-z0-9-]{1,60}$")
KNOWN = {
    "sourceOrgId": [i for i in os.environ.get("FUZZ_MIGRATION_IDS", "").split(",") if i],
    "batchId": [i for i in os.environ.get("FUZZ_BATCH_IDS", "").split(",") if i],
}

_lock = threading.Lock()
_figures = {"requests": 0, "byStatus": {}}


@schemathesis.check
def problem_json_errors(ctx, response, case):
    """A 4xx or 5xx answer is an RFC 7807 problem of the same status."""
    if response.status_code < 400:
        return None
    content_type = response.headers.get("content-type", [""])
    if isinstance(content_type, list):
        content_type = content_type[0] if content_type else ""
    if not content_type.lower().startswith("application/problem+json"):
        raise AssertionError(
            f"{response.status_code} answered as {content_type or 'no Content-Type'}, "
            "not application/problem+json"
        )
    try:
        body = json.loads(response.content)
    except ValueError as e:
        raise AssertionError(f"{response.status_code} problem body is not JSON: {e}")
    if not isinstance(body, dict) or body.get("status") != response.status_code:
        raise AssertionError(
            f"problem body's status {body.get('status') if isinstance(body, dict) else body!r} "
            f"is not the HTTP status {response.status_code}"
        )
    if not body.get("title"):
        raise AssertionError(f"{response.status_code} problem without a title")
    return None


@schemathesis.hook
def flatmap_path_parameters(ctx, path_parameters):
    if not path_parameters:
        return st.just(path_parameters)
    choices = [st.just(path_parameters)]
    for name, ids in KNOWN.items():
        value = path_parameters.get(name)
        # only a value that already keeps the rule is swapped, so negative cases stay negative
        if ids and isinstance(value, str) and ORG_ID.match(value):
            choices.append(st.sampled_from(ids).map(lambda i, n=name: {**path_parameters, n: i}))
    return st.one_of(*choices)


@schemathesis.hook
def filter_body(ctx, body):
    operation = ctx.operation
    if operation is None or operation.method.upper() != "POST" or operation.path != "/migrations":
        return True
    if isinstance(body, dict):
        source = body.get("sourceOrgId")
        return not (isinstance(source, str) and source == body.get("destinationOrgId"))
    return True


@schemathesis.hook
def after_call(ctx, case, response):
    status = f"{response.status_code // 100}xx"
    with _lock:
        _figures["requests"] += 1
        _figures["byStatus"][status] = _figures["byStatus"].get(status, 0) + 1


def _write_figures():
    path = os.environ.get("FUZZ_FIGURES")
    if path:
        with _lock, open(path, "w", encoding="utf-8") as out:
            json.dump(_figures, out)


atexit.register(_write_figures)
