import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, UsageError } from '../../src/runner/args';
import type { Command, ExecCommand, TestCommand } from '../../src/runner/args';

function asTest(cmd: Command): TestCommand {
    assert.equal(cmd.command, 'test');
    return cmd as TestCommand;
}

function usageError(argv: string[]): string {
    try {
        parseArgs(argv);
    } catch (err) {
        assert.ok(err instanceof UsageError, `expected UsageError, got ${String(err)}`);
        return err.message;
    }
    assert.fail(`expected ${argv.join(' ')} to be rejected`);
}

describe('parseArgs: test', () => {
    it('takes defaults when only --source-dir is given', () => {
        const cmd = asTest(parseArgs(['test', '--source-dir', 'force-app']));
        assert.deepEqual(cmd, {
            command: 'test',
            sourceDirs: ['force-app'],
            classNames: [],
            tests: [],
            resultFormat: 'human',
            outputDir: null,
            codeCoverage: false,
            minCoverage: null,
            options: {}
        });
    });

    it('accepts repeated and comma-separated --source-dir, with = too', () => {
        const cmd = asTest(parseArgs(['test', '--source-dir', 'a', '--source-dir=b,c', '--source-dir', 'a']));
        assert.deepEqual(cmd.sourceDirs, ['a', 'b', 'c']);
    });

    it('keeps source dirs that differ only in case (paths are case-sensitive)', () => {
        assert.deepEqual(asTest(parseArgs(['test', '--source-dir', 'Src,src'])).sourceDirs, ['Src', 'src']);
    });

    it('accepts --class-names repeated, comma lists, -n and -n=', () => {
        const cmd = asTest(
            parseArgs([
                'test',
                '--source-dir',
                's',
                '--class-names',
                'A',
                '--class-names',
                'B, C',
                '-n',
                'D',
                '-n=E',
                '-nF'
            ])
        );
        assert.deepEqual(cmd.classNames, ['A', 'B', 'C', 'D', 'E', 'F']);
    });

    it('drops duplicate class names case-insensitively, keeping the first spelling', () => {
        const cmd = asTest(parseArgs(['test', '--source-dir', 's', '-n', 'FooTest,footest', '-n', 'FOOTEST']));
        assert.deepEqual(cmd.classNames, ['FooTest']);
    });

    it('accepts --tests and -t in every form', () => {
        const cmd = asTest(parseArgs(['test', '--source-dir', 's', '--tests', 'A.m1,B.m2', '-t', 'C.m3', '--tests=D']));
        assert.deepEqual(cmd.tests, ['A.m1', 'B.m2', 'C.m3', 'D']);
    });

    it('accepts every result format with -r and --result-format', () => {
        assert.equal(asTest(parseArgs(['test', '--source-dir', 's', '-r', 'json'])).resultFormat, 'json');
        assert.equal(
            asTest(parseArgs(['test', '--source-dir', 's', '--result-format', 'junit'])).resultFormat,
            'junit'
        );
        assert.equal(asTest(parseArgs(['test', '--source-dir', 's', '--result-format=human'])).resultFormat, 'human');
    });

    it('accepts -d and --output-dir', () => {
        assert.equal(asTest(parseArgs(['test', '--source-dir', 's', '-d', 'out'])).outputDir, 'out');
        assert.equal(asTest(parseArgs(['test', '--source-dir', 's', '--output-dir=out2'])).outputDir, 'out2');
    });

    it('parses the runtime options', () => {
        const cmd = asTest(
            parseArgs([
                'test',
                '--source-dir',
                's',
                '--statement-budget',
                '5000',
                '--time-budget-ms=200',
                '--time-zone',
                'America/Los_Angeles'
            ])
        );
        assert.deepEqual(cmd.options, { statementBudget: 5000, timeBudgetMs: 200, timeZone: 'America/Los_Angeles' });
    });
});

describe('parseArgs: exec and help', () => {
    it('parses exec with -f and --file', () => {
        const a = parseArgs(['exec', '--source-dir', 's', '-f', 'x.apex']) as ExecCommand;
        assert.deepEqual(a, {
            command: 'exec',
            sourceDirs: ['s'],
            file: 'x.apex',
            seedPlan: null,
            synthetic: null,
            options: {}
        });
        const b = parseArgs(['exec', '--source-dir', 's', '--file=y.apex', '--time-zone', 'UTC']) as ExecCommand;
        assert.equal(b.file, 'y.apex');
        assert.deepEqual(b.options, { timeZone: 'UTC' });
    });

    it('gives help for no arguments, --help, -h, help and a command with --help', () => {
        assert.deepEqual(parseArgs([]), { command: 'help', topic: null });
        assert.deepEqual(parseArgs(['--help']), { command: 'help', topic: null });
        assert.deepEqual(parseArgs(['-h']), { command: 'help', topic: null });
        assert.deepEqual(parseArgs(['help', 'exec']), { command: 'help', topic: 'exec' });
        assert.deepEqual(parseArgs(['test', '--help']), { command: 'help', topic: 'test' });
    });
});

