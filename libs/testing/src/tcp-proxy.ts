import { once } from 'node:events';
import { createConnection, createServer, Server, Socket } from 'node:net';

/** How a connection's answers (the target's bytes) reach its client; a fault test may alter or cut them. */
export type ProxyAnswer = (upstream: Socket, client: Socket) => void;

const passAnswer: ProxyAnswer = (upstream, client) => void upstream.pipe(client);

/**
 * A loopback TCP proxy for fault tests: put it between a server and PostgreSQL, then `cut()` to drop
 * every connection and refuse new ones (the database "goes away"), and `restore()` to let them in again.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private open = true;
  private readonly server: Server;

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
    private readonly answer: ProxyAnswer,
  ) {
    this.server = createServer((client) => this.forward(client));
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  static async start(targetHost: string, targetPort: number, answer: ProxyAnswer = passAnswer): Promise<TcpProxy> {
    const proxy = new TcpProxy(targetHost, targetPort, answer);
    proxy.server.listen(0, '127.0.0.1');
    await once(proxy.server, 'listening');
    return proxy;
  }

  private forward(client: Socket): void {
    if (!this.open) {
      client.destroy();
      return;
    }
    const upstream = createConnection({ host: this.targetHost, port: this.targetPort });
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream);
    this.answer(upstream, client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  isOpen(): boolean {
    return this.open;
  }

  /** Drops every open connection and refuses new ones. */
  cut(): void {
    this.open = false;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.open = true;
  }

  async close(): Promise<void> {
    this.cut();
    this.server.close();
    await once(this.server, 'close');
  }
}
