// Mounts the widget with mount() behind the stand-in's stand-in for a key-adding proxy, under the
// page's strict policy, and records what a host would watch: the widget's events and any policy
// violation (window.hostLog).
import { mount } from '/ada-webhooks-admin.js';

const hostLog = { events: [], cspViolations: [], mounted: false };
window.hostLog = hostLog;
document.addEventListener('securitypolicyviolation', (event) => hostLog.cspViolations.push(event.violatedDirective));
for (const name of ['signed-in', 'rotated', 'secret-revealed', 'error']) {
  document.addEventListener(`ada-webhooks:${name}`, (event) => hostLog.events.push({ type: event.type, detail: event.detail }));
}
await mount(document.getElementById('slot'), { baseUrl: '/ada-proxy/api', auth: 'proxy', capabilities: 'rotate reveal' });
hostLog.mounted = true;
