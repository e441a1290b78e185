import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStore } from '@annals/event-store';
import { CommandExecutor } from '../command-executor';
import { CommandRegistry } from '../command-registry';
import { ALL_COMMANDS } from '../definitions';
import { EventSchemas } from '../event-schemas';
import { ExecuteCommandsHandler } from './execute-commands.command';

/**
 * Domain events are bounded field by field by their DTOs (a snapshot with 50,000 checksums and a
 * 256 KiB payload is several megabytes); ANNALS_MAX_EVENT_BYTES bounds free-form extension events.
 * This is the ceiling of the largest body the HTTP layer accepts.
 */
const DOMAIN_EVENT_MAX_BYTES = 8 * 1024 * 1024;

/** Needs EventStoreModule (global) in the application. */
@Module({})
export class CommandsModule {
  static forRoot(options: { schemas: EventSchemas }): DynamicModule {
    return {
      module: CommandsModule,
      // Kafka ingest (MessagingModule) runs commands too.
      global: true,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: CommandRegistry, useValue: new CommandRegistry(ALL_COMMANDS) },
        {
          provide: CommandExecutor,
          useFactory: (store: EventStore, registry: CommandRegistry) =>
            new CommandExecutor(
              store.withLimits({ maxEventDataBytes: DOMAIN_EVENT_MAX_BYTES }),
              registry,
              options.schemas,
            ),
          inject: [EventStore, CommandRegistry],
        },
        ExecuteCommandsHandler,
      ],
      exports: [CqrsModule, CommandRegistry, CommandExecutor],
    };
  }
}
