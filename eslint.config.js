import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

/** Only the seams talk to the world: processes, the runner's toolkit and the GitHub API. */
const SEAM_ONLY = {
  paths: [
    { name: 'node:child_process', message: 'Processes start only in src/seams/ (the engine seam).' },
    { name: 'child_process', message: 'Processes start only in src/seams/ (the engine seam).' },
  ],
  patterns: [
    {
      group: ['@actions/*', '@octokit/*'],
      message: 'Only src/seams/ may use the runner toolkit and Octokit.',
    },
  ],
};

/** The Dockerfile model and the rules read Dockerfiles only: never builds, images, reports or the base. */
const MODEL_LAYER_PATTERNS = [
  {
    group: ['**/build/*', '**/image/*', '**/report/*', '**/baseline/*', '**/phases/*', '**/main.js'],
    message:
      'src/dockerfile/ and src/rules/ may not import the build, image, report, baseline or job layers.',
  },
];

/** The rules read the typed model (src/dockerfile/instructions.ts), never dockerfile-ast's parse. */
const RULES_READ_THE_MODEL = {
  name: 'dockerfile-ast',
  message: 'Rules read the typed model (src/dockerfile/instructions.ts); only src/dockerfile/ reads the AST.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist.*/**', 'node_modules/**', 'coverage/**', 'bench/work/**', '.scratch*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
      // Dependencies are TypeScript too: parse them with the TypeScript parser to follow their imports.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js'],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-imports': ['error', SEAM_ONLY],
      // Short functions: a phase or a rule reads at one glance (docs/architecture.md).
      'max-lines-per-function': ['error', { max: 80, IIFEs: true }],
    },
  },
  {
    files: ['src/dockerfile/**/*.ts', 'src/rules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { ...SEAM_ONLY, patterns: [...SEAM_ONLY.patterns, ...MODEL_LAYER_PATTERNS] },
      ],
    },
  },
  {
    files: ['src/rules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...SEAM_ONLY.paths, RULES_READ_THE_MODEL],
          patterns: [...SEAM_ONLY.patterns, ...MODEL_LAYER_PATTERNS],
        },
      ],
    },
  },
  { files: ['src/seams/**/*.ts'], rules: { 'no-restricted-imports': 'off' } },
  {
    files: ['src/cli.ts', 'src/cli/**', 'bench/**', 'scripts/**', '__tests__/**'],
    rules: { 'no-console': 'off' },
  },
);
