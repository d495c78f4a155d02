// The base-URL rule of src/base_url.rs, for the loader and start.js: a path on this page's origin
// or an absolute https:// URL (http:// only for a loopback address), resolved against
// location.origin and refused when the browser's URL parser would read it differently from what was
// typed. Both implementations run the cases in tests/fixtures/base-urls.json.

const DEFAULT_BASE_URL = '/api';
const ADA_HOST_SUFFIX = '.ada.support';
const ASCII_WHITESPACE = /^[\t\n\f\r ]+|[\t\n\f\r ]+$/g;

/**
 * `{ root, shown }` for a usable base URL (root: the absolute URL the API's paths are joined to),
 * or `{ problem }` naming the rule it breaks, as src/base_url.rs names it.
 */
export function checkBaseUrl(input, pageOrigin = location.origin) {
  const result = applyRule(typeof input === 'string' ? input : '', pageOrigin);
  if (result.problem) return result;
  return parserAgrees(result.root, pageOrigin, result.sameOrigin) ? { root: result.root, shown: result.shown }
    : { problem: 'ReadDifferently' };
}

function applyRule(input, pageOrigin) {
  const text = input.replace(ASCII_WHITESPACE, '') || DEFAULT_BASE_URL;
  for (const character of text) {
    const code = character.codePointAt(0);
    if (character === '\\') return { problem: 'Backslash' };
    if (character === ' ') return { problem: 'ContainsSpace' };
    if (code < 0x20 || code === 0x7f || /\s/u.test(character)) return { problem: 'ControlCharacter' };
    if (code > 0x7e) return { problem: 'NonAscii' };
    if (character === '?' || character === '#') return { problem: 'HasQueryOrFragment' };
  }
  if (text.startsWith('//')) return { problem: 'ProtocolRelative' };
  if (text.startsWith('/')) {
    const path = checkedPath(text);
    if (path === undefined) return { problem: 'UnusablePath' };
    const shown = path || DEFAULT_BASE_URL;
    return { root: pageOrigin + shown, shown, sameOrigin: true };
  }
  let scheme;
  let rest;
  const separator = text.indexOf('://');
  if (separator >= 0) {
    scheme = text.slice(0, separator).toLowerCase();
    rest = text.slice(separator + 3);
  } else if (text.includes(':') && !looksLikeHostAndPort(text)) {
    return { problem: 'UnsupportedScheme' };
  } else {
    scheme = 'https';
    rest = text;
  }
  const slash = rest.indexOf('/');
  const authority = slash >= 0 ? rest.slice(0, slash) : rest;
  let path = slash >= 0 ? rest.slice(slash) : '';
  if (authority.includes('@')) return { problem: 'HasCredentials' };
  if (authority === '') return { problem: 'MissingHost' };
  const hostAndPort = splitHostAndPort(authority);
  if (hostAndPort.problem) return hostAndPort;
  const { host, port } = hostAndPort;
  let defaultPort;
  if (scheme === 'https') defaultPort = 443;
  else if (scheme === 'http' && isLoopback(host)) defaultPort = 80;
  else if (scheme === 'http') return { problem: 'InsecureRemote' };
  else return { problem: 'UnsupportedScheme' };
  path = checkedPath(path);
  if (path === undefined) return { problem: 'UnusablePath' };
  if (host.endsWith(ADA_HOST_SUFFIX)) {
    if (!['', '/api', '/api/v2', '/api/v2/webhooks'].includes(path)) return { problem: 'UnexpectedAdaPath' };
    path = '/api';
  }
  const shownPort = port === undefined || port === defaultPort ? '' : `:${port}`;
  const url = `${scheme}://${host}${shownPort}${path}`;
  return { root: url, shown: url, sameOrigin: false };
}

/** The path without trailing slashes, or undefined when a segment is one the parser rewrites. */
function checkedPath(path) {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return '';
  const segments = trimmed.split('/').slice(1);
  const usable = segments.every((segment) => segment !== '' && !isDotSegment(segment)
    && /^(?:[A-Za-z0-9\-._~]|%[0-9A-Fa-f]{2})+$/.test(segment));
  return usable ? trimmed : undefined;
}

function isDotSegment(segment) {
  const decoded = segment.toLowerCase().replaceAll('%2e', '.');
  return decoded === '.' || decoded === '..';
}

function looksLikeHostAndPort(text) {
  const authority = text.split('/')[0];
  const colon = authority.lastIndexOf(':');
  return colon >= 0 && /^[0-9]+$/.test(authority.slice(colon + 1));
}

function splitHostAndPort(authority) {
  let host;
  let port;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close < 0 || authority.slice(1, close) !== '::1') return { problem: 'InvalidHost' };
    host = '[::1]';
    const after = authority.slice(close + 1);
    if (after !== '') {
      if (!after.startsWith(':')) return { problem: 'InvalidHost' };
      port = after.slice(1);
    }
  } else {
    const colon = authority.indexOf(':');
    host = (colon >= 0 ? authority.slice(0, colon) : authority).toLowerCase();
    if (colon >= 0) port = authority.slice(colon + 1);
    if (!isPlainHost(host)) return { problem: 'InvalidHost' };
  }
  if (port === undefined) return { host };
  if (!/^[1-9][0-9]*$/.test(port) || Number(port) > 65535) return { problem: 'InvalidPort' };
  return { host, port: Number(port) };
}

function isPlainHost(host) {
  const labels = host.split('.');
  const plain = labels.every((label) => label.length > 0 && label.length <= 63 && /^[a-z0-9-]+$/.test(label)
    && !label.startsWith('-') && !label.endsWith('-'));
  const last = labels[labels.length - 1];
  const numericLast = /^[0-9]*$/.test(last) || last.startsWith('0x');
  return plain && (!numericLast || ipv4Octets(host) !== undefined);
}

function ipv4Octets(host) {
  const parts = host.split('.');
  if (parts.length !== 4) return undefined;
  const octets = parts.map((part) => (/^(?:0|[1-9][0-9]{0,2})$/.test(part) ? Number(part) : NaN));
  return octets.every((octet) => octet <= 255) ? octets : undefined;
}

function isLoopback(host) {
  return host === 'localhost' || host === '[::1]' || ipv4Octets(host)?.[0] === 127;
}

/** The URL parser reads `root` exactly as written, and a same-origin root stays on the page's origin. */
function parserAgrees(root, pageOrigin, sameOrigin) {
  let parsed;
  try {
    parsed = new URL(root);
  } catch {
    return false;
  }
  const href = parsed.pathname === '/' && !root.endsWith('/') ? parsed.href.slice(0, -1) : parsed.href;
  return href === root && (!sameOrigin || parsed.origin === pageOrigin);
}

/**
 * Where a token from the host's script (`getToken`) may be sent when the base URL comes from an
 * element's `base-url` attribute, which anything able to put HTML in the host page can write: to
 * this page's own origin, or to the origin the host's script named in the element's `tokenOrigin`
 * property. `undefined` when it may; else the origin it may not go to. A base URL the script passes
 * to mount() itself needs no such check.
 */
export function tokenRefusedOrigin(input, tokenOrigin, pageOrigin = location.origin) {
  const { root } = checkBaseUrl(input, pageOrigin);
  if (!root) return undefined; // refused by the base-URL rule itself, with its own reason
  const origin = new URL(root).origin;
  if (origin === pageOrigin) return undefined;
  let named;
  try {
    named = typeof tokenOrigin === 'string' ? new URL(tokenOrigin).origin : undefined;
  } catch {
    named = undefined;
  }
  return named === origin ? undefined : origin;
}
