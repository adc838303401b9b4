import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export interface ReceivedEmail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

/** A real SMTP server on loopback that keeps what it receives. */
export class TestSmtpServer {
  readonly received: ReceivedEmail[] = [];
  /** While true, every message is refused with a temporary error (421), as a busy or failing server does. */
  refuse = false;
  /** How many messages were refused. */
  refused = 0;
  private server?: SMTPServer;

  async start(port = 0): Promise<number> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onMailFrom: (_address, _session, callback) => {
        if (!this.refuse) return callback();
        this.refused++;
        callback(Object.assign(new Error('Service not available, try again later'), { responseCode: 421 }));
      },
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.received.push({
              to: [mail.to].flat().flatMap((a) => (a ? a.value.map((v) => v.address ?? '') : [])),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
              messageId: mail.messageId ?? '',
            });
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return (this.server.server.address() as { port: number }).port;
  }

  async stop(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  /** The latest email to `address` (received after the first `after` emails), waiting for it to arrive. */
  async waitFor(address: string, timeoutMs = 10_000, after = 0): Promise<ReceivedEmail> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.slice(after).reverse().find((m) => m.to.map((a) => a.toLowerCase()).includes(address.toLowerCase()));
      if (found) return found;
      if (Date.now() > until) throw new Error(`No email to ${address} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
