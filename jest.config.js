// Tests are TypeScript compiled by SWC; types are checked by `npm run typecheck`, not here.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  // jose ships ES modules only: compile it like our own code.
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  // Browser and multi-process tests start real servers; give them room on a shared 2-core box.
  testTimeout: 60_000,
};
