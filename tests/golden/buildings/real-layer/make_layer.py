#!/usr/bin/env python3
"""Writes layer.geojson: a made-up building layer for the golden "view with a real building
layer" (issue 12), richer than tests/bake/buildings_small.geojson so that the close-up shows
what the viewer does with real footprints: rows of terraced houses, courtyard blocks (holes),
L-shaped blocks and a few towers, with their own heights, in the Centrum wijk (WK003417).
Only footprints with every corner inside the wijk and outside the lakes are written.
Deterministic; run from the repository root:
    python3 tests/golden/buildings/real-layer/make_layer.py
then bake it (see the README beside this script) into the almere.buildings/ tiles folder.
"""
import json
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..", "..", "..")
LON0, LAT0 = 5.2210, 52.3710  # about the middle of the centre
M_LON = 1 / (111320 * math.cos(math.radians(LAT0)))  # degrees per metre east
M_LAT = 1 / 110540  # degrees per metre north


def inside(ring, p):
    x, y = p
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def outer_rings(path):
    rings = []
    for f in json.load(open(path))["features"]:
        g = f["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        rings += [(f["properties"], poly[0]) for poly in polys]
    return rings


wijk = [r for p, r in outer_rings(os.path.join(ROOT, "assets/city/wijken.geojson"))
        if p["code"] == "WK003417"][0]
lakes = [r for p, r in outer_rings(os.path.join(ROOT, "assets/city/water.geojson"))
         if p.get("name") != "IJmeer, Markermeer en Gooimeer"]


def to_lonlat(e, n):
    return [round(LON0 + e * M_LON, 7), round(LAT0 + n * M_LAT, 7)]


def usable(ring_m):
    pts = [to_lonlat(*p) for p in ring_m]
    return all(inside(wijk, p) and not any(inside(l, p) for l in lakes) for p in pts)


def rect(e, n, w, d):
    return [(e, n), (e + w, n), (e + w, n + d), (e, n + d)]


features = []


def add(rings_m, height):
    if not usable(rings_m[0]):
        return
    coords = [[to_lonlat(*p) for p in r] + [to_lonlat(*r[0])] for r in rings_m]
    features.append({"type": "Feature", "id": "made-up-%03d" % len(features),
                     "geometry": {"type": "Polygon", "coordinates": coords},
                     "properties": {"height": height}})


# Terraced houses: rows of 6 m wide, 9 m deep units along east-west streets, north-west.
for row in range(6):
    n = 120 + row * 34
    for unit in range(14):
        e = -360 + unit * 6
        add([rect(e, n, 6, 9)], 8 + (unit % 3) * 0.8)
# Courtyard blocks: 60 x 50 m with a 36 x 26 m yard, 4 to 6 storeys, in the middle.
for i in range(3):
    for j in range(2):
        e, n = -140 + i * 80, -40 + j * 70
        outer = rect(e, n, 60, 50)
        yard = list(reversed(rect(e + 12, n + 12, 36, 26)))
        add([outer, yard], 14 + 3 * ((i + j) % 3))
# L-shaped blocks along the east.
for k in range(5):
    e, n = 140, -150 + k * 60
    add([[(e, n), (e + 50, n), (e + 50, n + 14), (e + 14, n + 14), (e + 14, n + 40),
          (e, n + 40)]], 11 + k * 2)
# A few towers near the station.
for k, h in enumerate([70, 95, 58, 120]):
    add([rect(-60 + k * 40, -150, 22, 22)], h)

layer = {"type": "FeatureCollection",
         "metadata": {"source": "Made-up test layer (tests/golden/buildings/real-layer)",
                      "licence": "CC0 1.0"},
         "bbox": [5.2135, 52.3645, 5.2285, 52.3775],
         "features": features}
with open(os.path.join(HERE, "layer.geojson"), "w") as out:
    json.dump(layer, out, separators=(",", ":"))
    out.write("\n")
print("%d footprints" % len(features))
