/**
 * The gradient-flow page's current answer and its round trips (no DOM): the answer for a
 * model, a text and the controls, with the chain written out for the chosen step, in as
 * few requests as it can. The chain needs a step that exists, so a new text is asked with
 * the chain at step 0 (or at once at the wanted step when the text is known to have it,
 * as for the opening example) and asked again only when another step is wanted. After a
 * preset, a model certain of its own answer has no loss to backpropagate: the label it
 * believes least becomes the target. A run overtaken by a newer one answers null.
 * @module views/gradient_runner
 */

import { requestBody } from './gradient_controls.js';
import { clampStep, leastLikely } from './gradient_math.js';

/** A loss at or below this is "certain": nothing to backpropagate. */
const CERTAIN = 1e-12;

/**
 * @typedef {object} FlowAnswer
 * @property {any} flow      the API's answer
 * @property {number} step   the step its chain is for
 * @property {string} label  the target label used (a preset's autoLabel may change it)
 * @property {boolean} fresh a new model or text (the step and layer were reset)
 * @property {string} [error] the request failed (flow is null)
 */

export class FlowSession {
  /** @param {(body: any) => Promise<any>} request  POST /api/gradient-flow */
  constructor(request) {
    this.request = request;
    /** @type {any} the last answer */
    this.flow = null;
    /** @type {string | null} model + text of `flow`, whose step count is then known */
    this.key = null;
    this.runId = 0;
    /** The step the next new text's chain is for, and whether the text surely has it. */
    this.first = { step: 0, exists: false };
    /** Set by a preset: if the model is then certain, target the label it believes least. */
    this.autoLabel = false;
  }

  /** Make any run in flight stale (its answer is dropped). */
  cancel() {
    this.runId += 1;
  }

  /** The layer-direction shown: `row` if the answer has it, else 0. @param {number} row */
  row(row) {
    return this.flow?.layers?.[row] ? row : 0;
  }

  /**
   * Ask for the answer and keep it.
   * @param {{model: string, text: string, controls: import('./gradient_controls.js').GradControls,
   *   card: any, step: number}} ask
   * @returns {Promise<FlowAnswer | null>} null when a newer run started meanwhile
   */
  async load({ model, text, controls, card, step }) {
    const mine = (this.runId += 1);
    const stale = () => mine !== this.runId;
    const key = `${model}\u0000${text}`;
    const previous = key === this.key ? this.flow : null;
    const T = previous ? previous.tokens.length : null;
    const chosen = previous?.layers?.[this.row(controls.row ?? 0)] ?? null;
    const row = chosen ? { layer: chosen.layer, direction: chosen.direction } : null;
    let c = controls;
    let k = T !== null ? /** @type {number} */ (clampStep(step, T)) : this.first.exists ? this.first.step : 0;
    const send = () => this.request(requestBody(model, text, c, card, k, row));
    try {
      let flow = await send();
      if (stale()) return null;
      if (this.autoLabel && flow.loss === 'last' && !(flow.loss_value > CERTAIN)) {
        const label = leastLikely(flow.prediction);
        if (label) {
          c = { ...c, label };
          flow = await send();
          if (stale()) return null;
        }
      }
      if (T === null) {
        const wanted = /** @type {number} */ (clampStep(this.first.step, flow.tokens.length));
        if (wanted !== k) {
          k = wanted;
          flow = await send();
          if (stale()) return null;
        }
        this.first = { step: 0, exists: false };
      }
      this.autoLabel = false;
      this.flow = flow;
      this.key = key;
      return { flow, step: k, label: c.label, fresh: T === null };
    } catch (error) {
      if (stale()) return null;
      this.flow = null;
      this.key = null;
      return { flow: null, step: 0, label: c.label, fresh: true, error: error instanceof Error ? error.message : String(error) };
    }
  }
}
