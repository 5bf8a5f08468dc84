import type {
  AssetUploadResponse,
  Certificate,
  ChapterBundle,
  ChapterUploadResponse,
  CreateStudioStoryRequest,
  Earnings,
  PublishChapterRequest,
  PublishChapterResponse,
  StoryReadingStats,
  StudioStory,
  StudioStoryList,
  StudioStoryResponse,
  UpdateStudioStoryRequest,
} from '../../../api/index';
import type { ApiClient } from '../shell/api-client';
import { ApiFailure } from '../shell/api-failure';

/** The writer's routes (`/v1/studio/…`, `/v1/certificates/…`), typed by api/studio.ts, through the shell's API client. */
export class StudioApi {
  constructor(private readonly http: ApiClient) {}

  async stories(): Promise<StudioStory[]> {
    return (await this.http.get<StudioStoryList>('/v1/studio/stories')).items;
  }

  /** One of my stories; null when there is no such story or it is another account's (404, 403). */
  async story(storyId: string): Promise<StudioStory | null> {
    try {
      return (await this.http.get<StudioStoryResponse>(storyPath(storyId))).story;
    } catch (error) {
      if (error instanceof ApiFailure && (error.status === 404 || error.status === 403)) return null;
      throw error;
    }
  }

  async createStory(request: CreateStudioStoryRequest): Promise<StudioStory> {
    return (await this.http.post<StudioStoryResponse>('/v1/studio/stories', request)).story;
  }

  async updateStory(storyId: string, changes: UpdateStudioStoryRequest): Promise<StudioStory> {
    return (await this.http.patch<StudioStoryResponse>(storyPath(storyId), changes)).story;
  }

  /** 200 with no problems; a chapter with problems fails with 422 CONTENT_INVALID (`details.problems`), its draft kept. */
  uploadChapter(storyId: string, chapterId: string, source: { text: string; contentType: string }): Promise<ChapterUploadResponse> {
    return this.http.putRaw<ChapterUploadResponse>(`${storyPath(storyId)}/chapters/${encodeURIComponent(chapterId)}`, { data: source.text, contentType: source.contentType });
  }

  /** The path keeps its folders: each segment is escaped on its own. */
  uploadAsset(storyId: string, path: string, file: Blob, contentType: string): Promise<AssetUploadResponse> {
    const escaped = path.split('/').map(encodeURIComponent).join('/');
    return this.http.putRaw<AssetUploadResponse>(`${storyPath(storyId)}/assets/${escaped}`, { data: file, contentType });
  }

  /** Publishes now, or at `releaseAt` (ISO UTC). */
  publish(storyId: string, chapterId: string, releaseAt?: string): Promise<PublishChapterResponse> {
    const request: PublishChapterRequest = releaseAt ? { releaseAt } : {};
    return this.http.post<PublishChapterResponse>(`${storyPath(storyId)}/chapters/${encodeURIComponent(chapterId)}/publish`, request);
  }

  /**
   * The bundle a preview plays (the clean draft, else the latest version), for its writer only. The
   * preview room sends no public bundle URL (a draft has none); this route is NOT in api/studio.ts
   * yet — proposed to the integrator: `GET …/chapters/:chapterId/bundle` → ChapterBundle, with the
   * studio's 403/404/422. A `bundleUrl` the room does send is used instead, with the sign-in.
   */
  previewBundle(storyId: string, chapterId: string, bundleUrl = ''): Promise<ChapterBundle> {
    return this.http.get<ChapterBundle>(bundleUrl || `${storyPath(storyId)}/chapters/${encodeURIComponent(chapterId)}/bundle`);
  }

  /** How the story's released chapters are read (reading rooms): reads, completion, time, reactions and comments per paragraph. */
  readingStats(storyId: string): Promise<StoryReadingStats> {
    return this.http.get<StoryReadingStats>(`${storyPath(storyId)}/stats`);
  }

  certificate(certificateId: string): Promise<Certificate> {
    return this.http.get<Certificate>(`/v1/certificates/${encodeURIComponent(certificateId)}`);
  }

  earnings(cursor: string | null, limit = 20): Promise<Earnings> {
    const params = new URLSearchParams({ limit: String(limit) });
    if (cursor) params.set('cursor', cursor);
    return this.http.get<Earnings>(`/v1/studio/earnings?${params.toString()}`);
  }
}

function storyPath(storyId: string): string {
  return `/v1/studio/stories/${encodeURIComponent(storyId)}`;
}
