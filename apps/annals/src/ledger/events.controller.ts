import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventStore, LedgerPage } from '@annals/event-store';
import { ReadLedgerQuery } from './read-ledger.query';

@ApiTags('ledger')
@Controller('v1/events')
export class EventsController {
  constructor(private readonly store: EventStore) {}

  @Get()
  @ApiOperation({
    summary: 'The ledger: every event in commit order, gap-free',
    description: 'Continue with `after=lastPosition`; lastPosition covers filtered-out events too.',
  })
  read(@Query() query: ReadLedgerQuery): Promise<LedgerPage> {
    return this.store.readLedger(query);
  }
}
