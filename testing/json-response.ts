/** What a test reads of an HTTP answer: its status, headers, text and the JSON in it (undefined when it is not JSON). */
export interface JsonResponse {
  status: number;
  /** Whatever JSON the route sent (tests read it freely). */
  json: any;
  text: string;
  headers: Headers;
}

/** Reads a fetch answer to the end; a body that is not JSON (an nginx page, a 304) leaves `json` undefined. */
export async function readJsonResponse(response: Response): Promise<JsonResponse> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text, headers: response.headers };
}
