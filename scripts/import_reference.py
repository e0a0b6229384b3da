#!/usr/bin/env python3
"""Converts ../shared/reference/almere into the project's content pack (assets/city/).

Run by hand when the reference data changes; the output is committed. Standard library only.
Coordinates stay WGS84 lon/lat in GeoJSON (the baker projects them to RD New); properties are
renamed to the project's own (code, name, stadsdeel) and hand-made shapes carry
"schematic": true so the app can label them.
"""
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REF = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/reference/almere"
OUT = ROOT / "assets/city"

CBS = ("Wijk- en buurtgrenzen: Kadaster / Centraal Bureau voor de Statistiek (CBS), 2025; "
       "via PDOK, vereenvoudigd door cartomap/nl (github.com/cartomap/nl).")
GSHHG = ("Shoreline data: GSHHG 2.3.7, Wessel, P., and W. H. F. Smith, "
         "distributed under the GNU LGPL v3 or later.")
HAND = "Schematisch, met de hand getekend door het projectteam (geen bronkaart)."

# Hand-drawn water the GSHHG shoreline misses (see the reference README): rough outlines from
# the lakes' known positions, for orientation only.
SCHEMATIC_WATER = {
    "Weerwater": [[5.196, 52.3598], [5.203, 52.3632], [5.214, 52.3650], [5.227, 52.3652],
                  [5.239, 52.3640], [5.245, 52.3618], [5.240, 52.3590], [5.229, 52.3576],
                  [5.216, 52.3574], [5.204, 52.3580], [5.196, 52.3598]],
    "Noorderplassen": [[5.184, 52.3925], [5.189, 52.3960], [5.198, 52.3968], [5.204, 52.3950],
                       [5.201, 52.3915], [5.192, 52.3902], [5.184, 52.3925]],
    # GSHHG shows land east of about 5.28 E where the Gooimeer runs along Almere Haven.
    "Gooimeer (oost)": [[5.270, 52.3225], [5.300, 52.3150], [5.318, 52.3060], [5.325, 52.2980],
                        [5.300, 52.2980], [5.270, 52.3080], [5.250, 52.3150], [5.250, 52.3240],
                        [5.270, 52.3225]],
}


def rounded(coords):
    """Round nested coordinate lists to 6 decimals (about 0.1 m) to keep the files small."""
    if isinstance(coords[0], (int, float)):
        return [round(c, 6) for c in coords]
    return [rounded(c) for c in coords]


def feature(props, geometry):
    return {"type": "Feature", "properties": props,
            "geometry": {"type": geometry["type"], "coordinates": rounded(geometry["coordinates"])}}


def write(name, obj):
    (OUT / name).write_text(json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n",
                            encoding="utf-8")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    wijken = json.loads((REF / "almere_wijken_2025.geojson").read_text(encoding="utf-8"))
    write("wijken.geojson", {
        "type": "FeatureCollection", "source": CBS,
        "features": [feature({"code": f["properties"]["statcode"],
                              "name": f["properties"]["statnaam"],
                              "stadsdeel": f["properties"]["stadsdeel"]}, f["geometry"])
                     for f in wijken["features"]]})

    stadsdelen = json.loads((REF / "almere_stadsdelen_2025.geojson").read_text(encoding="utf-8"))
    write("stadsdelen.geojson", {
        "type": "FeatureCollection", "source": CBS,
        "features": [feature({"name": f["properties"]["stadsdeel"],
                              "label": [f["properties"]["centroid_lon"],
                                        f["properties"]["centroid_lat"]]},
                             f["geometry"]) for f in stadsdelen["features"]]})

    water = json.loads((REF / "almere_water_gshhg.geojson").read_text(encoding="utf-8"))
    features = [feature({"name": "IJmeer, Markermeer en Gooimeer" if sea else "",
                         "kind": "sea" if sea else "lake", "schematic": False, "source": GSHHG},
                        f["geometry"])
                for f in water["features"]
                for sea in [f["properties"]["kind"].startswith("sea")]]
    features += [feature({"name": name, "kind": "lake", "schematic": True, "source": HAND},
                         {"type": "Polygon", "coordinates": [ring]})
                 for name, ring in SCHEMATIC_WATER.items()]
    # The GSHHG query box: inside it, every place that is not water is land.
    extent = json.loads((REF / "almere_facts.json").read_text(encoding="utf-8"))["water_bbox_WSEN"]
    write("water.geojson", {"type": "FeatureCollection", "extent": extent, "features": features})

    shutil.copyfile(REF / "almere_facts.json", OUT / "facts.json")
    shutil.copyfile(REF / "LICENSE-GSHHG-LGPL-3.txt", OUT / "LICENSE-GSHHG-LGPL-3.txt")
    print(f"wrote {len(wijken['features'])} wijken, {len(stadsdelen['features'])} stadsdelen, "
          f"{len(features)} water polygons to {OUT}")


if __name__ == "__main__":
    main()
