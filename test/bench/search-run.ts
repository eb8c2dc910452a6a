/**
 * The search figures of `npm run bench` alone: `npx tsx test/bench/search-run.ts [messages]`
 * (default 1,000,000). Options:
 *   --store <file>   keep the built store there and reuse it on the next run (same size)
 *   --ab <name>=<module>  also time that module's `searchMessages` (repeatable), interleaved query
 *                    by query with the current one over the same store; reports where results differ
 *   --ab-store <file>  also time the current code over that store (the same messages, e.g. made
 *                    by a copy of --store that a newer schema upgraded), interleaved
 *   --queries <n>    how many queries (default 500, the same number of each kind)
 *   --warm-filters   before timing, one common word with each filter set (their ids then kept,
 *                    as in an app that has used these filters): times without the first query's
 *                    150-350 ms per filter
 */
import path from 'node:path';
import { searchMessages } from '../../src-main/core/memory/search-queries';
import { ReadStore } from '../../src-main/core/memory/store';
import { benchSearch, formatPercentiles, type SearchFn } from './search-bench';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const storeFile = option('--store');
const ab: string[] = [];
for (let v = option('--ab'); v; v = option('--ab')) ab.push(v);
const abStore = option('--ab-store');
const queries = Number(option('--queries') ?? '500');
const warmAt = args.indexOf('--warm-filters');
const warmFilters = warmAt >= 0;
if (warmFilters) args.splice(warmAt, 1);
const messages = Number(args[0] ?? '1000000');

async function main() {
  const functions: Record<string, SearchFn> = {};
  for (const a of ab) {
    const [name, file] = a.split('=');
    functions[name!] = ((await import(path.resolve(file!))) as { searchMessages: SearchFn }).searchMessages;
  }
  functions[ab.length || abStore ? 'after' : 'current'] = searchMessages as SearchFn;
  if (abStore) {
    const other = ReadStore.openReadOnly(path.resolve(abStore));
    functions[`after, ${path.basename(abStore)}`] = (_store, query, limit, f) =>
      searchMessages(other, query, limit, f);
  }
  console.log(
    `Search over ${messages.toLocaleString('en')} messages, ${queries} queries${warmFilters ? ', filters warmed' : ''} …`,
  );
  const r = benchSearch(messages, queries, {
    storeFile: storeFile && path.resolve(storeFile),
    functions,
    warmFilters,
  });
  console.log(Number.isNaN(r.buildMs) ? 'store reused' : `store built in ${(r.buildMs / 1000).toFixed(1)} s`);
  for (const [name, f] of Object.entries(r.byFunction)) {
    console.log(`\n${name}:`);
    for (const [kind, p] of Object.entries(f.kinds))
      console.log(`  ${kind.padEnd(22)} ${formatPercentiles(p)}  (${p.queries} queries)`);
    console.log(`  ${'overall'.padEnd(22)} ${formatPercentiles(f.overall)}  (${f.overall.queries} queries)`);
  }
  for (const [name, list] of Object.entries(r.mismatches))
    if (list.length)
      console.log(
        `\n${name}: ${list.length} queries gave other results, e.g.\n  ${list.slice(0, 5).join('\n  ')}`,
      );
}

void main();
