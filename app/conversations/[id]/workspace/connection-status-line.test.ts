import { describe, expect, test } from 'vitest';
import { connectionStatusLine } from './connection-status-line';
import type { ConnectionState } from './use-live-document';

const states: ConnectionState[] = ['connecting', 'connected', 'reconnecting', 'offline'];
const words = (line: { text: string; detail: string }) => `${line.text} ${line.detail}`;

describe('the connection status line', () => {
  test('a page closed for access says it is disconnected for good, never "Reconnecting" nor "keep typing"', () => {
    for (const state of states) {
      const line = connectionStatusLine({ state, closed: true, readOnlyDetail: 'Read-only.' });
      expect(line.state).toBe('closed');
      expect(words(line)).toContain('Disconnected');
      expect(words(line)).not.toMatch(/Reconnecting|Keep typing|saved as you type/i);
    }
  });

  test('a read-only page never says its changes are saved or kept, whatever the connection does', () => {
    for (const state of states) {
      const line = connectionStatusLine({ state, closed: false, readOnlyDetail: 'Read-only.' });
      expect(words(line), state).not.toMatch(/saved as you type|Keep typing/i);
    }
    expect(connectionStatusLine({ state: 'connected', closed: false, readOnlyDetail: 'Read-only.' }).detail).toBe('Read-only.');
    expect(connectionStatusLine({ state: 'offline', closed: false, readOnlyDetail: 'Read-only.' }).detail).toBe('Read-only.');
  });

  test('an editable page says typing is saved when connected, and kept while away', () => {
    expect(connectionStatusLine({ state: 'connected', closed: false }).detail).toBe('Changes are saved as you type.');
    expect(connectionStatusLine({ state: 'reconnecting', closed: false }).text).toBe('Reconnecting…');
    expect(connectionStatusLine({ state: 'offline', closed: false }).detail).toMatch(/^Keep typing/);
    expect(connectionStatusLine({ state: 'reconnecting', closed: false, waitingReason: 'Too many tabs.' }).detail).toBe('Too many tabs.');
  });
});
