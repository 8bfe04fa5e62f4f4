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
`;
