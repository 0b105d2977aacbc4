// Prints vitest's JSON result as the plain closing line CI reads: "N passed, N failed".
import fs from 'node:fs';

const file = process.argv[2] ?? 'test-results.json';
try {
  const result = JSON.parse(fs.readFileSync(file, 'utf8'));
  const skipped = (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0);
  console.log(`tests: ${result.numPassedTests} passed, ${result.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
} catch (err) {
  console.log(`tests: 0 passed, 1 failed (no readable test results in ${file}: ${err.message})`);
}
