// The shipped dataset grown to many observations, readable or in the compact
// form (docs/data-format.md, "The compact form"): for `make bench`'s growth
// section and the e2e spec tests/e2e/growth.spec.mjs.
import { readFile } from 'node:fs/promises';

/**
 * The shipped dataset grown to `n` observations, as the native test
 * `model::compact::tests::grown` does: whole copies of its observations for
 * the periods 1000, 1001, … (each copy as consistent as the original), then
 * the whole-reach total alone for further periods. `compact`: observations in
 * the compact form (docs/data-format.md, "The compact form").
 */
export async function grownDataset(n, compact) {
  const ds = JSON.parse(await readFile(new URL('../public/data/impact.json', import.meta.url), 'utf8'));
  const base = ds.observations.filter((o) => o.period === undefined);
  const total = base.find((o) => o.indicator === 'beneficiaries' && o.count !== undefined && Object.keys(o).length === 5);
  const all = [...base];
  let year = 1000;
  while (all.length + base.length <= n) {
    for (const o of base) all.push({ ...o, period: String(year) });
    year++;
  }
  while (all.length < n) all.push({ ...total, period: String(year++) });
  ds.observations = compact ? compactObservations(ds, all) : all;
  return JSON.stringify(ds);
}

/** The compact form of `observations` (the inverse of `model::compact::expand`). */
export function compactObservations(ds, observations) {
  const pos = (list, key) => new Map(list.map((x, i) => [x[key], i]));
  const lists = {
    indicator: pos(ds.indicators, 'id'),
    source: pos(ds.sources, 'id'),
    area: pos(ds.areas, 'id'),
    program: pos(ds.programs, 'id'),
    region: pos(ds.regions, 'code'),
    country: pos(ds.countries, 'code'),
    group: pos(ds.groups, 'id'),
  };
  const fixed = {
    qualifier: new Map(['exact', 'more_than', 'about'].map((x, i) => [x, i])),
    status: new Map(['reported', 'derived', 'estimated', 'illustrative'].map((x, i) => [x, i])),
    gender: new Map(['female', 'male'].map((x, i) => [x, i])),
  };
  const periods = [...new Set(observations.map((o) => o.period).filter((p) => p !== undefined))];
  lists.period = new Map(periods.map((p, i) => [p, i]));
  const cols = { indicator: [], value: [], share: [], qualifier: [], status: [], source: [], area: [], program: [], region: [], country: [], gender: [], group: [], period: [] };
  for (const o of observations) {
    cols.indicator.push(lists.indicator.get(o.indicator));
    cols.value.push(o.count ?? o.share);
    cols.share.push(o.share !== undefined ? 1 : 0);
    cols.qualifier.push(fixed.qualifier.get(o.qualifier));
    cols.status.push(fixed.status.get(o.status));
    cols.source.push(lists.source.get(o.source));
    for (const k of ['area', 'program', 'region', 'country', 'group', 'period']) cols[k].push(o[k] === undefined ? null : lists[k].get(o[k]));
    cols.gender.push(o.gender === undefined ? null : fixed.gender.get(o.gender));
  }
  const out = { rows: observations.length };
  if (periods.length) out.periods = periods;
  for (const [k, v] of Object.entries(cols)) {
    const required = ['indicator', 'value', 'qualifier', 'status', 'source'].includes(k);
    if (required || v.some((x) => x !== null && !(k === 'share' && x === 0))) out[k] = v;
  }
  return out;
}


// Command line:
//   node tools/grow-dataset.mjs compact IN.json OUT.json   readable → compact form
//   node tools/grow-dataset.mjs grow N [--compact] OUT.json the shipped dataset grown to N observations
if (import.meta.url === `file://${process.argv[1]}`) {
  const { writeFile } = await import('node:fs/promises');
  const [cmd, ...args] = process.argv.slice(2);
  if (cmd === 'compact' && args.length === 2) {
    const ds = JSON.parse(await readFile(args[0], 'utf8'));
    if (!Array.isArray(ds.observations)) throw new Error(`${args[0]}: observations are not in the readable form`);
    ds.observations = compactObservations(ds, ds.observations);
    await writeFile(args[1], JSON.stringify(ds));
  } else if (cmd === 'grow' && args.length >= 2) {
    await writeFile(args.at(-1), await grownDataset(Number(args[0]), args.includes('--compact')));
  } else {
    console.error('usage: node tools/grow-dataset.mjs compact IN.json OUT.json | grow N [--compact] OUT.json');
    process.exit(2);
  }
}
