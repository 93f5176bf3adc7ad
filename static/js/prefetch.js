/**
 * A request sent before the page knows it needs it. A page that opens on a known example
 * sends that example's request while its modules and the model list are still loading;
 * the page's own request, once it gets there, takes that answer if its body is the same,
 * instead of waiting for a second round trip. Bodies are compared as JSON.
 * @module prefetch
 */

export class Prefetch {
  /** @param {(body: any) => Promise<any>} send  the API call */
  constructor(send) {
    this.send = send;
    /** @type {Map<string, Promise<any>>} early answers not yet claimed, by body */
    this.early = new Map();
  }

  /** Send `body` now; the first `request` with an equal body gets this answer. @param {any} body */
  start(body) {
    const key = JSON.stringify(body);
    if (this.early.has(key)) return;
    const answer = this.send(body);
    answer.catch(() => {}); // an unclaimed failure is not an error; a claimed one rejects there
    this.early.set(key, answer);
  }

  /**
   * The answer to `body`: the early one if it was started (once), else a new request.
   * @param {any} body
   * @returns {Promise<any>}
   */
  request(body) {
    const key = JSON.stringify(body);
    const answer = this.early.get(key);
    if (!answer) return this.send(body);
    this.early.delete(key);
    return answer;
  }
}
