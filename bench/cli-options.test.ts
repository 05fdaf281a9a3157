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

  it('runs each scenario three times unless told, and a run of another count is not a full one', () => {
    expect(parseCliOptions([], names, groups)).toMatchObject({ runs: 3, full: true });
    expect(parseCliOptions(['--runs=1'], names, groups)).toMatchObject({ runs: 1, full: false });
  });

  it('refuses a run count that is not a whole number from 1 to 9', () => {
    for (const bad of ['--runs=0', '--runs=10', '--runs=1.5', '--runs=', '--runs=three']) {
      expect(() => parseCliOptions([bad], names, groups)).toThrow(/--runs takes a whole number from 1 to 9/);
    }
  });
});
