"""Writes a benchmark's results into its own section of docs/benchmarks.md."""

import datetime
import os
import platform
import re
import time
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "benchmarks.md"


def machine() -> str:
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{platform.node() or 'machine'}: {os.cpu_count()} cores, {mem_gib:.0f} GiB, "
            f"{platform.platform(terse=True)}, Python {platform.python_version()}")


def _reference_work() -> int:
    """A fixed piece of plain Python shaped like the API's own work (calls, attributes, small dicts, strings)."""
    class Card:
        def __init__(self, number):
            self.number = number
            self.name = f"Produit {number}"

        def as_dict(self):
            return {"id": self.number, "name": self.name, "price": self.number * 1.055}

    total = 0
    for number in range(100_000):
        total += len(Card(number).as_dict()["name"])
    return total


def reference_ms(runs: int = 7) -> float:
    """CPU milliseconds of the reference work, best of `runs`: how fast this machine runs Python right now.
    Machines lent to this project have differed by more than twice for the same code, and one machine drifts from
    minute to minute: each section gives this figure, so that its results can be compared with another's."""
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        _reference_work()
        best = min(best, time.process_time() - started)
    return best * 1000


def write_section(name: str, body: str, command: str) -> None:
    """Replace the text between <!-- section:NAME --> and <!-- /section:NAME --> (appending the section if absent)."""
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    speed = f"{reference_ms():.0f}".replace(".", ",")
    content = (f"Measured {stamp} on {machine()}; reference work {speed} ms (`tests/benchmarks/report.py`, lower is "
               f"faster).\nCommand: `{command}`\n\n{body.strip()}\n")
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    start, end = f"<!-- section:{name} -->", f"<!-- /section:{name} -->"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    block = f"{start}\n{content}{end}"
    text = pattern.sub(lambda _m: block, text) if pattern.search(text) else f"{text}\n## {name}\n{block}\n"
    DOC.write_text(text, encoding="utf-8")
