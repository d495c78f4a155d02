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

test('a host token goes only to this page or to the origin its script named', async () => {
  const { tokenRefusedOrigin } = await import('../../loader/base-url.js');
  const page = 'https://dashboard.example';
  assert.equal(tokenRefusedOrigin('/api', undefined, page), undefined, 'same origin');
  assert.equal(tokenRefusedOrigin(undefined, undefined, page), undefined, 'the default, /api');
  assert.equal(tokenRefusedOrigin('https://dashboard.example/ada/api', undefined, page), undefined, 'same origin, written out');
  assert.equal(tokenRefusedOrigin('https://acme.ada.support', undefined, page), 'https://acme.ada.support');
  assert.equal(tokenRefusedOrigin('https://acme.ada.support', 'https://acme.ada.support', page), undefined);
  assert.equal(tokenRefusedOrigin('https://acme.ada.support/api', 'https://acme.ada.support/anything', page), undefined,
    'the origin of what the script named');
  assert.equal(tokenRefusedOrigin('https://attacker.example/api', 'https://acme.ada.support', page), 'https://attacker.example');
  assert.equal(tokenRefusedOrigin('https://acme.ada.support:8443', 'https://acme.ada.support', page), 'https://acme.ada.support:8443',
    'another port is another origin');
  assert.equal(tokenRefusedOrigin('https://attacker.example', 'not a url', page), 'https://attacker.example');
  assert.equal(tokenRefusedOrigin('/\\attacker.example/api', undefined, page), undefined,
    'refused by the base-URL rule itself, with its own reason');
});
