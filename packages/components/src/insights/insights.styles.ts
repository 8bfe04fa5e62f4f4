import { css } from 'lit';

export const insightsStyles = css`
  :host {
    display: block;
    --_bar: var(--bureau-insights-bar-color, var(--bureau-accent-color, #1f4e8c));
    --_muted: var(--bureau-muted-color, #5b6270);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
    margin-block-end: 0.75rem;
  }
  label {
    display: grid;
    gap: 0.25rem;
  }
  svg {
    display: block;
    inline-size: 100%;
    block-size: auto;
    max-block-size: 16rem;
  }
  .bar {
    fill: var(--_bar);
  }
  .hidden-week {
    fill: none;
    stroke: var(--_muted);
    stroke-dasharray: 3 3;
  }
  .axis {
    fill: var(--_muted);
    font-size: 10px;
  }
  .privacy,
  .summary {
    color: var(--_muted);
    font-size: 0.875em;
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
    margin-block-start: 0.5rem;
    font-size: 0.875em;
  }
  th,
  td {
    border: 1px solid var(--bureau-border-color, #d0d4dc);
    padding: 0.25rem 0.4rem;
    text-align: end;
  }
  th[scope='row'],
  thead th {
    text-align: start;
  }
  .audit {
    margin-block-start: 1.5rem;
  }
  .audit-list {
    list-style: none;
    padding: 0;
    margin-block: 0.5rem;
  }
  .audit-list li {
    display: grid;
    gap: 0.125rem;
    padding-block: 0.4rem;
    border-block-end: 1px solid var(--bureau-border-color, #d0d4dc);
  }
  .audit-list time {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .table-wrap {
    overflow-x: auto;
  }
`;
