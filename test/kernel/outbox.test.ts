/**
 * The iopub outbox under a burst: zeromq.js refuses a send while it is still writing a delayed one
 * (it delays writes after a run of synchronous ones), so a burst of messages (an explorer opening
 * hundreds of widget comms) must all arrive, in the order they were sent.
 */
import { describe, expect, it } from 'vitest';
import * as zmq from 'zeromq';
import { Outbox } from '../../dist/kernel/outbox';

describe('Outbox', () => {
  it('delivers a burst of messages on a PUB socket, all of them, in order', async () => {
    // High-water marks off: a PUB socket drops what passes them, which is not the outbox's doing.
    const pub = new zmq.Publisher({ sendHighWaterMark: 0 });
    await pub.bind('tcp://127.0.0.1:*');
    const sub = new zmq.Subscriber({ receiveHighWaterMark: 0 });
    sub.connect(pub.lastEndpoint!);
    sub.subscribe();
    const errors: unknown[] = [];
    const outbox = new Outbox(pub, (error) => errors.push(error), true);
    // The subscription takes a moment to reach the publisher.
    const greeted = sub.receive().then(() => true);
    for (let tries = 0; tries < 100; tries++) {
      await outbox.send([Buffer.from('hello')]);
      if (await Promise.race([greeted, new Promise((r) => setTimeout(() => r(false), 20))])) break;
    }
    const count = 5000;
    const sends: Promise<void>[] = [];
    for (let i = 0; i < count; i++) sends.push(outbox.send([Buffer.from(String(i))]));
    const received: number[] = [];
    while (received.length < count) {
      const [frame] = await sub.receive();
      const text = frame.toString();
      if (text !== 'hello') received.push(Number(text));
    }
    await Promise.all(sends);
    expect(errors).toEqual([]);
    expect(received).toEqual(Array.from({ length: count }, (_, i) => i));
    sub.close();
    pub.close();
  });
});
