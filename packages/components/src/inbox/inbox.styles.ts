import { css } from 'lit';

export const inboxStyles = css`
  :host {
    display: inline-block;
    position: relative;
    --_panel-inline-size: var(--bureau-inbox-panel-inline-size, 24rem);
    --_badge: var(--bureau-inbox-badge-color, #b3261e);
  }

  [part='bell'] {
    position: relative;
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
  }

  [part='count'] {
    min-inline-size: 1.25rem;
    padding: 0 0.3rem;
    border-radius: 999px;
    background: var(--_badge);
    color: #fff;
    font-size: 0.8em;
    font-weight: 600;
    text-align: center;
  }
`;
