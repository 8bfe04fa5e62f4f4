import { css } from 'lit';

export const membersStyles = css`
  :host {
    display: block;
  }
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .member {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    padding-block: 0.35rem;
    border-block-end: 1px solid var(--bureau-border-color, #d0d4dc);
  }
  .name {
    flex: 1 1 10rem;
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }
  .dot {
    display: inline-block;
    inline-size: 0.6rem;
    block-size: 0.6rem;
    border-radius: 50%;
    border: 1px solid currentColor;
    margin-inline-end: 0.35rem;
  }
  .dot.on {
    background: var(--bureau-success-color, #18753c);
    border-color: var(--bureau-success-color, #18753c);
  }
  .add {
    display: grid;
    gap: 0.35rem;
    margin-block: 1rem;
  }
  .actions {
    display: flex;
    gap: 0.5rem;
    justify-content: flex-end;
  }
  .online-count {
    margin-block-start: 0;
  }
  .rules-editor {
    inline-size: min(40rem, 95vw);
    background: var(--_background);
    color: var(--_text);
  }
  .rules-editor textarea {
    display: block;
    inline-size: 100%;
    margin-block: 0.35rem 0.75rem;
    font: inherit;
    resize: vertical;
  }
  .rules-preview {
    border: 1px solid var(--_border);
    padding: 0 0.75rem;
    margin-block-end: 0.75rem;
    max-block-size: 16rem;
    overflow: auto;
    overflow-wrap: anywhere;
  }
  .rules-preview h3 {
    font-size: 1rem;
  }
  .error {
    color: var(--_danger);
  }
`;
