export * from './problems/problem';
export * from './problems/validation-problems';
export * from './streams/append-events.dto';
export * from './commands/command-body.dto';
export * from './commands/command-envelope.dto';
export * from './commands/limits';
export * from './commands/workflow.dto';
export * from './catalog';
