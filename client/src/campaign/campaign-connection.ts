import { Client, type Room } from 'colyseus.js';
import type { CampaignState } from '../../../rooms/campaign/CampaignState';
import type { CampaignCreateOptions, CampaignErrorMessage, ChatMessage, StoryChunkMessage, StoryCompleteMessage } from '../../../rooms/campaign/protocol';
import { RECONNECT_SECONDS } from '../../../rooms/shared/reconnect-window';
import { backoffDelay, waitOrOnline } from '../shell/backoff';
import { roomEndpoint } from '../shell/room-endpoint';

export type CampaignRefusal = CampaignErrorMessage['error'];

export interface CampaignListener {
  onState(state: CampaignState): void;
  onChunk(chunk: StoryChunkMessage): void;
  onComplete(beat: StoryCompleteMessage): void;
  onChat(message: ChatMessage): void;
  onRefusal(refusal: CampaignRefusal): void;
  onLeave(code: number): void;
  /** The socket dropped and we are getting the seat back (true), or are back (false). */
  onReconnecting(reconnecting: boolean): void;
}

/** Closes that are final: a normal leave, a consented one, a kick. */
const FINAL_CLOSES = new Set([1000, 4000, 4003]);

/** Rooms opened by the lobby, handed to the campaign screen the router shows next. */
const handedOver = new Map<string, Room<CampaignState>>();

/** Words a join refusal the way a player understands it. */
export function joinRefusal(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/not found|BAD_CODE|4212|INVALID_OPTIONS/i.test(text)) return 'No campaign has that code. Check it with your host.';
  if (/CAMPAIGN_FULL/.test(text)) return 'That campaign is full.';
  if (/KICKED/.test(text)) return 'The host removed you from that campaign.';
  if (/WORLD_NOT_FOUND/.test(text)) return 'There is no world with that id.';
  if (/ALREADY_JOINED/.test(text)) return 'You are already in that campaign in another window.';
  if (/INVALID_NAME/.test(text)) return 'Names are 1–24 letters, spaces, apostrophes and hyphens.';
  if (/CHARACTER_TAKEN/.test(text)) return 'Someone at the table already plays that character.';
  return text.replace(/^[A-Z_]+: /, '') || 'Could not reach the campaign.';
}

/** One campaign seat over colyseus.js. */
export class CampaignConnection {
  private room: Room<CampaignState> | null = null;

  constructor(private readonly accessToken: () => Promise<string>, private readonly name?: string, private readonly character?: string) {}

  static async create(accessToken: () => Promise<string>, options: CampaignCreateOptions): Promise<string> {
    const client = new Client(roomEndpoint());
    client.auth.token = await accessToken();
    const room = await client.create<CampaignState>('campaign', options);
    handedOver.set(room.roomId, room);
    return room.roomId;
  }

  /** Leaves a room the lobby opened but nobody will show (a fork the host does not go to yet); its log keeps it. */
  static release(code: string): void {
    const room = handedOver.get(code);
    handedOver.delete(code);
    void room?.leave(true).catch(() => {});
  }

  private closed = false;
  private readonly client = new Client(roomEndpoint());

  async open(code: string, listener: CampaignListener): Promise<void> {
    let room = handedOver.get(code);
    handedOver.delete(code);
    if (!room) {
      const client = this.client;
      client.auth.token = await this.accessToken();
      const options = { ...(this.name ? { name: this.name } : {}), ...(this.character ? { character: this.character } : {}) };
      try {
        room = await client.joinById<CampaignState>(code, options);
      } catch (error) {
        // Not open anywhere (the server restarted, or everyone left): pick it up from its log.
        if (!/not found|4212/i.test(error instanceof Error ? error.message : String(error))) throw error;
        try {
          room = await client.create<CampaignState>('campaign', { resume: code, ...options });
        } catch (resumeError) {
          // Someone else resumed it a moment earlier: join theirs.
          if (!/CAMPAIGN_RUNNING/.test(resumeError instanceof Error ? resumeError.message : String(resumeError))) throw resumeError;
          room = await client.joinById<CampaignState>(code, options);
        }
      }
    }
    if (this.closed) return void room.leave(true).catch(() => {});
    this.attach(code, room, listener);
  }

  private attach(code: string, room: Room<CampaignState>, listener: CampaignListener): void {
    this.room = room;
    const current = () => this.room === room;
    room.onStateChange((state) => current() && listener.onState(state));
    room.onMessage('story:chunk', (m: StoryChunkMessage) => current() && listener.onChunk(m));
    room.onMessage('story:complete', (m: StoryCompleteMessage) => current() && listener.onComplete(m));
    room.onMessage('chat', (m: ChatMessage) => current() && listener.onChat(m));
    room.onMessage('error', (m: CampaignErrorMessage) => current() && listener.onRefusal(m.error));
    room.onLeave((closeCode) => {
      if (!current() || this.closed) return;
      this.room = null;
      if (FINAL_CLOSES.has(closeCode)) listener.onLeave(closeCode);
      else void this.recover(code, room.reconnectionToken, listener);
    });
    if (room.state?.players) listener.onState(room.state);
  }

  /** A dropped socket: take the seat back with the reconnection token, else come in again by code. */
  private async recover(code: string, token: string, listener: CampaignListener): Promise<void> {
    listener.onReconnecting(true);
    // The room keeps a dropped seat this long (the server's reconnect window).
    const deadline = Date.now() + RECONNECT_SECONDS * 1000;
    for (let attempt = 0; !this.closed && Date.now() < deadline; attempt++) {
      await waitOrOnline(backoffDelay(attempt));
      try {
        this.client.auth.token = await this.accessToken();
        const room = await this.client.reconnect<CampaignState>(token);
        listener.onReconnecting(false);
        return this.attach(code, room, listener);
      } catch (error) {
        if (typeof (error as { code?: unknown }).code === 'number') break; // answered: the seat is gone
      }
    }
    let failure: unknown = null;
    for (let attempt = 0; !this.closed && attempt < 6; attempt++) {
      try {
        await this.open(code, listener);
        listener.onReconnecting(false);
        return;
      } catch (error) {
        failure = error;
        await waitOrOnline(backoffDelay(attempt));
      }
    }
    if (!this.closed) listener.onRefusal({ code: 'CONNECTION_LOST', message: `Lost the campaign: ${joinRefusal(failure)}`, details: {}, request_id: '' });
  }

  get sessionId(): string {
    return this.room?.sessionId ?? '';
  }

  send(type: 'start' | 'action' | 'vote' | 'chat' | 'typing' | 'ready' | 'kick' | 'handover', payload: object): void {
    this.room?.send(type, payload);
  }

  close(): void {
    this.closed = true;
    const room = this.room;
    this.room = null;
    room?.leave(true).catch(() => {});
  }
}
