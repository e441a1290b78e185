import { loadAnnalsProtos } from '@annals/contracts/proto/annals-protos';
import { GRPC_PERMISSIONS, permissionOf } from './grpc-permissions';

describe('GRPC_PERMISSIONS', () => {
  const definition = loadAnnalsProtos();
  const methods = Object.entries(definition)
    .filter(([, value]) => !('format' in value))
    .flatMap(([service, value]) => Object.keys(value).map((method) => `${service}/${method}`));

  it('names a permission for every method of every annals.v1 service, and nothing else', () => {
    expect(methods.length).toBeGreaterThan(5);
    expect(Object.keys(GRPC_PERMISSIONS).sort()).toEqual([...methods].sort());
  });

  it('refuses a method without a declared permission', () => {
    expect(permissionOf('annals.v1.CommandService', 'Execute')).toBe('write');
    expect(() => permissionOf('annals.v1.CommandService', 'Drop')).toThrow(/No permission/);
  });
});
