const lwcConfig = require('@salesforce/eslint-config-lwc');
const tseslint = require('typescript-eslint');
const globals = require('globals');
const jestPlugin = require('eslint-plugin-jest');

const lwcTs = ['force-app/**/lwc/**/*.ts'];
const lwcTests = ['force-app/**/lwc/**/__tests__/**/*.ts'];
const nodeCode = ['scripts/**/*.mjs', 'local-org/**/*.ts', 'local-org/**/*.js', '*.js'];

module.exports = [
    {
        ignores: [
            'node_modules/**',
            'coverage/**',
            '.sf/**',
            '.sfdx/**',
            'artifacts/**',
            // Generated from the .ts beside it.
            'force-app/**/lwc/**/*.js',
            'scripts/__tests__/fixtures/**'
        ]
    },
    // LWC rules on TypeScript components, parsed by typescript-eslint (toolchain.md, section 4).
    ...lwcConfig.configs.recommended.map((config) => ({ ...config, files: lwcTs })),
    ...tseslint.configs.recommended.map((config) => ({ ...config, files: [...lwcTs, 'local-org/**/*.ts'] })),
    {
        files: [...lwcTs, 'local-org/**/*.ts'],
        rules: {
            '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
        }
    },
    {
        files: lwcTests,
        ...jestPlugin.configs['flat/recommended'],
        languageOptions: { globals: { ...globals.jest, ...globals.node } },
        rules: {
            ...jestPlugin.configs['flat/recommended'].rules,
            '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off'
        }
    },
    {
        files: ['force-app/test/jest-mocks/**/*.js'],
        languageOptions: { sourceType: 'module', globals: { ...globals.browser } }
    },
    {
        files: nodeCode,
        languageOptions: { globals: { ...globals.node } }
    }
];
