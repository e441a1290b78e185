import { DoraMetricsQuery } from '@annals/contracts/queries/deployment-queries.dto';
import { ValidationFailed } from '../http/validation-failed.exception';
import { doraScopeOf } from './deployment-activity-filters';

const now = new Date('2026-03-31T12:00:00.000Z');
const query = (fields: Partial<DoraMetricsQuery>) => ({ service: 'shop', ...fields }) as DoraMetricsQuery;

describe('the DORA window', () => {
  it('defaults to production over the 30 days before now', () => {
    expect(doraScopeOf(query({}), now)).toEqual({
      service: 'shop',
      environment: 'production',
      workflowId: undefined,
      from: new Date('2026-03-01T12:00:00.000Z'),
      to: now,
    });
  });

  it('refuses an empty or reversed window, naming the field and what was expected', () => {
    const refused = (fields: Partial<DoraMetricsQuery>) => {
      try {
        doraScopeOf(query(fields), now);
      } catch (error) {
        return (error as ValidationFailed).errors;
      }
      throw new Error('accepted');
    };
    expect(refused({ from: '2026-03-02T00:00:00Z', to: '2026-03-02T00:00:00Z' })).toEqual([
      {
        field: 'to',
        code: 'field.too_small',
        message: 'to must be after from: the window is [from, to)',
        expected: 'after 2026-03-02T00:00:00.000Z',
        actual: '2026-03-02T00:00:00.000Z',
      },
    ]);
    expect(refused({ from: '2000-01-01T00:00:00Z' })).toEqual([
      expect.objectContaining({ field: 'from', code: 'field.too_small', actual: '2000-01-01T00:00:00.000Z' }),
    ]);
  });
});
