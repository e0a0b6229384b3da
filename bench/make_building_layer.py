#!/usr/bin/env python3
"""Writes a synthetic building layer for bench/buildings_scale.sh (issue 12): N footprints
inside Almere's wijken, shaped like a 3D BAG LoD1.2 export (WGS84, b3_h_dak_70p and
b3_h_maaiveld, a few of 3D BAG's other attributes so the file is as heavy per feature as a real
one), with one in 200 a bow tie that the bake must skip. Deterministic: the same N gives the same
file. Usage: make_building_layer.py ASSETS_CITY_DIR N OUT.geojson"""
import json
import math
import sys


def rings_of(geometry):
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [p for p in polys]


def inside(rings, x, y):  # even-odd over outer ring and holes
    hit = False
    for ring in rings:
        j = len(ring) - 1
        for i in range(len(ring)):
            (xi, yi), (xj, yj) = ring[i][:2], ring[j][:2]
            if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                hit = not hit
            j = i
    return hit


class Lcg:  # the same numbers on every Python
    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return (self.state >> 11) / float(1 << 53)


def main():
    city, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    wijken = json.load(open(f"{city}/wijken.geojson"))["features"]
    shapes = []
    for w in wijken:
        for poly in rings_of(w["geometry"]):
            xs = [p[0] for p in poly[0]]
            ys = [p[1] for p in poly[0]]
            shapes.append((min(xs), min(ys), max(xs), max(ys), poly))
    west = min(s[0] for s in shapes)
    south = min(s[1] for s in shapes)
    east = max(s[2] for s in shapes)
    north = max(s[3] for s in shapes)
    rnd = Lcg(12)
    metres_lon = 1 / (111320 * math.cos(math.radians(52.37)))
    metres_lat = 1 / 110574
    with open(out, "w") as f:
        f.write('{"type":"FeatureCollection","metadata":{"source":"synthetic layer '
                '(bench/make_building_layer.py)","licence":"CC0"},')
        f.write(f'"bbox":[{west},{south},{east},{north}],"features":[\n')
        n = 0
        while n < count:
            x = west + rnd.next() * (east - west)
            y = south + rnd.next() * (north - south)
            if not any(s[0] <= x <= s[2] and s[1] <= y <= s[3] and inside(s[4], x, y) for s in shapes):
                continue
            w, d = 6 + rnd.next() * 14, 6 + rnd.next() * 10
            angle = rnd.next() * math.pi
            c, s = math.cos(angle), math.sin(angle)
            corners = [(-w, -d), (w, -d), (w, d), (-w, d)]
            if n % 200 == 199:
                corners = [(-w, -d), (w, d), (w, -d), (-w, d)]  # a bow tie
            ring = [[round(x + (u * c - v * s) / 2 * metres_lon, 7),
                     round(y + (u * s + v * c) / 2 * metres_lat, 7)] for u, v in corners]
            ring.append(ring[0])
            ground = -4.5 + rnd.next() * 2
            height = 3 + rnd.next() ** 3 * 45
            feature = {"type": "Feature",
                       "geometry": {"type": "Polygon", "coordinates": [ring]},
                       "properties": {"identificatie": f"NL.IMBAG.Pand.0034100000{n:06d}",
                                      "b3_h_maaiveld": round(ground, 2),
                                      "b3_h_dak_50p": round(ground + height * 0.9, 2),
                                      "b3_h_dak_70p": round(ground + height, 2),
                                      "b3_h_dak_max": round(ground + height * 1.1, 2),
                                      "b3_dak_type": "horizontal", "b3_bouwlagen": 2,
                                      "oorspronkelijkbouwjaar": 1976 + n % 45,
                                      "status": "Pand in gebruik"}}
            f.write(("," if n else "") + json.dumps(feature, separators=(",", ":")) + "\n")
            n += 1
        f.write("]}\n")


main()
