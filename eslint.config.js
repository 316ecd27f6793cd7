// Lint rules, including the layering of design.md: renderer/preload/main -> shared only, shared
// imports nothing from node or electron, and only the Electron glue modules import 'electron'.
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const ELECTRON_GLUE = [
  'src/main/index.ts',
  'src/main/window.ts',
  'src/main/ipc.ts',
  'src/main/app-protocol.ts',
  'src/main/settings-store-electron.ts',
  'src/preload/index.ts',
]

const noElectron = { name: 'electron', message: 'Only the Electron glue modules import electron.' }
const noNode = { group: ['node:*'], message: 'src/shared is pure TypeScript: no node: imports.' }
const noMainFromUi = {
  group: ['**/main/**', '**/cli/**', '**/preload/index'],
  message: 'The renderer and preload talk to main only through the contract in src/shared.',
}
const noUiFromMain = {
  group: ['**/renderer/**', '**/cli/**', '**/preload/**'],
  message: 'main imports only shared (and its own modules).',
}

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'bench/.work/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
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
            noNode,
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**'],
              message: 'shared imports only shared.',
            },
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
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [noNode, noMainFromUi] }],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    ignores: ELECTRON_GLUE,
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [noNode, noMainFromUi] }],
    },
  },
  {
    files: ['src/preload/index.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noNode, noMainFromUi] }] },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ELECTRON_GLUE,
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [noUiFromMain] }],
    },
  },
  {
    files: ELECTRON_GLUE.filter((f) => f.startsWith('src/main/')),
    rules: { 'no-restricted-imports': ['error', { patterns: [noUiFromMain] }] },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: ['**/renderer/**', '**/preload/**'],
              message: 'The CLI uses main services and shared only.',
            },
          ],
        },
      ],
    },
  },
)
