import { css } from 'lit';

/** Styles of `<bureau-board>`. */
export const boardStyles = css`
  :host {
    display: block;
    --_block-size: var(--bureau-board-block-size, 36rem);
    --_column-size: var(--bureau-board-column-inline-size, 17rem);
    --_column-background: var(--bureau-board-column-background, var(--_surface));
    --_card-background: var(--bureau-board-card-background, var(--_background));
    --_over: var(--bureau-board-over-limit-color, var(--_danger));
    --_indicator: var(--bureau-board-indicator-color, var(--_accent));
  }

  .board {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: var(--_spacing);
    block-size: var(--_block-size);
  }

  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_spacing);
  }

  .header h2 {
    margin: 0;
    font-size: 1.25em;
  }

  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_spacing) * 0.75);
    border: 0;
    margin: 0;
    padding: 0;
  }

  select,
  input,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_spacing) * 0.5);
  }

  .columns {
    position: relative;
    flex: 1;
    min-block-size: 0;
    display: flex;
    gap: var(--_spacing);
    overflow-x: auto;
    align-items: stretch;
  }

  .column {
    flex: 0 0 var(--_column-size);
    display: flex;
    flex-direction: column;
    min-block-size: 0;
    background: var(--_column-background);
    border-radius: var(--_radius);
    border: 2px solid transparent;
  }

  .column.over {
    border-color: var(--_over);
  }

  .column-heading {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_spacing) * 0.5);
    align-items: baseline;
    margin: 0;
    padding: var(--_spacing);
    font-size: 1em;
  }

  .count,
  .wip {
    font-weight: normal;
    font-size: 0.875em;
    color: var(--_text-muted);
  }

  .column.over .wip {
    color: var(--_over);
    font-weight: 600;
  }

  .cards {
    list-style: none;
    margin: 0;
    padding: 0 var(--_spacing) var(--_spacing);
    overflow-y: auto;
    flex: 1;
    display: flex;
    flex-direction: column;
    gap: calc(var(--_spacing) * 0.75);
  }

  .card {
    /* Cards out of view are not laid out or painted until scrolled near. */
    content-visibility: auto;
    contain-intrinsic-size: auto 5.5rem;
    background: var(--_card-background);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_spacing) * 0.75);
    display: flex;
    flex-direction: column;
    gap: calc(var(--_spacing) * 0.5);
    /* A vertical swipe scrolls the column; a sideways one drags the card to another column. */
    touch-action: pan-y;
    user-select: none;
  }

  .card.lifted,
  .card.dragging {
    outline: 2px dashed var(--_indicator);
    outline-offset: 2px;
    opacity: 0.85;
  }

  .empty-column {
    color: var(--_text-muted);
    font-style: italic;
  }

  .more-cards button {
    inline-size: 100%;
    padding: calc(var(--_spacing) * 0.5);
    background: none;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    color: inherit;
    font: inherit;
    cursor: pointer;
  }

  .card-title {
    all: unset;
    cursor: pointer;
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  .card-title:focus-visible {
    outline: var(--_focus-ring-width) solid var(--_focus-ring-color);
  }

  .card-meta {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_spacing) * 0.5);
    font-size: 0.8125em;
    color: var(--_text-muted);
  }

  .label {
    border-inline-start: 0.5rem solid var(--_label, var(--_accent));
    padding-inline: 0.25rem;
    background: var(--_surface);
    color: var(--_text);
  }

  .move-button {
    align-self: flex-start;
    min-block-size: 1.75rem;
    font-size: 0.8125em;
    padding: 0 var(--_spacing);
  }

  .drop-indicator {
    position: absolute;
    inset-block-start: 0;
    inset-inline-start: 0;
    block-size: 4px;
    border-radius: 2px;
    background: var(--_indicator);
    pointer-events: none;
    will-change: transform;
  }

  .drop-indicator[hidden] {
    display: none;
  }

  .state {
    color: var(--_text-muted);
  }

  dialog {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    color: var(--_text);
    background: var(--_background);
    inline-size: min(40rem, 95vw);
    max-block-size: 90vh;
  }

  dialog form,
  dialog section {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_spacing) * 0.75);
  }

  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  .check {
    display: flex;
    gap: 0.5rem;
    align-items: center;
  }

  .checklist,
  .comments {
    list-style: none;
    margin: 0;
    padding: 0;
  }

  .checklist li {
    display: flex;
    justify-content: space-between;
    align-items: center;
  }

  .swatch {
    display: inline-block;
    inline-size: 0.75rem;
    block-size: 0.75rem;
    border-radius: 50%;
  }

  .conflict {
    border: 2px solid var(--_danger);
    border-radius: var(--_radius);
    padding: var(--_spacing);
  }

  .hint {
    margin: 0;
    font-size: 0.875em;
    color: var(--_text-muted);
  }

  .dialog-actions {
    display: flex;
    gap: var(--_spacing);
    justify-content: flex-end;
  }

`;
