// The benchmark's baseline: the least a hand-written page must do to show the first page of
// webhooks — fetch it with the key and render the same columns with text nodes.
const rows = document.querySelector('tbody');

function cell(row, text) {
  const td = row.insertCell();
  td.textContent = text;
  return td;
}

async function showFirstPage(key) {
  const response = await fetch('/api/v2/webhooks/?limit=100', { headers: { Authorization: `Bearer ${key}`, Accept: 'application/json' } });
  const page = await response.json();
  const fragment = document.createDocumentFragment();
  for (const webhook of page.data ?? []) {
    const row = document.createElement('tr');
    cell(row, webhook.url);
    cell(row, webhook.description);
    cell(row, webhook.event_filters?.length ? webhook.event_filters.join(' ') : 'All events');
    cell(row, webhook.enabled ? 'Enabled' : 'Disabled');
    cell(row, webhook.created_at ?? '');
    cell(row, webhook.updated_at ?? '');
    cell(row, webhook.id);
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Rotate secret';
    button.setAttribute('aria-label', `Rotate secret for ${webhook.url}`);
    row.insertCell().append(button);
    fragment.append(row);
  }
  rows.append(fragment);
}

document.getElementById('sign-in').addEventListener('submit', (event) => {
  event.preventDefault();
  showFirstPage(document.getElementById('key').value);
});

// A host-supplied key, as the widget's benchmark gets it: from this tab's session storage.
const remembered = sessionStorage.getItem('ada-webhooks-admin:session');
if (remembered) showFirstPage(JSON.parse(remembered).api_key);
