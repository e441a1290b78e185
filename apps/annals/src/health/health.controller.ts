import { Controller, Get, Injectable, Optional } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { sql } from 'kysely';
import { AnnalsRuntime } from '@annals/platform';
import { EventStore } from '@annals/event-store';
import { SequencerHost } from '@annals/event-store/nest/event-store.module';
import { MessagingHost } from '@annals/messaging/nest/messaging.module';

@Injectable()
export class StoreHealth {
  constructor(
    private readonly runtime: AnnalsRuntime,
    private readonly store: EventStore,
    private readonly sequencer: SequencerHost,
    private readonly indicators: HealthIndicatorService,
    @Optional() private readonly messaging?: MessagingHost,
  ) {}

  async database() {
    const indicator = this.indicators.check('database');
    try {
      await sql`select 1`.execute(this.runtime.db);
      return indicator.up({ embedded: this.runtime.embeddedDatabase });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }

  /** Up while the ledger is reachable; reports lag and the oldest open transaction, which holds it back. */
  async ledger() {
    const indicator = this.indicators.check('ledger');
    try {
      const stats = await this.store.ledgerStats();
      return indicator.up({
        ...stats,
        sequencer: this.sequencer.sequencer?.status() ?? 'not in this process',
      });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }

  /** Checked only when Kafka is configured: the broker connection, the relay's and the ingest's lag. */
  get kafkaConfigured(): boolean {
    return this.messaging !== undefined;
  }

  async kafka() {
    const indicator = this.indicators.check('kafka');
    const status = await this.messaging!.status();
    return status.broker.connected ? indicator.up({ ...status }) : indicator.down({ ...status });
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly store: StoreHealth,
  ) {}

  /** The process answers: nothing else is checked, so a slow database never restarts a healthy process. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.store.database(),
      () => this.store.ledger(),
      ...(this.store.kafkaConfigured ? [() => this.store.kafka()] : []),
    ]);
  }
}
