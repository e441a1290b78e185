// Moved to the event store beside LeaderLoop, which the relay uses too; kept here for existing imports.
export { sessionDatabase } from '@annals/event-store';
