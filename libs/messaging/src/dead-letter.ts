import type { KafkaMessage, Message } from 'kafkajs';
import { CommandProblem } from './command-problem';

/** Header names of every message on the dead-letter topic. */
export const DEAD_LETTER_HEADERS = {
  code: 'annals-error-code',
  topic: 'annals-source-topic',
  partition: 'annals-source-partition',
  offset: 'annals-source-offset',
} as const;

export interface DeadLetterSource {
  readonly topic: string;
  readonly partition: number;
  readonly message: KafkaMessage;
}

/**
 * A refused command for the dead-letter topic: the problem and where the command came from, with the
 * original bytes (as text) so that it can be fixed and sent again.
 */
export function toDeadLetter(
  problem: CommandProblem,
  { topic, partition, message }: DeadLetterSource,
): Message {
  return {
    key: message.key,
    value: JSON.stringify({
      problem,
      source: { topic, partition, offset: message.offset, timestamp: message.timestamp },
      original: message.value?.toString('utf8') ?? null,
    }),
    headers: {
      [DEAD_LETTER_HEADERS.code]: problem.code,
      [DEAD_LETTER_HEADERS.topic]: topic,
      [DEAD_LETTER_HEADERS.partition]: String(partition),
      [DEAD_LETTER_HEADERS.offset]: message.offset,
    },
  };
}
