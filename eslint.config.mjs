// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layers from './eslint/layers.mjs';
import storeSql from './eslint/store-sql.mjs';

/** Packages the Node core must never import: it has to run in plain Node (CLI, tests, workers). */
const UI_AND_ELECTRON = [
  'electron',
  'electron/*',
  'react',
  'react/*',
  'react-dom',
  'react-dom/*',
  'zustand',
  'zustand/*',
];

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-output/**', 'coverage/**', '.bench/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  // Node: main process, core, CLI, tests, scripts, configs.
  {
    files: ['src-main/**', 'test/**', 'scripts/**', 'bin/**', '*.config.*'],
    languageOptions: { globals: { ...globals.node } },
  },
  // CommonJS entry points (bin/coditect.js).
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // The renderer: browser globals, hooks rules.
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  // The core repairs encodings and sanitises log lines: it matches control characters on purpose.
  {
    files: ['src-main/core/**', 'test/**'],
    rules: { 'no-control-regex': 'off' },
  },
  // Layering between our folders: who may import whom (eslint/layers.mjs); SQL only in
  // core/memory (eslint/store-sql.mjs).
  {
    files: ['src-main/**/*.ts', 'src-renderer/**/*.{ts,tsx}'],
    plugins: { coditect: { rules: { ...layers.rules, 'store-sql': storeSql } } },
    rules: { 'coditect/layers': 'error', 'coditect/store-sql': 'error' },
  },
  // Layering: the core imports neither electron nor React; the CLI and the preview host run
  // without Electron.
  {
    files: ['src-main/core/**', 'src-main/node/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: UI_AND_ELECTRON,
              message:
                'src-main/core and src-main/node run in plain Node: no electron, React or zustand here.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/cli/**', 'src-main/preview/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*'],
              message: 'The CLI and the preview host run in plain Node: no electron here.',
            },
          ],
        },
      ],
    },
  },
);
