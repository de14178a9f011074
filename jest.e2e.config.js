/** Real-n8n end-to-end suite (`npm run test:e2e`): installs n8n once into a cache folder. */
const base = require('./jest.config.js');
module.exports = { ...base, testMatch: ['**/test/e2e/**/*.e2e.test.ts'], testPathIgnorePatterns: ['/node_modules/'], testTimeout: 600000 };
