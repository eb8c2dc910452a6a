// @ts-check
// The layers of the code and who may import whom, enforced on every relative import (VS Code's
// "import patterns" rule, in small). A file in a folder that no layer declares is an error too,
// so a new folder is placed in the architecture on purpose (docs/architecture.md).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Layer → the layers it may import at run time. Order: most specific path first. */
export const LAYERS = {
  'src-main/core': ['src-main/core', 'package.json'],
  'src-main/node': ['src-main/core', 'src-main/node'],
  'src-main/host': ['src-main/core', 'src-main/node', 'src-main/host', 'src-main/ipc'],
  'src-main/ipc': ['src-main/core', 'src-main/node', 'src-main/host', 'src-main/ipc'],
  'src-main/cli': ['src-main/core', 'src-main/node', 'src-main/cli', 'src-main/preview'],
  'src-main/preview': ['src-main/core', 'src-main/node', 'src-main/host', 'src-main/ipc', 'src-main/preview'],
  'src-main/electron': [
    'src-main/core',
    'src-main/node',
    'src-main/host',
    'src-main/ipc',
    'src-main/preview',
    'src-main/electron',
  ],
  // The renderer is a browser page: it may name the contract's types, never run main-process code.
  'src-renderer': ['src-renderer'],
};

/** Layers a file may import for types only (erased at build time). */
const TYPE_ONLY = { 'src-renderer': ['src-main'] };

/** The layer of a repository-relative path, or null when no layer declares its folder. */
export function layerOf(rel) {
  const posix = rel.split(path.sep).join('/');
  if (posix === 'package.json') return 'package.json';
  return Object.keys(LAYERS).find((l) => posix === l || posix.startsWith(`${l}/`)) ?? null;
}

function isTypeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  const specs = node.specifiers ?? [];
  return specs.length > 0 && specs.every((s) => s.importKind === 'type' || s.exportKind === 'type');
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the declared layers (docs/architecture.md)' },
    schema: [],
  },
  create(context) {
    const file = path.relative(ROOT, context.filename);
    const from = layerOf(file);
    if (!file.startsWith('src-main') && !file.startsWith('src-renderer')) return {};
    if (!from) {
      return {
        Program(node) {
          context.report({
            node,
            message: `${path.dirname(file)} is in no declared layer: add it to eslint/layers.mjs and docs/architecture.md`,
          });
        },
      };
    }
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.relative(ROOT, path.resolve(path.dirname(context.filename), spec));
      const to = layerOf(target);
      if (to === from || LAYERS[from].includes(to ?? '')) return;
      const typeLayers = TYPE_ONLY[from] ?? [];
      if (typeLayers.some((l) => target.startsWith(`${l}/`))) {
        if (isTypeOnly(node)) return;
        context.report({ node, message: `${from} may import ${target} for types only (import type)` });
        return;
      }
      context.report({
        node,
        message: `${from} may not import ${to ?? target} (allowed: ${LAYERS[from].join(', ')})`,
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

export default { rules: { layers: rule } };
