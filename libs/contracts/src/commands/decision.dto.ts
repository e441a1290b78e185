import {
  DECISION_CATEGORIES,
  DecisionCategory,
  INITIAL_DECISION_STATUSES,
  InitialDecisionStatus,
} from '@annals/domain';
import { CommandBodyDto } from './command-body.dto';
import { EntityIdField, EnumField, TextField, TextListField } from './field-decorators';
import { LIMITS } from './limits';

export class RecordDecisionDto extends CommandBodyDto {
  @EntityIdField({ presence: 'optional', description: 'The decision id; a UUIDv7 is generated when absent' })
  readonly id?: string;

  @EntityIdField({ presence: 'optional' })
  readonly workflowId?: string;

  @EntityIdField({ presence: 'optional' })
  readonly taskId?: string;

  @EnumField(DECISION_CATEGORIES)
  readonly category!: DecisionCategory;

  @TextField(LIMITS.text)
  readonly question!: string;

  @TextField(LIMITS.text, { presence: 'optional', allowEmpty: true })
  readonly context?: string;

  @TextListField(LIMITS.list, LIMITS.text, {
    minItems: 1,
    nonEmptyItems: true,
    description: 'Distinct options; `chosen` is one of them',
  })
  readonly optionsConsidered!: string[];

  @TextField(LIMITS.text, { description: 'One of `optionsConsidered`, compared exactly' })
  readonly chosen!: string;

  @TextField(LIMITS.text)
  readonly reasoning!: string;

  @TextField(LIMITS.text, { presence: 'optional', allowEmpty: true })
  readonly tradeOffs?: string;

  @TextListField(LIMITS.list, LIMITS.text, { presence: 'optional' })
  readonly drivers?: string[];

  @TextListField(LIMITS.list, LIMITS.name, { presence: 'optional' })
  readonly deciders?: string[];

  @EnumField(INITIAL_DECISION_STATUSES, { presence: 'optional', default: 'proposed' })
  readonly status?: InitialDecisionStatus;

  @EntityIdField({
    presence: 'optional',
    description:
      'An accepted decision this one replaces (status must then be accepted); both streams are written at once',
  })
  readonly supersedes?: string;
}

/** Rejecting or deprecating a decision says why. */
export class DecisionReasonDto extends CommandBodyDto {
  @TextField(LIMITS.text)
  readonly reason!: string;
}

export class SupersedeDecisionDto extends CommandBodyDto {
  @EntityIdField({ description: 'The accepted decision that replaces this one' })
  readonly by!: string;
}
