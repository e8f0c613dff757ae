import { describe, expect, it } from 'vitest';
import { parseArgs, stringFlag } from './args.js';

const flagsOf = (argv: string[]) => Object.fromEntries(parseArgs(argv).flags);

describe('parseArgs', () => {
  it('gives nothing for no arguments', () => {
    expect(parseArgs([])).toEqual({ positionals: [], flags: new Map() });
  });

  it('collects words without dashes as positionals, in order', () => {
    expect(parseArgs(['audit', 'verify']).positionals).toEqual(['audit', 'verify']);
  });

  it('reads --name value', () => {
    expect(flagsOf(['--code', '159'])).toEqual({ code: '159' });
  });

  it('reads --name=value, keeping any further = in the value', () => {
    expect(flagsOf(['--name=Gladsaxe Kommune', '--note=a=b'])).toEqual({ name: 'Gladsaxe Kommune', note: 'a=b' });
  });

  it('reads --name= as an empty value', () => {
    expect(flagsOf(['--profession='])).toEqual({ profession: '' });
  });

  it('reads a flag at the end as true', () => {
    expect(flagsOf(['setup', '--help'])).toEqual({ help: true });
  });

  it('reads a flag followed by another flag as true', () => {
    expect(flagsOf(['--help', '--code', '159'])).toEqual({ help: true, code: '159' });
  });

  it('takes a value that starts with a single dash', () => {
    expect(flagsOf(['--offset', '-5'])).toEqual({ offset: '-5' });
  });

  it('separates a command, its subcommand and its flags in any order', () => {
    const { positionals, flags } = parseArgs(['audit', '--municipality', '159', 'verify']);
    expect(positionals).toEqual(['audit', 'verify']);
    expect(flags.get('municipality')).toBe('159');
  });

  it('parses the setup command line from the help text', () => {
    const { positionals, flags } = parseArgs([
      'setup',
      '--code',
      '159',
      '--name',
      'Gladsaxe Kommune',
      '--admin-email',
      'a@kommune.dk',
      '--admin-name',
      'Ada Lovelace',
    ]);
    expect(positionals).toEqual(['setup']);
    expect(Object.fromEntries(flags)).toEqual({
      code: '159',
      name: 'Gladsaxe Kommune',
      'admin-email': 'a@kommune.dk',
      'admin-name': 'Ada Lovelace',
    });
  });

  it('lets the last of a repeated flag win', () => {
    expect(flagsOf(['--role', 'coordinator', '--role=manager'])).toEqual({ role: 'manager' });
  });
});

describe('stringFlag', () => {
  const { flags } = parseArgs(['--code', '159', '--help', '--profession=']);

  it('gives the value of a flag with a value', () => {
    expect(stringFlag(flags, 'code')).toBe('159');
    expect(stringFlag(flags, 'profession')).toBe('');
  });

  it('gives undefined for a flag given without a value', () => {
    expect(stringFlag(flags, 'help')).toBeUndefined();
  });

  it('gives undefined for a flag not given', () => {
    expect(stringFlag(flags, 'name')).toBeUndefined();
  });
});
