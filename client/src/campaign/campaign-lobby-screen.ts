import type { MyCampaignList, WorldList, WorldSummary } from '../../../api/index';
import { button, h } from '../shell/dom';
import { LibraryHeader } from '../shell/library-header';
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
  let worlds = new Map<string, WorldSummary>();
  const character = h('select', { attrs: { id: 'campaign-character', name: 'character' } }, [h('option', { attrs: { value: '' }, text: 'A character of my own' })]);
  const showWorld = () => {
    about.textContent = worlds.get(world.value)?.setting ?? '';
    character.replaceChildren(h('option', { attrs: { value: '' }, text: 'A character of my own' }), ...(worlds.get(world.value)?.characters ?? []).map((c) => h('option', { attrs: { value: c.id }, text: c.name })));
  };
  world.addEventListener('change', showWorld);
  context.api.http
    .get<WorldList>('/v1/worlds')
    .then(({ items }) => {
      if (items.length === 0) return;
      worlds = new Map(items.map((w) => [w.id, w]));
      world.replaceChildren(...items.map((w) => h('option', { attrs: { value: w.id }, text: w.title })));
      showWorld();
      showMine();
    })
    .catch(() => undefined);
  const name = h('input', { attrs: { id: 'campaign-name', name: 'name', maxlength: 24, autocomplete: 'nickname', value: defaultName(context) } });
  const you = h('div', { className: 'campaign-card' }, [
    h('h2', { text: 'You at the table' }),
    h('label', { attrs: { for: 'campaign-name' }, text: 'Your name' }),
    name,
    h('p', { className: 'campaign-hint', text: 'Up to 24 letters, spaces, apostrophes and hyphens.' }),
    h('label', { attrs: { for: 'campaign-character' }, text: 'Your character' }),
    character,
  ]);
  const joinOptions = (withCharacter: boolean) => ({ ...(name.value.trim() ? { name: name.value.trim() } : {}), ...(withCharacter && character.value ? { character: character.value } : {}) });

  // My campaigns: the ones I joined, to reopen without remembering the code.
  const mine = h('ul', { className: 'campaign-mine', attrs: { 'aria-label': 'My campaigns' } });
  let mineItems: MyCampaignList['items'] = [];
  const showMine = () =>
    mine.replaceChildren(
      ...(mineItems.length === 0
        ? [h('li', { className: 'campaign-hint', text: 'No campaigns yet: start one or join with a code.' })]
        : mineItems.map((c) =>
            h('li', { className: 'campaign-mine-item' }, [
              h('span', { text: `${worlds.get(c.worldId)?.title ?? c.worldId} · ${c.mode === 'vote' ? 'vote' : 'turns'} · beat ${c.beat} · ${c.players} ${c.players === 1 ? 'player' : 'players'} · ${new Date(c.lastActivity).toLocaleString()}` }),
              button(`Open ${c.code}`, () => openCampaign(c.code), 'btn btn-small', { 'data-code': c.code }),
            ]),
          )),
    );
  context.api.http
    .get<MyCampaignList>('/v1/campaigns')
    .then(({ items }) => {
      mineItems = items;
      showMine();
    })
    .catch(() => undefined);
  const openCampaign = (target: string) => {
    const options = joinOptions(true);
    if (options.name) sessionStorage.setItem('campaign-name', options.name);
    // A character is asked for when joining a table for the first time; a returning player keeps theirs.
    if (options.character) sessionStorage.setItem('campaign-character', options.character);
    else sessionStorage.removeItem('campaign-character');
    context.router.navigate({ name: 'campaign', code: target });
  };
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
    if (name.value.trim()) sessionStorage.setItem('campaign-name', name.value.trim());
    CampaignConnection.create(token, { worldId: world.value, mode: mode.value === 'vote' ? 'vote' : 'turns', seats: Number(seats.value), ...joinOptions(true) })
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
    if (value) openCampaign(value);
  });

  const header = new LibraryHeader(context);
  const element = h('main', { className: 'campaign-lobby' }, [
    header.element,
    h('p', {}, [h('a', { attrs: { href: '#/' }, text: '← Library' })]),
    heading,
    h('p', { text: 'Play a story together, told live by a game master.' }),
    status,
    h('section', { className: 'campaign-card campaign-mine-card', attrs: { 'aria-labelledby': 'campaign-mine-heading' } }, [h('h2', { attrs: { id: 'campaign-mine-heading' }, text: 'My campaigns' }), mine]),
    h('div', { className: 'campaign-lobby-grid' }, [you, create, join]),
    button('Back to the library', () => context.router.navigate({ name: 'library' }), 'btn btn-outline'),
  ]);
  return { element, heading, destroy: () => header.destroy() };
}

/** The account's display name when it fits a table name (a guest's "Guest 25e8d7" does not). */
export function defaultName(context: ShellContext): string {
  const name = context.signIns.current()?.user.displayName.trim() ?? '';
  return /^[\p{L} '’-]{1,24}$/u.test(name) && !/^Guest\b/.test(name) ? name : (sessionStorage.getItem('campaign-name') ?? '');
}
