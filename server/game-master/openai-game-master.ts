import OpenAI from 'openai';
import { beatOutputSchema, type BeatRequest, type GameMaster, type NarratedBeat, type NarrationSink } from '../../rooms/campaign/game-master/game-master';
import { NarrativeStream, parseModelJson } from '../../rooms/campaign/game-master/narrative-stream';
import { BEAT_JSON_SCHEMA, buildPrompt } from '../../rooms/campaign/game-master/prompt';

export interface OpenAiGameMasterOptions {
  /** Any OpenAI-compatible server: OpenAI, Ollama (http://localhost:11434/v1), vLLM, llama.cpp. */
  baseUrl?: string | undefined;
  apiKey?: string | undefined;
  model: string;
  /** How the answer's JSON is asked for: a JSON schema (OpenAI, vLLM, recent Ollama) or plain JSON mode. */
  responseFormat?: 'json_schema' | 'json_object';
  /** Prompt budget in (estimated) tokens. */
  promptTokens?: number;
  maxTokens?: number;
}

/**
 * A game master behind an OpenAI-compatible chat-completions endpoint (the `openai` SDK). It
 * streams the completion, forwarding the "narrative" field's text as it arrives, then parses the
 * whole answer and validates it with zod. Timeouts, retries and failover are the caller's
 * (FailoverGameMaster): the SDK's own retries are off so that a stall fails over quickly.
 */
export class OpenAiGameMaster implements GameMaster {
  readonly name: string;
  private readonly client: OpenAI;

  constructor(private readonly options: OpenAiGameMasterOptions) {
    this.name = `openai:${options.model}`;
    this.client = new OpenAI({
      baseURL: options.baseUrl,
      // Local servers (Ollama, llama.cpp) take any key; the SDK insists on one.
      apiKey: options.apiKey ?? 'not-needed',
      maxRetries: 0,
      timeout: 120_000,
    });
  }

  async narrate(request: BeatRequest, sink: NarrationSink, signal: AbortSignal): Promise<NarratedBeat> {
    const prompt = buildPrompt(request, this.options.promptTokens);
    const responseFormat =
      this.options.responseFormat === 'json_object'
        ? ({ type: 'json_object' } as const)
        : ({ type: 'json_schema', json_schema: { name: 'beat', schema: BEAT_JSON_SCHEMA as unknown as Record<string, unknown>, strict: false } } as const);
    const stream = await this.client.chat.completions.create(
      {
        model: this.options.model,
        stream: true,
        stream_options: { include_usage: true },
        temperature: 0.8,
        max_tokens: this.options.maxTokens ?? 900,
        response_format: responseFormat,
        messages: [
          { role: 'system', content: prompt.system },
          { role: 'user', content: prompt.user },
        ],
      },
      { signal },
    );
    const narrative = new NarrativeStream();
    let usage: NarratedBeat['usage'] = null;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta?.content;
      if (delta) {
        const text = narrative.push(delta);
        if (text) sink.chunk(text);
      }
      if (chunk.usage) usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
    }
    const parsed = beatOutputSchema.safeParse(parseModelJson(narrative.text));
    if (!parsed.success) throw new Error(`the model's answer does not fit the beat schema: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    return { output: parsed.data, provider: this.name, usage };
  }
}
