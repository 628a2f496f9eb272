"""Distance and travel-time matrices behind one interface, with a cache.

`HaversineProvider` is the default: great-circle distance times a circuity factor, driven at a constant mean speed.
The circuity factor (road distance / straight-line distance) of 1.3 is chosen for the Avesnois bocage: published
country-level circuity factors for European road networks lie around 1.2 to 1.4 (Ballou, Rahardja & Sakai 2002,
"Selected country circuity factors for road travel distance estimation", Transportation Research A 36), and short
trips between hamlets linked by winding departmental roads and lanes sit at the upper end of that range rather than
near the values of motorway corridors. For a known pair (Le Quesnoy to Bavay: 13.6 km straight, about 16 km by the
D932) it errs slightly on the long side, which keeps time windows on the safe side. The mean speed of 45 km/h is a
van's door-to-door average on 80 km/h departmental roads once village crossings (50 km/h), junctions and farm
tracks are counted.

`EuclideanProvider` serves planar benchmarks (Solomon): Euclidean distance truncated to one decimal, scaled to
integers, travel time equal to distance. `OsrmProvider` (osrm.py) asks a road-network server when `OSRM_URL` is set.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .problem import Point

EARTH_RADIUS_M = 6_371_008.8  # mean Earth radius (IUGG)
DEFAULT_CIRCUITY = 1.3
DEFAULT_SPEED_KMH = 45.0


@dataclass(frozen=True)
class Matrix:
    """Square matrices in integer metres and seconds; row = from, column = to, in the order of the points."""

    distances: tuple[tuple[int, ...], ...]
    durations: tuple[tuple[int, ...], ...]

    def __len__(self) -> int:
        return len(self.distances)

    def distance(self, frm: int, to: int) -> int:
        return self.distances[frm][to]

    def duration(self, frm: int, to: int) -> int:
        return self.durations[frm][to]


class DistanceProvider(Protocol):
    def matrix(self, points: Sequence[Point]) -> Matrix: ...

    def cache_key(self) -> str: ...


def great_circle_m(a: Point, b: Point) -> float:
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat, dlon = lat2 - lat1, math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class HaversineProvider:
    circuity: float = DEFAULT_CIRCUITY
    speed_kmh: float = DEFAULT_SPEED_KMH

    def __post_init__(self) -> None:
        if not 1.0 <= self.circuity <= 3.0:
            raise ValueError(f"Facteur de détour invalide ({self.circuity}) : attendu entre 1 et 3.")
        if not 1.0 <= self.speed_kmh <= 130.0:
            raise ValueError(f"Vitesse moyenne invalide ({self.speed_kmh} km/h).")

    def cache_key(self) -> str:
        return f"haversine:{self.circuity}:{self.speed_kmh}"

    def road_metres(self, a: Point, b: Point) -> int:
        return round(great_circle_m(a, b) * self.circuity)

    def matrix(self, points: Sequence[Point]) -> Matrix:
        metres_per_second = self.speed_kmh / 3.6
        distances = tuple(tuple(self.road_metres(a, b) for b in points) for a in points)
        durations = tuple(tuple(math.ceil(d / metres_per_second) for d in row) for row in distances)
        return Matrix(distances, durations)


@dataclass(frozen=True)
class EuclideanProvider:
    """Solomon convention: Euclidean distance truncated to one decimal, times `scale` (10) to stay integer."""

    scale: int = 10

    def cache_key(self) -> str:
        return f"euclidean:{self.scale}"

    def matrix(self, points: Sequence[Point]) -> Matrix:
        distances = tuple(
            tuple(math.floor(math.hypot(a.lon - b.lon, a.lat - b.lat) * self.scale + 1e-9) for b in points)
            for a in points
        )
        return Matrix(distances, distances)


class CachedProvider:
    """Memoises matrices by provider and exact coordinates; optionally also as JSON files in `directory`."""

    def __init__(self, inner: DistanceProvider, directory: Path | None = None) -> None:
        self.inner = inner
        self.directory = directory
        self._memory: dict[str, Matrix] = {}
        self.misses = 0

    def cache_key(self) -> str:
        return self.inner.cache_key()

    def _key(self, points: Sequence[Point]) -> str:
        raw = self.inner.cache_key() + "|" + ";".join(f"{p.lat:.6f},{p.lon:.6f}" for p in points)
        return hashlib.sha256(raw.encode()).hexdigest()

    def matrix(self, points: Sequence[Point]) -> Matrix:
        key = self._key(points)
        if key in self._memory:
            return self._memory[key]
        path = self.directory / f"{key}.json" if self.directory else None
        if path is not None and path.exists():
            stored = json.loads(path.read_text(encoding="utf-8"))
            found = Matrix(tuple(map(tuple, stored["distances"])), tuple(map(tuple, stored["durations"])))
        else:
            self.misses += 1
            found = self.inner.matrix(points)
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(json.dumps({"distances": found.distances, "durations": found.durations}))
        self._memory[key] = found
        return found


_SHARED: dict[tuple[str, str], CachedProvider] = {}


def default_provider(environ: dict[str, str] | None = None) -> CachedProvider:
    """OSRM when `OSRM_URL` is set, haversine otherwise; `PLANNING_CACHE_DIR` adds an on-disk cache.

    The same configuration gives back the same provider, so its in-memory cache lasts for the whole process."""
    env = os.environ if environ is None else environ
    osrm_url, cache_dir = env.get("OSRM_URL", ""), env.get("PLANNING_CACHE_DIR", "")
    key = (osrm_url, cache_dir)
    if key not in _SHARED:
        if osrm_url:
            from .osrm import OsrmProvider

            inner: DistanceProvider = OsrmProvider(osrm_url)
        else:
            inner = HaversineProvider()
        _SHARED[key] = CachedProvider(inner, Path(cache_dir) if cache_dir else None)
    return _SHARED[key]
