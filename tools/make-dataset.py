#!/usr/bin/env python3
"""Generates public/data/impact.json (format v1, see docs/data-format.md).

Inputs:
  - the figures of ../shared/brief/FACTS.md (written out below, each one
    `reported`, from the UM6P communiqué of 9 July 2024);
  - the 2024 census by region, area and sex
    (../shared/data/hcp-rgph2024-regions-by-area-sex.csv) and the region names
    (../shared/data/hcp-rgph2024-regions.csv), credited to HCP;
  - a deterministic ILLUSTRATIVE split of the beneficiaries by place, program
    area and gender (status `illustrative`): the lab has not published one.
    4,200 in Morocco's twelve regions (48 % women: 2,016), as the article puts
    it, plus Femmpact's 60 young women in Côte d'Ivoire and Senegal (32 / 28),
    so 4,260 in all under the reported "more than 4,200". Every marginal of the
    split (by place, area, gender and their crosses) is the exact sum of the
    cells below it.

Run from the repository root:  python3 tools/make-dataset.py [--data DIR] [--out FILE]
The output is byte-for-byte reproducible (no clock, no randomness).
"""

import argparse
import csv
import json
import os
from fractions import Fraction

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

REPORTED = "um6p-2024-07-09"
ILLUSTRATIVE = "sil-illustrative-split"
CENSUS = "hcp-rgph-2024"


def text(ar, fr, en):
    return {"ar": ar, "fr": fr, "en": en}


SOURCES = [
    {
        "id": REPORTED,
        "publisher": "UM6P",
        "title": text(
            "بلاغ جامعة محمد السادس متعددة التخصصات التقنية بتاريخ 9 يوليوز 2024 حول مختبر الابتكار الاجتماعي، كما نقلته الصحافة",
            "Communiqué de l'UM6P du 9 juillet 2024 sur le Social Innovation Lab, tel que rapporté par la presse",
            "UM6P communiqué of 9 July 2024 on the Social Innovation Lab, as reported by the press",
        ),
        "date": "2024-07-09",
    },
    {
        "id": ILLUSTRATIVE,
        "publisher": "Impact Atlas",
        "title": text(
            "توزيع توضيحي لأغراض العرض — لم ينشره المختبر",
            "Répartition illustrative pour la démonstration — non publiée par le laboratoire",
            "Illustrative split for demonstration — not published by the lab",
        ),
        "date": "2024-07-09",
    },
    {
        "id": CENSUS,
        "publisher": "HCP",
        "title": text(
            "الإحصاء العام للسكان والسكنى 2024",
            "RGPH 2024 (Recensement général de la population et de l'habitat)",
            "RGPH 2024 (General Census of Population and Housing)",
        ),
        "date": "2024-09-01",
        "url": "https://www.hcp.ma/",
        "licence": "CC-BY-4.0",
        "credit": "Haut-Commissariat au Plan, RGPH 2024",
    },
]

AREAS = [
    ("social-entrepreneurship", text("ريادة الأعمال الاجتماعية", "Entrepreneuriat social", "Social entrepreneurship")),
    ("womens-entrepreneurship", text("ريادة الأعمال النسائية", "Entrepreneuriat féminin", "Women's entrepreneurship")),
    ("employability", text("القدرة على التشغيل", "Employabilité", "Employability")),
    ("digital-inclusion", text("الإدماج الرقمي", "Inclusion numérique", "Digital inclusion")),
    ("cultural-heritage", text("التراث الثقافي والحرفي", "Patrimoine culturel et artisanal", "Cultural and craft heritage")),
    ("agri-value-chains", text("سلاسل القيمة الفلاحية", "Chaînes de valeur agricoles", "Agricultural value chains")),
]

PARTNERS = [
    ("giz", text(
        "الوكالة الألمانية للتعاون الدولي (GIZ)",
        "Agence allemande de coopération internationale (GIZ)",
        "German Agency for International Cooperation (GIZ)",
    )),
    ("amci", text(
        "الوكالة المغربية للتعاون الدولي (AMCI)",
        "Agence marocaine de coopération internationale (AMCI)",
        "Moroccan Agency for International Cooperation (AMCI)",
    )),
    ("ofppt", text(
        "مكتب التكوين المهني وإنعاش الشغل (OFPPT)",
        "Office de la formation professionnelle et de la promotion du travail (OFPPT)",
        "Office for Vocational Training and Employment Promotion (OFPPT)",
    )),
]

