import { Contender, ContenderName } from '../contender';

/**
 * Loads only the named contender's module: Emmett's driver changes pg's global type parsers as it
 * loads, so it must never share a process with the others.
 */
export async function openContender(name: ContenderName, url: string): Promise<Contender> {
  switch (name) {
    case 'annals':
      return (await import('./annals.contender')).AnnalsContender.open(url);
    case 'raw':
      return (await import('./raw.contender')).RawContender.open(url);
    case 'emmett':
      return (await import('./emmett.contender')).EmmettContender.open(url);
    default: {
      const unknown: never = name;
      throw new Error(`unknown contender ${String(unknown)}`);
    }
  }
}
