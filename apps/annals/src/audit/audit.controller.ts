import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { VerificationReport, Verifier } from '@annals/event-store';
import { VerifyQuery } from './verify.query';

@ApiTags('audit')
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly verifier: Verifier) {}

  @Get('verify')
  @ApiOperation({
    summary: 'Recompute stream chains, the ledger chain and the seals over a range',
    description:
      'Answers 200 either way; `ok` says whether everything matched and `firstFailure` where it did not.',
  })
  verify(@Query() query: VerifyQuery): Promise<VerificationReport> {
    return this.verifier.verify({ from: query.from, to: query.to });
  }
}