PROGRAMS = [
    {
        "id": "al-mountija",
        "area": "womens-entrepreneurship",
        "name": text("المنتجة", "Al Mountija", "Al Mountija"),
        "places": [{
            "region": "MA-07",
            "locality": text(
                "إقليم آسفي (دوارا البويزات وأولاد سلمان)",
                "Province de Safi (douars Bouizat et Ouled Salmane)",
                "Safi province (douars Bouizat and Ouled Salmane)",
            ),
            "lon_lat": [-9.24, 32.30],
        }],
        "partners": [],
    },
    {
        "id": "wec-khouribga",
        "area": "womens-entrepreneurship",
        "name": text(
            "مركز تمكين المرأة (WEC) بخريبكة",
            "Women Empowerment Center (WEC), Khouribga",
            "Women Empowerment Center (WEC), Khouribga",
        ),
        "places": [{
            "region": "MA-05",
            "locality": text("خريبكة", "Khouribga", "Khouribga"),
            "lon_lat": [-6.91, 32.88],
        }],
        "partners": ["ofppt"],
    },
    {
        "id": "femmpact",
        "area": "womens-entrepreneurship",
        "name": text("فيمباكت (Femmpact)", "Femmpact", "Femmpact"),
        "places": [{"country": "CI"}, {"country": "SN"}],
        "partners": ["giz", "amci"],
    },
]

INDICATORS = [
    ("beneficiaries", "people", text("المستفيدون", "Bénéficiaires", "Beneficiaries")),
    ("cooperatives", "organisations", text("التعاونيات", "Coopératives", "Cooperatives")),
    ("cooperative_members", "people", text("أعضاء التعاونيات", "Membres des coopératives", "Cooperative members")),
    ("women_entrepreneurs", "people", text("النساء رائدات الأعمال", "Femmes entrepreneures", "Women entrepreneurs")),
    ("trainees", "people", text("المتدربون", "Stagiaires", "Trainees")),
    ("companies", "organisations", text("الشركات", "Entreprises", "Companies")),
    ("incubators", "organisations", text("الحاضنات", "Incubateurs", "Incubators")),
    ("value_chain_actors", "organisations", text("الفاعلون في سلاسل القيمة", "Acteurs des chaînes de valeur", "Value-chain actors")),
    ("strategic_sectors", "sectors", text("القطاعات الاستراتيجية", "Filières stratégiques", "Strategic sectors")),
    ("regions_reached", "regions", text("الجهات المشمولة", "Régions couvertes", "Regions reached")),
    ("program_areas", "areas", text("مجالات البرامج", "Domaines de programmes", "Program areas")),
]

COUNTRIES = [
    ("CI", text("كوت ديفوار", "Côte d'Ivoire", "Côte d'Ivoire")),
    ("SN", text("السنغال", "Sénégal", "Senegal")),
]

GROUPS = [
    {
        "id": "neet",
        "name": text(
            "الشباب خارج التعليم والشغل والتكوين (NEET)",
            "Jeunes ni en emploi, ni en études, ni en formation (NEET)",
            "Youth not in education, employment or training (NEET)",
        ),
    },
    {
        "id": "rural",
        "name": text("سكان الوسط القروي", "Habitants du milieu rural", "Rural residents"),
        "census_area": "rural",
    },
]

# English names of the regions where the usual English form differs.
REGION_EN = {"03": "Fez-Meknes", "06": "Casablanca-Settat", "07": "Marrakesh-Safi"}

# ---------------------------------------------------------------- the split
# Relative weights of the illustrative split (NOT data): Marrakech-Safi (UM6P's
# home region, Al Mountija) and Béni Mellal-Khénifra (the WEC) are large.
REGION_WEIGHT = {
    "MA-01": 300, "MA-02": 200, "MA-03": 350, "MA-04": 380, "MA-05": 520, "MA-06": 480,
    "MA-07": 900, "MA-08": 230, "MA-09": 300, "MA-10": 150, "MA-11": 100, "MA-12": 90,
}
AREA_WEIGHT = {
    "social-entrepreneurship": 2150, "womens-entrepreneurship": 650, "employability": 450,
    "digital-inclusion": 400, "cultural-heritage": 300, "agri-value-chains": 250,
}
# Share of women among the beneficiaries of each area (weights only; the
# female total is fixed at 48 % of 4,200 = 2,016 as reported).
AREA_FEMALE = {
    "social-entrepreneurship": 0.40, "womens-entrepreneurship": 0.97, "employability": 0.45,
    "digital-inclusion": 0.42, "cultural-heritage": 0.50, "agri-value-chains": 0.30,
}
TOTAL = 4200
FEMALE = TOTAL * 48 // 100  # 2016
FEMMPACT_BY_COUNTRY = {"CI": 32, "SN": 28}
INCUBATORS_BY_COUNTRY = {"CI": 6, "SN": 6}


