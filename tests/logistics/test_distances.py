"""Distance providers: haversine with circuity, Solomon's truncated Euclidean, OSRM from a recorded answer, cache."""

import json
import math
from pathlib import Path

import pytest

from logistics.planning.distances import (
    CachedProvider,
    EuclideanProvider,
    HaversineProvider,
    default_provider,
    great_circle_m,
)
from logistics.planning.osrm import OsrmError, OsrmProvider, parse_table, table_url
from logistics.planning.problem import Point

LE_QUESNOY = Point(50.25066, 3.62397)
BAVAY = Point(50.29340, 3.80266)
LANDRECIES = Point(50.12012, 3.68896)
FIXTURE = Path(__file__).parent / "fixtures" / "osrm_table_le_quesnoy.json"


def equirectangular_m(a: Point, b: Point) -> float:
    """An independent flat-Earth approximation, exact to well under 0.1 % at 15 km."""
    mean_lat = math.radians((a.lat + b.lat) / 2)
    x = math.radians(b.lon - a.lon) * math.cos(mean_lat)
    y = math.radians(b.lat - a.lat)
    return 6_371_008.8 * math.hypot(x, y)


def test_le_quesnoy_to_bavay_is_about_13_5_km_as_the_crow_flies():
    # given the two town centres
    reference = equirectangular_m(LE_QUESNOY, BAVAY)
    # when measured on the sphere
    straight = great_circle_m(LE_QUESNOY, BAVAY)
    # then both agree within 0.05 % and the distance is the known ~13.6 km
    assert abs(straight - reference) < 0.0005 * reference
    assert 13_400 < straight < 13_700
    assert great_circle_m(LE_QUESNOY, LE_QUESNOY) == 0


def test_haversine_provider_applies_circuity_and_speed():
    # given the default provider (circuity 1.3, 45 km/h)
    provider = HaversineProvider()
    # when a matrix is built for Le Quesnoy and Bavay
    matrix = provider.matrix([LE_QUESNOY, BAVAY])
    # then road metres = straight line x 1.3 and seconds = metres / 12.5 m/s rounded up
    road = round(great_circle_m(LE_QUESNOY, BAVAY) * 1.3)
    assert matrix.distance(0, 1) == road == matrix.distance(1, 0)
    assert matrix.duration(0, 1) == math.ceil(road / (45 / 3.6))
    assert matrix.distance(0, 0) == 0 and matrix.duration(1, 1) == 0
    assert 17_500 < road < 17_800


def test_haversine_provider_refuses_absurd_parameters():
    with pytest.raises(ValueError, match="Facteur de détour invalide"):
        HaversineProvider(circuity=0.8)
    with pytest.raises(ValueError, match="Vitesse moyenne invalide"):
        HaversineProvider(speed_kmh=0)


def test_euclidean_provider_truncates_to_one_decimal_scaled_by_ten():
    # given Solomon points (x in lon, y in lat): distance sqrt(2) = 1.414... and 5
    matrix = EuclideanProvider().matrix([Point(0, 0), Point(1, 1), Point(4, 3)])
    assert matrix.distance(0, 1) == 14  # 1.4 after truncation, not 1.414
    assert matrix.distance(0, 2) == 50
    assert matrix.durations == matrix.distances


def test_osrm_request_url_has_lon_lat_order_and_annotations():
    url = table_url("http://osrm.local:5000/", [LE_QUESNOY, BAVAY])
    assert url == ("http://osrm.local:5000/table/v1/driving/3.623970,50.250660;3.802660,50.293400"
                   "?annotations=distance,duration")
    assert table_url("http://o", [BAVAY], [0], [0]).endswith("&sources=0&destinations=0")


