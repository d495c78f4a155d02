// The browsers driven through W3C WebDriver with selenium-webdriver from tools/: WebKit (Safari's
// engine: Debian's WebKitWebDriver starts its MiniBrowser on the X display in DISPLAY, an Xvfb that
// tests/engine.sh starts), Firefox ESR (geckodriver) and Chromium (chromedriver), the engine named
// by ENGINE. The widget may render into shadow roots, which WebDriver's locators do not enter, so
// elements are found by a script that walks every open shadow root and picks them as a person
// would: a button or field by its accessible name, text as shown.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../e2e/harness.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(repoRoot, 'tools/'));
const { Builder } = require('selenium-webdriver');

/** The engine under test: webkit, firefox or chromium. */
export const ENGINE = process.env.ENGINE ?? 'webkit';
/** How long a wait for a state may take before the test fails. */
const WAIT_MS = 20_000;

/** Each engine's WebDriver server and the capabilities of a session in it. */
const ENGINES = {
  webkit: {
    driver: process.env.WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver',
    args: (port) => [`--port=${port}`, '--host=local'],
    capabilities: {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', args: ['--automation'] },
    },
  },
  firefox: {
    driver: process.env.GECKODRIVER_BIN ?? path.join(process.env.HOME ?? '', '.cargo/bin/geckodriver'),
    args: (port) => ['--port', String(port), '--host', '127.0.0.1'],
    capabilities: {
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary: '/usr/bin/firefox-esr',
        args: ['-headless'],
        prefs: {
          'app.update.enabled': false,
          'datareporting.policy.dataSubmissionEnabled': false,
          'toolkit.telemetry.enabled': false,
          'network.captive-portal-service.enabled': false,
          'network.connectivity-service.enabled': false,
        },
      },
    },
  },
  chromium: {
    driver: process.env.CHROMEDRIVER_BIN ?? '/usr/bin/chromedriver',
    args: (port) => [`--port=${port}`],
    capabilities: {
      browserName: 'chrome',
      'goog:chromeOptions': {
        binary: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
        args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
          '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-default-apps'],
      },
    },
  },
};

/** Starts ENGINE's WebDriver server on a port the OS chose and a browser session on it. */
export async function startBrowser() {
  const engine = ENGINES[ENGINE];
  if (!engine) throw new Error(`ENGINE=${ENGINE}: expected one of ${Object.keys(ENGINES).join(', ')}`);
  if (ENGINE === 'webkit' && !process.env.DISPLAY) {
    throw new Error('DISPLAY is not set: WebKit runs on an X display (tests/engine.sh starts an Xvfb)');
  }
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const server = spawn(engine.driver, engine.args(port), { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    server.stderr.on('data', (chunk) => { stderr += chunk; });
    const exited = new Promise((resolve) => server.on('exit', resolve));
    if (!(await accepting(port, exited))) {
      if (attempt < 5 && /in use/i.test(stderr)) continue;
      throw new Error(`${engine.driver} exited: ${stderr}`);
    }
    const driver = await new Builder()
      .usingServer(`http://127.0.0.1:${port}`)
      .withCapabilities(engine.capabilities)
      .build();
    return {
      driver,
      async stop() {
        await driver.quit().catch(() => {});
        server.kill();
        await exited;
      },
    };
  }
}

/** True once WebKitWebDriver accepts connections on `port`; false if it exits first. */
async function accepting(port, exited) {
  let gone = false;
  exited.then(() => { gone = true; });
  while (!gone) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
      socket.on('error', () => resolve(false));
    });
    if (open) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

// The page-side finder: every element of the document and of each open shadow root in it, and
// what a person (or a screen reader) would call each one. Runs inside the browser.
const FINDER = `
const everything = (root = document) => {
  const found = [];
  const walk = (node) => {
    for (const element of node.querySelectorAll('*')) {
      found.push(element);
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  walk(root);
  return found;
};
const shown = (element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';
const nameOf = (element) => {
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    return labelledBy.split(' ').map((id) => element.getRootNode().getElementById(id)?.textContent ?? '').join(' ').trim();
  }
  if (element.hasAttribute('aria-label')) return element.getAttribute('aria-label').trim();
  if (element.id) {
    const label = element.getRootNode().querySelector('label[for="' + CSS.escape(element.id) + '"]');
    if (label) return label.textContent.replace(/\\s+/g, ' ').trim();
  }
  const wrapping = element.closest('label');
  if (wrapping) return wrapping.textContent.replace(/\\s+/g, ' ').trim();
  return element.textContent.replace(/\\s+/g, ' ').trim();
};
const ROLES = {
  button: 'button, [role=button]',
  menuitem: '[role=menuitem]',
  checkbox: 'input[type=checkbox]',
  field: 'input:not([type=checkbox]), textarea',
  dialog: 'dialog[open], [role=dialog]',
};
`;

/** A page in the browser, with finders that see into shadow roots. */
export class Page {
  constructor(driver) {
    this.driver = driver;
  }

  async goto(url) {
    await this.driver.get(url);
  }

  /**
   * Opens the standalone page at `url` and waits until the wasm's sign-in form has replaced the
   * page's HTML one (loader/page-form.js), so that no field or button found afterwards is the page's,
   * which the takeover removes (a click on it would find a stale element).
   */
  async gotoWasmSignIn(url) {
    await this.goto(url);
    await this.until(() => this.driver.executeScript(
      "return !document.getElementById('ada-page-key') && !!document.querySelector('#ada-webhooks-admin input[type=password]')",
    ), "the wasm's sign-in form");
  }

