const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
    ...jestConfig,
    testMatch: ['<rootDir>/force-app/**/__tests__/**/*.test.ts'],
    testPathIgnorePatterns: ['<rootDir>/node_modules/', '<rootDir>/.localdevserver/', '<rootDir>/local-org/'],
    moduleNameMapper: {
        '^lightning/platformShowToastEvent$': '<rootDir>/force-app/test/jest-mocks/lightning/platformShowToastEvent.js'
    },
    setupFilesAfterEnv: ['<rootDir>/jest-sa11y-setup.js'],
    // Coverage of the TypeScript sources only: the compiled .js beside each .ts is generated, not written.
    collectCoverageFrom: ['force-app/**/lwc/**/*.ts', '!**/__tests__/**', '!**/*.d.ts'],
    coverageThreshold: {
        global: { lines: 85, statements: 85, functions: 85, branches: 75 }
    },
    coverageReporters: ['text-summary', 'lcov']
};
