import net, { type AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { MicrosipConnector } from '../../electron/erp/microsip/microsip-connector';
import {
  LegacyAuthRefusedError,
  handshakeIsLegacy,
  nextPlugin,
  pluginTheServerWants,
} from '../../electron/erp/microsip/firebird-auth-plugin';

/**
 * Legacy_Auth is refused unless the connection allows it. Two stand-in Firebird listeners answer the handshake the
 * way an old server does and record every byte the client sends: a Firebird 3 configured with only Legacy_Auth
 * (op_cond_accept naming Legacy_Auth), a Firebird 2.5 (op_accept with protocol 12, no plugins) and a Firebird 4/5
 * that asks for Legacy_Auth in the middle of an Srp exchange. Neither the
 * password nor its Legacy_Auth hash may reach them unless *Permitir autenticación antigua* is ticked.
 */
const PASSWORD = 'Contraseña-Firebird-7';
// The driver's own DES crypt, as the oracle of what Legacy_Auth would put on the wire.
const unixCrypt = createRequire(import.meta.url)('node-firebird/lib/unix-crypt') as {
  crypt: (pw: string, salt: string) => string;
};
const LEGACY_HASH = unixCrypt.crypt(PASSWORD, '9z').substring(2);

const OP_ACCEPT = 3;
const OP_COND_ACCEPT = 98;
const PROTOCOL = (n: number) => 0x8000 | n;

const int = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const xdrString = (s: string) => {
  const bytes = Buffer.from(s, 'latin1');
  return Buffer.concat([int(bytes.length), bytes, Buffer.alloc((4 - (bytes.length % 4)) % 4)]);
};

type Answer = 'legacy-only-fb3' | 'fb25' | 'chained-fb4';
const OP_CONT_AUTH = 92;
/** What the stand-in sends back to each packet of the client, in turn. */
const answers: Record<Answer, Buffer[]> = {
  'legacy-only-fb3': [
    Buffer.concat([
      int(OP_COND_ACCEPT),
      int(PROTOCOL(13)),
      int(1),
      int(5),
      xdrString(''), // no auth data
      xdrString('Legacy_Auth'),
      int(0), // not authenticated yet
      xdrString(''), // no wire-crypt keys
    ]),
  ],
  fb25: [Buffer.concat([int(OP_ACCEPT), int(PROTOCOL(12)), int(1), int(5)])],
  // Firebird 4/5 with "AuthServer = Srp256, Legacy_Auth": it takes the Srp exchange, then asks for Legacy_Auth.
  'chained-fb4': [
    Buffer.concat([
      int(OP_COND_ACCEPT),
      int(PROTOCOL(16)),
      int(1),
      int(5),
      xdrString(''), // no server keys yet: the client sends its Srp public key
      xdrString('Srp256'),
      int(0),
      xdrString(''),
    ]),
    Buffer.concat([int(OP_CONT_AUTH), xdrString(''), xdrString('Legacy_Auth'), xdrString(''), xdrString('')]),
  ],
};

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

/** Answers the first packet of each connection with `answer`, keeps everything the client sends. */
async function oldFirebird(answer: Answer) {
  const chunks: Buffer[] = [];
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    connections++;
    sockets.add(s);
    let turn = 0;
    s.on('data', (c: Buffer) => {
      chunks.push(c);
      const reply = answers[answer][turn++];
      if (reply) s.write(reply);
    });
    s.on('error', () => undefined);
    setTimeout(() => s.destroy(), 1_500);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  });
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    bytes: () => Buffer.concat(chunks).toString('latin1'),
  };
}

const connector = (port: number, allowLegacyAuth?: boolean) =>
  new MicrosipConnector(
    { kind: 'microsip', host: '127.0.0.1', port, folder: '/srv/microsip', user: 'SYSDBA', allowLegacyAuth },
    PASSWORD,
    { attachMs: 3_000, queryMs: 3_000, detachMs: 1_000 },
  );

describe('Firebird authentication: Legacy_Auth only when the connection allows it', () => {
  it.each<Answer>(['legacy-only-fb3', 'fb25', 'chained-fb4'])(
    '%s: refused with a Spanish reason; neither the password nor its hash is sent',
    async (answer) => {
      const server = await oldFirebird(answer);
      const result = await connector(server.port).testConnection();
      expect(result.ok).toBe(false);
      expect(result.message).toMatch(/solo acepta la autenticación antigua \(Legacy_Auth\)/);
      expect(result.hints.join(' ')).toContain('Permitir autenticación antigua (Legacy_Auth)');
      expect(server.connections()).toBeGreaterThan(0);
      const sent = server.bytes();
      expect(sent).toContain('SYSDBA'); // the stand-in did see the handshake
      expect(sent).not.toContain(LEGACY_HASH);
      expect(sent).not.toContain(PASSWORD);
    },
  );

  it.each<Answer>(['legacy-only-fb3', 'fb25', 'chained-fb4'])(
    '%s with «Permitir autenticación antigua» ticked: the client goes on with Legacy_Auth',
    async (answer) => {
      const server = await oldFirebird(answer);
      await connector(server.port, true).testConnection();
      expect(server.bytes()).toContain(LEGACY_HASH);
    },
  );

  it('follows the server only to an Srp plugin, or to Legacy_Auth when allowed', () => {
    expect(pluginTheServerWants(new Error("Server don't accept plugin : Srp256, but support : Srp"))).toBe('Srp');
    expect(pluginTheServerWants(new Error('I/O error for file'))).toBeNull();
    expect(nextPlugin('Srp256', 'Srp', false)).toBe('Srp');
    expect(nextPlugin('Srp256', 'Srp256', false)).toBeNull();
    expect(nextPlugin('Srp256', 'Win_Sspi', true)).toBeNull();
    expect(() => nextPlugin('Srp256', 'Legacy_Auth', false)).toThrow(LegacyAuthRefusedError);
    expect(nextPlugin('Srp256', 'Legacy_Auth', true)).toBe('Legacy_Auth');
    expect(handshakeIsLegacy({ accept: { protocolVersion: PROTOCOL(13), pluginName: 'Srp' } })).toBe(false);
    expect(handshakeIsLegacy({ accept: { protocolVersion: PROTOCOL(12) } })).toBe(true);
    expect(handshakeIsLegacy({ accept: { protocolVersion: PROTOCOL(16), pluginName: 'Legacy_Auth' } })).toBe(true);
  });
});
