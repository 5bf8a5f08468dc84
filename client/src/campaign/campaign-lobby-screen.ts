import type { WorldList } from '../../../api/index';
import { button, h } from '../shell/dom';
import { focusableHeading, type Screen, type ShellContext } from '../shell/screen';
import { CampaignConnection, joinRefusal } from './campaign-connection';
import './campaign.css';

const SHIPPED_WORLD = 'the-glass-orchard';

/** Start a campaign from a world, or join one with the code a friend shared. */
export function campaignLobbyScreen(context: ShellContext): Screen {
  context.setTitle('Campaigns');
  const heading = focusableHeading(h('h1', { text: 'Campaigns' }));
  const token = () => context.api.http.freshAccessToken(60);
  const status = h('p', { className: 'campaign-status', attrs: { role: 'alert' } });

  const world = h('select', { attrs: { id: 'campaign-world', name: 'world', required: true } }, [h('option', { attrs: { value: SHIPPED_WORLD }, text: 'The Glass Orchard' })]);
  const about = h('p', { className: 'campaign-world-setting' });
  let settings = new Map<string, string>();
  world.addEventListener('change', () => (about.textContent = settings.get(world.value) ?? ''));
  context.api.http
    .get<WorldList>('/v1/worlds')
    .then(({ items }) => {
      if (items.length === 0) return;
      settings = new Map(items.map((w) => [w.id, w.setting]));
      world.replaceChildren(...items.map((w) => h('option', { attrs: { value: w.id }, text: w.title })));
      about.textContent = settings.get(world.value) ?? '';
    })
    .catch(() => undefined);
  const mode = h('select', { attrs: { id: 'campaign-mode', name: 'mode' } }, [
    h('option', { attrs: { value: 'turns' }, text: 'Take turns' }),
    h('option', { attrs: { value: 'vote' }, text: 'Vote on choices' }),
  ]);
  const seats = h('select', { attrs: { id: 'campaign-seats', name: 'seats' } }, [2, 3, 4, 5, 6].map((n) => h('option', { attrs: { value: n, selected: n === 4 }, text: `${n} players` })));
  const create = h('form', { className: 'campaign-card' }, [
    h('h2', { text: 'Start a campaign' }),
    h('label', { attrs: { for: 'campaign-world' }, text: 'World' }),
    world,
    about,
    h('label', { attrs: { for: 'campaign-mode' }, text: 'How the party plays' }),
    mode,
    h('label', { attrs: { for: 'campaign-seats' }, text: 'Seats' }),
    seats,
    h('button', { className: 'btn', attrs: { type: 'submit' }, text: 'Create campaign' }),
  ]);
  create.addEventListener('submit', (event) => {
    event.preventDefault();
    status.textContent = 'Creating…';
    CampaignConnection.create(token, { worldId: world.value, mode: mode.value === 'vote' ? 'vote' : 'turns', seats: Number(seats.value), ...nameOption(context) })
      .then((code) => context.router.navigate({ name: 'campaign', code }))
      .catch((error: unknown) => (status.textContent = joinRefusal(error)));
  });

  const code = h('input', { attrs: { id: 'campaign-code', name: 'code', required: true, autocomplete: 'off', maxlength: 12, placeholder: 'ABC234', autocapitalize: 'characters' } });
  const join = h('form', { className: 'campaign-card' }, [
    h('h2', { text: 'Join with a code' }),
    h('label', { attrs: { for: 'campaign-code' }, text: 'Invite code' }),
    code,
    h('button', { className: 'btn', attrs: { type: 'submit' }, text: 'Join campaign' }),
  ]);
  join.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = code.value.trim().toUpperCase();
    if (value) context.router.navigate({ name: 'campaign', code: value });
  });

  const element = h('main', { className: 'campaign-lobby' }, [
    h('p', {}, [h('a', { attrs: { href: '#/' }, text: '← Library' })]),
    heading,
    h('p', { text: 'Play a story together, told live by a game master.' }),
    h('div', { className: 'campaign-lobby-grid' }, [create, join]),
    status,
    button('Back to the library', () => context.router.navigate({ name: 'library' }), 'btn btn-outline'),
  ]);
  return { element, heading, destroy: () => undefined };
}

function nameOption(context: ShellContext): { name?: string } {
  const name = context.signIns.current()?.user.displayName.trim().slice(0, 40);
  return name ? { name } : {};
}
