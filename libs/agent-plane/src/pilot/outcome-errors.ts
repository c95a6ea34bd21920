import { PitrixError } from '@pitrix/errors';
import type { CommandOutcome } from './views.js';

const TAIL_IN_MESSAGE = 500;

function tail(text: string): string {
  const trimmed = text.trimEnd();
  return trimmed.length > TAIL_IN_MESSAGE ? `…${trimmed.slice(-TAIL_IN_MESSAGE)}` : trimmed;
}

/**
 * The error a finished command stands for, or undefined when it succeeded (exit code 0):
 * `AGENT.COMMAND_TIMED_OUT`, `AGENT.COMMAND_INTERRUPTED` or `AGENT.COMMAND_FAILED` with the exit
 * code and the end of its output in the message.
 */
export function commandOutcomeError(outcome: CommandOutcome, where: string): PitrixError | undefined {
  const output = tail(outcome.stderrTail) || tail(outcome.stdoutTail);
  const said = output ? `: ${output}` : '';
  // Operators see these next to the failed task: exit code and the ends of both streams.
  const details = { exitCode: outcome.exitCode, stdoutTail: tail(outcome.stdoutTail), stderrTail: tail(outcome.stderrTail) };
  if (outcome.timedOut) return new PitrixError('AGENT.COMMAND_TIMED_OUT', `command ${outcome.commandId} on ${where} timed out and was killed${said}`, [], { details });
  if (outcome.interrupted) {
    return new PitrixError('AGENT.COMMAND_INTERRUPTED', `command ${outcome.commandId} on ${where} was interrupted (its runner vanished) and was not run again`);
  }
  if (outcome.exitCode !== 0) {
    const how = outcome.signal ? `signal ${outcome.signal}` : `exit code ${outcome.exitCode}`;
    return new PitrixError('AGENT.COMMAND_FAILED', `command ${outcome.commandId} on ${where} failed with ${how}${said}`, [], { details });
  }
  return undefined;
}