def test_osrm_provider_parses_the_recorded_response():
    # given a provider whose HTTP call returns the recorded answer
    seen = []

    def fetch(url, timeout):
        seen.append((url, timeout))
        return json.loads(FIXTURE.read_text())

    provider = OsrmProvider("http://osrm.local:5000", fetch=fetch)
    # when the matrix of the three towns is asked
    matrix = provider.matrix([LE_QUESNOY, BAVAY, LANDRECIES])
    # then one request was sent and figures are rounded metres and seconds rounded up
    assert seen == [(table_url("http://osrm.local:5000", [LE_QUESNOY, BAVAY, LANDRECIES]), 30.0)]
    assert matrix.distances == ((0, 16185, 20987), (16203, 0, 24414), (21040, 24390, 0))
    assert matrix.durations == ((0, 1072, 1379), (1070, 0, 1666), (1382, 1664, 0))


def test_osrm_provider_splits_large_tables_into_blocks():
    # given a server limited to 4 coordinates per request and 5 points
    points = [Point(50.2 + i / 100, 3.6) for i in range(5)]
    requests = []

    def fetch(url, timeout):
        requests.append(url)
        query = dict(part.split("=") for part in url.split("?")[1].split("&"))
        rows, cols = query["sources"].split(";"), query["destinations"].split(";")
        coords = url.split("/driving/")[1].split("?")[0].split(";")
        lat = [float(c.split(",")[1]) for c in coords]
        return {"code": "Ok",
                "distances": [[abs(lat[int(r)] - lat[int(c)]) * 100_000 for c in cols] for r in rows],
                "durations": [[abs(lat[int(r)] - lat[int(c)]) * 10_000 for c in cols] for r in rows]}

    matrix = OsrmProvider("http://o", max_table_size=4, fetch=fetch).matrix(points)
    # then 3 x 3 blocks of at most 2 rows and 2 columns were requested and reassembled in place
    assert len(requests) == 9
    assert matrix.distance(0, 4) == 4000 and matrix.distance(4, 1) == 3000 and matrix.distance(2, 2) == 0
    assert matrix.duration(1, 3) == 200


def test_osrm_errors_are_typed_and_explained():
    with pytest.raises(OsrmError, match="OSRM a répondu « InvalidQuery »"):
        parse_table({"code": "InvalidQuery", "message": "Query string malformed"}, 1, 1)
    with pytest.raises(OsrmError, match="pas de route entre les points 0 et 1"):
        parse_table({"code": "Ok", "distances": [[0, None]], "durations": [[0, None]]}, 1, 2)
    with pytest.raises(OsrmError, match="taille inattendue"):
        parse_table({"code": "Ok", "distances": [[0]], "durations": [[0]]}, 2, 2)
    with pytest.raises(OsrmError, match="doit commencer par http"):
        OsrmProvider("file:///etc").matrix([LE_QUESNOY])


def test_cache_asks_the_provider_once_per_point_set_and_persists_to_disk(tmp_path):
    # given a cached haversine provider with an on-disk directory
    cached = CachedProvider(HaversineProvider(), tmp_path)
    # when the same matrix is asked twice, then by a fresh cache on the same directory
    first = cached.matrix([LE_QUESNOY, BAVAY])
    again = cached.matrix([LE_QUESNOY, BAVAY])
    fresh = CachedProvider(HaversineProvider(), tmp_path)
    from_disk = fresh.matrix([LE_QUESNOY, BAVAY])
    # then the provider computed it once, one file was written, and the disk copy is identical
    assert cached.misses == 1 and again is first
    assert fresh.misses == 0 and from_disk == first
    assert len(list(tmp_path.glob("*.json"))) == 1
    cached.matrix([BAVAY, LE_QUESNOY])
    assert cached.misses == 2


def test_default_provider_is_osrm_only_when_osrm_url_is_set(tmp_path):
    assert isinstance(default_provider({}).inner, HaversineProvider)
    assert default_provider({}) is default_provider({})  # one shared in-memory cache per configuration
    chosen = default_provider({"OSRM_URL": "http://osrm.local:5000", "PLANNING_CACHE_DIR": str(tmp_path)})
    assert isinstance(chosen.inner, OsrmProvider)
    assert chosen.inner.base_url == "http://osrm.local:5000"
    assert chosen.directory == tmp_path
