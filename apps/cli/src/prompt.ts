import { PitrixError } from '@pitrix/errors';
import { createInterface } from 'node:readline';

/** True when stdin is a terminal a person can answer prompts at. */
export function stdinIsTty(): boolean {
  return process.stdin.isTTY === true;
}

/** Everything on stdin, up to its end. */
export async function readStdin(input: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** A secret piped on stdin: its one trailing newline (from `echo`) is not part of it. */
export async function readSecretFromStdin(what: string): Promise<string> {
  const secret = (await readStdin()).replace(/\r?\n$/, '');
  if (secret === '') throw new PitrixError('INPUT.INVALID', `expected the ${what} on stdin, found nothing`);
  return secret;
}

/** Asks a question on the terminal (the prompt goes to stderr) and returns the line typed. */
export async function promptLine(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  let answered = false;
  try {
    return await new Promise<string>((resolve, reject) => {
      rl.once('close', () => {
        if (!answered) reject(new PitrixError('INPUT.INVALID', 'cancelled'));
      });
      rl.once('SIGINT', () => rl.close());
      rl.question(question, (answer) => {
        answered = true;
        resolve(answer);
      });
    });
  } finally {
    rl.close();
  }
}

/** Asks for a secret on the terminal without echoing what is typed. */
export function promptHidden(question: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WritableStream = process.stderr): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    output.write(question);
    const wasRaw = input.isRaw;
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    let typed = '';
    const finish = (error?: Error) => {
      input.setRawMode(wasRaw);
      input.pause();
      input.removeListener('data', onData);
      output.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (data: string) => {
      for (const char of data) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new PitrixError('INPUT.INVALID', 'cancelled'));
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    input.on('data', onData);
  });
}

/** A secret from stdin when told or when stdin is not a terminal, else typed (twice when `confirm`). */
export async function readSecret(what: string, options: { fromStdin?: boolean; confirm?: boolean } = {}): Promise<string> {
  if (options.fromStdin || !stdinIsTty()) return readSecretFromStdin(what);
  const secret = await promptHidden(`${capitalise(what)}: `);
  if (secret === '') throw new PitrixError('INPUT.INVALID', `no ${what} given`);
  if (options.confirm && (await promptHidden(`${capitalise(what)} again: `)) !== secret) throw new PitrixError('INPUT.INVALID', `the two ${what}s differ`);
  return secret;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
