// loader/base-url.js against the cases src/base_url.rs also runs (tests/fixtures/base-urls.json):
// one rule for the base URL, in Rust and in JS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkBaseUrl } from '../../loader/base-url.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/base-urls.json', import.meta.url), 'utf8'));
const DEFAULT_ORIGIN = 'https://dashboard.example';

for (const testCase of fixture.cases) {
  test(`base URL ${JSON.stringify(testCase.input)}`, () => {
    const result = checkBaseUrl(testCase.input, testCase.origin ?? DEFAULT_ORIGIN);
    if (testCase.problem) {
      assert.deepEqual(result, { problem: testCase.problem });
    } else {
      assert.equal(result.problem, undefined, `refused: ${result.problem}`);
      assert.equal(result.root, testCase.root);
      if (testCase.shown) assert.equal(result.shown, testCase.shown);
    }
  });
}

test('a non-string base URL is the default', () => {
  assert.deepEqual(checkBaseUrl(undefined, DEFAULT_ORIGIN), { root: `${DEFAULT_ORIGIN}/api`, shown: '/api' });
});
