import { describe, expect, it } from 'vitest';
import { parseCliOptions } from './cli-options';

const names = ['school', 'school-scale', 'campus'];
const groups = { scale: ['school-scale', 'campus'] };

describe('parseCliOptions', () => {
  it('expands a group name into its scenarios, and a partial run is not a full one', () => {
    const options = parseCliOptions(['scale', '--servers=grimoire,hocuspocus', '--no-pages'], names, groups);
    expect(options.only).toEqual(['school-scale', 'campus']);
    expect(options.servers).toEqual(['grimoire', 'hocuspocus']);
    expect(options.full).toBe(false);
  });

  it('names the groups among the choices of an unknown scenario', () => {
    expect(() => parseCliOptions(['campuss'], names, groups)).toThrow(/choose from .*campus, pages, scale/);
  });
});
