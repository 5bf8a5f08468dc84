import type { StudioAsset } from '../../../api/index';
import { ApiFailure } from '../shell/api-failure';
import { h } from '../shell/dom';
import { ASSET_FILE_ACCEPT, assetContentType, assetPathProblem, assetRefusal, defaultAssetPath, formatBytes } from './asset-file';
import { formField } from './form-field';
import type { StudioApi } from './studio-api';

/**
 * "Art and music": upload a file under a path chapters refer to it by (`assets/<file name>`, editable),
 * with the outcome — or the server's refusal of its size, type or path — in a live region; then the
 * story's assets.
 */
export class AssetPanel {
  readonly element: HTMLElement;
  private readonly file = formField('Art or music file', h('input', { attrs: { type: 'file', accept: ASSET_FILE_ACCEPT } }), 'PNG, JPEG, WebP or SVG images; MP3 or Ogg music.');
  private readonly path = formField('Path in the story', h('input', { attrs: { type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: 200 } }), 'Chapters name the file by this path, e.g. "background": "assets/harbour.png".');
  private readonly submit = h('button', { className: 'btn btn-primary', text: 'Upload file', attrs: { type: 'submit' } });
  private readonly result = h('div', { className: 'upload-result', attrs: { role: 'status', 'aria-live': 'polite' } });
  private readonly list = h('ul', { className: 'asset-list', attrs: { 'aria-labelledby': 'asset-list-heading' } });
  private readonly empty = h('p', { className: 'muted', text: 'No files yet.' });

  constructor(
    private readonly api: StudioApi,
    private readonly storyId: string,
    private readonly onUploaded: () => Promise<void>,
  ) {
    const form = h('form', { className: 'studio-form', attrs: { novalidate: true } }, [this.file.wrapper, this.path.wrapper, h('div', { className: 'studio-actions' }, [this.submit])]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.upload();
    });
    this.file.control.addEventListener('change', () => {
      const file = this.file.control.files?.[0];
      this.file.setProblem('');
      if (file) this.path.control.value = defaultAssetPath(file.name);
    });
    this.element = h('div', { className: 'asset-panel' }, [
      h('section', { className: 'studio-card', attrs: { 'aria-labelledby': 'upload-asset-heading' } }, [
        h('h3', { className: 'studio-card-title', text: 'Upload art or music', attrs: { id: 'upload-asset-heading' } }),
        form,
        this.result,
      ]),
      h('section', { className: 'studio-assets' }, [h('h3', { className: 'studio-card-title', text: 'Files of this story', attrs: { id: 'asset-list-heading' } }), this.list, this.empty]),
    ]);
  }

  update(assets: readonly StudioAsset[]): void {
    const sorted = [...assets].sort((a, b) => a.path.localeCompare(b.path));
    this.list.replaceChildren(...sorted.map(assetItem));
    this.empty.hidden = sorted.length > 0;
  }

  private async upload(): Promise<void> {
    if (this.submit.disabled) return;
    const file = this.file.control.files?.[0];
    const path = this.path.control.value.trim();
    this.file.setProblem('');
    this.path.setProblem('');
    if (!file) {
      this.file.setProblem('Choose a file first.');
      return this.file.control.focus();
    }
    const pathProblem = path ? assetPathProblem(path) : 'Give the file a path, such as assets/cover.png.';
    if (pathProblem) {
      this.path.setProblem(pathProblem);
      return this.path.control.focus();
    }
    this.busy(true);
    this.result.replaceChildren(h('p', { className: 'muted', text: `Uploading ${file.name}…` }));
    try {
      const uploaded = await this.api.uploadAsset(this.storyId, path, file, assetContentType(file.name, file.type));
      this.result.replaceChildren(h('p', { className: 'upload-ok', text: `Uploaded ${uploaded.path} (${formatBytes(file.size)}).` }));
      await this.onUploaded();
    } catch (error) {
      const failure = error instanceof ApiFailure ? error : ApiFailure.network(error);
      this.result.replaceChildren(h('p', { className: 'upload-refused', text: `${file.name} was not uploaded. ${assetRefusal(failure.status, failure.message)}` }));
      if (failure.status === 400) this.path.setProblem(failure.message);
    } finally {
      this.busy(false);
    }
  }

  private busy(busy: boolean): void {
    this.submit.disabled = busy;
    this.submit.textContent = busy ? 'Uploading…' : 'Upload file';
  }
}

function assetItem(asset: StudioAsset): HTMLElement {
  const image = asset.contentType.startsWith('image/');
  return h('li', { className: 'asset' }, [
    image ? h('img', { className: 'asset-thumb', attrs: { src: asset.url, alt: '', loading: 'lazy', decoding: 'async' } }) : h('span', { className: 'asset-thumb asset-thumb-audio', attrs: { 'aria-hidden': 'true' }, text: '♪' }),
    h('code', { className: 'asset-path', text: asset.path }),
    h('span', { className: 'asset-meta muted', text: `${asset.contentType} · ${formatBytes(asset.size)}` }),
  ]);
}
