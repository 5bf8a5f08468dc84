import type { CampaignState } from '../../../rooms/campaign/CampaignState';
import type { ChatMessage, StoryChunkMessage, StoryCompleteMessage } from '../../../rooms/campaign/protocol';
import { append, button, h } from '../shell/dom';
import { focusableHeading, type Screen, type ShellContext } from '../shell/screen';
import { LibraryHeader } from '../shell/library-header';
import { CampaignConnection, joinRefusal, type CampaignRefusal } from './campaign-connection';
import { defaultName } from './campaign-lobby-screen';
import { SceneArt } from './scene-art';
import './campaign.css';

/**
 * A campaign at the table: scene art, the narration as it streams (a live region), the party
 * with presence, chat, the action box or the vote buttons with the timer, and your sheet. All of
 * it is DOM — real buttons and text — so it works with a keyboard and a screen reader.
 */
export function campaignScreen(context: ShellContext, code: string): Screen {
  context.setTitle(`Campaign ${code}`);
  const token = () => context.api.http.freshAccessToken(60);
  const displayName = defaultName(context) || undefined;
  const connection = new CampaignConnection(token, displayName, sessionStorage.getItem('campaign-character') ?? undefined);
  const forkControls = h('div', { className: 'campaign-fork' });
  let lastForkKey = '';
  const heading = focusableHeading(h('h1', { text: 'Campaign' }));
  const codeLine = h('p', { className: 'campaign-code' }, ['Invite code: ', h('strong', { className: 'campaign-code-value', text: code })]);
  const phaseLine = h('p', { className: 'campaign-phase', attrs: { 'aria-live': 'polite' } });
  const timer = h('p', { className: 'campaign-timer', attrs: { 'aria-live': 'off' } });
  const notice = h('p', { className: 'campaign-notice', attrs: { role: 'alert' } });
  const art = new SceneArt();
  const sceneText = h('p', { className: 'campaign-scene' });
  const narration = h('div', { className: 'campaign-narration', attrs: { role: 'log', 'aria-live': 'polite', 'aria-label': 'Narration' } });
  const streaming = h('p', { className: 'campaign-streaming' });
  const dialogue = h('div', { className: 'campaign-dialogue' });
  const choices = h('div', { className: 'campaign-choices', attrs: { role: 'group', 'aria-label': 'Choices' } });
  const actionInput = h('input', { attrs: { id: 'campaign-action', name: 'action', maxlength: 500, autocomplete: 'off', placeholder: 'What do you do?' } });
  const actionForm = h('form', { className: 'campaign-action' }, [h('label', { attrs: { for: 'campaign-action' }, text: 'Your action' }), actionInput, h('button', { className: 'btn', attrs: { type: 'submit' }, text: 'Act' })]);
  const hostControls = h('div', { className: 'campaign-host' });
  const party = h('ul', { className: 'campaign-party', attrs: { 'aria-label': 'Party' } });
  const chatLog = h('ol', { className: 'campaign-chat-log', attrs: { role: 'log', 'aria-label': 'Party chat' } });
  const chatInput = h('input', { attrs: { id: 'campaign-chat', name: 'chat', maxlength: 500, autocomplete: 'off' } });
  const chatForm = h('form', { className: 'campaign-chat' }, [h('label', { attrs: { for: 'campaign-chat' }, text: 'Message the party' }), chatInput, h('button', { className: 'btn btn-small', attrs: { type: 'submit' }, text: 'Send' })]);
  const sheet = h('section', { className: 'campaign-sheet', attrs: { 'aria-label': 'Your character' } });

  let state: CampaignState | null = null;
  let streamBeat = 0;
  let shownBeat = -1;
  let lastChoices = '';
  let typingTimer: ReturnType<typeof setTimeout> | undefined;

  sendsText(actionForm, actionInput, 'action');
  sendsText(chatForm, chatInput, 'chat');

  /** A one-line form: submitting sends its trimmed text (if any) and clears it; typing in it shows the party you are typing. */
  function sendsText(form: HTMLFormElement, input: HTMLInputElement, message: 'action' | 'chat'): void {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      connection.send(message, { text });
      input.value = '';
    });
    input.addEventListener('input', () => typing());
  }

  let lastNarrative = '';
  function showNarrative(text: string): void {
    if (text === lastNarrative) return;
    lastNarrative = text;
    narration.append(h('p', { className: 'campaign-beat', text }));
  }

  function typing(): void {
    if (typingTimer === undefined) connection.send('typing', { typing: true });
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => {
      typingTimer = undefined;
      connection.send('typing', { typing: false });
    }, 2500);
  }

  function render(): void {
    // Until the first full state is decoded its collections are not there yet.
    if (!state?.players || !state.sheets || !state.scene) return;
    const me = connection.sessionId;
    const mine = state.players.get(me);
    heading.textContent = state.worldTitle || 'Campaign';
    phaseLine.textContent = phaseText(state, me);
    art.show(state.scene.location, state.scene.locationName, state.scene.art);
    sceneText.textContent = state.scene.locationName
      ? `${state.scene.locationName}. ${state.scene.description}${state.scene.present.length ? ` Here: ${[...state.scene.present].join(', ')}.` : ''}${state.scene.quests.length ? ` Quests: ${[...state.scene.quests].join(', ')}.` : ''}`
      : '';
    // On joining (a late join, a reload) and for the world's opening, the state holds the story so
    // far; later beats arrive as story:complete.
    if (state.narrative && (shownBeat < 0 || state.beat === 0)) {
      shownBeat = state.beat;
      showNarrative(state.narrative);
    }
    const myTurn = state.mode === 'turns' && state.phase === 'acting' && state.turn === me;
    actionForm.hidden = state.mode !== 'turns';
    actionInput.disabled = !myTurn;
    (actionForm.querySelector('button') as HTMLButtonElement).disabled = !myTurn;
    const myVote = mine?.vote ?? '';
    const key = JSON.stringify([state.phase, state.mode, myVote, state.choices.map((c) => [c.id, c.votes])]);
    if (key !== lastChoices) {
      lastChoices = key;
      choices.replaceChildren(
        ...state.choices.map((choice) =>
          button(state!.mode === 'vote' ? `${choice.id === myVote ? '✓ ' : ''}${choice.text} (${choice.votes} ${choice.votes === 1 ? 'vote' : 'votes'}${choice.id === myVote ? ', yours' : ''})` : choice.text, () => {
            if (state!.mode === 'vote') connection.send('vote', { choiceId: choice.id });
            else {
              actionInput.value = choice.text;
              actionInput.focus();
            }
          }, `btn ${choice.id === myVote ? '' : 'btn-outline '}campaign-choice${choice.id === myVote ? ' is-mine' : ''}`, { disabled: state!.mode === 'vote' ? state!.phase !== 'voting' : !myTurn, 'data-choice': choice.id, ...(state!.mode === 'vote' ? { 'aria-pressed': String(choice.id === myVote) } : {}) }),
        ),
      );
    }
    party.replaceChildren(
      ...[...state.players.entries()].map(([sessionId, player]) =>
        h('li', { className: `campaign-member${player.connected ? '' : ' is-away'}` }, [
          h('span', { className: 'campaign-member-name', text: `${player.name}${player.character ? ` as ${player.character}` : ''}${sessionId === me ? ' (you)' : ''}` }),
          player.host ? h('span', { className: 'campaign-badge', text: 'host' }) : null,
          state!.turn === sessionId ? h('span', { className: 'campaign-badge', text: 'their turn' }) : null,
          !player.connected ? h('span', { className: 'campaign-badge', text: 'away' }) : player.typing ? h('span', { className: 'campaign-badge', text: 'typing…' }) : null,
          player.ready ? h('span', { className: 'campaign-badge', text: 'ready' }) : null,
          mine?.host && sessionId !== me ? confirming(`Remove ${player.name}`, `Remove ${player.name} from this campaign? They cannot join it again.`, () => connection.send('kick', { sessionId })) : null,
        ]),
      ),
    );
    const forkKey = JSON.stringify([mine?.host, state.phase, state.recent.map((r) => r.beat)]);
    if (forkKey !== lastForkKey) {
      lastForkKey = forkKey;
      forkControls.replaceChildren();
      if (mine?.host && state.phase !== 'lobby' && state.recent.length > 0) {
        const pick = h('select', { attrs: { id: 'campaign-fork-beat', name: 'beat' } }, state.recent.map((r) => h('option', { attrs: { value: r.beat }, text: `Beat ${r.beat}${r.prompt ? ` — ${r.prompt.slice(0, 60)}` : ''}` })));
        append(forkControls, [
          h('label', { attrs: { for: 'campaign-fork-beat' }, text: 'Rewind to' }),
          pick,
          confirming('Fork a new campaign from there', 'Fork a new campaign from that beat? You stay here until you choose to go.', () => {
            notice.textContent = 'Forking…';
            CampaignConnection.create(token, { fork: { code, atBeat: Number(pick.value) }, ...(displayName ? { name: displayName } : {}) })
              .then((forked) => {
                // The fork waits under its code; the host stays at this table until they go.
                CampaignConnection.release(forked);
                notice.textContent = `Fork ready: ${forked}. You are still in this campaign.`;
                forkControls.append(button(`Go to the fork ${forked}`, () => context.router.navigate({ name: 'campaign', code: forked }), 'btn btn-small'));
              })
              .catch((error: unknown) => (notice.textContent = joinRefusal(error)));
          }),
        ]);
      }
    }
    hostControls.replaceChildren(
      ...(state.phase === 'lobby'
        ? [
            mine?.host ? button('Start the campaign', () => connection.send('start', {}), 'btn') : h('p', { text: 'Waiting for the host to start.' }),
            button(mine?.ready ? 'Not ready' : 'Ready', () => connection.send('ready', { ready: !mine?.ready }), 'btn btn-outline'),
          ]
        : []),
    );
    const own = state.sheets.get(me);
    sheet.replaceChildren();
    append(sheet, [
      h('h2', { text: own?.name ?? 'Your character' }),
      own ? h('p', { text: [...own.stats.entries()].map(([k, v]) => `${k} ${v}`).join(' · ') }) : null,
      own ? h('p', { text: `Carrying: ${own.inventory.length ? [...own.inventory].join(', ') : 'nothing'}` }) : null,
      own?.goal ? h('p', { className: 'campaign-goal', text: own.goal }) : null,
    ]);
  }

  function tick(): void {
    if (state?.phase === 'voting' && !state.deadline) return void (timer.textContent = 'Waiting for a vote: the story moves on only when the party votes.');
    if (!state || !state.deadline) return void (timer.textContent = '');
    const left = Math.max(0, Math.ceil((state.deadline - Date.now()) / 1000));
    timer.textContent = state.phase === 'voting' ? `Vote closes in ${left}s` : state.phase === 'acting' ? `Turn ends in ${left}s` : '';
  }
  const ticker = setInterval(tick, 500);

  const listener = {
    onState: (next: CampaignState) => {
      state = next;
      render();
      tick();
    },
    onChunk: (chunk: StoryChunkMessage) => {
      if (chunk.beat !== streamBeat || chunk.restart) {
        streamBeat = chunk.beat;
        streaming.textContent = '';
      }
      streaming.textContent += chunk.text;
    },
    onComplete: (beat: StoryCompleteMessage) => {
      notice.textContent = '';
      shownBeat = beat.beat;
      streaming.textContent = '';
      showNarrative(beat.narrative);
      dialogue.replaceChildren(...beat.dialogue.map((line) => h('p', {}, [h('strong', { text: `${line.character}: ` }), line.text])));
      narration.scrollTop = narration.scrollHeight;
    },
    onChat: (message: ChatMessage) => {
      chatLog.append(h('li', {}, [h('strong', { text: `${message.name}: ` }), message.text]));
      chatLog.scrollTop = chatLog.scrollHeight;
    },
    onRefusal: (refusal: CampaignRefusal) => {
      notice.textContent = refusal.message;
    },
    onReconnecting: (reconnecting: boolean) => {
      notice.textContent = reconnecting ? 'Reconnecting…' : '';
    },
    onLeave: (closeCode: number) => {
      if (closeCode !== 1000) notice.textContent = closeCode === 4003 ? 'The host removed you from this campaign.' : 'You left the campaign.';
    },
  };
  connection.open(code, listener).catch((error: unknown) => {
    notice.textContent = joinRefusal(error);
  });

  const header = new LibraryHeader(context);
  const element = h('main', { className: 'campaign-screen' }, [
    header.element,
    h('header', { className: 'campaign-header' }, [h('a', { attrs: { href: '#/campaigns' }, text: '← Campaigns' }), heading, codeLine, phaseLine, timer]),
    notice,
    h('div', { className: 'campaign-layout' }, [
      h('section', { className: 'campaign-story', attrs: { 'aria-label': 'Story' } }, [art.element, sceneText, narration, streaming, dialogue, choices, actionForm, hostControls]),
      h('aside', { className: 'campaign-side' }, [h('h2', { text: 'Party' }), party, sheet, h('h2', { text: 'Chat' }), chatLog, chatForm, forkControls]),
    ]),
  ]);
  return {
    element,
    heading,
    destroy: () => {
      clearInterval(ticker);
      header.destroy();
      clearTimeout(typingTimer);
      art.destroy();
      connection.close();
    },
  };
}

/** A button for an action that removes or forks: it asks first, in place (Yes / Cancel). */
function confirming(label: string, question: string, act: () => void): HTMLElement {
  const box = h('span', { className: 'campaign-confirm' });
  const ask = () => {
    const no = button('Cancel', () => reset(), 'btn btn-small btn-ghost');
    box.replaceChildren(h('span', { attrs: { role: 'alert' }, text: question }), button('Yes', () => (reset(), act()), 'btn btn-small'), no);
    no.focus();
  };
  const reset = () => box.replaceChildren(button(label, ask, 'btn btn-small btn-outline'));
  reset();
  return box;
}

function phaseText(state: CampaignState, me: string): string {
  switch (state.phase) {
    case 'lobby':
      return `Waiting in the lobby · ${state.players.size} of ${state.seats} seats`;
    case 'acting':
      return state.turn === me ? 'Your turn: what do you do?' : `${state.players.get(state.turn)?.name ?? 'Someone'} is acting`;
    case 'voting':
      return 'The party votes on what happens next';
    case 'narrating':
      return 'The game master is telling what happens…';
    default:
      return 'The campaign has ended';
  }
}
