/**
 * A TCP proxy in user space that delays every chunk by half the round trip in each direction (kernel netem is not
 * available here): the bench's stand-in for a store in the cloud. Order within a connection is kept.
 */
import net, { type AddressInfo } from 'node:net';

export interface LatencyProxy {
  url: string;
  close(): Promise<void>;
}

export async function startLatencyProxy(target: string, roundTripMs: number): Promise<LatencyProxy> {
  const upstream = new URL(target);
  const oneWay = roundTripMs / 2;
  const sockets = new Set<net.Socket>();
  const delayed = (from: net.Socket, to: net.Socket) => {
    // Each chunk leaves `oneWay` ms after it arrived; a chain keeps them in order.
    let last = Promise.resolve();
    from.on('data', (chunk: Buffer) => {
      const due = performance.now() + oneWay;
      last = last.then(
        () =>
          new Promise<void>((resolve) =>
            setTimeout(
              () => {
                if (!to.destroyed) to.write(chunk);
                resolve();
              },
              Math.max(0, due - performance.now()),
            ),
          ),
      );
    });
    from.on('end', () => void last.then(() => to.end()));
  };
  const server = net.createServer((client) => {
    const server = net.connect(Number(upstream.port), upstream.hostname);
    for (const s of [client, server]) {
      sockets.add(s);
      s.setNoDelay(true);
      s.on('error', () => {
        client.destroy();
        server.destroy();
      });
      s.on('close', () => sockets.delete(s));
    }
    delayed(client, server);
    delayed(server, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