def apportion(total, weights):
    """Largest-remainder rounding of `total` over `weights` (a list), ties to
    the first; exact arithmetic so that the result is reproducible."""
    wsum = sum(Fraction(w) for w in weights)
    quotas = [Fraction(total) * Fraction(w) / wsum for w in weights]
    floors = [int(q) for q in quotas]
    left = total - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return floors


def split_cube(regions, areas):
    """cells[(region, area, gender)] integers: female and male totals are
    apportioned separately over the region x area cells, so every sum of
    cells (by region, by area, by gender, and any cross) is exact."""
    cells = {}
    keys = [(r, a) for r in regions for a in areas]
    for gender, total, share in (
        ("female", FEMALE, lambda a: Fraction(AREA_FEMALE[a]).limit_denominator(100)),
        ("male", TOTAL - FEMALE, lambda a: 1 - Fraction(AREA_FEMALE[a]).limit_denominator(100)),
    ):
        weights = [REGION_WEIGHT[r] * AREA_WEIGHT[a] * share(a) for r, a in keys]
        for (r, a), n in zip(keys, apportion(total, weights)):
            cells[(r, a, gender)] = n
    return cells


def obs(indicator, value, qualifier, status, source, share=False, **dims):
    o = {"indicator": indicator}
    o["share" if share else "count"] = value
    o.update({"qualifier": qualifier, "status": status, "source": source})
    for key in ("area", "program", "region", "country", "gender", "group", "period"):
        if dims.get(key) is not None:
            o[key] = dims[key]
    return o


def reported_observations():
    rep = lambda ind, v, q, **d: obs(ind, v, q, "reported", REPORTED, **d)  # noqa: E731
    we = "womens-entrepreneurship"
    return [
        rep("beneficiaries", 4200, "more_than"),
        obs("beneficiaries", 0.48, "exact", "reported", REPORTED, share=True, gender="female"),
        obs("beneficiaries", 0.53, "exact", "reported", REPORTED, share=True, group="neet"),
        obs("beneficiaries", 0.64, "exact", "reported", REPORTED, share=True, group="rural"),
        rep("regions_reached", 12, "exact"),
        rep("program_areas", 6, "exact"),
        rep("cooperatives", 700, "more_than", area="social-entrepreneurship"),
        rep("cooperative_members", 3500, "more_than", area="social-entrepreneurship"),
        rep("women_entrepreneurs", 400, "more_than", area=we),
        rep("women_entrepreneurs", 50, "exact", area=we, program="al-mountija"),
        rep("women_entrepreneurs", 50, "exact", area=we, program="wec-khouribga"),
        rep("trainees", 180, "exact", area=we, program="wec-khouribga"),
        rep("women_entrepreneurs", 60, "exact", area=we, program="femmpact"),
        rep("incubators", 12, "exact", area=we, program="femmpact"),
        rep("companies", 50, "exact", area="cultural-heritage"),
        rep("value_chain_actors", 40, "more_than", area="agri-value-chains"),
        rep("strategic_sectors", 15, "more_than", area="agri-value-chains"),
    ]


def illustrative_observations(regions, areas):
    ill = lambda ind, v, **d: obs(ind, v, "about", "illustrative", ILLUSTRATIVE, **d)  # noqa: E731
    cells = split_cube(regions, areas)
    assert sum(cells.values()) == TOTAL
    # Femmpact's young women abroad: all women, all in women's entrepreneurship.
    # They come on top of the 4,200 in Morocco's twelve regions (the reported
    # total is "more than 4,200"), so every sum over places stays exact.
    countries = list(FEMMPACT_BY_COUNTRY)
    for c, n in FEMMPACT_BY_COUNTRY.items():
        for a in areas:
            for g in ("female", "male"):
                cells[(c, a, g)] = n if (a, g) == ("womens-entrepreneurship", "female") else 0
    genders = ["female", "male"]

    def total(p=None, a=None, g=None):
        return sum(n for (pp, aa, gg), n in cells.items()
                   if p in (None, pp) and a in (None, aa) and g in (None, gg))

    def place(p):
        return {"country": p} if p in countries else {"region": p}

    out = []
    # Totals first, then finer rows: readers (and diffs) go from coarse to fine.
    for g in genders:
        out.append(ill("beneficiaries", total(g=g), gender=g))
    for a in areas:
        out.append(ill("beneficiaries", total(a=a), area=a))
    for a in areas:
        for g in genders:
            out.append(ill("beneficiaries", total(a=a, g=g), area=a, gender=g))
    for p in regions + countries:
        out.append(ill("beneficiaries", total(p=p), **place(p)))
        for g in genders:
            out.append(ill("beneficiaries", total(p=p, g=g), gender=g, **place(p)))
        for a in areas:
            out.append(ill("beneficiaries", total(p=p, a=a), area=a, **place(p)))
            for g in genders:
                out.append(ill("beneficiaries", cells[(p, a, g)], area=a, gender=g, **place(p)))
    in_morocco = sum(total(p=r) for r in regions)
    assert in_morocco == TOTAL and sum(total(p=r, g="female") for r in regions) == FEMALE
    assert total(a="womens-entrepreneurship") >= 400
    assert all(total(p=r) > 0 for r in regions)
    # Femmpact abroad: by program, and without the program so that a view
    # asking "by country" (optionally within the area) finds them too.
    we = "womens-entrepreneurship"
    for ind, split in (("women_entrepreneurs", FEMMPACT_BY_COUNTRY), ("incubators", INCUBATORS_BY_COUNTRY)):
        for c, n in split.items():
            out.append(ill(ind, n, area=we, program="femmpact", country=c))
            out.append(ill(ind, n, area=we, country=c))
            out.append(ill(ind, n, country=c))
    return out


