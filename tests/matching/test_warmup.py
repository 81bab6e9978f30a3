"""Every table the engine reads on first use is read by warm_up(), so a process that warms
before serving never makes a visitor wait for one (nor reads it in several threads at once)."""

import importlib
import pkgutil

import reunify.matching
from reunify.matching.warmup import warm_up


def _loaders():
    """Every function of the engine that reads a table once (functools.cache, no argument)."""
    found = []
    for module_info in pkgutil.walk_packages(reunify.matching.__path__, "reunify.matching."):
        if module_info.name.endswith("__main__"):  # runs the command line when imported
            continue
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if (
                callable(value)
                and hasattr(value, "cache_info")
                and getattr(value, "__module__", None) == module.__name__
                and value.cache_parameters()["maxsize"] is None
                and value.__wrapped__.__code__.co_argcount == 0
            ):
                found.append((module.__name__, name, value))
    return found


def test_warm_up_reads_every_table_the_engine_loads_on_first_use():
    loaders = _loaders()
    assert len(loaders) > 10  # the search for them found them
    warm_up()
    missed = [f"{mod}.{name}" for mod, name, loader in loaders if not loader.cache_info().currsize]
    assert not missed, f"not read by warm_up(): {missed}"
