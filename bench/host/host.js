// The benchmark's host page (served at /bench/ beside dist/): embeds the widget with the loader and
// a getToken, as docs/embedding.md describes. A real host would fetch the token from its back end; the
// benchmark hands it over in window.benchHostToken; `?lang=fr` mounts it in French.
import { mount } from '/ada-webhooks-admin.js';

const lang = new URLSearchParams(location.search).get('lang') ?? undefined;
mount(document.getElementById('widget'), { baseUrl: '/api', getToken: async () => window.benchHostToken, lang });
