import fs from 'node:fs';
import { defineConfig, type Plugin } from 'vitest/config';

/** @actions/workflow-parser ships source maps without their sources: load it without them, so vite stays quiet. */
const workflowParserWithoutMaps: Plugin = {
  name: 'workflow-parser-without-maps',
  enforce: 'pre',
  load(id) {
    if (!/node_modules\/@actions\/workflow-parser\/.*\.js$/.test(id)) return null;
    return { code: fs.readFileSync(id.split('?')[0], 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, ''), map: null };
  },
};

export default defineConfig({
  plugins: [workflowParserWithoutMaps],
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // GitHub's workflow parser imports JSON without import attributes: let vite transform it
    server: { deps: { inline: ['@actions/workflow-parser'] } },
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results.json' },
  },
});
