/**
 * Test support: a node:http server speaking the OpenAI chat-completions wire format — streamed
 * as server-sent events (`data: {chat.completion.chunk}` … `data: [DONE]`) — so the real SDK code
 * runs against it. Each request is answered by `reply(body)`: the answer text cut into deltas,
 * or a stall (headers, then nothing), or an HTTP error.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** The part of a chat-completions request body the tests read. */
export interface ChatBody {
  model?: string;
  messages: { role: string; content: string }[];
  [key: string]: unknown;
}

export type FakeReply = { text: string; chunkSize?: number; delayMs?: number } | { stall: true; afterText?: string } | { status: number };

export interface FakeOpenAi {
  baseUrl: string;
  requests: { body: ChatBody; authorization: string | undefined }[];
  reply: (body: ChatBody, index: number) => FakeReply;
  close(): Promise<void>;
}

export async function startFakeOpenAi(reply: FakeOpenAi['reply']): Promise<FakeOpenAi> {
  const fake: FakeOpenAi = { baseUrl: '', requests: [], reply, close: async () => undefined };
  const open = new Set<ServerResponse>();
  const server: Server = createServer(async (req, res) => {
    const body = JSON.parse((await readBody(req)) || '{"messages":[]}') as ChatBody;
    const index = fake.requests.length;
    fake.requests.push({ body, authorization: req.headers.authorization });
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    const answer = fake.reply(body, index);
    if ('status' in answer) {
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'fake failure', type: 'server_error' } }));
      return;
    }
    open.add(res);
    res.on('close', () => open.delete(res));
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const send = (payload: unknown) => res.write(`data: ${JSON.stringify(payload)}\n\n`);
    const chunk = (delta: object, finish: string | null = null) => send({ id: `chatcmpl-${index}`, object: 'chat.completion.chunk', created: 1_700_000_000, model: body.model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
    chunk({ role: 'assistant', content: '' });
    if ('stall' in answer) {
      if (answer.afterText) chunk({ content: answer.afterText });
      return; // never another byte: a stalled model
    }
    const size = answer.chunkSize ?? 12;
    for (let i = 0; i < answer.text.length; i += size) {
      if (res.destroyed) return;
      chunk({ content: answer.text.slice(i, i + size) });
      if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    }
    chunk({}, 'stop');
    send({ id: `chatcmpl-${index}`, object: 'chat.completion.chunk', created: 1_700_000_000, model: body.model, choices: [], usage: { prompt_tokens: 120, completion_tokens: Math.ceil(answer.text.length / 4), total_tokens: 120 + Math.ceil(answer.text.length / 4) } });
    res.end('data: [DONE]\n\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  fake.baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      for (const res of open) res.destroy();
      server.close(() => resolve());
    });
  return fake;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (part: string) => (data += part));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