def read_census(data_dir):
    with open(os.path.join(data_dir, "hcp-rgph2024-regions.csv"), encoding="utf-8") as f:
        regions = [
            {"code": f"MA-{row['code']}", "name": text(
                row["name_ar"], row["name_fr"], REGION_EN.get(row["code"], row["name_fr"]))}
            for row in csv.DictReader(f)
        ]
    rows = []
    with open(os.path.join(data_dir, "hcp-rgph2024-regions-by-area-sex.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            r = {}
            if row["level"] == "region":
                r["region"] = f"MA-{row['code']}"
            elif row["level"] != "country":
                raise SystemExit(f"unexpected level {row['level']!r}")
            r.update({"area": row["area"], "sex": row["sex"],
                      "population": int(row["population_municipal"])})
            rows.append(r)
    return regions, rows


def dump(doc):
    """Readable and compact: one line per list item, no indentation inside."""
    c = lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":"))  # noqa: E731
    lines = ["{"]
    items = list(doc.items())
    for i, (key, value) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if isinstance(value, list):
            lines.append(f'"{key}":[')
            lines.extend(c(v) + ("," if j < len(value) - 1 else "") for j, v in enumerate(value))
            lines.append("]" + comma)
        elif isinstance(value, dict) and key == "population":
            inner = {k: v for k, v in value.items() if k != "rows"}
            head = c(inner)[:-1]
            lines.append(f'"{key}":{head},"rows":[')
            rows = value["rows"]
            lines.extend(c(v) + ("," if j < len(rows) - 1 else "") for j, v in enumerate(rows))
            lines.append("]}" + comma)
        else:
            lines.append(f'"{key}":{c(value)}{comma}')
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(ROOT, "public", "data", "impact.json"))
    args = ap.parse_args()

    regions, pop_rows = read_census(args.data)
    region_codes = [r["code"] for r in regions]
    area_ids = [a for a, _ in AREAS]
    doc = {
        "schema_version": 1,
        "meta": {
            "dataset_version": "2024.07-1",
            "as_of": "2024-07-09",
            "publisher": text(
                "مختبر الابتكار الاجتماعي، جامعة محمد السادس متعددة التخصصات التقنية",
                "Social Innovation Lab, Université Mohammed VI Polytechnique (UM6P)",
                "Social Innovation Lab, Mohammed VI Polytechnic University (UM6P)",
            ),
            "licence": "CC-BY-4.0",
            "note": text(
                "أُسّس المختبر سنة 2019، ويعمل على المستويات المحلية والجهوية والوطنية والقارية. التوزيعات حسب الجهة والمجال والجنس توضيحية: لم ينشر المختبر أرقاما بهذا التفصيل.",
                "Le laboratoire, fondé en 2019, agit aux échelles locale, régionale, nationale et continentale. Les répartitions par région, domaine et sexe sont illustratives : le laboratoire n'a pas publié de chiffres à ce niveau de détail.",
                "The lab, founded in 2019, works at local, regional, national and continental levels. The splits by region, area and gender are illustrative: the lab has not published figures at that level of detail.",
            ),
        },
        "sources": SOURCES,
        "areas": [{"id": a, "name": n} for a, n in AREAS],
        "programs": PROGRAMS,
        "partners": [{"id": p, "name": n} for p, n in PARTNERS],
        "indicators": [{"id": i, "unit": u, "name": n} for i, u, n in INDICATORS],
        "regions": regions,
        "countries": [{"code": c, "name": n} for c, n in COUNTRIES],
        "groups": GROUPS,
        "observations": reported_observations() + illustrative_observations(region_codes, area_ids),
        "population": {"source": CENSUS, "year": 2024, "rows": pop_rows},
    }
    out = dump(doc)
    json.loads(out)  # well-formed
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(out)
    print(f"{args.out}: {len(out.encode())} bytes, {len(doc['observations'])} observations")


if __name__ == "__main__":
    main()
