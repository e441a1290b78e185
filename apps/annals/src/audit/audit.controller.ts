import { Readable } from 'node:stream';
import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  BUNDLE_MEDIA_TYPE,
  BundleExporter,
  BundlePlan,
  BundleRangeError,
  VerificationReport,
  Verifier,
} from '@annals/event-store';
import { ApiProblem } from '../http/api-problem.exception';
import { VerifyQuery } from './verify.query';

@ApiTags('audit')
@Controller('v1/audit')
export class AuditController {
  constructor(
    private readonly verifier: Verifier,
    private readonly exporter: BundleExporter,
  ) {}

  @Get('verify')
  @ApiOperation({
    summary: 'Recompute stream chains, the ledger chain and the seals over a range',
    description:
      'Answers 200 either way; `ok` says whether everything matched and `firstFailure` where it did not.',
  })
  verify(@Query() query: VerifyQuery): Promise<VerificationReport> {
    return this.verifier.verify({ from: query.from, to: query.to });
  }

  @Get('export')
  @ApiOperation({
    operationId: 'exportAuditBundle',
    summary: 'A range of the ledger with its chain links and seals, as an offline-verifiable NDJSON bundle',
    description:
      'The format is docs/audit-bundle.md; `annals audit verify-bundle` checks it with no database. `to` is ' +
      'moved up to the end of the seal that covers it. The range is checked before the first byte (400 ' +
      'audit.range_invalid); a failure after that cuts the body short, which verification reports as truncated.',
  })
  @ApiProduces(BUNDLE_MEDIA_TYPE)
  async export(@Query() query: VerifyQuery): Promise<StreamableFile> {
    const plan = await this.planExport(query);
    return new StreamableFile(Readable.from(this.exporter.lines(plan)), {
      type: BUNDLE_MEDIA_TYPE,
      disposition: `attachment; filename="annals-audit-${plan.from}-${plan.to}.ndjson"`,
    });
  }

  private async planExport(query: VerifyQuery): Promise<BundlePlan> {
    try {
      return await this.exporter.plan({ from: query.from, to: query.to });
    } catch (error) {
      if (!(error instanceof BundleRangeError)) throw error;
      throw new ApiProblem(400, error.code, error.message, {
        errors: [
          {
            field: error.field,
            code: error.code,
            message: error.message,
            expected: error.expected,
            actual: error.actual,
          },
        ],
      });
    }
  }
}
