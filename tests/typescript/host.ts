// A typed host page, checked by `tsc --noEmit` against the shipped declarations
// (loader/ada-webhooks-admin.d.ts): what a dashboard developer writes, and what must not compile.
import { mount, type MountError, type MountOptions } from '../../loader/ada-webhooks-admin.js';

const options: MountOptions = {
  baseUrl: '/api',
  auth: 'token',
  getToken: async () => 'a-token',
  theme: 'dark',
  capabilities: ['rotate', 'reveal', 'verify'],
  lang: 'fr-CA',
};

export async function embed(slot: HTMLElement): Promise<void> {
  try {
    const widget = await mount(slot, { ...options, capabilities: 'rotate reveal' });
    slot.addEventListener('ada-webhooks:rotated', (event) => {
      const at: string = event.detail.at;
      const id: string = event.detail.webhookId;
      console.log(id, at);
    });
    slot.addEventListener('ada-webhooks:error', (event) => {
      const status: number | null = event.detail.status;
      if (event.detail.code === 'rate_limited') console.log(status, event.detail.message);
    });
    await widget.setLang('en');
    widget.destroy();
  } catch (error) {
    const refused = error as MountError;
    if (refused.code === 'bad_option') console.error(refused.message);
  }

  const element = document.createElement('ada-webhooks-admin');
  element.setAttribute('capabilities', 'rotate reveal');
  element.setAttribute('theme', 'light');
  element.setAttribute('lang', 'fr');
  element.tokenOrigin = 'https://acme.ada.support';
  element.getToken = async () => 'a-token';
  for (const type of ['ada-webhooks:created', 'ada-webhooks:updated', 'ada-webhooks:deleted'] as const) {
    element.addEventListener(type, (event) => console.log(event.detail.webhookId));
  }
  element.addEventListener('ada-webhooks:signed-out', (event) => console.log(event.detail === null));
  slot.append(element);

  // @ts-expect-error: not a capability
  await mount(slot, { capabilities: ['rotate', 'launch'] });
  // @ts-expect-error: a language is a tag, not a number
  await mount(slot, { lang: 33 });
  // @ts-expect-error: not a theme
  await mount(slot, { theme: 'blue' });
  // @ts-expect-error: a rotated event carries no secret
  element.addEventListener('ada-webhooks:rotated', (event) => console.log(event.detail.secret));
  // @ts-expect-error: not an attribute of the element
  element.setAttribute('token', 'a-token');
}
