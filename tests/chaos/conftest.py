"""A failing chaos check says what the worker, beat, Redis and the SMTP server had logged at
that moment: the report is made before the module's processes are stopped."""

import pytest

from tests.chaos.stack import diagnostics


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    stack = getattr(item, "funcargs", {}).get("stack")
    if report.failed and isinstance(stack, dict) and "folder" in stack:
        text = diagnostics(stack)
        report.sections.append(("chaos: logs when the check failed", text))
        print(f"\n{item.nodeid} failed ({report.when}):\n{text}", flush=True)  # -s shows it now
    return report
