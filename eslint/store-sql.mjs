// @ts-check
// SQL lives in src-main/core/memory only: the rest of the code asks the store's named queries.
// So nothing else in src-main may import the SQLite driver, nor the module that hands the query
// files a store's connection (core/memory/connection.ts), nor may the renderer. Tests may: they
// inspect the index.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MEMORY = 'src-main/core/memory';
const CONNECTION = `${MEMORY}/connection`;

function posix(p) {
  return p.split(path.sep).join('/');
}

/** What the import names that only core/memory may name, or null. */
function forbiddenTarget(spec, filename) {
  if (spec === 'better-sqlite3' || spec.startsWith('better-sqlite3/')) return 'better-sqlite3';
  if (!spec.startsWith('.')) return null;
  const target = posix(path.relative(ROOT, path.resolve(path.dirname(filename), spec))).replace(
    /\.[cm]?[jt]s$/,
    '',
  );
  return target === CONNECTION ? CONNECTION : null;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'SQLite is reached through src-main/core/memory only (named queries)' },
    schema: [],
  },
  create(context) {
    const file = posix(path.relative(ROOT, context.filename));
    if (file.startsWith(`${MEMORY}/`)) return {};
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string') return;
      const target = forbiddenTarget(spec, context.filename);
      if (!target) return;
      context.report({
        node,
        message: `${target} is for ${MEMORY} only: add a named query there and call it from here`,
      });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default rule;
