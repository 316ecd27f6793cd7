// Lint rules, including the layering of the architecture (README): the folders are the runtimes.
// shared imports nothing but shared; renderer and preload talk to main only through the contract;
// main/core is plain Node (the CLI, the app and browser mode share it); only main/electron and the
// preload import 'electron'; main/web is the browser-mode server; the CLI uses core and shared.
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const noElectron = {
  name: 'electron',
  message: 'Only src/main/electron and the preload import electron.',
}
const noNode = { group: ['node:*'], message: 'This code runs in the renderer: no node: imports.' }
const only = (allowed, message) => ({
  group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**'].filter(
    (g) => !allowed.includes(g),
  ),
  message,
})

/**
 * The layers of src/main/core, lowest first (README, Architecture): what a layer holds (files)
 * and how an import of it is written (imports). A layer may import itself and the layers before
 * it.
 */
const CORE = 'src/main/core'
const rootFiles = (...names) => names.map((n) => `${CORE}/${n}.ts`)
const folder = (name) => ({ files: [`${CORE}/${name}/**/*.ts`], imports: [`**/${name}/*`] })
const CORE_LAYERS = [
  {
    name: 'base',
    files: [
      ...rootFiles('env', 'keychain', 'duration', 'file-error', 'built-files', 'csp'),
      ...rootFiles('static-files', 'jobs', 'runtime-algorithms'),
      `${CORE}/settings/**/*.ts`,
    ],
    imports: ['**/settings/*'],
  },
  { name: 'keys', ...folder('keys') },
  { name: 'credentials', ...folder('credentials') },
  { name: 'jwks', ...folder('jwks') },
  { name: 'verify', ...folder('verify') },
  { name: 'jwe', ...folder('jwe') },
  { name: 'mint', ...folder('mint') },
  {
    name: 'services',
    files: ['scan', 'audit', 'secrets', 'issuer', 'recovery', 'oauth'].flatMap(
      (n) => folder(n).files,
    ),
    imports: ['scan', 'audit', 'secrets', 'issuer', 'recovery', 'oauth'].flatMap(
      (n) => folder(n).imports,
    ),
  },
  {
    name: 'composition',
    files: rootFiles(
      'context',
      'preferences',
      'history',
      'keychain-handlers',
      'handlers',
      'dispatch',
    ),
    imports: ['context', 'preferences', 'history', 'keychain-handlers', 'handlers', 'dispatch'].map(
      (n) => `**/${n}`,
    ),
  },
]

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'bench/.work/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'separate-type-imports' },
      ],
      // `import { type X }` alone keeps a side-effect import of the module (and its zod) in a bundle.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      'no-console': 'off',
    },
  },
  {
    // CommonJS files (the jwtw entry) load what they need with require.
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Promises handled everywhere: a floating promise loses its error, a misused one its await.
    files: ['src/**/*.{ts,tsx}', 'tests/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // One way of writing schemas: zod/mini, which tree-shakes (classic zod builds every
    // schema's methods at start-up, about 20 ms of every CLI command).
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod']",
          message: "Import zod/mini, not 'zod': schemas are written in its functional form.",
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: ['node:*'], message: 'src/shared is pure TypeScript: no node: imports.' },
            only([], 'shared imports only shared.'),
          ],
        },
      ],
      'no-restricted-globals': ['error', 'Buffer', 'process', 'require', '__dirname'],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            noNode,
            only(['**/renderer/**'], 'The renderer talks to main only through the contract.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noNode,
            only(['**/preload/**'], 'The preload exposes the contract, nothing of main.'),
          ],
        },
      ],
    },
  },
  // core's layers, lowest first: a module imports its own layer and those below, never one
  // above (type-only imports excepted: they leave no arrow at run time).
  ...CORE_LAYERS.map((layer, index) => ({
    files: layer.files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            only([], 'main/core is plain Node: it imports shared and core only.'),
            { group: ['**/electron/**', '**/web/**'], message: 'core never imports its faces.' },
            ...CORE_LAYERS.slice(index + 1).map((above) => ({
              group: above.imports,
              allowTypeImports: true,
              message: `core layer "${layer.name}" never imports "${above.name}", a layer above it (see CORE_LAYERS).`,
            })),
          ],
        },
      ],
    },
  })),
  {
    files: ['src/main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            only(['**/main/**'], 'The Electron glue imports core and shared.'),
            { group: ['**/web/**'], message: 'The Electron glue does not use browser mode.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/web/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            only(['**/main/**'], 'Browser mode imports core and shared.'),
            { group: ['**/electron/**'], message: 'Browser mode never imports the Electron glue.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            only(['**/main/**', '**/cli/**'], 'The CLI uses main/core, main/web and shared only.'),
            { group: ['**/electron/**'], message: 'The CLI never imports the Electron glue.' },
          ],
        },
      ],
    },
  },
  // What every `jwtw` start loads (the command table and each command's declarations): no zod,
  // no schema module and no service, so `--version`, `--help` and decode start fast. Values
  // come from zod-free modules (algorithms, oauth-names, templates, ...).
  {
    files: ['src/cli/command-table.ts', 'src/cli/options.ts', 'src/cli/commands/*/spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            noElectron,
            { name: 'zod', message: 'CLI declarations load no zod.' },
            { name: 'zod/mini', message: 'CLI declarations load no zod.' },
          ],
          patterns: [
            {
              group: ['**/*-schemas', '**/main/**'],
              allowTypeImports: true,
              message: 'CLI declarations load at every start: no schemas, no services.',
            },
          ],
        },
      ],
    },
  },
)
