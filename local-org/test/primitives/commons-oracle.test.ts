/**
 * Differential test of the String methods that the Apex docs define by Apache Commons behaviour, against the
 * Commons Lang 3 / Commons Text jars when they are present on the machine (set COMMONS_LANG3_JAR and
 * COMMONS_TEXT_JAR, or rely on the default paths below); skipped otherwise.
 * strip/stripEnd/stripStart are computed by the Java side but not compared: Apex's String has no such methods.
 * Known, deliberate difference: unescapeCsv follows the Apex doc (quotes kept unless the content has , " CR LF),
 * which is Commons Lang 3's behaviour, while Commons Text 1.10 always strips them — those cases are not compared.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuiltinHost } from '../../src/stdlib/builtin';
import { UnknownBehaviourError } from '../../src/stdlib/primitives/numbers';
import { STRING_INSTANCE_METHODS } from '../../src/stdlib/primitives/strings';

const lang3 = process.env.COMMONS_LANG3_JAR ?? '/usr/share/java/commons-lang3.jar';
const text = process.env.COMMONS_TEXT_JAR ?? '/usr/share/java/commons-text.jar';
const available = spawnSync('javac', ['-version']).status === 0 && existsSync(lang3) && existsSync(text);

const host = {
    newList: (_t: string, items: unknown[]) => items,
    items: (x: unknown) => x as unknown[],
    stringOf: String,
    timeZone: () => 'GMT',
    nowMs: () => 0
} as BuiltinHost;

function call(self: string, name: string, ...args: unknown[]): string {
    const m = STRING_INSTANCE_METHODS.find((x) => x.name === name && x.params.length === args.length);
    assert.ok(m, name);
    try {
        const r = m.impl(self, args, host);
        if (r === null) return '<null>';
        if (Array.isArray(r)) return '[' + r.join(', ') + ']';
        return String(r);
    } catch (e) {
        return e instanceof UnknownBehaviourError ? 'LOUD' : 'ERR';
    }
}

test(
    'String methods match Commons Lang 3 / Commons Text',
    { skip: !available && 'javac or Commons jars not available' },
    () => {
        let seed = 31;
        const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
        const alphabet = [
            'a',
            'b',
            'A',
            'B',
            ' ',
            '~t',
            '~n',
            ',',
            '"',
            'é',
            '1',
            '2',
            '.',
            'x',
            'X',
            '&',
            '<',
            '&amp;',
            '&lt;',
            '&#65;',
            'fooBar',
            'ABc',
            '/',
            "'",
            '\\',
            '\\n',
            '\\u00e9',
            '\\101',
            '&euro;',
            '€'
        ];
        const str = (k: number) => {
            let s = '';
            const n = Math.floor(rnd() * k);
            for (let j = 0; j < n; j++) s += alphabet[Math.floor(rnd() * alphabet.length)];
            return s;
        };
        const lines: string[] = [];
        for (let i = 0; i < 1500; i++)
            lines.push([str(8), str(3), Math.floor(rnd() * 14) - 2, Math.floor(rnd() * 12) - 2].join('\t'));

        const dir = mkdtempSync(join(tmpdir(), 'commons-oracle-'));
        copyFileSync(join(__dirname, 'oracle', 'CommonsStrings.java'), join(dir, 'CommonsStrings.java'));
        const cp = `${lang3}:${text}`;
        execFileSync('javac', ['-nowarn', '-cp', cp, 'CommonsStrings.java'], {
            cwd: dir,
            stdio: ['ignore', 'ignore', 'ignore']
        });
        const expected = execFileSync('java', ['-Dfile.encoding=UTF-8', '-cp', `${cp}:.`, 'CommonsStrings'], {
            cwd: dir,
            input: lines.join('\n') + '\n',
            maxBuffer: 64 << 20
        })
            .toString('utf8')
            .split('\n');

        lines.forEach((line, i) => {
            const p = line.split('\t');
            const s = p[0].replace(/~n/g, '\n').replace(/~t/g, '\t');
            const t = p[1].replace(/~n/g, '\n').replace(/~t/g, '\t');
            const n = Number(p[2]);
            const m = Number(p[3]);
            const got = [
                call(s, 'abbreviate', n),
                call(s, 'abbreviate', n, m),
                call(s, 'capitalize'),
                call(s, 'center', n),
                call(s, 'center', n, t),
                call(s, 'countMatches', t),
                call(s, 'deleteWhitespace'),
                call(s, 'difference', t),
                call(s, 'indexOfAny', t),
                call(s, 'indexOfIgnoreCase', t),
                call(s, 'indexOfIgnoreCase', t, m),
                call(s, 'isAllLowerCase'),
                call(s, 'isAllUpperCase'),
                call(s, 'isAlpha'),
                call(s, 'isAlphaSpace'),
                call(s, 'isAlphanumeric'),
                call(s, 'isNumeric'),
                call(s, 'isWhitespace'),
                call(s, 'isAsciiPrintable'),
                call(s, 'leftPad', n, t),
                call(s, 'rightPad', n, t),
                call(s, 'mid', m, n),
                call(s, 'left', n),
                call(s, 'right', n),
                call(s, 'normalizeSpace'),
                call(s, 'remove', t),
                call(s, 'removeEnd', t),
                call(s, 'removeEndIgnoreCase', t),
                call(s, 'removeStart', t),
                call(s, 'removeStartIgnoreCase', t),
                call(s, 'repeat', t, m),
                call(s, 'reverse'),
                call(s, 'splitByCharacterType'),
                call(s, 'splitByCharacterTypeCamelCase'),
                'SKIP',
                'SKIP',
                'SKIP', // strip, stripEnd, stripStart: not Apex methods
                call(s, 'substringAfter', t),
                call(s, 'substringAfterLast', t),
                call(s, 'substringBefore', t),
                call(s, 'substringBeforeLast', t),
                call(s, 'substringBetween', t),
                call(s, 'substringBetween', t, 'b'),
                call(s, 'swapCase'),
                call(s, 'uncapitalize'),
                call(s, 'getLevenshteinDistance', t),
                call(s, 'getLevenshteinDistance', t, m),
                call(s, 'containsAny', t),
                call(s, 'containsNone', t),
                call(s, 'containsOnly', t),
                call(s, 'containsWhitespace'),
                call(s, 'containsIgnoreCase', t),
                call(s, 'startsWithIgnoreCase', t),
                call(s, 'endsWithIgnoreCase', t),
                call(s, 'escapeCsv'),
                'SKIP',
                call(s, 'escapeHtml4'),
                call(s, 'unescapeHtml4'),
                call(s, 'escapeJava'),
                call(s, 'lastIndexOfIgnoreCase', t),
                call(s, 'indexOfDifference', t),
                call(s, 'isNumericSpace'),
                call(s, 'escapeEcmaScript'),
                call(s, 'escapeHtml3'),
                call(s, 'unescapeHtml3'),
                call(s, 'unescapeJava'),
                call(s, 'unescapeEcmaScript')
            ]
                .map((x) =>
                    x.replace(
                        /[\x00-\x08\x0b-\x1f]/g,
                        (c) => '~x' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')
                    )
                )
                .map((x) => x.replace(/\n/g, '~n').replace(/\t/g, '~t'));
            const want = expected[i].split('\u0001');
            got.forEach((g, j) => {
                if (g === 'SKIP') return;
                // Where Commons throws, we must fail too (an Apex exception or a loud emulator error).
                if (want[j] === 'ERR') return assert.ok(g === 'ERR' || g === 'LOUD', `${line} #${j}: ${g}`);
                assert.equal(g, want[j], `${JSON.stringify(line)} #${j}`);
            });
        });
    }
);
