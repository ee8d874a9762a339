import { AppError } from '../../../platform/errors.ts';
import type { FlashEvent, FlashOutcome, FlashReporter, FlashStep } from './flash-events.ts';

/**
 * Runs a flash or rollback procedure step by step: each step is announced to the reporter, and
 * any failure ends the run with a `failure` event naming the step, its stable code, and whether
 * flash memory had been touched by then (which decides between resume/rollback and nothing).
 */
export class FlashRun {
  step: FlashStep = 'verify-package';
  memoryTouched = false;
  readonly #report: FlashReporter;

  constructor(report: FlashReporter) {
    this.#report = report;
  }

  /** Announces a step. */
  async enter(step: FlashStep): Promise<void> {
    this.step = step;
    await this.#report({ type: 'step', step });
  }

  /** Sends an event. */
  async emit(event: FlashEvent): Promise<void> {
    await this.#report(event);
  }

  /** Runs `body`, turning a thrown error into the failed outcome after reporting it. */
  async run(body: () => Promise<FlashOutcome>): Promise<FlashOutcome> {
    try {
      return await body();
    } catch (error) {
      const code = error instanceof AppError ? error.code : 'FLASH_AGENT_ERROR';
      const message = error instanceof Error ? error.message : String(error);
      const failure = { step: this.step, code, message, memoryTouched: this.memoryTouched };
      await this.#report({ type: 'failure', ...failure });
      return { status: 'failed', ...failure };
    }
  }
}
