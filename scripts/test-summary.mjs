// Prints vitest's JSON results as the plain closing line CI reads: "N passed, N failed".
// Given several result files (one per Node.js version), prints a line for each, then the total.
import fs from 'node:fs';

const files = process.argv.slice(2);
if (files.length === 0) files.push('test-results.json');
const total = { passed: 0, failed: 0, skipped: 0 };
for (const file of files) {
  try {
    const result = JSON.parse(fs.readFileSync(file, 'utf8'));
    const counts = { passed: result.numPassedTests, failed: result.numFailedTests, skipped: (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0) };
    for (const key of Object.keys(total)) total[key] += counts[key];
    if (files.length > 1) console.log(`${file}: ${line(counts)}`);
  } catch (err) {
    total.failed += 1;
    console.log(`${file}: no readable test results (${err.message})`);
  }
}
console.log(`tests: ${line(total)}`);

function line({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
}
