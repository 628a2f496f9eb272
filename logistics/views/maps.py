"""The rounds drawn as an inline SVG on the server (useful without tiles or JavaScript), and as data for Leaflet."""

from dataclasses import dataclass

COLOURS = ("#1b6e3a", "#b4490c", "#1f4e9c", "#8a1c7c", "#6b5a00", "#0b7285")
WIDTH, HEIGHT, MARGIN = 640, 420, 24


@dataclass(frozen=True)
class SvgRound:
    label: str
    colour: str
    path: str
    points: list  # [(x, y, number, name)]


def round_colour(index: int) -> str:
    return COLOURS[index % len(COLOURS)]


def svg_map(hub, rounds_with_stops) -> dict:
    """hub: (lat, lon, name); rounds_with_stops: [(label, [stop, ...])]. Coordinates projected on a plain
    equirectangular grid, corrected by cos(latitude): exact enough for a territory 40 km wide."""
    import math

    points = [(hub[0], hub[1])] + [(s.latitude, s.longitude) for _, stops in rounds_with_stops for s in stops]
    lat_min, lat_max = min(p[0] for p in points), max(p[0] for p in points)
    lon_min, lon_max = min(p[1] for p in points), max(p[1] for p in points)
    k = math.cos(math.radians((lat_min + lat_max) / 2))
    span_x, span_y = max((lon_max - lon_min) * k, 1e-3), max(lat_max - lat_min, 1e-3)
    scale = min((WIDTH - 2 * MARGIN) / span_x, (HEIGHT - 2 * MARGIN) / span_y)

    def xy(lat, lon):
        return round(MARGIN + (lon - lon_min) * k * scale, 1), round(HEIGHT - MARGIN - (lat - lat_min) * scale, 1)

    hub_xy = xy(hub[0], hub[1])
    drawn = []
    for index, (label, stops) in enumerate(rounds_with_stops):
        coords = [hub_xy] + [xy(s.latitude, s.longitude) for s in stops] + [hub_xy]
        drawn.append(SvgRound(label, round_colour(index), " ".join(f"{x},{y}" for x, y in coords),
                              [(*xy(s.latitude, s.longitude), n, s.name) for n, s in enumerate(stops, start=1)]))
    return {"width": WIDTH, "height": HEIGHT, "hub_box": (hub_xy[0] - 7, hub_xy[1] - 7), "hub_name": hub[2],
            "rounds": drawn}


def leaflet_data(hub, rounds_with_stops) -> dict:
    return {"hub": {"lat": hub[0], "lon": hub[1], "name": hub[2]},
            "rounds": [{"label": label, "colour": round_colour(i),
                        "stops": [{"lat": s.latitude, "lon": s.longitude, "name": s.name, "n": n}
                                  for n, s in enumerate(stops, start=1)]}
                       for i, (label, stops) in enumerate(rounds_with_stops)]}


def hub_point(day) -> tuple[float, float, str]:
    warehouse = day.hub.warehouse
    if warehouse.latitude is not None:
        return float(warehouse.latitude), float(warehouse.longitude), warehouse.name
    commune = warehouse.commune
    return float(commune.latitude), float(commune.longitude), warehouse.name
