import { createServer, type AddressInfo, type Server } from 'node:net';

const LOOPBACK = '127.0.0.1';

/**
 * Whether nothing listens on host:port right now. Only "address in use" means taken: any other
 * failure to bind (no permission, no such address) is thrown as it is, since it is not about the port.
 */
export async function isPortFree(port: number, host = LOOPBACK): Promise<boolean> {
  try {
    await close(await listen(port, host));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') return false;
    throw error;
  }
}

/** A port that is free on host at the time of the call (the caller must still expect to lose a race for it). */
export async function findFreePort(host = LOOPBACK): Promise<number> {
  const server = await listen(0, host);
  const { port } = server.address() as AddressInfo;
  await close(server);
  return port;
}

function listen(port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => resolve(server));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
