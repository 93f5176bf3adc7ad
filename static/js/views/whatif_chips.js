/**
 * The edited sentence as chips on the what-if page, the tokens that differ from the
 * original marked; a click turns a chip into a small input, Enter or leaving it applies
 * the word (empty removes it), Escape cancels. `update()` draws the chips of the texts
 * read from the page (read again when an edit is applied or cancelled); an applied edit
 * calls onEdit(the new edited text).
 * @module views/whatif_chips
 */

import { htmlEl } from './svg.js';
import { changedIndices } from './whatif_math.js';

/** The edited sentence as clickable, editable chips. */
export class EditChipsView {
  /**
   * @param {HTMLElement} container
   * @param {{texts: () => {original: string, edited: string}, onEdit: (edited: string) => void}} options
   *   texts: the two sentences as typed now
   */
  constructor(container, { texts, onEdit }) {
    this.container = container;
    this.texts = texts;
    this.onEdit = onEdit;
  }

  /** Draw the chips of the edited sentence as typed now. */
  update() {
    const texts = this.texts();
    const original = texts.original.split(/\s+/).filter(Boolean);
    const edited = texts.edited.split(/\s+/).filter(Boolean);
    const changed = new Set(changedIndices(original, edited));
    const chips = edited.map((tok, k) => {
      const chip = htmlEl('button', { type: 'button', class: `wi-chip${changed.has(k) ? ' is-changed' : ''}`, 'data-index': k }, tok);
      chip.addEventListener('click', () => {
        const input = /** @type {HTMLInputElement} */ (htmlEl('input', { class: 'wi-chip-input', type: 'text', value: tok, size: Math.max(tok.length + 2, 4), 'aria-label': tok }));
        chip.replaceWith(input);
        input.focus();
        input.select();
        let done = false;
        const commit = (apply) => {
          if (done) return;
          done = true;
          if (apply) {
            const words = this.texts().edited.split(/\s+/).filter(Boolean);
            const next = input.value.trim();
            if (next) words[k] = next.replace(/\s+/g, '_');
            else words.splice(k, 1);
            this.onEdit(words.join(' '));
          } else this.update();
        };
        input.addEventListener('keydown', (event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit(true);
          } else if (event.key === 'Escape') commit(false);
        });
        input.addEventListener('blur', () => commit(true));
      });
      return chip;
    });
    this.container.replaceChildren(...chips);
  }
}
