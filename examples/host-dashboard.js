// The example host page's script: loads the widget's loader, hands one widget a token from a form
// (a real host would get it from its own back end), and logs every widget event and any CSP
// violation in the page (also to window.hostLog, which the end-to-end tests read).
import './ada-webhooks-admin.js';

const EVENTS = ['signed-in', 'signed-out', 'rotated', 'secret-revealed', 'error'];
const hostLog = { events: [], cspViolations: [] };
window.hostLog = hostLog;

function logRow(cells) {
  const row = document.createElement('tr');
  for (const text of cells) {
    const cell = document.createElement('td');
    cell.textContent = text;
    row.append(cell);
  }
  document.getElementById('event-log').append(row);
}

for (const name of EVENTS) {
  document.addEventListener(`ada-webhooks:${name}`, (event) => {
    hostLog.events.push({ widget: event.target.id, type: event.type, detail: event.detail });
    logRow([event.target.id, event.type, JSON.stringify(event.detail)]);
  });
}

document.addEventListener('securitypolicyviolation', (event) => {
  hostLog.cspViolations.push({ directive: event.violatedDirective, blocked: event.blockedURI });
  logRow(['(page)', 'securitypolicyviolation', event.violatedDirective]);
});

document.getElementById('host-token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.getElementById('host-token');
  const token = input.value;
  input.value = '';
  document.getElementById('with-token').getToken = async () => token;
});
