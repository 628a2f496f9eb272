"""Writes a benchmark's results into its own section of docs/benchmarks.md."""

import datetime
import os
import platform
import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "benchmarks.md"


def machine() -> str:
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{platform.node() or 'machine'}: {os.cpu_count()} cores, {mem_gib:.0f} GiB, "
            f"{platform.platform(terse=True)}, Python {platform.python_version()}")


def write_section(name: str, body: str, command: str) -> None:
    """Replace the text between <!-- section:NAME --> and <!-- /section:NAME --> (appending the section if absent)."""
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    content = f"Measured {stamp} on {machine()}.\nCommand: `{command}`\n\n{body.strip()}\n"
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    start, end = f"<!-- section:{name} -->", f"<!-- /section:{name} -->"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    block = f"{start}\n{content}{end}"
    text = pattern.sub(lambda _m: block, text) if pattern.search(text) else f"{text}\n## {name}\n{block}\n"
    DOC.write_text(text, encoding="utf-8")
