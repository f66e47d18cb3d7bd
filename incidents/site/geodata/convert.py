"""Derive countries.json from world-atlas 2.0.2 (Natural Earth 1:110m Admin 0
countries as TopoJSON), at development time only; the build never fetches it.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python incidents/site/geodata/convert.py package/countries-110m.json > incidents/site/geodata/countries.json

Keeps the countries of Africa and its neighbours (those whose bounding box
meets 26°W–60°E, 36°S–38°N), each as polygons of [lon, lat] rings rounded
to 0.01°.
"""

from __future__ import annotations

import json
import sys

BOX = (-26.0, -36.0, 60.0, 38.0)  # west, south, east, north


def arcs_of(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def ring(indexes: list[int], arcs) -> list[list[float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    out: list[list[float]] = []
    for lon, lat in points:
        p = [round(lon, 2), round(lat, 2)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def main(path: str) -> None:
    topology = json.load(open(path, encoding="utf-8"))
    arcs = arcs_of(topology)
    countries = []
    for g in topology["objects"]["countries"]["geometries"]:
        if g["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        rings = [[ring(r, arcs) for r in polygon] for polygon in polygons]
        lons = [p[0] for polygon in rings for r in polygon for p in r]
        lats = [p[1] for polygon in rings for p in polygon[0]]
        if max(lons) - min(lons) > 180:  # crosses the antimeridian (Fiji): far from here anyway
            continue
        if max(lons) < BOX[0] or min(lons) > BOX[2] or max(lats) < BOX[1] or min(lats) > BOX[3]:
            continue
        countries.append({"name": g["properties"]["name"], "id": g.get("id", ""), "polygons": rings})
    countries.sort(key=lambda c: c["name"])
    json.dump({"source": "Natural Earth 1:110m Admin 0 countries, v4.1.0, via world-atlas 2.0.2; public domain",
               "countries": countries}, sys.stdout, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
