// Types for ada-webhooks-admin.js, the widget's loader: `mount()` and its options and handle, the
// <ada-webhooks-admin> element and its attributes, and the detail of every `ada-webhooks:*` event.
// Served beside the loader; tests/typescript/host.ts checks them with `tsc --noEmit`.

/** One thing a host lets the widget do. Every one is allowed unless the host says otherwise. */
export type Capability = 'rotate' | 'reveal' | 'verify' | 'create' | 'edit' | 'delete';

/**
 * Words from {@link Capability} separated by spaces or commas (case does not matter), or `"none"`;
 * an empty string means every capability. An unknown word is refused: `mount()` rejects, the
 * console says why, and the host element gets an `ada-webhooks:error` event.
 */
export type CapabilityList = string;

export interface MountOptions {
  /** Ada's API: a same-origin path (default `"/api"`) or an absolute `https://` URL. */
  baseUrl?: string;
  /** `"token"` (default): the widget sends a key; `"proxy"`: the host's proxy adds it. */
  auth?: 'token' | 'proxy';
  /** An Ada API key. Prefer `getToken`, which the widget calls again after a 401. */
  token?: string;
  /** Returns an Ada API key (or a short-lived token the host's proxy accepts). */
  getToken?: () => string | Promise<string>;
  theme?: 'auto' | 'light' | 'dark';
  /** What the widget may do: a {@link CapabilityList} or an array of capabilities. */
  capabilities?: CapabilityList | readonly Capability[];
  /**
   * The language the widget speaks, a BCP 47 tag (`"fr"`, `"fr-CA"`, `"en-GB"`); dates and numbers
   * follow the whole tag. Unset, or a language the widget does not speak: the page's `<html lang>`,
   * then the browser's languages, then English. One language per page: every widget speaks the
   * last one set.
   */
  lang?: Language | string;
}

/** The languages the widget speaks (any regional tag of them too, e.g. `fr-CA`). */
export type Language = 'en' | 'fr';

/** What `mount()` resolves with. */
export interface MountedWidget {
  /** Removes the widget, its listeners and everything it added; safe to call twice. */
  destroy(): void;
  /** Changes the language in place (text re-rendered; what is typed and open stays), as `lang` does. */
  setLang(lang?: Language | string): Promise<void>;
}

/** Why `mount()` rejected: the widget's files did not load, or an option was refused by name. */
export interface MountError extends Error {
  code: 'load_failed' | 'bad_option';
}

/** Renders the widget into an open shadow root of `host`. Rejects with a {@link MountError}. */
export function mount(host: HTMLElement, options?: MountOptions): Promise<MountedWidget>;

/** `ada-webhooks:rotated`: a secret was rotated (never the secret itself). */
export interface RotatedDetail {
  webhookId: string;
  /** When Ada answered the rotation, ISO 8601. */
  at: string;
}

/** `ada-webhooks:secret-revealed`, `:created`, `:updated`, `:deleted`: which webhook. */
export interface WebhookDetail {
  webhookId: string;
}

/** The stable codes of `ada-webhooks:error`. */
export type ErrorCode =
  | 'network' | 'redirected' | 'signed_out' | 'not_allowed' | 'bad_request' | 'unauthorized' | 'forbidden'
  | 'not_found' | 'conflict' | 'too_large' | 'validation' | 'rate_limited' | 'server_error'
  | 'unexpected_status' | 'unexpected_body' | 'internal_error' | 'bad_option' | 'load_failed';

/** `ada-webhooks:error`: a fixed sentence per code, never text from the server, a key or a secret. */
export interface ErrorDetail {
  /** The HTTP status, or null when no answer arrived (or for the widget's own errors). */
  status: number | null;
  code: ErrorCode;
  message: string;
}

/** Every event the widget dispatches on its host element (they bubble and cross shadow roots). */
export interface AdaWebhooksEventMap {
  'ada-webhooks:signed-in': CustomEvent<null>;
  'ada-webhooks:signed-out': CustomEvent<null>;
  'ada-webhooks:rotated': CustomEvent<RotatedDetail>;
  'ada-webhooks:secret-revealed': CustomEvent<WebhookDetail>;
  'ada-webhooks:created': CustomEvent<WebhookDetail>;
  'ada-webhooks:updated': CustomEvent<WebhookDetail>;
  'ada-webhooks:deleted': CustomEvent<WebhookDetail>;
  'ada-webhooks:error': CustomEvent<ErrorDetail>;
}

/** The element's attributes, as strings (what `setAttribute` takes). */
export interface AdaWebhooksAdminAttributes {
  'base-url'?: string;
  auth?: 'token' | 'proxy';
  theme?: 'auto' | 'light' | 'dark';
  capabilities?: CapabilityList;
  /** As the `lang` mount option; a change re-renders the text in place. */
  lang?: Language | string;
}

/**
 * `<ada-webhooks-admin base-url="/api" auth="token" theme="auto" capabilities="rotate reveal">`.
 * `getToken` is write-only: set it, and no script can read it back.
 */
export interface AdaWebhooksAdminElement extends HTMLElement {
  set getToken(getToken: (() => string | Promise<string>) | undefined);
  /**
   * The API origin a token from `getToken` may be sent to besides this page's own, e.g.
   * `'https://acme.ada.support'`: the `base-url` attribute alone cannot send a host's token to
   * another origin, since injected HTML could set it. A property only, for the host's script.
   */
  tokenOrigin: string | undefined;
  getAttribute(name: keyof AdaWebhooksAdminAttributes): string | null;
  setAttribute<K extends keyof AdaWebhooksAdminAttributes>(name: K, value: NonNullable<AdaWebhooksAdminAttributes[K]>): void;
  addEventListener<K extends keyof AdaWebhooksEventMap>(
    type: K,
    listener: (this: AdaWebhooksAdminElement, event: AdaWebhooksEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'ada-webhooks-admin': AdaWebhooksAdminElement;
  }
  interface HTMLElementEventMap extends AdaWebhooksEventMap {}
}
