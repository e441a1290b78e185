import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStore } from '@annals/event-store';
import { CommandExecutor } from '../command-executor';
import { CommandRegistry } from '../command-registry';
import { ALL_COMMANDS } from '../definitions';
import { EventSchemas } from '../event-schemas';
import { ExecuteCommandsHandler } from './execute-commands.command';

/** Needs EventStoreModule (global) in the application. */
@Module({})
export class CommandsModule {
  static forRoot(options: { schemas: EventSchemas }): DynamicModule {
    return {
      module: CommandsModule,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: CommandRegistry, useValue: new CommandRegistry(ALL_COMMANDS) },
        {
          provide: CommandExecutor,
          useFactory: (store: EventStore, registry: CommandRegistry) =>
            new CommandExecutor(store, registry, options.schemas),
          inject: [EventStore, CommandRegistry],
        },
        ExecuteCommandsHandler,
      ],
      exports: [CqrsModule, CommandRegistry, CommandExecutor],
    };
  }
}
