// The docs name the deploy/ files that the proxy suite runs, and copy none of them: a copy of an
// nginx configuration in a page would drift from the one the tests prove.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const read = (file) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

test('docs/embedding.md links the deploy files and holds no nginx configuration of its own', () => {
  const embedding = read('docs/embedding.md');
  assert.doesNotMatch(embedding, /```nginx/);
  assert.doesNotMatch(embedding, /proxy_pass|proxy_set_header/);
  for (const file of readdirSync(new URL('../../deploy/nginx/', import.meta.url))) {
    if (['ada-webhooks-http.conf.template', 'ada-webhooks-proxy-mode.conf.template', 'ada-webhooks-files.conf.template'].includes(file)) {
      assert.ok(embedding.includes(`(../deploy/nginx/${file})`), `docs/embedding.md links deploy/nginx/${file}`);
    }
  }
  for (const [, target] of embedding.matchAll(/\]\((\.\.\/deploy\/[^)#]+)\)/g)) {
    assert.ok(existsSync(new URL(`../../docs/${target}`, import.meta.url)), `${target} exists`);
  }
});

test('deploy/README.md describes every file in deploy/nginx/', () => {
  const readme = read('deploy/README.md');
  for (const file of readdirSync(new URL('../../deploy/nginx/', import.meta.url))) {
    assert.ok(readme.includes(`nginx/${file}`), `deploy/README.md names nginx/${file}`);
  }
});
