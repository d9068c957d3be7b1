// The JavaScript rows of bench/peers/run: json-logic-js, json-logic-engine and
// a hand-written function, each over the records of the file (bench_peers_malkoll skriv).
//   node peers.mjs POSTFIL NPM-MAPP [KÖRNINGAR]
// NPM-MAPP is the scratch folder the run script installed the two packages in.
// Prints per engine: rad;NAMN;median s;miljoner/s;uppfyllt;delvis;ej uppfyllt;ej bedömd;alla körningar s
// and, for an engine whose result differs from the hand-written function on
// some record, lines `varför;NAMN;…` that say which records and what they share.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const [file, npmDir, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 5);
const require = createRequire(path.join(path.resolve(npmDir), 'package.json'));
const jsonLogic = require('json-logic-js');
const { LogicEngine } = require('json-logic-engine');
const version = (pkg) => JSON.parse(readFileSync(path.join(npmDir, 'node_modules', pkg, 'package.json'), 'utf8')).version;
const engineVersion = version('json-logic-engine');
const jsVersion = version('json-logic-js');

// The records: missing is null, as a JSON document would carry it.
const records = [];
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (line === '' || line[0] === '#') continue;
  const [v, m, p] = line.split(';');
  records.push({ värde: v === '' ? null : Number(v), mål: Number(m), föregående: p === '' ? null : Number(p) });
}

// The built-in indicator rule (kBuiltinIndicatorRule, riktning öka) in JSON Logic:
//   ej bedömd om saknas(helårsvärde); uppfyllt om uppnått; delvis om förbättrat; ej uppfyllt om inte uppnått
// förbättrat is okänt (does not fire) when föregående is missing; `inte uppnått`
// is sant whenever it is reached (värde is there and below mål).
const rule = {
  if: [
    { '==': [{ var: 'värde' }, null] }, 'ej bedömd',
    { '>=': [{ var: 'värde' }, { var: 'mål' }] }, 'uppfyllt',
    { and: [{ '!=': [{ var: 'föregående' }, null] }, { '>': [{ var: 'värde' }, { var: 'föregående' }] }] }, 'delvis',
    'ej uppfyllt',
  ],
};

function byHand(r) {
  if (r.värde === null) return 'ej bedömd';
  if (r.värde >= r.mål) return 'uppfyllt';
  if (r.föregående !== null && r.värde > r.föregående) return 'delvis';
  return 'ej uppfyllt';
}

const engine = new LogicEngine();
const built = engine.build(rule);  // json-logic-engine's compiled form (its fast path)

const engines = [
  [`json-logic-js ${jsVersion}`, (r) => jsonLogic.apply(rule, r)],
  [`json-logic-engine ${engineVersion}`, built],
  ['JS för hand', byHand],
];

const order = ['uppfyllt', 'delvis', 'ej uppfyllt', 'ej bedömd'];
for (const [name, judge] of engines) {
  const times = [];
  let counts;
  for (let k = 0; k < runs; ++k) {
    const c = { uppfyllt: 0, delvis: 0, 'ej uppfyllt': 0, 'ej bedömd': 0 };
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < records.length; ++i) ++c[judge(records[i])];
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
    counts = c;
  }
  const sorted = [...times].sort((a, b) => a - b);
  const m = sorted[Math.floor(sorted.length / 2)];
  console.log(['rad', name, m.toFixed(6), (records.length / m / 1e6).toFixed(4), ...order.map((o) => counts[o]),
    times.map((t) => t.toFixed(4)).join(' ')].join(';'));

  // Where it differs from the hand-written function: how many records, what they share, an example each.
  const diff = new Map();
  for (const r of records) {
    const a = judge(r), b = byHand(r);
    if (a === b) continue;
    const key = `${b} → ${a}`;
    const d = diff.get(key) || { n: 0, värde0: 0, föregående0: 0, example: r };
    ++d.n;
    if (r.värde === 0) ++d.värde0;
    if (r.föregående === 0) ++d.föregående0;
    diff.set(key, d);
  }
  for (const [key, d] of diff) {
    const shared = d.värde0 === d.n ? 'alla har värde 0' : d.föregående0 === d.n ? 'alla har föregående 0' :
      `${d.värde0} har värde 0, ${d.föregående0} föregående 0`;
    console.log(['varför', name, key, d.n, shared, JSON.stringify(d.example)].join(';'));
  }
}
