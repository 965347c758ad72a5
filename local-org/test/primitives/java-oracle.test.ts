/**
 * Differential tests against OpenJDK (java.math.BigDecimal, java.util.regex, SimpleDateFormat, GregorianCalendar): Apex runs on the
 * JVM, so the JDK is the oracle for these Java-defined behaviours. Skipped when javac is not installed.
 * The Java drivers live in ./oracle; cases are generated from a fixed seed so runs are reproducible.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RoundingMode } from '../../src/stdlib/primitives/decimal';
import { ApexDecimal } from '../../src/stdlib/primitives/decimal';
import {
    JavaMatcher,
    UnsupportedRegexError,
    compileJava,
    javaReplace,
    javaSplit
} from '../../src/stdlib/primitives/regex';
import { formatJava } from '../../src/stdlib/primitives/datetime';
import { instantOf } from '../../src/stdlib/primitives/zones';

const hasJava = spawnSync('javac', ['-version']).status === 0;

function lcg(seed: number): () => number {
    return () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
    };
}

function runJava(cls: string, input: string): string[] {
    const dir = mkdtempSync(join(tmpdir(), 'apex-oracle-'));
    copyFileSync(join(__dirname, 'oracle', `${cls}.java`), join(dir, `${cls}.java`));
    execFileSync('javac', [`${cls}.java`], { cwd: dir });
    return execFileSync('java', ['-Dfile.encoding=UTF-8', cls], { cwd: dir, input, maxBuffer: 64 << 20 })
        .toString('utf8')
        .trim()
        .split('\n');
}

test('Decimal arithmetic matches java.math.BigDecimal', { skip: !hasJava && 'javac not installed' }, () => {
    const rnd = lcg(12345);
    const dec = (): string => {
        let s = '';
        const n = Math.floor(rnd() * 25) + 1;
        for (let i = 0; i < n; i++) s += Math.floor(rnd() * 10);
        const sc = Math.floor(rnd() * 12) - 2;
        s = (rnd() < 0.5 ? '-' : '') + s.replace(/^0+(?=\d)/, '');
        if (sc > 0) {
            const neg = s.startsWith('-');
            const d = (neg ? s.slice(1) : s).padStart(sc + 1, '0');
            return (neg ? '-' : '') + d.slice(0, d.length - sc) + '.' + d.slice(d.length - sc);
        }
        return sc < 0 ? `${s}E${-sc}` : s;
    };
    const lines: string[] = [];
    for (let i = 0; i < 1500; i++) lines.push(`D ${dec()} ${dec()} ${Math.floor(rnd() * 8) - 1}`);
    const expected = runJava('Decimals', lines.join('\n') + '\n');
    const modes: RoundingMode[] = ['CEILING', 'DOWN', 'FLOOR', 'HALF_DOWN', 'HALF_EVEN', 'HALF_UP', 'UP'];
    lines.forEach((line, i) => {
        const [, a, b, scText] = line.split(' ');
        const x = ApexDecimal.parse(a);
        const y = ApexDecimal.parse(b);
        const sc = Number(scText);
        const parts = [
            x.add(y),
            x.subtract(y),
            x.multiply(y),
            x.toPlainString(),
            x.stripTrailingZeros(),
            x.precision(),
            x.hashCode(),
            x.intValue(),
            x.longValue(),
            x.compareTo(y)
        ].map(String);
        for (const m of modes) parts.push(String(x.setScale(sc, m)));
        if (!y.isZero()) for (const m of modes) parts.push(String(x.divideWithScale(y, sc, m)));
        assert.equal(parts.join('|'), expected[i], line);
    });
});

test(
    'split/replaceAll/replaceFirst/matches/find match java.util.regex',
    { skip: !hasJava && 'javac not installed' },
    () => {
        const rnd = lcg(777);
        const patterns = [
            ',',
            '\\s+',
            '\\s*,\\s*',
            'a*',
            'b?',
            '',
            '\\.',
            '[,;]',
            '(a)(b)?',
            '^a',
            'a$',
            '\\d+',
            '[^a-z]',
            '(?i)A',
            'x|',
            '\\b',
            '(?m)^',
            '$',
            '.',
            '(?s).',
            '[\\s\\S]',
            '\\W+',
            'a{2,}',
            'a+?',
            '(?:ab)+',
            '\\p{Upper}',
            '[\\p{Punct}]',
            '(?<=a)b',
            'a(?=b)',
            '(\\w)\\1',
            '\\Qa.b\\E',
            '\\t',
            '\\x41',
            '\\u00e9',
            '[a-c&&b]',
            '[a[bc]]',
            '[a-]',
            '[-a]',
            '[\\p{Alpha}&&[^aeiou]]',
            '[^\\S ]',
            '[^a[b]]',
            '[a-z&&[^b]&&[^c]]',
            '[.,]+',
            '[]a]',
            '(?i)[a-c]+',
            '(?i)É',
            '(?i)[Y-b]',
            '(?i)\\p{Upper}+',
            '(?<n>a)\\k<n>'
        ];
        const alphabet = ['a', 'b', 'A', 'B', 'Y', 'z', 'É', ',', ' ', '.', ';', '1', '2', '~t', '~n', 'é', 'x'];
        const lines: string[] = [];
        for (let i = 0; i < 2000; i++) {
            const p = patterns[Math.floor(rnd() * patterns.length)];
            let s = '';
            const n = Math.floor(rnd() * 10);
            for (let j = 0; j < n; j++) s += alphabet[Math.floor(rnd() * alphabet.length)];
            lines.push(`${p}\t${s}\t${[0, 0, 0, -1, 1, 2, 3][Math.floor(rnd() * 7)]}`);
        }
        const expected = runJava('Regexes', lines.join('\n') + '\n');
        lines.forEach((line, i) => {
            const [re, raw, limText] = line.split('\t');
            const input = raw.replace(/~n/g, '\n').replace(/~t/g, '\t');
            let got: string;
            try {
                const parts = javaSplit(input, re, Number(limText));
                got =
                    parts.length +
                    parts.map((x) => `[${x}]`).join('') +
                    '|' +
                    javaReplace(input, re, '<$0>', false) +
                    '|' +
                    javaReplace(input, re, '#', true) +
                    '|' +
                    compileJava(re).matches(input);
                const m = new JavaMatcher(compileJava(re), input);
                while (m.find()) got += `(${m.start()},${m.end()})`;
            } catch (e) {
                if (e instanceof UnsupportedRegexError) return;
                throw e;
            }
            assert.equal(got.replace(/\n/g, '~n'), expected[i], JSON.stringify(line));
        });
    }
);

test(
    'SimpleDateFormat output and GregorianCalendar wall-time resolution match the JDK',
    { skip: !hasJava && 'javac not installed' },
    () => {
        const rnd = lcg(4242);
        const zones = [
            'America/Los_Angeles',
            'America/New_York',
            'America/Chicago',
            'GMT',
            'UTC',
            'Asia/Tokyo',
            'Europe/London',
            'Australia/Sydney',
            'Asia/Kolkata'
        ];
        const pattern = 'yyyy-MM-dd HH:mm:ss.SSS Z XXX a h k K D E EEEE MMM MMMM yy M d';
        const lines: string[] = [];
        for (let i = 0; i < 600; i++) {
            const zone = zones[Math.floor(rnd() * zones.length)];
            const ms = Math.floor((rnd() * 2 - 0.5) * 2e12);
            lines.push(`F ${ms} ${zone} ${pattern}`);
            // Wall times clustered around DST changes (March/April and October/November, 00:00-03:59).
            const y = 1990 + Math.floor(rnd() * 45);
            const m = [3, 4, 10, 11][Math.floor(rnd() * 4)];
            const d = 1 + Math.floor(rnd() * 28);
            lines.push(
                `W ${zone} ${y} ${m} ${d} ${Math.floor(rnd() * 4)} ${Math.floor(rnd() * 60)} ${Math.floor(rnd() * 60)}`
            );
        }
        const expected = runJava('Dates', lines.join('\n') + '\n');
        lines.forEach((line, i) => {
            const p = line.split(' ');
            if (p[0] === 'F') {
                assert.equal(formatJava(Number(p[1]), line.split(' ').slice(3).join(' '), p[2]), expected[i], line);
            } else {
                const [y, m, d, h, mi, s] = p.slice(2).map(Number);
                const got = instantOf(
                    { year: y, month: m, day: d, hour: h, minute: mi, second: s, millisecond: 0 },
                    p[1]
                );
                assert.equal(String(got), expected[i], line);
            }
        });
    }
);
