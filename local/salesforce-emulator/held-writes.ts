/**
 * Writes whose answer the emulator lost on purpose (`FaultConfig.loseWriteAnswers`): received and
 * counted, not yet applied. Applying them later reproduces a request Salesforce commits after the
 * client stopped waiting for it.
 *
 * @example
 * ```ts
 * held.hold(request, response); // the client times out or sees a reset
 * await held.applyAll((request) => services.dispatch(request)); // the late commit
 * ```
 */
import type { ServerResponse } from 'node:http';
import type { EmulatorRequest, EmulatorResponse } from './http-types.js';

interface HeldWrite {
  request: EmulatorRequest;
  response: ServerResponse;
}

/** The writes held so far, in arrival order, each with the response its client may still wait on. */
export class HeldWrites {
  #held: HeldWrite[] = [];

  /** Keeps `request` unapplied; `response` stays open (or its socket was reset). */
  hold(request: EmulatorRequest, response: ServerResponse): void {
    this.#held.push({ request, response });
  }

  /** Applies every held write in order; a client still connected gets the (late) answer. */
  async applyAll(
    dispatch: (request: EmulatorRequest) => Promise<EmulatorResponse>,
    send: (response: ServerResponse, result: EmulatorResponse) => void,
  ): Promise<number> {
    const held = this.#held;
    this.#held = [];
    for (const { request, response } of held) {
      const result = await dispatch(request);
      if (!response.destroyed && !response.writableEnded) send(response, result);
    }
    return held.length;
  }
}
