import { html, nothing, type TemplateResult } from 'lit';
import type { Upload } from '@bureau/sdk';
import { formatBytes } from '../../i18n/format.js';
import type { Messages } from '../../i18n/fr.js';
import { reasonOf } from './reason.js';
import type { UploadQueueOptions } from './upload-queue.js';

/**
 * What the upload queue shows (a lazy chunk: a page where nobody uploads never downloads it): the
 * uploads, each with a `<progress>` named after its file, its state, speed and time left, where it
 * resumed from after a cut, and its buttons (pause, resume, cancel, pick the file again).
 */
export class UploadQueueView {
  readonly #options: UploadQueueOptions;

  constructor(options: UploadQueueOptions) {
    this.#options = options;
  }

  render(uploads: readonly Upload[]): TemplateResult {
    const t = this.#options.messages();
    return html`<section part="uploads" class="uploads" aria-labelledby="${this.#options.id}-uploads">
      <h3 id="${this.#options.id}-uploads" class="uploads-title">${t.filesUploads}</h3>
      <ul>
        ${uploads.map((upload) => this.#renderUpload(upload, t))}
      </ul>
    </section>`;
  }

  #renderUpload(upload: Upload, t: Messages): TemplateResult {
    const language = this.#options.language();
    const progressId = `${this.#options.id}-upload-${upload.id}`;
    const percent = upload.size === 0 ? 100 : Math.floor((upload.bytesSent / upload.size) * 100);
    const left = upload.secondsLeft;
    const speed =
      upload.state === 'uploading' && upload.bytesPerSecond > 0 && left !== null
        ? t.filesUploadSpeed(formatBytes(upload.bytesPerSecond, language), t.filesSecondsLeft(left))
        : '';
    const resumed = upload.resumedFrom !== null && upload.resumedFrom > 0 && upload.size > 0 ? t.filesResumedAt(Math.floor((upload.resumedFrom / upload.size) * 100)) : '';
    return html`<li part="upload" class="upload" data-state=${upload.state}>
      <label class="upload-name" for=${progressId}>${t.filesUploadProgress(upload.name)}</label>
      <progress part="upload-progress" id=${progressId} max=${Math.max(upload.size, 1)} value=${upload.bytesSent}>${percent} %</progress>
      <span part="upload-status" class="upload-status">
        ${t.filesUploadState[upload.state]} · ${formatBytes(upload.bytesSent, language)} / ${formatBytes(upload.size, language)}
        ${speed === '' ? nothing : html` · ${speed}`} ${resumed === '' ? nothing : html` · ${resumed}`}
        ${upload.state === 'failed' ? html` · ${reasonOf(upload.error, language)}` : nothing}
      </span>
      <span class="upload-actions">${this.#renderActions(upload, t)}</span>
    </li>`;
  }

  #renderActions(upload: Upload, t: Messages): TemplateResult {
    const pause = ['queued', 'uploading', 'offline'].includes(upload.state)
      ? html`<button type="button" part="upload-pause-button" @click=${() => upload.pause()}>${t.filesPause(upload.name)}</button>`
      : nothing;
    const resume = ['paused', 'failed', 'offline'].includes(upload.state)
      ? html`<button type="button" part="upload-resume-button" @click=${() => upload.resume()}>${t.filesResume(upload.name)}</button>`
      : nothing;
    const pick =
      upload.state === 'needs-file'
        ? html`<label part="upload-pick-button" class="pick">
            ${t.filesPickAgain(upload.name)}
            <input type="file" class="visually-hidden" @change=${(event: Event) => this.#provide(upload, event)} />
          </label>`
        : nothing;
    const cancel = html`<button type="button" part="upload-cancel-button" @click=${() => this.#cancel(upload)}>${t.filesCancelUpload(upload.name)}</button>`;
    return html`${pause}${resume}${pick}${cancel}`;
  }

  #provide(upload: Upload, event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file === undefined) return;
    try {
      upload.provide(file);
    } catch (error) {
      this.#options.announce(this.#options.messages().filesUploadFailed(upload.name, error instanceof Error ? error.message : String(error)));
    }
  }

  #cancel(upload: Upload): void {
    upload.cancel().catch((error: unknown) => {
      this.#options.announce(this.#options.messages().filesActionFailed(error instanceof Error ? error.message : String(error)));
    });
  }
}
