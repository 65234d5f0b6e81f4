#!/usr/bin/env python3
"""Generates public/data/impact.json (format v2, see docs/data-format.md).

Runs from the repository alone; its inputs are in tools/data/ (credits and
licences in tools/data/SOURCES.md):
  - the lab’s figures (tools/data/lab-figures.md, from the UM6P communiqué of
    9 July 2024), written out below: `reported` when the communiqué states the
    figure, `derived` when it is plain arithmetic on stated ones (men =
    100 % - 48 %; six program areas, counted from the list). No licence is
    claimed for them, and OFPPT is not listed as a partner (the article names
    it only as the trainees' institution);
  - the 2024 census by region, area and sex
    (tools/data/hcp-rgph2024-regions-by-area-sex.csv) and the region names
    (tools/data/hcp-rgph2024-regions.csv), credited to HCP;
  - a deterministic ILLUSTRATIVE split of the beneficiaries by place, program
    area and gender (status `illustrative`): the lab has not published one.
    It is built to agree with every reported figure (the checks of
    src/model/validate.rs): 4,300 beneficiaries in all, within the reported
    "more than 4,200", 48 % of them women (2,064); social entrepreneurship at
    least its 3,500+ cooperative members; women’s entrepreneurship, women
    only, at least its 400+ women entrepreneurs, with at least the WEC
    Khouribga’s 180 trainees and 50 women in Beni Mellal-Khenifra, Al
    Mountija’s 50 in Marrakech-Safi and Femmpact’s 60 young women in Cote
    d’Ivoire (32) and Senegal (28). The rest is spread over the regions by
    fixed weights (largest-remainder rounding), so every row is the exact sum
    of the rows below it.

Run:  python3 tools/make-dataset.py [--data DIR] [--out FILE]
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


def french(s):
    """French typography: apostrophe ’, narrow no-break space (U+202F)
    before : ; ? ! and inside guillemets."""
    s = s.replace("'", "’")
    for mark in ":;?!":
        s = s.replace(" " + mark, " " + mark)
    return s.replace("« ", "« ").replace(" »", " »")


def text(ar, fr, en):
    return {"ar": ar, "fr": french(fr), "en": en}


SOURCES = [
    {
        "id": REPORTED,
        "publisher": "UM6P",
        "title": text(
            "بلاغ جامعة محمد السادس متعددة التخصصات التقنية بتاريخ 9 يوليوز 2024 حول مختبر الابتكار الاجتماعي، كما نقلته الصحافة",
            "Communiqué de l’UM6P du 9 juillet 2024 sur le Social Innovation Lab, tel que rapporté par la presse",
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
            "RGPH 2024 (Recensement général de la population et de l’habitat)",
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
    ("womens-entrepreneurship", text("ريادة الأعمال النسائية", "Entrepreneuriat féminin", "Women’s entrepreneurship")),
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
        "gender": "female",
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
        # The article names OFPPT as the trainees' institution, not as a
        # partner of the program.
        "partners": [],
        "gender": "female",
    },
    {
        "id": "femmpact",
        "area": "womens-entrepreneurship",
        "name": text("فيمباكت (Femmpact)", "Femmpact", "Femmpact"),
        "places": [{"country": "CI"}, {"country": "SN"}],
        "partners": ["giz", "amci"],
        "gender": "female",
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
    ("CI", text("كوت ديفوار", "Côte d’Ivoire", "Côte d’Ivoire")),
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

# Official names where the census table's differs (French: "L'Oriental").
# English uses the French forms, as Moroccan institutions do.
REGION_FR = {"02": "L’Oriental"}
REGION_EN = {"02": "Oriental"}

# ---------------------------------------------------------------- the split
# Relative weights of the illustrative split (NOT data): Marrakech-Safi (UM6P's
# home region, Al Mountija) and Beni Mellal-Khenifra (the WEC) are large.
REGION_WEIGHT = {
    "MA-01": 300, "MA-02": 200, "MA-03": 350, "MA-04": 380, "MA-05": 520, "MA-06": 480,
    "MA-07": 900, "MA-08": 230, "MA-09": 300, "MA-10": 150, "MA-11": 100, "MA-12": 90,
}
WE = "womens-entrepreneurship"
# People per area in the split (sum: TOTAL). Social entrepreneurship holds at
# least its 3,500+ cooperative members; women's entrepreneurship at least its
# 400+ women entrepreneurs plus the WEC's 180 trainees; the four areas without
# a reported count of people get small illustrative numbers.
AREA_PEOPLE = {
    "social-entrepreneurship": 3520, WE: 600, "employability": 70,
    "digital-inclusion": 60, "cultural-heritage": 30, "agri-value-chains": 20,
}
TOTAL = 4300  # within the reported "more than 4,200"
FEMALE = TOTAL * 48 // 100  # 2,064: 48 % as reported
assert FEMALE * 100 == TOTAL * 48
# Weights of women among the people of the other areas (not data).
AREA_FEMALE = {
    "social-entrepreneurship": 40, "employability": 45,
    "digital-inclusion": 42, "cultural-heritage": 50, "agri-value-chains": 30,
}
# Women's entrepreneurship (women only): abroad, Femmpact's 60 young women;
# in Morocco at least the WEC's 180 trainees + 50 women in MA-05 and Al
# Mountija's 50 women in MA-07, the rest by weight.
FEMMPACT_BY_COUNTRY = {"CI": 32, "SN": 28}
INCUBATORS_BY_COUNTRY = {"CI": 6, "SN": 6}
WE_FLOOR = {"MA-05": 230, "MA-07": 50}


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
    """cells[(place, area, gender)] integers, every marginal exact."""
    cells = {}
    others = [a for a in areas if a != WE]
    women_elsewhere = FEMALE - AREA_PEOPLE[WE]
    female = dict(zip(others, apportion(
        women_elsewhere, [AREA_PEOPLE[a] * AREA_FEMALE[a] for a in others])))
    for a in others:
        assert 0 < female[a] < AREA_PEOPLE[a]
        for gender, n in (("female", female[a]), ("male", AREA_PEOPLE[a] - female[a])):
            for r, k in zip(regions, apportion(n, [REGION_WEIGHT[r] for r in regions])):
                cells[(r, a, gender)] = k
    in_morocco = AREA_PEOPLE[WE] - sum(FEMMPACT_BY_COUNTRY.values())
    rest = apportion(in_morocco - sum(WE_FLOOR.values()), [REGION_WEIGHT[r] for r in regions])
    for r, k in zip(regions, rest):
        cells[(r, WE, "female")] = k + WE_FLOOR.get(r, 0)
        cells[(r, WE, "male")] = 0
    for c, n in FEMMPACT_BY_COUNTRY.items():
        for a in areas:
            for g in ("female", "male"):
                cells[(c, a, g)] = n if (a, g) == (WE, "female") else 0
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
    share = lambda v, status, **d: obs("beneficiaries", v, "exact", status, REPORTED, share=True, **d)  # noqa: E731
    return [
        rep("beneficiaries", 4200, "more_than"),
        share(0.48, "reported", gender="female"),
        # Not stated: 100 % - 48 %.
        share(0.52, "derived", gender="male"),
        share(0.53, "reported", group="neet"),
        share(0.64, "reported", group="rural"),
        rep("regions_reached", 12, "exact"),
        # The article lists six program areas but never counts them.
        obs("program_areas", 6, "exact", "derived", REPORTED),
        rep("cooperatives", 700, "more_than", area="social-entrepreneurship"),
        rep("cooperative_members", 3500, "more_than", area="social-entrepreneurship"),
        rep("women_entrepreneurs", 400, "more_than", area=WE),
        rep("women_entrepreneurs", 50, "exact", area=WE, program="al-mountija"),
        rep("women_entrepreneurs", 50, "exact", area=WE, program="wec-khouribga"),
        rep("trainees", 180, "exact", area=WE, program="wec-khouribga"),
        rep("women_entrepreneurs", 60, "exact", area=WE, program="femmpact"),
        rep("incubators", 12, "exact", area=WE, program="femmpact"),
        rep("companies", 50, "exact", area="cultural-heritage"),
        rep("value_chain_actors", 40, "more_than", area="agri-value-chains"),
        rep("strategic_sectors", 15, "more_than", area="agri-value-chains"),
    ]


def illustrative_observations(regions, areas):
    ill = lambda ind, v, **d: obs(ind, v, "about", "illustrative", ILLUSTRATIVE, **d)  # noqa: E731
    cells = split_cube(regions, areas)
    countries = list(FEMMPACT_BY_COUNTRY)
    genders = ["female", "male"]

    def total(p=None, a=None, g=None):
        return sum(n for (pp, aa, gg), n in cells.items()
                   if p in (None, pp) and a in (None, aa) and g in (None, gg))

    def place(p):
        return {"country": p} if p in countries else {"region": p}

    # What the split must agree with (src/model/validate.rs checks it too).
    assert total() == TOTAL > 4200 and total(g="female") == FEMALE
    assert total(a="social-entrepreneurship") >= 3500
    assert total(a=WE) >= 400 + 180 and total(a=WE, g="male") == 0
    assert total(p="MA-05", a=WE) >= 180 + 50 and total(p="MA-07", a=WE) >= 50
    assert all(total(p=c, a=WE) == n for c, n in FEMMPACT_BY_COUNTRY.items())
    assert all(total(p=r) > 0 for r in regions)

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
            if p in countries and a != WE:
                continue
            out.append(ill("beneficiaries", total(p=p, a=a), area=a, **place(p)))
            for g in genders:
                out.append(ill("beneficiaries", cells[(p, a, g)], area=a, gender=g, **place(p)))
    # Femmpact abroad: by program, and by country alone so that a view asking
    # "by country" finds them. (Not by area and country without the program:
    # two countries are no split of the area's "more than 400".)
    for ind, split in (("women_entrepreneurs", FEMMPACT_BY_COUNTRY), ("incubators", INCUBATORS_BY_COUNTRY)):
        for c, n in split.items():
            out.append(ill(ind, n, area=WE, program="femmpact", country=c))
            out.append(ill(ind, n, country=c))
    return out


NOTE = text(
    "أُسّس المختبر سنة 2019، ويعمل على المستويات المحلية والجهوية والوطنية والقارية. "
    "كل رقم «مُعلَن» وارد في بلاغ الجامعة بتاريخ 9 يوليوز 2024؛ والأرقام «المُستخلَصة» محسوبة منه "
    "(الرجال = 100% − 48% نساء؛ ستة مجالات، بعدّ قائمة البلاغ). "
    "التوزيعات حسب الجهة والمجال والجنس توضيحية، أعدّها محررو Impact Atlas بالأداة tools/make-dataset.py، "
    "ولم ينشر المختبر أرقاما بهذا التفصيل: 4300 مستفيد (ضمن «أكثر من 4200» المعلنة)، 48% منهم نساء؛ "
    "ريادة الأعمال الاجتماعية لا تقل عن أعضاء التعاونيات (أكثر من 3500)؛ ريادة الأعمال النسائية للنساء فقط، "
    "ولا تقل عن رائدات الأعمال (أكثر من 400)، منهن في جهة بني ملال-خنيفرة متدربات مركز خريبكة (180) ونساؤه (50)، "
    "و50 امرأة من برنامج المنتجة في جهة مراكش-آسفي، و60 شابة من Femmpact في كوت ديفوار والسنغال؛ "
    "ووُزّع الباقي على الجهات بأوزان ثابتة. "
    "«الوسط القروي» كما يعدّه المختبر: البلاغ سابق لإحصاء 2024، الذي تُعرض نسبة سكانه القرويين للمقارنة فقط.",
    "Le laboratoire, fondé en 2019, agit aux échelles locale, régionale, nationale et continentale. "
    "Chaque chiffre « publié » figure dans le communiqué de l’UM6P du 9 juillet 2024 ; les chiffres « déduits » en sont calculés "
    "(hommes = 100 % − 48 % de femmes ; six domaines, comptés dans la liste du communiqué). "
    "Les répartitions par région, domaine et sexe sont illustratives, établies par l’équipe d’Impact Atlas avec tools/make-dataset.py ; "
    "le laboratoire n’a pas publié de chiffres à ce niveau de détail : 4 300 bénéficiaires (dans les « plus de 4 200 » publiés), "
    "dont 48 % de femmes ; l’entrepreneuriat social compte au moins ses plus de 3 500 membres de coopératives ; "
    "l’entrepreneuriat féminin, réservé aux femmes, au moins ses plus de 400 entrepreneures, dont les 180 stagiaires et 50 femmes du WEC "
    "de Khouribga à Béni Mellal-Khénifra, les 50 femmes d’Al Mountija à Marrakech-Safi et les 60 jeunes femmes de Femmpact en "
    "Côte d’Ivoire et au Sénégal ; le reste est réparti entre les régions selon des poids fixes. "
    "« Rural » s’entend au sens du laboratoire : le communiqué est antérieur au recensement de 2024, dont la part rurale "
    "n’est montrée que pour comparaison.",
    "The lab, founded in 2019, works at local, regional, national and continental levels. "
    "Every \"reported\" figure is in the UM6P communiqué of 9 July 2024; \"derived\" figures are computed from it "
    "(men = 100% − 48% women; six programme areas, counted from the communiqué’s list). "
    "The splits by region, programme area and gender are illustrative, made by the Impact Atlas editors with "
    "tools/make-dataset.py; the lab has not published figures at that level of detail: 4,300 beneficiaries "
    "(within the reported \"more than 4,200\"), 48% of them women; social entrepreneurship holds at least its 3,500+ "
    "cooperative members; women’s entrepreneurship, for women only, at least its 400+ women entrepreneurs, with the "
    "WEC Khouribga’s 180 trainees and 50 women in Béni Mellal-Khénifra, Al Mountija’s 50 women in Marrakech-Safi and "
    "Femmpact’s 60 young women in Côte d’Ivoire and Senegal; the rest is spread over the regions by fixed weights. "
    "\"Rural\" is as the lab counts it: the communiqué predates the 2024 census, whose rural share is shown for "
    "comparison only.",
)


def read_census(data_dir):
    with open(os.path.join(data_dir, "hcp-rgph2024-regions.csv"), encoding="utf-8") as f:
        regions = [
            {"code": f"MA-{row['code']}", "name": text(
                row["name_ar"], REGION_FR.get(row["code"], row["name_fr"]),
                REGION_EN.get(row["code"], row["name_fr"]))}
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
    ap.add_argument("--data", default=os.path.join(ROOT, "tools", "data"))
    ap.add_argument("--out", default=os.path.join(ROOT, "public", "data", "impact.json"))
    args = ap.parse_args()

    regions, pop_rows = read_census(args.data)
    region_codes = [r["code"] for r in regions]
    area_ids = [a for a, _ in AREAS]
    assert set(area_ids) == set(AREA_PEOPLE)
    doc = {
        "schema_version": 2,
        "meta": {
            "dataset_version": "2024.07-2",
            "as_of": "2024-07-09",
            "publisher": text(
                "مختبر الابتكار الاجتماعي، جامعة محمد السادس متعددة التخصصات التقنية",
                "Social Innovation Lab, Université Mohammed VI Polytechnique (UM6P)",
                "Social Innovation Lab, Mohammed VI Polytechnic University (UM6P)",
            ),
            "note": NOTE,
        },
        "sources": SOURCES,
        "areas": [dict({"id": a, "name": n}, **({"gender": "female"} if a == WE else {})) for a, n in AREAS],
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
