export * from './problems/problem';
export * from './problems/validation-problems';
export * from './streams/append-events.dto';
