// The shipped TypeScript declarations (loader/ada-webhooks-admin.d.ts): a typed host page
// (tests/typescript/host.ts) compiles with `tsc --noEmit`, including its lines that must not; and the
// declarations name exactly the events, error codes, capabilities and attributes the widget has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const read = (file) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const declarations = read('loader/ada-webhooks-admin.d.ts');
const quoted = (text, pattern) => [...text.matchAll(pattern)].map((match) => match[1]);
const union = (name) => {
  const body = declarations.match(new RegExp(`export type ${name} =([^;]+);`))?.[1] ?? '';
  return quoted(body, /'([^']+)'/g).sort();
};

test('a typed host page compiles against the declarations with tsc --noEmit', () => {
  const tsc = new URL('../../tools/node_modules/typescript/bin/tsc', import.meta.url).pathname;
  const project = new URL('../typescript/tsconfig.json', import.meta.url).pathname;
  execFileSync(process.execPath, [tsc, '-p', project], { stdio: 'pipe' });
});

test('every event the widget dispatches is in the event map', () => {
  const emitted = quoted(read('src/host_events.rs'), /=> "(ada-webhooks:[a-z-]+)"/g).sort();
  const declared = quoted(declarations, /'(ada-webhooks:[a-z-]+)': CustomEvent/g).sort();
  assert.ok(emitted.length >= 8, emitted.join());
  assert.deepEqual(declared, emitted);
});

test('the capabilities are the ones the widget parses', () => {
  const words = quoted(read('src/embed_options.rs'), /Capability::\w+ => "([a-z]+)"/g).sort();
  assert.deepEqual(union('Capability'), words);
});

test('the error codes are the ones the widget and the loader send', () => {
  const rust = quoted(read('src/api/error.rs'), /ErrorKind::\w+ => "([a-z_]+)",/g);
  const loader = ['internal_error', 'bad_option', 'load_failed'];
  assert.ok(read('loader/crash-guard.js').includes("code: 'internal_error'"));
  assert.ok(read('loader/ada-webhooks-admin.js').includes("code: 'load_failed'"));
  assert.deepEqual(union('ErrorCode'), [...new Set([...rust, ...loader])].sort());
});

test('the languages are the ones the loader speaks', async () => {
  const { LANGUAGES } = await import('../../loader/messages.js');
  assert.deepEqual(union('Language'), [...LANGUAGES].sort());
});

test('the attributes are the element\'s observed attributes', () => {
  const observed = read('loader/ada-webhooks-admin.js').match(/observedAttributes = \[([^\]]+)\]/)[1];
  const body = declarations.match(/interface AdaWebhooksAdminAttributes \{([^}]+)\}/)[1];
  const declared = quoted(body, /^\s*'?([a-z-]+)'?\?:/gm).sort();
  assert.deepEqual(declared, quoted(observed, /'([^']+)'/g).sort());
});
