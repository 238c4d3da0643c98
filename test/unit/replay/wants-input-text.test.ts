import { describe, expect, it } from 'vitest';
import { cardFraud } from '../../../contracts/card-fraud.ts';
import { commandSide } from '../../../src/implementations/command-side.ts';
import { frameSide } from '../../../src/implementations/frame-side.ts';
import { httpSide } from '../../../src/implementations/http-side.ts';
import { loggedSide } from '../../../src/implementations/in-process.ts';
import type { Side } from '../../../src/implementations/side.ts';
import { wantsInputText } from '../../../src/replay/decode/decode-line.ts';

// Sides as the replay gets them, never started: deciding reads only what they are.
const frame = (): Side => frameSide({ command: ['python3', 'side.py'], contract: cardFraud, shape: 'entity' });
const command = (): Side => commandSide({ command: ['python3', 'side.py'], shape: 'entity' });
const http = (): Side => httpSide({ url: 'http://127.0.0.1:9/features', shape: 'record' });

describe('which replays keep each input as logged (the text a JSON side is sent verbatim)', () => {
  it('a command or HTTP side beside any other side: yes', () => {
    expect(wantsInputText({ training: command(), serving: loggedSide() })).toBe(true);
    expect(wantsInputText({ training: loggedSide(), serving: http() })).toBe(true);
    expect(wantsInputText({ training: frame(), serving: command() })).toBe(true);
  });

  it('frame sides (Arrow columns encoded from the input) and in-process sides only: no', () => {
    expect(wantsInputText({ training: frame(), serving: frame() })).toBe(false);
    expect(wantsInputText({ training: frame(), serving: loggedSide() })).toBe(false);
    expect(wantsInputText({ training: loggedSide(), serving: loggedSide() })).toBe(false);
  });
});
