import { DynamicModule, Module } from '@nestjs/common';
import { coreModules, CoreOptions } from '../../annals/src/core-modules';

/** The background parts without HTTP: sequencer, projection runners, Kafka relay and ingest. */
@Module({})
export class WorkerModule {
  static forRoot(options: Omit<CoreOptions, 'runBackground'>): DynamicModule {
    return { module: WorkerModule, imports: coreModules({ ...options, runBackground: true }) };
  }
}