describe('parseArgs: errors', () => {
    it('rejects an unknown command', () => {
        assert.match(usageError(['run']), /unknown command "run"/);
    });

    it('requires --source-dir', () => {
        assert.match(usageError(['test']), /missing required flag --source-dir/);
        assert.match(usageError(['exec', '-f', 'x.apex']), /missing required flag --source-dir/);
    });

    it('requires --file for exec', () => {
        assert.match(usageError(['exec', '--source-dir', 's']), /missing required flag --file/);
    });

    it('rejects unknown flags and stray arguments', () => {
        assert.match(usageError(['test', '--source-dir', 's', '--verbose']), /unknown flag "--verbose"/);
        assert.match(usageError(['test', '--source-dir', 's', 'extra']), /unexpected argument "extra"/);
    });

    it('rejects flags of the other command', () => {
        assert.match(
            usageError(['exec', '--source-dir', 's', '-f', 'x', '-n', 'A']),
            /--class-names does not apply to "exec"/
        );
        assert.match(usageError(['test', '--source-dir', 's', '-f', 'x']), /--file does not apply to "test"/);
    });

    it('rejects a flag without its value, including when the next token is a flag', () => {
        assert.match(usageError(['test', '--source-dir']), /--source-dir needs a value/);
        assert.match(usageError(['test', '--source-dir', 's', '-n', '--tests', 'A.b']), /--class-names needs a value/);
    });

    it('rejects --class-names together with --tests, as sf does', () => {
        assert.match(usageError(['test', '--source-dir', 's', '-n', 'A', '-t', 'B.c']), /cannot be used together/);
    });

    it('rejects an unknown result format', () => {
        assert.match(
            usageError(['test', '--source-dir', 's', '-r', 'tap']),
            /--result-format must be one of human, json, junit/
        );
    });

    it('rejects a single-value flag given twice', () => {
        assert.match(usageError(['test', '--source-dir', 's', '-r', 'json', '-r', 'human']), /only once/);
    });

    it('rejects bad budgets and time zones', () => {
        assert.match(usageError(['test', '--source-dir', 's', '--statement-budget', '0']), /positive integer, got "0"/);
        assert.match(usageError(['test', '--source-dir', 's', '--statement-budget', '1e3']), /positive integer/);
        assert.match(
            usageError(['test', '--source-dir', 's', '--time-budget-ms', '-5']),
            /needs a value|positive integer/
        );
        assert.match(usageError(['test', '--source-dir', 's', '--time-zone', 'Mars/Olympus']), /IANA time zone/);
    });

    it('rejects a value for --help', () => {
        assert.match(usageError(['test', '--help=yes']), /takes no value/);
    });
});

describe('parseArgs: site options', () => {
    it('reads --site-membership and a --sites file', () => {
        const dir = mkdtempSync(join(tmpdir(), 'local-org-args-'));
        const file = join(dir, 'sites.json');
        writeFileSync(file, '{"sites":[{"name":"Portal","members":["Customer Community User"]}]}');
        const cmd = asTest(parseArgs(['test', '--source-dir', 's', '--site-membership', 'recompute', '--sites', file]));
        assert.equal(cmd.options.siteMembership, 'recompute');
        assert.deepEqual(cmd.options.sites, [
            { name: 'Portal', urlPathPrefix: undefined, status: undefined, members: ['Customer Community User'] }
        ]);
        const exec = parseArgs(['exec', '--source-dir', 's', '-f', 'x.apex', '--site-membership=stale-rows-stay']);
        assert.equal((exec as ExecCommand).options.siteMembership, 'staleRowsStay');
    });

    it('rejects an unknown mode and a bad sites file, naming the file and entry', () => {
        assert.match(
            usageError(['test', '--source-dir', 's', '--site-membership', 'sometimes']),
            /--site-membership must be stale-rows-stay or recompute, got "sometimes"/
        );
        const dir = mkdtempSync(join(tmpdir(), 'local-org-args-'));
        const file = join(dir, 'bad.json');
        writeFileSync(file, '{"sites":[{"name":"Portal","members":"everyone"}]}');
        assert.match(
            usageError(['test', '--source-dir', 's', '--sites', file]),
            /--sites: .*bad\.json: sites\[0\]: "members" must be a list/
        );
        assert.match(
            usageError(['test', '--source-dir', 's', '--sites', join(dir, 'none.json')]),
            /none\.json: cannot be read/
        );
    });
});
