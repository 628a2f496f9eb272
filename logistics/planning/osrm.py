"""Road distances and durations from an OSRM server (`/table/v1/driving`), used when `OSRM_URL` is set.

OSRM servers cap the number of coordinates of one table request (`--max-table-size`, 100 by default), so larger
matrices are requested block by block with `sources` and `destinations`.
"""

from __future__ import annotations

import json
import math
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .distances import Matrix
from .problem import Point


class OsrmError(RuntimeError):
    """The OSRM server answered with an error, or could not route between two points."""


def table_url(base_url: str, points: Sequence[Point], sources: Sequence[int] | None = None,
              destinations: Sequence[int] | None = None) -> str:
    coordinates = ";".join(f"{p.lon:.6f},{p.lat:.6f}" for p in points)  # OSRM wants lon,lat
    url = f"{base_url.rstrip('/')}/table/v1/driving/{coordinates}?annotations=distance,duration"
    if sources is not None:
        url += "&sources=" + ";".join(map(str, sources))
    if destinations is not None:
        url += "&destinations=" + ";".join(map(str, destinations))
    return url


def parse_table(payload: dict, rows: int, columns: int) -> tuple[list[list[int]], list[list[int]]]:
    """Distances rounded to the metre and durations rounded up to the second, from a table response."""
    if payload.get("code") != "Ok":
        raise OsrmError(f"OSRM a répondu « {payload.get('code')} » : {payload.get('message', 'sans message')}.")
    distances, durations = payload.get("distances"), payload.get("durations")
    if distances is None or durations is None:
        raise OsrmError("Réponse OSRM sans distances ni durées : la requête doit demander "
                        "annotations=distance,duration.")
    if len(distances) != rows or any(len(row) != columns for row in distances):
        raise OsrmError(f"Réponse OSRM de taille inattendue (attendu {rows} x {columns}).")
    out_distances: list[list[int]] = []
    out_durations: list[list[int]] = []
    for i, (drow, trow) in enumerate(zip(distances, durations, strict=True)):
        for j, (d, t) in enumerate(zip(drow, trow, strict=True)):
            if d is None or t is None:
                raise OsrmError(f"OSRM ne trouve pas de route entre les points {i} et {j}.")
        out_distances.append([round(d) for d in drow])
        out_durations.append([math.ceil(t) for t in trow])
    return out_distances, out_durations


def _http_get_json(url: str, timeout: float) -> dict:
    if urlsplit(url).scheme not in ("http", "https"):
        raise OsrmError(f"OSRM_URL doit commencer par http:// ou https:// ({url[:40]}…).")
    request = urllib.request.Request(url, headers={"User-Agent": "comptoir-de-mormal-planning"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (scheme checked above)
            return json.loads(response.read().decode("utf-8"))
    except OSError as exc:
        raise OsrmError(f"Serveur OSRM injoignable : {exc}.") from exc


@dataclass(frozen=True)
class OsrmProvider:
    base_url: str
    max_table_size: int = 100
    timeout: float = 30.0
    fetch: Callable[[str, float], dict] = field(default=_http_get_json, compare=False, repr=False)

    def cache_key(self) -> str:
        return f"osrm:{self.base_url}"

    def matrix(self, points: Sequence[Point]) -> Matrix:
        n = len(points)
        if n <= self.max_table_size:
            distances, durations = parse_table(self.fetch(table_url(self.base_url, points), self.timeout), n, n)
            return Matrix(tuple(map(tuple, distances)), tuple(map(tuple, durations)))
        block = self.max_table_size // 2
        distances = [[0] * n for _ in range(n)]
        durations = [[0] * n for _ in range(n)]
        for row_start in range(0, n, block):
            rows = list(range(row_start, min(n, row_start + block)))
            for col_start in range(0, n, block):
                cols = list(range(col_start, min(n, col_start + block)))
                subset = [points[i] for i in rows] + [points[j] for j in cols]
                url = table_url(self.base_url, subset, range(len(rows)), range(len(rows), len(subset)))
                part_d, part_t = parse_table(self.fetch(url, self.timeout), len(rows), len(cols))
                for a, i in enumerate(rows):
                    for b, j in enumerate(cols):
                        distances[i][j], durations[i][j] = part_d[a][b], part_t[a][b]
        return Matrix(tuple(map(tuple, distances)), tuple(map(tuple, durations)))