  /** Runs `body` (the text of a function body) with FINDER's helpers and `args`. */
  script(body, ...args) {
    return this.driver.executeScript(`${FINDER}\n${body}`, ...args);
  }

  /** Polls `condition` until it gives a truthy value, which it returns; fails after WAIT_MS. */
  async until(condition, what) {
    const started = Date.now();
    for (;;) {
      const value = await condition();
      if (value) return value;
      if (Date.now() - started > WAIT_MS) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The shown element of `role` named exactly `name` (within the open dialog named `within`, if
   * given), or null. */
  find(role, name, { within } = {}) {
    return this.script(`
      const [role, name, within] = arguments;
      let scope = document;
      if (within) {
        scope = everything().find((element) => element.matches(ROLES.dialog) && nameOf(element) === within);
        if (!scope) return null;
      }
      return everything(scope).find((element) => element.matches(ROLES[role]) && shown(element) && nameOf(element) === name) ?? null;
    `, role, name, within ?? null);
  }

  /** Waits for that element and returns it. */
  async get(role, name, options) {
    return this.until(() => this.find(role, name, options), `the ${role} “${name}”`);
  }

  /** Scrolls `element` to the middle of the view, as a person would before using it (WebKitWebDriver
   * scrolls an element just barely into view, or not at all, and then refuses it as out of reach). */
  async reach(element) {
    await this.driver.executeScript("arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' })", element);
    return element;
  }

  /**
   * Runs `action` on the element once it can take it: shown, in view, not behind something and not
   * redrawn meanwhile (a row group redrawn after a change replaces its buttons; the wasm's sign-in
   * form replaces the page's HTML one), as a person waits for a control to settle before using it.
   * `what` names the action in a failure.
   */
  async settled(role, name, options, action, what) {
    const settling = new Set(['ElementNotInteractableError', 'ElementClickInterceptedError', 'StaleElementReferenceError']);
    let last;
    try {
      await this.until(async () => {
        const element = await this.find(role, name, options);
        if (!element) return false;
        try {
          await action(await this.reach(element));
          return true;
        } catch (error) {
          if (!settling.has(error.name)) throw error;
          last = error;
          return false;
        }
      }, `the ${role} “${name}” to take ${what}`);
    } catch (error) {
      throw new Error(`${what} on the ${role} “${name}”: ${error.message}${last ? ` (${last.name})` : ''}`);
    }
  }

  /** Clicks the element once it can take a click (see `settled`). */
  click(role, name, options) {
    return this.settled(role, name, options, (element) => element.click(), 'a click');
  }

  /** Replaces a field's text as typing would (a line break as Enter, which a text area keeps); typed
   * again from the start when the field was redrawn meanwhile (see `settled`). */
  fill(label, text, options) {
    return this.settled('field', label, options, async (field) => {
      await field.clear();
      // A line break typed as the Enter key: WebKitWebDriver drops a "\n" character.
      if (text !== '') await field.sendKeys(text.replaceAll('\n', '\uE007'));
    }, 'typing');
  }

  /** The shown text of the page and its shadow roots, without the polite live region (which
   * repeats what the page shows, later). */
  shownText() {
    return this.script(`
      const texts = [];
      const walk = (node) => {
        for (const child of node.childNodes) {
          if (child.nodeType === Node.TEXT_NODE) { texts.push(child.textContent); continue; }
          if (child.nodeType !== Node.ELEMENT_NODE) continue;
          if (child.getAttribute('role') === 'status' && child.hasAttribute('aria-live')) continue;
          if (child.matches('script, style, template') || (child.getClientRects().length === 0 && child.localName !== 'slot')) continue;
          walk(child);
          if (child.shadowRoot) walk(child.shadowRoot);
        }
      };
      walk(document.body);
      return texts.join(' ').replace(/\\s+/g, ' ');
    `);
  }

  /** Waits until the shown text matches `pattern` (a string is looked for as it is). */
  async waitForText(pattern) {
    const matches = (text) => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));
    try {
      return await this.until(async () => matches(await this.shownText()), `the text ${pattern}`);
    } catch (error) {
      const dialogs = await this.texts('dialog[open]');
      const shown = dialogs.length > 0 ? `the open dialog shows: ${dialogs.join(' | ')}` : `the page shows: ${await this.shownText()}`;
      throw new Error(`${error.message}; ${shown.replace(/\s+/g, ' ').slice(0, 3000)}`);
    }
  }

  /** Waits until no dialog is open: while one is, everything behind it is inert. */
  async waitForNoDialog() {
    await this.until(async () => (await this.script('return everything().filter((element) => element.matches(ROLES.dialog)).length')) === 0, 'the dialog to close');
  }

  /** The text the polite live region holds now. */
  announced() {
    return this.script(`
      return everything().filter((element) => element.getAttribute('role') === 'status').map((element) => element.textContent).join(' ');
    `);
  }

  /** Each element matching `selector` anywhere (shadow roots too): its text. */
  texts(selector) {
    return this.script(`
      return everything().filter((element) => element.matches(arguments[0])).map((element) => element.textContent.trim());
    `, selector);
  }

  /** Two animation frames: a screenshot right after a script can otherwise come out blank. */
  async settle() {
    await this.driver.executeAsyncScript('const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));');
  }
}
