// The servers the tests talk to (see clients/node/check.sh), and a way to make the shedding one
// busy.
import * as grpc from '@grpc/grpc-js';
import { connect, GazetteClient } from '@gazette/client';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/** Default gazetteer, edits on (journal), admin token TOKEN. */
export const ADDR = env('GAZETTE_ADDR');
export const TOKEN = env('GAZETTE_ADMIN_TOKEN');
/** Admits one extractor RPC at a time and sheds the others (RESOURCE_EXHAUSTED + RetryInfo). */
export const SHED_ADDR = env('GAZETTE_SHED_ADDR');

/** Holds the shedding server's one permit with an open stream until `release()`. */
export async function busy(): Promise<{ release: () => Promise<void> }> {
  const holder: GazetteClient = connect(SHED_ADDR, { retry: { maxAttempts: 1 } });
  const stream = holder.raw.ExtractStream();
  stream.write({ text: 'Aleppo' });
  await new Promise((resolve, reject) => {
    stream.once('data', resolve);
    stream.once('error', reject);
  });
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      const ended = new Promise((resolve) => stream.once('end', resolve));
      stream.resume();
      stream.end();
      await ended; // the stream is over: the permit is free again
      holder.close();
    },
  };
}

export function code(e: unknown): grpc.status | undefined {
  return (e as { code?: grpc.status }).code;
}
