"""The territory as the residents' site shows it: communes drawn as an inline SVG map (no JavaScript, no tiles),
pickup slots grouped by day. Pure functions over what the GraphQL documents answer."""

import math
from datetime import date
from itertools import groupby

from babel.dates import format_date

MAP_WIDTH, MAP_HEIGHT, MAP_MARGIN = 600, 420, 18


def map_points(places: list[dict], *, selected: str | None = None, width: int = MAP_WIDTH,
               height: int = MAP_HEIGHT) -> list[dict]:
    """Project {latitude, longitude} onto an SVG canvas (equirectangular, longitudes shrunk by cos(latitude) so the
    territory keeps its shape at 50° N). Places without coordinates are left out."""
    located = [p for p in places if p.get("latitude") is not None and p.get("longitude") is not None]
    if not located:
        return []
    lats = [float(p["latitude"]) for p in located]
    lons = [float(p["longitude"]) for p in located]
    shrink = math.cos(math.radians(sum(lats) / len(lats)))
    span_x = max((max(lons) - min(lons)) * shrink, 1e-6)
    span_y = max(max(lats) - min(lats), 1e-6)
    scale = min((width - 2 * MAP_MARGIN) / span_x, (height - 2 * MAP_MARGIN) / span_y)
    offset_x = (width - span_x * scale) / 2
    offset_y = (height - span_y * scale) / 2
    points = []
    for place in located:
        x = offset_x + (float(place["longitude"]) - min(lons)) * shrink * scale
        y = offset_y + (max(lats) - float(place["latitude"])) * scale
        points.append({**place, "x": round(x, 1), "y": round(y, 1),
                       "selected": bool(selected) and place.get("slug") == selected})
    return points


def _day(value) -> date | None:
    try:
        return value if isinstance(value, date) else date.fromisoformat(str(value))
    except ValueError:
        return None


def day_label(value) -> str:
    """"2026-12-04" -> "vendredi 4 décembre"."""
    day = _day(value)
    return format_date(day, "EEEE d MMMM", locale="fr_FR") if day else ""


def distribution_days(slots: list[dict], *, days: int = 3) -> list[dict]:
    """The next distribution days (slots with room only, as the API answers): each with its pickup points and hours."""
    ordered = sorted((s for s in slots or [] if _day(s.get("date"))),
                     key=lambda s: (str(s["date"]), s.get("pickupPointName") or "", s.get("start") or ""))
    result = []
    for day, day_slots in groupby(ordered, key=lambda s: str(s["date"])):
        day_slots = list(day_slots)
        points = []
        for name, point_slots in groupby(day_slots, key=lambda s: s.get("pickupPointName") or ""):
            point_slots = list(point_slots)
            points.append({"name": name, "hours": [f"{s['start']}–{s['end']}" for s in point_slots],
                           "places_left": sum(int(s.get("placesLeft") or 0) for s in point_slots)})
        result.append({"date": day, "label": day_label(day), "points": points})
        if len(result) >= days:
            break
    return result


def pickup_points(slots: list[dict]) -> list[str]:
    """Names of the pickup points that have slots with room, alphabetically."""
    return sorted({s.get("pickupPointName") for s in slots or [] if s.get("pickupPointName")})
