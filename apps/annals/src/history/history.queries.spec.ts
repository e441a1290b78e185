import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { fieldProblems } from '@annals/contracts';
import { HistoryQuery, StateQuery } from './history.queries';

/** As the global validation pipe checks a query string: strings in, every problem out. */
const problemsOf = async (type: new () => object, query: Record<string, string>) =>
  fieldProblems(
    await validate(plainToInstance(type, query), { whitelist: true, forbidNonWhitelisted: true }),
  ).map(({ field, code }) => `${field}:${code}`);

describe('StateQuery', () => {
  it('takes a time, a version, or neither', async () => {
    expect(await problemsOf(StateQuery, { asOf: '2025-03-01T09:30:00Z' })).toEqual([]);
    expect(await problemsOf(StateQuery, { version: '3' })).toEqual([]);
    expect(await problemsOf(StateQuery, {})).toEqual([]);
  });

  it('refuses a time and a version together', async () => {
    expect(await problemsOf(StateQuery, { asOf: '2025-03-01T09:30:00Z', version: '3' })).toEqual([
      'version:field.exclusive',
    ]);
  });

  it('refuses a time that is not ISO 8601 and a version below 1', async () => {
    expect(await problemsOf(StateQuery, { asOf: 'yesterday' })).toEqual(['asOf:field.bad_format']);
    expect(await problemsOf(StateQuery, { version: '0' })).toEqual(['version:field.too_small']);
  });
});

describe('HistoryQuery', () => {
  it('bounds the page', async () => {
    expect(await problemsOf(HistoryQuery, { fromVersion: '2', limit: '1000' })).toEqual([]);
    expect(await problemsOf(HistoryQuery, { fromVersion: '0', limit: '1001' })).toEqual([
      'fromVersion:field.too_small',
      'limit:field.too_large',
    ]);
  });
});
